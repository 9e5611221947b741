"""The `brotui` command line as a user and a script meet it: real processes, real git
repositories in temporary folders, no mocks.

Every run goes through `run`, which also proves that no output ever shows a Python
traceback: a person or a script reads sentences, never stack frames.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from brotui.core.demo import example_protocols
from tests.conftest import ALICE, BOB, SEED_ID, Result, git

Run = Callable[..., Result]

SEED_TXT = Path(__file__).parent / "data" / "seed.txt"
SEED_PATH = f"protocols/{SEED_ID}.yaml"
NEXT_ID = "hagersten-liljeholmen/2020-05-14"
BOB_AUTHOR = f"{BOB.name} <{BOB.email}>"
ALICE_AUTHOR = f"{ALICE.name} <{ALICE.email}>"
CAROL_AUTHOR = "Carol Carlsson <carol@example.org>"
SV_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
             "september", "oktober", "november", "december")
PLAIN_GIT_ENV = {"GIT_AUTHOR_NAME": "Dave Dahl", "GIT_AUTHOR_EMAIL": "dave@example.org",
                 "GIT_COMMITTER_NAME": "Dave Dahl", "GIT_COMMITTER_EMAIL": "dave@example.org"}


# ------------------------------------------------------------------ helpers


@pytest.fixture
def run(cli: Run) -> Run:
    """The real command line; no run may ever print a Python traceback."""

    def wrapped(*args: str, **kw: object) -> Result:
        result = cli(*args, **kw)
        assert "Traceback" not in result.out, result.out
        assert "Traceback" not in result.err, result.err
        return result

    return wrapped


def run_bytes(*args: str, input: bytes | None = None,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command line with stdout and stderr as the exact bytes written."""
    return subprocess.run([sys.executable, "-m", "brotui.cli", *args], input=input,
                          capture_output=True, env={**os.environ, **(env or {})})


def collapse(text: str) -> str:
    """Text with every run of white space (tabs, newlines, padding) as one space."""
    return " ".join(text.split())


def tip(repo: Path) -> str:
    return git(repo, "rev-parse", "refs/heads/main").strip()


def commit_count(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "refs/heads/main").strip())


def all_objects(repo: Path) -> str:
    return git(repo, "cat-file", "--batch-all-objects", "--batch-check")


def seed_text(repo: Path) -> str:
    return git(repo, "show", f"main:{SEED_PATH}")


def with_role(text: str, old: str, new: str) -> str:
    """The protocol text with one attendee's role changed (the role must be there once)."""
    assert text.count(f"role: {old}\n") == 1
    return text.replace(f"role: {old}\n", f"role: {new}\n")


def line_of(text: str, needle: str) -> int:
    """The 1-based line number where `needle` starts a line."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(needle):
            return number
    raise AssertionError(f"{needle!r} not in text")


def plain_git_commit(repo: Path, files: dict[str, bytes], message: str,
                     env: dict[str, str] | None = None) -> str:
    """Someone else's commit made with plain git in a work tree (not through brotui)."""
    for path, data in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        git(repo, "add", "--", path)
    git(repo, "commit", "-q", "-m", message, env=env or PLAIN_GIT_ENV)
    return tip(repo)


def english_long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B} {day.year}"


@dataclass
class SeedMinutes:
    """What the original minutes (tests/data/seed.txt) say, piece by piece."""

    council: str = ""
    date: str = ""
    attendees: list[tuple[str, str]] = field(default_factory=list)
    when: str = ""  # "Thursday 20 February 2020 15:00–17:00"
    when_sv: str = ""  # "20 februari 2020 15:00–17:00"
    location: str = ""
    items: list[str] = field(default_factory=list)  # "2. Information kring …"
    paragraphs: list[str] = field(default_factory=list)
    next_when: str = ""
    next_when_sv: str = ""
    next_location: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


_WHEN_RE = re.compile(r"(\d{1,2}) ([a-zåäö]+) (\d{4}) kl\. (\d\d)\.(\d\d) – (\d\d)\.(\d\d)")


def _when(text: str) -> tuple[str, str]:
    """("Thursday 14 May 2020 15:00–17:00", "14 maj 2020 15:00–17:00") from the seed's
    "… 14 maj 2020 kl. 15.00 – 17.00"."""
    m = _WHEN_RE.search(text)
    assert m, text
    day = dt.date(int(m[3]), SV_MONTHS.index(m[2]) + 1, int(m[1]))
    span = f"{m[4]}:{m[5]}–{m[6]}:{m[7]}"
    return f"{english_long_date(day)} {span}", f"{m[1]} {m[2]} {m[3]} {span}"


def seed_minutes() -> SeedMinutes:
    """Read the original minutes with their quirks: `**` bold markers, items 5 and 6 glued
    together, times written "15.00 – 17.00", labels on lines of their own."""
    seed = SeedMinutes()
    section = "heading"
    for raw in SEED_TXT.read_text("utf-8").splitlines():
        # "5. Beslutade insatser**6. Övrigt**": a bold marker glues two items together
        unglued = re.sub(r"\*\*(?=\d+\. )", "\n", raw).replace("**", "")
        for piece in (p.strip() for p in unglued.splitlines()):
            if not piece:
                continue
            if re.fullmatch(r"[^\W\d_]+:", piece):  # "Närvarande:", "Tidpunkt:", "Plats:"
                section = piece[:-1]
                continue
            if section == "heading":
                seed.council, seed.date = piece.rsplit(" ", 1)
            elif section == "Närvarande":
                name, role = re.split(r"\t+", piece)
                seed.attendees.append((name.strip(), role.strip()))
            elif section == "Tidpunkt":
                seed.when, seed.when_sv = _when(piece)
            elif section == "Plats":
                seed.location = piece
                section = "items"
            elif piece.startswith("Kontakt:"):
                m = re.fullmatch(r"Kontakt: (\D+?) (\d[\d ]*\d)", piece)
                assert m, piece
                seed.contact_name, seed.contact_phone = m[1], m[2]
                section = "contact"
            elif section == "contact":
                seed.contact_email = piece
            elif re.match(r"\d+\. ", piece):
                seed.items.append(piece)
            else:
                seed.paragraphs.append(piece)
                if piece.startswith("Tid:"):
                    seed.next_when, seed.next_when_sv = _when(piece)
                elif piece.startswith("Plats:"):
                    seed.next_location = piece.removeprefix("Plats:").strip()
    return seed


# ---------------------------------------------------------------------- show


def test_seed_minutes_are_read_as_expected() -> None:
    """The reading of seed.txt that the show tests rely on finds every part of it."""
    seed = seed_minutes()
    assert seed.council == "Hägersten-Liljeholmens lokala brottsförebyggande råd"
    assert seed.date == "2020-02-20"
    assert len(seed.attendees) == 8
    assert [i.split(".")[0] for i in seed.items] == [str(n) for n in range(1, 8)]
    assert seed.when == "Thursday 20 February 2020 15:00–17:00"
    assert seed.next_when == "Thursday 14 May 2020 15:00–17:00"
    assert seed.contact_phone == "08 508 23 326"
    assert "@" in seed.contact_email
    assert len(seed.paragraphs) >= 8


def test_show_prints_every_part_of_the_minutes(run: Run, repo: Path) -> None:
    """`show` gives the whole minutes: nobody, no time, no place, no paragraph is missing."""
    seed = seed_minutes()
    r = run("--repo", str(repo), "show", SEED_ID)
    assert r.code == 0, r.err
    text = collapse(r.out)
    lines = r.out.splitlines()
    assert seed.council in lines
    assert seed.date in text
    for name, role in seed.attendees:
        assert any(re.fullmatch(rf"\s*{re.escape(name)}\s+{re.escape(role)}", line)
                   for line in lines), (name, role)
    assert seed.when in text
    assert "15:00–17:00" in text
    assert seed.location in text
    for item in seed.items:
        assert collapse(item) in text, item
    for paragraph in seed.paragraphs:
        assert collapse(paragraph) in text, paragraph
    assert "Bildspel" in r.out
    next_section = collapse(r.out.split("Next meetings", 1)[1])
    assert f"{seed.next_when}, {seed.next_location}" in next_section
    contact = collapse(r.out.split("Contact", 1)[1])
    for part in (seed.contact_name, seed.contact_phone, seed.contact_email):
        assert part in contact
    assert "08 508 23 326" in contact


