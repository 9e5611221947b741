"""Attachments (issue 16): kept beside their protocol, one commit per change, by the person.

Real git repositories in temporary folders. What a person notices: the commit made (one,
theirs, holding exactly the file and the protocol's entry), the file byte for byte in
the archive and the checked-out copy, the list with who added what, the text of a PDF,
a refusal that says why in a sentence and wrote nothing (refs, objects and work tree as
they were), and that deleting, moving and restoring minutes takes their files along.
"""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from brotui.core import codec, listing, ops
from brotui.core.archive import Archive
from brotui.core.attachments import (
    AttachmentRefused,
    ItemNeeded,
    attach,
    attachments,
    changes,
    check,
    detach,
    history,
    max_bytes,
    read_path,
    read_stream,
    text,
)
from brotui.core.attachments.carry import folder
from brotui.core.attachments.errors import FolderChanged
from brotui.core.commit import Snapshot
from brotui.core.errors import BrotuiError
from brotui.core.identity import Identity
from brotui.core.ops import move, remove, restore
from brotui.core.text import visible
from tests.conftest import ALICE, BOB, SEED_ID, git, make_repo, without_write_access
from tests.corpus import SECRET, archive_state
from tests.corpus import attachments as corpus

CAROL = Identity("Carol Carlsson", "carol@kommun.example")
PATH = f"protocols/{SEED_ID}.yaml"
FOLDER = f"protocols/{SEED_ID}.files"
MOVED_ID = "hagersten-liljeholmen/2020-02-19"


@pytest.fixture(scope="module")
def slides() -> bytes:
    """A real PDF with a text layer, as a presentation program would export it."""
    import weasyprint

    return weasyprint.HTML(string=(
        "<h1>Bildspel: trygghet och säkerhet</h1>"
        "<p>Brottsstatistiken för Hägersten-Liljeholmen 2019.</p>"
        "<p style='page-break-before: always'>Anmälda inbrott minskade med 12 procent.</p>"
    )).write_pdf()


@pytest.fixture
def archive(repo: Path) -> Archive:
    return Archive(repo)


def repo_of(archive: Archive) -> Path:
    assert archive.work_tree is not None
    return archive.work_tree


def changed_files(repo: Path, rev: str = "HEAD") -> list[str]:
    return git(repo, "-c", "core.quotePath=false", "show", "--no-renames", "--format=",
               "--name-status", rev).split("\n")[:-1]


def blob(repo: Path, rev: str, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "cat-file", "blob", f"{rev}:{path}"],
                          check=True, capture_output=True).stdout


def items_of(archive: Archive, rev: str | None = None) -> list[list[str]]:
    return [it.attachments for it in archive.load(SEED_ID, rev).items]


# ------------------------------------------------------------------ adding one


def test_an_attachment_is_one_commit_by_the_person_with_the_file_and_the_entry(
        archive: Archive, slides: bytes) -> None:
    repo = repo_of(archive)
    before = archive.tip()
    result = attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    assert result.commit == archive.tip() and result.save.parent == before
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "2"
    assert git(repo, "log", "-1", "--format=%an <%ae>").strip() == "Bob Berg <bob@example.org>"
    # Exactly that file, and the protocol, whose only change is the entry.
    assert changed_files(repo) == [f"A\t{FOLDER}/Bildspel.pdf", f"M\t{PATH}"]
    diff = [line for line in git(repo, "diff", "HEAD~", "HEAD", "--", PATH).splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert diff == ["-  - Bildspel", "+  - Bildspel.pdf"]
    assert blob(repo, "HEAD", f"{FOLDER}/Bildspel.pdf") == slides
    assert (repo / FOLDER / "Bildspel.pdf").read_bytes() == slides  # the checked-out copy
    assert git(repo, "status", "--porcelain") == ""
    assert items_of(archive)[2:4] == [["Bildspel.pdf"], ["Bildspel"]]
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith(f"{SEED_ID}: bilaga Bildspel.pdf\n")
    assert "§3 bilagor: Bildspel → Bildspel.pdf" in message
    assert f"Protocol: {SEED_ID}\nAttachment: Bildspel.pdf" in message
    assert result.name == "Bildspel.pdf" and result.kind.key == "pdf"
    assert result.items == (3,) and result.replaced is None and result.size == len(slides)
    git(repo, "fsck", "--strict")
    # The archive's list still has one protocol: an attachment is none.
    assert [e.id for e in listing.entries(archive)] == [SEED_ID]
    assert [path for path, _ in listing.check_all(archive)] == [PATH]


def test_which_item_is_asked_when_two_name_the_slides(archive: Archive, slides: bytes) -> None:
    state = archive_state(repo_of(archive))
    with pytest.raises(ItemNeeded) as info:
        attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB)
    assert info.value.candidates == [3, 4] and info.value.exit_code == 2
    assert "Items §3, §4 all name Bildspel" in info.value.message
    assert "Punkterna §3, §4 nämner alla Bildspel" in info.value.text("sv")
    with pytest.raises(ItemNeeded) as info:
        attach(archive, SEED_ID, "Protokollsbilaga.pdf", slides, BOB)
    assert "No item names it yet" in info.value.message and info.value.candidates[:2] == [1, 2]
    with pytest.raises(AttachmentRefused, match=r"no item §12 \(they have §1–§7\)"):
        attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=12)
    assert archive_state(repo_of(archive)) == state


