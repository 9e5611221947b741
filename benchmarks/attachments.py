"""Time adding a 10 MB PDF as an attachment, beside git's plumbing doing the same write.

Usage: python benchmarks/attachments.py [--runs 7] [--size 10000000] [--history 50000]

Each run attaches a new 10 MB PDF (incompressible, as slides with photographs are) to
the seed minutes, as `brotui.core.attachments.attach` in this process: the size and
type checks, the lock, the snapshot, the blob, the protocol's entry, trees, commit and
compare-and-swap, and (in a checked-out archive) the copy in the work tree. Beside it,
the floor: `git hash-object -w` of the same file alone, and a shell script of git
plumbing making the same commit (hash-object of the file and of the new YAML, a
temporary index from the tip, update-index, write-tree, commit-tree, update-ref).
Then the list of a protocol's attachments with who added each (`attachments()`), and
the text of a PDF. `--history N` runs the same on an archive of 5,000 protocols with N
commits (benchmarks/generate.py; about 20 s for 50,000), to show a write is flat in the
history's length. Prints a Markdown report; times in ms, median (min–max).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brotui.core import codec, ops  # noqa: E402
from brotui.core.archive import Archive  # noqa: E402
from brotui.core.attachments import attach, attachments, history, text  # noqa: E402
from brotui.core.identity import Identity  # noqa: E402

SEED_ID = "hagersten-liljeholmen/2020-02-20"
SEED = ROOT / "protocols" / f"{SEED_ID}.yaml"
PERSON = Identity("Bo Bench", "bo@example.org")
ENV = {"GIT_AUTHOR_NAME": "Bo Bench", "GIT_AUTHOR_EMAIL": "bo@example.org",
       "GIT_COMMITTER_NAME": "Bo Bench", "GIT_COMMITTER_EMAIL": "bo@example.org"}

# The same commit by git's plumbing: $1 the PDF, $2 its path, $3 the new protocol file.
PLUMBING = r"""
set -e
ref=$(git symbolic-ref HEAD)
old=$(git rev-parse "$ref")
pdf=$(git hash-object -w -- "$1")
yaml=$(git hash-object -w -- "$3")
export GIT_INDEX_FILE="$(git rev-parse --absolute-git-dir)/bench-index"
git read-tree "$old"
git update-index --add --cacheinfo "100644,$pdf,$2" \
    --cacheinfo "100644,$yaml,protocols/hagersten-liljeholmen/2020-02-20.yaml"
tree=$(git write-tree)
rm -f "$GIT_INDEX_FILE"
new=$(printf 'plumbing\n' | git commit-tree "$tree" -p "$old")
git update-ref "$ref" "$new" "$old"
"""


def pdf_of(size: int) -> bytes:
    """A PDF's header and trailer around `size` bytes of random data (a picture stream)."""
    head = b"%%PDF-1.7\n1 0 obj << /Length %d >> stream\n" % size
    tail = b"\nendstream endobj\ntrailer << >>\n%%EOF\n"
    return head + os.urandom(size - len(head) - len(tail)) + tail


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def summary(times: list[float]) -> str:
    return f"{ms(statistics.median(times))} ({ms(min(times))}–{ms(max(times))})"


def timed(prepare: Callable[[int], object], fn: Callable[[object], object],
          runs: int) -> list[float]:
    """Times of `fn(prepare(i))`, the preparation (new random bytes) not counted."""
    out = []
    for i in range(runs + 1):
        arg = prepare(i)
        began = time.perf_counter()
        fn(arg)
        if i:  # the first is a warm-up: imports, caches
            out.append(time.perf_counter() - began)
    return out


def make_archive(path: Path, bare: bool) -> Archive:
    subprocess.run(["git", "init", "-q", "-b", "main", *(["--bare"] if bare else []),
                    str(path)], check=True)
    if not bare:
        (path / "protocols").mkdir()
    archive = Archive(path)
    ops.save(archive, SEED_ID, codec.load(SEED.read_bytes()).protocol, PERSON)  # type: ignore[arg-type]
    return archive


