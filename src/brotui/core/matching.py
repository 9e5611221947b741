"""Matching the entries of two versions of a protocol by what they are, not where they
stand: attendees by name, items by number and title, next meetings by date. The field
diff (brotui.core.fielddiff), blame and merge all pair entries so."""

from __future__ import annotations

import difflib
import itertools
import re
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from brotui.core.model import Attendee, Item, Meeting
from brotui.core.words import Budget, opcodes_within

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
        at = back.get(j)
        while r < len(removed) and at is not None and removed[r] < at:
            pairs.append((removed[r], None))
            r += 1
        pairs.append((at, j))
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
    ops = opcodes_within(a, b, min(budget.left(), 0.05))
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
    return _pair(old, new, [lambda i: (i.number, i.letter, i.title) if i.title else None,
                            lambda i: _norm(i.title),
                            lambda i: (i.number, i.letter),
                            lambda i: _norm(i.text)],
                 lambda a, b, budget: _close(a.text, b.text, 0.6, budget),
                 lambda i: i.text)


def match_meetings(old: Sequence[Meeting], new: Sequence[Meeting]
                   ) -> list[tuple[int | None, int | None]]:
    """Next meetings by date and time, then date, then in order (a meeting moved)."""
    return _pair(old, new, [lambda m: (m.date, m.start, m.end, m.location),
                            lambda m: m.date],
                 lambda a, b, budget: True)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def match_by_first_field(old: Sequence[Any], new: Sequence[Any]
                         ) -> list[tuple[int | None, int | None]]:
    """Entries of a part without a matcher of its own (one a later schema adds): by
    their whole value, then by their first field, then in order."""
    def whole(e: Any) -> Any:
        return tuple(_hashable(v) for k, v in vars(e).items() if k != "extra")

    def first(e: Any) -> Any:
        value = next(iter(vars(e).values()), None)
        return _hashable(value) if value not in (None, "", []) else None

    return _pair(old, new, [whole, first], lambda a, b, budget: True)


Matcher = Callable[[Sequence[Any], Sequence[Any]], list[tuple[int | None, int | None]]]
# How the entries of each part in a list are matched, by the part's schema name.
MATCHERS: dict[str, Matcher] = {
    "attendee": match_attendees, "item": match_items, "meeting": match_meetings}


def matcher(part_name: str) -> Matcher:
    return MATCHERS.get(part_name, match_by_first_field)


def item_label(item: Item) -> str:
    return f"§{item.label}" if item.number is not None else "§?"


def name_of(part_name: str) -> Callable[[Any], str | None]:
    """How an entry of a part is named where it is shown (a conflict, a blame line):
    an attendee by name, an item by its number ("§4"), a meeting by its date; an entry
    of another part by its first field."""
    if part_name == "attendee":
        return lambda a: a.name
    if part_name == "item":
        return item_label
    def first(e: Any) -> str | None:
        value = next(iter(vars(e).values()), None)
        if value is None:
            return None
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return first
