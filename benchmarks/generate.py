"""Generate a large brotui archive (a git repository of protocols) with `git fast-import`.

Usage: python benchmarks/generate.py OUT [--protocols 5000] [--commits 50000] [--seed 1] [--bare]

The first commits create the protocols (several per commit), every later commit edits one
protocol. Each protocol's text is regenerated from a small per-protocol state, so memory stays
small however long the history is. The same arguments always give the same repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path
from typing import IO

DISTRICTS = (
    "Hägersten-Liljeholmen", "Skärholmen", "Älvsjö", "Enskede-Årsta-Vantör", "Farsta",
    "Skarpnäck", "Södermalm", "Norrmalm", "Kungsholmen", "Östermalm", "Bromma",
    "Hässelby-Vällingby", "Spånga-Tensta", "Rinkeby-Kista", "Angered", "Östra Göteborg",
    "Majorna-Linné", "Askim-Frölunda-Högsbo", "Västra Hisingen", "Örgryte-Härlanda",
)
GOTHENBURG = frozenset(DISTRICTS[14:])
STREETS = (
    "Telefonvägen", "Storgatan", "Kyrkvägen", "Skolgatan", "Torggatan", "Parkvägen",
    "Björkvägen", "Ängsvägen", "Sjövägen", "Östra Långgatan", "Hamngatan", "Järnvägsgatan",
)
FIRST_NAMES = (
    "Åsa", "Björn", "Märta", "Örjan", "Göran", "Sören", "Ingrid", "Kjell", "Lena", "Maria",
    "Anders", "Karin", "Per", "Eva", "Lars", "Anna", "Mikael", "Sara", "Johan", "Elin",
    "Jörgen", "Ulla", "Håkan", "Birgitta", "Leyla", "Ahmed", "Fatima", "Mehmet", "Sofia",
    "Ali", "Nils", "Agneta", "Tomas", "Malin", "Ylva", "Stig", "Gunnel", "Åke", "Linnéa",
)
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jansson", "Bengtsson", "Jönsson",
    "Lindberg", "Lindström", "Lindqvist", "Lundgren", "Bergström", "Sjöberg", "Håkansson",
    "Åberg", "Öberg", "Nyström", "Ekström", "Dahlberg", "Demir", "Yilmaz", "Hassan",
    "Mäkinen", "Söderberg", "Wallin", "Forsberg", "Holmström", "Engström", "Björk",
)
ROLES = (
    "Ordförande stadsdelsnämnden", "Kommunpolis", "Trygg- och säkerhetsstrateg",
    "Vice ordförande stadsdelsnämnden", "Avdelningschef social omsorg", "Grundskolechef",
    "Projektledare utveckling av närings- och föreningsliv", "Fältassistent",
    "Enhetschef fritid", "Säkerhetssamordnare", "Socialsekreterare", "Stadsdelsdirektör",
    "Biträdande stadsdelsdirektör", "Samordnare föräldraskapsstöd", "Områdespolis",
    "Kommunikatör", "Brandinspektör", "Förvaltningschef", "Enhetschef ungdom",
    "Bostadsområdets förvaltare",
)
ORGANISATIONS = (
    "Polisen", "Stockholmshem", "Svenska Bostäder", "Räddningstjänsten",
    "Fastighetsägarna", "Trafikförvaltningen", "Nattvandrarna", "Hyresgästföreningen",
)
SCHOOLS = ("Mälarhöjdens skola", "Ekens skola", "Björkhagens skola", "Sjöviksskolan",
           "Ängsskolan", "Backeskolan", "Kyrkskolan", "Solbergaskolan")
TITLES = (
    "Aktuell uppföljning och utveckling av trygghet och säkerhet",
    "Lokala lägesbilden utifrån prioriterade områden - eventuell uppdatering utifrån "
    "inkommen information",
    "Beslutade insatser",
    "Information från polisen",
    "Trygghetsvandring i centrum",
    "Skolornas trygghetsarbete",
    "Sommarinsatser för unga",
    "Nattvandring och fältarbete",
    "Information kring ny lokal samverkansöverenskommelse stadsdelsförvaltning – polis och "
    "fortsatt planering.",
    "Uppföljning av medborgardialogen",
    "Belysning och fysisk miljö",
    "Samverkan med fastighetsägare",
)
# A sentence is a template and the words that may fill its slot; an edit swaps the word.
SENTENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Polisen rapporterar att antalet anmälda {} har minskat under perioden.",
     ("inbrott", "rån", "skadegörelser", "bilbränder", "stölder", "misshandelsfall")),
    ("Förvaltningen ser över vilka {} som finns.",
     ("alternativ", "medel", "lokaler", "möjligheter", "resurser")),
    ("Frågan om hur vi ska hitta medel för {} kvarstår.",
     ("en workshop", "fler fältassistenter", "bättre belysning", "sommarjobb", "nattvandring")),
    ("Tidigare prioriteringar kvarstår fram till {}.",
     ("nästa möte", "årsskiftet", "sommaren", "den nya överenskommelsen")),
    ("Skolorna upplever att tryggheten har {} sedan förra läsåret.",
     ("ökat", "minskat", "varit oförändrad", "förbättrats")),
    ("Trygghetsvandringen genomfördes i {} tillsammans med boende och fastighetsägare.",
     ("centrum", "parken", "tunnelbaneuppgången", "bostadsområdet", "idrottsområdet")),
    ("Fältassistenterna har under perioden mött {} ungdomar i området.",
     ("många", "färre", "fler", "nya")),
    ("Belysningen vid {} ska förbättras under året.",
     ("gångtunneln", "busshållplatsen", "skolgården", "parkeringen", "torget")),
    ("Lokala Brå tar fram en {} inför nästa möte.",
     ("lägesbild", "handlingsplan", "sammanställning", "uppföljning")),
    ("Samverkan med fastighetsägarna fungerar {}.",
     ("bra", "allt bättre", "mindre väl", "som planerat")),
    ("Nattvandrarna har varit ute {} under helgerna.",
     ("varje fredag", "ofta", "mer sällan", "regelbundet")),
    ("Klotter och nedskräpning anmäls via {}.",
     ("stadens app", "felanmälan", "kundtjänst", "fastighetsägaren")),
    ("Arbetet med {} fortsätter enligt plan.",
     ("medborgardialogen", "lägesbilden", "sommarinsatserna", "den nya överenskommelsen")),
    ("Deltagarna var överens om att följa upp frågan {}.",
     ("vid nästa möte", "under hösten", "under våren", "snarast")),
)
DECISIONS = (
    "Lokala Brå beslutar att genomföra en trygghetsvandring.",
    "Förvaltningen får i uppdrag att ta fram en lägesbild.",
    "Informationen läggs till handlingarna.",
    "Frågan tas upp igen vid nästa möte.",
    "Polisen och förvaltningen planerar gemensamma insatser under sommaren.",
)
AUTHORS = (
    "Åsa Lindqvist <asa.lindqvist@example.org>",
    "Björn Öberg <bjorn.oberg@example.org>",
    "Märta Sjöberg <marta.sjoberg@example.org>",
    "Göran Håkansson <goran.hakansson@example.org>",
    "Leyla Demir <leyla.demir@example.org>",
    "Jörgen Nyström <jorgen.nystrom@example.org>",
    "Sofia Ekström <sofia.ekstrom@example.org>",
    "Mikael Lundgren <mikael.lundgren@example.org>",
)
TIMES = (("15:00", "17:00"), ("13:30", "15:30"), ("09:00", "11:00"), ("14:00", "16:00"))
WEEKDAYS = ("Måndagen", "Tisdagen", "Onsdagen", "Torsdagen", "Fredagen", "Lördagen",
            "Söndagen")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
FIRST_DATE = dt.date(2006, 1, 1)
LAST_DATE = dt.date(2024, 12, 31)
HISTORY_START = dt.datetime(2015, 1, 2, 8, 0, tzinfo=dt.UTC)
HISTORY_END = dt.datetime(2025, 6, 30, 17, 0, tzinfo=dt.UTC)
MAX_EXTRA_ATTENDEES = 4
MAX_DECISIONS = 3
ASCII = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")

Person = tuple[str, str]  # (name, role)


def slugify(name: str) -> str:
    """'Östra Göteborg' -> 'ostra-goteborg'."""
    return name.lower().translate(ASCII).replace(" ", "-")


def genitive(name: str) -> str:
    """Swedish genitive: 'Skärholmen' -> 'Skärholmens', 'Farsta' -> 'Farstas'."""
    return name if name[-1] in "sxz" else name + "s"


def email_of(name: str) -> str:
    """A made-up work address for a person."""
    return name.lower().translate(ASCII).replace(" ", ".") + "@example.org"


def phone_of(rng: random.Random, gothenburg: bool) -> str:
    """A Swedish landline number written as people write it, e.g. '08 508 23 326'."""
    if gothenburg:
        return f"031 365 {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return f"08 508 {rng.randint(10, 99)} {rng.randint(100, 999)}"


def long_date(day: dt.date) -> str:
    """'Torsdagen 14 maj 2020'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


