"""The archive's sync settings: which central server, which branch, when to push.

Read from `.brotui.yaml` as the archive reads its other settings (`Archive.settings`,
the file at the branch's tip):

    remote: origin          # a git remote's name (git config remote.<name>.url) or a URL
    branch: main            # the branch read, saved and pushed (default: the checked-out one)
    sync: on-save           # on-save (default): push after each save; manual: `brotui sync`
    interval: 60            # seconds between fetches while the TUI is open (default 60)
    timeout: 20             # seconds a fetch or push may take before it counts as an outage

No `remote`: the archive has no central server and nothing here runs. A value that
cannot be used is named in `SyncSettings.problems` (and `brotui sync --status`) and
its default is used instead; a `remote` that cannot be used turns sync off, since
guessing another server would be worse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from brotui.core.sync.messages import say
from brotui.core.text import first_invisible, visible

MODES = ("on-save", "manual")
DEFAULT_INTERVAL = 60
DEFAULT_TIMEOUT = 20.0
MAX_INTERVAL = 86_400
MAX_TIMEOUT = 600.0


@dataclass(frozen=True)
class SyncSettings:
    remote: str | None  # None: no central server
    branch: str
    mode: str = "on-save"
    interval: int = DEFAULT_INTERVAL
    timeout: float = DEFAULT_TIMEOUT
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def enabled(self) -> bool:
        """Whether the archive has a central server to sync with."""
        return self.remote is not None

    @property
    def on_save(self) -> bool:
        """Whether each save is pushed at once (else only by `brotui sync`)."""
        return self.enabled and self.mode == "on-save"


def remote_problem(value: object) -> str | None:
    """Why a `remote` value cannot be used, None if it can: it must be text, and neither
    an option to git (`-...`) nor hold a control or invisible character."""
    if not isinstance(value, str) or not value.strip():
        return say("settings_remote_type")
    if value.startswith("-") or first_invisible(value) is not None or value != value.strip():
        return say("settings_remote_bad", value=visible(value))
    return None


def parse_settings(settings: dict[str, Any], branch: str) -> SyncSettings:
    """The sync settings in a `.brotui.yaml` mapping; `branch` is the archive's branch."""
    problems: list[str] = []
    remote = settings.get("remote")
    if remote is not None and (problem := remote_problem(remote)) is not None:
        problems.append(problem)
        remote = None
    mode = settings.get("sync", "on-save")
    if mode not in MODES:
        problems.append(say("settings_sync_bad", value=visible(str(mode))))
        mode = "on-save"
    interval = settings.get("interval", DEFAULT_INTERVAL)
    if isinstance(interval, bool) or not isinstance(interval, int) \
            or not 1 <= interval <= MAX_INTERVAL:
        problems.append(say("settings_interval_bad", value=visible(str(interval)),
                            limit=MAX_INTERVAL))
        interval = DEFAULT_INTERVAL
    timeout = settings.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) \
            or not 1 <= timeout <= MAX_TIMEOUT:
        problems.append(say("settings_timeout_bad", value=visible(str(timeout)),
                            limit=int(MAX_TIMEOUT)))
        timeout = DEFAULT_TIMEOUT
    return SyncSettings(remote, branch, str(mode), int(interval), float(timeout),
                        tuple(problems))


def settings_problems(data: bytes) -> list[str]:
    """What is wrong with a `.brotui.yaml` file's sync settings (for the central server's
    check): it must be a YAML mapping, and each sync value usable."""
    import yaml

    try:
        loaded = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return [say("settings_unreadable", line=line if line else "?")]
    if loaded is None:
        return []
    if not isinstance(loaded, dict):
        return [say("settings_not_map")]
    problems = list(parse_settings(loaded, "main").problems)
    branch = loaded.get("branch")
    if branch is not None and not _branch_ok(branch):
        problems.append(say("settings_branch_bad", value=visible(str(branch))))
    return problems


def _branch_ok(branch: object) -> bool:
    import re

    return isinstance(branch, str) and re.fullmatch(
        r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*", branch) is not None \
        and ".." not in branch and not branch.startswith((".", "-")) \
        and not branch.endswith((".lock", "."))


def sync_settings(archive: Any) -> SyncSettings:
    """The sync settings of an open archive (brotui.core.archive.Archive)."""
    return parse_settings(archive.settings, archive.branch)
