"""``compare --review --interactive``: the flagged variants walked one by one,
answers written as a decisions file and applied to the outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import dedupe
from dedupe.decisions import load_decisions
from dedupe.interactive import walk


def flagged(collation):
    return [c for _, c in collation.variants() if c.review]


def test_walk_turns_answers_into_decisions(sample_a, sample_b):
    collation = dedupe.compare([sample_a, sample_b])
    first, second, third, fourth = flagged(collation)[:4]
    answers = iter(["2", "B is right", "", "\\7", "", "-", "stray", "q"])
    shown: list[str] = []
    made = walk(collation, lambda prompt: next(answers), shown.append)
    assert [d.id for d in made] == [first.id, third.id, fourth.id]
    assert made[0].reading == list(first.readings.values())[1] and made[0].note == "B is right"
    assert made[1].reading == "7"  # a backslash types a number literally
    assert made[2].reading == "" and made[2].note == "stray"
    assert made[0].context["readings"] == sorted(set(first.readings.values()))
    assert any(first.id in line for line in shown)
    assert shown[-1].strip() == "3 decisions made"


def test_end_of_input_stops_the_walk(sample_a, sample_b):
    collation = dedupe.compare([sample_a, sample_b])
    assert walk(collation, lambda prompt: None, lambda text: None) == []


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_interactive_writes_the_file_and_applies_it(sample_a, sample_b, tmp_path):
    path = tmp_path / "decisions.json"
    out = tmp_path / "out.json"
    args = ["compare", sample_a, sample_b, "--review", "--interactive", "--decisions", str(path)]
    result = run(*args, "-f", "json", "-o", str(out), stdin="Typed-At-Terminal\nmine\nq\n")
    assert result.returncode == 0, result.stderr
    assert "reading> " in result.stderr and "1 decisions written" in result.stderr
    (decision,) = load_decisions(path)
    assert decision.reading == "Typed-At-Terminal" and decision.note == "mine"
    data = json.loads(out.read_text("utf-8"))
    assert "Typed-At-Terminal" in data["canonical"]["text"]
    assert next(v for v in data["variants"] if v["id"] == decision.id)["reason"] == "editor"
    # a second session starts after the first one's decision and keeps it
    again = run(*args, "-q", "-o", str(tmp_path / "t.txt"), stdin="-\n\nq\n")
    assert again.returncode == 0, again.stderr
    both = load_decisions(path)
    assert [d.id for d in both][0] == decision.id and len(both) == 2
    assert both[1].id != decision.id and both[1].reading == ""


def test_interactive_needs_review_and_a_file(sample_a, sample_b):
    for extra in (["--interactive", "--decisions", "d.json"], ["--review", "--interactive"]):
        result = run("compare", sample_a, sample_b, *extra)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            "dedupe: --interactive needs --review and --decisions FILE (written)"
        )


def test_interactive_on_a_terminal(sample_a, sample_b, tmp_path):
    """Prompts and answers through a pseudo-terminal, as an editor types them."""
    import pty

    path = tmp_path / "decisions.json"
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "dedupe", "compare", sample_a, sample_b, "--review"]
        + ["--interactive", "--decisions", str(path), "-o", str(tmp_path / "out.txt")],
        stdin=slave,
        stderr=slave,
        stdout=subprocess.DEVNULL,
        env={**env, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(slave)
    seen = b""

    def until(text: str) -> None:
        nonlocal seen
        while text.encode() not in seen:
            data = os.read(master, 65536)
            assert data, seen.decode("utf-8", "replace")
            seen += data

    until("[1/")
    until("reading> ")
    os.write(master, b"1\n")
    until("note (Enter for none)> ")
    os.write(master, b"\n")
    until("[2/")
    until("reading> ")
    os.write(master, b"q\n")
    assert process.wait(timeout=300) == 0
    try:
        while os.read(master, 65536):
            pass
    except OSError:
        pass
    os.close(master)
    (decision,) = load_decisions(path)
    first = flagged(dedupe.compare([sample_a, sample_b]))[0]
    assert decision.id == first.id and decision.reading == list(first.readings.values())[0]
