"""Thin, explicit calls to the git binary.

We call git's plumbing directly rather than through GitPython: a save is five
plumbing commands whose exact arguments matter (compare-and-swap on the ref,
author and committer in the environment), reading thousands of blobs is one
`cat-file --batch`, and importing GitPython alone costs `brotui list` ~70 ms.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO

from brotui.core.text import visible

ZERO = "0" * 40
# Each git command runs in a session of its own: a signal to brotui's process group (a
# dropped SSH connection, Ctrl-C, a kill of the group) never stops git half-way through
# writing an object, a ref or the index and leaves none of its lock files behind. Each
# command is short; brotui waits for it or, if brotui is gone, it finishes alone.
# (Each call below passes it by name, so that the type checker sees it.)
_DETACHED = True


class GitError(Exception):
    """A git command failed; `stderr` holds what git said."""

    def __init__(self, args: list[str], code: int, stderr: str) -> None:
        self.args_ = args
        self.code = code
        self.stderr = stderr.strip()
        super().__init__(f"git {' '.join(args)}: {self.stderr or f'exit {code}'}")

    @property
    def reason(self) -> str:
        """What git said, as one line for people: its `fatal:`/`error:` prefixes and its
        hints left out, control characters made visible (a hook's output is anyone's)."""
        lines = []
        for line in self.stderr.splitlines():
            line = line.strip()
            if not line or line.startswith("hint:"):
                continue
            lines.append(_PREFIX_RE.sub("", line).rstrip("."))
        return visible("; ".join(dict.fromkeys(lines)) or f"exit {self.code}")

    @property
    def lock_file(self) -> str | None:
        """The lock file git could not create because it exists (`….lock`), if that is
        why it failed: another git holds it, or one was killed and left it behind."""
        found = _LOCK_RE.search(self.stderr)
        return found["path"] if found else None


class GitTimeout(GitError):
    """A git command did not finish within its time (a server that does not answer); it
    was stopped, with every process it started."""


class UnreadableObject(GitError):
    """git cannot read an object a tree names: its file under `objects/` is gone, empty or
    corrupt (a full or failing disk, a copy cut short). `oid` is the object, `path` the
    file in the archive that names it ("" when unknown), `git_dir` where it should be."""

    def __init__(self, git_dir: str, oid: str, path: str = "", *,
                 args: list[str] | None = None, code: int = 0, stderr: str = "") -> None:
        super().__init__(args or ["cat-file", oid], code,
                         stderr or f"object {oid} is missing or corrupt")
        self.git_dir = git_dir
        self.oid = oid
        self.path = path

    @property
    def object_file(self) -> str:
        """Where the damage is: the object's own file (`<git dir>/objects/ab/cdef…`) if it
        is there, else the folder of objects (it was packed, or the file is gone)."""
        loose = os.path.join(self.git_dir, "objects", self.oid[:2], self.oid[2:])
        return loose if os.path.lexists(loose) else os.path.join(self.git_dir, "objects")


_PREFIX_RE = re.compile(r"^(?:fatal|error|warning): ")
_UNREADABLE_RE = re.compile(r"(?:unable to read|loose object|unable to unpack|"
                            r"failed to read object) (?P<oid>[0-9a-f]{40,64})\b")
_LOCK_RE = re.compile(r"Unable to create '(?P<path>[^'\n]+\.lock)': File exists")


def _env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    # Our output is parsed: no pager, no localised messages, no prompts. Paths are
    # paths, never patterns: a file name may hold `[` or `*`.
    env.update({"GIT_PAGER": "cat", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0",
                "GIT_LITERAL_PATHSPECS": "1"})
    env.pop("GIT_INDEX_FILE", None)
    if extra:
        env.update(extra)
    return env


@dataclass
class Git:
    """git commands run against one repository (its git directory)."""

    git_dir: str
    work_tree: str | None = None

    def _base(self) -> list[str]:
        base = ["git", f"--git-dir={self.git_dir}"]
        if self.work_tree:
            base.append(f"--work-tree={self.work_tree}")
        return base

    def run(self, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None,
            check: bool = True) -> bytes:
        """Run a git command and return its stdout; raise GitError on failure."""
        proc = subprocess.run(
            [*self._base(), *args], input=input, capture_output=True, env=_env(env),
            stdin=None if input is not None else subprocess.DEVNULL, start_new_session=_DETACHED,
        )
        if check and proc.returncode != 0:
            said = proc.stderr.decode("utf-8", "replace")
            found = _UNREADABLE_RE.search(said)
            if found:  # the archive's files are damaged: say which object
                raise UnreadableObject(self.git_dir, found["oid"], args=list(args),
                                       code=proc.returncode, stderr=said)
            raise GitError(list(args), proc.returncode, said)
        return proc.stdout

    def text(self, *args: str, input: bytes | None = None,
             env: Mapping[str, str] | None = None, check: bool = True) -> str:
        return self.run(*args, input=input, env=env, check=check).decode("utf-8", "replace")

    def try_text(self, *args: str) -> str | None:
        """stdout of a command that may fail (a missing ref, an unset config), else None."""
        proc = subprocess.run([*self._base(), *args], capture_output=True, env=_env(None),
                              stdin=subprocess.DEVNULL, start_new_session=_DETACHED)
        return proc.stdout.decode("utf-8", "replace").strip() if proc.returncode == 0 else None

    def call(self, *args: str, env: Mapping[str, str] | None = None,
             timeout: float | None = None) -> subprocess.CompletedProcess[bytes]:
        """Run a git command that talks to another machine (fetch, push) and return its exit
        status, stdout and stderr whatever they are. Past `timeout` seconds the command and
        every process it started (ssh, git-remote-http: its session) are killed and
        GitTimeout is raised."""
        proc = subprocess.Popen([*self._base(), *args], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(env),
                                start_new_session=_DETACHED)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise GitTimeout(list(args), -signal.SIGKILL,
                             f"no answer within {timeout:g} s") from None
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)

    def popen(self, *args: str, stderr: bool = False) -> subprocess.Popen[bytes]:
        """A git command whose output is read as it comes (and its errors, if `stderr`:
        read them once the output has ended; a command saying more than a pipe holds
        there would wait)."""
        return subprocess.Popen([*self._base(), *args], stdout=subprocess.PIPE,
                                stdin=subprocess.DEVNULL,
                                stderr=subprocess.PIPE if stderr else subprocess.DEVNULL,
                                env=_env(None), start_new_session=_DETACHED)

    def cat_process(self) -> subprocess.Popen[bytes]:
        """A `cat-file --batch` to write names to and read objects from as they come (one
        thread writing, another reading: see read_batch)."""
        return subprocess.Popen([*self._base(), "cat-file", "--batch"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=_env(None), start_new_session=_DETACHED)

    def objects(self) -> ObjectReader:
        """One `cat-file --batch-command` to ask questions of one after another, each
        answer deciding the next (`with git.objects() as objects:`)."""
        return ObjectReader(subprocess.Popen(
            [*self._base(), "cat-file", "--batch-command"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env(None),
            start_new_session=_DETACHED), self.git_dir)

    def cat(self, specs: list[str]) -> list[tuple[str, str, bytes] | None]:
        """(oid, type, content) of each object (`rev:path`, an oid...) in one
        `cat-file --batch` process; None for what does not exist."""
        if not specs:
            return []
        out = self.run("cat-file", "--batch", input="".join(s + "\n" for s in specs).encode())
        result: list[tuple[str, str, bytes] | None] = []
        pos = 0
        for spec in specs:
            end = out.find(b"\n", pos)
            if end < 0:  # git stopped short of the answer
                raise UnreadableObject(self.git_dir, spec)
            header = out[pos:end].split()
            pos = end + 1
            # `<spec> missing` (also what git says of an object it cannot read),
            # `<spec> ambiguous`: no content follows.
            if len(header) != 3:
                result.append(None)
                continue
            if not header[2].isdigit():
                raise UnreadableObject(self.git_dir, spec)
            size = int(header[2])
            result.append((header[0].decode(), header[1].decode(), out[pos : pos + size]))
            pos += size + 1
        return result

    def exists(self, specs: list[str]) -> list[bool]:
        """Whether each object (`rev:path`, an oid...) exists, in one `cat-file --batch-check`."""
        if not specs:
            return []
        out = self.run("cat-file", "--batch-check=%(objecttype)",
                       input="".join(s + "\n" for s in specs).encode())
        return [not line.endswith(b" missing") and line != b"" for line in out.split(b"\n")
                ][:len(specs)]

    def sizes(self, named: Mapping[str, str]) -> dict[str, int]:
        """The size of each object of `named` (id -> the file that names it), in one
        `cat-file --batch-check`: what `ls-tree -l` says, for only the objects asked
        about. The ids come from trees, so each must exist: one git cannot read is
        UnreadableObject naming it and its file (as `ls-tree -l`'s `BAD`)."""
        wanted = list(named)
        if not wanted:
            return {}
        out = self.run("cat-file", "--batch-check=%(objectsize)",
                       input="".join(oid + "\n" for oid in wanted).encode())
        lines = out.split(b"\n")
        found: dict[str, int] = {}
        for index, oid in enumerate(wanted):
            line = lines[index] if index < len(lines) else b""
            if not line.isdigit():  # `<oid> missing`: git cannot read it
                raise UnreadableObject(self.git_dir, oid, named[oid])
            found[oid] = int(line)
        return found

    def cat_blobs(self, oids: Iterable[str]) -> dict[str, bytes]:
        """The contents of many blobs, by id, in one `cat-file --batch` process. The ids
        come from trees, so each must exist: one git cannot read is UnreadableObject."""
        wanted = list(dict.fromkeys(oids))
        found: dict[str, bytes] = {}
        for oid, obj in zip(wanted, self.cat(wanted), strict=True):
            if obj is None:
                raise UnreadableObject(self.git_dir, oid)
            found[oid] = obj[2]
        return found

    @contextlib.contextmanager
    def mktree_batch(self) -> Iterator[Callable[[dict[bytes, tuple[str, str]]], str]]:
        """A function that writes a tree (name -> (mode, oid)) and returns its id; all
        trees go through one `git mktree --batch` process."""
        proc = subprocess.Popen([*self._base(), "mktree", "-z", "--batch"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=_env(None),
                                start_new_session=_DETACHED)
        stdin, stdout, stderr = proc.stdin, proc.stdout, proc.stderr
        assert stdin is not None and stdout is not None and stderr is not None

        def write(entries: dict[bytes, tuple[str, str]]) -> str:
            for name, (mode, oid) in entries.items():
                kind = {"40000": "tree", "040000": "tree", "160000": "commit"}.get(mode, "blob")
                stdin.write(f"{mode} {kind} {oid}\t".encode() + name + b"\0")
            stdin.write(b"\0")
            stdin.flush()
            line = stdout.readline().strip().decode()
            if not line:
                raise GitError(["mktree"], proc.poll() or 1, stderr.read().decode())
            return line

        try:
            yield write
        finally:
            stdin.close()
            stdout.close()
            proc.wait()
            stderr.close()


def read_batch(stdout: IO[bytes]) -> Iterator[tuple[str, bytes | None]]:
    """(name, content) of each answer of a `cat-file --batch` (see Git.cat_process), until
    its output ends; content None for a name git has no object for."""
    while True:
        header = stdout.readline()
        if not header:
            return
        fields = header.split()
        if len(fields) != 3:  # `<name> missing` (or ambiguous): no content follows
            yield fields[0].decode("utf-8", "replace") if fields else "", None
            continue
        if not fields[2].isdigit():
            raise GitError(["cat-file", "--batch"], 0, header.decode("utf-8", "replace"))
        yield fields[0].decode(), stdout.read(int(fields[2]) + 1)[:-1]


def tree_size(field: str, git_dir: str, oid: str, path: str) -> int | None:
    """The size column of `ls-tree -l` (None for a tree: `-`). git writes `BAD` for an
    object it cannot read: UnreadableObject naming it and the file."""
    if field == "-":
        return None
    if not field.isdigit():
        raise UnreadableObject(git_dir, oid, path)
    return int(field)


class ObjectReader:
    """Questions to one `git cat-file --batch-command`, answered in turn: where a read
    needs a commit, then a tree, then a blob of a size known only from the tree, this is
    one git process instead of one each. A name holding a line break cannot be asked."""

    def __init__(self, proc: subprocess.Popen[bytes], git_dir: str) -> None:
        self._proc, self._git_dir = proc, git_dir
        assert proc.stdin is not None and proc.stdout is not None
        self._in, self._out = proc.stdin, proc.stdout

    def __enter__(self) -> ObjectReader:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self._in.close()
        self._out.close()
        self._proc.wait()

    def _ask(self, command: str, spec: str) -> list[bytes] | None:
        if "\n" in spec or "\r" in spec:
            return None
        try:
            self._in.write(f"{command} {spec}\n".encode())
            self._in.flush()
        except OSError:  # git ended: it could not read the repository
            raise UnreadableObject(self._git_dir, spec) from None
        header = self._out.readline()
        if not header.endswith(b"\n"):
            raise UnreadableObject(self._git_dir, spec)
        fields = header.split()
        if len(fields) != 3:  # `<spec> missing`, `<spec> ambiguous`
            return None
        if not fields[2].isdigit():
            raise UnreadableObject(self._git_dir, spec)
        return fields

    def info(self, spec: str) -> tuple[str, str, int] | None:
        """(oid, type, size) of an object (`rev^{commit}`, `commit:path`, an oid), None
        if there is none such."""
        fields = self._ask("info", spec)
        return None if fields is None else (fields[0].decode(), fields[1].decode(),
                                            int(fields[2]))

    def contents(self, spec: str) -> tuple[str, str, bytes] | None:
        """(oid, type, content) of an object, None if there is none such."""
        fields = self._ask("contents", spec)
        if fields is None:
            return None
        size = int(fields[2])
        data = self._out.read(size + 1)
        if len(data) != size + 1:
            raise UnreadableObject(self._git_dir, spec)
        return fields[0].decode(), fields[1].decode(), data[:size]


def parse_tree(data: bytes, oid_hex_len: int = 40) -> dict[bytes, tuple[str, str]]:
    """A raw tree object as name -> (mode, hex oid). `oid_hex_len` is 40 in SHA-1
    repositories and 64 in SHA-256 ones (the length of the tree's own id)."""
    entries: dict[bytes, tuple[str, str]] = {}
    size = oid_hex_len // 2
    pos = 0
    while pos < len(data):
        space = data.index(b" ", pos)
        nul = data.index(b"\0", space)
        entries[data[space + 1 : nul]] = (data[pos:space].decode(),
                                          data[nul + 1 : nul + 1 + size].hex())
        pos = nul + 1 + size
    return entries
