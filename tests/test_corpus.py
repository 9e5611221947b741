"""Every bad file of the corpus (tests/corpus) through the real command line.

For each case: `brotui check` names the file, the line and the problem, in English and
in Swedish; `brotui list` marks the file as broken and still lists every other protocol;
`show`, `check FILE` and `put --file` refuse it with the same reason; nothing is written;
no output carries a control character or a traceback. Ids and paths that point out of
the archive are refused the same way, and never read what lies outside.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from brotui.core.model import path_to_id
from brotui.core.text import visible
from tests.corpus import (
    CASES,
    GOOD_ID,
    HOSTILE_IDS,
    SECRET,
    SEED_ID,
    Case,
    build_archive,
)
from tests.corpus import archive_state as state

BROKEN = [c for c in CASES if c.broken]
AUTHOR = "Bo Bråkig <bo@example.org>"
# C0 controls (but tab and newline), DEL, C1 controls, and bytes that are not UTF-8.
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udcff]")


@dataclass
class Out:
    code: int
    out: str
    err: str


def _env(root: Path) -> dict[str, str]:
    """The test environment (no machine identity or language), for a module-wide fixture."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("BROTUI_", "GIT_", "LC_"))}
    env.update({"HOME": str(root), "XDG_STATE_HOME": str(root / "state"), "LANG": "C.UTF-8",
                "GIT_CONFIG_GLOBAL": str(root / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1"})
    return env


def brotui(repo: Path, *args: str, tty: bool = False, lang: str = "en") -> Out:
    """The real `brotui` in a subprocess, run from the archive's work tree. Every output is
    checked here: no control character, no byte that is not UTF-8, no traceback."""
    cmd = [sys.executable, "-m", "brotui.cli", "--lang", lang, *args]
    env = _env(repo.parent)
    if tty:  # stdout is a terminal, as when a person runs it
        leader, follower = pty.openpty()
        proc = subprocess.run(cmd, stdout=follower, stderr=subprocess.PIPE, cwd=repo, env=env,
                              stdin=subprocess.DEVNULL)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        stdout = b"".join(chunks).replace(b"\r\n", b"\n")
    else:
        proc = subprocess.run(cmd, capture_output=True, cwd=repo, env=env,
                              stdin=subprocess.DEVNULL)
        stdout = proc.stdout
    result = Out(proc.returncode, stdout.decode("utf-8", "surrogateescape"),
                 proc.stderr.decode("utf-8", "surrogateescape"))
    for name, text in (("stdout", result.out), ("stderr", result.err)):
        bad = _RAW.search(text)
        assert bad is None, f"{args}: {name} holds {bad.group()!r}: {text[:2000]!r}"
        assert "Traceback" not in text, text
        assert SECRET not in text, text
    return result


@dataclass
class Corpus:
    repo: Path
    check: dict[str, Out]
    listed: dict[str, dict]
    table: dict[str, Out]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """The corpus archive, and what `check` and `list` say about all of it at once (in
    English and in Swedish); reading it wrote nothing."""
    repo = build_archive(tmp_path_factory.mktemp("corpus"))
    before = state(repo)
    check = {lang: brotui(repo, "check", lang=lang) for lang in ("en", "sv")}
    listed_json = brotui(repo, "list", "--format", "json")
    assert listed_json.code == 0, listed_json.err
    table = {lang: brotui(repo, "list", lang=lang, tty=lang == "sv") for lang in ("en", "sv")}
    assert state(repo) == before
    yield Corpus(repo, check, {e["path"]: e for e in json.loads(listed_json.out)}, table)
    assert state(repo) == before


def lines_about(text: str, case: Case) -> list[str]:
    """The lines of `check`'s report that name the case's file."""
    prefix = visible(case.path) + (":" if case.line is None else f":{case.line}:")
    return [line for line in text.splitlines() if line.startswith(prefix)]


# ------------------------------------------------------------------ the whole corpus


def test_check_reports_every_broken_file_and_only_those(corpus: Corpus) -> None:
    report = corpus.check["en"]
    assert report.code == 1
    assert report.out == ""
    named = {line.split(":")[0] for line in report.err.splitlines()[:-1]}
    assert named == {visible(c.path) for c in BROKEN}
    errors = sum(": warning: " not in line for line in report.err.splitlines()[:-1])
    assert report.err.splitlines()[-1].startswith(
        f"{len(CASES) + 2} protocols checked: {errors} error{'' if errors == 1 else 's'}")


def test_list_shows_every_file_and_the_good_ones_are_fine(corpus: Corpus) -> None:
    assert len(corpus.listed) == len(CASES) + 2
    for good in (SEED_ID, GOOD_ID):
        entry = corpus.listed[f"protocols/{good}.yaml"]
        assert entry["broken"] is False and entry["errors"] == 0, entry
        assert entry["council"] and entry["last"]["author"] == "Kim Korpus"
    rows = corpus.table["en"].out.splitlines()
    assert len(rows) == len(CASES) + 3  # a header and one row per file
    assert sum("BROKEN" in row for row in rows) == len(BROKEN)
    assert sum("TRASIG" in row for row in corpus.table["sv"].out.splitlines()) == len(BROKEN)


# ---------------------------------------------------------------------- each case


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_bad_file_is_named_with_its_line_and_problem(corpus: Corpus, case: Case) -> None:
    """`check` and `list` in both languages; `show`, `check FILE`, `put --file` each once."""
    repo = corpus.repo
    before = state(repo)
    entry = corpus.listed[case.path]
    if not case.broken:
        assert lines_about(corpus.check["en"].err, case) == []
        assert entry["broken"] is False and entry["errors"] == 0, entry
        shown = brotui(repo, "show", case.id, tty=True)
        assert shown.code == 0, shown.err
        assert "[@click=app.quit]avsluta[/]" in shown.out  # markup is text
        assert state(repo) == before
        return

    for lang, expected in (("en", case.en), ("sv", case.sv)):
        found = [line for line in lines_about(corpus.check[lang].err, case) if expected in line]
        assert found, (lang, case.place(), expected, corpus.check[lang].err)
    assert entry["broken"] is True, entry
    assert case.en in entry["first_problem"] or any(
        case.en in line for line in lines_about(corpus.check["en"].err, case)), entry
    row = next(r for r in corpus.table["en"].out.splitlines() if r.endswith(visible(case.id)))
    assert "BROKEN" in row

    path = case.path if case.path.endswith(".yaml") else f"{case.path}/2021-03-11.yaml"
    on_disk = brotui(repo, "check", path, lang="sv")  # the work tree's copy
    assert on_disk.code == 1
    place = f"{visible(path)}:{case.line}:" if case.line else f"{visible(path)}:"
    if case.name.startswith("name-"):
        assert f"{place} Filnamnet ska vara" in on_disk.err, on_disk.err
    else:
        assert any(line.startswith(place) and case.sv in line
                   for line in on_disk.err.splitlines()), on_disk.err

    if path_to_id(case.path):
        shown = brotui(repo, "show", case.id)
        assert shown.code == 1 and shown.out == ""
        assert case.en in shown.err, shown.err
        assert shown.err.startswith(case.path), shown.err

    put = brotui(repo, "put", "korpus/2021-12-31", "--file", path, "--author", AUTHOR)
    assert put.code == 1 and put.out == ""
    assert "was not saved" in put.err
    assert state(repo) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.name.startswith(("escape-", "markup",
                                                                           "name-with"))],
                         ids=lambda c: c.name)
def test_escape_sequences_reach_no_terminal(corpus: Corpus, case: Case) -> None:
    """A person reading a hostile file in a terminal sees the escapes written out."""
    before = state(corpus.repo)
    if "\x1b" in case.id:
        out = brotui(corpus.repo, "list", tty=True)
        assert out.code == 0
        assert visible(case.id) in out.out
    else:
        out = brotui(corpus.repo, "show", case.id, "--format", "yaml", tty=True)
        assert out.code == 0, out.err
        assert out.out.startswith("schema: 1\n") or out.out.startswith("# ")
        if b"\x1b" in case.data():
            assert "\\x1b" in out.out
    assert state(corpus.repo) == before


def test_a_file_bigger_than_allowed_is_never_read_whole(corpus: Corpus) -> None:
    """The 50 MB file: refused from its size alone, quickly and in little memory."""
    big = next(c for c in CASES if c.name == "big")
    for args in (("check", big.id), ("check", big.path), ("show", big.id),
                 ("show", big.id, "--format", "yaml"), ("list",)):
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "brotui.cli",
                               *args], capture_output=True, cwd=corpus.repo,
                              env=_env(corpus.repo.parent), stdin=subprocess.DEVNULL)
        peak_kb = int(proc.stderr.decode().strip().splitlines()[-1])
        assert peak_kb < 45_000, (args, peak_kb)  # the file alone would be 49,000 kB
        if args[0] != "list":
            assert b"50.0 MB" in proc.stderr


# ------------------------------------------------------------- ids on the command line


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_ids_that_are_paths_are_refused_and_read_nothing_outside(corpus: Corpus,
                                                                 bad: str) -> None:
    repo = corpus.repo
    before = state(repo)
    seed = (repo / "protocols" / f"{SEED_ID}.yaml").read_bytes()
    (repo.parent / "put.yaml").write_bytes(seed.replace(b"2020-02-20", b"2021-03-11"))
    runs = [brotui(repo, "show", bad, "--format", "yaml"),
            brotui(repo, "put", bad, "--file", str(repo.parent / "put.yaml"),
                   "--author", AUTHOR),
            brotui(repo, "rm", bad, "--author", AUTHOR),
            brotui(repo, "mv", SEED_ID, bad, "--author", AUTHOR)]
    if bad:  # no id at all: check checks everything
        runs.append(brotui(repo, "check", bad))
    for result in runs:
        assert result.code == 1, result
        assert visible(repr(bad)) in result.err or visible(bad) in result.err, result.err
        assert ("not a protocol id" in result.err or "no protocol" in result.err
                or "is not a folder" in result.err), result.err
    assert state(repo) == before
