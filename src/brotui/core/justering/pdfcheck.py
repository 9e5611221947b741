"""`brotui verify FILE.pdf`: which minutes a PDF brotui wrote holds, whether that revision
is in the archive, whether its embedded text is the archive's, and whether the minutes
were justerade then and are now (brotui.core.publish.read_pdf reads what the PDF says
of itself: id, revision, view and the embedded YAML)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from brotui.core import codec
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.core.justering.messages import say
from brotui.core.justering.state import APPROVED, DRAFT, REVIEW

MAX_PDF = 200_000_000


@dataclass
class PdfVerdict:
    file: str
    id: str | None = None
    revision: str | None = None
    view: str = ""
    in_archive: bool = False
    same_text: bool | None = None
    status_then: str | None = None
    status_now: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        if self.id is None:
            return self.problems
        head = (say("pdf_is", file=self.file, id=self.id, revision=self.revision[:12],
                    view=self.view) if self.revision
                else say("pdf_unsaved", file=self.file, id=self.id, view=self.view))
        out = [head]
        if self.in_archive and self.status_then:
            out.append(say("pdf_in_archive", state=_state(self.status_then)))
            if self.status_now:
                out.append(say("pdf_now", state=_state(self.status_now)))
            out.append(say("pdf_yaml_same" if self.same_text else "pdf_yaml_differs"))
        out += [p for p in self.problems if p not in out]
        return out

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "id": self.id, "revision": self.revision, "view": self.view,
                "in_archive": self.in_archive, "same_text": self.same_text,
                "status_then": self.status_then, "status_now": self.status_now,
                "justerad_then": self.status_then == APPROVED,
                "justerad_now": self.status_now == APPROVED, "ok": self.ok,
                "problems": self.problems}


def _state(status: str) -> str:
    return say("state_" + status) if status in (DRAFT, REVIEW, APPROVED) else status


def check_pdf(archive: Archive, name: str) -> PdfVerdict:
    from brotui.core.publish import read_pdf, source_yaml, view

    v = PdfVerdict(name)
    try:
        path = Path(name)
        if path.stat().st_size > MAX_PDF:
            raise OSError("too large")
        data = path.read_bytes()
        src = read_pdf(data, name)
    except (OSError, BrotuiError) as exc:
        v.problems.append(exc.message if isinstance(exc, BrotuiError) else f"{name}: {exc}")
        return v
    v.id, v.revision, v.view = src.protocol_id, src.revision, src.view
    if not src.revision:
        v.problems.append(say("pdf_not_in_archive", revision="-"))
        return v
    commit = archive.git.try_text("rev-parse", "-q", "--verify", f"{src.revision}^{{commit}}")
    if commit is None:
        v.problems.append(say("pdf_not_in_archive", revision=src.revision[:12]))
        return v
    try:
        then = archive.load(src.protocol_id, commit)
    except BrotuiError:
        v.problems.append(say("pdf_not_this", revision=src.revision[:12], id=src.protocol_id))
        return v
    v.in_archive = True
    v.status_then = then.status
    try:
        v.status_now = archive.load(src.protocol_id).status
    except BrotuiError:
        v.status_now = None
    from brotui.core.justering.export import minutes

    try:
        shown = view(minutes(archive, src.protocol_id, commit), src.options())
        v.same_text = source_yaml(shown) == src.source or \
            codec.load(src.source).protocol == shown.protocol
    except (BrotuiError, ValueError):
        v.same_text = False
    if not v.same_text:
        v.problems.append(say("pdf_yaml_differs"))
    return v
