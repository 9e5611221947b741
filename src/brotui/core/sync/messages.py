"""The sentences of sync, the central server's check and the access file, in Swedish and
English.

Kept beside the code that says them until brotui.i18n's catalogue is split by owner;
`MESSAGES` has that catalogue's shape ({id: {"sv": ..., "en": ...}}) so it can be
registered into it as it is. `say(id, lang, **values)` looks one up (lang None: the
program's language); where `count` is 1 and an `<id>_one` exists, that is taken.
"""

from __future__ import annotations

from brotui.i18n import Msg, MsgId, language
from brotui.i18n import register as _register

MESSAGES: dict[str, dict[str, str]] = {
    # ---- settings (.brotui.yaml)
    "settings_remote_type": {
        "sv": "remote i .brotui.yaml ska vara namnet på en git-remote eller en adress; "
              "synkningen är avstängd tills det är rättat.",
        "en": "remote in .brotui.yaml must be a git remote's name or a URL; sync is off "
              "until it is fixed.",
    },
    "settings_remote_bad": {
        "sv": "remote i .brotui.yaml kan inte användas: {value} (den får inte börja med - "
              "eller innehålla styrtecken); synkningen är avstängd tills det är rättat.",
        "en": "remote in .brotui.yaml cannot be used: {value} (it may not start with - or "
              "hold control characters); sync is off until it is fixed.",
    },
    "settings_sync_bad": {
        "sv": "sync i .brotui.yaml ska vara on-save eller manual, inte {value}; on-save används.",
        "en": "sync in .brotui.yaml must be on-save or manual, not {value}; on-save is used.",
    },
    "settings_interval_bad": {
        "sv": "interval i .brotui.yaml ska vara ett antal sekunder från 1 till {limit}, inte "
              "{value}; 60 används.",
        "en": "interval in .brotui.yaml must be a number of seconds from 1 to {limit}, not "
              "{value}; 60 is used.",
    },
    "settings_timeout_bad": {
        "sv": "timeout i .brotui.yaml ska vara ett antal sekunder från 1 till {limit}, inte "
              "{value}; 20 används.",
        "en": "timeout in .brotui.yaml must be a number of seconds from 1 to {limit}, not "
              "{value}; 20 is used.",
    },
    "settings_branch_bad": {
        "sv": "branch i .brotui.yaml är inget giltigt grennamn: {value}.",
        "en": "branch in .brotui.yaml is not a valid branch name: {value}.",
    },
    "settings_unreadable": {
        "sv": ".brotui.yaml går inte att läsa som YAML (rad {line}).",
        "en": ".brotui.yaml does not read as YAML (line {line}).",
    },
    "settings_not_map": {
        "sv": ".brotui.yaml ska vara en samling inställningar (nyckel: värde).",
        "en": ".brotui.yaml must be a set of settings (key: value).",
    },
    # ---- talking to the central server
    "sync_unreachable": {
        "sv": "Centralservern {remote} kunde inte nås ({reason}); sparningarna väntar här "
              "och skickas när den svarar.",
        "en": "The central server {remote} could not be reached ({reason}); the saves wait "
              "here and are sent when it answers.",
    },
    "sync_timeout": {
        "sv": "Centralservern {remote} svarade inte inom {seconds} s; sparningarna väntar "
              "här och skickas när den svarar.",
        "en": "The central server {remote} did not answer within {seconds} s; the saves wait "
              "here and are sent when it answers.",
    },
    "sync_auth": {
        "sv": "Centralservern {remote} släppte inte in detta arkiv ({reason}): be den som "
              "sköter servern se över inloggningen. Sparningarna väntar här.",
        "en": "The central server {remote} did not let this archive in ({reason}): ask "
              "whoever runs the server to check the login. The saves wait here.",
    },
    "sync_refused": {
        "sv": "Centralservern {remote} tog inte emot sparningarna ({reason}); se skälen "
              "nedan. De finns kvar här.",
        "en": "The central server {remote} refused the saves ({reason}); see its reasons "
              "below. They are kept here.",
    },
    "sync_failed": {
        "sv": "Synkningen med {remote} misslyckades: {reason}. Sparningarna väntar här.",
        "en": "Sync with {remote} failed: {reason}. The saves wait here.",
    },
    "sync_rewritten": {
        "sv": "Grenen {branch} på centralservern {remote} innehåller inte längre {commit} "
              "som detta arkiv hämtat: dess historik har skrivits om. Inget har ändrats "
              "här; den som sköter servern behöver återställa grenen.",
        "en": "The branch {branch} on the central server {remote} no longer holds {commit}, "
              "which this archive had fetched: its history was rewritten. Nothing was "
              "changed here; whoever runs the server needs to restore the branch.",
    },
    "sync_diverged": {
        "sv": "Grenen {branch} på centralservern {remote} har ingen gemensam historik med "
              "detta arkiv; inget sammanfogades.",
        "en": "The branch {branch} on the central server {remote} shares no history with "
              "this archive; nothing was merged.",
    },
    "sync_rejected": {
        "sv": "Centralservern {remote} fick nya ändringar varje gång ({count} försök); "
              "sparningarna väntar här och skickas vid nästa synkning.",
        "en": "The central server {remote} had new changes each time ({count} tries); the "
              "saves wait here and are sent at the next sync.",
    },
    "sync_busy": {
        "sv": "Arkivet ändrades hela tiden under synkningen; försök igen om en stund.",
        "en": "The archive kept changing during the sync; try again in a moment.",
    },
    "sync_detached": {
        "sv": "Arkivet har ingen gren utcheckad (en enskild version är det): inget synkas.",
        "en": "The archive has no branch checked out (a single revision is): nothing is "
              "synced.",
    },
    "worktree_not_file": {
        "sv": "{path} är ingen vanlig fil och skrevs inte i arbetskatalogen.",
        "en": "{path} is not a plain file and was not written in the work tree.",
    },
    # ---- the merge commit (in the archive's language)
    "merge_subject": {
        "sv": "Synkat med centralserverns {branch}",
        "en": "Synced with the central server's {branch}",
    },
    "merge_body_taken": {
        "sv": "{count} filer från detta arkiv och centralservern tillsammans",
        "en": "{count} files from this archive and the central server together",
    },
    "merge_body_taken_one": {
        "sv": "1 fil från detta arkiv och centralservern tillsammans",
        "en": "1 file from this archive and the central server together",
    },
    "merge_body_merged": {
        "sv": "Sammanfogat fält för fält: {id}",
        "en": "Merged field by field: {id}",
    },
    "merge_body_conflict": {
        "sv": "Konflikt, centralserverns version behölls: {path}",
        "en": "Conflict, the central server's version kept: {path}",
    },
    "merge_body_nothing": {
        "sv": "Inga filer ändrades av båda.",
        "en": "No file was changed by both.",
    },
    # ---- what a sync did (brotui sync)
    "report_busy": {
        "sv": "En synkning pågår redan; den tar med dessa sparningar.",
        "en": "A sync is already under way; it takes these saves too.",
    },
    "report_fast_forward": {
        "sv": "Hämtade {count} ändringar från centralservern.",
        "en": "Brought in {count} changes from the central server.",
    },
    "report_fast_forward_one": {
        "sv": "Hämtade 1 ändring från centralservern.",
        "en": "Brought in 1 change from the central server.",
    },
    "report_merge": {
        "sv": "Sammanfogade {count} ändringar från centralservern med detta arkivs "
              "({merged} protokoll fält för fält).",
        "en": "Merged {count} changes from the central server with this archive's "
              "({merged} minutes field by field).",
    },
    "report_conflict": {
        "sv": "Konflikt i {path}: båda ändrade samma sak. Centralserverns version gäller; "
              "ändringarna från {people} finns sparade och visas för dem att lösa.",
        "en": "Conflict in {path}: both changed the same thing. The central server's "
              "version stands; the changes by {people} are kept and shown to them to "
              "resolve.",
    },
    "report_pushed": {
        "sv": "Skickade {count} sparningar till {remote}.",
        "en": "Sent {count} saves to {remote}.",
    },
    "report_tags_pushed": {
        "sv": "Skickade {count} justeringstaggar till {remote}: {tags}.",
        "en": "Sent {count} justering tags to {remote}: {tags}.",
    },
    "report_tags_pushed_one": {
        "sv": "Skickade justeringstaggen {tags} till {remote}.",
        "en": "Sent the justering tag {tags} to {remote}.",
    },
    "report_tags_fetched": {
        "sv": "Hämtade {count} justeringstaggar: {tags}.",
        "en": "Fetched {count} justering tags: {tags}.",
    },
    "report_tags_fetched_one": {
        "sv": "Hämtade justeringstaggen {tags}.",
        "en": "Fetched the justering tag {tags}.",
    },
    "report_tag_clash": {
        "sv": "Taggen {tag} finns här och på {remote} men pekar på olika saker; ingen av "
              "dem ändras (jämför med git show {tag}).",
        "en": "The tag {tag} is here and on {remote} but they differ; neither is changed "
              "(compare with git show {tag}).",
    },
    "sync_tags_refused": {
        "sv": "{remote} tog inte emot justeringstaggarna {tags}; sparningarna kom fram.",
        "en": "{remote} did not accept the justering tags {tags}; the saves went in.",
    },
    "report_pushed_one": {
        "sv": "Skickade 1 sparning till {remote}.",
        "en": "Sent 1 save to {remote}.",
    },
    "report_pending": {
        "sv": "Ännu inte på centralservern: {count} sparningar.",
        "en": "Not yet on the central server: {count} saves.",
    },
    "report_pending_one": {
        "sv": "Ännu inte på centralservern: 1 sparning.",
        "en": "Not yet on the central server: 1 save.",
    },
    "report_server_said": {"sv": "  servern: {line}", "en": "  server: {line}"},
    "report_up_to_date": {
        "sv": "Arkivet och centralservern är i takt.",
        "en": "The archive and the central server are in step.",
    },
    # ---- status (brotui sync --status, the title line)
    "title_pending": {
        "sv": "ännu inte på centralservern: {count} sparningar",
        "en": "not yet on the central server: {count} saves",
    },
    "title_pending_one": {
        "sv": "ännu inte på centralservern: 1 sparning",
        "en": "not yet on the central server: 1 save",
    },
    "status_off": {
        "sv": "Arkivet har ingen centralserver (remote i .brotui.yaml).",
        "en": "The archive has no central server (remote in .brotui.yaml).",
    },
    "status_remote": {
        "sv": "Centralserver: {remote}, gren {branch}, synkning {mode}, hämtar var {interval} s.",
        "en": "Central server: {remote}, branch {branch}, sync {mode}, fetching every "
              "{interval} s.",
    },
    "status_pending": {
        "sv": "Ännu inte på centralservern: {count} sparningar.",
        "en": "Not yet on the central server: {count} saves.",
    },
    "status_pending_one": {
        "sv": "Ännu inte på centralservern: 1 sparning.",
        "en": "Not yet on the central server: 1 save.",
    },
    "status_none_pending": {
        "sv": "Alla sparningar finns på centralservern.",
        "en": "Every save is on the central server.",
    },
    "status_tags_pending": {
        "sv": "Justeringstaggar som ännu inte är på centralservern: {count} ({tags}).",
        "en": "Justering tags not yet on the central server: {count} ({tags}).",
    },
    "status_tags_pending_one": {
        "sv": "En justeringstagg är ännu inte på centralservern: {tags}.",
        "en": "One justering tag is not yet on the central server: {tags}.",
    },
    "status_incoming": {
        "sv": "Hämtat men ännu inte infört: {count} ändringar.",
        "en": "Fetched, not yet brought in: {count} changes.",
    },
    "status_contact": {
        "sv": "Senaste kontakt med centralservern: {when}.",
        "en": "Last contact with the central server: {when}.",
    },
    "status_never": {
        "sv": "Ingen kontakt med centralservern ännu.",
        "en": "No contact with the central server yet.",
    },
    "status_error": {
        "sv": "Senaste fel ({when}): {message}",
        "en": "Last error ({when}): {message}",
    },
    "status_busy": {"sv": "En synkning pågår just nu.", "en": "A sync is under way right now."},
    "status_conflict": {
        "sv": "Konflikt {id} ({when}): {path}, ändringar av {people} väntar på att lösas.",
        "en": "Conflict {id} ({when}): {path}, changes by {people} wait to be resolved.",
    },
    # ---- access (.brotui/access.yaml)
    "verb_read": {"sv": "läsa", "en": "read"},
    "verb_edit": {"sv": "ändra", "en": "change"},
    "verb_create": {"sv": "skriva nya", "en": "write new"},
    "verb_delete": {"sv": "ta bort", "en": "delete"},
    "verb_restore": {"sv": "återställa", "en": "restore"},
    "verb_sign": {"sv": "justera", "en": "sign"},
    "verb_administer": {"sv": "administrera", "en": "administer"},
    "council_all": {"sv": "alla råd", "en": "every council"},
    "access_open": {
        "sv": "Arkivet har ingen behörighetsfil: alla som når det får göra allt.",
        "en": "The archive has no access file: everyone who reaches it may do everything.",
    },
    "access_broken": {
        "sv": "{file} går inte att läsa ({problem}); inget tillåts förrän en administratör "
              "rättat den.",
        "en": "{file} cannot be read ({problem}); nothing is allowed until an administrator "
              "fixes it.",
    },
    "access_not_named": {
        "sv": "{person} finns inte med i {file} för {council} och får inte {verb} dess "
              "protokoll.",
        "en": "{person} is not named in {file} for {council} and may not {verb} its minutes.",
    },
    "access_reader": {
        "sv": "{person} får bara läsa protokollen för {council} ({file}); att {verb} dem "
              "kräver att man är redigerare.",
        "en": "{person} may only read the minutes of {council} ({file}); to {verb} them "
              "takes an editor.",
    },
    "access_admin_only": {
        "sv": "Bara en administratör för {council} får ändra arkivets inställningar, "
              "behörighetsfilen och README ({file}); det är inte {person}.",
        "en": "Only an administrator of {council} may change the archive's settings, the "
              "access file and README ({file}); {person} is not one.",
    },
    "access_signer": {
        "sv": "{person} är ordförande eller justerare i protokollet.",
        "en": "{person} is the chair or an adjuster of these minutes.",
    },
    "access_not_signer": {
        "sv": "{person} är varken ordförande eller justerare i protokollet och får inte "
              "justera det.",
        "en": "{person} is neither the chair nor an adjuster of these minutes and may not "
              "sign them.",
    },
    "access_as_readers": {"sv": "{person} läser {council}.", "en": "{person} reads {council}."},
    "access_as_editors": {
        "sv": "{person} är redigerare för {council}.",
        "en": "{person} is an editor of {council}.",
    },
    "access_as_administrators": {
        "sv": "{person} är administratör för {council}.",
        "en": "{person} is an administrator of {council}.",
    },
    "access_not_utf8": {"sv": "filen är inte UTF-8", "en": "the file is not UTF-8"},
    "access_unreadable": {"sv": "filen är inte giltig YAML", "en": "the file is not valid YAML"},
    "access_want_map": {
        "sv": "här ska det stå nycklar med värden",
        "en": "keys with values belong here",
    },
    "access_want_list": {
        "sv": "här ska det stå en lista med e-postadresser eller kontonamn",
        "en": "a list of e-mail addresses or account names belongs here",
    },
    "access_want_name": {
        "sv": "en e-postadress eller ett kontonamn ska stå här",
        "en": "an e-mail address or account name belongs here",
    },
    "access_bad_council": {
        "sv": "{council} är inget råds kortnamn (eller * för alla råd)",
        "en": "{council} is not a council's short name (or * for every council)",
    },
    "access_bad_role": {
        "sv": "{role} är ingen roll: readers, editors eller administrators",
        "en": "{role} is not a role: readers, editors or administrators",
    },
    "access_unknown_key": {
        "sv": "{key} används inte (servers och councils gör det)",
        "en": "{key} is not used (servers and councils are)",
    },
    # ---- approved minutes
    "approved_changed": {
        "sv": "Protokollet är justerat: en ändring kräver en ny rättelse i listan "
              "corrections.",
        "en": "The minutes are approved: a change needs a new correction in the "
              "corrections list.",
    },
    "approved_corrections_rewritten": {
        "sv": "Protokollet är justerat: tidigare rättelser (corrections) får inte ändras "
              "eller tas bort, bara nya läggas till.",
        "en": "The minutes are approved: earlier corrections may not be changed or "
              "removed, only new ones added.",
    },
    "approved_deleted": {
        "sv": "Protokollet är justerat och kan inte tas bort.",
        "en": "The minutes are approved and cannot be deleted.",
    },
    # ---- the central server's check (brotui hook pre-receive)
    "layout_outside": {
        "sv": "{path} hör inte till arkivet: protokoll ligger i protocols/<råd>/<datum>.yaml, "
              "bilagor i protocols/<råd>/<datum>.files/.",
        "en": "{path} is not part of the archive: minutes live in "
              "protocols/<council>/<date>.yaml, attachments in "
              "protocols/<council>/<date>.files/.",
    },
    "layout_not_file": {
        "sv": "{path} är ingen vanlig fil (läge {mode}: en länk, en körbar fil eller en "
              "undermodul).",
        "en": "{path} is not a plain file (mode {mode}: a link, an executable or a "
              "submodule).",
    },
    "layout_attachment_name": {
        "sv": "Bilagans namn {name} är inte säkert: högst 255 byte, ingen inledande punkt, "
              "inga styrtecken eller osynliga tecken, inget \\.",
        "en": "The attachment's name {name} is not safe: at most 255 bytes, no leading dot, "
              "no control or invisible characters, no \\.",
    },
    "layout_attachment_size": {
        "sv": "Bilagan {path} är större än {limit} MB.",
        "en": "The attachment {path} is larger than {limit} MB.",
    },
    "refusal_head": {
        "sv": "brotui: centralservern tar inte emot detta ({count} skäl):",
        "en": "brotui: the central server does not accept this push ({count} reasons):",
    },
    "refusal_head_one": {
        "sv": "brotui: centralservern tar inte emot detta:",
        "en": "brotui: the central server does not accept this push:",
    },
    "refusal_rule": {"sv": "regel {rule}", "en": "rule {rule}"},
    "refusal_commit": {"sv": "commit {commit} av {author}", "en": "commit {commit} by {author}"},
    "refusal_more": {
        "sv": "och {count} problem till i samma fil",
        "en": "and {count} more problems in the same file",
    },
    "refusal_delete": {
        "sv": "Grenen {branch} är arkivet och kan inte tas bort.",
        "en": "The branch {branch} is the archive and cannot be deleted.",
    },
    "refusal_rewrite": {
        "sv": "Pushen skriver om grenen {branch}s historik (ingen fast-forward): hämta och "
              "sammanfoga först; historiken skrivs aldrig om.",
        "en": "The push rewrites the history of the branch {branch} (not a fast-forward): "
              "fetch and merge first; the history is never rewritten.",
    },
    "refusal_tag_moved": {
        "sv": "Taggen {tag} finns redan och flyttas eller tas aldrig bort.",
        "en": "The tag {tag} exists already and is never moved or deleted.",
    },
    "refusal_tag_not_approved": {
        "sv": "Taggen {tag} pekar på en version där protokollet {id} inte är justerat.",
        "en": "The tag {tag} points at a revision where the minutes {id} are not approved.",
    },
    "refusal_tag_plain": {
        "sv": "Taggen {tag} ska vara en annoterad tagg (som brotui sign gör).",
        "en": "The tag {tag} must be an annotated tag (as brotui sign makes it).",
    },
    "refusal_tag_off_branch": {
        "sv": "Taggen {tag} pekar inte på en version i grenen {branch}.",
        "en": "The tag {tag} does not point at a revision on the branch {branch}.",
    },
    "refusal_other_ref": {
        "sv": "{ref} tas inte emot: arkivet är grenen {branch} (och dess taggar).",
        "en": "{ref} is not accepted: the archive is the branch {branch} (and its tags).",
    },
    "refusal_pusher": {
        "sv": "Den som pushar får inte göra detta själv: {reason}",
        "en": "Whoever pushes may not do this themselves: {reason}",
    },
    "refusal_crashed": {
        "sv": "brotui: kontrollen kunde inte göras ({reason}); pushen togs inte emot.",
        "en": "brotui: the check could not be made ({reason}); the push was not accepted.",
    },
}


def say(msg_id: str, lang: str | None = None, /, **values: object) -> str:
    """The text of `msg_id` in `lang` (None: the program's language), values filled in."""
    if values.get("count") == 1 and f"{msg_id}_one" in MESSAGES:
        msg_id = f"{msg_id}_one"
    text = MESSAGES[msg_id][lang or language()]
    return text.format(**values) if values else text


def said(msg_id: str, /, **values: object) -> Msg:
    """The sentence `msg_id` not said yet (a save's note): its reader says it."""
    return Msg(MsgId(f"sync:{msg_id}"), values)


# Known to brotui.i18n too, under "sync:" (some ids are also the core's), so that
# tests/test_messages.py checks these sentences with every other.
_register({f"sync:{key}": text for key, text in MESSAGES.items()}, "sync")
