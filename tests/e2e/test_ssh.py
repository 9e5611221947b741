"""brotui behind a real OpenSSH server, as the staff reach it: one key, one person.

Each test starts its own `sshd` on 127.0.0.1 (its own config, host key and free port, never
the system's), with an AuthorizedKeysFile written by `brotui ssh-key add`, and logs in with
`ssh -tt` inside a private tmux server, as a person at 80x24 would. git is the judge of who
saved. The server lets through more environment than Debian's default (AcceptEnv also
BROTUI_* TEXTUAL_* GIT_*), to show brotui holds even when an administrator is generous.

The "service account" is whoever runs the tests (root in CI): sshd can only log in as the
user it runs as when it is not root, and then only without a terminal (it cannot give the
pty to group tty), so the terminal tests need root or group tty."""

from __future__ import annotations

import contextlib
import getpass
import grp
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import git
from tests.e2e.test_tmux import TIMEOUT, Tmux, brotui_script, make_demo

ALICE = ("Alice Andersson", "alice.andersson@example.org")
# Every character that could end a quote or start a command, in one name.
BO = ("Bo O'Brien \"B\" $(touch pwned);`id`\\&x", "bo@example.org")
MALLORY = "Mallory Mask <mallory@evil.example>"
PLACE = "Besöksrum 1, plan 9, Telefonvägen 30"
FIRST = "hagersten-liljeholmen/2020-05-14"  # the list's first row: newest first


