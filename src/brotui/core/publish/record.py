"""What an export is made from and how: the minutes at a revision with their signatures
and corrections, and the options (language, an extract's items, the public copy)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from brotui.core.model import Protocol
from brotui.i18n import language

PDF, DOCX, MD, HTML = "pdf", "docx", "md", "html"
FORMATS = (PDF, DOCX, MD, HTML)
SUFFIXES = {PDF: ".pdf", DOCX: ".docx", MD: ".md", HTML: ".html"}
MEDIA_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    MD: "text/markdown; charset=utf-8",
    HTML: "text/html; charset=utf-8",
}

# Bumped when the layout changes, so a bulk export rewrites what it wrote before.
LAYOUT_VERSION = 1


@dataclass(frozen=True)
class Signature:
    """One signature of justerade minutes: who, in which role ("Ordförande",
    "Justerare"), on which day, and the commit that is the signature (if any)."""

    name: str
    role: str
    date: dt.date
    commit: str | None = None


@dataclass(frozen=True)
class Correction:
    """One correction ("rättelse") to justerade minutes: when, by whom, why, and a
    summary of what changed."""

    date: dt.date
    who: str
    reason: str
    summary: str


@dataclass(frozen=True, eq=False)
class Enclosure:
    """One attachment (bilaga) that goes out with the minutes: its file name, its MIME type
    (from the type recognised from its content), its git blob id (what a bulk export's
    manifest compares) and how to read its bytes (only when a PDF is made: a bulk export
    that finds a file unchanged reads none)."""

    name: str
    media_type: str
    oid: str
    read: Callable[[], bytes]
    size: int = 0


@dataclass(frozen=True, eq=False)
class Minutes:
    """One protocol as it is exported: its id, the protocol at `revision` (a commit id;
    None for text not yet saved), the signatures and corrections of its record, and
    when the revision was saved (dates the YAML embedded in a PDF; None: now), and the
    attachments the PDF/A-3b embeds beside the YAML (the other formats list them by name,
    as the items' entries say)."""

    protocol_id: str
    protocol: Protocol
    revision: str | None = None
    signatures: tuple[Signature, ...] = ()
    corrections: tuple[Correction, ...] = ()
    saved: dt.datetime | None = None
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True)
class Options:
    """How to export: the language of the labels (None: the program's), the items of an
    extract (None: the whole minutes) and whether to make the public copy."""

    lang: str | None = None
    items: tuple[int | str, ...] | None = None  # 17, "17a" (model.Item.key)
    public: bool = False

    @property
    def language(self) -> str:
        return self.lang or language()

    def key(self) -> str:
        """A short stable digest of the options, for a bulk export's manifest."""
        data = {"lang": self.language, "items": list(self.items) if self.items else None,
                "public": self.public, "layout": LAYOUT_VERSION}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]

    @classmethod
    def from_view(cls, view: str, lang: str | None = None) -> Options:
        """The options whose view() is `view` (as a PDF's keywords record it), so the
        same view can be made again from the archive and compared."""
        items: tuple[int | str, ...] | None = None
        public = False
        for part in view.split():
            if part == "public" or part.startswith("public:"):
                public = True
                lang = part.partition(":")[2] or lang
            elif part.startswith("extract:"):
                items = tuple(int(n) if n.isdigit() else n
                              for n in part.removeprefix("extract:").split("+") if n)
            elif part != "full":
                raise ValueError(f"unknown view {part!r}")
        return cls(lang=lang, items=items, public=public)

    def view(self) -> str:
        """What the options make, as the PDF's metadata records it: `full`, `public:sv`
        (the language names the mask, "[maskerat]"), `extract:4+6` or `public:sv
        extract:4+6` (no commas: the PDF's keywords are a list separated by commas)."""
        parts = [f"public:{self.language}"] if self.public else []
        if self.items is not None:
            parts.append("extract:" + "+".join(str(n) for n in self.items))
        return " ".join(parts) or "full"
