"""The search index: the searchable text of every protocol at the branch tip, in files
under the git directory, keyed by blob id (see `Index`), so a search reads a few files
and runs one regular expression per term over them, whatever the number of protocols.

The index is updated for what changed, not rewritten: the protocols a commit changed
(brotui's or anyone's) are parsed and written as a small segment beside the main file
(`search-index.d/`, one file per update); a blob no longer at the tip is left where it
is, and found by no search, since a search asks only for the tip's blobs. Once the
segments and the blobs left behind come to more than a sixteenth of the protocols (or
to MAX_SEGMENTS files), they are merged into one main file again."""

from __future__ import annotations

import bisect
import contextlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from brotui import __version__
from brotui.core.archive import Archive
from brotui.core.model import path_to_id
from brotui.core.query import Query, fold
from brotui.core.textparts import Part, parts, scrub
from brotui.core.values import Entry

INDEX_FILE = "search-index"
INDEX_VERSION = f"search-2 {__version__}"  # 2: the justering records are searched
# Separators in the index: between protocols, between keys and texts, between parts.
# No term can hold them (queries drop control characters) and a phrase's gap never
# matches them, so no match runs from one part or protocol into the next.
_END, _KEYS, NEXT = "\x00", "\x01", "\x02"
SEGMENTS = "search-index.d"  # the updates since the main file was written, one file each
MAX_SEGMENTS = 16


@dataclass
class Index:
    """The searchable text of many blobs, read from one file.

    The file is a JSON header line (version, blob ids, offsets) and two bodies: the
    folded texts (searched as bytes, all protocols at once) and the original texts
    with each part's key (read only for the protocols that matched)."""

    version: str
    oids: list[str] = field(default_factory=list)
    folded: bytes | memoryview = b""  # per blob: folded texts joined by NEXT, then _END
    original: bytes | memoryview = b""  # per blob: keys joined by NEXT, _KEYS, texts
    folded_at: list[int] = field(default_factory=lambda: [0])
    original_at: list[int] = field(default_factory=lambda: [0])

    def __post_init__(self) -> None:
        self.position = {oid: i for i, oid in enumerate(self.oids)}

    @classmethod
    def read(cls, path: Path, version: str) -> Index:
        """The index in a file, or an empty one if it is missing, unreadable or old."""
        try:
            data = path.read_bytes()
            head, _, body = data.partition(b"\n")
            header = json.loads(head)
            if header.get("version") != version:
                return cls(version)
            folded_at, original_at = header["folded"], header["original"]
            split = folded_at[-1]
            if len(body) != split + original_at[-1]:
                return cls(version)
            view = memoryview(body)
            return cls(version, header["oids"], view[:split], view[split:], folded_at,
                       original_at)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(version)

    def to_bytes(self) -> bytes:
        """The index as its file holds it."""
        header = json.dumps({"version": self.version, "oids": self.oids,
                             "folded": self.folded_at, "original": self.original_at})
        return b"".join([header.encode(), b"\n", self.folded, self.original])

    def has(self, oid: str) -> bool:
        return oid in self.position

    def rebuilt(self, oids: Iterable[str], texts: dict[str, list[tuple[Part, str]]]) -> Index:
        """A new index of exactly `oids`: their records kept from this one, or made from
        `texts` (blob id -> the parts of its protocol; missing: nothing to find)."""
        return merged([self], oids, texts)

    def raw(self, oid: str) -> tuple[bytes | memoryview, bytes | memoryview]:
        """A blob's record as the file holds it: its folded part and its original part."""
        i = self.position[oid]
        return (self.folded[self.folded_at[i]:self.folded_at[i + 1]],
                self.original[self.original_at[i]:self.original_at[i + 1]])

    def record(self, oid: str) -> tuple[list[str], str, str]:
        """A blob's part keys (see Part.encode), and its texts and their folded forms,
        each joined by NEXT: the same length, a position in one is one in the other."""
        folded_raw, original_raw = self.raw(oid)
        folded = str(folded_raw, "utf-8")[:-1]
        record = str(original_raw, "utf-8")
        keys, _, texts = record.partition(_KEYS)
        return (keys.split(NEXT) if keys else []), texts, folded

    def haystack(self, oid: str) -> str:
        """The folded words of a blob's protocol, one part a line (the browser's filter)."""
        i = self.position.get(oid)
        if i is None:
            return ""
        return self.record(oid)[2].replace(NEXT, "\n")

    def candidates(self, query: Query) -> set[str]:
        """The blobs whose text holds every term of the query."""
        found: set[int] | None = None
        end = self.folded_at[-1]
        for rx in query.byte_patterns():
            hits = set()
            starts = self.folded_at
            pos = 0
            while True:
                m = rx.search(self.folded, pos, end)
                if m is None:
                    break
                i = bisect.bisect_right(starts, m.start()) - 1
                hits.add(i)
                pos = starts[i + 1]  # one match is enough: go on with the next protocol
            found = hits if found is None else found & hits
            if not found:
                return set()
        return {self.oids[i] for i in found or ()}