class Council:
    """A council: its names, its usual meeting place and its regular attendees."""

    def __init__(self, seed: int, district: str) -> None:
        rng = random.Random(f"{seed}/council/{district}")
        self.slug = slugify(district)
        self.name = f"{genitive(district)} lokala brottsförebyggande råd"
        street = f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
        self.location = (f"{genitive(district)} SDF {street}, plan {rng.randint(1, 9)} "
                         f"besöksrum {rng.randint(1, 4)}")
        self.room = f"Besöksrum {rng.randint(1, 4)}, plan {rng.randint(1, 9)}, {street}"
        names: list[str] = []
        while len(names) < 16:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in names:
                names.append(name)
        roles = list(ROLES[3:])
        rng.shuffle(roles)
        roles[1] = f"Rektor {rng.choice(SCHOOLS)}"
        # 0 chair, 1 police, 2 secretary, then the others; the last four are occasional guests.
        self.roster: list[Person] = [(names[i], ROLES[i]) for i in range(3)]
        self.roster += [(names[i], roles[i - 3]) for i in range(3, 12)]
        self.guests: list[tuple[str, str, str]] = [
            (names[i], rng.choice(ROLES[7:]), rng.choice(ORGANISATIONS)) for i in range(12, 16)
        ]
        self.phone = phone_of(rng, district in GOTHENBURG)


