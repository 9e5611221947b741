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
import sys
from collections.abc import MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from brotui import i18n
from brotui.core.archive import Archive, validate_id
from brotui.core.errors import EXIT_USAGE, BrotuiError, InvalidProtocol, MergeConflict
from brotui.core.git import GitError
from brotui.core.identity import resolve_identity
from brotui.core.model import id_to_path, parse_id, slug_problem
from brotui.core.problems import Problem
from brotui.core.render import Line, local_time
from brotui.core.text import INVISIBLE_RANGES, visible
from brotui.i18n import t

if TYPE_CHECKING:
    from brotui.core.search import Hit

# The codec (and YAML), validation, the diffs, search and rendering are imported by the
# commands that use them: `brotui log` is mostly Python's start, and every import adds to it.

# ------------------------------------------------------------------ output


def out(text: str = "") -> None:
    """Print user text to stdout with control characters made visible."""
    sys.stdout.write(visible(text) + "\n")


def err(text: str) -> None:
    sys.stderr.write(visible(text) + "\n")


_JSON_ESCAPED_RE = re.compile(f"[\x7f-\x9f{''.join(INVISIBLE_RANGES)}]")


def _json_escape(char: str) -> str:
    """A character as a JSON escape (a surrogate pair beyond U+FFFF): the same character
    for a program reading the JSON, visible to a person reading it."""
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"


def out_json(data: Any) -> None:
    """One JSON document on stdout; C1 controls and invisible characters escaped too
    (json leaves them raw)."""
    text = json.dumps(data, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None,
                      default=str)
    sys.stdout.write(_JSON_ESCAPED_RE.sub(lambda m: _json_escape(m.group()), text) + "\n")


def table(rows: list[list[str]], header: list[str], made_visible: bool = False) -> None:
    """Columns as wide as their widest cell, measured as printed: control characters
    written out (`\\x1b` is four columns), wide characters two columns, combining marks
    none. With `made_visible`, the last column is already safe to print (it may hold the
    terminal's bold) and the rest are made so."""
    cells = [[*(visible(c) for c in row[:-1]), row[-1] if made_visible else visible(row[-1])]
             for row in [header, *rows]]
    widths = [max(_columns(r[i]) for r in cells) for i in range(len(header) - 1)]
    for row in cells:
        padded = [c + " " * (w - _columns(c)) for c, w in zip(row, widths, strict=False)]
        sys.stdout.write("  ".join([*padded, row[-1]]).rstrip() + "\n")


def _columns(text: str) -> int:
    """How many terminal columns `text` takes."""
    import unicodedata

    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# ----------------------------------------------------------------- commands


class UsageError(BrotuiError):
    """The command line asks for something that cannot be: exit status 2."""

    exit_code = EXIT_USAGE


def open_archive(args: argparse.Namespace) -> Archive:
    return Archive(args.repo or os.environ.get("BROTUI_REPO") or ".")


def cmd_list(args: argparse.Namespace) -> int:
    from brotui.core.render import status_text

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
    from brotui.core import codec
    from brotui.core.render import render_text

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
        raise InvalidProtocol(t("err_not_shown", where=id_to_path(args.id), id=args.id,
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
    from brotui.core import codec
    from brotui.core.new import blank, following, free_id

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
    if (problem := slug_problem(slug)) is not None:
        raise BrotuiError(problem)
    assert protocol.date is not None
    new_id = free_id((e.id for e in archive.list()), slug, protocol.date)
    sys.stdout.write(codec.dump(protocol))
    err(t("new_hint", id=new_id))
    return 0


def cmd_put(args: argparse.Namespace) -> int:
    from brotui.core.validate import check

    archive = open_archive(args)
    validate_id(args.id)
    if args.file and args.file != "-":
        where = args.file
        data, refused = read_file(args.file)
    else:
        where = "<stdin>"
        data, refused = read_limited(sys.stdin.buffer)
    if data is None:
        raise InvalidProtocol(t("err_invalid", where=where, count=1), refused, where=where)
    parsed = check(data, args.id)
    if not parsed.ok:
        raise InvalidProtocol(t("err_invalid", where=where, count=len(parsed.errors)),
                              parsed.problems, where=where)
    for problem in parsed.problems:
        err(problem.format(where))
    author = resolve_identity(archive.git, args.author)
    assert parsed.protocol is not None
    try:
        result = archive.save(args.id, parsed.protocol, author, base=args.base)
    except MergeConflict as exc:
        from brotui.core.merge import conflict_lines

        err(exc.message)
        for line in conflict_lines(exc.merged.conflicts):  # type: ignore[attr-defined]
            err(line)
        return exc.exit_code
    for note in result.notes:
        err(note)
    if result.changed:
        out(t("saved", id=args.id, commit=result.commit))
        if result.merged:
            from brotui.core import fielddiff

            changes = "; ".join(fielddiff.plain(fielddiff.change_line(c)) for c in result.merged)
            out(t("merged_theirs", changes=changes))
    else:
        out(t("unchanged", id=args.id))
    return 0


def read_limited(stream: BinaryIO) -> tuple[bytes | None, list[Problem]]:
    """At most codec.MAX_BYTES from a stream; more is counted, never kept, and refused."""
    from brotui.core import codec

    data = stream.read(codec.MAX_BYTES + 1)
    if len(data) <= codec.MAX_BYTES:
        return data, []
    size = len(data)
    while chunk := stream.read(1 << 20):
        size += len(chunk)
    return None, [codec.too_large(size)]


def read_file(name: str) -> tuple[bytes | None, list[Problem]]:
    """A protocol file named on the command line, or why it is not read: a symbolic link
    (never followed), a file over codec.MAX_BYTES (never read whole), unreadable."""
    from brotui.core import codec

    link = _link_on_the_way(Path(name))
    if link is not None:
        try:
            target = os.readlink(link)
        except OSError:
            target = ""
        if link != Path(name).absolute():
            message = t("symlink_folder", link=link, target=target)
        else:
            message = t("symlink_target", target=target) if target else t("symlink")
        return None, [Problem("", None, message)]
    try:
        with open(name, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > codec.MAX_BYTES:
                return None, [codec.too_large(size)]
            return read_limited(f)
    except OSError as exc:
        raise BrotuiError(t("err_read_file", path=name, reason=exc.strerror)) from None


def _link_on_the_way(path: Path) -> Path | None:
    """The symbolic link among the file and the folders between it and the `protocols`
    folder it lies in (just the file, outside an archive), or None."""
    parts = path.absolute().parts
    start = max((i for i, part in enumerate(parts) if part == "protocols"), default=None)
    first = len(parts) - 1 if start is None else start + 1
    for i in range(first, len(parts)):
        candidate = Path(*parts[: i + 1])
        if candidate.is_symlink():
            return candidate
    return None


def cmd_log(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    filters = (args.author_filter, args.council, args.since, args.until)
    if args.id is not None:
        if any(f is not None for f in filters) or args.deleted:
            raise UsageError(t("err_log_filters"))
        validate_id(args.id)
        commits = archive.history(args.id, limit=args.limit)
        if not commits:
            archive.read(args.id)  # an unknown id is refused, a known one has no history
        activity = [(c, [c.protocol], []) for c in commits]
    elif args.deleted:
        if any(f is not None for f in filters):
            raise UsageError(t("err_log_filters"))
        return show_deleted(archive.deleted(), args.format)
    else:
        since = _date_arg(args.since) if args.since else None
        until = _date_arg(args.until) if args.until else None
        if since and until and since > until:
            raise BrotuiError(t("err_period", since=since, until=until))
        found = archive.activity(args.limit or 50, skip=args.skip, author=args.author_filter,
                                 council=args.council, since=since, until=until)
        if args.format == "json":
            out_json([a.as_json() for a in found])
            return 0
        activity = [(a.commit, a.ids, [x.id for x in a.touched if x.change == "deleted"])
                    for a in found]
    if args.format == "json":
        out_json([{"commit": c.oid, "author": c.author, "email": c.email,
                   "time": dt.datetime.fromtimestamp(c.time).astimezone().isoformat(),
                   "subject": c.subject, "protocols": ids} for c, ids, _ in activity])
        return 0
    if not activity:
        out(t("no_history") if args.id else t("no_activity"))
        return 0
    if args.id is not None:
        table([[local_time(c.time), c.author, c.short, c.subject] for c, _, _ in activity],
              [t("col_changed"), t("col_author"), t("col_commit"), t("col_message")])
        return 0

    def protocols(ids: list[str], deleted: list[str]) -> str:
        return ", ".join(f"{i} ({t('change_deleted')})" if i in deleted else i for i in ids)

    table([[local_time(c.time), c.author, c.short, protocols(ids, deleted), c.subject]
           for c, ids, deleted in activity],
          [t("col_changed"), t("col_author"), t("col_commit"), t("col_protocol"),
           t("col_message")])
    return 0


def show_deleted(deletions: list[Any], format_: str) -> int:
    """`brotui log --deleted`: each deleted protocol, who deleted it, what to restore."""
    if format_ == "json":
        out_json([d.as_json() for d in deletions])
        return 0
    if not deletions:
        out(t("no_deleted"))
        return 0
    table([[local_time(d.commit.time), d.commit.author, d.id, d.last_revision[:10]]
           for d in deletions],
          [t("col_deleted"), t("col_deleted_by"), t("col_id"), t("col_last_revision")])
    return 0


def cmd_rm(args: argparse.Namespace) -> int:
    from brotui.core.ops import remove

    archive = open_archive(args)
    validate_id(args.id)
    author = resolve_identity(archive.git, args.author)
    result = remove(archive, args.id, author, base=args.base)
    for note in result.notes:
        err(note)
    out(t("deleted_done", id=args.id, commit=result.commit, parent=(result.parent or "")[:10]))
    return 0


def cmd_mv(args: argparse.Namespace) -> int:
    from brotui.core.ops import move

    archive = open_archive(args)
    validate_id(args.id)
    validate_id(args.new_id)
    author = resolve_identity(archive.git, args.author)
    result = move(archive, args.id, args.new_id, author, base=args.base)
    for note in result.notes:
        err(note)
    out(t("moved_done", old=args.id, new=args.new_id, commit=result.commit))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Show the change a restore makes (a unified diff for now), then make it."""
    from brotui.core.diff import unified
    from brotui.core.ops import preview_restore, restore

    archive = open_archive(args)
    validate_id(args.id)
    author = None if args.dry_run else resolve_identity(archive.git, args.author)
    plan = preview_restore(archive, args.id, args.rev)
    if not plan.changed:
        out(t("restore_unchanged", id=args.id, rev=args.rev))
        return 0
    if plan.moves_back:
        out(t("restore_moves_back", current=args.id, id=plan.source_id, rev=args.rev))
    now = (plan.current or b"").decode("utf-8", "replace")
    for line in unified(now, plan.data.decode("utf-8", "replace"),
                        f"{args.id}@{archive.branch}", f"{plan.source_id}@{args.rev}"):
        out(line)
    if args.dry_run:
        err(t("restore_dry_run"))
        return 0
    assert author is not None
    result = restore(archive, args.id, args.rev, author, base=args.base)
    for note in result.notes:
        err(note)
    if result.changed:
        out(t("restored_done", id=result.id, rev=args.rev, commit=result.commit))
    else:
        out(t("restore_unchanged", id=args.id, rev=args.rev))
    return 0


def out_spans(line: Line) -> None:
    """A line of spans: coloured on a terminal that takes colour, else with the
    diff's own marks ([-removed-] {+added+}). User text is made visible either way."""
    from brotui.core import fielddiff

    ansi = {fielddiff.DEL: "31;9", fielddiff.INS: "32;4", fielddiff.OLD: "31",
            fielddiff.NEW: "32", "label": "1", "muted": "2"}
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        out(fielddiff.plain(line))
        return
    text = "".join(f"\x1b[{ansi[role]}m{visible(span)}\x1b[0m" if role in ansi
                   else visible(span) for role, span in line)
    sys.stdout.write(text + "\n")


def cmd_diff(args: argparse.Namespace) -> int:
    from brotui.core import fielddiff
    from brotui.core.diff import unified

    archive = open_archive(args)
    old = archive.read(args.id, args.rev_a)
    new = archive.read(args.id, args.rev_b)
    lines = unified(old.data.decode("utf-8", "replace"), new.data.decode("utf-8", "replace"),
                    f"{args.id}@{args.rev_a}", f"{args.id}@{args.rev_b or archive.branch}")
    a, b = old.parsed(), new.parsed()
    readable = a.ok and b.ok
    changes = fielddiff.diff(a.protocol, b.protocol) if readable else None
    if args.format == "json":
        out_json({"id": args.id, "from": old.commit, "to": new.commit,
                  "changes": None if changes is None else [
                      {**c.as_json(), "text": fielddiff.plain(fielddiff.change_line(c))}
                      for c in changes],
                  "lines": lines})
    elif args.format == "unified" or changes is None:
        if args.format == "semantic":
            err(t("diff_unreadable", id=args.id))
        for line in lines:
            out(line)
    else:
        for spans in fielddiff.lines(changes):
            out_spans(spans)
    return 0


def cmd_blame(args: argparse.Namespace) -> int:
    from brotui.core.blame import blame

    archive = open_archive(args)
    parts = blame(archive, args.id, args.rev)
    if args.format == "json":
        out_json([b.as_json() for b in parts])
        return 0
    if not parts:
        archive.read(args.id, args.rev).parsed()
        err(t("blame_unreadable", id=args.id))
        return 1
    table([[b.label, b.commit.author, local_time(b.commit.time), b.commit.short]
           for b in parts],
          [t("col_part"), t("col_author"), t("col_changed"), t("col_commit")])
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Like grep: 0 when something was found, 1 when nothing was (said on stderr)."""
    from brotui.core.search import Query

    archive = open_archive(args)
    query = Query.from_args(args.text).require()
    if args.history:
        trails = archive.search_history(query)
        if args.format == "json":
            out_json([trail.as_json() for trail in trails])
        elif trails:
            rows = []
            for trail in trails:
                rows += [[trail.id, c.label(), c.commit.short, c.commit.author,
                          local_time(c.commit.time)] for c in trail.changes]
                rows.append([trail.id, t("search_present" if trail.present else "search_absent"),
                             "", "", ""])
            table(rows, [t("col_id"), t("col_change"), t("col_commit"), t("col_author"),
                         t("col_changed")])
            err(t("search_found_history", changes=sum(len(tr.changes) for tr in trails),
                  protocols=len(trails)))
        if not trails:
            err(t("search_nothing_history", query=str(query)))
        return 0 if trails else 1
    hits = archive.search(query)
    if args.format == "json":
        out_json([hit.as_json() for hit in hits])
    elif hits:
        bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        table([[hit.id, hit.part.label(), marked(hit, bold)] for hit in hits],
              [t("col_id"), t("col_part"), t("col_hit")], made_visible=True)
        err(t("search_found", hits=len(hits), protocols=len({hit.id for hit in hits})))
    if not hits:
        err(t("search_nothing", query=str(query)))
    return 0 if hits else 1


def marked(hit: Hit, bold: bool) -> str:
    """A hit's snippet made safe to print, each match in bold (on a terminal) or
    between » and « (anywhere else, readable without colour)."""
    out = []
    for text, is_match in hit.pieces():
        text = visible(text)
        if is_match:
            text = f"\x1b[1m{text}\x1b[22m" if bold else f"»{text}«"
        out.append(text)
    return "".join(out)


def cmd_check(args: argparse.Namespace) -> int:
    from brotui.core.validate import check

    results: list[tuple[str, list[Any]]] = []
    archive_targets = []
    for target in args.targets:
        if target.endswith(".yaml") and os.path.lexists(target):
            data, refused = read_file(target)
            protocol_id = _id_of_file(target)
            problems = refused if data is None else check(data, protocol_id).problems
            if protocol_id is None and "protocols" in Path(target).absolute().parts[:-1]:
                problems.insert(0, Problem("", None, t("bad_filename")))
            results.append((target, problems))
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
    import subprocess

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
    """YYYY-MM-DD in ASCII digits (fromisoformat alone also takes 20200220 and 2020-W08-4)."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BrotuiError(t("bad_date", raw=value)) from None


# ------------------------------------------------------------------ parsing


def build_parser() -> argparse.ArgumentParser:
    def options(author: bool = True) -> argparse.ArgumentParser:
        """The options every command takes (`log` has its own --author: a filter)."""
        common = argparse.ArgumentParser(add_help=False)
        common.add_argument("--repo", metavar="PATH", default=argparse.SUPPRESS,
                            help="the archive (default: BROTUI_REPO, else the current git "
                            "repository)")
        if author:
            common.add_argument("--author", metavar='"NAME <EMAIL>"', default=argparse.SUPPRESS,
                                help="who saves (default: BROTUI_AUTHOR, else git's "
                                "user.name/email)")
        common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
                            help="language (default: BROTUI_LANG, else LANG)")
        common.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS,
                            help="colours of the TUI: ansi (the terminal's own), dark, light, "
                                 "or a Textual theme (default: BROTUI_THEME, else .brotui.yaml)")
        common.add_argument("--restricted", action="store_true", default=argparse.SUPPRESS,
                            help="only the TUI, on --repo, as --author (what an SSH key gets; "
                                 "also on when SSH_ORIGINAL_COMMAND is set)")
        return common

    common, no_author = options(), options(author=False)
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
    # `log` filters by --author (as git log does): it saves nothing, so it takes no identity.
    p = sub.add_parser("log", parents=[no_author], help="history of a protocol, or of the "
                       "whole archive", description="A protocol's history (following its "
                       "moves), or without ID the archive's latest changes.")
    p.add_argument("id", metavar="ID", nargs="?")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--author", dest="author_filter", metavar="TEXT",
                   help="only changes by an author whose name or e-mail contains TEXT")
    p.add_argument("--council", metavar="SLUG", help="only changes to this council's minutes")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only changes on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only changes on or before this day")
    p.add_argument("-n", "--limit", type=_positive, metavar="N",
                   help="at most N changes (default: a protocol's whole history, or the "
                   "archive's latest 50)")
    p.add_argument("--skip", type=_count, default=0, metavar="N",
                   help="leave out the N latest (the next page)")
    p.add_argument("--deleted", action="store_true",
                   help="list deleted protocols, with the revision to restore")
    p.set_defaults(func=cmd_log)
    p = command("rm", "delete a protocol as one commit (it stays in the history)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--base", metavar="REV", help="the revision the decision was made on")
    p.set_defaults(func=cmd_rm)
    p = command("mv", "give a protocol a new id (a date corrected) as one commit")
    p.add_argument("id", metavar="ID")
    p.add_argument("new_id", metavar="NEW_ID")
    p.add_argument("--base", metavar="REV", help="the revision the decision was made on")
    p.set_defaults(func=cmd_mv)
    p = command("restore", "bring a protocol back to an earlier revision as a new commit")
    p.add_argument("id", metavar="ID")
    p.add_argument("rev", metavar="REV")
    p.add_argument("--base", metavar="REV", help="the revision the decision was made on")
    p.add_argument("--dry-run", action="store_true",
                   help="only show what would change; write nothing")
    p.set_defaults(func=cmd_restore)
    p = command("diff", "compare two revisions of a protocol")
    p.add_argument("id", metavar="ID")
    p.add_argument("rev_a", metavar="REV_A")
    p.add_argument("rev_b", metavar="REV_B", nargs="?")
    p.add_argument("--format", choices=("semantic", "unified", "json"), default="semantic")
    p.set_defaults(func=cmd_diff)
    p = command("blame", "who last changed each part of a protocol")
    p.add_argument("id", metavar="ID")
    p.add_argument("--rev", metavar="REV")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_blame)
    p = command("search", "find words or \"phrases\" in the protocols, or in their history")
    p.add_argument("text", metavar="TEXT", nargs="+",
                   help='words (all must occur), or a phrase: "lokala brå"')
    p.add_argument("--history", action="store_true",
                   help="which commits added or removed it, by whom, and whether it is still there")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_search)
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


def _count(value: str) -> int:
    """A whole number, zero or more (argparse type)."""
    if not (value.isascii() and value.isdigit()):
        raise argparse.ArgumentTypeError(f"not a count: {value!r}")
    return int(value)


def _positive(value: str) -> int:
    """A whole number, one or more (argparse type)."""
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a number of one or more: {value!r}")
    return int(value)


def _log_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    path = Path(base) / "brotui"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        path = Path(tempfile.gettempdir())
    return path / "brotui.log"


def speak_utf8() -> None:
    """brotui reads and writes UTF-8 whatever the locale says. A client's locale reaches
    us over SSH (LC_ALL, which sshd accepts): under a Latin-1 one Python would write
    Latin-1 (or fail on what it cannot), and read the arguments, the environment and
    file names as Latin-1 too, so `--author "Åsa Öberg <...>"` became mojibake with C1
    controls in it (refused as no identity). So Python is started again in its UTF-8
    mode, which reads and writes all of them as UTF-8; a person whose terminal really is
    Latin-1 is told to switch it (see tui.driver.InputNotUtf8)."""
    import codecs
    import contextlib
    import locale

    if sys.flags.utf8_mode or sys.platform == "win32":
        return
    if codecs.lookup(locale.getencoding()).name == "utf-8":
        return
    if sys.executable and sys.orig_argv:
        with contextlib.suppress(OSError):
            os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])
    for stream in (sys.stdout, sys.stderr):  # not started again: at least write UTF-8
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        speak_utf8()
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("repo", "author", "lang", "author_filter", "theme"):
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
