"""`brotui ssh-key add/list/remove`: who may reach the archive over SSH, one key one person."""

from __future__ import annotations

import argparse
from pathlib import Path

from brotui.cli.common import UsageError, open_archive
from brotui.cli.output import out, out_json, table
from brotui.core import sshkeys
from brotui.core.errors import BrotuiError
from brotui.i18n import t


def _authorized_keys(args: argparse.Namespace) -> Path:
    return Path(args.authorized_keys) if args.authorized_keys else sshkeys.default_authorized_keys()


def run_add(args: argparse.Namespace) -> int:
    """Give a person's key a line that opens brotui on the archive in their name."""
    identity = sshkeys.checked_identity(args.name, args.email)
    key = sshkeys.read_public_key(args.keyfile)
    archive = open_archive(args)
    repo = str(archive.work_tree or archive.git_dir)
    path = _authorized_keys(args)
    sshkeys.add_person(path, identity, key, repo, lang=args.ui_lang)
    out(t("ssh_added", who=str(identity), type=key.type, fingerprint=key.fingerprint,
          path=str(path), repo=repo))
    return 0


def run_list(args: argparse.Namespace) -> int:
    path = _authorized_keys(args)
    people = sshkeys.list_people(path)
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


def run_remove(args: argparse.Namespace) -> int:
    if args.name is None and args.email is None and args.fingerprint is None:
        raise UsageError(t("ssh_remove_whom"))
    path = _authorized_keys(args)
    removed = sshkeys.remove_people(path, args.name, args.email, args.fingerprint)
    if not removed:
        raise BrotuiError(t("ssh_no_match", path=str(path)))
    for person in removed:
        out(t("ssh_removed", who=f"{person.name} <{person.email}>",
              fingerprint=person.key.fingerprint, path=str(path)))
    return 0