def test_show_in_swedish_uses_swedish_dates(run: Run, repo: Path) -> None:
    """With --lang sv the times and dates read as in the original minutes, in Swedish."""
    seed = seed_minutes()
    r = run("--repo", str(repo), "--lang", "sv", "show", SEED_ID)
    assert r.code == 0, r.err
    text = collapse(r.out)
    assert seed.when_sv in text
    assert seed.next_when_sv in text
    assert "Närvarande" in r.out


def test_show_yaml_is_the_file_exactly(repo: Path, seed_bytes: bytes) -> None:
    """`show --format yaml` gives the stored file byte for byte, for scripts to edit."""
    proc = run_bytes("--repo", str(repo), "show", SEED_ID, "--format", "yaml")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == seed_bytes
    assert proc.stderr == b""


def test_show_json_is_one_document(run: Run, repo: Path) -> None:
    """`show --format json` is one JSON document with the 8 attendees and 7 items."""
    r = run("--repo", str(repo), "show", SEED_ID, "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["id"] == SEED_ID
    assert data["commit"] == tip(repo)
    protocol = data["protocol"]
    assert len(protocol["attendees"]) == 8
    assert len(protocol["items"]) == 7
    assert protocol["date"] == "2020-02-20"
    assert protocol["start"] == "15:00"
    assert protocol["contact"]["phone"] == "08 508 23 326"


def test_show_an_earlier_revision(run: Run, repo: Path) -> None:
    """`show --rev` shows the minutes as they were then, not as they are now."""
    first = tip(repo)
    changed = with_role(seed_text(repo), "Kommunpolis", "Lokalpolisområdeschef")
    assert run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR,
               input=changed).code == 0
    then = run("--repo", str(repo), "show", SEED_ID, "--rev", first)
    now = run("--repo", str(repo), "show", SEED_ID)
    assert "Kommunpolis" in then.out and "Lokalpolisområdeschef" not in then.out
    assert "Lokalpolisområdeschef" in now.out


def test_show_refuses_a_bad_revision(run: Run, repo: Path) -> None:
    """A revision that does not exist, or looks like an option, is refused with a sentence."""
    for rev in ("nosuchbranch", "--all", "HEAD~5"):
        r = run("--repo", str(repo), "show", SEED_ID, f"--rev={rev}")
        assert r.code == 1, (rev, r)
        assert rev in r.err


# --------------------------------------------------------------------- check


def test_check_a_clean_archive(run: Run, repo: Path) -> None:
    """`check` on an archive of valid minutes says so and exits 0."""
    r = run("--repo", str(repo), "check")
    assert r.code == 0, r.err
    assert "no errors" in r.out
    assert r.err == ""
    r = run("--repo", str(repo), "check", SEED_ID)
    assert r.code == 0, r.err


def test_check_a_file_on_disk(run: Run, tmp_path: Path, seed_bytes: bytes) -> None:
    """`check FILE.yaml` checks a file that is not in any archive."""
    path = tmp_path / "utkast.yaml"
    path.write_bytes(seed_bytes)
    r = run("check", str(path), cwd=tmp_path)
    assert r.code == 0, r.err
    assert "no errors" in r.out


@pytest.mark.parametrize(
    ("needle", "replacement", "field_name"),
    [
        ('start: "15:00"', "start: 15:00", "start"),
        ("date: 2020-02-20", "date: tomorrow", "date"),
        ("status: draft", "status: draft\ncouncil: Ett annat råd", "council"),
    ],
    ids=["unquoted-time", "date-tomorrow", "duplicate-key"],
)
def test_check_names_file_line_and_field(run: Run, tmp_path: Path, seed_bytes: bytes,
                                         needle: str, replacement: str,
                                         field_name: str) -> None:
    """A broken file is refused with the file, the line and the field of the mistake."""
    text = seed_bytes.decode("utf-8")
    assert text.count(f"\n{needle}\n") == 1
    broken = text.replace(f"\n{needle}\n", f"\n{replacement}\n")
    bad_line = line_of(broken, replacement.splitlines()[-1])
    path = tmp_path / "trasig.yaml"
    path.write_text(broken, "utf-8")
    r = run("check", str(path), cwd=tmp_path)
    assert r.code == 1
    assert f"{path}:{bad_line}: {field_name}" in r.err, r.err
    assert r.out == ""


def test_check_a_work_tree_file_knows_its_id(run: Run, repo: Path, seed_bytes: bytes) -> None:
    """A file under protocols/ is checked against its name: the date must match it."""
    misnamed = repo / "protocols" / "hagersten-liljeholmen" / "2020-03-01.yaml"
    misnamed.write_bytes(seed_bytes)
    r = run("check", str(misnamed), cwd=repo)
    assert r.code == 1
    assert f"{misnamed}:{line_of(seed_bytes.decode(), 'date:')}: date" in r.err, r.err
    assert "2020-03-01" in r.err


def test_check_names_a_broken_protocol_in_the_archive(run: Run, repo: Path,
                                                      seed_bytes: bytes) -> None:
    """A broken file committed with plain git is found by `check`, with path and line."""
    broken = seed_bytes.replace(b'start: "15:00"', b"start: 15:00")
    plain_git_commit(repo, {SEED_PATH: broken}, "oops")
    r = run("--repo", str(repo), "check")
    assert r.code == 1
    line = line_of(broken.decode(), "start: 15:00")
    assert f"{SEED_PATH}:{line}: start" in r.err, r.err


# ----------------------------------------------------------------------- put


def test_put_saves_one_commit_by_the_author(run: Run, repo: Path, tmp_path: Path) -> None:
    """An edited protocol saved with --author is one commit, by that person, of that file."""
    before = tip(repo)
    shown = run("--repo", str(repo), "show", SEED_ID, "--format", "yaml")
    edited = with_role(shown.out, "Grundskolechef", "Grundskoledirektör")
    path = tmp_path / "edited.yaml"
    path.write_text(edited, "utf-8")
    r = run("--repo", str(repo), "put", SEED_ID, "--file", str(path), "--author", BOB_AUTHOR)
    assert r.code == 0, r.err
    assert tip(repo) in r.out  # the new commit is named, for scripts to pass on as --base
    assert git(repo, "rev-list", "--count", f"{before}..main").strip() == "1"
    assert git(repo, "rev-parse", "main~1").strip() == before
    assert git(repo, "log", "-1", "--format=%an <%ae>").strip() == BOB_AUTHOR
    assert git(repo, "show", "--name-only", "--format=", "main").split() == [SEED_PATH]
    git(repo, "fsck", "--strict")
    assert (repo / SEED_PATH).read_text("utf-8") == edited
    assert seed_text(repo) == edited
    assert git(repo, "status", "--porcelain") == ""
    assert SEED_ID in git(repo, "log", "-1", "--format=%B")


def test_put_read_in_english_writes_the_archive_language_into_the_commit(
        run: Run, repo: Path, tmp_path: Path) -> None:
    """Someone reading English saves into an archive whose language is Swedish: the commit
    message, which every colleague reads in the history, is Swedish, to the last word of
    its body (a new attendee's presence named as Swedish says it, not "excused")."""
    (repo / ".brotui.yaml").write_text("language: sv\n", "utf-8")
    git(repo, "add", ".brotui.yaml")
    git(repo, "commit", "-qm", "inställningar", env=PLAIN_GIT_ENV)
    shown = run("--repo", str(repo), "--lang", "en", "show", SEED_ID, "--format", "yaml")
    edited = shown.out.replace("attendees:\n", "attendees:\n- name: Eva Ek\n"
                               "  role: Gäst\n  presence: excused\n", 1)
    assert edited != shown.out
    path = tmp_path / "edited.yaml"
    path.write_text(edited, "utf-8")
    r = run("--repo", str(repo), "--lang", "en", "put", SEED_ID, "--file", str(path),
            "--author", BOB_AUTHOR)
    assert r.code == 0, r.err
    subject = git(repo, "log", "-1", "--format=%s").strip()
    body = git(repo, "log", "-1", "--format=%b")
    assert subject == f"{SEED_ID}: Eva Ek tillagd i närvarolistan", subject
    assert "anmält förhinder" in body and "excused" not in body, body


