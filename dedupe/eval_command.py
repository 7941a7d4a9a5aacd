"""``dedupe eval``: error rates of witnesses or canonical texts against a truth.

Only typer is imported here; the scorer (``dedupe.evaluate``) is imported
inside the command so that ``dedupe --help`` stays fast.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


def render_table(evaluation) -> str:
    """Plain aligned text: one row per candidate, the truth's size below."""
    rows = [("candidate", "CER", "WER", "char errors", "word errors")]
    for s in evaluation.scores:
        rows.append(
            (
                s.path,
                f"{100 * s.cer:.2f}%",
                f"{100 * s.wer:.2f}%",
                str(s.char_errors),
                str(s.word_errors),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    first = evaluation.scores[0]
    lines.append(f"truth: {evaluation.truth} ({first.chars} characters, {first.words} words)")
    return "\n".join(lines) + "\n"


def evaluate_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="One or more candidates (witnesses or canonical texts, any format dedupe "
            "reads), then the ground truth last.",
            show_default=False,
            metavar="CANDIDATE... TRUTH",
        ),
    ],
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", help="Output format.")] = (
        EvalFormat.table
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Character and word error rates of each CANDIDATE against TRUTH.

    CER and WER as dinglehopper defines them: Levenshtein distance over
    grapheme clusters (after Unicode NFC) or over words (split on whitespace),
    divided by the length of the truth. Every file is scored as dedupe reads
    and normalises it: its headings and paragraphs, then its notes, as the
    canonical plain text prints them, layout noise left out.

    Examples:

      dedupe eval scan1.hocr scan2.txt canonical.txt truth.txt

      dedupe eval canonical.txt truth.page.xml --format json
    """
    from dedupe.cli_messages import fail
    from dedupe.evaluate import evaluate
    from dedupe.model import DedupeError
    from dedupe.render.files import check_output, write_output

    if len(files) < 2:
        raise fail("eval needs at least one candidate and the ground truth (the last file)")
    names = [str(f) for f in files]
    try:
        if output is not None:
            check_output(output, names)
        result = evaluate(names[:-1], names[-1])
    except DedupeError as err:
        raise fail(str(err)) from None
    if fmt == EvalFormat.json:
        text = json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = render_table(result)
    try:
        write_output(output, text, names)
    except DedupeError as err:
        raise fail(str(err)) from None


def register_eval(app: typer.Typer) -> None:
    """Add ``eval`` to the dedupe app."""
    app.command("eval")(evaluate_command)
