"""The words of the exported minutes, in Swedish and English, and their dates and times.

Kept here, beside the code that prints them, in the same shape as brotui.i18n's
catalogue ({id: {"sv": ..., "en": ...}}), so it can be registered into it as it
is. `label(msg_id, lang)` looks one up; `lang` None is the program's language.
"""

from __future__ import annotations

import datetime as dt
import re

from brotui.i18n import EN_DAYS, EN_MONTHS, SV_DAYS, SV_MONTHS, Count, language
from brotui.i18n import register as _register

MESSAGES: dict[str, dict[str, str]] = {
    # the minutes
    "pub_minutes": {"sv": "Protokoll", "en": "Minutes"},
    "pub_extract": {"sv": "Utdrag ur protokoll", "en": "Extract from the minutes"},
    "pub_extract_items": {"sv": "Utdraget omfattar punkt {numbers}.",
                          "en": "The extract covers item {numbers}."},
    "pub_extract_items_many": {"sv": "Utdraget omfattar punkterna {numbers}.",
                               "en": "The extract covers items {numbers}."},
    "pub_and": {"sv": "och", "en": "and"},
    "pub_draft": {"sv": "Utkast, ej justerat", "en": "Draft, not approved"},
    "pub_review": {"sv": "För justering", "en": "For approval"},
    "pub_approved": {"sv": "Justerat", "en": "Approved"},
    "pub_public_copy": {
        "sv": "Offentlig version: uppgifter som inte ska publiceras är ersatta med [maskerat].",
        "en": "Public copy: what is not for publication is replaced by [redacted].",
    },
    "pub_masked": {"sv": "[maskerat]", "en": "[redacted]"},
    "pub_not_for_publication": {"sv": "Ej för publicering", "en": "Not for publication"},
    "pub_present": {"sv": "Närvarande", "en": "Present"},
    "pub_excused": {"sv": "Anmält förhinder", "en": "Excused"},
    "pub_absent": {"sv": "Frånvarande", "en": "Absent"},
    "pub_adjunct": {"sv": "Adjungerade", "en": "Adjunct"},
    "pub_time": {"sv": "Tidpunkt", "en": "Time"},
    "pub_place": {"sv": "Plats", "en": "Place"},
    "pub_chair": {"sv": "Ordförande", "en": "Chair"},
    "pub_secretary": {"sv": "Sekreterare", "en": "Secretary"},
    "pub_adjusters": {"sv": "Justerare", "en": "Adjusters"},
    "pub_decisions": {"sv": "Beslut", "en": "Decisions"},
    "pub_attachments": {"sv": "Bilagor", "en": "Attachments"},
    "pub_next_meetings": {"sv": "Kommande möten", "en": "Next meetings"},
    "pub_contact": {"sv": "Kontakt", "en": "Contact"},
    "pub_signatures": {"sv": "Justering", "en": "Signatures"},
    "pub_signed_on": {"sv": "Justerat {date}", "en": "Signed {date}"},
    "pub_signature_commit": {"sv": "signatur {commit}", "en": "signature {commit}"},
    "pub_corrections": {"sv": "Rättelser", "en": "Corrections"},
    "pub_col_name": {"sv": "Namn", "en": "Name"},
    "pub_col_role": {"sv": "Roll", "en": "Role"},
    "pub_col_date": {"sv": "Datum", "en": "Date"},
    "pub_col_commit": {"sv": "Signatur", "en": "Signature"},
    "pub_col_who": {"sv": "Av", "en": "By"},
    "pub_col_reason": {"sv": "Skäl", "en": "Reason"},
    "pub_col_summary": {"sv": "Ändring", "en": "Change"},
    "pub_col_note": {"sv": "Anmärkning", "en": "Note"},
    "pub_revision": {"sv": "version {revision}", "en": "revision {revision}"},
    "pub_page": {"sv": "Sida {page} ({pages})", "en": "Page {page} of {pages}"},
    "pub_at": {"sv": "kl.", "en": ""},
    # where something is, for the leak list ("§6 text", "Närvarande: Anna Ek, roll")
    "pub_part_item": {"sv": "§{number} {what}", "en": "§{number} {what}"},
    "pub_part_title": {"sv": "rubrik", "en": "title"},
    "pub_part_text": {"sv": "text", "en": "text"},
    "pub_part_decision": {"sv": "beslut {n}", "en": "decision {n}"},
    "pub_part_attachment": {"sv": "bilaga {n}", "en": "attachment {n}"},
    "pub_part_attendee": {"sv": "Närvarande {n}: {what}", "en": "Attendees {n}: {what}"},
    "pub_part_meeting": {"sv": "Kommande möten {n}: {what}", "en": "Next meetings {n}: {what}"},
    "pub_part_contact": {"sv": "Kontakt: {what}", "en": "Contact: {what}"},
    "pub_part_signature": {"sv": "Justering {n}: {what}", "en": "Signatures {n}: {what}"},
    "pub_part_correction": {"sv": "Rättelser {n}: {what}", "en": "Corrections {n}: {what}"},
    "pub_field_name": {"sv": "namn", "en": "name"},
    "pub_field_role": {"sv": "roll", "en": "role"},
    "pub_field_organisation": {"sv": "organisation", "en": "organisation"},
    "pub_field_note": {"sv": "anmärkning", "en": "note"},
    "pub_field_location": {"sv": "plats", "en": "place"},
    "pub_field_phone": {"sv": "telefon", "en": "phone"},
    "pub_field_email": {"sv": "e-post", "en": "e-mail"},
    "pub_field_who": {"sv": "av", "en": "by"},
    "pub_field_reason": {"sv": "skäl", "en": "reason"},
    "pub_field_summary": {"sv": "ändring", "en": "change"},
    "pub_field_council": {"sv": "Råd", "en": "Council"},
    "pub_field_place": {"sv": "Plats", "en": "Place"},
    "pub_field_chair": {"sv": "Ordförande", "en": "Chair"},
    "pub_field_secretary": {"sv": "Sekreterare", "en": "Secretary"},
    "pub_field_adjusters": {"sv": "Justerare", "en": "Adjusters"},
    "pub_line": {"sv": "rad {line}", "en": "line {line}"},
    # refusals
    "pub_leak_number": {
        "sv": "{where}, {line}: ett personnummer ({number}) är inte maskerat",
        "en": "{where}, {line}: a personal identity number ({number}) is not masked",
    },
    "pub_leak_unclosed": {
        "sv": "{where}, {line}: en markering [[dolt: … stängs aldrig med ]]",
        "en": "{where}, {line}: a mark [[dolt: … is never closed with ]]",
    },
    "pub_broken": {
        "sv": "{path} kan inte exporteras: filen har {count} fel (se brotui check).",
        "en": "{path} cannot be exported: the file has {count:error|errors} (see brotui check).",
    },
    "pub_cannot_write": {
        "sv": "Kan inte skriva {path}: {reason}.",
        "en": "Cannot write {path}: {reason}.",
    },
    "pub_refused": {
        "sv": "Den offentliga versionen skrivs inte: {count:uppgift|uppgifter} skulle publiceras. "
              "Markera dem med [[dolt: …]] och försök igen.",
        "en": "The public copy is not written: {count:thing|things} would be published. "
              "Mark them with [[dolt: …]] and try again.",
    },
    "pub_no_item": {
        "sv": "Protokollet har ingen punkt {number} (det har {numbers}).",
        "en": "The minutes have no item {number} (they have {numbers}).",
    },
    "pub_no_items": {"sv": "Ett utdrag behöver minst en punkt.",
                     "en": "An extract needs at least one item."},
    "pub_unknown_format": {"sv": "Formatet {format!r} finns inte; välj ett av {formats}.",
                           "en": "There is no format {format!r}; choose one of {formats}."},
    "pub_folder_not_ours": {
        "sv": "Mappen {folder} innehåller filer som brotui inte har skrivit. Välj en tom mapp "
              "eller en som en tidigare export skrev.",
        "en": "The folder {folder} holds files brotui did not write. Choose an empty folder "
              "or one an earlier export wrote.",
    },
    "pub_not_a_folder": {"sv": "{folder} är ingen mapp.", "en": "{folder} is not a folder."},
    "pub_unreadable_pdf": {
        "sv": "{file} är ingen PDF som brotui har skrivit: {reason}",
        "en": "{file} is not a PDF brotui wrote: {reason}",
    },
    # the index of a bulk export
    "pub_index_title": {"sv": "Protokoll", "en": "Minutes"},
    "pub_index_public": {"sv": "Offentliga versioner", "en": "Public copies"},
}