def test_put_of_new_minutes_refuses_an_id_someone_created_meanwhile(
        repo: Path, tmp_path: Path) -> None:
    """`brotui put` of an id that is not in the archive makes new minutes, as the TUI's
    new minutes do (ops.create): if someone else creates that id before the commit, the
    put is refused and their minutes stay as they wrote them; nothing is overwritten."""
    import fcntl
    import time

    text = seed_text(repo).replace("2020-02-20", "2020-05-14")
    (tmp_path / "mine.yaml").write_text(text, "utf-8")
    folder = repo / ".git" / "brotui"
    folder.mkdir(exist_ok=True)
    lock = os.open(folder / "save.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(lock, fcntl.LOCK_EX)  # another save is running: the put waits for it
    try:
        proc = subprocess.Popen([sys.executable, "-m", "brotui.cli", "--repo", str(repo),
                                 "put", NEXT_ID, "--file", str(tmp_path / "mine.yaml"),
                                 "--author", BOB_AUTHOR], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        # Wait until the put holds the lock file open, waiting for it (seen twice, so
        # not the moment the archive's opening looks for a save to finish).
        seen = 0
        deadline = time.monotonic() + 60
        while seen < 2 and time.monotonic() < deadline and proc.poll() is None:
            fds = Path(f"/proc/{proc.pid}/fd")
            try:
                holds = any(str(fd.readlink()).endswith("save.lock") for fd in fds.iterdir())
            except (FileNotFoundError, OSError):
                holds = False
            seen = seen + 1 if holds else 0
            time.sleep(0.1)
        assert seen == 2, "the put never waited for the save lock"
        theirs = text.replace("Grundskolechef", "Rektor")
        (repo / "protocols" / f"{NEXT_ID}.yaml").write_text(theirs, "utf-8")
        git(repo, "add", "protocols")
        git(repo, "commit", "-qm", "Carol's minutes", env=PLAIN_GIT_ENV)
        created = tip(repo)
    finally:
        os.close(lock)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, out.decode()
    assert NEXT_ID in err.decode() and "Traceback" not in err.decode()
    assert tip(repo) == created
    assert git(repo, "show", f"main:protocols/{NEXT_ID}.yaml") == theirs


def test_put_the_same_content_again_makes_no_commit(run: Run, repo: Path) -> None:
    """Saving what is already there is fine (exit 0) and adds nothing to the history."""
    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    assert run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR,
               input=edited).code == 0
    after_first = tip(repo)
    r = run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR, input=edited)
    assert r.code == 0, r.err
    assert tip(repo) == after_first
    assert "unchanged" in r.out
    assert git(repo, "status", "--porcelain") == ""


def test_put_refuses_an_invalid_protocol(run: Run, repo: Path) -> None:
    """An invalid protocol is refused with the line and field; nothing is committed."""
    before, objects = tip(repo), all_objects(repo)
    broken = seed_text(repo).replace('end: "17:00"', "end: 17:00")
    r = run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR, input=broken)
    assert r.code == 1
    assert f"<stdin>:{line_of(broken, 'end: 17:00')}: end" in r.err, r.err
    assert tip(repo) == before
    assert all_objects(repo) == objects
    assert git(repo, "status", "--porcelain") == ""


def test_put_from_a_missing_file_is_refused(run: Run, repo: Path, tmp_path: Path) -> None:
    """`put --file` naming a file that is not there is refused with its name, not a crash."""
    missing = tmp_path / "finns-inte.yaml"
    r = run("--repo", str(repo), "put", SEED_ID, "--file", str(missing),
            "--author", BOB_AUTHOR)
    assert r.code == 1
    assert str(missing) in r.err
    assert commit_count(repo) == 1


def test_put_refuses_a_protocol_whose_date_is_not_its_name(run: Run, repo: Path) -> None:
    """Minutes of 20 February cannot be saved as the minutes of another day."""
    before = tip(repo)
    r = run("--repo", str(repo), "put", "hagersten-liljeholmen/2020-03-01",
            "--author", BOB_AUTHOR, input=seed_text(repo))
    assert r.code == 1
    assert "date" in r.err
    assert tip(repo) == before


def test_put_without_identity_is_refused(run: Run, repo: Path) -> None:
    """With no identity at all, put says how to give one and writes nothing."""
    before, objects = tip(repo), all_objects(repo)
    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    r = run("--repo", str(repo), "put", SEED_ID, input=edited)
    assert r.code == 1
    assert "--author" in r.err
    assert "BROTUI_AUTHOR" in r.err
    assert tip(repo) == before
    assert all_objects(repo) == objects
    assert git(repo, "status", "--porcelain") == ""
    assert (repo / SEED_PATH).read_text("utf-8") == seed_text(repo)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_put_with_a_malformed_identity_is_refused(run: Run, repo: Path, how: str) -> None:
    """`--author nobody` (or BROTUI_AUTHOR=nobody) is refused and nothing is written."""
    before, objects = tip(repo), all_objects(repo)
    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    if how == "option":
        r = run("--repo", str(repo), "put", SEED_ID, "--author", "nobody", input=edited)
    else:
        r = run("--repo", str(repo), "put", SEED_ID, input=edited,
                env={"BROTUI_AUTHOR": "nobody"})
    assert r.code == 1
    assert "nobody" in r.err
    assert "<" in r.err and "--author" in r.err
    assert tip(repo) == before
    assert all_objects(repo) == objects


def test_put_takes_the_author_from_brotui_author(run: Run, repo: Path) -> None:
    """Without --author, BROTUI_AUTHOR names the author."""
    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    r = run("--repo", str(repo), "put", SEED_ID, input=edited,
            env={"BROTUI_AUTHOR": CAROL_AUTHOR})
    assert r.code == 0, r.err
    assert git(repo, "log", "-1", "--format=%an <%ae>").strip() == CAROL_AUTHOR


def test_put_author_option_wins_over_environment(run: Run, repo: Path) -> None:
    """--author wins over BROTUI_AUTHOR and over the repository's git identity."""
    git(repo, "config", "user.name", "Repo Person")
    git(repo, "config", "user.email", "repo@example.org")
    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    r = run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR, input=edited,
            env={"BROTUI_AUTHOR": CAROL_AUTHOR})
    assert r.code == 0, r.err
    assert git(repo, "log", "-1", "--format=%an <%ae>").strip() == BOB_AUTHOR


def test_put_falls_back_to_the_repository_identity(run: Run, repo: Path) -> None:
    """With neither --author nor BROTUI_AUTHOR, git's user.name/user.email of the repo is
    the author; the repo's identity is also the committer when someone else is the author."""
    git(repo, "config", "user.name", "Repo Person")
    git(repo, "config", "user.email", "repo@example.org")
    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    r = run("--repo", str(repo), "put", SEED_ID, input=edited)
    assert r.code == 0, r.err
    assert git(repo, "log", "-1", "--format=%an <%ae>").strip() == "Repo Person <repo@example.org>"
    edited = with_role(edited, "Kommunpolis", "Polis")
    r = run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR, input=edited)
    assert r.code == 0, r.err
    assert git(repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>").strip() == (
        f"{BOB_AUTHOR}|Repo Person <repo@example.org>")


def test_put_never_commits_other_changes(run: Run, repo: Path) -> None:
    """Unrelated work in the work tree (modified, staged, untracked) stays as it was."""
    plain_git_commit(repo, {"README.md": b"Arkiv\n", "notes/plan.txt": b"plan\n"}, "readme")
    (repo / "README.md").write_text("Arkiv\nändrat men inte sparat\n", "utf-8")
    (repo / "notes" / "plan.txt").write_text("plan, staged\n", "utf-8")
    git(repo, "add", "notes/plan.txt")
    (repo / "notes" / "new.txt").write_text("ny fil i indexet\n", "utf-8")
    git(repo, "add", "notes/new.txt")
    (repo / "scratch.txt").write_text("lös fil\n", "utf-8")
    status_before = git(repo, "status", "--porcelain")
    staged_before = git(repo, "diff", "--cached", "--name-only")
    before = tip(repo)

    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    r = run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR, input=edited)
    assert r.code == 0, r.err
    assert git(repo, "rev-list", "--count", f"{before}..main").strip() == "1"
    assert git(repo, "show", "--name-only", "--format=", "main").split() == [SEED_PATH]
    assert git(repo, "status", "--porcelain") == status_before
    assert git(repo, "diff", "--cached", "--name-only") == staged_before
    assert staged_before.split() == ["notes/new.txt", "notes/plan.txt"]
    assert (repo / "README.md").read_text("utf-8") == "Arkiv\nändrat men inte sparat\n"
    assert (repo / "scratch.txt").read_text("utf-8") == "lös fil\n"
    assert (repo / SEED_PATH).read_text("utf-8") == edited
    git(repo, "fsck", "--strict")


