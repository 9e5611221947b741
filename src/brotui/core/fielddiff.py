"""What changed between two revisions of a protocol, field by field, in the domain's words.

A line diff of YAML answers "what changed" badly: a renumbered item or a moved
block reads as noise. Here parts of the minutes are matched by what they are,
not where they stand: attendees by name, items by number and title, next
meetings by date. What remains is a list of `Change`s, each naming its part
("§4 text", "Närvarande: Peter Bragner, roll"), with changed text marked word
by word. The same matching serves blame (`brotui.core.blame`) and merge.

Rendering gives lines of (role, text) spans like `brotui.core.render`: the
command line writes them with colours or with `[-old-]{+new+}` markers, the
TUI as Rich Text. The text is the protocol's own: never markup.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import fast_diff_match_patch

from brotui.core.model import Attendee, Contact, Item, Meeting, Protocol
from brotui.core.render import LABEL, MUTED, TEXT, Line, meeting_when, status_text
from brotui.i18n import t

# Span roles of a diff, besides render's LABEL, TEXT and MUTED: words removed and
# added inside a text (marked [-…-] and {+…+} without colour), and whole values
# before and after (old → new, which reads without marks).
DEL, INS, OLD, NEW = "del", "ins", "old", "new"

ADDED, REMOVED, CHANGED, MOVED, SWAPPED, RENUMBERED = (
    "added", "removed", "changed", "moved", "swapped", "renumbered")

HEADER_FIELDS = ("schema", "council", "date", "start", "end", "location", "status", "chair",
                 "secretary", "adjusters")
SECTION_ORDER = ("header", "attendee", "item", "meeting", "contact", "other")


@dataclass(frozen=True)
class Change:
    """One change to one part of a protocol.

    `section` is header, attendee, item, meeting, contact or other; `subject` names
    the entry within it (an attendee's name, an item's number, a meeting's date);
    `field` the field of that entry (None: the entry as a whole). `old` and `new`
    are the values as text (None: absent). For moves, `old`/`new` are the numbers."""

    kind: str
    section: str
    field: str | None
    subject: str | None
    old: str | None
    new: str | None

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


# ------------------------------------------------------------------- matching

T = TypeVar("T")


def _pair(old: Sequence[T], new: Sequence[T],
          keys: Sequence[Callable[[T], Any]],
          similar: Callable[[T, T, Budget], bool] | None = None,
          words_of: Callable[[T], str | None] | None = None
          ) -> list[tuple[int | None, int | None]]:
    """Match entries of two lists: first by each key in turn (equal, not None),
    then leftover pairs that are `similar`, in order. Unmatched entries pair with None.
    The result follows the new list's order, removed entries where they stood.

    Keys are hashed, so that pass is linear. The similar pass compares every leftover
    pair while there are few; beyond that, see `_pair_similar`."""
    match: dict[int, int] = {}  # old index -> new index
    taken: set[int] = set()
    for key in keys:
        free_new: dict[Any, deque[int]] = {}
        for j, entry in enumerate(new):
            k = key(entry)
            if j not in taken and k is not None:
                free_new.setdefault(k, deque()).append(j)
        for i, entry in enumerate(old):
            if i in match:
                continue
            k = key(entry)
            if k is None or not free_new.get(k):
                continue
            j = free_new[k].popleft()
            match[i] = j
            taken.add(j)
    if similar is not None:
        _pair_similar(old, new, similar, words_of, match, taken)
    pairs: list[tuple[int | None, int | None]] = []
    back = {j: i for i, j in match.items()}
    removed = [i for i in range(len(old)) if i not in match]
    r = 0  # removed[r:] are still to place
    for j in range(len(new)):
        i = back.get(j)
        while r < len(removed) and i is not None and removed[r] < i:
            pairs.append((removed[r], None))
            r += 1
        pairs.append((i, j))
    pairs += [(i, None) for i in removed[r:]]
    return pairs


_ALL_PAIRS = 2500  # leftover pairs compared all with all (50 x 50)
_NEAR = 10  # beyond that: the new leftovers this near an old one's place, either side,
_BUCKET = 50  # those sharing a word with it (a word shared by more tells nothing),
_CANDIDATES = 60  # at most this many in all
MATCH_SECONDS = 1.0  # what the similar pass of one list may spend
_WORD_RE = re.compile(r"\w+")


def _pair_similar(old: Sequence[T], new: Sequence[T],
                  similar: Callable[[T, T, Budget], bool],
                  words_of: Callable[[T], str | None] | None,
                  match: dict[int, int], taken: set[int]) -> None:
    """The leftovers of `old` matched to `similar` ones of `new`, in order. Few: each
    with each. Many (a thousand attendees renamed): each old one with at most
    `_CANDIDATES` new ones, those standing near its place first, then those sharing a
    word of its beginning or end (a name with a typo keeps its other words), until
    `MATCH_SECONDS` are spent: thousands of comparisons, not a million."""
    left_old = [i for i in range(len(old)) if i not in match]
    left_new = [j for j in range(len(new)) if j not in taken]
    if not left_old or not left_new:
        return
    budget = Budget(MATCH_SECONDS)
    if len(left_old) * len(left_new) <= _ALL_PAIRS:
        for i in left_old:
            for j in left_new:
                if j not in taken and similar(old[i], new[j], budget):
                    match[i] = j
                    taken.add(j)
                    break
        return
    buckets: dict[str, list[int]] = {}
    if words_of is not None:
        for n, j in enumerate(left_new):
            for word in _ends_words(words_of(new[j])):
                buckets.setdefault(word, []).append(n)
    for k, i in enumerate(left_old):
        if budget.left() <= 0:
            return  # the rest read as removed and added
        centre = k * len(left_new) // len(left_old)  # where it would stand among the new
        candidates = dict.fromkeys(sorted(
            range(max(0, centre - _NEAR), min(len(left_new), centre + _NEAR + 1)),
            key=lambda n: abs(n - centre)))
        if words_of is not None:
            shared = (buckets.get(w, ()) for w in _ends_words(words_of(old[i])))
            for bucket in sorted((b for b in shared if len(b) <= _BUCKET), key=len):
                candidates.update(dict.fromkeys(bucket))
        for n in itertools.islice(candidates, _CANDIDATES):
            j = left_new[n]
            if j not in taken and similar(old[i], new[j], budget):
                match[i] = j
                taken.add(j)
                break


def _ends_words(text: str | None) -> set[str]:
    """The words a text begins and ends with, in any case."""
    if not text:
        return set()
    return set(_WORD_RE.findall(text[:60].casefold())) | set(
        _WORD_RE.findall(text[-60:].casefold()))


def _norm(text: str | None) -> str | None:
    return " ".join(text.casefold().split()) if text else None


_SHORT = 400  # characters of both strings together: compared by difflib as they are


def _close(a: str | None, b: str | None, ratio: float, budget: Budget) -> bool:
    """Whether two texts are mostly the same characters (difflib's ratio, at least
    `ratio`). Long texts are compared by Myers' diff within what is left of `budget`."""
    if not a or not b:
        return False
    a, b = a.casefold(), b.casefold()
    if 2 * min(len(a), len(b)) < ratio * (len(a) + len(b)):
        return False  # the lengths alone keep the ratio below
    if len(a) + len(b) <= _SHORT:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        return matcher.quick_ratio() >= ratio and matcher.ratio() >= ratio
    ops = _opcodes(a, b, min(budget.left(), 0.05))
    if ops is None:
        return False
    same = sum(i2 - i1 for tag, i1, i2, _j1, _j2 in ops if tag == "equal")
    return 2 * same >= ratio * (len(a) + len(b))


def match_attendees(old: Sequence[Attendee], new: Sequence[Attendee]
                    ) -> list[tuple[int | None, int | None]]:
    """Attendees by name (then by a name spelt alike: a typo corrected)."""
    return _pair(old, new, [lambda a: a.name, lambda a: _norm(a.name)],
                 lambda a, b, budget: _close(a.name, b.name, 0.75, budget),
                 lambda a: a.name)


def match_items(old: Sequence[Item], new: Sequence[Item]) -> list[tuple[int | None, int | None]]:
    """Items by number and title, then title alone (a move), then number alone
    (a new title), then by a text much alike (both renumbered and retitled)."""
    return _pair(old, new, [lambda i: (i.number, i.title) if i.title else None,
                            lambda i: _norm(i.title),
                            lambda i: i.number,
                            lambda i: _norm(i.text)],
                 lambda a, b, budget: _close(a.text, b.text, 0.6, budget),
                 lambda i: i.text)


def match_meetings(old: Sequence[Meeting], new: Sequence[Meeting]
                   ) -> list[tuple[int | None, int | None]]:
    """Next meetings by date and time, then date, then in order (a meeting moved)."""
    return _pair(old, new, [lambda m: (m.date, m.start, m.end, m.location),
                            lambda m: m.date],
                 lambda a, b, budget: True)


# --------------------------------------------------------------- word diff

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
_WS_RE = re.compile(r"\s+")
_WORDISH_RE = re.compile(r"\w+|[^\w\s]")  # the tokens that are not spaces
CONTEXT_WORDS = 6

# What marking the changed words of one diff (a commit message, a diff on screen) may
# cost, over all its fields. Words first; if that does not finish in time, lines; if
# that does not either, the field as one change around what its two ends keep.
DIFF_SECONDS = 0.5
_WORDS_SHARE = 0.8  # of what is left, for words: the rest is for lines
_MIN_SECONDS = 0.001


class Budget:
    """The time left for one diff's work, shared by all its fields so that a protocol
    of many long texts costs no more than one. Counted in this process's processor
    time, as fast-diff-match-patch counts its deadline (C's clock()): on a machine
    busy with other work the answer is the same, only later."""

    def __init__(self, seconds: float = DIFF_SECONDS) -> None:
        self.deadline = time.process_time() + seconds

    def left(self) -> float:
        return self.deadline - time.process_time()


# Characters standing for the distinct tokens of a diff (no surrogates, no ASCII).
_CODE_SPACE = (0xD800 - 0x100) + (0x110000 - 0xE000)


def _encode(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[str, str] | None:
    table = dict.fromkeys(a)
    table.update(dict.fromkeys(b))
    if len(table) > _CODE_SPACE:
        return None
    chars = map(chr, itertools.chain(range(0x100, 0xD800), range(0xE000, 0x110000)))
    code = dict(zip(table, chars, strict=False)).__getitem__
    return "".join(map(code, a)), "".join(map(code, b))


Opcode = tuple[str, int, int, int, int]


def _opcodes(a: Sequence[Hashable], b: Sequence[Hashable], seconds: float
             ) -> list[Opcode] | None:
    """How `a` becomes `b`, as difflib's opcodes, items compared whole; None if that
    cannot be found within `seconds`.

    Myers' diff in C++ (fast-diff-match-patch), over the items encoded one character
    each: O(N·D) for N items and D differences, common ends trimmed first, with a
    deadline. difflib's SequenceMatcher took 11 s on 2,000 words with 40 changes."""
    if seconds < _MIN_SECONDS:
        return None
    encoded = _encode(a, b)
    if encoded is None:
        return None
    began = time.process_time()
    found = fast_diff_match_patch.diff(*encoded, timelimit=seconds, checklines=False,
                                       cleanup="No")
    if time.process_time() - began >= seconds:
        return None  # it gave up part way: its answer is one change of the rest
    out: list[Opcode] = []
    i = j = 0
    for op, n in found:
        if op == "=":
            out.append(("equal", i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op == "-":
            out.append(("delete", i, i + n, j, j))
            i += n
        elif out and out[-1][0] == "delete" and out[-1][2] == i:
            _tag, i1, i2, j1, _j2 = out[-1]
            out[-1] = ("replace", i1, i2, j1, j + n)
            j += n
        else:
            out.append(("insert", i, i, j, j + n))
            j += n
    return out


def _ends_kept(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """The coarsest answer: what both begin and end with, and one change between."""
    n = min(len(a), len(b))
    head = next((k for k in range(n) if a[k] != b[k]), n)
    tail = next((k for k in range(n - head) if a[-1 - k] != b[-1 - k]), n - head)
    out: list[Opcode] = []
    if head:
        out.append(("equal", 0, head, 0, head))
    if len(a) - tail > head or len(b) - tail > head:
        out.append(("replace", head, len(a) - tail, head, len(b) - tail))
    if tail:
        out.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return out


def _text_opcodes(old: str, new: str, budget: Budget
                  ) -> tuple[list[str], list[str], list[Opcode]]:
    """The two texts cut into words and spaces (or, out of time, lines) and how the
    first becomes the second."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    ops = _opcodes(a, b, budget.left() * _WORDS_SHARE)
    if ops is not None:
        return a, b, ops
    la, lb = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops = _opcodes(la, lb, budget.left())
    if ops is not None:
        return la, lb, ops
    return a, b, _ends_kept(a, b)


def words(old: str, new: str, budget: Budget | None = None) -> list[tuple[str, str]]:
    """The two texts as (op, text) segments: "=" both, "-" only old, "+" only new."""
    a, b, opcodes = _text_opcodes(old, new, budget or Budget())
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
        else:
            add("-", "".join(a[i1:i2]))
            add("+", "".join(b[j1:j2]))
    # A space left alone between two changes reads better inside them.
    merged: list[tuple[str, str]] = []
    for k, seg in enumerate(out):
        if (seg[0] == "=" and seg[1].isspace() and 0 < k < len(out) - 1
                and out[k - 1][0] != "=" and out[k + 1][0] != "="):
            merged.append(("-", seg[1]))
            merged.append(("+", seg[1]))
        else:
            merged.append(seg)
    final: list[tuple[str, str]] = []
    for op, text in merged:  # regroup: all removed words, then all added, per hunk
        if final and final[-1][0] == op:
            final[-1] = (op, final[-1][1] + text)
        elif op == "-" and len(final) >= 2 and final[-1][0] == "+" and final[-2][0] == "-":
            final[-2] = ("-", final[-2][1] + text)
        elif op == "+" and final and final[-1][0] == "-" and len(final) >= 2 \
                and final[-2][0] == "+":
            final[-2] = ("+", final[-2][1] + text)
            final[-1], final[-2] = final[-2], final[-1]
        else:
            final.append((op, text))
    return final


def _elide(segments: list[tuple[str, str]], context: int = CONTEXT_WORDS) -> list[tuple[str, str]]:
    """Long unchanged stretches cut to a few words either side of each change. Only the
    words kept are looked at: a long text's stretches are not cut into words again."""
    out: list[tuple[str, str]] = []
    for k, (op, text) in enumerate(segments):
        if op != "=":
            out.append((op, _WS_RE.sub(" ", text)))
            continue
        first, last = k == 0, k == len(segments) - 1
        keep_head = 0 if first else context
        keep_tail = 0 if last else context
        enough = keep_head + keep_tail + 3  # fewer words than this: kept whole
        found = list(itertools.islice(_WORDISH_RE.finditer(text), enough))
        if len(found) < enough:
            out.append(("=", _WS_RE.sub(" ", text)))
            continue
        head = _WS_RE.sub(" ", text[:found[keep_head - 1].end()]) if keep_head else ""
        tail = ""
        if keep_tail:  # the words it ends with, found from its end
            back = list(itertools.islice(_WORDISH_RE.finditer(text[::-1]), keep_tail))
            tail = _WS_RE.sub(" ", text[len(text) - back[-1].end():])
        if head:
            out.append(("=", head + " "))
        out.append(("…", "… "))
        if tail:
            out.append(("=", tail))
        elif out[-1] == ("…", "… "):
            out[-1] = ("…", "…")
    return out


# -------------------------------------------------------------------- the diff


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _extra(section: str, subject: str | None, old: dict[str, Any], new: dict[str, Any]
           ) -> list[Change]:
    out = []
    for key in dict.fromkeys([*old, *new]):
        a, b = old.get(key), new.get(key)
        if a != b:
            kind = ADDED if key not in old else REMOVED if key not in new else CHANGED
            out.append(Change(kind, section, key, subject, _plain(a), _plain(b)))
    return out


def _plain(value: Any) -> str | None:
    """An unknown field's value as one line of text, as the file says it."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def attendee_text(a: Attendee) -> str:
    details = [x for x in (a.role, a.organisation) if x]
    if a.presence != "present":
        details.append(t(f"presence_{a.presence}") if a.presence in
                       ("excused", "absent", "adjunct") else a.presence)
    if a.note:
        details.append(a.note)
    return f"{a.name or '?'} ({', '.join(details)})" if details else (a.name or "?")


def meeting_text(m: Meeting) -> str:
    return ", ".join(x for x in (meeting_when(m.date, m.start, m.end), m.location or "") if x)


def item_label(item: Item) -> str:
    return f"§{item.number}" if item.number is not None else "§?"


def _list_changes(section: str, field: str, subject: str | None,
                  old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """Entries of a list of strings (decisions, attachments, adjusters)."""
    out = []
    opcodes = _opcodes(old, new, MATCH_SECONDS)
    for tag, i1, i2, j1, j2 in opcodes if opcodes is not None else _ends_kept(old, new):
        if tag == "equal":
            continue
        a, b = list(old[i1:i2]), list(new[j1:j2])
        while a and b:
            out.append(Change(CHANGED, section, field, subject, a.pop(0), b.pop(0)))
        out += [Change(REMOVED, section, field, subject, x, None) for x in a]
        out += [Change(ADDED, section, field, subject, None, x) for x in b]
    return out


def _fields(section: str, subject: str | None, old: Any, new: Any,
            names: Sequence[str]) -> list[Change]:
    out = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        if name == "presence":
            a, b = _presence(a), _presence(b)
        kind = CHANGED if a not in (None, "") and b not in (None, "") else (
            ADDED if a in (None, "") else REMOVED)
        out.append(Change(kind, section, name, subject, _text(a), _text(b)))
    return out


def _presence(value: str) -> str:
    return t(f"presence_{value}") if value in ("present", "excused", "absent",
                                                "adjunct") else value


def diff(old: Protocol | None, new: Protocol | None) -> list[Change]:
    """Every change from `old` to `new`, in the order of the minutes. None: no protocol
    (created or deleted), which is one change of the whole."""
    if old is None or new is None:
        if old is new:
            return []
        p = new or old
        assert p is not None
        return [Change(ADDED if old is None else REMOVED, "protocol", None, None,
                       None if old is None else p.title, p.title if old is None else None)]
    out: list[Change] = []
    for name in HEADER_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        if name == "adjusters":
            out += _list_changes("header", name, None, a, b)
        else:
            if name == "status":
                a, b = status_text(a), status_text(b)
            kind = CHANGED if a not in (None, "") and b not in (None, "") else (
                ADDED if a in (None, "") else REMOVED)
            out.append(Change(kind, "header", name, None, _text(a), _text(b)))
    out += _attendees(old.attendees, new.attendees)
    out += _items(old.items, new.items)
    out += _meetings(old.next_meetings, new.next_meetings)
    if old.contact != new.contact:
        a = old.contact or Contact()
        b = new.contact or Contact()
        out += _fields("contact", None, a, b, ("name", "phone", "email"))
        out += _extra("contact", None, a.extra, b.extra)
    out += _extra("other", None, old.extra, new.extra)
    return out


def _attendees(old: list[Attendee], new: list[Attendee]) -> list[Change]:
    out = []
    for i, j in match_attendees(old, new):
        if i is None:
            out.append(Change(ADDED, "attendee", None, new[j].name, None,  # type: ignore[index]
                              attendee_text(new[j])))  # type: ignore[index]
        elif j is None:
            out.append(Change(REMOVED, "attendee", None, old[i].name,
                              attendee_text(old[i]), None))
        elif old[i] != new[j]:
            a, b = old[i], new[j]
            out += _fields("attendee", b.name, a, b, ("name", "role", "organisation",
                                                      "presence", "note"))
            out += _extra("attendee", b.name, a.extra, b.extra)
    return out


def _items(old: list[Item], new: list[Item]) -> list[Change]:
    out: list[Change] = []
    pairs = match_items(old, new)
    moved = [(i, j) for i, j in pairs if i is not None and j is not None
             and old[i].number != new[j].number]
    swaps: set[tuple[int, int]] = set()
    by_numbers: dict[tuple[Any, Any], list[tuple[int, int]]] = {}
    for i, j in moved:
        by_numbers.setdefault((old[i].number, new[j].number), []).append((i, j))
    for i, j in moved:  # two items that took each other's numbers
        for k, m in by_numbers.get((new[j].number, old[i].number), []):
            if (i, j) < (k, m) and (k, m) not in swaps and (i, j) not in swaps:
                swaps |= {(i, j), (k, m)}
                out.append(Change(SWAPPED, "item", None, None,
                                  _text(old[i].number), _text(old[k].number)))
    shifted = sorted(((i, j) for i, j in moved if (i, j) not in swaps),
                     key=lambda p: (old[p[0]].number is None, old[p[0]].number or 0))
    # Items that kept their order but changed number are renumbered; the others moved.
    order_kept = _keeps_order([(old[i].number, new[j].number) for i, j in shifted])
    renumbered = [(i, j) for (i, j), kept in zip(shifted, order_kept, strict=True) if kept]
    if renumbered:
        first, last = renumbered[0], renumbered[-1]
        out.append(Change(RENUMBERED, "item", None, None,
                          _span(old[first[0]].number, old[last[0]].number),
                          _span(new[first[1]].number, new[last[1]].number)))
    for (i, j), kept in zip(shifted, order_kept, strict=True):
        if not kept:
            out.append(Change(MOVED, "item", None, new[j].title or item_label(new[j]),
                              _text(old[i].number), _text(new[j].number)))
    for i, j in pairs:
        if i is None:
            item = new[j]  # type: ignore[index]
            out.append(Change(ADDED, "item", None, item_label(item), None,
                              _item_text(item)))
        elif j is None:
            item = old[i]
            out.append(Change(REMOVED, "item", None, item_label(item),
                              _item_text(item), None))
        elif old[i] != new[j]:
            a, b = old[i], new[j]
            subject = item_label(b)
            out += _fields("item", subject, a, b, ("title", "text"))
            out += _list_changes("item", "decisions", subject, a.decisions, b.decisions)
            out += _list_changes("item", "attachments", subject, a.attachments, b.attachments)
            out += _extra("item", subject, a.extra, b.extra)
    return out


def _keeps_order(pairs: list[tuple[Any, Any]]) -> list[bool]:
    """Which (old, new) number pairs, in old order, lie on a longest run that keeps
    its order in the new numbering too: a longest increasing run of the new numbers,
    by patience sorting (n log n), the earliest such run where several are as long.
    A pair without a number is a run of its own."""
    n = len(pairs)
    if not n:
        return []
    tails: list[int] = []  # per run length: the least number ending such a run so far
    levels: list[tuple[list[int], list[int]]] = []  # per length: (-number, index) in order
    length = [1] * n
    prev = [-1] * n
    for k, (_old, number) in enumerate(pairs):
        if not isinstance(number, int):
            continue
        at = bisect.bisect_left(tails, number)
        if at:  # the earliest pair one run shorter with a smaller number
            negated, indices = levels[at - 1]
            prev[k] = indices[bisect.bisect_right(negated, -number)]
        if at == len(tails):
            tails.append(number)
            levels.append(([], []))
        tails[at] = number
        levels[at][0].append(-number)
        levels[at][1].append(k)
        length[k] = at + 1
    longest = max(length)
    k = length.index(longest)
    keep = [False] * n
    while k != -1:
        keep[k] = True
        k = prev[k]
    return keep


def _span(a: int | None, b: int | None) -> str:
    return f"§{a}" if a == b else f"§{a}–§{b}"


def _item_text(item: Item) -> str:
    """An item named in one line: its number and title (or its text's first line)."""
    text = item.title or (item.text or "").strip().split("\n")[0]
    return f"{item_label(item)} {text}".strip()


def _meetings(old: list[Meeting], new: list[Meeting]) -> list[Change]:
    out = []
    for i, j in match_meetings(old, new):
        if i is None:
            out.append(Change(ADDED, "meeting", None, None, None,
                              meeting_text(new[j])))  # type: ignore[index]
        elif j is None:
            out.append(Change(REMOVED, "meeting", None, None, meeting_text(old[i]), None))
        elif old[i] != new[j]:
            a, b = old[i], new[j]
            subject = _text(a.date) if a.date == b.date else None
            out += _fields("meeting", subject, a, b, ("date", "start", "end", "location"))
            out += _extra("meeting", subject, a.extra, b.extra)
    return out


# ------------------------------------------------------------------- rendering

_FIELD_LABELS = {
    "council": "form_council", "date": "form_date", "start": "form_start", "end": "form_end",
    "location": "label_location", "status": "label_status", "chair": "label_chair",
    "secretary": "label_secretary", "adjusters": "label_adjusters", "schema": "diff_schema",
    "name": "form_name", "role": "form_role", "organisation": "form_organisation",
    "presence": "form_presence", "note": "form_note", "title": "form_title",
    "text": "form_text", "decisions": "label_decisions", "attachments": "label_attachments",
    "phone": "form_phone", "email": "form_email", "number": "form_number",
    "extra": "label_other_fields",
}
_SECTION_LABELS = {"attendee": "label_attendees", "meeting": "label_next_meetings",
                   "contact": "label_contact", "other": "label_other_fields"}


def field_label(field: str | None, lang: str | None = None) -> str:
    if field is None:
        return ""
    key = _FIELD_LABELS.get(field)
    return t(key, lang=lang).lower() if key else field


def part_label(section: str, subject: str | None, field: str | None,
               lang: str | None = None) -> str:
    """A part of the minutes as people name it: "Plats", "§4 text", "§4",
    "Närvarande: Anna Ek, roll", "Kommande möten: 2020-05-14"."""
    name = field_label(field, lang)
    if section == "protocol":
        return t("label_protocol", lang=lang)
    if section == "header":
        return name[:1].upper() + name[1:]
    if section == "item":
        return f"{subject or ''} {name}".strip()
    head = t(_SECTION_LABELS[section], lang=lang)
    parts = [p for p in (subject, name) if p]
    return f"{head}: {', '.join(parts)}" if parts else head


def where(change: Change, lang: str | None = None) -> str:
    """The part a change is in: for a whole entry added, removed or moved, its list."""
    c = change
    if c.field is None and c.section in ("item", "attendee", "meeting"):
        return t({"item": "label_items", "attendee": "label_attendees",
                  "meeting": "label_next_meetings"}[c.section], lang=lang)
    return part_label(c.section, c.subject, c.field, lang)


_WHOLE_VALUES = {"date", "start", "end", "status", "presence", "schema", "phone", "email"}


def _prose(change: Change, budget: Budget) -> list[tuple[str, str]] | None:
    """The words of a text worth marking word by word (several words, most of them
    kept), else None. Dates, times, numbers and short values read better whole:
    old → new."""
    old, new = change.old, change.new
    if not old or not new or change.field in _WHOLE_VALUES:
        return None
    old_words, new_words = old.split(), new.split()
    if old_words != new_words and max(len(old_words), len(new_words)) < 3:
        return None
    segments = words(old, new, budget)
    if old_words == new_words:
        return segments  # only spacing changed
    kept = sum(len(text) for op, text in segments if op == "=" and text.strip())
    if kept < max(len(old), len(new)) / 2:
        return None  # mostly rewritten: old → new reads better
    return segments


def change_line(change: Change, lang: str | None = None, budget: Budget | None = None
                ) -> Line:
    """One change as a line of spans: the part, then what happened to it. `budget`:
    the time its word marks may take (see DIFF_SECONDS), shared with other lines."""
    c = change
    segments = None
    if c.kind == CHANGED:
        segments = _prose(c, budget or Budget())
    line: Line = [(LABEL, where(c, lang) + ": ")]
    if c.kind == SWAPPED:
        line.append((TEXT, t("diff_swapped", a=f"§{c.old}", b=f"§{c.new}", lang=lang)))
    elif c.kind == RENUMBERED:
        line.append((TEXT, t("diff_renumbered", old=c.old or "", new=c.new or "", lang=lang)))
    elif c.kind == MOVED:
        line.append((TEXT, t("diff_moved", what=c.subject or "", old=f"§{c.old}",
                             new=f"§{c.new}", lang=lang)))
    elif c.kind == ADDED:
        line += [(NEW, "+ " + (c.new or ""))]
    elif c.kind == REMOVED:
        line += [(OLD, "− " + (c.old or ""))]
    elif segments is not None:
        if all(op == "=" or text.isspace() for op, text in segments):
            line.append((MUTED, t("diff_whitespace", lang=lang)))
        else:
            for op, text in _elide(segments):
                line.append(({"=": TEXT, "-": DEL, "+": INS}.get(op, MUTED), text))
    else:
        line += [(OLD, c.old or ""), (MUTED, " → "), (NEW, c.new or "")]
    return line


def lines(changes: Sequence[Change], lang: str | None = None) -> list[Line]:
    if not changes:
        return [[(MUTED, t("diff_no_change", lang=lang))]]
    budget = Budget()
    return [change_line(c, lang, budget) for c in changes]


def plain(line: Line) -> str:
    """A line without colour: removed text as [-…-], added as {+…+}."""
    out = []
    for role, text in line:
        if role == DEL:
            out.append(f"[-{text}-]")
        elif role == INS:
            out.append(f"{{+{text}+}}")
        else:
            out.append(text)
    return "".join(out).rstrip()


# ------------------------------------------------------------- commit messages


def summary(change: Change, lang: str | None = None) -> str:
    """A change in a few words, for a commit's summary line."""
    c = change
    if c.section == "protocol":
        return t("commit_new_short" if c.kind == ADDED else "commit_removed_short", lang=lang)
    if c.kind in (SWAPPED, RENUMBERED, MOVED):
        return plain(change_line(c, lang)[1:])
    if c.section == "attendee" and c.field is None:
        key = "sum_attendee_added" if c.kind == ADDED else "sum_attendee_removed"
        return t(key, name=c.subject or "?", lang=lang)
    if c.section == "item" and c.field is None:
        key = "sum_item_added" if c.kind == ADDED else "sum_item_removed"
        return t(key, item=c.subject or "?", lang=lang)
    if c.section == "meeting" and c.field is None:
        key = "sum_meeting_added" if c.kind == ADDED else "sum_meeting_removed"
        return t(key, lang=lang)
    return t("sum_changed", what=where(c, lang), lang=lang)


def message(protocol_id: str, changes: Sequence[Change], lang: str | None = None,
            width: int = 72) -> str:
    """A commit message: the summary line, a body listing every change, the trailer."""
    if not changes:
        subject = t("commit_changed", id=protocol_id, what=t("what_format", lang=lang),
                    lang=lang)
        body = t("commit_format_body", lang=lang)
    else:
        parts = list(dict.fromkeys(summary(c, lang) for c in changes))
        subject = f"{protocol_id}: {parts[0]}"
        for n in range(len(parts), 0, -1):
            rest = len(parts) - n
            more = t("commit_more", n=rest, lang=lang) if rest else ""
            candidate = f"{protocol_id}: {', '.join(parts[:n])}{more}"
            if len(candidate) <= width or n == 1:
                subject = candidate
                break
        budget = Budget()
        body = "\n".join("- " + plain(change_line(c, lang, budget)) for c in changes)
    return f"{subject}\n\n{body}\n\nProtocol: {protocol_id}\n"
