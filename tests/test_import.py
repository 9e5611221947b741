"""Importing minutes that staff already have: text, Markdown, Word, OpenDocument and PDF.

The seed text (tests/data/seed.txt, the real minutes) must import to the protocol that
was typed from it by hand, and so must the same minutes saved as DOCX, ODT and PDF.
Other councils' layouts must import with every attendee's presence, every item and
decision, the chair, secretary and adjusters right. Files that are not minutes are
refused with a sentence. Every word of a source is in the protocol or left out with a
reason, on the seed and on generated minutes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brotui.core import codec, fielddiff
from brotui.core.importing import (
    MAX_BYTES,
    Imported,
    ImportRefused,
    import_bytes,
    import_file,
    slug_for,
)
from brotui.core.importing.grammar import words
from brotui.core.importing.messages import MESSAGES, msg
from brotui.core.importing.report import account, protocol_words
from brotui.core.model import Protocol
from tests import minutes_docs as docs

HERE = Path(__file__).parent
SEED_TXT = HERE / "data" / "seed.txt"
SEED_YAML = HERE.parent / "protocols" / "hagersten-liljeholmen" / "2020-02-20.yaml"
LAYOUTS = HERE / "data" / "import"


def archived_seed() -> Protocol:
    parsed = codec.load(SEED_YAML.read_bytes())
    assert parsed.protocol is not None
    return parsed.protocol


def imported(data: bytes, name: str = "minutes.txt", **kwargs: object) -> Imported:
    return import_bytes(data, name=name, lang="en", **kwargs)  # type: ignore[arg-type]


def seed_in(kind: str) -> bytes:
    if kind == "text":
        return SEED_TXT.read_bytes()
    maker = {"docx": docs.to_docx, "odt": docs.to_odt, "pdf": docs.to_pdf}[kind]
    return maker(docs.seed_document())


# ---------------------------------------------------------------------- the seed


def test_the_seed_text_imports_to_the_protocol_typed_from_it() -> None:
    """Imported, the original minutes are field for field the protocol in the archive."""
    result = imported(SEED_TXT.read_bytes(), "hagersten-liljeholmen-2020-02-20.txt")
    assert fielddiff.diff(archived_seed(), result.protocol) == []
    assert result.protocol_id == "hagersten-liljeholmen/2020-02-20"
    assert result.report.problems == []
    assert result.report.unaccounted == []
    assert result.report.ok
    assert result.report.kind == "text"


def test_the_seed_report_says_where_each_field_came_from() -> None:
    """Each field is named with its line in the source, and the choices a reader could
    question are said: item 1's sentence read as text, the chair found in that sentence."""
    report = imported(SEED_TXT.read_bytes()).report
    lines = {f.field: f.place.line for f in report.found if f.place}
    assert lines["council"] == 3 and lines["date"] == 3
    assert lines["start"] == 18 and lines["end"] == 18
    assert lines["location"] == 22
    assert [lines[f"attendees[{i}]"] for i in range(8)] == list(range(7, 15))
    assert lines["items[1].title"] == 25 and lines["items[1].text"] == 26
    assert lines["items[4].title"] == 40 and lines["items[5].title"] == 40  # glued by **
    assert lines["items[2].attachments[0]"] == 30
    assert lines["next_meetings[0]"] == 50
    assert lines["contact.name"] == 52 and lines["contact.email"] == 53
    assert lines["chair"] == 24
    notes = [n.text("en") for n in report.notes]
    assert "§1: the words after the number are a sentence, read as the item's text, " \
           "not as its title." in notes
    assert "chair: Abit Dundar, from the text of §1." in notes
    assert set(report.missing) == {"secretary", "adjusters"}


def test_headings_of_the_seed_are_left_out_as_structure() -> None:
    """"Närvarande:", "Tidpunkt:", "Plats:" and "Kontakt" are listed as used as
    structure; the date written out in words is listed as read as the meeting's time."""
    report = imported(SEED_TXT.read_bytes()).report
    left = {(x.place.line if x.place else None, x.text): x.reason_text("en")
            for x in report.left_out}
    structure = "a heading, used as structure"
    assert left[(5, "Närvarande:")] == structure
    assert left[(16, "Tidpunkt:")] == structure
    assert left[(20, "Plats:")] == structure
    assert left[(52, "Kontakt")] == structure
    assert left[(18, "Torsdagen den 20 februari 2020 kl. 15.00 – 17.00")] == \
        "read as the meeting's time: 2020-02-20 15:00–17:00"
    assert left[(3, "2020-02-20")] == "read as the meeting's date 2020-02-20"
    assert len(left) == 6
    swedish = {x.text: x.reason_text("sv") for x in report.left_out}
    assert swedish["Närvarande:"] == "rubrik, använd som struktur"


def test_every_word_of_the_seed_is_in_the_protocol_or_left_out_with_a_reason() -> None:
    """Counted from the file itself, not from what the reader made of it: each word of the
    seed, as often as it is written, is in the protocol or in the left-out list."""
    result = imported(SEED_TXT.read_bytes())
    pool = protocol_words(result.protocol)
    for x in result.report.left_out:
        pool.update(words(x.text))
    missing = Counter(words(SEED_TXT.read_text("utf-8"))) - pool
    assert missing == Counter()
    assert result.report.unaccounted == []


