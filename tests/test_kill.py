"""A save cannot half-happen: `brotui put` killed with SIGKILL at random moments.

A hundred times, a real `brotui put` process (and its whole process group) is killed at
a random moment of its save; the moments are spread evenly over 1.2 times what one
uninterrupted save takes, measured first. The put reads its protocol from a FIFO, so
the clock starts when the save starts, not when Python does. After each kill:

- `git fsck --strict` finds nothing missing or broken (dangling objects are allowed);
- the branch points at the old commit or at one complete new commit on top of it;
- the work-tree file is byte for byte the old or the new content, never a mix, and the
  index holds the one or the other; while the branch has not moved, both are the old;
- no lock file and no temporary file is left behind, in .git or in the work tree;
- the next save succeeds and leaves branch, index and work tree in step.
"""

from __future__ import annotations

import collections
import errno
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from brotui.core import codec, ops
from brotui.core.archive import Archive
from tests.conftest import BOB, SEED_ID, git

KILLS = 100
PATH = f"protocols/{SEED_ID}.yaml"
AUTHOR = "Bo Berg <bo@example.org>"


def variant(seed: bytes, n: int) -> bytes:
    """The seed minutes with one role changed: a different, valid file for each n."""
    text = seed.decode("utf-8").replace("role: Kommunpolis\n", f"role: Kommunpolis {n}\n")
    return text.encode("utf-8")


def blob_of(repo: Path, data: bytes) -> str:
    return subprocess.run(["git", "-C", str(repo), "hash-object", "--stdin"], input=data,
                          capture_output=True, check=True).stdout.decode().strip()


class Put:
    """A `brotui put` that has started and waits for its protocol on a FIFO."""

    def __init__(self, repo: Path, fifo: Path) -> None:
        os.mkfifo(fifo)
        self.fifo = fifo
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "brotui.cli", "--repo", str(repo), "put", SEED_ID,
             "--file", str(fifo), "--author", AUTHOR],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            start_new_session=True)  # its own process group, killed as a whole

    def send(self, data: bytes) -> float:
        """Hand over the protocol once the put is reading; the moment its save starts."""
        deadline = time.monotonic() + 30
        while True:
            try:
                fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError as exc:  # ENXIO: nobody reads the FIFO yet
                assert exc.errno == errno.ENXIO, exc
                assert self.proc.poll() is None, self.proc.communicate()
                assert time.monotonic() < deadline, "brotui put never opened its input"
                time.sleep(0.002)
        os.set_blocking(fd, True)
        os.write(fd, data)
        os.close(fd)
        return time.monotonic()

    def kill(self) -> bool:
        """SIGKILL to the whole process group; whether the put was still running."""
        running = self.proc.poll() is None
        if running:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                running = False
        out, err = self.proc.communicate()
        assert running or self.proc.returncode == 0, (out, err)  # a put that ended saved
        return running


def wait_for_git(git_dir: Path) -> None:
    """Wait until no git command of the killed put runs any more: each runs in its own
    session (so the kill never stops one half-way) and finishes by itself."""
    needle = f"--git-dir={git_dir}".encode()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        busy = False
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as f:
                    if needle in f.read():
                        busy = True
                        break
            except OSError:
                continue
        if not busy:
            return
        time.sleep(0.005)
    raise AssertionError("a git command of the killed put is still running after 10 s")


def leftovers(repo: Path) -> list[str]:
    """Lock files anywhere in .git, files in the work tree that git does not know."""
    found = [str(p.relative_to(repo)) for p in (repo / ".git").rglob("*.lock")
             if p.name != "save.lock"]  # brotui's flock: the kernel frees it, a file stays
    found += [line for line in git(repo, "status", "--porcelain", "--ignored").splitlines()
              if not line.endswith(PATH)]
    return found


def temporary_files(repo: Path) -> list[str]:
    """brotui's temporary files (a save killed while writing leaves one; the next removes
    it: under .git, git never shows it)."""
    tmp = repo / ".git" / "brotui" / "tmp"
    return [p.name for p in tmp.iterdir()] if tmp.exists() else []


