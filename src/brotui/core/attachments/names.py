"""The one rule for an attachment's name, and how an item's entry names a file.

A name is the file's name in its protocol's attachments folder, and what an item's
`attachments` entry says to name it. It is taken as given (in Unicode NFC, the form
macOS does not use but every other system does), or refused with a sentence, never
changed behind the person's back:
- not empty, no `/` or `\\` (a name, not a path), not starting with a dot (so not `.`,
  `..`, nor a hidden file);
- no control or invisible character (tab, newline, ESC, U+202E, U+200B...: see
  brotui.core.text), no `< > : " | ? *`, not ending in a dot or a space, not a name
  Windows reserves (CON, NUL, COM1...): the archive checks out and exports anywhere;
- at most 100 characters and 255 bytes in UTF-8 (what file systems allow);
- two attachments of one protocol may not differ only in case (`Bildspel.pdf`,
  `bildspel.pdf`): they would be one file on macOS and Windows.
"""

from __future__ import annotations

import unicodedata

from brotui.core.attachments.errors import refuse
from brotui.core.attachments.messages import msg
from brotui.core.text import escape, first_invisible, visible

MAX_CHARS = 100
MAX_BYTES = 255
_RESERVED_CHARS = '<>:"|?*'
_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
            *(f"lpt{i}" for i in range(1, 10))}


def shown(name: str) -> str:
    """A name (or any one-line text) as a sentence may hold it: every control and
    invisible character written out, the line break and tab too (`\\x0a`)."""
    return visible(name).replace("\n", "\\x0a").replace("\t", "\\x09")


def normal(name: str) -> str:
    """A name in the form names are compared and stored in (NFC)."""
    return unicodedata.normalize("NFC", name)


def name_problem(name: str, lang: str | None = None) -> tuple[str, dict[str, object]] | None:
    """What is wrong with an attachment's name, as (message key, values), None if nothing."""
    said = shown(name)
    if not name:
        return "name_empty", {}
    bad = first_invisible(name)
    if bad is not None:
        return "name_invisible", {"name": said, "char": f"U+{ord(bad):04X} {escape(bad)}"}
    if "/" in name or "\\" in name:
        return "name_path", {"name": said}
    if name.startswith("."):
        return "name_dot", {"name": said}
    for char in _RESERVED_CHARS:
        if char in name:
            return "name_char", {"name": said, "char": char}
    if name.endswith((".", " ")):
        return "name_end", {"name": said}
    if name.split(".", 1)[0].rstrip(" ").casefold() in _DEVICES:
        return "name_reserved", {"name": said}
    if len(name) > MAX_CHARS or len(name.encode("utf-8")) > MAX_BYTES:
        return "name_too_long", {"limit": MAX_CHARS, "bytes": MAX_BYTES, "length": len(name),
                                 "start": said[:24] + "…"}
    return None


def name_message(name: str, lang: str | None = None) -> str | None:
    """The sentence saying what is wrong with a name, None if nothing."""
    problem = name_problem(normal(name))
    return None if problem is None else msg(problem[0], lang, **problem[1])


def safe_name(name: str) -> str:
    """The name as it is stored (NFC), or AttachmentRefused saying what is wrong with it."""
    name = normal(name)
    problem = name_problem(name)
    if problem is not None:
        refuse(problem[0], **problem[1])
    return name


def split(name: str) -> tuple[str, str]:
    """(stem, extension with its dot, lower case): `Bildspel.PDF` -> ("Bildspel", ".pdf");
    a name with no dot after its first character has no extension."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return name, ""
    return stem, "." + ext.casefold()


def names_file(entry: str, name: str) -> bool:
    """Whether an item's entry names the attachment `name`: it is that name exactly
    (compared in NFC, surrounding spaces left out)."""
    return normal(entry.strip()) == name


def matches_stem(entry: str, name: str) -> bool:
    """Whether an entry is the label a file of this name was attached for: the name's stem
    or the name itself, in any case (`Bildspel` or `bildspel.pdf` for `Bildspel.pdf`)."""
    said = normal(entry.strip()).casefold()
    return bool(said) and said in (split(name)[0].casefold(), name.casefold())
