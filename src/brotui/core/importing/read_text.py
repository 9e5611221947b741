"""Plain text and Markdown: one block per line, `**bold**` and `# headings` understood.

Text is read as UTF-8 (a byte-order mark is dropped, with a note); a file that is not
UTF-8 is read as Windows-1252, the encoding Word and Notepad used for Swedish on
Windows, with a note saying so; UTF-16 with its byte-order mark (Notepad's
"Unicode") is read as such. Anything else is refused.
"""

from __future__ import annotations

import re

from brotui.core.importing.blocks import Dropped, Place, Read, Run, blocks_from_runs
from brotui.core.importing.errors import refuse
from brotui.core.text import CONTROL_RE

_BOLD_RE = re.compile(r"(\*\*|__)(.+?)\1")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^([-*+•–])\s+(?=\S)")
_TABLE_RULE_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HR_RE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_MD_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")


def decode(data: bytes, read: Read) -> str:
    """The file's text, or a refusal if it is in no encoding we read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            refuse("refused_encoding")
        read.note(None, "note_utf16")
    elif b"\x00" in data:
        refuse("refused_binary_text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                refuse("refused_encoding")
            read.note(Place(line=line), "note_cp1252", byte=f"0x{data[exc.start]:02x}")
    if text.startswith("\ufeff"):
        text = text[1:]
        read.note(None, "note_bom")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def read_text(data: bytes, markdown: bool = False) -> Read:
    """Blocks of a text or Markdown file, one per non-blank line."""
    read = Read("markdown" if markdown else "text")
    text = decode(data, read)
    gap = True
    in_code = False
    for number, raw in enumerate(text.split("\n"), start=1):
        place = Place(line=number)
        bad = CONTROL_RE.findall(raw)
        if bad:  # a terminal would act on them; they are never words
            raw = CONTROL_RE.sub("", raw)
            read.note(place, "note_control", count=len(bad))
        line = raw.rstrip()
        if not line.strip():
            gap = True
            continue
        heading = 0
        is_list = False
        indent = len(line) - len(line.lstrip(" \t").expandtabs(4)) if line[:1] in " \t" else 0
        body = line.strip()
        if markdown:
            if body.startswith("```"):
                in_code = not in_code
                read.dropped.append(Dropped(place, body, "left_markdown"))
                continue
            if not in_code:
                if _TABLE_RULE_RE.match(body) and "-" in body:
                    read.dropped.append(Dropped(place, body, "left_markdown"))
                    continue
                if _HR_RE.match(body):
                    read.dropped.append(Dropped(place, body, "left_markdown"))
                    gap = True
                    continue
                m = _HEADING_RE.match(body)
                if m:
                    heading, body = len(m[1]), m[2]
                if body.startswith("|") and body.endswith("|") and len(body) > 1:
                    body = "\t".join(c.strip() for c in body.strip("|").split("|"))
                body = _MD_LINK_RE.sub(lambda m: f"{m[1]} {m[2]}" if m[2] and m[2] != m[1]
                                       else m[1], body)
                body = _MD_ESCAPE_RE.sub(r"\1", body)
                if body.startswith(">"):
                    body = body.lstrip("> ")
        if not in_code:
            m = _BULLET_RE.match(body)
            if m and not body.startswith("**"):
                is_list = True
        runs = _runs(body)
        for block in blocks_from_runs(runs, place, heading=heading, is_list=is_list,
                                      indent=indent, gap_before=gap):
            read.blocks.append(block)
        gap = False
    return read


def _runs(text: str) -> list[Run]:
    """`**bold**` (and `__bold__`) as bold runs; an unclosed `**` stays as written."""
    runs: list[Run] = []
    pos = 0
    for m in _BOLD_RE.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos:m.start()]))
        runs.append(Run(m[2], bold=True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def looks_like_markdown(text: str) -> bool:
    """Markdown's own marks at the start of lines: `# ` headings or `|---|` tables."""
    return bool(re.search(r"(?m)^#{1,6} \S", text) or re.search(r"(?m)^\|?\s*-{3,}\s*\|", text))
