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

from brotui.core import codec
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
        archive.save(protocol_id, seed, ALICE)  # version 0: the protocol is there
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
    """8 people save the same protocol at once, all having opened the same version: one
    change lands, the other seven are told of a conflict, nothing is overwritten silently."""
    seed = seed_protocol(seed_bytes)
    base = git(repo, "rev-parse", "main").strip()
    outcomes, contents = _race(repo, base, seed)

    for outcome in outcomes:
        assert outcome.code in (0, 3), outcome
        if outcome.code == 3:
            assert "Conflict" in outcome.err, outcome
        assert "Traceback" not in outcome.err
    winners = [k for k, outcome in enumerate(outcomes) if outcome.code == 0]
    assert len(winners) == 1, outcomes  # the base was current: the first save lands
    (winner,) = winners
    assert git(repo, "rev-list", "--count", f"{base}..main").strip() == "1"
    assert git(repo, "log", "-1", "--format=%an", "main").strip() == f"Person {winner}"
    stored = subprocess.run(["git", "-C", str(repo), "cat-file", "blob", f"main:{SEED_PATH}"],
                            check=True, capture_output=True).stdout
    assert stored == contents[winner]
    assert (repo / SEED_PATH).read_bytes() == contents[winner]
    git(repo, "fsck", "--strict")
    assert git(repo, "status", "--porcelain") == ""


def test_eight_people_saving_from_a_stale_base(repo: Path, seed_bytes: bytes) -> None:
    """If the protocol changed after the version all 8 opened, every one of them is told of
    a conflict and the change made in between stays as it is."""
    seed = seed_protocol(seed_bytes)
    base = git(repo, "rev-parse", "main").strip()
    between = with_role(seed, 7, "Rektor, ändrad emellan")
    first = put(repo, SEED_ID, "Bob Berg <bob@example.org>", between)
    assert first.code == 0, first
    after = git(repo, "rev-parse", "main").strip()

    outcomes, _ = _race(repo, base, seed)
    for outcome in outcomes:
        assert outcome.code == 3, outcome
        assert "Conflict" in outcome.err
    assert git(repo, "rev-parse", "main").strip() == after
    assert (repo / SEED_PATH).read_bytes() == between
    git(repo, "fsck", "--strict")
    assert git(repo, "status", "--porcelain") == ""
