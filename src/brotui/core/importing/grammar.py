"""A small grammar of minutes in Swedish and English: labels, dates, times, names,
phone numbers and e-mail addresses.

Every finder returns what it found with its span in the text, so the parser can
say which words became which field and which were only structure ("kl.", "den",
a weekday). No finder guesses: a weekday that disagrees with its date, a year
taken from the meeting's date and a day/month order that could be read both
ways come back as notes for the report.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# ------------------------------------------------------------------ labels

# Each label (lower case, without its colon) and what it introduces.
PRESENT, EXCUSED, ABSENT, ADJUNCT = "present", "excused", "absent", "adjunct"
TIME, PLACE, PLACE_TIME, CHAIR, SECRETARY, ADJUSTERS = (
    "time", "place", "venue_time", "chair", "secretary", "adjusters")
NEXT, CONTACT, DECISION, ATTACHMENTS, DOCUMENT, AGENDA, SIGNING = (
    "next", "contact", "decision", "attachments", "document", "agenda", "signing")
COUNCIL, DATE = "council", "date"

ATTENDANCE = {PRESENT, EXCUSED, ABSENT, ADJUNCT}

LABELS: dict[str, str] = {}


def _labels(kind: str, *names: str) -> None:
    for name in names:
        LABELS[name] = kind


_labels(PRESENT, "närvarande", "närvarande ledamöter", "ledamöter", "beslutande",
        "beslutande ledamöter", "deltagare", "deltagande", "närvarande tjänstemän",
        "tjänstemän", "övriga närvarande", "övriga deltagare", "närvarande övriga",
        "tjänstgörande ersättare", "ersättare", "närvarande ersättare",
        "ej tjänstgörande ersättare",
        "deltog", "närvaro", "mötesdeltagare", "representanter", "närvarande från förvaltningen",
        "present", "attendees", "attending", "members present", "in attendance",
        "also present", "also attending", "officers present", "officers", "participants",
        "members", "attendance")
_labels(EXCUSED, "anmält förhinder", "anmälda förhinder", "förhinder", "har anmält förhinder",
        "anmält frånvaro", "apologies", "apologies for absence", "apologies received",
        "sent apologies", "excused")
_labels(ABSENT, "frånvarande", "ej närvarande", "absent", "not present", "absentees")
_labels(ADJUNCT, "adjungerade", "adjungerad", "adjungerande", "adjungerade ledamöter",
        "co-opted", "co-opted members", "adjunct", "adjunct members", "coopted")
_labels(TIME, "tid", "tidpunkt", "datum", "datum och tid", "datum och tidpunkt", "mötestid",
        "sammanträdestid", "mötesdatum", "sammanträdesdatum", "när", "date", "time",
        "date and time", "when", "meeting date")
_labels(PLACE, "plats", "lokal", "mötesplats", "sammanträdesplats", "mötesrum", "adress",
        "venue", "place", "location", "where", "room")
_labels(PLACE_TIME, "plats och tid", "tid och plats", "place and time", "time and place",
        "date and venue", "time and venue")
_labels(CHAIR, "ordförande", "mötesordförande", "sammanträdets ordförande", "ordf",
        "chair", "chairman", "chairperson", "chairwoman", "chaired by", "chair of the meeting")
_labels(SECRETARY, "sekreterare", "protokollförare", "vid protokollet", "mötessekreterare",
        "antecknat av", "antecknades av", "protokollet fördes av",
        "sekreterare och protokollförare",
        "vid pennan", "secretary", "minutes taken by", "minute taker", "minutes by",
        "recorded by", "notes taken by", "clerk")
_labels(ADJUSTERS, "justerare", "justeras", "justeras av", "protokollsjusterare", "justerande",
        "utses att justera", "att justera", "justering", "justerat",
        "adjuster", "adjusters", "minutes checked by", "checked by", "verified by",
        "signed", "approved by", "minutes approved by", "signatures", "underskrifter")
_labels(NEXT, "kommande möten", "kommande möte", "nästa möte", "nästa sammanträde",
        "kommande sammanträden", "kommande sammanträde", "nästa möten", "mötestider",
        "kommande mötestider", "next meeting", "next meetings", "future meetings",
        "upcoming meetings", "date of next meeting", "dates of next meetings",
        "future meeting dates")
_labels(CONTACT, "kontakt", "kontaktperson", "kontaktuppgifter", "frågor", "frågor om protokollet",
        "kontakta", "contact", "contact person", "contact details", "contacts", "enquiries")
_labels(DECISION, "beslut", "beslutade insatser", "beslutades", "rådets beslut", "mötets beslut",
        "förslag till beslut", "beslutsförslag", "decision", "decisions", "resolved",
        "agreed", "actions agreed", "resolution")
_labels(ATTACHMENTS, "bilagor", "bilaga", "bifogas", "bifogade handlingar", "attachments",
        "attachment", "appendices", "appendix", "enclosures")
_labels(DOCUMENT, "protokoll", "mötesprotokoll", "sammanträdesprotokoll", "minnesanteckningar",
        "anteckningar", "mötesanteckningar", "protokoll från möte", "minutes", "meeting minutes",
        "notes", "notes of meeting", "minutes of meeting", "minutes of the meeting")
_labels(AGENDA, "dagordning", "föredragningslista", "agenda", "ärenden")
_labels(COUNCIL, "råd", "rådet", "council", "forum", "grupp", "committee")
_labels(DATE, "datum för mötet")

# A label ends at its colon, or is the whole block (a heading "Närvarande").
_LABEL_COLON_RE = re.compile(r"^\s*([^\W\d_][\w .\-/åäöÅÄÖ]{0,40}?)\s*:\s*(.*)$", re.S)


@dataclass(frozen=True)
class Label:
    kind: str
    word: str  # the label as written, without its colon
    value: str  # what follows the colon ("" when it stands alone)
    colon: bool


def _norm_label(text: str) -> str:
    return " ".join(text.casefold().replace("*", "").strip(" .:;–-\t").split())


def label_of(text: str) -> Label | None:
    """The label a block starts with: "Närvarande:", "Plats: Stadshuset", a heading
    "Anmält förhinder" on its own. None when the block is not a label."""
    whole = _norm_label(text)
    if whole in LABELS and len(text) < 60:
        return Label(LABELS[whole], text.strip().rstrip(":").strip(), "",
                     text.rstrip().endswith(":"))
    m = _LABEL_COLON_RE.match(text)
    if m:
        key = _norm_label(m[1])
        if key in LABELS:
            return Label(LABELS[key], m[1].strip(), m[2].strip(), True)
    return None


# ------------------------------------------------------------------- dates

SV_MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                  "september", "oktober", "november", "december")
EN_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december")
MONTHS: dict[str, int] = {}
for _i, (_sv, _en) in enumerate(zip(SV_MONTH_NAMES, EN_MONTH_NAMES, strict=True), start=1):
    MONTHS[_sv] = MONTHS[_en] = _i
    MONTHS[_sv[:3]] = MONTHS[_en[:3]] = _i
MONTHS.update({"sept": 9, "okt": 10})
SV_DAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
EN_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS: dict[str, int] = {}
for _i, (_sv, _en) in enumerate(zip(SV_DAY_NAMES, EN_DAY_NAMES, strict=True)):
    WEEKDAYS[_sv] = WEEKDAYS[_sv + "en"] = WEEKDAYS[_en] = _i
    WEEKDAYS[_sv[:3]] = WEEKDAYS[_en[:3]] = _i

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_WEEKDAY = rf"(?:(?P<wd>{_DAY_ALT})\.?,?\s+(?:(?:den|the)\s+)?)?"
_ORD = r"(?::e|:a|st|nd|rd|th|e)?"

DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(_WEEKDAY + r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
                       r"(?![\d-])", re.I)),
    ("dmy", re.compile(_WEEKDAY + rf"(?:den\s+)?(?<!\d)(?P<d>\d{{1,2}}){_ORD}\.?\s+(?:of\s+)?"
                       rf"(?P<mn>{_MONTH_ALT})\.?,?(?:\s+(?P<y>\d{{4}}))?(?![\w])", re.I)),
    ("mdy", re.compile(_WEEKDAY + rf"(?P<mn>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}}){_ORD},?"
                       r"(?:\s+(?P<y>\d{4}))?(?![\w])", re.I)),
    ("slash", re.compile(_WEEKDAY + r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})"
                         r"(?:(?:[ -]|/)(?P<y>\d{4}))(?![\d/])", re.I)),
    ("dots", re.compile(_WEEKDAY + r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
                        r"(?![\d.])", re.I)),
]


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int  # span in the text, weekday included
    end: int
    notes: tuple[tuple[str, dict[str, object]], ...] = ()


def find_dates(text: str, year_hint: int | None = None,
               after: dt.date | None = None) -> list[FoundDate]:
    """Every date written in `text`, in order, without overlaps. A date without a year
    takes it from `year_hint` (or the first year after `after` that makes it later),
    with a note; an impossible date (30 februari) is not a date."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            notes: list[tuple[str, dict[str, object]]] = []
            year = int(m["y"]) if m["y"] else None
            if kind == "iso" or kind == "dots":
                month, day = int(m["m"]), int(m["d"])
            elif kind == "slash":
                a, b = int(m["a"]), int(m["b"])
                if b > 12 and a <= 12:  # 2/20/2020: the American order
                    month, day = a, b
                    notes.append(("note_date_month_first", {"text": m.group().strip()}))
                else:
                    day, month = a, b
            else:
                day, month = int(m["d"]), MONTHS[m["mn"].casefold()]
            if year is None:
                if kind not in ("dmy", "mdy"):
                    continue
                if year_hint is None and after is None:
                    continue
                year = _year_for(day, month, year_hint, after)
                if year is None:
                    continue
                notes.append(("note_year_from_meeting", {"text": m.group().strip(), "year": year}))
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if not 1900 <= year <= 2200:
                continue
            if m["wd"]:
                said = WEEKDAYS[m["wd"].casefold()]
                if said != date.weekday():
                    notes.append(("note_weekday_mismatch",
                                  {"text": m.group().strip(), "date": date.isoformat(),
                                   "said": m["wd"], "is": SV_DAY_NAMES[date.weekday()]}))
            found.append(FoundDate(date, m.start(), m.end(), tuple(notes)))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


