"""The minutes as a document: what is shown, in which order, in which words.

`view()` picks what an export holds (the public copy, an extract's items) and
`layout()` turns it into a `Doc`: the parts of the seed minutes in their order
(council and "Protokoll" with the date, the attendees grouped by presence, time
and place, the numbered items with their paragraphs, decisions and
attachments, next meetings, contact, signatures, corrections), every text
already split into runs and made safe to show. The HTML, Word and Markdown
writers only set the Doc in type, so every format says the same thing in the
same order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from brotui.core.errors import BrotuiError
from brotui.core.model import Item, Protocol
from brotui.core.publish.catalogue import formal_date, join_words, label, when
from brotui.core.publish.public import check_public, public_record, public_view, split_marks
from brotui.core.publish.record import Minutes, Options
from brotui.core.text import visible

# Run styles: plain text, text marked not for publication (shown in the full copy),
# and a line break inside a paragraph.
TEXT, HIDDEN, BREAK = "text", "hidden", "break"
Run = tuple[str, str]
Text = list[Run]

# Characters that change how the text around them reads without being seen: bidi
# embeddings, overrides and isolates, line/paragraph separators, the byte-order mark;
# and what no XML document may hold (U+FFFE, U+FFFF, lone surrogates). Like control
# characters (brotui.core.text.visible) they are written out, e.g. `\u202e`.
_UNSEEN_RE = re.compile(
    "[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n\s*")


def shown(text: str) -> str:
    """`text` with every control and bidi-control character written out as an escape,
    and in NFC, so `å` is one letter in every format."""
    text = _UNSEEN_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))
    return unicodedata.normalize("NFC", text)


def line(text: str | None) -> Text:
    """A one-line value as runs (marks shown as HIDDEN, line breaks as spaces)."""
    return _trim([(HIDDEN if hidden else TEXT, shown(part).replace("\n", " "))
                  for hidden, part in split_marks(text or "") if part])


def paragraphs(text: str | None) -> list[Text]:
    """A multi-line text as paragraphs (split at blank lines) of runs, single line breaks
    kept as BREAK runs, each line trimmed. A mark may span lines and paragraphs: each
    piece stays marked."""
    paras: list[list[Text]] = [[[]]]  # paragraph -> lines -> runs
    for hidden, part in split_marks(text or ""):
        style = HIDDEN if hidden else TEXT
        for k, para in enumerate(_PARAGRAPH_RE.split(shown(part))):
            if k:
                paras.append([[]])
            for j, piece in enumerate(para.split("\n")):
                if j:
                    paras[-1].append([])
                if piece:
                    paras[-1][-1].append((style, piece))
    out: list[Text] = []
    for para in paras:
        lines = [trimmed for runs in para if (trimmed := _trim(runs))]
        if lines:
            out.append([run for i, runs in enumerate(lines)
                        for run in ([(BREAK, "")] if i else []) + runs])
    return out


def _trim(runs: Text) -> Text:
    """A line's runs without the spaces at its two ends."""
    runs = list(runs)
    while runs and not runs[0][1].strip():
        runs.pop(0)
    while runs and not runs[-1][1].strip():
        runs.pop()
    if runs:
        runs[0] = (runs[0][0], runs[0][1].lstrip())
        runs[-1] = (runs[-1][0], runs[-1][1].rstrip())
    return runs


def plain(text: Text) -> str:
    """The runs as one string (a break as a space)."""
    return "".join(" " if style == BREAK else value for style, value in text)


@dataclass
class Row:
    name: Text
    role: Text
    note: Text


@dataclass
class Group:
    label: str
    rows: list[Row]


@dataclass
class ItemView:
    number: str  # "4." as the item is numbered, "" for an item without a number
    title: Text | None
    paragraphs: list[Text]
    decisions: list[Text]
    attachments: list[Text]


@dataclass
class Table:
    label: str
    header: list[str]
    rows: list[list[Text]]


