"""Layout noise: rule lines, sidebars, and the running lines (running.py).

Noise is never dropped here: each rule turns lines or blocks into ``noise``
blocks with a reason, and whether they are left out is decided later, when
the witnesses are compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dedupe.model import Line, Page
from dedupe.normalise.draft import Draft, next_bodies
from dedupe.normalise.habits import Habits, text_habits
from dedupe.normalise.running import running_lines
from dedupe.normalise.shape import (
    is_all_caps,
    is_heading_like,
    plain,
    starts_lowercase,
    word_count,
)

#: Geometry hints that mean "not running text", with the default reason.
LAYOUT_HINTS = {
    "header": "running header",
    "footer": "running footer",
    "page-number": "page number",
    "margin": "margin text",
    "pull-quote": "pull quote",
}
_RULE = re.compile(r"^\s*(?:[_\-—–=─━‗][ \t]?){3,}\s*$")


def hinted_layout(line: Line) -> str | None:
    """The noise reason a geometry pass gave a line, if it gave one.

    >>> hinted_layout(Line("The Digital Millennium Copyright Act", 0, 36, hint="header"))
    'running header (geometry)'
    """
    if line.hint in LAYOUT_HINTS:
        return line.hint_reason or f"{LAYOUT_HINTS[line.hint]} (geometry)"
    return None


def is_rule(text: str) -> bool:
    """A line drawn with characters: the rule above a page's footnotes, or a
    section divider. It carries no words.

    >>> is_rule("_________________"), is_rule("— — —"), is_rule("— 12 —")
    (True, True, False)
    """
    return bool(_RULE.match(text))


def layout_lines(pages: Sequence[Page]) -> dict[int, str]:
    """Every noise line of a source: the text rules, overruled by any geometry
    hint (a line hinted as a footnote is not a running header). A line with a
    box has been placed by the geometry pass, which knows the type and place
    of every line: where it found no running line, there is none (a title in
    display type on page 1 that reads like the running head is the title)."""
    found = running_lines(pages)
    index = 0
    for page in pages:
        for line in page.lines:
            if line.box is not None:
                found.pop(index, None)
            if is_rule(line.text):
                found.setdefault(index, "a rule line (footnote separator or divider)")
            if line.hint is not None:
                reason = hinted_layout(line)
                if reason:
                    found[index] = reason
                else:
                    found.pop(index, None)
            index += 1
    return found


def _label(d: Draft) -> str:
    return " ".join(plain(d.text).split())


_ROMAN = re.compile(r"(?=[IVXLCDM])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")


def _is_callout(d: Draft) -> bool:
    """A short all-capitals block without sentence punctuation or a number
    (``CHAPTER II`` is a numbered label, a heading)."""
    if d.kind != "paragraph" or d.region != "body" or len(d.text) > 200:
        return False
    text = plain(d.text)
    return (
        is_all_caps(text)
        and word_count(text) <= 8
        and not any(c in text for c in ".!?;")
        and not any(c.isdigit() for c in text)
        and not any(_ROMAN.fullmatch(word) for word in text.split())
    )


def mark_sentence_interrupters(drafts: list[Draft], text_file: bool = False) -> list[Draft]:
    """Short lines that cut a sentence in two become noise: a callout, a
    sidebar, or a line at the foot of a page, standing between a block that
    ends mid-sentence and the block that carries the sentence on in lower case.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(mark_sentence_interrupters(demo_drafts(
    ...     "The male genital structures were extracted and dry glued on the mounting card.\\n"
    ...     "The genital structures were photographed beneath glycerol with a 5-megapixel digital"
    ...     "\\n\\nManuscript accepted 04.04.2012\\n\\fcamera (Leica DFC425) under a stereomicroscope.")))
    paragraph: The male genital structures were extracted and dry glued on the mounting card. The genital structures were photographed beneath glycerol with a 5-megapixel digital
    noise: Manuscript accepted 04.04.2012  [out of the text flow: short line 'Manuscript accepted 04.04.2012' interrupts a sentence]
    paragraph: camera (Leica DFC425) under a stereomicroscope.
    """
    habits = text_habits(drafts) if text_file else None
    out = list(drafts)
    following = next_bodies(drafts)
    before: Draft | None = None  # the last body draft kept so far
    for i, d in enumerate(drafts):
        if not d.is_body:
            continue
        j = following[i]
        if not _interrupts(before, d, None if j is None else drafts[j], habits):
            before = d
            continue
        what = (
            f"probable sidebar: all-capitals callout '{_label(d)}'"
            if _is_callout(d)
            else f"out of the text flow: short line '{_label(d)}'"
        )
        out[i] = d.but(kind="noise", reason=f"{what} interrupts a sentence")
    return out


def _interrupts(
    before: Draft | None, d: Draft, after: Draft | None, habits: Habits | None = None
) -> bool:
    """Whether short ``d`` stands between a prose block ending mid-sentence
    and the lower-case block that carries the sentence on. In a text file
    whose lines are wrapped to a measure, ``before`` must end on a full line
    (one with room to spare ended its paragraph: OCR lost the full stop)."""
    from dedupe.normalise.paragraphs import continues

    if d.kind != "paragraph" or not is_heading_like(d.text):
        return False
    if before is None or after is None or before.kind != "paragraph":
        return False
    if is_heading_like(before.text):
        return False  # two short lines: the nearer one goes on, not an interrupter
    if not starts_lowercase(after.text) or continues(before, after) is None:
        return False
    words = after.text.split()
    return habits is None or habits.line_full(before.pieces[-1].text, words[0]) is not False


def mark_probable_sidebars(drafts: list[Draft]) -> list[Draft]:
    """Short all-capitals callouts followed by a heading, not by body text,
    become noise, unless the document sets its headings in capitals (one such
    callout is followed by body text). Title and author box are front matter
    and never looked at.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(mark_probable_sidebars(demo_drafts(
    ...     "They tested negative.\\n\\n**CENTRAL ASIA\\nPROGRAM**\\n\\n"
    ...     "Patient Zero and Sinophobia\\n\\nGiven their physical proximity, it is.")))
    paragraph: They tested negative.
    noise: **CENTRAL ASIA PROGRAM**  [probable sidebar: all-capitals callout 'CENTRAL ASIA PROGRAM' followed by a heading, not by body text]
    paragraph: Patient Zero and Sinophobia
    paragraph: Given their physical proximity, it is.
    """
    callouts = [i for i, d in enumerate(drafts) if _is_callout(d)]
    following = next_bodies(drafts)
    flagged: list[int] = []
    for i in callouts:
        j = following[i]
        after = None if j is None else drafts[j]
        if after is not None and not is_heading_like(after.text):
            return drafts  # the document's headings are in capitals
        flagged.append(i)
    out = list(drafts)
    for i in flagged:
        out[i] = drafts[i].but(
            kind="noise",
            reason=f"probable sidebar: all-capitals callout '{_label(drafts[i])}' "
            "followed by a heading, not by body text",
        )
    return out
