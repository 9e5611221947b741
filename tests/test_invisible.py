"""Characters that print as nothing or reorder the line (U+200B, U+202E, U+2066, the soft
hyphen, the byte order mark, ...): a name holding one can look exactly like a real
person's. The command line shows them written out (`\\u202e`), as it shows control
characters, and refuses them in a name: --author, BROTUI_AUTHOR, ssh-key add."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.text import INVISIBLE_RE, visible
from tests.conftest import SEED_ID, Result, git

# The name a forger gives: "Clas Cederlid" with a right-to-left override reversing "dilred"
# and a zero-width space; on a terminal it reads as Clas Cederlid.
FORGED = Identity("Clas Ce\u202edilred\u202c\u200b", "clas.cederlid@stockholm.se")
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
              "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad",
              "\u2028", "\u2029", "\u2060", "\U000e0041", "\u3164"]
RAW = tuple(c.encode() for c in INVISIBLES)


def no_raw_invisibles(data: bytes) -> None:
    for raw in RAW:
        assert raw not in data, (raw, data[:2000])


@pytest.fixture
def forged(repo: Path) -> Path:
    """The seed minutes changed by FORGED: an attendee renamed the same way, a text with
    an isolate in it, and a commit whose message says so in its own words."""
    archive = Archive(repo)
    protocol = archive.load(SEED_ID)
    protocol.attendees[1].name = "Martin H\u00e4\u200bmmerli"
    protocol.items[0].text = (protocol.items[0].text or "") + "\nSe \u2067bilaga\u2069 1.\n"
    ops.save(archive, SEED_ID, protocol, FORGED)
    return repo


def test_every_format_and_separator_character_is_written_out() -> None:
    """The one list (core.text) holds every Cf, Zl and Zp character of this Python's
    Unicode, so visible() leaves none of them raw."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) in ("Cf", "Zl", "Zp"):
            assert INVISIBLE_RE.fullmatch(char), f"U+{code:04X}"
            assert char not in visible(f"a{char}b")
    assert visible("a\u202eb\u00adc\U000e0041") == "a\\u202eb\\xadc\\U000e0041"
    assert visible("Hägersten–Liljeholmen · ”x” é\tz\n") == "Hägersten–Liljeholmen · ”x” é\tz\n"


def test_log_show_and_blame_write_them_out(cli: Callable[..., Result], forged: Path) -> None:
    """The author, the attendee's name and the text, in tables, minutes and JSON: every
    invisible character shown as an escape, none raw; JSON still reads back the same."""
    table = cli("--repo", str(forged), "log", SEED_ID)
    assert table.code == 0, table.err
    assert "Clas Ce\\u202edilred\\u202c\\u200b" in table.out
    shown = cli("--repo", str(forged), "show", SEED_ID)
    assert "Martin Hä\\u200bmmerli" in shown.out and "Se \\u2067bilaga\\u2069 1." in shown.out
    blame = cli("--repo", str(forged), "blame", SEED_ID)
    assert "Clas Ce\\u202edilred" in blame.out
    for result in (table, shown, blame):
        no_raw_invisibles(result.out.encode())

    as_json = cli("--repo", str(forged), "log", SEED_ID, "--format", "json")
    assert as_json.code == 0, as_json.err
    no_raw_invisibles(as_json.out.encode())
    assert "\\u202e" in as_json.out
    authors = [c.get("author") for c in json.loads(as_json.out)]
    assert str(FORGED) in authors or FORGED.name in authors  # the same characters, read back
    activity = cli("--repo", str(forged), "log")
    assert "Clas Ce\\u202edilred" in activity.out
    no_raw_invisibles(activity.out.encode())


def test_the_yaml_for_scripts_keeps_them_as_they_are(cli: Callable[..., Result],
                                                     forged: Path) -> None:
    """`show --format yaml` into a pipe is the file itself (the characters are data)."""
    shown = cli("--repo", str(forged), "show", SEED_ID, "--format", "yaml")
    assert shown.out == git(forged, "show", f"HEAD:protocols/{SEED_ID}.yaml")
    assert codec.load(shown.out).protocol.attendees[1].name == "Martin H\u00e4\u200bmmerli"  # type: ignore[union-attr]


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2066", "\ufeff", "\u00ad", "\u2028"])
def test_a_name_with_one_is_refused_with_a_sentence(cli: Callable[..., Result], repo: Path,
                                                    char: str, seed_bytes: bytes) -> None:
    """--author and BROTUI_AUTHOR: refused before anything is written, saying which
    character and why; in Swedish too."""
    before = git(repo, "rev-parse", "HEAD")
    edited = seed_bytes.replace(b"role: Kommunpolis", b"role: Polis")
    name = f"Clas Ceder{char}lid <clas.cederlid@stockholm.se>"
    for args, env in ((("--author", name), {}), ((), {"BROTUI_AUTHOR": name})):
        done = cli("--repo", str(repo), *args, "put", SEED_ID, input=edited, env=env)
        assert done.code == 1, done
        assert "invisible or control character" in done.err
        assert visible(char) in done.err and "someone else's" in done.err
        no_raw_invisibles(done.err.encode())
    sv = cli("--repo", str(repo), "--lang", "sv", "--author", name, "put", SEED_ID,
             input=edited)
    assert sv.code == 1 and "osynligt tecken" in sv.err and "någon annans" in sv.err
    assert git(repo, "rev-parse", "HEAD") == before


def test_a_git_identity_with_one_is_refused_with_a_sentence(cli: Callable[..., Result],
                                                           repo: Path) -> None:
    git(repo, "config", "user.name", "Clas Ceder\u200blid")
    git(repo, "config", "user.email", "clas.cederlid@stockholm.se")
    before = git(repo, "rev-parse", "HEAD")
    done = cli("--repo", str(repo), "rm", SEED_ID)
    assert done.code == 1, done
    assert "git config user.name" in done.err and "\\u200b" in done.err
    assert git(repo, "rev-parse", "HEAD") == before


def test_ssh_key_add_refuses_such_a_name(cli: Callable[..., Result], repo: Path,
                                         tmp_path: Path) -> None:
    """No key line is written for a name (or address) holding one."""
    import shutil
    import subprocess

    if shutil.which("ssh-keygen") is None:
        pytest.fail("ssh-keygen is missing (CI installs openssh-client in .ci/run)")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "k")],
                   check=True, capture_output=True)
    path = tmp_path / "authorized_keys"
    for name, email in (("Clas Ce\u202edilred", "clas@example.org"),
                        ("Clas Cederlid", "clas\u200b@example.org")):
        done = cli("--repo", str(repo), "ssh-key", "add", "--name", name, "--email", email,
                   "--authorized-keys", str(path), str(tmp_path / "k.pub"))
        assert done.code == 1, done
        assert "invisible or control character" in done.err
        no_raw_invisibles(done.err.encode())
    assert not path.exists() or path.read_text() == ""
