"""Minutes that staff already have, from text, Markdown, Word, OpenDocument and PDF,
into a schema-1 protocol with a report of what was found where.

    imported = import_bytes(data, name="2020-02-20.docx")
    imported.protocol      # brotui.core.model.Protocol
    imported.yaml          # its canonical YAML (what a save would write)
    imported.report        # Report: found, missing, left_out, notes, unaccounted, problems
    imported.protocol_id   # "hagersten-liljeholmen/2020-02-20", or None without a date

A file that is not minutes we can read raises `ImportRefused` with a sentence
(empty, too large, an image, a scanned PDF, a shopping list) and nothing is made.
The type of a file is told from its content, never from its name; the size is
checked before a byte is parsed; nothing in a file is ever run. No Textual here:
the CLI and the TUI call these functions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from brotui.core import codec, validate
from brotui.core.importing.blocks import Block, Place, Read
from brotui.core.importing.errors import ImportRefused, refuse
from brotui.core.importing.messages import MESSAGES, msg
from brotui.core.importing.parser import parse
from brotui.core.importing.report import (
    Finding,
    LeftOut,
    Note,
    Report,
    Unaccounted,
    account,
)
from brotui.core.model import SLUG_RE, Protocol

__all__ = [
    "KINDS", "MAX_BYTES", "MESSAGES", "Block", "Finding", "ImportRefused", "Imported", "LeftOut",
    "Note", "Place", "Report", "Unaccounted", "detect", "import_bytes", "import_file",
    "msg", "read_blocks", "slug_for",
]

MAX_BYTES = 20_000_000  # as people count megabytes, and as sizes are shown
KINDS = ("text", "markdown", "docx", "odt", "pdf")
_MARKDOWN_NAMES = (".md", ".markdown", ".mdown")

# Formats we recognise in order to refuse them by name: (magic bytes, what it is).
_KNOWN_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"\x7fELF", "ELF"), (b"MZ", "EXE"),
    (b"\x1f\x8b", "gzip"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!", "RAR"),
    (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"ID3", "MP3"), (b"OggS", "Ogg"),
    (b"RIFF", "RIFF"), (b"\x00\x00\x00", "MP4"), (b"SQLite format 3\x00", "SQLite"),
)


@dataclass
class Imported:
    """An import's result: the protocol, its canonical YAML and the report."""

    protocol: Protocol
    yaml: str
    report: Report

    @property
    def protocol_id(self) -> str | None:
        return self.report.protocol_id


def detect(data: bytes, name: str | None = None) -> str:
    """The kind of a file from its first bytes (text, markdown, docx, odt, pdf), or a
    refusal naming what it is instead. The name only tells Markdown from plain text."""
    if not data.strip():
        refuse("refused_empty")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        refuse("refused_old_office")
    if data.lstrip()[:5].lower() == b"{\\rtf":
        refuse("refused_rtf")
    lowered = data.lstrip()[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        refuse("refused_html")
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        for magic, what in _KNOWN_BINARIES:
            if data.startswith(magic):
                refuse("refused_binary", what=what)
        sample = data[:8192]
        if b"\x00" in sample or _controls(sample) > max(8, len(sample) // 100):
            refuse("refused_binary", what=msg("what_unknown"))
    if name and name.casefold().endswith(_MARKDOWN_NAMES):
        return "markdown"
    from brotui.core.importing.read_text import looks_like_markdown

    try:
        sample_text = data[:65536].decode("utf-8", "ignore")
    except Exception:  # pragma: no cover - ignore never raises
        sample_text = ""
    return "markdown" if looks_like_markdown(sample_text) else "text"


def _controls(sample: bytes) -> int:
    return sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))


def _zip_kind(data: bytes) -> str:
    from brotui.core.importing.zipcheck import open_zip

    archive = open_zip(data)
    try:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names:
            mime = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
            if mime == "application/vnd.oasis.opendocument.text":
                return "odt"
            refuse("refused_binary", what=mime)
        if "xl/workbook.xml" in names:
            refuse("refused_binary", what="XLSX")
        if "ppt/presentation.xml" in names:
            refuse("refused_binary", what="PPTX")
        refuse("refused_binary", what="ZIP")
    finally:
        archive.close()


def read_blocks(data: bytes, kind: str) -> Read:
    """The blocks of a file of a known kind (see `detect`)."""
    if kind in ("text", "markdown"):
        from brotui.core.importing.read_text import read_text

        return read_text(data, markdown=kind == "markdown")
    if kind == "docx":
        from brotui.core.importing.read_docx import read_docx

        return read_docx(data)
    if kind == "odt":
        from brotui.core.importing.read_odt import read_odt

        return read_odt(data)
    if kind == "pdf":
        from brotui.core.importing.read_pdf import read_pdf

        return read_pdf(data)
    raise ValueError(f"unknown kind {kind!r}")


