"""Justering (issue 14): minutes sent for review, signed by the people named, each
signature a commit by its signer; approved minutes locked, corrected only with a
reason on the record; `brotui verify` proving with git alone that the text signed is
the text kept. Real repositories, real git, the real command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.justering import lock, record, rules, state
from brotui.core.justering.sign import review, sign
from brotui.core.validate import check
from tests.conftest import ALICE, SEED_ID, Result, git

PATH = f"protocols/{SEED_ID}.yaml"
CHAIR = Identity("Abit Dundar", "abit@example.org")
ADJUSTER = Identity("Martin Hämmerli", "martin@example.org")
MALLORY = Identity("Mallory Mask", "mallory@example.org")


def as_(who: Identity) -> str:
    return f"{who.name} <{who.email}>"


@pytest.fixture
def archive_path(repo: Path) -> Path:
    """The seed minutes with an adjuster named (the chair is Abit Dundar), by Alice."""
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.adjusters = [ADJUSTER.name]
    ops.save(archive, SEED_ID, p, ALICE)
    return repo


def tip(path: Path) -> str:
    return git(path, "rev-parse", "HEAD").strip()


def approve(path: Path) -> Archive:
    archive = Archive(path)
    review(archive, SEED_ID, ALICE)
    sign(archive, SEED_ID, CHAIR)
    done = sign(archive, SEED_ID, ADJUSTER)
    assert done.approved
    return Archive(path)


def file_at(path: Path, rev: str = "HEAD") -> bytes:
    return subprocess.run(["git", "-C", str(path), "show", f"{rev}:{PATH}"], check=True,
                          capture_output=True).stdout


def commit_file(path: Path, data: bytes, who: Identity, message: str) -> None:
    """A plain git commit of the protocol's file, as anyone with git can make it."""
    (path / PATH).write_bytes(data)
    git(path, "add", PATH)
    git(path, "commit", "-q", "-m", message, env={
        "GIT_AUTHOR_NAME": who.name, "GIT_AUTHOR_EMAIL": who.email,
        "GIT_COMMITTER_NAME": who.name, "GIT_COMMITTER_EMAIL": who.email})


def settings(path: Path, text: str) -> None:
    (path / ".brotui.yaml").write_text(text)
    git(path, "add", ".brotui.yaml")
    git(path, "commit", "-q", "-m", "settings", env={
        "GIT_AUTHOR_NAME": ALICE.name, "GIT_AUTHOR_EMAIL": ALICE.email,
        "GIT_COMMITTER_NAME": ALICE.name, "GIT_COMMITTER_EMAIL": ALICE.email})


# ------------------------------------------------------------------ the lifecycle


def test_review_needs_a_chair_named_as_a_problem_of_that_field(
        repo: Path, cli: Callable[..., Result]) -> None:
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.chair = None
    ops.save(archive, SEED_ID, p, ALICE)
    before = tip(repo)
    done = cli("review", SEED_ID, "--repo", str(repo), "--author", as_(ALICE))
    assert done.code == 1
    assert f"{PATH}:" in done.err and "chair: " in done.err and "need a chair" in done.err
    assert tip(repo) == before
    p.status = "review"
    problem = next(x for x in check(codec.dump(p), SEED_ID).problems if x.path == "chair")
    assert problem.is_error and problem.line is not None


