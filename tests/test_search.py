"""Searching the protocols, now and through history: real archives in temporary folders.

The seed minutes (by Alice in the `repo` fixture) say, among much else: "Strukturen för
hur lokala Brå och samverkansöverenskommelsen…" in §2, "Skärmtaket i Liljeholmen…" and
"…kvarstår" in §6 (titled "Övrigt"), "Peter Bragner, Grundskolechef" among the
attendees, and "Telefonvägen 30" in the place, §7 and the next meeting.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from brotui import i18n
from brotui.core import listing, ops, search_index
from brotui.core import search as core_search
from brotui.core.archive import Archive
from brotui.core.model import Attendee
from brotui.core.query import EmptyQuery, Query
from brotui.core.search import Hit
from brotui.core.search_index import Index
from tests.conftest import ALICE, BOB, SEED_ID, Result, git

NEXT_ID = "hagersten-liljeholmen/2020-05-14"


def search(repo: Path, text: str) -> list[Hit]:
    return core_search.search(Archive(repo), Query.parse(text))


def matched(hit: Hit) -> list[str]:
    """The matched pieces of a hit's snippet, as the snippet shows them."""
    return [hit.snippet[start:end] for start, end in hit.spans]


def parts_of(hits: list[Hit]) -> list[str]:
    return [hit.part.label() for hit in hits]


def save_edit(repo: Path, protocol_id: str, author: object, edit: Callable[..., None],
              date: str | None = None) -> str:
    archive = Archive(repo)
    protocol = copy.deepcopy(archive.load(protocol_id))
    edit(protocol)
    result = ops.save(archive, protocol_id, protocol, author, date=date)  # type: ignore[arg-type]
    assert result.commit is not None
    return result.commit


def second_protocol(repo: Path) -> None:
    """The next meeting's minutes, started from the seed by Bob."""
    archive = Archive(repo)
    protocol = copy.deepcopy(archive.load(SEED_ID))
    protocol.date = protocol.next_meetings[0].date
    protocol.next_meetings = []
    protocol.items = protocol.items[:1]
    protocol.items[0].text = "Sammanträdet öppnades. Polisen berättade om läget i Liljeholmen."
    ops.save(archive, NEXT_ID, protocol, BOB)


# ------------------------------------------------------------------ now


def test_a_word_is_found_with_its_part_and_a_few_words_around_it(repo: Path) -> None:
    hits = search(repo, "skärmtaket")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.id == SEED_ID
    assert hit.part.label() == "§6 text"
    assert matched(hit) == ["Skärmtaket"]
    assert hit.snippet == "Skärmtaket i Liljeholmen kan nu flyttas om …"  # six words after


def test_the_snippet_is_cut_to_words_on_both_sides_and_line_breaks_become_spaces(
        repo: Path) -> None:
    (hit,) = search(repo, "tecknas")
    assert hit.part.label() == "§4 text"
    # "…fram tills den 28 februari då ny samverkansöverenskommelse tecknas.\n\nI den nya…"
    assert hit.snippet == ("… den 28 februari då ny samverkansöverenskommelse "
                           "tecknas. I den nya samverkansöverenskommelsen kommer …")
    assert matched(hit) == ["tecknas"]
    assert "\n" not in hit.snippet


def test_any_letter_case_matches_and_the_snippet_keeps_the_text_as_written(repo: Path) -> None:
    upper = search(repo, "SKÄRMTAKET")
    assert [matched(h) for h in upper] == [["Skärmtaket"]]
    (title,) = [h for h in search(repo, "övrigt") if h.part.kind == "item"]
    assert title.part.label() == "§6 title" and matched(title) == ["Övrigt"]


def test_swedish_letters_are_letters_of_their_own(repo: Path) -> None:
    assert search(repo, "kvarstar") == []  # a is not å
    assert {matched(h)[0] for h in search(repo, "KVARSTÅR")} == {"kvarstår"}
    decomposed = "kvarsta\u030ar"  # å typed as a + combining ring, as some keyboards send it
    assert [h.part.label() for h in search(repo, decomposed)] == \
        [h.part.label() for h in search(repo, "kvarstår")]
    hits = search(repo, "HÄGERSTEN-LILJEHOLMENS SDF")
    assert parts_of(hits) == ["Council", "Place", "§2 text"]
    assert matched(hits[1]) == ["Hägersten-Liljeholmens", "SDF"]


