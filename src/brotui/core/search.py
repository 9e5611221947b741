"""Finding words and phrases in the protocols: in the current archive, and through history.

A query is words and "quoted phrases" (brotui.core.query); a protocol matches when it
holds every one of them, in any letter case. Each hit names the protocol, the part it
is in, in the domain's words ("§4 text", "Närvarande: Peter Bragner"), and a few words
of context around it.

The searchable text of every protocol at the branch tip is kept in an index under
the git directory (brotui.core.search_index: a main file and the updates since), so a
search reads a few files and runs one regular expression per term over them, whatever
the number of protocols. A
search through history asks git's pickaxe (`git log -S`) for the commits where the
number of matches changed, then reads both versions of each file to tell whether the
phrase came or went.
"""

from __future__ import annotations

import bisect
import collections
import contextlib
import queue
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from brotui.core import codec, gitlog
from brotui.core.git import GitError, UnreadableObject, read_batch
from brotui.core.model import parse_id, path_to_id
from brotui.core.query import Query, fold, normal
from brotui.core.search_index import NEXT, Indexes, index_for
from brotui.core.textparts import Part, parts
from brotui.core.values import Commit
from brotui.i18n import t

if TYPE_CHECKING:
    from brotui.core.archive import Archive

# ------------------------------------------------------------------ hits

CONTEXT_WORDS = 6  # words shown before and after a match
CONTEXT_CHARS = 50  # at most this many characters on each side
CLUSTER_CHARS = 80  # matches this close together share one snippet


@dataclass(frozen=True)
class Hit:
    """One place a query matched: the protocol, the part, and a snippet of the text
    around it in which `spans` (start, end) are the matched characters."""

    id: str
    part: Part
    snippet: str
    spans: tuple[tuple[int, int], ...]
    offset: int = 0  # where the first match is in the part's whole text

    def pieces(self) -> list[tuple[str, bool]]:
        """The snippet cut into (text, is_a_match) pieces, for a renderer to mark."""
        out, pos = [], 0
        for start, end in self.spans:
            if start > pos:
                out.append((self.snippet[pos:start], False))
            out.append((self.snippet[start:end], True))
            pos = end
        if pos < len(self.snippet):
            out.append((self.snippet[pos:], False))
        return out

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "part": self.part.label(), "where": self.part.as_json(),
                "snippet": self.snippet, "matches": [list(s) for s in self.spans]}


