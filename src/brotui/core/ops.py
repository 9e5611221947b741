"""Every use case that writes, called by both faces: saving (with the merge of what
others saved meanwhile), creating new minutes, starting them blank or from an earlier
meeting's, deleting, moving (a date corrected) and restoring protocols: each one commit.

Every one goes through `commit.commit_change`, the one write path: the archive's
lock, one snapshot of the tip, trees and commit by git's plumbing, the branch moved by
compare-and-swap, a `--base` conflict if the protocol changed meanwhile, no path through
a file or link where a folder should be, and a checked-out copy kept in step unless it
holds changes of its own (never through a link; finished by the next brotui if this one
is killed half-way). Nothing rewrites history: a deleted
protocol stays in it and `restore` brings it back.

Each carries the protocol's attachments folder along in the same commit (see
brotui.core.attachments.carry): a delete removes it, a move renames it, a restore
gives it the files it had at that revision, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from brotui.core import codec, diffrender, fielddiff, listing
from brotui.core.archive import Archive, validate_id
from brotui.core.attachments import carry
from brotui.core.attachments.errors import AttachmentRefused
from brotui.core.attachments.paths import path_of
from brotui.core.commit import Snapshot, commit_change, conflict
from brotui.core.errors import BrotuiError, Exists, InvalidProtocol, MergeConflict, NeedsDate
from brotui.core.identity import Identity
from brotui.core.justering import lock, numbering
from brotui.core.merge import merge
from brotui.core.model import Protocol, id_to_path, parse_id, slug_problem
from brotui.core.new import blank, following
from brotui.core.text import local_time
from brotui.core.validate import check
from brotui.core.values import Commit, SaveResult, Write
from brotui.i18n import speaking, t

# A top-level `date:` line as brotui (or a person) writes it, quoted or not, maybe commented.
_DATE_LINE = re.compile(
    rb"(?P<head>date:[ \t]*(?P<q>['\"]?))\d{4}-\d{2}-\d{2}(?P<tail>(?P=q)[ \t]*(?:#.*)?\r?)")


def save(archive: Archive, protocol_id: str, protocol: Protocol, author: Identity,
         base: str | None = None, date: str | None = None) -> SaveResult:
    """Save a valid protocol as one commit on the branch.

    `base` is the revision the edit started from (default: the tip when the save
    begins). If the file changed since, the two edits are merged on the model
    (brotui.core.merge): changes to different fields make one commit holding both,
    and `SaveResult.merged` lists what the others changed; changes to the same
    field raise MergeConflict and write nothing. A protocol deleted meanwhile is a
    Conflict. `date` sets the author date (git's formats), for imports and the demo."""
    return _save(archive, protocol_id, protocol, author, base=base, date=date)


def create(archive: Archive, protocol_id: str, protocol: Protocol,
           author: Identity) -> SaveResult:
    """Save new minutes as the first version of `protocol_id`; Exists (nothing written)
    if there is a file of that id already: one there now, or one someone made meanwhile
    (asked again under the save lock, before anything is written)."""
    base = archive.tip()
    try:
        archive.read(protocol_id)
        exists = True
    except InvalidProtocol:
        exists = True
    except BrotuiError:
        exists = False
    if exists:
        raise Exists(protocol_id)
    return _save(archive, protocol_id, protocol, author, base=base, new=True)


def _save(archive: Archive, protocol_id: str, protocol: Protocol, author: Identity, *,
          base: str | None = None, date: str | None = None, new: bool = False) -> SaveResult:
    """save(), and create() when `new`: then a file there under the lock is Exists."""
    validate_id(protocol_id)
    path = id_to_path(protocol_id)
    content = codec.dump(protocol).encode("utf-8")
    problems = check(content, protocol_id).problems
    errors = [p for p in problems if p.is_error]
    if errors:
        raise InvalidProtocol(t("err_invalid", where=path, count=len(errors)), errors,
                              where=path)
    outcome: dict[str, Any] = {}
    # The commit message is written from the diff, which on a long text takes its
    # time: write it before taking the lock, against the file at the tip now, so
    # others' saves do not wait for it. Under the lock it is written again only if
    # the file is no longer so (someone saved meanwhile).
    early_old = _file_at_tip(archive, path)
    early_message = _message(archive, protocol_id, early_old, protocol)

    def plan(snap: Snapshot) -> Write | None:
        if new and snap.blob(path) is not None:
            raise Exists(protocol_id)  # made meanwhile, by someone else
        lock.refuse(protocol_id, snap.data(path), protocol)  # justerat: under the lock
        mine, data = protocol, content
        outcome.clear()
        if snap.blob(path) != snap.start[path]:  # changed since the edit began
            mine = _merged(archive, protocol_id, snap, protocol, base)
            data = codec.dump(mine).encode("utf-8")
            outcome.update(merged=fielddiff.diff(protocol, mine), protocol=mine)
        if snap.holds(path, data):
            return None
        old_data = snap.data(path)
        if mine is protocol and old_data == early_old:
            return Write({path: data}, early_message)
        return Write({path: data}, _message(archive, protocol_id, old_data, mine))

    result = commit_change(archive, protocol_id, [path], plan, author, base=base, date=date,
                           merges=True)
    result.merged = outcome.get("merged", [])
    result.protocol = outcome.get("protocol")
    return result


def last_change(archive: Archive, protocol_id: str, tip: str | None) -> Commit | None:
    """The newest commit that changed a protocol at the branch tip `tip`: from the list's
    cache when it was brought up to date at that very tip (the list shown before the
    protocol is opened), else from git (`git log -n1 -- path`)."""
    if tip is not None:
        known = listing.cached_last_change(archive, tip, id_to_path(protocol_id))
        if known is not None:
            return replace(known, protocol=protocol_id)
    history = archive.history(protocol_id, limit=1)
    return history[0] if history else None


def _merged(archive: Archive, protocol_id: str, snap: Snapshot, mine: Protocol,
            base: str | None) -> Protocol:
    """Mine merged with what was saved since the base; Conflict if that cannot be."""
    path = id_to_path(protocol_id)
    start, current = snap.start[path], snap.blob(path)
    where = base or ""
    if current is None or start is None:  # deleted, or created, meanwhile
        raise conflict(archive, protocol_id, where)
    base_data = archive.git.cat_blobs([start]).get(start, b"")
    old, theirs = codec.load(base_data).protocol, codec.load(snap.data(path) or b"").protocol
    if old is None or theirs is None:  # one side does not read: no field to merge by
        raise conflict(archive, protocol_id, where)
    merged = merge(old, mine, theirs)
    if merged.conflicts:
        last = archive.history(protocol_id, limit=1)
        who = last[0] if last else None
        raise MergeConflict(
            t("err_merge_conflict", id=protocol_id, author=who.author if who else "?",
              commit=who.short if who else "?", base=where[:10]),
            merged, snap.commit or "", who)
    if check(codec.dump(merged.protocol), protocol_id).errors:
        raise conflict(archive, protocol_id, where)  # e.g. two items given one number
    return merged.protocol


def _file_at_tip(archive: Archive, path: str) -> bytes | None:
    """The content of a file at the branch's tip, None if it has none there."""
    tip = archive.tip()
    found = archive.git.cat([f"{tip}:{path}"])[0] if tip else None
    return found[2] if found is not None and found[1] == "blob" else None


def _message(archive: Archive, protocol_id: str, old_data: bytes | None,
             new: Protocol) -> str:
    """Written from the field-level diff, in the archive's language: a summary line
    naming the protocol and the change, a body listing every change, the trailer.
    Within `speaking`, so that every word in it is the archive's, whatever the person
    saving reads (an added attendee's presence, said as the diff is made)."""
    with speaking(archive.language):
        return _said_message(archive.language, protocol_id, old_data, new)


def _said_message(lang: str, protocol_id: str, old_data: bytes | None,
                  new: Protocol) -> str:
    if old_data is None:
        subject = t("commit_new", id=protocol_id, lang=lang)
        return f"{subject}\n\n{new.title}\n\nProtocol: {protocol_id}\n"
    old = codec.load(old_data).protocol
    if old is None:  # the file did not read as a protocol: now it does
        subject = t("commit_repaired", id=protocol_id, lang=lang)
        return f"{subject}\n\n{new.title}\n\nProtocol: {protocol_id}\n"
    return diffrender.message(protocol_id, fielddiff.diff(old, new), lang)


@dataclass(frozen=True)
class Started:
    """New minutes, not saved yet: the id they will have and what they hold."""

    id: str
    protocol: Protocol


def blank_for(archive: Archive, slug: str, date: dt.date) -> Protocol:
    """Blank minutes of a council's meeting on a date, the council named as the settings
    or its latest minutes name it."""
    return blank(listing.council_name(archive, slug) or slug, date)


def start(archive: Archive, slug: str | None, date: dt.date | None,
          from_id: str | None) -> Started:
    """New minutes for a council and date: from an earlier meeting's (`from_id`, see
    new.following; its council unless `slug` names one), else blank, under the first
    free id. Refused: earlier minutes that do not read (InvalidProtocol), no date and
    none to take from the earlier minutes' next meetings (NeedsDate), a bad council
    name, a day that is full."""
    if from_id is not None:
        previous = archive.load(validate_id(from_id))
        protocol = following(previous, date)
        if protocol is None:
            raise NeedsDate(from_id)
        slug = slug or from_id.split("/")[0]
    else:
        assert slug is not None
        if date is None:
            raise NeedsDate(slug)
        protocol = blank_for(archive, slug, date)
    if (problem := slug_problem(slug)) is not None:
        raise BrotuiError(problem)
    protocol = numbering.numbered(archive, slug, protocol)
    assert protocol.date is not None
    return Started(listing.free_id(archive, slug, protocol.date), protocol)


def merged_note(result: SaveResult) -> str | None:
    """What a save says of the others' changes it merged in, None if there were none."""
    if not result.merged:
        return None
    changes = "; ".join(diffrender.plain(diffrender.change_line(c)) for c in result.merged)
    return t("merged_theirs", changes=changes)


def _trailers(protocol_id: str, **more: str) -> str:
    lines = [f"Protocol: {protocol_id}"]
    lines += [f"{key.replace('_', '-').capitalize()}: {value}" for key, value in more.items()]
    return "\n".join(lines) + "\n"


def remove(archive: Archive, protocol_id: str, author: Identity,
           base: str | None = None) -> SaveResult:
    """Delete a protocol as one commit. An unknown id is refused; with `base`, a protocol
    changed or deleted since then is a conflict and nothing is written."""
    validate_id(protocol_id)
    path = id_to_path(protocol_id)
    lang = archive.language

    def attempt() -> SaveResult:
        files = carry.folder(archive, protocol_id, archive.tip()).require()

        def plan(snap: Snapshot) -> Write:
            if snap.blob(path) is None:
                raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))
            lock.refuse(protocol_id, snap.data(path))
            files.check(snap)
            tip = snap.commit or ""
            message = (f"{t('commit_deleted', id=protocol_id, lang=lang)}\n\n"
                       f"{t('commit_deleted_body', id=protocol_id, commit=tip[:10], lang=lang)}"
                       f"{carry.carried_line(files.names, lang, removed=True)}"
                       f"\n\n{_trailers(protocol_id)}")
            return Write({**files.removed(), path: None}, message)

        return commit_change(archive, protocol_id, [path, *files.paths()], plan, author,
                                     base=base, watch=[path])

    return carry.carrying(attempt)


