"""A generated collection for ``dedupe scan``: many distinct documents, some
with damaged versions, some excerpts of others, and the ground truth.

Every document is made from real text: the sentences of the sample report
(samples/beijing-binds), Darwin's chapter 1 (1859 edition), the corrected
Swiss zoology article (all three in the repository) and the Kant ground
truth (where present), drawn at random and grouped into new paragraphs.
That pool is only about 110 KB, so two 30 KB documents drawn from it would
share a fifth of their sentences, which real distinct documents do not.
Each document therefore also gets its own vocabulary: 85% of its
content-word types (four letters or more, outside the 150 commonest words)
are swapped, consistently within the document, for other real words of the
same language from wordfreq's lists. Sentence structure, function words,
punctuation and numbers stay real. With only half the words swapped, a
generated document still held half of a Darwin paragraph word for word, in
order, and was rightly reported as contained in the real Darwin editions
mixed into the test collection.

Damaged versions come from a small damage function of our own (below):
OCR character confusions, words split and merged, typography changes, line
wrapping with end-of-line hyphenation, page breaks with running headers and
page numbers, and footnotes moved between page bottoms and the end.

Usage::

    python bench/gen_collection.py OUT --docs 1000 --kb 5-30 --seed 1

writes OUT/docs/*.txt and OUT/truth.json (see ``generate``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "samples" / "beijing-binds" / "a.txt"
DARWIN = DATA / "darwin" / "darwin1859.txt"
ZOOLOGY = sorted((DATA / "swiss_zoology").glob("*.corr.txt"))
# The Kant ground truth is used where present (the repository copy, or the shared corpus).
KANT = next(
    (p for p in (DATA / "kant" / "GT-PAGE", Path("/work/shared/corpus/kant-1784/OCR-D-GT-PAGE"))
     if p.is_dir()),
    None,
)  # fmt: skip

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])")
_WORD = re.compile(r"[^\W\d_]{4,}")
_MARKDOWN = re.compile(r"[*_#>]+")
_NOTE_LINE = re.compile(r"^\s*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]|-\s*\d|\[\d|\d+[.)]?\s)")


@dataclass(frozen=True)
class Sentence:
    text: str
    lang: str


@dataclass
class BaseDoc:
    """A clean document before rendering: title, paragraphs, footnotes."""

    title: str
    paragraphs: list[str]
    notes: list[str] = field(default_factory=list)  # note n+1 is marked in paragraph notes_at[n]
    notes_at: list[int] = field(default_factory=list)


# ---------------------------------------------------------------- the pool


def _paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n\s*\n", text)
    return [re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()]


def _dehyphenate(text: str) -> str:
    return re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)


def _kant_paragraphs() -> list[str]:
    from lxml import etree

    if KANT is None:
        return []
    ns = {"pc": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"}
    paragraphs = []
    for path in sorted(KANT.glob("*.xml")):
        tree = etree.parse(str(path))
        for region in tree.iterfind(".//pc:TextRegion", ns):
            unicode = region.find("pc:TextEquiv/pc:Unicode", ns)
            if unicode is not None and unicode.text:
                text = re.sub(r"[¬-]\n", "", unicode.text).replace("\n", " ")
                paragraphs.append(text.strip())
    return paragraphs


@cache
def sentence_pool() -> tuple[Sentence, ...]:
    """Every sentence of the real sources, with its language."""
    sources = [
        (_paragraphs(SAMPLE.read_text(encoding="utf-8")), "en"),
        (_paragraphs(DARWIN.read_text(encoding="utf-8")), "en"),
        (
            _paragraphs("\n\n".join(_dehyphenate(p.read_text(encoding="utf-8")) for p in ZOOLOGY)),
            "en",
        ),
        (_kant_paragraphs(), "de"),
    ]
    pool = []
    for paragraphs, lang in sources:
        for paragraph in paragraphs:
            if _NOTE_LINE.match(paragraph):
                continue  # the sources' own footnotes: not body text
            paragraph = _MARKDOWN.sub("", paragraph)
            for sentence in _SENTENCE_END.split(paragraph):
                if len(sentence) >= 25:
                    pool.append(Sentence(sentence.strip(), lang))
    return tuple(pool)


@cache
def replacement_words(lang: str) -> tuple[list[str], frozenset[str]]:
    """Real words to swap in (length >= 4), and the function words kept."""
    from wordfreq import top_n_list

    words = top_n_list(lang, 40000)
    keep = frozenset(words[:150])
    return [w for w in words[150:] if len(w) >= 4 and w.isalpha()], keep


def _match_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[0].isupper():
        return word[0].upper() + word[1:]
    return word


SWAP = 0.85  # share of a document's content-word types swapped for other words


def revocabulate(text: str, lang: str, rng: random.Random, mapping: dict[str, str]) -> str:
    """Swap most content-word types (``SWAP``) for other real words.

    ``mapping`` is the document's own vocabulary, filled as words are met, so
    a word is swapped the same way everywhere in the document.
    """
    words, keep = replacement_words(lang)

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if low in keep:
            return word
        if low not in mapping:
            mapping[low] = rng.choice(words) if rng.random() < SWAP else low
        return _match_case(mapping[low], word)

    return _WORD.sub(swap, text)


def make_base(rng: random.Random, size: int) -> BaseDoc:
    """A distinct document of about ``size`` characters."""
    pool = sentence_pool()
    mapping: dict[str, str] = {}
    paragraphs: list[str] = []
    total = 0
    while total < size:
        count = rng.randint(2, 7)
        start = rng.randrange(len(pool))
        # mostly consecutive sentences (keeps each paragraph on one topic)
        picks = [
            pool[(start + i) % len(pool)] if rng.random() < 0.7 else rng.choice(pool)
            for i in range(count)
        ]
        text = " ".join(revocabulate(s.text, s.lang, rng, mapping) for s in picks)
        paragraphs.append(text)
        total += len(text) + 2
        if rng.random() < 0.08:
            heading = " ".join(rng.choice(text.split()) for _ in range(rng.randint(2, 5)))
            paragraphs.append(heading.strip(".,;:").title())
    title = " ".join(w.strip(".,;:()") for w in rng.choice(paragraphs).split()[: rng.randint(3, 8)])
    doc = BaseDoc(title=title or "Untitled", paragraphs=paragraphs)
    if rng.random() < 0.4:
        for _ in range(rng.randint(1, max(1, min(6, total // 2500)))):
            doc.notes_at.append(rng.randrange(len(paragraphs)))
            words = rng.choice(pool).text.split()[: rng.randint(6, 20)]
            note = revocabulate(" ".join(words), "en", rng, mapping)
            doc.notes.append(note.rstrip(",;:") + ("" if note.endswith(".") else "."))
        doc.notes_at.sort()
    return doc


# ---------------------------------------------------------------- rendering


def _marked(doc: BaseDoc, style: str) -> list[str]:
    """Paragraphs with their footnote markers appended (``¹`` or ``[1]``)."""
    paragraphs = list(doc.paragraphs)
    for n, at in enumerate(doc.notes_at, start=1):
        marker = "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)] for d in str(n)) if style == "super" else f"[{n}]"
        paragraphs[at] += marker
    return paragraphs


def render_clean(doc: BaseDoc) -> str:
    """The clean born-digital text: title, paragraphs, notes at the end."""
    parts = [doc.title, *_marked(doc, "super")]
    if doc.notes:
        parts.append("Notes")
        parts.extend(f"{n}. {note}" for n, note in enumerate(doc.notes, start=1))
    return "\n\n".join(parts) + "\n"


MIN_EXCERPT = 600  # characters


def excerpt_of(doc: BaseDoc, rng: random.Random) -> str:
    """A contiguous run of paragraphs making 10-35% of a document (a chapter
    of a book), at most 45%."""
    total = sum(len(p) for p in doc.paragraphs)
    # at least about a hundred words: shorter is a quotation, not an excerpt
    want = max(total * rng.uniform(0.10, 0.35), min(MIN_EXCERPT, 0.45 * total))
    start = rng.randrange(len(doc.paragraphs))
    while start > 0 and sum(len(p) for p in doc.paragraphs[start:]) < want:
        start -= 1
    picked: list[str] = []
    size = 0
    for paragraph in doc.paragraphs[start:]:
        if size >= want or size + len(paragraph) > 0.45 * total:
            break
        picked.append(paragraph)
        size += len(paragraph)
    if not picked:  # one paragraph is too long: its first sentences
        sentences = _SENTENCE_END.split(doc.paragraphs[start])
        while sentences and (not picked or size + len(sentences[0]) <= want):
            picked.append(sentences.pop(0))
            size += len(picked[-1])
        picked = [" ".join(picked)]
    return "\n\n".join(picked) + "\n"


# ---------------------------------------------------------------- damage

_CONFUSIONS = [
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("li", "h"),
    ("e", "c"),
    ("c", "e"),
    ("l", "1"),
    ("1", "l"),
    ("I", "l"),
    ("O", "0"),
    ("0", "O"),
    ("S", "5"),
    ("a", "o"),
    ("h", "b"),
    ("u", "n"),
    ("n", "u"),
    ("i", "í"),
    ("t", "f"),
    (",", "."),
    (".", ","),
    ("f", "ſ"),
    ("y", "v"),
    ("B", "E"),
    ("fi", "ﬁ"),
]
_TYPOGRAPHY = str.maketrans({"'": "’", '"': "”", "-": "–"})


def ocr_noise(text: str, rate: float, rng: random.Random) -> str:
    """Character errors at ``rate`` per character: confusions, drops,
    stray marks, words split and merged."""
    if rate <= 0:
        return text
    out: list[str] = []
    pos = 0
    n = len(text)
    while True:
        step = int(rng.expovariate(rate)) + 1
        nxt = pos + step
        if nxt >= n:
            out.append(text[pos:])
            break
        out.append(text[pos:nxt])
        pos = nxt
        roll = rng.random()
        if roll < 0.55:
            for wrong, right in rng.sample(_CONFUSIONS, 6):
                if text.startswith(wrong, pos):
                    out.append(right)
                    pos += len(wrong)
                    break
        elif roll < 0.70:
            pos += 1  # dropped character
        elif roll < 0.80:
            out.append(rng.choice("'.,:;~^"))
        elif roll < 0.90:
            if text[pos] == " ":
                pos += 1  # two words run together
        else:
            out.append(" ")  # a word split in two
    return "".join(out)


def _hyphenate(words: list[str], width: int, rng: random.Random) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            if len(word) >= 8 and rng.random() < 0.4:
                cut = rng.randint(3, len(word) - 3)
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def paginate(blocks: list[str], notes: dict[int, list[str]], title: str, rng: random.Random) -> str:
    """Wrap lines, break pages with a running header and page number, and
    put each footnote at the bottom of the page where its block ends."""
    width = rng.randint(55, 90)
    per_page = rng.randint(30, 50)
    header = title.upper() if rng.random() < 0.5 else title
    pages: list[list[str]] = [[]]
    bottoms: list[list[str]] = [[]]
    for i, block in enumerate(blocks):
        for line in _hyphenate(block.split(), width, rng) + [""]:
            if len(pages[-1]) >= per_page:
                pages.append([])
                bottoms.append([])
            pages[-1].append(line)
        for note in notes.get(i, []):
            bottoms[-1].extend(_hyphenate(note.split(), width, rng))
    rendered = []
    for number, (lines, bottom) in enumerate(zip(pages, bottoms, strict=True), start=1):
        head = [f"{header}    {number}" if number % 2 == 0 else f"{number}    {header}", ""]
        foot = ["", "_" * 12, *bottom] if bottom else []
        page_no = ["", f"- {number} -"] if rng.random() < 0.5 else []
        rendered.append("\n".join(head + lines + foot + page_no))
    return "\f".join(rendered) + "\n"


def damage(doc: BaseDoc, rng: random.Random, rate: float) -> str:
    """A scanned-and-OCRed version of a document (see module docstring)."""
    style = rng.choice(["super", "bracket"])
    blocks = [doc.title, *_marked(doc, style)]
    notes: dict[int, list[str]] = {}
    end_notes = rng.random() < 0.5
    for n, (at, note) in enumerate(zip(doc.notes_at, doc.notes, strict=True), start=1):
        if end_notes:
            continue
        notes.setdefault(at + 1, []).append(f"{n} {note}")
    if end_notes and doc.notes:
        blocks.append("Notes")
        blocks.extend(f"{n}. {note}" for n, note in enumerate(doc.notes, start=1))
    if rng.random() < 0.5:
        blocks = [b.translate(_TYPOGRAPHY) for b in blocks]
    text = paginate(blocks, notes, doc.title, rng)
    return ocr_noise(text, rate, rng)


# ---------------------------------------------------------------- collection


def _sizes(spec: str) -> tuple[int, int]:
    low, _, high = spec.partition("-")
    return int(float(low) * 1000), int(float(high or low) * 1000)


def generate(
    out: Path,
    docs: int = 1000,
    versioned: float = 0.10,
    excerpts: float = 0.05,
    kb: str = "5-30",
    seed: int = 1,
    max_rate: float = 0.2,
) -> dict:
    """Write the collection to ``out/docs`` and the ground truth to ``out/truth.json``.

    ``docs`` documents: ``excerpts`` of them (a fraction) are excerpts of
    others, the rest distinct; ``versioned`` (a fraction) of the distinct ones
    have 2-5 damaged versions (OCR error rates up to ``max_rate`` per
    character), and half of those keep their clean original too.

    The truth: ``groups`` (lists of files that are versions of one document),
    ``excerpts`` (``{"part": file, "source": group index}``) and ``files``.
    """
    rng = random.Random(seed)
    low, high = _sizes(kb)
    folder = out / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    n_excerpts = round(docs * excerpts)
    n_distinct = docs - n_excerpts
    n_versioned = round(docs * versioned)
    bases = [
        make_base(random.Random(rng.random()), rng.randint(low, high)) for _ in range(n_distinct)
    ]
    files: list[str] = []
    groups: list[list[str]] = []
    group_of: dict[int, int] = {}

    def write(name: str, text: str) -> str:
        (folder / name).write_text(text, encoding="utf-8")
        files.append(f"docs/{name}")
        return f"docs/{name}"

    for i, base in enumerate(bases):
        if i < n_versioned:
            members = []
            if rng.random() < 0.5:
                members.append(write(f"d{i:06d}.txt", render_clean(base)))
            for v in range(rng.randint(2, 5)):
                rate = rng.uniform(0.002, max_rate)
                members.append(write(f"d{i:06d}-v{v + 1}.txt", damage(base, rng, rate)))
            group_of[i] = len(groups)
            groups.append(members)
        else:
            group_of[i] = len(groups)
            groups.append([write(f"d{i:06d}.txt", render_clean(base))])
    truth_excerpts = []
    # distinct sources, so that no two excerpts overlap each other
    for e, source in enumerate(rng.sample(range(n_distinct), n_excerpts)):
        text = excerpt_of(bases[source], rng)
        if rng.random() < 0.5:
            text = ocr_noise(text, rng.uniform(0.002, max_rate / 2), rng)
        part = write(f"x{e:06d}.txt", text)
        truth_excerpts.append({"part": part, "source": group_of[source]})
    truth = {"groups": [g for g in groups], "excerpts": truth_excerpts, "files": sorted(files)}
    (out / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def add_real_versions(out: Path, truth: dict) -> dict:
    """Mix real versions into a collection: Darwin's six editions (tests/data)
    and the two Beijing Binds samples, each set a group of the truth."""
    import shutil

    real = out / "docs" / "real"
    real.mkdir(parents=True, exist_ok=True)
    darwin = []
    for path in sorted((DATA / "darwin").glob("*.txt")):
        shutil.copy(path, real / path.name)
        darwin.append(f"docs/real/{path.name}")
    sample = []
    for path in sorted(SAMPLE.parent.glob("*.txt")):
        shutil.copy(path, real / f"beijing-{path.name}")
        sample.append(f"docs/real/beijing-{path.name}")
    truth["groups"] += [darwin, sample]
    truth["files"] = sorted(truth["files"] + darwin + sample)
    (out / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--kb", default="5-30", help="document size range in KB, e.g. 5-30 or 30")
    parser.add_argument("--versioned", type=float, default=0.10)
    parser.add_argument("--excerpts", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--real", action="store_true", help="mix in the Darwin editions and the sample pair"
    )
    args = parser.parse_args()
    truth = generate(args.out, args.docs, args.versioned, args.excerpts, args.kb, args.seed)
    if args.real:
        truth = add_real_versions(args.out, truth)
    print(
        f"{len(truth['files'])} files, {sum(len(g) > 1 for g in truth['groups'])} "
        f"groups of versions, {len(truth['excerpts'])} excerpts in {args.out}"
    )


if __name__ == "__main__":
    main()


# ---------------------------------------------------------------- scoring


def _pairs_of(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for g in groups for i, a in enumerate(sorted(g)) for b in sorted(g)[i + 1 :]}


def score(result, truth: dict, root: Path) -> dict:
    """Precision and recall of a ``dedupe scan`` result against the truth.

    Version pairs: every pair inside a reported cluster against every pair
    inside a true group. Containment: a reported (part, whole) is right if the
    part is an excerpt and the whole a version of its source; an excerpt is
    found if it is reported inside at least one version of its source.
    """
    import os

    def rel(path: str) -> str:
        return os.path.relpath(path, root)

    reported = _pairs_of([[rel(m.path) for m in c.members] for c in result.clusters])
    true = _pairs_of(truth["groups"])
    hit = reported & true
    source = {e["part"]: set(truth["groups"][e["source"]]) for e in truth["excerpts"]}
    contained = [(rel(c.part), rel(c.whole)) for c in result.containments]
    right = [p for p, w in contained if w in source.get(p, ())]
    found = {p for p, w in contained if w in source.get(p, ())}
    return {
        "version_pairs": len(reported),
        "true_pairs": len(true),
        "precision": len(hit) / len(reported) if reported else 1.0,
        "recall": len(hit) / len(true) if true else 1.0,
        "missed": sorted(true - reported),
        "wrong": sorted(reported - true),
        "containments": len(contained),
        "containment_precision": len(right) / len(contained) if contained else 1.0,
        "excerpts_found": len(found) / len(source) if source else 1.0,
        "excerpts_missed": sorted(set(source) - found),
    }
