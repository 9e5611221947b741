"""The `brotui` command: the TUI by default, every archive operation as a subcommand.

The contract (DESIGN.md): exit 0 done, 1 refused, 2 usage, 3 conflict; JSON
output is one document on stdout; every refusal says on stderr what was wrong
and where. Only the TUI commands import Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import MutableMapping, Sequence
from pathlib import Path
from typing import Any

from brotui import i18n
from brotui.core import codec
from brotui.core.archive import Archive, validate_id
from brotui.core.diff import unified
from brotui.core.errors import EXIT_USAGE, BrotuiError, InvalidProtocol
from brotui.core.git import GitError
from brotui.core.identity import resolve_identity
from brotui.core.model import SLUG_RE, id_to_path, parse_id
from brotui.core.new import blank, following, free_id
from brotui.core.render import local_time, render_text, status_text
from brotui.core.text import visible
from brotui.core.validate import check
from brotui.i18n import t

# ------------------------------------------------------------------ output


def out(text: str = "") -> None:
    """Print user text to stdout with control characters made visible."""
    sys.stdout.write(visible(text) + "\n")


def err(text: str) -> None:
    sys.stderr.write(visible(text) + "\n")


_C1_RE = re.compile("[\x7f-\x9f]")


def out_json(data: Any) -> None:
    """One JSON document on stdout; C1 controls escaped too (json leaves them raw)."""
    text = json.dumps(data, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None,
                      default=str)
    sys.stdout.write(_C1_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        out("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


# ----------------------------------------------------------------- commands


class UsageError(BrotuiError):
    """The command line asks for something that cannot be: exit status 2."""

    exit_code = EXIT_USAGE


def open_archive(args: argparse.Namespace) -> Archive:
    return Archive(args.repo or os.environ.get("BROTUI_REPO") or ".")


def cmd_list(args: argparse.Namespace) -> int:
    entries = open_archive(args).list()
    if args.format == "json":
        out_json([e.as_json() for e in entries])
        return 0
    if not entries:
        out(t("no_protocols"))
        return 0
    rows = []
    for e in entries:
        status = t("broken") if e.broken else status_text(e.status)
        rows.append([e.date or "", e.council or "", status,
                     e.last.author if e.last else "", local_time(e.last.time if e.last else None),
                     e.id])
    table(rows, [t("col_date"), t("col_council"), t("col_status"), t("col_changed_by"),
                 t("col_changed"), t("col_id")])
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    revision = archive.read(args.id, args.rev)
    if args.format == "yaml":
        if sys.stdout.isatty():
            sys.stdout.write(visible(revision.data.decode("utf-8", "replace")))
        else:
            sys.stdout.buffer.write(revision.data)
        return 0
    parsed = revision.parsed()
    if not parsed.ok:
        raise InvalidProtocol(t("err_invalid", where=id_to_path(args.id),
                                count=len(parsed.errors)), parsed.problems,
                              where=id_to_path(args.id))
    for problem in parsed.problems:
        err(problem.format(id_to_path(args.id)))
    assert parsed.protocol is not None
    if args.format == "json":
        out_json({"id": args.id, "commit": revision.commit, "blob": revision.blob,
                  "protocol": codec.to_tree(parsed.protocol)})
    else:
        sys.stdout.write(visible(render_text(parsed.protocol)))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    date = _date_arg(args.date) if args.date else None
    if args.from_id:
        previous = archive.load(validate_id(args.from_id))
        protocol = following(previous, date)
        if protocol is None:
            raise BrotuiError(t("err_no_date", id=args.from_id))
        slug = args.council or args.from_id.split("/")[0]
    else:
        if not args.council:
            raise BrotuiError(t("err_need_council"))
        if date is None:
            raise BrotuiError(t("err_no_date", id=args.council))
        slug = args.council
        protocol = blank(archive.council_name(slug) or slug, date)
    if not SLUG_RE.fullmatch(slug):
        raise BrotuiError(t("err_bad_slug", slug=slug))
    assert protocol.date is not None
    new_id = free_id((e.id for e in archive.list()), slug, protocol.date)
    sys.stdout.write(codec.dump(protocol))
    err(t("new_hint", id=new_id))
    return 0


def cmd_put(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    validate_id(args.id)
    if args.file and args.file != "-":
        where = args.file
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise BrotuiError(t("err_read_file", path=args.file, reason=exc.strerror)) from None
    else:
        where = "<stdin>"
        data = sys.stdin.buffer.read()
    parsed = check(data, args.id)
    if not parsed.ok:
        raise InvalidProtocol(t("err_invalid", where=where, count=len(parsed.errors)),
                              parsed.problems, where=where)
    for problem in parsed.problems:
        err(problem.format(where))
    author = resolve_identity(archive.git, args.author)
    assert parsed.protocol is not None
    result = archive.save(args.id, parsed.protocol, author, base=args.base)
    for note in result.notes:
        err(note)
    if result.changed:
        out(t("saved", id=args.id, commit=result.commit))
    else:
        out(t("unchanged", id=args.id))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    if args.id is not None:
        commits = [(c, [args.id]) for c in archive.history(args.id)]
        if not commits:
            archive.read(args.id)  # an unknown id is refused, a known one has no history
    else:
        commits = archive.activity(limit=args.limit)
    if args.format == "json":
        out_json([{"commit": c.oid, "author": c.author, "email": c.email,
                   "time": dt.datetime.fromtimestamp(c.time).astimezone().isoformat(),
                   "subject": c.subject, "protocols": ids} for c, ids in commits])
        return 0
    if not commits:
        out(t("no_history"))
        return 0
    table([[local_time(c.time), c.author, c.short, c.subject] for c, _ in commits],
          [t("col_changed"), t("col_author"), t("col_commit"), t("col_message")])
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    old = archive.read(args.id, args.rev_a)
    new = archive.read(args.id, args.rev_b)
    lines = unified(old.data.decode("utf-8", "replace"), new.data.decode("utf-8", "replace"),
                    f"{args.id}@{args.rev_a}", f"{args.id}@{args.rev_b or archive.branch}")
    if args.format == "json":
        out_json({"id": args.id, "from": old.commit, "to": new.commit, "lines": lines})
    else:
        for line in lines:
            out(line)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    results: list[tuple[str, list[Any]]] = []
    archive_targets = []
    for target in args.targets:
        if target.endswith(".yaml") and Path(target).is_file():
            protocol_id = _id_of_file(target)
            results.append((target, check(Path(target).read_bytes(), protocol_id).problems))
        else:
            archive_targets.append(validate_id(target))
    if archive_targets or not args.targets:
        archive = open_archive(args)
        everything = archive.check_all()
        if archive_targets:
            by_path = dict(everything)
            for protocol_id in archive_targets:
                path = id_to_path(protocol_id)
                if path not in by_path:
                    raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))
                results.append((path, by_path[path]))
        else:
            results.extend(everything)
    n_errors = n_warnings = 0
    for path, problems in results:
        for problem in problems:
            err(problem.format(path))
            n_errors += problem.is_error
            n_warnings += not problem.is_error
    if n_errors or n_warnings:
        err(t("check_summary", count=len(results), errors=n_errors, warnings=n_warnings))
    else:
        out(t("check_clean", count=len(results)))
    return 1 if n_errors else 0


def _id_of_file(path: str) -> str | None:
    """The protocol id a file's path implies (…/protocols/<council>/<date>.yaml), if any."""
    parts = Path(path).resolve().parts
    if len(parts) >= 3 and parts[-3] == "protocols":
        candidate = f"{parts[-2]}/{Path(parts[-1]).stem}"
        return candidate if parse_id(candidate) else None
    return None


