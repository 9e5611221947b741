"""A client that sends a Latin-1 locale (LC_ALL, which sshd accepts): brotui still reads
and writes UTF-8, from the command line and in the TUI, and a name given in UTF-8 is
saved as that name. The real console script, with a real Latin-1 locale built for the
test (localedef into a private folder, found through LOCPATH)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import git
from tests.e2e.test_tmux import Tmux, brotui_script, make_demo

LATIN1 = "sv_SE.ISO-8859-1"
SEED = "hagersten-liljeholmen/2020-02-20"
ASA = "Åsa Öberg <asa@example.org>"


@pytest.fixture(scope="module")
def latin1_locale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of a session whose client sent LC_ALL=sv_SE.ISO-8859-1."""
    localedef = shutil.which("localedef")
    if not localedef or not Path("/usr/share/i18n/locales/sv_SE").is_file():
        pytest.fail("localedef and the sv_SE locale source are missing; the locale tests "
                    "need them (CI installs them in .ci/run: apt-get install locales)")
    folder = tmp_path_factory.mktemp("locales")
    subprocess.run([localedef, "-i", "sv_SE", "-f", "ISO-8859-1", str(folder / LATIN1)],
                   check=True, capture_output=True)
    env = {"LOCPATH": str(folder), "LC_ALL": LATIN1, "LANG": LATIN1}
    probe = subprocess.run(["python3", "-c", "import locale; print(locale.getencoding())"],
                           env={**os.environ, **env}, capture_output=True, text=True)
    assert probe.stdout.strip() == "ISO-8859-1", probe  # the locale is really in effect
    yield env


def brotui(archive: Path, env: dict[str, str], *args: str, stdin: bytes | None = None
           ) -> subprocess.CompletedProcess[bytes]:
    """The console script, its output as the bytes it wrote."""
    return subprocess.run([str(brotui_script()), "--repo", str(archive), *args], input=stdin,
                          capture_output=True, env={**os.environ, **env}, timeout=60)


def test_show_writes_utf8_under_a_latin1_locale(latin1_locale: dict[str, str],
                                                tmp_path: Path) -> None:
    """Swedish letters and the en dash of "15:00–17:00" (which Latin-1 has not) come out
    as UTF-8, the language follows the locale, and a refusal is UTF-8 too."""
    archive = make_demo(tmp_path)
    shown = brotui(archive, latin1_locale, "show", SEED)
    assert shown.returncode == 0, shown.stderr.decode("utf-8", "replace")
    text = shown.stdout.decode("utf-8")  # strict: every byte is UTF-8
    assert "Hägersten-Liljeholmens lokala brottsförebyggande råd" in text
    assert "15:00–17:00" in text
    assert shown.stderr == b""

    missing = brotui(archive, latin1_locale, "show", "hagersten-liljeholmen/1999-01-01")
    assert missing.returncode == 1
    said = missing.stderr.decode("utf-8")
    assert "hagersten-liljeholmen/1999-01-01" in said and "Traceback" not in said
    assert "UnicodeEncodeError" not in said


def test_a_name_given_in_utf8_under_a_latin1_locale_is_saved_as_that_name(
        latin1_locale: dict[str, str], tmp_path: Path) -> None:
    """`--author` (as a forced command gives it) and BROTUI_AUTHOR arrive as UTF-8 bytes;
    read as Latin-1 they became `Ã\\x85sa`, refused as no identity. The commits name Åsa."""
    archive = make_demo(tmp_path)
    yaml = brotui(archive, latin1_locale, "show", SEED, "--format", "yaml").stdout
    changed = yaml.replace(b"role: Kommunpolis", "role: Närpolis".encode())
    put = brotui(archive, latin1_locale, "--author", ASA, "put", SEED, stdin=changed)
    assert put.returncode == 0, put.stderr.decode("utf-8", "replace")
    assert git(archive, "log", "-1", "--format=%an <%ae>").strip() == ASA
    assert "role: Närpolis" in git(archive, "show", f"HEAD:protocols/{SEED}.yaml")

    again = changed.replace("role: Närpolis".encode(), b"role: Kommunpolis")
    put = brotui(archive, {**latin1_locale, "BROTUI_AUTHOR": "Örjan Ås <orjan@example.org>"},
                 "put", SEED, stdin=again)
    assert put.returncode == 0, put.stderr.decode("utf-8", "replace")
    assert git(archive, "log", "-1", "--format=%an").strip() == "Örjan Ås"


def test_the_tui_draws_utf8_under_a_latin1_locale(latin1_locale: dict[str, str],
                                                  tmux: Tmux, tmp_path: Path) -> None:
    """The list in Swedish, its box lines and letters drawn, the person named as given."""
    archive = make_demo(tmp_path)
    tmux.env.update(latin1_locale)
    tmux.start(160, 24, [str(brotui_script()), "--repo", str(archive), "--author", ASA])
    # (the title line is drawn again once the screen is up: wait for the name too)
    screen = tmux.wait_for("2 av 2 protokoll", "Filtrera: skriv råd", ASA)
    assert ASA in screen.splitlines()[0]
    assert "▔▔▔▔" in screen and "Hägersten-Liljeholmens" in screen
    assert "\\u2594" not in screen
