"""`brotui ssh-key`: the authorized_keys lines that bind a key to a person.

The lines are read back the way sshd reads them (only \\" is an escape inside
command="...") and then run by a real shell, as sshd does with `$SHELL -c`: a name must
reach brotui exactly as given, whatever it holds. (tests/e2e/test_ssh.py does the same
through a real sshd.)"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from brotui.core import sshkeys
from brotui.core.errors import BrotuiError
from tests.conftest import Result

NASTY_NAMES = [
    "Åsa Öberg",
    "Bo O'Brien",
    'Bo "Bosse" Berg',
    "Back\\slash",
    'Ends with backslash quote \\"x',
    "Dollar $HOME $(touch pwned) ${IFS}",
    "Back `touch pwned` tick",
    "Semi; touch pwned & more | pipe",
    "Hash #not-a-comment, comma, * glob ~ tilde ! bang",
    "Percent %s {braces} [brackets] =equals",
    "Bo 'single' \"double\" \\'\\\" mix",
]
SHOW_ARGV = [sys.executable, "-c", "import json, sys; print(json.dumps(sys.argv[1:]))"]


@pytest.fixture
def keys(tmp_path: Path) -> Callable[..., Path]:
    """A fresh key pair made by ssh-keygen; returns the public key's path."""
    if shutil.which("ssh-keygen") is None:
        pytest.fail("ssh-keygen is missing (CI installs openssh-client in .ci/run)")
    folder = tmp_path / "keys"
    folder.mkdir()

    def make(name: str = "id", kind: str = "ed25519", bits: int | None = None) -> Path:
        private = folder / name
        subprocess.run(["ssh-keygen", "-q", "-t", kind, *(["-b", str(bits)] if bits else []),
                        "-N", "", "-C", f"{name}@laptop", "-f", str(private)],
                       check=True, capture_output=True)
        return folder / f"{name}.pub"

    return make


def run_forced_command(line: str, shell: str) -> list[str]:
    """What `shell` runs for this authorized_keys line, read as sshd reads it."""
    parts = sshkeys.split_line(line)
    assert parts is not None
    command = sshkeys.option_value(parts[0], "command")
    assert command is not None
    done = subprocess.run([shell, "-c", command], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", NASTY_NAMES)
def test_a_name_reaches_brotui_exactly_through_sshd_and_the_shell(
        name: str, keys: Callable[..., Path], tmp_path: Path) -> None:
    key = sshkeys.read_public_key(keys())
    identity = sshkeys.checked_identity(name, "x@example.org")
    path = tmp_path / "authorized_keys"
    sshkeys.add_person(path, identity, key, "/srv/brotui/archive", program=SHOW_ARGV)
    (line,) = path.read_text(encoding="utf-8").splitlines()
    assert line.startswith('restrict,pty,command="')
    assert line.endswith(f"{key.type} {key.body} brotui:x@example.org")
    for shell in ("/bin/sh", shutil.which("bash") or "/bin/sh"):
        argv = run_forced_command(line, shell)
        assert argv == ["--repo", "/srv/brotui/archive", "--author", f"{name} <x@example.org>",
                        "--theme", "ansi", "--restricted"]
    assert not list(tmp_path.rglob("pwned")) and not Path("pwned").exists()
    (person,) = sshkeys.list_people(path)
    assert (person.name, person.email) == (name, "x@example.org")


@pytest.mark.parametrize("char", ["\n", "\r", "\x00", "\x1b", "\t", "\x85", "\u2028", "\x7f"])
def test_control_characters_are_refused(char: str) -> None:
    with pytest.raises(BrotuiError, match="control characters"):
        sshkeys.checked_identity(f"Ada{char}Lovelace", "x@example.org")
    with pytest.raises(BrotuiError, match="control characters"):
        sshkeys.checked_identity("Name", f"x{char}y@example.org")


@pytest.mark.parametrize(("name", "email"), [("", "x@example.org"), ("A <b>", "x@example.org"),
                                             ("Name", "not-an-email"), ("Name", "a b@c.d")])
def test_a_malformed_identity_is_refused(name: str, email: str) -> None:
    with pytest.raises(BrotuiError, match="should look like"):
        sshkeys.checked_identity(name, email)


def test_the_key_is_read_by_ssh_keygen_and_fingerprinted_the_same(
        keys: Callable[..., Path]) -> None:
    for kind in ("ed25519", "ecdsa", "rsa"):
        public = keys(kind, kind, 3072 if kind == "rsa" else None)
        key = sshkeys.read_public_key(public)
        printed = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", str(public)],
                                 capture_output=True, text=True, check=True).stdout.split()
        assert key.fingerprint == printed[1]
        assert key.bits == int(printed[0])
        assert key.type == public.read_text().split()[0]


