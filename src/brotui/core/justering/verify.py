"""`brotui verify`: approved minutes check out with git alone.

For each approved protocol: every signature was made by the person it names, who is
the chair or an adjuster, in a commit that changed nothing but the signatures, on
exactly the text there then (record.content_id, also in the commit's trailers); the
approving commit holds every required signature; every later commit is a signature or
a recorded correction (rules.approved_change_problem), corrections signed again as the
archive's setting says; the tag `justerat/<id>` is annotated, on the approving commit,
and its signature verifies (`git tag -v`), which the archive's signing key requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from brotui.core.archive import Archive, validate_id
from brotui.core.justering import history, state
from brotui.core.justering.messages import say
from brotui.core.justering.record import tag_name
from brotui.core.signing import signing

_SIGNED = (b"-----BEGIN SSH SIGNATURE-----", b"-----BEGIN PGP SIGNATURE-----",
           b"-----BEGIN SIGNED MESSAGE-----")


@dataclass
class Verdict:
    """What verify found for one protocol: `problems` empty when it checks out."""

    id: str
    status: str
    signatures: list[dict[str, Any]] = field(default_factory=list)
    tag: str | None = None
    tag_signed: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "ok": self.ok,
                "signatures": self.signatures, "tag": self.tag, "tag_signed": self.tag_signed,
                "problems": self.problems}


def approved_ids(archive: Archive) -> list[str]:
    from brotui.core import listing

    return sorted(e.id for e in listing.entries(archive) if e.status == state.APPROVED)


def verify(archive: Archive, ids: list[str] | None = None) -> list[Verdict]:
    """A verdict for each protocol named (default: every approved one)."""
    targets = [validate_id(i) for i in ids] if ids else approved_ids(archive)
    return [verify_one(archive, i) for i in targets]


def verify_one(archive: Archive, protocol_id: str) -> Verdict:
    archive.read(protocol_id)  # an unknown id is a refusal, as everywhere
    r = history.replay(archive, protocol_id)
    v = Verdict(protocol_id, r.status)
    v.signatures = [{"name": m.record.name, "role": m.record.role,
                     "date": m.record.date.isoformat() if m.record.date else None,
                     "item": m.record.item, "content": m.record.content,
                     "commit": m.commit.oid, "author": m.commit.author, "ok": m.problem is None}
                    for m in r.signatures]
    if r.status != state.APPROVED:
        label = say("state_" + r.status) if r.status in (state.DRAFT, state.REVIEW) \
            else r.status
        v.problems.append(say("not_approved", id=protocol_id, state=label))
        return v
    v.problems += r.problems
    if r.approved_by is not None:
        _check_tag(archive, protocol_id, r.approved_by.oid, v)
    return v


def _check_tag(archive: Archive, protocol_id: str, commit: str, v: Verdict) -> None:
    name = tag_name(protocol_id)
    ref = f"refs/tags/{name}"
    kind = archive.git.try_text("cat-file", "-t", ref)
    if kind is None:
        v.problems.append(say("v_no_tag", tag=name))
        return
    v.tag = name
    target = archive.git.try_text("rev-parse", "-q", "--verify", f"{ref}^{{commit}}")
    if kind != "tag" or target != commit:
        v.problems.append(say("v_tag_elsewhere", tag=name, commit=commit[:10]))
        return
    body = archive.git.run("cat-file", "tag", ref)
    v.tag_signed = any(mark in body for mark in _SIGNED)
    if v.tag_signed:
        done = archive.git.call("tag", "-v", name)
        if done.returncode != 0:
            reason = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            v.problems.append(say("v_tag_bad", reason=reason[-1] if reason else "?"))
    elif signing(archive.git).has_key:
        v.problems.append(say("v_tag_unsigned", tag=name))
