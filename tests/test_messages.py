"""Every sentence brotui says exists in Swedish and English, and every sentence defined is
said, by the layer that owns it.

The ids are found in the code itself: the first argument of `t`, `Msg.of` and `msg_id`
where it is a literal (or a choice of literals), and the description of each key
`Binding`. Each is filed under the layer of the file it is in (brotui.core, brotui.tui,
brotui.cli). What the code still builds at run time is listed, file by file, in
tests/messages_pending.py.

The newer cores (publish, importing, attachments, sync with the server's hook and the
access file) still keep catalogues of their own, each said by its own function
(`label`, `msg`, `say`) and registered under its own owner with its ids as
"owner:id" (some are also the core's ids). The same tests cover them: a call of that
function with a literal is a use, and so is the literal id kept as data in the cores'
own files (their refusals and findings carry ids, said later).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib
import inspect
import pkgutil
import re
import string
from pathlib import Path

import brotui
import brotui.cli
import brotui.core
import brotui.tui
from brotui import i18n
from brotui.core.attachments import messages as attachments_messages
from brotui.core.importing import messages as importing_messages
from brotui.core.messages import problems, refusals, words
from brotui.core.publish import catalogue as publish_messages
from brotui.core.sync import messages as sync_messages
from brotui.tui import messages as tui_messages
from tests.messages_pending import PENDING, UNSAID

SRC = Path(brotui.__file__).parent
LAYERS = ("core", "tui", "cli")
# Said on purpose by nothing in one language: English puts no word before a time
# ("15:00"), Swedish does ("kl. 15:00").
EMPTY_ON_PURPOSE = {("publish:pub_at", "en")}
# Read as a template, not said: the PDF and the Word document put their page counters
# where {page} and {pages} are.
TEMPLATES = {"publish:pub_page"}
# Where each layer's code may find its ids: its own catalogue and those below it.
READS = {"core": {"core"}, "tui": {"core", "tui"}, "cli": {"core", "cli"}}


@dataclasses.dataclass(frozen=True)
class Own:
    """A core that keeps its own catalogue: the module, the function that says an id of
    it, and the files (under src/brotui/) that are its code."""

    module: str
    says: str
    files: tuple[str, ...]


OWN = {
    "publish": Own("brotui.core.publish.catalogue", "label", ("core/publish/",)),
    "importing": Own("brotui.core.importing.messages", "msg", ("core/importing/",)),
    "attachments": Own("brotui.core.attachments.messages", "msg", ("core/attachments/",)),
    "sync": Own("brotui.core.sync.messages", "say",
                ("core/sync/", "core/hook.py", "core/access.py")),
}


def own_of(file: str) -> str | None:
    """The core with its own catalogue whose code `file` is."""
    return next((owner for owner, own in OWN.items() if file.startswith(own.files)), None)


@dataclasses.dataclass
class Said:
    """One place an id is said: a call of t or Msg.of with a literal id (and the names
    of the values it fills in, None when it passes **values), or a binding."""

    file: str
    line: int
    id: str
    values: set[str] | None = None
    owner: str | None = None  # said by a core's own function: that core's catalogue


@dataclasses.dataclass
class Scan:
    said: list[Said] = dataclasses.field(default_factory=list)
    built: list[tuple[str, int, str]] = dataclasses.field(default_factory=list)  # dynamic ids
    kept: dict[str, set[str]] = dataclasses.field(default_factory=dict)  # owner -> literals

    def ids(self, file: str | None = None, layer: str | None = None) -> set[str]:
        return {s.id for s in self.said if (file is None or s.file == file)
                and (layer is None or layer_of(s.file) == layer)}


def layer_of(file: str) -> str | None:
    head = file.split("/")[0]
    return head if head in LAYERS else None


def _literals(node: ast.expr) -> list[str] | None:
    """The strings an id argument can be: a literal, or a choice between literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.BoolOp):
        found: list[str] = []
        for value in node.values:
            part = _literals(value)
            if part is None:
                return None
            found += part
        return found
    return None


def _is_catalogue(file: str) -> bool:
    return file == "i18n.py" or file.endswith("/messages.py") or "/messages/" in file


def _own_catalogue(file: str) -> str | None:
    """The core whose own catalogue `file` is (it also says a few of its ids itself)."""
    return next((owner for owner, own in OWN.items()
                 if file == own.module.removeprefix("brotui.").replace(".", "/") + ".py"), None)


