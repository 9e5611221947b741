"""Time `brotui.core.importing` on the seed minutes and on a folder of 200 generated ones.

Usage: python benchmarks/importing.py [--runs 15] [--files 200] [--keep DIR]

For the seed as text, DOCX, ODT and PDF: the whole import (type from content, reading,
parsing, the word check, validation and the YAML dump) in this process, beside the
floor: what the format's own library or tool needs just to give the text (decoding
the bytes; python-docx opening the file and reading its paragraphs; odfpy loading
it; `pdftotext` as a process and PDFium's own text extraction in process). Then 200
generated minutes (half text, a quarter DOCX, a quarter PDF) imported one after the
other from a folder, as `brotui import DIR` will: the total, and the median per file
of each kind. Prints a Markdown report; times in ms, median (min–max).
"""

from __future__ import annotations

import argparse
import io
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import minutes_docs as docs  # noqa: E402

from brotui.core.importing import import_bytes, import_file, read_blocks  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed.txt"
ARCHIVED = ROOT / "protocols" / "hagersten-liljeholmen" / "2020-02-20.yaml"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm-up: imports, caches
    out = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        out.append(time.perf_counter() - began)
    return out


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.0f}" if value >= 100 else f"{value:.2g}" if value < 10 else f"{value:.0f}"


def summary(times: list[float]) -> str:
    return f"{ms(statistics.median(times))} ({ms(min(times))}–{ms(max(times))})"


# ------------------------------------------------------------------ floors


def floor_text(data: bytes) -> None:
    data.decode("utf-8").splitlines()


def floor_save() -> None:
    """What every save of the seed protocol costs anyway: its YAML dump and validation."""
    from brotui.core import codec, validate

    protocol = codec.load(ARCHIVED.read_bytes()).protocol
    assert protocol is not None
    validate.check(codec.dump(protocol))


def floor_docx(data: bytes) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    for _ in (p.text for p in document.paragraphs):
        pass
    for table in document.tables:
        for row in table.rows:
            for _ in (c.text for c in row.cells):
                pass


def floor_odt(data: bytes) -> None:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import P

    document = load(io.BytesIO(data))
    for p in document.getElementsByType(P):
        teletype.extractText(p)


def floor_pdfium(data: bytes) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    for i in range(len(document)):
        page = document[i]
        page.get_textpage().get_text_range()
    document.close()


def floor_pdftotext(path: Path) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                       stdout=subprocess.DEVNULL)
    return run


# ------------------------------------------------------------------ generated minutes

FIRST = ["Anna", "Bo", "Carin", "David", "Elin", "Fredrik", "Gun", "Hasse", "Ida", "Jonas",
         "Karin", "Lars", "Maria", "Nils", "Olle", "Petra", "Rasmus", "Sara", "Tove", "Ulf"]
LAST = ["Andersson", "Berg", "Ceder", "Dahl", "Ek", "Falk", "Gran", "Holm", "Lind", "Öberg",
        "Nyström", "Sjöberg", "Wallin", "Åkesson", "Eriksson", "Nguyen", "Yilmaz"]
ROLES = ["kommunpolis", "trygghetsstrateg", "rektor", "fältassistent", "enhetschef",
         "ledamot", "vice ordförande", "samordnare", "stadsdelsdirektör"]
ORGS = ["Lokalpolisområde Globen", "Stockholmshem", "Räddningstjänsten Storstockholm",
        "stadsdelsförvaltningen", "Svenska Bostäder", "Familjebostäder"]
PLACES = ["Farsta", "Bromma", "Skärholmen", "Kungsholmen", "Norrmalm", "Spånga-Tensta",
          "Hässelby-Vällingby", "Älvsjö", "Södermalm", "Östermalm"]
TITLES = ["Lägesbild från polisen", "Trygghetsvandring", "Sommarlovsaktiviteter",
          "Skadegörelse i centrum", "Belysning i gångtunnlar", "Samverkan med skolorna",
          "Bränder i soprum", "Nattvandring", "Övriga frågor", "Uppföljning av insatser"]