@dataclass
class Doc:
    lang: str
    protocol_id: str
    revision: str | None
    view: str  # Options.view(): "full", "public", "extract:4+6", ...
    title: str  # the document's title: "Protokoll, <council>, 2020-02-20"
    council: Text
    heading: str  # "Protokoll" or "Utdrag ur protokoll"
    date: str  # "torsdagen den 20 februari 2020"
    status: str
    notes: list[str]
    groups: list[Group]
    facts: list[tuple[str, Text]]
    items: list[ItemView]
    next_meetings: list[Text]
    contact: list[Text]
    signatures: Table | None
    corrections: Table | None
    footer: str  # "hagersten-liljeholmen/2020-02-20, version 5a01111d2e3f"
    keywords: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ what an export holds


def view(minutes: Minutes, options: Options) -> Minutes:
    """The minutes as the export shows them: with `options.items` only those items and no
    next meetings; with `options.public` the public copy of that (refused with
    PublicCopyRefused while something in it would leak: an extract is judged by what it
    holds). The attachments embedded go with what is shown: an extract's are those its
    items name; the public copy has none (a file cannot be masked). The given minutes
    are not changed."""
    lang = options.language
    p = minutes.protocol
    sigs, corrs = minutes.signatures, minutes.corrections
    enclosures = minutes.enclosures
    if options.items is not None:
        p = _extract(p, options.items, lang)
        named = {_entry_name(e) for it in p.items for e in it.attachments}
        enclosures = tuple(e for e in enclosures if _entry_name(e.name) in named)
    if options.public:
        check_public(p, sigs, corrs, lang=lang)
        sigs, corrs = public_record(p, sigs, corrs, lang)
        p = public_view(p, lang)
        enclosures = ()
    return replace(minutes, protocol=p, signatures=sigs, corrections=corrs,
                   enclosures=enclosures)


def _entry_name(text: str) -> str:
    """An item's attachment entry as the file name it names (attachments' rule: exactly,
    in Unicode NFC, surrounding spaces left out)."""
    return unicodedata.normalize("NFC", text.strip())


def _extract(p: Protocol, numbers: tuple[int | str, ...], lang: str) -> Protocol:
    """The minutes with only the items named (17, or "17a" for the extra item "17 a")."""
    if not numbers:
        raise BrotuiError(label("pub_no_items", lang))
    have = {x.key for x in p.items}
    for n in numbers:
        if n not in have:
            known = join_words([x.label for x in p.items if x.number is not None], lang)
            shown = str(n).rstrip("abcdefghijklmnopqrstuvwxyz")  # "17a" as "17 a"
            shown = f"{shown} {str(n)[len(shown):]}".strip()
            raise BrotuiError(label("pub_no_item", lang, number=shown, numbers=known))
    wanted = set(numbers)
    q = replace(p, items=[x for x in p.items if x.key in wanted], next_meetings=[])
    return q


# ------------------------------------------------------------------ the layout

_PRESENCE_LABELS = (("present", "pub_present"), ("excused", "pub_excused"),
                    ("absent", "pub_absent"), ("adjunct", "pub_adjunct"))
_STATUS_LABELS = {"draft": "pub_draft", "review": "pub_review", "approved": "pub_approved"}


def _groups(p: Protocol, lang: str) -> list[Group]:
    by: dict[str, list[Row]] = {}
    for a in p.attendees:
        role = ", ".join(x for x in (a.role, a.organisation) if x)
        by.setdefault(a.presence or "present", []).append(Row(line(a.name), line(role),
                                                              line(a.note)))
    groups = [Group(label(key, lang), by.pop(presence)) for presence, key in _PRESENCE_LABELS
              if presence in by]
    groups += [Group(shown(presence), rows) for presence, rows in by.items()]  # a bad file
    return groups


def _facts(p: Protocol, lang: str) -> list[tuple[str, Text]]:
    out: list[tuple[str, Text]] = []
    time = when(p.date, p.start, p.end, lang, capital=True)
    if time:
        out.append((label("pub_time", lang), [(TEXT, shown(time))]))
    if p.location:
        out.append((label("pub_place", lang), line(p.location)))
    for key in ("chair", "secretary"):
        if getattr(p, key):
            out.append((label(f"pub_{key}", lang), line(getattr(p, key))))
    if p.adjusters:
        runs: Text = []
        for i, name in enumerate(p.adjusters):
            runs += ([(TEXT, ", ")] if i else []) + line(name)
        out.append((label("pub_adjusters", lang), runs))
    return out


