"""The public copy: marked text and unnamed attendees masked, identity numbers caught,
the full record untouched, in the archive and through `brotui show`."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.model import Attendee, Protocol
from brotui.core.publish import (
    FORMATS,
    Minutes,
    Options,
    PublicCopyRefused,
    Signature,
    export,
    find_identity_numbers,
    find_leaks,
    public_view,
    read_pdf,
    split_marks,
)
from tests.conftest import ALICE, SEED_ID, Result
from tests.publish_helpers import docx_all_xml, docx_text, html_text, markdown_html, pdf_text


def check_digit(nine: str) -> str:
    """The Luhn check digit of ÅÅMMDDNNN, computed here independently of brotui."""
    total = 0
    for i, char in enumerate(nine):
        d = int(char) * (2 - i % 2)
        total += d // 10 + d % 10
    return str((10 - total % 10) % 10)


def pnr(date: str, serial: str = "123", sep: str = "-") -> str:
    """A valid personal identity number for `date` (ÅÅÅÅMMDD or ÅÅMMDD)."""
    return f"{date}{sep}{serial}{check_digit(date[-6:] + serial)}"


NUMBER = pnr("19800101")  # 19800101-123X with its real check digit
ADDRESS = "Storgatan 5, 3 tr"


def reader_text(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return pdf_text(data)
    if fmt == "docx":
        return docx_text(data)
    if fmt == "html":
        return html_text(data.decode("utf-8"))
    return html_text(markdown_html(data.decode("utf-8")))


def every_byte_of(data: bytes, fmt: str) -> str:
    """All a file carries, read or not: the PDF's text and its embedded YAML, every XML
    part of a DOCX, the source of HTML and Markdown."""
    if fmt == "pdf":
        return pdf_text(data) + read_pdf(data).source.decode("utf-8")
    if fmt == "docx":
        return docx_all_xml(data)
    return data.decode("utf-8")


def save(archive: Archive, p: Protocol) -> Minutes:
    """Save through the real codec and git, and read back what the archive holds."""
    ops.save(archive, SEED_ID, p, ALICE)
    revision = archive.read(SEED_ID)
    parsed = revision.parsed()
    assert parsed.ok and parsed.protocol is not None
    return Minutes(SEED_ID, parsed.protocol, revision.commit)


# ------------------------------------------------------------------ identity numbers


def test_the_test_numbers_check_digit_is_the_real_one() -> None:
    # the tax agency's own example, 811218-9876, checks out with the helper
    assert check_digit("811218987") == "6"
    assert NUMBER[:-1] == "19800101-123"


@pytest.mark.parametrize("text", [
    pnr("800101"), pnr("19800101"), pnr("800101", sep="+"), pnr("800101", sep=""),
    pnr("19800101", sep=""), pnr("800161"),  # samordningsnummer: day + 60
    pnr("20000229"),  # 29 February of a leap year
    pnr("800101", sep="\u2013"),  # an en dash, as a word processor writes the hyphen
])
def test_identity_numbers_are_found_in_each_written_form(text: str) -> None:
    found = find_identity_numbers(f"Anmälan från {text}, se bilaga.")
    assert [f.text for f in found] == [text]


@pytest.mark.parametrize("text", [
    NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10),  # a wrong check digit
    pnr("801301"),  # month 13
    pnr("800230"),  # 30 February
    pnr("19000229"),  # 1900 was no leap year
    pnr("800192"),  # day 92 (a samordningsnummer ends at 91)
    "1" + pnr("19800101", sep=""),  # one digit more: not a number on its own
    "08 508 23 326", "2020-02-20", "kl. 15.00 – 17.00",
])
def test_what_is_no_identity_number_is_not_flagged(text: str) -> None:
    assert find_identity_numbers(text) == []


def test_the_seed_minutes_have_nothing_to_mask(repo: Path) -> None:
    assert find_leaks(Archive(repo).load(SEED_ID)) == []


# ------------------------------------------------------------------ the mark


def test_the_mark_is_read_in_its_forms_and_does_not_nest() -> None:
    assert split_marks("a [[dolt: b]] c [[Hidden:d]] [[ DOLT : e\nf]] g") == [
        (False, "a "), (True, "b"), (False, " c "), (True, "d"), (False, " "), (True, "e\nf"),
        (False, " g")]
    assert split_marks("[[dolt: a [[dolt: b]] c]]") == [(True, "a [[dolt: b"), (False, " c]]")]
    assert split_marks("[[inte ett märke]] [dolt: x]") == [(False, "[[inte ett märke]] [dolt: x]")]


def test_the_mark_survives_save_diff_and_reload_as_plain_text(repo: Path) -> None:
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.items[5].text = f"[[dolt: {ADDRESS}]] först på raden.\n\nOch [[dolt: mitt i]] texten."
    p.location = "[[dolt: Hemligt rum]]"
    minutes = save(archive, p)
    assert minutes.protocol.items[5].text == p.items[5].text
    assert minutes.protocol.location == "[[dolt: Hemligt rum]]"
    data = archive.read(SEED_ID).data.decode("utf-8")
    assert f"    [[dolt: {ADDRESS}]] först på raden." in data  # a line of the literal block
    assert "location: '[[dolt: Hemligt rum]]'" in data  # quoted, since [ starts a YAML list
    assert codec.dump(codec.load(data).protocol) == data  # type: ignore[arg-type]


# ------------------------------------------------------------------ the public copy


@pytest.fixture
def leaky(repo: Path) -> tuple[Archive, Protocol]:
    """The seed minutes whose §6 names an address (marked) and an identity number (not)."""
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.items[5].text = (p.items[5].text or "") + (
        f"\n\nKlotter vid [[dolt: {ADDRESS}]] anmäldes av en boende,\n"
        f"personnummer {NUMBER}, som vill hållas informerad.")
    return archive, p


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_public_copy_is_refused_naming_the_item_while_a_number_is_unmasked(
        leaky: tuple[Archive, Protocol], fmt: str) -> None:
    archive, p = leaky
    minutes = save(archive, p)
    with pytest.raises(PublicCopyRefused) as caught:
        export(minutes, fmt, Options(lang="sv", public=True))
    leaks = caught.value.leaks
    assert [(x.kind, x.path, x.where, x.line) for x in leaks] == \
        [("identity_number", "items[5].text", "§6 text", 6)]
    message = caught.value.message
    assert "§6 text, rad 6" in message and "19800101-****" in message
    assert NUMBER not in message  # the refusal does not repeat the number
    # the line in the file, as `brotui check` would name it
    parsed = archive.read(SEED_ID).parsed()
    found = find_leaks(minutes.protocol, lines=parsed.lines, lang="en")
    line = found[0].file_line
    assert line is not None
    assert NUMBER in archive.read(SEED_ID).data.decode().splitlines()[line - 1]
    assert "§6 text, line 6" in found[0].message("en")
    # the full copy is still made
    assert NUMBER in reader_text(export(minutes, fmt, Options(lang="sv")), fmt).replace("\n", " ")


@pytest.mark.parametrize("fmt", FORMATS)
def test_after_marking_the_public_copy_masks_both_and_the_record_keeps_them(
        leaky: tuple[Archive, Protocol], fmt: str, repo: Path,
        cli: Callable[..., Result]) -> None:
    archive, p = leaky
    p.items[5].text = (p.items[5].text or "").replace(NUMBER, f"[[dolt: {NUMBER}]]")
    minutes = save(archive, p)
    data = export(minutes, fmt, Options(lang="sv", public=True))
    text = reader_text(data, fmt)
    assert " ".join(text.split()).count("[maskerat]") >= 2
    section = " ".join(text.split())
    assert "Klotter vid [maskerat] anmäldes av en boende, personnummer [maskerat], som" in section
    everything = every_byte_of(data, fmt)
    for secret in (ADDRESS, "Storgatan", NUMBER, NUMBER.replace("-", ""), "800101"):
        assert secret not in everything
    assert "Offentlig version" in text
    # the full record is unchanged: in the archive, and as `brotui show` prints it
    assert archive.load(SEED_ID) == minutes.protocol
    assert NUMBER in (archive.load(SEED_ID).items[5].text or "")
    shown = cli("--repo", str(repo), "--lang", "sv", "show", SEED_ID)
    assert shown.code == 0 and ADDRESS in shown.out and NUMBER in shown.out


def test_the_public_copy_in_english_says_redacted(leaky: tuple[Archive, Protocol]) -> None:
    archive, p = leaky
    p.items[5].text = (p.items[5].text or "").replace(NUMBER, f"[[dolt: {NUMBER}]]")
    minutes = save(archive, p)
    text = html_text(export(minutes, "html", Options(lang="en", public=True)).decode())
    assert "Klotter vid [redacted] anmäldes av en boende, personnummer [redacted], som" in \
        " ".join(text.split())
    assert "[maskerat]" not in text and "Public copy" in text


def test_an_attendee_not_to_be_named_is_masked_wherever_the_name_stands(repo: Path) -> None:
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.attendees.append(Attendee("Anna Ek", "Boende", presence="adjunct",
                                extra={"public": False}))
    p.adjusters = ["Anna Ek"]
    p.items[5].text = "Anna Ek berättade om klotter. ANNA EK återkommer. Annaek är ett annat ord."
    minutes = save(archive, p)
    assert minutes.protocol.attendees[-1].extra == {"public": False}  # kept by the codec
    signed = Minutes(SEED_ID, minutes.protocol, minutes.revision,
                     (Signature("Anna Ek", "Justerare", dt.date(2020, 2, 28)),))
    for fmt in FORMATS:
        data = export(signed, fmt, Options(lang="sv", public=True))
        text = reader_text(data, fmt)
        assert "Anna Ek" not in every_byte_of(data, fmt) and "ANNA EK" not in text
        assert "Boende" in text and "Annaek är ett annat ord" in " ".join(text.split())
        assert " ".join(text.split()).count("[maskerat]") >= 5  # list, adjuster, twice, signer
    full = html_text(export(signed, "html", Options(lang="sv")).decode())
    assert full.count("Anna Ek") == 4


def test_the_public_view_changes_nothing_in_the_full_protocol(
        leaky: tuple[Archive, Protocol]) -> None:
    _, p = leaky
    p.attendees[0].extra = {"public": False, "intern": "anteckning"}
    p.extra = {"intern_kommentar": "bara för rådet"}
    before = copy.deepcopy(p)
    view = public_view(p, "sv")
    assert p == before
    assert view.attendees[0].name == "[maskerat]" and view.attendees[0].extra == {"public": False}
    assert view.extra == {}  # keys brotui does not know are not published
    assert ADDRESS not in (view.items[5].text or "")


def test_a_mark_never_closed_is_refused_not_guessed(repo: Path) -> None:
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.items[1].title = "Information [[dolt: Storgatan 5"
    minutes = save(archive, p)
    with pytest.raises(PublicCopyRefused) as caught:
        export(minutes, "md", Options(lang="sv", public=True))
    assert [(x.kind, x.where) for x in caught.value.leaks] == [("unclosed_mark", "§2 rubrik")]
    assert "stängs aldrig" in caught.value.message


def test_a_number_in_any_field_is_found_with_its_part(repo: Path) -> None:
    p = Archive(repo).load(SEED_ID)
    p.attendees[2].note = f"pnr {pnr('850505')}"
    p.contact.phone = pnr("19900909", sep="")  # type: ignore[union-attr]
    p.items[4].decisions = ["att bevilja", f"att kontakta {pnr('750101')}"]
    where = [x.where for x in find_leaks(p, lang="sv")]
    assert where == ["Närvarande 3: anmärkning", "§5 beslut 2", "Kontakt: telefon"]


def test_a_public_extract_is_both(leaky: tuple[Archive, Protocol]) -> None:
    archive, p = leaky
    p.items[5].text = (p.items[5].text or "").replace(NUMBER, f"[[dolt: {NUMBER}]]")
    minutes = save(archive, p)
    data = export(minutes, "pdf", Options(lang="sv", items=(6,), public=True))
    source = read_pdf(data)
    assert source.view == "public:sv extract:6"
    text = pdf_text(data)
    assert "Utdrag ur protokoll" in text and "Offentlig version" in text
    assert ADDRESS not in source.source.decode() and NUMBER not in source.source.decode()


def test_docx_and_pdf_of_the_full_copy_show_marked_text_as_not_for_publication(
        leaky: tuple[Archive, Protocol]) -> None:
    archive, p = leaky
    minutes = save(archive, p)
    docx = export(minutes, "docx", Options(lang="sv"))
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        styles = z.read("word/styles.xml").decode()
        document = z.read("word/document.xml").decode()
    assert 'w:name w:val="Ej för publicering"' in styles
    assert ADDRESS in document and "[[dolt" not in document
    page = export(minutes, "html", Options(lang="sv")).decode()
    assert f'<span class="dolt" title="Ej för publicering">{ADDRESS}</span>' in page


def test_a_public_extract_is_judged_by_the_items_it_holds(
        leaky: tuple[Archive, Protocol]) -> None:
    archive, p = leaky  # §6 holds an unmasked number
    minutes = save(archive, p)
    text = html_text(export(minutes, "html", Options(lang="sv", items=(4,), public=True))
                     .decode())
    assert "Lokala lägesbilden" in text and NUMBER not in text
    with pytest.raises(PublicCopyRefused):
        export(minutes, "html", Options(lang="sv", items=(4, 6), public=True))


def test_an_invisible_character_inside_a_number_does_not_hide_it(repo: Path) -> None:
    p = Archive(repo).load(SEED_ID)
    p.items[0].text = f"Anmälan från {NUMBER[:4]}\u200b{NUMBER[4:]} och {NUMBER[:9]}\u00ad" \
                      f"{NUMBER[9:]}."
    assert [x.where for x in find_leaks(p, lang="sv")] == ["§1 text", "§1 text"]
