"""ZIP packages (DOCX, EPUB) opened with limits, so a zip bomb is refused.

A package's central directory declares each member's size, but a crafted one
can lie, so the limits hold twice: on the declared sizes before anything is
inflated (member count, per-member and total size, compression ratio), and
on the bytes actually inflated while a member is read.
"""

from __future__ import annotations

import io
import zipfile

from dedupe.model import DedupeError

#: At most this many members (a real book has a few hundred).
MAX_MEMBERS = 10_000
#: No member inflates to more than this.
MAX_MEMBER_BYTES = 64 * 1024 * 1024
#: The members read from one package inflate to no more than this in all.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: A member over 1 MiB inflated may be compressed at most this many times
#: (text compresses 3-10 times; a bomb 1000 times and more).
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024


class Package:
    """The members of a ZIP package, each read once within the limits."""

    def __init__(self, data: bytes, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, ValueError, NotImplementedError) as err:
            raise DedupeError(
                f"{name}: damaged {kind} (not a readable ZIP package: {err})"
            ) from None
        if len(infos) > MAX_MEMBERS:
            raise self._bomb(f"{len(infos)} members")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                raise self._bomb(f"{info.filename} inflates to {info.file_size} bytes")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise self._bomb(
                    f"{info.filename} is compressed {info.file_size // max(info.compress_size, 1)} times"
                )
        self.members = {info.filename: info for info in infos}
        self._read = 0

    def _bomb(self, what: str) -> DedupeError:
        return DedupeError(
            f"{self.name}: {self.kind} refused for safety: {what} (a zip bomb?); "
            f"limits: {MAX_MEMBER_BYTES // 2**20} MiB a member, {MAX_TOTAL_BYTES // 2**20} MiB in all"
        )

    def has(self, member: str) -> bool:
        return member in self.members

    def read(self, member: str) -> bytes:
        """A member's bytes, never inflating past the limits whatever the
        directory claims."""
        if member not in self.members:
            raise DedupeError(f"{self.name}: damaged {self.kind} (no {member} in the package)")
        cap = min(MAX_MEMBER_BYTES, MAX_TOTAL_BYTES - self._read)
        try:
            with self._zip.open(member) as stream:
                data = stream.read(cap + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as err:
            raise DedupeError(f"{self.name}: damaged {self.kind} ({member}: {err})") from None
        if len(data) > cap:
            raise self._bomb(f"{member} inflates past its limit")
        self._read += len(data)
        return data


def zip_kind(data: bytes) -> str | None:
    """``docx`` or ``epub`` for a ZIP package that is one, from its members
    (not its name); None for anything else."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, NotImplementedError):
        return "zip"
    if "word/document.xml" in names or "[Content_Types].xml" in names:
        return "docx"
    if "META-INF/container.xml" in names or data[30:58] == b"mimetypeapplication/epub+zip":
        return "epub"
    return "zip"


def parse_part(package: Package, member: str, allow_doctype: bool = False):
    """A package's XML part, parsed safely (``dedupe.read.xml``). Office Open
    XML forbids document type declarations, so a part with one is refused
    outright unless ``allow_doctype`` (EPUB 2 XHTML declares one)."""
    import re

    from dedupe.read.xml import parse_xml

    data = package.read(member)
    name = f"{package.name}: {member}"
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = sample.decode("utf-16", "replace").encode("utf-8")
    if not allow_doctype and re.search(rb"<!DOCTYPE", sample, re.IGNORECASE):
        raise DedupeError(
            f"{name}: XML part declares a document type (<!DOCTYPE ...>); refused for safety "
            f"({package.kind} parts never need one)"
        )
    return parse_xml(data, name)
