"""The field-level diff and blame, on a protocol edited in separate commits by different people."""

from __future__ import annotations

import copy
import fcntl
import itertools
import json
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from brotui import i18n
from brotui.core import codec, diffrender, fielddiff, ops
from brotui.core import words as word_diff
from brotui.core.archive import Archive
from brotui.core.blame import blame
from brotui.core.identity import Identity
from brotui.core.model import Attendee, Item, Protocol
from tests.conftest import BOB, SEED_ID, git

CARL = Identity("Carl Ckarlsson", "carl@example.org")
DORA = Identity("Dora Dahl", "dora@example.org")
EVA = Identity("Eva Ek", "eva@example.org")
PATH = f"protocols/{SEED_ID}.yaml"


def seed(seed_bytes: bytes) -> Protocol:
    protocol = codec.load(seed_bytes).protocol
    assert protocol is not None
    return protocol


def edit(protocol: Protocol, change: Callable[[Protocol], None]) -> Protocol:
    new = copy.deepcopy(protocol)
    change(new)
    return new


def set_role(p: Protocol) -> None:
    next(a for a in p.attendees if a.name == "Martin Hämmerli").role = "Kommunpolis Skärholmen"


def add_attendee(p: Protocol) -> None:
    p.attendees.append(Attendee(name="Anna Ek", role="Rektor"))


def swap_items(p: Protocol) -> None:
    a, b = p.items[2], p.items[3]
    a.number, b.number = b.number, a.number
    p.items[2], p.items[3] = b, a


def change_word(p: Protocol) -> None:
    item = p.items[1]
    assert item.text is not None
    item.text = item.text.replace("den 28 februari", "den 29 februari")


def move_meeting(p: Protocol) -> None:
    meeting = p.next_meetings[0]
    assert meeting.date is not None
    meeting.date = meeting.date.replace(day=21)


EDITS = [("role", set_role, BOB), ("attendee", add_attendee, CARL),
         ("swap", swap_items, DORA), ("word", change_word, EVA), ("meeting", move_meeting, BOB)]


@pytest.fixture
def edited(repo: Path) -> tuple[Path, list[str]]:
    """The seed (by Alice), then one commit per kind of edit, then a hand edit that only
    reorders keys and changes quoting. Returns the repo and the commits, oldest first."""
    archive = Archive(repo)
    commits = [git(repo, "rev-parse", "HEAD").strip()]
    for _name, change, who in EDITS:
        result = ops.save(archive, SEED_ID, edit(archive.load(SEED_ID), change), who)
        assert result.commit
        commits.append(result.commit)
    text = (repo / PATH).read_text("utf-8")
    text = text.replace('start: "15:00"\nend: "17:00"\n', "end: '17:00'\nstart: '15:00'\n", 1)
    text = text.replace("status: draft\n", 'status: "draft"\n')
    assert text != (repo / PATH).read_text("utf-8")
    (repo / PATH).write_text(text, "utf-8")
    git(repo, "-c", "user.name=Hand Editor", "-c", "user.email=hand@example.org",
        "commit", "-qam", "tidy by hand")
    commits.append(git(repo, "rev-parse", "HEAD").strip())
    return repo, commits


def changes(repo: Path, a: str, b: str) -> list[fielddiff.Change]:
    archive = Archive(repo)
    return fielddiff.diff(archive.load(SEED_ID, a), archive.load(SEED_ID, b))


def texts(found: list[fielddiff.Change], lang: str = "sv") -> list[str]:
    return [diffrender.plain(diffrender.change_line(c, lang)) for c in found]


def test_each_edit_is_named_and_nothing_else(edited: tuple[Path, list[str]]) -> None:
    repo, commits = edited
    found = [texts(changes(repo, a, b)) for a, b in itertools.pairwise(commits)]
    assert found == [
        ["Närvarande: Martin Hämmerli, roll: Kommunpolis → Kommunpolis Skärholmen"],
        ["Närvarande: + Anna Ek (Rektor)"],
        ["Punkter: §3 och §4 har bytt plats"],
        ["§2 text: … lokal samverkansöverenskommelse med Lokalpolisområde Skärholmen den "
         "[-28-]{+29+} februari. Strukturen för hur lokala …"],
        ["Kommande möten: datum: 2020-05-14 → 2020-05-21"],
        [],  # key order and quoting: the same minutes
    ]


