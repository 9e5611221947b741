"""Time sync with a central server (brotui.core.sync) and its check (brotui.core.hook).

Usage: python benchmarks/sync.py [--runs 15] [--commits 100] [--http]

1. A save's extra time with `sync: on-save`: `Archive.save` then `sync.after_save`,
   against `git push` of the same kind of commit to the same central repository (a
   bare repository over a file path whose pre-receive hook runs brotui's check, so both
   pay the check; with --http also behind lighttpd + git http-backend).
2. Fetch and integrate 100 commits from the central server (20 protocols, 5 each): as a
   fast-forward, against `git fetch` + `git merge --ff-only`; and as a merge commit when
   the archive has saves of its own (one on a protocol the server also changed, merged
   field by field).
3. The check's time per commit: `python -m brotui.core.hook pre-receive` on a push of 1
   and of 100 commits (the difference / 99 is the cost of one commit; the rest is
   Python's start), and `hook.pre_receive` in this process.
Prints a Markdown report; times in ms, median (min–max).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brotui.core import (  # noqa: E402
    codec,
    hook,
    ops,
    sync,
)
from brotui.core.archive import Archive  # noqa: E402
from brotui.core.identity import Identity  # noqa: E402

SEED = ROOT / "protocols" / "hagersten-liljeholmen" / "2020-02-20.yaml"
ALICE = Identity("Alice Andersson", "alice@example.org")
BOB = Identity("Bob Berg", "bob@example.org")
PROTOCOLS = 20


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}).stdout


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.0f}" if value >= 100 else f"{value:.2g}" if value < 10 else f"{value:.0f}"


def summary(times: list[float]) -> str:
    return f"{ms(statistics.median(times))} ({ms(min(times))}–{ms(max(times))})"


def protocol_ids() -> list[str]:
    start = dt.date(2020, 1, 2)
    return [f"hagersten-liljeholmen/{start + dt.timedelta(days=7 * i)}" for i in range(PROTOCOLS)]


def make_central(base: Path) -> Path:
    """A central repository with the check, holding 20 protocols and the sync settings."""
    central = base / "central.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(central)], check=True)
    git(central, "config", "http.receivepack", "true")
    hook.install(central)
    admin = base / "admin"
    subprocess.run(["git", "clone", "-q", str(central), str(admin)], check=True,
                   capture_output=True)
    (admin / ".brotui.yaml").write_text("remote: origin\nsync: on-save\nlanguage: en\n")
    seed = codec.load(SEED.read_bytes()).protocol
    for protocol_id in protocol_ids():
        seed.date = dt.date.fromisoformat(protocol_id.split("/")[1])
        target = admin / "protocols" / f"{protocol_id}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(codec.dump(seed))
    git(admin, "add", ".")
    git(admin, "-c", "user.name=Admin", "-c", "user.email=admin@example.org", "commit", "-qm",
        "The archive")
    git(admin, "push", "-q", "origin", "HEAD:main")
    return central


def clone(url: str, path: Path) -> Archive:
    subprocess.run(["git", "clone", "-q", url, str(path)], check=True, capture_output=True)
    git(path, "config", "user.name", f"Server {path.name}")
    git(path, "config", "user.email", f"{path.name}@example.org")
    return Archive(path)


def edit(archive: Archive, protocol_id: str, author: Identity, attendee: int,
         value: str) -> str:
    tip = archive.tip()
    p = archive.load(protocol_id, tip)
    p.attendees[attendee].role = value
    result = ops.save(archive, protocol_id, p, author, base=tip)
    assert result.commit
    return result.commit


def bench_save(url: str, base: Path, runs: int, tag: str) -> dict[str, list[float]]:
    archive = clone(url, base / "saver")
    ids = protocol_ids()
    times: dict[str, list[float]] = {"save": [], "save + after_save": [], "after_save": [],
                                     "git push": []}
    for run in range(runs + 1):
        began = time.perf_counter()
        edit(archive, ids[run % PROTOCOLS], ALICE, 0, f"Roll {tag}{run}")
        saved = time.perf_counter()
        report = sync.after_save(archive, ALICE)
        done = time.perf_counter()
        assert report.ok and report.pending == 0, report.lines()
        # The same kind of commit pushed by git itself.
        edit(archive, ids[run % PROTOCOLS], ALICE, 1, f"Roll {tag}{run}")
        pushed = time.perf_counter()
        git(archive.work_tree, "push", "-q", "origin", "main")
        git_done = time.perf_counter()
        if run == 0:
            continue  # warm-up
        times["save"].append(saved - began)
        times["after_save"].append(done - saved)
        times["save + after_save"].append(done - began)
        times["git push"].append(git_done - pushed)
    return times


def remote_commits(url: str, base: Path, count: int) -> None:
    """`count` commits on the central server, 5 per protocol, by another district."""
    other = clone(url, base / "other")
    ids = protocol_ids()
    for i in range(count):
        edit(other, ids[i % PROTOCOLS], BOB, 2, f"Roll B{i}")
    git(other.work_tree, "push", "-q", "origin", "main")


def bench_integrate(url: str, base: Path, runs: int, count: int,
                    behind: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"fast-forward": [], "git fetch + merge --ff-only": [],
                                     "merge": []}
    ids = protocol_ids()
    for run in range(runs):
        for kind in times:
            path = base / f"{kind[:3]}-{run}"
            subprocess.run(["git", "clone", "-q", str(behind), str(path)], check=True)
            git(path, "remote", "set-url", "origin", url)
            git(path, "config", "user.name", "Server")
            git(path, "config", "user.email", "server@example.org")
            archive = Archive(path)
            if kind == "merge":
                edit(archive, ids[0], ALICE, 3, "Roll A")  # also changed on the server
                edit(archive, ids[1], ALICE, 0, "Roll A")
            began = time.perf_counter()
            if kind.startswith("git"):
                git(path, "fetch", "-q", "origin")
                git(path, "merge", "-q", "--ff-only", "origin/main")
            else:
                report = sync.fetch(archive, ALICE)
                assert report.ok and report.integrations[0].kind == kind, report.lines()
            times[kind].append(time.perf_counter() - began)
            shutil.rmtree(path)
    return times


def bench_hook(base: Path, central: Path, runs: int, count: int) -> dict[str, list[float]]:
    """The check on a push of 1 and of `count` commits, objects in place, refs not moved."""
    work = clone(str(central), base / "hookwork")
    old = work.tip()
    assert old
    ids = protocol_ids()
    tips = []
    for i in range(count):
        tips.append(edit(work, ids[i % PROTOCOLS], ALICE, 4, f"Roll H{i}"))
    copy = base / "hook-central.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(central), str(copy)], check=True)
    git(copy, "fetch", "-q", str(work.work_tree), "main:refs/incoming")
    git(copy, "update-ref", "-d", "refs/incoming")  # in the repository, on no ref: as in a push
    times: dict[str, list[float]] = {"process, 1 commit": [], f"process, {count} commits": [],
                                     "in process, 1 commit": [],
                                     f"in process, {count} commits": []}
    command = [sys.executable, "-m", "brotui.core.hook", "pre-receive"]
    for run in range(runs + 1):
        for n, new in ((1, tips[0]), (count, tips[-1])):
            line = f"{old} {new} refs/heads/main\n"
            began = time.perf_counter()
            done = subprocess.run(command, input=line.encode(), capture_output=True,
                                  env={**os.environ, "GIT_DIR": str(copy)})
            took = time.perf_counter() - began
            assert done.returncode == 0, done.stderr
            began = time.perf_counter()
            assert hook.pre_receive(copy, [line], {}) == []
            inside = time.perf_counter() - began
            if run:
                times[f"process, {n} commit{'s' if n > 1 else ''}"].append(took)
                times[f"in process, {n} commit{'s' if n > 1 else ''}"].append(inside)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--commits", type=int, default=100)
    parser.add_argument("--http", action="store_true", help="also behind lighttpd")
    args = parser.parse_args()
    os.environ.setdefault("GIT_CONFIG_NOSYSTEM", "1")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ["GIT_CONFIG_GLOBAL"] = str(base / "gitconfig")
        central = make_central(base)
        rows = []
        saves = bench_save(str(central), base, args.runs, "f")
        rows.append(("file path", saves))
        server = None
        if args.http:
            from tests.central import HttpCentral

            home = base / "http"
            home.mkdir()
            served = home / "central.git"
            shutil.copytree(central, served)
            server = HttpCentral(home, served, {"district": "pw"})
            server.start()
            try:
                rows.append(("HTTP (lighttpd)", bench_save(server.url("district"),
                                                           base / "h", args.runs, "h")))
            finally:
                server.stop()
        behind = base / "behind"
        subprocess.run(["git", "clone", "-q", "--bare", str(central), str(behind)], check=True)
        remote_commits(str(central), base, args.commits)
        integrate = bench_integrate(str(central), base, max(3, args.runs // 3), args.commits,
                                    behind)
        checks = bench_hook(base, central, args.runs, args.commits)

    print(f"# Sync ({platform.python_version()}, git "
          f"{git(ROOT, 'version').split()[-1]}, {os.cpu_count()} cores)\n")
    print("| central server | save | after_save (push) | save + after_save | git push |")
    print("|---|---|---|---|---|")
    for name, t in rows:
        print(f"| {name} | {summary(t['save'])} | {summary(t['after_save'])} | "
              f"{summary(t['save + after_save'])} | {summary(t['git push'])} |")
    print(f"\n| {args.commits} commits from the central server | time | / git fetch + "
          "merge --ff-only |")
    print("|---|---|---|")
    floor = statistics.median(integrate["git fetch + merge --ff-only"])
    for name, t in integrate.items():
        print(f"| {name} | {summary(t)} | {statistics.median(t) / floor:.2f}x |")
    print("\n| the check (pre-receive) | time |")
    print("|---|---|")
    for name, t in checks.items():
        print(f"| {name} | {summary(t)} |")
    one = statistics.median(checks["in process, 1 commit"])
    many = statistics.median(checks[f"in process, {args.commits} commits"])
    print(f"| per commit (in process, ({args.commits} − 1) apart) | "
          f"{ms((many - one) / (args.commits - 1))} |")


if __name__ == "__main__":
    main()