class Protocol:
    """One protocol's identity and the small state its edits have changed."""

    __slots__ = ("added", "approved", "council", "date", "decisions", "excused", "roles",
                 "seed", "words")

    def __init__(self, council: int, date: dt.date, seed: int) -> None:
        self.council = council
        self.date = date
        self.seed = seed
        self.roles: dict[int, str] = {}  # attendee index -> new role
        self.words: dict[tuple[int, int], int] = {}  # (item, sentence) -> word index
        self.excused: set[int] = set()  # attendee indexes marked "excused" later
        self.decisions: dict[int, int] = {}  # item index -> decisions added
        self.added = 0  # attendees added after creation
        self.approved = False

    def path(self, councils: list[Council]) -> str:
        """Path of the file in the repository."""
        return f"protocols/{councils[self.council].slug}/{self.date.isoformat()}.yaml"

    def ident(self, councils: list[Council]) -> str:
        """The protocol's id, e.g. 'hagersten-liljeholmen/2020-02-20'."""
        return f"{councils[self.council].slug}/{self.date.isoformat()}"


class Item:
    """An agenda item while a protocol is being rendered."""

    __slots__ = ("attachments", "decisions", "number", "sentences", "text", "title")

    def __init__(self, number: int, title: str | None) -> None:
        self.number = number
        self.title = title
        self.text: str | None = None  # fixed text, or else built from sentences
        self.sentences: list[list[list[int]]] = []  # paragraphs of [template, word]
        self.decisions: list[str] = []
        self.attachments: list[str] = []


class Attendee:
    """An attendee while a protocol is being rendered."""

    __slots__ = ("name", "note", "organisation", "presence", "role")

    def __init__(self, name: str, role: str, organisation: str | None = None) -> None:
        self.name = name
        self.role = role
        self.organisation = organisation
        self.presence: str | None = None
        self.note: str | None = None