def test_the_word_check_names_a_word_the_protocol_lost() -> None:
    """The check is not a formality: take a sentence out of the imported protocol and it
    names each of its words with the line they stood on."""
    from brotui.core.importing import read_blocks
    from brotui.core.importing.parser import parse

    read = read_blocks(SEED_TXT.read_bytes(), "text")
    parsed = parse(read.blocks)
    item = parsed.protocol.items[5]
    assert item.text and item.text.startswith("Skärmtaket i Liljeholmen")
    item.text = item.text.split("\n\n", 1)[1]
    lost = account(read.blocks, parsed.protocol, parsed.left_out)
    where = {u.word: u.place.line for u in lost}
    # Words found nowhere else are named where they stood; a common word ("i", "för") is
    # counted short wherever its last occurrence stands.
    assert {where["skärmtaket"], where["flyttas"], where["liljeholmen"]} == {42}
    assert len(lost) == len(words("Skärmtaket i Liljeholmen kan nu flyttas om det finns annan "
                                  "plats för taket."))


@pytest.mark.parametrize("kind", ["docx", "odt", "pdf"])
def test_the_seed_saved_as_a_document_imports_to_the_same_protocol(kind: str) -> None:
    """The seed as a secretary would save it from Word, LibreOffice or as PDF (headings,
    a table of attendees, bold titles, the contact broken with Shift+Enter) gives the
    same protocol as the text, byte for byte in YAML."""
    from_text = imported(SEED_TXT.read_bytes())
    result = imported(seed_in(kind), f"seed.{kind}")
    assert result.report.kind == kind
    assert result.yaml == from_text.yaml
    assert fielddiff.diff(archived_seed(), result.protocol) == []
    assert result.report.unaccounted == []
    assert result.report.problems == []


def test_places_in_a_word_file_are_paragraphs_and_table_rows() -> None:
    report = imported(seed_in("docx"), "seed.docx").report
    found = {f.field: f.place for f in report.found if f.place}
    assert found["council"].label("en") == "paragraph 1"
    assert found["attendees[0]"].label("en") == "table 1, row 1"
    assert found["attendees[7]"].label("sv") == "tabell 1, rad 8"
    assert found["items[2].title"].paragraph is not None


def test_places_in_a_pdf_are_pages_and_lines() -> None:
    report = imported(seed_in("pdf"), "seed.pdf").report
    found = {f.field: f.place for f in report.found if f.place}
    assert found["council"].label("en") == "page 1, line 1"
    assert found["contact.email"].page == 2
    assert found["contact.email"].label("sv").startswith("sida 2, rad ")


def test_the_council_given_replaces_the_texts_own_and_says_so() -> None:
    result = imported(SEED_TXT.read_bytes(), council="Lokala Brå Hägersten", slug="hagersten")
    assert result.protocol.council == "Lokala Brå Hägersten"
    assert result.protocol_id == "hagersten/2020-02-20"
    notes = [n.text("en") for n in result.report.notes]
    assert ('The text names the council "Hägersten-Liljeholmens lokala brottsförebyggande råd"'
            '; the one given, "Lokala Brå Hägersten", is used.') in notes
    assert result.report.unaccounted == []


def test_a_text_in_windows_1252_is_read_with_a_note() -> None:
    """Notepad's and old Word's encoding for Swedish: the same protocol, and a note that
    says the file was not UTF-8 and where."""
    data = SEED_TXT.read_text("utf-8").replace("–", "-").encode("cp1252")
    result = imported(data)
    assert result.protocol.council == "Hägersten-Liljeholmens lokala brottsförebyggande råd"
    assert [a.name for a in result.protocol.attendees][1] == "Martin Hämmerli"
    note = next(n for n in result.report.notes if n.key == "note_cp1252")
    assert note.place is not None and note.place.line == 3
    assert "Windows-1252" in note.text("en") and "Windows-1252" in note.text("sv")


def test_utf16_and_a_byte_order_mark_are_read() -> None:
    text = SEED_TXT.read_text("utf-8")
    expected = imported(SEED_TXT.read_bytes()).yaml
    assert imported(text.encode("utf-16")).yaml == expected
    with_bom = imported(b"\xef\xbb\xbf" + SEED_TXT.read_bytes())
    assert with_bom.yaml == expected
    assert any(n.key == "note_bom" for n in with_bom.report.notes)


# ---------------------------------------------------------------- other layouts


@dataclass
class Expected:
    council: str
    date: str
    start: str | None
    end: str | None
    location: str
    chair: str
    secretary: str | None
    adjusters: list[str]
    # (name, role, organisation, presence, note)
    attendees: list[tuple[str, str | None, str | None, str, str | None]]
    items: list[tuple[int, str]]
    decisions: dict[int, list[str]] = field(default_factory=dict)
    attachments: dict[int, list[str]] = field(default_factory=dict)
    next_meetings: list[tuple[str, str | None, str | None, str | None]] = field(
        default_factory=list)
    contact: tuple[str, str, str] | None = None
    slug: str = ""


