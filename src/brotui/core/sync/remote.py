"""Talking to the central server: fetch and push with git, in bounded time.

Every command that reaches another machine runs through `Git.call` with a timeout (the
archive's `timeout` setting) after which git and everything it started is killed; no
prompt can stop it (GIT_TERMINAL_PROMPT=0, ssh in BatchMode with a connect timeout
unless the archive configures its own ssh command, no askpass); only git's known-safe
transports are allowed (a `.brotui.yaml` is shared through the server, and git's `ext::`
transport would run a command); a stalled HTTP transfer is given up too.

Where the remote's branch is kept here (`Remote.tracking`): for a git remote's name its
remote-tracking branch, `refs/remotes/<name>/<branch>`; for a URL or path,
`refs/brotui/central/<branch>` (outside refs/remotes, so no remote of that name can
clash with it). It moves only forward: a fetch that would move it back (the central
server's branch rewritten) is refused by git (no `+` in the refspec) and reported.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import random
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brotui.core.git import Git, GitError, GitTimeout
from brotui.core.sync.messages import say
from brotui.core.sync.settings import SyncSettings
from brotui.core.text import visible

URL_TRACKING = "refs/brotui/central/"
ALLOWED_PROTOCOLS = "file:git:http:https:ssh"
SSH_COMMAND = "ssh -o BatchMode=yes -o ConnectTimeout={timeout}"

# What git says (LC_ALL=C) when the other machine cannot be reached, or will not let us in.
_UNREACHABLE = (
    "Could not resolve host", "Failed to connect", "Connection refused", "Connection timed out",
    "Connection reset", "Could not read from remote repository", "unable to access",
    "does not appear to be a git repository", "Operation timed out", "Empty reply",
    "Recv failure", "No route to host", "Network is unreachable", "early EOF",
    "the remote end hung up", "Couldn't connect", "Send failure", "returned error: 50",
    "HTTP/2 stream", "transfer closed", "RPC failed",
)
_AUTH = ("Authentication failed", "returned error: 401", "returned error: 403",
         "Permission denied (publickey", "could not read Username", "could not read Password",
         "Host key verification failed")
_MOVED = ("fetch first", "non-fast-forward", "stale info", "already exists")


@dataclass(frozen=True)
class Remote:
    """The central server as this archive reaches it."""

    spec: str  # a remote's name or a URL/path, as git is given it
    branch: str
    named: bool  # a configured git remote (else a URL or path)

    @property
    def tracking(self) -> str:
        """The ref that holds the central server's branch as last seen here."""
        if self.named:
            return f"refs/remotes/{self.spec}/{self.branch}"
        return f"{URL_TRACKING}{self.branch}"

    @property
    def shown(self) -> str:
        """How the remote is named to people: a URL without its password."""
        return shown_url(self.spec)


def shown_url(spec: str) -> str:
    """A remote as people may read it: a URL's password left out, control characters
    written out."""
    with contextlib.suppress(ValueError):
        parts = urllib.parse.urlsplit(spec)
        if parts.password is not None:
            host = parts.hostname or ""
            if parts.port is not None:
                host = f"{host}:{parts.port}"
            user = f"{parts.username}@" if parts.username else ""
            spec = urllib.parse.urlunsplit(parts._replace(netloc=user + host))
    return visible(spec)


def remote_of(git: Git, settings: SyncSettings) -> Remote | None:
    """The archive's central server, None if the settings name none."""
    if settings.remote is None:
        return None
    named = git.try_text("config", "--get", f"remote.{settings.remote}.url") is not None \
        if _name_like(settings.remote) else False
    return Remote(settings.remote, settings.branch, named)


def _name_like(spec: str) -> bool:
    return all(c.isalnum() or c in "._-" for c in spec)


@dataclass
class SyncError:
    """Why the last fetch or push did not reach or satisfy the central server.

    kind: "unreachable" (no answer, refused connection, timeout: saves are queued),
    "auth" (the server would not let this archive in), "refused" (the server's check
    refused the push: `server_lines` says why, as the hook wrote it), "rejected" (the
    server kept moving while we integrated, past the bounded retries), "rewritten" (the
    server's branch no longer holds what this archive had fetched), "diverged" (the
    server's branch shares no history with this archive's), "failed" (anything else:
    git's reason in `message`)."""

    kind: str
    message: str
    time: float = field(default_factory=time.time)
    server_lines: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "time": self.time,
                "server_lines": self.server_lines}

    @classmethod
    def from_json(cls, data: Any) -> SyncError | None:
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            return None
        lines = data.get("server_lines")
        return cls(data["kind"], str(data.get("message", "")),
                   float(data.get("time") or 0),
                   [str(x) for x in lines] if isinstance(lines, list) else [])


