"""Which copy of a cluster to keep, and what the others are.

The evidence is measured per file (``evidence_of``, one task per file, so an
engine can run them anywhere), then the copies are narrowed criterion by
criterion, each keeping the copies within a tolerance of the best:

1. most complete: the share of the other copies' words found in it, in
   order (from the scan's alignments), so a truncated copy loses;
2. fewest implausible words (every format weighed on its whole text, notes
   included): words the text's language does not have
   (wordfreq, as the compare pipeline weighs readings) and that fewer than
   two other copies (or half of them) read alike, so OCR damage loses, while
   the names and terms a scientific text shares with its other copies do not
   count against it;
3. best OCR confidence, among the copies whose format records one (hOCR,
   ALTO, PAGE): a copy without confidences is neither better nor worse by it;
4. a text layer with structure (hOCR/ALTO/PAGE, then PDF, Markdown, text);
5. closest to the other copies (mean similarity of the alignments): each
   copy misreads in places of its own, so of copies equal so far the one
   nearest all the others has the fewest misreadings the word list misses
   (``ata`` for ``at a``, ``polled`` for ``polleti``); of editions, the one
   nearest the others;
6. newest (modification time), then the first by name.

The reason names the criteria that decided, with their figures.

Renderings of one source (the text, PDF and hOCR of one OCR run) are one
witness: files whose text as read, before any normalisation, has the same
letters and digits in the same order (``source_key``: spacing, punctuation
and hyphenation aside) are grouped, the richest of each group stands
for it (``sources``: hOCR/ALTO/PAGE over PDF over Markdown over text, then
the best confidence), the copy to keep is chosen among those, and the
others are its renderings. Two independent readings of one page differ in
their misreadings, so they never share a key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dedupe.scan.verify import Comparison

KEEP = "keep"
DUPLICATE = "duplicate"  # identical to the kept copy after normalisation
PARTIAL = "partial"  # most of its words are in the kept copy, which is larger
VERSION = "version"  # a version with real differences
RENDERING = "rendering"  # the same text as another member in another format

#: A partial copy has at most this share of the kept copy's words, and at
#: least ``PARTIAL_FOUND`` of its own words are found in the kept copy.
PARTIAL_SIZE = 0.9
PARTIAL_FOUND = 0.9
#: Format ranks for criterion 4: structure and confidences beat a text layer
#: beats marked-up text beats plain text.
STRUCTURE = {"hocr": 3, "alto": 3, "page": 3, "pdf": 2, "markdown": 1, "text": 0}
COMPLETE_TOLERANCE = 0.05
CONFIDENCE_TOLERANCE = 0.01
#: Shares of implausible words closer than one word in 2,000 are a tie (was
#: 0.002: a clean OCR copy with two odd words in 2,200 then tied with the
#: typed text, and its OCR confidence won; bench/scan_real.py).
CLEAN_TOLERANCE = 0.0005
#: Other copies that read an unknown word alike make it a word of the
#: document (independent misreadings rarely agree twice).
CONFIRMING = 2


@dataclass(frozen=True)
class Evidence:
    """What one file says about its own quality."""

    path: str
    format: str
    words: int
    implausible: float  # share of its words unknown to its language
    unknown: tuple[tuple[str, int], ...]  # those words (case-folded) and their counts
    confidence: float | None  # mean OCR word confidence (0-1), where recorded
    mtime_ns: int
    source_key: str = ""  # ``source_key`` of its text as read


def unknown_words(text: str) -> tuple[int, dict[str, int]]:
    """A text's word count and its words that its language's word list lacks.

    >>> unknown_words("the cat sat on the rnat xqzt")
    (7, {'rnat': 1, 'xqzt': 1})
    """
    from dedupe.lexicon import guess_language, prefetch, word_counts, zipf

    counts = word_counts(text)
    language = guess_language(counts)
    prefetch(counts, language)
    unknown = {word: n for word, n in sorted(counts.items()) if zipf(word, language) == 0}
    return sum(counts.values()), unknown


def implausible_share(text: str) -> float:
    """Share of a text's words that its language's word list lacks.

    >>> implausible_share("the cat sat on the mat")
    0.0
    """
    total, unknown = unknown_words(text)
    return sum(unknown.values()) / total if total else 0.0


def implausible_among(path: str, members: Sequence[str], evidence: dict[str, Evidence]) -> float:
    """Distinct words of a copy unknown to the language that fewer than
    ``CONFIRMING`` of the other copies (or half of them, where that is fewer)
    have too, over its word count: in copies of one document, a word that
    other copies read the same way is a name or term, not a misreading; a
    word repeated alike is more likely a name than a misreading of one, so
    each counts once.

    The confirmation needed does not grow with the cluster: in a cluster
    with partial copies (scans of the first pages beside the whole article)
    the names of the later pages are in every copy that has those pages and
    would otherwise count against each of them."""
    if path not in evidence:
        return 1.0
    others = [
        set(w for w, _ in evidence[o].unknown) for o in members if o != path and o in evidence
    ]
    needed = min(len(others) / 2, CONFIRMING)
    odd = sum(1 for w, _ in evidence[path].unknown if sum(w in words for words in others) < needed)
    return odd / max(evidence[path].words, 1)


def source_key(raw: str) -> str:
    r"""What renderings of one source share: the letters and digits of the
    text as read, typography folded, in order. Case is kept: a misread
    capital is a difference between two readings.

    >>> source_key("Sub-\nvariety, ‘ﬁne’") == source_key("Sub variety 'fine'")
    True
    >>> source_key("no reason") == source_key("nO reason")
    False
    """
    import hashlib

    from dedupe.normalise.fold import fold

    letters = "".join(ch for ch in fold(raw) if ch.isalnum())
    return hashlib.sha256(letters.encode()).hexdigest()


def _read_file(path: str) -> tuple[str, float | None, str | None, str]:
    """The file's format, mean word confidence, its text where it had to be
    parsed (formats other than text and Markdown: the normaliser's body and
    notes), and its text as read.

    Every format is weighed on its whole text, notes included: a plain
    text's notes stay in the text the scan reads (``scan_text``), so a
    parsed hOCR's notes must be counted too, or the two are weighed on
    different words (a ground truth's notes of URLs and transliterated
    titles against a scan of it without them)."""
    from dedupe.read import load_bytes, read, sniff

    kind = sniff(path, load_bytes(path))
    source = read(path, "A")
    if kind in ("text", "markdown"):
        return kind, None, None, source.text
    from dedupe.normalise import normalise

    scores = [w.confidence for page in source.pages for line in page.lines for w in line.words]
    doc = normalise(source)
    blocks = [*doc.body, *(note for _, note in sorted(doc.footnotes.items()))]
    text = " ".join(b.text for b in blocks)
    confidence = sum(scores) / len(scores) if scores else None
    return source.witness.format, confidence, text, source.text


def evidence_of(path: str) -> Evidence:
    """Measure one file (a ``DedupeError`` if it cannot be read)."""
    from dedupe.scan.files import regular_file
    from dedupe.scan.text import scan_text

    stat = regular_file(path)
    kind, confidence, text, raw = _read_file(path)
    if text is None:
        text, _ = scan_text(path)
    total, unknown = unknown_words(text)
    share = sum(unknown.values()) / total if total else 0.0
    return Evidence(
        path,
        kind,
        total,
        share,
        tuple(unknown.items()),
        confidence,
        stat.st_mtime_ns,
        source_key(raw),
    )


def richness(e: Evidence) -> tuple[int, float]:
    """How much a rendering records beyond its words (higher is richer)."""
    return STRUCTURE.get(e.format, 0), e.confidence if e.confidence is not None else -1.0


def sources(members: Sequence[str], evidence: dict[str, Evidence]) -> dict[str, str]:
    """Each member's source: the richest member with its ``source_key``
    (itself for a member without renderings, or not measured), the first
    by name among equally rich ones."""
    groups: dict[str, list[str]] = {}
    for path in sorted(members):
        if path in evidence and evidence[path].source_key:
            groups.setdefault(evidence[path].source_key, []).append(path)
    found = {path: path for path in members}
    for group in groups.values():
        best = min(group, key=lambda p: (tuple(-x for x in richness(evidence[p])), p))
        found.update({p: best for p in group})
    return found


def evidence_batch(paths: list[str]) -> list[Evidence | str]:
    """``evidence_of`` each file; an unreadable one gives its reason line."""
    from dedupe.scan.files import read_or_reason

    return [read_or_reason(path, evidence_of) for path in paths]


Pairs = dict[tuple[str, str], Comparison]


def pair_of(pairs: Pairs, a: str, b: str) -> tuple[Comparison, str, str] | None:
    """The comparison of two files and which side (``a``/``b``) each is."""
    if (a, b) in pairs:
        return pairs[(a, b)], "a", "b"
    if (b, a) in pairs:
        return pairs[(b, a)], "b", "a"
    return None


def completeness(path: str, members: Sequence[str], pairs: Pairs, words: dict[str, int]) -> float:
    """The least share of another member's words found in this one (aligned
    pairs only; by word count where none is known): the copy that holds
    most of every other one is the most complete, however many copies of
    an older, shorter edition there are."""
    shares = []
    for other in members:
        found = pair_of(pairs, path, other) if other != path else None
        if found is not None:
            c, _, side = found
            shares.append(c.coverage(side))
    if shares:
        return min(shares)
    return words[path] / max(max(words.values()), 1)


def mean_similarity(path: str, members: Sequence[str], pairs: Pairs) -> float | None:
    """Mean similarity of a member to the others it was aligned with (None
    if none): each copy misreads in its own places, so among otherwise equal
    copies the one closest to all the others has the fewest misreadings."""
    sims = [
        found[0].similarity
        for other in members
        if other != path and (found := pair_of(pairs, path, other)) is not None
    ]
    return sum(sims) / len(sims) if sims else None


@dataclass(frozen=True)
class Criterion:
    name: str
    score: Callable[[str], float | None]  # higher is better; None: not measured
    tolerance: float
    says: Callable[[str, list[str]], str]  # the winner, the copies it beat


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def choose_keep(
    members: Sequence[str], pairs: Pairs, evidence: dict[str, Evidence]
) -> tuple[str, str]:
    """The copy to keep and why (see the module docstring)."""
    words = {p: (evidence[p].words if p in evidence else 0) for p in members}
    complete = {p: completeness(p, members, pairs, words) for p in members}
    noise = {p: implausible_among(p, members, evidence) for p in members}
    conf = {p: evidence[p].confidence if p in evidence else None for p in members}
    rank = {p: STRUCTURE.get(evidence[p].format, 0) if p in evidence else -1 for p in members}
    mtime = {p: evidence[p].mtime_ns if p in evidence else 0 for p in members}
    central = {p: mean_similarity(p, members, pairs) for p in members}

    def fewest(best: str, beaten: list[str]) -> str:
        worst = max(noise[p] for p in beaten)
        return (
            f"fewest implausible words ({_pct(noise[best])} unknown to the language and to "
            f"the other copies; the others up to {_pct(worst)})"
        )

    def confident(best: str, beaten: list[str]) -> str:
        if conf[best] is not None:
            return f"best OCR confidence ({conf[best]:.2f})"
        worst = max(conf[p] or 0.0 for p in beaten)
        return (
            f"no OCR confidences recorded; OCR copies of lower confidence "
            f"(up to {worst:.2f}) left aside"
        )

    criteria = [
        Criterion(
            "complete",
            lambda p: complete[p],
            COMPLETE_TOLERANCE,
            lambda best, beaten: (
                f"most complete (at least {complete[best]:.0%} of each other copy's words "
                f"found in it; {min(complete[p] for p in beaten):.0%} in the least complete)"
            ),
        ),
        Criterion("clean", lambda p: -noise[p], CLEAN_TOLERANCE, fewest),
        Criterion(
            "confidence",
            lambda p: conf[p],
            CONFIDENCE_TOLERANCE,
            confident,
        ),
        Criterion(
            "structure",
            lambda p: rank[p],
            0,
            lambda best, beaten: f"has a text layer and structure ({evidence[best].format})",
        ),
        Criterion(
            "central",
            lambda p: central[p],
            0,
            lambda best, beaten: (
                f"closest to the other copies (mean similarity {central[best]:.4f}; "
                f"the others down to {min(central[p] or 0.0 for p in beaten):.4f})"
            ),
        ),
        Criterion("newest", lambda p: mtime[p], 0, lambda best, beaten: "the newest copy"),
    ]
    field = sorted(members)
    said = []
    for criterion in criteria:
        if len(field) == 1:
            break
        scores = {p: criterion.score(p) for p in field}
        known = [s for s in scores.values() if s is not None]
        if not known:
            continue
        top = max(known)
        # a copy that does not record what the criterion measures is neither
        # better nor worse by it (a typed text has no OCR confidence)
        kept = [p for p in field if scores[p] is None or scores[p] >= top - criterion.tolerance]
        if len(kept) < len(field):
            best = max(kept, key=lambda p: -1.0 if scores[p] is None else scores[p])
            said.append((best, criterion, [p for p in field if p not in kept]))
            field = kept
    keep = field[0]
    reasons = [criterion.says(keep, beaten) for _, criterion, beaten in said]
    if len(field) > 1:
        reasons.append(f"the first by name of {len(field)} equally good copies")
    return keep, "; ".join(reasons) or "the only copy"


def role_of(
    member: str,
    keep: str,
    pairs: Pairs,
    words: dict[str, int],
    source: str | None = None,
    formats: dict[str, str] | None = None,
) -> str:
    """Duplicate, rendering, partial copy or version of the kept copy; a
    member whose ``source`` is another member is a rendering of it (a
    duplicate where both have one format)."""
    if member == keep:
        return KEEP
    if source is not None and source != member:
        same = formats is not None and formats.get(member) == formats.get(source)
        return DUPLICATE if same else RENDERING
    found = pair_of(pairs, member, keep)
    if found is None:
        return VERSION
    c, mine, _ = found
    if c.exact:
        return DUPLICATE
    if words[member] <= PARTIAL_SIZE * words[keep] and c.coverage(mine) >= PARTIAL_FOUND:
        return PARTIAL
    return VERSION


def substantive_variants(keep: str, member: str) -> int | str:
    """How many substantive variants ``dedupe compare`` finds between the
    kept copy and a member (its error line if they cannot be compared)."""
    import dedupe
    from dedupe.model import DedupeError
    from dedupe.render.summary import counts_by_kind

    try:
        collation = dedupe.compare([keep, member])
    except DedupeError as err:
        return str(err)
    return counts_by_kind(collation).get("substantive", 0)


def variants_batch(pairs: list[tuple[str, str]]) -> list[int | str]:
    return [substantive_variants(keep, member) for keep, member in pairs]
