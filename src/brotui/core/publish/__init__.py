"""The minutes out of the terminal: PDF/A-3b, Word, Markdown and HTML, extracts, and the
public copy with what is not for publication masked. No Textual below this folder.

    from brotui.core.publish import Minutes, Options, export
    data = export(Minutes(protocol_id, protocol, revision), "pdf", Options(lang="sv"))

One layout (layout.py: the parts of the seed minutes in their order) is set in type
by html.py (a standalone page; the PDF is that page printed by WeasyPrint, pdf.py),
word.py (python-docx, Word's own styles) and markdown.py. `Options(items=(4, 6))`
makes an extract ("Utdrag ur protokoll"); `Options(public=True)` the public copy
(public.py documents the `[[dolt: …]]` mark and `public: false` on an attendee),
refused with PublicCopyRefused while a personal identity number is not masked.
`export_many()` (bulk.py) writes a folder of them with an index.html, rewriting
only what changed.
"""

from __future__ import annotations

from brotui.core import codec
from brotui.core.errors import EXIT_USAGE, BrotuiError
from brotui.core.publish.bulk import INDEX_NAME, MANIFEST_NAME, BulkReport, export_many, file_name
from brotui.core.publish.catalogue import MESSAGES, formal_date, label
from brotui.core.publish.idnumber import IdentityNumber, find_identity_numbers
from brotui.core.publish.layout import Doc, layout, view
from brotui.core.publish.pdf import EMBEDDED_NAME, PdfSource, read_pdf
from brotui.core.publish.public import (
    MARK_RE,
    Leak,
    PublicCopyRefused,
    check_public,
    find_leaks,
    is_named,
    public_view,
    split_marks,
)
from brotui.core.publish.record import (
    FORMATS,
    MEDIA_TYPES,
    SUFFIXES,
    Correction,
    Enclosure,
    Minutes,
    Options,
    Signature,
)

__all__ = [
    "EMBEDDED_NAME", "FORMATS", "INDEX_NAME", "MANIFEST_NAME", "MARK_RE", "MEDIA_TYPES",
    "MESSAGES", "SUFFIXES", "BulkReport", "Correction", "Doc", "Enclosure", "IdentityNumber",
    "Leak",
    "Minutes", "Options", "PdfSource", "PublicCopyRefused", "Signature", "UnknownFormat",
    "check_public", "export", "export_many", "file_name", "find_identity_numbers",
    "find_leaks", "formal_date", "is_named", "label", "layout", "prepare", "public_view",
    "read_pdf", "source_yaml", "split_marks", "view",
]


class UnknownFormat(BrotuiError):
    exit_code = EXIT_USAGE


def prepare(minutes: Minutes, options: Options) -> tuple[Minutes, Doc]:
    """The minutes as the export shows them (view) and their layout; raises
    PublicCopyRefused or BrotuiError (an extract's item that does not exist)."""
    shown = view(minutes, options)
    return shown, layout(shown, options)


def source_yaml(shown: Minutes) -> bytes:
    """The canonical YAML of what an export shows, as the PDF embeds it."""
    return codec.dump(shown.protocol).encode("utf-8")


def export(minutes: Minutes, fmt: str, options: Options | None = None) -> bytes:
    """The minutes in `fmt` (one of FORMATS: pdf, docx, md, html) as the bytes of a file.
    Markdown and HTML are UTF-8 text."""
    options = options or Options()
    if fmt not in FORMATS:
        raise UnknownFormat(label("pub_unknown_format", options.lang, format=fmt,
                                  formats=", ".join(FORMATS)))
    shown, doc = prepare(minutes, options)
    if fmt == "pdf":
        from brotui.core.publish.pdf import render_pdf

        return render_pdf(doc, source_yaml(shown), shown.saved, shown.enclosures)
    if fmt == "docx":
        from brotui.core.publish.word import render_docx

        return render_docx(doc)
    if fmt == "md":
        from brotui.core.publish.markdown import render_markdown

        return render_markdown(doc).encode("utf-8")
    from brotui.core.publish.html import render_html

    return render_html(doc).encode("utf-8")