def test_the_item_whose_entry_is_the_stem_gets_it_and_a_name_without_extension_gets_one(
        archive: Archive, slides: bytes) -> None:
    seed = archive.load(SEED_ID)
    seed.items[3].attachments = ["Lägesbild"]
    ops.save(archive, SEED_ID, seed, ALICE)
    result = attach(archive, SEED_ID, "bildspel", slides, BOB)  # only §3 says Bildspel now
    assert result.name == "bildspel.pdf" and result.items == (3,)
    assert items_of(archive)[2] == ["bildspel.pdf"]
    result = attach(archive, SEED_ID, "Lägesbild.pdf", slides, CAROL)
    assert result.items == (4,) and items_of(archive)[3] == ["Lägesbild.pdf"]
    # An explicit item with no such entry gets the name added at the end.
    result = attach(archive, SEED_ID, "Lägesbild.pdf", slides, CAROL, item=5)
    assert items_of(archive)[4] == ["Lägesbild.pdf"] and result.items == (4, 5)
    assert changed_files(repo_of(archive)) == [f"M\t{PATH}"]  # the same bytes: only the entry


def test_replace_changes_only_the_file_and_says_both_sizes(archive: Archive,
                                                           slides: bytes) -> None:
    repo = repo_of(archive)
    first = attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    newer = slides + b"\n% andra versionen\n"
    second = attach(archive, SEED_ID, "Bildspel.pdf", newer, ALICE)
    assert second.replaced == len(slides) and second.items == (3,)
    assert changed_files(repo) == [f"M\t{FOLDER}/Bildspel.pdf"]
    assert git(repo, "log", "-1", "--format=%an%n%s").splitlines() == [
        "Alice Andersson", f"{SEED_ID}: bilaga Bildspel.pdf ersatt"]
    assert blob(repo, "HEAD", f"{FOLDER}/Bildspel.pdf") == newer
    assert (repo / FOLDER / "Bildspel.pdf").read_bytes() == newer
    # The same bytes again: nothing to do, no commit.
    again = attach(archive, SEED_ID, "Bildspel.pdf", newer, BOB)
    assert again.commit is None and archive.tip() == second.commit
    # The history has it (the file's own history does not: the file did not change).
    assert [c.oid for c in history(archive, SEED_ID)] == [
        second.commit, first.commit, *(c.oid for c in archive.history(SEED_ID)[1:])]
    assert [c.oid for c in history(archive, SEED_ID, limit=1)] == [second.commit]
    assert second.commit not in [c.oid for c in archive.history(SEED_ID)]
    # History and diff are told what happened, with sizes.
    (change,) = changes(archive, SEED_ID, first.commit, second.commit)  # type: ignore[arg-type]
    assert (change.name, change.change, change.old_size, change.new_size) == (
        "Bildspel.pdf", "replaced", len(slides), len(newer))
    (change,) = changes(archive, SEED_ID, f"{first.commit}~", first.commit)  # type: ignore[arg-type]
    assert (change.change, change.old_size, change.new_size) == ("added", None, len(slides))


def test_a_name_differing_only_in_case_is_refused(archive: Archive, slides: bytes) -> None:
    attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    state = archive_state(repo_of(archive))
    with pytest.raises(AttachmentRefused,
                       match=re.escape("already have the attachment Bildspel.pdf")):
        attach(archive, SEED_ID, "bildspel.PDF", slides, BOB, item=4)
    assert archive_state(repo_of(archive)) == state


