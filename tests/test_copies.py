"""Fuzzy copies through OCR noise (dedupe.copies): two engines' readings of
one page find each other paragraph by paragraph; another text finds nothing."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe.copies import CopyIndex
from dedupe.normalise.fold import squash

DATA = Path(__file__).parent / "data"
SWISS = DATA / "swiss_zoology"


def paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [p for p in text.split("\n\n") if len(squash(p)) >= 60]


@pytest.mark.parametrize("small", [10**9, 0])  # the dict index and the numpy one
def test_each_engines_paragraphs_are_found_in_the_other_engines_text(small):
    abby = (SWISS / "biostor-146511_02.abby.txt").read_text(encoding="utf-8")
    index = CopyIndex(squash(abby), small=small)
    tess = paragraphs(SWISS / "biostor-146511_02.tess.txt")
    found = [index.find(squash(p)) for p in tess]
    assert sum(bool(h) for h in found) >= 0.9 * len(tess)
    for paragraph, hits in zip(tess, found, strict=True):
        if hits:
            copy = index.text[hits[0].start : hits[0].end]
            assert abs(len(copy) - len(squash(paragraph))) < 0.2 * len(copy)
    darwin = paragraphs(DATA / "darwin" / "darwin1859.txt")
    assert not any(index.find(squash(p)) for p in darwin)


def test_a_passage_is_no_copy_of_itself():
    text = squash((SWISS / "biostor-146511_02.tess.txt").read_text(encoding="utf-8"))
    index = CopyIndex(text)
    start = len(text) // 3
    passage = text[start : start + 300]
    assert index.find(passage)
    assert not index.find(passage, exclude=(start, start + 300))


def test_partial_alike_answers_as_partial_ratio_on_two_engines_paragraphs():
    from rapidfuzz import fuzz

    from dedupe.copies import SIMILAR, partial_alike

    abby = [squash(p) for p in paragraphs(SWISS / "biostor-146511_02.abby.txt")]
    tess = [squash(p) for p in paragraphs(SWISS / "biostor-146511_02.tess.txt")]
    pairs = [(a, b) for a in abby[:25] for b in tess[:25]]
    alike = [partial_alike(a, b) for a, b in pairs]
    assert alike == [fuzz.partial_ratio(a, b) >= SIMILAR for a, b in pairs]
    assert 0 < sum(alike) < len(pairs) / 4  # copies found, most pairs ruled out


@settings(max_examples=300, deadline=None)
@given(
    key=st.text(alphabet="abcdeinorst", min_size=3, max_size=80),
    lines=st.lists(
        st.text(alphabet="abcdeinorst", min_size=1, max_size=90), min_size=1, max_size=30
    ),
)
def test_like_noise_answers_as_wratio_over_every_line(key, lines):
    """The length-bucketed match is rapidfuzz's WRatio over every layout line:
    the same line found (or one as alike), the same lines refused."""
    from rapidfuzz import fuzz, process

    from dedupe.copies import like_noise

    noise = frozenset(lines)
    expected = process.extractOne(key, noise, score_cutoff=75)
    found = like_noise(key, noise)
    assert (expected is None) == (found is None)
    if found is not None:
        assert abs(fuzz.WRatio(key, found) - expected[1]) < 1e-9


@pytest.mark.parametrize("small", [10**9, 0])
def test_a_copy_right_beside_the_passage_is_found(small):
    """Text doubled at a page break, as Tesseract read it on a rough two-column
    scan of the generated Beijing report: the clean scan's sentence, then the
    rough scan's copy of its second half right after it. The passage's own
    place must not hide the copy beside it."""
    clean = squash("Shanghai, where he was a visiting scholar at the Shanghai Academy of Social "
                   "Sciences (SASS).")  # fmt: skip
    rough = squash("was a visiting scholar at the Sharighai Academy of Social. Sciences 2 (SASS).")
    text = squash("He currently spends his time between London and Singapore.") + clean
    at = len(text)
    text += rough + squash("He is the author of We Love Death As You Love Life.")
    index = CopyIndex(text, small=small)
    hits = index.find(rough, exclude=(at, at + len(rough)))
    assert hits and at - len(clean) <= hits[0].start and hits[0].end <= at
    assert text[hits[0].start : hits[0].end].startswith("wasavisiting")
    assert not index.find(rough, exclude=(0, len(text)))
