"""Time brotui's commands against the git commands that read or write the same data.

Usage: python benchmarks/run.py [--runs 7] [--keep DIR] [--bare] [--git-only] [--no-bytecode]
                                [--protocols 5000] [--commits 50000]

Builds (or, with --keep, reuses) two archives of --protocols protocols (5,000; a city's is
20,000, with --commits 200000): one with --commits commits and one with 10, then times
whole processes, a warm-up and then --runs runs of each, the runs of the commands being
compared interleaved in turn so drift affects them all. Prints a Markdown
report: min, median and max per command, ratios of medians, and the budgets
(docs/architecture.md, "Tests and benchmarks").
Some measures call brotui's core in this process (no Python start), to show what the
operation itself costs beside what a whole `brotui` process costs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import platform
import random
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROTOCOLS = 5000
HOT_REVISIONS = 2000  # the revisions of the one protocol of the blame archive
SEARCH_WORD = "gångtunneln"  # in one protocol of five at the tip, changed in 1,100 commits
COMMON_WORD = "polisen"  # in four protocols of five: 8,000 hits
AUTHOR = "Bänk Märk <bench@example.org>"
NOBODY = "nobody-by-this-name"  # an author filter matching no commit: git reads all of them
AUTHOR_ENV = {
    "GIT_AUTHOR_NAME": "Bänk Märk", "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bänk Märk", "GIT_COMMITTER_EMAIL": "bench@example.org",
}
# A long text, generated: LONG_WORDS words, and the same with LONG_CHANGES of them changed.
LONG_WORDS, LONG_CHANGES = 100_000, 2_000
LONG_COMMON = ("och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den",
               "har", "inte", "om", "ett", "men", "polisen", "trygghet", "skolan", "boende",
               "samverkan", "rådet", "gångtunneln", "belysning", "kvällar")
# What a first start of `brotui list` must read: the tree, every file's last change, every blob.
GIT_LIST_FIRST = (
    'cd "$1" && git ls-tree -r -l main -- protocols/ >/dev/null'
    " && git log --no-renames --name-only --format=%H%x00%an%x00%ae%x00%at main -- protocols/"
    " >/dev/null"
    " && git ls-tree -r main -- protocols/ | cut -f1 | cut -d' ' -f3"
    " | git cat-file --batch >/dev/null"
)
# The same save as `brotui put`, with git's plumbing: blob, three trees, commit, compare-and-swap
# of the branch, and (with a work tree) the file and its index entry kept in step.
GIT_PUT = r"""set -e
cd "$1"; id=$2; file=$3
slug=${id%%/*}; name=${id#*/}.yaml; tab=$(printf '\t')
old=$(git rev-parse --verify refs/heads/main)
blob=$(git hash-object -w --stdin <"$file")
council=$(git ls-tree "$old:protocols/$slug" \
  | sed "s/^100644 blob [0-9a-f]*$tab$name\$/100644 blob $blob$tab$name/" | git mktree)
protocols=$(git ls-tree "$old:protocols" \
  | sed "s/^040000 tree [0-9a-f]*$tab$slug\$/040000 tree $council$tab$slug/" | git mktree)
root=$(git ls-tree "$old" \
  | sed "s/^040000 tree [0-9a-f]*${tab}protocols\$/040000 tree $protocols${tab}protocols/" \
  | git mktree)
new=$(printf '%s: ändrat roll\n\n- roll ändrad\n\nProtocol: %s\n' "$id" "$id" \
  | git commit-tree "$root" -p "$old")
git update-ref refs/heads/main "$new" "$old"
if [ "$(git rev-parse --is-bare-repository)" = false ]; then
  cp "$file" "protocols/$id.yaml"
  git update-index -- "protocols/$id.yaml"
fi
"""


@dataclass
class Case:
    """One command to time: its argv, untimed setup before each run, and its timings."""

    label: str
    argv: list[str]
    before: Callable[[], None] | None = None
    env: dict[str, str] | None = None
    times: list[float] = field(default_factory=list)

    def run(self) -> float:
        """Run the command once (after its setup); return the wall time in seconds."""
        if self.before is not None:
            self.before()
        env = {**os.environ, **self.env} if self.env else None
        began = time.perf_counter()
        done = subprocess.run(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=env, check=False)
        elapsed = time.perf_counter() - began
        if done.returncode != 0:
            raise SystemExit(f"{self.label}: exit status {done.returncode}\n"
                             f"  command: {' '.join(self.argv)}\n"
                             f"  stderr: {done.stderr.decode(errors='replace').strip()}")
        return elapsed

    @property
    def median(self) -> float:
        """Median of the timed runs."""
        return statistics.median(self.times)

    def summary(self) -> str:
        """'median (min–max)' in milliseconds."""
        return f"{ms(self.median)} ({ms(min(self.times))}–{ms(max(self.times))})"


def core(path: Path) -> object | None:
    """brotui's Archive on `path`, if brotui can be imported here (else None: CLI only)."""
    try:
        from brotui.core.archive import Archive as CoreArchive
    except ImportError:
        return None
    return CoreArchive(path)


