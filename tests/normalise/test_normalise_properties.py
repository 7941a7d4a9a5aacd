"""Properties on generated documents: nothing is lost, and page layout
(form feeds, running headers, page numbers, paragraphs broken mid-sentence
across pages) does not change the paragraphs a document normalises to."""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from dedupe.normalise import normalise
from dedupe.normalise.blocks import demo_source
from dedupe.normalise.running import edge_key
from dedupe.normalise.shape import is_heading_like

WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from "
    "at which but have an they you were her she there been one all we their has would when "
    "river stone market border route aid doctor train bank region trade winter road"
).split()
HEADING_WORDS = (
    "Patient Zero Medical Aid Flows Persistent Tensions Moving Again Towards Future".split()
)
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
HEADER = "Quarterly Bulletin of Tests"
# ``nothing_lost`` is a plain function served by a fixture: safe to share between examples
CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


def sup(n: int) -> str:
    return "".join(SUPERSCRIPTS[int(d)] for d in str(n))


sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
paragraph = st.lists(sentences, min_size=1, max_size=5)
section = st.tuples(
    st.lists(st.sampled_from(HEADING_WORDS), min_size=2, max_size=4, unique=True),
    st.lists(paragraph, min_size=1, max_size=3),
)


@st.composite
def documents(draw):
    """Blocks of a generated document: ("heading" | "paragraph" | "note", text)."""
    sections = draw(st.lists(section, min_size=1, max_size=4))
    with_notes = draw(st.booleans())
    blocks: list[tuple[str, str]] = []
    notes: list[str] = []
    seen_headings: set[str] = set()
    for heading_words, paragraphs in sections:
        heading = " ".join(heading_words)
        assume(heading not in seen_headings)
        seen_headings.add(heading)
        blocks.append(("heading", heading))
        for sents in paragraphs:
            if with_notes:
                sents = list(sents)
                notes.append(draw(sentences))
                sents[-1] += sup(len(notes))
            blocks.append(("paragraph", " ".join(sents)))
    blocks.extend(("note", f"{sup(n)} {text}") for n, text in enumerate(notes, 1))
    return blocks


