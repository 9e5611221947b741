"""The `brotui` command: the TUI by default, every archive operation as a subcommand.

The contract (docs/architecture.md, "The CLI contract"): exit 0 done, 1 refused, 2 usage,
3 conflict; JSON output is one document on stdout; every refusal says on stderr what was
wrong and where. Only the TUI commands import Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from brotui import i18n
from brotui.cli.output import err, speak_utf8
from brotui.cli.parser import parse
from brotui.core.errors import BrotuiError, describe_failure
from brotui.core.git import GitError
from brotui.i18n import t


def _log_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    path = Path(base) / "brotui"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        path = Path(tempfile.gettempdir())
    return path / "brotui.log"


def dispatch(command: str | None, action: str | None = None,
             args: argparse.Namespace | None = None) -> Callable[[argparse.Namespace], int]:
    """The function that runs a sub-command (None: the terminal UI). Only its own module
    is imported: `brotui log` pays for no other command's imports."""
    match command:
        case None | "init" | "demo":
            from brotui.cli.commands import start

            return {None: start.run_tui, "init": start.run_init, "demo": start.run_demo}[command]
        case "check" if args is not None and args.public:
            from brotui.cli.commands import publishing

            return publishing.run_check_public
        case "list" | "show" | "check":
            from brotui.cli.commands import reading

            return {"list": reading.run_list, "show": reading.run_show,
                    "check": reading.run_check}[command]
        case "new" | "put" | "rm" | "mv" | "restore":
            from brotui.cli.commands import syncing, writing

            run = {"new": writing.run_new, "put": writing.run_put, "rm": writing.run_rm,
                   "mv": writing.run_mv, "restore": writing.run_restore}[command]
            return run if command == "new" else syncing.guarded(run)  # access, push
        case "export":
            from brotui.cli.commands import publishing

            return publishing.run_export
        case "import":
            from brotui.cli.commands import importing

            return importing.run_import
        case "attach" | "detach" | "attachments":
            from brotui.cli.commands import attaching

            return {"attach": attaching.run_attach, "detach": attaching.run_detach,
                    "attachments": attaching.run_list}[command]
        case "sync" | "hook":
            from brotui.cli.commands import syncing

            return syncing.run_sync if command == "sync" else syncing.run_hook
        case "log":
            from brotui.cli.commands import log

            return log.run
        case "diff" | "blame":
            from brotui.cli.commands import compare

            return compare.run_diff if command == "diff" else compare.run_blame
        case "search":
            from brotui.cli.commands import search

            return search.run
        case "review" | "sign" | "correct" | "verify":
            from brotui.cli.commands import justering

            return {"review": justering.run_review, "sign": justering.run_sign,
                    "correct": justering.run_correct, "verify": justering.run_verify}[command]
        case "ssh-key":
            from brotui.cli.commands import sshkey

            return {"add": sshkey.run_add, "list": sshkey.run_list,
                    "remove": sshkey.run_remove}[action or ""]
    raise AssertionError(f"no such command: {command}")  # the parser knows them all


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        speak_utf8()
    args = parse(sys.argv[1:] if argv is None else argv)
    for name in ("repo", "author", "lang", "author_filter", "theme"):
        if not hasattr(args, name):
            setattr(args, name, None)
    i18n.set_language(i18n.choose_language(args.lang))
    try:
        if getattr(args, "restricted", False) or (
                "SSH_ORIGINAL_COMMAND" in os.environ and args.command != "hook"):
            # (git runs a central server's hook under an SSH login too: its command line
            # is the server's own, never the client's)
            from brotui.cli.restricted import run_restricted

            return run_restricted(args)  # whatever the client asked for is never run
        return dispatch(args.command, getattr(args, "ssh_action", None), args)(args)
    except (BrotuiError, GitError) as exc:
        err(describe_failure(exc) or "")
        if isinstance(exc, GitError):
            return 1
        for problem in exc.problems:
            err(problem.format(exc.where))
        return exc.exit_code
    except KeyboardInterrupt:
        err(t("err_interrupted"))
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the user gets a sentence, the log the traceback
        import traceback

        path = _log_file()
        try:
            with path.open("a", encoding="utf-8") as f:
                f.write(f"--- {dt.datetime.now().isoformat()} {sys.argv}\n")
                f.write(traceback.format_exc())
        except OSError:
            path = Path("-")
        # A file the system refused (permissions, a missing folder, a full disk): what
        # and where; anything else is a bug, named by its kind.
        said = describe_failure(exc) if isinstance(exc, OSError) else None
        err(said or t("err_internal", kind=type(exc).__name__, log=path))
        return 1
