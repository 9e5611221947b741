"""Reading a protocol's attachments: the list at a revision, what changed between two,
and the text of one, for the terminal.

The list reads the folder and the protocol in one `cat-file --batch`, the sizes in one
`--batch-check`, and who added and last changed each file in one `git log` over the
folder (one more for each earlier name of a moved protocol), never one per file.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

from brotui.core.archive import Archive, validate_id
from brotui.core.attachments.errors import refuse
from brotui.core.attachments.kinds import Kind, by_name, recognise
from brotui.core.attachments.limits import max_bytes, too_large
from brotui.core.attachments.messages import msg
from brotui.core.attachments.names import names_file, normal, shown
from brotui.core.attachments.paths import folder_of, path_of
from brotui.core.errors import BrotuiError
from brotui.core.git import parse_tree
from brotui.core.model import id_to_path, parse_id
from brotui.core.values import Commit
from brotui.i18n import t

_FILE_MODES = ("100644", "100755")
_OID_RE = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_LOG_FORMAT = ("%x01%H%x00%an%x00%ae%x00%at%x00%s"
               "%x00%(trailers:key=Renamed-from,valueonly,separator=%x1f)"
               "%x00%(trailers:key=Restored-from,valueonly,separator=%x1f)")


@dataclass(frozen=True)
class Attachment:
    """One attachment of a protocol at a revision.

    `kind` is what its name's extension says (attach made sure the content says the
    same; `brotui check` reads the content of files put there by other means), None for
    a name that is no kind brotui keeps. `items`: the numbers of the items whose
    entries name it. `added`: the commit that added it (across moves of the protocol);
    `changed`: the last one that changed its content (the same for a file never
    replaced); None where the history does not say (a shallow clone)."""

    name: str
    path: str
    blob: str
    size: int
    kind: Kind | None
    items: tuple[int, ...]
    added: Commit | None
    changed: Commit | None

    def as_json(self) -> dict[str, Any]:
        def who(c: Commit | None) -> dict[str, Any] | None:
            return None if c is None else {"commit": c.oid, "author": c.author,
                                           "email": c.email, "time": c.time}

        return {"name": self.name, "path": self.path, "blob": self.blob, "size": self.size,
                "type": self.kind.key if self.kind else None,
                "mime": self.kind.mime if self.kind else None, "items": list(self.items),
                "added": who(self.added), "changed": who(self.changed)}


@dataclass(frozen=True)
class AttachmentChange:
    """An attachment added, replaced or removed between two revisions, with its sizes
    before and after (None where there is no file)."""

    name: str
    change: str  # "added" | "replaced" | "removed"
    old_size: int | None
    new_size: int | None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "change": self.change, "old_size": self.old_size,
                "new_size": self.new_size}


def attachments(archive: Archive, protocol_id: str, rev: str | None = None) -> list[Attachment]:
    """The attachments of a protocol at a revision (default: the branch tip), by name.
    Only plain files are listed: a link or a folder in the attachments folder is never
    an attachment (`brotui check` names it). An unknown id is refused."""
    validate_id(protocol_id)
    commit = archive.resolve(rev) if rev else archive.tip()
    if commit is None:
        raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))
    found, tree = archive.git.cat([f"{commit}:{id_to_path(protocol_id)}",
                                   f"{commit}:{folder_of(protocol_id)}"])
    if found is None or found[1] != "blob":
        raise BrotuiError(t("err_unknown_id", id=protocol_id, where=rev or archive.branch))
    files = _files(tree)
    if not files:
        return []
    from brotui.core import codec

    protocol = codec.load(found[2]).protocol
    sizes = _sizes(archive, list(files.values()))
    who = _who(archive, commit, protocol_id, set(files))
    out = []
    for name, oid in sorted(files.items(), key=lambda x: x[0].casefold()):
        items = tuple(it.number or 0 for it in protocol.items
                      if any(names_file(e, name) for e in it.attachments)) if protocol else ()
        added, changed = who.get(name, (None, None))
        out.append(Attachment(name, path_of(protocol_id, name), oid, sizes.get(oid, 0),
                              by_name(name), items, added, changed))
    return out


def changes(archive: Archive, protocol_id: str, old_rev: str | None, new_rev: str, *,
            old_id: str | None = None) -> list[AttachmentChange]:
    """What happened to a protocol's attachments from `old_rev` (None: before it
    existed) to `new_rev`, by name: added, replaced (other bytes) and removed, with
    sizes. `old_id` is the id it had at `old_rev` if it moved since (a history's
    `Commit.protocol`). Two `cat-file` processes, whatever the number of files."""
    validate_id(protocol_id)
    if old_id is not None:
        validate_id(old_id)
    new_commit = _commit(archive, new_rev)
    specs = [f"{new_commit}:{folder_of(protocol_id)}"]
    if old_rev is not None:
        specs.append(f"{_commit(archive, old_rev)}:{folder_of(old_id or protocol_id)}")
    found = archive.git.cat(specs)
    new = _files(found[0])
    old = _files(found[1]) if old_rev is not None else {}
    differ = [name for name in {*old, *new} if old.get(name) != new.get(name)]
    sizes = _sizes(archive, [oid for name in differ for oid in (old.get(name), new.get(name))
                             if oid])
    out = []
    for name in sorted(set(old) | set(new), key=str.casefold):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        change = "added" if before is None else "removed" if after is None else "replaced"
        out.append(AttachmentChange(name, change, sizes.get(before) if before else None,
                                    sizes.get(after) if after else None))
    return out


def read(archive: Archive, protocol_id: str, name: str,
         rev: str | None = None) -> tuple[Kind, bytes]:
    """An attachment's kind (from its content) and bytes at a revision: refused if there
    is none of that name, it is no plain file, larger than the archive's limit, or its
    content is not a kind brotui keeps (a file put there with git)."""
    validate_id(protocol_id)
    name = normal(name)
    if not name or "/" in name or name in (".", ".."):
        refuse("name_path", name=shown(name))
    commit = archive.resolve(rev) if rev else archive.tip()
    entry = archive.tree_entry(commit, path_of(protocol_id, name)) if commit else None
    if entry is None or entry[0] not in _FILE_MODES:
        refuse("not_attached", id=protocol_id, name=shown(name), have=_have(
            archive, protocol_id, commit))
    _mode, _kind, oid, size = entry
    limit = max_bytes(archive.settings)
    if (size or 0) > limit:
        too_large(size or 0, limit)
    data = archive.git.run("cat-file", "blob", oid)
    return recognise(data, name)[0], data


def text(archive: Archive, protocol_id: str, name: str, rev: str | None = None) -> str:
    """The text of an attachment for reading in the terminal: a PDF's text layer (page by
    page, read by brotui.core.importing's PDFium reader), a Word or OpenDocument text's
    paragraphs, a text, Markdown or CSV file as written. As it is in the file: show it
    with brotui.core.text.visible(). An image, a spreadsheet, a presentation, a PDF
    without a text layer (a scan) or one that is damaged is refused with a sentence."""
    kind, data = read(archive, protocol_id, name, rev)
    if not kind.readable:
        refuse("no_text", name=shown(name), kind=kind.label)
    if kind.key in ("text", "markdown", "csv"):
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    from brotui.core.importing import read_blocks
    from brotui.core.importing.errors import ImportRefused

    try:
        read_ = read_blocks(data, kind.key)
    except ImportRefused as exc:
        if exc.key == "refused_pdf_no_text":
            refuse("pdf_no_text", name=shown(name), pages=exc.values.get("pages", "?"))
        if exc.key == "refused_encrypted":
            refuse("encrypted")
        if exc.key == "refused_zip_bomb":
            refuse("zip_bomb")
        refuse("damaged", kind=kind.label, detail=shown(str(exc.values.get("detail", exc.key))))
    lines: list[str] = []
    page = None
    for block in read_.blocks:
        if kind.key == "pdf" and block.place.page != page:
            page = block.place.page
            if lines:
                lines.append("")
            lines += [msg("page", n=page), ""]
        elif block.gap_before and lines and lines[-1]:
            lines.append("")
        lines.append(block.text)
    if kind.key == "pdf" and not lines:
        refuse("pdf_no_text", name=shown(name), pages="?")
    return "\n".join(lines) + "\n"


def history(archive: Archive, protocol_id: str, limit: int | None = None) -> list[Commit]:
    """A protocol's history with the commits that changed only its attachments (a file
    replaced, or attached under a name an entry said already), newest first, in the
    order git walks them; each commit's `protocol` is the id it had then. For the
    history screen; `Archive.history` (the protocol's file alone) stays what blame,
    the view and conflicts read.

    Beside `Archive.history`, one `git log -- <folder>/` per name the protocol has had,
    the first run at the same time as the file's own (git before 2.44 uses its
    changed-path filters for one path only: one log of both paths reads every commit's
    tree, 5 times slower on 50,000 commits); where the folder's log has commits the
    file's lacks, one `git rev-list` from the tip to the oldest of them gives the order."""
    validate_id(protocol_id)
    first = archive.git.popen(*_folder_log(archive.ref, None, protocol_id))
    try:
        commits = archive.history(protocol_id)
        assert first.stdout is not None
        first_out = first.stdout.read()
    finally:
        _stop(first)
    out: list[Commit] = []
    start, i = archive.ref, 0
    while i < len(commits):
        current = commits[i].protocol or protocol_id
        j = i
        while j < len(commits) and commits[j].protocol == current:
            j += 1
        segment = commits[i:j]
        # A segment before the last ends with the move that brought the protocol here.
        stop = segment[-1].oid if j < len(commits) else None
        found = first_out if i == 0 and stop is None else archive.git.run(
            *_folder_log(start, stop, current))
        out += _merged(archive, start, segment, _folder_commits(found, current))
        start, i = f"{segment[-1].oid}^", j
        if limit and len(out) >= limit:
            break
    return out[:limit] if limit else out


