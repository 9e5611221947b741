"""Bytes brotui sends to the terminal: what an SSH link carries for each step a user takes.

Usage: python benchmarks/terminal.py [--term xterm-256color] [--theme ansi] [--idle 10]
                                     [--escdelay MS] [--escapes 5] [--brotui PATH]

Runs the real `brotui` console script in a pseudo-terminal of 80x24 on a fresh demo archive
and counts every byte it writes, step by step: start until the list is shown, idle, open a
protocol, idle, open the editor, type 100 characters into a form field (one key every 60 ms,
a quick typist), the same into the YAML text, idle in the editor, and the time Escape takes
to answer (the first byte back after ESC, the median of --escapes tries). A step ends when
the output has been quiet for a while and shows what the step is about. Prints a Markdown
table: bytes, bytes per key for the typing, and the time to the step's last byte.
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
            term.send("e")
            steps.append(Step("open the editor (e)", term.settle("Editing"), 1))
            steps[-1].seconds = term.took
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--theme", default=None)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--escdelay", default=None, help="ESCDELAY for brotui (default: unset)")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--escapes", type=int, default=5, help="Escape timings to take")
    parser.add_argument("--brotui", default=str(Path(sys.executable).parent / "brotui"))
    args = parser.parse_args(argv)
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
