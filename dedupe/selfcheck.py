"""The self-check every run makes: is the canonical text worse than a witness?

Without ground truth, two signs tell a canonical text that went wrong:

- **implausible words**: a word is implausible when the word list of the
  document's language (wordfreq, Zipf 0) does not know it and only one
  witness reads it anywhere. Words with digits, hyphens or apostrophes are
  not counted (numbers, compounds, elisions); a word two or more witnesses
  read alike is the document's own vocabulary (a name, a term), not a
  misreading. The canonical text should have no more of them than its best
  witness: if it has clearly more, it kept one witness's misreadings or junk
  (page-foot OCR garbage, a garbled passage only one copy has).
- **repeats**: a canonical text that has clearly more words in repeated
  runs (five words the text has more than once) than any witness, or is much
  longer than every witness, holds some passage twice (a pull quote, a
  page-break doubling, two readings of a passage misaligned, two tables of
  contents). Two witnesses' readings of one passage differ in their OCR
  errors, so exact runs miss them: a paragraph that has a fuzzy copy
  elsewhere in the text (character 6-grams, ``dedupe.copies``) counts too.

It reads the decided Collation only, once, after the decisions; the
renderers read its figures from ``Collation.selfcheck``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from dedupe.copies import MIN_CHARS, CopyIndex
from dedupe.lexicon import guess_language, prefetch, zipf
from dedupe.model import Collation, Document, SelfCheck, TextCheck
from dedupe.normalise.fold import core_words, squash

#: The canonical rate must exceed the best witness's by this much (absolute)...
RATE_MARGIN = 0.005
#: ... and by this share of the best witness's rate, to warn.
RATE_SHARE = 0.25
#: Fewest implausible words above what the best witness's rate predicts that warn.
RATE_WORDS = 10
#: Text the best witness lacks warns when this share of its words is implausible.
JUNK = 0.2
#: Words in a run the repeat test looks for.
RUN = 5
#: The canonical text may have this share of its words (and this many) more in
#: repeated runs than the witness with most, before it warns.
REPEATED_SHARE = 0.025
REPEATED_WORDS = 30
#: The canonical text may be this much longer than its longest witness...
LONGER = 1.10
LONGER_WORDS = 20  # ... and this many words, before it warns
#: Below this share of known words the guessed language's list says nothing.
KNOWN_FLOOR = 0.5


def words_of(texts: Iterable[str]) -> list[str]:
    """The counted words of some texts: bare, case folded, letters only."""
    return [w for text in texts for w in core_words(text) if w.isalpha()]


def repeated(words: list[str], n: int = RUN) -> int:
    """How many words stand in a run of ``n`` words the text has twice or more.

    >>> repeated("a b c d e f g a b c d e f h".split())
    12
    """
    runs = Counter(zip(*(words[k:] for k in range(n)), strict=False))
    covered = bytearray(len(words))
    for i, run in enumerate(zip(*(words[k:] for k in range(n)), strict=False)):
        if runs[run] > 1:
            covered[i : i + n] = b"\x01" * n
    return covered.count(1)


def fuzzy_repeated(paragraphs: list[str]) -> int:
    """Words in paragraphs that have a copy elsewhere in the text, through
    OCR noise (a paragraph two witnesses read differently, kept twice)."""
    keys = [squash(p) for p in paragraphs]
    index = CopyIndex("".join(keys))
    at, total = 0, 0
    for text, key in zip(paragraphs, keys, strict=True):
        if len(key) >= MIN_CHARS and index.find(key, exclude=(at, at + len(key)), limit=1):
            total += len(text.split())
        at += len(key)
    return total


class Plausibility:
    """Which words are implausible in this collation (see the module doc)."""

    def __init__(self, texts: dict[str, list[str]]) -> None:
        self.readers: Counter[str] = Counter(w for ws in texts.values() for w in set(ws))
        # the words are bare and case folded already: counted as they are
        self.language = guess_language(Counter(w for ws in texts.values() for w in ws))
        prefetch(self.readers, self.language)
        self.known = {w for w in self.readers if zipf(w, self.language) > 0}
        share = max(
            (sum(w in self.known for w in ws) / len(ws) for ws in texts.values() if ws),
            default=0.0,
        )
        self.rated = share >= KNOWN_FLOOR

    def count(self, words: list[str], repeats: bool = True) -> TextCheck:
        bad = sum(1 for w in words if w not in self.known and self.readers[w] < 2)
        return TextCheck(len(words), bad, repeated=repeated(words) if repeats else 0)


WitnessChecks = tuple[Plausibility, dict[str, TextCheck]]


def witness_checks(docs: Sequence[Document]) -> WitnessChecks:
    """What the self-check finds in the witnesses alone: which words are
    implausible, and each witness's figures. It needs no collation, so a
    large run computes it beside the collation (``dedupe.parallel``)."""
    texts = {d.witness.id: words_of(b.text for b in d.blocks if b.kind != "noise") for d in docs}
    words = Plausibility(texts)
    witnesses = {}
    for doc in docs:
        noise = doc.noise
        witnesses[doc.witness.id] = replace(
            words.count(texts[doc.witness.id]),
            noise_blocks=len(noise),
            noise_words=sum(len(b.text.split()) for b in noise),
        )
    return words, witnesses


def self_check(collation: Collation, checked: WitnessChecks | None = None) -> SelfCheck:
    """The figures and warnings of a collation; ``checked`` is
    ``witness_checks`` of its documents where it was computed already."""
    words, witnesses = checked or witness_checks(collation.documents)
    best = min(witnesses, key=lambda w: (witnesses[w].rate, w))
    text = [u for u in collation.units if u.kind != "noise"]
    left_out = [
        c
        for u in collation.units
        for c in u.columns
        if c.kind == "layout" and not c.break_place and c.canonical is None
    ]
    canonical = replace(
        words.count(words_of(u.text() for u in text)),
        noise_blocks=len(left_out),
        noise_words=sum(max(len((r or "").split()) for r in c.readings.values()) for c in left_out),
    )
    shared = words.count(words_of(u.text() for u in text if u.blocks.get(best)), False)
    elsewhere = words.count(words_of(u.text() for u in text if not u.blocks.get(best)), False)
    check = SelfCheck(words.language, words.rated, witnesses, canonical, best, shared, elsewhere)
    warnings = worse_than_a_witness(check)
    if not any("twice" in w for w in warnings):
        warnings += fuzzy_copies(collation, [u.text() for u in text])
    return replace(check, warnings=tuple(warnings))


def fuzzy_copies(collation: Collation, paragraphs: list[str]) -> list[str]:
    """A warning where the canonical text has clearly more paragraphs with a
    fuzzy copy elsewhere in it than any witness has (witnesses are read only
    when the canonical text has enough to warn)."""
    mine = fuzzy_repeated(paragraphs)
    words = sum(len(p.split()) for p in paragraphs)
    need = max(REPEATED_WORDS, REPEATED_SHARE * words)
    if mine < need:
        return []
    most = 0
    for d in collation.documents:  # one witness with as many is enough to say no
        most = max(most, fuzzy_repeated([b.text for b in d.blocks if b.kind != "noise"]))
        if mine - most < need:
            return []
    return [
        f"self-check: {mine} words of the canonical text stand in paragraphs that have a "
        f"near copy elsewhere in it (through OCR errors), {mine - most} more than in any "
        "witness: some passage may be in it twice, as two witnesses read it"
    ]


def worse_than_a_witness(check: SelfCheck) -> list[str]:
    """The warnings: the canonical text reads worse, or runs longer, than a witness."""
    out = []
    best = check.witnesses[check.best]
    if check.rated and check.shared and check.elsewhere:
        shared, rate = check.shared, best.rate
        if (
            shared.rate > rate + max(RATE_MARGIN, RATE_SHARE * rate)
            and shared.implausible - rate * shared.words >= RATE_WORDS
        ):
            out.append(
                f"self-check: where witness {check.best} has text, the canonical text has "
                f"{shared.rate:.1%} implausible words against {check.best}'s own {rate:.1%}: "
                "it may keep another witness's misreadings; review it, or name the better "
                "witness with --prefer"
            )
        junk = check.elsewhere
        if junk.implausible >= RATE_WORDS and junk.rate >= JUNK:
            out.append(
                f"self-check: the canonical text keeps {junk.words} words that witness "
                f"{check.best} lacks, {junk.rate:.0%} of them implausible: OCR junk, layout "
                "or a passage kept twice from another witness"
            )
    most_repeats = max(c.repeated for c in check.witnesses.values())
    extra = check.canonical.repeated - most_repeats
    if extra >= max(REPEATED_WORDS, REPEATED_SHARE * check.canonical.words):
        out.append(
            f"self-check: {check.canonical.repeated} words of the canonical text repeat a "
            f"run of words found elsewhere in it, {extra} more than in any witness: some "
            "passage may be in it twice"
        )
    longest = max(check.witnesses, key=lambda w: (check.witnesses[w].words, w))
    most = check.witnesses[longest].words
    whole = check.canonical.words
    if whole > most * LONGER and whole - most >= LONGER_WORDS:
        out.append(
            f"self-check: the canonical text has {whole} words, more than every witness "
            f"(the longest, {longest}, has {most}): some passage may be in it twice"
        )
    return out
