"""The minutes as PDF/A-3b: the HTML page (html.py) printed by WeasyPrint, fonts embedded,
with the protocol's own YAML inside as an embedded file.

WeasyPrint writes the PDF/A identification (pdfaid:part 3, conformance B) into the XMP
metadata, an sRGB output intent, and subsets and embeds every font; PDF/A-3 allows the
source to ride along as an associated file (relationship Source). The file is always
named `protocol.yaml` (EMBEDDED_NAME) and holds the canonical YAML of exactly what the
PDF shows (the public copy's, an extract's); the document's keywords, in the Info
dictionary and the XMP alike, say which protocol, revision and view it is:
`brotui-id=<id>, brotui-revision=<commit>, brotui-view=<full|public:sv|extract:4+6|...>`.
`read_pdf()` reads those back, so a PDF carries its machine-readable source.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from brotui.core import codec
from brotui.core.errors import BrotuiError
from brotui.core.publish.catalogue import label
from brotui.core.publish.html import render_html
from brotui.core.publish.layout import Doc
from brotui.core.publish.record import Enclosure, Options

EMBEDDED_NAME = "protocol.yaml"
PDF_VARIANT = "pdf/a-3b"
# The attachments' relationship to the minutes (ISO 32000-2, 7.11.3): material that goes
# with the record and is neither its source nor data the pages are drawn from.
ENCLOSURE_RELATIONSHIP = "Supplement"
_SCHEME = "brotui-attachment"
YAML_TYPE = "application/yaml"  # RFC 9512

# WeasyPrint reports CSS it does not use and fonts it substitutes on its logger, which
# Python's last-resort handler would print on the terminal of the person exporting.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def render_pdf(doc: Doc, source: bytes, saved: dt.datetime | None = None,
               enclosures: Sequence[Enclosure] = ()) -> bytes:
    """The Doc as PDF/A-3b bytes with `source` (the YAML) embedded as EMBEDDED_NAME and
    each of `enclosures` (the protocol's attachments) as an embedded file of its own name
    and MIME type, relationship Supplement. `saved`, the time of the revision, dates the
    embedded files (else: now)."""
    from weasyprint import HTML, Attachment, URLFetcher  # a second to import: only here
    from weasyprint.urls import URLFetcherResponse

    when = saved or dt.datetime.now(dt.UTC)
    description = f"{doc.protocol_id} {doc.revision or ''} {doc.view}".replace("  ", " ")
    # (name, MIME type, bytes, relationship, description), the YAML first
    files: list[tuple[str, str, Callable[[], bytes], str, str]] = [
        (EMBEDDED_NAME, YAML_TYPE, lambda: source, "Source", description)]
    files += [(e.name, e.media_type, e.read, ENCLOSURE_RELATIONSHIP, e.name)
              for e in enclosures]

    class Embedded(URLFetcher):  # type: ignore[misc]
        """The embedded files' bytes under `brotui-attachment:N`, with their MIME type (a
        string source would have its type guessed from the name); nothing else."""

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            scheme, _, number = url.partition(":")
            if scheme != _SCHEME or not number.isdigit() or int(number) >= len(files):
                raise ValueError(f"not fetched: {url}")
            _name, media_type, read, _rel, _desc = files[int(number)]
            return URLFetcherResponse(url, read(), {"Content-Type": media_type})

    embedded = Embedded(fail_on_errors=True)
    attachments = [Attachment(url=f"{_SCHEME}:{n}", url_fetcher=embedded, name=name,
                              description=desc, relationship=rel, created=when,
                              modified=when)
                   for n, (name, _type, _read, rel, desc) in enumerate(files)]
    fetcher = URLFetcher(allowed_protocols=())  # the page needs nothing from outside
    page = HTML(string=render_html(doc), url_fetcher=fetcher)
    # weasyprint ships no types: say what write_pdf gives
    pdf: bytes = page.write_pdf(pdf_variant=PDF_VARIANT, attachments=attachments)
    return pdf


@dataclass(frozen=True)
class PdfSource:
    """What a PDF brotui wrote says about itself: the protocol's id, the revision
    (None if it was not saved), the view (`full`, `public:sv`, `extract:4+6`, ...), and the
    embedded YAML's bytes."""

    protocol_id: str
    revision: str | None
    view: str
    source: bytes

    @property
    def protocol(self) -> codec.Parsed:
        return codec.load(self.source)

    def options(self) -> Options:
        """The options that made this view (see Options.from_view); with them, `view()` of
        the protocol at `revision` gives back `source` (source_yaml) if the PDF is true."""
        return Options.from_view(self.view)


def read_pdf(data: bytes, name: str = "PDF") -> PdfSource:
    """The id, revision, view and YAML a PDF from render_pdf carries, or BrotuiError
    saying why it is not one (`name` is the file as the message names it)."""
    import pypdf
    from pypdf.errors import PyPdfError

    def refuse(reason: str) -> BrotuiError:
        return BrotuiError(label("pub_unreadable_pdf", file=name, reason=reason))

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        metadata = reader.metadata
        keywords = str(metadata.get("/Keywords", "")) if metadata is not None else ""
        files = reader.attachments.get(EMBEDDED_NAME) or []
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise refuse(str(exc) or type(exc).__name__) from exc
    fields = dict(part.strip().partition("=")[::2] for part in keywords.split(",") if "=" in part)
    if "brotui-id" not in fields:
        raise refuse("brotui-id")
    try:
        Options.from_view(fields.get("brotui-view", "full"))
    except ValueError as exc:
        raise refuse(str(exc)) from exc
    if not files:
        raise refuse(EMBEDDED_NAME)
    return PdfSource(fields["brotui-id"], fields.get("brotui-revision") or None,
                     fields.get("brotui-view", "full"), files[0])
