"""Adding, replacing and removing an attachment: each one commit, by the person who did it.

Every write goes through the archive's one write path (`commit.commit_change`): its
lock, one snapshot of the tip, the commit by git's plumbing, the branch moved by
compare-and-swap, recovery of a save killed half-way, a checked-out copy kept in step.
The commit holds exactly the file and, where the entries change, the protocol's file
with the item's `attachments` entry naming it (see brotui.core.attachments for the
rule). Everything that can refuse (size, name, type) does so before the lock is taken,
and a refusal writes nothing: no object, no ref.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from brotui.core.archive import Archive, validate_id
from brotui.core.attachments.errors import ItemNeeded, refuse
from brotui.core.attachments.kinds import Kind, recognise
from brotui.core.attachments.limits import max_bytes, too_large
from brotui.core.attachments.messages import msg, size, sizes
from brotui.core.attachments.names import matches_stem, names_file, normal, safe_name, shown, split
from brotui.core.attachments.paths import folder_of, path_of
from brotui.core.commit import Snapshot, commit_change, write_blob
from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.identity import Identity
from brotui.core.model import Protocol, id_to_path
from brotui.core.text import CONTROL_RE
from brotui.core.values import SaveResult, Write
from brotui.i18n import t


@dataclass
class Attached:
    """What `attach` did: the save (its `commit` None when the archive already had the
    file so), the name it is kept under, its kind and size, the numbers of the items
    whose entries name it now, and the size of the file it replaced (None: it is new)."""

    save: SaveResult
    name: str
    kind: Kind
    size: int
    items: tuple[int, ...]
    replaced: int | None = None

    @property
    def commit(self) -> str | None:
        return self.save.commit


@dataclass
class Detached:
    """What `detach` did: the save, the name, the size of the file removed, and the
    numbers of the items whose entries naming it were removed with it."""

    save: SaveResult
    name: str
    size: int
    items: tuple[int, ...] = field(default_factory=tuple)

    @property
    def commit(self) -> str | None:
        return self.save.commit


def attach(archive: Archive, protocol_id: str, name: str, data: bytes, author: Identity, *,
           item: int | None = None, base: str | None = None,
           date: str | None = None, every_stem: bool = False) -> Attached:
    """Attach a file's bytes to a protocol under `name` (or replace the attachment of that
    name), as one commit by `author`.

    Refused with AttachmentRefused, before anything is written: more bytes than the
    archive's limit, a name against the rule (names.py), a type that is not kept or a
    name whose extension says another type (kinds.py), a name that differs from an
    attachment's only in case, no item §`item`, a protocol that does not read; with
    ItemNeeded when the item cannot be told (see brotui.core.attachments); with
    `every_stem`, several items whose entry is the name's stem all get it (who sends a
    file over SSH cannot be asked which); an unknown id with BrotuiError. With `base`, a
    protocol or attachment changed since then is a Conflict. `date` sets the author date
    (git's formats), for imports and the demo."""
    validate_id(protocol_id)
    limit = max_bytes(archive.settings)
    if len(data) > limit:
        too_large(len(data), limit)
    kind, name = recognise(data, safe_name(name))
    name = safe_name(name)  # the extension given may have made it too long
    path, target = id_to_path(protocol_id), path_of(protocol_id, name)
    lang = archive.language
    outcome: dict[str, Any] = {}

    def plan(snap: Snapshot) -> Write:
        current = snap.data(path)
        if current is None:
            raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))
        protocol = _protocol(current, protocol_id)
        existing = folder_names(snap, protocol_id)
        twin = next((n for n in existing if n != name and n.casefold() == name.casefold()),
                    None)
        if twin is not None:
            refuse("name_case_twin", other=shown(twin))
        old = snap.files.get(target)
        replaced = len(old[1]) if old is not None else None
        lines = _name_in_items(protocol, protocol_id, name, item, lang, every_stem)
        files: dict[str, bytes | None] = {target: data}
        if lines:
            files[path] = _dumped(protocol, protocol_id)
        if replaced is None:
            subject = msg("commit_attached", lang, id=protocol_id, name=name)
            body = msg("commit_attached_body", lang, name=name, kind=kind.label,
                       size=size(len(data), lang))
        else:
            subject = msg("commit_replaced", lang, id=protocol_id, name=name)
            old_said, new_said = sizes(replaced, len(data), lang=lang)
            body = msg("commit_replaced_body", lang, name=name, kind=kind.label, old=old_said,
                       new=new_said)
        outcome.update(replaced=replaced, items=_naming(protocol, name))
        return Write(files, _message(subject, [body, *lines], protocol_id, name))

    # The plan asked of the tip now, outside the lock: a refusal (no such minutes, which
    # item, a name differing in case) comes before anything is written; then the file's
    # blob is stored, which for megabytes takes a compression's time, so that under the
    # lock git finds it there. (Only if someone changes the minutes in between so that
    # the plan refuses under the lock does an object stay behind, for git's gc.)
    now = Snapshot.read(archive.git, archive.tip(), [path, target], None, [])
    if not now.blocked:  # (a file where the folder should be: commit_change says so)
        plan(now)
        write_blob(archive, data)
    result = commit_change(archive, protocol_id, [path, target], plan, author, base=base,
                                   date=date, watch=[path, target] if base else [])
    return Attached(result, name, kind, len(data), outcome.get("items", ()),
                    outcome.get("replaced"))


