"""The attachments' own sentences, in Swedish and English.

Kept here, beside the code that says them, until the catalogue of brotui.i18n is
split by owner; `MESSAGES` has the same shape as that catalogue ({id: {"sv", "en"}})
so it can be registered into it as it is. Sentences for people use brotui's current
language; commit messages the archive's (`lang=archive.language`).
"""

from __future__ import annotations

from brotui import i18n
from brotui.i18n import register as _register

MESSAGES: dict[str, dict[str, str]] = {
    # ---- the file as it arrives: nothing was written
    "empty": {
        "sv": "Filen är tom: det finns inget att bifoga.",
        "en": "The file is empty: there is nothing to attach.",
    },
    "too_large": {
        "sv": "Filen är {size}; en bilaga får vara högst {limit} (arkivets inställning "
              "attachments.max_size i .brotui.yaml).",
        "en": "The file is {size}; an attachment may be at most {limit} (the archive's "
              "setting attachments.max_size in .brotui.yaml).",
    },
    "too_large_stream": {
        "sv": "Filen är större än {limit}, det mesta en bilaga får vara (arkivets "
              "inställning attachments.max_size i .brotui.yaml); den lästes inte färdigt.",
        "en": "The file is larger than {limit}, the most an attachment may be (the archive's "
              "setting attachments.max_size in .brotui.yaml); it was not read to its end.",
    },
    "unreadable": {
        "sv": "Filen {path} kan inte läsas: {reason}.",
        "en": "The file {path} cannot be read: {reason}.",
    },
    "not_a_file": {
        "sv": "{path} är ingen vanlig fil (en mapp eller en enhet): ange filen som ska bifogas.",
        "en": "{path} is not a plain file (a folder or a device): name the file to attach.",
    },
    # ---- the type, told from the content
    "program": {
        "sv": "Det här är ett program ({what}). Program tas aldrig emot som bilagor.",
        "en": "This is a program ({what}). Programs are never accepted as attachments.",
    },
    "script": {
        "sv": "Det här är ett skript (filen börjar med #!). Program tas aldrig emot som bilagor.",
        "en": "This is a script (the file starts with #!). Programs are never accepted as "
              "attachments.",
    },
    "archive": {
        "sv": "Det här är ett packat arkiv ({what}): bifoga filerna i det var för sig.",
        "en": "This is a packed archive ({what}): attach the files inside it one by one.",
    },
    "markup": {
        "sv": "Det här är en webbsida eller XML ({what}), som kan innehålla skript: spara den "
              "som PDF och bifoga den filen.",
        "en": "This is a web page or XML ({what}), which can hold scripts: save it as PDF and "
              "attach that file.",
    },
    "old_office": {
        "sv": "Det här är en äldre Office-fil (.doc, .xls eller .ppt), som kan innehålla makron: "
              "spara den som .docx, .xlsx, .pptx eller PDF och bifoga den filen.",
        "en": "This is an old Office file (.doc, .xls or .ppt), which can hold macros: save it "
              "as .docx, .xlsx, .pptx or PDF and attach that file.",
    },
    "rtf": {
        "sv": "Det här är en RTF-fil, som kan innehålla inbäddade objekt: spara den som PDF "
              "eller .docx och bifoga den filen.",
        "en": "This is an RTF file, which can hold embedded objects: save it as PDF or .docx "
              "and attach that file.",
    },
    "macros": {
        "sv": "Filen ({kind}) innehåller makron eller inbäddade program ({part}): spara den utan "
              "dem (som .docx, .xlsx, .pptx eller PDF) och bifoga den filen.",
        "en": "The file ({kind}) holds macros or embedded programs ({part}): save it without "
              "them (as .docx, .xlsx, .pptx or PDF) and attach that file.",
    },
    "unknown_type": {
        "sv": "Filens typ känns inte igen av dess innehåll ({what}). En bilaga kan vara PDF, "
              "PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint, OpenDocument, UTF-8-text eller CSV.",
        "en": "The file's type is not recognised from its content ({what}). An attachment may "
              "be PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint, OpenDocument, UTF-8 text "
              "or CSV.",
    },
    "what_unknown": {"sv": "okänt binärt format", "en": "an unknown binary format"},
    "not_utf8": {
        "sv": "Filen är varken en dokumenttyp som bifogas eller UTF-8-text (ogiltig byte "
              "{byte} på rad {line}): spara den som UTF-8 eller PDF.",
        "en": "The file is neither a kind of document that is attached nor UTF-8 text "
              "(invalid byte {byte} on line {line}): save it as UTF-8 or PDF.",
    },
    "control": {
        "sv": "Texten innehåller ett styrtecken ({char}) på rad {line}; en textbilaga får inte "
              "innehålla några.",
        "en": "The text holds a control character ({char}) on line {line}; a text attachment "
              "may hold none.",
    },
    "zip_bomb": {
        "sv": "Filen packas upp till långt mer än den rymmer (en zip-bomb?) och tas inte emot.",
        "en": "The file unpacks to far more than it holds (a zip bomb?) and is not accepted.",
    },
    "encrypted": {
        "sv": "Filen är krypterad med lösenord; spara en kopia utan lösenord och bifoga den.",
        "en": "The file is encrypted with a password; save a copy without one and attach that.",
    },
    "damaged": {
        "sv": "Filen ({kind}) är skadad och kan inte läsas ({detail}).",
        "en": "The file ({kind}) is damaged and cannot be read ({detail}).",
    },
    "wrong_extension": {
        "sv": "Filen är {kind}, men namnet slutar på {ext}: kalla den {suggest} (namnet ska "
              "säga vad filen är).",
        "en": "The file is {kind}, but its name ends in {ext}: call it {suggest} (a name says "
              "what a file is).",
    },
    # ---- the name: one rule (names.py)
    "name_empty": {"sv": "Bilagan behöver ett namn.", "en": "The attachment needs a name."},
    "name_path": {
        "sv": "Ett bilagenamn får inte innehålla / eller \\ : ange bara filens namn "
              "(här står {name}).",
        "en": "An attachment's name may not hold / or \\ : give the file's name only "
              "(this says {name}).",
    },
    "name_dot": {
        "sv": "Ett bilagenamn får inte börja med en punkt (här står {name}).",
        "en": "An attachment's name may not start with a dot (this says {name}).",
    },
    "name_invisible": {
        "sv": "Bilagenamnet {name} innehåller ett osynligt tecken eller styrtecken ({char}).",
        "en": "The attachment's name {name} holds an invisible or control character ({char}).",
    },
    "name_char": {
        "sv": "Ett bilagenamn får inte innehålla tecknet {char} (här står {name}).",
        "en": "An attachment's name may not hold the character {char} (this says {name}).",
    },
    "name_end": {
        "sv": "Ett bilagenamn får inte sluta med punkt eller mellanslag (här står {name}).",
        "en": "An attachment's name may not end in a dot or a space (this says {name}).",
    },
    "name_reserved": {
        "sv": "{name} är ett reserverat namn i Windows och kan inte vara en bilagas namn.",
        "en": "{name} is a reserved name on Windows and cannot name an attachment.",
    },
    "name_too_long": {
        "sv": "Ett bilagenamn får vara högst {limit} tecken ({bytes} byte i UTF-8); det här "
              "har {length}: {start}",
        "en": "An attachment's name may be at most {limit} characters ({bytes} bytes in "
              "UTF-8); this one has {length}: {start}",
    },
    "name_case_twin": {
        "sv": "Protokollet har redan bilagan {other}, som bara skiljer sig i stora och små "
              "bokstäver: bifoga filen som {other} för att ersätta den, eller välj ett annat namn.",
        "en": "The minutes already have the attachment {other}, which differs only in case: "
              "attach the file as {other} to replace it, or choose another name.",
    },
    # ---- which item, which protocol
    "item_needed": {
        "sv": "Vilken punkt hör {name} till? Punkterna {candidates} nämner alla {stem}: ange "
              "en av dem (--item N).",
        "en": "Which item does {name} belong to? Items {candidates} all name {stem}: say "
              "which one (--item N).",
    },
    "item_needed_none": {
        "sv": "Vilken punkt hör {name} till? Ingen punkt nämner den än: ange en av {candidates} "
              "(--item N).",
        "en": "Which item does {name} belong to? No item names it yet: say one of "
              "{candidates} (--item N).",
    },
    "no_such_item": {
        "sv": "Protokollet har ingen punkt §{number} (det har {numbers}).",
        "en": "The minutes have no item §{number} (they have {numbers}).",
    },
    "no_items": {
        "sv": "Protokollet {id} har inga punkter att bifoga filen till.",
        "en": "The minutes {id} have no items to attach the file to.",
    },
    "protocol_broken": {
        "sv": "{path} kan inte läsas som ett protokoll ({count} problem): rätta det innan "
              "filer bifogas.",
        "en": "{path} cannot be read as minutes ({count} problems): fix it before files are "
              "attached.",
    },
    "not_attached": {
        "sv": "Protokollet {id} har ingen bilaga {name} ({have}).",
        "en": "The minutes {id} have no attachment {name} ({have}).",
    },
    "have_these": {"sv": "det har: {names}", "en": "they have: {names}"},
    "have_none": {"sv": "det har inga bilagor", "en": "they have no attachments"},
    "is_folder": {
        "sv": "{path} är en mapp, inte en bilaga: bilagor är filer.",
        "en": "{path} is a folder, not an attachment: attachments are files.",
    },
    # ---- carrying a folder along (delete, move, restore)
    "carry_not_file": {
        "sv": "Bilagemappen {folder} innehåller {name}, som inte är en fil (en länk eller en "
              "mapp) och inte flyttas: ta bort den med git först.",
        "en": "The attachments folder {folder} holds {name}, which is not a file (a link or a "
              "folder) and is not carried along: remove it with git first.",
    },
    "carry_bad_name": {
        "sv": "Bilagemappen {folder} innehåller en fil vars namn har en radbrytning ({name}): "
              "ta bort den med git först.",
        "en": "The attachments folder {folder} holds a file whose name has a line break "
              "({name}): remove it with git first.",
    },
    "carry_target": {
        "sv": "Det finns redan en bilagemapp {folder} (utan protokoll): ta bort den med git "
              "först.",
        "en": "There is an attachments folder {folder} already (with no minutes): remove it "
              "with git first.",
    },
    "busy": {
        "sv": "Bilagorna ändrades hela tiden medan det här sparades; försök igen.",
        "en": "The attachments kept changing while this was saved; try again.",
    },
    # ---- reading an attachment
    "no_text": {
        "sv": "{name} är {kind}: det finns ingen text att visa.",
        "en": "{name} is {kind}: there is no text to show.",
    },
    "pdf_no_text": {
        "sv": "PDF-filen {name} ({pages} sidor) har inget textlager, troligen en inskannad bild.",
        "en": "The PDF {name} ({pages} pages) has no text layer; it is probably a scan.",
    },
    "page": {"sv": "— sida {n} —", "en": "— page {n} —"},
    # ---- brotui check
    "check_entry_no_file": {
        "sv": "Ingen fil {name} är bifogad till protokollet.",
        "en": "No file {name} is attached to these minutes.",
    },
    "check_file_no_entry": {
        "sv": "Ingen punkt nämner den här bilagan (punkternas attachments).",
        "en": "No item names this attachment (the items' attachments).",
    },
    "check_orphan": {
        "sv": "Filen ligger i bilagemappen för {id}, men det protokollet finns inte.",
        "en": "The file lies in the attachments folder of {id}, but those minutes do not exist.",
    },
    "check_link": {
        "sv": "En symbolisk länk (till {target}), ingen fil: den följs aldrig.",
        "en": "A symbolic link (to {target}), not a file: it is never followed.",
    },
    "check_not_file": {
        "sv": "Inte en fil (en undermodul eller en mapp i bilagemappen): bilagor är filer.",
        "en": "Not a file (a submodule, or a folder inside the attachments folder): attachments "
              "are files.",
    },
    "check_nested": {
        "sv": "En mapp i bilagemappen ({folder}): bilagor är filer direkt i mappen.",
        "en": "A folder inside the attachments folder ({folder}): attachments are files "
              "directly in it.",
    },
    "check_over_limit": {
        "sv": "Bilagan är {size}, mer än en bilaga får vara ({limit}).",
        "en": "The attachment is {size}, more than an attachment may be ({limit}).",
    },
    # ---- commit messages (in the archive's language)
    "commit_attached": {"sv": "{id}: bilaga {name}", "en": "{id}: attachment {name}"},
    "commit_replaced": {"sv": "{id}: bilaga {name} ersatt",
                        "en": "{id}: attachment {name} replaced"},
    "commit_detached": {"sv": "{id}: bilaga {name} borttagen",
                        "en": "{id}: attachment {name} removed"},
    "commit_attached_body": {
        "sv": "Bifogad: {name} ({kind}, {size}).",
        "en": "Attached: {name} ({kind}, {size}).",
    },
    "commit_replaced_body": {
        "sv": "Ersatt: {name} ({kind}, {old} → {new}).",
        "en": "Replaced: {name} ({kind}, {old} → {new}).",
    },
    "commit_detached_body": {
        "sv": "Borttagen: {name} ({size}). Den finns kvar i historiken, i {commit}.",
        "en": "Removed: {name} ({size}). It stays in the history, in {commit}.",
    },
    "commit_entry_added": {"sv": "§{number} bilagor: + {name}",
                           "en": "§{number} attachments: + {name}"},
    "commit_entry_renamed": {"sv": "§{number} bilagor: {old} → {name}",
                             "en": "§{number} attachments: {old} → {name}"},
    "commit_entry_removed": {"sv": "§{number} bilagor: − {name}",
                             "en": "§{number} attachments: − {name}"},
    "commit_carried": {"sv": "Bilagor som följer med: {names}.",
                       "en": "Attachments carried along: {names}."},
    "commit_carried_removed": {"sv": "Bilagor som tas bort med det: {names}.",
                               "en": "Attachments removed with them: {names}."},
}


