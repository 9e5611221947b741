"""An imported protocol into the archive: one commit by the person importing, with the
trailer `Imported-from: <file> (sha256:<hex>)`, through the archive's one write path.
An id that exists is a conflict (Exists), never an overwrite. With `original`, the file
itself is kept as an attachment of the protocol in the same commit (named in the
attachments of its first item, so `brotui check` finds an entry for it)."""

from __future__ import annotations

from brotui.core import codec
from brotui.core.archive import Archive, validate_id
from brotui.core.commit import Snapshot, commit_change
from brotui.core.errors import Exists
from brotui.core.identity import Identity
from brotui.core.importing import Imported
from brotui.core.importing.messages import msg
from brotui.core.model import id_to_path
from brotui.core.text import visible
from brotui.core.values import SaveResult, Write


def trailer_name(name: str) -> str:
    """A file name as a trailer carries it: one line, control characters written out."""
    return visible(" ".join(name.split())) or "-"


def save_imported(archive: Archive, protocol_id: str, imported: Imported, author: Identity,
                  original: tuple[str, bytes] | None = None) -> SaveResult:
    """Save the import as the first version of `protocol_id`; Exists if there is one.
    `original` is (name, bytes) of the source file to keep as an attachment."""
    from brotui.core.attachments import limits, recognise, safe_name
    from brotui.core.attachments.paths import path_of

    validate_id(protocol_id)
    path = id_to_path(protocol_id)
    protocol = imported.protocol
    paths = [path]
    files: dict[str, bytes | None] = {}
    kept: str | None = None
    if original is not None:
        name, data = original
        limit = limits.max_bytes(archive.settings)
        if len(data) > limit:
            limits.too_large(len(data), limit)
        _kind, kept = recognise(data, safe_name(name))
        kept = safe_name(kept)
        if protocol.items and kept not in protocol.items[0].attachments:
            protocol.items[0].attachments.append(kept)
        files[path_of(protocol_id, kept)] = data
        paths.append(path_of(protocol_id, kept))
    content = codec.dump(protocol).encode("utf-8")
    files[path] = content
    report = imported.report
    lang = archive.language
    body = [protocol.title, "",
            msg("commit_import_body", lang, source=trailer_name(report.source),
                kind=report.kind, found=len(report.found), left_out=len(report.left_out))]
    if kept is not None:
        body.append(msg("commit_import_kept", lang, name=kept))
    message = (f"{msg('commit_imported', lang, id=protocol_id)}\n\n" + "\n".join(body)
               + f"\n\nProtocol: {protocol_id}\n"
               f"Imported-from: {trailer_name(report.source)} (sha256:{report.sha256})\n")

    def plan(snap: Snapshot) -> Write:
        if snap.blob(path) is not None:
            raise Exists(protocol_id)
        return Write(files, message)

    return commit_change(archive, protocol_id, paths, plan, author, watch=[])
