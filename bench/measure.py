"""Wall time and peak memory of one process, with a time limit.

Each measurement is of one whole process: start-up, reading, work and
writing. Peak memory comes from ``/usr/bin/time`` where there is one: a
child's peak as the kernel counts it starts from its parent's peak at the
fork, so the benchmark's own memory would be counted in every child; GNU
time is a small parent. Elsewhere ``os.wait4`` gives the child's own
resource use (a floor of this process's size, then).
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TIME = "/usr/bin/time"  # GNU time: peak memory of exactly the command


@dataclass(frozen=True)
class Measure:
    """One run: ``seconds`` wall time, ``peak_mb`` peak resident memory."""

    seconds: float
    peak_mb: float
    status: str  # "ok", "time-out", or "failed: <last line of stderr>"

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def measure(command: list[str], timeout: float, env: dict[str, str] | None = None) -> Measure:
    """Run ``command`` (stdout discarded) and measure it; kill it at ``timeout`` s.

    >>> m = measure(["python3", "-c", "pass"], timeout=30)
    >>> m.ok and m.seconds < 30 and m.peak_mb > 1
    True
    >>> measure(["python3", "-c", "import time; time.sleep(5)"], timeout=0.5).status
    'time-out'
    """
    with (
        tempfile.TemporaryFile() as err,  # a file, not a pipe: a chatty child never blocks
        tempfile.NamedTemporaryFile("r") as peak,
    ):
        timed = [TIME, "-f", "%M", "-o", peak.name, *command] if Path(TIME).exists() else command
        started = time.perf_counter()
        proc = subprocess.Popen(
            timed,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            start_new_session=True,  # a time-out stops the whole process group
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            seconds = time.perf_counter() - started
            if pid:
                break
            if seconds > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                return Measure(seconds, 0.0, "time-out")
            time.sleep(0.01 if seconds < 2 else 0.1)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
        numbers = [int(v) for v in peak.read().split() if v.isdigit()]  # the last is %M
        kilobytes = numbers[-1] if numbers else usage.ru_maxrss
    lines = [ln for ln in lines if not ln.startswith("Command exited with non-zero status")]
    verdict = "ok" if code == 0 else f"failed: {lines[-1] if lines else code}"
    return Measure(seconds, kilobytes / 1024, verdict)
