"""Witness text made safe inside Markdown: emphasis that pairs, code spans
that hold any reading, and escapes for what would otherwise become markup.

The canonical text takes words from several witnesses, so a Markdown
emphasis a witness opened may lose its closing half to another witness's
reading; an unpaired marker would then run emphasis over the rest of the
paragraph (or print as a stray ``*``). Here such markers are escaped, and
the ones that pair are kept.
"""

from __future__ import annotations

import re

from dedupe.normalise.fold import strip_emphasis, unescape_markdown

_RUN = re.compile(r"\*+|_+")
_BLOCK_START = re.compile(r"^(\s*)([#>+=|-]|\d{1,9}[.)](?=\s|$))")
_BACKTICKS = re.compile(r"`+")


def _side(text: str, at: int, end: int) -> str:
    """Whether the delimiter run ``text[at:end]`` can open, close, or neither."""
    before = text[at - 1] if at else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() and after.isspace():
        return ""
    if before.isalnum() and after.isalnum():
        return ""  # inside a word: snake_case, or no emphasis meant
    if not after.isspace() and (before.isspace() or not before.isalnum()):
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return ""


def balance_emphasis(text: str) -> str:
    """Keep emphasis markers that pair up in ``text``; escape the others.

    >>> balance_emphasis("the author of *We Love Death:* Britain's Terrorists* (London)")
    "the author of *We Love Death:* Britain's Terrorists\\\\* (London)"
    >>> balance_emphasis("**Senior* Associate and *The Times*, snake_case")
    '\\\\*\\\\*Senior\\\\* Associate and *The Times*, snake_case'
    """
    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    opened: list[int] = []  # indexes into runs
    paired: set[int] = set()
    for k, (at, end) in enumerate(runs):
        side = _side(text, at, end)
        if side == "open":
            opened.append(k)
        elif side == "close":
            match = next(
                (j for j in reversed(range(len(opened))) if _same(text, runs[opened[j]], runs[k])),
                None,
            )
            if match is not None:
                paired.update((opened[match], k))
                del opened[match:]
    out = []
    last = 0
    for k, (at, end) in enumerate(runs):
        if k in paired or (text[at] == "_" and _side(text, at, end) == ""):
            continue
        out.append(text[last:at] + "".join("\\" + c for c in text[at:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def _same(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    return text[a[0] : a[1]] == text[b[0] : b[1]]


def safe_block(text: str) -> str:
    """A paragraph or heading of canonical text as Markdown: its emphasis
    balanced, ``<`` escaped (no witness text becomes HTML), and a block
    opener at its start (``#``, ``>``, ``-``, ``1.``) escaped.

    >>> safe_block("1. Jan <b>bold</b>")
    '1\\\\. Jan \\\\<b>bold\\\\</b>'
    """
    text = balance_emphasis(text).replace("<", "\\<")
    match = _BLOCK_START.match(text)
    if match:
        mark = match.group(2)
        text = text[: match.start(2)] + mark[:-1] + "\\" + mark[-1] + text[match.end(2) :]
    return text


_PUNCT = re.compile(r"([\\`*_\[\]<>#|])")


def escaped(text: str) -> str:
    """Text to show as it reads, with no Markdown in it: witness emphasis
    dropped, then every character Markdown would read as markup escaped.

    >>> escaped("tie B '**RAFFAELLO' = A [x]")
    "tie B 'RAFFAELLO' = A \\\\[x\\\\]"
    """
    return _PUNCT.sub(r"\\\1", unescape_markdown(strip_emphasis(text)))


def code(text: str) -> str:
    """A reading as a Markdown code span, whatever backticks it holds.

    >>> code("**Senior*"), code("a `b` c"), code("`x")
    ('`**Senior*`', '``a `b` c``', '`` `x ``')
    """
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