class Draft:
    """A protocol's full content, built from its seed and state, ready to render."""

    def __init__(self, proto: Protocol, council: Council) -> None:
        rng = random.Random(proto.seed)
        self.council = council
        self.date = proto.date
        self.start, self.end = TIMES[rng.randrange(len(TIMES))]
        self.status = "approved" if rng.random() < 0.5 else "draft"
        roster = council.roster
        with_guest = rng.random() < 0.25
        others = rng.sample(range(3, len(roster)), rng.randint(6, 10) - 3 - with_guest)
        people = [roster[0], roster[1], roster[2]] + [roster[i] for i in sorted(others)]
        self.attendees = [Attendee(name, role) for name, role in people]
        if with_guest:
            name, role, organisation = council.guests[rng.randrange(len(council.guests))]
            guest = Attendee(name, role, organisation)
            guest.presence = "adjunct"
            self.attendees.append(guest)
        for index in range(3, len(self.attendees)):
            if rng.random() < 0.1 and self.attendees[index].presence is None:
                self.attendees[index].presence = "excused"
        self.chair = people[0][0]
        self.secretary = people[2][0]
        self.adjusters = [people[3][0]] if rng.random() < 0.5 else []
        first = 1 if rng.random() < 0.7 else rng.randint(8, 40)
        count = rng.randint(4, 8)
        if rng.random() < 0.1:
            self.attendees[-1].note = f"t.o.m. punkt {first + count - 3}"
        opening = Item(first, None)
        opening.text = (f"Sammanträdet öppnades av mötesordförande {self.chair}, deltagarna "
                        "presenterade sig, föregående protokoll lades till handlingarna och "
                        "dagordningen godkändes.")
        self.items = [opening]
        for offset, title in enumerate(rng.sample(TITLES, count - 3), start=1):
            item = Item(first + offset, title)
            if rng.random() < 0.9:
                item.sentences = self._paragraphs(rng, rng.randint(1, 3))
            if rng.random() < 0.3:
                item.attachments = ["Bildspel"]
            if rng.random() < 0.3:
                item.decisions = [rng.choice(DECISIONS)]
            self.items.append(item)
        other = Item(first + count - 2, "Övrigt")
        other.sentences = self._paragraphs(rng, rng.randint(1, 2))
        self.items.append(other)
        self.next_meeting = proto.date + dt.timedelta(days=7 * rng.randint(8, 14))
        upcoming = Item(first + count - 1, "Kommande möten")
        upcoming.text = (f"Plats: {council.room}\n\nTid: {long_date(self.next_meeting)} kl. "
                         f"{self.start.replace(':', '.')} – {self.end.replace(':', '.')}")
        self.items.append(upcoming)
        # The edits made since creation; nothing below may draw from rng.
        if proto.approved:
            self.status = "approved"
        for extra in range(proto.added):
            name, role, organisation = council.guests[extra]
            self.attendees.append(Attendee(name, role, organisation))
        for index, role in proto.roles.items():
            self.attendees[index].role = role
        for index in proto.excused:
            self.attendees[index].presence = "excused"
        for (item_index, sentence), word in proto.words.items():
            self.sentence(item_index, sentence)[1] = word
        for item_index, added in proto.decisions.items():
            self.items[item_index].decisions += list(DECISIONS[:added])

    @staticmethod
    def _paragraphs(rng: random.Random, count: int) -> list[list[list[int]]]:
        sizes = [rng.randint(1, 3) for _ in range(count)]
        templates = iter(rng.sample(range(len(SENTENCES)), sum(sizes)))
        return [[[t, rng.randrange(len(SENTENCES[t][1]))] for t in islice(templates, size)]
                for size in sizes]

    def editable_items(self) -> list[int]:
        """Indexes of the items whose text is made of sentences."""
        return [i for i, item in enumerate(self.items) if item.sentences]

    def sentence(self, item_index: int, sentence: int) -> list[int]:
        """The [template, word] pair of an item's n-th sentence."""
        flat = [s for paragraph in self.items[item_index].sentences for s in paragraph]
        return flat[sentence]

    def sentence_count(self, item_index: int) -> int:
        """How many sentences an item's text has."""
        return sum(len(paragraph) for paragraph in self.items[item_index].sentences)

    def render(self) -> bytes:
        """The protocol as canonical YAML (the format brotui writes)."""
        c = self.council
        out = [
            "schema: 1",
            f"council: {c.name}",
            f"date: {self.date.isoformat()}",
            f'start: "{self.start}"',
            f'end: "{self.end}"',
            f"location: {c.location}",
            f"status: {self.status}",
            f"chair: {self.chair}",
            f"secretary: {self.secretary}",
        ]
        if self.adjusters:
            out.append("adjusters:")
            out += [f"- {name}" for name in self.adjusters]
        out.append("attendees:")
        for person in self.attendees:
            out.append(f"- name: {person.name}")
            out.append(f"  role: {person.role}")
            if person.organisation:
                out.append(f"  organisation: {person.organisation}")
            if person.presence:
                out.append(f"  presence: {person.presence}")
            if person.note:
                out.append(f"  note: {person.note}")
        out.append("items:")
        for item in self.items:
            out.append(f"- number: {item.number}")
            if item.title:
                out.append(f"  title: {item.title}")
            text = item.text
            if item.sentences:
                text = "\n\n".join(
                    " ".join(SENTENCES[t][0].format(SENTENCES[t][1][w]) for t, w in paragraph)
                    for paragraph in item.sentences)
            if text is not None:
                if "\n" in text:
                    out.append("  text: |-")
                    out += [f"    {line}" if line else "" for line in text.split("\n")]
                else:
                    out.append(f"  text: {text}")
            if item.decisions:
                out.append("  decisions:")
                out += [f"  - {decision}" for decision in item.decisions]
            if item.attachments:
                out.append("  attachments:")
                out += [f"  - {attachment}" for attachment in item.attachments]
        out += [
            "next_meetings:",
            f"- date: {self.next_meeting.isoformat()}",
            f'  start: "{self.start}"',
            f'  end: "{self.end}"',
            f"  location: {c.room}",
            "contact:",
            f"  name: {self.secretary}",
            f"  phone: {c.phone}",
            f"  email: {email_of(self.secretary)}",
            "",
        ]
        return "\n".join(out).encode()