def label(msg_id: str, lang: str | None = None, /, **values: object) -> str:
    """The text of `msg_id` in `lang` (None: the program's language), values filled in."""
    text = MESSAGES[msg_id][lang or language()]
    return text.format(**{name: Count(value) if type(value) is int else value
                          for name, value in values.items()}) if values else text


def formal_date(date: dt.date, lang: str | None = None) -> str:
    """The date as minutes write it: 'torsdagen den 20 februari 2020', 'Thursday 20 February
    2020'. Every Swedish weekday ends in -dag, whose definite form is -dagen."""
    if (lang or language()) == "sv":
        return (f"{SV_DAYS[date.weekday()]}en den {date.day} "
                f"{SV_MONTHS[date.month - 1]} {date.year}")
    return f"{EN_DAYS[date.weekday()]} {date.day} {EN_MONTHS[date.month - 1]} {date.year}"


_CLOCK_RE = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def clock(time: str, lang: str | None = None) -> str:
    """A time of day as written in the language: '15.00' in Swedish, '15:00' in English.
    A value that is not HH:MM (a file still to be fixed) is shown as it is."""
    m = _CLOCK_RE.fullmatch(time)
    if m and (lang or language()) == "sv":
        return f"{m[1]}.{m[2]}"
    return time


def when(date: dt.date | None, start: str | None, end: str | None, lang: str | None = None,
         capital: bool = False) -> str:
    """'Torsdagen den 20 februari 2020 kl. 15.00–17.00' or 'Thursday 20 February 2020,
    15:00–17:00'; any part may be missing."""
    lang = lang or language()
    day = formal_date(date, lang) if date else ""
    if capital:
        day = day[:1].upper() + day[1:]
    times = "–".join(clock(x, lang) for x in (start, end) if x)
    if not times:
        return day
    if lang == "sv":
        return f"{day} {label('pub_at', lang)} {times}".strip()
    return f"{day}, {times}" if day else times


def join_words(values: list[str], lang: str | None = None) -> str:
    """'4', '4 och 6', '2, 4 och 6'."""
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} {label('pub_and', lang)} {values[-1]}"


# Known to brotui.i18n too, under "publish:" (some ids are also the core's), so that
# tests/test_messages.py checks these sentences with every other.
_register({f"publish:{key}": text for key, text in MESSAGES.items()}, "publish")
