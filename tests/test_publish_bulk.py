"""Many minutes at once into a folder: one file each, an index, and only what changed again."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from brotui.core import listing, ops
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.core.publish import (
    INDEX_NAME,
    MANIFEST_NAME,
    Minutes,
    Options,
    export_many,
    file_name,
    read_pdf,
)
from tests.conftest import ALICE, SEED_ID
from tests.publish_helpers import html_tags, html_text
from tests.test_publish_public import pnr

DATES = ("2020-02-20", "2020-05-14", "2020-09-10")


def archive_of_three(repo: Path) -> Archive:
    """The seed and two later meetings of the same council, saved as commits."""
    archive = Archive(repo)
    seed = archive.load(SEED_ID)
    for date in DATES[1:]:
        p = copy.deepcopy(seed)
        p.date = dt.date.fromisoformat(date)
        p.next_meetings = []
        ops.save(archive, f"hagersten-liljeholmen/{date}", p, ALICE)
    return archive


def entries(archive: Archive) -> list[tuple[str, str | None, object]]:
    """(id, revision, protocol) of each, the revision being the commit that last changed
    the protocol (as the archive's list says), oldest meeting first."""
    out = []
    for entry in sorted(listing.entries(archive), key=lambda e: e.id):
        assert entry.last is not None
        out.append((entry.id, entry.last.oid, archive.load(entry.id, entry.last.oid)))
    return out


def test_one_file_each_an_index_and_a_progress_call_each(repo: Path, tmp_path: Path) -> None:
    archive = archive_of_three(repo)
    folder = tmp_path / "webb"
    calls: list[tuple[int, int, str, str]] = []
    report = export_many(entries(archive), folder, "html", Options(lang="sv"),
                         lambda *call: calls.append(call))  # type: ignore[arg-type]
    names = [f"hagersten-liljeholmen-{d}.html" for d in DATES]
    assert sorted(report.written) == names and report.unchanged == [] and report.refused == []
    assert calls == [(i, 3, f"hagersten-liljeholmen/{d}", "written")
                     for i, d in enumerate(DATES, 1)]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*names, INDEX_NAME,
                                                              MANIFEST_NAME])
    page = (folder / INDEX_NAME).read_text("utf-8")
    text = html_text(page)
    assert text.index("Torsdagen den 10 september 2020") < \
        text.index("Torsdagen den 14 maj 2020") < text.index("Torsdagen den 20 februari 2020")
    assert "Hägersten-Liljeholmens lokala brottsförebyggande råd" in text
    for name in names:
        assert f'href="{name}"' in page
    assert "link" not in html_tags(page) and "script" not in html_tags(page)
    assert "torsdagen den 14 maj 2020" in (folder / names[1]).read_text("utf-8")


def test_running_again_rewrites_only_what_changed(repo: Path, tmp_path: Path) -> None:
    archive = archive_of_three(repo)
    folder = tmp_path / "pdf"
    first = export_many(entries(archive), folder, "pdf", Options(lang="sv"))
    assert len(first.written) == 3
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = export_many(entries(archive), folder, "pdf", Options(lang="sv"))
    assert again.written == [] and len(again.unchanged) == 3 and not again.index_written
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()
            if p.name != MANIFEST_NAME} == {k: v for k, v in stamps.items()
                                             if k != MANIFEST_NAME}
    # one protocol saved again: only its file is written, from the new revision
    p = archive.load("hagersten-liljeholmen/2020-05-14")
    p.items[0].text = "Mötet öppnades."
    commit = ops.save(archive, "hagersten-liljeholmen/2020-05-14", p, ALICE).commit
    third = export_many(entries(archive), folder, "pdf", Options(lang="sv"))
    assert third.written == ["hagersten-liljeholmen-2020-05-14.pdf"]
    assert read_pdf((folder / third.written[0]).read_bytes()).revision == commit
    # a file removed or changed by hand is written again; other options are other files
    (folder / "hagersten-liljeholmen-2020-02-20.pdf").unlink()
    (folder / "hagersten-liljeholmen-2020-09-10.pdf").write_bytes(b"%PDF trasig")
    fourth = export_many(entries(archive), folder, "pdf", Options(lang="sv"))
    assert sorted(fourth.written) == ["hagersten-liljeholmen-2020-02-20.pdf",
                                      "hagersten-liljeholmen-2020-09-10.pdf"]
    english = export_many(entries(archive), folder, "pdf", Options(lang="en"))
    assert len(english.written) == 3
    manifest = json.loads((folder / MANIFEST_NAME).read_text("utf-8"))
    assert manifest["files"]["hagersten-liljeholmen-2020-05-14.pdf"]["revision"] == commit


def test_a_folder_holding_files_brotui_did_not_write_is_refused(repo: Path,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "mina"
    folder.mkdir()
    (folder / "index.html").write_text("min egen sida")
    with pytest.raises(BrotuiError, match="inte har skrivit"):
        export_many(entries(archive_of_three(repo)), folder, "md", Options(lang="sv"))
    assert (folder / "index.html").read_text() == "min egen sida"
    afile = tmp_path / "fil"
    afile.write_text("x")
    with pytest.raises(BrotuiError, match="ingen mapp"):
        export_many([], afile, "md", Options(lang="sv"))


def test_a_public_copy_that_would_leak_is_reported_and_the_rest_written(
        repo: Path, tmp_path: Path) -> None:
    archive = archive_of_three(repo)
    p = archive.load("hagersten-liljeholmen/2020-05-14")
    p.items[5].text = f"Anmälan från {pnr('800101')}."
    ops.save(archive, "hagersten-liljeholmen/2020-05-14", p, ALICE)
    calls: list[str] = []
    report = export_many(entries(archive), tmp_path / "ut", "md",
                         Options(lang="sv", public=True),
                         lambda done, total, pid, action: calls.append(action))
    assert [pid for pid, _ in report.refused] == ["hagersten-liljeholmen/2020-05-14"]
    assert "§6 text" in report.refused[0][1]
    assert calls == ["written", "refused", "written"]
    assert not (tmp_path / "ut" / "hagersten-liljeholmen-2020-05-14.md").exists()
    assert "Offentliga versioner" in (tmp_path / "ut" / INDEX_NAME).read_text("utf-8")


def test_file_names_are_safe_whatever_the_id() -> None:
    assert file_name(SEED_ID, "pdf") == "hagersten-liljeholmen-2020-02-20.pdf"
    assert file_name("../../etc/passwd", "md") == "etc-passwd.md"
    for bad in ("../../etc/passwd", "a/../../b", "/abs/x", ".hidden/x"):
        name = file_name(bad, "html")
        assert "/" not in name and not name.startswith(".")


def test_minutes_with_a_record_are_accepted_as_entries(repo: Path, tmp_path: Path) -> None:
    archive = Archive(repo)
    revision = archive.read(SEED_ID)
    minutes = Minutes(SEED_ID, archive.load(SEED_ID), revision.commit)
    report = export_many([minutes], tmp_path / "m", "docx", Options(lang="sv"))
    assert report.written == ["hagersten-liljeholmen-2020-02-20.docx"]
