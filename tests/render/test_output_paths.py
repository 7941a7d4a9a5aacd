"""Every kind of path ``-o`` can name, through the real command line: what is
written where, and that nothing the path names is ever destroyed."""

from __future__ import annotations

import os
import pty
import shutil
import socket
import stat
import subprocess
import sys
import threading
import tty
from pathlib import Path

import pytest

from dedupe.model import DedupeError
from dedupe.render.files import same_output, write_output

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "beijing-binds"
A, B = str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="making device nodes needs root")


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args],
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        timeout=120,
        **kwargs,
    )


@pytest.fixture(scope="module")
def canonical() -> str:
    result = run("compare", A, B, "-q")
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def witnesses(tmp_path) -> list[Path]:
    """Copies of the sample pair the tests may link to (and must not change)."""
    folder = tmp_path / "in"
    folder.mkdir()
    copies = [folder / "a.txt", folder / "b.txt"]
    for source, copy in zip((A, B), copies, strict=True):
        shutil.copy(source, copy)
    return copies


def assert_refused(result: subprocess.CompletedProcess, needle: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dedupe: ") and needle in lines[0], lines
    assert not result.stdout


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_dash_is_stdout(canonical, tmp_path):
    result = run("compare", A, B, "-q", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == canonical
    assert list(tmp_path.iterdir()) == []  # no file called "-"


def test_new_and_existing_regular_files_are_written_whole(canonical, tmp_path):
    out = tmp_path / "canon.txt"
    assert run("compare", A, B, "-q", "-o", str(out)).returncode == 0
    assert out.read_text() == canonical
    out.write_text("old\n")
    assert run("compare", A, B, "-q", "-o", str(out)).returncode == 0
    assert out.read_text() == canonical and leftovers(tmp_path) == []


def test_a_symlink_is_followed_and_kept(canonical, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "link.txt"
    link.symlink_to(elsewhere / "new.txt")  # dangling: the target is created
    assert run("compare", A, B, "-q", "-o", str(link)).returncode == 0
    assert link.is_symlink() and (elsewhere / "new.txt").read_text() == canonical
    (elsewhere / "new.txt").write_text("old\n")
    assert run("normalise", A, "-o", str(link)).returncode == 0
    assert link.is_symlink() and (elsewhere / "new.txt").read_text().startswith(
        "[heading, front] Beijing Binds"
    )
    assert leftovers(tmp_path) == [] and leftovers(elsewhere) == []


def test_a_symlink_or_hard_link_to_an_input_is_refused(witnesses, tmp_path):
    before = witnesses[0].read_bytes()
    soft = tmp_path / "soft.txt"
    soft.symlink_to(witnesses[0])
    hard = tmp_path / "hard.txt"
    os.link(witnesses[0], hard)
    for out in (soft, hard):
        result = run("compare", *map(str, witnesses), "-o", str(out))
        assert_refused(result, "is an input file")
        result = run("normalise", str(witnesses[0]), "-o", str(out))
        assert_refused(result, "is an input file")
    assert witnesses[0].read_bytes() == before and soft.is_symlink()
    assert os.stat(hard).st_ino == os.stat(witnesses[0]).st_ino


def test_a_directory_or_a_missing_folder_is_one_line(tmp_path):
    assert_refused(run("compare", A, B, "-o", str(tmp_path)), "is a directory")
    missing = tmp_path / "no" / "out.txt"
    assert_refused(run("compare", A, B, "-o", str(missing)), "does not exist")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_refused(run("normalise", A, "-o", str(blocker / "out.txt")), "Not a directory")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert_refused(run("compare", A, B, "-o", str(loop)), "symbolic links")
    assert not missing.parent.exists() and loop.is_symlink()


def test_a_fifo_is_written_in_place(canonical, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []

    def read() -> None:
        with open(fifo, encoding="utf-8") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = run("compare", A, B, "-q", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert received == [canonical]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and leftovers(tmp_path) == []


def test_a_unix_socket_is_written_to(canonical, tmp_path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    received: list[bytes] = []

    def accept() -> None:
        conn, _ = server.accept()
        with conn:
            received.append(b"".join(iter(lambda: conn.recv(65536), b"")))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    result = run("compare", A, B, "-q", "-o", str(path))
    thread.join(timeout=60)
    server.close()
    assert result.returncode == 0, result.stderr
    assert received == [canonical.encode("utf-8")]
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_terminal_is_written_in_place(canonical):
    """A pty's slave is a character device whose output can be read back."""
    master, slave = pty.openpty()
    tty.setraw(slave)  # no \n -> \r\n translation
    name = os.ttyname(slave)
    chunks: list[bytes] = []
    expected = len(canonical.encode("utf-8"))

    def read() -> None:
        while sum(map(len, chunks)) < expected:
            try:
                chunks.append(os.read(master, 65536))
            except OSError:
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        result = run("compare", A, B, "-q", "-o", name)
        reader.join(timeout=60)
        assert stat.S_ISCHR(os.stat(name).st_mode)
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 0, result.stderr
    assert b"".join(chunks).decode("utf-8") == canonical


@as_root
def test_a_null_device_stays_a_device(tmp_path):
    node = tmp_path / "mynull"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = run("compare", A, B, "-o", str(node))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode) and os.lstat(node).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mynull"]


@as_root
@pytest.mark.parametrize(
    "kind, device, needle",
    [
        (stat.S_IFCHR, (1, 7), "No space left on device"),  # like /dev/full: it was written to
        (stat.S_IFBLK, (7, 0), "block device"),  # a disk: never written to
    ],
)
def test_a_device_that_cannot_take_the_text_is_one_line(tmp_path, kind, device, needle):
    node = tmp_path / "node"
    os.mknod(node, 0o600 | kind, os.makedev(*device))
    assert_refused(run("compare", A, B, "-o", str(node)), needle)
    assert stat.S_IFMT(os.lstat(node).st_mode) == kind


def test_dev_stdout_appends_to_the_file_stdout_is(canonical, tmp_path):
    log = tmp_path / "log.txt"
    log.write_text("earlier\n")
    with open(log, "a") as fh:
        result = run("compare", A, B, "-q", "-o", "/dev/stdout", stdout=fh, stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    assert log.read_text() == "earlier\n" + canonical
    assert os.path.islink("/dev/stdout")


def test_scan_output_and_reconcile_follow_the_same_rules(witnesses, tmp_path):
    archive = witnesses[0].parent
    link = tmp_path / "clusters.json"
    link.symlink_to(witnesses[1])
    before = witnesses[1].read_bytes()
    result = run("scan", str(archive), "--format", "json", "-o", str(link), "-q")
    assert_refused(result, "is an input file")
    assert witnesses[1].read_bytes() == before
    editions = tmp_path / "editions"
    (editions / "beijing-binds-covid-19-and-the-china-central-asia").mkdir(parents=True)
    (editions / "beijing-binds-covid-19-and-the-china-central-asia" / "canonical.txt").symlink_to(
        witnesses[0]
    )
    result = run("scan", str(archive), "--reconcile", str(editions), "-q")
    assert result.returncode == 2 and "is an input file" in result.stderr, result.stderr
    assert witnesses[0].read_bytes() == Path(A).read_bytes()
    result = run("scan", str(archive), "--format", "json", "-o", "-", "-q")
    assert result.returncode == 0 and '"clusters": 1' in result.stdout, result.stderr


def test_same_output_sees_links(tmp_path):
    out = tmp_path / "out.txt"
    link = tmp_path / "link.txt"
    link.symlink_to(out)
    assert same_output(out, link)  # before either exists
    out.write_text("x")
    assert same_output(link, out) and not same_output(out, tmp_path / "other.txt")
    assert same_output("-", "-") and not same_output("-", out)


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    """Fault injection at the rename: the old content survives, the temporary goes."""
    out = tmp_path / "out.txt"
    out.write_text("old\n")

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output(out, "new\n" * 1000, [A])
    assert out.read_text() == "old\n" and leftovers(tmp_path) == []


def test_write_errors_are_one_dedupe_error(tmp_path):
    with pytest.raises(DedupeError, match=r"^/dev/full: cannot write \(No space left on device\)"):
        write_output("/dev/full", "text\n", [A])
    with open("/dev/full", "w") as full:
        result = run("compare", A, B, "-q", stdout=full, stderr=subprocess.PIPE)
    assert_refused(result, "dedupe: standard output: cannot write (No space left on device)")


@as_root
def test_a_replaced_file_keeps_its_owner_and_mode_and_its_other_links_the_old_text(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old\n")
    os.chown(out, 1234, 5678)
    out.chmod(0o640)
    other = tmp_path / "other-name.txt"
    os.link(out, other)
    write_output(out, "new\n", [A])
    info = os.stat(out)
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (1234, 5678, 0o640)
    assert out.read_text() == "new\n" and other.read_text() == "old\n"