def test_put_from_a_subfolder_of_the_work_tree(run: Run, repo: Path) -> None:
    """Without --repo, the archive is the git repository around the current folder."""
    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    r = run("put", SEED_ID, "--author", BOB_AUTHOR, input=edited,
            cwd=repo / "protocols" / "hagersten-liljeholmen")
    assert r.code == 0, r.err
    assert seed_text(repo) == edited
    assert git(repo, "status", "--porcelain") == ""


def test_put_keeps_own_edits_in_the_work_tree_copy(run: Run, repo: Path) -> None:
    """A person's unsaved edits in the checked-out file are never overwritten by a put."""
    own = (repo / SEED_PATH).read_text("utf-8") + "# mina anteckningar\n"
    (repo / SEED_PATH).write_text(own, "utf-8")
    edited = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    r = run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR, input=edited)
    assert r.code == 0, r.err
    assert seed_text(repo) == edited
    assert (repo / SEED_PATH).read_text("utf-8") == own
    assert SEED_PATH in r.err


def test_put_with_a_stale_base_merges_other_fields_and_refuses_the_same(run: Run,
                                                                      repo: Path) -> None:
    """Since the base, Bob changed Peter's role. Carol's put from that base changing the
    same role exits 3, lists the field, writes nothing; changing another role merges."""
    base = tip(repo)
    first = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    assert run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR,
               input=first).code == 0
    after_bob = tip(repo)
    original = seed_text(repo).replace("Grundskoledirektör", "Grundskolechef")
    same = with_role(original, "Grundskolechef", "Skolchef")
    r = run("--repo", str(repo), "put", SEED_ID, "--base", base, "--author", CAROL_AUTHOR,
            input=same)
    assert r.code == 3
    assert "Conflict" in r.err and BOB.name in r.err
    assert "Attendees: Peter Bragner, role: as it was “Grundskolechef”, theirs " \
        "“Grundskoledirektör”, yours “Skolchef”" in r.err
    assert tip(repo) == after_bob
    assert (repo / SEED_PATH).read_text("utf-8") == first
    assert git(repo, "status", "--porcelain") == ""

    other = with_role(original, "Kommunpolis", "Polis")
    r = run("--repo", str(repo), "put", SEED_ID, "--base", base, "--author", CAROL_AUTHOR,
            input=other)
    assert r.code == 0, r.err
    assert "Merged with changes made since you started: Attendees: Peter Bragner, role: " \
        "Grundskolechef → Grundskoledirektör" in r.out
    assert git(repo, "rev-parse", "main~1").strip() == after_bob
    text = seed_text(repo)
    assert "role: Polis\n" in text and "role: Grundskoledirektör\n" in text
    assert "Grundskoledirektör" in seed_text(repo)


def test_put_with_a_base_that_does_not_exist(run: Run, repo: Path) -> None:
    """An unknown base revision is refused (exit 1), not taken as a conflict or a save."""
    before = tip(repo)
    r = run("--repo", str(repo), "put", SEED_ID, "--base", "0" * 40, "--author", BOB_AUTHOR,
            input=with_role(seed_text(repo), "Kommunpolis", "Polis"))
    assert r.code == 1
    assert tip(repo) == before


# ----------------------------------------------------------------------- new


def test_new_from_earlier_minutes(run: Run, repo: Path, seed_bytes: bytes) -> None:
    """`new --from` starts the next meeting's minutes: its date and place, the same council,
    attendees and contact, the agenda's numbers, no text."""
    seed = yaml.safe_load(seed_bytes)
    r = run("--repo", str(repo), "new", "--from", SEED_ID)
    assert r.code == 0, r.err
    new = yaml.safe_load(r.out)
    assert new["date"] == dt.date(2020, 5, 14)
    assert new["council"] == seed["council"]
    assert new["location"] == seed["next_meetings"][0]["location"]
    assert new["start"] == "15:00" and new["end"] == "17:00"
    assert [a["name"] for a in new["attendees"]] == [a["name"] for a in seed["attendees"]]
    assert len(new["attendees"]) == 8
    assert new["contact"] == seed["contact"]
    # the agenda's items but "Kommande möten": the next meetings have their own list
    assert [i["number"] for i in new["items"]] == list(range(1, 7))
    assert "Kommande möten" not in [i["title"] for i in new["items"]]
    assert all("text" not in item for item in new["items"])
    assert "hagersten-liljeholmen/2020-05-14" in r.err
    assert git(repo, "status", "--porcelain") == ""


def test_new_blank(run: Run, repo: Path) -> None:
    """`new --council x --date 2021-01-01` gives an empty protocol for that council and day."""
    r = run("--repo", str(repo), "new", "--council", "x", "--date", "2021-01-01")
    assert r.code == 0, r.err
    new = yaml.safe_load(r.out)
    assert new["date"] == dt.date(2021, 1, 1)
    assert new["council"] == "x"
    assert [i["number"] for i in new["items"]] == [1]
    assert "x/2021-01-01" in r.err


def test_new_on_a_taken_date_gets_a_second_id(run: Run, repo: Path) -> None:
    """A second meeting on the same day gets `-2`, named on stderr, and saves beside the first."""
    r = run("--repo", str(repo), "new", "--council", "hagersten-liljeholmen",
            "--date", "2020-02-20")
    assert r.code == 0, r.err
    second_id = "hagersten-liljeholmen/2020-02-20-2"
    assert second_id in r.err
    new = yaml.safe_load(r.out)
    assert new["council"] == "Hägersten-Liljeholmens lokala brottsförebyggande råd"
    new["items"][0]["title"] = "Extra möte"
    filled = yaml.safe_dump(new, allow_unicode=True, sort_keys=False)
    put = run("--repo", str(repo), "put", second_id, "--author", BOB_AUTHOR, input=filled)
    assert put.code == 0, put.err
    assert (repo / "protocols" / f"{second_id}.yaml").is_file()
    assert seed_text(repo).encode() == (repo / SEED_PATH).read_bytes()
    again = run("--repo", str(repo), "new", "--council", "hagersten-liljeholmen",
                "--date", "2020-02-20")
    assert "hagersten-liljeholmen/2020-02-20-3" in again.err


def test_new_refuses_bad_input(run: Run, repo: Path) -> None:
    """A bad date or slug is refused with a sentence (exit 1)."""
    r = run("--repo", str(repo), "new", "--council", "x", "--date", "2021-02-30")
    assert r.code == 1 and "2021-02-30" in r.err
    r = run("--repo", str(repo), "new", "--council", "Bad Slug", "--date", "2021-01-01")
    assert r.code == 1 and "Bad Slug" in r.err


def test_an_overlong_council_slug_is_refused_in_both_languages(run: Run, repo: Path) -> None:
    """A council's short name names a folder and part of a draft's file name: at 300
    characters every save of it crashed the TUI (its draft's name was too long) and a
    clone's checkout fails beyond 255. At most 80, said in Swedish and English."""
    slug = "a" * 300
    before = tip(repo)
    r = run("--repo", str(repo), "--lang", "en", "new", "--council", slug, "--date",
            "2021-01-01")
    assert r.code == 1
    assert "is 300 characters long; it may have at most 80" in collapse(r.err), r.err
    r = run("--repo", str(repo), "--lang", "sv", "new", "--council", slug, "--date",
            "2021-01-01")
    assert r.code == 1 and "är 300 tecken långt; det får vara högst 80" in collapse(r.err)
    text = seed_text(repo).replace("2020-02-20", "2021-01-01")
    put = run("--repo", str(repo), "--lang", "en", "put", f"{slug}/2021-01-01", "--author",
              BOB_AUTHOR, input=text)
    assert put.code == 1 and "at most 80" in put.err
    assert tip(repo) == before
    assert run("--repo", str(repo), "new", "--council", "a" * 80, "--date",
               "2021-01-01").code == 0


