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
    "binary": {
        "sv": "Filen innehåller binärdata (NUL-tecken), inte text.",
        "en": "The file holds binary data (NUL characters), not text.",
    },
    "not_utf8": {
        "sv": "Filen är inte UTF-8-text (ogiltig byte {byte}).",
        "en": "The file is not UTF-8 text (invalid byte {byte}).",
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
    "item_number_positive": {
        "sv": "En punkts nummer är 1 eller mer, inte {number}.",
        "en": "An item's number is 1 or more, not {number}.",
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
    "err_invisible_in_name": {
        "sv": "{source} har ett osynligt tecken eller styrtecken ({char}) i {value}: med "
              "det kan ett namn se ut precis som någon annans. Skriv det utan tecknet.",
        "en": "{source} has an invisible or control character ({char}) in {value}: with "
              "it a name can look exactly like someone else's. Type it without that "
              "character.",
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
    # --- git refusing, or a repository brotui may not write ---------------------
    "err_ref_locked": {
        "sv": "Grenen {branch} är låst av filen {lock}: ett annat git-program arbetar i arkivet, eller så avbröts ett och lämnade filen kvar. Om inget git-program körs i arkivet: ta bort filen och spara igen. Inget sparades.",
        "en": "The branch {branch} is locked by the file {lock}: another git program is at work in the archive, or one was stopped and left the file behind. If no git program is running in the archive, remove that file and save again. Nothing was saved.",
    },
    "err_ref_refused": {
        "sv": "git flyttade inte grenen {branch}: {reason}. Inget sparades.",
        "en": "git did not move the branch {branch}: {reason}. Nothing was saved.",
    },
    "err_read_only": {
        "sv": "Arkivet {path} är skrivskyddat för dig: du kan läsa det men inte spara i det (du får inte skriva i dess git-katalog). Inget sparades.",
        "en": "The archive {path} is read-only for you: you may read it but not save in it (you may not write in its git directory). Nothing was saved.",
    },
    "err_detached": {
        "sv": "HEAD i {path} pekar på commit {commit}, inte på en gren (detached HEAD): brotui visar vad den innehåller men sparar inget där. Byt till en gren (git switch main) eller ange grenen att spara på i .brotui.yaml (branch: main). Inget sparades.",
        "en": "HEAD in {path} is the commit {commit}, not a branch (a detached HEAD): brotui shows what it holds but saves nothing there. Switch to a branch (git switch main), or name the branch to save to in .brotui.yaml (branch: main). Nothing was saved.",
    },
    "err_sign": {
        "sv": "Arkivet signerar varje commit (commit.gpgsign), och signaturen kunde inte göras: {reason}. Inget sparades.",
        "en": "The archive signs every commit (commit.gpgsign), and the signature could not be made: {reason}. Nothing was saved.",
    },
    "err_dubious_owner": {
        "sv": "git öppnar inte {path}: arkivet ägs av {owner}, inte av dig (git säger \"detected dubious ownership\", se git help config, safe.directory). Litar du på ägaren, tillåt det: {fix}",
        "en": "git will not open {path}: the archive belongs to {owner}, not to you (git says \"detected dubious ownership\"; see git help config, safe.directory). If you trust its owner, allow it: {fix}",
    },
    "err_open_repo": {
        "sv": "git kan inte öppna {path}: {reason}.",
        "en": "git cannot open {path}: {reason}.",
    },
    "index_locked": {
        "sv": "Obs: indexet (det git commit skulle ta med) kunde inte följa med den sparade {path}, eftersom {lock} finns: ett annat git-program arbetar, eller så lämnade ett filen kvar. Tills dess visar git status filen som ändrad. När inget git-program körs: ta bort filen om den finns kvar och kör git reset -q -- {path}",
        "en": "Note: the index (what git commit would take) could not follow the saved {path}, because {lock} exists: another git program is at work, or one left the file behind. Until it does, git status shows the file as changed. Once no git program is running, remove that file if it is still there and run git reset -q -- {path}",
    },
    "index_refused": {
        "sv": "Obs: indexet (det git commit skulle ta med) kunde inte följa med den sparade {path}: {reason}. Tills dess visar git status filen som ändrad; git reset -q -- {path} ställer det till rätta.",
        "en": "Note: the index (what git commit would take) could not follow the saved {path}: {reason}. Until it does, git status shows the file as changed; git reset -q -- {path} puts it right.",
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
    "err_slug_too_long": {
        "sv": "Rådets kortnamn ({start}) är {length} tecken långt; det får vara högst {limit}: det blir namnet på en mapp, och längre namn rymmer inte alla filsystem.",
        "en": "The council's short name ({start}) is {length} characters long; it may have at most {limit}: it becomes a folder's name, and not every file system holds longer names.",
    },
    "err_day_full": {
        "sv": "{slug} har redan {count} protokoll den {date}; fler får inte plats samma dag.",
        "en": "{slug} already has {count} protocols on {date}; no more fit on one day.",
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
    "err_created_meanwhile": {
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
    "what_format": {"sv": "formatering", "en": "formatting"},
    # --- field-level diff, blame, commit messages ---------------------------
    "diff_schema": {"sv": "Schema", "en": "Schema"},
    "diff_swapped": {"sv": "{a} och {b} har bytt plats", "en": "{a} and {b} swapped places"},
    "diff_renumbered": {"sv": "{old} numrerade om till {new}", "en": "{old} renumbered as {new}"},
    "diff_moved": {"sv": "»{what}« flyttad från {old} till {new}",
                   "en": "“{what}” moved from {old} to {new}"},
    "diff_whitespace": {"sv": "bara blanksteg ändrade", "en": "only spacing changed"},
    "diff_no_change": {"sv": "Inga ändringar i innehållet.", "en": "No change in content."},
    "key_blame": {"sv": "Vem ändrade", "en": "Who changed"},
    "blame_unreadable": {
        "sv": "{id} går inte att läsa som protokoll; kör brotui check {id}.",
        "en": "{id} does not read as a protocol; run brotui check {id}.",
    },
    "col_part": {"sv": "Del", "en": "Part"},
    "key_diff_mode": {"sv": "Rader/fält", "en": "Lines/fields"},
    "diff_mode_fields": {"sv": "Ändringar per fält", "en": "Changes by field"},
    "diff_mode_lines": {"sv": "Radvis diff av filen", "en": "Line diff of the file"},
    "diff_unreadable": {
        "sv": "En av versionerna av {id} går inte att läsa som protokoll; här är radvis diff.",
        "en": "One version of {id} does not read as a protocol; here is the line diff.",
    },
    "commit_repaired": {"sv": "{id}: trasig fil lagad", "en": "{id}: broken file repaired"},
    "commit_new_short": {"sv": "nytt protokoll", "en": "new protocol"},
    "commit_removed_short": {"sv": "borttaget", "en": "deleted"},
    "commit_more": {"sv": " och {n} till", "en": " and {n} more"},
    "commit_format_body": {
        "sv": "Bara filens formatering ändrades; innehållet är detsamma.",
        "en": "Only the file's formatting changed; the content is the same.",
    },
    "sum_attendee_added": {"sv": "{name} tillagd i närvarolistan",
                           "en": "{name} added to attendees"},
    "sum_attendee_removed": {"sv": "{name} borttagen ur närvarolistan",
                             "en": "{name} removed from attendees"},
    "sum_item_added": {"sv": "{item} tillagd", "en": "{item} added"},
    "sum_item_removed": {"sv": "{item} borttagen", "en": "{item} removed"},
    "sum_meeting_added": {"sv": "kommande möte tillagt", "en": "next meeting added"},
    "sum_meeting_removed": {"sv": "kommande möte borttaget", "en": "next meeting removed"},
    "sum_changed": {"sv": "{what} ändrad", "en": "{what} changed"},
    # --- concurrent edits: merge, conflicts, drafts ----------------------------
    "conflict_none": {"sv": "(inget)", "en": "(nothing)"},
    "conflict_base": {"sv": "Som det var", "en": "As it was"},
    "conflict_theirs": {"sv": "{author} sparade", "en": "{author} saved"},
    "conflict_mine": {"sv": "Du skrev", "en": "You wrote"},
    "conflict_use_base": {"sv": "Som det var", "en": "As it was"},
    "conflict_use_theirs": {"sv": "Deras", "en": "Theirs"},
    "conflict_use_mine": {"sv": "Mitt", "en": "Mine"},
    "conflict_side_base": {"sv": "som det var", "en": "as it was"},
    "conflict_side_theirs": {"sv": "deras", "en": "theirs"},
    "conflict_side_mine": {"sv": "mitt", "en": "mine"},
    "conflict_chosen": {"sv": "Vald: {side}", "en": "Chosen: {side}"},
    "conflict_title": {
        "sv": "{author} har ändrat samma fält ({count}) i {id}",
        "en": "{author} changed the same fields ({count}) in {id}",
    },
    "conflict_help": {
        "sv": "Välj för varje fält vad som ska gälla, eller skriv om texten. "
              "Ctrl+S sparar, Esc går tillbaka till redigeringen utan att något går förlorat.",
        "en": "For each field choose what should stand, or rewrite the text. "
              "Ctrl+S saves, Esc goes back to editing with nothing lost.",
    },
    "err_merge_conflict": {
        "sv": "Konflikt: {id} har ändrats sedan {base} (senast av {author}, {commit}) i samma "
              "fält som du har ändrat; inget sparades.",
        "en": "Conflict: {id} has changed since {base} (last by {author}, {commit}) in the "
              "same fields as yours; nothing was saved.",
    },
    "merge_conflict_line": {
        "sv": "  {label}: som det var »{base}«, deras »{theirs}«, ditt »{mine}«",
        "en": "  {label}: as it was “{base}”, theirs “{theirs}”, yours “{mine}”",
    },
    "merged_theirs": {
        "sv": "Sammanfogat med ändringar som gjorts sedan du började: {changes}",
        "en": "Merged with changes made since you started: {changes}",
    },
    "tui_input_not_utf8": {
        "sv": "Terminalen skickar tecken som inte är UTF-8; de visas som \ufffd. Ställ in "
              "terminalens teckenkodning på UTF-8 (i PuTTY: Window > Translation).",
        "en": "The terminal sends characters that are not UTF-8; they show as \ufffd. Set "
              "the terminal's character set to UTF-8 (in PuTTY: Window > Translation).",
    },
    "tui_typed_kept": {
        "sv": "Det du skrev medan det sparades går inte att läsa som YAML ({reason}). "
              "Ändringarna som sparades under tiden förs in i det så snart det går.",
        "en": "What you typed while saving does not read as YAML ({reason}). The changes "
              "saved meanwhile are put into it as soon as it does.",
    },
    "tui_typed_taken_in": {
        "sv": "Ändringarna som sparades under tiden finns nu med i det du skrivit.",
        "en": "The changes saved meanwhile are now in what you typed.",
    },
    "tui_typed_kept_conflict": {
        "sv": "Det du skrev medan det sparades står kvar som du skrev det, osparat; "
              "Ctrl+S visar konflikten igen.",
        "en": "What you typed while saving stays as you typed it, not saved; Ctrl+S shows "
              "the conflict again.",
    },
    "tui_conflict_open": {
        "sv": "Inget sparades; det du skrev finns kvar. Ctrl+S försöker igen.",
        "en": "Nothing was saved; what you typed is still here. Ctrl+S tries again.",
    },
    "draft_found_title": {"sv": "Ett utkast finns för {id}", "en": "A draft exists for {id}"},
    "draft_found_text": {
        "sv": "Du skrev på {id} ({when}) utan att spara. Så här skiljer sig utkastet från "
              "det som är sparat nu:",
        "en": "You were editing {id} ({when}) and did not save. This is how the draft "
              "differs from what is saved now:",
    },
    "draft_restore": {"sv": "Fortsätt med utkastet", "en": "Continue the draft"},
    "draft_discard": {"sv": "Släng utkastet", "en": "Discard the draft"},
    "draft_restored": {
        "sv": "Utkastet är tillbaka; det sparas först när du trycker Ctrl+S.",
        "en": "The draft is back; it is saved only when you press Ctrl+S.",
    },
    "draft_same": {"sv": "(samma som det sparade)", "en": "(the same as what is saved)"},
    # --- search ---------------------------------------------------------------
    "search_part_item": {"sv": "§{number} {what}", "en": "§{number} {what}"},
    "search_part_named": {"sv": "{label}: {name}", "en": "{label}: {name}"},
    "search_item_title": {"sv": "rubrik", "en": "title"},
    "search_item_text": {"sv": "text", "en": "text"},
    "search_item_decision": {"sv": "beslut", "en": "decision"},
    "search_item_attachments": {"sv": "bilagor", "en": "attachments"},
    "search_change_added": {"sv": "tillagd", "en": "added"},
    "search_change_removed": {"sv": "borttagen", "en": "removed"},
    "search_change_more": {"sv": "fler gånger", "en": "more often"},
    "search_change_fewer": {"sv": "färre gånger", "en": "less often"},
    "search_present": {"sv": "finns kvar nu", "en": "still there now"},
    "search_absent": {"sv": "finns inte kvar nu", "en": "no longer there"},
    "search_empty": {
        "sv": "Ange ett eller flera ord att söka efter, eller en fras inom citattecken.",
        "en": "Give one or more words to search for, or a phrase in double quotes.",
    },
    "search_nothing": {
        "sv": "Inga träffar för {query}.",
        "en": "No hits for {query}.",
    },
    "search_nothing_history": {
        "sv": "Inga träffar för {query} i historiken.",
        "en": "No hits for {query} in the history.",
    },
    "search_found": {
        "sv": "{hits} träffar i {protocols} protokoll.",
        "en": "{hits} hit(s) in {protocols} protocol(s).",
    },
    "search_found_history": {
        "sv": "{changes} ändringar i {protocols} protokoll.",
        "en": "{changes} change(s) in {protocols} protocol(s).",
    },
    "col_hit": {"sv": "Träff", "en": "Hit"},
    "col_change": {"sv": "Ändring", "en": "Change"},
    "key_search": {"sv": "Sök", "en": "Search"},
    "key_search_history": {"sv": "Nu/historik", "en": "Now/history"},
    "tui_search_placeholder": {
        "sv": 'Sök: ord eller "fras", i alla protokoll',
        "en": 'Search: words or a "phrase", in all minutes',
    },
    "tui_search_history_placeholder": {
        "sv": 'Sök i historiken: ord eller "fras", Enter söker',
        "en": 'Search the history: words or a "phrase", Enter searches',
    },
    "tui_search_hint": {
        "sv": "Skriv för att söka. Ctrl+T söker i historiken i stället.",
        "en": "Type to search. Ctrl+T searches the history instead.",
    },
    "tui_search_working": {"sv": "Söker…", "en": "Searching…"},
    "tui_search_history_working": {
        "sv": "Söker genom historiken… (det kan ta några sekunder)",
        "en": "Searching the history… (this may take a few seconds)",
    },
    "tui_search_change": {
        "sv": "i {commit} av {author}, {when}",
        "en": "in {commit} by {author}, {when}",
    },
    "tui_search_first": {"sv": "(visar de {shown} första)", "en": "(showing the first {shown})"},
    "tui_search_history_hint": {
        "sv": "Skriv ord eller en fras och tryck Enter för att söka genom historiken.",
        "en": "Type words or a phrase and press Enter to search the history.",
    },
    # --- bad files (corpus) -------------------------------------------------------
    "too_deep": {
        "sv": "Värdet är nästlat för djupt (fler än {limit} listor eller fält i varandra).",
        "en": "The value is nested too deeply (more than {limit} lists or maps inside each other).",
    },
    "key_not_text_found": {
        "sv": "Ett fältnamn måste vara text, inte {found}.",
        "en": "A field name must be text, not {found}.",
    },
    "key_control": {
        "sv": "Fältnamnet innehåller ett osynligt styrtecken ({char}) som inte får finnas i ett protokoll.",
        "en": "The field name holds an invisible control character ({char}) that a protocol may not contain.",
    },
    "bom_error": {
        "sv": "Filen börjar med en osynlig byte-order-markering (BOM, U+FEFF) som ett protokoll inte ska ha; ta bort den (brotui gör det när protokollet sparas).",
        "en": "The file starts with an invisible byte-order mark (BOM, U+FEFF) that a protocol should not have; remove it (brotui does when the protocol is saved).",
    },
    "file_too_large": {
        "sv": "Filen är {size}; ett protokoll får vara högst {limit}. brotui läser den inte.",
        "en": "The file is {size}; a protocol may be at most {limit}. brotui does not read it.",
    },
    "unreadable": {
        "sv": "brotui kunde inte läsa filen ({kind}).",
        "en": "brotui could not read the file ({kind}).",
    },
    "syntax_colon": {
        "sv": "Filen är inte giltig YAML: ett kolon (:) där inget kan stå. Kontrollera indraget på den här raden och raden ovanför.",
        "en": "The file is not valid YAML: a colon (:) where none can be. Check the indentation of this line and the one above.",
    },
    "syntax_no_colon": {
        "sv": "Filen är inte giltig YAML: här väntades en rad som namn: värde. Kontrollera indraget och kolonet.",
        "en": "The file is not valid YAML: a line name: value was expected here. Check the indentation and the colon.",
    },
    "syntax_indent": {
        "sv": "Filen är inte giltig YAML: indraget stämmer inte med raderna ovanför.",
        "en": "The file is not valid YAML: the indentation does not match the lines above.",
    },
    "syntax_dash": {
        "sv": "Filen är inte giltig YAML: ett listelement (-) där inget kan stå. Kontrollera indraget.",
        "en": "The file is not valid YAML: a list entry (-) where none can be. Check the indentation.",
    },
    "syntax_tab": {
        "sv": "Filen är inte giltig YAML: en tabb används för indrag; YAML drar in med mellanslag.",
        "en": "The file is not valid YAML: a tab is used for indentation; YAML indents with spaces.",
    },
    "syntax_unclosed_quote": {
        "sv": "Filen är inte giltig YAML: citattecknet som börjar här stängs aldrig.",
        "en": "The file is not valid YAML: the quote that starts here is never closed.",
    },
    "syntax_documents": {
        "sv": "Filen är inte giltig YAML för ett protokoll: den har mer än ett dokument (en rad ---).",
        "en": "The file is not valid YAML for a protocol: it holds more than one document (a --- line).",
    },
    "symlink_target": {
        "sv": "Filen är en symbolisk länk (till {target}); brotui följer inte länkar. Spara protokollet som en vanlig fil i stället.",
        "en": "The file is a symbolic link (to {target}); brotui does not follow links. Save the protocol as a regular file instead.",
    },
    "symlink_folder": {
        "sv": "{link} är en symbolisk länk (till {target}); brotui följer inte länkar.",
        "en": "{link} is a symbolic link (to {target}); brotui does not follow links.",
    },
    "tui_unreadable_file": {
        "sv": "brotui läser inte den här filen. Tryck e för att skriva ett protokoll som ersätter den.",
        "en": "brotui does not read this file. Press e to write a protocol that replaces it.",
    },
    "tui_replace_unreadable": {
        "sv": "Det du skriver här ersätter filen när du sparar.",
        "en": "What you write here replaces the file when you save.",
    },
    "err_name_to_fix": {
        "sv": "{path} kan inte sparas under det namnet: {problem} Byt namn på filen först (git mv).",
        "en": "{path} cannot be saved under that name: {problem} Rename the file first (git mv).",
    },
    "err_not_read": {
        "sv": "{where} kan inte läsas som ett protokoll: {count} fel.",
        "en": "{where} cannot be read as a protocol: {count} error(s).",
    },
    "err_not_shown": {
        "sv": "{where} kan inte visas som protokoll: {count} fel. brotui show {id} --format yaml skriver ut filen som den är.",
        "en": "{where} cannot be shown as minutes: {count} error(s). brotui show {id} --format yaml prints the file as it is.",
    },
    "err_path_is_folder": {
        "sv": "{path} kan inte sparas: i arkivet står en mapp med det namnet där protokollets fil ska ligga.",
        "en": "{path} cannot be saved: the archive holds a folder of that name where the protocol's file should be.",
    },
    "err_path_not_tree": {
        "sv": "{path} kan inte sparas: {part} i arkivet är ingen mapp (utan en fil eller en symbolisk länk).",
        "en": "{path} cannot be saved: {part} in the archive is not a folder (but a file or a symbolic link).",
    },
    # --- restore, delete, rename, archive activity ----------------------------
    "commit_deleted": {"sv": "{id}: borttaget", "en": "{id}: deleted"},
    "commit_deleted_body": {
        "sv": "Protokollet togs bort. Den sista versionen finns i {commit}; den återställs med: brotui restore {id} {commit}",
        "en": "The minutes were deleted. The last version is in {commit}; restore it with: brotui restore {id} {commit}",
    },
    "commit_moved": {"sv": "{old} -> {new}: flyttat", "en": "{old} -> {new}: moved"},
    "commit_moved_body": {
        "sv": "Protokollet {old} heter nu {new} (datum {date}).",
        "en": "The minutes {old} are now {new} (date {date}).",
    },
    "commit_restored": {"sv": "{id}: återställt till {commit}", "en": "{id}: restored to {commit}"},
    "commit_restored_body": {
        "sv": "Återställt till versionen i {commit} av {author}, {when}.",
        "en": "Restored to the version in {commit} by {author}, {when}.",
    },
    "commit_restored_moved": {
        "sv": "Protokollet hette {id} i den versionen och flyttas tillbaka dit från {current}.",
        "en": "The minutes were called {id} in that version and move back there from {current}.",
    },
    "err_target_exists": {
        "sv": "Det finns redan ett protokoll {id} i {where}; inget ändrades.",
        "en": "There is already a protocol {id} in {where}; nothing was changed.",
    },
    "err_same_id": {
        "sv": "{id} har redan det id:t; inget att flytta.",
        "en": "{id} already has that id; nothing to move.",
    },
    "err_not_at_rev": {
        "sv": "{id} fanns inte i {rev} (borttaget eller ännu inte skrivet där). Välj en version ur brotui log {id}.",
        "en": "{id} did not exist in {rev} (deleted or not yet written there). Pick a version from brotui log {id}.",
    },
    "err_restore_invalid": {
        "sv": "Versionen av {where} i {rev} har {count} fel och återställs inte.",
        "en": "The version of {where} in {rev} has {count} error(s) and is not restored.",
    },
    "err_log_filters": {
        "sv": "--author, --council, --since, --until och --deleted hör till brotui log utan id (arkivets aktivitet).",
        "en": "--author, --council, --since, --until and --deleted go with brotui log without an id (the archive's activity).",
    },
    "err_period": {
        "sv": "Perioden är tom: {since} ligger efter {until}.",
        "en": "The period is empty: {since} is after {until}.",
    },
    "deleted_done": {
        "sv": "Tog bort {id} i {commit}. Det kan återställas: brotui restore {id} {parent}",
        "en": "Deleted {id} in {commit}. It can be restored: brotui restore {id} {parent}",
    },
    "moved_done": {"sv": "Flyttade {old} till {new} i {commit}.", "en": "Moved {old} to {new} in {commit}."},
    "restored_done": {"sv": "Återställde {id} till {rev} i {commit}.", "en": "Restored {id} to {rev} in {commit}."},
    "restore_unchanged": {
        "sv": "{id} är redan som i {rev}; inget skrevs.",
        "en": "{id} is already as in {rev}; nothing was written.",
    },
    "restore_dry_run": {
        "sv": "Inget skrevs (--dry-run). Utan --dry-run blir ändringen ovan en ny commit.",
        "en": "Nothing was written (--dry-run). Without --dry-run the change above becomes a new commit.",
    },
    "restore_moves_back": {
        "sv": "{current} flyttas tillbaka till {id}, som det hette i {rev}.",
        "en": "{current} moves back to {id}, as it was called in {rev}.",
    },
    "no_activity": {"sv": "Inga ändringar att visa.", "en": "No changes to show."},
    "no_deleted": {"sv": "Inga borttagna protokoll.", "en": "No deleted minutes."},
    "change_added": {"sv": "nytt", "en": "new"},
    "change_changed": {"sv": "ändrat", "en": "changed"},
    "change_deleted": {"sv": "borttaget", "en": "deleted"},
    "col_deleted": {"sv": "Borttaget", "en": "Deleted"},
    "col_deleted_by": {"sv": "Borttaget av", "en": "Deleted by"},
    "col_last_revision": {"sv": "Senaste version", "en": "Last version"},
    "err_bad_period": {
        "sv": "En period skrivs ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD eller FRÅN..TILL, t.ex. 2020-02..2020-03 (här står {raw}).",
        "en": "A period is written YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO, e.g. 2020-02..2020-03 (this says {raw}).",
    },
    "key_activity": {"sv": "Aktivitet", "en": "Activity"},
    "key_deleted": {"sv": "Borttagna", "en": "Deleted"},
    "key_restore": {"sv": "Återställ", "en": "Restore"},
    "key_delete": {"sv": "Ta bort", "en": "Delete"},
    "key_rename": {"sv": "Nytt datum", "en": "New date"},
    "key_show_change": {"sv": "Visa ändringen", "en": "Show the change"},
    "key_more": {"sv": "Fler", "en": "More"},
    "tui_activity_author": {"sv": "Författare", "en": "Author"},
    "tui_activity_council": {"sv": "Råd", "en": "Council"},
    "tui_activity_period": {"sv": "Period: 2020-02..2020-03", "en": "Period: 2020-02..2020-03"},
    "tui_activity_loading": {"sv": "Läser ändringarna…", "en": "Reading the changes…"},
    "tui_activity_count": {
        "sv": "Ändringar: {count}, senaste först. Enter visar protokollets historik.",
        "en": "Changes: {count}, newest first. Enter shows the minutes' history.",
    },
    "tui_activity_more": {
        "sv": "Ändringar: {count}, senaste först; fler läses in längst ned. Enter visar historiken.",
        "en": "Changes: {count}, newest first; more are read at the bottom. Enter shows the history.",
    },
    "tui_deleted_loading": {
        "sv": "Letar efter borttagna protokoll i hela historiken…",
        "en": "Looking for deleted minutes in the whole history…",
    },
    "tui_deleted_count": {
        "sv": "Borttagna protokoll: {count}. Enter visar historiken; där återställer r en version.",
        "en": "Deleted minutes: {count}. Enter shows the history; there r restores a version.",
    },
    "tui_activity_heading": {"sv": "Senaste ändringarna i arkivet", "en": "Latest changes in the archive"},
    "tui_deleted_heading": {"sv": "Borttagna protokoll", "en": "Deleted minutes"},
    "tui_restore_title": {"sv": "Återställa {id}?", "en": "Restore {id}?"},
    "tui_restore_question": {
        "sv": "{id} blir som i versionen {commit} av {author}, {when}. Det blir en ny commit i ditt namn; inget i historiken försvinner.",
        "en": "{id} becomes as in version {commit} by {author}, {when}. That is a new commit in your name; nothing in the history is lost.",
    },
    "tui_restore_comes_back": {
        "sv": "Protokollet är borttaget och kommer tillbaka som det var då.",
        "en": "The minutes are deleted and come back as they were then.",
    },
    "tui_restored": {"sv": "Återställde {id} till {commit} i {new}.", "en": "Restored {id} to {commit} in {new}."},
    "tui_restore_same": {
        "sv": "{id} är redan som i den versionen; inget att återställa.",
        "en": "{id} is already as in that version; nothing to restore.",
    },
    "tui_gone_row": {
        "sv": "I den här versionen togs protokollet bort; välj en tidigare version.",
        "en": "In this version the minutes were deleted; choose an earlier version.",
    },
    "tui_deleted_mark": {"sv": "(borttaget här)", "en": "(deleted here)"},
    "tui_delete_title": {"sv": "Ta bort {id}?", "en": "Delete {id}?"},
    "tui_delete_question": {
        "sv": "Protokollet tas bort i en commit i ditt namn. Det finns kvar i historiken och kan återställas: Ctrl+L, sedan Ctrl+D för borttagna.",
        "en": "The minutes are deleted in a commit in your name. They stay in the history and can be restored: Ctrl+L, then Ctrl+D for deleted minutes.",
    },
    "tui_deleted": {"sv": "Tog bort {id} i {commit}.", "en": "Deleted {id} in {commit}."},
    "tui_rename_title": {"sv": "Byt datum på {id}", "en": "Change the date of {id}"},
    "tui_rename_date": {"sv": "Rätt datum (ÅÅÅÅ-MM-DD)", "en": "The right date (YYYY-MM-DD)"},
    "tui_rename_new_id": {"sv": "Nytt id: {id}", "en": "New id: {id}"},
    "tui_rename_same": {"sv": "Ange ett annat datum än det nuvarande.", "en": "Give a date other than the current one."},
    "tui_renamed": {"sv": "Flyttade {old} till {new} i {commit}.", "en": "Moved {old} to {new} in {commit}."},
    "tui_working": {"sv": "Arbetar…", "en": "Working…"},
    "tui_diff_moved": {
        "sv": "Protokollet har flyttats mellan de två versionerna ({ids}); en jämförelse över en flytt kan inte visas här.",
        "en": "The minutes moved between the two versions ({ids}); a comparison across a move cannot be shown here.",
    },
    "tui_old_version_only": {
        "sv": "Det här är en äldre version; öppna den nuvarande för att ta bort eller byta datum.",
        "en": "This is an earlier version; open the current one to delete it or change its date.",
    },
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


def size_text(size: int, decimals: int = 1) -> str:
    """A file size for people: '50.0 MB', in Swedish '50,0 MB'."""
    text = (f"{size / 1_000_000:.{decimals}f} MB" if size >= 100_000
            else f"{size / 1000:.{decimals}f} kB")
    return text.replace(".", ",") if _current == "sv" else text


def size_texts(*sizes: int) -> list[str]:
    """Sizes to be read side by side ("1.0 MB; at most 1.0 MB" tells nothing): with as
    many decimals as tell them apart (up to three), else in bytes."""
    for decimals in (1, 2, 3):
        texts = [size_text(size, decimals) for size in sizes]
        if len(set(texts)) == len(set(sizes)):
            return texts
    sep = "\u00a0" if _current == "sv" else ","
    unit = "byte" if _current == "sv" else "bytes"
    return [f"{size:,} {unit}".replace(",", sep) for size in sizes]