def _folder_log(start: str, stop: str | None, protocol_id: str) -> list[str]:
    return ["log", "--no-renames", "-z", "--format=%H%x00%an%x00%ae%x00%at%x00%s", start,
            *([f"^{stop}^@"] if stop else []), "--", folder_of(protocol_id) + "/"]


def _folder_commits(out: bytes, protocol_id: str) -> list[Commit]:
    fields = out.split(b"\0")
    found = []
    for k in range(0, len(fields) - 4, 5):
        oid, name, email, when, subject = (f.decode("utf-8", "replace") for f in fields[k:k + 5])
        found.append(Commit(oid.strip(), name, email, int(when), subject, protocol_id))
    return found


def _merged(archive: Archive, start: str, segment: list[Commit],
            folder: list[Commit]) -> list[Commit]:
    """A segment of the file's history with the folder's commits it lacks, in git's order:
    positions from one rev-list reaching back to the oldest of those (the rest of the
    segment is older, and follows in its own order)."""
    known = {c.oid for c in segment}
    extra = [c for c in folder if c.oid not in known]
    if not extra:
        return segment
    order = archive.git.text("rev-list", start, f"^{extra[-1].oid}^@").split()
    position = {oid: n for n, oid in enumerate(order)}
    merged = list(enumerate(segment + extra))
    merged.sort(key=lambda x: position.get(x[1].oid, len(order) + x[0]))
    return [c for _, c in merged]