@pytest.mark.parametrize("look_alike", [
    "2020-02-20-1\u0660",  # ARABIC-INDIC DIGIT ZERO: reads like -10
    "2020-02-20-1\uff10",  # FULLWIDTH DIGIT ZERO
    "2020-02-2\uff10",
    "2020-02-20-1000",  # beyond -999: the suffix is bounded
])
def test_ids_with_look_alike_or_endless_numbers_are_refused(run: Run, repo: Path,
                                                            look_alike: str) -> None:
    bad = f"hagersten-liljeholmen/{look_alike}"
    before = tip(repo)
    r = run("--repo", str(repo), "--lang", "en", "put", bad, "--author", BOB_AUTHOR,
            input=seed_text(repo))
    assert r.code == 1 and "is not a protocol id" in r.err, r.err
    assert tip(repo) == before


def test_dates_and_counts_on_the_command_line_are_ascii_digits(run: Run, repo: Path) -> None:
    r = run("--repo", str(repo), "new", "--council", "x", "--date", "２０２１-01-01")
    assert r.code == 1 and "２０２１-01-01" in r.err
    r = run("--repo", str(repo), "log", "--since", "2020-0\u0662-01")  # ARABIC-INDIC TWO
    assert r.code == 1
    r = run("--repo", str(repo), "log", "--limit", "\uff15")  # FULLWIDTH FIVE
    assert r.code == 2


def test_log_columns_line_up_when_a_name_holds_a_control_character(run: Run, repo: Path
                                                                   ) -> None:
    """An escape in an author's name is printed as the four characters `\\x1b`: the table
    is measured as printed, so the next column starts at the same place on every row."""
    text = (repo / SEED_PATH).read_text("utf-8").replace("Kommunpolis", "Polis")
    (repo / SEED_PATH).write_text(text, "utf-8")
    git(repo, "commit", "-qam", "hand edit",
        env={"GIT_AUTHOR_NAME": "Eve\x1b[2JEvil", "GIT_AUTHOR_EMAIL": "eve@example.org",
             "GIT_COMMITTER_NAME": "Eve", "GIT_COMMITTER_EMAIL": "eve@example.org"})
    shorts = [oid[:10] for oid in git(repo, "log", "--format=%H", "--", SEED_PATH).split()]
    for args in (("log", SEED_ID), ("log",)):
        r = run("--repo", str(repo), "--lang", "en", *args)
        assert r.code == 0, r.err
        assert "\x1b" not in r.out and "Eve\\x1b[2JEvil" in r.out
        rows = [line for line in r.out.splitlines() if any(c in line for c in shorts)]
        assert len(rows) == 2
        starts = {next(line.index(c) for c in shorts if c in line) for line in rows}
        assert len(starts) == 1, r.out


def test_a_put_where_a_folder_holds_the_files_name_says_so(run: Run, repo: Path) -> None:
    """A folder named `2021-01-01.yaml` stands where the protocol's file should be: the
    refusal names that, not "not a folder" (which it is)."""
    folder = repo / "protocols" / "hagersten-liljeholmen" / "2021-01-01.yaml"
    folder.mkdir()
    (folder / "x.txt").write_text("x\n")
    git(repo, "add", "protocols")
    git(repo, "-c", "user.name=C", "-c", "user.email=c@example.org", "commit", "-qm", "folder")
    before = tip(repo)
    text = seed_text(repo).replace("2020-02-20", "2021-01-01")
    r = run("--repo", str(repo), "--lang", "en", "put", "hagersten-liljeholmen/2021-01-01",
            "--author", BOB_AUTHOR, input=text)
    assert r.code == 1
    assert ("protocols/hagersten-liljeholmen/2021-01-01.yaml cannot be saved: the archive "
            "holds a folder of that name where the protocol's file should be") in collapse(r.err)
    r = run("--repo", str(repo), "--lang", "sv", "put", "hagersten-liljeholmen/2021-01-01",
            "--author", BOB_AUTHOR, input=text)
    assert r.code == 1 and "står en mapp med det namnet där protokollets fil ska ligga" in \
        collapse(r.err)
    assert tip(repo) == before


# ------------------------------------------------------------------ log, diff


def test_log_lists_changes_newest_first(run: Run, repo: Path) -> None:
    """`log ID --format json` lists each change of the protocol, newest first, with author."""
    text = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    assert run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR,
               input=text).code == 0
    text = with_role(text, "Kommunpolis", "Polis")
    assert run("--repo", str(repo), "put", SEED_ID, "--author", CAROL_AUTHOR,
               input=text).code == 0
    r = run("--repo", str(repo), "log", SEED_ID, "--format", "json")
    assert r.code == 0, r.err
    entries = json.loads(r.out)
    assert [e["commit"] for e in entries] == git(repo, "log", "--format=%H", "--",
                                                 SEED_PATH).split()
    assert [e["author"] for e in entries] == ["Carol Carlsson", BOB.name, ALICE.name]
    assert [e["email"] for e in entries] == ["carol@example.org", BOB.email, ALICE.email]
    assert all(e["protocols"] == [SEED_ID] for e in entries)

    table = run("--repo", str(repo), "log", SEED_ID)
    assert table.code == 0
    assert table.out.index("Carol Carlsson") < table.out.index(BOB.name)
    whole = run("--repo", str(repo), "log")
    assert whole.code == 0
    for name in ("Carol Carlsson", BOB.name, ALICE.name):
        assert name in whole.out
    whole_json = json.loads(run("--repo", str(repo), "log", "--format", "json").out)
    assert len(whole_json) == 3


def test_diff_shows_one_changed_line(run: Run, repo: Path) -> None:
    """Changing one role shows as exactly one removed and one added line."""
    before = tip(repo)
    text = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    assert run("--repo", str(repo), "put", SEED_ID, "--author", BOB_AUTHOR,
               input=text).code == 0
    after = tip(repo)
    for revs in ((before,), (before, after), (before, "main")):
        r = run("--repo", str(repo), "diff", SEED_ID, *revs, "--format", "unified")
        assert r.code == 0, r.err
        lines = r.out.splitlines()
        minus = [line for line in lines if line.startswith("-") and not line.startswith("---")]
        plus = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
        assert minus == ["-  role: Grundskolechef"]
        assert plus == ["+  role: Grundskoledirektör"]
    same = run("--repo", str(repo), "diff", SEED_ID, before, before, "--format", "unified")
    assert same.code == 0 and same.out == ""
    data = json.loads(run("--repo", str(repo), "diff", SEED_ID, before, "--format",
                          "json").out)
    assert data["from"] == before and data["to"] == after


def _commit_by_hand(repo: Path, text: str) -> str:
    """The seed minutes as a person's own `git commit` wrote them (no check ran)."""
    (repo / SEED_PATH).write_text(text, "utf-8")
    git(repo, "commit", "-qam", "by hand", env=PLAIN_GIT_ENV)
    return tip(repo)


def test_diff_is_the_field_diff_the_terminal_ui_shows(run: Run, repo: Path) -> None:
    """`brotui diff` and the TUI's diff screen follow one rule (fielddiff.diff_files): a
    version that breaks a rule (here an end before its start) still gets the field diff;
    only a version the reader refuses (an unquoted time) gets the line diff, said so."""
    from brotui.core import diffrender, fielddiff

    before = tip(repo)
    old = seed_text(repo)
    assert 'end: "17:00"\n' in old
    broken = _commit_by_hand(repo, old.replace('end: "17:00"\n', 'end: "14:00"\n', 1))
    shown = run("--repo", str(repo), "diff", SEED_ID, before, broken)
    assert shown.code == 0, shown.err
    assert shown.err == ""
    assert "17:00" in shown.out and "14:00" in shown.out
    assert not any(line.startswith(("---", "+++", "@@")) for line in shown.out.splitlines())
    data = json.loads(run("--repo", str(repo), "diff", SEED_ID, before, broken,
                          "--format", "json").out)
    tui = fielddiff.diff_files(old.encode(), seed_text(repo).encode())
    assert tui is not None
    assert [c["text"] for c in data["changes"]] == [
        diffrender.plain(diffrender.change_line(c)) for c in tui]

    unreadable = _commit_by_hand(repo, old.replace('start: "15:00"\n', "start: 15:00\n", 1))
    assert fielddiff.diff_files(old.encode(), seed_text(repo).encode()) is None
    lines = run("--repo", str(repo), "diff", SEED_ID, before, unreadable)
    assert lines.code == 0
    assert lines.err.strip() == (f"One version of {SEED_ID} does not read as a protocol; "
                                 "here is the line diff.")
    assert '-start: "15:00"' in lines.out.splitlines()
    assert "+start: 15:00" in lines.out.splitlines()
    data = json.loads(run("--repo", str(repo), "diff", SEED_ID, before, unreadable,
                          "--format", "json").out)
    assert data["changes"] is None and '-start: "15:00"' in data["lines"]


