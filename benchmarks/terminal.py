"""Bytes brotui sends to the terminal: what an SSH link carries for each step a user takes.

Usage: python benchmarks/terminal.py [--term xterm-256color] [--theme ansi] [--idle 10]
                                     [--escdelay MS] [--escapes 5] [--brotui PATH]
       python benchmarks/terminal.py --city ARCHIVE [--city ARCHIVE ...] [--runs 5]

Runs the real `brotui` console script in a pseudo-terminal of 80x24 on a fresh demo archive
and counts every byte it writes, step by step: start until the list is shown, idle, open a
protocol, idle, open the editor, type 100 characters into a form field (one key every 60 ms,
a quick typist), the same into the YAML text, idle in the editor, and the time Escape takes
to answer (the first byte back after ESC, the median of --escapes tries). A step ends when
the output has been quiet for a while and shows what the step is about. Prints a Markdown
table: bytes, bytes per key for the typing, and the time to the step's last byte.

With --city, the list on big archives instead (issue 13): the time until the count line
says every protocol is shown, until the output is quiet (every row added), each key of a
word typed into the filter (ms to the first byte back: the key drawn), the filtered list
drawn after the last, and the TUI's resident memory (VmRSS), beside `git ls-tree -r`.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_]|.)")
TYPED = "Hej! Det här är hundra tecken, skrivna ett i taget över en SSH-förbindelse. Åäö ÅÄÖ."
TYPED = (TYPED + " " + TYPED)[:100]


@dataclass
class Step:
    name: str
    bytes: int
    keys: int = 0
    seconds: float = 0.0


class Terminal:
    """brotui in a pseudo-terminal: send keys, count what comes back."""

    def __init__(self, argv: list[str], env: dict[str, str], width: int = 80,
                 height: int = 24) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True)
        os.close(slave)
        self.seen = b""  # everything since the last step began
        self.took = 0.0

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self.master, 65536)
        except OSError:
            return b""

    def settle(self, marker: str = "", quiet: float = 0.35, limit: float = 30.0) -> int:
        """Read until `marker` has appeared and nothing came for `quiet` seconds; the count."""
        wanted = marker.encode()
        began = deadline = time.monotonic()
        deadline += limit
        last = began
        while True:
            chunk = self.read(0.05)
            now = time.monotonic()
            if chunk:
                self.seen += chunk
                last = now
            elif wanted in text(self.seen) and now - last >= quiet:
                break
            if now > deadline:
                raise SystemExit(f"{marker!r} never appeared ({len(self.seen)} bytes); "
                                 f"last output:\n"
                                 f"{text(self.seen)[-1500:].decode(errors='replace')}")
            if self.proc.poll() is not None and not chunk:
                raise SystemExit(f"brotui ended (status {self.proc.returncode}):\n"
                                 f"{text(self.seen)[-1500:].decode(errors='replace')}")
        count = len(self.seen)
        self.seen = b""
        self.took = last - began  # until the last byte
        return count

    def wait_for(self, marker: str, limit: float = 30.0) -> None:
        """Read until `marker` has appeared (the bytes stay counted for the step)."""
        wanted, deadline = marker.encode(), time.monotonic() + limit
        while wanted not in text(self.seen):
            self.seen += self.read(0.01)
            if time.monotonic() > deadline:
                raise SystemExit(f"{marker!r} never appeared")

    def idle(self, seconds: float) -> int:
        """Bytes written while nobody touches a key for `seconds`."""
        end = time.monotonic() + seconds
        count = 0
        while (left := end - time.monotonic()) > 0:
            count += len(self.read(min(left, 0.2)))
        return count

    def send(self, data: str | bytes) -> None:
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def first_answer(self, data: bytes, limit: float = 5.0) -> tuple[float, bytes]:
        """Send `data`; the time until the first byte comes back, and what came."""
        began = time.perf_counter()
        self.send(data)
        chunk = self.read(limit)
        self.seen += chunk
        return time.perf_counter() - began, chunk

    def close(self) -> None:
        self.proc.terminate()
        try:
            while self.proc.poll() is None:
                self.read(0.1)
        except OSError:
            pass
        self.proc.wait()
        os.close(self.master)


def text(data: bytes) -> bytes:
    """The output with escape sequences removed: roughly what is readable in it."""
    return ESCAPES.sub(b"", data)


def type_slowly(term: Terminal, what: str, interval: float) -> tuple[int, float]:
    """Type `what` one key every `interval` seconds; bytes until quiet after the last."""
    began = time.perf_counter()
    total = 0
    for ch in what:
        term.send(ch)
        total += term.idle(interval)
    total += term.idle(0.5)  # the editor checks what was typed 0.3 s after the last key
    total += len(term.seen) + term.settle()
    return total, time.perf_counter() - began


def run(brotui: str, term_name: str, theme: str | None, idle: float, escdelay: str | None,
        lang: str, escapes: int = 5) -> list[Step]:
    scratch = Path(tempfile.mkdtemp(prefix="brotui-bytes-"))
    try:
        archive = scratch / "demo"
        subprocess.run([brotui, "demo", str(archive)], check=True, capture_output=True,
                       stdin=subprocess.DEVNULL)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TEXTUAL", "COLORTERM", "BROTUI", "TMUX"))}
        env.update(TERM=term_name, LANG="C.UTF-8", BROTUI_LANG=lang)
        env.pop("ESCDELAY", None)
        if escdelay is not None:
            env["ESCDELAY"] = escdelay
        argv = [brotui, "--repo", str(archive), "--author", "Bänk Märk <bench@example.org>"]
        if theme:
            argv += ["--theme", theme]
        term = Terminal(argv, env)
        steps: list[Step] = []
        try:
            steps.append(Step("start: the list of protocols shown",
                              term.settle("2 of 2 protocols"), 0))
            steps[-1].seconds = term.took
            steps.append(Step(f"idle {idle:g} s on the list", term.idle(idle), 0, idle))
            term.send("\r")
            steps.append(Step("open a protocol (Enter)", term.settle("Hämmerli"), 1))
            steps[-1].seconds = term.took
            steps.append(Step(f"idle {idle:g} s reading it", term.idle(idle), 0, idle))
            latencies = []
            for _ in range(escapes):
                latency, _ = term.first_answer(b"\x1b")
                term.settle("2 of 2 protocols")
                latencies.append(round(latency * 1000))
                term.send("\r")
                term.settle("Hämmerli")
            steps.append(Step(f"Escape back to the list: ms to the first byte (median of "
                              f"{escapes}: {min(latencies)}–{max(latencies)})",
                              int(statistics.median(latencies)), 1))
            began = time.monotonic()
            term.send("e")
            term.wait_for("Editing")
            term.send("\u00a7")  # a key typed once the editor shows: "§", into the council
            term.wait_for("\u00a7")
            typed_in = time.monotonic() - began
            steps.append(Step("open the editor (e)", term.settle("Editing"), 1))
            steps[-1].seconds = term.took
            steps.append(Step("e, then a key: until the key shows", 0, 1, typed_in))
            term.send("\x7f")  # Backspace: the "§" goes
            term.send(b"\x1b[F")  # End: type after the council's name
            term.settle()
            count, seconds = type_slowly(term, TYPED, 0.06)
            steps.append(Step("type 100 characters into a form field", count, 100, seconds))
            steps.append(Step(f"idle {idle:g} s in the editor", term.idle(idle), 0, idle))
            term.send("\x14")  # ctrl+t: the YAML itself
            steps.append(Step("switch to YAML (ctrl+t)", term.settle("schema: 1"), 1))
            steps[-1].seconds = term.took
            term.send(b"\x1b[B" * 39 + b"\x1b[F")  # down to item 1's text, to its end
            term.settle()
            count, seconds = type_slowly(term, TYPED, 0.06)
            steps.append(Step("type 100 characters into the YAML text", count, 100, seconds))
            steps.append(Step(f"idle {idle:g} s in the YAML text", term.idle(idle), 0, idle))
        finally:
            term.close()
        return steps
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def rss_mib(pid: int) -> float:
    """The resident memory of a process, in MiB (Linux: /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class CityRun:
    """One start of the TUI on a big archive: seconds to the list shown and to its last
    byte, the filter's keys (ms to the first byte back, each key), MiB resident."""

    shown: float
    complete: float
    keys: list[float]
    filtered: float
    rss_shown: float
    rss_after: float


def city(brotui: str, archive: Path, word: str = "bromma", interval: float = 0.25
         ) -> CityRun:
    """The TUI on `archive` (its list cache warm): the time until the list's count line
    says every protocol is shown, until the output is quiet (every row added), then
    `word` typed into the filter one key every `interval` seconds: for each key the time
    to the first byte back (the key drawn in the filter), and for the last the time until
    the filtered list is drawn. Memory when shown and after the typing."""
    subprocess.run([brotui, "--repo", str(archive), "list", "--format", "json"], check=True,
                   stdout=subprocess.DEVNULL)
    total = len(subprocess.run(["git", "-C", str(archive), "ls-tree", "-r", "--name-only",
                                "main", "--", "protocols/"], check=True, capture_output=True,
                               text=True).stdout.split())
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TEXTUAL", "COLORTERM", "BROTUI", "TMUX"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", BROTUI_LANG="en")
    began = time.monotonic()
    term = Terminal([brotui, "--repo", str(archive)], env)
    try:
        marker = f"{total} of {total} protocols".encode()
        shown = 0.0
        while not shown:
            chunk = term.read(0.05)
            term.seen += chunk
            if marker in text(term.seen):
                shown = time.monotonic() - began
            if time.monotonic() - began > 60 or term.proc.poll() is not None:
                raise SystemExit(f"{marker!r} never appeared:\n"
                                 f"{text(term.seen)[-1500:].decode(errors='replace')}")
        rss_shown = rss_mib(term.proc.pid)
        term.settle(quiet=0.5)
        complete = shown + term.took
        keys = []
        for ch in word:
            latency, _ = term.first_answer(ch.encode())
            keys.append(latency)
            if len(keys) < len(word):
                term.idle(interval)
        term.settle(quiet=0.5)  # the last key: until the filtered list is drawn
        filtered = keys[-1] + term.took
        rss_after = rss_mib(term.proc.pid)
    finally:
        term.close()
    return CityRun(shown, complete, keys, filtered, rss_shown, rss_after)


