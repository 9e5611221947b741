"""One key, one person: the lines brotui writes into the service account's authorized_keys.

Each person's public key gets a line whose forced command starts brotui on the archive in
that person's name, in restricted mode:

    restrict,pty,command="/abs/brotui --repo /srv/brotui/archive --author 'Name <email>'
    --theme ansi --restricted" ssh-ed25519 AAAA... brotui:email

The identity reaches brotui through two layers of quoting: sshd's (inside `command="..."`
only `\\"` is an escape) and then the account's shell (`$SHELL -c COMMAND`), so the command is
shell-quoted with shlex and then each `"` is escaped for sshd. Control characters are refused
outright (a newline would start a new authorized_keys line), and every line written is parsed
back the way sshd and the shell will parse it before it is saved.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fcntl
import hashlib
import itertools
import os
import pwd
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from brotui.core.errors import BrotuiError
from brotui.core.identity import Identity, invisible_problem, parse_identity
from brotui.i18n import t

MARK = "brotui:"  # the comment that makes a line ours: `brotui:<email>`
OPTIONS = "restrict,pty"
THEME = "ansi"
KEY_TYPES = (
    "ssh-ed25519",
    "sk-ssh-ed25519@openssh.com",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-rsa",
)
MIN_RSA_BITS = 2048
MAX_KEY_FILE = 64 * 1024
# Characters that must never reach an authorized_keys line: C0 and C1 controls, DEL, and
# the Unicode line and paragraph separators.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
# Any key type sshd might find on a line (ours and others', e.g. DSA keys and certificates).
_ANY_TYPE = re.compile(r"(ssh-|ecdsa-|sk-)[A-Za-z0-9@.+-]+")


@dataclass(frozen=True)
class PublicKey:
    """An OpenSSH public key: its type and its base64 body (the comment is not kept)."""

    type: str
    body: str
    bits: int | None = None

    @property
    def fingerprint(self) -> str:
        """`SHA256:...`, as `ssh-keygen -l` prints it."""
        digest = hashlib.sha256(base64.b64decode(self.body)).digest()
        return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


@dataclass(frozen=True)
class Person:
    """One brotui line of authorized_keys: who the key is, and where it leads."""

    identity: Identity | None  # None: the line is ours but its command says no one clearly
    key: PublicKey
    repo: str | None
    line_number: int

    @property
    def name(self) -> str:
        return self.identity.name if self.identity else ""

    @property
    def email(self) -> str:
        return self.identity.email if self.identity else ""

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "email": self.email, "type": self.key.type,
                "bits": self.key.bits, "fingerprint": self.key.fingerprint,
                "repo": self.repo, "line": self.line_number}


# ---------------------------------------------------------------- the key file


def read_public_key(path: str | os.PathLike[str]) -> PublicKey:
    """The one public key in the file at `path`, checked; anything else is refused."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()[:MAX_KEY_FILE + 1]
    except OSError as exc:
        raise BrotuiError(t("err_read_file", path=where, reason=exc.strerror)) from None
    if len(raw) > MAX_KEY_FILE:
        raise BrotuiError(t("ssh_key_too_big", path=where))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BrotuiError(t("ssh_key_not_text", path=where)) from None
    if "PRIVATE KEY" in text or text.lstrip().startswith(("-----BEGIN", "PuTTY-User-Key-File")):
        raise BrotuiError(t("ssh_key_private", path=where))
    if text.lstrip().startswith("---- BEGIN SSH2 PUBLIC KEY ----"):
        text = _from_rfc4716(path)  # as PuTTYgen saves a public key
    lines = [line.strip() for line in text.splitlines()]
    keys = [line for line in lines if line and not line.startswith("#")]
    if not keys:
        raise BrotuiError(t("ssh_key_none", path=where))
    if len(keys) > 1:
        raise BrotuiError(t("ssh_key_many", path=where, count=len(keys)))
    key = parse_key(keys[0], where)
    return _checked_by_ssh_keygen(key, where)


