"""One protocol exported into a file: where it goes (the archive's export folder), which
revision it is, the refusal of a public copy that would leak, and the file written whole.
Both faces use it: `brotui export ID` and the view's export key."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.model import Protocol, id_to_path
from brotui.core.publish import export
from brotui.core.publish.bulk import file_name
from brotui.core.publish.catalogue import label
from brotui.core.publish.public import find_leaks
from brotui.core.publish.record import Correction, Enclosure, Minutes, Options, Signature
from brotui.i18n import t

if TYPE_CHECKING:
    from brotui.core.archive import Archive

FORMATS = ("pdf", "docx", "md", "html")


def export_folder(archive: Archive) -> Path:
    """Where an export goes when no file is named: `.brotui.yaml`'s `export: {folder: F}`
    (relative to the archive's folder), else `export/` under brotui's folder in the git
    directory (never the work tree: nothing there is ever committed by accident)."""
    section = archive.settings.get("export")
    folder = section.get("folder") if isinstance(section, dict) else None
    if isinstance(folder, str) and folder.strip():
        base = archive.work_tree or archive.git_dir
        return (base / os.path.expanduser(folder.strip())).resolve()
    return archive.state.path() / "export"


def last_change(archive: Archive, protocol_id: str, rev: str | None) -> tuple[str, dt.datetime]:
    """The commit that last changed the protocol at `rev` (the tip), and when."""
    start = archive.resolve(rev) if rev else archive.tip()
    found = archive.git.text("log", "-1", "--format=%H %ct", start or "HEAD", "--",
                             id_to_path(protocol_id)).split() if start else []
    if len(found) != 2:
        raise BrotuiError(t("err_unknown_id", id=protocol_id, where=rev or archive.branch))
    return found[0], dt.datetime.fromtimestamp(int(found[1]), tz=dt.UTC)


def refuse_leaks(protocol_id: str, protocol: Protocol, lines: dict[str, int],
                 lang: str | None = None) -> None:
    """Refuse a public copy while anything in it would leak, naming what and where."""
    leaks = find_leaks(protocol, lines=lines, lang=lang)
    if not leaks:
        return
    path = id_to_path(protocol_id)
    said = [label("pub_refused", lang, count=len(leaks))]
    said += [f"  {path}:{leak.file_line}: {leak.message(lang)}" if leak.file_line
             else f"  {path}: {leak.message(lang)}" for leak in leaks]
    raise BrotuiError("\n".join(said))


def target_name(protocol_id: str, fmt: str, items: Sequence[int | str] = (),
                public: bool = False) -> str:
    """The file's name in the export folder: the protocol's, marked as an extract or as
    the public copy, so that neither overwrites the full record's file."""
    name = file_name(protocol_id, fmt)
    stem, dot, suffix = name.rpartition(".")
    if items:
        stem += "-items-" + "-".join(str(n) for n in items)
    if public:
        stem += "-public"
    return f"{stem}{dot}{suffix}"


def write(target: Path, data: bytes) -> None:
    """The file whole or not at all (a reader never sees half a PDF)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise BrotuiError(label("pub_cannot_write", None, path=str(target),
                                reason=exc.strerror or type(exc).__name__)) from None


@dataclass(frozen=True)
class Exported:
    """What was written: the protocol at which commit, and the file's bytes (for `-o -`)."""

    protocol_id: str
    commit: str
    data: bytes


def render(archive: Archive, protocol_id: str, fmt: str, *, rev: str | None = None,
           public: bool = False, items: Sequence[int | str] = (),
           leak_lang: str | None = None) -> Exported:
    """The protocol at `rev` (the tip) as a file of format `fmt`, in the archive's
    language; a broken file, or a public copy that would leak, is refused with a
    sentence (in `leak_lang`, the program's language when None) naming what and where."""
    revision = archive.read(protocol_id, rev)
    parsed = revision.parsed()
    if not parsed.ok or parsed.protocol is None:
        path = id_to_path(protocol_id)
        raise InvalidProtocol(label("pub_broken", leak_lang, path=path,
                                    count=len(parsed.errors)), parsed.errors, where=path)
    if public:
        refuse_leaks(protocol_id, parsed.protocol, parsed.lines, leak_lang)
    commit, saved = last_change(archive, protocol_id, rev)
    sigs: tuple[Signature, ...] = ()
    corrs: tuple[Correction, ...] = ()
    if (parsed.protocol.status or "draft") != "draft":  # in review or justerad: its record
        from brotui.core.justering.export import recorded

        sigs, corrs = recorded(archive, protocol_id, revision.commit, archive.language)
    minutes = Minutes(protocol_id, parsed.protocol, commit, sigs, corrs, saved,
                      enclosures(archive, protocol_id, revision.commit) if fmt == "pdf" else ())
    options = Options(lang=archive.language, items=tuple(items) or None, public=public)
    return Exported(protocol_id, commit, export(minutes, fmt, options))


def enclosures(archive: Archive, protocol_id: str, rev: str | None = None
               ) -> tuple[Enclosure, ...]:
    """The protocol's attachments at `rev` (the tip) as the PDF embeds them: name, the
    MIME type of their type, and their bytes read only when the PDF is made."""
    from brotui.core.attachments import attachments

    def reader(oid: str) -> Callable[[], bytes]:
        return lambda: archive.git.run("cat-file", "blob", oid)

    return tuple(Enclosure(a.name, a.kind.mime if a.kind else "application/octet-stream",
                           a.blob, reader(a.blob), a.size)
                 for a in attachments(archive, protocol_id, rev))


def export_to_folder(archive: Archive, protocol_id: str, fmt: str, *,
                     rev: str | None = None, public: bool = False,
                     items: Sequence[int | str] = (), target: Path | None = None
                     ) -> tuple[Exported, Path]:
    """`render`, written to `target` (a file or a folder; the export folder when None).
    Returns what was exported and the file's absolute path."""
    exported = render(archive, protocol_id, fmt, rev=rev, public=public, items=items)
    name = target_name(protocol_id, fmt, items, public)
    path = target if target is not None else export_folder(archive) / name
    if path.is_dir():
        path = path / name
    write(path, exported.data)
    return exported, path.absolute()