def import_file(path: str | Path, *, council: str | None = None, slug: str | None = None,
                lang: str | None = None) -> Imported:
    """Import one file from disk: its size is checked before it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            refuse("refused_too_large", size=_size(size, lang), limit=_size(MAX_BYTES, lang))
        data = path.read_bytes()
    except OSError as exc:
        refuse("refused_unreadable", detail=exc.strerror or type(exc).__name__)
    return import_bytes(data, name=path.name, council=council, slug=slug, lang=lang)


def import_bytes(data: bytes, *, name: str = "-", council: str | None = None,
                 slug: str | None = None, lang: str | None = None) -> Imported:
    """Import minutes from a file's bytes.

    `name` is the file's name for the report (and tells Markdown by `.md`); `council`
    is the council's full name to use instead of the text's own (the text's is
    reported); `slug` the council's slug for the id (default: made from the name,
    with a note); `lang` the language of the report's sentences and of refusals."""
    if len(data) > MAX_BYTES:
        refuse("refused_too_large", size=_size(len(data), lang), limit=_size(MAX_BYTES, lang))
    kind = detect(data, name)
    read = read_blocks(data, kind)
    if not read.blocks:
        refuse("refused_empty")
    parsed = parse(read.blocks, council=council, ui_lang=lang)
    s = parsed.signals
    minutes = ((s["date"] and (s["items"] or s["attendees"] or s["labels"] >= 2))
               or (s["items"] >= 2 and (s["attendees"] or s["labels"] >= 2 or s["council"])))
    if not minutes:
        refuse("refused_not_minutes", kind=msg("kind_" + kind, lang))
    protocol = parsed.protocol
    report = Report(source=name, kind=kind, size=len(data),
                    sha256=hashlib.sha256(data).hexdigest())
    report.found = sorted(parsed.found, key=_field_order)
    report.notes = [Note(p, k, tuple(v.items())) for p, k, v in read.notes] + parsed.notes
    report.left_out = [LeftOut(d.place, d.text, d.reason) for d in read.dropped
                       if d.text] + parsed.left_out
    report.left_out.sort(key=lambda x: x.place.sort_key() if x.place else (0, 0, 0, 0, 0))
    report.unaccounted = account(read.blocks, protocol, report.left_out)
    report.missing = _missing(protocol)
    council_slug = slug or (slug_for(protocol.council) if protocol.council else None)
    if council_slug and not slug:
        report.notes.append(Note(None, "note_slug", (("slug", council_slug),)))
    if council_slug and SLUG_RE.fullmatch(council_slug) and protocol.date:
        report.protocol_id = f"{council_slug}/{protocol.date.isoformat()}"
    text = codec.dump(protocol)
    checked = validate.check(text, report.protocol_id)
    report.problems = list(checked.problems)
    return Imported(protocol, text, report)


_FIELD_ORDER = ("council", "date", "start", "end", "location", "status", "chair", "secretary",
                "adjusters", "attendees", "items", "next_meetings", "contact")
_SUB_ORDER = ("number", "title", "text", "decisions", "attachments", "name", "phone", "email")


def _field_order(finding: Finding) -> tuple[int, int, int, int]:
    """Findings in the order of the file: header, attendees, items (each part in
    turn), next meetings, contact."""
    m = re.match(r"([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?(?:\[(\d+)\])?", finding.field)
    if not m:
        return (99, 0, 0, 0)
    top = _FIELD_ORDER.index(m[1]) if m[1] in _FIELD_ORDER else 98
    sub = _SUB_ORDER.index(m[3]) if m[3] in _SUB_ORDER else 0
    return (top, int(m[2] or 0), sub, int(m[4] or 0))


def _missing(p: Protocol) -> list[str]:
    out = [key for key in ("council", "date", "start", "end", "location", "chair", "secretary")
           if getattr(p, key) is None]
    if not p.adjusters:
        out.append("adjusters")
    if not p.attendees:
        out.append("attendees")
    if not p.next_meetings:
        out.append("next_meetings")
    if p.contact is None:
        out.append("contact")
    return out


def _size(size: int, lang: str | None) -> str:
    from brotui.i18n import size_texts

    return size_texts(size, MAX_BYTES, lang=lang)[0]


_COUNCIL_WORDS = {"lokala", "lokalt", "lokal", "brottsförebyggande", "brottsförebyggandet",
                  "råd", "rådet", "brå", "trygghetsråd", "trygghetsrådet", "samverkansråd",
                  "i", "för", "the", "of", "local", "crime", "prevention", "community",
                  "safety", "council", "partnership", "and", "och", "trygghet", "forum",
                  "arbete", "samverkan", "grupp", "möte", "protokoll"}


def slug_for(council: str) -> str:
    """A slug for a council's name: the place's name, without the words every council
    has ("lokala brottsförebyggande råd") and the genitive s before them, in ASCII:
    "Hägersten-Liljeholmens lokala brottsförebyggande råd" -> "hagersten-liljeholmen",
    "Brottsförebyggande rådet i Skärholmen" -> "skarholmen". A name that ends in s of its
    own (Borås, Kramfors) keeps it; the import's report says where the slug came from."""
    words = [w.strip(",.:;()–-") for w in council.split()]
    runs: list[list[str]] = [[]]
    for i, word in enumerate(words):
        if word.casefold() in _COUNCIL_WORDS:
            if runs[-1]:
                runs.append([])
            continue
        following = words[i + 1].casefold() if i + 1 < len(words) else ""
        if following in _COUNCIL_WORDS and word.endswith("s") and not re.search(
                r"(?:ås|ss|ors|näs|x|z)s?$", word.casefold()):
            word = word[:-1]
        runs[-1].append(word)
    kept = next((run for run in runs if run), words)
    text = unicodedata.normalize("NFKD", " ".join(kept).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "council"


# `refuse` and `ImportRefused` are the refusal API; `refuse` is re-exported for readers.
_ = refuse
