"""Textual's Linux driver with a prompt Escape, and input that cannot end the session.

After an ESC byte Textual waits ESCDELAY (we set 25 ms) for the rest of an escape sequence,
but its input thread only checks that timeout when `select` returns, and `select` waits up
to 100 ms: a lone Escape took 100-130 ms whatever ESCDELAY said. This driver's input loop is
Textual 8's own (LinuxDriver.run_input_thread) with these changes:

- while the parser waits for the rest of a sequence, `select` wakes up when that wait
  ends. Idle, it still wakes only every 100 ms and writes nothing;
- bytes that are not UTF-8 (a Latin-1 terminal typing `ä` sends 0xE4, in a key, a paste or
  a mouse report) become U+FFFD, and the person is told once, instead of the strict
  decoder raising in the input thread (Textual's issue #6456, open in 8.2.8);
- a sequence Textual's parser cannot take (a huge number where a key code or size
  belongs) is dropped, never raised from the input thread; see GuardedXTermParser;
- the text of a bracketed paste reaches the widgets with its control characters written
  out, and a paste that never ends is ended; see Pasting.

Any exception in the input thread makes Textual end the whole session with a traceback,
so whatever the terminal sends must be read without one.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import selectors
from collections.abc import Callable, Generator, Iterable
from typing import Any

from textual import events
from textual._loop import loop_last
from textual._parser import ParseError, Peek1, Read1, TokenCallback
from textual._time import get_time
from textual._xterm_parser import XTermParser, _re_mouse_event, _re_terminal_mode_response
from textual.drivers.linux_driver import LinuxDriver
from textual.keys import Keys
from textual.message import Message

from brotui.core.text import CONTROL_RE, visible

log = logging.getLogger("brotui")

POLL = 0.1  # Textual's own interval
MAX_CELLS = 10_000  # columns or rows a terminal may report: beyond, a malformed report
MAX_NUMBER = 0x10FFFF  # the largest number a key sequence holds: the last code point
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
PASTE_IDLE = 1.0  # seconds without input that end a bracketed paste never closed

# A complete CSI sequence: ESC [, parameter bytes, intermediate bytes, one final byte.
_CSI = re.compile(r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]")
_NUMBER = re.compile(r"\d+")


class InputNotUtf8(Message):
    """The terminal sent bytes that are not UTF-8 (posted once a session)."""


class GuardedXTermParser(XTermParser):
    """Textual's parser, made to drop what it cannot read instead of raising, and to pass
    on nothing absurd.

    Textual 8.2.8 turns the numbers of a CSI key sequence into characters with chr(): a
    huge one (`ESC[999999999999999999999A`, a kitty `CSI <code> u` beyond U+10FFFF)
    raises ValueError or OverflowError in the input thread, which ends the session. No
    upstream issue for it was found in Textual's tracker (8.2.8, June 2026); the related
    open one is #6573 (a malformed SGR mouse report is typed as keys). So: a whole CSI
    sequence with a number beyond any code point, or one that names no key, mouse
    report or mode report, is dropped (rather than typed into the focused field
    character by character); a size report of 0 or a million cells, and a mouse or
    cursor report beyond that, is dropped (Textual would lay out a screen that large,
    or divide by zero), and so is any size report from a terminal that did not agree to
    send them. (Pastes: see Pasting.)"""

    in_band_resize: Callable[[], bool] = staticmethod(lambda: False)  # see the driver

    def parse(self, token_callback: TokenCallback[Any]) -> Generator[Read1 | Peek1, str, None]:
        good = (self.terminal_size, self.terminal_pixel_size, self.mouse_pixels)

        def guarded(token: Message) -> None:
            nonlocal good
            if isinstance(token, events.Resize):
                # A size report only from a terminal that agreed to send them (mode 2048),
                # and a size a screen can have; the parser took it in already: undo that.
                if not (self.in_band_resize() and _sane_size(*token.size)):
                    self.terminal_size, self.terminal_pixel_size, self.mouse_pixels = good
                    return
                good = (self.terminal_size, self.terminal_pixel_size, self.mouse_pixels)
            elif isinstance(token, (events.MouseEvent, events.CursorPosition)) \
                    and not _sane_size(int(token.x) + 1, int(token.y) + 1):
                return
            token_callback(token)

        return super().parse(guarded)

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        if _CSI.fullmatch(sequence) and any(int(n) > MAX_NUMBER for n in _NUMBER.findall(sequence)):
            return [events.Key(Keys.Ignore, sequence)]
        try:
            keys = list(super()._sequence_to_key_events(sequence, alt))
        except (ValueError, OverflowError):
            log.warning("ignored a malformed terminal sequence: %r", sequence[:40])
            keys = []
        else:
            if keys or not _unknown_csi(sequence):
                return keys
        return [events.Key(Keys.Ignore, sequence)]

    def parse_mouse_code(self, code: str) -> Message | None:
        try:
            return super().parse_mouse_code(code)
        except (ArithmeticError, ValueError):
            log.warning("ignored a malformed mouse report: %r", code[:40])
            return None


def _unknown_csi(sequence: str) -> bool:
    """Whether `sequence` is a whole CSI sequence that the parser will not read as a mouse
    or mode report after failing to read it as a key (see XTermParser.parse)."""
    return (sequence != "\x1b[M"  # the start of an X10 mouse report: three bytes follow
            and _CSI.fullmatch(sequence) is not None
            and _re_mouse_event.match(sequence) is None
            and _re_terminal_mode_response.match(sequence) is None)


def _sane_size(width: int, height: int) -> bool:
    return 0 < width <= MAX_CELLS and 0 < height <= MAX_CELLS


def _pasted(text: str) -> str:
    """Pasted text with its control characters written out, as everywhere (the widgets
    would send them to the terminal as they are). A carriage return stays: it is a line
    break as terminals paste it, and Textual's widgets take it so."""
    return CONTROL_RE.sub(lambda m: m.group() if m.group() == "\r" else visible(m.group()), text)


