"""Sending minutes for justering, and signing them: each one commit by its person.

`review` sets `status: review` (the minutes need a chair). `sign` is a commit authored
by the signer that changes nothing but the signature record (and, with the last
required signature, the status to `approved` in the same commit), with trailers that
name the role and the content signed:

    Protocol: hagersten-liljeholmen/2020-02-20
    Signed-role: chair
    Signed-content: 3b18e512...     (record.content_id: git alone can check it)
    Signed-item: 4                  (only for "omedelbar justering" of one item)

The commit that approves is marked by an annotated tag `justerat/<id>`, signed where the
archive has a signing key (git's `user.signingKey`, `gpg.format`), so `git tag -v`
verifies it. Only the chair and the adjusters named may sign, each a text once; a
signature on a text that has changed since does not count, and signing when the text
changed since the signer last saw it (their earlier signature, `--content`, or the
review) is refused, naming what changed and the content to sign.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from brotui.core import codec
from brotui.core.archive import Archive, validate_id
from brotui.core.commit import Snapshot, commit_change
from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.git import GitError
from brotui.core.identity import Identity
from brotui.core.justering import items, record, state
from brotui.core.justering.messages import say
from brotui.core.justering.record import SignatureRecord, tag_name
from brotui.core.model import Protocol, id_to_path, item_key, item_label, split_key
from brotui.core.signing import signing
from brotui.core.values import Write
from brotui.i18n import t


@dataclass(frozen=True)
class Signed:
    """What a signature did: its commit, the state after it, and the tag if it approved."""

    id: str
    commit: str | None
    signer: state.Signer
    state: state.State
    approved: bool = False
    tag: str | None = None
    item: str | None = None  # the item signed at once, as people write it ("17 a")


def _protocol(protocol_id: str, data: bytes | None, archive: Archive) -> Protocol:
    if data is None:
        raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))
    parsed = codec.load(data)
    if parsed.protocol is None:
        path = id_to_path(protocol_id)
        raise InvalidProtocol(t("err_not_read", where=path, count=len(parsed.errors)),
                              parsed.problems, where=path)
    return parsed.protocol


def _checked(protocol_id: str, p: Protocol) -> bytes:
    from brotui.core.validate import check

    data = codec.dump(p).encode("utf-8")
    errors = check(data, protocol_id).errors
    if errors:
        path = id_to_path(protocol_id)
        raise InvalidProtocol(t("err_invalid", where=path, count=len(errors)), errors,
                              where=path)
    return data


def trailers(protocol_id: str, **more: object) -> str:
    lines = [f"Protocol: {protocol_id}"]
    lines += [f"{k.replace('_', '-').capitalize()}: {v}" for k, v in more.items()
              if v is not None]
    return "\n".join(lines) + "\n"


def review(archive: Archive, protocol_id: str, author: Identity,
           base: str | None = None) -> state.State:
    """Send minutes for justering: `status: review`, one commit. Refused: minutes that are
    not drafts, that have no chair, that do not read."""
    validate_id(protocol_id)
    path = id_to_path(protocol_id)
    lang = archive.language
    out: dict[str, state.State] = {}

    def plan(snap: Snapshot) -> Write:
        p = _protocol(protocol_id, snap.data(path), archive)
        if p.status == state.REVIEW:
            raise BrotuiError(say("already_review", id=protocol_id))
        if p.status == state.APPROVED:
            raise BrotuiError(say("review_approved", id=protocol_id))
        p.status = state.REVIEW
        data = _checked(protocol_id, p)
        out["state"] = state.state_of(p, data)
        names = ", ".join(s.said(lang) for s in state.signers(p))
        message = (f"{say('commit_review', lang, id=protocol_id)}\n\n{names}\n\n"
                   f"{trailers(protocol_id, justering='review')}")
        return Write({path: data}, message)

    commit_change(archive, protocol_id, [path], plan, author, base=base)
    return out["state"]


def _seen(archive: Archive, protocol_id: str, p: Protocol, signer: state.Signer,
          content: str | None) -> tuple[str, bytes | None, str]:
    """The content the signer last saw, its file (if found in the history) and how to
    name it: `--content` if given, else their latest signature, else the review."""
    wanted = content
    how = content[:12] if content else ""
    if wanted is None:
        mine = [r for r in record.signatures(p) if r.item is None and r.name == signer.name]
        if mine:
            wanted, how = mine[-1].content, "sig"
    commits = archive.history(protocol_id, limit=200)
    blobs = archive.git.cat([f"{c.oid}:{id_to_path(c.protocol or protocol_id)}"
                             for c in commits])
    review_file: bytes | None = None
    for found in blobs:
        if found is None or found[1] != "blob":
            continue
        if wanted is not None and record.content_id(found[2]) == wanted:
            return wanted, found[2], how
        if wanted is None:
            old = codec.load(found[2]).protocol
            if old is None or old.status != state.REVIEW:
                if review_file is not None:
                    break
                continue
            review_file = found[2]
    if wanted is None and review_file is not None:
        return record.content_id(review_file), review_file, "review"
    return wanted or "", None, how


def _changes(before: bytes | None, now: bytes) -> str:
    if before is None:
        return "?"
    old, new = codec.load(before).protocol, codec.load(now).protocol
    if old is None or new is None:
        return "?"
    lines = text_changes(old, new)
    return "; ".join(lines[:5]) + ("; …" if len(lines) > 5 else "")


def text_changes(old: Protocol, new: Protocol) -> list[str]:
    """What changed in the text between two versions, one line per change
    (core.fielddiff), the justering records left out."""
    from brotui.core import diffrender, fielddiff

    changes = fielddiff.diff(record.without_records(old), record.without_records(new))
    return [diffrender.plain(diffrender.change_line(c)) for c in changes]


def sign(archive: Archive, protocol_id: str, signer: Identity,
         item: int | str | None = None,
         content: str | None = None, base: str | None = None,
         today: dt.date | None = None) -> Signed:
    """Sign minutes (or, with `item`, one item at once) as `signer`: one commit authored by
    them. `content` is the content id the signer read (state.State.content); without it,
    the text they last saw (their earlier signature, or the review). `item`: its number,
    or for an extra item "17 a" its key "17a" (model.Item.key). See the module."""
    validate_id(protocol_id)
    path = id_to_path(protocol_id)
    lang = archive.language
    policy = state.resign_policy(archive.settings)
    today = today or dt.date.today()
    first = _protocol(protocol_id, archive.read(protocol_id).data, archive)
    who = state.signer_named(first, signer.name)
    if who is None:
        names = ", ".join(s.said() for s in state.signers(first)) or say("nobody")
        raise BrotuiError(say("not_a_signer", name=signer.name, id=protocol_id, signers=names))
    seen = _seen(archive, protocol_id, first, who, content) if item is None else None
    key = item_key(str(item)) if item is not None else None
    out: dict[str, Signed] = {}

    def plan(snap: Snapshot) -> Write:
        data = snap.data(path)
        p = _protocol(protocol_id, data, archive)
        assert data is not None
        me = state.signer_named(p, signer.name)
        if me is None:
            names = ", ".join(s.said() for s in state.signers(p)) or say("nobody")
            raise BrotuiError(say("not_a_signer", name=signer.name, id=protocol_id,
                                  signers=names))
        now = state.state_of(p, data, today, policy)
        number, letter, label = _item_of(item)
        if item is not None:
            target = next((i for i in p.items if i.key == key), None)
            if target is None:
                raise BrotuiError(say("no_such_item", id=protocol_id, number=label))
            if p.status == state.APPROVED:
                raise BrotuiError(say("review_approved", id=protocol_id))
            signed = items.item_content_id(target)
            if any(r.on(target) and r.name == me.name and r.content == signed
                   for r in record.signatures(p)):
                raise BrotuiError(say("signed_already", name=me.name, id=protocol_id,
                                      content=signed[:12]))
            if content is not None and content != signed:  # the item changed since read
                raise BrotuiError(say("content_changed", id=protocol_id, seen=content[:12],
                                      changes=f"§ {label}", content=signed))
        else:
            if p.status == state.DRAFT:
                raise BrotuiError(say("not_in_review", id=protocol_id,
                                      state=say("state_draft")))
            if any(s == me for s, _ in now.signed):
                raise BrotuiError(say("signed_already", name=me.name, id=protocol_id,
                                      content=now.content[:12]))
            if p.status == state.APPROVED and me not in now.awaiting:
                raise BrotuiError(say("nothing_to_sign", id=protocol_id, name=me.name))
            assert seen is not None
            if seen[0] and seen[0] != now.content:
                raise BrotuiError(say("content_changed", id=protocol_id,
                                      seen=_seen_label(seen[2]), changes=_changes(seen[1], data),
                                      content=now.content))
            signed = now.content
        entry = SignatureRecord(me.name, me.role, today, signed, number, letter)
        new = record.with_signature(p, entry)
        approves = False
        if item is None and p.status == state.REVIEW:
            after = state.state_of(new, codec.dump(new).encode("utf-8"), today, policy)
            approves = after.complete
            if approves:
                new.status = state.APPROVED
        new_data = _checked(protocol_id, new)
        role = say("role_" + me.role, lang)
        subject = (say("commit_sign_item", lang, id=protocol_id, number=label, name=me.name,
                       role=role) if item is not None
                   else say("commit_sign", lang, id=protocol_id, name=me.name, role=role))
        body = f"\n\n{say('commit_approved', lang)}" if approves else ""
        said = trailers(protocol_id, signed_role=me.role, signed_content=signed,
                        signed_item=label)
        message = f"{subject}{body}\n\n{said}"
        after_state = state.state_of(new, new_data, today, policy)
        out["signed"] = Signed(protocol_id, None, me, after_state, approves, None, label)
        return Write({path: new_data}, message)

    result = commit_change(archive, protocol_id, [path], plan, signer, base=base,
                           action="sign")
    done = out["signed"]
    tag = None
    if done.approved and result.commit:
        tag = make_tag(archive, protocol_id, result.commit, done.state, signer)
    return Signed(done.id, result.commit, done.signer, done.state, done.approved, tag,
                  done.item)


def _item_of(item: int | str | None) -> tuple[int | None, str | None, str | None]:
    """An item to sign (17, "17a") as its number, letter and label ("17 a")."""
    key = item_key(str(item)) if item is not None else None
    if key is None:
        return None, None, None if item is None else str(item)
    number, letter = split_key(key)
    return number, letter, item_label(number, letter)


def _seen_label(how: str) -> str:
    if how == "sig":
        return say("seen_signature")
    if how == "review":
        return say("seen_review")
    return how


def make_tag(archive: Archive, protocol_id: str, commit: str, st: state.State,
             signer: Identity) -> str:
    """The annotated tag `justerat/<id>` on the approving commit; signed where the archive
    signs tags or names a signing key. A tag that cannot be made is a refusal naming the
    commit (which stays: the approval is in the history)."""
    name = tag_name(protocol_id)
    names = ", ".join(s.said(archive.language) for s, _ in st.signed)
    message = say("tag_message", archive.language, id=protocol_id, names=names)
    committer = archive.committer or signer
    try:
        archive.git.run("tag", *signing(archive.git).tag_args(), "-m", message, name, commit,
                        env=committer.env("COMMITTER"))
    except GitError as exc:
        raise BrotuiError(say("tag_failed", commit=commit[:10], tag=name,
                              reason=exc.reason)) from None
    return name


@dataclass(frozen=True)
class ToSign:
    """What `name` would sign now, for a confirmation: the signer, the content id, and
    (when the text changed since they last saw it) the changes since then."""

    signer: state.Signer
    content: str
    changes: tuple[str, ...]


def to_sign(archive: Archive, protocol_id: str, name: str) -> ToSign:
    """What signing `protocol_id` as `name` would sign, or the refusal `sign` would give
    (not named, not in review, signed already, nothing to sign)."""
    validate_id(protocol_id)
    data = archive.read(protocol_id).data
    p = _protocol(protocol_id, data, archive)
    assert data is not None
    me = state.signer_named(p, name)
    if me is None:
        names = ", ".join(s.said() for s in state.signers(p)) or say("nobody")
        raise BrotuiError(say("not_a_signer", name=name, id=protocol_id, signers=names))
    if p.status == state.DRAFT:
        raise BrotuiError(say("not_in_review", id=protocol_id, state=say("state_draft")))
    now = state.state_of(p, data, policy=state.resign_policy(archive.settings))
    if any(s == me for s, _ in now.signed):
        raise BrotuiError(say("signed_already", name=me.name, id=protocol_id,
                              content=now.content[:12]))
    if p.status == state.APPROVED and me not in now.awaiting:
        raise BrotuiError(say("nothing_to_sign", id=protocol_id, name=me.name))
    seen, before, _how = _seen(archive, protocol_id, p, me, None)
    changes: list[str] = []
    if seen and seen != now.content:
        old = codec.load(before).protocol if before is not None else None
        changes = text_changes(old, p) if old is not None else ["?"]
    return ToSign(me, now.content, tuple(changes))


@dataclass(frozen=True)
class ItemToSign:
    """What `name` would sign of one item now ("omedelbar justering"): the signer, the
    item's number and title, and its content id (items.item_content_id)."""

    signer: state.Signer
    number: int | str  # the item's key: 17, or "17a" for "17 a"
    title: str
    content: str
    label: str = ""  # "17", "17 a"


def to_sign_item(archive: Archive, protocol_id: str, name: str,
                 number: int | str) -> ItemToSign:
    """What signing item `number` of `protocol_id` as `name` would sign, or the refusal
    `sign(item=number)` would give (not named, no such item, approved, signed already)."""
    validate_id(protocol_id)
    p = _protocol(protocol_id, archive.read(protocol_id).data, archive)
    me = state.signer_named(p, name)
    if me is None:
        names = ", ".join(s.said() for s in state.signers(p)) or say("nobody")
        raise BrotuiError(say("not_a_signer", name=name, id=protocol_id, signers=names))
    if p.status == state.APPROVED:
        raise BrotuiError(say("review_approved", id=protocol_id))
    key = item_key(str(number))
    target = next((i for i in p.items if key is not None and i.key == key), None)
    if target is None:
        raise BrotuiError(say("no_such_item", id=protocol_id, number=_item_of(number)[2]))
    content = items.item_content_id(target)
    if any(r.on(target) and r.name == me.name and r.content == content
           for r in record.signatures(p)):
        raise BrotuiError(say("signed_already", name=me.name, id=protocol_id,
                              content=content[:12]))
    return ItemToSign(me, target.key or number, target.title or "", content, target.label)
