"""`brotui review`, `sign`, `correct` and `verify`: the justering of minutes (issue 14).

Each write is one commit by the person the command runs as (`--author`, else
BROTUI_AUTHOR, else git's identity; over SSH the key's person)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

from brotui.cli.common import open_archive
from brotui.cli.files import read_protocol
from brotui.cli.output import err, out, out_json
from brotui.core.archive import Archive, validate_id
from brotui.core.errors import BrotuiError
from brotui.core.identity import Identity, resolve_identity
from brotui.core.justering.messages import say
from brotui.core.model import item_key


def run_review(args: argparse.Namespace) -> int:
    from brotui.core.justering.sign import review

    archive = open_archive(args)
    validate_id(args.id)
    author = resolve_identity(archive.git, args.author)
    st = review(archive, args.id, author, base=args.base)
    commit = archive.tip() or ""
    out(say("sent", id=args.id, commit=commit[:10],
            signers=", ".join(s.said() for s in st.signers)))
    _pushed(archive, author)
    return 0


def run_sign(args: argparse.Namespace) -> int:
    from brotui.core.justering.sign import sign

    archive = open_archive(args)
    validate_id(args.id)
    signer = resolve_identity(archive.git, args.author)
    done = sign(archive, args.id, signer, item=args.item, content=args.content,
                base=args.base)
    role = say("role_" + done.signer.role)
    commit = (done.commit or "")[:10]
    if done.item is not None:
        out(say("signed_item", name=done.signer.name, number=done.item, id=args.id, role=role,
                commit=commit))
    else:
        out(say("signed", name=done.signer.name, id=args.id, role=role, commit=commit))
    if done.approved:
        out(say("now_approved", id=args.id, tag=done.tag))
    elif done.item is None and done.state.status == "review" and done.state.missing:
        out(say("still_missing", missing=", ".join(s.said() for s in done.state.missing)))
    _pushed(archive, signer)  # the commit, and the tag where it approved
    return 0


def run_correct(args: argparse.Namespace) -> int:
    from brotui.core.justering.correct import correct

    archive = open_archive(args)
    validate_id(args.id)
    if not (args.reason or "").strip():
        raise BrotuiError(say("need_reason"))
    parsed, _ = read_protocol(args.file, args.id)
    author = resolve_identity(archive.git, args.author)
    assert parsed.protocol is not None
    done = correct(archive, args.id, parsed.protocol, args.reason, author, base=args.base)
    out(say("corrected", id=args.id, commit=(done.commit or "")[:10]))
    for line in done.record.changes:
        out(f"  {line}")
    if done.resign:
        out(say("resign_needed", id=args.id, signers=", ".join(s.said() for s in done.resign)))
    _pushed(archive, author)
    return 0


def _pushed(archive: Archive, author: Identity) -> None:
    """The write made, to the central server with `sync: on-save` (as every write)."""
    from brotui.cli.commands.syncing import after_write

    after_write(archive, author)


def run_verify(args: argparse.Namespace) -> int:
    pdfs = [x for x in args.targets if x.lower().endswith(".pdf") and os.path.lexists(x)]
    ids = [x for x in args.targets if x not in pdfs]
    archive = open_archive(args)
    status = 0
    if pdfs:
        status = max(status, _verify_pdfs(archive, pdfs, args.format))
        if not ids:
            return status
    from brotui.core.justering.verify import verify

    verdicts = verify(archive, ids or None)
    if args.format == "json":
        out_json([v.as_json() for v in verdicts])
        return 1 if any(not v.ok for v in verdicts) else status
    if not verdicts:
        out(say("verify_none"))
        return status
    failed = 0
    for v in verdicts:
        if v.ok:
            tag = ""
            if v.tag:
                tag = say("verified_tag" if v.tag_signed else "verified_tag_plain", tag=v.tag)
            counted = sum(1 for s in v.signatures if s["ok"])
            out(say("verified", id=v.id, count=counted, tag=tag))
        else:
            failed += 1
            for problem in v.problems:
                err(say("verify_failed", id=v.id, reason=problem))
    if failed:
        err(say("verify_summary", failed=failed, count=len(verdicts)))
        return 1
    return status


def _verify_pdfs(archive: object, files: list[str], fmt: str) -> int:
    from brotui.core.justering.pdfcheck import check_pdf

    results = [check_pdf(archive, name) for name in files]  # type: ignore[arg-type]
    if fmt == "json":
        out_json([r.as_json() for r in results])
    else:
        for r in results:
            for line in r.lines():
                out(line)
    return 1 if any(not r.ok for r in results) else 0


_HEX = frozenset("0123456789abcdef")


def restricted_command(asked: str) -> Callable[[argparse.Namespace], int] | None:
    """What an SSH key's forced command may run besides the TUI, for justering: exactly
    `review ID` or `sign ID [--item N] [--content HEX]`, as the key's person (--author of
    the forced command) on its archive (--repo). Anything else: None (the TUI rules)."""
    import shlex

    try:
        words = shlex.split(asked)
    except ValueError:
        return None
    if len(words) < 2 or words[0] not in ("review", "sign"):
        return None
    command, protocol_id, rest = words[0], words[1], words[2:]
    if command == "review" and rest:
        return None
    options: dict[str, str] = {}
    while rest:
        if len(rest) < 2 or rest[0] not in ("--item", "--content") or rest[0] in options:
            return None
        options[rest[0]], rest = rest[1], rest[2:]
    item = options.get("--item")
    content = options.get("--content")
    key = item_key(item) if item is not None else None
    if item is not None and key is None:
        return None
    if content is not None and not (len(content) in (40, 64) and set(content) <= _HEX):
        return None
    validate_id(protocol_id)

    def run(args: argparse.Namespace) -> int:
        args.id, args.base = protocol_id, None
        if command == "review":
            return run_review(args)
        args.item = key
        args.content = content
        return run_sign(args)

    return run