LAYOUT_CASES: dict[str, tuple[str, Expected]] = {
    "skarholmen": ("skarholmen-2019-03-12.txt", Expected(
        council="Brottsförebyggande rådet i Skärholmen", date="2019-03-12",
        start="13:30", end="15:30",
        location="Skärholmens stadsdelsförvaltning, Storholmsbacken 2, sammanträdesrum Bredäng",
        chair="Per Holm", secretary="Lars Svensson", adjusters=["Karin Lund"],
        attendees=[
            ("Per Holm", "ordförande", "S", "present", None),
            ("Eva Nyström", "vice ordförande", "M", "present", None),
            ("Karin Lund", None, "V", "present", None),
            ("Johan Ek", None, "L", "present", "t.o.m. § 4"),
            ("Anna Berg", "stadsdelsdirektör", None, "present", None),
            ("Lars Svensson", "trygghetssamordnare, sekreterare", None, "present", None),
            ("Sara Lind", "kommunpolis", "Lokalpolisområde Skärholmen", "adjunct", None),
            ("Ali Hassan", "fältassistent", None, "adjunct", "från § 3"),
            ("Mikael Strand", None, "KD", "excused", None),
            ("Lena Björk", "rektor Bredängsskolan", None, "excused", None),
        ],
        items=[(1, "Mötets öppnande"), (2, "Val av justerare"), (3, "Godkännande av dagordning"),
               (4, "Lägesbild från polisen"), (5, "Trygghetsvandring i Sätra"),
               (6, "Övriga frågor"), (7, "Nästa möte")],
        decisions={
            3: ["Dagordningen godkändes."],
            4: ["Rådet tackar för informationen och ger förvaltningen i uppdrag att tillsammans "
                "med polisen ta fram en åtgärdsplan för Bredängs centrum."],
            5: ["Rådet beslutar att belysningen i gångtunneln vid Sätra torg ska prioriteras."]},
        attachments={5: ["Bilaga 1: Rapport från trygghetsvandring i Sätra"]},
        next_meetings=[("2019-05-14", "13:30", "15:30", "Skärholmens stadsdelsförvaltning")],
        slug="skarholmen")),
    "enskede": ("enskede-2022-04-06.md", Expected(
        council="Enskede-Årsta-Vantörs lokala brottsförebyggande råd", date="2022-04-06",
        start="14:00", end="16:00",
        location="Enskede-Årsta-Vantörs stadsdelsförvaltning, Slakthusplan 3, lokal Arenan",
        chair="Fredrik Sand", secretary="Helena Ström", adjusters=["Susanne Dahl"],
        attendees=[
            ("Fredrik Sand", "ordförande stadsdelsnämnden", None, "present", None),
            ("Helena Ström", "trygghetsstrateg", None, "present", None),
            ("Joakim Wik", "kommunpolis", "Lokalpolisområde Globen", "present", None),
            ("Susanne Dahl", "enhetschef fältgruppen", None, "present", None),
            ("Omar Yusuf", None, "Svenska Bostäder", "present", None),
            ("Birgitta Nord", "rektor Årstaskolan", None, "excused", None),
            ("Tomas Lindqvist", None, "Stockholmshem", "excused", None),
            ("Kristina Falk", None, "Räddningstjänsten Storstockholm", "adjunct", "punkt 3"),
        ],
        items=[(1, "Mötet öppnas"), (2, "Lägesbild"), (3, "Bränder i soprum"),
               (4, "Sommarlovsaktiviteter"), (5, "Övrigt")],
        decisions={3: ["Förvaltningen bjuder in fastighetsägarna till en informationsträff "
                       "före sommaren."],
                   4: ["Mötet beslutade att planen godkänns."]},
        attachments={4: ["Bilaga 2"]},
        next_meetings=[("2022-06-08", "14:00", "16:00", "Slakthusplan 3")],
        contact=("Helena Ström", "08-508 14 000", "helena.strom@stockholm.se"),
        slug="enskede-arsta-vantor")),
    "kista": ("kista-2021-11-18.txt", Expected(
        council="Rinkeby-Kista Local Crime Prevention Council", date="2021-11-18",
        start="10:00", end="12:00",
        location="Rinkeby-Kista District Administration, Kista Allévägen 1, room Husby",
        chair="Maria Eklund", secretary="Daniel Rosén", adjusters=["Yusuf Ahmed"],
        attendees=[
            ("Maria Eklund", "Chair", "district council", "present", None),
            ("Daniel Rosén", "Community safety coordinator", None, "present", None),
            ("Hanna Berg", "Community police officer", "Järva local police district", "present",
             None),
            ("Yusuf Ahmed", "Principal", "Rinkebyskolan", "present", None),
            ("Peter Wall", None, "Familjebostäder", "excused", None),
            ("Lina Holm", "Fire and rescue service", None, "excused", None),
            ("Jonas Kraft", "Youth worker", None, "present", "items 1-3"),
        ],
        items=[(1, "Welcome and introductions"), (2, "Minutes of the previous meeting"),
               (3, "Local situation report"), (4, "Any other business")],
        decisions={3: ["The council asked the police and the district administration to present "
                       "a joint plan for Rinkeby square at the next meeting."],
                   4: ["It was agreed that Daniel Rosén contacts the traffic office about "
                       "lighting on the footpath to Rinkebyskolan."]},
        next_meetings=[("2022-02-10", "10:00", "12:00", "Kista Allévägen 1")],
        contact=("Daniel Rosén", "08-508 01 000", "daniel.rosen@stockholm.se"),
        slug="rinkeby-kista")),
    "farsta": ("farsta.docx", Expected(
        council="Lokala Brå Farsta", date="2021-09-08", start="09:00", end="11:00",
        location="Farsta stadsdelsförvaltning, Lingvägen 123, rum Magelungen",
        chair="Ulla Berg", secretary="Johanna Ek", adjusters=["Omar Ali"],
        attendees=[
            ("Ulla Berg", "Ordförande", "Farsta stadsdelsnämnd", "present", None),
            ("Johanna Ek", "Trygghetssamordnare", "Farsta stadsdelsförvaltning", "present", None),
            ("Omar Ali", "Kommunpolis", "Lokalpolisområde Farsta", "present", None),
            ("Petra Sjö", "Rektor", "Farstaskolan", "present", None),
            ("Nils Hed", "Fältassistent", "Farsta stadsdelsförvaltning", "present", None),
            ("Kalle Persson", None, "Stockholmshem", "excused", None),
            ("Maja Lind", None, "Räddningstjänsten Storstockholm", "excused", None),
            ("Eva Strand", "samordnare", "Farsta centrum AB", "adjunct", "t.o.m. punkt 2"),
        ],
        items=[(1, "Inledning"), (2, "Lägesbild"), (3, "Trygghet i Farsta centrum"),
               (4, "Övriga frågor")],
        decisions={2: ["Beslutades att förvaltningen skickar ut information om källarinbrott "
                       "till bostadsrättsföreningarna i Hökarängen."],
                   3: ["Rådet ställer sig bakom att centrumet förlänger ordningsvakternas tider "
                       "till kl. 22.", "Förvaltningen följer upp effekten till nästa möte."]},
        next_meetings=[("2021-11-10", "09:00", "11:00", "Farsta stadsdelsförvaltning")],
        contact=("Johanna Ek", "08-508 18 000", "johanna.ek@stockholm.se"), slug="farsta")),
    "bromma": ("bromma.pdf", Expected(
        council="Bromma lokala brottsförebyggande råd", date="2019-10-15",
        start="16:00", end="18:00", location="Bromma stadsdelsförvaltning, Brommaplan 4, sal Ängby",
        chair="Anders Vik", secretary="Linda Åberg", adjusters=["Cecilia Ros"],
        attendees=[
            ("Anders Vik", "ordförande", "Bromma stadsdelsnämnd", "present", None),
            ("Cecilia Ros", "ledamot", "Bromma stadsdelsnämnd", "present", None),
            ("Göran Mark", "kommunpolis", "Lokalpolisområde Västerort", "present", None),
            ("Linda Åberg", "trygghetsstrateg", "Bromma stadsdelsförvaltning", "present", None),
            ("Emil Sund", "nattvandrare", "Föreningen Nattvandrarna i Bromma", "present", None),
            ("Rebecka Tall", "rektor", "Brommagymnasiet", "absent", None),
        ],
        items=[(1, "Val av justerare"), (2, "Skadegörelse vid Brommaplan"), (3, "Nattvandring"),
               (4, "Kommande möten")],
        decisions={2: ["Rådet uppdrar åt förvaltningen att tillsammans med SL se över "
                       "kameraövervakningen vid Brommaplan."],
                   3: ["Rådet beslutade att sprida broschyren via skolorna i Bromma."]},
        attachments={3: ["Broschyr"]},
        next_meetings=[("2019-11-12", "16:00", "18:00", "Brommaplan 4, sal Ängby"),
                       ("2019-12-10", "16:00", "18:00", "Brommaplan 4, sal Ängby")],
        slug="bromma")),
    "norrmalm": ("norrmalm.odt", Expected(
        council="Norrmalms råd för trygghet och brottsförebyggande arbete", date="2023-01-26",
        start="15:00", end="16:30",
        location="Norrmalms stadsdelsförvaltning, Fleminggatan 4, rum Kungsholmen",
        chair="Karl Berglund", secretary="Ingrid Hall", adjusters=["Sofia Wall", "Ahmed Nasser"],
        attendees=[
            ("Karl Berglund", "ordförande", "S", "present", None),
            ("Sofia Wall", None, "M", "present", None),
            ("Ahmed Nasser", "kommunpolis", "Lokalpolisområde Norrmalm", "present", None),
            ("Ingrid Hall", "trygghetsstrateg, sekreterare", None, "present", None),
            ("Björn Ek", "samordnare", "Citysamverkan", "present", None),
            ("Tove Sand", None, "V", "absent", None),
            ("Peter Lo", None, "Räddningstjänsten Storstockholm", "adjunct", "fr.o.m. §3"),
        ],
        items=[(1, "Öppnande"), (2, "Lägesbild City"), (3, "Brandsäkerhet i tunnelbanan"),
               (4, "Övrigt")],
        decisions={2: ["Mötet beslutade att Citysamverkan och polisen gemensamt informerar "
                       "butikerna."]},
        attachments={3: ["Presentation"]},
        next_meetings=[("2023-03-23", "15:00", "16:30", "Fleminggatan 4")], slug="norrmalm")),
    "spanga-tensta": ("spanga-tensta-2019-10-07.txt", Expected(
        council="Spånga-Tensta lokala brå", date="2019-10-07", start="09:00", end="11:00",
        location="Spånga-Tensta stadsdelsförvaltning, Fagerstagatan 21",
        chair="Lisa Ahl", secretary="Kent Björk", adjusters=[],
        attendees=[
            ("Lisa Ahl", "ordförande", None, "present", None),
            ("Kent Björk", None, None, "present", None),
            ("Nora Said", "kommunpolis", None, "present", None),
            ("Erik Falk", "fritidschef", None, "present", None),
            ("Jan Ek", None, None, "excused", None),
        ],
        items=[(1, "Föregående minnesanteckningar"), (2, "Aktuellt från polisen"),
               (3, "Fritidsgårdarnas öppettider"), (4, "Nästa möte")],
        decisions={2: ["Förvaltningen och polisen samordnar höstlovsinsatserna."]},
        attachments={3: ["Förslag öppettider hösten 2019", "Statistik besökare"]},
        next_meetings=[("2019-12-02", "09:00", "11:00", None)], slug="spanga-tensta")),
    "southwark": ("southwark-2021-03-05.txt", Expected(
        council="SOUTHWARK COMMUNITY SAFETY PARTNERSHIP", date="2021-03-05", start="14:00",
        end=None, location="VIA MICROSOFT TEAMS", chair="Cllr Jane Smith", secretary=None,
        adjusters=[],
        attendees=[
            ("Cllr Jane Smith", "Chair", None, "present", None),
            ("Tom Brown", None, "Metropolitan Police", "present", None),
            ("Priya Patel", "Head of Community Safety", None, "present", None),
            ("Mark Jones", None, "London Fire Brigade", "excused", None),
        ],
        items=[(1, "Welcome and apologies"), (2, "Minutes of the last meeting"),
               (3, "Knife crime update"), (4, "Date of next meeting")],
        decisions={3: ["That the partnership endorses the knife crime action plan."]},
        attachments={3: ["Appendix A"]},
        next_meetings=[("2021-06-04", "14:00", None, None)], slug="southwark")),
}