def _year_for(day: int, month: int, hint: int | None, after: dt.date | None) -> int | None:
    if after is not None:
        for year in (after.year, after.year + 1):
            try:
                if dt.date(year, month, day) > after:
                    return year
            except ValueError:
                return None
        return None
    return hint


# ------------------------------------------------------------------- times

_HOUR = r"(?P<{n}h>[01]?\d|2[0-3])(?:[.:](?P<{n}m>[0-5]\d))?(?:\s*(?P<{n}ap>[ap]\.?\s?m\.?))?"
_CLOCK = r"(?:kl\.?|klockan|kl:|at|from|från|mellan)\s*"
TIME_RANGE_RE = re.compile(
    rf"(?:{_CLOCK})?(?<![\d.:])" + _HOUR.format(n="a") +
    r"\s*(?:–|-|—|till|to|until|och)\s*(?:kl\.?\s*)?" + _HOUR.format(n="b") +
    r"(?![\d]|\.\d)", re.I)
TIME_ONE_RE = re.compile(rf"(?:(?P<kl>{_CLOCK})|(?<![\d.:/-]))" + _HOUR.format(n="a") +
                         r"(?![\d]|\.\d|/)", re.I)


@dataclass(frozen=True)
class FoundTimes:
    start: str | None
    end: str | None
    span_start: int
    span_end: int


