"""`brotui import` through the real command line, into real archives: one commit per
protocol by the person importing with the `Imported-from:` trailer (name and SHA-256),
an id that exists a conflict, --dry-run writing nothing, the original kept, files that
are not minutes refused with a sentence, many at once with a summary."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result, git, make_repo
from tests.corpus import archive_state

SEED_TEXT = Path(__file__).parent / "data" / "seed.txt"
IMPORTS = Path(__file__).parent / "data" / "import"
ANN = "Ann Arkivarie <ann@example.org>"
SEED = "hagersten-liljeholmen/2020-02-20"


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "archive")


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "Protokoll 2020-02-20.txt"
    path.write_bytes(SEED_TEXT.read_bytes())
    return path


def test_an_import_is_one_commit_by_the_importer_with_its_source_named(
        empty: Path, seed_file: Path, cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(empty), "--author", ANN, "import", str(seed_file))
    assert done.code == 0, done.err
    assert f"as {SEED}: commit" in done.out
    assert "council: Hägersten-Liljeholmens lokala brottsförebyggande råd  (line 3)" in done.out
    assert git(empty, "rev-list", "--count", "HEAD").strip() == "1"
    assert git(empty, "log", "-1", "--format=%an <%ae>").strip() == ANN
    digest = hashlib.sha256(seed_file.read_bytes()).hexdigest()
    trailer = git(empty, "log", "-1", "--format=%(trailers:key=Imported-from,valueonly)")
    assert trailer.strip() == f"Protokoll 2020-02-20.txt (sha256:{digest})"
    assert git(empty, "log", "-1", "--format=%(trailers:key=Protocol,valueonly)").strip() \
        == SEED
    assert git(empty, "show", "--format=", "--name-only", "HEAD").split() == \
        [f"protocols/{SEED}.yaml"]
    shown = cli("--repo", str(empty), "show", SEED)
    assert "Clas Cederlid" in shown.out and "Skärmtaket" in shown.out
    assert cli("--repo", str(empty), "check").code == 0


def test_an_id_that_exists_is_a_conflict_and_nothing_is_written(
        empty: Path, seed_file: Path, cli: Callable[..., Result]) -> None:
    assert cli("--repo", str(empty), "--author", ANN, "import", str(seed_file)).code == 0
    before = archive_state(empty)
    again = cli("--repo", str(empty), "--author", ANN, "import", str(seed_file))
    assert again.code == 3
    assert f"{SEED} exists in the archive already" in again.err
    assert archive_state(empty) == before


def test_dry_run_shows_the_yaml_and_the_report_and_writes_nothing(
        empty: Path, seed_file: Path, cli: Callable[..., Result]) -> None:
    before = archive_state(empty)
    done = cli("--repo", str(empty), "import", "--dry-run", str(seed_file))
    assert done.code == 0, done.err
    assert "Would save hagersten-liljeholmen/2020-02-20" in done.out
    assert "schema: 1" in done.out and "left out: line 5: 'Närvarande:'" in done.out
    assert archive_state(empty) == before
    as_json = json.loads(cli("--repo", str(empty), "import", "--dry-run", "--format", "json",
                             str(seed_file)).out)
    assert as_json[0]["result"] == "dry-run" and as_json[0]["id"] == SEED
    assert as_json[0]["report"]["sha256"] == hashlib.sha256(seed_file.read_bytes()).hexdigest()
    assert any(f["field"] == "chair" for f in as_json[0]["report"]["found"])


def test_the_original_is_kept_as_an_attachment_in_the_same_commit(
        empty: Path, seed_file: Path, cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(empty), "--author", ANN, "import", "--keep-original",
               str(seed_file))
    assert done.code == 0, done.err
    kept = f"protocols/{SEED}.files/Protokoll 2020-02-20.txt"
    assert git(empty, "rev-list", "--count", "HEAD").strip() == "1"
    assert git(empty, "-c", "core.quotePath=false", "show", "--format=", "--name-only",
               "HEAD").splitlines() == [kept, f"protocols/{SEED}.yaml"]
    assert git(empty, "show", f"HEAD:{kept}").encode() == seed_file.read_bytes()
    listed = cli("--repo", str(empty), "attachments", SEED)
    assert "Protokoll 2020-02-20.txt" in listed.out
    checked = cli("--repo", str(empty), "check")
    assert checked.code == 0 and "warning" not in checked.out + checked.err


def test_a_council_given_names_the_id(empty: Path, seed_file: Path,
                                      cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(empty), "--author", ANN, "import", "--council", "alvsjo",
               str(seed_file))
    assert done.code == 0, done.err
    assert "as alvsjo/2020-02-20" in done.out
    bad = cli("--repo", str(empty), "--author", ANN, "import", "--council", "Älvsjö!",
              str(seed_file))
    assert bad.code == 1 and "slug" in bad.err


@pytest.mark.parametrize(("content", "said"), [
    (b"", "empty"),
    (b"\x7fELF\x02\x01\x01" + b"\0" * 200, "ELF"),
    ("Mjölk\nÄgg\nSmör\nKaffe\n".encode(), "not"),
])
def test_what_is_not_minutes_is_refused_with_a_sentence(
        empty: Path, tmp_path: Path, cli: Callable[..., Result], content: bytes,
        said: str) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(content)
    before = archive_state(empty)
    done = cli("--repo", str(empty), "--author", ANN, "import", str(path))
    assert done.code == 1
    assert str(path) in done.err and said in done.err
    assert "Traceback" not in done.err
    assert archive_state(empty) == before


def test_many_at_once_go_on_past_a_failure_with_a_summary(
        empty: Path, tmp_path: Path, seed_file: Path, cli: Callable[..., Result]) -> None:
    broken = tmp_path / "empty.txt"
    broken.write_bytes(b"")
    files = [str(seed_file), str(broken), *sorted(str(p) for p in IMPORTS.iterdir())]
    done = cli("--repo", str(empty), "--author", ANN, "import", *files)
    assert done.code == 1  # one failed; the others are in
    assert f"[1/{len(files)}]" in done.err and f"[{len(files)}/{len(files)}]" in done.err
    assert f"{broken}: The file is empty" in done.err
    assert "FILE" in done.out and "RESULT" in done.out
    imported = done.out.count(" imported")
    assert imported == len(files) - 1
    assert git(empty, "rev-list", "--count", "HEAD").strip() == str(len(files) - 1)
    assert git(empty, "fsck", "--no-progress").strip() == ""


def test_in_swedish(empty: Path, seed_file: Path, cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(empty), "--author", ANN, "--lang", "sv", "import", str(seed_file))
    assert done.code == 0 and f"som {SEED}: commit" in done.out