def find_sshd() -> str:
    """sshd's absolute path (it refuses to start otherwise); missing sshd fails the test."""
    path = os.pathsep.join(["/usr/sbin", "/usr/local/sbin", "/sbin", os.environ.get("PATH", "")])
    found = shutil.which("sshd", path=path)
    if found is None:
        pytest.fail("sshd is not installed; the SSH end-to-end tests need it "
                    "(CI installs it in .ci/run: apt-get install openssh-server)")
    return str(Path(found).resolve())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A private sshd and what a login to it needs."""

    port: int
    authorized_keys: Path
    archive: Path
    keys: Path
    log: Path
    user: str

    def add(self, name: str, email: str, key: str) -> Path:
        """Make `key`'s key pair and let its person in with `brotui ssh-key add`."""
        private = self.keys / key
        if not private.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", key,
                            "-f", str(private)], check=True, capture_output=True)
        done = subprocess.run([str(brotui_script()), "--lang", "en", "--repo", str(self.archive),
                               "ssh-key", "add", "--name", name, "--email", email,
                               "--authorized-keys", str(self.authorized_keys),
                               f"{private}.pub"],
                              capture_output=True, text=True, timeout=30, check=False)
        assert done.returncode == 0, done.stderr
        return private

    def ssh(self, key: Path, *args: str, tty: bool = True) -> list[str]:
        """The ssh command line for a login with `key` (no user config, no agent)."""
        return ["ssh", "-F", "/dev/null", "-i", str(key), "-p", str(self.port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
                "-tt" if tty else "-T", *args, f"{self.user}@127.0.0.1"]

    def run(self, key: Path, command: str | None, stdin: str = "",
            options: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        """A login without a terminal that asks the server to run `command`."""
        argv = self.ssh(key, *options, tty=False) + (["--", command] if command is not None
                                                     else [])
        return subprocess.run(argv, input=stdin, capture_output=True, text=True,
                              timeout=TIMEOUT, check=False)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """sshd -D on 127.0.0.1:<free port>, stopped (and only it) at the end."""
    sshd = find_sshd()
    home = tmp_path / "sshd"
    home.mkdir()
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(home / "host")],
                   check=True, capture_output=True)
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation dir
    port = free_port()
    authorized_keys = tmp_path / "authorized_keys"
    config = home / "sshd_config"
    config.write_text(f"""\
Port {port}
ListenAddress 127.0.0.1
HostKey {home / "host"}
PidFile {home / "sshd.pid"}
AuthorizedKeysFile {authorized_keys}
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
PermitUserEnvironment no
AcceptEnv LANG LC_* BROTUI_* TEXTUAL_* GIT_*
PrintMotd no
PrintLastLog no
X11Forwarding no
""", encoding="utf-8")
    log = home / "sshd.log"
    proc = subprocess.Popen([sshd, "-D", "-f", str(config), "-E", str(log)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"sshd did not start (status {proc.returncode}):\n"
                            f"{log.read_text(errors='replace') if log.exists() else ''}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port),
                                                                         timeout=1):
                break
            if time.monotonic() > deadline:
                pytest.fail(f"sshd never listened on {port}:\n{log.read_text(errors='replace')}")
            time.sleep(0.05)
        keys = tmp_path / "keys"
        keys.mkdir(mode=0o700)
        yield Server(port, authorized_keys, make_demo(tmp_path), keys, log, getpass.getuser())
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def login(tmp_path: Path, argv: list[str], term: str = "xterm-256color") -> Iterator[Tmux]:
    """`argv` (an ssh command) in its own private tmux server at 80x24, with TERM=`term`."""
    if not sshd_can_give_a_terminal():
        pytest.fail("sshd run by a user other than root cannot hand out a terminal (it must "
                    "give the pty to group tty, and aborts the session): run the SSH tests "
                    f"as root, as CI does, or add {getpass.getuser()} to group tty. "
                    "(Logins without a terminal work and are tested.)")
    session = Tmux(fresh_dir(tmp_path))
    try:
        session.start(80, 24, ["env", f"TERM={term}", *argv])
        yield session
    finally:
        session.kill()


def sshd_can_give_a_terminal() -> bool:
    if os.geteuid() == 0:
        return True
    try:
        return grp.getgrnam("tty").gr_gid in os.getgroups()
    except KeyError:
        return True


def fresh_dir(tmp_path: Path) -> Path:
    for n in range(1000):
        path = tmp_path / f"login-{n}"
        with contextlib.suppress(FileExistsError):
            path.mkdir()
            return path
    raise AssertionError("too many logins")


def last_author(archive: Path) -> str:
    return git(archive, "log", "-1", "--format=%an <%ae>").strip()


def edit_place(session: Tmux, who: str, suffix: str, lang: str = "en") -> str:
    """Open the first protocol, add `suffix` to its place, save; the screen after saving."""
    words = {"en": ("of 2 protocols", "Edit", "Editing", "Place", "not saved", "Saved in"),
             "sv": ("av 2 protokoll", "Redigera", "Redigerar", "Plats", "ej sparat",
                    "Sparat i")}[lang]
    listed, edit, editing, place, unsaved, saved = words
    session.wait_for(who, listed)
    session.keys("Enter")
    session.wait_for(FIRST, edit)
    session.type("e")
    session.wait_for(f"{editing} {FIRST}", f"{place:<15}{PLACE}")
    session.keys("Tab", "Tab", "Tab", "Tab", "End")
    session.type(suffix)
    line = next(line for line in session.wait_for(f"{suffix}  ", unsaved).splitlines()
                if suffix in line)
    assert line.startswith(f" {place:<15}{PLACE}"), line  # typed into the place, not elsewhere
    session.keys("C-s")
    return session.wait_for(saved)


def quit_and_wait(session: Tmux) -> int:
    session.keys("C-q")
    return session.wait_for_exit()


def brotui_processes(archive: Path) -> list[int]:
    """Running brotui processes on this archive (read from /proc; nothing is signalled)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(archive).encode() in argv and b"--restricted" in argv:
            found.append(int(entry.name))
    return found


# ----------------------------------------------------------------------------- tests


def test_each_key_saves_in_its_own_persons_name(server: Server, tmp_path: Path) -> None:
    """Two people, two keys: each edit is a commit by the key's person, whatever their
    name holds; the session ends when brotui quits."""
    alice = server.add(*ALICE, "alice")
    bo = server.add(*BO, "bo")
    listed = subprocess.run([str(brotui_script()), "--lang", "en", "ssh-key", "list",
                             "--authorized-keys", str(server.authorized_keys)],
                            capture_output=True, text=True, check=True).stdout
    assert ALICE[0] in listed and BO[0] in listed

    with login(tmp_path, server.ssh(alice), term="xterm") as session:
        screen = edit_place(session, f"{ALICE[0]} <{ALICE[1]}>", " (Alice)")
        assert "not saved" not in screen
        assert quit_and_wait(session) == 0  # quitting brotui ended the SSH session
    assert last_author(server.archive) == f"{ALICE[0]} <{ALICE[1]}>"

    # Bo's name is shown and saved exactly as given: no quote ended, nothing ran.
    with login(tmp_path, server.ssh(bo, "-o", "SetEnv=LANG=sv_SE.UTF-8"),
               term="screen") as session:
        edit_place(session, f"{BO[0]} <{BO[1]}>", " och Bo", lang="sv")
        assert quit_and_wait(session) == 0
    assert last_author(server.archive) == f"{BO[0]} <{BO[1]}>"
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)  # where the forced command starts
    assert not (home / "pwned").exists() and not list(tmp_path.rglob("pwned"))

    place = git(server.archive, "show", f"HEAD:protocols/{FIRST}.yaml")
    assert f"location: {PLACE} (Alice) och Bo" in place
    assert git(server.archive, "rev-list", "--count", "HEAD").strip() == "7"
    assert git(server.archive, "fsck", "--no-progress").strip() == ""


@pytest.mark.parametrize("command", ["sh", "cat /etc/passwd", "id; echo SHELL-RAN",
                                     f"--author '{MALLORY}'", "--repo / list"])
def test_a_key_runs_no_command(server: Server, command: str) -> None:
    """Whatever the client asks the server to run is never run (nor parsed as options):
    a short note, no shell output, no exit status 0."""
    alice = server.add(*ALICE, "alice")
    done = server.run(alice, command, stdin="echo SHELL-RAN; id; cat /etc/passwd\n")
    assert "SHELL-RAN" not in done.stdout + done.stderr
    assert "uid=" not in done.stdout and "root:" not in done.stdout
    assert "Mallory" not in done.stdout + done.stderr
    assert "Commands are not available here" in done.stderr
    assert done.returncode != 0
    assert done.stdout == ""


def test_no_terminal_no_command_is_told_to_use_one(server: Server) -> None:
    alice = server.add(*ALICE, "alice")
    done = server.run(alice, None, stdin="echo SHELL-RAN\n")
    assert "SHELL-RAN" not in done.stdout + done.stderr
    assert "brotui needs a terminal" in done.stderr
    assert done.returncode == 1


def test_no_other_identity_from_the_command_or_the_environment(
        server: Server, tmp_path: Path) -> None:
    """A remote command `--author Mallory`, and BROTUI_AUTHOR, GIT_AUTHOR_NAME, BROTUI_REPO
    and Textual's screenshot variables sent with SetEnv: the title and the commit still
    name the key's person, and no screenshot is written."""
    alice = server.add(*ALICE, "alice")
    shots = tmp_path / "shots"
    shots.mkdir()
    sent = (f'SetEnv=BROTUI_AUTHOR="{MALLORY}" GIT_AUTHOR_NAME=Mallory '
            f'GIT_COMMITTER_NAME=Mallory BROTUI_REPO=/ TEXTUAL_SCREENSHOT=1 '
            f'TEXTUAL_SCREENSHOT_LOCATION={shots} TEXTUAL_PRESS=ctrl+q')
    argv = [*server.ssh(alice, "-o", sent), "--", "--author", shlex.quote(MALLORY)]
    with login(tmp_path, argv) as session:
        screen = session.wait_for(f"{ALICE[0]} <{ALICE[1]}>", "of 2 protocols",
                                  "Commands are not available here")
        assert "Mallory" not in screen
        edit_place(session, f"{ALICE[0]} <{ALICE[1]}>", " (utan Mallory)")
        time.sleep(1.5)  # TEXTUAL_SCREENSHOT=1 would have saved a screenshot by now
        assert quit_and_wait(session) == 0
    author = git(server.archive, "log", "-1", "--format=%an <%ae>|%cn <%ce>").strip()
    assert "Mallory" not in author
    assert author.startswith(f"{ALICE[0]} <{ALICE[1]}>|")
    assert list(shots.iterdir()) == []


@pytest.mark.parametrize("term", ["xterm", "xterm-256color", "screen", "tmux"])
def test_reading_over_ssh_in_each_terminal_type(server: Server, tmp_path: Path,
                                                term: str) -> None:
    """80x24 in each TERM: the list, a protocol with its Swedish letters, back, quit."""
    alice = server.add(*ALICE, "alice")
    with login(tmp_path, server.ssh(alice), term=term) as session:
        session.wait_for(f"{ALICE[0]} <{ALICE[1]}>", "2 of 2 protocols")
        session.keys("Down", "Enter")
        session.wait_for("Martin Hämmerli    Kommunpolis", "Hägersten-Liljeholmens")
        session.keys("Escape")
        session.wait_for("2 of 2 protocols")
        assert quit_and_wait(session) == 0


def cut_mid_edit(server: Server, tmp_path: Path, key: Path, words: str) -> None:
    """Log in, type `words` into a field without saving, then cut the connection (the ssh
    client killed): brotui on the server must end too."""
    with login(tmp_path, server.ssh(key)) as session:
        session.wait_for("2 of 2 protocols")
        session.keys("Enter")
        session.wait_for(FIRST, "Edit")
        session.type("e")
        session.wait_for(f"Editing {FIRST}", f"{'Place':<15}{PLACE}")
        session.keys("Tab", "Tab", "Tab", "Tab", "End")
        session.type(words)
        session.wait_for(f"{PLACE}{words}", "not saved")
        assert brotui_processes(server.archive), "brotui is not running on the server"
        pid = int(session.pane("#{pane_pid}"))
        for child in children(pid):  # the ssh client under the pane's shell
            os.kill(child, 9)
        session.wait_for_exit()
    deadline = time.monotonic() + TIMEOUT
    while brotui_processes(server.archive):
        assert time.monotonic() < deadline, "brotui outlived its SSH connection"
        time.sleep(0.1)


def children(pid: int) -> list[int]:
    """The ssh processes started by the pane's shell (by their parent, from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                if ppid == pid and (entry / "comm").read_text().strip() == "ssh":
                    found.append(int(entry.name))
    return found


def test_a_cut_connection_ends_brotui_and_saves_nothing(server: Server,
                                                        tmp_path: Path) -> None:
    alice = server.add(*ALICE, "alice")
    before = git(server.archive, "rev-parse", "HEAD").strip()
    cut_mid_edit(server, tmp_path, alice, " (avbrutet)")
    assert git(server.archive, "rev-parse", "HEAD").strip() == before
    assert git(server.archive, "status", "--porcelain") == ""


def test_a_session_cut_mid_edit_finds_its_draft_on_the_next_login(
        server: Server, tmp_path: Path) -> None:
    """What was typed before the connection dropped (sshd hangs up: SIGHUP) is offered
    again at the next login, and saved in that person's name."""
    alice = server.add(*ALICE, "alice")
    words = " (utkast före avbrottet)"
    before = git(server.archive, "rev-parse", "HEAD").strip()
    cut_mid_edit(server, tmp_path, alice, words)
    assert git(server.archive, "rev-parse", "HEAD").strip() == before
    with login(tmp_path, server.ssh(alice)) as session:
        session.wait_for("2 of 2 protocols")
        session.keys("Enter")
        session.wait_for(FIRST, "Edit")
        session.type("e")
        session.wait_for(f"A draft exists for {FIRST}", timeout=10)
        session.type("r")
        session.wait_for(f"{PLACE}{words}", "not saved")
        session.keys("C-s")
        session.wait_for("Saved in")
        quit_and_wait(session)
    assert words in git(server.archive, "show", f"HEAD:protocols/{FIRST}.yaml")
    assert git(server.archive, "log", "-1", "--format=%an <%ae>").strip() == \
        f"{ALICE[0]} <{ALICE[1]}>"