def _item(item: Item) -> ItemView:
    return ItemView(
        number="" if item.number is None else f"{item.label}.",
        title=line(item.title) if item.title else None,
        paragraphs=paragraphs(item.text),
        decisions=[t for d in item.decisions if (t := _flat(d))],
        attachments=[line(a) for a in item.attachments if a],
    )


def _flat(text: str) -> Text:
    """A decision (which may have lines) as one run list with its line breaks."""
    paras = paragraphs(text)
    out: Text = []
    for i, para in enumerate(paras):
        out += ([(BREAK, "")] if i else []) + para
    return out


def layout(minutes: Minutes, options: Options) -> Doc:
    """The Doc of minutes already made into their view (see `view()`)."""
    lang = options.language
    p = minutes.protocol
    heading = label("pub_extract" if options.items is not None else "pub_minutes", lang)
    notes = []
    if options.public:
        notes.append(label("pub_public_copy", lang))
    if options.items is not None:
        numbers = [str(x.number) for x in p.items]
        key = "pub_extract_items" if len(numbers) == 1 else "pub_extract_items_many"
        notes.append(label(key, lang, numbers=join_words(numbers, lang)))
    status = p.status
    status_text = label(_STATUS_LABELS[status], lang) if status in _STATUS_LABELS else shown(
        status or "")
    contact = []
    if p.contact:
        contact = [line(x) for x in (p.contact.name, p.contact.phone, p.contact.email) if x]
    meetings = []
    for m in p.next_meetings:
        runs: Text = [(TEXT, shown(when(m.date, m.start, m.end, lang, capital=True)))]
        if m.location:
            runs += [(TEXT, ", "), *line(m.location)] if runs[0][1] else line(m.location)
        meetings.append([r for r in runs if r[1]])
    signatures = None
    if minutes.signatures:
        header = [label(k, lang) for k in ("pub_col_name", "pub_col_role", "pub_col_date")]
        with_commit = any(s.commit for s in minutes.signatures)
        if with_commit:
            header.append(label("pub_col_commit", lang))
        rows = []
        for s in minutes.signatures:
            row = [line(s.name), line(s.role), [(TEXT, s.date.isoformat())]]
            if with_commit:
                row.append([(TEXT, shown(s.commit or "")[:12])])
            rows.append(row)
        signatures = Table(label("pub_signatures", lang), header, rows)
    corrections = None
    if minutes.corrections:
        header = [label(k, lang) for k in ("pub_col_date", "pub_col_who", "pub_col_reason",
                                           "pub_col_summary")]
        rows = [[[(TEXT, c.date.isoformat())], line(c.who), _flat(c.reason), _flat(c.summary)]
                for c in minutes.corrections]
        corrections = Table(label("pub_corrections", lang), header, rows)
    date_iso = p.date.isoformat() if p.date else ""
    footer = minutes.protocol_id
    if minutes.revision:
        footer += ", " + label("pub_revision", lang, revision=minutes.revision[:12])
    council = line(p.council)
    title = ", ".join(x for x in (heading, plain(council), date_iso) if x)
    keywords = [f"brotui-id={minutes.protocol_id}", f"brotui-view={options.view()}"]
    if minutes.revision:
        keywords.insert(1, f"brotui-revision={minutes.revision}")
    return Doc(
        lang=lang, protocol_id=minutes.protocol_id, revision=minutes.revision,
        view=options.view(), title=shown(title), council=council, heading=heading,
        date=formal_date(p.date, lang) if p.date else "", status=status_text, notes=notes,
        groups=_groups(p, lang), facts=_facts(p, lang), items=[_item(x) for x in p.items],
        next_meetings=meetings, contact=contact, signatures=signatures,
        corrections=corrections, footer=shown(footer), keywords=keywords,
    )
