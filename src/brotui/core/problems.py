"""What is wrong with a protocol, and where."""

from __future__ import annotations

from dataclasses import dataclass

from brotui.i18n import t

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: the YAML path (`attendees[2].role`, "" for the whole file),
    the line in the file (1-based, None when unknown) and a sentence for people."""

    path: str
    line: int | None
    message: str
    severity: str = ERROR

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
        label = "" if self.is_error else t("label_warning") + ": "
        return f"{prefix}: {label}{self.message}" if prefix else f"{label}{self.message}"

    def as_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "message": self.message,
                "severity": self.severity}


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]