def redated(data: bytes, new_id: str) -> bytes:
    """The file with its `date` set to the date of `new_id`: only that line changes (the
    rest stays byte for byte), or, if the date is not on a line of its own, the
    protocol written out again canonically."""
    parsed_id = parse_id(new_id)
    assert parsed_id is not None
    new_date = parsed_id[1]
    parsed = codec.load(data)
    line = parsed.lines.get("date")
    if line is not None:
        lines = data.split(b"\n")
        m = _DATE_LINE.fullmatch(lines[line - 1]) if line <= len(lines) else None
        if m:
            lines[line - 1] = m["head"] + new_date.isoformat().encode() + m["tail"]
            return b"\n".join(lines)
    if parsed.protocol is not None:
        parsed.protocol.date = new_date
        return codec.dump(parsed.protocol).encode("utf-8")
    return data  # unreadable: validation names the problem


def move(archive: Archive, protocol_id: str, new_id: str, author: Identity,
         base: str | None = None) -> SaveResult:
    """Give a protocol a new id (a date corrected) as one commit: the file moves and its
    `date` follows the new id's date. Refused if the protocol does not exist, the new id
    is taken, or the moved file would not be valid; with `base`, a protocol changed
    since then is a conflict. The commit's `Renamed-from:` trailer lets the history
    follow the move."""
    validate_id(protocol_id)
    validate_id(new_id)
    if new_id == protocol_id:
        raise BrotuiError(t("err_same_id", id=protocol_id))
    old_path, new_path = id_to_path(protocol_id), id_to_path(new_id)
    lang = archive.language

    def attempt() -> SaveResult:
        tip = archive.tip()
        files = carry.folder(archive, protocol_id, tip).require(links=False)
        there = carry.folder(archive, new_id, tip)

        def plan(snap: Snapshot) -> Write:
            data = snap.data(old_path)
            if data is None:
                raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))
            lock.refuse(protocol_id, data)
            if snap.blob(new_path) is not None:
                raise BrotuiError(t("err_target_exists", id=new_id, where=archive.branch))
            files.check(snap)
            there.check(snap)
            if there.tree is not None:
                raise AttachmentRefused("carry_target", {"folder": there.path})
            content = redated(data, new_id)
            errors = [p for p in check(content, new_id).problems if p.is_error]
            if errors:
                raise InvalidProtocol(t("err_invalid", where=new_path, count=len(errors)),
                                      errors, where=new_path)
            date = new_id.split("/")[1][:10]
            said = t("commit_moved_body", old=protocol_id, new=new_id, date=date, lang=lang)
            message = (f"{t('commit_moved', old=protocol_id, new=new_id, lang=lang)}\n\n"
                       f"{said}"
                       f"{carry.carried_line(files.names, lang)}"
                       f"\n\n{_trailers(new_id, renamed_from=protocol_id)}")
            return Write({**files.moved(snap, new_id), old_path: None, new_path: content},
                          message)

        moved = [p.replace(files.path, there.path, 1) for p in files.paths()]
        return commit_change(archive, new_id, [old_path, new_path, *files.paths(), *moved], plan,
                                     author, base=base, watch=[old_path])

    return carry.carrying(attempt)