# ---------------------------------------------------------------------- list


def _entry(entries: list[dict[str, object]], protocol_id: str) -> dict[str, object]:
    found = [e for e in entries if e["id"] == protocol_id]
    assert len(found) == 1, entries
    return found[0]


def test_list_json(run: Run, repo: Path) -> None:
    """`list --format json` is one document naming each protocol and who changed it last."""
    r = run("--repo", str(repo), "list", "--format", "json")
    assert r.code == 0, r.err
    entries = json.loads(r.out)
    entry = _entry(entries, SEED_ID)
    assert entry["council"] == "Hägersten-Liljeholmens lokala brottsförebyggande råd"
    assert entry["date"] == "2020-02-20"
    assert entry["status"] == "draft"
    assert entry["last"]["author"] == ALICE.name  # type: ignore[index]
    table = run("--repo", str(repo), "list")
    assert table.code == 0
    assert SEED_ID in table.out and ALICE.name in table.out


def test_bare_repository_lists_and_reads_the_same(run: Run, repo: Path, tmp_path: Path,
                                                  seed_bytes: bytes) -> None:
    """A bare clone (a server's copy) is listed and read just like the checkout."""
    bare = tmp_path / "server.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)
    here = json.loads(run("--repo", str(repo), "list", "--format", "json").out)
    there = run("--repo", str(bare), "list", "--format", "json")
    assert there.code == 0, there.err
    assert json.loads(there.out) == here
    shown = run_bytes("--repo", str(bare), "show", SEED_ID, "--format", "yaml")
    assert shown.stdout == seed_bytes
    assert run("--repo", str(bare), "show", SEED_ID).out == run(
        "--repo", str(repo), "show", SEED_ID).out
    assert run("--repo", str(bare), "check").code == 0
    edited = with_role(seed_bytes.decode(), "Grundskolechef", "Grundskoledirektör")
    assert run("--repo", str(bare), "put", SEED_ID, "--author", BOB_AUTHOR,
               input=edited).code == 0
    assert git(bare, "show", f"main:{SEED_PATH}") == edited
    git(bare, "fsck", "--strict")


def test_list_sees_commits_pushed_by_others(run: Run, repo: Path, tmp_path: Path,
                                           seed_bytes: bytes) -> None:
    """Commits others push with plain git show up in the next `list` (its cache is
    brought up to date), with the right last author for each protocol."""
    bare = tmp_path / "server.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)
    assert run("--repo", str(bare), "list", "--format", "json").code == 0  # cache written
    assert (bare / "brotui").is_dir()

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(bare), str(clone)], check=True)
    next_id = "hagersten-liljeholmen/2020-05-14"
    next_bytes = seed_bytes.replace(b"\ndate: 2020-02-20\n", b"\ndate: 2020-05-14\n")
    plain_git_commit(clone, {f"protocols/{next_id}.yaml": next_bytes}, "nytt protokoll")
    changed = with_role(seed_bytes.decode(), "Grundskolechef", "Grundskoledirektör")
    plain_git_commit(clone, {SEED_PATH: changed.encode()}, "roll",
                     env={**PLAIN_GIT_ENV, "GIT_AUTHOR_NAME": "Erik Ek",
                          "GIT_AUTHOR_EMAIL": "erik@example.org"})
    git(clone, "push", "-q", "origin", "main")

    entries = json.loads(run("--repo", str(bare), "list", "--format", "json").out)
    assert _entry(entries, next_id)["last"]["author"] == "Dave Dahl"  # type: ignore[index]
    assert _entry(entries, SEED_ID)["last"]["author"] == "Erik Ek"  # type: ignore[index]
    assert _entry(entries, next_id)["date"] == "2020-05-14"
    assert [e["id"] for e in entries] == [next_id, SEED_ID]


def test_list_sees_commits_made_in_the_work_tree(run: Run, repo: Path,
                                                 seed_bytes: bytes) -> None:
    """A plain `git commit` in the archive itself, after a list, is in the next list."""
    first = json.loads(run("--repo", str(repo), "list", "--format", "json").out)
    assert [e["id"] for e in first] == [SEED_ID]
    next_id = "hagersten-liljeholmen/2020-05-14"
    next_bytes = seed_bytes.replace(b"\ndate: 2020-02-20\n", b"\ndate: 2020-05-14\n")
    plain_git_commit(repo, {f"protocols/{next_id}.yaml": next_bytes}, "nytt")
    entries = json.loads(run("--repo", str(repo), "list", "--format", "json").out)
    assert _entry(entries, next_id)["last"]["author"] == "Dave Dahl"  # type: ignore[index]
    assert _entry(entries, SEED_ID)["last"]["author"] == ALICE.name  # type: ignore[index]
    # an amended (rewritten) tip is also seen: the cache is not trusted blindly
    git(repo, "commit", "-q", "--amend", "--no-edit", "--author", "Fia Falk <fia@example.org>",
        env=PLAIN_GIT_ENV)
    entries = json.loads(run("--repo", str(repo), "list", "--format", "json").out)
    assert _entry(entries, next_id)["last"]["author"] == "Fia Falk"  # type: ignore[index]
    assert _entry(entries, next_id)["last"]["commit"] == tip(repo)  # type: ignore[index]


def test_list_sizes_only_the_files_it_has_not_seen(run: Run, repo: Path, seed_bytes: bytes,
                                                  tmp_path: Path) -> None:
    """A warm list asks git for no size (`ls-tree` without `-l`: sizes cost git a read of
    every file); a file committed with plain git since is measured all the same: one too
    large to read is listed as such, and the protocol changed beside it is read again."""
    run("--repo", str(repo), "--lang", "sv", "list", "--format", "json")  # the cache, written
    trace = tmp_path / "git-trace"
    # (in English: the list is made again from its cache, not the Swedish document kept)
    run("--repo", str(repo), "--lang", "en", "list", "--format", "json",
        env={"GIT_TRACE": str(trace)})
    listed = [line for line in trace.read_text("utf-8").splitlines() if "ls-tree" in line]
    assert listed and not any(" -l " in line for line in listed), listed
    from brotui.core.codec import MAX_BYTES

    big_id = "hagersten-liljeholmen/2020-05-14"
    changed = with_role(seed_bytes.decode(), "Grundskolechef", "Grundskoledirektör")
    plain_git_commit(repo, {f"protocols/{big_id}.yaml": b"#" * (MAX_BYTES + 1),
                            SEED_PATH: changed.encode().replace(b"\nstatus: draft\n",
                                                                b"\nstatus: review\n")},
                     "stor fil")
    entries = json.loads(run("--repo", str(repo), "--lang", "en", "list", "--format",
                             "json").out)
    big = _entry(entries, big_id)
    assert big["broken"] is True and "may be at most" in str(big["first_problem"]), big
    assert _entry(entries, SEED_ID)["status"] == "review"


def test_list_sees_a_tag_made_with_plain_git_at_the_same_tip(run: Run, repo: Path,
                                                             seed_bytes: bytes) -> None:
    """A warm `list --format json` may write the document it wrote before (nothing it is
    made of changed), but an approval's tag made with plain git since, the branch's tip
    the same, is in the next list: the justering's date is the tag's."""
    approved = seed_bytes.replace(b"\nstatus: draft\n", b"\nstatus: approved\n")
    plain_git_commit(repo, {SEED_PATH: approved}, "justerat")
    first = _entry(json.loads(run("--repo", str(repo), "list", "--format", "json").out),
                   SEED_ID)
    assert first["justering"]["approved_on"] is None  # type: ignore[index]
    assert run("--repo", str(repo), "list", "--format", "json").out == \
        run("--repo", str(repo), "list", "--format", "json").out
    git(repo, "tag", f"justerat/{SEED_ID}", env=PLAIN_GIT_ENV)
    again = _entry(json.loads(run("--repo", str(repo), "list", "--format", "json").out),
                   SEED_ID)
    assert again["justering"]["approved_on"] == dt.date.today().isoformat(), again  # type: ignore[index]


