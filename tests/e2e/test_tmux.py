"""The real `brotui` console script in a real terminal (tmux), driven by keys as a user
over SSH drives it; git is the judge of what it saved.

Each test runs its own tmux server (`tmux -L <unique name>` with its own small config,
never the user's), so a user's tmux is never touched, and kills it afterwards."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import git

AUTHOR = "Signe Sekreterare <signe@example.org>"
NEW_ROLE = "Lokalpolisområdeschef"
TIMEOUT = 15.0


def brotui_script() -> Path:
    """The installed `brotui` command next to this Python; the tests need the real one."""
    script = Path(sys.executable).parent / "brotui"
    if not script.is_file():
        pytest.fail(f"the brotui console script is missing: {script} (install the package, "
                    f"e.g. pip install -e '.[test]')")
    return script


class Tmux:
    """One private tmux server with one session: start a command, send keys, read the screen."""

    def __init__(self, workdir: Path) -> None:
        self.tmux = shutil.which("tmux") or ""
        self.socket = f"brotui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.config = workdir / "tmux.conf"
        self.status_file = workdir / "exit-status"
        self.socket_path = ""
        # The pane stays after the program ends, so its last screen and status can be read.
        self.config.write_text('set -g remain-on-exit on\n'
                               'set -g default-terminal "xterm-256color"\n'
                               'set -g history-limit 5000\n', encoding="utf-8")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        self.env.update(TERM="xterm-256color", LANG="C.UTF-8", ESCDELAY="25",
                        TEXTUAL_ANIMATIONS="none")
        self.env.pop("COLUMNS", None)
        self.env.pop("LINES", None)

    def run(self, *args: str) -> str:
        if not self.tmux:
            pytest.fail("tmux is not installed; the end-to-end tests need it "
                        "(CI installs it in .ci/run: apt-get install tmux)")
        proc = subprocess.run([self.tmux, "-L", self.socket, "-f", str(self.config), *args],
                              capture_output=True, text=True, env=self.env, timeout=TIMEOUT)
        if proc.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {proc.stderr}")
        return proc.stdout

    def start(self, width: int, height: int, command: list[str]) -> None:
        """Run `command` in a new session of that size; its exit status goes to a file
        (tmux may report a dead pane before it has reaped the process)."""
        self.status_file.unlink(missing_ok=True)
        self.run("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height),
                 f"{shlex.join(command)}; echo $? > {shlex.quote(str(self.status_file))}")
        self.socket_path = self.run("display-message", "-p", "#{socket_path}").strip()

    def keys(self, *keys: str) -> None:
        """Named keys (Enter, Tab, Escape, C-s...), as tmux names them."""
        self.run("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        """Text typed literally, character by character."""
        self.run("send-keys", "-t", "main", "-l", text)

    def screen(self) -> str:
        text = self.run("capture-pane", "-p", "-t", "main")
        assert "Traceback" not in text, f"a traceback on screen:\n{text}"
        return text

    def wait_for(self, *wanted: str, timeout: float = TIMEOUT) -> str:
        """Poll the screen until it shows every one of `wanted`; fail showing the screen."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if all(w in text for w in wanted):
                return text
            if time.monotonic() > deadline:
                missing = [w for w in wanted if w not in text]
                raise AssertionError(f"the screen never showed {missing}:\n{text}")
            time.sleep(0.05)

    def pane(self, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", "main", fmt).strip()

    def styled(self) -> str:
        """The screen with its colours (escape sequences), to see where the focus is."""
        return self.run("capture-pane", "-p", "-e", "-t", "main")

    def wait_for_change(self, before: str, timeout: float = TIMEOUT) -> None:
        """Wait until the screen (with its colours) differs from `before`: a key was taken."""
        deadline = time.monotonic() + timeout
        while self.styled() == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen did not react:\n{self.screen()}")
            time.sleep(0.05)
        self.screen()

    def wait_for_cursor_after(self, text: str, timeout: float = TIMEOUT) -> None:
        """Wait until the terminal cursor stands after `text` on its line: the field
        showing it has the focus (Textual puts the cursor in the focused input)."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.screen().splitlines()
            x, y = (int(n) for n in self.pane("#{cursor_x} #{cursor_y}").split())
            if y < len(lines) and text in lines[y][:x]:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the cursor never stood after {text!r} (it is at "
                                     f"column {x}, line {y}):\n" + "\n".join(lines))
            time.sleep(0.05)

    def wait_for_exit(self, timeout: float = TIMEOUT) -> int:
        """Wait until the program has ended; its exit status."""
        deadline = time.monotonic() + timeout
        while not self.status_file.is_file() or not self.status_file.read_text().strip():
            if time.monotonic() > deadline:
                raise AssertionError(f"brotui did not exit:\n{self.screen()}")
            time.sleep(0.05)
        self.screen()  # what it left behind: no traceback either
        return int(self.status_file.read_text())

    def kill(self) -> None:
        if not self.tmux:
            return
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], capture_output=True,
                       env=self.env, timeout=TIMEOUT, check=False)
        if self.socket_path.endswith(self.socket):  # our own socket file, nothing else
            Path(self.socket_path).unlink(missing_ok=True)


def make_demo(tmp_path: Path) -> Path:
    """`brotui demo PATH` without a terminal: it makes the archive and exits."""
    path = tmp_path / "demo"
    proc = subprocess.run([str(brotui_script()), "demo", str(path)], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert git(path, "rev-list", "--count", "HEAD").strip() == "5"
    return path


def quit_from_the_list(tmux: Tmux) -> None:
    """Tab from the filter into the list (seen: the colours move), then q quits."""
    before = tmux.styled()
    tmux.keys("Tab")
    tmux.wait_for_change(before)
    tmux.type("q")


def changed_lines(repo: Path) -> list[str]:
    """The -/+ lines of the last commit's diff."""
    return [line for line in git(repo, "show", "--format=", "HEAD").splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_role_corrected_over_a_terminal_in_swedish_is_one_commit(
        tmux: Tmux, tmp_path: Path) -> None:
    """Filter, open, edit Martin's role, C-s, leave, q: one new commit by me, one line."""
    demo_archive = make_demo(tmp_path)
    before = git(demo_archive, "rev-parse", "HEAD").strip()
    tmux.start(80, 24, [str(brotui_script()), "--repo", str(demo_archive),
                        "--author", AUTHOR, "--lang", "sv"])
    tmux.wait_for("2 av 2 protokoll")
    tmux.type("skärmtaket")
    tmux.wait_for("1 av 2 protokoll")
    tmux.keys("Enter")
    tmux.wait_for("Martin Hämmerli    Kommunpolis", "Redigera")
    tmux.type("e")
    tmux.wait_for("Redigerar hagersten-liljeholmen/2020-02-20 · formulär")
    tmux.wait_for_cursor_after("Råd            Hägersten-Liljeholmens lokala")
    # council, date, start, end, place, status, chair, secretary, adjusters, Abit's name,
    # role, organisation, Martin's name: his role (Tab passes over a presence, an empty note)
    tmux.keys(*["Tab"] * 13)
    tmux.wait_for_cursor_after("Roll         Kommunpolis")  # as a user waits to see it there
    tmux.keys("End", "C-u")
    tmux.wait_for("ej sparat")  # the role is cleared: now type (keys must not overtake)
    tmux.type(NEW_ROLE)
    screen = tmux.wait_for(f"Roll         {NEW_ROLE}", "ej sparat")
    assert "Kommunpolis" not in screen

    tmux.keys("C-s")
    screen = tmux.wait_for("Sparat i")
    head = git(demo_archive, "rev-parse", "HEAD").strip()
    assert head[:10] in screen.replace("\n", "")  # the saved commit, named on screen
    assert "ej sparat" not in screen

    tmux.keys("Escape")
    tmux.wait_for(f"Martin Hämmerli    {NEW_ROLE}", head[:10])
    tmux.keys("Escape")
    tmux.wait_for("1 av 2 protokoll")  # back in the list, still filtered
    tmux.keys("Escape")
    tmux.wait_for("2 av 2 protokoll")  # filter cleared
    quit_from_the_list(tmux)
    assert tmux.wait_for_exit() == 0

    assert git(demo_archive, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert git(demo_archive, "log", "-1", "--format=%an <%ae>").strip() == AUTHOR
    assert changed_lines(demo_archive) == ["-  role: Kommunpolis", f"+  role: {NEW_ROLE}"]
    assert git(demo_archive, "status", "--porcelain") == ""


def test_history_and_a_diff_on_a_large_terminal(tmux: Tmux, tmp_path: Path) -> None:
    """160x50, English: a protocol's history, then what Martin changed, field by field
    and then as diff lines."""
    demo_archive = make_demo(tmp_path)
    before = git(demo_archive, "rev-parse", "HEAD").strip()
    tmux.start(160, 50, [str(brotui_script()), "--repo", str(demo_archive),
                         "--author", AUTHOR, "--lang", "en"])
    tmux.wait_for("2 of 2 protocols")
    tmux.keys("Down", "Enter")
    tmux.wait_for("Martin Hämmerli    Kommunpolis", "History")
    tmux.type("h")
    screen = tmux.wait_for("Versions: 4.")
    for who in ("Abit Dundar", "Clas Cederlid", "Martin Hämmerli"):
        assert who in screen
    tmux.keys("Down", "Down")
    tmux.type("d")
    tmux.wait_for("Changes by field", "Attendees: Martin Hämmerli, role: Polis → Kommunpolis")
    tmux.type("l")
    tmux.wait_for("Line diff of the file", "-  role: Polis", "+  role: Kommunpolis")

    tmux.keys("Escape")
    tmux.wait_for("Versions: 4.")
    tmux.keys("Escape")
    tmux.wait_for("Last changed by Abit Dundar")
    tmux.keys("Escape")
    tmux.wait_for("2 of 2 protocols")
    quit_from_the_list(tmux)
    assert tmux.wait_for_exit() == 0
    assert git(demo_archive, "rev-parse", "HEAD").strip() == before  # reading writes nothing


def test_a_name_typed_right_after_tabbing_goes_to_the_field_tabbed_to(
        tmux: Tmux, tmp_path: Path) -> None:
    """A quick typist (or an SSH link delivering keys in one packet): seven Tabs to the
    empty Secretary field, then the name, must fill in the secretary, not change the
    council's name."""
    demo_archive = make_demo(tmp_path)
    tmux.start(80, 24, [str(brotui_script()), "--repo", str(demo_archive),
                        "--author", AUTHOR, "--lang", "en"])
    tmux.wait_for("2 of 2 protocols")
    tmux.keys("Down", "Enter")
    tmux.wait_for("Martin Hämmerli    Kommunpolis")
    tmux.type("e")
    tmux.wait_for("Editing hagersten-liljeholmen/2020-02-20 · form")
    tmux.wait_for_cursor_after("Council        Hägersten-Liljeholmens lokala")
    # council, date, start, end, place, status, chair: the seventh Tab reaches Secretary
    tmux.keys(*["Tab"] * 7, *"Clas", "Space", *"Cederlid")
    screen = tmux.wait_for("not saved", "Secretary Clas Cederlid", timeout=5)
    council = next(line for line in screen.splitlines() if "Council" in line)
    assert council.rstrip().endswith("brottsförebyggande råd"), screen