def git_seconds(archive: Path, runs: int) -> float:
    """Median time of `git ls-tree -r main -- protocols/` on `archive`."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(["git", "-C", str(archive), "ls-tree", "-r", "main", "--", "protocols/"],
                       check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def city_report(brotui: str, archives: list[Path], runs: int) -> list[str]:
    """The list at each archive's size: Markdown rows of medians of `runs` starts."""
    lines = ["| archive | protocols | list shown (s) | complete (s) | filter key: median / max "
             "(ms) | filtered (ms) | RSS shown / after typing (MiB) | git ls-tree -r (ms) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for archive in archives:
        results = [city(brotui, archive) for _ in range(runs)]
        git = git_seconds(archive, max(runs, 5))
        total = len(subprocess.run(["git", "-C", str(archive), "ls-tree", "-r", "--name-only",
                                    "main", "--", "protocols/"], check=True,
                                   capture_output=True, text=True).stdout.split())
        keys = [k for r in results for k in r.keys]

        def median(values: list[float]) -> float:
            return statistics.median(values)
        lines.append(
            f"| {archive.name} | {total:,} | {median([r.shown for r in results]):.2f} | "
            f"{median([r.complete for r in results]):.2f} | {median(keys) * 1000:.0f} / "
            f"{max(keys) * 1000:.0f} | {median([r.filtered for r in results]) * 1000:.0f} | "
            f"{median([r.rss_shown for r in results]):.0f} / "
            f"{median([r.rss_after for r in results]):.0f} | {git * 1000:.0f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city", type=Path, action="append", default=[], metavar="ARCHIVE",
                        help="instead: the list on this archive (e.g. one of benchmarks/"
                        "generate.py --protocols 20000 --commits 200000): shown, complete, "
                        "keys in the filter, memory; may be given more than once")
    parser.add_argument("--runs", type=int, default=5, help="starts per --city archive")
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--theme", default=None)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--escdelay", default=None, help="ESCDELAY for brotui (default: unset)")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--escapes", type=int, default=5, help="Escape timings to take")
    parser.add_argument("--brotui", default=str(Path(sys.executable).parent / "brotui"))
    args = parser.parse_args(argv)
    if args.city:
        print("\n".join(city_report(args.brotui, args.city, args.runs)))
        return 0
    steps = run(args.brotui, args.term, args.theme, args.idle, args.escdelay, args.lang,
                args.escapes)
    print(f"TERM={args.term}, theme {args.theme or 'default'}, 80x24, "
          f"ESCDELAY {args.escdelay or 'unset'}\n")
    print("| step | bytes | per key | ms to the last byte |")
    print("| --- | --- | --- | --- |")
    for step in steps:
        per_key = f"{step.bytes / step.keys:.0f}" if step.keys > 1 else ""
        took = f"{step.seconds * 1000:.0f}" if step.seconds and not step.name.startswith(
            ("idle", "type")) else ""
        print(f"| {step.name} | {step.bytes:,} | {per_key} | {took} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