def test_a_role_change_is_a_change_not_a_removal_and_an_addition(
        edited: tuple[Path, list[str]]) -> None:
    repo, commits = edited
    [change] = changes(repo, commits[0], commits[1])
    assert (change.kind, change.section, change.subject, change.field) == (
        "changed", "attendee", "Martin Hämmerli", "role")
    assert (change.old, change.new) == ("Kommunpolis", "Kommunpolis Skärholmen")


def test_the_whole_history_at_once_lists_every_edit_in_the_order_of_the_minutes(
        edited: tuple[Path, list[str]]) -> None:
    repo, commits = edited
    assert texts(changes(repo, commits[0], commits[-1]), "en") == [
        "Attendees: Martin Hämmerli, role: Kommunpolis → Kommunpolis Skärholmen",
        "Attendees: + Anna Ek (Rektor)",
        "Items: §3 and §4 swapped places",
        "§2 text: … lokal samverkansöverenskommelse med Lokalpolisområde Skärholmen den "
        "[-28-]{+29+} februari. Strukturen för hur lokala …",
        "Next meetings: date: 2020-05-14 → 2020-05-21",
    ]


def test_blame_names_who_changed_each_part(edited: tuple[Path, list[str]]) -> None:
    repo, _commits = edited
    i18n.set_language("sv")
    who = {b.label: b.commit.author for b in blame(Archive(repo), SEED_ID)}
    assert who["Närvarande: Martin Hämmerli"] == "Bob Berg"
    assert who["Närvarande: Anna Ek"] == "Carl Ckarlsson"
    assert who["Närvarande: Abit Dundar"] == "Alice Andersson"
    # Swapped: both items moved (their numbers changed), their titles and texts did not.
    assert who["§3 nr"] == who["§4 nr"] == "Dora Dahl"
    assert who["§3 rubrik"] == who["§4 rubrik"] == who["§3 text"] == "Alice Andersson"
    assert who["§2 text"] == "Eva Ek"
    assert who["§2 rubrik"] == "Alice Andersson"
    assert who["Kommande möten: 2020-05-21"] == "Bob Berg"
    # The hand edit changed no part: it is named nowhere.
    assert "Hand Editor" not in who.values()
    assert who["Start"] == who["Status"] == "Alice Andersson"


def test_blame_at_an_older_revision_ignores_what_came_after(
        edited: tuple[Path, list[str]]) -> None:
    repo, commits = edited
    i18n.set_language("sv")
    who = {b.label: b.commit.author for b in blame(Archive(repo), SEED_ID, commits[2])}
    assert who["Närvarande: Anna Ek"] == "Carl Ckarlsson"
    assert who["§2 text"] == "Alice Andersson"
    assert "Kommande möten: 2020-05-14" in who


def test_cli_diff_semantic_unified_and_json(edited: tuple[Path, list[str]], cli: Callable
                                            ) -> None:
    repo, commits = edited
    r = cli("--repo", str(repo), "--lang", "en", "diff", SEED_ID, commits[3], commits[4])
    assert r.code == 0, r.err
    assert r.out.splitlines() == [
        "§2 text: … lokal samverkansöverenskommelse med Lokalpolisområde Skärholmen den "
        "[-28-]{+29+} februari. Strukturen för hur lokala …"]
    r = cli("--repo", str(repo), "diff", SEED_ID, commits[2], commits[3], "--format", "json")
    data = json.loads(r.out)
    assert [c["kind"] for c in data["changes"]] == ["swapped"]
    assert (data["changes"][0]["old"], data["changes"][0]["new"]) == ("3", "4")
    assert any(line.startswith("-- number: 3") or "number: 4" in line for line in data["lines"])
    r = cli("--repo", str(repo), "diff", SEED_ID, commits[-2], "--format", "semantic")
    assert (r.code == 0 and r.out.strip() == "Inga ändringar i innehållet.") or \
        r.out.strip() == "No change in content."
    r = cli("--repo", str(repo), "diff", SEED_ID, commits[-2], "--format", "unified")
    assert "+start: '15:00'" in r.out  # the line diff does see the hand edit


