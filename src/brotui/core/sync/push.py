"""Sync with the central server: push after a save, fetch, integrate, and `brotui sync`.

The queue of saves not yet on the central server is no state of its own: it is what
`git rev-list --count <tracking>..<branch>` says (see status), so it can never drift
from the history. A push that cannot reach the server leaves it as it is (the saves
stay queued) and records why; the next push, fetch or `brotui sync` takes them all.

Locks: each of these takes the archive's sync lock (`.git/brotui/sync/sync.lock`), one
at a time per archive, and the save lock only for the moment an integration moves the
branch. They never run inside a save: the save path calls `after_save` once its commit
is on the branch and the save lock is released (called while holding it, an
integration would wait for that lock and give up with "busy").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from brotui.core.errors import BrotuiError
from brotui.core.git import GitError
from brotui.core.identity import Identity
from brotui.core.sync import remote as net
from brotui.core.sync import tags
from brotui.core.sync.integrate import Integration, integrate_locked, is_ancestor
from brotui.core.sync.messages import say
from brotui.core.sync.remote import Remote, RemoteFailed, SyncError
from brotui.core.sync.settings import SyncSettings, sync_settings

if TYPE_CHECKING:
    from brotui.core.archive import Archive

PUSH_ATTEMPTS = 5  # pushes refused because the server moved, each followed by an integration
ROUNDS = 50  # pushes in one call while saves keep coming in (each carries all queued)


@dataclass
class SyncReport:
    """What a sync call did, for `brotui sync` and the TUI.

    `ran` False: nothing was tried (no central server, `sync: manual` for an after-save
    push, or another sync was under way, `busy`: it takes this save too). `fetched`:
    the server answered a fetch; `integrations`: each integration made; `pushed`:
    commits that reached the server; `pending`: saves not yet there afterwards;
    `error`: why the server was not reached or did not take the push (then the saves
    wait in the queue)."""

    ran: bool = False
    busy: bool = False
    remote: str | None = None
    fetched: bool = False
    integrations: list[Integration] = field(default_factory=list)
    pushed: int = 0
    pending: int = 0
    error: SyncError | None = None
    tags_pushed: list[str] = field(default_factory=list)  # justerat/<id> the server took
    tags_fetched: list[str] = field(default_factory=list)  # justerat/<id> made here
    tag_clashes: list[str] = field(default_factory=list)  # same name, other tag: left alone

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def conflicts(self) -> list[Any]:
        return [c for i in self.integrations for c in i.conflicts]

    def lines(self, lang: str | None = None) -> list[str]:
        """What happened, as sentences for people (`brotui sync` prints them)."""
        out: list[str] = []
        if self.busy:
            out.append(say("report_busy", lang))
        for item in self.integrations:
            if item.kind == "fast-forward":
                out.append(say("report_fast_forward", lang, count=item.commits))
            elif item.kind == "merge":
                out.append(say("report_merge", lang, count=item.commits,
                               merged=len(item.merged)))
            out += [say("report_conflict", lang, path=c.path,
                        people=", ".join(n for n, _ in c.people) or "?")
                    for c in item.conflicts]
            out += [note.text(lang) for note in item.notes]
        if self.pushed:
            out.append(say("report_pushed", lang, count=self.pushed, remote=self.remote))
        if self.tags_pushed:
            out.append(say("report_tags_pushed", lang, count=len(self.tags_pushed),
                           tags=", ".join(self.tags_pushed), remote=self.remote))
        if self.tags_fetched:
            out.append(say("report_tags_fetched", lang, count=len(self.tags_fetched),
                           tags=", ".join(self.tags_fetched)))
        out += [say("report_tag_clash", lang, tag=name, remote=self.remote)
                for name in self.tag_clashes]
        if self.error is not None:
            out.append(self.error.message)
            out += [say("report_server_said", lang, line=line)
                    for line in self.error.server_lines]
        if self.ran and self.pending:
            out.append(say("report_pending", lang, count=self.pending))
        elif self.ran and self.error is None and not self.pushed and not any(
                i.kind != "none" for i in self.integrations):
            out.append(say("report_up_to_date", lang))
        return out


def _setup(archive: Archive) -> tuple[SyncSettings, Remote | None]:
    settings = sync_settings(archive)
    return settings, net.remote_of(archive.git, settings)


def pending_count(archive: Archive, remote: Remote) -> int:
    """Saves on the branch that the central server does not have (as last seen)."""
    tip = archive.tip()
    if tip is None:
        return 0
    theirs = net.tracking_tip(archive.git, remote)
    args = ["rev-list", "--count", tip, *(["--not", theirs] if theirs else [])]
    return int(archive.git.text(*args).strip() or 0)


def _lock_wait(settings: SyncSettings) -> float:
    return settings.timeout * 3 + 10


def _fetch_locked(archive: Archive, remote: Remote, settings: SyncSettings,
                  report: SyncReport) -> bool:
    try:
        net.fetch(archive.git, remote, settings.timeout, also=(tags.fetch_refspec(remote),))
    except RemoteFailed as failed:
        report.error = failed.error
        net.write_contact(archive.git_dir, failed.error)
        return False
    report.fetched = True
    net.write_contact(archive.git_dir, None)
    adopted = tags.adopt(archive.git, remote)
    report.tags_fetched += adopted.made
    report.tag_clashes = adopted.clashes
    return True


def _integrate(archive: Archive, remote: Remote, author: Identity | None,
               report: SyncReport) -> bool:
    try:
        item = integrate_locked(archive, remote, author)
    except RemoteFailed as failed:
        report.error = failed.error
        net.write_contact(archive.git_dir, failed.error)
        return False
    except (BrotuiError, GitError) as exc:
        report.error = SyncError("failed", getattr(exc, "message", None) or str(exc))
        return False
    report.integrations.append(item)
    return True


def _push_locked(archive: Archive, remote: Remote, settings: SyncSettings,
                 author: Identity | None, report: SyncReport) -> None:
    """Push the branch, then the justering tags the server lacks."""
    _push_branch_locked(archive, remote, settings, author, report)
    if report.error is None:
        _push_tags_locked(archive, remote, settings, report)


def _push_tags_locked(archive: Archive, remote: Remote, settings: SyncSettings,
                      report: SyncReport) -> None:
    """Push each local `justerat/*` tag the server lacks (as last seen), in a push of
    their own after the branch's (a refused tag never holds back a save); a tag the
    server holds with another object is a clash, never pushed."""
    names, clashes = tags.unpushed(archive.git, remote)
    report.tag_clashes = sorted({*report.tag_clashes, *(f"justerat/{n}" for n in clashes)})
    if not names:
        return
    try:
        answer = tags.push(archive.git, remote, names, settings.timeout)
    except RemoteFailed as failed:
        report.error = failed.error
        net.write_contact(archive.git_dir, failed.error)
        return
    net.write_contact(archive.git_dir, None)
    report.tags_pushed += [f"justerat/{n}" for n in answer.taken]
    if answer.refused:
        refused = ", ".join(f"justerat/{n} ({why})" for n, why in answer.refused)
        report.error = SyncError("refused", say("sync_tags_refused", remote=remote.shown,
                                                tags=refused),
                                 server_lines=answer.server_lines)
        net.write_contact(archive.git_dir, report.error)


def _push_branch_locked(archive: Archive, remote: Remote, settings: SyncSettings,
                        author: Identity | None, report: SyncReport) -> None:
    """Push the branch until the server has it, integrating when it moved (bounded)."""
    refused = 0
    for _round in range(ROUNDS):
        tip = archive.tip()
        theirs = net.tracking_tip(archive.git, remote)
        if tip is None or tip == theirs or (theirs and is_ancestor(archive, tip, theirs)):
            return
        if theirs is not None and not is_ancestor(archive, theirs, tip):
            if not _integrate(archive, remote, author, report):
                return
            continue
        count = pending_count(archive, remote)
        try:
            answer = net.push(archive.git, remote, tip, settings.timeout)
        except RemoteFailed as failed:
            report.error = failed.error
            net.write_contact(archive.git_dir, failed.error)
            return
        net.write_contact(archive.git_dir, None)
        if answer.status == "ok":
            archive.git.run("update-ref", "-m", "brotui sync: pushed", remote.tracking, tip)
            report.pushed += count
            continue  # saves made meanwhile go in the next round
        refused += 1
        if refused > PUSH_ATTEMPTS:
            report.error = SyncError("rejected", say("sync_rejected", remote=remote.shown,
                                                     count=PUSH_ATTEMPTS))
            net.write_contact(archive.git_dir, report.error)
            return
        if not _fetch_locked(archive, remote, settings, report) \
                or not _integrate(archive, remote, author, report):
            return


def _run(archive: Archive, author: Identity | None, *, fetch: bool, push: bool,
         wait: bool, only_on_save: bool = False) -> SyncReport:
    settings, remote = _setup(archive)
    report = SyncReport(remote=remote.shown if remote else None)
    if remote is None or (only_on_save and not settings.on_save):
        return report
    if not archive.on_branch:
        report.ran = True
        report.error = SyncError("failed", say("sync_detached"))
        return report
    for _round in range(ROUNDS):
        with net.sync_lock(archive.git_dir, _lock_wait(settings) if wait else None) as got:
            if not got:
                report.busy = not report.ran
                break
            report.ran = True
            if fetch and not report.fetched:
                if _fetch_locked(archive, remote, settings, report):
                    _integrate(archive, remote, author, report)
                if report.error is not None:
                    push = push and report.error.kind not in (
                        "unreachable", "auth", "rewritten", "diverged")
            if push and report.error is None:
                _push_locked(archive, remote, settings, author, report)
        # A save that came in while the lock was held found it taken and left its push to
        # us: look again now that it is free, while the server answers.
        if not push or report.error is not None or pending_count(archive, remote) == 0:
            break
    report.pending = pending_count(archive, remote)
    return report


def after_save(archive: Archive, author: Identity | None = None) -> SyncReport:
    """Push after a save, if the archive says `sync: on-save`; what the save path calls
    once its commit is on the branch and the save lock is released. It never raises and
    never makes the save fail: a server that cannot be reached leaves the save queued
    (the report's `error`, and `status`, say so). If another sync is under way, it returns
    at once (`busy`) and that one pushes this save as well."""
    try:
        return _run(archive, author, fetch=False, push=True, wait=False, only_on_save=True)
    except Exception as exc:  # a save is never failed by its push: the queue keeps it
        return SyncReport(ran=True, error=SyncError("failed", str(exc)))


def push(archive: Archive, author: Identity | None = None, wait: bool = True) -> SyncReport:
    """Push the queued saves now (integrating first where the server moved)."""
    return _run(archive, author, fetch=False, push=True, wait=wait)


def fetch(archive: Archive, author: Identity | None = None, wait: bool = True) -> SyncReport:
    """Fetch the central server's branch and integrate it: what to do before a protocol is
    opened for editing, and on the interval. Nothing is pushed."""
    return _run(archive, author, fetch=True, push=False, wait=wait)


def sync(archive: Archive, author: Identity | None = None, wait: bool = True) -> SyncReport:
    """`brotui sync`: fetch, integrate, push the queue; the report says what it did."""
    return _run(archive, author, fetch=True, push=True, wait=wait)


def integrate(archive: Archive, author: Identity | None = None,
              wait: bool = True) -> SyncReport:
    """Integrate what the last fetch brought, without asking the server anything."""
    settings, remote = _setup(archive)
    report = SyncReport(remote=remote.shown if remote else None)
    if remote is None:
        return report
    with net.sync_lock(archive.git_dir, _lock_wait(settings) if wait else None) as got:
        if not got:
            report.busy = True
            return report
        report.ran = True
        _integrate(archive, remote, author, report)
    report.pending = pending_count(archive, remote)
    return report
