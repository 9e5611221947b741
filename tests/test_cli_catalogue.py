"""The sentences of export, import, attach, sync and hook (brotui.cli.commands.catalogue):
each in Swedish and English with the same values filled in, each said by some command,
and every id said exists (the scan reads the calls of `say` with a literal id)."""

from __future__ import annotations

import re
import string
from pathlib import Path

from brotui.cli.commands import catalogue

COMMANDS = Path(catalogue.__file__).parent


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_each_sentence_is_in_both_languages_with_the_same_values() -> None:
    wrong = [key for key, texts in catalogue.MESSAGES.items()
             if set(texts) != {"sv", "en"} or not all(texts.values())
             or _fields(texts["sv"]) != _fields(texts["en"])]
    assert wrong == []


def test_every_sentence_is_said_and_every_one_said_exists() -> None:
    said: set[str] = set()
    literals: set[str] = set()  # an id chosen first, then said: key = "a" if x else "b"
    prefixes: set[str] = set()
    for path in COMMANDS.glob("*.py"):
        if path.name == "catalogue.py":
            continue
        text = path.read_text("utf-8")
        if "from brotui.cli.commands.catalogue import say" not in text:
            continue  # (another catalogue's `say`, e.g. the justering core's)
        said |= set(re.findall(r'\bsay\("([a-z0-9_]+)"', text))
        literals |= set(re.findall(r'"([a-z0-9_]+)"', text))
        prefixes |= set(re.findall(r'\bsay\(f"([a-z0-9_]+)\{', text))  # say(f"export_action_{x}")
    assert said - set(catalogue.MESSAGES) == set()
    unused = {key for key in catalogue.MESSAGES
              if key not in said | literals and not any(key.startswith(p) for p in prefixes)}
    assert unused == set()