def _hhmm(hour: str, minute: str | None, ampm: str | None) -> str:
    h = int(hour)
    if ampm:
        pm = ampm.casefold().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    return f"{h:02d}:{minute or '00'}"


def find_times(text: str, spans: Sequence[tuple[int, int]] = ()) -> FoundTimes | None:
    """The first time or time range outside `spans` (dates already found): "kl. 15.00 –
    17.00", "13.30–15.30", "15:00", "kl 15", "3-5 pm". A bare "15" is a time only after
    "kl"/"klockan"/"at" or with am/pm; a bare "15.00" or "15:00" is one anywhere."""

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in spans)

    for m in TIME_RANGE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        has_minutes = m["am"] or m["bm"]
        clock = re.match(_CLOCK, m.group(), re.I)
        if not (has_minutes or clock or m["aap"] or m["bap"]):
            continue
        bap = m["bap"]
        aap = m["aap"] or (bap if bap and int(m["ah"]) <= 12 else None)
        start = _hhmm(m["ah"], m["am"], aap)
        end = _hhmm(m["bh"], m["bm"], bap)
        return FoundTimes(start, end, m.start(), m.end())
    for m in TIME_ONE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if not (m["am"] or m["kl"] or m["aap"]):
            continue
        return FoundTimes(_hhmm(m["ah"], m["am"], m["aap"]), None, m.start(), m.end())
    return None