@dataclass
class TuiCase(Case):
    """The TUI started in a pseudo-terminal of 80x24: the time until `marker` is on screen."""

    marker: bytes = b""

    def run(self) -> float:
        if self.before is not None:
            self.before()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "BROTUI_LANG": "en", **(self.env or {})}
        began = time.perf_counter()
        proc = subprocess.Popen(self.argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                start_new_session=True)
        os.close(slave)
        seen = b""
        try:
            deadline = began + 60
            while self.marker not in seen:
                if time.perf_counter() > deadline or proc.poll() is not None:
                    raise SystemExit(f"{self.label}: {self.marker!r} never appeared:\n"
                                     f"{seen[-2000:].decode(errors='replace')}")
                ready, _, _ = select.select([master], [], [], 0.5)
                if ready:
                    seen = seen[-4096:] + os.read(master, 65536)
            elapsed = time.perf_counter() - began
        finally:
            proc.terminate()
            try:
                while proc.poll() is None:  # drain, so the app is never blocked writing
                    if select.select([master], [], [], 0.1)[0]:
                        os.read(master, 65536)
            except OSError:
                pass
            proc.wait()
            os.close(master)
        return elapsed


@dataclass
class InProcessCase(Case):
    """A brotui core call timed inside this process (no interpreter start, no imports):
    `call` runs once per timed run."""

    call: Callable[[], object] | None = None

    def run(self) -> float:
        if self.before is not None:
            self.before()
        assert self.call is not None
        began = time.perf_counter()
        self.call()
        return time.perf_counter() - began


def core_search(path: Path, word: str) -> Callable[[], object]:
    """`search(Archive(path), word)` on a fresh Archive, as a `brotui search` does it."""
    from brotui.core.archive import Archive as BrotuiArchive
    from brotui.core.query import Query
    from brotui.core.search import search

    def call() -> object:
        hits = search(BrotuiArchive(path), Query.parse(word))
        if not hits:
            raise SystemExit(f"core search: no hits for {word!r} in {path}")
        return hits
    return call


def ms(seconds: float) -> str:
    """Milliseconds, with one decimal below 10 ms."""
    value = seconds * 1000
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def measure(cases: list[Case], runs: int) -> None:
    """Warm up every case once, then time `runs` rounds, rotating which case goes first."""
    for case in cases:
        case.run()
    for round_ in range(runs):
        shift = round_ % len(cases)
        for case in cases[shift:] + cases[:shift]:
            case.times.append(case.run())


def git_out(repo: Path, *args: str) -> str:
    """Output of a git command in `repo`."""
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


@dataclass
class Archive:
    """A generated archive and what the benchmarks need to know about it."""

    name: str
    path: Path
    gitdir: Path
    protocol: str  # the id used for `log` and `put`


def ensure_archive(root: Path, commits: int, bare: bool) -> Archive:
    """Generate an archive under `root`, or reuse the one a previous --keep run left there."""
    size = "" if PROTOCOLS == 5000 else f"{PROTOCOLS}-protocols-"  # (5,000: as it always was)
    path = root / (f"{size}{commits}-commits" + ("-bare" if bare else ""))
    if (path / ("HEAD" if bare else ".git/HEAD")).exists():
        print(f"reusing {path} ({git_out(path, 'rev-list', '--count', 'main')} commits)",
              file=sys.stderr)
    else:
        command = [sys.executable, str(HERE / "generate.py"), str(path),
                   "--protocols", str(PROTOCOLS), "--commits", str(commits)]
        subprocess.run(command + (["--bare"] if bare else []), check=True,
                       stdout=sys.stderr)
    names = git_out(path, "ls-tree", "-r", "--name-only", "main", "--", "protocols/").split()
    # The first draft from the middle on: approved minutes are justerade, and refuse a put
    # (issue 14's lock), so the saves are timed on a draft, as people save them.
    middle = next(name for name in names[len(names) // 2:]
                  if "\nstatus: draft\n" in git_out(path, "show", f"main:{name}"))
    protocol = middle.removeprefix("protocols/").removesuffix(".yaml")
    gitdir = Path(git_out(path, "rev-parse", "--absolute-git-dir"))
    return Archive(f"{commits:,} commits", path, gitdir, protocol)


def hot_archive(scratch: Path, root: Path) -> Archive:
    """An archive of one protocol changed in HOT_REVISIONS commits (for blame), made under
    `root` (beside the others) and copied to `scratch`, since the runs add commits."""
    made = root / f"hot-{HOT_REVISIONS}"
    if not (made / ".git/HEAD").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(made), "--protocols", "1",
                        "--commits", str(HOT_REVISIONS)], check=True, stdout=sys.stderr)
    path = scratch / f"hot-{HOT_REVISIONS}-run"
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(made, path, symlinks=True)
    name = git_out(path, "ls-tree", "-r", "--name-only", "main", "--", "protocols/").split()[0]
    protocol = name.removeprefix("protocols/").removesuffix(".yaml")
    gitdir = Path(git_out(path, "rev-parse", "--absolute-git-dir"))
    return Archive(f"{HOT_REVISIONS:,} revisions", path, gitdir, protocol)


