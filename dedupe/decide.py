"""Decide: give every differing column a kind, a canonical reading and a reason.

The order of evidence, strongest first:

1. a passage some witnesses lack enters the canonical text on evidence and
   never twice (``dedupe.passages``): a copy of text kept elsewhere is
   layout, a minority's passage is left out by majority, and with no
   majority it must be plausible body text; every reading stays a variant;
2. with three or more witnesses, the majority reading wins;
3. where readings tie: ALL CAPS loses to mixed case; a reading with low OCR
   confidence loses; a word the document uses elsewhere beats one it never
   uses; a common word of the language beats an unknown one;
4. the preferred witness (``--prefer``) wins where the evidence is even,
   then the witness that reads more carefully (with two witnesses, words one
   lacks are kept where they are words, and junk follows the careful one);
5. otherwise a content-based choice (so the result never depends on the
   order of the witnesses), with low confidence and a review flag.

Typography (quotes, dashes, emphasis, ligatures, marker style) follows one
house style and is never a reason to prefer a witness.
"""

from __future__ import annotations

import math
import re
from collections import ChainMap, Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from dedupe.confidence import temper
from dedupe.copies import MIN_CHARS, NOISE_WORDS, letters, like_noise
from dedupe.echoes import echoes, votes
from dedupe.echoes import floor as phrase_floor
from dedupe.lexicon import fold_counts, guess_language, prefetch, word_counts, zipf
from dedupe.model import PARAGRAPH_BREAK, RUN_ON, Column, Document, Unit, evolve
from dedupe.neighbours import settle_neighbours
from dedupe.normalise.fold import core_words, fold, squash
from dedupe.occurrences import place_confidences
from dedupe.passages import best_reading, opens_document, settle_passages
from dedupe.style import apply_quotes
from dedupe.track_record import misreading_rates, odds

#: Severity of a difference: the column's kind is its most severe pair.
SEVERITY = (
    "typography",
    "case",
    "punctuation",
    "spacing",
    "spelling",
    "omission",
    "addition",
    "substantive",
)
REVIEW_BELOW = 0.6
CAREFUL = 0.25  # weight of that reliability in a tie of three or more readings
TRACK = 0.5  # weight of a witness's track record (log-odds) in a tie
#: below this OCR word confidence, words only one of two witnesses reads are a speck's
SPECK_CONFIDENCE = 0.5
#: a run of dots leading the eye to a number or name (a table of contents, an
#: index, a key): print, though engines read it at low confidence or drop it
LEADER = re.compile(r"(?:\. ?){5,}")
RECORD_GAP = 0.5  # log-odds of records (1.6 times the misreadings) that settle junk one lacks
RELIABLE = 0.2  # difference in reliability (log-odds of known words) that breaks a bare tie
CENTRAL = 3.0  # weight of a reading's likeness to all others in a tie of three or more
_EMPHASIS = re.compile(r"(^|\s)[*_]|[*_]($|\s|[.,;:!?)])")
_NON_WORD = re.compile(r"[\W_]+")
#: a comma, semicolon, colon, ? or ! (and a closing quote) run into a letter
_RUN_ON = re.compile(r"[a-z][,;:?!][\"')\]]*[A-Za-z]|[a-z][?!][\"')\]]*[a-z]")


@dataclass(frozen=True)
class Evidence:
    """What the whole collation knows about words, gathered once."""

    counts: Counter[str]  # case-folded word counts over every witness
    exact: Counter[str]  # word counts with case kept
    language: str
    confidence: dict[str, dict[str, float]]  # witness -> folded word -> OCR confidence
    prefer: str | None
    quotes: str
    witnesses: int
    noise: frozenset[str] = frozenset()  # letters of every noise line any witness has
    #: per witness: log-odds that its words are words of the language
    weights: dict[str, float] = field(default_factory=dict)
    #: per witness: its case-folded word counts
    read_by: dict[str, Counter[str]] = field(default_factory=dict)
    #: per witness: the historical letterforms (``HISTORICAL``) it ever writes
    letterforms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: pairs of witnesses that echo each other's errors (``dedupe.echoes``)
    echo: frozenset[frozenset[str]] = frozenset()
    #: per witness: how often it misreads where the witnesses disagree (``track_record``)
    record: dict[str, float] = field(default_factory=dict)

    def votes(self, wids: Sequence[str]) -> int:
        return votes(wids, self.echo)

    def elsewhere(self, word: str, wids: Sequence[str]) -> int:
        """How often the witnesses that do not read ``word`` here read it
        elsewhere: an engine that repeats its own misreading (``polled`` for
        ``polleti``, ``&amp;`` for ``&``) is no evidence for it. Without
        per-witness counts, every use but this column's own."""
        if not self.read_by:
            return self.counts[word] - len(wids)
        return sum(n[word] for w, n in self.read_by.items() if w not in wids)

    @classmethod
    def gather(
        cls, docs: Sequence[Document], prefer: str | None, quotes: str, confident: bool = True
    ) -> Evidence:
        """What the witnesses tell; with ``confident`` False, without their
        OCR word confidences (``with_confidences`` adds them: a process forked
        to gather the rest need not touch every word object)."""
        texts = {
            d.witness.id: "\n".join(b.text for b in d.blocks if b.kind != "noise") for d in docs
        }
        read_by = {w: word_counts(t) for w, t in texts.items()}
        counts: Counter[str] = Counter()
        for seen_by in read_by.values():  # in place: sum() copied the total once a witness
            counts.update(seen_by)
        exact = fold_counts(Counter("\n".join(texts.values()).split()), core_case)
        confidence = word_confidences(docs) if confident else {}
        noise = frozenset(layout_lines(docs))
        language = guess_language(counts)
        prefetch(counts, language)
        return cls(
            counts,
            exact,
            language,
            confidence,
            prefer,
            quotes,
            len(docs),
            noise,
            reliability(docs, language),
            read_by,
            {w: frozenset(c for c in HISTORICAL if c in t) for w, t in texts.items()},
        )


def at_place(ev: Evidence, local: dict[str, dict[str, float]] | None) -> Evidence:
    """The evidence with the witnesses' OCR confidences at one place
    (``dedupe.occurrences``) before their confidences anywhere."""
    if not local:
        return ev
    confidence = {w: ChainMap(local.get(w, {}), seen) for w, seen in ev.confidence.items()}
    return evolve(ev, confidence=confidence)