def test_a_quoted_phrase_matches_those_words_in_that_order(repo: Path) -> None:
    (hit,) = search(repo, '"lokala brå"')
    assert hit.part.label() == "§2 text"
    assert matched(hit) == ["lokala Brå"]
    assert search(repo, '"brå lokala"') == []
    # The two words apart are found wherever they are, in any order.
    assert search(repo, "brå lokala") != []


def test_a_phrase_matches_across_a_line_break_in_the_text(repo: Path) -> None:
    def edit(p: object) -> None:
        p.items[5].text = "Nattvandring\n\ni Liljeholmen under hösten."  # type: ignore[attr-defined]

    save_edit(repo, SEED_ID, BOB, edit)
    (hit,) = search(repo, '"nattvandring i liljeholmen"')
    assert hit.snippet == "Nattvandring i Liljeholmen under hösten."
    assert matched(hit) == ["Nattvandring i Liljeholmen"]


def test_every_term_must_occur_in_the_protocol(repo: Path) -> None:
    second_protocol(repo)
    both = search(repo, "liljeholmen skärmtaket")
    assert {h.id for h in both} == {SEED_ID}  # only the seed has both words
    assert {"Skärmtaket", "Liljeholmen"} <= {m for h in both for m in matched(h)}
    assert {h.id for h in search(repo, "liljeholmen")} == {SEED_ID, NEXT_ID}
    assert search(repo, "skärmtaket xyzzy") == []


def test_matches_close_together_share_one_snippet(repo: Path) -> None:
    hits = search(repo, "skärmtaket liljeholmen")
    (hit,) = [h for h in hits if h.part.label() == "§6 text"]
    assert matched(hit) == ["Skärmtaket", "Liljeholmen"]
    assert [p for p, is_match in hit.pieces() if is_match] == ["Skärmtaket", "Liljeholmen"]
    assert "".join(p for p, _ in hit.pieces()) == hit.snippet


def test_parts_are_named_in_the_words_of_the_minutes(repo: Path) -> None:
    assert parts_of(search(repo, "bragner")) == ["Attendees: Peter Bragner"]
    assert parts_of(search(repo, "grundskolechef")) == ["Attendees: Peter Bragner"]
    assert parts_of(search(repo, "telefonvägen")) == ["Place", "§7 text",
                                                      "Next meetings: 2020-05-14"]
    assert parts_of(search(repo, "beslutade")) == ["§5 title"]
    assert parts_of(search(repo, "bildspel")) == ["§3 text", "§3 attachments", "§4 text",
                                                  "§4 attachments"]
    assert parts_of(search(repo, "stockholm.se")) == ["Contact"]
    assert parts_of(search(repo, "2020-02-20")) == ["Date"]
    i18n.set_language("sv")
    assert parts_of(search(repo, "bragner")) == ["Närvarande: Peter Bragner"]
    assert parts_of(search(repo, "beslutade telefonvägen")) == [
        "Plats", "§5 rubrik", "§7 text", "Kommande möten: 2020-05-14"]
    assert parts_of(search(repo, "hägersten"))[0] == "Råd"


def test_decisions_and_new_attendees_are_found_after_a_save(repo: Path) -> None:
    assert search(repo, "nattvandrarna") == []

    def edit(p: object) -> None:
        p.attendees.append(Attendee("Nils Nattvandrare", "Samordnare", "Nattvandrarna"))  # type: ignore[attr-defined]
        p.items[4].decisions = ["Rådet ber Nattvandrarna om en rapport."]  # type: ignore[attr-defined]

    save_edit(repo, SEED_ID, BOB, edit)
    hits = search(repo, "nattvandrarna")
    assert parts_of(hits) == ["Attendees: Nils Nattvandrare", "§5 decision"]
    assert hits[0].snippet == "Nils Nattvandrare, Samordnare, Nattvandrarna"


def test_newest_protocols_come_first(repo: Path) -> None:
    second_protocol(repo)
    assert [h.id for h in search(repo, "sammanträdet")] == [NEXT_ID, SEED_ID]


def test_an_empty_query_is_refused(repo: Path) -> None:
    for text in ("", "   ", '""', "\x1b"):
        with pytest.raises(EmptyQuery):
            search(repo, text)