def layout_bytes(source: str) -> bytes:
    if (LAYOUTS / source).exists():
        return (LAYOUTS / source).read_bytes()
    name, kind = source.rsplit(".", 1)
    maker = {"docx": docs.to_docx, "odt": docs.to_odt, "pdf": docs.to_pdf}[kind]
    return maker(getattr(docs, name)())


@pytest.mark.parametrize("case", sorted(LAYOUT_CASES))
def test_other_councils_layouts_import_right(case: str) -> None:
    """Each council's own layout: every attendee with the right presence, role,
    organisation and note, every item and decision, chair, secretary and adjusters."""
    source, want = LAYOUT_CASES[case]
    result = imported(layout_bytes(source), source)
    p = result.protocol
    got_attendees = [(a.name, a.role, a.organisation, a.presence, a.note) for a in p.attendees]
    assert got_attendees == want.attendees
    assert [(i.number, i.title) for i in p.items] == want.items
    assert {i.number: i.decisions for i in p.items if i.decisions} == want.decisions
    assert {i.number: i.attachments for i in p.items if i.attachments} == want.attachments
    assert (p.chair, p.secretary, p.adjusters) == (want.chair, want.secretary, want.adjusters)
    assert (p.council, str(p.date), p.start, p.end, p.location) == (
        want.council, want.date, want.start, want.end, want.location)
    assert [(str(m.date), m.start, m.end, m.location) for m in p.next_meetings] == \
        want.next_meetings
    contact = (p.contact.name, p.contact.phone, p.contact.email) if p.contact else None
    assert contact == want.contact
    assert result.protocol_id == f"{want.slug}/{want.date}"
    assert result.report.unaccounted == []
    assert result.report.problems == []


