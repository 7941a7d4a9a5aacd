"""Endnote sections: their heading, and notes cut by a page break.

An edition lists its notes under its own ``Notes`` heading, so the heading a
witness printed over its endnotes is layout, not a heading of the text. A
heading is an endnotes heading where the notes under it run past its page or
to the end of the document (a heading at the foot of a page, above that
page's footnotes, is a heading of the text). A note that runs over a page
break goes on at the top of the next page, past the running head, before
the next note: that block is the rest of the note.
"""

from __future__ import annotations

from dedupe.normalise.blocks import FOOTNOTE_HINT
from dedupe.normalise.draft import Draft
from dedupe.normalise.habits import text_habits
from dedupe.normalise.noteruns import is_notes_heading
from dedupe.normalise.shape import (
    CLAUSE_END,
    EDGE,
    ends_sentence,
    is_heading_like,
    last_char,
    plain,
    starts_lowercase,
)


def _next_kept(drafts: list[Draft], i: int) -> int | None:
    """Index of the first draft after ``i`` that is not noise."""
    return next((j for j in range(i + 1, len(drafts)) if drafts[j].kind != "noise"), None)


def mark_endnote_headings(drafts: list[Draft]) -> list[Draft]:
    """A short line over a run of notes that goes on past its page, or to the
    end of the document, becomes noise; not where the notes stand in a
    page's footnote area (geometry), nor where the text after the notes
    carries the line's sentence on. A heading that names notes (``Notes``,
    ``Endnotes``, ``noteruns.is_notes_heading``) over notes is noise even
    where OCR left blocks between the notes.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.footnotes import find_footnotes
    >>> from dedupe.normalise.draft import show
    >>> show(mark_endnote_headings(find_footnotes(demo_drafts(
    ...     "It ended.[1]\\n\\nNotes\\n\\n[1] Reuters.com, 2020."))))
    paragraph: It ended.[1]
    noise: Notes  [heading of the endnotes: the edition lists the notes under its own heading]
    footnote 1: Reuters.com, 2020.  [footnote 1: bracketed number]
    """
    from dedupe.normalise.paragraphs import continues

    out = list(drafts)
    for i, d in enumerate(drafts):
        if d.kind != "paragraph" or not is_heading_like(d.text):
            continue
        j = _next_kept(drafts, i)
        if j is None or drafts[j].kind != "footnote":
            continue
        run = [j]
        while (n := _next_kept(drafts, run[-1])) is not None and drafts[n].kind == "footnote":
            run.append(n)
        if any(drafts[k].hint == FOOTNOTE_HINT for k in run):
            continue  # a page's footnote area
        named = is_notes_heading(d.text)  # ``Notes``: what the notes run on to need not tell
        if (
            not named
            and n is not None
            and (drafts[run[-1]].pages[1] == d.pages[1] or continues(d, drafts[n]))
        ):
            continue
        out[i] = d.but(
            kind="noise",
            reason="heading of the endnotes: the edition lists the notes under its own heading",
        )
    return out


def note_goes_on(note: Draft, after: Draft) -> str | None:
    """Why ``after`` is the rest of ``note``, or None.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> a, b, c = demo_drafts("“Dva sluchaia,” Fergana.news, March 13,\\n\\n2020.\\n\\nThey left.")
    >>> note_goes_on(a, b), note_goes_on(b, c)
    ("the note ends with ','", None)
    >>> a, b = demo_drafts("“Pochemu omon podavil protest?”\\n\\nakhbor.rus.com, May 21, 2020.")
    >>> note_goes_on(a, b)
    'the next block starts in lower case'
    """
    if after.kind != "paragraph":
        return None
    if starts_lowercase(after.text):  # even after a title's "?": notes cite
        return "the next block starts in lower case"
    if ends_sentence(note.text):
        return None
    if is_heading_like(after.text):
        return None
    end = last_char(plain(note.text[-EDGE:]))
    if end in CLAUSE_END:
        return f"the note ends with '{end}'"
    last = note.text.split()[-1] if note.text.split() else ""
    if last.isalpha() and last.islower():
        return "the note stops mid-sentence"
    return None


def rejoin_broken_notes(drafts: list[Draft], text_file: bool = False) -> list[Draft]:
    """Join a note cut by a page break with its rest: a block between two
    notes (or after the last), past noise only, that carries the note's
    sentence on, unless the body paragraph before the notes (on this page or
    the one before) carries on there
    (a short line over the notes is their heading, not a paragraph; in a
    text file, a line filled to the measure is a paragraph's).

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.footnotes import find_footnotes
    >>> from dedupe.normalise.draft import show
    >>> show(rejoin_broken_notes(find_footnotes(demo_drafts(
    ...     "It ended.[1] It went on.[2]\\n\\n[1] “Dva sluchaia v Ka-\\n\\fzakhstane,” Fergana.news.\\n\\n"
    ...     "[2] Reuters.com, 2020."))))
    paragraph: It ended.[1] It went on.[2]
    footnote 1: “Dva sluchaia v Ka- zakhstane,” Fergana.news.  [footnote 1: bracketed number; continued on the next page: the next block starts in lower case]
    footnote 2: Reuters.com, 2020.  [footnote 2: bracketed number]
    """
    from dedupe.normalise.paragraphs import continues

    out: list[Draft] = []
    note_at: int | None = None  # index in ``out`` of a note that may go on
    open_body: Draft | None = None  # the body paragraph the notes interrupted
    habits = text_habits(drafts) if text_file else None
    for i, d in enumerate(drafts):
        if d.kind == "noise":
            out.append(d)
            continue
        if d.kind == "footnote":
            out.append(d)
            # a note in a page's footnote area (geometry) goes on in that area
            note_at = None if d.hint == FOOTNOTE_HINT else len(out) - 1
            continue
        after = _next_kept(drafts, i)
        if (
            note_at is not None
            and (after is None or drafts[after].kind == "footnote")
            and not (
                open_body is not None
                and d.pages[0] <= open_body.pages[1] + 1
                and continues(open_body, d)
            )
            and (why := note_goes_on(out[note_at], d))
        ):
            note = out[note_at]
            where = " on the next page" if d.pages[0] != note.pages[1] else ""
            out[note_at] = note.absorb(d, f"continued{where}: {why}")
            continue
        out.append(d)
        note_at = None
        prose = not is_heading_like(d.text) or (habits is not None and habits.fills(d.lines[-1]))
        open_body = d if d.kind == "paragraph" and prose else None
    return out
