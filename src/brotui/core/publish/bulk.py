"""Many minutes at once: one file per protocol in a folder, and an index.html for a website.

The folder keeps a small manifest (MANIFEST_NAME) of what this code wrote there: for
each file the protocol's id and revision, the format, a digest of the options and of
the signatures and corrections, and a digest of the bytes written. Running the export
again renders only the protocols whose entry differs or whose file is missing or was
changed since, so a yearly export to a website costs, after the first time, only
the minutes that changed. A folder that holds files and no manifest is refused, so
an export never overwrites files it did not write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from brotui.core import codec
from brotui.core.errors import BrotuiError
from brotui.core.model import Protocol
from brotui.core.publish.catalogue import formal_date, label
from brotui.core.publish.record import SUFFIXES, Minutes, Options

MANIFEST_NAME = ".brotui-export.json"
INDEX_NAME = "index.html"
MANIFEST_VERSION = 1

WRITTEN, UNCHANGED, REFUSED = "written", "unchanged", "refused"
Progress = Callable[[int, int, str, str], None]


@dataclass
class BulkReport:
    """What an export of many did: the files written and left as they were (names in
    the folder), and the protocols refused with the reason (id, sentence)."""

    folder: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    index_written: bool = False


_UNSAFE_RE = re.compile(r"[^A-Za-z0-9._-]")


def file_name(protocol_id: str, fmt: str) -> str:
    """The file of one protocol in the folder: `hagersten-liljeholmen-2020-02-20.pdf`."""
    name = _UNSAFE_RE.sub("_", protocol_id.replace("/", "-")).lstrip(".-") or "_"
    return name + SUFFIXES[fmt]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _key(m: Minutes, fmt: str, options: Options) -> dict[str, Any]:
    """What a file was made from: equal keys make equal files."""
    record = json.dumps([[s.name, s.role, s.date.isoformat(), s.commit] for s in m.signatures]
                        + [[c.date.isoformat(), c.who, c.reason, c.summary]
                           for c in m.corrections], ensure_ascii=False)
    source = m.revision or "sha256:" + _digest(codec.dump(m.protocol).encode())
    key = {"id": m.protocol_id, "revision": source, "format": fmt, "options": options.key(),
           "record": _digest(record.encode())[:16]}
    if fmt == "pdf":  # a PDF embeds the attachments: another file attached, another PDF
        key["embedded"] = _digest("\n".join(f"{e.name}\0{e.oid}" for e in m.enclosures)
                                  .encode())[:16] if m.enclosures else ""
    return key


def _load_manifest(folder: Path, lang: str) -> dict[str, dict[str, Any]]:
    path = folder / MANIFEST_NAME
    if not path.exists():
        if any(folder.iterdir()):
            raise BrotuiError(label("pub_folder_not_ours", lang, folder=folder))
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data.get("files", {}) if isinstance(data, dict) else {}
        return {k: v for k, v in files.items() if isinstance(v, dict)}
    except (OSError, ValueError):
        return {}  # a damaged manifest: everything is written again


def _write(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a reader never sees half of it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _same_file(path: Path, digest: str | None) -> bool:
    try:
        return digest is not None and _digest(path.read_bytes()) == digest
    except OSError:
        return False


def _normal(entry: Minutes | tuple[str, str | None, Protocol]) -> Minutes:
    if isinstance(entry, Minutes):
        return entry
    protocol_id, revision, protocol = entry
    return Minutes(protocol_id, protocol, revision)


def export_many(entries: Iterable[Minutes | tuple[str, str | None, Protocol]], folder: Path,
                fmt: str, options: Options | None = None,
                progress: Progress | None = None) -> BulkReport:
    """Export each of `entries` (Minutes, or (id, revision, protocol)) into `folder` as
    `fmt`, one file each (file_name()), and write INDEX_NAME listing every file the
    folder holds from this and earlier runs. The revision to give is the commit that
    last changed the protocol (listing.entries's `Entry.last`): it is what the file's
    footer names, and a commit to another protocol then leaves this file as it is.
    `progress(done, total, protocol_id, action)` is called after each protocol, action
    being "written", "unchanged" or "refused". A protocol refused (a public copy that
    would leak, an extract's item missing) is reported and the others are written; its
    file from an earlier run, if any, is left as it was."""
    from brotui.core.publish import export

    options = options or Options()
    lang = options.language
    minutes = [_normal(e) for e in entries]
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BrotuiError(label("pub_not_a_folder", lang, folder=folder))
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _load_manifest(folder, lang)
    report = BulkReport(folder)
    try:
        for done, m in enumerate(minutes, 1):
            name = file_name(m.protocol_id, fmt)
            key = _key(m, fmt, options)
            old = manifest.get(name, {})
            if ({k: old.get(k) for k in key} == key
                    and _same_file(folder / name, old.get("sha256"))):
                report.unchanged.append(name)
                action = UNCHANGED
            else:
                try:
                    data = export(m, fmt, options)
                except BrotuiError as exc:
                    report.refused.append((m.protocol_id, exc.message))
                    action = REFUSED
                else:
                    _write(folder / name, data)
                    p = m.protocol
                    manifest[name] = {**key, "sha256": _digest(data),
                                      "council": p.council or "",
                                      "date": p.date.isoformat() if p.date else "",
                                      "view": options.view()}
                    report.written.append(name)
                    action = WRITTEN
            if progress:
                progress(done, len(minutes), m.protocol_id, action)
    finally:
        document = {"version": MANIFEST_VERSION, "files": dict(sorted(manifest.items()))}
        _write(folder / MANIFEST_NAME,
               (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    page = index_html(manifest, options).encode("utf-8")
    index = folder / INDEX_NAME
    if not index.exists() or index.read_bytes() != page:
        _write(index, page)
        report.index_written = True
    return report


_INDEX_CSS = """
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; max-width: 44em;
       margin: 2em auto; padding: 0 1.5em; line-height: 1.5; color: #111; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.1em; margin: 1.6em 0 .3em; border-bottom: 1px solid #999; }
ul { list-style: none; padding: 0; margin: 0; }
li { padding: .15em 0; }
.note { color: #555; font-style: italic; }
"""


def index_html(manifest: dict[str, dict[str, Any]], options: Options) -> str:
    """The folder's index: every file the manifest lists, by council, newest first."""
    lang = options.language
    esc = html.escape
    councils: dict[str, list[tuple[str, str]]] = {}
    for name, entry in manifest.items():
        councils.setdefault(str(entry.get("council") or ""), []).append(
            (str(entry.get("date") or ""), name))
    title = label("pub_index_title", lang)
    out = ["<!DOCTYPE html>", f'<html lang="{esc(lang)}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{esc(title)}</title>", f"<style>{_INDEX_CSS}</style>", "</head>", "<body>",
           f"<h1>{esc(title)}</h1>"]
    if options.public:
        out.append(f'<p class="note">{esc(label("pub_index_public", lang))}</p>')
    for council in sorted(councils):
        out.append(f"<h2>{esc(council)}</h2>")
        out.append("<ul>")
        for date, name in sorted(councils[council], reverse=True):
            try:
                shown = formal_date(dt.date.fromisoformat(date), lang)
            except ValueError:
                shown = date or name
            shown = shown[:1].upper() + shown[1:]
            out.append(f'<li><a href="{esc(quote(name))}">{esc(shown)}</a></li>')
        out.append("</ul>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
