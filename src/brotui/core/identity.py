"""Who is saving: `--author`, else BROTUI_AUTHOR, else the repository's git identity."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from brotui.core.errors import BrotuiError
from brotui.core.git import Git
from brotui.core.text import escape, first_invisible, visible
from brotui.i18n import t

_IDENTITY_RE = re.compile(r"\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>@\s]+@[^<>@\s]+)>\s*")


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def env(self, role: str = "AUTHOR") -> dict[str, str]:
        """The environment that makes git record this identity as author or committer."""
        return {f"GIT_{role}_NAME": self.name, f"GIT_{role}_EMAIL": self.email}


def parse_identity(value: str) -> Identity | None:
    """`Name <email>` as an Identity; None if malformed (no name, no email, a control or
    invisible character: see invisible_problem)."""
    m = _IDENTITY_RE.fullmatch(value)
    if not m or not m["name"] or first_invisible(value) is not None:
        return None
    return Identity(m["name"], m["email"])


def invisible_problem(value: str, source: str) -> str | None:
    """Why a name or address cannot be taken as it is: a control character, or one that
    prints as nothing or reorders the text (U+200B, U+202E, ...), with which a name can
    look exactly like another person's. None if it holds none."""
    char = first_invisible(value)
    if char is None:
        return None
    return t("err_invisible_in_name", source=source, value=visible(value), char=escape(char))


def _git_config_identity(git: Git) -> str | None:
    """`user.name <user.email>` as the repository's git configuration has them, if both."""
    found = git.try_text("config", "-z", "--get-regexp", r"^user\.(name|email)$") or ""
    values = dict(item.split("\n", 1) for item in found.split("\0") if "\n" in item)
    name, email = values.get("user.name"), values.get("user.email")
    return f"{name} <{email}>" if name and email else None


def git_identity(git: Git) -> Identity | None:
    """The repository's configured user.name and user.email, if both are set and sane."""
    value = _git_config_identity(git)
    return parse_identity(value) if value is not None else None


def resolve_identity(git: Git, explicit: str | None = None,
                     environ: Mapping[str, str] | None = None) -> Identity:
    """The author of a save, or a refusal that says how to set one."""
    env = os.environ if environ is None else environ
    for value, source in ((explicit, "--author"), (env.get("BROTUI_AUTHOR"), "BROTUI_AUTHOR")):
        if value is not None and value.strip():
            problem = invisible_problem(value.strip(), source)
            if problem is not None:
                raise BrotuiError(problem)
            identity = parse_identity(value)
            if identity is None:
                raise BrotuiError(t("err_bad_identity", value=value, source=source))
            return identity
    value = _git_config_identity(git)
    if value is not None and (problem := invisible_problem(value, "git config user.name")):
        raise BrotuiError(problem)
    identity = parse_identity(value) if value is not None else None
    if identity is None:
        raise BrotuiError(t("err_no_identity"))
    return identity
