"""The command palette: brotui's own (in the user's language, safe against keys that come
before it is laid out), offering exactly what the keys of the current screen do."""

from __future__ import annotations

from functools import partial

from textual import work
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.css.query import NoMatches

from brotui.i18n import t
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


class Palette(CommandPalette):
    """Textual's command palette with its words in the user's language, and two of its
    races closed (Textual 8.2.8):

    - Page Up/Page Down before the list of commands has been laid out (Ctrl+P then
      PageDown within ~0.1 s) raised `KeyError: 0` in `OptionList._move_page`, which
      ended the app: the list's line map is built only once it has a height (its
      `_update_lines` returns early at height 0: Textualize/textual#5794, open; the same
      KeyError in a Select's list is kagan-sh/kagan-legacy#31). Until the list has its
      lines, those keys do nothing.
    - The worker that gathers the commands queried the list after the palette had been
      dismissed (`NoMatches: CommandList`), an error in a worker: with the palette gone,
      there is nothing to show them in, so the worker ends quietly.
    """

    def __init__(self) -> None:
        super().__init__(placeholder=t("tui_palette_placeholder"), id="--command-palette")

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            commands = next(iter(self.query(CommandList)), None)
            if commands is None or (commands.highlighted or 0) not in commands._index_to_line:
                return  # not laid out yet: nothing to page through
        super()._action_command_list(action)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        gather = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
        try:
            await gather(self, search_value)
        except NoMatches:
            if self.is_attached and next(iter(self.query(CommandList)), None) is not None:
                raise  # the palette is still there: a bug of its own, not this race