def test_the_lifecycle_on_the_command_line(archive_path: Path,
                                           cli: Callable[..., Result]) -> None:
    repo = str(archive_path)
    done = cli("review", SEED_ID, "--repo", repo, "--author", as_(ALICE))
    assert done.code == 0 and "Abit Dundar (chair), Martin Hämmerli (adjuster)" in done.out
    listed = cli("list", "--repo", repo, "--state", "review", "--format", "json")
    row = json.loads(listed.out)[0]["justering"]
    assert row["signed"] == [] and row["missing"] == [CHAIR.name, ADJUSTER.name]
    assert row["content"] == record.content_id(file_at(archive_path))
    assert cli("list", "--repo", repo, "--state", "draft", "--format", "json").out.strip() \
        == "[]"

    before = tip(archive_path)
    refused = cli("sign", SEED_ID, "--repo", repo, "--author", as_(MALLORY))
    assert refused.code == 1 and "Mallory Mask is neither chair nor adjuster" in refused.err
    assert tip(archive_path) == before and git(archive_path, "status", "--porcelain") == ""

    assert cli("sign", SEED_ID, "--repo", repo, "--author", as_(CHAIR)).code == 0
    twice = cli("sign", SEED_ID, "--repo", repo, "--author", as_(CHAIR))
    assert twice.code == 1 and "already signed" in twice.err
    table = cli("list", "--repo", repo, "--state", "review").out
    assert "signed: Abit Dundar; missing: Martin Hämmerli" in table

    last = cli("sign", SEED_ID, "--repo", repo, "--author", as_(ADJUSTER))
    assert last.code == 0 and f"the tag justerat/{SEED_ID}" in last.out
    assert Archive(archive_path).load(SEED_ID).status == "approved"
    authors = git(archive_path, "log", "-3",
                  "--format=%an|%(trailers:key=Signed-role,valueonly,separator=)")
    assert authors.splitlines() == [f"{ADJUSTER.name}|adjuster", f"{CHAIR.name}|chair",
                                    f"{ALICE.name}|"]
    # The approving commit is the last signature's, and the tag marks it.
    assert git(archive_path, "rev-parse", f"justerat/{SEED_ID}^{{commit}}").strip() \
        == tip(archive_path)
    assert git(archive_path, "cat-file", "-t", f"justerat/{SEED_ID}").strip() == "tag"
    approved = cli("list", "--repo", repo, "--state", "approved").out
    assert f"approved {dt.date.today().isoformat()}" in approved
    ok = cli("verify", "--repo", repo)
    assert ok.code == 0 and "2 signatures check out" in ok.out, ok.err


def test_what_is_signed_can_be_checked_with_git_alone(archive_path: Path) -> None:
    approve(archive_path)
    content = git(archive_path, "log", "-1",
                  "--format=%(trailers:key=Signed-content,valueonly,separator=)")
    recipe = subprocess.run(
        f"git show HEAD:{PATH} | sed '/^status:/d; /^signatures:/,$d' | git hash-object --stdin",
        shell=True, cwd=archive_path, check=True, capture_output=True, text=True).stdout
    assert recipe.strip() == content.strip()
    recorded = record.signatures(Archive(archive_path).load(SEED_ID))
    assert {s.content for s in recorded} == {content.strip()}


def test_signing_a_text_changed_since_review_asks_for_the_new_content(
        archive_path: Path) -> None:
    archive = Archive(archive_path)
    review(archive, SEED_ID, ALICE)
    sign(archive, SEED_ID, CHAIR)
    p = archive.load(SEED_ID)
    p.location = "Telefonvägen 30, plan 9"
    ops.save(archive, SEED_ID, p, ALICE)  # in review, the text may still change
    before = tip(archive_path)
    with pytest.raises(Exception, match="has changed since it was sent for approval") as info:
        sign(archive, SEED_ID, ADJUSTER)
    assert "Telefonvägen 30, plan 9" in str(info.value)
    assert tip(archive_path) == before
    now = state.state_of(archive.load(SEED_ID), archive.read(SEED_ID).data)
    assert [s.name for s, _ in now.stale] == [CHAIR.name]  # the chair's signature lapsed
    assert [s.name for s in now.missing] == [CHAIR.name, ADJUSTER.name]
    done = sign(archive, SEED_ID, ADJUSTER, content=now.content)
    assert not done.approved and [s.name for s in done.state.missing] == [CHAIR.name]
    with pytest.raises(Exception, match="since your earlier signature"):
        sign(archive, SEED_ID, CHAIR)
    assert sign(archive, SEED_ID, CHAIR, content=now.content).approved


# ------------------------------------------------------------------ the lock


