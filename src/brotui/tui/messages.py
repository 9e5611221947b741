"""The terminal UI's sentences: keys, screens, the editor, dialogs and notifications
(those of justering and import in `messages_records.py`; one catalogue, "tui")."""

from brotui.i18n import joined, register
from brotui.tui.messages_records import MESSAGES as RECORDS

MESSAGES: dict[str, dict[str, str]] = {
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
    # --- export, attachments, the central server (issues 15, 16, 18) -------------
    "key_export": {"sv": "Exportera", "en": "Export"},
    "key_attachment": {"sv": "Läs bilaga", "en": "Read attachment"},
    "key_read": {"sv": "Läs", "en": "Read"},
    "tui_export_title": {"sv": "Exportera {id}", "en": "Export {id}"},
    "tui_export_format": {"sv": "Format:", "en": "Format:"},
    "tui_export_pdf": {"sv": "PDF (PDF/A, för arkivet)", "en": "PDF (PDF/A, for the archive)"},
    "tui_export_docx": {"sv": "Word (docx)", "en": "Word (docx)"},
    "tui_export_md": {"sv": "Markdown", "en": "Markdown"},
    "tui_export_html": {"sv": "Webbsida (html)", "en": "Web page (html)"},
    "tui_export_public": {
        "sv": "Offentlig version (det som inte ska publiceras maskeras)",
        "en": "Public copy (what is not for publication is masked)",
    },
    "tui_exporting": {"sv": "Exporterar {id}…", "en": "Exporting {id}…"},
    "tui_exported": {
        "sv": "Exporterade {id} (version {rev}) till {path}",
        "en": "Exported {id} (revision {rev}) to {path}",
    },
    "tui_exported_browser": {
        "sv": "Exporterade {id} (version {rev}): {name} skickas till din webbläsare "
              "(och finns kvar i {path})",
        "en": "Exported {id} (revision {rev}): {name} is sent to your browser "
              "(and kept in {path})",
    },
    "tui_attachments": {"sv": "Bilagor", "en": "Attachments"},
    "tui_attachment_row": {
        "sv": "{name}  {size}  {kind}  tillagd av {who}",
        "en": "{name}  {size}  {kind}  added by {who}",
    },
    "tui_attachment_unknown_kind": {"sv": "okänd typ", "en": "unknown type"},
    "tui_attachment_unknown_who": {"sv": "okänt", "en": "unknown"},
    "tui_no_attachments": {"sv": "Protokollet har inga bilagor.", "en": "The minutes have no attachments."},
    "tui_attachment_title": {"sv": "Bilaga {name} till {id}", "en": "Attachment {name} of {id}"},
    "tui_attachment_pick": {
        "sv": "Välj en bilaga och tryck Enter för att läsa dess text.",
        "en": "Choose an attachment and press Enter to read its text.",
    },
    "tui_attachment_reading": {"sv": "Läser {name}…", "en": "Reading {name}…"},
    "tui_attachment_added": {"sv": "bilaga tillagd: {name} ({size})", "en": "attachment added: {name} ({size})"},
    "tui_attachment_replaced": {
        "sv": "bilaga ersatt: {name} ({old} → {new})",
        "en": "attachment replaced: {name} ({old} → {new})",
    },
    "tui_attachment_removed": {"sv": "bilaga borttagen: {name} ({size})", "en": "attachment removed: {name} ({size})"},
    "tui_sync_theirs": {"sv": "centralservern", "en": "the central server"},
    "tui_sync_choices_saved": {
        "sv": "Dina val för {id} är sparade och skickas till centralservern.",
        "en": "Your choices for {id} are saved and go to the central server.",
    },
    "tui_sync_fetching": {
        "sv": "Hämtar från centralservern innan du redigerar…",
        "en": "Fetching from the central server before you edit…",
    },
    "tui_sync_not_reached": {
        "sv": "Centralservern svarade inte; du redigerar arkivets version: {message}",
        "en": "The central server did not answer; you edit this archive's version: {message}",
    },
    # --- the editor -----------------------------------------------------------
    "key_save": {"sv": "Spara", "en": "Save"},
    "key_mode": {"sv": "Formulär/YAML", "en": "Form/YAML"},
    "key_close": {"sv": "Stäng", "en": "Close"},
    "key_dismiss_menu": {"sv": "Stäng listan", "en": "Close the list"},
    "key_palette": {"sv": "Kommandon", "en": "Commands"},
    "tui_palette_placeholder": {"sv": "Sök bland kommandona…", "en": "Search for commands…"},
    "key_add": {"sv": "Lägg till", "en": "Add"},
    "key_remove": {"sv": "Ta bort", "en": "Remove"},
    "key_move_up": {"sv": "Flytta upp", "en": "Move up"},
    "key_move_down": {"sv": "Flytta ned", "en": "Move down"},
    "key_next_problem": {"sv": "Nästa fel", "en": "Next problem"},
    "key_to_attendees": {"sv": "Till deltagarna", "en": "To the attendees"},
    "key_to_items": {"sv": "Till punkterna", "en": "To the items"},
    "key_to_next_meetings": {"sv": "Till kommande möten", "en": "To the next meetings"},
    "key_presence": {"sv": "Närvaro: nästa val", "en": "Presence: next choice"},
    "key_note": {"sv": "Till deltagarens notering", "en": "To the attendee's note"},
    "key_page_down": {"sv": "En sida ned", "en": "A page down"},
    "key_page_up": {"sv": "En sida upp", "en": "A page up"},
    "key_undo": {"sv": "Ångra", "en": "Undo"},
    "key_discard": {"sv": "Kasta ändringarna", "en": "Discard changes"},
    "key_cancel": {"sv": "Avbryt", "en": "Cancel"},
    "key_create": {"sv": "Skapa", "en": "Create"},
    "form_meeting": {"sv": "Mötet", "en": "Meeting"},
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
    "tui_error_count": {"sv": "{count} fel", "en": "{count:error|errors}"},
    "tui_no_problems": {"sv": "Inga fel.", "en": "No problems."},
    "tui_saving": {"sv": "Sparar…", "en": "Saving…"},
    "tui_saved": {"sv": "Sparat i {commit}: {summary}", "en": "Saved in {commit}: {summary}"},
    "tui_no_changes": {"sv": "Inga ändringar; inget sparades.", "en": "No changes; nothing was saved."},
    "tui_not_saved": {
        "sv": "Inte sparat: {count} fel. Första: {first}",
        "en": "Not saved: {count:error|errors}. First: {first}",
    },
    "tui_cannot_save": {"sv": "Kan inte spara: {reason}", "en": "Cannot save: {reason}"},
    "tui_cannot_form": {
        "sv": "Formuläret kan inte visas innan YAML-texten är rättad: {reason}",
        "en": "The form cannot be shown until the YAML text is fixed: {reason}",
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
    "new_from_broken": {
        "sv": "{id} har fel och kan inte användas som förlaga: {first}",
        "en": "{id} has errors and cannot be used to start from: {first}",
    },
    "new_working": {"sv": "Förbereder…", "en": "Preparing…"},
    "tui_your_draft": {"sv": "✎ ditt utkast, ej sparat (e)", "en": "✎ your draft, not saved (e)"},
    "tui_draft_mark": {"sv": "✎ ditt utkast", "en": "✎ your draft"},
    "tui_draft_new": {"sv": "✎ nytt, ej sparat", "en": "✎ new, not saved"},
    "new_second_meeting": {
        "sv": "Det finns redan protokoll för {date} ({taken}): de nya blir ett andra möte samma dag, {id}. Skapa igen (Enter) för att fortsätta, eller ändra datumet.",
        "en": "There are minutes for {date} already ({taken}): these become a second meeting that day, {id}. Create again (Enter) to go ahead, or change the date.",
    },
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
    # --- field-level diff, blame, commit messages ---------------------------
    "key_blame": {"sv": "Vem ändrade", "en": "Who changed"},
    "key_diff_mode": {"sv": "Rader/fält", "en": "Lines/fields"},
    "diff_mode_fields": {"sv": "Ändringar per fält", "en": "Changes by field"},
    "diff_mode_lines": {"sv": "Radvis diff av filen", "en": "Line diff of the file"},
    # --- concurrent edits: merge, conflicts, drafts ----------------------------
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
    # --- restore, delete, rename, archive activity ----------------------------
    "key_activity": {"sv": "Aktivitet", "en": "Activity"},
    "key_deleted": {"sv": "Borttagna", "en": "Deleted"},
    "key_restore": {"sv": "Återställ", "en": "Restore"},
    "key_delete": {"sv": "Ta bort", "en": "Delete"},
    "key_rename": {"sv": "Nytt datum", "en": "New date"},
    "key_show_change": {"sv": "Visa ändringen", "en": "Show the change"},
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
    # --- over SSH: keys and restricted mode ---------------------------------
    "restricted_no_author": {
        "sv": "den här nyckeln har ingen identitet (--author saknas i dess rad i authorized_keys)",
        "en": "this key has no identity (--author is missing from its authorized_keys line)",
    },
    "err_theme": {
        "sv": "Temat {theme!r} finns inte. Välj ansi, dark, light eller ett av: {themes}",
        "en": "There is no theme {theme!r}. Choose ansi, dark, light or one of: {themes}",
    },
}

register(joined(MESSAGES, RECORDS), "tui")