def test_list_shows_a_broken_file(run: Run, repo: Path, seed_bytes: bytes) -> None:
    """A file that fails validation is still listed, marked as broken."""
    bad_id = "hagersten-liljeholmen/2020-05-14"
    broken = seed_bytes.replace(b"\ndate: 2020-02-20\n", b"\ndate: 2020-05-14\n").replace(
        b'start: "15:00"', b"start: 15:00")
    plain_git_commit(repo, {f"protocols/{bad_id}.yaml": broken}, "trasig")
    entries = json.loads(run("--repo", str(repo), "list", "--format", "json").out)
    assert _entry(entries, bad_id)["broken"] is True
    assert _entry(entries, SEED_ID)["broken"] is False
    table = run("--repo", str(repo), "list")
    assert table.code == 0
    assert "BROKEN" in table.out


def test_list_speaks_the_language_of_each_reader(run: Run, repo: Path,
                                                seed_bytes: bytes) -> None:
    """Colleagues share an archive: a problem is described in the language of the person
    listing, whatever the language of whoever listed before (the cache holds no sentences)."""
    bad_id = "hagersten-liljeholmen/2020-05-14"
    broken = seed_bytes.replace(b"\ndate: 2020-02-20\n", b"\ndate: 2020-05-14\n").replace(
        b'start: "15:00"', b"start: 15:00", 1)
    plain_git_commit(repo, {f"protocols/{bad_id}.yaml": broken}, "trasig")
    swedish = json.loads(run("--repo", str(repo), "--lang", "sv", "list", "--format",
                             "json").out)
    assert "citattecken" in str(_entry(swedish, bad_id)["first_problem"])
    english = json.loads(run("--repo", str(repo), "--lang", "en", "list", "--format",
                             "json").out)
    problem = str(_entry(english, bad_id)["first_problem"])
    assert "must be in quotes" in problem, problem


def test_list_problem_in_swedish_is_all_swedish(run: Run, repo: Path,
                                                seed_bytes: bytes) -> None:
    """A Swedish reader sees the place of a problem in Swedish too ("rad 4", not "line 4")."""
    bad_id = "hagersten-liljeholmen/2020-05-14"
    broken = seed_bytes.replace(b"\ndate: 2020-02-20\n", b"\ndate: 2020-05-14\n").replace(
        b'start: "15:00"', b"start: 15:00", 1)
    plain_git_commit(repo, {f"protocols/{bad_id}.yaml": broken}, "trasig")
    swedish = json.loads(run("--repo", str(repo), "--lang", "sv", "list", "--format",
                             "json").out)
    problem = str(_entry(swedish, bad_id)["first_problem"])
    assert "citattecken" in problem
    assert "line" not in problem, problem


def test_one_list_cache_serves_every_language(run: Run, repo: Path, seed_bytes: bytes,
                                              tmp_path: Path) -> None:
    """The list a Swedish colleague left in the cache is read by an English one as it is:
    the problem in English, no protocol read again, the cache not rewritten (it holds the
    problem's id and values, not a sentence)."""
    bad_id = "hagersten-liljeholmen/2020-05-14"
    broken = seed_bytes.replace(b"\ndate: 2020-02-20\n", b"\ndate: 2020-05-14\n").replace(
        b'start: "15:00"', b"start: 15:00", 1)
    plain_git_commit(repo, {f"protocols/{bad_id}.yaml": broken}, "trasig")
    swedish = json.loads(run("--repo", str(repo), "--lang", "sv", "list", "--format",
                             "json").out)
    assert "citattecken" in str(_entry(swedish, bad_id)["first_problem"])
    cache = repo / ".git/brotui/list-cache.json"
    before = cache.read_bytes(), cache.stat().st_mtime_ns
    trace = tmp_path / "git-trace"
    english = json.loads(run("--repo", str(repo), "--lang", "en", "list", "--format", "json",
                             env={"GIT_TRACE": str(trace)}).out)
    problem = str(_entry(english, bad_id)["first_problem"])
    assert "must be in quotes" in problem and "citattecken" not in problem, problem
    assert (cache.read_bytes(), cache.stat().st_mtime_ns) == before
    # The settings are read (one cat-file, before the list); after `ls-tree` lists the
    # protocols, none is read.
    said = trace.read_text("utf-8")
    assert "ls-tree" in said and "cat-file" not in said.split("ls-tree", 1)[1], said
    assert sorted(p.name for p in cache.parent.glob("list-cache*")) == ["list-cache.json"]


# -------------------------------------------------------- ids and refusals


BAD_IDS = ["..", "/etc/passwd", "../x/2020-01-01", "hagersten-liljeholmen/../../x/2020-01-01",
           "x/2020-01-01/../../../x/2020-01-01", "protocols/x/2020-01-01", "x/2020-01-01.yaml",
           "X/2020-01-01", "x/2020-13-01", ""]


def test_ids_outside_the_archive_are_refused(run: Run, repo: Path, tmp_path: Path,
                                             seed_bytes: bytes) -> None:
    """Ids that are paths are refused with a message; nothing outside is read or written."""
    outside = tmp_path / "x"
    outside.mkdir()
    secret = seed_bytes.replace(b"Abit Dundar", b"HEMLIG-PERSON")
    (outside / "2020-01-01.yaml").write_bytes(secret)
    absolute = str(outside / "2020-01-01")
    before = tip(repo)
    for bad in [*BAD_IDS, absolute]:
        runs = [
            run("--repo", str(repo), "show", bad),
            run("--repo", str(repo), "show", bad, "--format", "yaml"),
            run("--repo", str(repo), "diff", bad, "main"),
            run("--repo", str(repo), "new", "--from", bad),
            run("--repo", str(repo), "put", bad, "--author", BOB_AUTHOR,
                input=seed_bytes.replace(b"2020-02-20", b"2020-01-01")),
        ]
        if bad:  # an empty id is no id: these list the whole archive
            runs.append(run("--repo", str(repo), "log", bad))
            runs.append(run("--repo", str(repo), "check", bad))
        for r in runs:
            assert r.code == 1, (bad, r)
            assert r.err.strip(), (bad, r)
            assert "HEMLIG" not in r.out + r.err
    assert sorted(p.name for p in outside.iterdir()) == ["2020-01-01.yaml"]
    assert (outside / "2020-01-01.yaml").read_bytes() == secret
    assert not (tmp_path / "protocols").exists()
    assert tip(repo) == before
    assert git(repo, "status", "--porcelain") == ""


def test_unknown_id_is_refused(run: Run, repo: Path) -> None:
    """An id that is well formed but not in the archive: exit 1, and the id is named."""
    unknown = "hagersten-liljeholmen/2030-01-01"
    for args in (("show", unknown), ("log", unknown), ("diff", unknown, "main"),
                 ("check", unknown), ("new", "--from", unknown)):
        r = run("--repo", str(repo), *args)
        assert r.code == 1, (args, r)
        assert unknown in r.err, (args, r)


def test_archive_from_brotui_repo(run: Run, repo: Path, tmp_path: Path) -> None:
    """Without --repo, BROTUI_REPO names the archive, wherever the command is run."""
    r = run("list", "--format", "json", cwd=tmp_path, env={"BROTUI_REPO": str(repo)})
    assert r.code == 0, r.err
    assert [e["id"] for e in json.loads(r.out)] == [SEED_ID]


def test_not_an_archive_is_refused(run: Run, tmp_path: Path) -> None:
    """A folder that is no archive gives a sentence and exit 1."""
    empty = tmp_path / "empty"
    empty.mkdir()
    for path in (empty, tmp_path / "missing"):
        r = run("--repo", str(path), "list")
        assert r.code == 1
        assert str(path) in r.err


