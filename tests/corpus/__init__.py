"""The bad-file corpus: every way a protocol file can arrive broken or hostile.

Each case is one file in this folder (its exact bytes; `.gitattributes` keeps git from
touching them) or, for what should not be committed here, a small generator: the 50 MB
file and the symbolic links. `build_archive` puts every case, the seed minutes and a
valid protocol into one git repository, committed with plain git (as a colleague's
editor or a script would) and checked out, so the work tree holds them too.

A case says where it lies in the archive, the line `brotui check` must name (None for
what concerns the file as a whole: its name, size or being a link) and a piece of the
message in English and in Swedish. The tests are tests/test_corpus.py (command line)
and tests/app/test_corpus.py (the terminal UI).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from brotui.core.model import path_to_id

HERE = Path(__file__).parent
SEED_ID = "hagersten-liljeholmen/2020-02-20"
GOOD_ID = "korpus/2021-06-30"  # a valid protocol next to the broken ones
SECRET = "HEMLIG-UPPGIFT"  # in a file outside the archive that links point to
BIG_BYTES = 50_000_000
GIT_ENV = {"GIT_AUTHOR_NAME": "Kim Korpus", "GIT_AUTHOR_EMAIL": "kim@example.org",
           "GIT_COMMITTER_NAME": "Kim Korpus", "GIT_COMMITTER_EMAIL": "kim@example.org",
           "GIT_AUTHOR_DATE": "2021-07-01T12:00:00+02:00",
           "GIT_COMMITTER_DATE": "2021-07-01T12:00:00+02:00"}


@dataclass(frozen=True)
class Case:
    """One bad file: where it lies, what `check` says about it and on which line."""

    name: str
    path: str  # in the archive, e.g. protocols/korpus/2021-01-01.yaml
    line: int | None
    en: str  # a piece of the English message
    sv: str  # the same in Swedish
    broken: bool = True  # False: valid, and shown exactly as written (markup)
    make: Callable[[Path], None] | None = None  # writes the file itself (big files, links)

    @property
    def id(self) -> str:
        """The name the list shows it under: its id, or its path in protocols/."""
        return path_to_id(self.path) or self.path.removeprefix("protocols/")

    def data(self) -> bytes:
        return (HERE / f"{self.name}.yaml").read_bytes()

    def place(self) -> str:
        """`path:line` as check prints it, or just the path."""
        return f"{self.path}:{self.line}" if self.line else self.path


def _big(target: Path) -> None:
    """A 50 MB protocol: a valid head and one enormous item text."""
    head = ("schema: 1\ncouncil: Korpusrådet\ndate: 2021-03-10\nitems:\n- number: 1\n"
            "  title: Stor\n  text: |-\n").encode()
    line = "    Samma rad om och om igen, tills filen är femtio megabyte stor.\n".encode()
    with target.open("wb") as f:
        f.write(head)
        count, rest = divmod(BIG_BYTES - len(head), len(line))
        for _ in range(count // 1024):
            f.write(line * 1024)
        f.write(line * (count % 1024) + b"#" * (rest - 1) + b"\n")


def _link(to: str) -> Callable[[Path], None]:
    def make(target: Path) -> None:
        os.symlink(to, target)

    return make


def _copy_of(name: str) -> Callable[[Path], None]:
    def make(target: Path) -> None:
        target.write_bytes((HERE / f"{name}.yaml").read_bytes())

    return make


K = "protocols/korpus"
CASES: list[Case] = [
    # -- not YAML at all
    Case("invalid-yaml-indent", f"{K}/2021-01-01.yaml", 6, "not valid YAML", "inte giltig YAML"),
    Case("invalid-yaml-unclosed-quote", f"{K}/2021-01-02.yaml", 8, "quote that starts here",
         "citattecknet som börjar här"),
    Case("invalid-yaml-tab", f"{K}/2021-01-03.yaml", 8, "tab", "tabb"),
    Case("two-documents", f"{K}/2021-01-04.yaml", 11, "more than one document",
         "mer än ett dokument"),
    Case("empty", f"{K}/2021-01-05.yaml", 1, "The file is empty", "Filen är tom"),
    Case("deep-nesting", f"{K}/2021-01-25.yaml", 11, "nested too deeply", "för djupt"),
    # -- the wrong shape
    Case("top-level-list", f"{K}/2021-01-06.yaml", 1,
         "Fields (name: value) belong here, not a list",
         "Här ska det stå fält (namn: värde), inte en lista"),
    Case("list-for-contact", f"{K}/2021-01-07.yaml", 12,
         "contact: Fields (name: value) belong here", "contact: Här ska det stå fält"),
    Case("text-for-attendee", f"{K}/2021-01-08.yaml", 5, "attendees[0]: Fields (name: value)",
         "attendees[0]: Här ska det stå fält"),
    Case("key-not-text", f"{K}/2021-01-26.yaml", 11, "A field name must be text, not a list",
         "Ett fältnamn måste vara text, inte en lista"),
    # -- the wrong type
    Case("date-tomorrow", f"{K}/2021-01-09.yaml", 3, "this says tomorrow", "här står tomorrow"),
    Case("date-impossible", f"{K}/2021-01-10.yaml", 3, "this says 2021-02-30",
         "här står 2021-02-30"),
    Case("time-unquoted", f"{K}/2021-01-11.yaml", 4, 'The time 15:00 must be in quotes',
         'Tiden 15:00 måste stå inom citattecken'),
    Case("phone-octal", f"{K}/2021-01-12.yaml", 13,
         'contact.phone: Text belongs here, not a number (070123456)',
         'contact.phone: Här ska det stå text, inte ett tal (070123456)'),
    Case("phone-international", f"{K}/2021-01-13.yaml", 13, 'not a number (+46701234567)',
         "inte ett tal (+46701234567)"),
    Case("number-as-text", f"{K}/2021-01-14.yaml", 5, "items[0].number: A whole number",
         "items[0].number: Här ska det stå ett heltal"),
    Case("status-yes", f"{K}/2021-01-15.yaml", 4, "not a yes/no value (yes)",
         "inte ett ja/nej-värde (yes)"),
    # -- YAML features a protocol may not use
    Case("duplicate-key", f"{K}/2021-01-16.yaml", 4, "council appears twice (first on line 2)",
         "council står två gånger (först på rad 2)"),
    Case("duplicate-key-nested", f"{K}/2021-01-17.yaml", 7, "role appears twice (first on line 6)",
         "role står två gånger (först på rad 6)"),
    Case("anchor-alias", f"{K}/2021-01-18.yaml", 4, "Anchors and aliases", "Ankare och alias"),
    Case("billion-laughs", f"{K}/2021-01-19.yaml", 11, "Anchors and aliases", "Ankare och alias"),
    Case("python-tag", f"{K}/2021-01-23.yaml", 4, "tag:yaml.org,2002:python/object/apply",
         "Taggen tag:yaml.org,2002:python/object/apply"),
    Case("binary-tag", f"{K}/2021-01-24.yaml", 4, "tag:yaml.org,2002:binary is not allowed",
         "Taggen tag:yaml.org,2002:binary är inte tillåten"),
    # -- bytes that are not a text file
    Case("big", f"{K}/2021-03-10.yaml", None, "50.0 MB; a protocol may be at most 1.0 MB",
         "50,0 MB; ett protokoll får vara högst 1,0 MB", make=_big),
    Case("binary", f"{K}/2021-02-01.yaml", 3, "binary data", "binärdata"),
    Case("invalid-utf8", f"{K}/2021-02-02.yaml", 9, "not UTF-8 text (invalid byte 0xe4)",
         "inte UTF-8-text (ogiltig byte 0xe4)"),
    Case("bom", f"{K}/2021-02-03.yaml", 1, "byte-order mark", "byte-order-markering"),
    # -- control characters and terminal escape sequences
    Case("escape-raw-esc", f"{K}/2021-02-04.yaml", 9, "control character (U+001B)",
         "styrtecken (U+001B)"),
    Case("escape-csi-quoted", f"{K}/2021-02-05.yaml", 6,
         "attendees[0].role: The text holds an invisible control character (U+001B)",
         "attendees[0].role: Texten innehåller ett osynligt styrtecken (U+001B)"),
    Case("escape-osc52", f"{K}/2021-02-06.yaml", 10, "items[0].text: The text holds an invisible",
         "items[0].text: Texten innehåller ett osynligt"),
    Case("escape-c1-raw", f"{K}/2021-02-07.yaml", 9, "control character (U+009B)",
         "styrtecken (U+009B)"),
    Case("escape-c1-quoted", f"{K}/2021-02-08.yaml", 9, "control character (U+009B)",
         "styrtecken (U+009B)"),
    Case("escape-in-key", f"{K}/2021-02-09.yaml", 11, "field name holds an invisible control",
         "Fältnamnet innehåller ett osynligt styrtecken"),
    Case("escape-in-comment", f"{K}/2021-02-10.yaml", 1, "control character (U+001B)",
         "styrtecken (U+001B)"),
    Case("backspace", f"{K}/2021-02-11.yaml", 10, "control character (U+0008)",
         "styrtecken (U+0008)"),
    # -- markup is text: shown as written, never acted on
    Case("markup", f"{K}/2021-01-21.yaml", None, "", "", broken=False),
    Case("markup-in-problem", f"{K}/2021-01-22.yaml", 3, "this says [@click=app.quit]2021-01-22[/]",
         "här står [@click=app.quit]2021-01-22[/]"),
    # -- the file's name and place
    Case("date-not-filename", f"{K}/2021-03-01.yaml", 3,
         "The date 2021-03-02 does not match the file name (2021-03-01.yaml)",
         "Datumet 2021-03-02 stämmer inte med filnamnet (2021-03-01.yaml)"),
    Case("name-not-a-date", f"{K}/mars.yaml", None, "The file name should be",
         "Filnamnet ska vara", make=_copy_of("date-not-filename")),
    Case("name-with-escape", f"{K}/\x1b[31m2021-03-02\x1b]52;c;aGVq\x07.yaml", None,
         "The file name should be", "Filnamnet ska vara", make=_copy_of("date-not-filename")),
    Case("symlink-outside", f"{K}/2021-03-11.yaml", None, "symbolic link", "symbolisk länk",
         make=_link("../../../outside/2021-03-11.yaml")),
    Case("symlink-absolute", f"{K}/2021-03-12.yaml", None, "symbolic link", "symbolisk länk",
         make=_link("/etc/passwd")),
    Case("symlink-folder", "protocols/lank", None, "symbolic link", "symbolisk länk",
         make=_link("../../outside")),
]
BY_NAME = {case.name: case for case in CASES}

# Ids and paths given on the command line that must never reach outside the archive.
HOSTILE_IDS = ["../../etc/passwd", "/etc/passwd", "protocols/../x", "korpus/../../outside/x",
               "korpus/2021-03-11/../../../outside/2021-03-11", "lank/2021-03-11",
               "../outside/2021-03-11", "korpus/2021-01-01.yaml", "korpus\\..\\x", ""]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          env={**os.environ, **GIT_ENV}).stdout.decode("utf-8", "replace")


def build_archive(root: Path, cases: list[Case] = CASES) -> Path:
    """An archive (root/archive) holding the seed minutes, a valid protocol and every
    case, committed with plain git and checked out; outside it (root/outside) a file
    with a secret that the symbolic links point to."""
    outside = root / "outside"
    outside.mkdir(parents=True)
    seed = (HERE.parent.parent / "protocols" / f"{SEED_ID}.yaml").read_bytes()
    (outside / "2021-03-11.yaml").write_bytes(
        seed.replace(b"Abit Dundar", SECRET.encode()).replace(b"2020-02-20", b"2021-03-11"))
    repo = root / "archive"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    (repo / "protocols" / "korpus").mkdir(parents=True)
    (repo / "protocols" / f"{SEED_ID}.yaml").parent.mkdir(parents=True)
    (repo / "protocols" / f"{SEED_ID}.yaml").write_bytes(seed)
    good = seed.replace(b"2020-02-20", b"2021-06-30").replace(
        "Hägersten-Liljeholmens".encode(), b"Korpus").replace(b"08 508 23 326", b"08-123 45 67")
    (repo / "protocols" / f"{GOOD_ID}.yaml").write_bytes(good)
    for case in cases:
        target = repo / case.path
        if case.make is not None:
            case.make(target)
        else:
            target.write_bytes(case.data())
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Korpus: trasiga filer")
    return repo


def archive_state(repo: Path) -> tuple[str, str, str]:
    """What any write would change: every ref, the work tree and index (`git status`), the
    object store. Equal before and after means reading wrote nothing."""
    objects = sorted(str(p.relative_to(repo)) for p in (repo / ".git" / "objects").rglob("*"))
    return (git(repo, "for-each-ref"), git(repo, "status", "--porcelain", "--ignored"),
            "\n".join(objects))
