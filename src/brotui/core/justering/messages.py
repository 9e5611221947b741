"""Justering's own sentences, in Swedish and English.

Kept beside the code that says them, as brotui.core.attachments.messages does;
`MESSAGES` has the catalogue's shape ({id: {"sv", "en"}}) so it can be registered into
it as it is. Sentences for people use brotui's current language; commit messages and
tags the archive's (`lang=archive.language`).
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # ---- states and roles
    "state_draft": {"sv": "utkast", "en": "draft"},
    "state_review": {"sv": "för justering", "en": "for approval"},
    "state_approved": {"sv": "justerat", "en": "approved"},
    "role_chair": {"sv": "ordförande", "en": "chair"},
    "role_adjuster": {"sv": "justerare", "en": "adjuster"},
    "state_signed_missing": {
        "sv": "signerat: {signed}; saknas: {missing}",
        "en": "signed: {signed}; missing: {missing}",
    },
    "state_approved_on": {"sv": "justerat {date}", "en": "approved {date}"},
    "late_mark": {"sv": "mer än 14 dagar efter mötet", "en": "over 14 days after the meeting"},
    "label_plan": {"sv": "Justering planerad", "en": "Approval planned"},
    "label_signatures": {"sv": "Underskrifter", "en": "Signatures"},
    "label_corrections": {"sv": "Rättelser", "en": "Corrections"},
    "nobody": {"sv": "ingen", "en": "nobody"},
    # ---- validation (a problem with its field)
    "late_review": {
        "sv": "Protokollet har väntat på justering i mer än 14 dagar sedan mötet ({date}).",
        "en": "The minutes have waited for approval more than 14 days since the meeting "
              "({date}).",
    },
    # ---- refusals
    "locked": {
        "sv": "{id} är justerat och kan inte ändras som vanligt. En rättelse görs med "
              "brotui correct {id} --reason \"varför\" (med den rättade texten på stdin "
              "eller --file).",
        "en": "{id} is approved and cannot be changed like other minutes. Correct it with "
              "brotui correct {id} --reason \"why\" (the corrected text on stdin or --file).",
    },
    "locked_item": {
        "sv": "§ {number} i {id} är justerad omedelbart och kan inte ändras som vanligt; "
              "en rättelse görs med brotui correct {id} --reason \"varför\".",
        "en": "§ {number} of {id} was approved at once and cannot be changed like the rest; "
              "correct it with brotui correct {id} --reason \"why\".",
    },
    "approve_by_signing": {
        "sv": "{id} blir justerat när ordförande och justerare har signerat det (brotui sign "
              "{id}), inte genom att status sätts till approved; inget skrevs.",
        "en": "{id} becomes approved when the chair and adjusters have signed it (brotui sign "
              "{id}), not by setting its status to approved; nothing was written.",
    },
    "not_in_review": {
        "sv": "{id} är inte skickat för justering ({state}); skicka det först: brotui review {id}.",
        "en": "{id} is not sent for approval ({state}); send it first: brotui review {id}.",
    },
    "already_review": {
        "sv": "{id} är redan skickat för justering.",
        "en": "{id} is already sent for approval.",
    },
    "review_approved": {
        "sv": "{id} är redan justerat.",
        "en": "{id} is already approved.",
    },
    "not_a_signer": {
        "sv": "{name} är varken ordförande eller justerare i {id} (som ska signera: {signers}); "
              "inget skrevs.",
        "en": "{name} is neither chair nor adjuster of {id} (who signs: {signers}); "
              "nothing was written.",
    },
    "signed_already": {
        "sv": "{name} har redan signerat den här texten av {id} ({content}); inget skrevs.",
        "en": "{name} has already signed this text of {id} ({content}); nothing was written.",
    },
    "content_changed": {
        "sv": "Texten i {id} har ändrats sedan {seen} ({changes}). Läs den nya texten och "
              "signera den: brotui sign {id} --content {content}",
        "en": "The text of {id} has changed since {seen} ({changes}). Read the new text and "
              "sign it: brotui sign {id} --content {content}",
    },
    "seen_signature": {"sv": "din förra underskrift", "en": "your earlier signature"},
    "seen_review": {"sv": "det skickades för justering", "en": "it was sent for approval"},
    "no_such_item": {
        "sv": "{id} har ingen § {number}.",
        "en": "{id} has no § {number}.",
    },
    "nothing_to_sign": {
        "sv": "{id} är justerat och ingen rättelse väntar på {name}s underskrift; inget skrevs.",
        "en": "{id} is approved and no correction awaits {name}'s signature; nothing was "
              "written.",
    },
    "not_approved": {
        "sv": "{id} är inte justerat ({state}): ändra det som vanligt (brotui put).",
        "en": "{id} is not approved ({state}): change it as usual (brotui put).",
    },
    "need_reason": {
        "sv": "En rättelse behöver ett skäl: --reason \"varför\".",
        "en": "A correction needs a reason: --reason \"why\".",
    },
    "no_change": {
        "sv": "Den rättade texten är densamma som den justerade; inget skrevs.",
        "en": "The corrected text is the same as the approved one; nothing was written.",
    },
    "tag_failed": {
        "sv": "Justeringen sparades ({commit}), men taggen {tag} kunde inte göras: {reason}",
        "en": "The approval was saved ({commit}), but the tag {tag} could not be made: {reason}",
    },
    # ---- what the commands say
    "sent": {"sv": "{id} är skickat för justering ({commit}). Ska signera: {signers}.",
             "en": "{id} is sent for approval ({commit}). To sign: {signers}."},
    "signed": {"sv": "{name} signerade {id} som {role} ({commit}).",
               "en": "{name} signed {id} as {role} ({commit})."},
    "signed_item": {"sv": "{name} signerade § {number} i {id} som {role} ({commit}).",
                    "en": "{name} signed § {number} of {id} as {role} ({commit})."},
    "now_approved": {"sv": "{id} är justerat; taggen {tag} markerar det.",
                     "en": "{id} is approved; the tag {tag} marks it."},
    "still_missing": {"sv": "Saknas: {missing}.", "en": "Missing: {missing}."},
    "corrected": {"sv": "Rättelsen av {id} är sparad ({commit}).",
                  "en": "The correction of {id} is saved ({commit})."},
    "resign_needed": {"sv": "Rättelsen ska signeras av: {signers} (brotui sign {id}).",
                      "en": "The correction is to be signed by: {signers} (brotui sign {id})."},
    "verified": {"sv": "{id}: justerat, {count} underskrifter stämmer{tag}.",
                 "en": "{id}: approved, {count} signatures check out{tag}."},
    "verified_tag": {"sv": ", taggen {tag} är verifierad", "en": ", the tag {tag} verifies"},
    "verified_tag_plain": {"sv": ", taggen {tag} finns (osignerad)",
                           "en": ", the tag {tag} is there (unsigned)"},
    "verify_none": {"sv": "Inga justerade protokoll att kontrollera.",
                    "en": "No approved minutes to check."},
    "verify_failed": {"sv": "{id}: {reason}", "en": "{id}: {reason}"},
    "verify_summary": {"sv": "{failed} av {count} justerade protokoll håller inte.",
                       "en": "{failed} of {count} approved minutes do not check out."},
    "pdf_is": {"sv": "{file}: {id}, version {revision} ({view}).",
               "en": "{file}: {id}, revision {revision} ({view})."},
    "pdf_unsaved": {"sv": "{file}: {id}, en text som inte var sparad ({view}).",
                    "en": "{file}: {id}, a text that was not saved ({view})."},
    "pdf_not_in_archive": {"sv": "Versionen {revision} finns inte i arkivet.",
                           "en": "The revision {revision} is not in the archive."},
    "pdf_not_this": {"sv": "Versionen {revision} i arkivet har inte {id}.",
                     "en": "The revision {revision} in the archive does not hold {id}."},
    "pdf_in_archive": {"sv": "Versionen finns i arkivet; protokollet var då {state}.",
                       "en": "The revision is in the archive; the minutes were {state} then."},
    "pdf_now": {"sv": "Nu är det {state}.", "en": "Now they are {state}."},
    "pdf_yaml_differs": {
        "sv": "Den inbäddade texten är inte protokollet i den versionen.",
        "en": "The embedded text is not the minutes at that revision."},
    "pdf_yaml_same": {"sv": "Den inbäddade texten är protokollet i den versionen.",
                      "en": "The embedded text is the minutes at that revision."},
    # ---- verify's reasons
    "v_no_signature": {
        "sv": "{role} {name} har ingen giltig underskrift på den justerade texten",
        "en": "{role} {name} has no valid signature on the approved text",
    },
    "v_wrong_author": {
        "sv": "underskriften för {name} ({role}) i {commit} gjordes av {author}, inte av {name}",
        "en": "the signature for {name} ({role}) in {commit} was made by {author}, not by {name}",
    },
    "v_not_named": {
        "sv": "underskriften i {commit} är av {name}, som inte är ordförande eller justerare",
        "en": "the signature in {commit} is by {name}, who is not chair or adjuster",
    },
    "v_old_text": {
        "sv": "underskriften av {name} i {commit} gäller en äldre text ({signed}), inte "
              "den som fanns då ({content})",
        "en": "the signature by {name} in {commit} is on an older text ({signed}), not the "
              "one there then ({content})",
    },
    "v_not_only_signature": {
        "sv": "underskriften av {name} i {commit} ändrade mer än underskrifterna",
        "en": "the signature by {name} in {commit} changed more than the signatures",
    },
    "v_trailers": {
        "sv": "underskriften av {name} i {commit} saknar eller har fel Signed-content/"
              "Signed-role i commit-meddelandet",
        "en": "the signature by {name} in {commit} lacks or has wrong Signed-content/"
              "Signed-role trailers",
    },
    "v_changed": {
        "sv": "{commit} av {author} ändrade det justerade protokollet utan rättelse",
        "en": "{commit} by {author} changed the approved minutes without a correction",
    },
    "v_records_rewritten": {
        "sv": "{commit} av {author} skrev om underskrifter eller rättelser",
        "en": "{commit} by {author} rewrote signatures or corrections",
    },
    "v_approved_without": {
        "sv": "{commit} av {author} satte status approved utan alla underskrifter",
        "en": "{commit} by {author} set status approved without every signature",
    },
    "v_no_tag": {"sv": "taggen {tag} saknas", "en": "the tag {tag} is missing"},
    "v_tag_elsewhere": {
        "sv": "taggen {tag} pekar inte på justeringens commit {commit}",
        "en": "the tag {tag} does not point at the approval's commit {commit}",
    },
    "v_tag_bad": {"sv": "taggens underskrift håller inte: {reason}",
                  "en": "the tag's signature does not verify: {reason}"},
    "v_tag_unsigned": {
        "sv": "taggen {tag} är inte signerad fast arkivet har en signeringsnyckel",
        "en": "the tag {tag} is not signed although the archive has a signing key",
    },
    "v_resign_missing": {
        "sv": "rättelse {number} väntar på underskrift av {names}",
        "en": "correction {number} awaits the signature of {names}",
    },
    # ---- the central server's rule (core/hook.py)
    "approved_signatures_rewritten": {
        "sv": "underskrifterna i ett justerat protokoll får bara fyllas på, aldrig skrivas om",
        "en": "the signatures of approved minutes may only grow, never be rewritten",
    },
    "approved_unapproved": {
        "sv": "ett justerat protokoll kan inte gå tillbaka till utkast eller för justering",
        "en": "approved minutes cannot go back to draft or review",
    },
    "approved_many_corrections": {
        "sv": "en ändring av ett justerat protokoll får lägga till en rättelse, inte flera",
        "en": "a change to approved minutes may add one correction, not several",
    },
    # ---- commit messages and tags (the archive's language)
    "commit_review": {"sv": "{id}: skickat för justering", "en": "{id}: sent for approval"},
    "commit_sign": {"sv": "{id}: signerat av {name} ({role})",
                    "en": "{id}: signed by {name} ({role})"},
    "commit_sign_item": {"sv": "{id}: § {number} signerad av {name} ({role})",
                         "en": "{id}: § {number} signed by {name} ({role})"},
    "commit_approved": {"sv": "Protokollet är därmed justerat.",
                        "en": "The minutes are thereby approved."},
    "commit_correct": {"sv": "{id}: rättelse", "en": "{id}: correction"},
    "commit_reason": {"sv": "Skäl: {reason}", "en": "Reason: {reason}"},
    "tag_message": {"sv": "{id} justerat av {names}", "en": "{id} approved by {names}"},
}


def say(key: str, lang: str | None = None, /, **values: Any) -> str:
    """The sentence `key` in `lang` (default: brotui's current language)."""
    if lang is None:
        from brotui.i18n import language

        lang = language()
    text = MESSAGES[key]["sv" if lang == "sv" else "en"]
    return text.format(**values) if values else text