def merged(sources: list[Index], oids: Iterable[str],
           texts: dict[str, list[tuple[Part, str]]]) -> Index:
    """One index of exactly `oids`: each record kept from the first of `sources` that
    has it, or made from `texts` (blob id -> the parts of its protocol; missing:
    nothing to find)."""
    folded, original = bytearray(), bytearray()
    folded_at, original_at, kept = [0], [0], []
    for oid in dict.fromkeys(oids):
        source = next((index for index in sources if oid in index.position), None)
        if source is not None:
            folded_raw, original_raw = source.raw(oid)
            folded += folded_raw
            original += original_raw
        else:
            found = texts.get(oid, [])
            clean = [(part.encode(), scrub(text)) for part, text in found]
            folded += (NEXT.join(fold(text) for _, text in clean) + _END).encode()
            original += (NEXT.join(key for key, _ in clean) + _KEYS
                         + NEXT.join(text for _, text in clean)).encode()
        kept.append(oid)
        folded_at.append(len(folded))
        original_at.append(len(original))
    return Index(INDEX_VERSION if not sources else sources[0].version, kept, bytes(folded),
                 bytes(original), folded_at, original_at)


class Indexes:
    """The main index file and its segments, searched as one (a blob is in any of them)."""

    def __init__(self, parts: list[Index]) -> None:
        self.parts = parts
        self.where = {oid: part for part in reversed(parts) for oid in part.oids}

    def has(self, oid: str) -> bool:
        return oid in self.where

    def record(self, oid: str) -> tuple[list[str], str, str]:
        """See Index.record."""
        return self.where[oid].record(oid)

    def haystack(self, oid: str) -> str:
        """See Index.haystack ("" for a blob not indexed)."""
        part = self.where.get(oid)
        return part.haystack(oid) if part is not None else ""

    def candidates(self, query: Query) -> set[str]:
        """The blobs whose text holds every term of the query."""
        return set().union(*(part.candidates(query) for part in self.parts))


def index_for(archive: Archive, tip: str) -> tuple[Indexes, list[tuple[str, str]]]:
    """The archive's index brought up to date with `tip`, and (id, blob id) of every file
    under protocols/ there. A blob the index lacks is read and parsed once (one
    `cat-file --batch` for all it lacks) and written as a new segment; the segments are
    merged into the main file when they and the blobs left behind grow too many."""
    # Here, not above: the TUI's list imports this module and starts without PyYAML.
    from brotui.core import codec

    rows = [r for r in archive.files(tip, sizes=False) if r[1] == "blob" and r[0] != "120000"]
    files = [(path_to_id(path) or path.removeprefix("protocols/"), oid)
             for _, _, oid, _, path in rows]
    folder = archive.state.path()
    base = Index.read(folder / INDEX_FILE, INDEX_VERSION)
    names = _segment_names(folder / SEGMENTS)
    segments = [Index.read(folder / SEGMENTS / name, INDEX_VERSION) for name in names]
    held = Indexes([base, *segments])
    wanted = dict.fromkeys(oid for _, oid in files)
    missing = [oid for oid in wanted if not held.has(oid)]
    left_behind = sum(1 for oid in held.where if oid not in wanted)
    if not missing and not left_behind:
        return held, files
    texts = {}
    if missing:
        sizes = _sizes(archive, missing)
        blobs = archive.git.cat_blobs(oid for oid in missing
                                      if sizes.get(oid, 0) <= codec.MAX_BYTES)
        for oid, data in blobs.items():
            protocol = codec.load(data).protocol
            texts[oid] = parts(protocol) if protocol is not None else []
    outside = sum(len(segment.oids) for segment in segments) + len(missing)
    if outside + left_behind > len(wanted) // 16 or len(segments) >= MAX_SEGMENTS:
        whole = merged(held.parts, wanted, texts)  # everything in one main file again
        archive.state.write_file(INDEX_FILE, whole.to_bytes())
        for name in names:
            with contextlib.suppress(OSError):
                (folder / SEGMENTS / name).unlink()
        with contextlib.suppress(OSError):
            (folder / "search-cache.json").unlink(missing_ok=True)  # before 0.2
        return Indexes([whole]), files
    if missing:
        segment = merged([], missing, texts)
        with contextlib.suppress(OSError):
            (folder / SEGMENTS).mkdir(exist_ok=True)
        archive.state.write_file(f"{SEGMENTS}/{tip}", segment.to_bytes())
        held = Indexes([*held.parts, segment])
    return held, files


def _sizes(archive: Archive, oids: list[str]) -> dict[str, int]:
    """The size of each blob, asked of git for these alone (one `cat-file --batch-check`;
    a listing of the whole tree with sizes costs git a read of every object)."""
    out = archive.git.run("cat-file", "--batch-check=%(objectname) %(objectsize)",
                          input="".join(f"{oid}\n" for oid in oids).encode())
    sizes = {}
    for line in out.decode().splitlines():
        oid, _, size = line.partition(" ")
        if size.isdigit():
            sizes[oid] = int(size)
    return sizes


def _segment_names(folder: Path) -> list[str]:
    """The segment files in the folder (named by the tip they were written at)."""
    try:
        return sorted(entry.name for entry in folder.iterdir()
                      if len(entry.name) >= 40 and entry.name.isalnum())
    except OSError:
        return []


def search_texts(archive: Archive, entries: list[Entry]) -> dict[str, str]:
    """id -> the folded words of each listed protocol, for filtering as you type (from
    the search index; the command line's list never pays for it)."""
    tip = archive.tip()
    if tip is None:
        return {}
    index, _ = index_for(archive, tip)
    return {e.id: index.haystack(e.blob) for e in entries}