class Pasting:
    """Bracketed pastes in the text on its way to the parser, their contents made safe.

    Textual's parser reads an ESC inside a paste as the start of a key sequence: pasted
    text copied from a coloured terminal comes out as keys (`^[31m` typed) and a paste
    cut short. So inside a paste every control character is written out (`\\x1b`), as
    everywhere else, and only the end marker is passed on as it is. A paste whose end
    never comes is ended by the driver (see `close`): it would take every key after it."""

    def __init__(self) -> None:
        self.open = False
        self._tail = ""  # the end of the text outside a paste: a start marker may be cut
        self._held = ""  # the end of a paste's text that may be the start of its end marker

    def filter(self, text: str) -> str:
        out = []
        text, self._held = self._held + text, ""
        while text:
            if not self.open:
                seen = self._tail + text
                found = seen.find(PASTE_START)
                if found < 0:
                    out.append(text)
                    self._tail = seen[-(len(PASTE_START) - 1):]
                    break
                after = found + len(PASTE_START) - len(self._tail)
                out.append(text[:after])
                text, self.open, self._tail = text[after:], True, ""
            else:
                found = text.find(PASTE_END)
                if found < 0:
                    keep = next((n for n in range(len(PASTE_END) - 1, 0, -1)
                                 if text.endswith(PASTE_END[:n])), 0)
                    out.append(_pasted(text[:len(text) - keep]))
                    self._held = text[len(text) - keep:]
                    break
                out.append(_pasted(text[:found]) + PASTE_END)
                text, self.open = text[found + len(PASTE_END):], False
        return "".join(out)

    def close(self) -> str:
        """The rest of a paste left open, and its end marker."""
        rest, self._held, self.open = self._held, "", False
        return _pasted(rest) + PASTE_END


class PromptEscapeDriver(LinuxDriver):
    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's loop, prompt on a lone Escape)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = GuardedXTermParser(self._debug)
        parser.in_band_resize = lambda: self._in_band_window_resize
        pasting = Pasting()
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        told = False
        last_read = get_time()

        def decode(data: bytes, final: bool) -> str:
            nonlocal told, last_read
            last_read = get_time()
            text = decoder.decode(data, final=final)
            if not told and "\ufffd" in text and b"\xef\xbf\xbd" not in data:
                told = True
                self._app.post_message(InputNotUtf8())
            return text

        def feed(data: str) -> None:
            text = pasting.filter(data)
            if text:  # (no text at all is the end of the input to the parser)
                for event in parser.feed(text):
                    self.process_message(event)

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_key, mask) in loop_last(events):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not data:
                        break
                    feed(data)
            if not events and decoder.getstate()[0] and get_time() - last_read >= POLL:
                # The start of a character and nothing after it for a while: a lone
                # Latin-1 `ä` (0xE4 opens a three-byte character). Show it now.
                feed(decode(b"", final=True))
                decoder.reset()
            if not events and pasting.open and get_time() - last_read >= PASTE_IDLE:
                for event in parser.feed(pasting.close()):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        def timeout() -> float:
            pending = parser._timeout_time
            if pending is None:
                return POLL
            return min(POLL, max(0.0, pending - get_time()) + 0.001)

        try:
            while not self.exit_event.is_set():
                process(selector.select(timeout()))
            selector.unregister(self.fileno)
            process(selector.select(POLL), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
