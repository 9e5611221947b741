"""Canonical YAML for protocols: a safe loader that knows lines, a deterministic dumper.

Loading never builds Python objects from tags, refuses anchors and aliases
(an alias bomb is a few lines long), duplicate keys, binary data and files
over `MAX_BYTES`, and reports every problem with its YAML path and line.
Values are converted by field, so `start: 15:00` (YAML 1.1 reads the integer
900) is named as a time that needs quotes, not silently accepted.

Dumping writes keys in the canonical order, Swedish letters as themselves,
multi-line text as literal blocks, times always in double quotes and any
string that YAML would read as something else (a number, a date, yes/no) in
double quotes. `load(dump(p)).protocol == p` and a second dump is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from brotui.core.model import Protocol
from brotui.core.problems import ERROR, WARNING, Problem
from brotui.core.schema import DATE_RE, PROTOCOL, TIME_RE, Field, Kind, Part, clock_part_wrong
from brotui.core.text import CONTROL_RE
from brotui.i18n import Msg, Size, msg_id

MAX_BYTES = 1_000_000
MAX_DEPTH = 50  # lists and maps inside each other; a protocol needs four

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
# The only tags a protocol may carry: YAML's plain types, never Python objects or binary.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}"
               for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
# How each field is read and written is declared once, in brotui.core.schema.


@dataclass
class Parsed:
    """The outcome of reading one file: the protocol if it could be built,
    every problem found while reading, and the line of each YAML path."""

    protocol: Protocol | None
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.protocol is not None and not self.errors


# --------------------------------------------------------------------- loading

# The kinds as plain names: an Enum member looked up on its class costs ten times a
# global's lookup in Python 3.11, and every value of every file is dispatched on them.
_LINE, _INT, _DATE, _TIME = Kind.LINE, Kind.INT, Kind.DATE, Kind.TIME
_NAMES, _LINES, _TEXTS, _PARTS, _PART = Kind.NAMES, Kind.LINES, Kind.TEXTS, Kind.PARTS, Kind.PART


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text, or the reason they are not a text file we accept."""
    if len(data) > MAX_BYTES:
        return None, [too_large(len(data))]
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return None, [Problem("", line, Msg.of("binary"))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [Problem("", line, Msg.of("not_utf8", byte=f"0x{data[exc.start]:02x}"))]
    problems = []
    if text.startswith("\ufeff"):
        text = text[1:]
        problems.append(Problem("", 1, Msg.of("bom_error")))
    return text, problems


def too_large(size: int) -> Problem:
    """The refusal of a file over MAX_BYTES, which is never read."""
    return Problem("", None, Msg.of("file_too_large", size=Size(size, (MAX_BYTES,)),
                                    limit=Size(MAX_BYTES, (size,))))


def load(data: bytes | str) -> Parsed:
    """Read one protocol file. Never raises on bad input: problems say what is wrong."""
    try:
        return _load(data)
    except Exception as exc:  # a file must never break the list or the check of the others
        import logging  # here: only a bug reaches it, and logging costs every start ~3 ms

        logging.getLogger("brotui").exception("reading a protocol file")
        return Parsed(None, [Problem("", None, Msg.of("unreadable", kind=type(exc).__name__))])


def _load(data: bytes | str) -> Parsed:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    text, problems = decode(data)
    if text is None:
        return Parsed(None, problems)
    try:
        if "&" in text or "*" in text:
            alias = _first_anchor_or_alias(text)
            if alias is not None:
                return Parsed(None, [*problems, Problem("", alias, Msg.of("alias"))])
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return Parsed(None, [*problems, Problem("", line, Msg.of("control_char",
                                                              char=f"U+{ord(char):04X}"))])
    except yaml.MarkedYAMLError as exc:
        return Parsed(None, [*problems, _syntax_problem(exc)])
    except yaml.YAMLError as exc:
        return Parsed(None, [*problems, Problem("", None, Msg.of("yaml_syntax", detail=str(exc)))])
    if node is None:
        return Parsed(None, [*problems, Problem("", 1, Msg.of("empty_file"))])
    reader = _Reader()
    protocol = reader.build(node, "", PROTOCOL)
    if protocol is not None and "schema" not in reader.lines:
        protocol.schema = None  # a file must say its schema; the model's default is for new ones
    return Parsed(protocol, problems + reader.problems, reader.lines)


# What libyaml says about the commonest mistakes, as people would say it.
_SYNTAX = [
    ("mapping values are not allowed", msg_id("syntax_colon")),
    ("could not find expected ':'", msg_id("syntax_no_colon")),
    ("did not find expected key", msg_id("syntax_indent")),
    ("did not find expected '-' indicator", msg_id("syntax_indent")),
    ("block sequence entries are not allowed", msg_id("syntax_dash")),
    ("found a tab character", msg_id("syntax_tab")),
    ("found character '\\t' that cannot start any token", msg_id("syntax_tab")),
    ("expected a single document", msg_id("syntax_documents")),
    ("but found another document", msg_id("syntax_documents")),
]


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error: its line and a sentence saying what to look for."""
    mark = exc.problem_mark or exc.context_mark
    said = f"{exc.problem or ''} ({exc.context or ''})"
    if "scanning a quoted scalar" in said and exc.context_mark is not None:
        return Problem("", exc.context_mark.line + 1, Msg.of("syntax_unclosed_quote"))
    if "maximum nesting depth" in said:
        return Problem("", mark.line + 1 if mark else None, Msg.of("too_deep", limit=MAX_DEPTH))
    line = mark.line + 1 if mark else None
    for needle, sentence in _SYNTAX:
        if needle in said:
            return Problem("", line, Msg.of(sentence))
    detail = exc.problem or exc.context or "?"
    if exc.context and exc.problem:
        detail = f"{exc.problem} ({exc.context})"
    return Problem("", line, Msg.of("yaml_syntax", detail=detail))


def _first_anchor_or_alias(text: str) -> int | None:
    """The line of the first anchor or alias, None if there is none."""
    for event in yaml.parse(text, Loader=_Loader):
        if (isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)) and (
                event.start_mark is not None):
            return int(event.start_mark.line) + 1
    return None


def _depth(node: yaml.Node) -> int:
    """How many lists and maps lie inside each other at the deepest point (no recursion)."""
    deepest = 0
    todo: list[tuple[yaml.Node, int]] = [(node, 0)]
    seen: set[int] = set()
    while todo:
        current, depth = todo.pop()
        if id(current) in seen or isinstance(current, yaml.ScalarNode):
            continue
        seen.add(id(current))
        deepest = max(deepest, depth + 1)
        if deepest > MAX_DEPTH:
            break
        if isinstance(current, yaml.SequenceNode):
            todo.extend((child, depth + 1) for child in current.value)
        else:
            todo.extend((child, depth + 1) for pair in current.value for child in pair)
    return deepest


def _found(value: Any, raw: str) -> Msg:
    """How a value of the wrong type is named in a message."""
    if value is None:
        return Msg.of("found_null")
    if isinstance(value, bool):
        return Msg.of("found_bool", raw=raw)
    if isinstance(value, int | float):
        return Msg.of("found_number", raw=raw)
    if isinstance(value, dt.date):
        return Msg.of("found_date", raw=raw)
    if isinstance(value, list):
        return Msg.of("found_list")
    if isinstance(value, dict):
        return Msg.of("found_map")
    if isinstance(value, str):
        return Msg.of("found_text", raw=raw)
    return Msg.of("found_other", raw=raw)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Reader:
    """Walks a composed YAML node tree into the model, noting lines and problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}
        self._seen: set[int] = set()
        self._ctor = SafeConstructor()

    def error(self, path: str, node: yaml.Node | None, message: Msg,
              severity: str = ERROR) -> None:
        line = node.start_mark.line + 1 if node is not None else self.lines.get(path)
        self.problems.append(Problem(path, line, message, severity))

    # -- generic values -------------------------------------------------------

    def scalar(self, node: yaml.ScalarNode, path: str) -> Any:
        ctor = SafeConstructor.yaml_constructors.get(node.tag)
        if ctor is None or node.tag not in _PLAIN_TAGS:
            self.error(path, node, Msg.of("bad_tag", tag=node.tag))
            return None
        try:
            return ctor(self._ctor, node)
        except (ValueError, ConstructorError, OverflowError):
            return node.value  # e.g. 2020-02-30: read as the text written, judged by field

    def plain(self, node: yaml.Node, path: str, top: bool = True) -> Any:
        """Any YAML value as plain Python (for keys brotui does not know)."""
        if top and _depth(node) > MAX_DEPTH:  # Python's recursion would give out first
            self.error(path, node, Msg.of("too_deep", limit=MAX_DEPTH))
            return None
        if id(node) in self._seen:  # an alias that slipped past the event scan
            self.error(path, node, Msg.of("alias"))
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_collection_tag(node, path, "tag:yaml.org,2002:seq")
            return [self.plain(child, f"{path}[{i}]", False)
                    for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        self._check_collection_tag(node, path, "tag:yaml.org,2002:map")
        return {key: self.plain(value, _join(path, key), False)
                for key, _, value in self.pairs(node, path)}

    def _check_collection_tag(self, node: yaml.Node, path: str, expected: str) -> None:
        if node.tag != expected:
            self.error(path, node, Msg.of("bad_tag", tag=node.tag))

    def pairs(self, node: yaml.MappingNode, path: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The (key, key node, value node) of a mapping; duplicate and non-text keys refused."""
        out: list[tuple[str, yaml.Node, yaml.Node]] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.error(path, key_node,
                           Msg.of("key_not_text_found", found=self._describe(key_node, path)))
                continue
            key = key_node.value
            bad = CONTROL_RE.search(key)
            if bad:
                self.error(_join(path, key), key_node,
                           Msg.of("key_control", char=f"U+{ord(bad.group()):04X}"))
                continue
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.error(_join(path, key), key_node,
                           Msg.of("duplicate_key", key=key, first=first_line[key]))
                continue
            first_line[key] = line
            out.append((key, key_node, value_node))
        return out

    # -- typed fields ---------------------------------------------------------

    def build(self, node: yaml.Node, path: str, part: Part) -> Any:
        """An instance of the part's class from a mapping node, by its fields."""
        if not isinstance(node, yaml.MappingNode):
            self.error(path, node, Msg.of("expected_map", found=self._describe(node, path)))
            return None
        self._check_collection_tag(node, path, "tag:yaml.org,2002:map")
        self._seen.add(id(node))
        self.lines.setdefault(path, node.start_mark.line + 1)
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        by_key = part.by_key
        for key, key_node, value_node in self.pairs(node, path):
            sub = _join(path, key)
            self.lines[sub] = key_node.start_mark.line + 1
            f = by_key.get(key)
            if f is None:
                self.error(sub, key_node, Msg.of("unknown_key", key=key), WARNING)
                extra[key] = self.plain(value_node, sub)
                continue
            value = self.value(value_node, sub, f.kind, f.part)
            if value is not None:
                values[key] = value
        return part.cls(**values, extra=extra)

    def field(self, node: yaml.Node, path: str, f: Field) -> Any:
        """A field's value from its node, by its kind; None (and a problem) if wrong."""
        return self.value(node, path, f.kind, f.part)

    def value(self, node: yaml.Node, path: str, kind: Kind, part: Part | None = None) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self.error(path, node, Msg.of("bad_tag", tag=node.tag))
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return None
        if kind in (_PART, _PARTS):
            assert part is not None
            if kind is _PART:
                return self.build(node, path, part)
            if not isinstance(node, yaml.SequenceNode):
                self.error(path, node, Msg.of("expected_list", found=self._describe(node, path)))
                return None
            out = []
            for i, child in enumerate(node.value):
                sub = f"{path}[{i}]"
                self.lines[sub] = child.start_mark.line + 1
                built = self.build(child, sub, part)
                if built is not None:
                    out.append(built)
            return out
        if kind in (_NAMES, _LINES, _TEXTS):
            if not isinstance(node, yaml.SequenceNode):
                self.error(path, node, Msg.of("expected_list", found=self._describe(node, path)))
                return None
            out = []
            for i, child in enumerate(node.value):
                sub = f"{path}[{i}]"
                self.lines[sub] = child.start_mark.line + 1
                value = self.value(child, sub, _LINE)
                if value is not None:
                    out.append(value)
            return out
        if not isinstance(node, yaml.ScalarNode):
            self.error(path, node, Msg.of("expected_text_only", found=self._describe(node, path)))
            return None
        value = self.scalar(node, path)
        raw = node.value
        if kind is _INT:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.error(path, node, Msg.of("expected_int", found=_found(value, raw)))
            return None
        if kind is _DATE:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return value
            if isinstance(value, str) and DATE_RE.fullmatch(value):
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    pass
            self.error(path, node, Msg.of("bad_date", raw=raw))
            return None
        if kind is _TIME:
            if isinstance(value, str):
                if TIME_RE.fullmatch(value):
                    return value
                wrong = clock_part_wrong(value)
                self.error(path, node, Msg.of("bad_time", raw=raw) if wrong is None else
                           Msg.of("bad_hour" if wrong[0] == "hour" else "bad_minute",
                                  part=wrong[1], raw=raw))
                return None
            if isinstance(value, int) and not isinstance(value, bool):
                self.error(path, node, Msg.of("time_unquoted", raw=raw, value=value))
            else:
                self.error(path, node, Msg.of("bad_time", raw=raw))
            return None
        # LINE, TEXT or CHOICE (an unknown choice is kept, and validate names it)
        if isinstance(value, str):
            return value
        self.error(path, node, Msg.of("expected_text", found=_found(value, raw), raw=raw))
        return None

    def _describe(self, node: yaml.Node, path: str) -> Msg:
        if isinstance(node, yaml.SequenceNode):
            return Msg.of("found_list")
        if isinstance(node, yaml.MappingNode):
            return Msg.of("found_map")
        assert isinstance(node, yaml.ScalarNode)
        return _found(self.scalar(node, path), node.value)


# --------------------------------------------------------------------- dumping


class _Time(str):
    """A time of day: always written in double quotes."""


class _Dumper(yaml.SafeDumper):
    """PyYAML's pure-Python emitter, so the bytes do not depend on libyaml."""


# Characters a plain, quoted or literal scalar cannot carry as themselves: controls, and
# what YAML reads as a line break (NEL, LS, PS). Double quotes write them as escapes.
_ESCAPED_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if _ESCAPED_RE.search(data):
        return dumper.represent_scalar(_STR, data, style='"')
    if "\n" in data:
        return dumper.represent_scalar(_STR, data, style="|")
    if dumper.resolve(yaml.ScalarNode, data, (True, False)) != _STR:  # type: ignore[no-untyped-call]
        return dumper.represent_scalar(_STR, data, style='"')
    return dumper.represent_scalar(_STR, data)


def _represent_time(dumper: yaml.SafeDumper, data: _Time) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, str(data), style='"')


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Time, _represent_time)


def _tree(obj: Any, part: Part) -> dict[str, Any]:
    """A model object as an ordered dict in canonical key order, extras last. A field
    at the model's default is left out, unless it is always written."""
    out: dict[str, Any] = {}
    defaults = part.defaults()
    last: dict[str, Any] = {}
    for f in part.fields:
        value = getattr(obj, f.key)
        if value is None or value == [] or (value == defaults.get(f.key)
                                            and not f.always_written):
            continue
        if f.kind is Kind.PART:
            assert f.part is not None
            value = _tree(value, f.part)
        elif f.kind is Kind.PARTS:
            assert f.part is not None
            value = [_tree(v, f.part) for v in value]
        elif f.kind is Kind.TIME:
            value = _Time(value)
        (last if f.last else out)[f.key] = value
    out.update(obj.extra)
    out.update(last)
    return out


def to_tree(protocol: Protocol) -> dict[str, Any]:
    """The protocol as plain ordered data, as it is written to the file."""
    return _tree(protocol, PROTOCOL)


def dump(protocol: Protocol) -> str:
    """The canonical YAML text of a protocol."""
    return yaml.dump(
        to_tree(protocol),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1 << 30,
        indent=2,
    )
