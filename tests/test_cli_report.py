"""The report of `dedupe compare` wherever stderr goes: a terminal (coloured),
a file or a pipe (plain, as in `make demo 2>log` or CI), or `--report FILE`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "beijing-binds"
A, B = str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")
GREEN = "\x1b[32m"  # witness A's colour
HIDE_CURSOR = "\x1b[?25l"  # what rich's progress bar starts with
#: Markers of the report: its header, table, a variant and the closing count.
REPORT = (
    "Witnesses: A = a.txt",
    "Variants by kind",
    "A:‹Zholdosbaev› B:‹Zholdoshaev›",
    "for review",
)
#: A decision the full report lists and --review leaves out (it is not flagged).
UNFLAGGED = "B:‹plane loads›"


def flagged_count() -> int:
    """How many decisions the library flags for review on the sample pair."""
    import dedupe

    return sum(1 for _, col in dedupe.compare([A, B]).variants() if col.review)


#: The report's closing line for --review, from the library's own flags.
FLAGGED = f"{flagged_count()} decisions flagged for review"


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**env, "COLUMNS": "100", "DEDUPE_PROGRESS_AFTER": "0", **extra}


def stderr_to_file(tmp_path: Path, *args: str, **env: str) -> tuple[int, str]:
    """Run compare with stderr redirected to a file: (exit code, the file's text)."""
    log = tmp_path / "log"
    with open(log, "w") as fh:
        code = subprocess.run(
            [sys.executable, "-m", "dedupe", "compare", A, B, "-o", str(tmp_path / "out"), *args],
            stdout=subprocess.DEVNULL,
            stderr=fh,
            env=environment(**env),
            timeout=120,
        ).returncode
    return code, log.read_text(encoding="utf-8")


def plain(shown: str) -> str:
    """What a terminal shows, without its escape codes."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)


def test_report_reaches_a_file_plain_and_without_a_progress_bar(tmp_path):
    code, log = stderr_to_file(tmp_path)
    assert code == 0, log
    for marker in REPORT:
        assert marker in log
    assert UNFLAGGED in log
    assert "\x1b" not in log  # no colour, no cursor movement, no bar


def test_quiet_means_nothing_on_stderr(tmp_path):
    assert stderr_to_file(tmp_path, "-q") == (0, "")


def test_review_lists_only_the_flagged_decisions_off_a_terminal(tmp_path):
    code, log = stderr_to_file(tmp_path, "--review")
    assert code == 0 and "A:‹Zholdosbaev› B:‹Zholdoshaev›" in log
    assert UNFLAGGED not in log and FLAGGED in log


def test_on_a_terminal_the_report_is_coloured_and_review_works_the_same(tmp_path, on_terminal):
    def stderr_to_terminal(*args: str) -> tuple[int, str]:
        return on_terminal("compare", A, B, "-o", str(tmp_path / "out"), *args)

    code, shown = stderr_to_terminal()
    assert code == 0 and GREEN in shown and HIDE_CURSOR in shown  # colour and the bar
    assert "Variants by kind" in plain(shown) and UNFLAGGED in plain(shown)
    code, review = stderr_to_terminal("--review")
    assert code == 0 and FLAGGED in plain(review)
    assert "A:‹Zholdosbaev›" in plain(review) and UNFLAGGED not in plain(review)


@pytest.mark.parametrize(
    "env, coloured",
    [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)],
)
def test_force_color_and_no_color_are_honoured(tmp_path, env, coloured):
    code, log = stderr_to_file(tmp_path, **env)
    assert code == 0 and "Variants by kind" in log
    assert (GREEN in log) == coloured
    assert HIDE_CURSOR not in log  # the progress bar is for terminals only


def test_report_file_is_the_full_plain_report_and_stderr_keeps_quiet(tmp_path):
    report = tmp_path / "report.txt"
    code, log = stderr_to_file(tmp_path, "--report", str(report), FORCE_COLOR="1")
    assert code == 0 and log == ""
    text = report.read_text(encoding="utf-8")
    for marker in REPORT:
        assert marker in text
    assert UNFLAGGED in text and "\x1b" not in text
    assert all(line == line.rstrip() for line in text.splitlines())
    # one line per variant and one per decision, never wrapped
    variants = [line for line in text.splitlines() if line.startswith("[")]
    decisions = [line for line in text.splitlines() if line.startswith("    → ")]
    assert len(variants) == len(decisions) > 26
    code, _ = stderr_to_file(tmp_path, "--report", str(report), "--review", "-q")
    assert code == 0 and UNFLAGGED not in report.read_text(encoding="utf-8")


def test_report_file_follows_the_output_rules(tmp_path):
    code, log = stderr_to_file(tmp_path, "--report", str(tmp_path / "out"))
    assert code == 2 and "same file" in log and len(log.splitlines()) == 1
    code, log = stderr_to_file(tmp_path, "--report", A)
    assert code == 2 and "is an input file" in log
    code, log = stderr_to_file(tmp_path, "--report", str(tmp_path / "no" / "report.txt"))
    assert code == 2 and "does not exist" in log
    assert not (tmp_path / "out").exists()  # refused before any work