# ------------------------------------------------------------ contacts

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s-]?(?:\(0\)\s?)?)?\(?0?\d{1,4}\)?"
                      r"(?:[\s-]?\d){5,12}(?!\w)")


def find_phone(text: str) -> re.Match[str] | None:
    """A phone number: at least seven digits, in groups ("08 508 23 326", "070-123 45 67")."""
    for m in PHONE_RE.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 7:
            return m
    return None


# --------------------------------------------------------------- names

_PARTICLES = {"af", "av", "von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "el",
              "al", "bin", "ibn", "ben", "ter", "zu", "dos", "das", "del", "y"}
_NAME_TOKEN_RE = re.compile(r"[^\W\d_][\w'’.-]*", re.U)


def is_name(text: str) -> bool:
    """Looks like a person's name: two to five words, each capitalised (or a particle
    such as "von"), no digits, no label word."""
    words = text.split()
    if not 2 <= len(words) <= 5 or any(c.isdigit() for c in text):
        return False
    if any(not _NAME_TOKEN_RE.fullmatch(w) for w in words):
        return False
    if _norm_label(text) in LABELS:
        return False
    capital = 0
    for w in words:
        if w.casefold() in _PARTICLES:
            continue
        if not w[0].isupper():
            return False
        capital += 1
    if capital < 2:
        return False
    if words[-1].casefold() in _PARTICLES:
        return False
    return not any(w.casefold().strip(".") in _NOT_NAME_WORDS for w in words)


# Capitalised words that start sentences or titles, never names.
_NOT_NAME_WORDS = {"mötet", "rådet", "protokoll", "se", "bilaga", "beslut", "punkt", "kommande",
                   "nästa", "övrigt", "övriga", "information", "the", "of", "and", "och", "for",
                   "för", "item", "meeting", "council", "lokala", "brå", "stadsdelsförvaltning",
                   "polisen", "kommun", "skola", "sdf", "ab", "brigade", "police", "fire",
                   "rescue", "metropolitan", "service", "services", "partnership", "trust",
                   "nhs", "probation", "housing", "school", "academy", "department", "ltd",
                   "räddningstjänsten", "stadsdelsnämnd", "stadsdelsnämnden", "förvaltningen"}


# ------------------------------------------------------------- roles and organisations