@pytest.mark.parametrize("args", [
    ("list", "--bogus"),
    ("show",),
    ("put",),
    ("list", "--format", "xml"),
    ("--lang", "fi", "list"),
    ("diff", SEED_ID),
    ("frobnicate",),
])
def test_usage_errors_exit_2(run: Run, repo: Path, args: tuple[str, ...]) -> None:
    """A mistyped command line is a usage error (exit 2) with a usage hint."""
    r = run("--repo", str(repo), *args)
    assert r.code == 2, r
    assert "usage" in r.err.lower()
    assert commit_count(repo) == 1


# --------------------------------------------------------------- init, demo


def test_init_makes_an_empty_archive(run: Run, tmp_path: Path, seed_bytes: bytes) -> None:
    """`init` makes an archive where list works (empty) and the first put is the first commit."""
    path = tmp_path / "nytt-arkiv"
    r = run("init", str(path))
    assert r.code == 0, r.err
    listed = run("--repo", str(path), "list", "--format", "json")
    assert listed.code == 0, listed.err
    assert json.loads(listed.out) == []
    table = run("--repo", str(path), "list")
    assert table.code == 0 and "No protocols" in table.out
    assert run("--repo", str(path), "check").code == 0
    put = run("--repo", str(path), "put", SEED_ID, "--author", BOB_AUTHOR, input=seed_bytes)
    assert put.code == 0, put.err
    assert commit_count(path) == 1
    assert (path / SEED_PATH).read_bytes() == seed_bytes
    assert git(path, "status", "--porcelain") == ""
    assert [e["id"] for e in json.loads(run("--repo", str(path), "list", "--format",
                                            "json").out)] == [SEED_ID]
    again = run("init", str(path))
    assert again.code == 1
    assert commit_count(path) == 1


def build_demo_archive(path: Path) -> None:
    """`brotui demo PATH` with no terminal builds the archive, says where, and exits."""
    proc = subprocess.run([sys.executable, "-m", "brotui.cli", "demo", str(path)],
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert str(path.resolve()) in proc.stdout.decode()
    assert b"Traceback" not in proc.stderr


def test_the_tui_without_a_terminal_says_so(run: Run, repo: Path) -> None:
    """The bare `brotui` in a pipe or a script refuses plainly instead of hanging."""
    result = run("--repo", str(repo))
    assert result.code == 1
    assert "needs a terminal" in result.err


def test_demo_makes_an_archive_with_history(run: Run, tmp_path: Path) -> None:
    """`demo` makes an archive whose history has several people and ends in the seed minutes."""
    path = tmp_path / "demo"
    build_demo_archive(path)
    assert commit_count(path) >= 5
    authors = set(git(path, "log", "--format=%an <%ae>", "main").splitlines())
    assert len(authors) >= 3
    expected = (example_protocols() / f"{SEED_ID}.yaml").read_bytes()
    stored = subprocess.run(["git", "-C", str(path), "cat-file", "blob", f"main:{SEED_PATH}"],
                            check=True, capture_output=True).stdout
    assert stored == expected
    assert (path / SEED_PATH).read_bytes() == expected
    git(path, "fsck", "--strict")
    assert git(path, "status", "--porcelain") == ""
    assert run("--repo", str(path), "check").code == 0
    assert len(json.loads(run("--repo", str(path), "log", SEED_ID, "--format",
                              "json").out)) >= 4


# ---------------------------------------------------------------- language


def test_swedish_messages(run: Run, repo: Path) -> None:
    """--lang sv and BROTUI_LANG=sv give the refusal in Swedish; the default is English."""
    text = with_role(seed_text(repo), "Grundskolechef", "Grundskoledirektör")
    english = run("--repo", str(repo), "put", SEED_ID, input=text)
    assert english.code == 1 and "No identity" in english.err
    for args, env in (
        (("--lang", "sv", "--repo", str(repo), "put", SEED_ID), None),
        (("--repo", str(repo), "put", SEED_ID, "--lang", "sv"), None),
        (("--repo", str(repo), "put", SEED_ID), {"BROTUI_LANG": "sv"}),
        (("--repo", str(repo), "put", SEED_ID), {"LANG": "sv_SE.UTF-8"}),
    ):
        r = run(*args, input=text, env=env)
        assert r.code == 1
        assert "Ingen identitet" in r.err, (args, env, r.err)
        assert "--author" in r.err and "BROTUI_AUTHOR" in r.err
    forced = run("--lang", "en", "--repo", str(repo), "put", SEED_ID, input=text,
                 env={"BROTUI_LANG": "sv"})
    assert "No identity" in forced.err


# -------------------------------------------------------- control characters


def _hostile(seed_bytes: bytes) -> bytes:
    """The seed with an OSC 52 (clipboard) sequence and a colour code as YAML escapes."""
    text = seed_bytes.decode("utf-8")
    text = text.replace("council: Hägersten-Liljeholmens lokala brottsförebyggande råd",
                        'council: "Råd \\e]52;c;aGk=\\a"')
    text = text.replace("role: Kommunpolis", 'role: "\\e[31mKommunpolis\\e[0m"')
    text = text.replace("title: Övrigt", 'title: "Övrigt \\x9b31m"')
    return text.encode("utf-8")


def _assert_no_controls(proc: subprocess.CompletedProcess[bytes]) -> None:
    for stream in (proc.stdout, proc.stderr):
        assert b"\x1b" not in stream, stream
        assert b"\x07" not in stream, stream
        assert "\x9b".encode() not in stream, stream
        assert b"Traceback" not in stream


def test_control_characters_never_reach_the_terminal(repo: Path, seed_bytes: bytes,
                                                     tmp_path: Path) -> None:
    """Escape sequences written into a file (by plain git) are shown, never sent raw."""
    hostile = _hostile(seed_bytes)
    plain_git_commit(repo, {SEED_PATH: hostile}, "fientlig")
    path = tmp_path / "fientlig.yaml"
    path.write_bytes(hostile)
    repo_args = ("--repo", str(repo))
    for args in (("show", SEED_ID), ("show", SEED_ID, "--format", "json"), ("check",),
                 ("check", SEED_ID), ("check", str(path)), ("list",),
                 ("list", "--format", "json"), ("log",), ("diff", SEED_ID, "main~1")):
        proc = run_bytes(*repo_args, *args)
        _assert_no_controls(proc)
        if args[0] in ("show", "check"):
            assert proc.returncode == 1, (args, proc)
            assert b"council" in proc.stderr and b"U+001B" in proc.stderr
        else:
            assert proc.returncode == 0, (args, proc)
    listed = run_bytes(*repo_args, "list")
    assert b"\\x1b" in listed.stdout  # shown as text, so the reader sees something is odd
    put = run_bytes(*repo_args, "put", SEED_ID, "--author", BOB_AUTHOR, input=hostile)
    assert put.returncode == 1
    _assert_no_controls(put)


def test_control_characters_in_commits_by_others(repo: Path, seed_bytes: bytes) -> None:
    """An author name and subject with escape sequences (plain git) are shown, never raw."""
    changed = with_role(seed_bytes.decode(), "Grundskolechef", "Grundskoledirektör")
    plain_git_commit(repo, {SEED_PATH: changed.encode()}, "roll \x1b]52;c;aGk=\x07 ändrad",
                     env={**PLAIN_GIT_ENV, "GIT_AUTHOR_NAME": "Eve \x1b[31mRöd"})
    for args in (("list",), ("list", "--format", "json"), ("log",), ("log", SEED_ID),
                 ("log", "--format", "json"), ("log", SEED_ID, "--format", "json")):
        proc = run_bytes("--repo", str(repo), *args)
        assert proc.returncode == 0, (args, proc)
        _assert_no_controls(proc)
        assert b"Eve" in proc.stdout


def test_control_characters_in_arguments(repo: Path, seed_bytes: bytes) -> None:
    """Escape sequences typed into arguments (an id, an author) are echoed harmlessly."""
    edited = with_role(seed_bytes.decode(), "Grundskolechef", "Grundskoledirektör").encode()
    for args in (("show", "\x1b[31mx/2020-01-01"), ("new", "--council", "\x1b]52;c;aGk=\x07",
                                                     "--date", "2021-01-01"),
                 ("put", SEED_ID, "--author", "Eve \x1b[31m <eve@example.org>"),
                 ("show", SEED_ID, "--rev", "\x1b[31m")):
        proc = run_bytes("--repo", str(repo), *args, input=edited)
        assert proc.returncode == 1, (args, proc)
        _assert_no_controls(proc)