def test_an_attachment_to_minutes_that_do_not_exist_is_refused(archive: Archive,
                                                               slides: bytes) -> None:
    state = archive_state(repo_of(archive))
    with pytest.raises(BrotuiError, match="no protocol hagersten-liljeholmen/2020-05-14"):
        attach(archive, "hagersten-liljeholmen/2020-05-14", "Bildspel.pdf", slides, BOB)
    with pytest.raises(BrotuiError, match="not a protocol id"):
        attach(archive, "../../etc/passwd", "Bildspel.pdf", slides, BOB)
    assert archive_state(repo_of(archive)) == state


def test_a_file_where_the_folder_should_be_is_refused_and_nothing_written(
        archive: Archive, slides: bytes) -> None:
    repo = repo_of(archive)
    (repo / FOLDER).write_text("inte en mapp\n")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=K", "-c", "user.email=k@example.org", "commit", "-qm", "fil")
    state = archive_state(repo)
    with pytest.raises(BrotuiError, match=re.escape(
            f"{FOLDER} in the archive is not a folder (but a file or a symbolic link)")):
        attach(Archive(repo), SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    assert archive_state(repo) == state


def test_office_documents_images_and_text_are_kept(archive: Archive) -> None:
    from tests.minutes_docs import seed_document, to_docx, to_odt

    for name, data, kind in [
            ("Protokoll.docx", to_docx(seed_document()), "docx"),
            ("Protokoll.odt", to_odt(seed_document()), "odt"),
            ("Karta.png", corpus.png(), "png"),
            ("Foto.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0" + b"\0" * 64, "jpeg"),
            ("Deltagare.csv", "namn;roll\nÅsa;polis\n".encode(), "csv"),
            ("Anteckningar", "Åtgärder:\n- trygghetsvandring\n".encode(), "text")]:
        result = attach(archive, SEED_ID, name, data, BOB, item=1)
        assert result.kind.key == kind, name
    assert sorted(a.name for a in attachments(archive, SEED_ID)) == sorted([
        "Anteckningar.txt", "Deltagare.csv", "Foto.jpg", "Karta.png", "Protokoll.docx",
        "Protokoll.odt"])
    assert "Åtgärder:" in text(archive, SEED_ID, "Anteckningar.txt")
    assert "Hägersten-Liljeholmen" in text(archive, SEED_ID, "Protokoll.docx")
    assert "Hägersten-Liljeholmen" in text(archive, SEED_ID, "Protokoll.odt")
    with pytest.raises(AttachmentRefused,
                       match=re.escape("Karta.png is PNG: there is no text to show")):
        text(archive, SEED_ID, "Karta.png")


def test_a_bare_archive_takes_attachments(tmp_path: Path, seed_bytes: bytes,
                                          slides: bytes) -> None:
    bare = make_repo(tmp_path / "bare.git", bare=True)
    archive = Archive(bare)
    ops.save(archive, SEED_ID, codec.load(seed_bytes).protocol, ALICE)  # type: ignore[arg-type]
    attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    assert blob(bare, "HEAD", f"{FOLDER}/Bildspel.pdf") == slides
    git(bare, "fsck", "--strict")


def test_a_large_file_is_stored_byte_for_byte_and_leaves_nothing_behind(
        archive: Archive) -> None:
    repo = repo_of(archive)
    data = corpus.pdf() + os.urandom(3_000_000)  # written to git through a file, not a pipe
    attach(archive, SEED_ID, "Foton.pdf", data, BOB, item=3)
    assert blob(repo, "HEAD", f"{FOLDER}/Foton.pdf") == data
    assert (repo / FOLDER / "Foton.pdf").read_bytes() == data
    assert list((repo / ".git/brotui/tmp").iterdir()) == []
    git(repo, "fsck", "--strict")


def test_an_attachment_to_a_read_only_archive_says_so(repo: Path, tmp_path: Path) -> None:
    data = tmp_path / "Bildspel.pdf"
    data.write_bytes(corpus.pdf() + os.urandom(2_000_000))
    listing.entries(Archive(repo))
    git_dir = repo / ".git"
    modes = {p: p.lstat().st_mode for p in [git_dir, *git_dir.rglob("*")]}
    for path, mode in modes.items():
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(mode) & ~0o222)
    code = (
        "import sys\n"
        "from brotui.core.archive import Archive\n"
        "from brotui.core.attachments import attach\n"
        "from brotui.core.errors import BrotuiError\n"
        "from brotui.core.identity import Identity\n"
        "try:\n"
        f"    attach(Archive({str(repo)!r}), {SEED_ID!r}, 'Bildspel.pdf',\n"
        f"           open({str(data)!r}, 'rb').read(), Identity('Bo', 'bo@example.org'),\n"
        "           item=3)\n"
        "except BrotuiError as exc:\n"
        "    print(exc.message)\n"
        "    sys.exit(1)\n")
    try:
        before = git(repo, "rev-parse", "HEAD")
        proc = subprocess.run(without_write_access([sys.executable, "-c", code]),
                              capture_output=True, text=True)
    finally:
        for path, mode in modes.items():
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(mode))
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout.strip().startswith(f"The archive {repo} is read-only for you")
    assert git(repo, "rev-parse", "HEAD") == before


