"""A file sent over SSH, as staff send the slides of a meeting: `ssh brotui@server attach ID
NAME < file`, through the real OpenSSH server of the end-to-end tests (tests/e2e/
test_ssh.py) and the key's forced command. git is the judge of who saved what, and of
"nothing written" (every ref, the work tree, the object store)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.importing.waiting import WaitingImports
from tests.conftest import git
from tests.corpus import archive_state
from tests.e2e.test_ssh import ALICE, Server, server  # noqa: F401  (the fixture)
from tests.e2e.test_tmux import TIMEOUT, brotui_script

SEED = "hagersten-liljeholmen/2020-02-20"
FOLDER = "protocols/hagersten-liljeholmen/2020-02-20.files"


@pytest.fixture
def sshd(server: Server) -> Server:  # noqa: F811  (test_ssh's own server, under our name)
    return server


@pytest.fixture(scope="module")
def slides() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<h1>Bildspel: trygghet och säkerhet</h1>"
                           "<p>Anmälda inbrott minskade med 12 procent.</p>").write_pdf()


def send(sshd: Server, key: Path, command: str, data: bytes) -> subprocess.CompletedProcess[str]:
    """`ssh -T ... -- COMMAND < data`, as a person's terminal would run it."""
    proc = subprocess.run([*sshd.ssh(key, tty=False), "--", command], input=data,
                          capture_output=True, timeout=TIMEOUT, check=False)
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def brotui(sshd: Server, *args: str) -> str:
    done = subprocess.run([str(brotui_script()), "--lang", "en", "--repo", str(sshd.archive),
                           *args], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_person_attaches_the_slides_over_ssh(sshd: Server, slides: bytes) -> None:
    """The commit is the key's person's and holds exactly the bytes sent; the list shows
    it and its text reads; both of the seed's "Bildspel" entries now name the file."""
    alice = sshd.add(*ALICE, "alice")
    before = git(sshd.archive, "rev-parse", "HEAD").strip()
    done = send(sshd, alice, f"attach {SEED} Bildspel.pdf", slides)
    assert done.returncode == 0, done.stderr
    assert "Attached Bildspel.pdf" in done.stdout
    assert "Commands are not available" not in done.stderr
    assert git(sshd.archive, "log", "-1", "--format=%an <%ae>").strip() == \
        f"{ALICE[0]} <{ALICE[1]}>"
    assert git(sshd.archive, "rev-parse", "HEAD~1").strip() == before  # one commit
    changed = git(sshd.archive, "-c", "core.quotePath=false", "show", "--format=",
                  "--name-status", "HEAD").splitlines()
    assert changed == [f"A\t{FOLDER}/Bildspel.pdf",
                       "M\tprotocols/hagersten-liljeholmen/2020-02-20.yaml"]
    sent = subprocess.run(["git", "-C", str(sshd.archive), "show",
                           f"HEAD:{FOLDER}/Bildspel.pdf"], capture_output=True, check=True)
    assert sent.stdout == slides
    listed = brotui(sshd, "attachments", SEED)
    assert "Bildspel.pdf" in listed and "PDF" in listed and ALICE[0] in listed
    assert "§3, §4" in listed
    assert "12 procent" in brotui(sshd, "attachments", SEED, "--text", "Bildspel.pdf")
    assert git(sshd.archive, "fsck", "--no-progress").strip() == ""


@pytest.mark.parametrize(("command", "size", "said"), [
    (f"attach {SEED} Bildspel.pdf", 30_000_000, "larger than 20.0 MB"),
    (f"attach {SEED} ../Bildspel.pdf", 1, "/"),
    (f"attach {SEED} ../../../etc/Bildspel.pdf", 1, "/"),
    ("attach hagersten-liljeholmen/1999-01-01 Bildspel.pdf", 1, "1999-01-01"),
    ("attach ../../etc/passwd Bildspel.pdf", 1, "passwd"),
])
def test_what_is_refused_over_ssh_writes_nothing(sshd: Server, slides: bytes, command: str,
                                                 size: int, said: str) -> None:
    """A 30 MB file, a name with `../`, a protocol that does not exist: a sentence, a
    non-zero status, and nothing written (refs, work tree, objects)."""
    alice = sshd.add(*ALICE, "alice")
    data = slides if size == 1 else slides + b"\0" * (size - len(slides))
    before = archive_state(sshd.archive)
    done = send(sshd, alice, command, data)
    assert done.returncode == 1, done
    assert said in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert archive_state(sshd.archive) == before


@pytest.mark.parametrize("command", [
    f"attach {SEED} Bildspel.pdf; id", f"attach {SEED} Bildspel.pdf && id",
    f"attach {SEED} Bildspel.pdf | sh", f"attach {SEED} $(id).pdf extra",
    f"attach {SEED}", "attach", f"sh -c 'attach {SEED} Bildspel.pdf'",
    f"--author 'Mallory <m@evil.example>' attach {SEED} Bildspel.pdf",
    f"attach {SEED} 'Bildspel.pdf", "import", "export " + SEED,
])
def test_no_shell_and_no_other_command_through_attach(sshd: Server, slides: bytes,
                                                      command: str) -> None:
    """Anything but exactly `attach ID NAME` (or `import NAME`) is refused as every other
    command is: no shell ran it, nothing was written."""
    alice = sshd.add(*ALICE, "alice")
    before = archive_state(sshd.archive)
    done = send(sshd, alice, command, slides)
    assert "uid=" not in done.stdout + done.stderr
    assert "Commands are not available here" in done.stderr
    assert done.returncode != 0
    assert archive_state(sshd.archive) == before


def test_minutes_arrive_over_ssh_the_way_attachments_do(sshd: Server) -> None:
    """`ssh ... import NAME < file`: imported in the key's person's name, the file named
    in the trailer; an id that exists is a conflict and nothing is written."""
    alice = sshd.add(*ALICE, "alice")
    seed = (Path(__file__).parent.parent / "data" / "seed.txt").read_bytes()
    before = archive_state(sshd.archive)
    taken = send(sshd, alice, "import Protokoll.txt", seed)  # the demo has these minutes
    assert taken.returncode == 3 and "exists in the archive already" in taken.stderr
    assert archive_state(sshd.archive) == before
    other = seed.replace(b"Torsdagen den 20 februari 2020",
                         b"Torsdagen den 12 mars 2020").replace(b"2020-02-20", b"2020-03-12")
    done = send(sshd, alice, "import Protokoll.txt", other)
    assert done.returncode == 0, done.stderr
    assert "as hagersten-liljeholmen/2020-03-12" in done.stdout
    assert git(sshd.archive, "log", "-1", "--format=%an <%ae>").strip() == \
        f"{ALICE[0]} <{ALICE[1]}>"
    assert "Imported-from: Protokoll.txt (sha256:" in git(sshd.archive, "log", "-1",
                                                           "--format=%B")


def test_minutes_sent_with_edit_wait_for_the_persons_tui_and_nothing_is_committed(
        sshd: Server) -> None:
    """`ssh ... import NAME --edit < file`: nothing committed; the file waits for the
    key's person (their ctrl+b in the TUI), and for no one else. Any other word after
    the name is refused as every other command is."""
    alice = sshd.add(*ALICE, "alice")
    seed = (Path(__file__).parent.parent / "data" / "seed.txt").read_bytes()
    other = seed.replace(b"Torsdagen den 20 februari 2020",
                         b"Torsdagen den 12 mars 2020").replace(b"2020-02-20", b"2020-03-12")
    before = archive_state(sshd.archive)
    done = send(sshd, alice, "import Protokoll.txt --edit", other)
    assert done.returncode == 0, done.stderr
    assert "waiting in brotui (hagersten-liljeholmen/2020-03-12)" in done.stdout
    assert archive_state(sshd.archive) == before
    archive = Archive(sshd.archive)
    waiting = WaitingImports(archive, Identity(*ALICE)).all()
    assert [(w.name, w.size) for w in waiting] == [("Protokoll.txt", len(other))]
    assert WaitingImports(archive, Identity("Bertil Bok", "bertil@example.org")).all() == []
    refused = send(sshd, alice, "import Protokoll.txt --dry-run", other)
    assert refused.returncode != 0 and "Commands are not available here" in refused.stderr
