"""`brotui export` and `brotui check --public` through the real command line, on real
archives: where the file goes and that it holds the minutes, an extract, the public copy
refused while an identity number is not masked, and many at once with an index."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED_ID, Result, git
from tests.corpus import archive_state
from tests.publish_helpers import docx_text, pdf_text

ENV = {"BROTUI_AUTHOR": "Alice Andersson <alice@example.org>"}
NUMBER = "19800101-1231"  # a valid check digit
ADDRESS = "Storgatan 12"


def test_export_writes_the_pdf_into_the_export_folder_and_says_where(
        repo: Path, cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(repo), "export", SEED_ID, "--format", "pdf")
    assert done.code == 0, done.err
    said = re.search(r" to (/\S+\.pdf)$", done.out.strip())
    assert said, done.out
    path = Path(said[1])
    assert path.parent == repo / ".git" / "brotui" / "export"
    assert path.name == "hagersten-liljeholmen-2020-02-20.pdf"
    text = pdf_text(path.read_bytes())
    assert "Hägersten-Liljeholmens lokala brottsförebyggande råd" in text
    assert "Clas Cederlid" in text and "Övrigt" in text
    assert git(repo, "status", "--porcelain") == ""  # nothing in the work tree
    tip = git(repo, "rev-parse", "HEAD").strip()
    assert tip[:10] in done.out  # the revision it is


def test_export_to_a_file_and_to_stdout(repo: Path, cli: Callable[..., Result],
                                        tmp_path: Path) -> None:
    target = tmp_path / "out" / "minutes.docx"
    done = cli("--repo", str(repo), "export", SEED_ID, "--format", "docx", "-o", str(target))
    assert done.code == 0, done.err
    assert str(target) in done.out
    assert "Kommande möten" in docx_text(target.read_bytes())
    md = cli("--repo", str(repo), "export", SEED_ID, "--format", "md", "-o", "-")
    assert md.code == 0 and "# Protokoll" in md.out and "Skärmtaket" in md.out


def test_an_extract_holds_only_the_items_asked_for(repo: Path, cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    done = cli("--repo", str(repo), "export", SEED_ID, "--format", "html", "--items", "4,6",
               "-o", "-")
    assert done.code == 0, done.err
    assert "Utdrag ur protokoll" in done.out
    assert "Skärmtaket i Liljeholmen" in done.out  # §6
    assert "samverkansöverenskommelsen" in done.out  # §4
    assert "Beslutade insatser" not in done.out  # §5
    missing = cli("--repo", str(repo), "export", SEED_ID, "--format", "html", "--items", "42")
    assert missing.code != 0 and "42" in missing.err


def _with_secrets(repo: Path, cli: Callable[..., Result], marked: bool) -> Result:
    show = cli("--repo", str(repo), "show", SEED_ID, "--format", "yaml")
    address = f"[[dolt: {ADDRESS}]]" if marked else ADDRESS
    number = f"[[dolt: {NUMBER}]]" if marked else NUMBER
    text = show.out.replace("Skärmtaket i Liljeholmen kan nu flyttas",
                            f"Skärmtaket vid {address} ({number}) kan nu flyttas")
    text = text.replace(f"Skärmtaket vid {ADDRESS} ({NUMBER}) kan nu flyttas",
                        f"Skärmtaket vid {address} ({number}) kan nu flyttas")
    assert text != show.out
    return cli("--repo", str(repo), "put", SEED_ID, input=text, env=ENV)


def test_a_public_copy_is_refused_naming_where_while_a_number_is_not_masked(
        repo: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    assert _with_secrets(repo, cli, marked=False).code == 0
    before = archive_state(repo)
    target = tmp_path / "public.html"
    refused = cli("--repo", str(repo), "export", SEED_ID, "--format", "html", "--public",
                  "-o", str(target))
    assert refused.code == 1
    assert "§6 text, line 1" in refused.err and "19800101-****" in refused.err
    assert NUMBER not in refused.err  # a refusal does not repeat it in full
    assert "2020-02-20.yaml:" in refused.err  # the file and line
    assert not target.exists() and archive_state(repo) == before
    listed = cli("--repo", str(repo), "check", "--public")
    assert listed.code == 1 and "§6" in listed.out and "19800101-****" in listed.out

    assert _with_secrets(repo, cli, marked=True).code == 0
    done = cli("--repo", str(repo), "export", SEED_ID, "--format", "html", "--public",
               "-o", str(target))
    assert done.code == 0, done.err
    page = target.read_text("utf-8")
    assert page.count("[maskerat]") >= 2
    assert ADDRESS not in page and NUMBER not in page
    full = cli("--repo", str(repo), "show", SEED_ID)
    assert ADDRESS in full.out and NUMBER in full.out  # the record is whole
    assert cli("--repo", str(repo), "check", "--public").code == 0


def _second(repo: Path, cli: Callable[..., Result]) -> None:
    show = cli("--repo", str(repo), "show", SEED_ID, "--format", "yaml")
    text = show.out.replace("date: 2020-02-20", "date: 2020-05-14")
    assert cli("--repo", str(repo), "put", "hagersten-liljeholmen/2020-05-14", input=text,
               env=ENV).code == 0


def test_many_at_once_with_progress_and_an_index_rewrites_only_what_changed(
        repo: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    _second(repo, cli)
    out = tmp_path / "site"
    first = cli("--repo", str(repo), "export", "--council", "hagersten-liljeholmen",
                "--year", "2020", "--format", "html", "-o", str(out))
    assert first.code == 0, first.err
    assert "[1/2]" in first.err and "[2/2]" in first.err
    assert "2 written, 0 unchanged" in first.out
    index = (out / "index.html").read_text("utf-8")
    assert "hagersten-liljeholmen-2020-02-20.html" in index
    assert "hagersten-liljeholmen-2020-05-14.html" in index
    again = cli("--repo", str(repo), "export", "--year", "2020", "--format", "html",
                "-o", str(out))
    assert "0 written, 2 unchanged" in again.out
    none = cli("--repo", str(repo), "export", "--year", "1999", "--format", "html",
               "-o", str(out))
    assert none.code == 1 and "No protocol" in none.err


def test_with_attachments_copies_them_beside_each_file(repo: Path, cli: Callable[..., Result],
                                                       tmp_path: Path) -> None:
    notes = tmp_path / "Anteckningar.txt"
    notes.write_text("Anteckningar från mötet.\n", "utf-8")
    assert cli("--repo", str(repo), "attach", SEED_ID, str(notes), "--item", "6",
               env=ENV).code == 0
    out = tmp_path / "site"
    done = cli("--repo", str(repo), "export", "--year", "2020", "--format", "md", "-o",
               str(out), "--with-attachments")
    assert done.code == 0, done.err
    copied = out / "hagersten-liljeholmen-2020-02-20.files" / "Anteckningar.txt"
    assert copied.read_text("utf-8") == "Anteckningar från mötet.\n"
    assert "1 attachments copied" in done.out


@pytest.mark.parametrize("args", [
    ("export", "--format", "pdf"),
    ("export", SEED_ID, "--format", "pdf", "--year", "2020"),
    ("export", "--year", "2020", "--format", "pdf"),
])
def test_what_to_export_must_be_said(repo: Path, cli: Callable[..., Result],
                                     args: tuple[str, ...]) -> None:
    done = cli("--repo", str(repo), *args)
    assert done.code == 2 and done.err.strip() and "Traceback" not in done.err


def test_in_swedish(repo: Path, cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(repo), "--lang", "sv", "export", SEED_ID, "--format", "md")
    assert done.code == 0 and done.out.startswith("Exporterade")


def test_an_extract_names_an_extra_item_by_number_and_letter(
        repo: Path, cli: Callable[..., Result], seed_bytes: bytes) -> None:
    """`--items 4a` (or "4 a", "§ 4 a") is the extra item "4 a" alone, not § 4."""
    from tests.central import commit_files
    from tests.test_extra_items import with_extra_item

    commit_files(repo, {f"protocols/{SEED_ID}.yaml": with_extra_item(seed_bytes)}, "4 a")
    for asked in ("4a", "4 a", "§ 4 a"):
        done = cli("--repo", str(repo), "export", SEED_ID, "--format", "md", "--items",
                   f"6,{asked}", "-o", "-")
        assert done.code == 0, done.err
        assert "Lades till på mötet." in done.out  # § 4 a
        assert "Skärmtaket i Liljeholmen" in done.out  # § 6
        assert "samverkansöverenskommelsen" not in done.out  # § 4 itself
    plain = cli("--repo", str(repo), "export", SEED_ID, "--format", "md", "--items", "4",
                "-o", "-")
    assert "samverkansöverenskommelsen" in plain.out and "Lades till" not in plain.out
    missing = cli("--repo", str(repo), "export", SEED_ID, "--format", "md", "--items", "4b")
    assert missing.code == 1 and "ingen punkt 4 b" in missing.err and "4 a" in missing.err
    bad = cli("--repo", str(repo), "export", SEED_ID, "--format", "md", "--items", "4A")
    assert bad.code != 0 and "Traceback" not in bad.err