def drop_cache(archive: Archive) -> Callable[[], None]:
    """A setup step that deletes brotui's cache, so the next start is a first start."""
    def drop() -> None:
        shutil.rmtree(archive.gitdir / "brotui", ignore_errors=True)
    return drop


class Editor:
    """Writes, before each save, a copy of a protocol with an attendee's role set to 'Roll N'."""

    def __init__(self, text: str, file: Path, counter: list[int]) -> None:
        lines = text.splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.startswith("  role: "))
        self.lines, self.index, self.file, self.counter = lines, index, file, counter
        current = lines[index].removeprefix("  role: ").strip()
        if current.startswith("Roll ") and current[5:].isdigit():
            counter[0] = max(counter[0], int(current[5:]))

    def __call__(self) -> None:
        self.counter[0] += 1
        self.lines[self.index] = f"  role: Roll {self.counter[0]}\n"
        self.file.write_text("".join(self.lines), encoding="utf-8")


def long_texts() -> tuple[str, str]:
    """LONG_WORDS words of minutes' Swedish (four in five common words, the rest rarer),
    15 to a line, and the same with LONG_CHANGES words (chosen at random) changed."""
    rng = random.Random(2020)
    words = [rng.choice(LONG_COMMON) if rng.random() < 0.8 else f"ord{rng.randrange(30_000)}"
             for _ in range(LONG_WORDS)]

    def text() -> str:
        return "\n".join(" ".join(words[k:k + 15]) for k in range(0, len(words), 15))

    old = text()
    for i in rng.sample(range(LONG_WORDS), LONG_CHANGES):
        words[i] = f"ändrat{i}"
    return old, text()


def long_protocols(yaml_text: str) -> tuple[object, object] | None:
    """The protocol of `yaml_text` with its first item's text the long text, before and
    after the changes (brotui's Protocol objects); None if brotui cannot be imported."""
    try:
        from brotui.core import codec
    except ImportError:
        return None
    versions = []
    for text in long_texts():
        protocol = codec.load(yaml_text).protocol
        assert protocol is not None
        protocol.items[0].text = text
        versions.append(protocol)
    return versions[0], versions[1]


class Toggle:
    """Writes, before each run, the other of two contents to `file`."""

    def __init__(self, file: Path, contents: tuple[str, str]) -> None:
        self.file, self.contents, self.turn = file, contents, 0

    def __call__(self) -> None:
        self.turn = 1 - self.turn
        self.file.write_text(self.contents[self.turn], encoding="utf-8")


def row(cells: list[str]) -> str:
    """A Markdown table row."""
    return "| " + " | ".join(cells) + " |"


def verdict(ok: bool) -> str:
    """Budget check mark."""
    return "ok" if ok else "**over**"


