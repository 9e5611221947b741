"""Whether what brotui writes is signed, and how: the repository's own git settings.

brotui writes commits with `git commit-tree`, which (being plumbing) ignores
`commit.gpgSign`: a repository set to sign every commit would get unsigned saves
without a word. Every object brotui creates asks here instead, so commits (and, in
wave 2, the tags that mark approved minutes) follow one decision. The signing
itself is git's: `-S` makes it use `user.signingKey`, `gpg.format` (openpgp, ssh or
x509) and `gpg.program` / `gpg.ssh.program` exactly as `git commit -S` would, and a
signature that cannot be made fails the write with git's reason; nothing is ever
written unsigned in its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from brotui.core.git import Git

_TRUE = ("true", "yes", "on", "1")


@dataclass(frozen=True)
class Signing:
    """The repository's signing settings, as git reads them."""

    commits: bool  # commit.gpgSign: every commit is signed
    tags: bool  # tag.gpgSign: every annotated tag is signed
    key: str | None = None  # user.signingKey (None: git's default for the format)
    format: str = "openpgp"  # gpg.format: openpgp, ssh or x509

    @property
    def has_key(self) -> bool:
        """Whether the archive names a signing key (approval tags are signed where it
        does: docs/architecture.md, "The write path")."""
        return bool(self.key)

    def commit_args(self) -> list[str]:
        """The arguments that make `git commit-tree` sign as the settings say."""
        return ["-S"] if self.commits else []

    def tag_args(self) -> list[str]:
        """The arguments for an annotated `git tag`: signed (`-s`) where the archive signs
        its tags or names a signing key (an approval's tag is signed where the archive has
        a key: docs/architecture.md, "The write path"), else annotated (`-a`)."""
        return ["-s"] if self.tags or self.has_key else ["-a"]


def signing(git: Git) -> Signing:
    """The signing settings of a repository (local, global and system config), read with
    one `git config` process."""
    found = git.try_text("config", "-z", "--get-regexp",
                         r"^(commit\.gpgsign|tag\.gpgsign|user\.signingkey|gpg\.format)$") or ""
    values: dict[str, str] = {}
    for item in found.split("\0"):
        key, newline, value = item.partition("\n")
        if key:  # the last one git lists wins, as in git; a bare `gpgSign` is true
            values[key.lower()] = value.strip() if newline else "true"
    return Signing(
        commits=values.get("commit.gpgsign", "").lower() in _TRUE,
        tags=values.get("tag.gpgsign", "").lower() in _TRUE,
        key=values.get("user.signingkey") or None,
        format=values.get("gpg.format", "").lower() or "openpgp",
    )
