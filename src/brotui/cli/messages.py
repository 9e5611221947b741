"""The command line's sentences: what its commands print and the refusals of its options."""

from brotui.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    # --- the commands' output and their refusals ---------------------------------
    "err_exists": {
        "sv": "{path} finns redan.",
        "en": "{path} already exists.",
    },
    "err_no_date": {
        "sv": "Ange --date ÅÅÅÅ-MM-DD ({id} har inget kommande möte att ta datumet från).",
        "en": "Give --date YYYY-MM-DD ({id} has no next meeting to take the date from).",
    },
    "err_need_council": {
        "sv": "Ange --council RÅD eller --from ID.",
        "en": "Give --council COUNCIL or --from ID.",
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
    "err_put_created_meanwhile": {
        "sv": "{id} har skapats av någon annan under tiden; inget sparades. Se deras med brotui show {id} och spara ditt med --base.",
        "en": "{id} was created by someone else meanwhile; nothing was saved. See theirs with brotui show {id} and save yours with --base.",
    },
    "saved": {"sv": "Sparat {id} i {commit}.", "en": "Saved {id} in {commit}."},
    "unchanged": {
        "sv": "{id} är oförändrat; ingen commit behövdes.",
        "en": "{id} is unchanged; no commit was needed.",
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
        "sv": "{count:protokoll kontrollerat|protokoll kontrollerade}: {errors} fel, {warnings:varning|varningar}.",
        "en": "{count:protocol|protocols} checked: {errors:error|errors}, {warnings:warning|warnings}.",
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
    # --- rendering ------------------------------------------------------------
    "col_id": {"sv": "ID", "en": "ID"},
    "col_protocol": {"sv": "Protokoll", "en": "Protocol"},
    # --- field-level diff, blame, commit messages ---------------------------
    "blame_unreadable": {
        "sv": "{id} går inte att läsa som protokoll; kör brotui check {id}.",
        "en": "{id} does not read as a protocol; run brotui check {id}.",
    },
    "col_part": {"sv": "Del", "en": "Part"},
    "diff_unreadable": {
        "sv": "En av versionerna av {id} går inte att läsa som protokoll; här är radvis diff.",
        "en": "One version of {id} does not read as a protocol; here is the line diff.",
    },
    # --- search ---------------------------------------------------------------
    "col_hit": {"sv": "Träff", "en": "Hit"},
    "col_change": {"sv": "Ändring", "en": "Change"},
    # --- bad files (corpus) -------------------------------------------------------
    "symlink_folder": {
        "sv": "{link} är en symbolisk länk (till {target}); brotui följer inte länkar.",
        "en": "{link} is a symbolic link (to {target}); brotui does not follow links.",
    },
    "err_not_shown": {
        "sv": "{where} kan inte visas som protokoll: {count} fel. brotui show {id} --format yaml skriver ut filen som den är.",
        "en": "{where} cannot be shown as minutes: {count:error|errors}. brotui show {id} --format yaml prints the file as it is.",
    },
    # --- restore, delete, rename, archive activity ----------------------------
    "err_log_filters": {
        "sv": "--author, --council, --since, --until och --deleted hör till brotui log utan id (arkivets aktivitet).",
        "en": "--author, --council, --since, --until and --deleted go with brotui log without an id (the archive's activity).",
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
    "change_deleted": {"sv": "borttaget", "en": "deleted"},
    "col_last_revision": {"sv": "Senaste version", "en": "Last version"},
    # --- over SSH: keys and restricted mode ---------------------------------
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
}

register(MESSAGES, "cli")