def machine(brotui: str | None) -> list[str]:
    """Lines describing this machine and the tools measured."""
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), "")
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        f"- date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {os.cpu_count()} CPUs (nproc), {cpu or platform.machine()}, "
        f"{platform.system()} {platform.release()}",
        f"- git: {git}",
        f"- python (this script): {platform.python_version()}",
    ]
    if brotui:
        interpreter = Path(brotui).read_text(errors="replace").splitlines()[0].removeprefix("#!")
        version = subprocess.run([interpreter, "--version"], capture_output=True, text=True,
                                 check=False).stdout.strip()
        lines.append(f"- brotui: {brotui} (run by {interpreter}, {version})")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command")
    parser.add_argument("--keep", type=Path, help="build the archives here and reuse them")
    parser.add_argument("--bare", action="store_true", help="benchmark bare archives")
    parser.add_argument("--git-only", action="store_true",
                        help="time only the git baselines (to check the harness)")
    parser.add_argument("--only", metavar="WORDS",
                        help="time only the measures whose name holds one of these "
                        "comma-separated words (e.g. history,activity)")
    parser.add_argument("--protocols", type=int, default=5000,
                        help="protocols in each archive (a city: 20000)")
    parser.add_argument("--commits", type=int, default=50000,
                        help="commits in the long archive (a city: 200000)")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE as it is set (every brotui start "
                        "then compiles its sources)")
    args = parser.parse_args(argv)
    globals()["PROTOCOLS"] = args.protocols  # (read by the measures: one size a run)
    if not args.no_bytecode:
        # An installed brotui has its bytecode (pip compiles it). With this variable set,
        # as in some sandboxes, every start would compile brotui's sources again (~30 ms).
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    brotui = None if args.git_only else shutil.which("brotui")
    if brotui is None and not args.git_only:
        print("run.py: `brotui` is not on PATH. Install it (pip install -e .) in the "
              "environment you run this from, or pass --git-only.", file=sys.stderr)
        return 1
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    with tempfile.TemporaryDirectory(prefix="brotui-bench-") as scratch:
        root = args.keep or Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        print("generating archives...", file=sys.stderr)
        archives = [ensure_archive(root, commits, args.bare) for commits in (args.commits, 10)]
        only = [w.strip() for w in args.only.split(",")] if args.only else None
        report = benchmark(brotui, archives, Path(scratch), args.runs, only)
    print("\n".join([f"# brotui benchmark ({args.runs} runs after a warm-up)", "",
                     *machine(brotui), "", *report]))
    return 0


