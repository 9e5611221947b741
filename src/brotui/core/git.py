"""Thin, explicit calls to the git binary.

We call git's plumbing directly rather than through GitPython: a save is five
plumbing commands whose exact arguments matter (compare-and-swap on the ref,
author and committer in the environment), reading thousands of blobs is one
`cat-file --batch`, and importing GitPython alone costs `brotui list` ~70 ms.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ZERO = "0" * 40


class GitError(Exception):
    """A git command failed; `stderr` holds what git said."""

    def __init__(self, args: list[str], code: int, stderr: str) -> None:
        self.args_ = args
        self.code = code
        self.stderr = stderr.strip()
        super().__init__(f"git {' '.join(args)}: {self.stderr or f'exit {code}'}")


def _env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    # Our output is parsed: no pager, no localised messages, no prompts.
    env.update({"GIT_PAGER": "cat", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"})
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
            stdin=None if input is not None else subprocess.DEVNULL,
        )
        if check and proc.returncode != 0:
            raise GitError(list(args), proc.returncode, proc.stderr.decode("utf-8", "replace"))
        return proc.stdout

    def text(self, *args: str, **kw: object) -> str:
        return self.run(*args, **kw).decode("utf-8", "replace")  # type: ignore[arg-type]

    def try_text(self, *args: str) -> str | None:
        """stdout of a command that may fail (a missing ref, an unset config), else None."""
        proc = subprocess.run([*self._base(), *args], capture_output=True, env=_env(None),
                              stdin=subprocess.DEVNULL)
        return proc.stdout.decode("utf-8", "replace").strip() if proc.returncode == 0 else None

    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen([*self._base(), *args], stdout=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=_env(None))

    def cat_blobs(self, oids: Iterable[str]) -> dict[str, bytes]:
        """The contents of many blobs in one `cat-file --batch` process."""
        wanted = list(dict.fromkeys(oids))
        if not wanted:
            return {}
        out = self.run("cat-file", "--batch", input="".join(o + "\n" for o in wanted).encode())
        result: dict[str, bytes] = {}
        pos = 0
        for oid in wanted:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if len(header) < 3 or header[1] == b"missing":
                continue
            size = int(header[2])
            result[oid] = out[pos : pos + size]
            pos += size + 1
        return result