def test_cli_blame_table_and_json(edited: tuple[Path, list[str]], cli: Callable) -> None:
    repo, commits = edited
    r = cli("--repo", str(repo), "--lang", "en", "blame", SEED_ID)
    assert r.code == 0, r.err
    row = next(line for line in r.out.splitlines() if line.startswith("Attendees: Anna Ek"))
    assert "Carl Ckarlsson" in row and commits[2][:10] in row
    data = json.loads(cli("--repo", str(repo), "blame", SEED_ID, "--format", "json").out)
    by_part = {d["part"]: d for d in data}
    assert by_part["§2 text"]["commit"] == commits[4]
    assert by_part["§2 text"]["email"] == "eva@example.org"
    assert cli("--repo", str(repo), "blame", "nope/2020-01-01").code == 1


def test_commit_messages_are_written_from_the_diff(edited: tuple[Path, list[str]]) -> None:
    repo, commits = edited
    subjects = git(repo, "log", "--format=%s", f"{commits[0]}..{commits[-2]}").splitlines()
    assert subjects[::-1] == [
        f"{SEED_ID}: Närvarande: Martin Hämmerli, roll ändrad",
        f"{SEED_ID}: Anna Ek tillagd i närvarolistan",
        f"{SEED_ID}: §3 och §4 har bytt plats",
        f"{SEED_ID}: §2 text ändrad",
        f"{SEED_ID}: Kommande möten: datum ändrad",
    ]
    body = git(repo, "log", "-1", "--format=%b", commits[4])
    assert "- §2 text: … " in body and "[-28-]{+29+}" in body


def test_many_changes_keep_the_summary_line_short(seed_bytes: bytes) -> None:
    old = seed(seed_bytes)
    new = edit(old, lambda p: [set_role(p), add_attendee(p), change_word(p), move_meeting(p)])
    message = diffrender.message(SEED_ID, fielddiff.diff(old, new), "en")
    subject, blank, *body = message.splitlines()
    assert subject == f"{SEED_ID}: Attendees: Martin Hämmerli, role changed and 3 more"
    assert blank == ""
    assert len([line for line in body if line.startswith("- ")]) == 4


# ------------------------------------------------------------- matching rules


def test_renumbering_after_a_removed_item_reads_as_one_renumbering(seed_bytes: bytes) -> None:
    old = seed(seed_bytes)

    def drop_second(p: Protocol) -> None:
        del p.items[1]
        for item in p.items[1:]:
            assert item.number is not None
            item.number -= 1

    found = texts(fielddiff.diff(old, edit(old, drop_second)), "en")
    assert found == [
        "Items: §3–§7 renumbered as §2–§6",
        "Items: − §2 Information kring ny lokal samverkansöverenskommelse "
        "stadsdelsförvaltning – polis och fortsatt planering.",
    ]


def test_an_item_moved_to_the_end_reads_as_a_move(seed_bytes: bytes) -> None:
    old = seed(seed_bytes)

    def to_end(p: Protocol) -> None:
        item = p.items.pop(1)  # §2 becomes §7, §3..§7 close up
        for other in p.items[1:]:
            assert other.number is not None
            other.number -= 1
        item.number = 7
        p.items.append(item)

    found = fielddiff.diff(old, edit(old, to_end))
    kinds = sorted(c.kind for c in found)
    assert kinds == ["moved", "renumbered"]
    moved = next(c for c in found if c.kind == "moved")
    assert (moved.old, moved.new) == ("2", "7")


