"""What is wrong with a protocol, and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from brotui.i18n import Msg, t

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: the YAML path (`attendees[2].role`, "" for the whole file),
    the line in the file (1-based, None when unknown) and what is wrong, as a sentence
    not said yet (`said`): each reader reads it in their own language, so the list's
    cache holds it once for every language."""

    path: str
    line: int | None
    said: Msg
    severity: str = ERROR

    @classmethod
    def sentence(cls, path: str, line: int | None, text: str,
                 severity: str = ERROR) -> Problem:
        """A problem whose sentence is already said (a refusal made in the process's own
        language, a finding of a core that says its own): never cached."""
        return cls(path, line, Msg.of("said_as_is", text=text), severity)

    @property
    def message(self) -> str:
        """The sentence in the reader's language."""
        return self.said.text()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self, where: str = "") -> str:
        """`where:line: path: message`, the shape compilers and editors understand."""
        place = where
        if self.line is not None:
            place = f"{place}:{self.line}" if place else t("label_line", line=self.line)
        parts = [p for p in (place, self.path) if p]
        prefix = ": ".join(parts)
        message = self.message
        label = "" if self.is_error else t("label_warning") + ": "
        return f"{prefix}: {label}{message}" if prefix else f"{label}{message}"

    def as_json(self) -> dict[str, object]:
        """The sentence said, and what it is made of (`said`: its id and values)."""
        return {"path": self.path, "line": self.line, "message": self.message,
                "severity": self.severity, "said": self.said.to_json()}

    def to_json(self) -> dict[str, object]:
        """What a cache keeps (no sentence): read back by `from_json`."""
        return {"path": self.path, "line": self.line, "said": self.said.to_json(),
                "severity": self.severity}

    @classmethod
    def from_json(cls, data: Any) -> Problem | None:
        """The Problem of `to_json`; None for anything else (a cache of another version,
        an id no catalogue knows)."""
        if not isinstance(data, dict) or not isinstance(data.get("path"), str) \
                or not (data.get("line") is None or isinstance(data.get("line"), int)) \
                or data.get("severity") not in (ERROR, WARNING):
            return None
        said = Msg.from_json(data.get("said"))
        return None if said is None else cls(data["path"], data["line"], said,
                                             data["severity"])


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]
