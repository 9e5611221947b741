"""Who may do what: the archive's committed access file, `.brotui/access.yaml`.

    # .brotui/access.yaml
    servers: [district-a, district-b]   # accounts that push others' saves (district servers)
    councils:
      "*":                              # every council
        administrators: [anna.admin@stockholm.se]
        readers: ["*"]                  # "*": everyone who can reach the archive
      hagersten-liljeholmen:
        editors: [clas.cederlid@stockholm.se, eva.ek@stockholm.se]
        readers: [martin.hammerli@polisen.se]

People are named by e-mail address (what a commit's author carries) or by account name
(what a server knows a pusher by: a gitolite, Gitea or HTTP user), in any letter case.
A person's roles in a council are those given there and under "*", together:

    readers          read
    editors          read, edit, create, delete, restore
    administrators   all of these, and administer (the settings, the access file)
    sign             not a role: the chair and the adjusters a protocol names may sign
                     it, if they may read the council (issue 14 builds on this)

No access file: everyone who can reach the archive may do everything (as before there
was one). A file that cannot be read refuses everything, with the problem named, until
it is fixed (with git, by an administrator): a broken file must not open the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from brotui.core.problems import Problem
from brotui.core.sync.messages import say
from brotui.core.text import visible

ACCESS_FILE = ".brotui/access.yaml"
ACTIONS = ("read", "edit", "create", "delete", "restore", "sign", "administer")
ROLES = ("readers", "editors", "administrators")
ALL = "*"
_GRANTS = {
    "readers": {"read"},
    "editors": {"read", "edit", "create", "delete", "restore"},
    "administrators": {"read", "edit", "create", "delete", "restore", "administer"},
}


@dataclass(frozen=True)
class Decision:
    """Whether a person may do something, and a sentence that says why (or why not)."""

    allowed: bool
    reason: str
    rule: str  # "open" (no file), "role", "signer", "not-named", "reader", "admin-only",
    # "not-signer", "access-file" (the file cannot be read)

    def __bool__(self) -> bool:
        return self.allowed


@dataclass(frozen=True)
class Account:
    """Someone a server knows by an account name and/or an e-mail address (a pusher)."""

    name: str | None = None
    email: str | None = None

    def __str__(self) -> str:
        return self.email or self.name or "?"


def _keys(person: Any) -> set[str]:
    """The names an access file may give a person by: e-mail address and account name."""
    if isinstance(person, str):
        return {person.strip().casefold()} if person.strip() else set()
    keys = set()
    for attr in ("email", "account"):
        value = getattr(person, attr, None)
        if isinstance(value, str) and value.strip():
            keys.add(value.strip().casefold())
    if isinstance(person, Account) and person.name:
        keys.add(person.name.strip().casefold())
    return keys


def _shown(person: Any) -> str:
    return visible(str(person))


def _signer_name(person: Any) -> str | None:
    if isinstance(person, Account | str):
        return None
    name = getattr(person, "name", None)
    return " ".join(name.split()).casefold() if isinstance(name, str) else None


@dataclass
class Access:
    """A read access file (or its absence: `present` False)."""

    present: bool = False
    servers: frozenset[str] = frozenset()
    councils: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return any(p.is_error for p in self.problems)

    def is_server(self, person: Any) -> bool:
        """Whether `person` is an account that pushes others' saves (`servers:`)."""
        return bool(_keys(person) & self.servers)

    def roles(self, person: Any, council: str) -> set[str]:
        """The roles `person` has in `council` (with those under "*")."""
        keys = _keys(person)
        found = set()
        for where in dict.fromkeys((ALL, council)):
            for role, people in self.councils.get(where, {}).items():
                if ALL in people or keys & people:
                    found.add(role)
        return found

    def can(self, person: Any, action: str, council: str, protocol: Any = None) -> Decision:
        """May `person` (an Identity, an Account, or an e-mail or account name) do `action`
        (read, edit, create, delete, restore, sign, administer) in `council` (a slug, or
        "*" for the archive as a whole)? `protocol` (a model.Protocol) is needed for sign:
        its chair and adjusters may sign it."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if not self.present:
            return Decision(True, say("access_open"), "open")
        if self.broken:
            first = next(p for p in self.problems if p.is_error)
            return Decision(False, say("access_broken", file=ACCESS_FILE,
                                       problem=first.format(ACCESS_FILE)), "access-file")
        who, verb = _shown(person), say(f"verb_{action}")
        where = say("council_all") if council == ALL else council
        roles = self.roles(person, council)
        if action == "sign":
            if protocol is None:
                raise ValueError("sign needs the protocol")
            if not roles:
                return Decision(False, say("access_not_named", person=who, council=where,
                                           verb=verb, file=ACCESS_FILE), "not-named")
            signers = [protocol.chair, *protocol.adjusters]
            name = _signer_name(person)
            if name and any(isinstance(s, str) and " ".join(s.split()).casefold() == name
                            for s in signers):
                return Decision(True, say("access_signer", person=who), "signer")
            return Decision(False, say("access_not_signer", person=who), "not-signer")
        if action == "administer" and council == ALL:
            roles = {r for r, people in self.councils.get(ALL, {}).items()
                     if ALL in people or _keys(person) & people}
        granted = [r for r in ROLES if r in roles and action in _GRANTS[r]]
        if granted:
            return Decision(True, say(f"access_as_{granted[0]}", person=who, council=where),
                            "role")
        if action == "administer":
            return Decision(False, say("access_admin_only", person=who, council=where,
                                       file=ACCESS_FILE), "admin-only")
        if not roles:
            return Decision(False, say("access_not_named", person=who, council=where,
                                       verb=verb, file=ACCESS_FILE), "not-named")
        return Decision(False, say("access_reader", person=who, council=where, verb=verb,
                                   file=ACCESS_FILE), "reader")


OPEN = Access()


def parse_access(data: bytes) -> Access:
    """An access file's content as an Access; its problems (with lines) in `problems`."""
    import yaml

    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnicodeDecodeError:
        return Access(True, problems=[Problem.sentence("", None, say("access_not_utf8"))])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return Access(True, problems=[Problem.sentence("", mark.line + 1 if mark else None,
                                              say("access_unreadable"))])

    def line(n: Any) -> int:
        return int(n.start_mark.line) + 1

    def names(n: Any, path: str) -> frozenset[str]:
        if not isinstance(n, yaml.SequenceNode):
            problems.append(Problem.sentence(path, line(n), say("access_want_list")))
            return frozenset()
        out = set()
        for i, item in enumerate(n.value):
            if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str" \
                    or not item.value.strip():
                problems.append(Problem.sentence(f"{path}[{i}]", line(item),
                                                 say("access_want_name")))
            else:
                out.add(item.value.strip().casefold())
        return frozenset(out)

    if node is None:
        return Access(True)
    if not isinstance(node, yaml.MappingNode):
        return Access(True, problems=[Problem.sentence("", line(node), say("access_want_map"))])
    servers: frozenset[str] = frozenset()
    councils: dict[str, dict[str, frozenset[str]]] = {}
    from brotui.core.model import slug_problem

    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name == "servers":
            servers = names(value, "servers")
        elif name == "councils":
            if not isinstance(value, yaml.MappingNode):
                problems.append(Problem.sentence("councils", line(value), say("access_want_map")))
                continue
            for ckey, cvalue in value.value:
                slug = ckey.value if isinstance(ckey, yaml.ScalarNode) else ""
                if slug != ALL and slug_problem(str(slug)) is not None:
                    problems.append(Problem.sentence(f"councils.{visible(str(slug))}", line(ckey),
                                            say("access_bad_council", council=visible(slug))))
                    continue
                if not isinstance(cvalue, yaml.MappingNode):
                    problems.append(Problem.sentence(f"councils.{slug}", line(cvalue),
                                            say("access_want_map")))
                    continue
                roles: dict[str, frozenset[str]] = {}
                for rkey, rvalue in cvalue.value:
                    role = rkey.value if isinstance(rkey, yaml.ScalarNode) else ""
                    if role not in ROLES:
                        problems.append(Problem.sentence(f"councils.{slug}.{visible(str(role))}",
                                                line(rkey), say("access_bad_role",
                                                                role=visible(str(role)))))
                        continue
                    roles[role] = names(rvalue, f"councils.{slug}.{role}")
                councils[slug] = roles
        else:
            problems.append(Problem.sentence(visible(str(name)), line(key),
                                    say("access_unknown_key", key=visible(str(name))),
                                    severity="warning"))
    return Access(True, servers, councils, problems)


