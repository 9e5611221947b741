"""Several people saving at once: real `brotui put` processes on one archive at the same time.

What a user notices: every save that was reported done is in the history exactly once,
nobody's change is overwritten without a word, nobody is told to retry because of a
lock, and the archive (history, work tree, index) is whole afterwards.
"""

from __future__ import annotations

import copy
import hashlib
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.model import Protocol
from tests.conftest import ALICE, SEED_ID, git

WORKERS = 8
SAVES = 25
SEED_PATH = f"protocols/{SEED_ID}.yaml"


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def seed_protocol(seed_bytes: bytes) -> Protocol:
    parsed = codec.load(seed_bytes)
    assert parsed.protocol is not None
    return parsed.protocol


def with_role(protocol: Protocol, index: int, role: str) -> bytes:
    """The protocol, canonically written, with attendee `index` given a new role."""
    changed = copy.deepcopy(protocol)
    changed.attendees[index].role = role
    return codec.dump(changed).encode("utf-8")


def blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def put_command(repo: Path, protocol_id: str, author: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "brotui.cli", "--repo", str(repo), "put", protocol_id,
            "--author", author, *extra]


def put(repo: Path, protocol_id: str, author: str, data: bytes, *extra: str) -> Outcome:
    proc = subprocess.run(put_command(repo, protocol_id, author, *extra), input=data,
                          capture_output=True, env=dict(os.environ))
    return Outcome(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                   proc.stderr.decode("utf-8", "replace"))


def blobs_in_history(repo: Path, path: str) -> list[str]:
    """The blob each commit touching `path` gave it, newest first."""
    out = git(repo, "log", "--format=", "--raw", "--no-abbrev", "--no-renames", "main",
              "--", path)
    return [line.split()[3] for line in out.splitlines() if line.startswith(":")]


def test_eight_people_saving_their_own_protocols_at_once(repo: Path, seed_bytes: bytes) -> None:
    """8 processes x 25 saves, each on its own protocol, all at once: all 200 land, once each,
    in order, without a lock message, and the archive is whole afterwards."""
    seed = seed_protocol(seed_bytes)
    archive = Archive(repo)
    ids = [f"rad-{k}/2020-02-20" for k in range(WORKERS)]
    versions: dict[str, list[bytes]] = {}
    for k, protocol_id in enumerate(ids):
        ops.save(archive, protocol_id, seed, ALICE)  # version 0: the protocol is there
        versions[protocol_id] = [seed_bytes] + [with_role(seed, k, f"Roll {k}.{v}")
                                                for v in range(1, SAVES + 1)]
    start_commits = int(git(repo, "rev-list", "--count", "main").strip())
    barrier = threading.Barrier(WORKERS)

    def worker(k: int) -> list[Outcome]:
        protocol_id = ids[k]
        author = f"Person {k} <person{k}@example.org>"
        barrier.wait()
        return [put(repo, protocol_id, author, versions[protocol_id][v])
                for v in range(1, SAVES + 1)]

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(worker, range(WORKERS)))

    for k, outcomes in enumerate(results):
        for v, outcome in enumerate(outcomes, 1):
            assert outcome.code == 0, (k, v, outcome)
            assert "lock" not in outcome.err.lower(), outcome.err
            assert "busy" not in outcome.err.lower(), outcome.err
            assert "Saved" in outcome.out, outcome
    total = int(git(repo, "rev-list", "--count", "main").strip())
    assert total == start_commits + WORKERS * SAVES
    assert git(repo, "rev-list", "--min-parents=2", "main") == ""
    for k, protocol_id in enumerate(ids):
        path = f"protocols/{protocol_id}.yaml"
        commits = git(repo, "log", "--format=%H", "main", "--", path).split()
        assert len(commits) == SAVES + 1, (protocol_id, len(commits))
        authors = git(repo, "log", "--format=%an", "main", "--", path).splitlines()
        assert authors == [f"Person {k}"] * SAVES + [ALICE.name]
        expected = [blob_id(data) for data in reversed(versions[protocol_id])]
        assert blobs_in_history(repo, path) == expected, protocol_id
        final = versions[protocol_id][SAVES]
        stored = subprocess.run(["git", "-C", str(repo), "cat-file", "blob", f"main:{path}"],
                                check=True, capture_output=True).stdout
        assert stored == final
        assert (repo / path).read_bytes() == final
        for commit in commits[:SAVES]:
            touched = git(repo, "show", "--name-only", "--format=", commit).split()
            assert touched == [path]
    assert (repo / SEED_PATH).read_bytes() == seed_bytes
    git(repo, "fsck", "--strict")
    assert git(repo, "status", "--porcelain") == ""


