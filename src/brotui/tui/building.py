"""Actions that wait while a screen's widgets are being built.

The editor builds its panes over several turns of the event loop (the form is hundreds
of widgets, mounted when it opens, at Ctrl+T, when a draft is restored, when a save's
merge is shown), and keys keep coming meanwhile: an action that ran in between found
half a form (`NoMatches '#raw-text'`, `'.form-rows'`) and, from Escape or Ctrl+W,
ended the app with what was typed and no draft. Here an action marked `once_built`
that comes during a build waits in a queue, and the queue runs in order once the build
is over."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial, wraps
from typing import Any, TypeVar

Method = TypeVar("Method", bound=Callable[..., Any])


def once_built(method: Method) -> Method:
    """An action (or step) that reads or rebuilds the panes: while they are being built
    or rebuilt (the editor opening, Ctrl+T, a draft restored, a save's merge shown) it
    waits, and runs in its turn once they stand. Keys come at any moment, a rebuild's
    widgets are mounted over several turns of the event loop, and an action that ran
    in between found half a form (NoMatches '#raw-text', '.form-rows')."""

    if inspect.iscoroutinefunction(method):
        @wraps(method)
        async def run_async(self: Builds, *args: Any) -> Any:
            if self.building:
                self.waiting.append(partial(run_async, self, *args))
                return None
            return await method(self, *args)

        return run_async  # type: ignore[return-value]

    @wraps(method)
    def run(self: Builds, *args: Any) -> Any:
        if self.building:
            self.waiting.append(partial(run, self, *args))
            return None
        return method(self, *args)

    return run  # type: ignore[return-value]


class Builds:
    """Mixin of a screen (first among its bases) whose widgets are built in steps: it
    starts building (until the screen calls `_built()` once it stands)."""

    call_later: Callable[..., Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built from the start until `_built()`; meanwhile actions wait in `waiting`, in
        # the order they came (see once_built).
        self._builds = 1
        self.waiting: list[Callable[[], Any]] = []

    @property
    def building(self) -> bool:
        return self._builds > 0

    @asynccontextmanager
    async def rebuilding(self) -> AsyncIterator[None]:
        """The widgets are rebuilt inside: actions wait until it is over, then run."""
        self._builds += 1
        try:
            yield
        finally:
            self._built()

    def _built(self) -> None:
        """One build is over; once none is, the actions that waited run."""
        self._builds -= 1
        if not self._builds and self.waiting:
            self.call_later(self._run_waiting)

    async def _run_waiting(self) -> None:
        """The actions that came while the panes were built, in order; one that starts a
        rebuild of its own makes the rest wait again (once_built puts them back)."""
        while self.waiting and not self.building:
            result = self.waiting.pop(0)()
            if inspect.isawaitable(result):
                await result