_ROLE_STEMS = (
    "ordförande", "ledamot", "ersättare", "sekreterare", "rektor", "polis", "strateg",
    "samordnare", "chef", "direktör", "handläggare", "ansvarig", "ledare", "assistent",
    "representant", "företrädare", "controller", "utredare", "kurator", "väktare",
    "ordningsvakt", "förvaltare", "inspektör", "kommunikatör", "koordinator", "tjänsteman",
    "ombud", "stadsdelsdirektör", "sakkunnig", "expert", "konsult", "pedagog", "lärare",
    "medarbetare", "värd", "vaktmästare", "biträdande", "vice", "adjungerad", "inspector",
    "chair", "member", "secretary", "head", "manager", "officer", "coordinator", "director",
    "principal", "advisor", "adviser", "representative", "lead", "councillor", "constable",
    "sergeant", "superintendent", "analyst", "worker", "clerk", "deputy",
)
_ORG_WORDS = (
    "polisen", "polisområde", "lokalpolisområde", "förvaltning", "förvaltningen", "sdf",
    "kommun", "kommunen", "region", "regionen", "nämnd", "nämnden", "skola", "skolan",
    "gymnasium", "gymnasiet", "bolag", "ab", "bostäder", "räddningstjänst", "räddningstjänsten",
    "socialtjänsten", "förening", "föreningen", "kyrka", "kyrkan", "församling", "trafikverket",
    "fastigheter", "securitas", "avarn", "stockholmshem", "familjebostäder", "svenska",
    "police", "council", "school", "department", "services", "ltd", "trust", "borough",
    "service", "housing", "association", "church", "university", "college", "brigade",
    "metropolitan", "constabulary", "nhs", "probation", "partnership", "academy",
)
PARTY_RE = re.compile(r"\((?P<p>S|M|V|C|L|KD|MP|SD|Fi|FP|NYD|PP|[A-ZÅÄÖ]{1,3})\)")


def _tokens(text: str) -> list[str]:
    return [w.strip(".,;:()").casefold() for w in text.split()]


def role_like(text: str) -> bool:
    return any(w.endswith(_ROLE_STEMS) for w in _tokens(text))


def org_like(text: str) -> bool:
    tokens = _tokens(text)
    return any(w in _ORG_WORDS or w.endswith(("förvaltning", "polisen", "skola", "skolan",
                                                "nämnden", "bolaget", "hem", "bostäder"))
               for w in tokens)


# ------------------------------------------------------------- attendee notes

NOTE_RE = re.compile(
    r"(?:\b(?:t\.?\s?o\.?\s?m\.?|till och med|fr\.?\s?o\.?\s?m\.?|från|from|until|up to|"
    r"except|utom|del av|delvis|deltog|närvarande|ej|kl\.?|part of|for items?|items?)"
    r"(?=[\s§\d]|$)|§|\bpunkt(?:erna)?\b)", re.I)
PRESENCE_WORDS: dict[str, str] = {
    "adjungerad": ADJUNCT, "adjungerade": ADJUNCT, "co-opted": ADJUNCT, "adjunct": ADJUNCT,
    "anmält förhinder": EXCUSED, "förhinder": EXCUSED, "apologies": EXCUSED, "excused": EXCUSED,
    "frånvarande": ABSENT, "ej närvarande": ABSENT, "absent": ABSENT,
    "närvarande": PRESENT, "present": PRESENT,
}


def presence_word(text: str) -> str | None:
    """A presence said in one word or two ("adjungerad", "anmält förhinder"), else None."""
    return PRESENCE_WORDS.get(_norm_label(text))


# ----------------------------------------------------------------- words

WORD_RE = re.compile(r"[^\W\d_]+|\d+", re.U)


def words(text: str) -> list[str]:
    """The words of a text for the word check: runs of letters and runs of digits (so
    "§3" and "3" hold the same word), folded to one case and to one Unicode form, so
    "Övrigt" and "övrigt" are the same word."""
    return WORD_RE.findall(unicodedata.normalize("NFC", text).casefold())