# ------------------------------------------------------------------ helpers


def _commit(archive: Archive, rev: str) -> str:
    """A revision as a commit id; a full id is taken as it is (no git process)."""
    return rev if _OID_RE.fullmatch(rev) else archive.resolve(rev)


def _files(found: tuple[str, str, bytes] | None) -> dict[str, str]:
    """name -> blob id of the plain files in a folder's tree (nothing if it is no tree)."""
    if found is None or found[1] != "tree":
        return {}
    return {raw.decode("utf-8", "surrogateescape"): oid
            for raw, (mode, oid) in parse_tree(found[2], len(found[0])).items()
            if mode in _FILE_MODES}


def _sizes(archive: Archive, oids: list[str]) -> dict[str, int]:
    """The size of each blob, in one `cat-file --batch-check`."""
    wanted = list(dict.fromkeys(oids))
    if not wanted:
        return {}
    out = archive.git.run("cat-file", "--batch-check=%(objectname) %(objectsize)",
                          input="".join(o + "\n" for o in wanted).encode())
    sizes = {}
    for line in out.decode().splitlines():
        oid, _, size = line.partition(" ")
        if size.isdigit():
            sizes[oid] = int(size)
    return sizes


def _have(archive: Archive, protocol_id: str, commit: str | None) -> str:
    if commit is None:
        return msg("have_none")
    found = archive.git.cat([f"{commit}:{folder_of(protocol_id)}"])[0]
    names = sorted(_files(found), key=str.casefold)
    return msg("have_these", names=", ".join(shown(n) for n in names)) if names \
        else msg("have_none")


