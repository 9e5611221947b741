"""Whatever a terminal sends, the session goes on: bytes that are not UTF-8 (a Latin-1
PuTTY typing `ä`), sequences with absurd numbers, and a seeded storm of random bytes and
broken escape sequences, written as raw bytes to the real `brotui` console script's
terminal (tmux `send-keys -H`: the bytes reach the pane's pty exactly as given)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from tests.e2e.test_tmux import AUTHOR, Tmux, brotui_script, make_demo

INTRO = "brotui keeps the minutes in a git archive"  # the help screen (F1)
COUNCIL = "Council        Hägersten-Liljeholmens lokala brottsförebyggande råd"


def send(tmux: Tmux, data: bytes) -> None:
    """Write raw bytes to brotui's terminal, as a terminal (or whoever is at it) would."""
    for start in range(0, len(data), 200):
        tmux.run("send-keys", "-t", "main", "-H", *(f"{b:02x}" for b in data[start:start + 200]))


def alive(tmux: Tmux) -> None:
    """brotui still runs: its pane is not dead, and no traceback is on the screen (Textual
    prints one there, on the terminal it writes to, when it ends on an error)."""
    screen = tmux.screen()  # asserts there is no traceback
    assert tmux.pane("#{pane_dead}") == "0", f"brotui ended:\n{screen}"
    assert not tmux.status_file.exists(), f"brotui ended:\n{screen}"


def open_council_field(tmux: Tmux, archive: Path, lang: str = "en") -> None:
    """The editor of the seed minutes, the cursor at the end of the council's name."""
    tmux.start(80, 24, [str(brotui_script()), "--repo", str(archive), "--author", AUTHOR,
                        "--lang", lang])
    tmux.wait_for("2 of 2 protocols" if lang == "en" else "2 av 2 protokoll")
    tmux.keys("Down", "Enter")
    tmux.wait_for("Martin Hämmerli    Kommunpolis")
    tmux.type("e")
    tmux.wait_for_cursor_after(COUNCIL if lang == "en" else
                               "Råd            Hägersten-Liljeholmens lokala")
    tmux.keys("End")


def council_line(tmux: Tmux) -> str:
    return next(line for line in tmux.screen().splitlines() if "Council" in line).rstrip()


# -------------------------------------------------------------- not UTF-8


def test_a_latin1_byte_typed_shows_as_a_replacement_and_the_session_goes_on(
        tmux: Tmux, tmp_path: Path) -> None:
    """0xE4 (`ä` from a Latin-1 terminal), typed, in a bracketed paste and in mouse reports:
    each undecodable byte is one U+FFFD in the field, the person is told why once, and
    the keys after it still work."""
    archive = make_demo(tmp_path)
    open_council_field(tmux, archive)
    send(tmux, b" S\xe4ker")
    screen = tmux.wait_for(f"{COUNCIL} S\ufffdker", "The terminal sends characters")
    assert "(in PuTTY: Window >" in screen
    alive(tmux)

    send(tmux, b"\x1b[200~ och tr\xe4dg\xe5rd\x1b[201~")  # a paste of Latin-1 text
    tmux.wait_for("S\ufffdker och tr\ufffddg\ufffdrd")
    send(tmux, b"\x1b[M \xff\xff")  # an X10 mouse report beyond column 95
    send(tmux, b"\x1b[<0;1\xe4;5M")  # an SGR one with a stray high byte
    send(tmux, b"\xf0\x9f\x98")  # a character cut off in the middle ...
    send(tmux, b"!")  # ... then a key
    time.sleep(0.5)
    alive(tmux)
    tmux.type("+ok")
    tmux.wait_for("+ok")
    assert council_line(tmux).endswith("+ok")
    alive(tmux)


def test_the_notice_about_the_terminal_is_in_swedish(tmux: Tmux, tmp_path: Path) -> None:
    archive = make_demo(tmp_path)
    open_council_field(tmux, archive, lang="sv")
    send(tmux, b"\xe4")
    screen = tmux.wait_for("Terminalen skickar tecken som inte")
    assert "Traceback" not in screen
    alive(tmux)


# ---------------------------------------------------------------- pastes


def test_a_paste_shows_its_control_characters_and_one_never_closed_ends(
        tmux: Tmux, tmp_path: Path) -> None:
    """Text pasted with escape sequences in it (copied from a coloured terminal) is shown
    with them written out, never sent to the terminal; a paste whose end never comes
    (the terminal died mid-paste) ends after a second, and keys work again."""
    archive = make_demo(tmp_path)
    open_council_field(tmux, archive)
    send(tmux, b"\x1b[200~ \x1b[2J\x1b[31mR\xc2\x9b0m\x1b[201~")
    screen = tmux.wait_for("\\x1b[2J\\x1b[31mR\\x9b0m")
    assert screen.splitlines()[0].lstrip().startswith("brotui")  # nothing cleared or moved
    send(tmux, b"\x1b[200~ cut")
    time.sleep(1.5)
    tmux.type("X")
    tmux.wait_for("R\\x9b0m cutX")
    alive(tmux)


# ------------------------------------------------------------ huge numbers


