"""The terminal UI's sentences of the record's way in and through: justering (review,
sign, correct) and import (Ctrl+B in the list). Part of the TUI's one catalogue
(registered by `brotui.tui.messages`)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- justering (issue 14) ----------------------------------------------
    "key_state_filter": {"sv": "Tillstånd", "en": "State"},
    "tui_showing_state": {"sv": "visar: {state}", "en": "showing: {state}"},
    "key_review": {"sv": "Till justering", "en": "For approval"},
    "key_sign": {"sv": "Signera", "en": "Sign"},
    "tui_review_title": {"sv": "Skicka {id} för justering?", "en": "Send {id} for approval?"},
    "tui_review_question": {
        "sv": "Protokollet blir ”för justering” i en commit i ditt namn. Dessa ska signera: {signers}. Texten ändras sedan bara genom att de signerar.",
        "en": "The minutes become ”for approval” in a commit in your name. These are to sign: {signers}. After that the text changes only as they sign.",
    },
    "tui_reviewed": {
        "sv": "{id} är skickat för justering. Saknas: {missing}.",
        "en": "{id} is sent for approval. Missing: {missing}.",
    },
    "tui_sign_title": {"sv": "Signera {id}?", "en": "Sign {id}?"},
    "tui_sign_question": {
        "sv": "Du signerar som {name} ({role}), i en commit i ditt namn. Det du signerar är protokollets text med innehålls-id {content}.",
        "en": "You sign as {name} ({role}), in a commit in your name. What you sign is the text of the minutes with content id {content}.",
    },
    "tui_sign_changed": {
        "sv": "Texten har ändrats sedan du såg den senast (när den skickades för justering eller när du signerade):",
        "en": "The text has changed since you last saw it (when it was sent for approval or when you signed):",
    },
    "tui_signed": {
        "sv": "Signerade {id} som {name} ({role}) i {commit}. Saknas: {missing}.",
        "en": "Signed {id} as {name} ({role}) in {commit}. Missing: {missing}.",
    },
    "tui_signed_approved": {
        "sv": "Signerade {id} som {name} ({role}) i {commit}. Protokollet är justerat (taggen {tag}).",
        "en": "Signed {id} as {name} ({role}) in {commit}. The minutes are approved (the tag {tag}).",
    },
    "key_correct": {"sv": "Rättelse", "en": "Correct"},
    "tui_locked": {
        "sv": "{id} är justerat och kan inte ändras som vanligt; en rättelse görs med c (Rättelse), med ett skäl.",
        "en": "{id} is approved and cannot be changed like other minutes; correct it with c (Correct), giving a reason.",
    },
    "key_sign_item": {"sv": "Justera punkt", "en": "Sign an item"},
    "tui_prompt_empty": {"sv": "Skriv något först.", "en": "Type something first."},
    "tui_correct_opened": {
        "sv": "Rättelse av {id}: ändra det som är fel och spara med ctrl+s; skälet frågas efter sedan.",
        "en": "Correcting {id}: change what is wrong and save with ctrl+s; the reason is asked for then.",
    },
    "tui_correct_title": {"sv": "Rättelse av {id}", "en": "Correction of {id}"},
    "tui_correct_question": {
        "sv": "Rättelsen blir en egen commit i ditt namn och skrivs in i protokollet med dagens datum, ditt namn och skälet. Detta ändras:",
        "en": "The correction becomes a commit of its own in your name and is recorded in the minutes with today's date, your name and the reason. This changes:",
    },
    "tui_correct_reason": {"sv": "Skäl till rättelsen:", "en": "Reason for the correction:"},
    "tui_correct_save": {"sv": "Spara rättelsen", "en": "Save the correction"},
    "tui_corrected": {
        "sv": "Rättade {id} i {commit}.",
        "en": "Corrected {id} in {commit}.",
    },
    "tui_item_title": {"sv": "Justera en punkt i {id} omedelbart", "en": "Sign one item of {id} at once"},
    "tui_item_question": {
        "sv": "En punkt kan justeras direkt på mötet; den kan sedan inte ändras som vanligt. Punkter: {numbers}.",
        "en": "An item can be signed at once at the meeting; after that it cannot be changed like the rest. Items: {numbers}.",
    },
    "tui_item_label": {"sv": "Punktens nummer:", "en": "The item's number:"},
    "tui_item_next": {"sv": "Vidare", "en": "Next"},
    "tui_item_not_a_number": {
        "sv": "{answer} är inget av punkternas nummer ({numbers}).",
        "en": "{answer} is none of the items' numbers ({numbers}).",
    },
    "tui_sign_item_title": {"sv": "Signera § {number} i {id}?", "en": "Sign § {number} of {id}?"},
    "tui_sign_item_question": {
        "sv": "Du signerar § {number} ({title}) som {name} ({role}), i en commit i ditt namn. Det du signerar är punktens text med innehålls-id {content}.",
        "en": "You sign § {number} ({title}) as {name} ({role}), in a commit in your name. What you sign is the item's text with content id {content}.",
    },
    "tui_signed_item": {
        "sv": "Signerade § {number} i {id} som {name} ({role}) i {commit}.",
        "en": "Signed § {number} of {id} as {name} ({role}) in {commit}.",
    },
    "tui_mark_signature": {"sv": "[underskrift]", "en": "[signature]"},
    "tui_mark_correction": {"sv": "[rättelse]", "en": "[correction]"},
    # --- import (ctrl+b in the list) ---------------------------------------
    "key_import": {"sv": "Importera", "en": "Import"},
    "key_import_edit": {"sv": "Redigera och spara", "en": "Edit and save"},
    "key_import_discard": {"sv": "Släng", "en": "Discard"},
    "tui_import_heading": {
        "sv": "Filer som väntar på import: välj en för att se vad som hittades i den.",
        "en": "Files waiting to be imported: choose one to see what was found in it.",
    },
    "tui_import_none": {
        "sv": "Inga filer väntar. Skicka en med: ssh … import NAMN --edit < fil",
        "en": "No files are waiting. Send one with: ssh … import NAME --edit < file",
    },
    "tui_import_none_path": {
        "sv": "Inga filer väntar. Skriv sökvägen till en fil på servern (Word, PDF, text) "
              "och tryck Enter, eller skicka en med: brotui import FIL --edit",
        "en": "No files are waiting. Type the path of a file on the server (Word, PDF, "
              "text) and press Enter, or send one with: brotui import FILE --edit",
    },
    "tui_import_path": {"sv": "Fil på servern…", "en": "File on the server…"},
    "tui_import_row": {"sv": "{name} ({size})", "en": "{name} ({size})"},
    "tui_import_reading": {"sv": "Importerar {name}…", "en": "Importing {name}…"},
    "tui_import_unreadable": {
        "sv": "{path} kan inte läsas: {reason}", "en": "{path} cannot be read: {reason}",
    },
    "tui_import_gone": {
        "sv": "{name} väntar inte längre (sparad eller slängd i en annan session).",
        "en": "{name} is no longer waiting (saved or discarded in another session).",
    },
    "tui_import_ready": {
        "sv": "Blir {id}. Källan till vänster, vad som hittades och var till höger; "
              "e öppnar protokollet för att rätta det innan det sparas.",
        "en": "Becomes {id}. The source on the left, what was found and where on the "
              "right; e opens the minutes to fix them before they are saved.",
    },
    "tui_import_taken": {
        "sv": "{id} finns redan: en import skriver aldrig över ett protokoll.",
        "en": "{id} exists already: an import never writes over minutes.",
    },
    "tui_import_no_id": {
        "sv": "Inget datum hittades: protokollet får inget id och kan inte sparas.",
        "en": "No date was found: the minutes get no id and cannot be saved.",
    },
    "tui_import_discard_title": {"sv": "Släng {name}?", "en": "Discard {name}?"},
    "tui_import_discard_question": {
        "sv": "Filen tas bort från listan över filer som väntar. Inget har sparats i arkivet.",
        "en": "The file leaves the list of waiting files. Nothing was saved in the archive.",
    },
}
