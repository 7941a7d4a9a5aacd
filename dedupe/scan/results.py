"""What a scan finds: clusters of versions, containments, singletons."""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA = "dedupe.scan/1"


@dataclass(frozen=True)
class Member:
    path: str
    words: int
    sha256: str


@dataclass(frozen=True)
class Pair:
    """Two members of a cluster and how alike their normalised texts are."""

    a: str
    b: str
    similarity: float
    common: int  # words aligned in order
    exact: bool  # identical after normalisation (typography and case folded)
    verified: bool  # aligned as a candidate pair, above the threshold


@dataclass(frozen=True)
class Role:
    """What one member is to the kept copy, and why it is in the cluster."""

    path: str
    role: str  # keep, duplicate, rendering, partial, version (``dedupe.scan.keep``)
    linked_to: str | None  # the member it is most similar to (a version of)
    similarity: float  # ... and how similar
    found_in_keep: float  # share of its words found in the kept copy, in order
    similar_to_keep: float | None  # its similarity to the kept copy, if aligned
    chained: bool  # only similar to the kept copy through another member
    variants: int | None = None  # substantive variants against the kept copy, if counted
    rendering_of: str | None = None  # the member it is a rendering of: one witness with it


@dataclass(frozen=True)
class Cluster:
    """Files that are versions of one document."""

    id: int
    members: tuple[Member, ...]
    pairs: tuple[Pair, ...]
    reason: str
    keep: str = ""
    keep_reason: str = ""
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Containment:
    """A file contained in a larger one (a chapter inside a book)."""

    part: str
    whole: str
    containment: float  # share of the part's words found in the whole, in order
    reverse: float  # share of the whole's words found in the part
    reason: str


@dataclass(frozen=True)
class ScanResult:
    threshold: float
    files: int
    skipped: tuple[str, ...]  # one line per unreadable file
    clusters: tuple[Cluster, ...]
    containments: tuple[Containment, ...]
    singletons: tuple[str, ...]
    stats: dict[str, object] = field(default_factory=dict)
