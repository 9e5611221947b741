"""Shared fixtures: real git repositories in temporary folders, never mocks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from brotui import i18n
from brotui.core import ops
from brotui.core.archive import Archive
from brotui.core.demo import example_protocols
from brotui.core.identity import Identity

SEED_ID = "hagersten-liljeholmen/2020-02-20"
ALICE = Identity("Alice Andersson", "alice@example.org")
BOB = Identity("Bob Berg", "bob@example.org")


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """No global git config, no identity or language from the machine running the tests."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("BROTUI_AUTHOR", "BROTUI_REPO", "BROTUI_LANG", "LC_ALL", "LC_MESSAGES",
                "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")


@pytest.fixture
def seed_bytes() -> bytes:
    return (example_protocols() / f"{SEED_ID}.yaml").read_bytes()


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in a repository and return stdout (text)."""
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}).stdout


def without_write_access(command: list[str]) -> list[str]:
    """`command` run by someone whom file permissions stop from writing: a reader of an
    archive whose files they may read and not write (made so with chmod).

    Permissions stop anyone but root, and the tests (and CI) run as root: then the command
    runs through `setpriv` (util-linux) with every capability dropped. It is the same
    user still (so git's safe.directory check does not come in), but without
    CAP_DAC_OVERRIDE the kernel checks each file's permissions as for anyone else."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("setpriv is missing: the read-only tests need it (util-linux; CI "
                    "installs it in .ci/run)")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--", *command]


def make_repo(path: Path, bare: bool = False) -> Path:
    """An empty archive: `git init -b main` plus a protocols/ folder (work tree only)."""
    subprocess.run(["git", "init", "-q", "-b", "main", *(["--bare"] if bare else []), str(path)],
                   check=True)
    if not bare:
        (path / "protocols").mkdir()
    return path


@pytest.fixture
def repo(tmp_path: Path, seed_bytes: bytes) -> Path:
    """A checked-out archive whose first commit (by Alice) holds the seed minutes."""
    path = make_repo(tmp_path / "archive")
    archive = Archive(path)
    from brotui.core import codec

    ops.save(archive, SEED_ID, codec.load(seed_bytes).protocol, ALICE)  # type: ignore[arg-type]
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the real `brotui` command line in a subprocess."""

    def run(*args: str, input: bytes | str | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Result:
        data = input.encode() if isinstance(input, str) else input
        proc = subprocess.run([sys.executable, "-m", "brotui.cli", *args], input=data,
                              capture_output=True, cwd=cwd, env={**os.environ, **(env or {})})
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"))

    return run