def word_confidences(docs: Sequence[Document]) -> dict[str, dict[str, float]]:
    """Per witness, the lowest OCR confidence of each folded word it reads."""
    confidence: dict[str, dict[str, float]] = {}
    for d in docs:
        seen: dict[str, float] = {}
        for b in d.blocks:
            for w in b.confidences:
                k = fold(w.text)
                seen[k] = min(seen.get(k, 1.0), w.confidence)
        confidence[d.witness.id] = seen
    return confidence


#: Letterforms of historical print that the comparison key folds away (the
#: long s, the old umlaut's small e over the vowel). An engine that never
#: writes one anywhere modernises it: its plain form is no evidence against
#: the old one another engine reads.
HISTORICAL = frozenset("\u017f\u0364")

#: Words sampled per witness to judge how carefully it reads.
SAMPLE_WORDS = 20_000


def reliability(docs: Sequence[Document], language: str) -> dict[str, float]:
    """How carefully each witness reads: the log-odds of its words being
    words of the language (a label-free estimate of an OCR engine's accuracy).
    It breaks ties between equally supported readings; it never outvotes a
    majority. Where the language has no word list, it says nothing.
    """
    rates = {}
    for d in docs:
        every = (w for b in d.body for w in core_words(b.text) if w.isalpha())
        words = list(islice(every, SAMPLE_WORDS))
        known = sum(1 for w in words if zipf(w, language) > 0)
        rates[d.witness.id] = (known + 1) / (len(words) + 2)
    if max(rates.values()) < 0.5:
        return {}
    return {w: min(5.0, max(0.25, math.log(r / (1 - r)))) for w, r in rates.items()}


#: a line out of the text flow with this many letters that some witness's body
#: paragraphs hold is a copy of the body (a pull quote the normaliser did not
#: know, a line read twice), not furniture: where one witness has only that
#: copy, the other's body text like it is body text, not a layout line
BODY_COPY_LETTERS = 25


def layout_lines(docs: Sequence[Document]) -> set[str]:
    """``letters`` of the witnesses' noise lines that are furniture (running
    heads and footers, page numbers, stray lines), not copies of body text
    (pull quotes, and lines out of the text flow some witness's body holds)."""
    out, doubtful = set(), set()
    for d in docs:
        for b in d.noise:
            reason = b.reason or ""
            if len(b.text) >= 120 or reason.startswith("pull quote"):
                continue
            key = letters(b.text)
            if len(key) >= BODY_COPY_LETTERS and reason.startswith("out of the text flow"):
                doubtful.add(key)
            else:
                out.add(key)
    doubtful -= out
    if doubtful:
        body = "\n".join(letters(b.text) for d in docs for b in d.blocks if b.kind == "paragraph")
        out |= {key for key in doubtful if key not in body}
    return out - {""}


def looks_like_known_noise(text: str, ev: Evidence) -> str | None:
    """A short line that resembles a line some witness's layout noise has."""
    return like_noise(text, ev.noise)


def core_case(word: str) -> str:
    return _NON_WORD.sub("", fold(word))


def decide(
    docs: Sequence[Document],
    units: Sequence[Unit],
    prefer: str | None = None,
    quotes: str = "straight",
    evidence: Evidence | None = None,
) -> list[Unit]:
    """Every column decided; ``evidence`` is ``Evidence.gather(docs, prefer,
    quotes)`` where another process gathered it already."""
    if evidence is None:
        evidence = Evidence.gather(docs, prefer, quotes)
    else:  # gathered elsewhere: this process's word frequencies readied as there
        prefetch(evidence.counts, evidence.language)
    if len(docs) >= 3:
        evidence = evolve(evidence, echo=echoes(units, evidence.language))
    ev = evidence
    record = misreading_rates(
        units,
        lambda word, wids: plausible_word(word, wids, ev),
        lambda reading: lexicon_zipf(reading, ev.language),
    )
    evidence = evolve(evidence, record=record)
    reasons = {d.witness.id: d for d in docs}
    sure_at = place_confidences(docs, units) if evidence.confidence else {}
    out = []
    for u, unit in enumerate(units):
        if unit.kind == "noise":
            out.append(
                evolve(unit, columns=tuple(layout_column(c, unit, reasons) for c in unit.columns))
            )
            continue
        lacking = {w for w, idx in unit.blocks.items() if not idx}
        if (
            lacking
            and not opens_document(unit, reasons)
            and len(lacking) * 2 >= len(unit.blocks)
            and len(unit.columns) <= NOISE_WORDS
        ):
            have = [w for w in unit.blocks if w not in lacking]
            text = " ".join(c.readings.get(have[0]) or "" for c in unit.columns)
            if looks_like_known_noise(text, evidence):
                why = (
                    f"only in {names(have)} and like the layout noise other witnesses "
                    "print (a damaged running head or page number): left out"
                )
                columns = tuple(
                    evolve(c, kind="layout", canonical=None, confidence=0.7, reason=why)
                    for c in unit.columns
                )
                out.append(evolve(unit, columns=columns))
                continue
        # a one-sided unit too short for ``passages`` (which judges the longer ones) is judged here
        short = (
            bool(lacking)
            and len(squash(unit.text() or best_reading(unit.columns, list(unit.blocks))))
            < MIN_CHARS
        )
        columns = once_glued(
            [
                decide_column(c, lacking, at_place(evidence, sure_at.get((u, i))), short)
                for i, c in enumerate(unit.columns)
            ]
        )
        columns = keep_whole(columns, lacking, evidence)
        if unit.moved:
            columns = mark_moved(columns)
        if any(c.breaks for c in columns):
            present = [w for w in unit.blocks if w not in lacking]
            places = unit.section == "body"  # a note is one line: no paragraphs to report
            columns = paragraph_breaks(columns, present, evidence.weights, places)
        out.append(evolve(unit, columns=tuple(columns)))
    out = settle_passages(
        docs,
        out,
        evidence.weights,
        evidence.language,
        evidence.counts,
        evidence.record,
        evidence.noise,
    )
    out = settle_neighbours(out, evidence.record, evidence.weights)
    return [evolve(u, columns=tuple(map(temper, u.columns))) for u in out]


_SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
_SENTENCE_START = re.compile(r"^[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u00de]")