def _race(repo: Path, base: str, seed: Protocol) -> tuple[list[Outcome], list[bytes]]:
    """8 processes started together, each changing a different attendee's role of the seed
    protocol from the same `base`."""
    contents = [with_role(seed, k, f"Ändrad av person {k}") for k in range(WORKERS)]
    procs = [subprocess.Popen(put_command(repo, SEED_ID, f"Person {k} <person{k}@example.org>",
                                          "--base", base),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
             for k in range(WORKERS)]
    outcomes = []
    for proc, data in zip(procs, contents, strict=True):
        out, err = proc.communicate(data, timeout=120)
        outcomes.append(Outcome(proc.returncode, out.decode("utf-8", "replace"),
                                err.decode("utf-8", "replace")))
    return outcomes, contents


def test_eight_people_saving_the_same_protocol_from_one_base(repo: Path,
                                                            seed_bytes: bytes) -> None:
    """8 people save the same protocol at once, all having opened the same version, each
    changing another attendee: every change lands, merged, one commit each."""
    seed = seed_protocol(seed_bytes)
    base = git(repo, "rev-parse", "main").strip()
    outcomes, _ = _race(repo, base, seed)

    for outcome in outcomes:
        assert outcome.code == 0, outcome
        assert "Traceback" not in outcome.err
    assert git(repo, "rev-list", "--count", f"{base}..main").strip() == str(WORKERS)
    assert sorted(git(repo, "log", f"{base}..main", "--format=%an").split("\n")[:-1]) == \
        sorted(f"Person {k}" for k in range(WORKERS))
    final = codec.load((repo / SEED_PATH).read_bytes()).protocol
    assert final is not None
    assert [a.role for a in final.attendees] == [f"Ändrad av person {k}" for k in range(WORKERS)]
    assert (repo / SEED_PATH).read_bytes() == git_bytes(repo, f"main:{SEED_PATH}")
    git(repo, "fsck", "--strict")
    assert git(repo, "status", "--porcelain") == ""


def test_eight_people_saving_from_a_stale_base(repo: Path, seed_bytes: bytes) -> None:
    """Someone changed attendee 7's role after the version all 8 opened: person 7, who
    changed that same role, is told of the conflict and writes nothing; the 7 others
    merge. The change made in between stays."""
    seed = seed_protocol(seed_bytes)
    base = git(repo, "rev-parse", "main").strip()
    between = with_role(seed, 7, "Rektor, ändrad emellan")
    first = put(repo, SEED_ID, "Bob Berg <bob@example.org>", between)
    assert first.code == 0, first

    outcomes, _ = _race(repo, base, seed)
    for k, outcome in enumerate(outcomes):
        assert "Traceback" not in outcome.err
        if k == 7:
            assert outcome.code == 3, outcome
            assert "Conflict" in outcome.err
            assert "Attendees: Micael Pettersson, role: as it was “Rektor Mälarhöjdens skola”, " \
                "theirs “Rektor, ändrad emellan”, yours “Ändrad av person 7”" in outcome.err
        else:
            assert outcome.code == 0, outcome
    final = codec.load((repo / SEED_PATH).read_bytes()).protocol
    assert final is not None
    assert [a.role for a in final.attendees] == [
        *(f"Ändrad av person {k}" for k in range(7)), "Rektor, ändrad emellan"]
    assert "Person 7" not in git(repo, "log", "--format=%an", "main")
    git(repo, "fsck", "--strict")
    assert git(repo, "status", "--porcelain") == ""


def git_bytes(repo: Path, spec: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "cat-file", "blob", spec], check=True,
                          capture_output=True).stdout


def test_eight_people_times_25_saves_with_base_on_one_protocol(repo: Path) -> None:
    """8 processes x 25 `brotui put --base`, each on the same protocol, each changing its own
    attendee's role, each from the version it read: every save lands (merged) or is a
    conflict that wrote nothing, and the final file holds each person's last role."""
    barrier = threading.Barrier(WORKERS)

    def worker(k: int) -> list[tuple[int, str, Outcome]]:
        author = f"Person {k} <person{k}@example.org>"
        barrier.wait()
        done = []
        for v in range(1, SAVES + 1):
            tip = git(repo, "rev-parse", "main").strip()
            current = codec.load(git_bytes(repo, f"{tip}:{SEED_PATH}")).protocol
            assert current is not None
            role = f"Roll {k}.{v}"
            outcome = put(repo, SEED_ID, author, with_role(current, k, role), "--base", tip)
            done.append((v, role, outcome))
        return done

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(worker, range(WORKERS)))

    final = codec.load(git_bytes(repo, f"main:{SEED_PATH}")).protocol
    assert final is not None
    history = git(repo, "log", "--format=%an%x00%B%x01", "main", "--", SEED_PATH)
    landed = 0
    for k, outcomes in enumerate(results):
        last_landed = None
        for _v, role, outcome in outcomes:
            assert "Traceback" not in outcome.err
            assert outcome.code in (0, 3), outcome
            if outcome.code == 0:
                landed += 1
                last_landed = role
                assert f"→ {role}" in history  # its commit names the change
            else:
                assert "Conflict" in outcome.err
        assert last_landed is not None
        assert final.attendees[k].role == last_landed, (k, final.attendees[k].role)
    commits = int(git(repo, "rev-list", "--count", "main").strip())
    assert commits == 1 + landed  # the seed, then one commit per save that was reported
    git(repo, "fsck", "--strict")
    assert git(repo, "status", "--porcelain") == ""
    assert (repo / SEED_PATH).read_bytes() == git_bytes(repo, f"main:{SEED_PATH}")
