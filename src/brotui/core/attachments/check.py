"""What `brotui check` says about attachments: an entry that names no file, a file that
no entry names, and anything in an attachments folder that is no attachment brotui
would have taken (a link, a folder, a name against the rule, a file too large, a type
not kept, a file whose protocol does not exist).

Files put there with plain git are read one at a time (one `cat-file --batch`
process, asked for one blob after the other), so no more than one is ever held.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator

from brotui.core.archive import Archive
from brotui.core.attachments.errors import AttachmentRefused
from brotui.core.attachments.kinds import recognise
from brotui.core.attachments.limits import max_bytes
from brotui.core.attachments.messages import Size
from brotui.core.attachments.messages import said as finding
from brotui.core.attachments.names import name_problem, names_file, shown
from brotui.core.attachments.paths import folder_of, owner_of
from brotui.core.git import tree_size
from brotui.core.model import id_to_path, path_to_id
from brotui.core.problems import ERROR, WARNING, Problem

_FILE_MODES = ("100644", "100755")
_LINK_MAX = 4096


def check(archive: Archive, rev: str | None = None,
          ids: Iterable[str] | None = None) -> list[tuple[str, list[Problem]]]:
    """(path, problems) for every file in an attachments folder at a revision (default:
    the branch tip), problems or none, and for every protocol with an entry that names
    no file (`items[2].attachments[0]`, with its line: a warning). `ids` limits it to
    those protocols. Severity: an entry without a file and a file without an entry,
    or one over the size limit, are warnings (minutes written before attachments were
    kept name their slides); the rest are errors."""
    commit = archive.resolve(rev) if rev else archive.tip()
    if commit is None:
        return []
    wanted = None if ids is None else list(dict.fromkeys(ids))
    specs = ["protocols/"] if wanted is None else [
        p for i in wanted for p in (id_to_path(i), folder_of(i) + "/")]
    out = archive.git.run("ls-tree", "-r", "-l", "-z", commit, "--", *specs)
    protocols: dict[str, tuple[str, str, str, int | None]] = {}  # id -> mode, kind, oid, size
    files: list[tuple[str, str, str, int | None, str, str]] = []  # + owner
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, raw = record.partition(b"\t")
        mode, kind, oid, size_text = meta.decode().split()
        path = raw.decode("utf-8", "surrogateescape")
        number = tree_size(size_text, archive.git.git_dir, oid, path)
        owner = owner_of(path)
        if owner is not None:
            files.append((mode, kind, oid, number, path, owner))
        elif (protocol_id := path_to_id(path)) is not None:
            protocols[protocol_id] = (mode, kind, oid, number)
    owners = {f[5] for f in files}
    from brotui.core import codec

    to_read = {i: v[2] for i, v in protocols.items()
               if v[0] in _FILE_MODES and (v[3] or 0) <= codec.MAX_BYTES}
    blobs = archive.git.cat_blobs(to_read.values())
    named: dict[str, set[str] | None] = {}  # id -> the names its entries say (None: unread)
    results: list[tuple[str, list[Problem]]] = []
    for protocol_id, oid in sorted(to_read.items()):
        data = blobs.get(oid)
        if data is None or (protocol_id not in owners and b"attachments" not in data):
            continue
        parsed = codec.load(data)
        if parsed.protocol is None:
            named[protocol_id] = None
            continue
        in_folder = {f[4].removeprefix(folder_of(protocol_id) + "/") for f in files
                     if f[5] == protocol_id} if protocol_id in owners else set()
        problems = []
        said: set[str] = set()
        for i, item in enumerate(parsed.protocol.items):
            for j, entry in enumerate(item.attachments):
                if not isinstance(entry, str) or not entry.strip():
                    continue
                matches = [n for n in in_folder if names_file(entry, n)]
                said.update(matches)
                if not matches:
                    from brotui.core.validate import line_of

                    where = f"items[{i}].attachments[{j}]"
                    problems.append(Problem(where, line_of(where, parsed.lines),
                                            finding("check_entry_no_file", name=shown(entry)),
                                            WARNING))
        named[protocol_id] = said
        if problems:
            results.append((id_to_path(protocol_id), problems))
    limit = max_bytes(archive.settings)
    readable = list(dict.fromkeys(  # each content once, in the order the loop asks for it
        f[2] for f in files if f[0] in _FILE_MODES and (f[3] or 0) <= limit
        and "/" not in f[4].removeprefix(folder_of(f[5]) + "/")))
    links = [f[2] for f in files if f[0] == "120000" and (f[3] or 0) <= _LINK_MAX]
    targets = archive.git.cat_blobs(links)
    contents = _one_by_one(archive, readable)
    by_oid: dict[str, list[Problem]] = {}
    for mode, _kind, oid, size, path, owner in files:
        name = path.removeprefix(folder_of(owner) + "/")
        problems = []
        if owner not in protocols:
            problems.append(Problem("", None, finding("check_orphan", id=owner)))
        if "/" in name:
            problems.append(Problem("", None, finding(
                "check_nested", folder=shown(name.split("/", 1)[0]))))
        elif mode == "120000":
            target = targets.get(oid)
            problems.append(Problem("", None, finding(
                "check_link", target=shown(target.decode("utf-8", "replace"))
                if target is not None else "?")))
        elif mode not in _FILE_MODES:
            problems.append(Problem("", None, finding("check_not_file")))
        else:
            bad = name_problem(name)
            if bad is not None:
                problems.append(Problem("", None, finding(bad[0], **bad[1])))
            if (size or 0) > limit:
                problems.append(Problem("", None, finding(
                    "check_over_limit", size=Size(size or 0, limit),
                    limit=Size(limit, size or 0)), WARNING))
            else:
                if oid not in by_oid:
                    by_oid[oid] = _content_problems(next(contents), name)
                problems += by_oid[oid]
            said_here = named.get(owner)
            if owner in protocols and said_here is not None and name not in said_here:
                problems.append(Problem("", None, finding("check_file_no_entry"), WARNING))
        results.append((path, problems))
    results.sort(key=lambda r: r[0])
    return results


def _content_problems(data: bytes, name: str) -> list[Problem]:
    try:
        recognise(data, name)
    except AttachmentRefused as exc:
        return [Problem("", None, finding(exc.key, **exc.values), ERROR)]
    return []


def _one_by_one(archive: Archive, oids: list[str]) -> Iterator[bytes]:
    """The blobs' contents in order, asked of one `cat-file --batch` one at a time."""
    if not oids:
        return
    proc = subprocess.Popen(["git", f"--git-dir={archive.git_dir}", "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for oid in oids:
            proc.stdin.write(oid.encode() + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) != 3:
                yield b""
                continue
            size = int(header[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)
            yield data
    finally:
        proc.stdin.close()
        proc.stdout.close()
        proc.wait()