def paragraph_breaks(
    columns: list[Column],
    present: list[str],
    weights: dict[str, float] | None = None,
    places: bool = True,
) -> list[Column]:
    """Where the witnesses of one place break paragraphs differently, the
    canonical text breaks where most of them do, never before a lower-case
    word; where they are even, a break in mid sentence is a page break the other witness did not have,
    then the more careful witness decides, then a break between sentences
    stands. Each such place is reported (where ``places``) as a ``layout``
    variant of its own (a break place standing right before the column it
    breaks), so an editor sees and can overrule it."""
    out: list[Column] = []
    for k, col in enumerate(columns):
        if not col.breaks or not k:
            out.append(col)
            continue
        brk, confidence, why = break_decision(columns, k, present, weights or {})
        if places and any(w not in col.breaks for w in present):  # the witnesses differ
            out.append(break_place(columns, k, present, brk, confidence, why))
        out.append(evolve(col, paragraph=brk))
    return out


def break_decision(
    columns: list[Column], k: int, present: list[str], weights: dict[str, float]
) -> tuple[bool, float, str]:
    """Whether the canonical text starts a paragraph at column ``k``, with
    confidence and reason."""
    breakers = [w for w in present if w in columns[k].breaks]
    runners = [w for w in present if w not in columns[k].breaks]
    # the breaking witnesses' own words: where their paragraph ends and the next starts
    before = own_reading(columns, range(k - 1, -1, -1), breakers)
    after = own_reading(columns, range(k, len(columns)), breakers)
    # no paragraph starts in lower case: a page break copies of one layout share;
    # each breaking witness's own next word counts (one engine's `l.` for `1.` is not it)
    lower = sum(starts_lower(own_reading(columns, range(k, len(columns)), [w])) for w in breakers)
    if 2 * lower > len(breakers):
        return False, 0.8, "the next word is in lower case, mid sentence (a page or column break)"
    if len(breakers) != len(runners):
        brk = len(breakers) > len(runners)
        side = max(len(breakers), len(runners))
        return brk, side / len(present), f"majority ({side} of {len(present)} witnesses)"
    if not (_SENTENCE_END.search(before) and _SENTENCE_START.match(after)):
        return False, 0.8, "even witnesses; the break cuts a sentence (a page or column break)"
    careful = {
        side: max((weights.get(w, 0.0) for w in wids), default=0.0)
        for side, wids in ((True, breakers), (False, runners))
    }
    if abs(careful[True] - careful[False]) >= RELIABLE:
        brk = careful[True] > careful[False]
        who = max(breakers if brk else runners, key=lambda w: weights.get(w, 0.0))
        return (
            brk,
            0.6,
            (
                f"even witnesses; {who} reads more carefully elsewhere "
                "(more of its words are words of the language)"
            ),
        )
    return True, 0.6, "even witnesses; a break between two sentences stands"


def own_reading(columns: Sequence[Column], order: range, wids: list[str]) -> str:
    """The first reading any of ``wids`` has, going through ``columns`` in ``order``."""
    for i in order:
        for w in wids:
            if columns[i].readings.get(w):
                return columns[i].readings[w] or ""
    return ""


def starts_lower(text: str) -> bool:
    """Whether a text starts with a lower-case letter (quotes and brackets skipped).

    >>> starts_lower("(and Kazakhs"), starts_lower("“The"), starts_lower("11 China")
    (True, False, False)
    """
    first = text.lstrip("\"'“‘([")[:1]
    return first.islower()


#: Words of context a break place's reason quotes on each side.
BREAK_CONTEXT = 4


def nearby_words(columns: Sequence[Column], k: int, backwards: bool = False) -> list[str]:
    """The ``BREAK_CONTEXT`` canonical words nearest column ``k``: from it on,
    or (``backwards``) before it, in reading order; only the columns needed are read."""
    words: list[str] = []
    for i in range(k - 1, -1, -1) if backwards else range(k, len(columns)):
        if columns[i].canonical:
            mine = columns[i].canonical.split()
            words.extend(reversed(mine) if backwards else mine)
            if len(words) >= BREAK_CONTEXT:
                break
    words = words[:BREAK_CONTEXT]
    return words[::-1] if backwards else words


def break_place(
    columns: list[Column], k: int, present: list[str], brk: bool, confidence: float, why: str
) -> Column:
    """The layout variant for a paragraph break some witnesses have before
    column ``k`` and others not: readings ``¶`` (breaks) or ``""`` (runs on)."""
    col = columns[k]
    readings = {
        w: (PARAGRAPH_BREAK if w in col.breaks else RUN_ON) if w in present else None
        for w in col.readings
    }
    breakers = [w for w in present if w in col.breaks]
    runners = [w for w in present if w not in col.breaks]
    before = " ".join(nearby_words(columns, k, backwards=True))
    after = " ".join(nearby_words(columns, k))
    if brk:
        what = (
            f"paragraphs merged in {names(runners)} (…{before} {after}…); "
            f"{names(breakers)} {plural(breakers, 'starts', 'start')} a new paragraph at {after!r}"
        )
    else:
        what = (
            f"paragraph split after …{before!r} in {names(breakers)} "
            f"(before {after!r}); {names(runners)} {plural(runners, 'runs', 'run')} on"
        )
    return Column(
        readings,
        kind="layout",
        canonical=PARAGRAPH_BREAK if brk else RUN_ON,
        reason=f"{what}: {why}",
        confidence=round(confidence, 3),
        review=confidence < REVIEW_BELOW,
        break_place=True,
    )