def test_queries_are_words_and_quoted_phrases() -> None:
    assert Query.parse('Polisen "Lokala  BRÅ" polisen').terms == (("polisen",), ("lokala", "brå"))
    assert Query.parse('"open quote').terms == (("open", "quote"),)
    assert Query.from_args(["lokala brå", "polisen"]).terms == (("lokala", "brå"), ("polisen",))
    assert Query.from_args(['"lokala brå" polisen']).terms == (("lokala", "brå"), ("polisen",))
    assert str(Query.from_args(["lokala brå", "polisen"])) == '"lokala brå" polisen'


def test_regex_characters_in_a_query_are_plain_text(repo: Path) -> None:
    def edit(p: object) -> None:
        p.items[5].text = "Kostnad (ca. 5 000 kr) [prel.] 100% *klart*"  # type: ignore[attr-defined]

    save_edit(repo, SEED_ID, BOB, edit)
    for text in ("(ca.", "[prel.]", "100%", "*klart*"):
        (hit,) = search(repo, text)
        assert matched(hit) == [text]
    assert search(repo, "c.\\.") == []


def test_the_index_lives_under_the_git_directory_keyed_by_blob(repo: Path) -> None:
    search(repo, "polisen")
    index_file = repo / ".git" / "brotui" / "search-index"
    assert index_file.is_file()
    assert git(repo, "status", "--porcelain") == ""
    blob = git(repo, "rev-parse", f"main:protocols/{SEED_ID}.yaml").strip()
    index = Index.read(index_file, json.loads(index_file.read_bytes().split(b"\n")[0])["version"])
    assert index.oids == [blob]
    # After a save the old blob is dropped and the new one indexed.
    save_edit(repo, SEED_ID, BOB, lambda p: setattr(p, "location", "Stadshuset"))
    assert parts_of(search(repo, "stadshuset")) == ["Place"]
    index = Index.read(index_file, index.version)
    assert index.oids == [git(repo, "rev-parse", f"main:protocols/{SEED_ID}.yaml").strip()]


def test_a_damaged_index_is_rebuilt(repo: Path) -> None:
    search(repo, "polisen")
    index_file = repo / ".git" / "brotui" / "search-index"
    index_file.write_bytes(index_file.read_bytes()[:200])
    assert parts_of(search(repo, "bragner")) == ["Attendees: Peter Bragner"]
    index_file.write_bytes(b"\xff\xfe not an index")
    assert parts_of(search(repo, "bragner")) == ["Attendees: Peter Bragner"]


def test_a_commit_made_with_plain_git_is_searched_too(repo: Path) -> None:
    search(repo, "polisen")  # the index is built
    path = repo / "protocols" / f"{SEED_ID}.yaml"
    path.write_text(path.read_text().replace("Skärmtaket", "Cykelstället"))
    git(repo, "-c", "user.name=X", "-c", "user.email=x@example.org", "commit", "-qam", "x")
    assert search(repo, "skärmtaket") == []
    assert parts_of(search(repo, "cykelstället")) == ["§6 text"]


def test_the_browser_filter_reads_the_same_index(repo: Path) -> None:
    archive = Archive(repo)
    texts = search_index.search_texts(archive, listing.entries(archive))
    assert "peter bragner, grundskolechef" in texts[SEED_ID]
    assert "skärmtaket i liljeholmen" in texts[SEED_ID]