def access_at(git: Any, commit: str | None) -> Access:
    """The access file at a commit (brotui.core.git.Git), OPEN if it has none."""
    if commit is None:
        return OPEN
    (found,) = git.cat([f"{commit}:{ACCESS_FILE}"])
    if found is None or found[1] != "blob":
        return OPEN
    return parse_access(found[2])


def for_archive(archive: Any) -> Access:
    """The access file at the archive's branch tip (brotui.core.archive.Archive)."""
    return access_at(archive.git, archive.tip())


def require(archive: Any, person: Any, action: str, council: str,
            protocol: Any = None) -> Decision:
    """`can` for the archive's own access file, raising BrotuiError with the reason when
    the answer is no: what the command line and the TUI call before each write."""
    from brotui.core.errors import BrotuiError

    decision = for_archive(archive).can(person, action, council, protocol)
    if not decision.allowed:
        raise BrotuiError(decision.reason)
    return decision


def write_refusal(data: bytes, person: Any, changes: list[tuple[str, bool, bool]],
                  action: str | None = None, protocol: Any = None) -> str | None:
    """Why `person` may not make a commit, per the access file `data` at the tip it is
    made on, or None when they may: the check of every brotui write (commit.commit_change
    asks it under the save lock, so the command line and the TUI share it). `changes` are
    the commit's (path, there before, there after) under protocols/. What each asks, as
    the central hook asks it: a protocol's file created, changed or deleted ("create",
    "edit", "delete"), an attachment's file added, replaced or removed ("edit" of its
    protocol's council). `action` names what the write is when the path does not tell
    ("restore"; "sign", for which the chair and adjusters of `protocol` may)."""
    from brotui.core.attachments.paths import owner_of
    from brotui.core.model import path_to_id

    rules = parse_access(data)
    asked: dict[tuple[str, str], None] = {}
    for path, before, after in changes:
        protocol_id = path_to_id(path)
        owner = protocol_id or owner_of(path)
        if owner is None:
            continue
        council = owner.split("/", 1)[0]
        if action is not None:
            asked[(council, action)] = None
        elif protocol_id is not None:
            asked[(council, "delete" if not after else "create" if not before else "edit")] \
                = None
        elif not any(c == council for c, _ in asked):
            asked[(council, "edit")] = None
    for council, what in asked:
        decision = rules.can(person, what, council, protocol)
        if not decision.allowed:
            return decision.reason
    return None