def test_keys_that_are_not_one_good_public_key_are_refused(
        keys: Callable[..., Path], tmp_path: Path) -> None:
    good = keys("good")
    line = good.read_text()
    kind, body = line.split()[:2]
    cases = {
        "private": (good.with_suffix(""), "private key"),
        "two.pub": (line + keys("other").read_text(), "holds 2 keys"),
        "options.pub": ('command="/bin/sh" ' + line, "options"),
        "restrict.pub": ("restrict " + line, "options"),
        "empty.pub": ("# just a comment\n\n", "no SSH public key"),
        "dss.pub": ("ssh-dss " + body + "\n", "ssh-dss"),
        "cert.pub": ("ssh-ed25519-cert-v01@openssh.com " + body + "\n", "not accepted"),
        "garbage.pub": ("hello world\n", "not accepted"),
        "badbase64.pub": (f"{kind} AAAA!!!!\n", "damaged"),
        "mismatch.pub": (f"ecdsa-sha2-nistp256 {body}\n", "damaged"),
        "truncated.pub": (f"{kind} {body[:-12]}\n", "ssh-keygen cannot read|damaged"),
        "binary.pub": (b"\xff\xfe\x00binary", "not a text file"),
        "huge.pub": ("#" * 70_000, "too large"),
    }
    for name, (content, message) in cases.items():
        if isinstance(content, Path):
            path = content
        else:
            path = tmp_path / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        with pytest.raises(BrotuiError, match=message):
            sshkeys.read_public_key(path)


def test_a_short_rsa_key_is_refused(keys: Callable[..., Path]) -> None:
    with pytest.raises(BrotuiError, match="1024 bits; at least 2048"):
        sshkeys.read_public_key(keys("weak", "rsa", 1024))


def test_a_putty_public_key_is_taken(keys: Callable[..., Path], tmp_path: Path) -> None:
    """PuTTYgen saves public keys in RFC 4716 form; ssh-keygen -i reads them."""
    public = keys()
    rfc = subprocess.run(["ssh-keygen", "-e", "-f", str(public)], capture_output=True,
                         text=True, check=True).stdout
    assert rfc.startswith("---- BEGIN SSH2 PUBLIC KEY ----")
    (tmp_path / "putty.pub").write_text(rfc, encoding="utf-8")
    assert sshkeys.read_public_key(tmp_path / "putty.pub") == sshkeys.read_public_key(public)


OTHER_LINES = ("# the administrator's own key, with a shell\n"
               "\n"
               'from="10.0.0.0/8",no-agent-forwarding ssh-ed25519 '
               "AAAAC3NzaC1lZDI1NTE5AAAAIGx4oJ1kq5s0Y1p8Y6Z9t7bX3lQw8WgX1b7b1aNqvC6e admin\n"
               "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 no newline at the end")