def test_sequences_with_huge_numbers_are_ignored(tmux: Tmux, tmp_path: Path) -> None:
    """A cursor key with a huge count, kitty keys with code points beyond Unicode, a
    window size of a hundred million cells: nothing happens, nothing is typed, and the
    next key works."""
    archive = make_demo(tmp_path)
    open_council_field(tmux, archive)
    for sequence in (b"\x1b[999999999999999999999A", b"\x1b[99999999999u",
                     b"\x1b[97;5:99999999999u", b"\x1b[1;99999999999999999999u",
                     b"\x1b[48;99999999;99999999;1;1t", b"\x1b[<0;99999999999999999;5M",
                     b"\x1b[99999999999999;99999999999R"):
        send(tmux, sequence)
        time.sleep(0.2)
        alive(tmux)
    tmux.type("X")
    tmux.wait_for(f"{COUNCIL}X")
    assert council_line(tmux).endswith("brottsförebyggande rådX")
    alive(tmux)


# ------------------------------------------------------------------- fuzz


def _garbage(rng: random.Random) -> bytes:
    """One burst of what a broken or hostile terminal may send."""
    def number() -> bytes:
        return str(rng.choice([0, 1, 5, 97, 255, 65535, 1114111, 1114112, 2**31, 2**64,
                               10**21, rng.randrange(10**30)])).encode()

    kind = rng.randrange(10)
    if kind == 0:  # random bytes
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    if kind == 1:  # CSI with numbers, any final byte, maybe cut short
        params = b";".join(number() for _ in range(rng.randrange(1, 4)))
        tail = bytes([rng.randrange(0x40, 0x7f)]) if rng.random() < 0.8 else b""
        return b"\x1b[" + rng.choice([b"", b"?", b"<", b">"]) + params + tail
    if kind == 2:  # kitty keyboard: CSI code[:alt];mods[:event];text u
        code = number() + (b":" + number() if rng.random() < 0.3 else b"")
        mods = number() + (b":" + number() if rng.random() < 0.3 else b"")
        text = b";" + b":".join(number() for _ in range(rng.randrange(1, 3))) \
            if rng.random() < 0.4 else b""
        return b"\x1b[" + code + b";" + mods + text + rng.choice([b"u", b"~", b"A", b""])
    if kind == 3:  # OSC / DCS / APC, terminated or not
        start = rng.choice([b"\x1b]", b"\x1bP", b"\x1b_", b"\x1b^", b"\x9d", b"\x90"])
        body = bytes(rng.randrange(0x20, 0x100) for _ in range(rng.randrange(40)))
        return start + body + rng.choice([b"\x07", b"\x1b\\", b"\x9c", b""])
    if kind == 4:  # invalid UTF-8: stray continuation bytes, cut sequences, overlongs
        return rng.choice([b"\x80", b"\xbf\xbf", b"\xc3", b"\xe4", b"\xf0\x9f", b"\xc0\xaf",
                           b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff", b"\xfe"]) * \
            rng.randrange(1, 4)
    if kind == 5:  # bracketed paste with high bytes, sometimes never closed
        body = bytes(rng.randrange(0x20, 0x100) for _ in range(rng.randrange(60)))
        return b"\x1b[200~" + body + (b"\x1b[201~" if rng.random() < 0.8 else b"")
    if kind == 6:  # mouse reports: SGR with odd numbers, X10 with high bytes
        if rng.random() < 0.5:
            return b"\x1b[<" + number() + b";" + number() + b";" + number() + \
                rng.choice([b"M", b"m", b""])
        return b"\x1b[M" + bytes(rng.randrange(0x20, 0x100) for _ in range(3))
    if kind == 7:  # in-band resize and cursor position reports with huge sizes
        if rng.random() < 0.5:
            return b"\x1b[48;" + b";".join(number() for _ in range(4)) + b"t"
        return b"\x1b[" + number() + b";" + number() + b"R"
    if kind == 8:  # ESC followed by anything
        return b"\x1b" + bytes([rng.randrange(256)])
    return "".join(rng.choice("abcåäö XYZ0123,.-") for _ in range(rng.randrange(1, 12))
                   ).encode()  # ordinary typing between the garbage


# Bytes that would end the session the ordinary way (Ctrl+Q asks, then `d` quits; `q` in
# the list) or open a palette that takes the last key: not what this test is about.
_QUIT = {0x11, 0x10, ord("q"), ord("Q")}


def test_a_storm_of_garbage_from_the_terminal_never_ends_the_session(
        tmux: Tmux, tmp_path: Path) -> None:
    """Seeded bursts of random bytes, broken and huge escape sequences, invalid UTF-8,
    pastes and mouse reports, in the editor and wherever they lead: brotui keeps running
    with no traceback, and afterwards still answers a key (F1 shows the help)."""
    archive = make_demo(tmp_path)
    open_council_field(tmux, archive)
    for seed in range(10):
        rng = random.Random(seed)
        for _round in range(8):
            burst = b"".join(_garbage(rng) for _ in range(rng.randrange(4, 16)))
            burst = bytes(b for b in burst if b not in _QUIT)
            # a kitty Ctrl+Q (CSI 113;5u) is a quit key too
            burst = burst.replace(b"\x1b[113;5u", b"")
            send(tmux, burst)
            time.sleep(0.05)
        time.sleep(0.3)
        try:
            alive(tmux)
        except AssertionError as exc:
            raise AssertionError(f"brotui did not survive the bursts of seed {seed}") from exc
    time.sleep(0.5)
    alive(tmux)

    # Still answering: F1 opens the help (over whatever screen the storm led to).
    screen = tmux.screen()
    if INTRO in screen:
        before = tmux.styled()
        tmux.keys("Escape")
        tmux.wait_for_change(before)
    tmux.keys("F1")
    tmux.wait_for(INTRO)
    alive(tmux)
