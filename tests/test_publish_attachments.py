"""The attachments go out with the minutes (issue 16, item 4): the PDF/A-3b carries each
one as an embedded file of its own name and MIME type beside the protocol's YAML, read
back by poppler's pdfdetach; an extract embeds what its items name, the public copy
none; `brotui verify` still reads the PDF; a bulk export's `--with-attachments` copies
them beside each file and `--state approved` takes only justerade minutes."""

from __future__ import annotations

import io
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from brotui.core.archive import Archive
from brotui.core.justering.export import minutes as minutes_of
from tests.conftest import SEED_ID, Result, git
from tests.publish_helpers import pdf_text, tool
from tests.test_justering import approve
from tests.test_justering import archive_path as archive_path  # the fixture

ENV = {"BROTUI_AUTHOR": "Bo Bifogare <bo@example.org>"}
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe"
       b"\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def _slides() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def attached(repo: Path, cli: Callable[..., Result], tmp_path: Path) -> dict[str, bytes]:
    """The seed with three attachments: slides (PDF) on §3, notes (text) and a photo
    (PNG) on §6."""
    files = {"Bildspel.pdf": (_slides(), "3"),
             "Anteckningar.txt": ("Anteckningar från mötet: trygghetsvandring.\n"
                                  .encode(), "6"),
             "Karta.png": (PNG, "6")}
    for name, (data, item) in files.items():
        (tmp_path / name).write_bytes(data)
        done = cli("--repo", str(repo), "attach", SEED_ID, str(tmp_path / name),
                   "--item", item, env=ENV)
        assert done.code == 0, done.err
    return {name: data for name, (data, _) in files.items()}


def _detach_list(pdf: Path) -> list[str]:
    """The names of the files embedded in a PDF, as poppler's pdfdetach lists them."""
    listed = subprocess.run([tool("pdfdetach"), "-list", str(pdf)], check=True,
                            capture_output=True, text=True).stdout
    # "3 embedded files" then "1: name" lines
    return [line.split(": ", 1)[1] for line in listed.splitlines()[1:] if ": " in line]


def _saved(pdf: Path, number: int, folder: Path) -> bytes:
    target = folder / f"saved-{number}"
    subprocess.run([tool("pdfdetach"), "-save", str(number), "-o", str(target), str(pdf)],
                   check=True, capture_output=True)
    return target.read_bytes()