class Size(i18n.Size):
    """A size in a sentence, written in the sentence's language when it is said (so a
    refusal said again in Swedish says 30,0 MB); `among` the sizes it is read beside,
    for as many decimals as tell them apart. A brotui.i18n.Size, so a Msg holds it."""

    def __init__(self, n: int, *among: int) -> None:
        super().__init__(n, tuple(among))

    def said(self, lang: str) -> str:
        return sizes(self.n, *self.among, lang=lang)[0]


def said(key: str, /, **values: object) -> i18n.Msg:
    """The sentence `key` not said yet (a finding of `check`): its reader says it."""
    return i18n.Msg(i18n.MsgId(f"attachments:{key}"), values)


def msg(key: str, lang: str | None = None, /, **values: object) -> str:
    """The sentence `key` in `lang` (default: brotui's current language), filled in."""
    if lang is None:
        from brotui.i18n import language

        lang = language()
    text = MESSAGES[key]["sv" if lang == "sv" else "en"]
    if not values:
        return text
    return text.format(**{k: v.said(lang) if isinstance(v, Size) else v
                          for k, v in values.items()})


def size(n: int, lang: str | None = None) -> str:
    """A size for people (brotui.i18n.size_text, the one formatter)."""
    return i18n.size_text(n, lang=lang)


def sizes(*ns: int, lang: str | None = None) -> list[str]:
    """Sizes read side by side (brotui.i18n.size_texts, the one formatter)."""
    return i18n.size_texts(*ns, lang=lang)


# Known to brotui.i18n too, under "attachments:" (some ids are also the core's), so that
# tests/test_messages.py checks these sentences with every other.
_register({f"attachments:{key}": text for key, text in MESSAGES.items()}, "attachments")