def test_the_chair_who_signs_justerat_is_not_an_adjuster() -> None:
    """"Justerat: Lisa Ahl" at the end, Lisa Ahl being the chair: she signs as the chair,
    and the report says why the adjusters are empty."""
    report = imported(layout_bytes("spanga-tensta-2019-10-07.txt")).report
    assert "Lisa Ahl is the chair and signs as such, not as an adjuster." in [
        n.text("en") for n in report.notes]
    assert "adjusters" in report.missing


def test_an_item_keeps_its_paragraphs() -> None:
    source, _ = LAYOUT_CASES["skarholmen"]
    item = imported(layout_bytes(source)).protocol.items[3]
    assert item.text == (
        "Sara Lind redogjorde för den lokala lägesbilden. Antalet anmälda bostadsinbrott har "
        "minskat jämfört med samma period förra året, medan skadegörelsen vid Skärholmens "
        "centrum har ökat.\n\nPolisen ser fortsatt behov av samverkan kring Bredängs centrum "
        "under kvällstid.")


def test_words_numbers_from_words_own_list_are_said_in_the_report() -> None:
    result = imported(layout_bytes("farsta.docx"), "farsta.docx")
    numbering = [n.text("en") for n in result.report.notes if n.key == "note_word_numbering"]
    assert numbering[:2] == ['The number "1." comes from Word\'s automatic numbering.',
                             'The number "2." comes from Word\'s automatic numbering.']


