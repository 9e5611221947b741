"""The command palette offers exactly what the keys of the current screen do."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenCommands(Provider):
    """Every action bound to a key on the current screen (and the app), by its name."""

    def _actions(self) -> list[tuple[str, str, object]]:
        seen: set[str] = set()
        out = []
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if node not in (self.screen, self.app) or not enabled or binding.action in seen \
                    or not binding.description:
                continue
            seen.add(binding.action)
            out.append((binding.description, binding.key_display or binding.key,
                        partial(node.run_action, binding.action)))
        return out

    async def discover(self) -> Hits:
        for name, key, run in self._actions():
            yield DiscoveryHit(name, run, help=key)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, run in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=key)  # type: ignore[arg-type]