def test_decisions_titles_and_contact(seed_bytes: bytes) -> None:
    old = seed(seed_bytes)

    def change(p: Protocol) -> None:
        p.items[4].decisions.append("Fler trygghetsvandringar")
        p.items[2].title = "Uppföljning av trygghet"
        assert p.contact is not None
        p.contact.phone = "08 508 23 300"
        p.items.append(Item(number=8, title="Nytt"))

    assert texts(fielddiff.diff(old, edit(old, change)), "sv") == [
        "§3 rubrik: Aktuell uppföljning och utveckling av trygghet och säkerhet → "
        "Uppföljning av trygghet",
        "§5 beslut: + Fler trygghetsvandringar",
        "Punkter: + §8 Nytt",
        "Kontakt: telefon: 08 508 23 326 → 08 508 23 300",
    ]


def test_a_corrected_name_is_matched_as_the_same_person(seed_bytes: bytes) -> None:
    old = seed(seed_bytes)

    def typo(p: Protocol) -> None:
        p.attendees[1].name = "Martin Hämmerlin"

    assert texts(fielddiff.diff(old, edit(old, typo)), "en") == [
        "Attendees: Martin Hämmerlin, name: Martin Hämmerli → Martin Hämmerlin"]


def test_spacing_only_and_unknown_fields(seed_bytes: bytes) -> None:
    old = seed(seed_bytes)

    def change(p: Protocol) -> None:
        assert p.items[5].text is not None
        p.items[5].text = p.items[5].text.replace("Skärmtaket i", "Skärmtaket  i")
        p.extra["diarienummer"] = "2020/17"

    assert texts(fielddiff.diff(old, edit(old, change)), "en") == [
        "§6 text: only spacing changed",
        "Other fields: diarienummer: + 2020/17",
    ]


def test_words_marks_only_what_changed() -> None:
    segments = word_diff.words("Mötet hölls i Liljeholmen.", "Mötet hölls i Älvsjö.")
    assert segments == [("=", "Mötet hölls i "), ("-", "Liljeholmen"), ("+", "Älvsjö"),
                        ("=", ".")]
    line = diffrender.change_line(fielddiff.Change("changed", "header", "location", None,
                                                   "Besöksrum 1, plan 9", "Besöksrum 2, plan 9"))
    assert diffrender.plain(line) == "Location: Besöksrum [-1-]{+2+}, plan 9".replace(
        "Location", i18n.t("label_location"))


def test_created_and_deleted() -> None:
    p = Protocol(council="Råd")
    assert [c.kind for c in fielddiff.diff(None, p)] == ["added"]
    assert [c.kind for c in fielddiff.diff(p, None)] == ["removed"]
    assert fielddiff.diff(p, copy.deepcopy(p)) == []


# ------------------------------------------------------------- cost on long input


def _text(words: list[str]) -> str:
    return "\n".join(" ".join(words[k:k + 15]) for k in range(0, len(words), 15))


def _many_words(rng: random.Random, n: int) -> list[str]:
    common = ("och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till",
              "den", "har", "inte", "om", "ett", "men", "polisen", "trygghet", "skolan")
    return [rng.choice(common) if rng.random() < 0.8 else f"ord{rng.randrange(30_000)}"
            for _ in range(n)]


def test_a_save_of_100000_words_with_2000_changes_names_the_changed_text(repo: Path) -> None:
    # The word diff was difflib's SequenceMatcher: minutes on this, under the save lock.
    archive = Archive(repo)
    rng = random.Random(20)
    words = _many_words(rng, 100_000)
    first = archive.load(SEED_ID)
    first.items[1].text = _text(words)
    ops.save(archive, SEED_ID, first, BOB)
    for i in rng.sample(range(len(words)), 2000):
        words[i] = f"ändrat{i}"
    second = archive.load(SEED_ID)
    second.items[1].text = _text(words)
    result = ops.save(archive, SEED_ID, second, CARL)
    assert result.commit
    assert git(repo, "log", "-1", "--format=%s").strip() == f"{SEED_ID}: §2 text ändrad"
    body = git(repo, "log", "-1", "--format=%b")
    assert body.startswith("- §2 text: … ") and "{+ändrat" in body and "[-" in body