def test_the_signers_roles_under_justeras_decide_chair_and_adjusters() -> None:
    """Under "Justeras" the names stand side by side with "Ordförande" and "Justerare"
    under them: the chair is not counted as an adjuster."""
    report = imported(layout_bytes("skarholmen-2019-03-12.txt")).report
    left = {x.text: x.reason_text("en") for x in report.left_out}
    assert left["Ordförande                  Justerare"] == \
        "the signer's role, read as chair, secretary or adjuster"
    assert report.finding("chair") is not None
    assert report.finding("adjusters[0]").value == "Karin Lund"  # type: ignore[union-attr]


# ------------------------------------------------------------- what cannot be placed


def test_text_before_the_first_item_that_fits_nowhere_is_an_item_of_its_own() -> None:
    """Nothing dropped: a line the grammar does not know, before the items, becomes an
    item "Övrigt från källan" at the end, and the report says so."""
    text = SEED_TXT.read_text("utf-8").replace(
        "Tidpunkt:", "Dnr SDF 2020/1234 Ärendet bereds av förvaltningen\n\nTidpunkt:")
    result = imported(text.encode())
    last = result.protocol.items[-1]
    assert (last.number, last.title) == (8, "Övrigt från källan")
    assert last.text == "Dnr SDF 2020/1234 Ärendet bereds av förvaltningen"
    assert any(n.key == "note_extra_item" for n in result.report.notes)
    assert result.report.unaccounted == []


def test_text_after_the_last_item_that_fits_nowhere_stays_in_that_item() -> None:
    text = SEED_TXT.read_text("utf-8") + "\n\nMötet avslutades kl. 17.05.\n"
    result = imported(text.encode())
    assert result.protocol.items[-1].text.endswith("Mötet avslutades kl. 17.05.")  # type: ignore[union-attr]
    assert result.protocol.contact is not None
    assert result.report.unaccounted == []


def test_a_weekday_that_disagrees_with_its_date_is_said() -> None:
    text = SEED_TXT.read_text("utf-8").replace("Torsdagen den 20", "Onsdagen den 20")
    result = imported(text.encode())
    assert result.protocol.date == dt.date(2020, 2, 20)
    note = next(n for n in result.report.notes if n.key == "note_weekday_mismatch")
    assert note.place is not None and note.place.line == 18
    assert "2020-02-20 is a torsdag, not Onsdagen" in note.text("en")


def test_a_next_meeting_without_a_year_takes_the_meetings_and_says_so() -> None:
    text = SEED_TXT.read_text("utf-8").replace("Torsdagen 14 maj 2020", "Torsdagen 14 maj")
    result = imported(text.encode())
    assert result.protocol.next_meetings[0].date == dt.date(2020, 5, 14)
    assert any(n.key == "note_year_from_meeting" for n in result.report.notes)


def test_the_validator_speaks_in_the_report() -> None:
    """A chair named who is not an attendee: the import is made, and the validator's
    problem is in the report for the person to fix before saving."""
    text = SEED_TXT.read_text("utf-8").replace(
        "Kontakt:", "Ordförande: Gunnar Gäst\n\nKontakt:")
    result = imported(text.encode())
    assert result.protocol.chair == "Gunnar Gäst"
    assert [p.path for p in result.report.problems] == ["chair"]
    assert not result.report.ok


# ---------------------------------------------------------------- refusals


def shopping_list() -> bytes:
    return "Handla till helgen\n\nMjölk\nÄgg\n2 liter filmjölk\nBröd\nKaffe\n".encode()


def numbered_shopping_list() -> bytes:
    return "Att köpa\n1. Mjölk\n2. Ägg\n3. Kaffe\n".encode()


def pdf_without_text() -> bytes:
    import weasyprint

    return weasyprint.HTML(string='<div style="width:300px;height:200px;background:#333">'
                                  "</div>").write_pdf()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hej")
    return out.getvalue()


