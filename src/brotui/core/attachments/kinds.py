"""The types of file an attachment may be, told from the content (never from the name).

Kept: PDF, PNG, JPEG, GIF, WebP; Word, Excel and PowerPoint documents (OOXML: a zip
whose `[Content_Types].xml` names the document's main part) and OpenDocument text,
spreadsheets and presentations (a zip whose first entry, `mimetype`, says which);
UTF-8 text, Markdown and CSV. Refused, each with a sentence: programs (ELF, Windows,
Mach-O, Java, WebAssembly), scripts (`#!`), packed archives (zip, gzip, 7z, RAR, tar,
bzip2, xz, zstd), web pages, XML and SVG, old Office files and RTF (they carry macros
and objects), office files with macros or embedded programs, encrypted files, zip
bombs, empty files and any binary not recognised. Nothing in a file is ever run.

The name's extension must say the type (`Bildspel.pdf` for a PDF): a name without one
gets the type's own (`Bildspel` -> `Bildspel.pdf`); a name that says another type is
refused, so what a name promises is what a person's program opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brotui.core.attachments.errors import AttachmentRefused, refuse
from brotui.core.attachments.names import split


@dataclass(frozen=True)
class Kind:
    """A type of attachment: `key` ("pdf", "docx", "text"...), how people name it, the
    extensions its names may have (the first is given to a name without one), its MIME
    type, and whether its text can be read in the terminal."""

    key: str
    label: str
    extensions: tuple[str, ...]
    mime: str
    readable: bool = False


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("pdf", "PDF", (".pdf",), "application/pdf", True),
    Kind("png", "PNG", (".png",), "image/png"),
    Kind("jpeg", "JPEG", (".jpg", ".jpeg"), "image/jpeg"),
    Kind("gif", "GIF", (".gif",), "image/gif"),
    Kind("webp", "WebP", (".webp",), "image/webp"),
    Kind("docx", "Word (DOCX)", (".docx",),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True),
    Kind("xlsx", "Excel (XLSX)", (".xlsx",),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    Kind("pptx", "PowerPoint (PPTX)", (".pptx",),
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    Kind("odt", "OpenDocument (ODT)", (".odt",), "application/vnd.oasis.opendocument.text",
         True),
    Kind("ods", "OpenDocument (ODS)", (".ods",),
         "application/vnd.oasis.opendocument.spreadsheet"),
    Kind("odp", "OpenDocument (ODP)", (".odp",),
         "application/vnd.oasis.opendocument.presentation"),
    Kind("text", "text", (".txt", ".text"), "text/plain", True),
    Kind("markdown", "Markdown", (".md", ".markdown"), "text/markdown", True),
    Kind("csv", "CSV", (".csv",), "text/csv", True),
)}
_BY_EXTENSION = {ext: kind for kind in KINDS.values() for ext in kind.extensions}
_TEXT_KINDS = ("text", "markdown", "csv")

_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml":
        "pptx",
}
_ODF = {"application/vnd.oasis.opendocument.text": "odt",
        "application/vnd.oasis.opendocument.spreadsheet": "ods",
        "application/vnd.oasis.opendocument.presentation": "odp"}
_PROGRAMS: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "ELF"), (b"MZ", "Windows EXE/DLL"), (b"\xfe\xed\xfa\xce", "Mach-O"),
    (b"\xfe\xed\xfa\xcf", "Mach-O"), (b"\xce\xfa\xed\xfe", "Mach-O"),
    (b"\xcf\xfa\xed\xfe", "Mach-O"), (b"\xca\xfe\xba\xbe", "Mach-O / Java"),
    (b"\x00asm", "WebAssembly"), (b"dex\n", "Android DEX"),
)
_ARCHIVES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x05\x06", "ZIP"), (b"PK\x07\x08", "ZIP"), (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "RAR"), (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zstd"), (b"MSCF", "CAB"),
    (b"\xed\xab\xee\xdb", "RPM"), (b"!<arch>\n", "ar/deb"),
)
_MARKUP_RE = re.compile(rb"\s*<(?:!doctype\s+(\w+)|\?xml|(svg|html|head|body|script|iframe)\b)",
                        re.I)
# Office parts that hold code: VBA macros, ActiveX controls, embedded OLE objects (which
# can be any program, wrapped by Windows' packager).
_CODE_PART_RE = re.compile(r"(?:^|/)(?:vbaProject\.bin|vbaData\.xml|activeX/|oleObject[^/]*\.bin"
                           r"|embeddings/[^/]*\.(?:bin|exe|com|bat|cmd|scr|js|vbs|ps1))$|"
                           r"^(?:Basic|Scripts)/", re.I)
_CONTENT_TYPE_RE = re.compile(rb"""ContentType\s*=\s*["']([^"']+)["']""")
MAX_CONTENT_TYPES = 1_000_000


def by_name(name: str) -> Kind | None:
    """The kind a name's extension says (what a listing shows without reading the file)."""
    return _BY_EXTENSION.get(split(name)[1])