def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if (path / ".git").exists() or (path.exists() and any(path.iterdir())):
        raise BrotuiError(t("err_exists", path=str(path)))
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True,
                   capture_output=True)
    (path / "protocols").mkdir()
    out(t("init_done", path=str(path)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from brotui.core.demo import build_demo

    path = Path(args.path or "brotui-demo")
    if path.exists() and any(path.iterdir()):
        Archive(path)  # an archive made before is opened again; anything else is refused
    else:
        build_demo(path)
        out(t("demo_done", path=str(path.resolve())))
    args.repo = str(path)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return 0  # made for a script or a test: nothing to open
    return cmd_tui(args)


def cmd_tui(args: argparse.Namespace, restricted: bool = False,
            notice: str | None = None) -> int:
    """Open the terminal UI on the archive (the only command that imports Textual)."""
    archive = open_archive(args)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BrotuiError(t("err_no_terminal"))
    # Over a link: Escape answers within 25 ms (Textual waits ESCDELAY for a sequence
    # after ESC, 100 ms by default), and nothing moves on screen by itself.
    os.environ.setdefault("ESCDELAY", "25")
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    from brotui.tui.app import run_tui

    theme = args.theme or os.environ.get("BROTUI_THEME") or archive.settings.get("theme")
    run_tui(archive, args.author, restricted=restricted,
            theme=theme if isinstance(theme, str) else None, notice=notice)
    return 0


# ------------------------------------------------------------- ssh keys


def _authorized_keys(args: argparse.Namespace) -> Path:
    from brotui.core.sshkeys import default_authorized_keys

    return Path(args.authorized_keys) if args.authorized_keys else default_authorized_keys()


def cmd_ssh_key_add(args: argparse.Namespace) -> int:
    """Give a person's key a line that opens brotui on the archive in their name."""
    from brotui.core import sshkeys

    identity = sshkeys.checked_identity(args.name, args.email)
    key = sshkeys.read_public_key(args.keyfile)
    archive = open_archive(args)
    repo = str(archive.work_tree or archive.git_dir)
    path = _authorized_keys(args)
    sshkeys.add_person(path, identity, key, repo, lang=args.ui_lang)
    out(t("ssh_added", who=str(identity), type=key.type, fingerprint=key.fingerprint,
          path=str(path), repo=repo))
    return 0


def cmd_ssh_key_list(args: argparse.Namespace) -> int:
    from brotui.core.sshkeys import list_people

    path = _authorized_keys(args)
    people = list_people(path)
    if args.format == "json":
        out_json([p.as_json() for p in people])
        return 0
    if not people:
        out(t("ssh_nobody", path=str(path)))
        return 0
    table([[p.name or "?", p.email or "?", p.key.type, p.key.fingerprint] for p in people],
          [t("ssh_col_name"), t("ssh_col_email"), t("ssh_col_type"),
           t("ssh_col_fingerprint")])
    return 0


def cmd_ssh_key_remove(args: argparse.Namespace) -> int:
    from brotui.core.sshkeys import remove_people

    if args.name is None and args.email is None and args.fingerprint is None:
        raise UsageError(t("ssh_remove_whom"))
    path = _authorized_keys(args)
    removed = remove_people(path, args.name, args.email, args.fingerprint)
    if not removed:
        raise BrotuiError(t("ssh_no_match", path=str(path)))
    for person in removed:
        out(t("ssh_removed", who=f"{person.name} <{person.email}>",
              fingerprint=person.key.fingerprint, path=str(path)))
    return 0


# ------------------------------------------------------- restricted mode


def restrict_environment(environ: MutableMapping[str, str]) -> None:
    """Under a forced command nothing from the client may choose the identity, the archive,
    git's behaviour or Textual's (TEXTUAL_DRIVER imports a module, TEXTUAL_PRESS presses
    keys, TEXTUAL_SCREENSHOT_LOCATION writes a file): those variables are dropped before
    anything reads them."""
    for name in list(environ):
        if name.startswith(("TEXTUAL_", "GIT_", "PYTHON")) \
                or name in ("BROTUI_AUTHOR", "BROTUI_REPO"):
            del environ[name]


def cmd_restricted(args: argparse.Namespace) -> int:
    """The one thing a key may do: the terminal UI on its archive, in its person's name."""
    asked = os.environ.get("SSH_ORIGINAL_COMMAND")
    restrict_environment(os.environ)
    if getattr(args, "func", cmd_tui) is not cmd_tui:
        raise UsageError(t("restricted_tui_only"))
    if asked is not None:
        err(t("restricted_no_commands"))
    if not args.repo:
        raise UsageError(t("restricted_need_repo"))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BrotuiError(t("restricted_no_terminal"))
    return cmd_tui(args, restricted=True,
                   notice=t("restricted_no_commands") if asked is not None else None)


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BrotuiError(t("bad_date", raw=value)) from None


# ------------------------------------------------------------------ parsing


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--repo", metavar="PATH", default=argparse.SUPPRESS,
                        help="the archive (default: BROTUI_REPO, else the current git repository)")
    common.add_argument("--author", metavar='"NAME <EMAIL>"', default=argparse.SUPPRESS,
                        help="who saves (default: BROTUI_AUTHOR, else git's user.name/email)")
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
                        help="language (default: BROTUI_LANG, else LANG)")
    common.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS,
                        help="colours of the TUI: ansi (the terminal's own), dark, light, or a "
                             "Textual theme (default: BROTUI_THEME, else .brotui.yaml)")
    common.add_argument("--restricted", action="store_true", default=argparse.SUPPRESS,
                        help="only the TUI, on --repo, as --author (what an SSH key gets; "
                             "also on when SSH_ORIGINAL_COMMAND is set)")
    parser = argparse.ArgumentParser(
        prog="brotui", parents=[common],
        description="Minutes of a crime-prevention council, kept in git.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_, description=help_)

    p = command("init", "make a new, empty archive")
    p.add_argument("path", metavar="PATH")
    p.set_defaults(func=cmd_init)
    p = command("demo", "make an example archive with history and open it")
    p.add_argument("path", metavar="PATH", nargs="?")
    p.set_defaults(func=cmd_demo)
    p = command("list", "list the protocols")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_list)
    p = command("show", "show a protocol")
    p.add_argument("id", metavar="ID")
    p.add_argument("--rev", metavar="REV")
    p.add_argument("--format", choices=("text", "yaml", "json"), default="text")
    p.set_defaults(func=cmd_show)
    p = command("new", "start a new protocol (printed as YAML, to fill in and put)")
    p.add_argument("--council", metavar="SLUG")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--from", dest="from_id", metavar="ID")
    p.set_defaults(func=cmd_new)
    p = command("put", "save a protocol as one commit (validated)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--base", metavar="REV", help="the revision the edit started from")
    p.add_argument("--file", metavar="F", help="read the protocol from F (default: stdin)")
    p.set_defaults(func=cmd_put)
    p = command("log", "history of a protocol, or of the whole archive")
    p.add_argument("id", metavar="ID", nargs="?")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("-n", "--limit", type=int, default=50, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_log)
    p = command("diff", "compare two revisions of a protocol")
    p.add_argument("id", metavar="ID")
    p.add_argument("rev_a", metavar="REV_A")
    p.add_argument("rev_b", metavar="REV_B", nargs="?")
    p.add_argument("--format", choices=("unified", "json"), default="unified")
    p.set_defaults(func=cmd_diff)
    p = command("check", "validate protocols (all, or the ids or files named)")
    p.add_argument("targets", metavar="ID", nargs="*")
    p.set_defaults(func=cmd_check)
    p = command("ssh-key", "who may reach the archive over SSH: one key, one person")
    keys = p.add_subparsers(dest="ssh_action", metavar="ACTION", required=True)

    def key_command(name: str, help_: str) -> argparse.ArgumentParser:
        k = keys.add_parser(name, parents=[common], help=help_, description=help_)
        k.add_argument("--authorized-keys", metavar="FILE",
                       help="the file sshd reads (default: ~/.ssh/authorized_keys)")
        return k

    k = key_command("add", "let a person in with their public key, saving in their name")
    k.add_argument("--name", required=True, help="the person's name, as commits show it")
    k.add_argument("--email", required=True, help="the person's email address")
    k.add_argument("--ui-lang", choices=i18n.LANGUAGES,
                   help="their TUI's language (default: the LANG their ssh sends, else English)")
    k.add_argument("keyfile", metavar="KEYFILE", help="their public key (e.g. id_ed25519.pub)")
    k.set_defaults(func=cmd_ssh_key_add)
    k = key_command("list", "the people who may log in, with their keys")
    k.add_argument("--format", choices=("table", "json"), default="table")
    k.set_defaults(func=cmd_ssh_key_list)
    k = key_command("remove", "take a person's key (or keys) out")
    k.add_argument("--name", help="every key of the person with this name")
    k.add_argument("--email", help="every key of the person with this email address")
    k.add_argument("fingerprint", metavar="FINGERPRINT", nargs="?",
                   help="the key with this fingerprint (SHA256:..., as list shows it)")
    k.set_defaults(func=cmd_ssh_key_remove)
    return parser


def _log_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    path = Path(base) / "brotui"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        path = Path(tempfile.gettempdir())
    return path / "brotui.log"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("repo", "author", "lang", "theme"):
        if not hasattr(args, name):
            setattr(args, name, None)
    i18n.set_language(i18n.choose_language(args.lang))
    func = getattr(args, "func", cmd_tui)
    if getattr(args, "restricted", False) or "SSH_ORIGINAL_COMMAND" in os.environ:
        func = cmd_restricted  # whatever the client asked for is never run nor parsed
    try:
        return func(args)
    except BrotuiError as exc:
        err(exc.message)
        for problem in exc.problems:
            err(problem.format(exc.where))
        return exc.exit_code
    except GitError as exc:
        err(t("err_git", detail=exc.stderr or str(exc)))
        return 1
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
        err(t("err_internal", kind=type(exc).__name__, log=path))
        return 1


if __name__ == "__main__":
    sys.exit(main())