def benchmark(brotui: str | None, archives: list[Archive], scratch: Path,
              runs: int, only: list[str] | None = None) -> list[str]:
    """Run every measurement (or those named in `only`); return the report's Markdown lines."""
    results: list[tuple[str, Archive, Case | None, Case, float | None, float | None]] = []
    flat: list[tuple[str, Case, Case]] = []

    def group(measure_name: str, make: Callable[[Archive], tuple[Case | None, Case]],
              budget_s: float | None, budget_ratio: float | None,
              on: list[Archive] | None = None) -> None:
        if only and not any(word in measure_name for word in only):
            return
        targets = on or archives
        pairs = [make(archive) for archive in targets]
        print(f"timing {measure_name}...", file=sys.stderr)
        measure([c for pair in pairs for c in pair if c is not None], runs)
        for archive, (mine, theirs) in zip(targets, pairs, strict=True):
            results.append((measure_name, archive, mine, theirs, budget_s, budget_ratio))
        if len(pairs) != 2:
            return  # not the pair of archives: no flatness to show
        (long_mine, long_git), (short_mine, short_git) = pairs
        if long_mine and short_mine:
            flat.append((f"brotui {measure_name}", long_mine, short_mine))
        flat.append((f"git {measure_name}", long_git, short_git))

    def list_first(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git ls-tree + log + cat-file", ["sh", "-c", GIT_LIST_FIRST, "sh",
                                                    str(a.path)])
        if not brotui:
            return None, git
        return Case("brotui list (first start)",
                    [brotui, "--repo", str(a.path), "list", "--format", "json"],
                    before=drop_cache(a)), git

    def list_second(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git ls-tree", ["git", "-C", str(a.path), "ls-tree", "-r", "-l", "main",
                                   "--", "protocols/"])
        if not brotui:
            return None, git
        return Case("brotui list (second start)",
                    [brotui, "--repo", str(a.path), "list", "--format", "json"]), git

    def list_floor(a: Archive) -> tuple[Case | None, Case]:
        # Issue 13's floor for a warm list: what any Python program that reads YAML pays
        # to start, and git's listing of the tree, one after the other.
        git = Case("python -c 'import yaml' + git ls-tree -r", [
            "sh", "-c", f'"{sys.executable}" -c "import yaml"'
            ' && git -C "$1" ls-tree -r main -- protocols/ >/dev/null', "sh", str(a.path)])
        if not brotui:
            return None, git
        return Case("brotui list (second start)",
                    [brotui, "--repo", str(a.path), "list", "--format", "json"]), git

    def log(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git log -- path", ["git", "-C", str(a.path), "log",
                                       "--format=%H%x00%an%x00%at", "main", "--",
                                       f"protocols/{a.protocol}.yaml"])
        if not brotui:
            return None, git
        return Case("brotui log ID", [brotui, "--repo", str(a.path), "log", a.protocol,
                                      "--format", "json"]), git

    counter = [0]

    def put(a: Archive) -> tuple[Case | None, Case]:
        if brotui:
            text = subprocess.run([brotui, "--repo", str(a.path), "show", a.protocol,
                                   "--format", "yaml"], check=True, capture_output=True,
                                  text=True).stdout
        else:
            text = git_out(a.path, "show", f"main:protocols/{a.protocol}.yaml") + "\n"
        tag = a.name.split()[0].replace(",", "")
        git_file = scratch / f"put-git-{tag}.yaml"
        git = Case("git plumbing save", ["sh", "-c", GIT_PUT, "sh", str(a.path), a.protocol,
                                         str(git_file)],
                   before=Editor(text, git_file, counter), env=AUTHOR_ENV)
        if not brotui:
            return None, git
        mine_file = scratch / f"put-brotui-{tag}.yaml"
        return Case("brotui put", [brotui, "--repo", str(a.path), "--author", AUTHOR, "put",
                                   a.protocol, "--file", str(mine_file)],
                    before=Editor(text, mine_file, counter)), git

    if brotui:
        for archive in archives:
            check_list(brotui, archive)
    group("list, first start", list_first, None, None)  # no budget: a one-off
    if brotui:
        for archive in archives:  # the cache a second start finds
            Case("warm", [brotui, "--repo", str(archive.path), "list", "--format", "json"]).run()
    group("list, second start", list_second, 0.5, None)
    group("list, second start, beside Python with PyYAML and ls-tree", list_floor, None, 2.0)
    def tui_ready(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git ls-tree", ["git", "-C", str(a.path), "ls-tree", "-r", "-l", "main",
                                   "--", "protocols/"])
        if not brotui:
            return None, git
        return TuiCase("brotui TUI ready for keys", [brotui, "--repo", str(a.path)],
                       marker=b"ilter: type a council"), git

    def tui_filled(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git ls-tree", ["git", "-C", str(a.path), "ls-tree", "-r", "-l", "main",
                                   "--", "protocols/"])
        if not brotui:
            return None, git
        return TuiCase("brotui TUI list shown", [brotui, "--repo", str(a.path)],
                       marker=f"{PROTOCOLS} of {PROTOCOLS} protocols".encode()), git

    def history(a: Archive) -> tuple[Case | None, Case]:
        _, git = log(a)
        found = core(a.path) if brotui else None
        if found is None:
            return None, git
        return InProcessCase("Archive.history(ID)", [], call=lambda: found.history(a.protocol)), git

    git_activity = ["log", "-n50", "--no-renames", "--name-status", "-z",
                    "--format=%H%x00%an%x00%ae%x00%at%x00%s"]

    def activity_git(a: Archive, *extra: str) -> Case:
        return Case("git log -n50 --name-status", ["git", "-C", str(a.path), *git_activity,
                                                   *extra, "main", "--", "protocols/"])

    def activity(a: Archive) -> tuple[Case | None, Case]:
        found = core(a.path) if brotui else None
        if found is None:
            return None, activity_git(a)
        return InProcessCase("Archive.activity()", [], call=lambda: found.activity()), \
            activity_git(a)

    def activity_cli(a: Archive) -> tuple[Case | None, Case]:
        if not brotui:
            return None, activity_git(a)
        return Case("brotui log (activity)", [brotui, "--repo", str(a.path), "log", "--format",
                                              "json"]), activity_git(a)

    def activity_nobody(a: Archive) -> tuple[Case | None, Case]:
        git = activity_git(a, "--fixed-strings", "--regexp-ignore-case", f"--author={NOBODY}")
        found = core(a.path) if brotui else None
        if found is None:
            return None, git
        return InProcessCase("Archive.activity(author=...)", [],
                        call=lambda: found.activity(author=NOBODY)), git

    group("TUI ready for keys (80x24)", tui_ready, 1.0, None)
    group(f"TUI list of {PROTOCOLS:,} shown", tui_filled, 1.0, None)
    def search_cli(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git grep -i -F", ["git", "-C", str(a.path), "grep", "-i", "-F", SEARCH_WORD,
                                      "main", "--", "protocols/"])
        if not brotui:
            return None, git
        return Case("brotui search WORD", [brotui, "--repo", str(a.path), "search", SEARCH_WORD,
                                           "--format", "json"]), git

    def search_core(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git grep -i -F", ["git", "-C", str(a.path), "grep", "-i", "-F", SEARCH_WORD,
                                      "main", "--", "protocols/"])
        if not brotui:
            return None, git
        return InProcessCase("Archive.search (in process)", [],
                             call=core_search(a.path, SEARCH_WORD)), git

    def search_common(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git grep -i -F", ["git", "-C", str(a.path), "grep", "-i", "-F", COMMON_WORD,
                                      "main", "--", "protocols/"])
        if not brotui:
            return None, git
        return Case("brotui search COMMON", [brotui, "--repo", str(a.path), "search",
                                             COMMON_WORD, "--format", "json"]), git

    def search_history(a: Archive) -> tuple[Case | None, Case]:
        git = Case("git log -S", ["git", "-C", str(a.path), "log", f"-S{SEARCH_WORD}",
                                  "--format=%H%x00%an%x00%at", "main", "--", "protocols/"])
        if not brotui:
            return None, git
        return Case("brotui search --history", [brotui, "--repo", str(a.path), "search",
                                                SEARCH_WORD, "--history", "--format", "json"]), git

    def revisions(a: Archive) -> tuple[str, str]:
        """The oldest and newest commit of the benchmark protocol."""
        commits = git_out(a.path, "log", "--format=%H", "main", "--",
                          f"protocols/{a.protocol}.yaml").split()
        return commits[-1], commits[0]

    def diff_git(a: Archive) -> Case:
        old, new = revisions(a)
        return Case("git diff A B -- path", ["git", "-C", str(a.path), "diff", old, new, "--",
                                             f"protocols/{a.protocol}.yaml"])

    def field_diff(a: Archive) -> tuple[Case | None, Case]:
        found = core(a.path) if brotui else None
        if found is None:
            return None, diff_git(a)
        from brotui.core import fielddiff

        old, new = revisions(a)
        return InProcessCase("field-level diff (read both, diff)", [], call=lambda: fielddiff.diff(
            found.load(a.protocol, old), found.load(a.protocol, new))), diff_git(a)

    def field_diff_cli(a: Archive) -> tuple[Case | None, Case]:
        if not brotui:
            return None, diff_git(a)
        old, new = revisions(a)
        return Case("brotui diff ID A B", [brotui, "--repo", str(a.path), "diff", a.protocol,
                                           old, new]), diff_git(a)

    def diff_floor(a: Archive) -> tuple[Case | None, Case]:
        python = Case("python -c 'import yaml'", [sys.executable, "-c", "import yaml"])
        mine, _ = field_diff_cli(a)
        return mine, python

    def blame_core(a: Archive) -> tuple[Case | None, Case]:
        _, git = log(a)
        found = core(a.path) if brotui else None
        if found is None:
            return None, git
        from brotui.core.blame import blame

        return InProcessCase("blame(ID)", [], call=lambda: blame(found, a.protocol)), git

    def git_save(a: Archive, protocol: str) -> Callable[[], None]:
        """A setup step: someone else saves `protocol` with plain git (an attendee's role
        changed), as another person's commit arrives."""
        tag = a.name.split()[0].replace(",", "")
        file = scratch / f"other-{tag}.yaml"
        editor = Editor(shown(a, protocol), file, counter)
        command = ["sh", "-c", GIT_PUT, "sh", str(a.path), protocol, str(file)]

        def save() -> None:
            editor()
            subprocess.run(command, check=True, env={**os.environ, **AUTHOR_ENV},
                           stdout=subprocess.DEVNULL)
        return save

    def search_after_save(a: Archive) -> tuple[Case | None, Case]:
        _, git = search_cli(a)
        if not brotui:
            return None, git
        return Case("brotui search WORD", [brotui, "--repo", str(a.path), "search",
                                           SEARCH_WORD, "--format", "json"],
                    before=git_save(a, a.protocol)), git

    def blame_cli(a: Archive, before: Callable[[], None]) -> tuple[Case | None, Case]:
        path = f"protocols/{a.protocol}.yaml"
        git = Case("git blame", ["git", "-C", str(a.path), "blame", "main", "--", path])
        if not brotui:
            return None, git
        return Case("brotui blame ID", [brotui, "--repo", str(a.path), "blame", a.protocol,
                                        "--format", "json"], before=before), git

    def blame_after_commit(a: Archive) -> tuple[Case | None, Case]:
        return blame_cli(a, git_save(a, a.protocol))

    def blame_hot_first(a: Archive) -> tuple[Case | None, Case]:
        return blame_cli(a, drop_cache(a))

    def blame_hot_after(a: Archive) -> tuple[Case | None, Case]:
        return blame_cli(a, git_save(a, a.protocol))

    def shown(a: Archive, protocol: str) -> str:
        if brotui:
            return subprocess.run([brotui, "--repo", str(a.path), "show", protocol, "--format",
                                   "yaml"], check=True, capture_output=True, text=True).stdout
        return git_out(a.path, "show", f"main:protocols/{protocol}.yaml") + "\n"

    def long_git_diff(a: Archive) -> Case:
        tag = a.name.split()[0].replace(",", "")
        files = [scratch / f"long-{tag}-{n}.txt" for n in ("a", "b")]
        for file, text in zip(files, long_texts(), strict=True):
            file.write_text(text, encoding="utf-8")
        # git diff exits 1 when the files differ.
        return Case("git diff --no-index --word-diff", [
            "sh", "-c", 'git diff --no-index --word-diff=porcelain "$1" "$2" >/dev/null;'
            ' [ $? -le 1 ]', "sh", str(files[0]), str(files[1])])

    def long_diff(a: Archive) -> tuple[Case | None, Case]:
        git = long_git_diff(a)
        versions = long_protocols(shown(a, a.protocol)) if brotui else None
        if versions is None:
            return None, git
        from brotui.core import diffrender, fielddiff

        old, new = versions
        return InProcessCase("fielddiff.message(diff(A, B))", [], call=lambda: diffrender.message(
            a.protocol, fielddiff.diff(old, new))), git  # type: ignore[arg-type]

    def long_put(a: Archive) -> tuple[Case | None, Case]:
        tag = a.name.split()[0].replace(",", "")
        names = git_out(a.path, "ls-tree", "-r", "--name-only", "main", "--",
                        "protocols/").split()
        other = names[len(names) // 2 + 1].removeprefix("protocols/").removesuffix(".yaml")
        cases: list[Case | None] = []
        for who, protocol in (("git", other), ("brotui", a.protocol)):
            versions = long_protocols(shown(a, protocol))
            if versions is not None:
                from brotui.core import codec

                texts = (codec.dump(versions[0]), codec.dump(versions[1]))  # type: ignore[arg-type]
            else:
                texts = long_texts()
            file = scratch / f"long-put-{who}-{tag}.yaml"
            toggle = Toggle(file, texts)
            toggle.turn = 1  # the first run writes the unchanged text, untimed, now
            toggle()
            if who == "git":
                command = ["sh", "-c", GIT_PUT, "sh", str(a.path), protocol, str(file)]
                Case("first", command, env=AUTHOR_ENV).run()
                cases.append(Case("git plumbing save", command, before=toggle, env=AUTHOR_ENV))
            elif brotui:
                command = [brotui, "--repo", str(a.path), "--author", AUTHOR, "put", protocol,
                           "--file", str(file)]
                Case("first", command).run()
                cases.append(Case("brotui put", command, before=toggle))
            else:
                cases.append(None)
        git, mine = cases
        assert git is not None
        return mine, git

    long_name = f"{LONG_WORDS:,} words, {LONG_CHANGES:,} changed"
    group(f"word diff of a text of {long_name}, in process", long_diff, 1.0, None)
    group(f"put of a text of {long_name}", long_put, 2.0, None)
    group("field-level diff of two revisions, in process", field_diff, 0.1, None)
    group("diff ID A B (field-level)", field_diff_cli, None, None)
    group("diff ID A B, beside Python's start with PyYAML", diff_floor, None, 3.0)
    group("blame ID, in process", blame_core, None, None)
    group("blame ID after a commit made with git", blame_after_commit, None, None)
    if not only or any(word in "blame ID of 2,000 revisions" for word in only):
        hot = [hot_archive(scratch, archives[0].path.parent)]
        group("blame ID of 2,000 revisions, first time", blame_hot_first, None, None, on=hot)
        group("blame ID of 2,000 revisions after a commit made with git", blame_hot_after,
              None, None, on=hot)
    group("history ID, in process", history, None, 1.5)
    group("log ID", log, None, 1.5)
    group("activity, first page, in process", activity, 0.5, None)
    group("log (activity), first page", activity_cli, 0.5, None)
    group("activity by an author with no changes, in process", activity_nobody, 0.5, None)
    if brotui:
        for archive in archives:  # the search index a search finds (built once, like the list)
            Case("index", [brotui, "--repo", str(archive.path), "search", SEARCH_WORD]).run()
    group(f"search {SEARCH_WORD}", search_cli, 0.3, None)
    group(f"search {SEARCH_WORD} after someone else saved", search_after_save, 0.3, None)
    group(f"search {SEARCH_WORD}, in process", search_core, 0.3, None)
    group(f"search {COMMON_WORD} (in 4 of 5 protocols)", search_common, None, None)
    group(f"search {SEARCH_WORD} --history", search_history, None, None)
    group("put ID", put, 0.2, None)
    return table(results, flat, archives)


def check_list(brotui: str, archive: Archive) -> None:
    """Check once, untimed, that `brotui list --format json` answers with JSON."""
    done = subprocess.run([brotui, "--repo", str(archive.path), "list", "--format", "json"],
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"brotui list failed on {archive.path}: "
                         f"{done.stderr.decode(errors='replace').strip()}")
    try:
        json.loads(done.stdout)
    except ValueError as error:
        raise SystemExit(f"brotui list --format json did not print JSON: {error}") from None


def table(results: list[tuple[str, Archive, Case | None, Case, float | None, float | None]],
          flat: list[tuple[str, Case, Case]], archives: list[Archive]) -> list[str]:
    """The report: one row per measure and archive, then history-length flatness."""
    lines = [
        f"Archives: {PROTOCOLS:,} protocols each; "
        + ", ".join(f"{a.name} at {a.path}" for a in archives) + ". Times in ms: "
        "median (min–max) of whole processes; ratios are of medians.",
        "",
        row(["measure", "archive", "brotui", "git baseline", "brotui / git", "budget"]),
        row(["---"] * 6),
    ]
    for name, archive, mine, theirs, budget_s, budget_ratio in results:
        ratio, budget = "–", "–"
        if mine is not None:
            ratio = f"{mine.median / theirs.median:.2f}x"
            if budget_s is not None:
                budget = f"< {budget_s * 1000:.0f} ms: {verdict(mine.median < budget_s)}"
            if budget_ratio is not None:
                ok = mine.median <= budget_ratio * theirs.median
                budget = f"≤ {budget_ratio}x git: {verdict(ok)}"
        lines.append(row([name, archive.name, mine.summary() if mine else "–",
                          f"{theirs.summary()} ({theirs.label})", ratio, budget]))
    long_name, short_name = archives[0].name, archives[1].name
    lines += [
        "",
        f"Flatness in history length (same {PROTOCOLS:,} protocols):",
        "",
        row(["measure", f"{long_name} (median ms)", f"{short_name} (median ms)",
             f"{long_name} / {short_name}"]),
        row(["---"] * 4),
    ]
    for name, long_case, short_case in flat:
        lines.append(row([name, ms(long_case.median), ms(short_case.median),
                          f"{long_case.median / short_case.median:.2f}x"]))
    lines += [
        "",
        "Git baselines: list, first start = `git ls-tree -r -l main -- protocols/`, "
        "`git log --no-renames --name-only --format=%H%x00%an%x00%ae%x00%at main -- "
        "protocols/` and `git cat-file --batch` of every blob, in one `sh -c`; "
        "list, second start = `git ls-tree -r -l main -- protocols/`; "
        "log and history = `git log --format=%H%x00%an%x00%at main -- protocols/ID.yaml` "
        "(history in process: `Archive.history(ID)` called in the benchmark's own process, "
        "after Archive() is made once); activity = `git log -n50 --no-renames --name-status "
        "-z --format=... main -- protocols/` (with `--fixed-strings --regexp-ignore-case "
        f"--author={NOBODY}` for the author nobody matches: a walk of the whole history); "
        "put = `hash-object -w --stdin`, `ls-tree` + `mktree` for the three tree levels, "
        "`commit-tree`, `update-ref main NEW OLD` (plus, with a work tree, the file copied "
        "and `update-index`). Budgets (docs/architecture.md, \"Tests and benchmarks\"): "
        "`brotui list` within 0.5 s, a protocol's history at most 1.5x `git log -- path`, "
        "a save under 0.2 s and flat in history length. Each put run saves different content "
        "(an attendee's role set to 'Roll N'). "
        "search = `git grep -i -F WORD main -- protocols/` (the text at the tip, any case); "
        "search --history = `git log -SWORD --format=%H%x00%an%x00%at main -- protocols/` "
        "(case-sensitive, one fixed string: brotui asks git for a case-insensitive "
        "`--pickaxe-regex` and then reads both versions of every file it reports). The "
        "in-process search is `Archive(path).search(query)` timed inside the benchmark's "
        "own Python, without the interpreter's start. Issue 4's budget: search within 0.3 s. "
        "'After someone else saved' and 'after a commit made with git': before each run, "
        "untimed, the benchmark protocol is saved with the git plumbing save above (a new "
        "role), so brotui's caches meet a commit they did not make. blame = `git blame main "
        f"-- path`; the blame archive is one protocol changed in {HOT_REVISIONS:,} commits "
        "(generate.py --protocols 1), its first time with brotui's cache deleted. "
        f"The long text: {LONG_WORDS:,} generated words, 15 to a line, {LONG_CHANGES:,} of "
        "them changed, as the text of a protocol's first item; its word diff is "
        "`fielddiff.message(fielddiff.diff(A, B))` in process (the commit message a save "
        "writes), beside `git diff --no-index --word-diff=porcelain` of the two texts as "
        "files; its put saves the two versions in turn (each run 2,000 words changed), "
        "beside the git plumbing save of the same files into another protocol. Issue 10's "
        "budgets: the diff under 1 s, the save under 2 s.",
    ]
    return lines


if __name__ == "__main__":
    sys.exit(main())
