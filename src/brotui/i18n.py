"""Everything a user reads, in Swedish and English.

`t(key, **values)` gives the current language's text with `values` filled in.
The language is chosen once at start: `--lang`, else `BROTUI_LANG`, else
`LANG`/`LC_ALL`/`LC_MESSAGES` (Swedish if they say `sv`), else English.
"""

from __future__ import annotations

import datetime as dt
import os

LANGUAGES = ("sv", "en")

_current = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # --- reading a file -------------------------------------------------------
    "yaml_syntax": {
        "sv": "Filen är inte giltig YAML: {detail}.",
        "en": "The file is not valid YAML: {detail}.",
    },
    "too_large": {
        "sv": "Filen är {size} byte stor; ett protokoll får vara högst {limit} byte.",
        "en": "The file is {size} bytes; a protocol may be at most {limit} bytes.",
    },
    "binary": {
        "sv": "Filen innehåller binärdata (NUL-tecken), inte text.",
        "en": "The file holds binary data (NUL characters), not text.",
    },
    "not_utf8": {
        "sv": "Filen är inte UTF-8-text (ogiltig byte {byte}).",
        "en": "The file is not UTF-8 text (invalid byte {byte}).",
    },
    "bom": {
        "sv": "Filen börjar med en byte-order-markering (BOM); den tas bort när protokollet sparas.",
        "en": "The file starts with a byte-order mark (BOM); it is dropped when the protocol is saved.",
    },
    "alias": {
        "sv": "Ankare och alias (& och *) är inte tillåtna i ett protokoll.",
        "en": "Anchors and aliases (& and *) are not allowed in a protocol.",
    },
    "bad_tag": {
        "sv": "Taggen {tag} är inte tillåten i ett protokoll.",
        "en": "The tag {tag} is not allowed in a protocol.",
    },
    "duplicate_key": {
        "sv": "Fältet {key} står två gånger (först på rad {first}).",
        "en": "The field {key} appears twice (first on line {first}).",
    },
    "empty_file": {
        "sv": "Filen är tom.",
        "en": "The file is empty.",
    },
    "key_not_text": {
        "sv": "Fältnamnet {key} måste vara text.",
        "en": "The field name {key} must be text.",
    },
    "label_line": {"sv": "rad {line}", "en": "line {line}"},
    "label_warning": {"sv": "varning", "en": "warning"},
    # --- types ----------------------------------------------------------------
    "expected_map": {
        "sv": "Här ska det stå fält (namn: värde), inte {found}.",
        "en": "Fields (name: value) belong here, not {found}.",
    },
    "expected_list": {
        "sv": "Här ska det stå en lista (rader som börjar med -), inte {found}.",
        "en": "A list (lines starting with -) belongs here, not {found}.",
    },
    "expected_text": {
        "sv": 'Här ska det stå text, inte {found}. Skriv den inom citattecken: "{raw}".',
        "en": 'Text belongs here, not {found}. Write it in quotes: "{raw}".',
    },
    "expected_text_only": {
        "sv": "Här ska det stå text, inte {found}.",
        "en": "Text belongs here, not {found}.",
    },
    "expected_int": {
        "sv": "Här ska det stå ett heltal, inte {found}.",
        "en": "A whole number belongs here, not {found}.",
    },
    "bad_date": {
        "sv": "Datum skrivs ÅÅÅÅ-MM-DD, t.ex. 2020-02-20 (här står {raw}).",
        "en": "Dates are written YYYY-MM-DD, e.g. 2020-02-20 (this says {raw}).",
    },
    "bad_time": {
        "sv": 'Tider skrivs TT:MM inom citattecken, t.ex. "15:00" (här står {raw}).',
        "en": 'Times are written HH:MM in quotes, e.g. "15:00" (this says {raw}).',
    },
    "time_unquoted": {
        "sv": 'Tiden {raw} måste stå inom citattecken: "{raw}". Utan dem läser YAML den som talet {value}.',
        "en": 'The time {raw} must be in quotes: "{raw}". Without them YAML reads it as the number {value}.',
    },
    "found_number": {"sv": "ett tal ({raw})", "en": "a number ({raw})"},
    "found_bool": {"sv": "ett ja/nej-värde ({raw})", "en": "a yes/no value ({raw})"},
    "found_date": {"sv": "ett datum ({raw})", "en": "a date ({raw})"},
    "found_null": {"sv": "ingenting", "en": "nothing"},
    "found_list": {"sv": "en lista", "en": "a list"},
    "found_map": {"sv": "fält (namn: värde)", "en": "fields (name: value)"},
    "found_text": {"sv": "text ({raw})", "en": "text ({raw})"},
    "found_other": {"sv": "ett värde av annan typ ({raw})", "en": "a value of another type ({raw})"},
    # --- rules ----------------------------------------------------------------
    "required": {"sv": "{field} saknas.", "en": "{field} is missing."},
    "schema_unknown": {
        "sv": "Okänd schemaversion {found}; den här versionen av brotui läser schema 1.",
        "en": "Unknown schema version {found}; this version of brotui reads schema 1.",
    },
    "bad_status": {
        "sv": "Status måste vara draft (utkast) eller approved (justerat), inte {found}.",
        "en": "Status must be draft or approved, not {found}.",
    },
    "bad_presence": {
        "sv": "Närvaro måste vara present, excused (anmält förhinder), absent eller adjunct (adjungerad), inte {found}.",
        "en": "Presence must be present, excused, absent or adjunct, not {found}.",
    },
    "end_before_start": {
        "sv": "Sluttiden {end} ligger inte efter starttiden {start}.",
        "en": "The end time {end} is not after the start time {start}.",
    },
    "not_attendee": {
        "sv": "{name} finns inte bland deltagarna.",
        "en": "{name} is not among the attendees.",
    },
    "duplicate_attendee": {
        "sv": "{name} står två gånger bland deltagarna.",
        "en": "{name} appears twice among the attendees.",
    },
    "no_items": {
        "sv": "Protokollet måste ha minst en punkt.",
        "en": "A protocol needs at least one item.",
    },
    "item_order": {
        "sv": "Punkternas nummer måste öka: {number} kommer efter {previous}.",
        "en": "Item numbers must increase: {number} comes after {previous}.",
    },
    "item_empty": {
        "sv": "Punkt {number} har varken rubrik eller text.",
        "en": "Item {number} has neither a title nor a text.",
    },
    "one_line": {
        "sv": "{field} ska vara en enda rad.",
        "en": "{field} must be a single line.",
    },
    "control_char": {
        "sv": "Texten innehåller ett osynligt styrtecken ({char}) som inte får finnas i ett protokoll.",
        "en": "The text holds an invisible control character ({char}) that a protocol may not contain.",
    },
    "bad_email": {
        "sv": "{found} ser inte ut som en e-postadress.",
        "en": "{found} does not look like an e-mail address.",
    },
    "unknown_key": {
        "sv": "Okänt fält {key}; brotui behåller det som det är.",
        "en": "Unknown field {key}; brotui keeps it as it is.",
    },
    "date_mismatch": {
        "sv": "Datumet {date} stämmer inte med filnamnet ({name}).",
        "en": "The date {date} does not match the file name ({name}).",
    },
    "bad_filename": {
        "sv": "Filnamnet ska vara protocols/<råd>/<ÅÅÅÅ-MM-DD>.yaml med små bokstäver, siffror och bindestreck i rådets namn.",
        "en": "The file name should be protocols/<council>/<YYYY-MM-DD>.yaml, the council in lower-case letters, digits and hyphens.",
    },
    "symlink": {
        "sv": "Filen är en symbolisk länk; brotui följer inte länkar.",
        "en": "The file is a symbolic link; brotui does not follow links.",
    },
    "not_a_file": {
        "sv": "Det här är ingen vanlig fil.",
        "en": "This is not a regular file.",
    },
    # --- field names, as a secretary calls them -----------------------------
    "field_schema": {"sv": "Schemaversion (schema)", "en": "The schema version (schema)"},
    "field_council": {"sv": "Rådets namn (council)", "en": "The council's name (council)"},
    "field_date": {"sv": "Datum (date)", "en": "The date (date)"},
    "field_name": {"sv": "Namn (name)", "en": "The name (name)"},
    "field_items": {"sv": "Punkter (items)", "en": "Items (items)"},
    "field_generic": {"sv": "Fältet {key}", "en": "The field {key}"},
    # --- command line ---------------------------------------------------------
    "err_not_repo": {
        "sv": "{path} är inget git-arkiv. Ange ett med --repo eller BROTUI_REPO, eller skapa ett: brotui init {path}",
        "en": "{path} is not a git archive. Name one with --repo or BROTUI_REPO, or make one: brotui init {path}",
    },
    "err_no_protocols": {
        "sv": "{path} har ingen mapp protocols/; det är inget brotui-arkiv (brotui init skapar ett).",
        "en": "{path} has no protocols/ folder, so it is not a brotui archive (brotui init makes one).",
    },
    "err_bad_id": {
        "sv": "{id!r} är inget protokoll-id. Ett id ser ut som hagersten-liljeholmen/2020-02-20.",
        "en": "{id!r} is not a protocol id. An id looks like hagersten-liljeholmen/2020-02-20.",
    },
    "err_unknown_id": {
        "sv": "Det finns inget protokoll {id} i {where}.",
        "en": "There is no protocol {id} in {where}.",
    },
    "err_bad_rev": {
        "sv": "Revisionen {rev!r} finns inte i arkivet.",
        "en": "The revision {rev!r} does not exist in the archive.",
    },
    "err_no_identity": {
        "sv": 'Ingen identitet att spara i ditt namn. Ange den med --author "Namn <e-post>", med BROTUI_AUTHOR eller med git config user.name och user.email.',
        "en": 'No identity to save in your name. Give it with --author "Name <email>", with BROTUI_AUTHOR, or with git config user.name and user.email.',
    },
    "err_bad_identity": {
        "sv": 'Identiteten {value!r} (från {source}) ska se ut som "Namn <e-post>", t.ex. --author "Clas Cederlid <clas.cederlid@stockholm.se>".',
        "en": 'The identity {value!r} (from {source}) should look like "Name <email>", e.g. --author "Clas Cederlid <clas.cederlid@stockholm.se>".',
    },
    "err_invalid": {
        "sv": "{where} sparades inte: {count} fel.",
        "en": "{where} was not saved: {count} error(s).",
    },
    "err_conflict": {
        "sv": "Konflikt: {id} har ändrats sedan {base} (senast i {current} av {author}). Inget sparades.",
        "en": "Conflict: {id} has changed since {base} (last in {current} by {author}). Nothing was saved.",
    },
    "err_conflict_deleted": {
        "sv": "Konflikt: {id} har tagits bort sedan {base}. Inget sparades.",
        "en": "Conflict: {id} has been deleted since {base}. Nothing was saved.",
    },
    "err_busy": {
        "sv": "Arkivet var upptaget för länge (andra sparade samtidigt); försök igen. Inget sparades.",
        "en": "The archive stayed busy too long (others were saving at the same time); try again. Nothing was saved.",
    },
    "err_read_file": {
        "sv": "Kan inte läsa {path}: {reason}",
        "en": "Cannot read {path}: {reason}",
    },
    "err_exists": {
        "sv": "{path} finns redan.",
        "en": "{path} already exists.",
    },
    "err_git": {
        "sv": "git misslyckades: {detail}",
        "en": "git failed: {detail}",
    },
    "err_no_date": {
        "sv": "Ange --date ÅÅÅÅ-MM-DD ({id} har inget kommande möte att ta datumet från).",
        "en": "Give --date YYYY-MM-DD ({id} has no next meeting to take the date from).",
    },
    "err_need_council": {
        "sv": "Ange --council RÅD eller --from ID.",
        "en": "Give --council COUNCIL or --from ID.",
    },
    "err_bad_slug": {
        "sv": "{slug!r} är inget rådsnamn för filer: använd små bokstäver, siffror och bindestreck, t.ex. hagersten-liljeholmen.",
        "en": "{slug!r} is not a council name for files: use lower-case letters, digits and hyphens, e.g. hagersten-liljeholmen.",
    },
    "err_no_terminal": {
        "sv": "brotui behöver en terminal för att visa arkivet. Utan terminal: brotui list, show, put, log, diff, check.",
        "en": "brotui needs a terminal to show the archive. Without one: brotui list, show, put, log, diff, check.",
    },
    "err_interrupted": {
        "sv": "Avbrutet.",
        "en": "Interrupted.",
    },
    "err_internal": {
        "sv": "Ett oväntat fel inträffade ({kind}); inget sparades. Detaljer: {log}",
        "en": "An unexpected error occurred ({kind}); nothing was saved. Details: {log}",
    },
    "saved": {"sv": "Sparat {id} i {commit}.", "en": "Saved {id} in {commit}."},
    "unchanged": {
        "sv": "{id} är oförändrat; ingen commit behövdes.",
        "en": "{id} is unchanged; no commit was needed.",
    },
    "worktree_kept": {
        "sv": "Obs: din arbetskopia av {path} har egna ändringar och lämnades orörd.",
        "en": "Note: your work-tree copy of {path} has changes of its own and was left alone.",
    },
    "new_hint": {
        "sv": "Nytt protokoll {id}. Fyll i det och spara: brotui put {id} --file FIL",
        "en": "New protocol {id}. Fill it in and save it: brotui put {id} --file FILE",
    },
    "check_clean": {
        "sv": "{count} protokoll kontrollerade, inga fel.",
        "en": "{count} protocols checked, no errors.",
    },
    "check_summary": {
        "sv": "{count} protokoll kontrollerade: {errors} fel, {warnings} varningar.",
        "en": "{count} protocols checked: {errors} error(s), {warnings} warning(s).",
    },
    "init_done": {
        "sv": "Nytt arkiv i {path}. Skapa ett protokoll: brotui --repo {path} new --council RÅD --date ÅÅÅÅ-MM-DD",
        "en": "New archive in {path}. Make a protocol: brotui --repo {path} new --council COUNCIL --date YYYY-MM-DD",
    },
    "demo_done": {
        "sv": "Exempelarkiv med historik i {path}.",
        "en": "Example archive with history in {path}.",
    },
    "no_protocols": {"sv": "Inga protokoll än.", "en": "No protocols yet."},
    "no_history": {"sv": "Ingen historik.", "en": "No history."},
    "broken": {"sv": "TRASIG", "en": "BROKEN"},
    # --- the terminal UI ------------------------------------------------------
    "key_quit": {"sv": "Avsluta", "en": "Quit"},
    "key_help": {"sv": "Hjälp", "en": "Help"},
    "key_back": {"sv": "Tillbaka", "en": "Back"},
    "key_open": {"sv": "Öppna", "en": "Open"},
    "key_filter": {"sv": "Filtrera", "en": "Filter"},
    "key_sort": {"sv": "Sortera", "en": "Sort"},
    "key_new": {"sv": "Nytt", "en": "New"},
    "key_reload": {"sv": "Läs om", "en": "Reload"},
    "key_edit": {"sv": "Redigera", "en": "Edit"},
    "key_history": {"sv": "Historik", "en": "History"},
    "key_raw": {"sv": "YAML", "en": "YAML"},
    "key_palette": {"sv": "Kommandon", "en": "Commands"},
    "tui_no_identity": {"sv": "ingen identitet: kan inte spara", "en": "no identity: cannot save"},
    "tui_filter_placeholder": {
        "sv": "Filtrera: skriv råd, datum eller ord ur protokollet",
        "en": "Filter: type a council, a date or words of the minutes",
    },
    "tui_loading": {"sv": "Läser arkivet…", "en": "Reading the archive…"},
    "tui_count": {"sv": "{shown} av {total} protokoll", "en": "{shown} of {total} protocols"},
    "tui_sorted_by": {"sv": "sorterat på {column}", "en": "sorted by {column}"},
    "tui_broken_file": {
        "sv": "Filen har fel och kan inte visas som protokoll; här är den som text. Tryck e för att rätta den.",
        "en": "The file has errors and cannot be shown as minutes; here it is as text. Press e to fix it.",
    },
    "tui_old_revision": {
        "sv": "Version {commit} av {author}, {when}. Endast läsning.",
        "en": "Version {commit} by {author}, {when}. Read only.",
    },
    "tui_current": {"sv": "Senast ändrat av {author}, {when} ({commit}).", "en": "Last changed by {author}, {when} ({commit})."},
    "tui_help_title": {"sv": "Hjälp", "en": "Help"},
    "tui_help_intro": {
        "sv": "brotui håller protokollen i ett git-arkiv. Varje sparning blir en commit i ditt namn.\nTangenterna som fungerar här:",
        "en": "brotui keeps the minutes in a git archive. Every save becomes a commit in your name.\nThe keys that work here:",
    },
    "tui_help_general": {
        "sv": "Överallt: ? hjälp, Ctrl+P kommandon, Escape tillbaka, Ctrl+Q avsluta.",
        "en": "Everywhere: ? help, Ctrl+P commands, Escape back, Ctrl+Q quit.",
    },
    "tui_error": {"sv": "Fel: {message}", "en": "Error: {message}"},
    # --- the editor -----------------------------------------------------------
    "key_save": {"sv": "Spara", "en": "Save"},
    "key_mode": {"sv": "Formulär/YAML", "en": "Form/YAML"},
    "key_close": {"sv": "Stäng", "en": "Close"},
    "key_add": {"sv": "Lägg till", "en": "Add"},
    "key_remove": {"sv": "Ta bort", "en": "Remove"},
    "key_move_up": {"sv": "Flytta upp", "en": "Move up"},
    "key_move_down": {"sv": "Flytta ned", "en": "Move down"},
    "key_next_problem": {"sv": "Nästa fel", "en": "Next problem"},
    "key_discard": {"sv": "Kasta ändringarna", "en": "Discard changes"},
    "key_cancel": {"sv": "Avbryt", "en": "Cancel"},
    "key_create": {"sv": "Skapa", "en": "Create"},
    "form_meeting": {"sv": "Mötet", "en": "Meeting"},
    "form_council": {"sv": "Råd", "en": "Council"},
    "form_date": {"sv": "Datum", "en": "Date"},
    "form_start": {"sv": "Start", "en": "Start"},
    "form_end": {"sv": "Slut", "en": "End"},
    "form_name": {"sv": "Namn", "en": "Name"},
    "form_role": {"sv": "Roll", "en": "Role"},
    "form_organisation": {"sv": "Organisation", "en": "Organisation"},
    "form_presence": {"sv": "Närvaro", "en": "Presence"},
    "form_note": {"sv": "Notering", "en": "Note"},
    "form_number": {"sv": "Nr", "en": "No."},
    "form_title": {"sv": "Rubrik", "en": "Title"},
    "form_text": {"sv": "Text", "en": "Text"},
    "form_phone": {"sv": "Telefon", "en": "Phone"},
    "form_email": {"sv": "E-post", "en": "E-mail"},
    "form_attendee": {"sv": "deltagare", "en": "attendee"},
    "form_item": {"sv": "punkt", "en": "item"},
    "form_meeting_row": {"sv": "möte", "en": "meeting"},
    "form_date_hint": {"sv": "ÅÅÅÅ-MM-DD", "en": "YYYY-MM-DD"},
    "form_time_hint": {"sv": "TT:MM", "en": "HH:MM"},
    "form_names_hint": {"sv": "namn, namn", "en": "name, name"},
    "form_lines_hint": {"sv": "ett per rad", "en": "one per line"},
    "form_add": {"sv": "+ Lägg till {what}", "en": "+ Add {what}"},
    "form_row_tools": {
        "sv": "+ ny rad efter (ctrl+a), − ta bort (ctrl+d), ↑ ↓ flytta (alt+↑, alt+↓)",
        "en": "+ new row after (ctrl+a), − remove (ctrl+d), ↑ ↓ move (alt+↑, alt+↓)",
    },
    "form_bad_time": {
        "sv": "Tider skrivs TT:MM, t.ex. 15:00 (här står {raw}).",
        "en": "Times are written HH:MM, e.g. 15:00 (this says {raw}).",
    },
    "form_bad_number": {
        "sv": "Här ska det stå ett heltal (här står {raw}).",
        "en": "A whole number belongs here (this says {raw}).",
    },
    "tui_editing": {"sv": "Redigerar {id}", "en": "Editing {id}"},
    "tui_mode_form": {"sv": "formulär", "en": "form"},
    "tui_mode_raw": {"sv": "YAML", "en": "YAML"},
    "tui_unsaved": {"sv": "ej sparat", "en": "not saved"},
    "tui_new_unsaved": {"sv": "nytt, ej sparat", "en": "new, not saved"},
    "tui_error_count": {"sv": "{count} fel", "en": "{count} error(s)"},
    "tui_no_problems": {"sv": "Inga fel.", "en": "No problems."},
    "tui_at_line": {"sv": "rad {line}", "en": "line {line}"},
    "tui_warning": {"sv": "varning", "en": "warning"},
    "tui_saving": {"sv": "Sparar…", "en": "Saving…"},
    "tui_saved": {"sv": "Sparat i {commit}: {summary}", "en": "Saved in {commit}: {summary}"},
    "tui_no_changes": {"sv": "Inga ändringar; inget sparades.", "en": "No changes; nothing was saved."},
    "tui_not_saved": {
        "sv": "Inte sparat: {count} fel. Första: {first}",
        "en": "Not saved: {count} error(s). First: {first}",
    },
    "tui_cannot_save": {"sv": "Kan inte spara: {reason}", "en": "Cannot save: {reason}"},
    "tui_cannot_form": {
        "sv": "Formuläret kan inte visas innan YAML-texten är rättad: {reason}",
        "en": "The form cannot be shown until the YAML text is fixed: {reason}",
    },
    "tui_new_taken": {
        "sv": "{id} har skapats av någon annan under tiden; inget sparades. Stäng och skapa protokollet på nytt.",
        "en": "{id} was created by someone else meanwhile; nothing was saved. Close and create the minutes again.",
    },
    "tui_unexpected": {
        "sv": "Ett oväntat fel inträffade ({kind}); inget sparades.",
        "en": "An unexpected error occurred ({kind}); nothing was saved.",
    },
    "tui_removed": {"sv": "Tog bort {what}.", "en": "Removed {what}."},
    "tui_leave_title": {"sv": "Osparade ändringar i {id}", "en": "Unsaved changes in {id}"},
    "tui_leave_question": {
        "sv": "Vill du spara innan du stänger?",
        "en": "Save before closing?",
    },
    "new_title": {"sv": "Nytt protokoll", "en": "New minutes"},
    "new_slug": {"sv": "Råd (kortnamn, som i filnamnet)", "en": "Council (short name, as in the file name)"},
    "new_date": {
        "sv": "Datum ÅÅÅÅ-MM-DD (tomt: nästa möte i förlagan)",
        "en": "Date YYYY-MM-DD (empty: the next meeting of the earlier minutes)",
    },
    "new_from": {"sv": "Utgå från {id}", "en": "Start from {id}"},
    "new_need_date": {"sv": "Ange ett datum (ÅÅÅÅ-MM-DD).", "en": "Give a date (YYYY-MM-DD)."},
    "new_no_next": {
        "sv": "{id} har inget kommande möte att ta datumet från; ange ett datum.",
        "en": "{id} has no next meeting to take the date from; give a date.",
    },
    "new_from_broken": {
        "sv": "{id} har fel och kan inte användas som förlaga: {first}",
        "en": "{id} has errors and cannot be used to start from: {first}",
    },
    "new_working": {"sv": "Förbereder…", "en": "Preparing…"},
    # --- commit messages ------------------------------------------------------
    "commit_new": {"sv": "{id}: nytt protokoll", "en": "{id}: new protocol"},
    "commit_changed": {"sv": "{id}: ändrat {what}", "en": "{id}: changed {what}"},
    "commit_changed_body": {"sv": "Ändrat: {what}", "en": "Changed: {what}"},
    # --- history and diff --------------------------------------------------
    "key_diff_previous": {"sv": "Ändringar", "en": "Changes"},
    "key_diff_current": {"sv": "Sedan dess", "en": "Since then"},
    "key_mark": {"sv": "Välj", "en": "Mark"},
    "key_diff_marked": {"sv": "Jämför", "en": "Compare"},
    "tui_history_loading": {"sv": "Läser historiken…", "en": "Reading the history…"},
    "tui_history_count": {
        "sv": "Antal versioner: {count}. Välj två med mellanslag och jämför dem med m.",
        "en": "Versions: {count}. Mark two with space and compare them with m.",
    },
    "tui_history_marked": {
        "sv": "Antal versioner: {count}, valda: {marked}.",
        "en": "Versions: {count}, marked: {marked}.",
    },
    "tui_nothing_earlier": {
        "sv": "Det här är den första versionen; det finns ingen tidigare att jämföra med.",
        "en": "This is the first version; there is nothing earlier to compare it with.",
    },
    "tui_mark_two": {
        "sv": "Välj exakt två versioner med mellanslag och tryck m igen (valda nu: {count}).",
        "en": "Mark exactly two versions with space, then press m again (marked now: {count}).",
    },
    "tui_diff_loading": {"sv": "Läser versionerna…", "en": "Reading the versions…"},
    "tui_diff_from": {"sv": "Från: {version}", "en": "From: {version}"},
    "tui_diff_to": {"sv": "Till: {version}", "en": "To:   {version}"},
    "tui_diff_current": {"sv": "(nuvarande version)", "en": "(current version)"},
    "tui_diff_identical": {
        "sv": "De två versionerna är identiska: ingenting skiljer dem åt.",
        "en": "The two versions are identical: nothing differs.",
    },
    "tui_diff_line_ends": {
        "sv": "Versionerna skiljer sig bara i radslut (osynliga tecken), inte i någon text.",
        "en": "The versions differ only in line endings (invisible characters), not in any text.",
    },
    # --- rendering ------------------------------------------------------------
    "status_draft": {"sv": "utkast", "en": "draft"},
    "status_approved": {"sv": "justerat", "en": "approved"},
    "presence_present": {"sv": "närvarande", "en": "present"},
    "presence_excused": {"sv": "anmält förhinder", "en": "excused"},
    "presence_absent": {"sv": "frånvarande", "en": "absent"},
    "presence_adjunct": {"sv": "adjungerad", "en": "adjunct"},
    "label_protocol": {"sv": "Protokoll", "en": "Minutes"},
    "label_time": {"sv": "Tid", "en": "Time"},
    "label_location": {"sv": "Plats", "en": "Place"},
    "label_status": {"sv": "Status", "en": "Status"},
    "label_chair": {"sv": "Ordförande", "en": "Chair"},
    "label_secretary": {"sv": "Sekreterare", "en": "Secretary"},
    "label_adjusters": {"sv": "Justerare", "en": "Adjusters"},
    "label_attendees": {"sv": "Närvarande", "en": "Attendees"},
    "label_items": {"sv": "Punkter", "en": "Items"},
    "label_decisions": {"sv": "Beslut", "en": "Decisions"},
    "label_attachments": {"sv": "Bilagor", "en": "Attachments"},
    "label_next_meetings": {"sv": "Kommande möten", "en": "Next meetings"},
    "label_contact": {"sv": "Kontakt", "en": "Contact"},
    "label_other_fields": {"sv": "Övriga fält", "en": "Other fields"},
    "col_id": {"sv": "ID", "en": "ID"},
    "col_date": {"sv": "Datum", "en": "Date"},
    "col_council": {"sv": "Råd", "en": "Council"},
    "col_status": {"sv": "Status", "en": "Status"},
    "col_changed_by": {"sv": "Ändrat av", "en": "Changed by"},
    "col_changed": {"sv": "Ändrat", "en": "Changed"},
    "col_commit": {"sv": "Commit", "en": "Commit"},
    "col_author": {"sv": "Författare", "en": "Author"},
    "col_message": {"sv": "Meddelande", "en": "Message"},
    "col_protocol": {"sv": "Protokoll", "en": "Protocol"},
    "what_header": {"sv": "mötesuppgifter", "en": "meeting details"},
    "what_attendees": {"sv": "närvarande", "en": "attendees"},
    "what_items": {"sv": "punkter", "en": "items"},
    "what_next_meetings": {"sv": "kommande möten", "en": "next meetings"},
    "what_contact": {"sv": "kontakt", "en": "contact"},
    "what_other": {"sv": "övriga fält", "en": "other fields"},
    "what_format": {"sv": "formatering", "en": "formatting"},
    # --- over SSH: keys and restricted mode ---------------------------------
    "ssh_key_too_big": {
        "sv": "{path} är för stor för att vara en publik SSH-nyckel.",
        "en": "{path} is too large to be an SSH public key.",
    },
    "ssh_key_not_text": {
        "sv": "{path} är ingen textfil; en publik SSH-nyckel är en rad text (t.ex. id_ed25519.pub).",
        "en": "{path} is not a text file; an SSH public key is one line of text (e.g. id_ed25519.pub).",
    },
    "ssh_key_private": {
        "sv": "{path} är en privat nyckel. Ge den publika (filen som slutar på .pub); den privata ska aldrig lämna personens dator.",
        "en": "{path} is a private key. Give the public one (the file ending in .pub); the private key never leaves the person's computer.",
    },
    "ssh_key_none": {
        "sv": "{path} innehåller ingen publik SSH-nyckel.",
        "en": "{path} holds no SSH public key.",
    },
    "ssh_key_many": {
        "sv": "{path} innehåller {count} nycklar; ge en nyckel i taget.",
        "en": "{path} holds {count} keys; give one key at a time.",
    },
    "ssh_key_options": {
        "sv": "{path} börjar med authorized_keys-val; ge bara nyckeln (typ, nyckel, kommentar), brotui skriver valen själv.",
        "en": "{path} starts with authorized_keys options; give the key alone (type, key, comment), brotui writes the options itself.",
    },
    "ssh_key_type": {
        "sv": "{path}: nyckeltypen {type!r} tas inte emot. Tillåtna: {types}. Skapa en ny med: ssh-keygen -t ed25519",
        "en": "{path}: the key type {type!r} is not accepted. Accepted: {types}. Make a new one with: ssh-keygen -t ed25519",
    },
    "ssh_key_body": {
        "sv": "{path}: nyckeln är skadad (dess base64-del stämmer inte med typen).",
        "en": "{path}: the key is damaged (its base64 part does not match its type).",
    },
    "ssh_key_unreadable": {
        "sv": "{path}: ssh-keygen kan inte läsa nyckeln: {detail}",
        "en": "{path}: ssh-keygen cannot read the key: {detail}",
    },
    "ssh_key_weak": {
        "sv": "{path}: RSA-nyckeln har {bits} bitar; minst {minimum} krävs (eller skapa en ed25519-nyckel).",
        "en": "{path}: the RSA key has {bits} bits; at least {minimum} are needed (or make an ed25519 key).",
    },
    "ssh_keygen_missing": {
        "sv": "ssh-keygen saknas; installera OpenSSH-klienten (apt-get install openssh-client).",
        "en": "ssh-keygen is missing; install the OpenSSH client (apt-get install openssh-client).",
    },
    "ssh_bad_char": {
        "sv": "{value!r} innehåller styrtecken eller radbrytningar och kan inte skrivas i authorized_keys.",
        "en": "{value!r} holds control characters or line breaks and cannot be written to authorized_keys.",
    },
    "ssh_key_taken": {
        "sv": "Nyckeln finns redan i {path} (rad {line}, {who}); sshd använder den första raden med nyckeln. Ta bort den raden först.",
        "en": "The key is already in {path} (line {line}, {who}); sshd uses the first line with a key. Remove that line first.",
    },
    "ssh_not_brotui": {"sv": "en rad som inte är brotuis", "en": "a line that is not brotui's"},
    "ssh_added": {
        "sv": "{who} ({type} {fingerprint}) kan nu logga in: nyckelns rad i {path} öppnar brotui på {repo} i personens namn.",
        "en": "{who} ({type} {fingerprint}) can now log in: the key's line in {path} opens brotui on {repo} in their name.",
    },
    "ssh_nobody": {
        "sv": "Ingen brotui-nyckel i {path}.",
        "en": "No brotui key in {path}.",
    },
    "ssh_col_name": {"sv": "Namn", "en": "Name"},
    "ssh_col_email": {"sv": "E-post", "en": "Email"},
    "ssh_col_type": {"sv": "Typ", "en": "Type"},
    "ssh_col_fingerprint": {"sv": "Fingeravtryck", "en": "Fingerprint"},
    "ssh_remove_whom": {
        "sv": "Vems nyckel? Ange --name NAMN, --email E-POST eller ett fingeravtryck (brotui ssh-key list visar dem).",
        "en": "Whose key? Give --name NAME, --email EMAIL or a fingerprint (brotui ssh-key list shows them).",
    },
    "ssh_no_match": {
        "sv": "Ingen brotui-nyckel i {path} stämmer; inget togs bort (brotui ssh-key list visar vilka som finns).",
        "en": "No brotui key in {path} matches; nothing was removed (brotui ssh-key list shows those there are).",
    },
    "ssh_removed": {
        "sv": "Borttagen: {who} ({fingerprint}) ur {path}.",
        "en": "Removed: {who} ({fingerprint}) from {path}.",
    },
    "restricted_tui_only": {
        "sv": "I begränsat läge (--restricted) finns bara brotuis terminalgränssnitt, inga kommandon.",
        "en": "In restricted mode (--restricted) there is only brotui's terminal UI, no commands.",
    },
    "restricted_no_commands": {
        "sv": "Kommandon är inte tillgängliga här; den här nyckeln öppnar bara brotui.",
        "en": "Commands are not available here; this key opens brotui only.",
    },
    "restricted_need_repo": {
        "sv": "I begränsat läge måste arkivet anges med --repo.",
        "en": "In restricted mode the archive must be given with --repo.",
    },
    "restricted_no_terminal": {
        "sv": "brotui behöver en terminal. Logga in med: ssh -t KONTO@SERVER",
        "en": "brotui needs a terminal. Log in with: ssh -t ACCOUNT@SERVER",
    },
    "restricted_no_author": {
        "sv": "den här nyckeln har ingen identitet (--author saknas i dess rad i authorized_keys)",
        "en": "this key has no identity (--author is missing from its authorized_keys line)",
    },
    "err_theme": {
        "sv": "Temat {theme!r} finns inte. Välj ansi, dark, light eller ett av: {themes}",
        "en": "There is no theme {theme!r}. Choose ansi, dark, light or one of: {themes}",
    },
}

SV_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
SV_DAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def choose_language(explicit: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The language to use: explicit choice, BROTUI_LANG, then the locale, then English."""
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get("BROTUI_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def language() -> str:
    return _current


def t(msg_id: str, /, *, lang: str | None = None, **values: object) -> str:
    """The text for `msg_id` in the current language (or `lang`), with `values` filled in."""
    text = MESSAGES[msg_id][lang or _current]
    return text.format(**values) if values else text


def long_date(date: dt.date) -> str:
    """'torsdag 20 februari 2020' or 'Thursday 20 February 2020'."""
    if _current == "sv":
        return f"{SV_DAYS[date.weekday()]} {date.day} {SV_MONTHS[date.month - 1]} {date.year}"
    return f"{EN_DAYS[date.weekday()]} {date.day} {EN_MONTHS[date.month - 1]} {date.year}"