def detach(archive: Archive, protocol_id: str, name: str, author: Identity, *,
           base: str | None = None, date: str | None = None) -> Detached:
    """Remove a protocol's attachment `name`, and every entry naming it, as one commit by
    `author`. The file stays in the history (restore brings it back with its protocol).

    Any name that is there may be removed (also one against the rule, put there with
    git), given as a name: one with `/`, `\\` or a control character is refused, as is a
    name the protocol has no attachment of (the sentence lists those it has). A
    protocol that does not read keeps its file as it is; only the attachment goes."""
    validate_id(protocol_id)
    name = normal(name)
    if not name:
        refuse("name_empty")
    if "/" in name or "\\" in name or name in (".", ".."):
        refuse("name_path", name=shown(name))
    if CONTROL_RE.search(name) or "\n" in name or "\t" in name:
        refuse("name_invisible", name=shown(name), char=shown(
            next(c for c in name if CONTROL_RE.match(c) or c in "\n\t")))
    path, target = id_to_path(protocol_id), path_of(protocol_id, name)
    lang = archive.language
    outcome: dict[str, Any] = {}

    def plan(snap: Snapshot) -> Write:
        current = snap.data(path)
        if current is None:
            raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))
        old = snap.files.get(target)
        if old is None:
            have = sorted(folder_names(snap, protocol_id))
            refuse("not_attached", id=protocol_id, name=shown(name),
                   have=msg("have_these", names=", ".join(shown(n) for n in have))
                   if have else msg("have_none"))
        files: dict[str, bytes | None] = {target: None}
        lines: list[str] = []
        from brotui.core import codec

        protocol = codec.load(current).protocol
        touched: list[int] = []
        if protocol is not None and _readable(current, protocol_id):
            for it in protocol.items:
                kept = [e for e in it.attachments if not names_file(e, name)]
                if len(kept) != len(it.attachments):
                    it.attachments = kept
                    touched.append(it.number or 0)
                    lines.append(msg("commit_entry_removed", lang, number=it.number,
                                     name=shown(name)))
            if touched:
                files[path] = _dumped(protocol, protocol_id)
        outcome.update(size=len(old[1]), items=tuple(touched))
        said = shown(name)
        subject = msg("commit_detached", lang, id=protocol_id, name=said)
        body = msg("commit_detached_body", lang, name=said, size=size(len(old[1]), lang),
                   commit=(snap.commit or "")[:10])
        return Write(files, _message(subject, [body, *lines], protocol_id, said))

    result = commit_change(archive, protocol_id, [path, target], plan, author, base=base,
                                   date=date, watch=[path, target] if base else [])
    return Detached(result, name, outcome.get("size", 0), outcome.get("items", ()))


def folder_names(snap: Snapshot, protocol_id: str) -> dict[str, tuple[str, str]]:
    """name -> (mode, oid) of everything in a protocol's attachments folder at the
    snapshot's tip (the snapshot must have read that folder: a path in it)."""
    tree = snap.trees.get(folder_of(protocol_id), {})
    return {raw.decode("utf-8", "surrogateescape"): entry for raw, entry in tree.items()}


