"""The central server's check: `brotui hook pre-receive` in its bare repository.

git runs the hook before it moves any ref, with one line `OLD NEW REF` per ref on
standard input and the pushed objects readable (in quarantine); a non-zero exit refuses
the whole push, and what the hook writes reaches the pusher as `remote:` lines. The
archive's branch (its `.brotui.yaml` `branch`, else the branch HEAD names) is refused:

- "delete": its deletion; "rewrite": a push that is no fast-forward (history rewritten);
- "layout": a file outside the archive's layout, or one that is not a plain file (a
  link, an executable, a submodule). The layout: protocols/<council>/<date>[-N].yaml;
  attachments protocols/<council>/<date>[-N].files/<name> (a safe name, at most 20 MB);
  `.brotui.yaml` and `.brotui/access.yaml`; README, README.md, README.txt at the root.
  Deleting any file is within the layout;
- "invalid": a protocol that breaks a rule of the schema (each problem with its file,
  line and field, as `brotui check` names it); "settings": a `.brotui.yaml` whose sync
  settings cannot be used; "access-file": an access file that cannot be read;
- "approved": a change to an approved protocol that is neither a signature (only the
  signatures grow) nor a correction (one correction record appended): see
  approved_change_problem;
- "access": a commit whose author may not do what it does, per the access file at the
  branch's tip before the push (so a push cannot grant itself rights): create, edit or
  delete a council's protocol, edit its attachments, or (administer, for "*") change the
  settings, the access file or a README. A merge commit's own changes (files that differ
  from every parent) count as its author's, unless each is exactly the three-way merge
  of its parents that brotui's sync makes: then nobody wrote anything new;
- "access-pusher": where the server says who pushes, and that account is not one of the
  access file's `servers` (which push others' saves), the pusher must be allowed each
  change too. The pusher is read from the environment, first found: BROTUI_PUSHER (set
  by an SSH forced command: `command="env BROTUI_PUSHER=alice git-shell -c
  \\"$SSH_ORIGINAL_COMMAND\\""`; sshd must not accept it from clients), GITEA_PUSHER_EMAIL
  and GITEA_PUSHER_NAME (Gitea, Forgejo), GL_USERNAME (GitLab), GL_USER (gitolite),
  REMOTE_USER (git http-backend behind a web server that logged the user in);
- "ref": any other branch (the archive has one); a tag may only be made, on a commit
  of the branch, never moved or deleted; a justering tag `justerat/<id>` only as an
  annotated tag on a commit where that protocol is approved.

It reads all new commits and their changes in one `git log --raw -c` pass and every
blob it checks in one `cat-file --batch` (plus one merge base per merge commit that
merged a protocol), so it costs milliseconds per commit over Python's start.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from brotui.core.access import ACCESS_FILE, OPEN, Access, Account, access_at, parse_access
from brotui.core.git import ZERO, Git, GitError
from brotui.core.identity import Identity
from brotui.core.justering import rules as justering_rules
from brotui.core.model import Protocol, parse_id, path_to_id
from brotui.core.problems import Problem
from brotui.core.sync.messages import say
from brotui.core.sync.tags import TAGS, tag_problem
from brotui.core.text import first_invisible, visible

SETTINGS_FILE = ".brotui.yaml"
README_FILES = ("README", "README.md", "README.txt")
ATTACHMENT_LIMIT = 20_000_000
MAX_REFUSALS = 100
MAX_PER_FILE = 20
PUSHER_VARIABLES = ("BROTUI_PUSHER", "GITEA_PUSHER_EMAIL", "GITEA_PUSHER_NAME", "GL_USERNAME",
                    "GL_USER", "REMOTE_USER")
_ATTACHMENT_RE = re.compile(r"protocols/(?P<council>[^/]+)/(?P<stem>[^/]+)\.files/(?P<name>[^/]+)")
_APPROVED_RE = re.compile(rb"^status:[ \t]*['\"]?approved['\"]?[ \t]*(?:#.*)?\r?$", re.M)
_AUTHOR_RE = re.compile(rb"^author (?P<name>.*?) <(?P<email>[^<>\n]*)> \d+ [+-]\d{4}$", re.M)


@dataclass(frozen=True)
class Refusal:
    """One reason the push is refused: the rule, a sentence, and where."""

    rule: str
    message: str
    ref: str
    commit: str | None = None
    path: str | None = None
    line: int | None = None
    field: str | None = None
    author: str | None = None

    def format(self, lang: str | None = None) -> str:
        """`file:line: field: sentence (rule R; commit C by A)`, for the pusher's screen."""
        place = ":".join(x for x in (visible(self.path) if self.path else self.ref,
                                     str(self.line) if self.line else "") if x)
        head = f"{place}: {self.field}: " if self.field else f"{place}: "
        who = []
        if self.commit:
            who.append(say("refusal_commit", lang, commit=self.commit[:10],
                           author=visible(self.author or "?")))
        tail = "; ".join([say("refusal_rule", lang, rule=self.rule), *who])
        return f"{head}{self.message} ({tail})"

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "message": self.message, "ref": self.ref,
                "commit": self.commit, "path": self.path, "line": self.line,
                "field": self.field, "author": self.author}


