"""How long exporting minutes takes: per protocol and format, beside WeasyPrint alone.

Usage: python benchmarks/publish.py [--runs 7] [--bulk 200]
                                   [--only pdf,docx,html,md,bulk,attached]

Times brotui.core.publish.export() in this process for the seed minutes and for a large
protocol (60 attendees, 40 items of three paragraphs and two decisions each), in PDF/A-3b,
DOCX, HTML and Markdown; beside it, the floor: WeasyPrint printing the very same HTML page
directly (plain PDF, and PDF/A-3b with the same YAML attached), so the figure for brotui's
PDF is its own layout and checks plus what WeasyPrint needs anyway. Then export_many() of
--bulk protocols into an empty folder (per protocol) and again with nothing changed.
With `attached`: the seed's PDF with a 10 MB attachment embedded (random bytes, which
do not compress: the worst case) against the same PDF without it, interleaved.
Prints a Markdown table of medians (min–max) in milliseconds. The first PDF of a process
loads fonts and WeasyPrint's modules: that cold start is timed apart, once.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdf

from brotui.core import codec
from brotui.core.model import Attendee, Item, Protocol
from brotui.core.publish import (
    Enclosure,
    Minutes,
    Options,
    export,
    export_many,
    prepare,
    source_yaml,
)
from brotui.core.publish.html import render_html

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "hagersten-liljeholmen/2020-02-20"
REVISION = "5a011117c3b2d0e9f8a7b6c5d4e3f2a1b0c9d8e7"
PARAGRAPH = ("Tidigare prioriteringar i samverkansöverenskommelsen och insatser utifrån "
             "lägesbild kvarstår fram tills den 28 februari då ny samverkansöverenskommelse "
             "tecknas. Förvaltningen ser över vilka alternativ som finns för att stimulera "
             "och utveckla den operativa samverkan i Liljeholmen, Årsta och Älvsjö.")


def seed() -> Protocol:
    parsed = codec.load((ROOT / "protocols" / f"{SEED_ID}.yaml").read_bytes())
    assert parsed.protocol is not None
    return parsed.protocol


def large() -> Protocol:
    """A long meeting: 60 attendees in all four groups, 40 items with text and decisions."""
    p = copy.deepcopy(seed())
    presences = ("present",) * 7 + ("excused", "absent", "adjunct")
    p.attendees = [Attendee(f"Deltagare Nummer{n:02d} Åkesson", f"Roll {n} vid förvaltningen",
                            "Stadsdelsförvaltningen", presences[n % 10],
                            "t.o.m. punkt 12" if n % 9 == 0 else None)
                   for n in range(60)]
    p.items = [Item(n, f"Punkt {n}: lägesbild och uppföljning av insatser i området",
                    "\n\n".join([PARAGRAPH] * 3),
                    [f"att uppdra åt förvaltningen att återkomma i punkt {n}",
                     "att lägga informationen till handlingarna"],
                    ["Bildspel"] if n % 4 == 0 else [])
               for n in range(1, 41)]
    return p


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    return interleaved([fn], runs)[0]


def interleaved(fns: list[Callable[[], object]], runs: int) -> list[list[float]]:
    """Each function timed `runs` times, taking turns, so a busy moment of the shared
    machine falls on all of them alike."""
    out: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, times in zip(fns, out, strict=True):
            began = time.perf_counter()
            fn()
            times.append((time.perf_counter() - began) * 1000)
    return out


def fmt(ms: list[float]) -> str:
    med = statistics.median(ms)

    def n(x: float) -> str:
        return f"{x:.0f}" if x >= 20 else f"{x:.1f}"

    return f"{n(med)} ({n(min(ms))}–{n(max(ms))})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bulk", type=int, default=200, help="protocols in the bulk export")
    parser.add_argument("--only", default="pdf,docx,html,md,bulk,attached")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    options = Options(lang="sv")
    rows: list[tuple[str, str, str, str, str]] = []

    began = time.perf_counter()
    export(Minutes(SEED_ID, seed(), REVISION), "pdf", options)  # imports WeasyPrint
    cold = (time.perf_counter() - began) * 1000
    from weasyprint import HTML, Attachment
    print(f"cold start: the first PDF of a process, fonts and modules loaded: {cold:.0f} ms",
          file=sys.stderr)

    for name, protocol in (("seed minutes", seed()), ("60 attendees, 40 items", large())):
        minutes = Minutes(SEED_ID, protocol, REVISION)
        shown, doc = prepare(minutes, options)
        page = render_html(doc)
        yaml = source_yaml(shown)
        pages = ""
        for fmt_name in ("pdf", "docx", "html", "md"):
            if fmt_name not in only:
                continue
            floor = ratio = "–"
            if fmt_name != "pdf":
                ms = timed(lambda f=fmt_name, m=minutes: export(m, f, options), args.runs)  # type: ignore[misc]
            else:
                ms, plain, pdfa = interleaved([
                    lambda m=minutes: export(m, "pdf", options),  # type: ignore[misc]
                    lambda h=page: HTML(string=h).write_pdf(),  # type: ignore[misc]
                    lambda h=page, y=yaml: HTML(string=h).write_pdf(  # type: ignore[misc]
                        pdf_variant="pdf/a-3b",
                        attachments=[Attachment(string=y, name="protocol.yaml")])], args.runs)
                floor = f"{fmt(plain)} plain, {fmt(pdfa)} PDF/A-3b"
                ratio = f"{statistics.median(ms) / statistics.median(pdfa):.2f}x"
                count = len(pypdf.PdfReader(io.BytesIO(export(minutes, "pdf", options))).pages)
                pages = f", {count} pages"
            rows.append((name + (pages if fmt_name == "pdf" else ""), fmt_name, fmt(ms),
                         floor, ratio))
        layout_ms = timed(lambda m=minutes: render_html(prepare(m, options)[1]), args.runs)  # type: ignore[misc]
        rows.append((name, "layout + HTML text only", fmt(layout_ms), "–", "–"))

    if "attached" in only:
        big = os.urandom(10 * 1024 * 1024)
        with_file = Minutes(SEED_ID, seed(), REVISION, enclosures=(
            Enclosure("Bildspel.pdf", "application/pdf", "0" * 40, lambda: big, len(big)),))
        alone = Minutes(SEED_ID, seed(), REVISION)
        ms_with, ms_alone = interleaved([lambda: export(with_file, "pdf", options),
                                         lambda: export(alone, "pdf", options)], args.runs)
        size = len(export(with_file, "pdf", options)) / 1e6
        rows.append((f"seed minutes + a 10 MB attachment embedded ({size:.1f} MB PDF)",
                     "pdf", fmt(ms_with), f"{fmt(ms_alone)} brotui without it",
                     f"{statistics.median(ms_with) / statistics.median(ms_alone):.2f}x"))

    if "bulk" in only and args.bulk:
        protocols = []
        base = seed()
        for n in range(args.bulk):
            p = copy.deepcopy(base)
            p.date = dt.date(2000 + n // 12, n % 12 + 1, 10)
            protocols.append((f"hagersten-liljeholmen/{p.date.isoformat()}", f"{n:040x}", p))
        for fmt_name in ("pdf", "html"):
            folder = Path(tempfile.mkdtemp(prefix="brotui-export-"))
            try:
                began = time.perf_counter()
                report = export_many(protocols, folder, fmt_name, options)
                first = (time.perf_counter() - began) * 1000
                assert len(report.written) == args.bulk and report.index_written
                began = time.perf_counter()
                again = export_many(protocols, folder, fmt_name, options)
                second = (time.perf_counter() - began) * 1000
                assert len(again.unchanged) == args.bulk
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            rows.append((f"{args.bulk} seed-sized protocols into a folder", f"{fmt_name}, all",
                         f"{first:.0f} ({first / args.bulk:.0f} per protocol)", "–", "–"))
            rows.append((f"{args.bulk} seed-sized protocols into a folder",
                         f"{fmt_name}, again, nothing changed",
                         f"{second:.0f} ({second / args.bulk:.1f} per protocol)", "–", "–"))

    print(f"{args.runs} runs each, ms, median (min–max)\n")
    print("| protocol | format | brotui export() | WeasyPrint alone, same HTML | brotui / "
          "PDF/A floor |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