def _specs(data: bytes) -> dict[str, tuple[str, str]]:
    """name -> (AFRelationship, the embedded stream's MIME subtype) of each file the
    catalogue's /AF lists (the PDF/A-3 associated files)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    out = {}
    for ref in reader.trailer["/Root"]["/AF"]:
        spec = ref.get_object()
        stream = spec["/EF"]["/F"].get_object()
        out[str(spec["/UF"])] = (str(spec["/AFRelationship"]), str(stream["/Subtype"]))
    return out


def _pdfa_part(data: bytes) -> dict[str, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    rdf = ET.fromstring(xmp[xmp.index(b"<rdf:RDF"):xmp.index(b"</rdf:RDF>") + 10])
    pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
    return {k.removeprefix(pdfaid): v for d in rdf for k, v in d.attrib.items()
            if k.startswith(pdfaid)}


def test_the_pdf_embeds_each_attachment_beside_the_yaml_and_stays_pdf_a(
        repo: Path, cli: Callable[..., Result], attached: dict[str, bytes],
        tmp_path: Path) -> None:
    pdf = tmp_path / "protokoll.pdf"
    done = cli("--repo", str(repo), "export", SEED_ID, "--format", "pdf", "-o", str(pdf))
    assert done.code == 0, done.err
    names = _detach_list(pdf)
    assert sorted(names) == sorted(["protocol.yaml", *attached])
    # byte for byte what the archive holds
    for number, name in enumerate(names, 1):
        if name == "protocol.yaml":
            assert _saved(pdf, number, tmp_path) == \
                git(repo, "show", f"HEAD:protocols/{SEED_ID}.yaml").encode()
        else:
            assert _saved(pdf, number, tmp_path) == attached[name]
    data = pdf.read_bytes()
    assert _specs(data) == {  # pypdf reads /application#2fpdf as /application/pdf
        "protocol.yaml": ("/Source", "/application/yaml"),
        "Bildspel.pdf": ("/Supplement", "/application/pdf"),
        "Anteckningar.txt": ("/Supplement", "/text/plain"),
        "Karta.png": ("/Supplement", "/image/png"),
    }
    assert _pdfa_part(data) == {"part": "3", "conformance": "B"}
    assert "/OutputIntents" in pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    said = cli("--repo", str(repo), "verify", str(pdf))
    assert said.code == 0, said.err
    assert SEED_ID in said.out


def test_an_extract_embeds_what_its_items_name_and_the_public_copy_none(
        repo: Path, cli: Callable[..., Result], attached: dict[str, bytes],
        tmp_path: Path) -> None:
    extract = tmp_path / "utdrag.pdf"
    assert cli("--repo", str(repo), "export", SEED_ID, "--format", "pdf", "--items", "3",
               "-o", str(extract)).code == 0
    assert sorted(_detach_list(extract)) == ["Bildspel.pdf", "protocol.yaml"]
    public = tmp_path / "public.pdf"
    done = cli("--repo", str(repo), "export", SEED_ID, "--format", "pdf", "--public",
               "-o", str(public))
    assert done.code == 0, done.err
    assert _detach_list(public) == ["protocol.yaml"]


def test_exported_justerade_minutes_show_their_signatures(
        archive_path: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    archive = approve(archive_path)
    signed = [s.commit for s in minutes_of(archive, SEED_ID).signatures]
    assert len(signed) == 2
    one = cli("--repo", str(archive_path), "export", SEED_ID, "--format", "md", "-o", "-")
    assert one.code == 0, one.err
    # the archive is Swedish: its exports say "Justering"
    assert "Justering" in one.out and all(c and c[:12] in one.out for c in signed)


def test_bulk_state_approved_takes_only_justerade_minutes_with_signatures_and_files(
        archive_path: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    show = cli("--repo", str(archive_path), "show", SEED_ID, "--format", "yaml")
    draft = show.out.replace("date: 2020-02-20", "date: 2020-05-14")
    assert cli("--repo", str(archive_path), "put", "hagersten-liljeholmen/2020-05-14",
               input=draft, env=ENV).code == 0
    slides = tmp_path / "Bildspel.pdf"
    slides.write_bytes(_slides())
    assert cli("--repo", str(archive_path), "attach", SEED_ID, str(slides), "--item", "3",
               env=ENV).code == 0
    approve(archive_path)
    out = tmp_path / "site"
    done = cli("--repo", str(archive_path), "export", "--year", "2020", "--state", "approved",
               "--format", "pdf", "-o", str(out), "--with-attachments")
    assert done.code == 0, done.err
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "hagersten-liljeholmen-2020-02-20.files", "hagersten-liljeholmen-2020-02-20.pdf",
        "index.html"]
    assert (out / "hagersten-liljeholmen-2020-02-20.files" / "Bildspel.pdf").read_bytes() == \
        slides.read_bytes()
    pdf = out / "hagersten-liljeholmen-2020-02-20.pdf"
    assert sorted(_detach_list(pdf)) == ["Bildspel.pdf", "protocol.yaml"]
    signed = [s.commit for s in minutes_of(Archive(archive_path), SEED_ID).signatures]
    text = pdf_text(pdf.read_bytes())
    assert signed and all(c and c[:12] in text for c in signed)
    index = (out / "index.html").read_text("utf-8")
    assert "2020-05-14" not in index
    again = cli("--repo", str(archive_path), "export", "--year", "2020", "--state", "approved",
                "--format", "pdf", "-o", str(out), "--with-attachments")
    assert "0 written, 1 unchanged" in again.out


def test_a_bulk_pdf_is_made_again_when_only_an_attachment_changed(
        repo: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "site"
    args = ("--repo", str(repo), "export", "--year", "2020", "--format", "pdf", "-o", str(out))
    assert "1 written" in cli(*args).out
    notes = tmp_path / "Anteckningar.txt"
    notes.write_text("Anteckningar.\n", "utf-8")
    assert cli("--repo", str(repo), "attach", SEED_ID, str(notes), "--item", "6",
               env=ENV).code == 0
    notes.write_text("Anteckningar, rättade.\n", "utf-8")
    # a replace touches only the attachment, not the protocol's file
    assert cli("--repo", str(repo), "attach", SEED_ID, str(notes), env=ENV).code == 0
    assert "1 written, 0 unchanged" in cli(*args).out
    pdf = out / "hagersten-liljeholmen-2020-02-20.pdf"
    names = _detach_list(pdf)
    assert _saved(pdf, names.index("Anteckningar.txt") + 1, tmp_path) == \
        "Anteckningar, rättade.\n".encode()