@dataclass
class RestorePlan:
    """What restoring a protocol to a revision will do, before it is done."""

    id: str  # the protocol as asked for (its id now)
    source_id: str  # its id at the revision: where it comes back (differs after a move)
    rev: str  # the revision as given
    commit: str  # the revision's commit
    blob: str  # the file at the revision: restored byte for byte
    data: bytes
    current: bytes | None  # the protocol's file at `base`; None if deleted
    base: str | None  # the tip the preview compared with: a restore from it checks nothing moved

    @property
    def moves_back(self) -> bool:
        return self.source_id != self.id

    @property
    def changed(self) -> bool:
        return self.moves_back or self.current != self.data


def _id_at(archive: Archive, protocol_id: str, commit: str) -> str | None:
    """The id the protocol had at a commit: its own if its file is there, else the
    newest earlier name (before a move) whose file is there."""
    if archive.tree_entry(commit, id_to_path(protocol_id)) is not None:
        return protocol_id
    names = dict.fromkeys(c.protocol for c in archive.history(protocol_id))
    names.pop(protocol_id, None)
    for name in names:
        if archive.tree_entry(commit, id_to_path(name)) is not None:
            return name
    return None


def preview_restore(archive: Archive, protocol_id: str, rev: str) -> RestorePlan:
    """Read what a restore would write, and what is there now; refuse what cannot be
    restored (no such revision, no such protocol there, a broken file)."""
    validate_id(protocol_id)
    commit = archive.resolve(rev)
    source_id = _id_at(archive, protocol_id, commit)
    if source_id is None:
        raise BrotuiError(t("err_not_at_rev", id=protocol_id, rev=rev))
    old = archive.read(source_id, commit)
    errors = [p for p in check(old.data, source_id).problems if p.is_error]
    if errors:
        where = f"{id_to_path(source_id)}@{rev}"
        raise InvalidProtocol(t("err_restore_invalid", where=id_to_path(source_id), rev=rev,
                                count=len(errors)), errors, where=where)
    base = archive.tip()
    try:
        current: bytes | None = archive.read(protocol_id, base).data if base else None
    except InvalidProtocol:
        current = b""  # a symlink or an oversized file: there is something, unreadable
    except BrotuiError:
        current = None
    return RestorePlan(protocol_id, source_id, rev, commit, old.blob, old.data, current, base)