# ---------------------------------------------------------------- rules other code shares


def approved_change_problem(old: Protocol, new: Protocol | None) -> str | None:
    """Why a change from `old` to `new` (None: deleted) may not be made, if `old` is
    approved; None: it may be made. The rule is brotui.core.justering.rules' (the same
    for this server and every archive's writes): signatures may be appended and nothing
    else changed, or one correction record appended (the earlier records untouched)."""
    return justering_rules.approved_change_problem(old, new)


def layout_problem(path: str) -> str | None:
    """Why a file may not be in the archive, None if it may (see the module's text)."""
    if path in (SETTINGS_FILE, ACCESS_FILE, *README_FILES) or path_to_id(path):
        return None
    m = _ATTACHMENT_RE.fullmatch(path)
    if m and parse_id(f"{m['council']}/{m['stem']}"):
        return attachment_name_problem(m["name"])
    return say("layout_outside", path=visible(path))


def attachment_name_problem(name: str) -> str | None:
    """Why an attachment's file name is not safe, None if it is: at most 255 bytes, no
    leading dot, no control or invisible character, no backslash."""
    if name.startswith(".") or "\\" in name or first_invisible(name) is not None \
            or len(name.encode("utf-8", "surrogateescape")) > 255 or not name.strip():
        return say("layout_attachment_name", name=visible(name))
    return None


def pusher_from(env: Mapping[str, str]) -> tuple[Account, str] | None:
    """Who pushes, as the server says (see the module's text), and the variable it said it in."""
    for var in PUSHER_VARIABLES:
        value = (env.get(var) or "").strip()
        if not value:
            continue
        if var == "GITEA_PUSHER_EMAIL":
            return Account(env.get("GITEA_PUSHER_NAME") or None, value), var
        return (Account(None, value) if "@" in value else Account(value, None)), var
    return None


# ---------------------------------------------------------------- reading the push


@dataclass
class _Change:
    path: str
    modes: list[str]  # each parent's mode, then the new one ("000000": absent)
    oids: list[str]  # likewise
    status: str

    @property
    def new(self) -> str | None:
        return None if self.oids[-1].strip("0") == "" else self.oids[-1]

    @property
    def olds(self) -> list[str | None]:
        return [None if o.strip("0") == "" else o for o in self.oids[:-1]]


@dataclass
class _Commit:
    oid: str
    parents: list[str]
    changes: list[_Change] = field(default_factory=list)
    author: Identity | None = None


def _read_commits(git: Git, new: str) -> list[_Commit]:
    """The commits `new` brings (not reachable from any ref yet), oldest first, each with
    the files it changes (a merge: those that differ from every parent)."""
    out = git.run("log", "--reverse", "--raw", "-z", "-c", "--no-renames", "--no-abbrev",
                  "--root", "--format=%x01%H%x00%P", new, "--not", "--all")
    tokens = out.split(b"\0")
    commits: list[_Commit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b"\x01"):
            parents = tokens[i].decode() if i < len(tokens) else ""
            i += 1
            commits.append(_Commit(token[1:].decode(), parents.split()))
        elif token.startswith(b":") and commits:
            colons = len(token) - len(token.lstrip(b":"))
            fields_ = token[colons:].decode().split()
            n = colons + 1
            path = tokens[i].decode("utf-8", "surrogateescape") if i < len(tokens) else ""
            i += 1
            commits[-1].changes.append(_Change(path, fields_[:n], fields_[n:2 * n],
                                               fields_[2 * n] if len(fields_) > 2 * n else ""))
        elif token:
            raise GitError(["log"], 1, "unexpected output while reading the pushed commits")
    return commits


