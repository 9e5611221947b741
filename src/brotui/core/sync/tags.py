"""The justering tags (`justerat/<id>`) on their way to and from the central server.

The last signature of a protocol makes an annotated tag on its approving commit
(brotui.core.justering.sign); sync carries it to the central server after the branch,
and brings the server's into the archive, so a `git tag -v` or `brotui verify` works in
every clone. Never forced, in either direction: a tag is made once and never moved.

- Fetch: the server's `refs/tags/justerat/*` are mirrored into a tracking namespace of
  this archive's (`tracking_prefix`, under refs/brotui/, outside refs/tags), in the same
  `git fetch` as the branch; each one this archive lacks is then made here (`adopt`,
  never over an existing tag). One this archive holds with another target is a clash,
  reported and left as it is on both sides.
- Push: each local `justerat/*` tag the tracking namespace lacks (made by a signature,
  or fetched from nowhere during an outage) goes in one push of its own after the
  branch's, so a tag the server refuses never holds back the saves (`unpushed`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from brotui.core.git import Git, GitError, GitTimeout
from brotui.core.sync import remote as net
from brotui.core.sync.messages import say
from brotui.core.sync.remote import Remote, RemoteFailed, SyncError
from brotui.core.text import visible

TAGS = "refs/tags/justerat/"
TRACKING = "refs/brotui/central-tags/"


def tracking_prefix(remote: Remote) -> str:
    """Where the central server's justering tags are mirrored here: one namespace per
    server (its spec's hash: a URL is no ref name), ending in `justerat/`."""
    key = hashlib.sha1(remote.spec.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"{TRACKING}{key}/justerat/"


def fetch_refspec(remote: Remote) -> str:
    """The refspec that mirrors the server's tags (forced into the mirror only: it says
    what the server has, and the server never moves one)."""
    return f"+{TAGS}*:{tracking_prefix(remote)}*"


def _refs(git: Git, prefix: str) -> dict[str, str]:
    """name after `prefix` -> the object the ref names (the tag object, not the commit)."""
    out = git.try_text("for-each-ref", "--format=%(objectname) %(refname)", prefix) or ""
    found = {}
    for line in out.splitlines():
        oid, _, ref = line.partition(" ")
        if ref.startswith(prefix):
            found[ref[len(prefix):]] = oid
    return found


@dataclass
class Adopted:
    """What a fetch brought: tags made here (names `justerat/<id>`), and clashes (a tag
    this archive holds with another object than the server's)."""

    made: list[str] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)


def adopt(git: Git, remote: Remote) -> Adopted:
    """Make here each justering tag the server has and this archive lacks (never over a
    tag that exists: `update-ref` with the zero old value)."""
    theirs = _refs(git, tracking_prefix(remote))
    ours = _refs(git, TAGS)
    done = Adopted()
    missing = {name: oid for name, oid in sorted(theirs.items()) if name not in ours}
    done.clashes = [f"justerat/{n}" for n, oid in sorted(theirs.items())
                    if n in ours and ours[n] != oid]
    if missing:
        commands = "".join(f"create {TAGS}{name} {oid}\n" for name, oid in missing.items())
        try:
            git.run("update-ref", "--stdin", input=commands.encode())
            done.made = [f"justerat/{n}" for n in missing]
        except GitError:  # one was made meanwhile (a signature here): one by one
            for name, oid in missing.items():
                if git.try_text("update-ref", f"{TAGS}{name}", oid, "") is not None:
                    done.made.append(f"justerat/{name}")
    return done


def unpushed(git: Git, remote: Remote) -> tuple[list[str], list[str]]:
    """(names after `justerat/` this archive has and the server lacks, as last seen;
    names the server has with another object: clashes, never pushed)."""
    theirs = _refs(git, tracking_prefix(remote))
    ours = _refs(git, TAGS)
    return ([n for n in sorted(ours) if n not in theirs],
            [n for n in sorted(ours) if n in theirs and theirs[n] != ours[n]])


@dataclass
class TagPush:
    """How the server answered a push of tags: those it took, and each refusal's name
    with git's summary (the hook's sentences are in `server_lines`)."""

    taken: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    server_lines: list[str] = field(default_factory=list)


def push(git: Git, remote: Remote, names: list[str], timeout: float) -> TagPush:
    """Push the tags `justerat/<name>` (never forced); the mirror records those taken.
    RemoteFailed if the server cannot be reached."""
    refs = [f"{TAGS}{n}:{TAGS}{n}" for n in names]
    args = [*net.stall_options(timeout), "push", "--porcelain", "--no-signed", "--",
            remote.spec, *refs]
    try:
        done = git.call(*args, env=net.environment(git, timeout), timeout=timeout)
    except GitTimeout:
        raise RemoteFailed(SyncError("unreachable", say(
            "sync_timeout", remote=remote.shown, seconds=f"{timeout:g}"))) from None
    out = done.stdout.decode("utf-8", "replace")
    stderr = done.stderr.decode("utf-8", "replace")
    answer = TagPush(server_lines=net.server_lines(stderr))
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or ":" not in parts[1]:
            continue
        ref = parts[1].split(":", 1)[1]
        if not ref.startswith(TAGS):
            continue
        name = ref[len(TAGS):]
        if parts[0] in (" ", "*", "="):
            answer.taken.append(name)
        elif parts[0] == "!":
            answer.refused.append((name, visible(parts[2])))
    if not answer.taken and not answer.refused:
        raise RemoteFailed(net.classify(remote, stderr, done.returncode))
    prefix = tracking_prefix(remote)
    if answer.taken:
        ours = _refs(git, TAGS)
        commands = "".join(f"update {prefix}{n} {ours[n]}\n" for n in answer.taken if n in ours)
        git.run("update-ref", "--stdin", input=commands.encode())
    return answer


def tag_problem(git: Git, ref: str, new: str, target: str) -> str | None:
    """The central server's rule for a new `justerat/<id>` tag (brotui.core.hook), None if
    it may be made: an annotated tag, on a commit where those minutes are approved."""
    from brotui.core import codec
    from brotui.core.model import id_to_path, parse_id

    tag, protocol_id = visible(ref), ref.removeprefix(TAGS)
    if git.try_text("cat-file", "-t", new) != "tag":
        return say("refusal_tag_plain", tag=tag)
    found = git.cat([f"{target}:{id_to_path(protocol_id)}"])[0] \
        if parse_id(protocol_id) else None
    protocol = codec.load(found[2]).protocol \
        if found is not None and found[1] == "blob" else None
    if protocol is None or protocol.status != "approved":
        return say("refusal_tag_not_approved", tag=tag, id=visible(protocol_id))
    return None