def test_a_save_killed_at_any_moment_leaves_the_archive_before_or_after(
        repo: Path, seed_bytes: bytes, tmp_path: Path) -> None:
    seed = int(os.environ.get("BROTUI_KILL_SEED", time.time_ns() % 10**9))
    rng = random.Random(seed)
    git_dir = repo / ".git"
    started = time.monotonic()

    # One uninterrupted save, timed from the moment it has its input to its exit.
    durations = []
    current = (repo / PATH).read_bytes()
    for n in range(3):
        put = Put(repo, tmp_path / f"measure-{n}")
        current = variant(seed_bytes, 1000 + n)
        start = put.send(current)
        assert put.proc.wait(30) == 0, put.proc.communicate()
        durations.append(time.monotonic() - start)
    save_time = statistics.median(durations)

    states: collections.Counter[str] = collections.Counter()
    put = Put(repo, tmp_path / "fifo-0")
    for i in range(KILLS):
        where = f"kill {i} (seed {seed})"
        old_commit = git(repo, "rev-parse", "main").strip()
        old, new = current, variant(seed_bytes, i)
        old_blob, new_blob = blob_of(repo, old), blob_of(repo, new)

        start = put.send(new)
        time.sleep(max(0.0, start + rng.uniform(0, 1.2 * save_time) - time.monotonic()))
        killed = put.kill()
        wait_for_git(git_dir)

        fsck = subprocess.run(["git", "-C", str(repo), "fsck", "--strict", "--no-dangling",
                               "--no-progress"], capture_output=True, text=True)
        assert fsck.returncode == 0 and "missing" not in fsck.stdout + fsck.stderr, \
            (where, fsck.stdout, fsck.stderr)
        tip = git(repo, "rev-parse", "main").strip()
        at_tip = git(repo, "rev-parse", f"main:{PATH}").strip()
        if tip == old_commit:
            moved = False
        else:
            moved = True
            assert git(repo, "rev-parse", "main^").strip() == old_commit, where
            assert at_tip == new_blob, where
            assert git(repo, "diff", "--name-only", old_commit, tip).split() == [PATH], where
        disk = (repo / PATH).read_bytes()
        assert disk in (old, new), (where, "the work-tree file is neither old nor new")
        staged = git(repo, "ls-files", "-s", "--", PATH).split()[1]
        assert staged in (old_blob, new_blob), where
        if not moved:
            assert at_tip == old_blob and disk == old and staged == old_blob, where
        assert leftovers(repo) == [], (where, leftovers(repo))
        states[f"{'killed' if killed else 'finished'}: branch "
               f"{'moved' if moved else 'kept'}, work tree "
               f"{'new' if disk == new else 'old'}, index "
               f"{'new' if staged == new_blob else 'old'}"] += 1

        put = Put(repo, tmp_path / f"fifo-{i + 1}")  # starts while we save the next version
        current = variant(seed_bytes, 10_000 + i)
        protocol = codec.load(current).protocol
        assert protocol is not None
        result = ops.save(Archive(repo), SEED_ID, protocol, BOB)
        assert result.changed, where
        assert git(repo, "rev-parse", f"main:{PATH}").strip() == blob_of(repo, current), where
        assert (repo / PATH).read_bytes() == current, where
        assert git(repo, "status", "--porcelain") == "", where
        assert temporary_files(repo) == [], where
    put.kill()

    elapsed = time.monotonic() - started
    report = "\n".join(f"{count:4d}  {state}" for state, count in sorted(states.items()))
    print(f"\n{KILLS} kills in {elapsed:.1f} s (seed {seed}); one save took "
          f"{save_time * 1000:.0f} ms\n{report}")
    # The kills landed on both sides of the moment the branch moves.
    assert sum(n for s, n in states.items() if "killed: branch kept" in s) >= 10, report
    assert sum(n for s, n in states.items() if "branch moved" in s) >= 10, report
    git(repo, "fsck", "--strict")