def render_lines(blocks, width: int) -> list[str]:
    """Hard-wrapped lines, a blank line between blocks; notes stay one line."""
    lines: list[str] = []
    for kind, text in blocks:
        if lines:
            lines.append("")
        if kind == "paragraph":
            lines.extend(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
        else:
            lines.append(text)
    return lines


def paged(lines: list[str], cuts: list[int], number_style: str) -> str:
    """Form-fed pages, each with a running header and a page number; not the
    first page where it opens with a heading (a line that reads like the
    running head over a heading there is the document's title)."""
    pages, start = [], 0
    for cut in [*cuts, len(lines)]:
        pages.append(lines[start:cut])
        start = cut
    out = []
    for i, page in enumerate(pages, 1):
        number = number_style.format(i)
        head = [HEADER, ""] if i > 1 or not is_heading_like(page[0]) else []
        out.append("\n".join([*head, *page, "", number]))
    return "\f".join(out)


def shape(doc):
    return [(b.kind, b.region, b.text) for b in doc.blocks if b.kind != "noise"]


@st.composite
def broken_renderings(draw):
    blocks = draw(documents())
    lines = render_lines(blocks, draw(st.integers(30, 90)))
    keys = [edge_key(line) for line in lines if line]
    assume(len(keys) == len(set(keys)))  # no line repeats by chance, as in real text
    # pages break mid-sentence (after a line that does not end one) or between
    # blocks after a last line with room for the next word (shorter than every
    # wrapped line): a full line ending a sentence at a page end may close its
    # paragraph or not, and the normaliser weighs the witness's habits there
    wrapped = [len(a) for a, b in zip(lines, lines[1:], strict=False) if a and b]

    def room_after(i: int) -> bool:
        last, word = lines[i - 2], lines[i].split()[0]
        return len(last) + 1 + len(word) <= min(wrapped, default=0)

    breakable = [
        i
        for i in range(1, len(lines))
        if lines[i]
        and (
            (lines[i - 1] == "" and room_after(i))
            or (lines[i - 1] and not lines[i - 1].rstrip(SUPERSCRIPTS).endswith("."))
        )
    ]
    assume(breakable)
    cuts = sorted(draw(st.sets(st.sampled_from(breakable), min_size=1, max_size=6)))
    style = draw(st.sampled_from(["{}", "- {} -", "Page {}"]))
    return lines, cuts, style


@settings(max_examples=60, deadline=None, suppress_health_check=CHECKS)
@given(rendering=broken_renderings())
def test_page_breaks_do_not_change_the_paragraphs(rendering, nothing_lost):
    lines, cuts, style = rendering
    headed = len(cuts) + (not is_heading_like(lines[0]))
    assume(headed >= 2)  # a running head is known by coming back
    plain_text = "\n".join(lines)
    broken_text = paged(lines, cuts, style)
    plain_source, broken_source = demo_source(plain_text), demo_source(broken_text)
    plain_doc, broken_doc = normalise(plain_source), normalise(broken_source)
    nothing_lost(plain_source, plain_doc)
    nothing_lost(broken_source, broken_doc)
    assert shape(broken_doc) == shape(plain_doc)
    noise = [b.text for b in broken_doc.noise]
    assert noise.count(HEADER) == headed
    assert len(noise) == headed + len(cuts) + 1


@settings(max_examples=60, deadline=None, suppress_health_check=CHECKS)
@given(blocks=documents(), width=st.integers(30, 90))
def test_generated_documents_normalise_to_their_blocks(blocks, width, nothing_lost):
    source = demo_source("\n".join(render_lines(blocks, width)))
    doc = normalise(source)
    nothing_lost(source, doc)
    body = [(b.kind, b.text) for b in doc.body]
    assert body == [(k, t) for k, t in blocks if k != "note"]
    assert [b.region for b in doc.body][1:] == ["body"] * (len(body) - 1)
    assert [b.n for b in doc.blocks if b.kind == "footnote"] == list(
        range(1, 1 + sum(k == "note" for k, _ in blocks))
    )


TEXTY = st.lists(
    st.sampled_from(list("ab Cd.,;:-*_\"“”'1290¹²³[]^#\n\n\f\u00ad") + ["- 1 ", "¹ ", "12. "]),
    max_size=300,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=CHECKS)
@given(text=TEXTY)
@example(text="......")  # a dot leader: printed as five dots, its six spanned
def test_any_text_loses_nothing(text, nothing_lost):
    assume(text.strip())
    source = demo_source(text)
    nothing_lost(source, normalise(source))


HINTS = st.sampled_from([None, None, None, "header", "footer", "page-number", "margin", "footnote"])


@st.composite
def hinted_sources(draw):
    """Pages of lines (no boxes, so no geometry pass) with arbitrary hints."""
    from dedupe.model import Line, Page, Source, Witness

    text, pages = "", []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        lines = []
        for _ in range(draw(st.integers(0, 8))):
            line_text = draw(TEXTY.filter(lambda t: "\n" not in t and "\f" not in t))
            start = len(text)
            text += line_text + "\n"
            hint = draw(HINTS) if line_text.strip() else None
            lines.append(Line(line_text, start, start + len(line_text), number, hint=hint))
        pages.append(Page(number, tuple(lines)))
    return Source(Witness("A", "<hinted>", "", "hinted"), text, tuple(pages))


@settings(max_examples=150, deadline=None, suppress_health_check=CHECKS)
@given(source=hinted_sources())
def test_hinted_lines_lose_nothing(source, nothing_lost):
    doc = normalise(source)
    nothing_lost(source, doc)
    kind_at = {i: b.kind for b in doc.blocks for s in b.spans for i in range(s.start, s.end)}
    for line in source.lines:
        if line.text.strip() and line.hint is not None:
            first = line.start + len(line.text) - len(line.text.lstrip())
            assert kind_at[first] == ("footnote" if line.hint == "footnote" else "noise")