def recognise(data: bytes, name: str) -> tuple[Kind, str]:
    """The kind of a file from its content and the name it is kept under (the given one,
    with the kind's extension added if it has none); AttachmentRefused saying why not."""
    kind = _kind(data, name)
    stem, ext = split(name)
    if not ext:
        return kind, name + kind.extensions[0]
    if ext not in kind.extensions:
        if kind.key in _TEXT_KINDS and ext not in _BY_EXTENSION:
            refuse("wrong_extension", kind=kind.label, ext=ext, suggest=stem + ".txt")
        refuse("wrong_extension", kind=kind.label, ext=ext, suggest=stem + kind.extensions[0])
    return kind, name


def _kind(data: bytes, name: str) -> Kind:
    if not data:
        refuse("empty")
    if data.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data.startswith((b"GIF87a", b"GIF89a")):
        return KINDS["gif"]
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return KINDS["webp"]
    if data.startswith(b"PK\x03\x04"):
        return _zipped(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        refuse("old_office")
    for magic, what in _PROGRAMS:
        if data.startswith(magic):
            refuse("program", what=what)
    if data.startswith(b"#!"):
        refuse("script")
    for magic, what in _ARCHIVES:
        if data.startswith(magic):
            refuse("archive", what=what)
    if len(data) > 262 and data[257:262] == b"ustar":
        refuse("archive", what="tar")
    return _text(data, name)


def _text(data: bytes, name: str) -> Kind:
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if body.lstrip()[:6].lower() == b"{\\rtf1" or body.lstrip()[:5].lower() == b"{\\rtf":
        refuse("rtf")
    markup = _MARKUP_RE.match(body[:1024])
    if markup:
        what = (markup.group(1) or markup.group(2) or b"xml").decode("ascii").upper()
        refuse("markup", what="SVG" if what == "SVG" or b"<svg" in body[:4096].lower()
               else "XML" if what == "XML" else "HTML")
    if b"\x00" in body[:8192] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        from brotui.core.attachments.messages import msg

        refuse("unknown_type", what=msg("what_unknown"))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        from brotui.core.attachments.messages import msg

        if sum(1 for b in body[:4096] if b < 9 or 13 < b < 32) > 8:
            refuse("unknown_type", what=msg("what_unknown"))
        refuse("not_utf8", byte=f"0x{body[exc.start]:02x}", line=body.count(b"\n", 0, exc.start)
               + 1)
    control = _CONTROL_RE.search(text)
    if control:
        char = control.group()
        if char == "\x00" or sum(1 for c in text[:4096] if _CONTROL_RE.match(c)) > 8:
            from brotui.core.attachments.messages import msg

            refuse("unknown_type", what=msg("what_unknown"))
        refuse("control", char=f"U+{ord(char):04X}", line=text.count("\n", 0, control.start()) + 1)
    ext = split(name)[1]
    guessed = _BY_EXTENSION.get(ext)
    return guessed if guessed is not None and guessed.key in _TEXT_KINDS else KINDS["text"]


# Control characters a text attachment may not hold: all C0 but tab, newline, form feed
# and carriage return; DEL; the C1 controls.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _zipped(data: bytes) -> Kind:
    """An office document (OOXML or OpenDocument) without code in it, or a refusal."""
    from brotui.core.importing.errors import ImportRefused
    from brotui.core.importing.zipcheck import open_zip

    try:
        archive = open_zip(data)
    except ImportRefused as exc:
        if exc.key == "refused_zip_bomb":
            refuse("zip_bomb")
        if exc.key == "refused_encrypted":
            refuse("encrypted")
        refuse("damaged", kind="ZIP", detail="BadZipFile")
    try:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        kind = None
        if infos and infos[0].filename == "mimetype" and infos[0].file_size <= 200:
            mime = archive.read(infos[0]).decode("ascii", "replace").strip()
            kind = _ODF.get(mime)
            if kind is None:
                refuse("unknown_type", what=mime or "OpenDocument")
        elif "[Content_Types].xml" in names:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_CONTENT_TYPES:
                refuse("zip_bomb")
            types = [m.decode("utf-8", "replace").strip().lower() for m in
                     _CONTENT_TYPE_RE.findall(archive.read(info))]
            mains = [_OOXML_MAIN[t] for t in types if t in _OOXML_MAIN]
            code = next((t for t in types if "macroenabled" in t or "vbaproject" in t), None)
            if code is not None:
                refuse("macros", kind="Office", part=code)
            if not mains:
                refuse("unknown_type", what="Office Open XML")
            kind = mains[0]
        else:
            refuse("archive", what="ZIP")
        label = KINDS[kind].label
        part = next((n for n in names if _CODE_PART_RE.search(n)), None)
        if part is not None:
            refuse("macros", kind=label, part=part)
        return KINDS[kind]
    except AttachmentRefused:
        raise
    except Exception as exc:  # a damaged member: zipfile raises many kinds of error
        refuse("damaged", kind="ZIP", detail=type(exc).__name__)
    finally:
        archive.close()
