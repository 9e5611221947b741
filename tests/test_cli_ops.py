"""`brotui rm`, `mv`, `restore` and `log` without an id, as a user and a script meet them:
real processes on real git repositories (the demo archive: five commits by three people
in February to May 2020), exit statuses as the CLI contract promises (docs/architecture.md,
"The CLI contract")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from brotui.core.demo import ABIT, CLAS, MARTIN, NEXT_ID, SEED_ID, build_demo
from tests.conftest import Result, git

Run = Callable[..., Result]
BOB = "Bob Berg <bob@example.org>"
SEED_PATH = f"protocols/{SEED_ID}.yaml"
FIXED_ID = "hagersten-liljeholmen/2020-02-19"


@pytest.fixture
def run(cli: Run) -> Run:
    """The real command line; no run may ever print a Python traceback."""

    def wrapped(*args: str, **kw: object) -> Result:
        result = cli(*args, **kw)
        assert "Traceback" not in result.out + result.err, result
        return result

    return wrapped


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo"
    build_demo(path)
    return path


def tip(repo: Path) -> str:
    return git(repo, "rev-parse", "refs/heads/main").strip()


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "main"))


# ----------------------------------------------------------------------- rm


def test_rm_deletes_in_one_commit_and_says_how_to_restore(run: Run, demo: Path) -> None:
    before = tip(demo)
    r = run("--repo", str(demo), "rm", NEXT_ID, "--author", BOB)
    assert r.code == 0, r.err
    assert r.out.strip() == (f"Deleted {NEXT_ID} in {tip(demo)}. It can be restored: "
                             f"brotui restore {NEXT_ID} {before[:10]}")
    assert git(demo, "log", "-1", "--format=%an|%s").strip() == f"Bob Berg|{NEXT_ID}: borttaget"
    assert not (demo / f"protocols/{NEXT_ID}.yaml").exists()
    assert git(demo, "status", "--porcelain") == ""
    listed = json.loads(run("--repo", str(demo), "list", "--format", "json").out)
    assert [e["id"] for e in listed] == [SEED_ID]


def test_rm_refusals(run: Run, demo: Path) -> None:
    before, n = tip(demo), commits(demo)
    r = run("--repo", str(demo), "rm", "x/2020-01-01", "--author", BOB)
    assert (r.code, r.err.strip()) == (1, "There is no protocol x/2020-01-01 in main.")
    r = run("--repo", str(demo), "rm", "../../etc/passwd", "--author", BOB)
    assert r.code == 1 and "not a protocol id" in r.err
    r = run("--repo", str(demo), "rm", NEXT_ID)  # no identity anywhere
    assert r.code == 1 and "No identity" in r.err
    first = git(demo, "rev-list", "--max-parents=0", "main").strip()
    r = run("--repo", str(demo), "rm", SEED_ID, "--base", first, "--author", BOB)
    assert r.code == 3 and "Conflict" in r.err and ABIT.name in r.err
    assert (tip(demo), commits(demo)) == (before, n)
    r = run("--repo", str(demo), "rm", SEED_ID, "--base", before, "--author", BOB)
    assert r.code == 0, r.err


# ----------------------------------------------------------------------- mv


def test_mv_corrects_a_date_and_the_history_follows(run: Run, demo: Path) -> None:
    old_log = json.loads(run("--repo", str(demo), "log", SEED_ID, "--format", "json").out)
    r = run("--repo", str(demo), "--lang", "sv", "mv", SEED_ID, FIXED_ID, "--author", BOB)
    assert r.code == 0, r.err
    assert r.out.strip() == f"Flyttade {SEED_ID} till {FIXED_ID} i {tip(demo)}."
    shown = run("--repo", str(demo), "show", FIXED_ID, "--format", "json")
    assert json.loads(shown.out)["protocol"]["date"] == "2020-02-19"
    assert run("--repo", str(demo), "check", FIXED_ID).code == 0
    new_log = json.loads(run("--repo", str(demo), "log", FIXED_ID, "--format", "json").out)
    assert new_log[1:] == old_log
    assert new_log[0]["protocols"] == [FIXED_ID] and new_log[0]["author"] == "Bob Berg"
    assert new_log[0]["subject"] == f"{SEED_ID} -> {FIXED_ID}: flyttat"
    two = run("--repo", str(demo), "log", FIXED_ID, "-n", "2", "--format", "json").out
    assert json.loads(two) == new_log[:2]
    table = run("--repo", str(demo), "log", FIXED_ID).out
    assert table.index("Bob Berg") < table.index(ABIT.name) < table.index(MARTIN.name)


def test_mv_refusals_name_what_and_where(run: Run, demo: Path) -> None:
    before = tip(demo)
    r = run("--repo", str(demo), "mv", SEED_ID, NEXT_ID, "--author", BOB)
    assert (r.code, r.err.strip()) == (
        1, f"There is already a protocol {NEXT_ID} in main; nothing was changed.")
    r = run("--repo", str(demo), "mv", "x/2020-01-01", "x/2020-01-02", "--author", BOB)
    assert (r.code, r.err.strip()) == (1, "There is no protocol x/2020-01-01 in main.")
    r = run("--repo", str(demo), "mv", SEED_ID, "hagersten/2020-02-30", "--author", BOB)
    assert r.code == 1 and "'hagersten/2020-02-30' is not a protocol id" in r.err
    r = run("--repo", str(demo), "mv", SEED_ID, "--author", BOB)
    assert r.code == 2 and "usage" in r.err
    assert tip(demo) == before


# ------------------------------------------------------------------ restore


def test_restore_shows_the_change_then_makes_one_commit(run: Run, demo: Path) -> None:
    first = git(demo, "rev-list", "--max-parents=0", "main").strip()
    old = git(demo, "show", f"{first}:{SEED_PATH}")
    n = commits(demo)
    dry = run("--repo", str(demo), "restore", SEED_ID, first[:8], "--dry-run")
    assert dry.code == 0, dry.err  # no identity needed to look
    assert f"--- {SEED_ID}@main" in dry.out and f"+++ {SEED_ID}@{first[:8]}" in dry.out
    assert "-  role: Kommunpolis" in dry.out and "+  role: Polis" in dry.out
    assert "Nothing was written (--dry-run)" in dry.err
    assert commits(demo) == n
    r = run("--repo", str(demo), "restore", SEED_ID, first[:8], "--author", BOB)
    assert r.code == 0, r.err
    assert r.out.splitlines()[:len(dry.out.splitlines())] == dry.out.splitlines()
    assert r.out.splitlines()[-1] == f"Restored {SEED_ID} to {first[:8]} in {tip(demo)}."
    assert commits(demo) == n + 1
    restored = run("--repo", str(demo), "show", SEED_ID, "--format", "yaml").out
    assert restored == old and (demo / SEED_PATH).read_text("utf-8") == old
    again = run("--repo", str(demo), "restore", SEED_ID, first[:8], "--author", BOB)
    assert (again.code, again.out.strip()) == (
        0, f"{SEED_ID} is already as in {first[:8]}; nothing was written.")
    assert commits(demo) == n + 1


def test_a_deleted_protocol_is_found_and_restored(run: Run, demo: Path) -> None:
    old = git(demo, "show", f"main:protocols/{NEXT_ID}.yaml")
    assert run("--repo", str(demo), "rm", NEXT_ID, "--author", BOB).code == 0
    listed = run("--repo", str(demo), "log", "--deleted", "--format", "json")
    assert listed.code == 0, listed.err
    (deleted,) = json.loads(listed.out)
    assert (deleted["id"], deleted["author"]) == (NEXT_ID, "Bob Berg")
    assert deleted["deleted_in"] == tip(demo)
    assert deleted["last_revision"] == git(demo, "rev-parse", "main~1").strip()
    table = run("--repo", str(demo), "--lang", "sv", "log", "--deleted").out
    assert NEXT_ID in table and "Borttaget av" in table and deleted["last_revision"][:10] in table
    r = run("--repo", str(demo), "restore", NEXT_ID, deleted["last_revision"], "--author", BOB)
    assert r.code == 0, r.err
    assert f"+++ {NEXT_ID}@" in r.out and "@@ -0,0 +1," in r.out
    assert git(demo, "show", f"main:protocols/{NEXT_ID}.yaml") == old
    assert run("--repo", str(demo), "log", "--deleted").out.strip() == "No deleted minutes."


def test_restore_refusals(run: Run, demo: Path) -> None:
    before = tip(demo)
    r = run("--repo", str(demo), "restore", SEED_ID, "no-such-rev", "--author", BOB)
    assert (r.code, r.err.strip()) == (1, "The revision 'no-such-rev' does not exist in "
                                          "the archive.")
    first = git(demo, "rev-list", "--max-parents=0", "main").strip()
    r = run("--repo", str(demo), "restore", NEXT_ID, first, "--author", BOB)
    assert r.code == 1 and f"{NEXT_ID} did not exist in {first}" in r.err
    r = run("--repo", str(demo), "restore", SEED_ID, "--author", BOB)
    assert r.code == 2
    assert tip(demo) == before


# ----------------------------------------------------------------- activity


def test_log_without_an_id_is_the_archive_activity(run: Run, demo: Path) -> None:
    r = run("--repo", str(demo), "log")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].split() == ["Changed", "Author", "Commit", "Protocol", "Message"]
    assert len(lines) == 6
    assert CLAS.name in lines[1] and NEXT_ID in lines[1] and "nytt protokoll" in lines[1]
    sv = run("--repo", str(demo), "--lang", "sv", "log").out.splitlines()[0].split()
    assert sv == ["Ändrat", "Författare", "Commit", "Protokoll", "Meddelande"]


def test_log_filters_and_pages_as_json(run: Run, demo: Path) -> None:
    def log(*args: str) -> list[dict[str, object]]:
        r = run("--repo", str(demo), "log", "--format", "json", *args, env={"TZ": "UTC"})
        assert r.code == 0, r.err
        return json.loads(r.out)

    everything = log()
    assert [e["author"] for e in everything] == [CLAS.name, ABIT.name, CLAS.name, MARTIN.name,
                                                 CLAS.name]
    assert everything[0]["changes"] == [{"id": NEXT_ID, "change": "added"}]
    assert everything[0]["time"] == "2020-05-07T14:20:00+00:00"
    assert [e["author"] for e in log("--author", "cederlid")] == [CLAS.name] * 3
    assert [e["author"] for e in log("--author", "EXAMPLE.ORG")] == [ABIT.name, MARTIN.name]
    assert log("--council", "skarholmen") == []
    assert len(log("--council", "hagersten-liljeholmen")) == 5
    assert [e["author"] for e in log("--since", "2020-02-24", "--until", "2020-02-25")] == \
        [CLAS.name, MARTIN.name]
    page1, page2 = log("-n", "2"), log("-n", "2", "--skip", "2")
    assert page1 + page2 == everything[:4]


def test_log_marks_deletions_and_moves(run: Run, demo: Path) -> None:
    assert run("--repo", str(demo), "rm", NEXT_ID, "--author", BOB).code == 0
    assert run("--repo", str(demo), "mv", SEED_ID, FIXED_ID, "--author", BOB).code == 0
    moved, deleted = json.loads(run("--repo", str(demo), "log", "-n", "2", "--format",
                                    "json").out)
    assert deleted["changes"] == [{"id": NEXT_ID, "change": "deleted"}]
    assert moved["renamed_from"] == SEED_ID
    table = run("--repo", str(demo), "log", "-n", "2").out
    assert f"{NEXT_ID} (deleted)" in table


def test_log_refusals(run: Run, demo: Path) -> None:
    r = run("--repo", str(demo), "log", SEED_ID, "--author", "x")
    assert r.code == 2 and "--author" in r.err and "without an id" in r.err
    r = run("--repo", str(demo), "log", "--since", "2020-31-01")
    assert r.code == 1 and "2020-31-01" in r.err
    r = run("--repo", str(demo), "log", "--since", "2020-03-01", "--until", "2020-02-01")
    assert r.code == 1 and "period is empty" in r.err
    r = run("--repo", str(demo), "log", "--council", "../x")
    assert r.code == 1 and "not a council name" in r.err
    for bad in ("-1", "0", "x"):
        r = run("--repo", str(demo), "log", "-n", bad)
        assert r.code == 2 and "usage" in r.err
    r = run("--repo", str(demo), "log", "--since", "2030-01-01")
    assert (r.code, r.out.strip()) == (0, "No changes to show.")
