"""Writing outputs safely: the one place every command's output goes through.

What ``-o PATH`` does depends on what PATH names, so that pointing dedupe at
something can never destroy it:

- ``-``: standard output;
- a regular file, or a new path: written atomically (a temporary file in the
  same folder, renamed into place), so a failed or interrupted run leaves the
  old file as it was and no partial output;
- a symbolic link: followed; its target is written atomically by the rules
  above, and the link itself is kept;
- a FIFO, a character device (``/dev/null``, a terminal) or a socket, and an
  open descriptor such as ``/dev/stdout``: written in place, never replaced;
- a directory, a block device, a path whose folder does not exist, or a file
  that is one of the inputs (also through a symbolic or hard link): refused
  with one line (a :class:`DedupeError`, exit code 2).
"""

from __future__ import annotations

import os
import socket
import stat
import sys
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass

from dedupe.model import DedupeError

#: The output path that means standard output.
STDOUT = "-"

#: Hops of symbolic links followed before calling it a loop (as the kernel does).
MAX_LINKS = 40


class Inputs:
    """The files an output must never replace, known by device and inode (so
    a symbolic or hard link to an input is recognised) and by resolved path.
    Built once for many outputs (``scan --reconcile`` writes three per cluster)."""

    def __init__(self, paths: Iterable[str | os.PathLike]) -> None:
        self.ids: set[tuple[int, int]] = set()
        self.real: set[str] = set()
        for path in paths:
            self.real.add(os.path.realpath(path))
            with suppress(OSError, ValueError):
                info = os.stat(path)
                self.ids.add((info.st_dev, info.st_ino))

    def holds(self, real: str, info: os.stat_result | None) -> bool:
        if info is not None and (info.st_dev, info.st_ino) in self.ids:
            return True
        return real in self.real


def protect(inputs: Inputs | Iterable[str | os.PathLike]) -> Inputs:
    return inputs if isinstance(inputs, Inputs) else Inputs(inputs)


@dataclass(frozen=True)
class Target:
    """Where an output goes: ``kind`` is ``stdout``, ``file`` (replaced
    atomically at ``path``, links resolved), ``stream`` (opened and written
    in place) or ``socket``."""

    name: str
    kind: str
    path: str = ""


def resolve_output(output: str | os.PathLike, inputs: Inputs | Iterable[str]) -> Target:
    """Decide how ``output`` is written, or raise :class:`DedupeError` saying
    why it cannot be. Nothing is created or changed."""
    name = os.fspath(output)
    if name == STDOUT:
        return Target("standard output", "stdout")
    try:
        info = os.stat(name)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise DedupeError(f"{name}: cannot write ({_reason(err)})") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        return _special(name, info.st_mode)
    real = os.path.realpath(name)
    if protect(inputs).holds(real, info):
        raise DedupeError(f"{name}: output path is an input file; refusing to overwrite it")
    if info is not None and _through_descriptor(name):
        return Target(name, "stream", name)  # /dev/stdout redirected to a file: append to it
    if info is None:
        if os.path.islink(real):
            raise DedupeError(f"{name}: cannot write (symbolic link loop)")
        folder = os.path.dirname(real)
        if not os.path.isdir(folder):
            shown = os.path.dirname(name) or "."
            problem = "is not a folder" if os.path.exists(folder) else "does not exist"
            raise DedupeError(f"{name}: folder {shown} {problem}")
    return Target(name, "file", real)


def check_output(output: str | os.PathLike, inputs: Inputs | Iterable[str]) -> None:
    """Fail before the work, not after it, on an output that will be refused."""
    resolve_output(output, inputs)


def write_output(
    output: str | os.PathLike | None, text: str, inputs: Inputs | Iterable[str]
) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``output`` by the module's
    rules; ``None`` is standard output. Never leaves a temporary file behind,
    even when interrupted; a failed write is one :class:`DedupeError` line."""
    _write(output, text, inputs)


def write_output_bytes(
    output: str | os.PathLike | None, data: bytes, inputs: Inputs | Iterable[str]
) -> None:
    """``write_output`` for binary outputs (a DOCX, a PDF), by the same rules."""
    _write(output, data, inputs)


def _write(
    output: str | os.PathLike | None, content: str | bytes, inputs: Inputs | Iterable[str]
) -> None:
    target = resolve_output(STDOUT if output is None else output, inputs)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if target.kind == "stdout":
            if isinstance(content, str):
                sys.stdout.write(content)
                sys.stdout.flush()
            else:
                sys.stdout.flush()
                sys.stdout.buffer.write(content)
                sys.stdout.buffer.flush()
        elif target.kind == "file":
            _replace(target.path, data)
        elif target.kind == "socket":
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.connect(target.path)
                sock.sendall(data)
        else:
            with open(target.path, "ab") as stream:
                stream.write(data)
    except BrokenPipeError:
        raise  # a closed pipe (``| head``) is not an error: the CLI exits quietly
    except OSError as err:
        raise DedupeError(f"{target.name}: cannot write ({_reason(err)})") from None


def same_output(first: str | os.PathLike, second: str | os.PathLike) -> bool:
    """Whether two output paths name one file (so one would overwrite the other)."""
    if STDOUT in (os.fspath(first), os.fspath(second)):
        return os.fspath(first) == os.fspath(second)
    return Inputs([first]).holds(os.path.realpath(second), _stat(second))


def _special(name: str, mode: int) -> Target:
    """Targets that are not regular files: written in place or refused."""
    if stat.S_ISDIR(mode):
        raise DedupeError(f"{name}: output path is a directory")
    if stat.S_ISBLK(mode):
        raise DedupeError(f"{name}: output path is a block device; refusing to write to it")
    if stat.S_ISSOCK(mode):
        return Target(name, "socket", name)
    return Target(name, "stream", name)  # a FIFO or a character device


def _through_descriptor(name: str) -> bool:
    """Whether following ``name``'s links passes through ``/proc`` (such as
    ``/dev/stdout`` -> ``/proc/self/fd/1``): an open file of this process,
    which is written in place (appended to) rather than replaced."""
    path = os.path.abspath(name)
    for _ in range(MAX_LINKS):
        if os.path.realpath(os.path.dirname(path)).startswith("/proc/"):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.join(os.path.realpath(os.path.dirname(path)), os.readlink(path))
    return False


def _replace(real: str, data: bytes) -> None:
    """Temporary file beside the target, then rename: the target is either
    the old file or the complete new one, and the temporary file is removed
    on any failure, including an interrupt."""
    folder, base = os.path.split(real)
    fd, tmp = tempfile.mkstemp(prefix=f".{base}.", dir=folder)
    done = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        _keep_permissions(tmp, real)
        os.replace(tmp, real)
        done = True
    finally:
        if not done:
            with suppress(OSError):
                os.unlink(tmp)


def _keep_permissions(tmp: str, real: str) -> None:
    """The permissions (and, run as root, the owner) of the file replaced, or
    those a plain ``open()`` would give a new file: mkstemp makes 0600, and an
    edition is for sharing."""
    old = _stat(real)
    if old is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    os.chmod(tmp, old.st_mode & 0o777)
    if os.geteuid() == 0 and (old.st_uid, old.st_gid) != (0, 0):
        with suppress(OSError):
            os.chown(tmp, old.st_uid, old.st_gid)


def _stat(path: str | os.PathLike) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__