@functools.cache
def scan() -> Scan:
    found = Scan()
    for path in sorted(SRC.rglob("*.py")):
        file = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text("utf-8"), file)
        if (catalogue_of := _own_catalogue(file)) is not None:
            sayers = {OWN[catalogue_of].says: catalogue_of}
            keeps: set[str | None] = set()
        elif _is_catalogue(file):
            continue
        else:
            sayers = {alias.asname or alias.name: owner for node in ast.walk(tree)
                      if isinstance(node, ast.ImportFrom)
                      for owner, own in OWN.items() if node.module == own.module
                      for alias in node.names if alias.name == own.says}
            # A core's ids kept as data: literals in its own code, or in code that uses
            # it (ops raises the attachments' refusals).
            keeps = {own_of(file)} | {owner for node in ast.walk(tree)
                                      if isinstance(node, ast.ImportFrom) and node.module
                                      for owner, own in OWN.items()
                                      if node.module.startswith(own.module.rsplit(".", 1)[0])}
        for owner in keeps - {None}:
            found.kept.setdefault(owner, set()).update(
                node.value for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in sayers and node.args:
                owner = sayers[func.id]
                ids = _literals(node.args[0])
                if ids is None:
                    if not isinstance(node.args[0], ast.Name | ast.Attribute):
                        found.built.append((file, node.lineno, ast.unparse(node.args[0])))
                    continue
                values = None if any(k.arg is None for k in node.keywords) else {
                    k.arg for k in node.keywords if k.arg}
                found.said += [Said(file, node.lineno, f"{owner}:{i}", values, owner)
                               for i in ids]
                continue
            says = (isinstance(func, ast.Name) and func.id in ("t", "msg_id")) or (
                isinstance(func, ast.Attribute) and func.attr == "of"
                and isinstance(func.value, ast.Name) and func.value.id == "Msg")
            if says and node.args:
                ids = _literals(node.args[0])
                if ids is None:
                    if not isinstance(node.args[0], ast.Name | ast.Attribute):
                        found.built.append((file, node.lineno, ast.unparse(node.args[0])))
                    continue
                values = None if any(k.arg is None for k in node.keywords) else {
                    k.arg for k in node.keywords if k.arg and k.arg != "lang"}
                if isinstance(func, ast.Name) and func.id == "msg_id":
                    values = None  # a bare id: its values are given where it is said
                found.said += [Said(file, node.lineno, i, values) for i in ids]
            elif isinstance(func, ast.Name) and func.id == "Binding":
                description = node.args[2] if len(node.args) > 2 else next(
                    (k.value for k in node.keywords if k.arg == "description"), None)
                for i in (_literals(description) or []) if description is not None else []:
                    if i:
                        found.said.append(Said(file, node.lineno, i))
    return found


def used_own(owner: str) -> set[str]:
    """The ids of a core with its own catalogue that its code says or keeps as data (a
    refusal's key, a finding's): with sync's `say`, an `<id>_one` goes with its `<id>`."""
    ids = {s.id for s in scan().said if s.owner == owner}
    ids |= {f"{owner}:{i}" for i in scan().kept.get(owner, set())}
    ids |= set().union(*(found for file, found in PENDING.items() if own_of(file) == owner))
    return ids | {f"{i}_one" for i in ids}


def used_by(layer: str) -> set[str]:
    """The ids a layer's code says, with what it says in ways the scan cannot see yet."""
    pending = set().union(*(ids for file, ids in PENDING.items() if layer_of(file) == layer))
    return scan().ids(layer=layer) | pending


def placeholders(text: str) -> set[str]:
    return {re.split(r"[.\[]", name)[0] for _, name, _, _ in string.Formatter().parse(text)
            if name}


# ------------------------------------------------------------------ the catalogues


def test_each_id_says_the_same_in_both_languages() -> None:
    wrong = []
    for msg_id, texts in i18n.MESSAGES.items():
        if set(texts) != set(i18n.LANGUAGES) or not all(
                text or (msg_id, lang) in EMPTY_ON_PURPOSE for lang, text in texts.items()):
            wrong.append(f"{msg_id}: languages {sorted(texts)}, some empty or missing")
        elif placeholders(texts["sv"]) != placeholders(texts["en"]):
            wrong.append(f"{msg_id}: sv fills {sorted(placeholders(texts['sv']))}, "
                         f"en {sorted(placeholders(texts['en']))}")
    assert wrong == []


def test_no_id_is_defined_twice() -> None:
    files = {"core/messages/problems.py": problems.MESSAGES,
             "core/messages/refusals.py": refusals.MESSAGES,
             "core/messages/words.py": words.MESSAGES,
             "tui/messages.py": tui_messages.MESSAGES,
             "tui/messages_records.py": tui_messages.RECORDS,
             "cli/messages.py": importlib.import_module("brotui.cli.messages").MESSAGES}
    own = {"publish": publish_messages, "importing": importing_messages,
           "attachments": attachments_messages, "sync": sync_messages}
    files |= {f"{module.__name__}:": {f"{owner}:{i}": text for i, text in module.MESSAGES.items()}
              for owner, module in own.items()}
    where: dict[str, list[str]] = {}
    for file, catalogue in files.items():
        for msg_id in catalogue:
            where.setdefault(msg_id, []).append(file)
    assert {i: f for i, f in where.items() if len(f) > 1} == {}
    assert set(where) == set(i18n.MESSAGES)
    assert set(i18n.CATALOGUES) == set(LAYERS) | set(OWN)


# ------------------------------------------------------------------ the code


def test_every_used_id_exists_in_the_layer_that_uses_it() -> None:
    missing = [f"{s.file}:{s.line}: {s.id}" for s in scan().said if layer_of(s.file)
               and not any(s.id in i18n.CATALOGUES[owner]
                           for owner in ({s.owner} if s.owner else READS[layer_of(s.file)]))]
    assert missing == []


def test_every_id_is_used_and_lives_where_it_is_used() -> None:
    used = {layer: used_by(layer) for layer in LAYERS}
    wrong = []
    for owner, catalogue in i18n.CATALOGUES.items():
        if owner in OWN:
            unsaid = set().union(*UNSAID.values())
            wrong += [f"{msg_id} ({owner}): said nowhere"
                      for msg_id in sorted(catalogue.keys() - used_own(owner) - unsaid)]
            wrong += [f"{msg_id} ({owner}): said now, take it off UNSAID"
                      for msg_id in sorted(catalogue.keys() & used_own(owner) & unsaid)]
            continue
        for msg_id in catalogue:
            users = {layer for layer in LAYERS if msg_id in used[layer]}
            if not users:
                wrong.append(f"{msg_id} ({owner}): said nowhere")
            elif owner in ("tui", "cli") and users != {owner}:
                wrong.append(f"{msg_id} ({owner}): said by {sorted(users)}")
            elif owner == "core" and "core" not in users and users != {"tui", "cli"}:
                wrong.append(f"{msg_id} (core): said only by {sorted(users)}: it belongs there")
    assert wrong == []


def test_a_literal_call_fills_every_placeholder() -> None:
    wrong = []
    for s in scan().said:
        if s.values is None or s.id not in i18n.MESSAGES or s.id in TEMPLATES:
            continue
        wanted = set().union(*(placeholders(text) for text in i18n.MESSAGES[s.id].values()))
        if s.values != wanted:
            wrong.append(f"{s.file}:{s.line}: {s.id} wants {sorted(wanted)}, "
                         f"is given {sorted(s.values)}")
    assert wrong == []


def test_ids_are_built_only_where_the_pending_list_says() -> None:
    """An id made at run time (an f-string, a lookup) is invisible to this test: only the
    files listed in tests/messages_pending.py may still do it."""
    assert [f"{file}:{line}: {text}" for file, line, text in scan().built
            if file not in PENDING] == []


def test_the_pending_list_names_only_what_the_scan_cannot_see() -> None:
    wrong = []
    for file, ids in PENDING.items():
        if not (SRC / file).is_file():
            wrong.append(f"{file}: no such file")
        wrong += [f"{file}: {i} is defined nowhere" for i in sorted(ids - set(i18n.MESSAGES))]
        wrong += [f"{file}: {i} is said there as a literal now: take it off"
                  for i in sorted(ids & scan().ids(file=file))]
    for file, ids in UNSAID.items():
        wrong += [f"{file}: {i} (UNSAID) is defined nowhere"
                  for i in sorted(ids - set(i18n.MESSAGES))]
    assert wrong == []


def test_every_binding_says_a_known_id() -> None:
    """The footer, the help and the command palette show a binding's description as the
    text of its id (tui.keys.translate_bindings): an unknown id would show as it is."""
    unknown = []
    for info in pkgutil.walk_packages(brotui.tui.__path__, "brotui.tui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                description = getattr(binding, "description", None) or (
                    binding[2] if isinstance(binding, tuple) and len(binding) > 2 else "")
                if description and description not in i18n.MESSAGES:
                    unknown.append(f"{info.name}.{name}: {description}")
    assert unknown == []
