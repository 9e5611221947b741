"""`brotui sync`, `brotui hook pre-receive`, and what every write on the command line does
around its commit: the access file asked first (brotui.core.access: a refusal before any
input is read, and for a command that ends up writing nothing; the commit itself asks it
again at the tip it commits on, commit.commit_change, as for the TUI), the central server
told after (`sync: on-save`, brotui.core.sync.after_save; a server that cannot be
reached leaves the save queued and says so, it never fails the save)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from brotui.cli.commands.catalogue import say
from brotui.cli.common import UsageError, open_archive
from brotui.cli.output import err, out, out_json
from brotui.core import access, sync
from brotui.core.archive import Archive, validate_id
from brotui.core.errors import EXIT_CONFLICT, BrotuiError
from brotui.core.identity import Identity, resolve_identity
from brotui.core.model import id_to_path, parse_id

# ------------------------------------------------------------------ around every write


def council_of(protocol_id: str) -> str:
    """The council (slug) of an id, as the access file names councils."""
    parsed = parse_id(protocol_id)
    return parsed[0] if parsed else protocol_id.partition("/")[0]


def require(archive: Archive, person: Identity, action: str, protocol_id: str) -> None:
    """Refuse (exit 1, nothing written) unless the access file lets `person` do `action`
    to the council of `protocol_id`. No access file: everyone may."""
    access.require(archive, person, action, council_of(protocol_id))


def exists(archive: Archive, protocol_id: str) -> bool:
    tip = archive.tip()
    return tip is not None and archive.tree_entry(tip, id_to_path(protocol_id)) is not None


def after_write(archive: Archive, author: Identity | None) -> None:
    """Push the save just made when the archive says `sync: on-save`; say on stderr what
    happened only where it matters to the person (pushed, or still queued and why)."""
    settings = sync.sync_settings(archive)
    if not settings.on_save:
        return
    report = sync.after_save(archive, author)
    if not report.ran or report.busy:
        return
    if report.error is not None:
        err(say("sync_queued", count=report.pending, reason=report.error.message))
    elif report.pushed:
        err(say("sync_pushed", remote=report.remote or "?"))


def _actions(args: argparse.Namespace, archive: Archive) -> list[tuple[str, str]]:
    """(action, protocol id) the access file must allow for a write command."""
    command = args.command
    if command == "put":
        return [("edit" if exists(archive, args.id) else "create", args.id)]
    if command == "rm":
        return [("delete", args.id)]
    if command == "restore":
        return [("restore", args.id)]
    if command == "mv":
        if council_of(args.id) == council_of(args.new_id):
            return [("edit", args.id)]
        return [("delete", args.id), ("create", args.new_id)]
    return []


def guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A write command (put, rm, mv, restore) with the access file asked before it and the
    central server told after it."""

    def guarded_run(args: argparse.Namespace) -> int:
        if getattr(args, "dry_run", False):
            return run(args)
        archive = open_archive(args)
        args.opened_archive = archive  # the command reads the same (one Archive, not two)
        for name in ("id", "new_id"):
            if getattr(args, name, None):
                validate_id(getattr(args, name))
        author = resolve_identity(archive.git, args.author)
        rules = access.access_at(archive.git, archive.ref)  # one `cat-file`, at the tip
        if rules.present:  # (no access file: everyone may; nothing more to read)
            for action, protocol_id in _actions(args, archive):
                decision = rules.can(author, action, council_of(protocol_id))
                if not decision.allowed:
                    raise BrotuiError(decision.reason)
        code = run(args)
        if code == 0:
            after_write(archive, author)
        return code

    return guarded_run


# ------------------------------------------------------------------ brotui sync


def run_sync(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    if args.status:
        state = sync.status(archive)
        if args.format == "json":
            out_json(state.as_json())
        else:
            for line in state.lines():
                out(line)
        return 0
    try:
        author: Identity | None = resolve_identity(archive.git, args.author)
    except BrotuiError:
        author = None  # an integration's merge commit is then the repository's own
    report = sync.sync(archive, author)
    if args.format == "json":
        out_json({"ran": report.ran, "busy": report.busy, "remote": report.remote,
                  "fetched": report.fetched, "pushed": report.pushed,
                  "pending": report.pending,
                  "integrations": [{"kind": i.kind, "commits": i.commits,
                                    "conflicts": [c.path for c in i.conflicts]}
                                   for i in report.integrations],
                  "error": report.error.as_json() if report.error else None})
    if report.remote is None:
        for line in sync.status(archive).lines():
            err(line)
        return 1
    if args.format != "json":
        for line in report.lines():
            out(line)
    if report.error is not None:
        return 1
    return EXIT_CONFLICT if report.conflicts else 0


# ------------------------------------------------------------------ brotui hook


def run_hook(args: argparse.Namespace) -> int:
    """`brotui hook pre-receive` (what the central repository's hook runs) and
    `brotui hook install REPO` (writes that hook into a bare repository)."""
    from brotui.core import hook

    if args.hook_action == "pre-receive":
        return hook.run_pre_receive(sys.stdin.buffer, sys.stderr, os.environ)
    from brotui.core.sshkeys import brotui_command

    repo = os.path.abspath(args.path)
    if not os.path.isdir(os.path.join(repo, "objects")) or not os.path.isdir(
            os.path.join(repo, "refs")):
        raise UsageError(say("hook_not_bare", path=repo))
    path = hook.install(repo, [*brotui_command(), "hook", "pre-receive"])
    out(say("hook_installed", path=str(path)))
    return 0