def test_out_of_time_the_diff_marks_the_field_as_one_change_between_its_ends() -> None:
    assert word_diff.words("a b c d", "a x c d", word_diff.Budget(0)) == [
        ("=", "a "), ("-", "b"), ("+", "x"), ("=", " c d")]
    assert word_diff.words("a b c d", "a b c d e", word_diff.Budget(0)) == [
        ("=", "a b c d"), ("+", " e")]


def test_a_thousand_attendees_with_corrected_names_in_another_order_are_matched() -> None:
    rng = random.Random(9)

    def name() -> str:
        return " ".join("".join(rng.choice("abcdefghijklmnoprstuvyåäö")
                                for _ in range(rng.randrange(4, 9))).capitalize()
                        for _ in range(2))

    names = [name() for _ in range(1000)]
    renamed = [n[:-1] + "q" if k % 2 else name() for k, n in enumerate(names)]
    rng.shuffle(renamed)
    old = Protocol(council="Råd", attendees=[Attendee(name=n) for n in names])
    new = Protocol(council="Råd", attendees=[Attendee(name=n) for n in renamed])
    found = fielddiff.diff(old, new)
    corrected = {(c.old, c.new) for c in found if c.field == "name"}
    assert corrected == {(n, n[:-1] + "q") for k, n in enumerate(names) if k % 2}
    assert sum(c.kind == "added" for c in found) == sum(c.kind == "removed" for c in found) == 500


def test_the_commit_message_of_a_save_is_written_before_the_lock_is_taken(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Others wait for the lock while it is held: the diff of a long text is written
    before it, and again under it only when someone saved meanwhile."""
    archive = Archive(repo)
    lock = archive.state.path() / "save.lock"
    under_lock: list[bool] = []
    message = diffrender.message

    def watched(*args: Any, **kwargs: Any) -> str:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            under_lock.append(False)
        except BlockingIOError:
            under_lock.append(True)
        finally:
            os.close(fd)
        return message(*args, **kwargs)

    monkeypatch.setattr(diffrender, "message", watched)
    base = git(repo, "rev-parse", "HEAD").strip()
    ops.save(archive, SEED_ID, edit(archive.load(SEED_ID), set_role), BOB)
    assert under_lock == [False]
    under_lock.clear()
    # Carl began from the base; Bob's save came first: Carl's message is written anew.
    result = ops.save(archive, SEED_ID, edit(archive.load(SEED_ID, base), add_attendee), CARL,
                      base=base)
    assert result.merged and under_lock[-1] is True
    assert git(repo, "log", "-1", "--format=%s").strip() == (
        f"{SEED_ID}: Anna Ek tillagd i närvarolistan")


def test_a_choice_is_said_in_the_language_the_diff_is_drawn_in() -> None:
    """A diff made while the person reads English (the TUI's save) and written into a
    Swedish archive's commit message says presence and status in Swedish: the change
    holds the value as the file writes it, and the words are chosen when it is drawn.
    (Before, the message read `närvaro: present → excused` in a Swedish commit.)"""
    old = Protocol(council="Råd", attendees=[Attendee(name="Abit Dundar")])
    new = copy.deepcopy(old)
    new.attendees[0].presence = "excused"
    new.status = "approved"
    i18n.set_language("en")
    try:
        changes = fielddiff.diff(old, new)
        body = diffrender.message("r/2020-02-20", changes, lang="sv")
        english = [diffrender.plain(x) for x in diffrender.lines(changes)]
    finally:
        i18n.set_language("en")
    assert "utkast → justerat" in body
    assert "närvarande → anmält förhinder" in body
    assert "excused" not in body and "approved" not in body
    assert any("draft → approved" in x for x in english)
    assert [c.as_json()["new"] for c in changes] == ["approved", "excused"]
