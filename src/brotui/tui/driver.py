"""Textual's Linux driver with a prompt Escape.

After an ESC byte Textual waits ESCDELAY (we set 25 ms) for the rest of an escape sequence,
but its input thread only checks that timeout when `select` returns, and `select` waits up
to 100 ms: a lone Escape took 100-130 ms whatever ESCDELAY said. This driver's input loop is
Textual 8's own (LinuxDriver.run_input_thread) with one change: while the parser waits for
the rest of a sequence, `select` wakes up when that wait ends. Idle, it still wakes only
every 100 ms and writes nothing.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

POLL = 0.1  # Textual's own interval


class PromptEscapeDriver(LinuxDriver):
    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's loop, prompt on a lone Escape)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_key, mask) in loop_last(events):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not data:
                        break
                    for event in parser.feed(data):
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