def parse_key(line: str, where: str) -> PublicKey:
    """`TYPE BASE64 [COMMENT]` as a PublicKey; options, unknown types and bad bodies refused."""
    fields = line.split(None, 2)
    kind = fields[0]
    if kind not in KEY_TYPES:
        if kind.startswith("-----"):
            raise BrotuiError(t("ssh_key_private", path=where))
        if "=" in kind or "," in kind or kind in ("restrict", "no-pty", "cert-authority"):
            raise BrotuiError(t("ssh_key_options", path=where))
        if kind in ("ssh-dss",) or kind.endswith("-cert-v01@openssh.com"):
            raise BrotuiError(t("ssh_key_type", path=where, type=kind[:40],
                                types=", ".join(KEY_TYPES)))
        raise BrotuiError(t("ssh_key_type", path=where, type=_short(kind),
                            types=", ".join(KEY_TYPES)))
    if len(fields) < 2 or not _BASE64.fullmatch(fields[1]):
        raise BrotuiError(t("ssh_key_body", path=where))
    try:
        blob = base64.b64decode(fields[1], validate=True)
    except (binascii.Error, ValueError):
        raise BrotuiError(t("ssh_key_body", path=where)) from None
    if _blob_type(blob) != kind:
        raise BrotuiError(t("ssh_key_body", path=where))
    return PublicKey(kind, fields[1])


def _blob_type(blob: bytes) -> str | None:
    """The key type written at the start of an OpenSSH key blob."""
    if len(blob) < 4:
        return None
    (length,) = struct.unpack(">I", blob[:4])
    if length > 64 or len(blob) < 4 + length:
        return None
    return blob[4:4 + length].decode("ascii", "replace")


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise BrotuiError(t("ssh_keygen_missing"))
    return found


