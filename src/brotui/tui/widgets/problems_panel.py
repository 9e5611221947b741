"""What is wrong with a file that does not read as minutes: shown above its raw text."""

from __future__ import annotations

from textual.widgets import Static

from brotui.core.problems import Problem
from brotui.i18n import t
from brotui.tui.text import safe


class ProblemsPanel(Static):
    """A heading ("the file does not read as minutes", or the caller's) and one line per
    problem (what and where); hidden until shown."""

    def __init__(self) -> None:
        super().__init__(id="problems")
        self.display = False

    def show(self, problems: list[Problem], heading: str | None = None) -> None:
        text = safe((heading or t("tui_broken_file")) + "\n", "bold")
        for problem in problems:
            text.append_text(safe(problem.format() + "\n"))
        self.update(text)
        self.display = True