class RemoteFailed(Exception):
    """A fetch or push did not happen; `error` says why."""

    def __init__(self, error: SyncError) -> None:
        super().__init__(error.message)
        self.error = error


def _environment(git: Git, timeout: float) -> dict[str, str]:
    env = {"GIT_ALLOW_PROTOCOL": ALLOWED_PROTOCOLS, "SSH_ASKPASS_REQUIRE": "never",
           "GIT_ASKPASS": "", "SSH_ASKPASS": ""}
    if "GIT_SSH_COMMAND" not in os.environ and "GIT_SSH" not in os.environ \
            and git.try_text("config", "--get", "core.sshCommand") is None:
        env["GIT_SSH_COMMAND"] = SSH_COMMAND.format(timeout=max(1, int(timeout)))
    return env


def _stall_options(timeout: float) -> list[str]:
    """An HTTP transfer slower than a byte a second for `timeout` seconds is given up."""
    return ["-c", "http.lowSpeedLimit=1", "-c", f"http.lowSpeedTime={max(1, int(timeout))}"]


def _classify(remote: Remote, stderr: str, code: int) -> SyncError:
    reason = GitError([], code, stderr).reason
    server = [visible(line[len("remote:"):].strip()) for line in stderr.splitlines()
              if line.startswith("remote:") and line[len("remote:"):].strip()]
    where = remote.shown
    if any(s in stderr for s in _AUTH):
        return SyncError("auth", say("sync_auth", remote=where, reason=reason), server_lines=server)
    if any(s in stderr for s in _UNREACHABLE):
        return SyncError("unreachable", say("sync_unreachable", remote=where, reason=reason),
                         server_lines=server)
    return SyncError("failed", say("sync_failed", remote=where, reason=reason),
                     server_lines=server)


@dataclass
class Fetched:
    """What a fetch found: the central server's branch before and after (None: it has none)."""

    old: str | None
    new: str | None

    @property
    def moved(self) -> bool:
        return self.old != self.new


def tracking_tip(git: Git, remote: Remote) -> str | None:
    return git.try_text("rev-parse", "-q", "--verify", f"{remote.tracking}^{{commit}}")


def fetch(git: Git, remote: Remote, timeout: float, also: tuple[str, ...] = ()) -> Fetched:
    """Bring the central server's branch into `remote.tracking` (and the refspecs `also`,
    in the same fetch: the justering tags' mirror, brotui.core.sync.tags); RemoteFailed if
    it cannot be."""
    old = tracking_tip(git, remote)
    args = [*_stall_options(timeout), "fetch", "--no-tags", "--no-recurse-submodules",
            "--refmap=", "--", remote.spec,
            f"refs/heads/{remote.branch}:{remote.tracking}", *also]
    try:
        done = git.call(*args, env=_environment(git, timeout), timeout=timeout)
    except GitTimeout:
        raise RemoteFailed(SyncError("unreachable", say(
            "sync_timeout", remote=remote.shown, seconds=f"{timeout:g}"))) from None
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        if "couldn't find remote ref" in stderr:
            return Fetched(old, None)  # the central server has no branch yet: the push makes it
        if "non-fast-forward" in stderr or "[rejected]" in stderr:
            raise RemoteFailed(SyncError("rewritten", say(
                "sync_rewritten", remote=remote.shown, branch=remote.branch,
                commit=(old or "?")[:10])))
        raise RemoteFailed(_classify(remote, stderr, done.returncode))
    return Fetched(old, tracking_tip(git, remote))


@dataclass
class Pushed:
    """How the central server answered a push: "ok" (the branch is now the commit),
    "moved" (it has commits we lack: integrate, then push again)."""

    status: str
    server_lines: list[str] = field(default_factory=list)