# ------------------------------------------------------------------ removing one


def test_detach_removes_the_file_and_its_entry_in_one_commit(archive: Archive,
                                                            slides: bytes) -> None:
    repo = repo_of(archive)
    added = attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    result = detach(archive, SEED_ID, "Bildspel.pdf", CAROL)
    assert result.items == (3,) and result.size == len(slides)
    assert changed_files(repo) == [f"D\t{FOLDER}/Bildspel.pdf", f"M\t{PATH}"]
    assert git(repo, "log", "-1", "--format=%an").strip() == "Carol Carlsson"
    assert f"Den finns kvar i historiken, i {added.commit[:10]}" in git(  # type: ignore[index]
        repo, "log", "-1", "--format=%B")
    assert items_of(archive)[2] == []
    assert not (repo / FOLDER).exists()  # the last one: no empty folder left
    assert attachments(archive, SEED_ID) == []
    assert git(repo, "status", "--porcelain") == ""
    state = archive_state(repo)
    with pytest.raises(AttachmentRefused, match="have no attachment Bildspel.pdf "
                                                r"\(they have no attachments\)"):
        detach(archive, SEED_ID, "Bildspel.pdf", CAROL)
    attach(archive, SEED_ID, "Annat.pdf", slides, BOB, item=1)
    state = archive_state(repo)
    with pytest.raises(AttachmentRefused, match=r"\(they have: Annat.pdf\)"):
        detach(archive, SEED_ID, "Bildspel.pdf", CAROL)
    with pytest.raises(AttachmentRefused, match="may not hold / or"):
        detach(archive, SEED_ID, "../2020-02-20.yaml", CAROL)
    assert archive_state(repo) == state


# ------------------------------------------------------------ limits and refusals


@pytest.mark.parametrize("case", corpus.REFUSED, ids=[c.case for c in corpus.REFUSED])
def test_each_bad_attachment_is_refused_with_a_sentence_and_nothing_written(
        archive: Archive, case: corpus.Refused) -> None:
    repo = repo_of(archive)
    state = archive_state(repo)
    with pytest.raises(AttachmentRefused) as info:
        attach(archive, SEED_ID, case.name, case.data(), BOB, item=3)
    assert case.en in info.value.message, info.value.message
    assert case.sv in info.value.text("sv"), info.value.text("sv")
    for said in (info.value.message, info.value.text("sv")):
        assert visible(said) == said  # no raw control or invisible character to a terminal
    assert archive_state(repo) == state  # no ref, no object, no file in the work tree


def test_the_size_limit_is_the_archives_setting(archive: Archive, slides: bytes) -> None:
    repo = repo_of(archive)
    (repo / ".brotui.yaml").write_text("attachments:\n  max_size: 5 kB\n")
    git(repo, "add", ".brotui.yaml")
    git(repo, "-c", "user.name=A", "-c", "user.email=a@b", "commit", "-qm", "settings")
    archive = Archive(repo)
    assert max_bytes(archive.settings) == 5000
    state = archive_state(repo)
    with pytest.raises(AttachmentRefused, match=r"is \d+\.\d kB; an attachment may be at most "
                                                r"5\.0 kB"):
        attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    assert archive_state(repo) == state
    assert max_bytes({}) == 20_000_000
    assert max_bytes({"attachments": {"max_size": "25 MiB"}}) == 25 * 2**20
    assert max_bytes({"attachments": {"max_size": 1_500_000}}) == 1_500_000
    assert max_bytes({"attachments": {"max_size": "lagom"}}) == 20_000_000