def restore(archive: Archive, protocol_id: str, rev: str, author: Identity,
            base: str | None = None) -> SaveResult:
    """Bring a protocol back to its content at `rev` as one new commit: the file is
    byte-identical to the one at `rev` (the same blob). Works for a deleted protocol;
    a protocol moved since `rev` moves back to the id it had then. Nothing is
    rewritten: the versions in between stay in the history."""
    preview = preview_restore(archive, protocol_id, rev)
    target = id_to_path(preview.source_id)
    current = id_to_path(protocol_id)
    paths = [target] if not preview.moves_back else [current, target]
    lang = archive.language
    short = preview.commit[:10]
    made = archive.commit_info(preview.commit)

    # The attachments as they were at the revision, read before the lock like the file.
    then = carry.contents(archive, carry.folder(archive, preview.source_id, preview.commit)
                          .require(folders=True))

    def attempt() -> SaveResult:
        tip = archive.tip()
        here = carry.folder(archive, preview.source_id, tip).require()
        left = carry.folder(archive, protocol_id, tip).require() \
            if preview.moves_back else None
        restored = {path_of(preview.source_id, name): data for name, data in then.items()}

        def plan(snap: Snapshot) -> Write:
            files: dict[str, bytes | None] = {**here.removed(), **restored}
            body = t("commit_restored_body", commit=short, author=made.author,
                     when=local_time(made.time), lang=lang)
            trailers = {"restored_from": preview.commit}
            lock.refuse(protocol_id, snap.data(current))
            here.check(snap)
            if preview.moves_back:
                assert left is not None
                if snap.blob(target) is not None:
                    raise BrotuiError(t("err_target_exists", id=preview.source_id,
                                        where=archive.branch))
                left.check(snap)
                files.update(left.removed())
                if snap.blob(current) is not None:
                    files[current] = None
                body += "\n" + t("commit_restored_moved", id=preview.source_id,
                                 current=protocol_id, lang=lang)
                trailers["renamed_from"] = protocol_id
            files[target] = preview.data
            body += carry.carried_line(sorted(then), lang)
            message = (f"{t('commit_restored', id=preview.source_id, commit=short, lang=lang)}"
                       f"\n\n{body}\n\n{_trailers(preview.source_id, **trailers)}")
            return Write(files, message)

        attachment_paths = list(dict.fromkeys([*here.paths(), *restored,
                                               *(left.paths() if left else [])]))
        return commit_change(archive, preview.source_id, [*paths, *attachment_paths], plan,
                             author, base=base, watch=[current], action="restore")

    return carry.carrying(attempt)