def push(git: Git, remote: Remote, commit: str, timeout: float) -> Pushed:
    """Push `commit` to the central server's branch, never forced; RemoteFailed if the
    server could not be reached or refused it (its check's sentences in the error)."""
    args = [*_stall_options(timeout), "push", "--porcelain", "--no-signed", "--", remote.spec,
            f"{commit}:refs/heads/{remote.branch}"]
    try:
        done = git.call(*args, env=_environment(git, timeout), timeout=timeout)
    except GitTimeout:
        raise RemoteFailed(SyncError("unreachable", say(
            "sync_timeout", remote=remote.shown, seconds=f"{timeout:g}"))) from None
    out = done.stdout.decode("utf-8", "replace")
    stderr = done.stderr.decode("utf-8", "replace")
    server = [visible(line[len("remote:"):].strip()) for line in stderr.splitlines()
              if line.startswith("remote:") and line[len("remote:"):].strip()]
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[1].endswith(f":refs/heads/{remote.branch}"):
            continue
        flag, summary = parts[0], parts[2]
        if flag in (" ", "*", "="):
            return Pushed("ok", server)
        if flag == "!" and "remote rejected" not in summary and any(s in summary for s in _MOVED):
            return Pushed("moved", server)
        if flag == "!":
            reason = summary.split("(", 1)[-1].rstrip(")") if "(" in summary else summary
            raise RemoteFailed(SyncError("refused", say(
                "sync_refused", remote=remote.shown, reason=visible(reason)),
                server_lines=server))
    raise RemoteFailed(_classify(remote, stderr, done.returncode))


# The pieces a push of the justering tags shares (brotui.core.sync.tags).
environment, stall_options, classify = _environment, _stall_options, _classify


def server_lines(stderr: str) -> list[str]:
    """What the server's hook said (git's `remote:` lines), safe to show."""
    return [visible(line[len("remote:"):].strip()) for line in stderr.splitlines()
            if line.startswith("remote:") and line[len("remote:"):].strip()]


# ---------------------------------------------------------------- state under the git dir


def sync_dir(git_dir: Path) -> Path:
    """Where sync keeps its lock, its last contact and its conflict records."""
    path = git_dir / "brotui" / "sync"
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def sync_lock(git_dir: Path, wait: float | None) -> Iterator[bool]:
    """One fetch, integration or push at a time per archive (others' saves go on). Yields
    whether it was taken: at once when `wait` is None, else within `wait` seconds. A
    person who may not write the git directory never gets it (and cannot push either)."""
    try:
        fd = os.open(sync_dir(git_dir) / "sync.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT):
            yield False
            return
        raise
    try:
        deadline = time.monotonic() + (wait or 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if wait is None or time.monotonic() > deadline:
                    yield False
                    return
                time.sleep(random.uniform(0.005, 0.05))
        yield True
    finally:
        os.close(fd)


def sync_lock_held(git_dir: Path) -> bool:
    """Whether a fetch, integration or push is under way in this archive right now (False
    where the lock cannot even be opened: then none runs from here)."""
    try:
        fd = os.open(git_dir / "brotui" / "sync" / "sync.lock", os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@dataclass
class Contact:
    """The last time the central server answered, and the last error since."""

    last_contact: float | None = None
    last_error: SyncError | None = None


def read_contact(git_dir: Path) -> Contact:
    try:
        data = json.loads((sync_dir(git_dir) / "state.json").read_text("utf-8"))
    except (OSError, ValueError):
        return Contact()
    if not isinstance(data, dict):
        return Contact()
    when = data.get("last_contact")
    return Contact(float(when) if isinstance(when, int | float) else None,
                   SyncError.from_json(data.get("last_error")))


def write_contact(git_dir: Path, error: SyncError | None) -> None:
    """Record an answer from the central server (error None) or why there was none. The
    time of the last answer is kept across errors."""
    contact = read_contact(git_dir)
    if error is None:
        contact = Contact(time.time(), None)
    else:
        contact.last_error = error
    path = sync_dir(git_dir) / "state.json"
    tmp = path.with_name(f"state.json.{os.getpid()}.{id(contact)}.tmp")
    data = {"last_contact": contact.last_contact,
            "last_error": contact.last_error.as_json() if contact.last_error else None}
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