def _protocol(data: bytes, protocol_id: str) -> Protocol:
    """The protocol at the tip, or a refusal: entries are written into a valid one only."""
    from brotui.core.validate import check

    parsed = check(data, protocol_id)
    if not parsed.ok:
        refuse("protocol_broken", path=id_to_path(protocol_id), count=len(parsed.errors))
    assert parsed.protocol is not None
    return parsed.protocol


def _readable(data: bytes, protocol_id: str) -> bool:
    from brotui.core.validate import check

    return check(data, protocol_id).ok


def _dumped(protocol: Protocol, protocol_id: str) -> bytes:
    from brotui.core import codec
    from brotui.core.validate import check

    content = codec.dump(protocol).encode("utf-8")
    errors = check(content, protocol_id).errors
    if errors:
        path = id_to_path(protocol_id)
        raise InvalidProtocol(t("err_invalid", where=path, count=len(errors)), errors,
                              where=path)
    return content


def _numbers(protocol: Protocol) -> str:
    """The items' numbers as people read them: §1–§7, or §1, §3, §4."""
    numbers = [it.number for it in protocol.items if it.number is not None]
    if numbers and numbers == list(range(numbers[0], numbers[0] + len(numbers))) \
            and len(numbers) > 2:
        return f"§{numbers[0]}–§{numbers[-1]}"
    return ", ".join(f"§{n}" for n in numbers)


def _naming(protocol: Protocol, name: str) -> tuple[int, ...]:
    return tuple(it.number or 0 for it in protocol.items
                 if any(names_file(e, name) for e in it.attachments))


def choose_items(protocol: Protocol, name: str, item: int | None,
                 protocol_id: str = "", every_stem: bool = False) -> list[int]:
    """The indexes of the items that get an entry naming `name` (none: one names it
    already). The rule: with `item`, the item numbered so; else, if an item names the
    file already, none more; else the one item with an entry that is the name's stem
    (any case); else the only item; else ItemNeeded."""
    items = protocol.items
    if not items:
        refuse("no_items", id=protocol_id or protocol.title)
    if item is not None:
        found = [i for i, it in enumerate(items) if it.number == item]
        if not found:
            refuse("no_such_item", number=item, numbers=_numbers(protocol))
        return found[:1]
    if any(names_file(e, name) for it in items for e in it.attachments):
        return []
    stems = [i for i, it in enumerate(items) if any(matches_stem(e, name) for e in it.attachments)]
    if len(stems) == 1 or (stems and every_stem):
        return stems
    if len(items) == 1:
        return [0]
    if stems:
        numbers = [items[i].number or 0 for i in stems]
        raise ItemNeeded("item_needed", {
            "name": shown(name), "stem": shown(split(name)[0]),
            "candidates": ", ".join(f"§{n}" for n in numbers)}, numbers)
    numbers = [it.number or 0 for it in items]
    raise ItemNeeded("item_needed_none", {"name": shown(name),
                                          "candidates": _numbers(protocol)}, numbers)


def _name_in_items(protocol: Protocol, protocol_id: str, name: str, item: int | None,
                   lang: str, every_stem: bool = False) -> list[str]:
    """Give the chosen items an entry naming `name` (an entry that is its stem becomes
    the name; else the name is added at the end); the commit message's lines for it."""
    lines = []
    for i in choose_items(protocol, name, item, protocol_id, every_stem):
        it = protocol.items[i]
        if any(names_file(e, name) for e in it.attachments):
            continue
        label = next((j for j, e in enumerate(it.attachments) if matches_stem(e, name)), None)
        if label is None:
            it.attachments.append(name)
            lines.append(msg("commit_entry_added", lang, number=it.number, name=name))
        else:
            old = it.attachments[label]
            it.attachments[label] = name
            lines.append(msg("commit_entry_renamed", lang, number=it.number, old=old, name=name))
    return lines


def _message(subject: str, body: list[str], protocol_id: str, name: str) -> str:
    lines = "\n".join(body)
    return f"{subject}\n\n{lines}\n\nProtocol: {protocol_id}\nAttachment: {name}\n"
