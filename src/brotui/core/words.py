"""The word diff: how one text becomes another, word by word, within a time budget, and
long unchanged stretches cut to a few words around each change."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Hashable, Sequence

import fast_diff_match_patch

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


def opcodes_within(a: Sequence[Hashable], b: Sequence[Hashable], seconds: float
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


def ends_kept(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
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
    ops = opcodes_within(a, b, budget.left() * _WORDS_SHARE)
    if ops is not None:
        return a, b, ops
    la, lb = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops = opcodes_within(la, lb, budget.left())
    if ops is not None:
        return la, lb, ops
    return a, b, ends_kept(a, b)


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


def elide(segments: list[tuple[str, str]], context: int = CONTEXT_WORDS) -> list[tuple[str, str]]:
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