WORDS = [
    "förvaltningen", "polisen", "rådet", "skolorna", "lägesbilden", "insatser", "trygghet",
    "centrum", "kvällstid", "ungdomar", "samverkan", "informerade", "redogjorde", "för", "den",
    "lokala", "har", "ökat", "minskat", "under", "hösten", "våren", "och", "att", "med", "i",
    "på", "till", "som", "ska", "kommer", "arbetet", "fortsatt", "behov", "av",
]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "augusti", "september",
          "oktober", "november", "december"]


def generated(rng: random.Random, n: int) -> list[docs.Para]:
    """One council's minutes of a realistic size: 6-16 people in three sections, 5-12
    items of one to four paragraphs, decisions, next meetings, signatures, a contact."""
    place = rng.choice(PLACES)
    year = rng.randint(2015, 2024)
    month = rng.randint(1, 11)
    day = rng.randint(1, 28)
    paras = [docs.Para("title", f"{place}s lokala brottsförebyggande råd"),
             docs.Para("text", f"Tid: {year}-{month:02d}-{day:02d} kl. 15.00–17.00"),
             docs.Para("text", f"Plats: {place} stadsdelsförvaltning, sal {rng.randint(1, 9)}")]
    people: list[str] = []
    for section in ("Närvarande", "Anmält förhinder", "Adjungerade"):
        paras.append(docs.Para("heading", section))
        for _ in range(rng.randint(1, 7) if section == "Närvarande" else rng.randint(0, 4)):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if name in people:
                continue
            people.append(name)
            paras.append(docs.Para("text", f"{name}, {rng.choice(ROLES)}, {rng.choice(ORGS)}"))
    people = people or ["Anna Berg"]
    for number in range(1, rng.randint(5, 12) + 1):
        paras.append(docs.Para("heading", f"§ {number} {rng.choice(TITLES)}"))
        for _ in range(rng.randint(1, 4)):
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 60)))
            paras.append(docs.Para("text", sentence[:1].upper() + sentence[1:] + "."))
        if rng.random() < 0.5:
            paras.append(docs.Para("text", "Beslut: Rådet beslutar att " +
                                   " ".join(rng.choice(WORDS) for _ in range(10)) + "."))
    paras.append(docs.Para("heading", "Kommande möten"))
    for _ in range(rng.randint(1, 3)):
        paras.append(docs.Para("text", f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year + 1} "
                                       "kl. 15.00–17.00"))
    paras.append(docs.Para("heading", "Vid protokollet"))
    paras.append(docs.Para("text", people[-1]))
    paras.append(docs.Para("heading", "Justeras"))
    paras.append(docs.Para("text", people[0]))
    paras.append(docs.Para("text", f"Kontakt: {people[-1]}, 08-508 {n:02d} 000, "
                                   f"minutes{n}@example.org"))
    return paras


