"""A protocol's justering replayed from its history: every signature with the commit
that made it and whether it counts, the commit that approved it, each correction's
commit, and every way the history breaks the rules. What `verify` judges and what an
export shows come from here, so they agree.

One `git log -- path` (archive.history, following moves) and one `cat-file --batch` of
every commit and every version of the file: milliseconds for a protocol's history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from brotui.core import codec
from brotui.core.archive import Archive
from brotui.core.justering import items, record, rules, state
from brotui.core.justering.messages import say
from brotui.core.justering.record import SignatureRecord
from brotui.core.model import Protocol, id_to_path
from brotui.i18n import t

_TRAILER_RE = re.compile(r"^(?P<key>[A-Za-z-]+): ?(?P<value>.*)$", re.M)


@dataclass(frozen=True)
class Made:
    """One commit of the history as the replay sees it."""

    oid: str
    author: str
    email: str
    time: int
    trailers: dict[str, str]


@dataclass(frozen=True)
class SignatureMade:
    """A signature record and the commit that added it; `problem` None when it counts."""

    record: SignatureRecord
    commit: Made
    problem: str | None = None


@dataclass(frozen=True)
class CorrectionMade:
    record: record.CorrectionRecord
    commit: Made
    number: int


@dataclass
class Replay:
    """What the history of one protocol says about its justering."""

    id: str
    status: str = "draft"
    signatures: list[SignatureMade] = field(default_factory=list)
    corrections: list[CorrectionMade] = field(default_factory=list)
    approved_by: Made | None = None  # the commit that set `approved`
    problems: list[str] = field(default_factory=list)
    protocol: Protocol | None = None  # at the tip
    data: bytes | None = None

    def counted(self) -> list[SignatureMade]:
        return [s for s in self.signatures if s.problem is None]


def _trailers(message: str) -> dict[str, str]:
    last = message.rstrip("\n").rsplit("\n\n", 1)[-1]
    return {m["key"].lower(): m["value"].strip() for m in _TRAILER_RE.finditer(last)}


def _commit(oid: str, data: bytes) -> Made:
    head, _, message = data.decode("utf-8", "replace").partition("\n\n")
    m = re.search(r"^author (?P<name>.*?) <(?P<email>[^<>]*)> (?P<time>\d+)", head, re.M)
    name, email, time = (m["name"], m["email"], int(m["time"])) if m else ("?", "?", 0)
    return Made(oid, name, email, time, _trailers(message))


def replay(archive: Archive, protocol_id: str, policy: str | None = None) -> Replay:
    """The protocol's justering, replayed from its first commit to the branch's tip."""
    policy = policy or state.resign_policy(archive.settings)
    out = Replay(protocol_id)
    commits = list(reversed(archive.history(protocol_id)))
    if not commits:
        return out
    specs = [c.oid for c in commits] + [f"{c.oid}:{id_to_path(c.protocol or protocol_id)}"
                                        for c in commits]
    found = archive.git.cat(specs)
    made = [_commit(c.oid, f[2]) if f else Made(c.oid, c.author, c.email, c.time, {})
            for c, f in zip(commits, found[:len(commits)], strict=True)]
    files = [f[2] if f is not None and f[1] == "blob" else None for f in found[len(commits):]]
    prev: Protocol | None = None
    prev_data: bytes | None = None
    for commit, data in zip(made, files, strict=True):
        p = codec.load(data).protocol if data is not None else None
        _step(out, commit, prev, prev_data, p, data, policy)
        prev, prev_data = p, data
    out.protocol, out.data = prev, prev_data
    out.problems += [m.problem for m in out.signatures if m.problem is not None]
    out.problems = list(dict.fromkeys(out.problems))
    out.status = prev.status if prev else "deleted"
    if prev is not None and prev.status == state.APPROVED:
        _resigned(out, prev, prev_data or b"", policy)
    return out


def _sig_key(entry: object) -> str:
    return repr(entry)


def _step(out: Replay, commit: Made, prev: Protocol | None, prev_data: bytes | None,
          p: Protocol | None, data: bytes | None, policy: str) -> None:
    short = commit.oid[:10]
    if prev is not None and prev.status == state.APPROVED:
        problem = rules.approved_change_problem(prev, p)
        if problem is not None:
            out.problems.append(say("v_changed", commit=short, author=commit.author)
                                + f" ({problem})")
    if p is None or data is None:
        return
    seen = {_sig_key(e) for e in (prev.signatures if prev is not None else [])}
    added = [i for i, e in enumerate(p.signatures) if _sig_key(e) not in seen]
    records = record.signatures(p)
    same_text = prev_data is not None and record.content_id(prev_data) == record.content_id(data)
    for i in added:
        if i >= len(records):
            continue
        r = records[i]
        out.signatures.append(SignatureMade(r, commit, _signature_problem(
            r, commit, p, data, same_text)))
    before_c = record.corrections(prev) if prev is not None else []
    after_c = record.corrections(p)
    if len(after_c) > len(before_c):
        for n in range(len(before_c), len(after_c)):
            out.corrections.append(CorrectionMade(after_c[n], commit, n + 1))
    if p.status == state.APPROVED and (prev is None or prev.status != state.APPROVED):
        out.approved_by = commit
        _approval(out, commit, p, data, bool(added))


def _signature_problem(r: SignatureRecord, commit: Made, p: Protocol, data: bytes,
                       same_text: bool) -> str | None:
    short = commit.oid[:10]
    signer = state.signer_named(p, r.name)
    if signer is None or signer.role != r.role:
        return say("v_not_named", commit=short, name=r.name)
    if commit.author != r.name:
        return say("v_wrong_author", name=r.name, role=say("role_" + r.role), commit=short,
                   author=commit.author)
    if not same_text:
        return say("v_not_only_signature", name=r.name, commit=short)
    if r.item is not None:
        item = next((x for x in p.items if r.on(x)), None)
        content = items.item_content_id(item) if item is not None else ""
    else:
        content = record.content_id(data)
    if r.content != content:
        return say("v_old_text", name=r.name, commit=short, signed=r.content[:12],
                   content=content[:12])
    t = commit.trailers
    if t.get("signed-role") != r.role or t.get("signed-content") != r.content or (
            r.item is not None and t.get("signed-item") != r.item_label):
        return say("v_trailers", name=r.name, commit=short)
    return None


def _approval(out: Replay, commit: Made, p: Protocol, data: bytes, signed_here: bool) -> None:
    content = record.content_id(data)
    if not signed_here:
        out.problems.append(say("v_approved_without", commit=commit.oid[:10],
                                author=commit.author))
    for s in state.signers(p):
        mine = [m for m in out.signatures if m.record.name == s.name and m.record.item is None]
        if any(m.problem is None and m.record.role == s.role and m.record.content == content
               for m in mine):
            continue
        if not any(m.problem is not None for m in mine):
            out.problems.append(say("v_no_signature", role=say("role_" + s.role),
                                    name=s.name))
    if not state.signers(p):
        out.problems.append(t("review_needs_chair"))  # the core's: a validation problem


def _resigned(out: Replay, p: Protocol, data: bytes, policy: str) -> None:
    """After the last correction, those the archive's setting names have signed it."""
    if not out.corrections:
        return
    content = record.content_id(data)
    last = out.corrections[-1]
    missing = [s for s in state.resigners(p, policy)
               if not any(m.problem is None and m.record.name == s.name
                          and m.record.content == content for m in out.signatures)]
    if missing:
        out.problems.append(say("v_resign_missing", number=last.number,
                                names=", ".join(s.said() for s in missing)))