def _author(data: bytes) -> Identity | None:
    header = data.split(b"\n\n", 1)[0]
    m = _AUTHOR_RE.search(header)
    if not m:
        return None
    return Identity(m["name"].decode("utf-8", "replace"), m["email"].decode("utf-8", "replace"))


# ---------------------------------------------------------------- the check


def _branch_ref(git: Git) -> str:
    head = git.try_text("symbolic-ref", "-q", "HEAD") or "refs/heads/main"
    found = git.cat([f"{head}:{SETTINGS_FILE}"])[0]
    if found is not None and found[1] == "blob":
        import yaml

        try:
            settings = yaml.load(found[2], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            settings = None
        branch = settings.get("branch") if isinstance(settings, dict) else None
        if isinstance(branch, str) and branch and not branch.startswith("-"):
            return f"refs/heads/{branch}"
    return head


class _Checker:
    def __init__(self, git: Git, ref: str, access: Access, pusher: Account | None) -> None:
        self.git, self.ref, self.access, self.pusher = git, ref, access, pusher
        self.refusals: list[Refusal] = []
        self._checked: dict[tuple[str, str], tuple[Protocol | None, list[Problem]]] = {}

    def refuse(self, rule: str, message: str, commit: _Commit | None = None,
               path: str | None = None, line: int | None = None,
               field_: str | None = None) -> None:
        author = str(commit.author) if commit and commit.author else None
        self.refusals.append(Refusal(rule, message, self.ref, commit.oid if commit else None,
                                     path, line, field_ or None, author))

    def run(self, commits: list[_Commit]) -> None:
        from brotui.core import codec

        protocol_blobs: set[str] = set()
        attachment_blobs: set[str] = set()
        for c in commits:
            for ch in c.changes:
                if path_to_id(ch.path) or ch.path in (ACCESS_FILE, SETTINGS_FILE):
                    protocol_blobs.update(o for o in (ch.new, *ch.olds) if o)
                elif _ATTACHMENT_RE.fullmatch(ch.path) and ch.new:
                    attachment_blobs.add(ch.new)
        specs = [c.oid for c in commits] + sorted(protocol_blobs)
        found = dict(zip(specs, self.git.cat(specs), strict=True))
        for c in commits:
            obj = found.get(c.oid)
            c.author = _author(obj[2]) if obj else None
        blobs = {oid: obj[2] for oid, obj in found.items() if obj and obj[1] == "blob"}
        sizes = self._sizes(attachment_blobs)
        faithful = self._faithful_merges(commits, blobs)
        for c in commits:
            for ch in c.changes:
                if len(self.refusals) >= MAX_REFUSALS:
                    return
                self._one(c, ch, blobs, sizes, (c.oid, ch.path) in faithful, codec)

    def _sizes(self, oids: set[str]) -> dict[str, int]:
        if not oids:
            return {}
        wanted = sorted(oids)
        out = self.git.run("cat-file", "--batch-check=%(objectname) %(objectsize)",
                           input="".join(o + "\n" for o in wanted).encode())
        sizes = {}
        for line in out.decode().splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                sizes[parts[0]] = int(parts[1])
        return sizes

    def _faithful_merges(self, commits: list[_Commit], blobs: dict[str, bytes]
                         ) -> set[tuple[str, str]]:
        """(commit, path) of each protocol a merge commit holds exactly as brotui's three-way
        merge of its two parents gives it."""
        from brotui.core import codec
        from brotui.core.merge import merge

        todo = [(c, ch) for c in commits if len(c.parents) == 2 for ch in c.changes
                if path_to_id(ch.path) and ch.new and all(ch.olds)]
        if not todo:
            return set()
        bases = {}
        for c in {c.oid: c for c, _ in todo}.values():
            bases[c.oid] = self.git.try_text("merge-base", *c.parents)
        specs = [f"{bases[c.oid]}:{ch.path}" for c, ch in todo if bases[c.oid]]
        base_objs = dict(zip(specs, self.git.cat(specs), strict=True))
        out = set()
        for c, ch in todo:
            base = base_objs.get(f"{bases[c.oid]}:{ch.path}") if bases[c.oid] else None
            sides = [side for o in ch.olds if (side := blobs.get(o or "")) is not None]
            if base is None or base[1] != "blob" or len(sides) != len(ch.olds):
                continue
            loaded = [p for d in (base[2], *sides) if (p := codec.load(d).protocol) is not None]
            if len(loaded) != 1 + len(sides):
                continue
            result = merge(*loaded)
            if not result.conflicts and \
                    codec.dump(result.protocol).encode("utf-8") == blobs.get(ch.new or ""):
                out.add((c.oid, ch.path))
        return out

    def _one(self, c: _Commit, ch: _Change, blobs: dict[str, bytes], sizes: dict[str, int],
             faithful: bool, codec: Any) -> None:
        from brotui.core.sync.settings import settings_problems
        from brotui.core.validate import check

        path, new = ch.path, ch.new
        protocol_id = path_to_id(path)
        if new is not None:
            wrong = layout_problem(path)
            if wrong is not None:
                self.refuse("layout", wrong, c, path)
                return
            if ch.modes[-1] != "100644":
                self.refuse("layout", say("layout_not_file", path=visible(path),
                                          mode=ch.modes[-1]), c, path)
                return
        council, action = "*", "administer"
        new_protocol = None
        if protocol_id is not None:
            council = protocol_id.split("/", 1)[0]
            action = "delete" if new is None else (
                "create" if all(o is None for o in ch.olds) else "edit")
            if new is not None:
                data = blobs.get(new)
                if data is None:
                    self.refuse("invalid", codec.too_large(0).message, c, path)
                    return
                key = (new, protocol_id)
                if key not in self._checked:
                    parsed = check(data, protocol_id)
                    self._checked[key] = (parsed.protocol, parsed.errors)
                new_protocol, errors = self._checked[key]
                for problem in errors[:MAX_PER_FILE]:
                    self.refuse("invalid", problem.message, c, path, problem.line, problem.path)
                if len(errors) > MAX_PER_FILE:
                    self.refuse("invalid", say("refusal_more", count=len(errors) - MAX_PER_FILE),
                                c, path)
                if errors:
                    return
            for old in ch.olds:
                old_data = blobs.get(old or "")
                if old_data is None or not _APPROVED_RE.search(old_data):
                    continue
                old_protocol = codec.load(old_data).protocol
                if old_protocol is None:
                    continue
                reason = approved_change_problem(old_protocol, new_protocol)
                if reason is not None:
                    self.refuse("approved", reason, c, path)
                    return
        elif (m := _ATTACHMENT_RE.fullmatch(path)) is not None:
            council, action = m["council"], "edit"
            if new is not None and sizes.get(new, 0) > ATTACHMENT_LIMIT:
                self.refuse("layout", say("layout_attachment_size", path=visible(path),
                                          limit=ATTACHMENT_LIMIT // 1_000_000), c, path)
                return
        elif path == ACCESS_FILE and new is not None:
            for problem in parse_access(blobs.get(new, b"")).problems:
                if problem.is_error:
                    self.refuse("access-file", problem.message, c, path, problem.line,
                                problem.path)
                    return
        elif path == SETTINGS_FILE and new is not None:
            for sentence in settings_problems(blobs.get(new, b"")):
                self.refuse("settings", sentence, c, path)
            if any(r.commit == c.oid and r.path == path for r in self.refusals):
                return
        if faithful or not self.access.present:
            return
        who = c.author or Identity("?", "?")
        decision = self.access.can(who, action, council)
        if not decision.allowed:
            self.refuse("access", decision.reason, c, path)
            return
        if self.pusher is not None and not self.access.is_server(self.pusher):
            decision = self.access.can(self.pusher, action, council)
            if not decision.allowed:
                self.refuse("access-pusher", say("refusal_pusher", reason=decision.reason),
                            c, path)


def pre_receive(repo: str | Path, lines: Iterable[str], env: Mapping[str, str]
                ) -> list[Refusal]:
    """The refusals for a push to the bare repository `repo`: `lines` are git's standard
    input to the hook (`OLD NEW REF`), `env` the hook's environment (for the pusher; git
    itself runs with the process's environment, which holds git's quarantine). An empty
    list: the push may go in."""
    git = Git(git_dir=str(repo))
    branch = _branch_ref(git)
    refusals: list[Refusal] = []
    updates = []
    for raw in lines:
        parts = raw.split()
        if len(parts) == 3:
            updates.append(parts)
    pusher = pusher_from(env)
    branch_new = {ref: new for _old, new, ref in updates}.get(branch)
    for old, new, ref in updates:
        if ref == branch:
            if new == ZERO or new.strip("0") == "":
                refusals.append(Refusal("delete", say("refusal_delete", branch=_short(ref)), ref))
                continue
            is_new = old.strip("0") == ""
            if not is_new and git.try_text("merge-base", "--is-ancestor", old, new) is None:
                refusals.append(Refusal("rewrite", say("refusal_rewrite", branch=_short(ref)),
                                        ref, new))
                continue
            access = OPEN if is_new else access_at(git, old)
            checker = _Checker(git, ref, access, pusher[0] if pusher else None)
            checker.run(_read_commits(git, new))
            refusals += checker.refusals
        elif ref.startswith("refs/tags/"):
            if old.strip("0") != "" or new.strip("0") == "":
                refusals.append(Refusal("ref", say("refusal_tag_moved", tag=visible(ref)), ref))
                continue
            target = git.try_text("rev-parse", "-q", "--verify", f"{new}^{{commit}}")
            tips = [t for t in (branch_new, git.try_text("rev-parse", "-q", "--verify", branch))
                    if t]
            if target is None or not any(
                    git.try_text("merge-base", "--is-ancestor", target, tip) is not None
                    for tip in tips):
                refusals.append(Refusal("ref", say("refusal_tag_off_branch", tag=visible(ref),
                                                   branch=_short(branch)), ref, new))
            elif ref.startswith(TAGS) and (wrong := tag_problem(git, ref, new, target)):
                refusals.append(Refusal("ref", wrong, ref, new))
        else:
            refusals.append(Refusal("ref", say("refusal_other_ref", ref=visible(ref),
                                               branch=_short(branch)), ref))
    return refusals[:MAX_REFUSALS]


def _short(ref: str) -> str:
    return visible(ref.removeprefix("refs/heads/"))


def hook_language(repo: str | Path, env: Mapping[str, str]) -> str:
    """The language of the hook's sentences: the archive's `language`, else BROTUI_LANG,
    else Swedish."""
    git = Git(git_dir=str(repo))
    head = git.try_text("symbolic-ref", "-q", "HEAD") or "refs/heads/main"
    found = git.cat([f"{head}:{SETTINGS_FILE}"])[0]
    if found is not None and found[1] == "blob":
        m = re.search(rb"^language:[ \t]*['\"]?(sv|en)\b", found[2], re.M)
        if m:
            return m[1].decode()
    lang = (env.get("BROTUI_LANG") or "")[:2].lower()
    return lang if lang in ("sv", "en") else "sv"


def run_pre_receive(stdin: IO[bytes], stderr: IO[str], env: Mapping[str, str],
                    repo: str | Path | None = None) -> int:
    """`brotui hook pre-receive`: read git's lines, write each refusal to stderr (which git
    shows the pusher), return the exit status (0: the push may go in, 1: refused). It
    never fails open: if the check itself cannot run, the push is refused, saying why."""
    from brotui import i18n

    where = repo or env.get("GIT_DIR") or "."
    try:
        lang = hook_language(where, env)
        i18n.set_language(lang)
        lines = stdin.read().decode("utf-8", "replace").splitlines()
        refusals = pre_receive(where, lines, env)
    except Exception as exc:  # fail closed, with a sentence, never a traceback
        reason = exc.reason if isinstance(exc, GitError) else visible(str(exc))
        stderr.write(say("refusal_crashed", None, reason=reason) + "\n")
        return 1
    if not refusals:
        return 0
    stderr.write(say("refusal_head", lang, count=len(refusals)) + "\n")
    for refusal in refusals:
        stderr.write(refusal.format(lang) + "\n")
    return 1


def hook_script(command: list[str]) -> str:
    """The text of a `hooks/pre-receive` file that runs `command` (e.g. ["brotui", "hook",
    "pre-receive"], or a full path to it)."""
    import shlex

    return ("#!/bin/sh\n# brotui: the central server's check of every push (see brotui.core.hook)\n"
            f"exec {' '.join(shlex.quote(c) for c in command)}\n")


def install(repo: str | Path, command: list[str] | None = None) -> Path:
    """Install the hook in a bare repository (default command: this Python running
    `brotui hook pre-receive`); the hook file's path."""
    command = command or [sys.executable, "-m", "brotui", "hook", "pre-receive"]
    target = Path(repo) / "hooks" / "pre-receive"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(hook_script(command), "utf-8")
    target.chmod(0o755)
    return target