REFUSALS = {
    "shopping list": (shopping_list, "refused_not_minutes"),
    "numbered shopping list": (numbered_shopping_list, "refused_not_minutes"),
    "empty": (lambda: b"", "refused_empty"),
    "blank": (lambda: b"  \n\n\t\n", "refused_empty"),
    "png": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "refused_binary"),
    "random bytes": (lambda: bytes((i * 7919) % 256 for i in range(4096)), "refused_binary"),
    "old word": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "refused_old_office"),
    "pdf without text": (pdf_without_text, "refused_pdf_no_text"),
    "damaged pdf": (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n", "refused_damaged"),
    "damaged docx": (lambda: docs.to_docx(docs.seed_document())[:3000], "refused_damaged"),
    "a zip of something else": (plain_zip, "refused_binary"),
    "50 MB": (lambda: b"a" * (50 * 1024 * 1024), "refused_too_large"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_file_that_is_not_minutes_is_refused_with_a_sentence(case: str) -> None:
    make, key = REFUSALS[case]
    with pytest.raises(ImportRefused) as caught:
        imported(make())
    refusal = caught.value
    assert refusal.key == key
    for lang in ("sv", "en"):
        sentence = refusal.text(lang)
        assert sentence[:1].isupper() and sentence.rstrip().endswith("."), sentence
        assert "Traceback" not in sentence and "{" not in sentence


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """The size comes from the file system: a 50 MB file is never read into memory."""
    big = tmp_path / "protokoll.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(ImportRefused) as caught:
        import_file(big, lang="sv")
    assert caught.value.key == "refused_too_large"
    assert caught.value.text("sv") == (
        "Filen är 52,4 MB; en import läser högst 20,0 MB. Dela upp den eller spara protokollet "
        "utan inbäddade bilder.")
    assert MAX_BYTES == 20_000_000


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    with pytest.raises(ImportRefused) as caught:
        imported(out.getvalue(), "bomb.docx")
    assert caught.value.key == "refused_zip_bomb"


def test_import_file_reads_a_file_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "2020-02-20.docx"
    path.write_bytes(seed_in("docx"))
    result = import_file(path, lang="en")
    assert result.report.source == "2020-02-20.docx"
    assert result.report.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()
    assert result.protocol_id == "hagersten-liljeholmen/2020-02-20"


def test_the_type_comes_from_the_content_not_the_name() -> None:
    """A Word file called .txt is read as Word; a text called .pdf as text."""
    assert imported(seed_in("docx"), "protokoll.txt").report.kind == "docx"
    assert imported(SEED_TXT.read_bytes(), "protokoll.pdf").report.kind == "text"


# ---------------------------------------------------------------- report, catalogue


def test_the_report_as_json_and_as_lines() -> None:
    import json

    report = imported(SEED_TXT.read_bytes(), "seed.txt").report
    data = json.loads(json.dumps(report.as_json("sv")))
    assert data["id"] == "hagersten-liljeholmen/2020-02-20"
    assert data["found"][0] == {"field": "council", "value": report.found[0].value,
                                "where": {"line": 3}, "where_text": "rad 3",
                                "source": "Hägersten-Liljeholmens lokala brottsförebyggande "
                                          "råd 2020-02-20"}
    assert {"text": "Närvarande:", "where": {"line": 5}, "where_text": "rad 5",
            "reason": "left_label", "reason_text": "rubrik, använd som struktur"} in \
        data["left_out"]
    assert data["unaccounted"] == [] and data["problems"] == []
    lines = report.lines("en")
    assert lines[0] == "Import of seed.txt (text):"
    assert "  council: Hägersten-Liljeholmens lokala brottsförebyggande råd  (line 3)" in lines


def test_every_message_is_in_both_languages_and_every_key_used_exists() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"sv", "en"}, key
        assert re.findall(r"{(\w+)}", texts["sv"]) == re.findall(r"{(\w+)}", texts["en"]) or \
            sorted(re.findall(r"{(\w+)}", texts["sv"])) == sorted(
                re.findall(r"{(\w+)}", texts["en"])), key
    package = Path(__import__("brotui.core.importing", fromlist=["x"]).__file__).parent
    used: set[str] = set()
    for path in package.glob("*.py"):
        used |= set(re.findall(r'"((?:note|left|refused|place|presence|kind|report|what|extra)'
                               r'_[a-z0-9_]+)"(?!\s*:)', path.read_text("utf-8")))
    assert used - set(MESSAGES) == set()
    assert msg("presence_excused", "sv") == "anmält förhinder"


def test_slugs_are_made_from_the_place_in_the_councils_name() -> None:
    assert slug_for("Hägersten-Liljeholmens lokala brottsförebyggande råd") == \
        "hagersten-liljeholmen"
    assert slug_for("Brottsförebyggande rådet i Skärholmen") == "skarholmen"
    assert slug_for("Lokala Brå Farsta") == "farsta"
    assert slug_for("Borås lokala brottsförebyggande råd") == "boras"


# ---------------------------------------------------------------- generated minutes

FIRST = ["Anna", "Bo", "Carin", "David", "Elin", "Fredrik", "Gun", "Hasse", "Ida", "Jonas",
         "Åsa", "Örjan", "Ümit", "Zeynep", "Li"]
LAST = ["Andersson", "Berg", "Ceder", "Dahl", "Ek", "Falk", "Gran", "Holm", "Lind", "Öberg",
        "von Platen", "Nguyen", "Al-Sayed"]
ROLES = ["ordförande", "kommunpolis", "trygghetsstrateg", "rektor Bergsskolan",
         "fältassistent", "enhetschef", "ledamot", "vice ordförande", "samordnare"]
ORGS = ["Polisen", "Stockholmshem", "Räddningstjänsten", "Farsta stadsdelsförvaltning", "(S)",
        "(M)", "Lokalpolisområde Globen"]
NOTES = ["t.o.m. punkt 3", "från § 2", "(t.o.m. § 4)", "del av mötet"]
WORDS = [
    'mötet', 'rådet', 'polisen', 'skolan', 'trygghet', 'lägesbild', 'insatser', 'förvaltningen',
    'information', 'beslut', 'tid', 'plats', 'kommande', 'justerare', 'bilaga', 'se', 'bifogat',
    'bildspel', 'och', 'att', 'i', 'på', 'med', 'för', 'den', 'det', 'som', '2020', '15.00',
    'kl.', 'maj', 'torsdag', '§', '3', '1.', 'Övrigt', 'Närvarande:', 'Plats:', 'Kontakt:',
    'ordförande', 'sekreterare', 'justeras', 'vid', 'protokollet', 'nästa', 'möte', 'rapport',
    'budget',
]
SECTIONS = ["Närvarande:", "Ledamöter", "Anmält förhinder", "Frånvarande:", "Adjungerade",
            "Övriga närvarande", "Present:", "Apologies:"]


@st.composite
def generated_minutes(draw: st.DrawFn) -> str:
    """Minutes of many shapes: sections of attendees in any order, items numbered in any
    of the usual ways, sentences of words that include the grammar's own (labels, dates,
    numbers), signatures, a contact, and lines of noise anywhere."""
    lines: list[str] = []
    sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
    noise = st.text(alphabet="abcåäöXYZ019 .,:;§()-–*#\t", min_size=1, max_size=40)
    lines.append(draw(st.sampled_from(["Protokoll", "", "# Minnesanteckningar"])))
    lines.append(draw(st.sampled_from(["Lokala Brå Testby", "Testby lokala brottsförebyggande "
                                       "råd 2021-03-04", "Brottsförebyggande rådet i Testby"])))
    lines.append(draw(st.sampled_from(["Tid: 2021-03-04 kl. 15.00–17.00", "Tidpunkt:\n\n"
                                       "Torsdagen den 4 mars 2021 kl. 15.00 – 17.00",
                                       "Datum: 4/3 2021", ""])))
    if draw(st.booleans()):
        lines.append("Plats: " + draw(sentence))
    names: set[str] = set()
    for _ in range(draw(st.integers(0, 3))):
        lines.append("")
        lines.append(draw(st.sampled_from(SECTIONS)))
        for _ in range(draw(st.integers(0, 5))):
            name = f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"
            parts = [name]
            if draw(st.booleans()):
                parts.append(draw(st.sampled_from(ROLES)))
            if draw(st.booleans()):
                parts.append(draw(st.sampled_from(ORGS)))
            if draw(st.booleans()):
                parts.append(draw(st.sampled_from(NOTES)))
            sep = draw(st.sampled_from([", ", "\t", " – "]))
            lines.append(sep.join(parts))
            names.add(name)
        if draw(st.booleans()):
            lines.append(draw(noise))
    style = draw(st.sampled_from(["{n}. ", "§ {n} ", "§{n} ", "Punkt {n}: ", "{n}) ",
                                  "**{n}. ", "Item {n} "]))
    start = draw(st.integers(1, 40))
    for n in range(start, start + draw(st.integers(1, 6))):
        lines.append("")
        title = draw(sentence)
        head = style.format(n=n) + title
        lines.append(head + ("**" if style.startswith("**") else ""))
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(["text", "text", "beslut", "bilaga", "noise", "blank",
                                         "next"]))
            if kind == "text":
                lines.append(draw(sentence))
            elif kind == "beslut":
                lines.append("Beslut: " + draw(sentence))
            elif kind == "bilaga":
                lines.append("Bilaga 1: " + draw(sentence))
            elif kind == "noise":
                lines.append(draw(noise))
            elif kind == "next":
                lines.append("Nästa möte: torsdag 6 maj kl. 15.00–17.00 i " + draw(sentence))
            else:
                lines.append("")
    signing = ["Vid protokollet", "Justeras", "Kontakt: Anna Berg 08-123 456 78 anna@example.org",
               "Nästa möte: 2021-05-06 kl 15:00", "Ordförande\tJusterare", "............",
               "Stockholm 2021-03-10", *sorted(names or {"Bo Ek"})]
    tail = draw(st.lists(st.sampled_from(signing), max_size=6))
    lines += tail
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_minutes())
def test_generated_minutes_lose_no_word(text: str) -> None:
    """Whatever the parser makes of a layout, every word of it is in the protocol or left
    out with a reason; a file it refuses is refused with a sentence, never a crash."""
    try:
        result = imported(text.encode())
    except ImportRefused as refusal:
        assert refusal.key in ("refused_not_minutes", "refused_empty")
        return
    assert result.report.unaccounted == []
    pool = protocol_words(result.protocol)
    for x in result.report.left_out:
        pool.update(words(x.text))
    assert Counter(words(text)) - pool == Counter()


def _real_lines() -> list[str]:
    lines = SEED_TXT.read_text("utf-8").splitlines()
    for path in sorted(LAYOUTS.iterdir()):
        lines += path.read_text("utf-8").splitlines()
    return sorted({x for x in lines if x.strip()})


REAL_LINES = _real_lines()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(REAL_LINES), st.just("")), min_size=1, max_size=60))
def test_real_lines_in_any_order_lose_no_word(lines: list[str]) -> None:
    """The lines of real minutes (the seed and the layouts above), shuffled, repeated and
    recombined: the parser meets labels, items, signatures and dates in orders no
    secretary would write, and still loses no word."""
    text = "\n".join(lines)
    try:
        result = imported(text.encode())
    except ImportRefused as refusal:
        assert refusal.key in ("refused_not_minutes", "refused_empty")
        return
    assert result.report.unaccounted == []