def test_a_bare_archive_is_searched_the_same(repo: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    assert parts_of(search(bare, "bragner")) == ["Attendees: Peter Bragner"]


# ------------------------------------------------------------------ through history


def test_history_names_who_added_a_phrase_and_who_removed_it(repo: Path) -> None:
    second_protocol(repo)
    added = save_edit(repo, SEED_ID, ALICE, lambda p: setattr(
        p.items[5], "text", p.items[5].text + "\n\nEn trygghetsvandring i parken planeras."),
        date="2020-03-01T10:00:00+01:00")
    removed = save_edit(repo, SEED_ID, BOB, lambda p: setattr(
        p.items[5], "text", p.items[5].text.replace(" i parken", " i centrum")),
        date="2020-03-05T10:00:00+01:00")
    save_edit(repo, NEXT_ID, BOB, lambda p: setattr(
        p.items[0], "text", "Trygghetsvandring i Parken genomfördes."))

    trails = core_search.history(Archive(repo), Query.parse('"trygghetsvandring i parken"'))
    by_id = {trail.id: trail for trail in trails}
    assert set(by_id) == {SEED_ID, NEXT_ID}
    seed = by_id[SEED_ID]
    assert [(c.kind, c.commit.oid, c.commit.author) for c in seed.changes] == [
        ("added", added, ALICE.name), ("removed", removed, BOB.name)]
    assert seed.present is False
    assert [c.kind for c in by_id[NEXT_ID].changes] == ["added"]
    assert by_id[NEXT_ID].present is True
    assert [trail.id for trail in trails] == [NEXT_ID, SEED_ID]  # newest protocol first


def test_history_of_a_text_there_from_the_start_and_in_any_case(repo: Path) -> None:
    first = git(repo, "rev-list", "--max-parents=0", "main").strip()
    (trail,) = core_search.history(Archive(repo), Query.parse("SKÄRMTAKET"))
    assert [(c.kind, c.commit.oid, c.commit.author, c.before, c.after)
            for c in trail.changes] == [("added", first, ALICE.name, 0, 1)]
    assert trail.present is True


def test_history_counts_more_and_fewer_without_calling_them_added(repo: Path) -> None:
    save_edit(repo, SEED_ID, BOB, lambda p: setattr(
        p.items[5], "text", p.items[5].text + "\n\nSkärmtaket igen."))
    save_edit(repo, SEED_ID, ALICE, lambda p: setattr(
        p.items[5], "text", p.items[5].text.replace("\n\nSkärmtaket igen.", "")))
    (trail,) = core_search.history(Archive(repo), Query.parse("skärmtaket"))
    assert [(c.kind, c.commit.author, c.before, c.after) for c in trail.changes] == [
        ("added", ALICE.name, 0, 1), ("more", BOB.name, 1, 2), ("fewer", ALICE.name, 2, 1)]


def test_history_ignores_a_change_of_yaml_form_only(repo: Path) -> None:
    # Someone rewrites the file with plain git: the same text, but quoted differently.
    path = repo / "protocols" / f"{SEED_ID}.yaml"
    text = path.read_text()
    path.write_text(text.replace("title: Övrigt", 'title: "Övrigt"'))
    git(repo, "-c", "user.name=X", "-c", "user.email=x@example.org", "commit", "-qam", "quote")
    (trail,) = core_search.history(Archive(repo), Query.parse("övrigt"))
    assert [c.kind for c in trail.changes] == ["added"]


def test_history_follows_a_deleted_protocol(repo: Path) -> None:
    second_protocol(repo)
    git(repo, "rm", "-q", f"protocols/{NEXT_ID}.yaml")
    git(repo, "-c", "user.name=Carl", "-c", "user.email=c@example.org", "commit", "-qm", "rm")
    query = Query.parse("polisen berättade")
    by_id = {tr.id: tr for tr in core_search.history(Archive(repo), query)}
    trail = by_id[NEXT_ID]
    assert [(c.kind, c.commit.author) for c in trail.changes] == [
        ("added", BOB.name), ("removed", "Carl")]
    assert trail.present is False


def test_history_finds_nothing_for_text_never_written(repo: Path) -> None:
    assert core_search.history(Archive(repo), Query.parse('"aldrig skrivet"')) == []


# ------------------------------------------------------------------ the command line


@pytest.fixture
def run(cli: Callable[..., Result]) -> Callable[..., Result]:
    def wrapped(*args: str, **kw: object) -> Result:
        result = cli(*args, **kw)
        assert "Traceback" not in result.out + result.err, result.out + result.err
        return result

    return wrapped


def test_cli_search_prints_id_part_and_the_match_marked(repo: Path, run: Callable) -> None:
    result = run("--repo", str(repo), "search", "skärmtaket")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "Part", "Hit"]
    assert lines[1].split(None, 3) == [SEED_ID, "§6", "text",
                                       "»Skärmtaket« i Liljeholmen kan nu flyttas om …"]
    assert "1 hit in 1 protocol." in result.err


def test_cli_search_in_swedish_with_a_phrase(repo: Path, run: Callable) -> None:
    result = run("--repo", str(repo), "--lang", "sv", "search", "lokala brå")
    assert result.code == 0
    assert result.out.splitlines()[0].split() == ["ID", "Del", "Träff"]
    assert "§2 text" in result.out and "»lokala Brå«" in result.out
    # Two arguments are two words, each found wherever it is.
    apart = run("--repo", str(repo), "--lang", "sv", "search", "brå", "lokala")
    assert apart.code == 0 and "»lokala«" in apart.out and "»Brå«" in apart.out


