"""The import's own sentences, in Swedish and English.

Kept here, beside the code that says them, until the catalogue of brotui.i18n is
split by owner; `MESSAGES` has the same shape as that catalogue ({id: {"sv", "en"}})
so it can be registered into it as it is.
"""

from __future__ import annotations

from brotui.i18n import register as _register

MESSAGES: dict[str, dict[str, str]] = {
    # ---- places in the source
    "place_line": {"sv": "rad {n}", "en": "line {n}"},
    "place_paragraph": {"sv": "stycke {n}", "en": "paragraph {n}"},
    "place_page": {"sv": "sida {n}", "en": "page {n}"},
    "place_table": {"sv": "tabell {n}", "en": "table {n}"},
    "place_row": {"sv": "rad {n}", "en": "row {n}"},
    "place_unknown": {"sv": "sidhuvud eller sidfot", "en": "page header or footer"},
    # ---- kinds of file
    "kind_text": {"sv": "textfilen", "en": "the text file"},
    "kind_markdown": {"sv": "Markdown-filen", "en": "the Markdown file"},
    "kind_docx": {"sv": "Word-filen", "en": "the Word file"},
    "kind_odt": {"sv": "OpenDocument-filen", "en": "the OpenDocument file"},
    "kind_pdf": {"sv": "PDF-filen", "en": "the PDF"},
    "what_unknown": {"sv": "okänt binärt format", "en": "an unknown binary format"},
    # ---- refusals: nothing was imported
    "refused_empty": {
        "sv": "Filen är tom: det finns inget protokoll att importera.",
        "en": "The file is empty: there are no minutes to import.",
    },
    "refused_too_large": {
        "sv": "Filen är {size}; en import läser högst {limit}. Dela upp den eller spara "
              "protokollet utan inbäddade bilder.",
        "en": "The file is {size}; an import reads at most {limit}. Split it, or save the "
              "minutes without embedded pictures.",
    },
    "refused_unreadable": {
        "sv": "Filen kunde inte läsas: {detail}.",
        "en": "The file could not be read: {detail}.",
    },
    "refused_binary": {
        "sv": "Det här är inget protokoll som kan läsas ({what}): importen läser text, "
              "Markdown, Word (DOCX), OpenDocument (ODT) och PDF med text.",
        "en": "This is not minutes that can be read ({what}): import reads text, Markdown, "
              "Word (DOCX), OpenDocument (ODT) and PDF with text.",
    },
    "refused_binary_text": {
        "sv": "Filen innehåller nollbytes och är ingen textfil.",
        "en": "The file holds NUL bytes and is not a text file.",
    },
    "refused_old_office": {
        "sv": "Det här är en äldre Office-fil (.doc eller .xls). Spara den som .docx eller PDF "
              "i Word och importera den filen.",
        "en": "This is an old Office file (.doc or .xls). Save it as .docx or PDF in Word and "
              "import that file.",
    },
    "refused_rtf": {
        "sv": "Det här är en RTF-fil. Spara den som .docx eller text och importera den filen.",
        "en": "This is an RTF file. Save it as .docx or text and import that file.",
    },
    "refused_html": {
        "sv": "Det här är en webbsida (HTML). Spara den som text eller PDF och importera den "
              "filen.",
        "en": "This is a web page (HTML). Save it as text or PDF and import that file.",
    },
    "refused_encoding": {
        "sv": "Texten är varken UTF-8 eller Windows-1252; spara den som UTF-8 och försök igen.",
        "en": "The text is neither UTF-8 nor Windows-1252; save it as UTF-8 and try again.",
    },
    "refused_damaged": {
        "sv": "{kind}-filen är skadad och kan inte läsas ({detail}).",
        "en": "The {kind} file is damaged and cannot be read ({detail}).",
    },
    "refused_zip_bomb": {
        "sv": "Filen packas upp till mer än 200 MB och läses inte (en zip-bomb?).",
        "en": "The file unpacks to more than 200 MB and is not read (a zip bomb?).",
    },
    "refused_encrypted": {
        "sv": "{kind}-filen är krypterad med lösenord; spara en kopia utan lösenord och "
              "importera den.",
        "en": "The {kind} file is encrypted with a password; save a copy without one and "
              "import that.",
    },
    "refused_pdf_no_text": {
        "sv": "PDF-filen ({pages} sidor) har inget textlager, troligen en inskannad bild: "
              "det finns ingen text att läsa. Kör textigenkänning (OCR) på den eller importera "
              "originalet.",
        "en": "The PDF ({pages} pages) has no text layer, most likely a scanned image: there "
              "is no text to read. Run text recognition (OCR) on it or import the original.",
    },
    "refused_not_minutes": {
        "sv": "I {kind} finns inget som liknar ett protokoll: inget mötesdatum med "
              "numrerade punkter, närvarolista eller rubriker som Närvarande, Plats eller "
              "Justeras. Inget importerades.",
        "en": "Nothing in {kind} looks like minutes: no meeting date with numbered items, "
              "list of attendees or headings such as Present, Venue or Minutes taken by. "
              "Nothing was imported.",
    },
    # ---- presence, as the report names it
    "presence_present": {"sv": "närvarande", "en": "present"},
    "presence_excused": {"sv": "anmält förhinder", "en": "apologies"},
    "presence_absent": {"sv": "frånvarande", "en": "absent"},
    "presence_adjunct": {"sv": "adjungerad", "en": "co-opted"},
    # ---- the extra item for text before the first item
    "extra_item_title": {"sv": "Övrigt från källan", "en": "Other text from the source"},
    # ---- why source text is left out
    "left_label": {
        "sv": "rubrik, använd som struktur",
        "en": "a heading, used as structure",
    },
    "left_document_heading": {
        "sv": "dokumentets rubrik, använd som struktur",
        "en": "the document's heading, used as structure",
    },
    "left_when": {
        "sv": "läst som mötets tid: {when}",
        "en": "read as the meeting's time: {when}",
    },
    "left_heading_rest": {
        "sv": "läst som mötets datum {date}",
        "en": "read as the meeting's date {date}",
    },
    "left_next_when": {
        "sv": "läst som datum och tid för kommande möte",
        "en": "read as the date and time of a next meeting",
    },
    "left_item_number": {
        "sv": "punktens nummer ({number})",
        "en": "the item's number ({number})",
    },
    "left_presence_word": {
        "sv": "läst som närvaro: {presence}",
        "en": "read as presence: {presence}",
    },
    "left_table_header": {
        "sv": "tabellens kolumnrubriker, använda som struktur",
        "en": "the table's column headings, used as structure",
    },
    "left_attendee_twice": {
        "sv": "{name} finns redan i närvarolistan",
        "en": "{name} is in the list of attendees already",
    },
    "left_signature_line": {"sv": "linje för underskrift", "en": "a line to sign on"},
    "left_signer_role": {
        "sv": "underskriftens roll, läst som ordförande, sekreterare eller justerare",
        "en": "the signer's role, read as chair, secretary or adjuster",
    },
    "left_signer_again": {
        "sv": "namnet en gång till; fältet {field} har redan ett namn",
        "en": "the name once more; the field {field} has a name already",
    },
    "left_attachment_again": {
        "sv": "samma bilaga en gång till",
        "en": "the same attachment once more",
    },
    "left_meeting_again": {
        "sv": "samma kommande möte en gång till",
        "en": "the same next meeting once more",
    },
    "left_signing_date": {
        "sv": "ort och datum för underskrift (schema 1 har inget fält för det)",
        "en": "place and date of signing (schema 1 has no field for it)",
    },
    "left_agenda": {
        "sv": "dagordningen: punkterna följer längre ner",
        "en": "the agenda: its items follow below",
    },
    "left_contact_role": {
        "sv": "kontaktens titel, densamma som i närvarolistan för {name}",
        "en": "the contact's title, the same as in the list of attendees for {name}",
    },
    "left_council_replaced": {
        "sv": "rådets namn enligt texten, ersatt av det angivna: {given}",
        "en": "the council's name as the text says it, replaced by the one given: {given}",
    },
    "left_markdown": {"sv": "Markdown-formatering", "en": "Markdown formatting"},
    "left_page_number": {"sv": "sidnummer", "en": "a page number"},
    "left_header_footer": {
        "sv": "sidhuvud eller sidfot, upprepad på sidorna",
        "en": "a page header or footer, repeated on the pages",
    },
    # ---- notes: choices a person should be able to check
    "note_utf16": {"sv": "Texten är UTF-16 och lästes som sådan.",
                   "en": "The text is UTF-16 and was read as such."},
    "note_cp1252": {
        "sv": "Texten är inte UTF-8 (byte {byte}); den lästes som Windows-1252. Kontrollera å, ä "
              "och ö.",
        "en": "The text is not UTF-8 (byte {byte}); it was read as Windows-1252. Check å, ä "
              "and ö.",
    },
    "note_bom": {"sv": "En byte-order mark i början av filen togs bort.",
                 "en": "A byte-order mark at the start of the file was removed."},
    "note_control": {
        "sv": "{count} styrtecken togs bort (de är inga ord och skulle styra terminalen).",
        "en": "{count} control characters were removed (they are no words and would drive "
              "the terminal).",
    },
    "note_word_numbering": {
        "sv": "Numret \"{label}\" kommer från Words automatiska numrering.",
        "en": "The number \"{label}\" comes from Word's automatic numbering.",
    },
    "note_date_month_first": {
        "sv": "\"{text}\" lästes med månaden först (dagen är större än 12).",
        "en": "\"{text}\" was read month first (the day is greater than 12).",
    },
    "note_year_from_meeting": {
        "sv": "\"{text}\" saknar år; {year} togs från mötets datum.",
        "en": "\"{text}\" has no year; {year} was taken from the meeting's date.",
    },
    "note_weekday_mismatch": {
        "sv": "\"{text}\": {date} är en {is}, inte {said}. Datumet gäller.",
        "en": "\"{text}\": {date} is a {is}, not {said}. The date stands.",
    },
    "note_date_conflict": {
        "sv": "Två mötesdatum: {first} och {second}. Det första gäller.",
        "en": "Two meeting dates: {first} and {second}. The first stands.",
    },
    "note_presence_in_line": {
        "sv": "{name}: raden själv säger {presence}.",
        "en": "{name}: the line itself says {presence}.",
    },
    "note_attendee_twice": {
        "sv": "{name} står två gånger; den första raden gäller.",
        "en": "{name} is listed twice; the first line stands.",
    },
    "note_item_sentence": {
        "sv": "§{number}: texten efter numret är en mening och lästes som punktens text, "
              "inte som rubrik.",
        "en": "§{number}: the words after the number are a sentence, read as the item's text, "
              "not as its title.",
    },
    "note_decision_sentence": {
        "sv": "§{number}: stycket börjar som ett beslut och lästes som ett beslut.",
        "en": "§{number}: the paragraph opens as a decision and was read as one.",
    },
    "note_kept_in_item": {
        "sv": "Texten kunde inte placeras och finns kvar som text i §{number}.",
        "en": "The text could not be placed and is kept as text of §{number}.",
    },
    "note_extra_item": {
        "sv": "Text före första punkten som inte kunde placeras finns i §{number} \"{title}\".",
        "en": "Text before the first item that could not be placed is in §{number} \"{title}\".",
    },
    "note_no_items": {
        "sv": "Inga numrerade punkter: texten finns som §1.",
        "en": "No numbered items: the text is kept as §1.",
    },
    "note_council_replaced": {
        "sv": "Texten säger rådet \"{found}\"; det angivna \"{given}\" används.",
        "en": "The text names the council \"{found}\"; the one given, \"{given}\", is used.",
    },
    "note_council_from_heading": {
        "sv": "Rådets namn \"{name}\" togs från första rubriken.",
        "en": "The council's name \"{name}\" was taken from the first heading.",
    },
    "note_person_conflict": {
        "sv": "{field}: både {first} och {second} anges; {first} gäller.",
        "en": "{field}: both {first} and {second} are named; {first} stands.",
    },
    "note_from_text": {
        "sv": "{field}: {name}, från texten i §{number}.",
        "en": "{field}: {name}, from the text of §{number}.",
    },
    "note_role_as_field": {
        "sv": "{field}: {name}, eftersom rollen i närvarolistan ({path}) säger det.",
        "en": "{field}: {name}, because the role in the list of attendees ({path}) says so.",
    },
    "note_place_after_date": {
        "sv": "Platsen \"{place}\" togs från raden med mötets datum.",
        "en": "The place \"{place}\" was taken from the line with the meeting's date.",
    },
    "note_chair_not_adjuster": {
        "sv": "{name} är ordförande och skriver under som sådan, inte som justerare.",
        "en": "{name} is the chair and signs as such, not as an adjuster.",
    },
    "note_slug": {
        "sv": "Rådets kortnamn \"{slug}\" gjordes av dess namn; ange ett annat med --council.",
        "en": "The council's slug \"{slug}\" was made from its name; give another with "
              "--council.",
    },
    # ---- the commit of an import (in the archive's language)
    "commit_imported": {"sv": "Importerade {id}", "en": "Imported {id}"},
    "commit_import_body": {
        "sv": "Importerat från {source} ({kind}): {found} fält hittade, {left_out} textdelar "
              "utelämnade med skäl (se brotui import --dry-run).",
        "en": "Imported from {source} ({kind}): {found} fields found, {left_out} pieces of text "
              "left out with a reason (see brotui import --dry-run).",
    },
    "commit_import_kept": {
        "sv": "Originalfilen sparas som bilaga: {name}.",
        "en": "The original file is kept as an attachment: {name}.",
    },
    # ---- the report as text
    "report_head": {"sv": "Import av {source} ({kind}):", "en": "Import of {source} ({kind}):"},
    "report_missing": {"sv": "  Hittades inte: {fields}", "en": "  Not found: {fields}"},
    "report_note": {"sv": "obs", "en": "note"},
    "report_left_out": {"sv": "utelämnat", "en": "left out"},
    "report_unaccounted": {
        "sv": "ordet \"{word}\" ({where}) finns varken i protokollet eller bland det utelämnade",
        "en": "the word \"{word}\" ({where}) is neither in the minutes nor among what was left out",
    },
}


def msg(key: str, lang: str | None = None, /, **values: object) -> str:
    """The sentence `key` in `lang` (default: brotui's current language), filled in."""
    if lang is None:
        from brotui.i18n import language

        lang = language()
    text = MESSAGES[key]["sv" if lang == "sv" else "en"]
    return text.format(**values) if values else text


# Known to brotui.i18n too, under "importing:" (some ids are also the core's), so that
# tests/test_messages.py checks these sentences with every other.
_register({f"importing:{key}": text for key, text in MESSAGES.items()}, "importing")