def to_text(paras: list[docs.Para]) -> bytes:
    lines: list[str] = []
    for p in paras:
        if p.kind in ("title", "heading"):
            lines += ["", p.text + (":" if p.kind == "heading" and "§" not in p.text else "")]
        else:
            lines.append(p.text)
    return ("\n".join(lines).strip() + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="write the generated files here, and keep them")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="brotui-import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    seed_doc = docs.seed_document()
    seeds = {"text": SEED.read_bytes(), "docx": docs.to_docx(seed_doc),
             "odt": docs.to_odt(seed_doc), "pdf": docs.to_pdf(seed_doc)}
    (work / "seed.pdf").write_bytes(seeds["pdf"])

    rows: list[tuple[str, str, str, str]] = []
    for kind, data in seeds.items():
        whole = timed(lambda data=data, kind=kind: import_bytes(data, name=f"seed.{kind}"),
                      args.runs)
        reading = timed(lambda data=data, kind=kind: read_blocks(data, kind), args.runs)
        floors: list[tuple[str, list[float]]] = []
        if kind == "text":
            floors.append(("the canonical dump and validation of the archived protocol",
                           timed(floor_save, args.runs)))
            floors.append(("bytes decoded and split into lines",
                           timed(lambda data=data: floor_text(data), args.runs)))
        elif kind == "docx":
            floors.append(("python-docx opens it, reads every paragraph and cell",
                           timed(lambda data=data: floor_docx(data), args.runs)))
        elif kind == "odt":
            floors.append(("odfpy loads it, extracts every paragraph",
                           timed(lambda data=data: floor_odt(data), args.runs)))
        else:
            floors.append(("pdftotext -layout, a process",
                           timed(floor_pdftotext(work / "seed.pdf"), args.runs)))
            floors.append(("PDFium's own text extraction, in process",
                           timed(lambda data=data: floor_pdfium(data), args.runs)))
        first = floors[0]
        ratio = statistics.median(whole) / statistics.median(first[1])
        rows.append((f"seed as {kind} ({len(data) / 1000:.0f} kB): import", summary(whole),
                     f"{summary(first[1])} ({first[0]})", f"{ratio:.1f}x"))
        rows.append((f"seed as {kind}: reading only (blocks)", summary(reading), "", ""))
        for label, times in floors[1:]:
            rows.append((f"seed as {kind}: floor", summary(times), f"({label})", ""))

    # 200 files in a folder: half text, a quarter DOCX, a quarter PDF.
    rng = random.Random(17)
    folder = work / "minutes"
    folder.mkdir(exist_ok=True)
    made = time.perf_counter()
    files: list[tuple[str, Path]] = []
    for n in range(args.files):
        paras = generated(rng, n)
        kind = "text" if n % 4 in (0, 2) else ("docx" if n % 4 == 1 else "pdf")
        data = {"text": to_text, "docx": docs.to_docx, "pdf": docs.to_pdf}[kind](paras)
        path = folder / f"{n:03d}.{ {'text': 'txt'}.get(kind, kind) }"
        path.write_bytes(data)
        files.append((kind, path))
    made = time.perf_counter() - made
    per_kind: dict[str, list[float]] = {"text": [], "docx": [], "pdf": []}
    floors_bulk: dict[str, list[float]] = {"text": [], "docx": [], "pdf": []}
    problems = unaccounted = 0
    began = time.perf_counter()
    for kind, path in files:
        t0 = time.perf_counter()
        result = import_file(path)
        per_kind[kind].append(time.perf_counter() - t0)
        problems += sum(1 for p in result.report.problems if p.is_error)
        unaccounted += len(result.report.unaccounted)
    total = time.perf_counter() - began
    for kind, path in files:
        data = path.read_bytes()
        t0 = time.perf_counter()
        if kind == "text":
            floor_text(data)
        elif kind == "docx":
            floor_docx(data)
        else:
            floor_pdfium(data)
        floors_bulk[kind].append(time.perf_counter() - t0)
    for kind in ("text", "docx", "pdf"):
        floor_name = {"text": "decoding", "docx": "python-docx reading",
                      "pdf": "PDFium's text extraction"}[kind]
        ratio = statistics.median(per_kind[kind]) / statistics.median(floors_bulk[kind])
        rows.append((f"bulk: one {kind} file of {len(per_kind[kind])}", summary(per_kind[kind]),
                     f"{summary(floors_bulk[kind])} ({floor_name})", f"{ratio:.1f}x"))
    rows.append((f"bulk: {args.files} files one after the other", f"{total * 1000:.0f} total",
                 f"{sum(sum(v) for v in floors_bulk.values()) * 1000:.0f} total (the floors)",
                 f"{total / sum(sum(v) for v in floors_bulk.values()):.1f}x"))

    print(f"`python benchmarks/importing.py --runs {args.runs} --files {args.files}`, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Python "
          f"{platform.python_version()}, {platform.machine()}; times in ms, median (min–max) "
          f"of {args.runs} runs after a warm-up.\n")
    print("| measure | brotui | floor | brotui / floor |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nThe {args.files} generated files (made in {made:.0f} s) gave {problems} validation "
          f"errors and {unaccounted} unaccounted words.")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
