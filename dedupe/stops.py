"""How every dedupe command ends: signals, a closed pipe, an unexpected error.

Here, without typer, so that the commands run without the CLI framework
(``dedupe.entry``: the index query) end exactly as the others do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


class Interrupted(BaseException):
    """A signal asked dedupe to stop. Raised in place of KeyboardInterrupt
    (which typer turns into a silent exit) and for SIGTERM too, so the run
    unwinds and every ``finally`` removes its temporary files."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: Signals that stop a run with "dedupe: interrupted" and 128 + the signal's number.
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def install_stop_handlers() -> None:
    """Raise :class:`Interrupted` on the stop signals, except where the
    caller ignores them (``nohup``, a background job): that choice is kept."""
    import signal

    main_pid = os.getpid()

    def stop(signum, frame):
        if os.getpid() != main_pid:  # a worker process forked from dedupe
            if signum != signal.SIGINT:  # (on ^C its parent decides, and stops it)
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
            return
        raise Interrupted(signum)

    for name in STOP_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, stop)


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def guarded(run: Callable[[], object]) -> None:
    """Run a command, turning any stray error into one line.

    An unexpected exception is a bug in dedupe, not bad input: one line and
    exit code 3; ``DEDUPE_DEBUG=1`` shows the traceback. SIGINT (130),
    SIGTERM (143) and SIGHUP (129) say ``dedupe: interrupted``.
    """
    install_stop_handlers()
    try:
        run()
    except SystemExit:
        raise
    except (Interrupted, KeyboardInterrupt) as stop:
        import signal

        signum = getattr(stop, "signum", signal.SIGINT)
        name = "" if signum == signal.SIGINT else f" ({signal.Signals(signum).name})"
        _say(f"dedupe: interrupted{name}")
        sys.exit(128 + signum)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as err:  # noqa: BLE001 - the last line of defence
        if os.environ.get("DEDUPE_DEBUG"):
            raise
        _say(
            f"dedupe: internal error: {type(err).__name__}: {err} "
            "(a bug: please report it; DEDUPE_DEBUG=1 shows details)"
        )
        sys.exit(3)