def test_approved_minutes_refuse_put_mv_rm_and_restore(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    approve(archive_path)
    repo, before = str(archive_path), tip(archive_path)
    edited = file_at(archive_path).replace("besöksrum 1".encode(), "besöksrum 2".encode())
    assert edited != file_at(archive_path)
    for args, data in ((("put", SEED_ID), edited), (("rm", SEED_ID), None),
                       (("mv", SEED_ID, "hagersten-liljeholmen/2020-02-21"), None),
                       (("restore", SEED_ID, "HEAD~3"), None)):
        done = cli(*args, "--repo", repo, "--author", as_(ALICE), input=data)
        assert done.code == 1, args
        assert f"{SEED_ID} is approved and cannot be changed" in done.err
        assert f"brotui correct {SEED_ID} --reason" in done.err
    assert tip(archive_path) == before


def test_a_save_begun_before_the_approval_is_refused_not_merged(archive_path: Path) -> None:
    archive = Archive(archive_path)
    review(archive, SEED_ID, ALICE)
    base = archive.tip()
    mine = archive.load(SEED_ID)
    mine.location = "Någon annanstans"
    sign(archive, SEED_ID, CHAIR)
    sign(archive, SEED_ID, ADJUSTER)
    before = archive.tip()
    with pytest.raises(lock.Locked):
        ops.save(archive, SEED_ID, mine, ALICE, base=base)
    assert archive.tip() == before


def test_status_approved_is_not_typed_in(archive_path: Path,
                                         cli: Callable[..., Result]) -> None:
    data = file_at(archive_path).replace(b"status: draft", b"status: approved")
    done = cli("put", SEED_ID, "--repo", str(archive_path), "--author", as_(ALICE), input=data)
    assert done.code == 1 and "when the chair and adjusters have signed it" in done.err


def test_an_item_signed_at_once_is_locked_and_the_rest_is_not(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    repo = str(archive_path)
    for who in (CHAIR, ADJUSTER):
        done = cli("sign", SEED_ID, "--item", "4", "--repo", repo, "--author", as_(who))
        assert done.code == 0 and "§ 4" in done.out
    archive = Archive(archive_path)
    p = archive.load(SEED_ID)
    assert state.item_locked(p, 4) and archive.load(SEED_ID).status == "draft"
    p.items[3].text = (p.items[3].text or "") + "\nEn rad till."
    with pytest.raises(lock.Locked, match="§ 4"):
        ops.save(archive, SEED_ID, p, ALICE)
    p = archive.load(SEED_ID)
    p.items[0].text = (p.items[0].text or "") + "\nEn rad till."
    assert ops.save(archive, SEED_ID, p, ALICE).changed
    assert cli("sign", SEED_ID, "--item", "4", "--repo", repo, "--author",
               as_(CHAIR)).code == 1  # nobody signs twice


def test_an_item_changed_since_its_content_was_read_is_not_signed(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    """What the TUI's confirmation showed is what is signed: `--item` with `--content`
    refuses an item whose text has changed since (nothing written)."""
    from brotui.core.justering.items import item_content_id

    archive = Archive(archive_path)
    seen = item_content_id(archive.load(SEED_ID).items[3])
    p = archive.load(SEED_ID)
    p.items[3].text = (p.items[3].text or "") + "\nÄndrad efteråt."
    ops.save(archive, SEED_ID, p, ALICE)
    before = tip(archive_path)
    done = cli("sign", SEED_ID, "--item", "4", "--content", seen, "--repo",
               str(archive_path), "--author", as_(CHAIR))
    assert done.code == 1 and "has changed since" in done.err
    assert tip(archive_path) == before


# ------------------------------------------------------------------ corrections


def test_a_correction_needs_a_reason_is_recorded_and_signed_again_by_the_chair(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    approve(archive_path)
    repo = str(archive_path)
    corrected = file_at(archive_path).replace("besöksrum 1".encode(), "besöksrum 2".encode())
    before = tip(archive_path)
    blank = cli("correct", SEED_ID, "--reason", " ", "--repo", repo, "--author", as_(ALICE),
                input=corrected)
    assert blank.code == 1 and "needs a reason" in blank.err and tip(archive_path) == before
    done = cli("correct", SEED_ID, "--reason", "Fel rum", "--repo", repo, "--author", as_(ALICE),
               input=corrected)
    assert done.code == 0, done.err
    assert "besöksrum [-1-]{+2+}" in done.out and "Abit Dundar (chair)" in done.out
    p = Archive(archive_path).load(SEED_ID)
    (c,) = record.corrections(p)
    assert (c.who, c.reason, c.date) == (ALICE.name, "Fel rum", dt.date.today())
    assert any("{+2+}" in line for line in c.changes) and p.status == "approved"
    assert git(archive_path, "log", "-1", "--format=%an %s").strip() \
        == f"{ALICE.name} {SEED_ID}: rättelse"
    shown = cli("show", SEED_ID, "--repo", repo)
    assert "Corrections" in shown.out and "Fel rum" in shown.out
    waiting = cli("verify", "--repo", repo)
    assert waiting.code == 1 and "correction 1 awaits the signature of Abit Dundar" in waiting.err
    content = state.state_of(p, Archive(archive_path).read(SEED_ID).data).content
    assert cli("sign", SEED_ID, "--content", content, "--repo", repo, "--author",
               as_(ADJUSTER)).code == 1  # the setting names the chair only
    assert cli("sign", SEED_ID, "--content", content, "--repo", repo, "--author",
               as_(CHAIR)).code == 0
    ok = cli("verify", "--repo", repo)
    assert ok.code == 0, ok.err


def test_the_archive_may_ask_nobody_to_sign_a_correction(archive_path: Path) -> None:
    settings(archive_path, "justering:\n  resign: none\n")
    archive = approve(archive_path)
    from brotui.core.justering.correct import correct
    from brotui.core.justering.verify import verify

    p = archive.load(SEED_ID)
    p.location = "Annan plats"
    assert correct(archive, SEED_ID, p, "Fel plats", ALICE).resign == ()
    assert [v.problems for v in verify(Archive(archive_path))] == [[]]


# ------------------------------------------------------------------ verify fails


def verify_fails(cli: Callable[..., Result], path: Path, *wanted: str) -> None:
    done = cli("verify", "--repo", str(path))
    assert done.code == 1
    assert f"{SEED_ID}: " in done.err
    for text in wanted:
        assert text in done.err, done.err


def test_verify_fails_after_a_plain_git_commit_to_approved_minutes(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    approve(archive_path)
    edited = file_at(archive_path).replace("besöksrum 1".encode(), "besöksrum 2".encode())
    commit_file(archive_path, edited, MALLORY, "Tyst ändring")
    verify_fails(cli, archive_path, "by Mallory Mask changed the approved minutes without a "
                 "correction")


def test_verify_fails_after_a_signature_committed_by_someone_not_named(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    archive = Archive(archive_path)
    review(archive, SEED_ID, ALICE)
    sign(archive, SEED_ID, CHAIR)
    data = file_at(archive_path)
    content = record.content_id(data)
    p = codec.load(data).protocol
    assert p is not None
    forged = record.with_signature(p, record.SignatureRecord(
        ADJUSTER.name, "adjuster", dt.date.today(), content))
    forged.status = "approved"
    commit_file(archive_path, codec.dump(forged).encode(), MALLORY,
                f"signed\n\nSigned-role: adjuster\nSigned-content: {content}\n")
    verify_fails(cli, archive_path, f"was made by Mallory Mask, not by {ADJUSTER.name}")


def test_verify_fails_after_a_signature_on_an_older_text(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    archive = Archive(archive_path)
    review(archive, SEED_ID, ALICE)
    older = record.content_id(file_at(archive_path))
    p = archive.load(SEED_ID)
    p.location = "Ny plats"
    ops.save(archive, SEED_ID, p, ALICE)
    now = state.state_of(archive.load(SEED_ID), archive.read(SEED_ID).data).content
    sign(archive, SEED_ID, CHAIR, content=now)
    q = archive.load(SEED_ID)
    stale = record.with_signature(q, record.SignatureRecord(
        ADJUSTER.name, "adjuster", dt.date.today(), older))
    stale.status = "approved"
    commit_file(archive_path, codec.dump(stale).encode(), ADJUSTER,
                f"signed\n\nSigned-role: adjuster\nSigned-content: {older}\n")
    verify_fails(cli, archive_path, f"the signature by {ADJUSTER.name}",
                 f"is on an older text ({older[:12]})")


def test_verify_names_a_protocol_that_is_not_approved(archive_path: Path,
                                                      cli: Callable[..., Result]) -> None:
    done = cli("verify", SEED_ID, "--repo", str(archive_path), "--format", "json")
    assert done.code == 1
    (verdict,) = json.loads(done.out)
    assert verdict["id"] == SEED_ID and not verdict["ok"] and "not approved" in \
        verdict["problems"][0]


# ------------------------------------------------------------------ signed tags


def test_the_tag_is_signed_with_the_archives_ssh_key_and_git_verifies_it(
        archive_path: Path, tmp_path: Path, cli: Callable[..., Result]) -> None:
    key = tmp_path / "server_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "archive", "-f",
                    str(key)], check=True)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"brotui@example.org {(tmp_path / 'server_key.pub').read_text()}")
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(key)),
                        ("gpg.ssh.allowedSignersFile", str(allowed)),
                        ("user.name", "Arkivet"), ("user.email", "brotui@example.org")):
        git(archive_path, "config", name, value)
    approve(archive_path)
    verified = subprocess.run(["git", "-C", str(archive_path), "tag", "-v", f"justerat/{SEED_ID}"],
                              capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    assert 'Good "git" signature for brotui@example.org' in verified.stderr
    done = cli("verify", "--repo", str(archive_path))
    assert done.code == 0 and f"the tag justerat/{SEED_ID} verifies" in done.out
    allowed.write_text("")  # nobody's key is trusted any more: the tag no longer verifies
    failed = cli("verify", "--repo", str(archive_path))
    assert failed.code == 1 and "the tag's signature does not verify" in failed.err


# ------------------------------------------------------------------ numbering


def test_continuous_numbering_starts_after_the_last_approved_minutes_of_the_year(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    archive = approve(archive_path)
    highest = max(i.number or 0 for i in archive.load(SEED_ID).items)
    started = ops.start(archive, None, dt.date(2020, 5, 14), SEED_ID)
    assert started.protocol.items[0].number == 1  # per meeting by default
    settings(archive_path, "numbering:\n  hagersten-liljeholmen: per-year\n")
    done = cli("new", "--from", SEED_ID, "--repo", str(archive_path))
    assert done.code == 0, done.err
    numbers = [i.number for i in codec.load(done.out).protocol.items]  # type: ignore[union-attr]
    assert numbers == list(range(highest + 1, highest + 1 + len(numbers)))
    next_year = ops.start(Archive(archive_path), "hagersten-liljeholmen", dt.date(2021, 1, 14),
                          None)
    assert next_year.protocol.items[0].number == 1  # a new year starts again at 1


# ------------------------------------------------------------------ the 14-day rule


def test_a_planned_justering_later_than_14_days_is_a_warning_and_a_late_review_is_marked(
        archive_path: Path, cli: Callable[..., Result]) -> None:
    archive = Archive(archive_path)
    p = archive.load(SEED_ID)
    late = record.with_plan(p, record.Plan(dt.date(2020, 3, 20), "Kommunhuset"))
    problems = check(codec.dump(late), SEED_ID).problems
    (warning,) = [x for x in problems if x.path == "justering.date"]
    assert not warning.is_error and "2020-03-20" in warning.message
    soon = record.with_plan(p, record.Plan(dt.date(2020, 3, 5), "Kommunhuset"))
    assert not [x for x in check(codec.dump(soon), SEED_ID).problems
                if x.path.startswith("justering")]
    review(archive, SEED_ID, ALICE)
    listed = cli("list", "--repo", str(archive_path), "--state", "review", "--format", "json")
    assert json.loads(listed.out)[0]["justering"]["late"] is True  # 2020 is long past
    assert "over 14 days after the meeting" in cli("list", "--repo", str(archive_path)).out


# ------------------------------------------------------------------ the shared rule


def test_the_rule_lets_approved_minutes_take_signatures_and_one_correction_only(
        archive_path: Path) -> None:
    archive = approve(archive_path)
    old = archive.load(SEED_ID)
    signed = record.with_signature(old, record.SignatureRecord("X", "chair", None, "abc"))
    assert rules.approved_change_problem(old, signed) is None
    edited = archive.load(SEED_ID)
    edited.location = "Annan"
    assert rules.approved_change_problem(old, edited) is not None
    corrected = record.with_correction(edited, record.CorrectionRecord(None, "A", "skäl"))
    assert rules.approved_change_problem(old, corrected) is None
    rewritten = archive.load(SEED_ID)
    rewritten.signatures = rewritten.signatures[:1]
    assert "rewritten" in (rules.approved_change_problem(old, rewritten) or "")
    back = archive.load(SEED_ID)
    back.status = "review"
    assert rules.approved_change_problem(old, back) is not None


# ------------------------------------------------------------------ exports and PDFs


def test_exports_show_the_signatures_and_corrections_from_the_archive(
        archive_path: Path) -> None:
    from brotui.core.justering.correct import correct
    from brotui.core.justering.export import minutes
    from brotui.core.publish import Options, export

    archive = approve(archive_path)
    p = archive.load(SEED_ID)
    p.location = "Annan plats"
    correct(archive, SEED_ID, p, "Fel plats", ALICE)
    made = minutes(Archive(archive_path), SEED_ID)
    assert [(s.name, s.role) for s in made.signatures] == [(CHAIR.name, "Chair"),
                                                            (ADJUSTER.name, "Adjuster")]
    assert all(s.commit for s in made.signatures)
    assert [(c.who, c.reason) for c in made.corrections] == [(ALICE.name, "Fel plats")]
    text = export(made, "md", Options(lang="en")).decode()
    assert CHAIR.name in text and "Fel plats" in text and made.signatures[0].commit[:12] in text


def test_verify_says_which_minutes_a_pdf_holds_and_whether_they_are_justerade(
        archive_path: Path, tmp_path: Path, cli: Callable[..., Result]) -> None:
    from brotui.core.justering.export import minutes
    from brotui.core.publish import Options, export

    archive = approve(archive_path)
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(export(minutes(archive, SEED_ID), "pdf", Options(lang="en")))
    done = cli("verify", str(pdf), "--repo", str(archive_path), "--format", "json")
    assert done.code == 0, done.err
    (verdict,) = json.loads(done.out)
    assert verdict["id"] == SEED_ID and verdict["revision"] == archive.tip()
    assert verdict["in_archive"] and verdict["same_text"] and verdict["justerad_then"]
    said = cli("verify", str(pdf), "--repo", str(archive_path))
    assert f"{SEED_ID}, revision {archive.tip()[:12]}" in said.out
    assert "the minutes were approved then" in said.out
    elsewhere = cli("verify", str(pdf), "--repo", str(make_repo_with_nothing(tmp_path)))
    assert elsewhere.code == 1 and "is not in the archive" in elsewhere.out


def make_repo_with_nothing(tmp_path: Path) -> Path:
    from tests.conftest import make_repo

    return make_repo(tmp_path / "other")


# ------------------------------------------------------------------ the central server


def test_the_central_server_takes_signatures_and_corrections_and_refuses_silent_edits(
        archive_path: Path, tmp_path: Path) -> None:
    """The hook's rule is the archive's: a push of the signing commits (and the tag) and of
    a correction goes in; a plain edit of the approved minutes is refused."""
    from brotui.core.justering.correct import correct
    from tests.central import make_central

    central = make_central(tmp_path / "central.git")
    git(archive_path, "remote", "add", "origin", str(central))
    git(archive_path, "push", "-q", "origin", "HEAD:main")
    archive = approve(archive_path)
    pushed = subprocess.run(["git", "-C", str(archive_path), "push", "origin", "HEAD:main",
                             f"refs/tags/justerat/{SEED_ID}"], capture_output=True, text=True)
    assert pushed.returncode == 0, pushed.stderr
    p = archive.load(SEED_ID)
    p.location = "Annan plats"
    correct(archive, SEED_ID, p, "Fel plats", ALICE)
    now = state.state_of(archive.load(SEED_ID), archive.read(SEED_ID).data).content
    sign(archive, SEED_ID, CHAIR, content=now)  # the chair signs the correction: approved
    again = subprocess.run(["git", "-C", str(archive_path), "push", "origin", "HEAD:main"],
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    commit_file(archive_path, file_at(archive_path).replace(b"Annan plats", b"Tredje plats"),
                MALLORY, "Tyst")
    refused = subprocess.run(["git", "-C", str(archive_path), "push", "origin", "HEAD:main"],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "regel approved" in refused.stderr  # the archive: sv


def test_justerings_sentences_say_the_same_in_both_languages() -> None:
    import string

    from brotui.core.justering.messages import MESSAGES

    def holes(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert [key for key, texts in MESSAGES.items()
            if set(texts) != {"sv", "en"} or holes(texts["sv"]) != holes(texts["en"])] == []


def test_a_record_of_the_wrong_shape_is_an_error_of_that_field(seed_bytes: bytes) -> None:
    """The records are parts of the schema: a `signatures:` that is no list is an error
    of that field and line, as for any part (so nothing is saved over it)."""
    data = seed_bytes + b"signatures: nobody yet\n"
    (problem,) = [p for p in check(data, SEED_ID).problems if p.path == "signatures"]
    assert problem.is_error and problem.line == data.count(b"\n")
    assert "list" in problem.message
