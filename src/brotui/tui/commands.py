"""The command palette offers exactly what the keys of the current screen do."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from brotui.tui.keys import own_bindings


class ScreenCommands(Provider):
    """Every action bound to a key on the current screen (and the app), by its name."""

    def _actions(self) -> list[tuple[str, str, object]]:
        return [(binding.description, binding.key_display or binding.key,
                 partial(node.run_action, binding.action))
                for node, binding, enabled in own_bindings(self.screen) if enabled]

    async def discover(self) -> Hits:
        for name, key, run in self._actions():
            yield DiscoveryHit(name, run, help=key)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, run in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=key)  # type: ignore[arg-type]