def _from_rfc4716(path: str | os.PathLike[str]) -> str:
    proc = subprocess.run([ssh_keygen(), "-i", "-m", "RFC4716", "-f", str(path)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    if proc.returncode != 0:
        raise BrotuiError(t("ssh_key_unreadable", path=str(path),
                            detail=proc.stderr.strip()[:200]))
    return proc.stdout


def _checked_by_ssh_keygen(key: PublicKey, where: str) -> PublicKey:
    """Let OpenSSH itself read the key: its size, and the same fingerprint as ours."""
    with tempfile.NamedTemporaryFile("w", suffix=".pub", encoding="ascii") as tmp:
        tmp.write(f"{key.type} {key.body}\n")
        tmp.flush()
        proc = subprocess.run([ssh_keygen(), "-l", "-E", "sha256", "-f", tmp.name],
                              capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              check=False)
    fields = proc.stdout.split()
    if proc.returncode != 0 or len(fields) < 2 or not fields[0].isdigit():
        raise BrotuiError(t("ssh_key_unreadable", path=where,
                            detail=(proc.stderr or proc.stdout).strip()[:200]))
    if fields[1] != key.fingerprint:
        raise BrotuiError(t("ssh_key_body", path=where))
    bits = int(fields[0])
    if key.type == "ssh-rsa" and bits < MIN_RSA_BITS:
        raise BrotuiError(t("ssh_key_weak", path=where, bits=bits, minimum=MIN_RSA_BITS))
    return PublicKey(key.type, key.body, bits)


# ------------------------------------------------------------- the forced command


def brotui_command() -> list[str]:
    """How sshd should start this very brotui: an absolute path, never a PATH lookup."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "brotui" and script.is_file():
        return [str(script.absolute())]
    return [sys.executable, "-m", "brotui.cli"]  # the same installation, however started


def checked_identity(name: str, email: str) -> Identity:
    """A person's identity for a key; refused if it could not be written safely or read back."""
    name, email = name.strip(), email.strip()
    for value in (name, email):
        if _FORBIDDEN.search(value):
            raise BrotuiError(t("ssh_bad_char", value=value.encode("unicode_escape").decode()))
    for value, source in ((name, "--name"), (email, "--email")):
        problem = invisible_problem(value, source)
        if problem is not None:
            raise BrotuiError(problem)
    identity = parse_identity(f"{name} <{email}>")
    if identity is None or identity.name != name or identity.email != email:
        raise BrotuiError(t("err_bad_identity", value=f"{name} <{email}>",
                            source="--name/--email"))
    return identity


def forced_command(program: Sequence[str], repo: str, identity: Identity,
                   theme: str = THEME, lang: str | None = None) -> list[str]:
    """The argv sshd is to run for this person (before any quoting)."""
    return [*program, "--repo", repo, "--author", str(identity), "--theme", theme,
            *(["--lang", lang] if lang else []), "--restricted"]


def authorized_line(argv: Sequence[str], key: PublicKey, identity: Identity) -> str:
    """The authorized_keys line: options with the quoted command, the key, our mark."""
    for value in argv:
        if _FORBIDDEN.search(value):
            raise BrotuiError(t("ssh_bad_char", value=value.encode("unicode_escape").decode()))
    command = shlex.join(argv).replace('"', '\\"')
    line = f'{OPTIONS},command="{command}" {key.type} {key.body} {MARK}{identity.email}'
    # Read it back as sshd and the shell will: anything but the same argv is refused.
    parsed = split_line(line)
    if parsed is None or option_value(parsed[0], "command") is None \
            or shlex.split(option_value(parsed[0], "command") or "") != list(argv):
        raise BrotuiError(t("ssh_bad_char", value=str(identity)))
    return line


# ------------------------------------------------------- reading authorized_keys


def split_line(line: str) -> tuple[str, str, str, str] | None:
    """(options, type, body, comment) of an authorized_keys line, as sshd reads it;
    None for blank lines, comments and lines sshd would not take."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    options = ""
    if not _ANY_TYPE.fullmatch(text.split(None, 1)[0]):
        # Options run to the first blank outside double quotes; \" is skipped whole
        # (sshkey_advance_past_options in OpenSSH).
        i, quoted = 0, False
        while i < len(text) and (quoted or text[i] not in " \t"):
            if text[i] == "\\" and text[i + 1:i + 2] == '"':
                i += 2
                continue
            if text[i] == '"':
                quoted = not quoted
            i += 1
        if quoted:
            return None
        options, text = text[:i], text[i:].lstrip()
    fields = text.split(None, 2)
    if len(fields) < 2 or not _ANY_TYPE.fullmatch(fields[0]):
        return None
    return options, fields[0], fields[1], fields[2] if len(fields) > 2 else ""


def option_value(options: str, name: str) -> str | None:
    """The value of `name="..."` among `options`, unescaped as sshd does (only \\")."""
    i = 0
    while i < len(options):
        if options.startswith(f'{name}="', i) and (i == 0 or options[i - 1] == ","):
            j = i + len(name) + 2
            value = []
            while j < len(options) and options[j] != '"':
                if options[j] == "\\" and options[j + 1:j + 2] == '"':
                    j += 1
                value.append(options[j])
                j += 1
            return "".join(value)
        # skip to the next option, past any quoted part
        quoted = False
        while i < len(options) and (quoted or options[i] != ","):
            if options[i] == "\\" and quoted and options[i + 1:i + 2] == '"':
                i += 2
                continue
            if options[i] == '"':
                quoted = not quoted
            i += 1
        i += 1
    return None


def person_of(line: str, number: int) -> Person | None:
    """The brotui line's person, or None if the line is not one of ours."""
    parts = split_line(line)
    if parts is None or not parts[3].startswith(MARK):
        return None
    options, kind, body, _comment = parts
    identity = repo = None
    command = option_value(options, "command")
    try:
        argv = shlex.split(command) if command is not None else []
    except ValueError:
        argv = []
    for flag, value in itertools.pairwise(argv):
        if flag == "--author":
            identity = parse_identity(value)
        elif flag == "--repo":
            repo = value
    return Person(identity, PublicKey(kind, body), repo, number)


def default_authorized_keys() -> Path:
    """The service account's own file: ~/.ssh/authorized_keys of whoever runs the helper.
    Home is $HOME if it belongs to that user, else the account's home from the password
    database (`sudo -u brotui` may keep the administrator's $HOME)."""
    home = os.environ.get("HOME")
    try:
        if home and Path(home).stat().st_uid == os.geteuid():
            return Path(home) / ".ssh" / "authorized_keys"
    except OSError:
        pass
    return Path(pwd.getpwuid(os.geteuid()).pw_dir) / ".ssh" / "authorized_keys"


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="surrogateescape").splitlines(
            keepends=True)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise BrotuiError(t("err_read_file", path=str(path), reason=exc.strerror)) from None


def list_people(path: Path) -> list[Person]:
    """Every brotui line of the file, in order."""
    found = (person_of(line, n) for n, line in enumerate(_lines(path), 1))
    return [p for p in found if p is not None]


# ------------------------------------------------------------------- writing


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One helper at a time on this file: a lock on its folder (the file is replaced)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _replace(path: Path, lines: list[str]) -> None:
    """Write the file anew (temporary file, fsync, rename): mode 600, same owner as before."""
    owner = None
    try:
        st = path.stat()
        owner = (st.st_uid, st.st_gid)
    except FileNotFoundError:
        st = path.parent.stat()
        owner = (st.st_uid, st.st_gid)
    fd, tmp = tempfile.mkstemp(prefix=".authorized_keys.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write("".join(lines))
            f.flush()
            os.fchmod(f.fileno(), 0o600)
            if os.geteuid() == 0 and owner is not None:
                os.fchown(f.fileno(), *owner)  # root writes it for the service account
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _target(path: Path) -> Path:
    """The file itself if `path` is a symbolic link (the link is kept)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def add_person(path: Path, identity: Identity, key: PublicKey, repo: str,
               program: Sequence[str] | None = None, lang: str | None = None) -> Person:
    """Add the person's key line; refused if the key is in the file already (sshd would
    use the first line with it, whatever follows). `lang` fixes the TUI's language (else
    it follows the LANG their ssh sends)."""
    path = _target(path)
    argv = forced_command(program or brotui_command(), repo, identity, lang=lang)
    line = authorized_line(argv, key, identity)
    with _locked(path):
        lines = _lines(path)
        for number, existing in enumerate(lines, 1):
            parts = split_line(existing)
            if parts is not None and parts[2] == key.body:
                other = person_of(existing, number)
                who = other.name if other and other.identity else t("ssh_not_brotui")
                raise BrotuiError(t("ssh_key_taken", path=str(path), line=number, who=who))
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(line + "\n")
        _replace(path, lines)
    return Person(identity, key, repo, len(lines))


def remove_people(path: Path, name: str | None = None, email: str | None = None,
                  fingerprint: str | None = None) -> list[Person]:
    """Take out every brotui line that matches all the criteria given; the people removed.
    Other lines stay exactly as they were."""
    path = _target(path)
    if fingerprint is not None and not fingerprint.startswith("SHA256:"):
        fingerprint = "SHA256:" + fingerprint
    with _locked(path):
        lines = _lines(path)
        kept, removed = [], []
        for number, line in enumerate(lines, 1):
            person = person_of(line, number)
            if person is not None and _matches(person, name, email, fingerprint):
                removed.append(person)
            else:
                kept.append(line)
        if removed:
            _replace(path, kept)
    return removed


def _matches(person: Person, name: str | None, email: str | None,
             fingerprint: str | None) -> bool:
    return ((name is None or person.name.casefold() == name.strip().casefold())
            and (email is None or person.email.casefold() == email.strip().casefold())
            and (fingerprint is None or person.key.fingerprint == fingerprint))