def bench(archive: Archive, scratch: Path, runs: int, size: int, label: str) -> list[str]:
    git_dir = str(archive.git_dir)
    rows = []

    def write(i: int) -> tuple[str, bytes]:
        return f"Bildspel-{label}-{i}.pdf", pdf_of(size)

    held: list[float] = []
    unlocked = archive.state.save_lock

    @contextlib.contextmanager
    def lock() -> Iterator[None]:  # how long others' saves would wait: the lock's time
        with unlocked():
            began = time.perf_counter()
            try:
                yield
            finally:
                held.append(time.perf_counter() - began)

    archive.state.save_lock = lock  # type: ignore[method-assign]
    adds = timed(write, lambda a: attach(archive, SEED_ID, a[0], a[1], PERSON,  # type: ignore[index]
                                         item=3), runs)
    archive.state.save_lock = unlocked  # type: ignore[method-assign]
    rows.append(f"| {label}: `attach()` a {size / 1e6:.0f} MB PDF | {summary(adds)} |")
    rows.append(f"| {label}: of which the save lock is held | {summary(held[1:])} |")

    def to_disk(i: int) -> Path:
        path = scratch / f"floor-{label}-{i}.pdf"
        path.write_bytes(pdf_of(size))
        return path

    hashed = timed(to_disk, lambda p: subprocess.run(
        ["git", f"--git-dir={git_dir}", "hash-object", "-w", str(p)], check=True,
        capture_output=True), runs)
    rows.append(f"| {label}: `git hash-object -w` of the same file | {summary(hashed)} |")
    script = scratch / "plumbing.sh"
    script.write_text(PLUMBING)
    yaml_file = scratch / "protocol.yaml"
    yaml_file.write_bytes(archive.read(SEED_ID).data + b"")
    plumbed = timed(to_disk, lambda p: subprocess.run(
        ["bash", str(script), str(p), f"protocols/{SEED_ID}.files/{Path(str(p)).name}",
         str(yaml_file)], check=True, capture_output=True,
        env={**os.environ, **ENV, "GIT_DIR": git_dir}), runs)
    rows.append(f"| {label}: the same commit as a script of git plumbing | "
                f"{summary(plumbed)} |")
    listed = timed(lambda i: None, lambda _: attachments(archive, SEED_ID), runs)
    count = len(attachments(archive, SEED_ID))
    rows.append(f"| {label}: `attachments()` ({count} files, who added each) | "
                f"{summary(listed)} |")
    floor = timed(lambda i: None, lambda _: subprocess.run(
        ["git", f"--git-dir={git_dir}", "log", "--raw", "-n1", "HEAD", "--",
         f"protocols/{SEED_ID}.files/"], check=True, capture_output=True), runs)
    rows.append(f"| {label}: `git log --raw -n1 -- folder/` | {summary(floor)} |")
    # A replace changes no entry: the history screen's list must merge it in.
    attach(archive, SEED_ID, f"Bildspel-{label}-1.pdf", pdf_of(size), PERSON)
    own = timed(lambda i: None, lambda _: archive.history(SEED_ID), runs)
    rows.append(f"| {label}: `Archive.history()` (the file's commits) | {summary(own)} |")
    merged = timed(lambda i: None, lambda _: history(archive, SEED_ID), runs)
    rows.append(f"| {label}: `attachments.history()` (and the folder's) | {summary(merged)} |")
    floor = timed(lambda i: None, lambda _: subprocess.run(
        ["git", f"--git-dir={git_dir}", "log", "--format=%H%x00%an%x00%ae%x00%at%x00%s",
         "HEAD", "--", f"protocols/{SEED_ID}.yaml"], check=True, capture_output=True), runs)
    rows.append(f"| {label}: `git log -- path` | {summary(floor)} |")
    both = timed(lambda i: None, lambda _: subprocess.run(
        ["git", f"--git-dir={git_dir}", "log", "--format=%H", "HEAD", "--",
         f"protocols/{SEED_ID}.yaml", f"protocols/{SEED_ID}.files/"], check=True,
        capture_output=True), runs)
    rows.append(f"| {label}: `git log -- path folder/` (one log, two paths) | {summary(both)} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--history", type=int, default=0,
                        help="also on 5,000 protocols with this many commits")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        rows = ["| what | ms, median (min–max) |", "|---|---|"]
        rows += bench(make_archive(scratch / "work", bare=False), scratch, args.runs,
                      args.size, "checked out")
        rows += bench(make_archive(scratch / "bare.git", bare=True), scratch, args.runs,
                      args.size, "bare")
        if args.history:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from generate import generate  # type: ignore[import-not-found]

            big = scratch / "big.git"
            generate(big, 5000, args.history, 1, True)
            archive = Archive(big)
            ops.save(archive, SEED_ID, codec.load(SEED.read_bytes()).protocol,  # type: ignore[arg-type]
                         PERSON)
            rows += bench(archive, scratch, args.runs, args.size,
                          f"bare, {args.history:,} commits")
        import weasyprint

        pdf = weasyprint.HTML(string="".join(
            f"<p style='page-break-after: always'>Sida {i}: brottsstatistik, "
            f"trygghetsvandringar och insatser i Hägersten-Liljeholmen.</p>"
            for i in range(20))).write_pdf()
        archive = make_archive(scratch / "text", bare=True)
        attach(archive, SEED_ID, "Bildspel.pdf", pdf, PERSON, item=3)
        read = timed(lambda i: None, lambda _: text(archive, SEED_ID, "Bildspel.pdf"), args.runs)
        rows.append(f"| `text()` of a 20-page PDF ({len(pdf) / 1000:.0f} kB) | {summary(read)} |")
    version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout
    print(f"Python {platform.python_version()}, git {version.split()[-1]}, "
          f"{os.cpu_count()} cores, {args.runs} runs each\n")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