def edit(proto: Protocol, draft: Draft, rng: random.Random) -> tuple[str, str]:
    """Change one thing in a protocol's state and in its draft (kept equal to Draft(proto)).

    Returns the commit's summary and body line.
    """
    while True:
        kind = rng.random()
        if kind < 0.45:
            items = draft.editable_items()
            index = rng.choice(items)
            sentence = rng.randrange(draft.sentence_count(index))
            template, word = draft.sentence(index, sentence)
            choices = SENTENCES[template][1]
            new = rng.choice([w for w in range(len(choices)) if w != word])
            proto.words[(index, sentence)] = new
            draft.sentence(index, sentence)[1] = new
            number = draft.items[index].number
            return (f"ändrat §{number} text",
                    f"- §{number} text: \"{choices[word]}\" → \"{choices[new]}\"")
        if kind < 0.75:
            index = rng.randrange(len(draft.attendees))
            person = draft.attendees[index]
            role = rng.choice([r for r in ROLES if r != person.role])
            old, person.role = person.role, role
            proto.roles[index] = role
            return (f"ändrat roll för {person.name}",
                    f"- {person.name}, roll: \"{old}\" → \"{role}\"")
        if kind < 0.85 and proto.added < MAX_EXTRA_ATTENDEES:
            name, role, organisation = draft.council.guests[proto.added]
            if all(a.name != name for a in draft.attendees):
                proto.added += 1
                draft.attendees.append(Attendee(name, role, organisation))
                return f"lagt till {name}", f"- deltagare tillagd: {name}, {role}"
        if kind < 0.92:
            index = rng.randrange(3, len(draft.attendees))
            person = draft.attendees[index]
            if person.presence is None and index not in proto.excused:
                proto.excused.add(index)
                person.presence = "excused"
                return (f"ändrat närvaro för {person.name}",
                        f"- {person.name}: närvarande → anmält förhinder")
        if kind < 0.97:
            index = rng.choice(draft.editable_items())
            if proto.decisions.get(index, 0) < MAX_DECISIONS:
                added = proto.decisions.get(index, 0)
                proto.decisions[index] = added + 1
                draft.items[index].decisions.append(DECISIONS[added])
                number = draft.items[index].number
                return f"lagt till beslut i §{number}", f"- §{number}: nytt beslut"
        if draft.status == "draft":
            proto.approved = True
            draft.status = "approved"
            return "godkänt protokollet", "- status: draft → approved"


def make_protocols(seed: int, count: int, councils: list[Council]) -> list[Protocol]:
    """The protocols of the final tree, in date order, each with a unique (council, date)."""
    rng = random.Random(f"{seed}/protocols")
    days = (LAST_DATE - FIRST_DATE).days + 1
    per_council = [count // len(councils) + (i < count % len(councils))
                   for i in range(len(councils))]
    if max(per_council) > days:
        raise SystemExit(f"too many protocols: at most {days} per council")
    protocols = []
    for index, wanted in enumerate(per_council):
        for offset in rng.sample(range(days), wanted):
            date = FIRST_DATE + dt.timedelta(days=offset)
            protocols.append(Protocol(index, date, rng.getrandbits(48)))
    protocols.sort(key=lambda p: (p.date, p.council))
    return protocols


def stockholm_offset(moment: dt.datetime) -> str:
    """'+0200' in Swedish summer time (last Sunday of March to last Sunday of October)."""
    def last_sunday(month: int) -> dt.datetime:
        day = dt.datetime(moment.year, month, 31, 1, 0, tzinfo=dt.UTC)
        return day - dt.timedelta(days=(day.weekday() + 1) % 7)
    return "+0200" if last_sunday(3) <= moment < last_sunday(10) else "+0100"