def find_spans(folded: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Every match of any pattern in a folded text, in order, overlapping ones merged."""
    found = sorted((m.start(), m.end()) for rx in patterns for m in rx.finditer(folded)
                   if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def part_hits(protocol_id: str, part: Part, text: str,
              spans: list[tuple[int, int]]) -> list[Hit]:
    """The hits of one part: matches close together share a snippet."""
    hits = []
    cluster: list[tuple[int, int]] = []
    for span in spans:
        if cluster and span[1] - cluster[0][0] > CLUSTER_CHARS:
            hits.append(_hit(protocol_id, part, text, cluster))
            cluster = []
        cluster.append(span)
    if cluster:
        hits.append(_hit(protocol_id, part, text, cluster))
    return hits


_WORD = re.compile(r"\S+")
_RUN = re.compile(r"\s{2,}|[^\S ]")  # what is not one plain space


def _hit(protocol_id: str, part: Part, text: str, spans: list[tuple[int, int]]) -> Hit:
    start, end = spans[0][0], spans[-1][1]
    low = max(0, start - CONTEXT_CHARS)
    starts = [m.start() for m in _WORD.finditer(text, low, start)]
    if low > 0 and starts and starts[0] == low and not text[low - 1].isspace():
        starts.pop(0)  # a word cut by the character limit
    a = starts[-CONTEXT_WORDS:][0] if starts else start
    high = min(len(text), end + CONTEXT_CHARS)
    ends = [m.end() for m in _WORD.finditer(text, end, high)]
    if high < len(text) and ends and ends[-1] == high and not text[high].isspace():
        ends.pop()
    b = ends[:CONTEXT_WORDS][-1] if ends else end
    prefix = "… " if text[:a].strip() else ""
    suffix = " …" if text[b:].strip() else ""
    # Runs of white space (line breaks in a long text) become one space.
    segment, snippet, removed = text[a:b], [prefix], [(0, 0)]
    pos = 0
    for m in _RUN.finditer(segment):
        snippet += [segment[pos:m.start()], " "]
        removed.append((m.end(), removed[-1][1] + m.end() - m.start() - 1))
        pos = m.end()
    snippet += [segment[pos:], suffix]

    def where(i: int) -> int:
        at = i - a
        return at + len(prefix) - removed[bisect.bisect_right(removed, (at, 1 << 62)) - 1][1]

    return Hit(protocol_id, part, "".join(snippet),
               tuple((where(s), where(e)) for s, e in spans), start)


# ------------------------------------------------------------------ searching


def search(archive: Archive, query: Query) -> list[Hit]:
    """Every place in the protocols at the branch tip where the query matches, the
    newest protocols first; an empty query is refused (EmptyQuery)."""
    query.require()
    tip = archive.tip()
    if tip is None:
        return []
    index, files = index_for(archive, tip)
    return _hits(index, files, query)


def _hits(index: Indexes, files: list[tuple[str, str]], query: Query) -> list[Hit]:
    """Every hit of a query in the protocols `files` lists as (id, blob id), newest first."""
    wanted = index.candidates(query)
    if not wanted:
        return []
    patterns = query.patterns()
    chosen = sorted(((pid, oid) for pid, oid in files if oid in wanted),
                    key=lambda file: newest_first(file[0]), reverse=True)
    hits = []
    for protocol_id, oid in chosen:
        keys, texts, folded = index.record(oid)
        spans = find_spans(folded, patterns)
        if not spans:
            continue
        starts = [0]
        for _ in keys[1:]:
            starts.append(folded.index(NEXT, starts[-1]) + 1)
        by_part: dict[int, list[tuple[int, int]]] = {}
        for start, end in spans:
            i = bisect.bisect_right(starts, start) - 1
            by_part.setdefault(i, []).append((start - starts[i], end - starts[i]))
        for i, local in by_part.items():
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(texts)
            hits += part_hits(protocol_id, Part.decode(keys[i]), texts[starts[i]:end], local)
    return hits


def newest_first(protocol_id: str) -> tuple[str, str]:
    """A sort key that puts protocols in the list's order when sorted in reverse."""
    parsed = parse_id(protocol_id)
    return (parsed[1].isoformat() if parsed else "", protocol_id)


def contains(texts: list[str], query: Query) -> int:
    """How many matches some texts hold together, 0 unless they hold every term."""
    folded = [fold(text) for text in texts]
    counts = [sum(len(rx.findall(text)) for text in folded) for rx in query.patterns()]
    return sum(counts) if all(counts) else 0


def count_in_file(data: bytes, query: Query) -> int:
    """How many matches a protocol file holds, in its parts (or, if it cannot be read
    as a protocol, in its raw text); 0 unless it holds every term."""
    raw = normal(data.decode("utf-8", "replace"))
    if not contains([raw], query):
        return 0  # what the file does not say anywhere, no part of it says
    protocol = codec.load(data).protocol
    if protocol is None:
        return contains([raw], query)
    return contains([text for _, text in parts(protocol)], query)


# ------------------------------------------------------------------ through history


def history(archive: Archive, query: Query) -> list[Trail]:
    """For each protocol whose history holds the query: the commits that added it,
    removed it, or changed how often it occurs (oldest first), and whether it is there
    now; an empty query is refused (EmptyQuery).

    The commits where the number of matches in a file changed (what git's pickaxe,
    `git log -S`, finds) are found in one walk of the history (`git log --raw`), each
    blob it names read once and the query counted in its bytes; both versions of each
    such file are parsed, to tell what the commit did to the protocol's text; all
    while the walk goes on (see _changes)."""
    query.require()
    tip = archive.tip()
    if tip is None:
        return []
    found, counts = _changes(archive, tip, query)
    changes: dict[str, list[Change]] = {}
    for commit, old, new, path in reversed(found):  # oldest first
        before, after = counts.get(old, 0), counts.get(new, 0)
        kind = classify(before, after)
        if kind is not None:
            changes.setdefault(path, []).append(Change(
                commit, kind, before, after, old if old.strip("0") else None,
                new if new.strip("0") else None))
    index, now_files = index_for(archive, tip)  # what the protocols hold now
    holding, now = index.candidates(query), dict(now_files)
    trails = []
    for path, found_changes in changes.items():
        protocol_id = path_to_id(path) or path
        trails.append(Trail(protocol_id, found_changes, now.get(protocol_id) in holding))
    return sorted(trails, key=lambda trail: newest_first(trail.id), reverse=True)


Found = tuple[Commit, str, str, str]  # a commit, the file's blob before and after, its path


def _changes(archive: Archive, tip: str, query: Query) -> tuple[list[Found], dict[str, int]]:
    """The changes to protocols' files from `tip` back, newest first, that changed how
    often the query occurs in the file's bytes, and the matches in the parts of each
    blob they name (count_in_file).

    Four things at once, so that the walk is the only wait: git walks the history
    (`git log --raw`); a thread names each blob it has not named yet to a `cat-file
    --batch`; this thread counts the query in each blob's bytes as it comes back, and
    keeps each change whose two blobs differ in it; another thread reads those blobs
    again (a second `cat-file --batch`, one at a time) and parses them."""
    pattern, literals = query.raw_pattern(), query.raw_literals()

    def count(data: bytes) -> int:
        if literals is not None:  # most files hold none: a quick look says so
            low = data.lower()
            if not any(literal in low for literal in literals):
                return 0
        return len(pattern.findall(data))

    walk = archive.git.popen("log", "--no-renames", "--raw", "--no-abbrev", "-z",
                             f"--format={gitlog.NAME_FORMAT}", tip, "--", "protocols/",
                             stderr=True)
    cat = archive.git.cat_process()
    assert walk.stdout is not None and walk.stderr is not None
    assert cat.stdin is not None and cat.stdout is not None
    names, answers, walked = cat.stdin, cat.stdout, walk.stdout
    pending: collections.deque[Found] = collections.deque()  # named, not yet counted
    raw: dict[str, int] = {}
    found: list[Found] = []
    exact: dict[str, int] = {}
    to_parse: queue.SimpleQueue[str | None] = queue.SimpleQueue()
    failed: list[BaseException] = []

    def feed() -> None:
        named: set[str] = set()
        try:
            for head, files in gitlog.stream_records(walked, gitlog.pickaxe_record):
                oid, name, email, when, subject = head
                commit = Commit(oid, name, email, int(when), subject)
                for old, new, path in files:
                    if not path_to_id(path):
                        continue
                    for blob in (old, new):
                        if blob not in named and blob.strip("0"):
                            named.add(blob)
                            names.write(blob.encode() + b"\n")
                    pending.append((commit, old, new, path))
        except BaseException as exc:  # said in the caller's thread
            failed.append(exc)
        finally:
            with contextlib.suppress(OSError):
                names.close()

    def parse() -> None:
        again = archive.git.cat_process()
        assert again.stdin is not None and again.stdout is not None
        read = read_batch(again.stdout)
        try:
            while (blob := to_parse.get()) is not None:
                again.stdin.write(blob.encode() + b"\n")
                again.stdin.flush()
                data = next(read, (blob, None))[1]
                if data is None:
                    raise UnreadableObject(archive.git.git_dir, blob)
                exact[blob] = count_in_file(data, query)
        except BaseException as exc:
            failed.append(exc)
        finally:
            again.kill()
            again.wait()
            again.stdin.close()
            again.stdout.close()

    queued: set[str] = set()

    def decide(last: bool = False) -> None:
        """Keep the changes whose two blobs are both counted now (they are named in the
        order of the changes, and answered in the order named)."""
        while pending:
            commit, old, new, path = pending[0]
            if not last and any(b.strip("0") and b not in raw for b in (old, new)):
                return
            pending.popleft()
            if raw.get(old, 0) != raw.get(new, 0):
                found.append((commit, old, new, path))
                for blob in (old, new):
                    if blob.strip("0") and blob not in queued:
                        queued.add(blob)
                        to_parse.put(blob)

    threads = [threading.Thread(target=feed, name="brotui-history-walk", daemon=True),
               threading.Thread(target=parse, name="brotui-history-parse", daemon=True)]
    for thread in threads:
        thread.start()
    try:
        for oid, data in read_batch(answers):
            raw[oid] = count(data) if data else 0
            decide()
        decide(last=True)
    except BaseException:
        cat.kill()  # the thread may be waiting to write to it, and the walk to write on
        walk.kill()
        raise
    finally:
        to_parse.put(None)
        for thread in threads:
            thread.join()
        answers.close()
        cat.wait()
        said = walk.stderr.read().decode("utf-8", "replace")
        walked.close()
        walk.stderr.close()
        code = walk.wait()
    if failed:
        raise failed[0]
    if code != 0:
        raise GitError(["log", "--raw"], code, said)
    return found, exact


@dataclass(frozen=True)
class Change:
    """One commit that made a protocol hold the query (added), stop holding it
    (removed), or hold it more or fewer times."""

    commit: Commit
    kind: str  # "added" | "removed" | "more" | "fewer"
    before: int  # matches in the version before the commit
    after: int  # and in the commit's own
    old_blob: str | None = None  # the file before the commit (None: it did not exist)
    new_blob: str | None = None  # and at the commit (None: the commit deleted it)

    def label(self) -> str:
        return t(f"search_change_{self.kind}")


@dataclass
class Trail:
    """What history says of a query in one protocol: its changes, oldest first, and
    whether the protocol holds it now."""

    id: str
    changes: list[Change]
    present: bool

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "present": self.present, "changes": [
            {"change": c.kind, "commit": c.commit.oid, "author": c.commit.author,
             "email": c.commit.email, "time": c.commit.time, "subject": c.commit.subject,
             "before": c.before, "after": c.after, "old_blob": c.old_blob,
             "new_blob": c.new_blob} for c in self.changes]}


def classify(before: int, after: int) -> str | None:
    """What a commit did to a protocol's matches (counts from `contains`)."""
    if before == after:
        return None
    if not before:
        return "added"
    if not after:
        return "removed"
    return "more" if after > before else "fewer"