def _who(archive: Archive, commit: str, protocol_id: str,
         names: set[str]) -> dict[str, tuple[Commit | None, Commit | None]]:
    """name -> (the commit that added it, the last that changed its content), from one
    `git log --raw` over the folder (its first page, and more only if needed), read
    newest first and stopped once every name's addition is found. A move of the
    protocol (`Renamed-from:` trailer, no `Restored-from:`) adds its files only in
    name: the walk goes on in the folder of the id it had before, from the move's
    parent, for the files it carried."""
    added: dict[str, Commit] = {}
    changed: dict[str, Commit] = {}
    carried_by: dict[str, Commit] = {}
    pending = set(names)
    start, current = commit, protocol_id
    for _ in range(1000):  # one round per earlier name; a cycle of moves ends somewhere
        prefix = folder_of(current) + "/"
        moved: tuple[str, Commit] | None = None
        carried: set[str] = set()
        walk = _walk(archive, start, prefix)
        for record in walk:
            parts = record.split(b"\0")
            if len(parts) < 7:
                continue
            oid, name, email, when, subject, renamed, restored = (
                p.decode("utf-8", "replace") for p in parts[:7])
            c = Commit(oid.strip(), name, email, int(when), subject, current)
            renamed = renamed.split("\x1f")[0].strip()
            is_move = renamed != current and parse_id(renamed) is not None \
                and not restored.strip()
            for meta, raw in zip(parts[7::2], parts[8::2], strict=False):
                path = raw.decode("utf-8", "surrogateescape")
                file = path.removeprefix(prefix)
                if file not in pending or not path.startswith(prefix):
                    continue
                status = meta.strip().split(b" ")[-1][:1]
                if is_move and status == b"A":
                    carried.add(file)
                    carried_by.setdefault(file, c)
                    continue
                changed.setdefault(file, c)
                if status == b"A":
                    added[file] = c
                    pending.discard(file)
            if is_move:
                moved = (renamed, c)
                break
            if not pending:
                break
        walk.close()  # git, if still walking, is stopped
        if moved is None or not (pending & carried):
            break
        pending &= carried
        current, start = moved[0], f"{moved[1].oid}^"
    for file, c in carried_by.items():  # carried, and not found before the move
        added.setdefault(file, c)
        changed.setdefault(file, c)
    return {n: (added.get(n), changed.get(n)) for n in names}


_FIRST_PAGE = 64


def _walk(archive: Archive, start: str, prefix: str) -> Generator[bytes, None, None]:
    """The records of the folder's `git log --raw`, newest first: the first page asked
    with `-n` (git holds back what it writes to a pipe until it is done, so a walk
    stopped early is only quick if git was told where to stop), the rest after it."""
    args = ["log", "--no-renames", "--raw", "--no-abbrev", "-z", f"--format={_LOG_FORMAT}"]
    out = archive.git.run(*args, f"-n{_FIRST_PAGE}", start, "--", prefix)
    records = [r for r in out.split(b"\x01") if r]
    yield from records
    if len(records) < _FIRST_PAGE:
        return
    proc = archive.git.popen(*args, f"--skip={_FIRST_PAGE}", start, "--", prefix)
    try:
        yield from _records(proc)
    finally:
        _stop(proc)


def _records(proc: subprocess.Popen[bytes]) -> Iterator[bytes]:
    """The records of `git log --format=%x01...` as they come."""
    assert isinstance(proc.stdout, io.BufferedReader)  # Git.popen's pipe is buffered
    buffer = b""
    while True:
        chunk = proc.stdout.read1(1 << 16)
        if not chunk:
            break
        buffer += chunk
        *records, buffer = buffer.split(b"\x01")
        yield from (r for r in records if r)
    if buffer:
        yield buffer


def _stop(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stdout is not None
    proc.stdout.close()
    proc.kill()
    proc.wait()
