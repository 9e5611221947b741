"""The sentences of export, import, attach/detach, sync and hook on the command line, in
Swedish and English.

Kept beside the commands that say them (as brotui.core.attachments.messages is), in the
shape of brotui.i18n's catalogue ({id: {"sv", "en"}}), said by `say` in brotui's current
language, or in `lang` (a commit message in the archive's language).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ---- attach, detach, attachments
    "attach_done": {
        "sv": "Bifogade {name} ({kind}, {size}) till {id}, nämnd i {items}: commit {commit}.",
        "en": "Attached {name} ({kind}, {size}) to {id}, named in {items}: commit {commit}.",
    },
    "attach_replaced": {
        "sv": "Ersatte {name} ({kind}, {size}) i {id}, nämnd i {items}: commit {commit}.",
        "en": "Replaced {name} ({kind}, {size}) in {id}, named in {items}: commit {commit}.",
    },
    "attach_unchanged": {
        "sv": "{id} har redan {name} precis så; inget sparades.",
        "en": "{id} already has {name} exactly so; nothing was saved.",
    },
    "attach_stdin_needs_name": {
        "sv": "Ange --name NAMN när filen kommer från standard input (-).",
        "en": "Give --name NAME when the file comes from standard input (-).",
    },
    "detach_done": {
        "sv": "Tog bort {name} ({size}) från {id}: commit {commit}. Den finns kvar i historiken.",
        "en": "Removed {name} ({size}) from {id}: commit {commit}. It stays in the history.",
    },
    "attachments_none": {
        "sv": "{id} har inga bilagor.",
        "en": "{id} has no attachments.",
    },
    "col_name": {"sv": "NAMN", "en": "NAME"},
    "col_kind": {"sv": "TYP", "en": "TYPE"},
    "col_size": {"sv": "STORLEK", "en": "SIZE"},
    "col_items": {"sv": "PUNKTER", "en": "ITEMS"},
    "col_added_by": {"sv": "BIFOGAD AV", "en": "ADDED BY"},
    # ---- export
    "export_what": {
        "sv": "Ange ett protokoll (brotui export ID --format F) eller flera (--council RÅD "
              "och/eller --year ÅÅÅÅ, med -o MAPP).",
        "en": "Give one protocol (brotui export ID --format F) or many (--council COUNCIL "
              "and/or --year YYYY, with -o FOLDER).",
    },
    "export_one_or_many": {
        "sv": "Ange antingen ett ID eller --council/--year/--state/--with-attachments, inte "
              "båda.",
        "en": "Give either an ID or --council/--year/--state/--with-attachments, not both.",
    },
    "export_broken": {
        "sv": "{path} kan inte exporteras: filen har {count} fel (se brotui check).",
        "en": "{path} cannot be exported: the file has {count} error(s) (see brotui check).",
    },
    "export_written": {
        "sv": "Exporterade {id} (version {rev}) till {path}",
        "en": "Exported {id} (revision {rev}) to {path}",
    },
    "export_many_needs_folder": {
        "sv": "Ange mappen att skriva till med -o MAPP.",
        "en": "Give the folder to write to with -o FOLDER.",
    },
    "export_none_chosen": {
        "sv": "Inga protokoll passar --council/--year/--state; inget skrevs.",
        "en": "No protocol matches --council/--year/--state; nothing was written.",
    },
    "export_progress": {
        "sv": "[{done}/{total}] {id}: {action}",
        "en": "[{done}/{total}] {id}: {action}",
    },
    "export_action_written": {"sv": "skriven", "en": "written"},
    "export_action_unchanged": {"sv": "oförändrad", "en": "unchanged"},
    "export_action_refused": {"sv": "vägrad", "en": "refused"},
    "export_refused": {
        "sv": "{id} exporterades inte: {reason}",
        "en": "{id} was not exported: {reason}",
    },
    "export_many_done": {
        "sv": "{written} skrivna, {unchanged} oförändrade, {refused} vägrade, {copied} "
              "bilagor kopierade; index: {index}",
        "en": "{written} written, {unchanged} unchanged, {refused} refused, {copied} "
              "attachments copied; index: {index}",
    },
    "check_public_found": {
        "sv": "{count} uppgift(er) skulle publiceras i en offentlig version. Markera dem med "
              "[[dolt: …]].",
        "en": "{count} thing(s) would be published in a public copy. Mark them with "
              "[[dolt: …]].",
    },
    "check_public_clean": {
        "sv": "{count} protokoll: inget i dem skulle läcka i en offentlig version.",
        "en": "{count} protocol(s): nothing in them would leak in a public copy.",
    },
    # ---- import
    "import_bad_council": {
        "sv": "--council {slug}: ett råds kortnamn är små bokstäver a–z, siffror och "
              "bindestreck (hagersten-liljeholmen).",
        "en": "--council {slug}: a council's slug is lower-case letters a-z, digits and "
              "hyphens (hagersten-liljeholmen).",
    },
    "import_no_id": {
        "sv": "protokollets råd eller datum hittades inte, så det får inget ID; ange "
              "--council RÅD (och se rapporten med --dry-run). Inget skrevs.",
        "en": "the minutes' council or date was not found, so they get no id; give "
              "--council COUNCIL (and see the report with --dry-run). Nothing was written.",
    },
    "import_invalid": {
        "sv": "det importerade protokollet har {count} fel; inget skrevs. Rätta källan, "
              "eller importera med --dry-run, rätta YAML-texten och spara med brotui put.",
        "en": "the imported minutes have {count} error(s); nothing was written. Fix the "
              "source, or import with --dry-run, fix the YAML and save it with brotui put.",
    },
    "import_exists": {
        "sv": "{id} finns redan i arkivet; det skrivs inte över (jämför med brotui show "
              "{id}). Inget skrevs.",
        "en": "{id} exists in the archive already; it is not overwritten (compare with "
              "brotui show {id}). Nothing was written.",
    },
    "import_done": {
        "sv": "Importerade {source} som {id}: commit {commit}.",
        "en": "Imported {source} as {id}: commit {commit}.",
    },
    "import_would_write": {
        "sv": "Skulle spara {id} så här (--dry-run: inget skrevs):",
        "en": "Would save {id} as follows (--dry-run: nothing was written):",
    },
    "import_refused": {
        "sv": "{source}: {reason}",
        "en": "{source}: {reason}",
    },
    "import_progress": {
        "sv": "[{done}/{total}] {source}",
        "en": "[{done}/{total}] {source}",
    },
    "import_stream_too_large": {
        "sv": "Filen är större än {limit} MB, det mesta en import läser; inget skrevs.",
        "en": "The file is larger than {limit} MB, the most an import reads; nothing was "
              "written.",
    },
    "import_kept_for_tui": {
        "sv": "{source}: väntar i brotui ({id}). Öppna brotui och tryck Ctrl+B för att se vad som "
              "hittades bredvid källan och rätta protokollet innan det sparas första gången.",
        "en": "{source}: waiting in brotui ({id}). Open brotui and press Ctrl+B to see what was "
              "found beside the source and fix the minutes before their first save.",
    },
    "import_result_waiting": {"sv": "väntar i brotui", "en": "waiting in brotui"},
    "import_result_imported": {"sv": "importerad", "en": "imported"},
    "import_result_dry_run": {"sv": "provkörd", "en": "dry run"},
    "import_result_refused": {"sv": "vägrad", "en": "refused"},
    "import_result_conflict": {"sv": "finns redan", "en": "exists"},
    "col_file": {"sv": "FIL", "en": "FILE"},
    "col_found": {"sv": "FÄLT", "en": "FIELDS"},
    "col_problems": {"sv": "PROBLEM", "en": "PROBLEMS"},
    "col_result": {"sv": "RESULTAT", "en": "RESULT"},
    # ---- sync and hook
    "sync_pushed": {
        "sv": "Skickat till den centrala servern ({remote}).",
        "en": "Sent to the central server ({remote}).",
    },
    "sync_queued": {
        "sv": "Sparat här, men ännu inte på den centrala servern (sparningar som väntar: "
              "{count}): "
              "{reason} Det skickas vid nästa sparning eller med brotui sync.",
        "en": "Saved here, but not yet on the central server (saves waiting: {count}): "
              "{reason} It is sent with the next save or by brotui sync.",
    },
    "hook_not_bare": {
        "sv": "{path} är inget git-arkiv utan arbetskopia (inga objects/ och refs/ där). "
              "Ange det centrala arkivets mapp, t.ex. /srv/git/protokoll.git.",
        "en": "{path} is not a bare git repository (no objects/ and refs/ there). Give the "
              "central repository's folder, e.g. /srv/git/minutes.git.",
    },
    "hook_installed": {
        "sv": "Installerade kontrollen: {path} kör brotui hook pre-receive vid varje push.",
        "en": "Installed the check: {path} runs brotui hook pre-receive on every push.",
    },
}


def say(key: str, lang: str | None = None, **values: object) -> str:
    """The sentence `key` in `lang` (default: brotui's current language), filled in."""
    if lang is None:
        from brotui.i18n import language

        lang = language()
    text = MESSAGES[key]["sv" if lang == "sv" else "en"]
    return text.format(**values) if values else text