def data(payload: bytes) -> bytes:
    """A fast-import `data` command."""
    return b"data %d\n%s\n" % (len(payload), payload)


def write_stream(out: IO[bytes], seed: int, protocols_count: int, commits: int) -> None:
    """Write the whole fast-import stream for the archive to `out`."""
    councils = [Council(seed, district) for district in DISTRICTS]
    protocols = make_protocols(seed, protocols_count, councils)
    rng = random.Random(f"{seed}/history")
    creations = min(math.ceil(protocols_count / 10), max(1, commits // 2))
    start = HISTORY_START.timestamp()
    step = (HISTORY_END.timestamp() - start) / commits
    mark = 0
    out.write(b"feature done\n")
    for number in range(commits):
        when = int(start + number * step + rng.random() * step / 2)
        moment = dt.datetime.fromtimestamp(when, dt.UTC)
        modifies = []
        if number < creations:
            author = AUTHORS[0]
            batch = protocols[number * protocols_count // creations:
                              (number + 1) * protocols_count // creations]
            for proto in batch:
                mark += 1
                out.write(b"blob\nmark :%d\n" % mark)
                out.write(data(Draft(proto, councils[proto.council]).render()))
                modifies.append(f"M 100644 :{mark} {proto.path(councils)}\n")
            ids = [p.ident(councils) for p in batch]
            if len(ids) == 1:
                summary = f"{ids[0]}: nytt protokoll"
            else:
                summary = f"Importerat {len(ids)} protokoll ({ids[0]} m.fl.)"
            message = (summary + "\n\n" + "".join(f"- nytt protokoll {i}\n" for i in ids)
                       + "\n" + "".join(f"Protocol: {i}\n" for i in ids))
        else:
            author = AUTHORS[rng.randrange(len(AUTHORS))]
            proto = protocols[rng.randrange(len(protocols))]
            council = councils[proto.council]
            draft = Draft(proto, council)
            summary, line = edit(proto, draft, rng)
            mark += 1
            out.write(b"blob\nmark :%d\n" % mark)
            out.write(data(draft.render()))
            modifies.append(f"M 100644 :{mark} {proto.path(councils)}\n")
            ident = proto.ident(councils)
            message = f"{ident}: {summary}\n\n{line}\n\nProtocol: {ident}\n"
        stamp = f"{author} {when} {stockholm_offset(moment)}"
        out.write(f"commit refs/heads/main\nauthor {stamp}\ncommitter {stamp}\n".encode())
        out.write(data(message.encode()))
        out.write("".join(modifies).encode() + b"\n")
    out.write(b"done\n")


def git(*args: str) -> None:
    """Run a git command, stopping the program if it fails."""
    subprocess.run(["git", *args], check=True)


def generate(out: Path, protocols: int, commits: int, seed: int, bare: bool) -> None:
    """Build the repository at `out` and print how long each step took."""
    if protocols < 1 or commits < 1:
        raise SystemExit("--protocols and --commits must be at least 1")
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} exists and is not empty")
    began = time.perf_counter()
    git("init", "--quiet", "-b", "main", *(["--bare"] if bare else []), str(out))
    gitdir = out if bare else out / ".git"
    importer = subprocess.Popen(
        ["git", f"--git-dir={gitdir}", "fast-import", "--quiet", "--done"],
        stdin=subprocess.PIPE)
    assert importer.stdin is not None
    try:
        write_stream(importer.stdin, seed, protocols, commits)
    finally:
        importer.stdin.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")
    imported = time.perf_counter()
    git(f"--git-dir={gitdir}", "commit-graph", "write", "--reachable", "--changed-paths")
    graphed = time.perf_counter()
    if not bare:
        git("-C", str(out), "reset", "--quiet", "--hard", "main")
    done = time.perf_counter()
    print(f"generated {out}: {protocols} protocols, {commits} commits in "
          f"{done - began:.1f} s (fast-import {imported - began:.1f} s, "
          f"commit-graph {graphed - imported:.1f} s"
          + ("" if bare else f", checkout {done - graphed:.1f} s") + ")")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to create the repository")
    parser.add_argument("--protocols", type=int, default=5000)
    parser.add_argument("--commits", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bare", action="store_true", help="make a bare repository")
    args = parser.parse_args(argv)
    generate(args.out, args.protocols, args.commits, args.seed, args.bare)
    return 0


if __name__ == "__main__":
    sys.exit(main())
