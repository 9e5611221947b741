"""Two district servers, one central server over HTTP, eight writers, two outages.

The central repository is served by `git http-backend` behind a real lighttpd with a
password (each district server logs in as its own account, which reaches the hook as
REMOTE_USER), and runs brotui's check on every push. The judge is git: afterwards every
repository holds the same branch tip, every save is in it exactly once or was recorded
as a conflict for the person who made it, `git fsck --strict` finds nothing, and the
central reflog holds only fast-forwards.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from brotui.core import codec, ops, sync
from brotui.core.archive import Archive
from brotui.core.errors import MergeConflict
from brotui.core.identity import Identity
from tests.central import HttpCentral, clone, commit_files, make_central, reflog_updates
from tests.conftest import SEED_ID, git
from tests.test_sync import dump, seed_protocol

USERS = {"district-a": "pw-a-7Hq", "district-b": "pw-b-3Kz", "admin": "pw-admin-9Xx",
         "mallory": "pw-m-1Aa"}
WRITERS = 4
SAVES = 25
SHARED = [SEED_ID, "hagersten-liljeholmen/2020-05-14"]
SEPARATE = {"a": "alvsjo/2020-03-05", "b": "skarholmen/2020-03-12"}
HOT = SEED_ID  # its location is written on both servers: conflicts between them


def writer(server: str, w: int) -> Identity:
    return Identity(f"Skrivare {server.upper()}{w}", f"writer-{server}{w}@example.org")


def access_file() -> bytes:
    editors = ", ".join(writer(s, w).email for s in "ab" for w in range(WRITERS))
    return (f'servers: [district-a, district-b]\ncouncils:\n  "*":\n'
            f'    administrators: [admin@example.org]\n    editors: [{editors}]\n'
            f'    readers: [reader@example.org]\n').encode()


@pytest.fixture
def central(tmp_path: Path) -> Iterator[HttpCentral]:
    home = tmp_path / "http"
    home.mkdir()
    server = HttpCentral(home, make_central(home / "central.git"), USERS)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def districts(tmp_path: Path, central: HttpCentral, seed_bytes: bytes) -> dict[str, Path]:
    admin = clone(central.url("admin"), tmp_path / "admin")
    files = {".brotui.yaml": b"remote: origin\nsync: on-save\nlanguage: en\n",
             ".brotui/access.yaml": access_file()}
    for protocol_id in [*SHARED, *SEPARATE.values()]:
        council, date = protocol_id.split("/")
        files[f"protocols/{protocol_id}.yaml"] = dump(seed_protocol(seed_bytes, council, date))
    commit_files(admin, files, "The archive", ("Admin Adminsson", "admin@example.org"))
    done = subprocess.run(["git", "-C", str(admin), "push", "origin", "HEAD:main"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {s: clone(central.url(f"district-{s}"), tmp_path / s) for s in "ab"}


@dataclass
class Save:
    server: str
    author: Identity
    protocol: str
    attendee: int
    value: str
    commit: str


def fsck(repo: Path) -> None:
    done = subprocess.run(["git", "-C", str(repo), "fsck", "--strict", "--no-dangling",
                           "--no-progress"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def is_ancestor(repo: Path, old: str, new: str) -> bool:
    return subprocess.run(["git", "-C", str(repo), "merge-base", "--is-ancestor", old, new]
                          ).returncode == 0


def test_two_district_servers_never_lose_a_save(
        central: HttpCentral, districts: dict[str, Path]) -> None:
    saves: list[Save] = []
    reported: list[tuple[Identity, str]] = []  # MergeConflict told to the person at once
    outages: list[str] = []
    lock = threading.Lock()
    done_count = [0]
    errors: list[BaseException] = []

    def run(server: str, w: int) -> None:
        author = writer(server, w)
        archive = Archive(districts[server])
        try:
            for i in range(SAVES):
                if i % 3 == 2:
                    protocol_id, attendee = SEPARATE[server], w
                else:
                    protocol_id = SHARED[i % 2]
                    attendee = (0 if server == "a" else WRITERS) + w
                if i % 4 == 0:
                    sync.fetch(archive, author, wait=False)  # before editing
                value = f"{server}{w}-{i}"
                base = archive.tip()
                protocol = archive.load(protocol_id, base)
                protocol.attendees[attendee].role = value
                if protocol_id == HOT and w == 0 and i % 5 == 0:
                    protocol.location = f"Plats {value}"
                try:
                    result = ops.save(archive, protocol_id, protocol, author, base=base)
                except MergeConflict:
                    with lock:
                        reported.append((author, protocol_id))
                    continue
                assert result.commit is not None
                with lock:
                    saves.append(Save(server, author, protocol_id, attendee, value,
                                      result.commit))
                report = sync.after_save(archive, author)
                with lock:
                    done_count[0] += 1
                    if report.error is not None:
                        outages.append(report.error.kind)
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)

    def outages_control() -> None:
        plan = [(40, central.stop), (70, central.start), (110, central.stop),
                (140, central.start)]
        for at, action in plan:
            while done_count[0] < at and any(t.is_alive() for t in threads):
                time.sleep(0.01)
            action()

    threads = [threading.Thread(target=run, args=(s, w)) for s in "ab" for w in range(WRITERS)]
    control = threading.Thread(target=outages_control)
    for t in threads:
        t.start()
    control.start()
    for t in threads:
        t.join(timeout=600)
    control.join(timeout=60)
    if not central.running:
        central.start()
    assert not errors, errors
    assert "unreachable" in outages  # the outages were real: saves were queued

    # Both servers catch up: a, b, then a again (to take b's merge).
    for server in "aba":
        report = sync.sync(Archive(districts[server]))
        assert report.ok, report.lines()
    repo = central.repo
    head = git(repo, "rev-parse", "refs/heads/main").strip()
    for server in "ab":
        path = districts[server]
        assert git(path, "rev-parse", "refs/heads/main").strip() == head
        assert sync.status(Archive(path)).pending == 0
        assert git(path, "status", "--porcelain") == ""  # the work tree kept in step

    # Every save is in the history exactly once.
    history = git(repo, "rev-list", "--no-merges", "--format=%H %ae", head).split("\n")
    authored = defaultdict(list)
    for line in history:
        if line and not line.startswith("commit "):
            oid, email = line.split()
            authored[email].append(oid)
    for s in "ab":
        for w in range(WRITERS):
            email = writer(s, w).email
            assert sorted(authored[email]) == sorted(x.commit for x in saves
                                                     if x.author.email == email)

    # Each writer's last save of each protocol holds, or was recorded as a conflict for them.
    records = {s: sync.conflicts(Archive(districts[s])) for s in "ab"}
    last: dict[tuple[str, str], Save] = {}
    for x in saves:
        last[(x.author.email, x.protocol)] = x
    tip_protocols = {pid: codec.load(git(repo, "show", f"{head}:protocols/{pid}.yaml").encode()
                                     ).protocol for pid in [*SHARED, *SEPARATE.values()]}
    held = 0
    for (_email, protocol_id), x in last.items():
        if tip_protocols[protocol_id].attendees[x.attendee].role == x.value:
            continue
        mine = [r for r in records[x.server] if r.protocol == protocol_id
                and x.commit in [c.oid for c in r.commits] and r.involves(x.author)]
        assert mine, f"{x} is neither in the tip nor recorded as a conflict"
        held += 1
    for conflicts in records.values():
        for r in conflicts:
            assert is_ancestor(repo, r.local, head) and r.local_blob
    print(f"saves {len(saves)}, told at once {len(reported)}, held in conflicts {held}, "
          f"records {sum(len(r) for r in records.values())}, outages {len(outages)}")

    for path in (repo, districts["a"], districts["b"]):
        fsck(path)
    updates = reflog_updates(repo)
    assert updates and all(set(old) == {"0"} or is_ancestor(repo, old, new)
                           for old, new in updates)


def test_the_hook_knows_the_pusher_over_http(
        tmp_path: Path, central: HttpCentral, districts: dict[str, Path]) -> None:
    """Mallory has a password but no place in the access file: the server refuses her push
    of an editor's commit; the district server's own account pushes it."""
    work = clone(central.url("mallory"), tmp_path / "m")
    archive = Archive(work)
    author = writer("a", 0)
    protocol = archive.load(SHARED[0])
    protocol.attendees[0].role = "Roll M"
    ops.save(archive, SHARED[0], protocol, author)
    report = sync.after_save(archive, author)
    assert report.error is not None and report.error.kind == "refused"
    text = "\n".join(report.lines())
    assert "rule access-pusher" in text and f"protocols/{SHARED[0]}.yaml" in text
    assert "mallory" in text and "pw-m" not in text
    status = sync.status(archive)
    assert status.pending == 1 and status.last_error.kind == "refused"
    # A wrong password: the archive is not let in, and says so.
    git(work, "remote", "set-url", "origin", central.url("district-a", "wrong"))
    report = sync.sync(archive)
    assert report.error is not None and report.error.kind == "auth"
    assert "wrong" not in "\n".join(report.lines())
    git(work, "remote", "set-url", "origin", central.url("district-a"))
    report = sync.sync(archive)
    assert report.ok and report.pending == 0, report.lines()


def test_a_justering_tag_travels_over_http_to_the_other_district(
        central: HttpCentral, districts: dict[str, Path]) -> None:
    """The chair signs on district a (an editor of the access file): the signature and
    the tag its approval makes reach the central server over HTTP, and district b's sync
    brings the tag, where `brotui verify` checks it."""
    from brotui.core.justering.sign import review, sign
    from brotui.core.justering.verify import verify

    tag = f"justerat/{SHARED[0]}"
    a = Archive(districts["a"])
    chair = a.load(SHARED[0]).chair
    assert chair
    signer = Identity(chair, writer("a", 1).email)
    review(a, SHARED[0], writer("a", 0))
    done = sign(a, SHARED[0], signer)
    assert done.approved and done.tag == tag
    report = sync.after_save(a, signer)
    assert report.ok and report.tags_pushed == [tag], report.lines()
    assert git(central.repo, "rev-parse", f"refs/tags/{tag}").strip() \
        == git(districts["a"], "rev-parse", f"refs/tags/{tag}").strip()
    b = Archive(districts["b"])
    got = sync.sync(b)
    assert got.ok and got.tags_fetched == [tag], got.lines()
    (verdict,) = verify(b, [SHARED[0]])
    assert verdict.ok and verdict.tag == tag, verdict.problems
