"""Who may do what (brotui.core.access): the access file's answers and their sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from brotui import i18n
from brotui.core import codec
from brotui.core.access import ACTIONS, OPEN, Account, for_archive, parse_access, require
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.core.identity import Identity
from tests.central import commit_files
from tests.conftest import ALICE, BOB, SEED_ID, git
from tests.test_hook import ACCESS

ADMIN = Identity("Admin Adminsson", "Admin@Example.org")
CLAS = Identity("Clas Cederlid", "clas@example.org")
HL, ALV = "hagersten-liljeholmen", "alvsjo"


def test_a_reader_reads_and_cannot_change_anything() -> None:
    access = parse_access(ACCESS)
    assert access.can(BOB, "read", HL).allowed
    for action in ("edit", "create", "delete", "restore"):
        decision = access.can(BOB, action, HL)
        assert not decision.allowed and decision.rule == "reader"
    assert access.can(BOB, "edit", HL).reason == (
        "Bob Berg <bob@example.org> may only read the minutes of hagersten-liljeholmen "
        "(.brotui/access.yaml); to change them takes an editor.")


def test_an_editor_of_one_council_cannot_change_another() -> None:
    access = parse_access(ACCESS)
    assert access.can(ALICE, "edit", HL).allowed
    decision = access.can(ALICE, "edit", ALV)
    assert not decision.allowed and decision.rule == "not-named"
    assert "is not named in .brotui/access.yaml for alvsjo" in decision.reason
    assert not access.can(ALICE, "read", ALV).allowed
    assert access.can(BOB, "edit", ALV).allowed  # Bob edits Älvsjö while he reads Hägersten


def test_administrators_of_every_council_and_the_archive() -> None:
    access = parse_access(ACCESS)
    for action in ("read", "edit", "create", "delete", "restore", "administer"):
        assert access.can(ADMIN, action, HL).allowed  # e-mail in any letter case
        assert access.can(ADMIN, action, "*").allowed
    decision = access.can(ALICE, "administer", "*")
    assert not decision.allowed and decision.rule == "admin-only"


def test_everyone_may_be_named_with_a_star() -> None:
    access = parse_access(b'councils:\n  "*":\n    readers: ["*"]\n  alvsjo:\n'
                          b'    editors: [bob@example.org]\n')
    assert access.can(Identity("Vem Som", "vem@example.org"), "read", HL).allowed
    assert not access.can(Identity("Vem Som", "vem@example.org"), "edit", HL).allowed
    assert access.can(BOB, "edit", ALV).allowed


def test_the_chair_and_adjusters_sign(seed_bytes: bytes) -> None:
    protocol = codec.load(seed_bytes).protocol
    protocol.adjusters = ["Clas Cederlid"]
    access = parse_access(b'councils:\n  "*":\n    readers: ["*"]\n')
    chair = Identity(protocol.chair, "abit@example.org")
    assert access.can(chair, "sign", HL, protocol).rule == "signer"
    assert access.can(CLAS, "sign", HL, protocol).allowed
    decision = access.can(ALICE, "sign", HL, protocol)
    assert not decision.allowed and "neither the chair nor an adjuster" in decision.reason
    assert not parse_access(ACCESS).can(chair, "sign", HL, protocol).allowed  # not named


def test_no_access_file_allows_everything(repo: Path) -> None:
    access = for_archive(Archive(repo))
    assert access is OPEN
    for action in ACTIONS:
        assert access.can(BOB, action, HL, protocol=object()).allowed


def test_a_broken_access_file_allows_nothing() -> None:
    access = parse_access(b"councils:\n  alvsjo: [bob@example.org]\n")
    assert access.broken
    decision = access.can(BOB, "read", ALV)
    assert not decision.allowed and decision.rule == "access-file"
    assert ".brotui/access.yaml:2: councils.alvsjo:" in decision.reason
    assert parse_access(b"councils: {\n").broken


def test_unknown_keys_warn_and_do_not_break() -> None:
    access = parse_access(b"councilz: {}\ncouncils: {}\n")
    assert not access.broken and access.problems[0].severity == "warning"


def test_pushers_are_known_by_account_or_e_mail() -> None:
    access = parse_access(ACCESS)
    assert access.is_server(Account("District-A"))
    assert not access.is_server(Account("alice"))
    assert access.can(Account(None, "alice@example.org"), "edit", HL).allowed
    assert access.can("alice@example.org", "edit", HL).allowed


def test_require_refuses_with_the_sentence_in_swedish(repo: Path) -> None:
    commit_files(repo, {".brotui/access.yaml": ACCESS}, "Access")
    archive = Archive(repo)
    assert require(archive, ALICE, "edit", HL).allowed
    i18n.set_language("sv")
    with pytest.raises(BrotuiError) as caught:
        require(archive, BOB, "edit", HL)
    assert caught.value.message == (
        "Bob Berg <bob@example.org> får bara läsa protokollen för hagersten-liljeholmen "
        "(.brotui/access.yaml); att ändra dem kräver att man är redigerare.")


def test_every_write_of_the_core_asks_the_access_file_and_signers_may_sign(
        repo: Path) -> None:
    """The check is in the one write path (commit.commit_change), so it holds for the TUI
    as for the command line: a reader's save, delete or attachment is refused with the
    sentence and nothing written; the chair and adjuster, readers only, may sign."""
    from brotui.core import attachments, ops
    from brotui.core.archive import Archive
    from brotui.core.errors import AccessRefused
    from brotui.core.justering.sign import review, sign
    from tests.test_justering import ADJUSTER, CHAIR

    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.adjusters = [ADJUSTER.name]
    ops.save(archive, SEED_ID, p, ALICE)
    commit_files(repo, {".brotui/access.yaml": (
        'councils:\n  "*":\n    readers: ["*"]\n  hagersten-liljeholmen:\n'
        f"    editors: [{ALICE.email}]\n").encode()}, "access")
    archive = Archive(repo)
    before = git(repo, "rev-parse", "HEAD").strip()
    reader = Identity("Rut Läsare", "rut@example.org")
    p = archive.load(SEED_ID)
    p.location = "Annan plats"
    for write in (lambda: ops.save(archive, SEED_ID, p, reader),
                  lambda: ops.remove(archive, SEED_ID, reader),
                  lambda: attachments.attach(archive, SEED_ID, "Noter.txt", b"Noter.\n",
                                             reader, item=6),
                  lambda: review(archive, SEED_ID, reader)):
        with pytest.raises(AccessRefused, match=r"rut@example\.org> may only read"):
            write()
        assert git(repo, "rev-parse", "HEAD").strip() == before
    review(archive, SEED_ID, ALICE)
    sign(archive, SEED_ID, CHAIR)  # a reader, and the chair the minutes name
    assert sign(archive, SEED_ID, ADJUSTER).approved
