"""Interrupted and failing runs: ^C, SIGTERM and a full disk leave no partial
output and no temporary file, and end with one clear line and a known exit
code. The runs are real: a compare of a large input, stopped once started."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "beijing-binds"
A, B = str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")
#: Copies of the sample in the large input: some thirty seconds of work, far
#: more than the test lets it run.
COPIES = 200


@pytest.fixture(scope="module")
def large_pair(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("large")
    paths = []
    for source in (A, B):
        path = folder / Path(source).name
        path.write_text(Path(source).read_text(encoding="utf-8") * COPIES, encoding="utf-8")
        paths.append(str(path))
    return paths


def dedupe(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dedupe", *args],
        stdout=kwargs.pop("stdout", subprocess.DEVNULL),
        stderr=kwargs.pop("stderr", subprocess.PIPE),
        text=True,
        **kwargs,
    )


def wait_until_started(process: subprocess.Popen, timeout: float = 120) -> None:
    """Until dedupe has installed its SIGTERM handler (it then runs the
    command), seen in /proc; then a moment more, so the work is under way."""
    mask = 1 << (signal.SIGTERM - 1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "dedupe ended before it was interrupted"
        status = Path(f"/proc/{process.pid}/status").read_text()
        caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & mask:
            time.sleep(0.5)
            return
        time.sleep(0.05)
    raise AssertionError("dedupe did not start in time")


def hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


@pytest.mark.parametrize(
    "signum, code, line, existing",
    [
        (signal.SIGINT, 130, "dedupe: interrupted", False),
        (signal.SIGTERM, 143, "dedupe: interrupted (SIGTERM)", True),
        (signal.SIGHUP, 129, "dedupe: interrupted (SIGHUP)", False),
    ],
    ids=["SIGINT", "SIGTERM", "SIGHUP"],
)
def test_a_signal_stops_compare_cleanly(tmp_path, large_pair, signum, code, line, existing):
    out = tmp_path / "out.txt"
    if existing:
        out.write_text("old\n")
    process = dedupe("compare", *large_pair, "-o", str(out), "--report", str(tmp_path / "r"))
    wait_until_started(process)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code, stderr
    assert stderr.splitlines() == [line]
    assert (out.read_text() == "old\n") if existing else not out.exists()
    assert not (tmp_path / "r").exists() and hidden_files(tmp_path) == []


def test_a_signal_stops_scan_and_reconcile_cleanly(tmp_path):
    """Thirty versions of a long text: one cluster, a collation of a minute
    or more, interrupted once the scan's own output is written."""
    archive = tmp_path / "archive"
    archive.mkdir()
    words = (Path(A).read_text(encoding="utf-8") * 4).split(" ")
    for k in range(30):
        changed = words[:k] + [words[k].upper()] + words[k + 1 :]
        (archive / f"v{k:02d}.txt").write_text(" ".join(changed), encoding="utf-8")
    editions = tmp_path / "editions"
    out = tmp_path / "clusters.json"
    process = dedupe(
        "scan", str(archive), "--reconcile", str(editions), "-f", "json", "-o", str(out)
    )
    wait_until_started(process)
    deadline = time.monotonic() + 300
    while not out.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # the scan writes its clusters, then reconciles them
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.splitlines()[-1] == "dedupe: interrupted"
    assert "Traceback" not in stderr
    assert json.loads(out.read_text())["summary"]["clusters"] == 1  # written whole before
    assert hidden_files(tmp_path) == []
    assert not (
        editions / "beijing-binds-covid-19-and-the-china-central-asia" / "canonical.txt"
    ).exists()


def test_interrupt_under_the_progress_bar(large_pair, tmp_path, on_terminal_process):
    """^C while rich's bar is showing: the bar goes, the cursor comes back,
    and the line is said."""
    process, read = on_terminal_process("compare", *large_pair, "-o", str(tmp_path / "out"))
    shown = read(until="read")
    process.send_signal(signal.SIGINT)
    shown += read()
    assert process.wait(timeout=120) == 130, shown
    assert "\x1b[?25l" in shown and "\x1b[?25h" in shown  # bar shown, cursor restored
    assert shown.rstrip().endswith("dedupe: interrupted")
    assert "Traceback" not in shown and hidden_files(tmp_path) == []


def limit_file_size() -> None:
    """In the child: files may not grow past 512 bytes (as ``ulimit -f 1`` would, near enough); the
    write then fails with EFBIG (Python ignores SIGXFSZ, which would kill it)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


@pytest.mark.parametrize(
    "args",
    [
        ["compare", A, B, "-q", "-o", "{out}"],
        ["compare", A, B, "-o", os.devnull, "--report", "{out}"],
        ["normalise", A, "-o", "{out}"],
        ["scan", str(SAMPLES), "--format", "json", "--all", "-q", "-o", "{out}"],
    ],
    ids=["compare", "report", "normalise", "scan"],
)
def test_a_full_disk_is_one_line_and_the_old_file_survives(tmp_path, args):
    out = tmp_path / "out.txt"
    out.write_text("old\n")
    process = dedupe(
        *[a.replace("{out}", str(out)) for a in args],
        preexec_fn=limit_file_size,
        cwd=tmp_path,
    )
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 2, stderr
    assert stderr.splitlines()[-1] == f"dedupe: {out}: cannot write (File too large)"
    assert "Traceback" not in stderr
    assert out.read_text() == "old\n" and hidden_files(tmp_path) == []


def test_a_full_disk_under_reconcile_stops_the_run(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for source in (A, B):
        (archive / Path(source).name).write_text(Path(source).read_text(encoding="utf-8"))
    editions = tmp_path / "editions"
    process = dedupe(
        "scan", str(archive), "--reconcile", str(editions), "-q", preexec_fn=limit_file_size
    )
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 2, stderr
    assert (
        "beijing-binds-covid-19-and-the-china-central-asia/canonical.txt: cannot write (File too large)"
        in stderr.splitlines()[-1]
    )
    assert list(editions.rglob("*.txt")) == [] and hidden_files(tmp_path) == []


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def test_sigint_while_workers_read_stops_them_all(tmp_path, large_pair):
    """Witnesses read in worker processes: ^C stops the workers too (none
    is left running) and the run ends as a serial one does."""
    out = tmp_path / "out.txt"
    env = {**os.environ, "DEDUPE_WORKERS": "2"}
    process = dedupe("compare", *large_pair, "-o", str(out), env=env)
    wait_until_started(process)
    deadline = time.monotonic() + 60
    while len(children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = children(process.pid)
    assert len(workers) >= 2, "the witnesses were not read in workers"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.splitlines() == ["dedupe: interrupted"]
    assert not out.exists() and hidden_files(tmp_path) == []
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []
