"""The command line's grammar. Each sub-command is known by its name (`args.command`,
and `args.ssh_action` under `ssh-key`): the parser imports no command, so that
`brotui.cli.main` imports only the one asked for.

`parse` builds only the sub-command a command line names (argparse spends ~0.1 ms on
each argument it is told of, 136 in all: most of a short command's own time), and the
whole grammar when that guess does not parse (help, a mistake, a value that reads like
a command's name), so that what is printed is always the whole grammar's."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from brotui import i18n
from brotui.cli.commands.grammar import add_commands

COMMANDS = frozenset((
    "init", "demo", "list", "show", "new", "put", "log", "rm", "mv", "restore", "diff",
    "blame", "search", "check", "export", "import", "attach", "detach", "attachments", "sync",
    "hook", "review", "sign", "correct", "verify", "ssh-key"))


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The command line read by the grammar of the one command it names, else by the
    whole grammar (which prints help and mistakes as always)."""
    name = next((word for word in argv if word in COMMANDS), None)
    if name is not None and not {"-h", "--help"} & set(argv):
        try:
            args = build_parser(only=name, parser_class=_Trial).parse_args(argv)
            if args.command == name:
                return args
        except _NotThis:
            pass
    return build_parser().parse_args(argv)


class _NotThis(Exception):
    """The trial grammar could not read the command line."""


class _Unprinted(argparse.HelpFormatter):
    """The trial grammar's formatter: it never prints, so it need not ask the terminal's
    width (argparse makes one per argument, and `shutil` would be imported for it)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=80)


class _Trial(argparse.ArgumentParser):
    """A grammar that says nothing when it cannot read a command line: the whole one will."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Unprinted)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise _NotThis(message)


class _Unused:
    """A sub-command's grammar not built (`build_parser(only=...)`): told of its
    arguments, it keeps none."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        return None

    def add_subparsers(self, *args: Any, **kwargs: Any) -> _Unused:
        return self

    def add_parser(self, *args: Any, **kwargs: Any) -> _Unused:
        return self


def build_parser(only: str | None = None,
                 parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
                 ) -> argparse.ArgumentParser:
    """The whole grammar, or with `only` the top level and that one sub-command."""
    def options(author: bool = True) -> argparse.ArgumentParser:
        """The options every command takes (`log` has its own --author: a filter)."""
        common = parser_class(add_help=False)
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
    parser = parser_class(
        prog="brotui", parents=[common],
        description="Minutes of a crime-prevention council, kept in git.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_: str, parents: argparse.ArgumentParser = common,
                description: str | None = None) -> Any:
        if only is not None and name != only:
            return _Unused()
        return sub.add_parser(name, parents=[parents], help=help_,
                              description=description or help_)

    p = command("init", "make a new, empty archive")
    p.add_argument("path", metavar="PATH")
    p = command("demo", "make an example archive with history and open it")
    p.add_argument("path", metavar="PATH", nargs="?")
    p = command("list", "list the protocols")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--state", choices=("draft", "review", "approved"),
                   help="only the minutes in this state of their justering")
    p = command("show", "show a protocol")
    p.add_argument("id", metavar="ID")
    p.add_argument("--rev", metavar="REV")
    p.add_argument("--format", choices=("text", "yaml", "json"), default="text")
    p = command("new", "start a new protocol (printed as YAML, to fill in and put)")
    p.add_argument("--council", metavar="SLUG")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--from", dest="from_id", metavar="ID")
    p = command("put", "save a protocol as one commit (validated)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--base", metavar="REV", help="the revision the edit started from")
    p.add_argument("--file", metavar="F", help="read the protocol from F (default: stdin)")
    # `log` filters by --author (as git log does): it saves nothing, so it takes no identity.
    p = command("log", "history of a protocol, or of the whole archive", parents=no_author,
                description="A protocol's history (following its moves), or without ID the "
                "archive's latest changes.")
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
    p = command("rm", "delete a protocol as one commit (it stays in the history)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--base", metavar="REV", help="the revision the decision was made on")
    p = command("mv", "give a protocol a new id (a date corrected) as one commit")
    p.add_argument("id", metavar="ID")
    p.add_argument("new_id", metavar="NEW_ID")
    p.add_argument("--base", metavar="REV", help="the revision the decision was made on")
    p = command("restore", "bring a protocol back to an earlier revision as a new commit")
    p.add_argument("id", metavar="ID")
    p.add_argument("rev", metavar="REV")
    p.add_argument("--base", metavar="REV", help="the revision the decision was made on")
    p.add_argument("--dry-run", action="store_true",
                   help="only show what would change; write nothing")
    p = command("diff", "compare two revisions of a protocol")
    p.add_argument("id", metavar="ID")
    p.add_argument("rev_a", metavar="REV_A")
    p.add_argument("rev_b", metavar="REV_B", nargs="?")
    p.add_argument("--format", choices=("semantic", "unified", "json"), default="semantic")
    p = command("blame", "who last changed each part of a protocol")
    p.add_argument("id", metavar="ID")
    p.add_argument("--rev", metavar="REV")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p = command("search", "find words or \"phrases\" in the protocols, or in their history")
    p.add_argument("text", metavar="TEXT", nargs="+",
                   help='words (all must occur), or a phrase: "lokala brå"')
    p.add_argument("--history", action="store_true",
                   help="which commits added or removed it, by whom, and whether it is still there")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p = command("check", "validate protocols (all, or the ids or files named)")
    p.add_argument("targets", metavar="ID", nargs="*")
    p.add_argument("--public", action="store_true", help="what would leak in a public copy")
    add_commands(command, common)  # export, import, attach, detach, attachments, sync, hook
    _justering(command)
    p = command("ssh-key", "who may reach the archive over SSH: one key, one person")
    keys = p.add_subparsers(dest="ssh_action", metavar="ACTION", required=True)

    def key_command(name: str, help_: str) -> Any:
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
    k = key_command("list", "the people who may log in, with their keys")
    k.add_argument("--format", choices=("table", "json"), default="table")
    k = key_command("remove", "take a person's key (or keys) out")
    k.add_argument("--name", help="every key of the person with this name")
    k.add_argument("--email", help="every key of the person with this email address")
    k.add_argument("fingerprint", metavar="FINGERPRINT", nargs="?",
                   help="the key with this fingerprint (SHA256:..., as list shows it)")
    return parser


def _justering(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """`review`, `sign`, `correct` and `verify` (issue 14)."""
    p = command("review", "send minutes for justering (the chair and adjusters sign them)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--base", metavar="REV", help="the revision the decision was made on")
    p = command("sign", "sign minutes (or one item) as the person you are")
    p.add_argument("id", metavar="ID")
    p.add_argument("--item", type=_item, metavar="N",
                   help="sign only item N at once (omedelbar justering); an extra item by "
                   "number and letter: 17a")
    p.add_argument("--content", metavar="ID",
                   help="the content you read (as `brotui list --state review --format json` "
                   "names it)")
    p.add_argument("--base", metavar="REV", help="the revision you read")
    p = command("correct", "a correction (rättelse) of justerade minutes, with its reason")
    p.add_argument("id", metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why it is corrected")
    p.add_argument("--file", metavar="F", help="the corrected protocol (default: stdin)")
    p.add_argument("--base", metavar="REV", help="the revision the correction started from")
    p = command("verify", "check that signatures, content and tags of approved minutes hold")
    p.add_argument("targets", metavar="ID|FILE.pdf", nargs="*")
    p.add_argument("--format", choices=("table", "json"), default="table")


def _count(value: str) -> int:
    """A whole number, zero or more (argparse type)."""
    if not (value.isascii() and value.isdigit()):
        raise argparse.ArgumentTypeError(f"not a count: {value!r}")
    return int(value)


def _item(value: str) -> int | str:
    """An item: 17, "§ 17", "17a", "17 a" (argparse type), as model.Item.key has it."""
    from brotui.core.model import item_key

    key = item_key(value)
    if key is None:
        raise argparse.ArgumentTypeError(f"not an item (17 or 17a): {value!r}")
    return key


def _positive(value: str) -> int:
    """A whole number, one or more (argparse type)."""
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a number of one or more: {value!r}")
    return int(value)