def test_cli_search_json(repo: Path, run: Callable) -> None:
    result = run("--repo", str(repo), "search", '"peter bragner"', "--format", "json")
    assert result.code == 0
    (hit,) = json.loads(result.out)
    assert hit["id"] == SEED_ID
    assert hit["part"] == "Attendees: Peter Bragner"
    assert hit["where"] == {"kind": "attendee", "key": "Peter Bragner", "field": ""}
    start, end = hit["matches"][0]
    assert hit["snippet"][start:end] == "Peter Bragner"


def test_cli_search_nothing_found_is_exit_1_and_said_on_stderr(repo: Path, run: Callable) -> None:
    result = run("--repo", str(repo), "search", "xyzzy", '"inte här"')
    assert result.code == 1
    assert result.out == ""
    assert 'No hits for xyzzy "inte här".' in result.err
    as_json = run("--repo", str(repo), "search", "xyzzy", "--format", "json")
    assert as_json.code == 1 and json.loads(as_json.out) == []
    sv = run("--repo", str(repo), "--lang", "sv", "search", "xyzzy")
    assert sv.code == 1 and "Inga träffar för xyzzy." in sv.err


def test_cli_search_usage_errors_are_exit_2(repo: Path, run: Callable) -> None:
    assert run("--repo", str(repo), "search").code == 2
    empty = run("--repo", str(repo), "search", '""')
    assert empty.code == 2 and "phrase in double quotes" in empty.err


def test_cli_search_shows_control_characters_and_markup_as_written(
        repo: Path, run: Callable) -> None:
    # A file edited with plain git: a role holding ESC, BEL and a C1 CSI (YAML escapes),
    # and Rich markup. brotui marks the file broken, and still finds it.
    path = repo / "protocols" / f"{SEED_ID}.yaml"
    path.write_text(path.read_text().replace(
        "role: Grundskolechef", 'role: "Grundskolechef \\e[31m[bold]röd[/bold]\\a \\x9b2J"'))
    git(repo, "-c", "user.name=X", "-c", "user.email=x@example.org", "commit", "-qam", "esc")

    result = run("--repo", str(repo), "search", "grundskolechef")
    assert result.code == 0
    assert "\x1b" not in result.out and "\x07" not in result.out and "\x9b" not in result.out
    assert ("Peter Bragner, »Grundskolechef« \\x1b[31m[bold]röd[/bold]\\x07 \\x9b2J"
            in result.out)
    as_json = run("--repo", str(repo), "search", "grundskolechef", "--format", "json")
    assert "\x1b" not in as_json.out and "\x9b" not in as_json.out
    (hit,) = json.loads(as_json.out)
    assert hit["snippet"].endswith("Grundskolechef \x1b[31m[bold]röd[/bold]\x07 \x9b2J")


def test_cli_search_history_table_and_json(repo: Path, run: Callable) -> None:
    save_edit(repo, SEED_ID, BOB, lambda p: setattr(
        p.items[5], "text", p.items[5].text.replace("Skärmtaket", "Taket")),
        date="2020-03-05T10:00:00+01:00")
    result = run("--repo", str(repo), "search", "skärmtaket", "--history")
    assert result.code == 0
    rows = [line.split() for line in result.out.splitlines()]
    assert rows[0][:2] == ["ID", "Change"]
    assert rows[1][:2] == [SEED_ID, "added"] and " ".join(rows[1][3:5]) == ALICE.name
    assert rows[2][:2] == [SEED_ID, "removed"] and " ".join(rows[2][3:5]) == BOB.name
    assert rows[2][5] == "2020-03-05"
    assert " ".join(rows[3][1:]) == "no longer there"
    as_json = json.loads(run("--repo", str(repo), "search", "skärmtaket", "--history",
                             "--format", "json").out)
    assert [(c["change"], c["author"]) for c in as_json[0]["changes"]] == [
        ("added", ALICE.name), ("removed", BOB.name)]
    assert as_json[0]["present"] is False
    sv = run("--repo", str(repo), "--lang", "sv", "search", "skärmtaket", "--history")
    assert "tillagd" in sv.out and "borttagen" in sv.out and "finns inte kvar nu" in sv.out
    none = run("--repo", str(repo), "search", "xyzzy", "--history")
    assert none.code == 1 and "No hits for xyzzy in the history." in none.err