class _Endless(io.RawIOBase):
    """Standard input that never ends (a person sending /dev/zero); counts what is read."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        n = len(buffer)
        buffer[:n] = b"\0" * n
        self.read_bytes += n
        return n


def test_standard_input_is_refused_at_the_limit_without_reading_it_all() -> None:
    stream = _Endless()
    with pytest.raises(AttachmentRefused, match=re.escape("larger than 20.0 MB")):
        read_stream(stream, 20_000_000)  # type: ignore[arg-type]
    assert stream.read_bytes <= 20_000_001  # never more than the limit and one byte
    # A real pipe, as ssh gives it: 30 MB sent, refused at the limit.
    proc = subprocess.Popen(["head", "-c", "30000000", "/dev/zero"], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    with pytest.raises(AttachmentRefused, match="was not read to its end"):
        read_stream(proc.stdout, 20_000_000)
    proc.stdout.close()
    proc.wait()
    assert read_stream(io.BytesIO(b"%PDF-1.4 liten"), 20_000_000) == b"%PDF-1.4 liten"


def test_a_file_on_disk_is_measured_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "stor.pdf"
    with big.open("wb") as f:
        f.truncate(30_000_000)  # sparse: reading it would take the time
    with pytest.raises(AttachmentRefused, match=re.escape(
            "The file is 30.0 MB; an attachment may be at most 20.0 MB")):
        read_path(big, 20_000_000)
    with pytest.raises(AttachmentRefused, match="is not a plain file"):
        read_path(tmp_path, 20_000_000)
    with pytest.raises(AttachmentRefused, match="cannot be read: No such file"):
        read_path(tmp_path / "saknas.pdf", 20_000_000)


# ------------------------------------------------------------------ reading


def test_the_list_says_who_added_and_who_last_changed_each_file(
        archive: Archive, slides: bytes) -> None:
    first = attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3,
                   date="2020-02-21T10:00:00+01:00")
    attach(archive, SEED_ID, "Lägesbild.pdf", slides, CAROL, item=4,
           date="2020-02-22T10:00:00+01:00")
    replaced = attach(archive, SEED_ID, "Bildspel.pdf", slides + b"%2\n", ALICE,
                      date="2020-02-23T10:00:00+01:00")
    # In the order the commits were made, though their dates say 2020 and the first today.
    assert [c.oid for c in history(archive, SEED_ID)][:3] == [
        replaced.commit, archive.history(SEED_ID)[0].oid, first.commit]
    listed = {a.name: a for a in attachments(archive, SEED_ID)}
    assert list(listed) == ["Bildspel.pdf", "Lägesbild.pdf"]
    slides_now = listed["Bildspel.pdf"]
    assert slides_now.added and slides_now.added.oid == first.commit
    assert slides_now.added.author == "Bob Berg"
    assert slides_now.changed and slides_now.changed.oid == replaced.commit
    assert slides_now.changed.author == "Alice Andersson"
    assert slides_now.size == len(slides) + 3 and slides_now.kind and slides_now.kind.label == "PDF"
    assert slides_now.items == (3,)
    assert listed["Lägesbild.pdf"].added.author == "Carol Carlsson"  # type: ignore[union-attr]
    # At an earlier revision: as it was then.
    (then,) = attachments(archive, SEED_ID, first.commit)
    assert then.size == len(slides) and then.changed.oid == first.commit  # type: ignore[union-attr]
    assert then.as_json()["type"] == "pdf" and then.as_json()["added"]["author"] == "Bob Berg"


def test_who_added_a_file_is_found_behind_many_later_changes(archive: Archive,
                                                             slides: bytes) -> None:
    """The listing reads the folder's log a page at a time: a file added a hundred
    changes ago is still found, with its author."""
    repo = repo_of(archive)
    old = attach(archive, SEED_ID, "Gammal.pdf", slides, BOB, item=3)
    attach(archive, SEED_ID, "Logg.txt", b"0\n", CAROL, item=1)
    env = {"GIT_AUTHOR_NAME": "Skript", "GIT_AUTHOR_EMAIL": "s@example.org",
           "GIT_COMMITTER_NAME": "Skript", "GIT_COMMITTER_EMAIL": "s@example.org"}
    for i in range(100):  # a script that appends to the log, one commit a line
        with (repo / FOLDER / "Logg.txt").open("a") as f:
            f.write(f"{i}\n")
        git(repo, "commit", "-qam", f"rad {i}", env=env)
    listed = {a.name: a for a in attachments(archive, SEED_ID)}
    assert listed["Gammal.pdf"].added.oid == old.commit  # type: ignore[union-attr]
    assert listed["Gammal.pdf"].changed.author == "Bob Berg"  # type: ignore[union-attr]
    assert listed["Logg.txt"].added.author == "Carol Carlsson"  # type: ignore[union-attr]
    assert listed["Logg.txt"].changed.author == "Skript"  # type: ignore[union-attr]
    assert len(history(archive, SEED_ID)) == len(archive.history(SEED_ID)) + 100


def test_the_text_of_a_pdf_reads_in_the_terminal(archive: Archive, slides: bytes) -> None:
    attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    shown = text(archive, SEED_ID, "Bildspel.pdf")
    assert "Bildspel: trygghet och säkerhet" in shown
    assert "Brottsstatistiken för Hägersten-Liljeholmen 2019." in shown
    assert shown.index("— page 1 —") < shown.index("Brottsstatistiken") < shown.index(
        "— page 2 —") < shown.index("Anmälda inbrott minskade med 12 procent.")


def test_a_scanned_pdf_has_no_text_and_says_so(archive: Archive) -> None:
    import weasyprint

    scan = weasyprint.HTML(string="<div style='height:5cm;background:#000'></div>").write_pdf()
    attach(archive, SEED_ID, "Skannat.pdf", scan, BOB, item=1)
    with pytest.raises(AttachmentRefused, match="has no text layer; it is probably a scan"):
        text(archive, SEED_ID, "Skannat.pdf")


# ------------------------------------------------------ brotui check, on a corpus


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.build_archive(tmp_path_factory.mktemp("attachments"))


def test_check_names_each_bad_thing_in_an_attachments_folder(tree: Path) -> None:
    state = archive_state(tree)
    archive = Archive(tree)
    found = dict(check(archive))
    for case in corpus.IN_TREE:
        problems = found[case.path]
        assert any(case.en in p.message for p in problems), (case.case, problems)
        assert any(p.is_error for p in problems) == case.error, (case.case, problems)
        for p in problems:
            assert visible(p.message) == p.message and SECRET not in p.message
    # The entry that names no file, with its line; the one that names the ELF is fine.
    (problem,) = found[f"protocols/{corpus.GOOD_ID}.yaml"]
    assert problem.path == "items[3].attachments[0]" and not problem.is_error
    assert problem.message == f"No file {corpus.ENTRY_WITHOUT_FILE} is attached to these minutes."
    assert problem.line == codec.load(
        (tree / f"protocols/{corpus.GOOD_ID}.yaml").read_bytes()).lines[problem.path]
    # The seed names "Bildspel" twice and has no files: two warnings, nothing more.
    seed = found[PATH]
    assert [p.path for p in seed] == ["items[2].attachments[0]", "items[3].attachments[0]"]
    assert all(not p.is_error for p in seed)
    # In Swedish too.
    from brotui import i18n

    i18n.set_language("sv")
    sv = dict(check(archive))
    for case in corpus.IN_TREE:
        assert any(case.sv in p.message for p in sv[case.path]), (case.case, sv[case.path])
    # Only those protocols, when asked.
    assert {path for path, _ in check(archive, ids=[SEED_ID])} == {PATH}
    # Nothing in it is a protocol of its own, and reading it all wrote nothing.
    assert len(listing.entries(archive)) == 2
    assert archive_state(tree) == state


def test_a_link_in_an_attachments_folder_is_never_followed(tree: Path) -> None:
    archive = Archive(tree)
    names = [a.name for a in attachments(archive, corpus.GOOD_ID)]
    assert "Hemligt.pdf" not in names and "Extra.pdf" in names
    with pytest.raises(AttachmentRefused, match=re.escape("have no attachment Hemligt.pdf")):
        text(archive, corpus.GOOD_ID, "Hemligt.pdf")
    with pytest.raises(AttachmentRefused, match="This is a program"):
        text(archive, corpus.GOOD_ID, "Bildspel.pdf")  # named PDF, an ELF inside


@pytest.fixture
def with_files(archive: Archive, slides: bytes) -> tuple[Archive, dict[str, str]]:
    """The seed with two attachments, then one of them replaced: commit ids by step."""
    steps = {"one": attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3).commit}
    steps["two"] = attach(archive, SEED_ID, "Lägesbild.csv", b"a;b\n1;2\n", CAROL,
                          item=4).commit
    steps["three"] = attach(archive, SEED_ID, "Bildspel.pdf", slides + b"%3\n", ALICE).commit
    return archive, steps  # type: ignore[return-value]


def test_the_activity_names_the_protocol_of_an_attachment(
        with_files: tuple[Archive, dict[str, str]]) -> None:
    archive, steps = with_files
    latest = archive.activity(3)
    assert [a.commit.oid for a in latest] == [steps["three"], steps["two"], steps["one"]]
    assert all(a.ids == [SEED_ID] and a.touched[0].change == "changed" for a in latest)


def test_attachment_sentences_have_both_languages() -> None:
    from brotui.core.attachments.messages import MESSAGES

    for key, texts in MESSAGES.items():
        assert set(texts) == {"sv", "en"} and all(texts.values()), key


def test_an_unsafe_name_put_there_with_git_can_still_be_removed(tmp_path: Path) -> None:
    tree = corpus.build_archive(tmp_path)
    result = detach(Archive(tree), corpus.GOOD_ID, ".gömd.txt", BOB)
    assert result.commit is not None
    assert changed_files(tree) == [f"D\tprotocols/{corpus.GOOD_ID}.files/.gömd.txt"]
    assert not os.path.lexists(tree / corpus.FOLDER / ".gömd.txt")
    assert os.path.lexists(tree / corpus.FOLDER / "Hemligt.pdf")  # the link left alone


# ---------------------------------------------- delete, move and restore carry them


def test_a_delete_takes_the_attachments_with_it(with_files: tuple[Archive, dict[str, str]]
                                                ) -> None:
    archive, _steps = with_files
    repo = repo_of(archive)
    remove(archive, SEED_ID, BOB)
    assert sorted(changed_files(repo)) == sorted([
        f"D\t{FOLDER}/Bildspel.pdf", f"D\t{FOLDER}/Lägesbild.csv", f"D\t{PATH}"])
    assert "Bilagor som tas bort med det: Bildspel.pdf, Lägesbild.csv." in git(
        repo, "log", "-1", "--format=%B")
    assert git(repo, "ls-tree", "-r", "HEAD", "--", "protocols/") == ""
    assert not (repo / "protocols" / "hagersten-liljeholmen").exists()
    assert git(repo, "status", "--porcelain") == ""
    (deletion,) = listing.deleted(archive)
    # Restoring it gives its files back, byte for byte (the very blobs).
    restore(archive, SEED_ID, deletion.last_revision, ALICE)
    for name in ("Bildspel.pdf", "Lägesbild.csv"):
        assert blob(repo, "HEAD", f"{FOLDER}/{name}") == blob(
            repo, deletion.last_revision, f"{FOLDER}/{name}")
        assert (repo / FOLDER / name).read_bytes() == blob(repo, "HEAD", f"{FOLDER}/{name}")
    assert git(repo, "status", "--porcelain") == ""


def test_a_restore_gives_the_attachments_as_they_were_at_that_revision(
        with_files: tuple[Archive, dict[str, str]], slides: bytes) -> None:
    archive, steps = with_files
    repo = repo_of(archive)
    restore(archive, SEED_ID, steps["one"], CAROL)
    # At "one" there was only the first version of the slides: the later file goes.
    assert git(repo, "ls-tree", "--name-only", "HEAD", "--", f"{FOLDER}/").split() == [
        f"{FOLDER}/Bildspel.pdf"]
    assert blob(repo, "HEAD", f"{FOLDER}/Bildspel.pdf") == slides
    assert (repo / FOLDER / "Bildspel.pdf").read_bytes() == slides
    assert not (repo / FOLDER / "Lägesbild.csv").exists()
    assert items_of(archive) == items_of(archive, steps["one"])
    assert git(repo, "status", "--porcelain") == ""
    assert [c.change for c in changes(archive, SEED_ID, steps["three"], archive.tip())  # type: ignore[arg-type]
            ] == ["replaced", "removed"]


def test_a_move_renames_the_folder_and_the_list_still_knows_who_added(
        with_files: tuple[Archive, dict[str, str]]) -> None:
    archive, steps = with_files
    repo = repo_of(archive)
    before = {name: blob(repo, "HEAD", f"{FOLDER}/{name}")
              for name in ("Bildspel.pdf", "Lägesbild.csv")}
    move(archive, SEED_ID, MOVED_ID, BOB)
    moved = f"protocols/{MOVED_ID}.files"
    assert sorted(changed_files(repo)) == sorted([
        f"D\t{FOLDER}/Bildspel.pdf", f"D\t{FOLDER}/Lägesbild.csv", f"D\t{PATH}",
        f"A\t{moved}/Bildspel.pdf", f"A\t{moved}/Lägesbild.csv",
        f"A\tprotocols/{MOVED_ID}.yaml"])
    for name, data in before.items():
        assert blob(repo, "HEAD", f"{moved}/{name}") == data
        assert (repo / moved / name).read_bytes() == data
    assert not (repo / FOLDER).exists()
    listed = {a.name: a for a in attachments(archive, MOVED_ID)}
    assert listed["Bildspel.pdf"].added.oid == steps["one"]  # type: ignore[union-attr]
    assert listed["Bildspel.pdf"].changed.oid == steps["three"]  # type: ignore[union-attr]
    assert listed["Lägesbild.csv"].added.author == "Carol Carlsson"  # type: ignore[union-attr]
    # The history goes on before the move, with the replace that changed no entry.
    assert [c.oid for c in history(archive, MOVED_ID)][:4] == [
        archive.tip(), steps["three"], steps["two"], steps["one"]]
    assert [c.protocol for c in history(archive, MOVED_ID)][:2] == [MOVED_ID, SEED_ID]
    # Restoring to before the move moves it back, files and all.
    restore(archive, MOVED_ID, steps["three"], ALICE)
    for name, data in before.items():
        assert blob(repo, "HEAD", f"{FOLDER}/{name}") == data
    assert git(repo, "ls-tree", "-r", "HEAD", "--", moved + "/") == ""
    assert git(repo, "status", "--porcelain") == ""


def test_a_folder_changed_after_it_was_read_is_read_again(
        with_files: tuple[Archive, dict[str, str]], slides: bytes) -> None:
    """Delete, move and restore read the folder before the lock; the commit's snapshot
    tells them if someone attached a file meanwhile, and they plan again."""
    archive, _steps = with_files
    read_before = folder(archive, SEED_ID, archive.tip())
    attach(archive, SEED_ID, "Sent.pdf", slides, CAROL, item=1)
    snap = Snapshot.read(archive.git, archive.tip(), [PATH], None, [])
    with pytest.raises(FolderChanged):
        read_before.check(snap)
    folder(archive, SEED_ID, archive.tip()).check(snap)  # read now: as it is
    remove(archive, SEED_ID, BOB)  # and the delete takes the late file too
    assert git(repo_of(archive), "ls-tree", "-r", "HEAD", "--", "protocols/") == ""


def test_a_move_refuses_to_turn_a_link_into_a_file(archive: Archive, slides: bytes) -> None:
    repo = repo_of(archive)
    attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    os.symlink("../../../../outside/hemligt.txt", repo / FOLDER / "Hemligt.pdf")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=K", "-c", "user.email=k@example.org", "commit", "-qm", "länk")
    state = archive_state(repo)
    with pytest.raises(AttachmentRefused,
                       match=re.escape("holds Hemligt.pdf, which is not a file")):
        move(Archive(repo), SEED_ID, MOVED_ID, BOB)
    assert archive_state(repo) == state


def test_a_name_git_cannot_be_asked_for_stops_a_delete_with_a_sentence(tree: Path) -> None:
    state = archive_state(tree)
    with pytest.raises(AttachmentRefused) as info:
        remove(Archive(tree), corpus.GOOD_ID, BOB)
    assert info.value.message == (
        f"The attachments folder {corpus.FOLDER} holds a file whose name has a line break "
        "(Bild\\x0aspel.pdf): remove it with git first.")
    assert archive_state(tree) == state