def keep_whole(columns: list[Column], lacking: set[str], ev: Evidence) -> list[Column]:
    """Where voting column by column would make a place much shorter or
    longer than what the witnesses read (repeated words and heavy damage can
    misalign three or more witnesses), the reading of the witness closest to
    all others is kept whole instead, flagged for review."""
    present = [w for w in columns[0].readings if w not in lacking] if columns else []
    if len(present) < 3:
        return columns
    words = {w: sum(len((c.readings.get(w) or "").split()) for c in columns) for w in present}
    typical = sorted(words.values())[len(words) // 2]
    canonical = sum(len((c.canonical or "").split()) for c in columns)
    if abs(canonical - typical) <= max(3, 0.15 * typical):
        return columns
    texts = {w: squash(" ".join(c.readings.get(w) or "" for c in columns)) for w in present}
    centre = max(
        sorted(present),
        key=lambda w: sum(fuzz.ratio(texts[w], texts[o]) for o in present if o != w),
    )
    reason = (
        f"the witnesses align poorly here: {centre}, the reading closest to all the others, "
        f"is kept whole ({canonical} words by column against {typical} in a typical witness)"
    )
    out = []
    for col in columns:
        mine = col.readings.get(centre)
        form = apply_quotes(mine, ev.quotes) if mine else None
        if col.kind is None and col.canonical == form:
            out.append(col)
            continue
        others = [r for w, r in col.readings.items() if r != mine]
        kind = column_kind(form, others) if others else col.kind
        if kind in ("addition", "omission"):
            kind = presence_kind(col.readings)
        out.append(
            evolve(col, canonical=form, kind=kind, reason=reason, confidence=0.5, review=True)
        )
    return out


def mark_moved(columns: list[Column]) -> list[Column]:
    """A paragraph standing at another place in some witness is reported once,
    as ``moved``, on its first column: not as a deletion plus an addition."""
    for k, col in enumerate(columns):
        if col.kind is None:
            columns[k] = evolve(
                col,
                kind="moved",
                confidence=1.0,
                reason="this paragraph stands at another place in some witnesses",
            )
            break
    return columns


def layout_column(col: Column, unit: Unit, docs: dict[str, Document]) -> Column:
    have = [w for w, r in col.readings.items() if r is not None]
    lack = [w for w, r in col.readings.items() if r is None]
    why = next(
        (
            docs[w].blocks[i].reason
            for w in have
            for i in unit.blocks[w]
            if docs[w].blocks[i].reason
        ),
        "layout noise",
    )
    return evolve(
        col,
        kind="layout",
        canonical=None,
        confidence=0.8,
        reason=f"{why}; only in {', '.join(have)}, not in {', '.join(lack)}: left out",
    )


def decide_column(col: Column, lacking: set[str], ev: Evidence, short: bool = False) -> Column:
    readings = col.readings
    values = set(readings.values())
    if len(values) == 1:
        (only,) = values
        # built directly: most columns agree, and dataclasses.replace is slow
        canonical = apply_quotes(only, ev.quotes) if only else None
        return Column(readings, None, canonical, "", 1.0, False, col.breaks, col.paragraph)
    groups: dict[str | None, list[str]] = {}
    for wid, reading in readings.items():
        groups.setdefault(None if reading is None else fold(reading), []).append(wid)
    if None not in groups and len(groups) == 1:
        canonical = typographic_choice({w: r for w, r in readings.items() if r}, ev)
        return evolve(
            col,
            kind="typography",
            canonical=canonical,
            confidence=1.0,
            reason=f"typography only: house style ({ev.quotes} quotes)",
        )
    forms = {key: form_of(key, groups[key], readings, ev) for key in groups}
    key, confidence, reason = choose(groups, forms, readings, lacking, ev, short)
    canonical = forms[key]
    kind = column_kind(canonical, [forms[k] for k in groups if k != key])
    if kind in ("addition", "omission"):
        kind = presence_kind(readings)
    return evolve(
        col,
        kind=kind,
        canonical=canonical,
        confidence=round(confidence, 3),
        reason=reason,
        review=confidence < REVIEW_BELOW,
    )


def form_of(key: str | None, wids: list[str], readings: dict, ev: Evidence) -> str | None:
    if key is None:
        return None
    return typographic_choice({w: readings[w] for w in wids}, ev)


def typographic_choice(readings: dict[str, str], ev: Evidence) -> str:
    """One spelling of typographically equal readings, in house style.

    Emphasis markup is kept (Markdown shows it, plain text drops it); then
    the form most witnesses read, where a witness that never writes a
    historical letterform another form has (``ſind`` against its ``sind``)
    does not vote; then the form of the witness that reads more carefully
    elsewhere; then a fixed order, never the witness order.
    """
    forms = set(readings.values())
    if len(forms) > 1:
        marks = HISTORICAL.intersection("".join(forms))
        voters = [w for w in readings if marks <= ev.letterforms.get(w, marks)] or list(readings)
    else:
        voters = list(readings)
    votes = Counter(readings[w] for w in voters)
    care = {
        r: max((ev.weights.get(w, 0.0) for w in voters if readings[w] == r), default=0.0)
        for r in votes
    }
    best = min(
        votes or forms, key=lambda r: (not _EMPHASIS.search(r), -votes[r], -care.get(r, 0.0), r)
    )
    return apply_quotes(best, ev.quotes)


def plural(wids: list[str], one: str, many: str) -> str:
    return one if len(wids) == 1 else many


def names(wids: list[str]) -> str:
    return ", ".join(sorted(wids))


def choose(
    groups: dict[str | None, list[str]],
    forms: dict[str | None, str | None],
    readings: dict[str, str | None],
    lacking: set[str],
    ev: Evidence,
    short: bool = False,
) -> tuple[str | None, float, str]:
    """The canonical key among the groups of readings, with confidence and reason
    (``short``: the column is of a one-sided passage too short for ``passages``)."""
    everyone = list(readings)
    if None in groups and lacking and set(groups[None]) <= lacking:
        present = {k: v for k, v in groups.items() if k is not None}
        if len(present) == 1:
            (key,) = present
            have = present[key]
            if short and 2 * ev.votes(have) < len(everyone):
                return (
                    None,
                    round(1 - len(have) / len(everyone), 3),
                    f"only {names(have)} of {len(everyone)} witnesses has this passage: "
                    "left out by majority",
                )
            if short and 2 * ev.votes(have) == len(everyone):
                return presence_tie(key, groups, forms, ev)  # words kept, junk to the careful
            return (key, 0.9, f"only {names(have)} has this passage; kept (nothing is lost)")
        groups = present
    # witnesses that echo each other's errors are one vote (dedupe.echoes)
    support = {k: ev.votes(groups[k]) for k in groups}
    top = max(support.values())
    leaders = [k for k in groups if support[k] == top]
    if len(leaders) == 1 and ev.witnesses >= 3:
        key = leaders[0]
        word = word_against_majority(key, groups, forms, ev)
        if word is not None:
            others = [w for w in everyone if w not in groups[word]]
            return (
                word,
                0.6,
                f"{names(groups[word])} against {names(others)}: the majority's "
                f"{forms[key]!r} is no word of the language, {forms[word]!r} is",
            )
        others = [w for w in everyone if w not in groups[key]]
        n = len(everyone)
        vote = "majority" if 2 * top > n else "plurality"
        return (
            key,
            vote_confidence(top, n),
            f"{names(groups[key])} against {names(others)}: {vote} ({top} of {len(everyone)})",
        )
    if None in leaders and len(leaders) > 1:
        leaders = [k for k in leaders if k is not None]
        if len(leaders) == 1:
            return presence_tie(leaders[0], groups, forms, ev)
    if ev.witnesses >= 3 and None not in leaders:
        # tied non-words against a common word some other witness reads
        words = {word_against_majority(k, groups, forms, ev) for k in leaders}
        if len(words) == 1 and None not in words:
            (word,) = words
            return (
                word,
                0.55,
                f"tie {tie_text(leaders, groups, forms)}, neither a word of the language; "
                f"{names(groups[word])} read {forms[word]!r}",
            )
    lost = lost_passage(leaders, groups, forms, ev)
    if lost is not None:
        return lost
    key, confidence, reason = weigh(leaders, groups, forms, ev)
    echoed = [names(groups[k]) for k in leaders if ev.votes(groups[k]) < len(groups[k])]
    if echoed:
        reason += f" ({'; '.join(echoed)}: echoes of one engine's errors, one vote)"
    return key, confidence, reason


#: a tie of a passage of this many words against a reading of at most a
#: quarter as many is a passage one witness lost, not two readings of one place
PASSAGE_WORDS = 8
KNOWN_SHARE = 0.8  # ... and this share of its words are words


def lost_passage(
    leaders: list[str | None],
    groups: dict[str | None, list[str]],
    forms: dict[str | None, str | None],
    ev: Evidence,
) -> tuple[str | None, float, str] | None:
    """A passage of words tied against a reading a fraction of its length (a
    scan lost a column's lines and read a stray word there): kept where its
    words are words, as an engine drops text more often than it invents it."""
    if len(leaders) != 2 or None in leaders:
        return None
    long, short = sorted(leaders, key=lambda k: -len((forms[k] or "").split()))
    n_long, n_short = len((forms[long] or "").split()), len((forms[short] or "").split())
    if n_long < PASSAGE_WORDS or 4 * n_short > n_long:
        return None
    if not ev.record or odds(ev.record, groups[long], groups[short]) < RECORD_GAP:
        return None  # only the witness that misreads less elsewhere: a rough scan's long
        # readings are as often notes or a column read out of place
    words = core_words(forms[long] or "")
    known = sum(plausible_word(w, groups[long], ev) for w in words) / max(1, len(words))
    if known < KNOWN_SHARE:
        return None
    return (
        long,
        0.6,
        f"tie {tie_text(leaders, groups, forms)}: {names(groups[short])} reads "
        f"{n_short} word{'s' if n_short > 1 else ''} where {names(groups[long])} reads "
        f"{n_long}, {known:.0%} of them words (a passage lost, not another reading): kept",
    )


def vote_confidence(top: int, n: int) -> float:
    """How sure a vote of ``top`` witnesses of ``n`` is, by its margin (the
    witnesses that would have to change sides twice over): OCR engines share
    their errors, so a margin of one or two is no certainty. Calibrated on the
    real scans (``bench/calibration.py``): a margin of three or more (5 of 6,
    6 of 8) was never wrong; a plurality is capped by ``dedupe.confidence``.

    >>> vote_confidence(2, 3), vote_confidence(4, 6), vote_confidence(5, 6), vote_confidence(2, 9)
    (0.75, 0.875, 0.969, 0.222)
    """
    margin = 2 * top - n
    if margin <= 0:
        return round(top / n, 3)
    return round(1 - 0.5 ** (margin + 1), 3)


def presence_tie(
    key: str,
    groups: dict[str | None, list[str]],
    forms: dict[str | None, str | None],
    ev: Evidence,
) -> tuple[str | None, float, str]:
    """Words as many witnesses have as lack (of two witnesses, one reads them).

    Words of the language or of the document are kept: an engine drops a
    word more often than it invents one. Anything else (a speck read as
    ``'``, page-foot junk such as ``k7enze``) follows the witness that reads
    more carefully elsewhere; where neither does, it is kept for review."""
    have, lack = groups[key], groups[None]
    form = forms[key] or ""
    sure = min(
        (ev.confidence.get(w, {}).get(fold(t), 1.0) for w in have for t in form.split()),
        default=1.0,
    )
    if LEADER.search(form):
        return (
            key,
            0.6,
            (
                f"{names(lack)} reads nothing here; {names(have)} reads a dot leader (print an "
                "engine reads at low confidence or drops, not a speck): kept"
            ),
        )
    doubted = sure < SPECK_CONFIDENCE
    if doubted and ev.record and odds(ev.record, have, lack) >= RECORD_GAP:
        if real_words(form, have, ev):  # the better scan's doubted words, the other lost
            return (
                key,
                0.6,
                (
                    f"{names(lack)} lacks these words; {names(have)} reads them with low OCR "
                    f"confidence ({sure:.2f}), but they are words and {names(have)} misreads "
                    "less where the witnesses disagree: kept"
                ),
            )
    if doubted:
        why = f"only {names(have)} reads {form!r}, with low OCR confidence ({sure:.2f}), "
        return None, 0.6, why + f"and {names(lack)} reads nothing here: left out"
    if wordlike(form, have, ev):
        if real_words(form, have, ev) or not ev.record or ev.prefer:
            return key, 0.7, f"{names(lack)} lacks these words; they are words: kept"
        if odds(ev.record, have, lack) <= -RECORD_GAP:  # short words a speck spells too
            return (
                None,
                0.6,
                (
                    f"only {names(have)} reads {form!r}, short words dust also spells (none of "
                    f"{SPECK_LETTERS} letters); {names(lack)} misreads clearly less where the "
                    "witnesses disagree: left out"
                ),
            )
        return key, 0.7, f"{names(lack)} lacks these words; they are words: kept"
    if ev.record and not ev.prefer:
        gap = odds(ev.record, have, lack)
        if abs(gap) >= RECORD_GAP:
            rate = {w: ev.record.get(w, 1.0) for w in have + lack}
            best_have, best_lack = min(have, key=rate.get), min(lack, key=rate.get)
            who, other = (best_have, best_lack) if gap > 0 else (best_lack, best_have)
            record = (
                f"{who} misreads less where the witnesses disagree (a non-word at "
                f"{rate[who]:.0%} of them, {other} at {rate[other]:.0%})"
            )
            if gap < 0:
                why = f"only {names(have)} reads {form!r}, no words of the language; {record}"
                return None, 0.6, why + ": left out"
            return key, 0.6, f"{names(lack)} lacks these words; {record}: kept"
    care = {w: ev.weights.get(w, 0.0) for w in have + lack}
    best_have = max(have, key=lambda w: (care[w], w))
    best_lack = max(lack, key=lambda w: (care[w], w))
    gap = care[best_have] - care[best_lack]
    if gap <= -RELIABLE:
        why = f"only {names(have)} reads {form!r}, no words of the language; {best_lack}, "
        return None, 0.6, why + "which lacks it, reads more carefully elsewhere: left out"
    if gap >= RELIABLE:
        why = f"{names(lack)} lacks these words; {best_have}, which has them, reads more "
        return key, 0.6, why + "carefully elsewhere: kept"
    return key, 0.5, f"{names(lack)} lacks these words; no evidence either way: kept for review"


#: a doubted reading with a word of this many letters is no speck where all its words are words
SPECK_LETTERS = 4


def real_words(reading: str, wids: list[str], ev: Evidence) -> bool:
    """Words dust does not spell: every word a word of the language or of the
    documents, one of them ``SPECK_LETTERS`` long (``Kyrgyzstan`` read at
    confidence 0.40 by the scan that misreads clearly less, where the other
    lost the line; a speck reads ``Se`` or ``ae``)."""
    words = core_words(reading)
    return any(len(w) >= SPECK_LETTERS for w in words) and wordlike(reading, wids, ev)


def wordlike(reading: str, wids: list[str], ev: Evidence) -> bool:
    """Every word is a word of the language or one the documents use elsewhere."""
    words = core_words(reading)
    if not words:
        return False
    return all(plausible_word(w, wids, ev) for w in words)


def plausible_word(word: str, wids: list[str], ev: Evidence) -> bool:
    return (len(word) > 1 and zipf(word, ev.language) >= 1.0) or ev.elsewhere(word, wids) > 0


#: A minority reading that is a word outvotes a majority non-word only with
#: this many witnesses (and this share of them) and this common a word.
WORD_MINORITY = 2
WORD_SHARE = 0.25
WORD_ZIPF = 2.5
WORD_SPAN = 3  # readings of up to this many words
WORD_GAP = 3.0  # the word must be this much more common (1000x) than the majority's


def word_against_majority(
    key: str | None,
    groups: dict[str | None, list[str]],
    forms: dict[str | None, str | None],
    ev: Evidence,
) -> str | None:
    """Several runs of one OCR engine share its errors and can outvote a
    better engine: where the majority reads a word the language does not
    have (``Einſchränfung``, ``zuleßt``) and a sizeable minority reads a
    close, common word (``Einſchränkung``, ``zuletzt``), the word wins, even
    where the engines repeat their error elsewhere."""
    if key is None or forms[key] is None or len(key.split()) > WORD_SPAN:
        return None
    ours = phrase_floor(forms[key], ev.language)
    spaced = len(key.split())
    # against a mere plurality (no witness majority), one witness's word will do
    absolute = 2 * ev.votes(groups[key]) > ev.witnesses
    need = max(WORD_MINORITY, WORD_SHARE * ev.witnesses) if absolute else 1
    best = None
    for other, wids in groups.items():
        if other is None or other == key or len(wids) < need:
            continue
        if len(other.split()) > WORD_SPAN:
            continue
        if pair_kind(forms[key], forms[other]) not in ("spelling", "spacing"):
            continue
        z = phrase_floor(forms[other] or "", ev.language)
        mine = ours
        if len(other.split()) != spaced:
            if len(wids) < WORD_MINORITY:
                continue  # a spacing is never settled by one witness against more
            # split or joined differently: the words of each reading as one
            # phrase, so "Mans gel" (two rare pieces) weighs less than "Mangel"
            mine = phrase_zipf(forms[key], ev.language)
            z = min(z, phrase_zipf(forms[other] or "", ev.language))
        if mine >= WORD_ZIPF:
            continue  # the majority reads common words
        if z >= WORD_ZIPF and z - mine >= WORD_GAP:
            if best is None or len(wids) > len(groups[best]):
                best = other
    return best


def lexicon_zipf(reading: str, language: str) -> float | None:
    """``phrase_zipf`` where the lexicon knows every word, else None (a
    name the documents use is no misreading of a common word)."""
    words = core_words(reading)
    if not all(zipf(w, language) > 0 for w in words):
        return None
    return phrase_zipf(reading, language)


def phrase_zipf(reading: str, language: str) -> float:
    """A reading's words as one phrase on the zipf scale (log10 frequencies
    add): ``Mans gel`` is 3.8 + 3.6 - 9 = -1.6 against ``Mangel``'s 4.3."""
    words = core_words(reading)
    return sum(zipf(w, language) - 9 for w in words) + 9 if words else 0.0


def weigh(
    leaders: list[str | None],
    groups: dict[str | None, list[str]],
    forms: dict[str | None, str | None],
    ev: Evidence,
) -> tuple[str | None, float, str]:
    """Break a tie between equally supported readings with evidence."""
    tie = tie_text(leaders, groups, forms)
    fuller = glued_word(leaders, groups, forms, ev)
    if fuller is not None:
        return fuller[0], 0.6, f"tie {tie}: {fuller[1]}"
    # readings of the same words (punctuation, case) differ in nothing uses could tell
    same_words = len({tuple(core_words(forms[k] or "")) for k in leaders}) == 1
    # nor the word list: it tokenises ``1:53`` and ``1.53`` apart, not more or less truly
    same_marks = len({marks_key(forms[k] or "") for k in leaders}) == 1
    scored = {
        k: score(
            forms[k] or "",
            groups[k],
            ev,
            not same_words,
            not same_marks,
            shouted(k, leaders, forms),
        )
        for k in leaders
    }
    careful = {k: max((ev.weights.get(w, 0.0) for w in groups[k]), default=0.0) for k in leaders}
    if len(groups) >= 3:
        # each reading its own error: the centre, and the careful reader, count
        near = {k: centrality(k, groups) for k in leaders}
        for k in leaders:
            value, why, against = scored[k]
            value += CENTRAL * near[k] + CAREFUL * careful[k]
            scored[k] = (value, why, against)
        central = max(leaders, key=near.__getitem__)
        if all(near[central] - near[k] >= 0.05 for k in leaders if k != central):
            value, why, against = scored[central]
            why = f"{forms[central]!r} is closest to all the other readings"
            scored[central] = (value, why, against)
    ranked = sorted(leaders, key=lambda k: (scored[k][0], str(k)), reverse=True)
    best, second = ranked[0], ranked[1]
    margin = scored[best][0] - scored[second][0]
    record = track(leaders, groups, ev) if not ev.prefer else {}
    if record:
        tracked = {k: scored[k][0] + record[k] for k in leaders}
        ahead = max(leaders, key=lambda k: (tracked[k], str(k)))
        lead = tracked[ahead] - max(tracked[k] for k in leaders if k != ahead)
        if lead > 0 and (ahead != best or margin <= 0):
            who = min(groups[ahead], key=lambda w: ev.record.get(w, 1.0))
            rest = [w for k in leaders if k != ahead for w in groups[k]]
            other = min(rest, key=lambda w: ev.record.get(w, 1.0))
            return (
                ahead,
                round(min(0.8, 0.5 + lead / 4), 3),
                f"tie {tie}: the words do not decide; {who} misreads less where the "
                f"witnesses disagree (a non-word at {ev.record[who]:.0%} of them, "
                f"{other} at {ev.record[other]:.0%})",
            )
        margin = lead if ahead == best else margin
    if margin > 0:
        why = scored[second][2] or scored[best][1] or "more plausible"
        return best, min(0.95, 0.6 + margin / 4), f"tie {tie}: {why}"
    if ev.prefer:
        for k in leaders:
            if ev.prefer in groups[k]:
                return k, 0.6, f"tie {tie}: no evidence either way; preferred witness {ev.prefer}"
    surer = surer_reading(leaders, groups, forms, ev)
    if surer is not None:
        return surer[0], 0.55, f"tie {tie}: no evidence in the words; {surer[1]}; needs review"
    ranked = sorted(leaders, key=lambda k: (careful[k], str(k)), reverse=True)
    if careful[ranked[0]] - careful[ranked[1]] >= RELIABLE:
        who = max(groups[ranked[0]], key=lambda w: ev.weights.get(w, 0.0))
        return (
            ranked[0],
            0.55,
            f"tie {tie}: no evidence in the words; {who} reads more carefully elsewhere "
            "(more of its words are words of the language); needs review",
        )
    pick = min(leaders, key=str)
    return pick, 0.5, f"tie {tie}: no evidence either way; needs review"


#: a mark between two letters or digits, where a lost space glued two words
_GLUE = re.compile(r"(?<=[^\W_])[.,:;'\u2018\u2019\-_](?=[^\W_])")


def pieces(reading: str) -> list[str]:
    """The words of a reading, split also where a mark glues two of them."""
    return [core_case(p) for p in _GLUE.sub(" ", reading).split() if core_case(p)]


GLUED = "glued on where a space was lost"


def once_glued(columns: list[Column]) -> list[Column]:
    """Two neighbouring columns where each witness glued the same word on
    its own side (``and.so boldly`` against ``and so-boldly``) would each
    take the glued reading and print the word twice: the second follows the
    witness the first chose."""
    out = list(columns)
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        if GLUED not in first.reason or GLUED not in second.reason:
            continue
        chosen = [w for w, r in first.readings.items() if r == first.canonical]
        mine = [w for w, r in second.readings.items() if r == second.canonical]
        if not chosen or set(chosen) & set(mine):
            continue
        out[i] = evolve(
            second,
            canonical=second.readings[chosen[0]],
            reason=(
                f"{names(mine)} glues on here the word {names(chosen)} glued on in the "
                f"reading before, which the canonical text has: {names(chosen)}'s reading"
            ),
        )
    return out


def glued_word(
    leaders: list[str | None],
    groups: dict[str | None, list[str]],
    forms: dict[str | None, str | None],
    ev: Evidence,
) -> tuple[str, str] | None:
    """Of two tied readings, the one that reads the other's words and a word
    more, glued on by a mark where a space was lost (``the.child``, ``why-the``,
    ``February.18,`` against ``child``, ``why``, ``February``): the other
    lost a word, as an engine drops a word more often than it invents one.
    The extra words must be words of two letters or more (``Ecuador'a``
    reads a speck, ``6f.the`` a misread ``of`` the other reads apart)."""
    if len(leaders) != 2 or None in leaders:
        return None
    for long, short in (leaders, leaders[::-1]):
        glued, plain = forms[long] or "", forms[short] or ""
        if not _GLUE.search(glued):
            continue
        a, b = pieces(glued), pieces(plain)
        if not b or len(a) <= len(b):
            continue
        for start in range(len(a) - len(b) + 1):
            if a[start : start + len(b)] == b:
                extra = a[:start] + a[start + len(b) :]
                if all(
                    len(w) > 1 and w.isalpha() and plausible_word(w, groups[long], ev)
                    for w in extra
                ):
                    return long, (
                        f"{names(groups[long])} reads {' '.join(extra)!r} too, {GLUED}; "
                        f"{names(groups[short])} lost the word"
                    )
    return None


#: OCR word confidence (0-1) by which one tied reading is surer than the other
SURER = 0.15


def surer_reading(
    leaders: list[str | None],
    groups: dict[str | None, list[str]],
    forms: dict[str | None, str | None],
    ev: Evidence,
) -> tuple[str | None, str] | None:
    """Of two tied readings the engines gave word confidences for, the one
    read with clearly more confidence (its least sure word), and why."""
    if len(leaders) != 2 or None in leaders or not ev.confidence:
        return None
    sure = {}
    for k in leaders:
        found = [
            ev.confidence[w][fold(t)]
            for w in groups[k]
            for t in (forms[k] or "").split()
            if fold(t) in ev.confidence.get(w, {})
        ]
        if not found:
            return None
        sure[k] = min(found)
    a, b = sorted(leaders, key=lambda k: -sure[k])
    if sure[a] - sure[b] < SURER:
        return None
    return a, (
        f"{names(groups[a])} read {forms[a]!r} at OCR confidence {sure[a]:.2f}, "
        f"{names(groups[b])} {forms[b]!r} at {sure[b]:.2f}"
    )


def track(leaders: list[str | None], groups: dict, ev: Evidence) -> dict[str | None, float]:
    """Each tied reading's share of its witnesses' track record (half the
    log-odds for, half against), or nothing where no witness has one."""
    if not ev.record:
        return {}
    out = {}
    for k in leaders:
        others = [w for j in leaders if j != k for w in groups[j]]
        out[k] = TRACK * odds(ev.record, groups[k], others) / 2
    return out if any(out.values()) else {}


def centrality(key: str | None, groups: dict[str | None, list[str]]) -> float:
    """Mean likeness of a reading to every other witness's reading.

    Where three or more witnesses all read differently, each error is its
    own, so the reading nearest to all the others (the centre of the group)
    is most likely the one they were all made from: ``5-megapixel`` among
    ``5-mcgopixel``, ``5-rnegapixel`` and ``5-mega*``.
    """
    if key is None:
        return 0.0
    mine = squash(key)
    total = count = 0
    for other, wids in groups.items():
        if other == key:
            continue
        sim = fuzz.ratio(mine, squash(other)) / 100 if other is not None else 0.0
        total += sim * len(wids)
        count += len(wids)
    return total / count if count else 0.0


def tie_text(leaders: list[str | None], groups: dict, forms: dict) -> str:
    """``A 'x' = B, C 'y'``: the readings of a tie, in a fixed order."""
    return " = ".join(f"{names(groups[k])} {forms[k]!r}" for k in sorted(leaders, key=str))


#: likeness (0-100) of the letters of a reading in capitals to a reading in
#: mixed case that makes the capitals the same word shouted
SHOUTED = 70


def shouted(key: str | None, leaders: list[str | None], forms: dict) -> bool:
    """Whether the reading is in capitals where another reads like letters in
    mixed case (``QUINGIO``/``Quindio``); ``(II)`` against ``(11)``,
    ``US$280`` against ``§$280`` or ``(VIII)`` against ``(VII)`` are not."""
    mine = _NON_WORD.sub("", forms[key] or "")
    if not mine.isupper():
        return False
    for other in leaders:
        theirs = _NON_WORD.sub("", forms[other] or "") if other != key else ""
        if theirs and not theirs.isupper() and any(c.isalpha() for c in theirs):
            if fuzz.ratio(mine.casefold(), theirs.casefold()) >= SHOUTED:
                return True
    return False


_EDGE_MARKS = re.compile(r"^[\W_]+|[\W_]+$")
_NUMBER_MARK = re.compile(r"(?<=\d)[^\w\s](?=\d)")


def marks_key(reading: str) -> tuple[str, ...]:
    """A reading's words without the marks at their edges and between digits,
    which the word list cannot weigh (``1.53.``, ``1:53,`` alike; ``in a``
    and ``ina``, ``Monatsſchrift`` and ``Monatsſc<hrift`` apart).

    >>> marks_key("1:53,") == marks_key("1.53.") != marks_key("Monatsſc<hrift,")
    True
    """
    return tuple(_NUMBER_MARK.sub("", _EDGE_MARKS.sub("", fold(w))) for w in reading.split())


def score(
    reading: str,
    wids: list[str],
    ev: Evidence,
    uses: bool = True,
    frequency: bool = True,
    caps: bool = True,
) -> tuple[float, str, str]:
    """How believable a reading is: (score, what speaks for it, what against);
    ``uses``: the documents' uses of it count, ``frequency``: the language's,
    ``caps``: ALL CAPS counts against it."""
    words = core_words(reading)
    value, why, against = 0.0, "", ""
    letters = _NON_WORD.sub("", reading)
    if _RUN_ON.search(fold(reading)):
        value -= 1.0
        against = f"{reading!r} runs a word on after a comma or question mark (a lost space)"
    if caps and letters.isupper() and len(letters) > 1:
        value -= 2.0
        against = f"ALL CAPS {reading!r} loses to mixed case"
    confidences = [
        ev.confidence.get(w, {}).get(fold(t), 1.0) for w in wids for t in reading.split()
    ]
    # a short reading is as sure as its least sure word; a passage, as its next
    # least sure (one doubted word of eleven does not make it another text; junk
    # has many)
    if len(confidences) > WORD_SPAN * len(wids):
        sure, what = sorted(confidences)[1], "low OCR confidence in two words"
    else:
        sure, what = min(confidences, default=1.0), "low OCR confidence"
    if sure < 0.7:
        value -= 4.0 * (0.7 - sure)
        against = against or f"{reading!r} has {what} ({sure:.2f})"
    if words:
        # a passage of many words found elsewhere is a copy of it, not support
        short = len(words) <= WORD_SPAN
        elsewhere = min(ev.elsewhere(w, wids) for w in words) if uses and short else 0
        if elsewhere > 0:
            value += min(1.5, 0.5 + 0.25 * elsewhere)
            why = f"the documents use {reading!r} elsewhere ({elsewhere}x)"
        # a short reading is as plausible as its least plausible word ("Pa mtNCCh" is
        # no word); a long one, a passage, by its words on average (a rare name in it
        # says nothing against it)
        z = min(zipf(w, ev.language) for w in words) if frequency else 0.0
        value += z / 4
        if z >= 1 and not why:
            known = "is a known word" if len(words) == 1 else "are known words"
            why = f"{reading!r} {known} (zipf {z:.1f})"
    return value, why, against


def presence_kind(readings: dict[str, str | None]) -> str:
    """Words some witnesses lack: an ``omission`` where a minority lacks them,
    an ``addition`` where a minority (or half) has them, whatever is kept."""
    have = sum(r is not None for r in readings.values())
    return "omission" if have > len(readings) - have else "addition"


def column_kind(canonical: str | None, others: list[str | None]) -> str:
    kinds = [pair_kind(canonical, o) for o in others]
    return max(kinds, key=SEVERITY.index)


def pair_kind(canonical: str | None, other: str | None) -> str:
    """The kind of difference between the canonical and another reading."""
    if canonical is None:
        return "addition"
    if other is None:
        return "omission"
    a, b = fold(canonical), fold(other)
    if a == b:
        return "typography"
    if a.casefold() == b.casefold():
        return "case"
    a_bare, b_bare = _NON_WORD.sub("", a).casefold(), _NON_WORD.sub("", b).casefold()
    if a_bare == b_bare:
        return (
            "spacing"
            if a.replace(" ", "").casefold() == b.replace(" ", "").casefold()
            else "punctuation"
        )
    distance = Levenshtein.distance(a_bare, b_bare)
    if distance <= max(2, 0.34 * max(len(a_bare), len(b_bare))):
        return "spelling"
    return "substantive"