def test_other_lines_are_kept_byte_for_byte_and_the_file_is_private(
        keys: Callable[..., Path], tmp_path: Path) -> None:
    path = tmp_path / "ssh" / "authorized_keys"
    path.parent.mkdir()
    path.write_text(OTHER_LINES, encoding="utf-8")
    path.chmod(0o644)
    alice = sshkeys.read_public_key(keys("alice"))
    bob = sshkeys.read_public_key(keys("bob"))
    sshkeys.add_person(path, sshkeys.checked_identity("Alice", "alice@example.org"), alice,
                       "/srv/a")
    sshkeys.add_person(path, sshkeys.checked_identity("Bob", "bob@example.org"), bob, "/srv/a")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(OTHER_LINES + "\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in sshkeys.list_people(path)] == ["Alice", "Bob"]
    assert not [f for f in path.parent.iterdir() if f.name != "authorized_keys"]  # no temp left

    removed = sshkeys.remove_people(path, email="ALICE@example.org")
    assert [p.name for p in removed] == ["Alice"]
    assert path.read_text(encoding="utf-8") == text.replace(
        next(line for line in text.splitlines(keepends=True) if "brotui:alice" in line), "")
    assert sshkeys.remove_people(path, name="Nobody") == []
    removed = sshkeys.remove_people(path, fingerprint=bob.fingerprint.removeprefix("SHA256:"))
    assert [p.name for p in removed] == ["Bob"]
    assert path.read_text(encoding="utf-8") == OTHER_LINES + "\n"


def test_a_key_already_in_the_file_is_refused(keys: Callable[..., Path],
                                              tmp_path: Path) -> None:
    """sshd takes the first line with a key: a second line would never apply, and a key
    that already has a shell line must not look as if it were restricted."""
    public = keys()
    key = sshkeys.read_public_key(public)
    path = tmp_path / "authorized_keys"
    path.write_text(public.read_text(), encoding="utf-8")  # a plain line: a full shell
    with pytest.raises(BrotuiError, match=r"line 1, a line that is not brotui's"):
        sshkeys.add_person(path, sshkeys.checked_identity("A", "a@example.org"), key, "/srv")
    path.write_text("")
    sshkeys.add_person(path, sshkeys.checked_identity("A", "a@example.org"), key, "/srv")
    with pytest.raises(BrotuiError, match=r"line 1, A\)"):
        sshkeys.add_person(path, sshkeys.checked_identity("B", "b@example.org"), key, "/srv")


def test_the_command_names_this_brotui_by_its_absolute_path() -> None:
    """The console script's own path when run as `brotui` (sshd's PATH is not the
    user's), else this Python running brotui.cli."""
    program = sshkeys.brotui_command()
    assert Path(program[0]).is_absolute()
    done = subprocess.run([*program, "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "ssh-key" in done.stdout
    script = Path(sys.executable).parent / "brotui"
    code = ("import sys; sys.argv[0] = sys.argv[1]; from brotui.core.sshkeys import "
            "brotui_command; print(brotui_command())")
    printed = subprocess.run([sys.executable, "-c", code, str(script)], capture_output=True,
                             text=True, check=True).stdout
    assert printed.strip() == repr([str(script)])


# --------------------------------------------------------------------- the command line


def test_add_list_remove_on_the_command_line(cli: Callable[..., Result], repo: Path,
                                             keys: Callable[..., Path], tmp_path: Path) -> None:
    path = tmp_path / "authorized_keys"
    public = keys("alice")
    added = cli("--repo", str(repo), "ssh-key", "add", "--name", "Alice Andersson",
                "--email", "alice@example.org", "--authorized-keys", str(path), str(public))
    assert added.code == 0, added.err
    key = sshkeys.read_public_key(public)
    assert "Alice Andersson <alice@example.org>" in added.out and key.fingerprint in added.out
    (line,) = path.read_text().splitlines()
    command = shlex.split(sshkeys.option_value(sshkeys.split_line(line)[0], "command") or "")
    assert Path(command[0]).is_absolute()
    assert command[command.index("--repo") + 1] == str(repo)

    listed = cli("ssh-key", "list", "--authorized-keys", str(path))
    assert listed.code == 0
    assert listed.out.split("\n")[1].split() == ["Alice", "Andersson", "alice@example.org",
                                                 "ssh-ed25519", key.fingerprint]
    as_json = json.loads(cli("ssh-key", "list", "--authorized-keys", str(path),
                             "--format", "json").out)
    assert as_json[0]["repo"] == str(repo) and as_json[0]["fingerprint"] == key.fingerprint

    again = cli("--repo", str(repo), "ssh-key", "add", "--name", "Eve", "--email",
                "eve@example.org", "--authorized-keys", str(path), str(public))
    assert again.code == 1 and "already in" in again.err

    assert cli("ssh-key", "remove", "--authorized-keys", str(path)).code == 2
    missing = cli("ssh-key", "remove", "--name", "Eve", "--authorized-keys", str(path))
    assert missing.code == 1 and "nothing was removed" in missing.err
    removed = cli("ssh-key", "remove", "--name", "alice andersson", "--authorized-keys",
                  str(path))
    assert removed.code == 0 and "Removed: Alice Andersson" in removed.out
    assert path.read_text() == ""
    assert "No brotui key" in cli("ssh-key", "list", "--authorized-keys", str(path)).out


def test_add_refuses_a_folder_that_is_not_an_archive(cli: Callable[..., Result],
                                                     keys: Callable[..., Path],
                                                     tmp_path: Path) -> None:
    done = cli("--repo", str(tmp_path), "ssh-key", "add", "--name", "A", "--email",
               "a@example.org", "--authorized-keys", str(tmp_path / "ak"), str(keys()))
    assert done.code == 1 and "not a git archive" in done.err
    assert not (tmp_path / "ak").exists()


def test_the_default_file_is_the_accounts_own(cli: Callable[..., Result], repo: Path,
                                              keys: Callable[..., Path]) -> None:
    """Run as the service account, the helper writes ~/.ssh/authorized_keys (made 700/600)."""
    done = cli("--repo", str(repo), "ssh-key", "add", "--name", "A", "--email",
               "a@example.org", str(keys()))
    assert done.code == 0, done.err
    path = Path(os.environ["HOME"]) / ".ssh" / "authorized_keys"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "brotui:a@example.org" in path.read_text()


# --------------------------------------------------------------------- restricted mode


def test_restricted_mode_runs_no_command(cli: Callable[..., Result], repo: Path) -> None:
    for args in (["--restricted", "--repo", str(repo), "list"],
                 ["--repo", str(repo), "--restricted", "init", str(repo / "x")],
                 ["--restricted", "--repo", str(repo), "ssh-key", "list"]):
        done = cli(*args)
        assert done.code == 2, args
        assert "only brotui's terminal UI" in done.err
        assert done.out == ""
    assert not (repo / "x").exists()


def test_a_forced_command_is_restricted_by_itself(cli: Callable[..., Result],
                                                  repo: Path) -> None:
    """SSH_ORIGINAL_COMMAND (sshd sets it when a client asks for a command under a forced
    one) turns restricted mode on: even `list` in the forced command is refused, and what
    the client asked for is neither run nor parsed."""
    done = cli("--repo", str(repo), "list",
               env={"SSH_ORIGINAL_COMMAND": "--author 'Eve <eve@example.org>' sh"})
    assert done.code == 2 and done.out == ""
    done = cli("--repo", str(repo), env={"SSH_ORIGINAL_COMMAND": "cat /etc/passwd"})
    assert done.code == 1
    assert "Commands are not available here" in done.err
    assert "needs a terminal" in done.err
    assert "root:" not in done.out + done.err


def test_restricted_mode_needs_the_archive_named(cli: Callable[..., Result],
                                                 repo: Path) -> None:
    """BROTUI_REPO (which a client could send) does not count: only --repo."""
    done = cli("--restricted", env={"BROTUI_REPO": str(repo)}, cwd=repo)
    assert done.code == 2 and "--repo" in done.err


def test_the_default_file_is_the_effective_users_even_under_sudo(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sudo -u brotui` may keep the administrator's $HOME: then the account's own home
    (from the password database) is used, never the administrator's."""
    import pwd

    own = tmp_path / "own"
    own.mkdir()
    monkeypatch.setenv("HOME", str(own))
    assert sshkeys.default_authorized_keys() == own / ".ssh" / "authorized_keys"
    other = tmp_path / "other"
    other.mkdir()
    if os.geteuid() == 0:
        os.chown(other, 65534, 65534)
    else:
        other = Path("/")  # root's
    monkeypatch.setenv("HOME", str(other))
    expected = Path(pwd.getpwuid(os.geteuid()).pw_dir) / ".ssh" / "authorized_keys"
    assert sshkeys.default_authorized_keys() == expected


def test_a_persons_language_can_be_fixed(cli: Callable[..., Result], repo: Path,
                                         keys: Callable[..., Path], tmp_path: Path) -> None:
    path = tmp_path / "authorized_keys"
    done = cli("--repo", str(repo), "ssh-key", "add", "--name", "Åsa", "--email",
               "asa@example.org", "--ui-lang", "sv", "--authorized-keys", str(path),
               str(keys()))
    assert done.code == 0, done.err
    command = sshkeys.option_value(sshkeys.split_line(path.read_text())[0], "command") or ""
    assert shlex.split(command)[-3:] == ["--lang", "sv", "--restricted"]
