"""Justering over the real SSH server, as the council's people do it: the secretary sends
the minutes for justering with her key, the chair and an adjuster log in with their own
keys and sign; someone not named cannot; git shows each signature by its signer, the tag
verifies with the archive's ssh key, an edit is refused, a correction is saved with its
reason and signed again by the chair, and `brotui verify` passes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.justering import state
from tests.conftest import git
from tests.e2e.test_ssh import FIRST, Server, server  # noqa: F401  (the fixture)
from tests.e2e.test_tmux import brotui_script

SARA = ("Clas Cederlid", "clas@example.org")  # the secretary of the demo's minutes
CHAIR = ("Abit Dundar", "abit@example.org")
ADJUSTER = ("Martin Hämmerli", "martin@example.org")
MALLORY = ("Mallory Mask", "mallory@example.org")


def brotui(archive: Path, *args: str, stdin: bytes | None = None
           ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(brotui_script()), "--lang", "en", "--repo", str(archive), *args],
                          input=stdin, capture_output=True, timeout=60, check=False)


def test_minutes_are_sent_signed_locked_and_corrected_over_ssh(
        server: Server, tmp_path: Path) -> None:  # noqa: F811
    archive = server.archive
    keys = {who: server.add(*who, key=who[1].split("@")[0])
            for who in (SARA, CHAIR, ADJUSTER, MALLORY)}
    # The archive signs its tags with its own ssh key, which git trusts.
    host_key = tmp_path / "archive_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)],
                   check=True, capture_output=True)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"archive@example.org {host_key.with_suffix('.pub').read_text()}")
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(host_key)),
                        ("gpg.ssh.allowedSignersFile", str(allowed)),
                        ("user.name", "Arkivet"), ("user.email", "archive@example.org")):
        git(archive, "config", name, value)
    minutes = Archive(archive)
    p = minutes.load(FIRST)
    p.adjusters = [ADJUSTER[0]]
    ops.save(minutes, FIRST, p, Identity(*SARA))

    sent = server.run(keys[SARA], f"review {FIRST}")
    assert sent.returncode == 0, sent.stderr
    assert "Abit Dundar (chair), Martin Hämmerli (adjuster)" in sent.stdout
    before = git(archive, "rev-parse", "HEAD")
    refused = server.run(keys[MALLORY], f"sign {FIRST}")
    assert refused.returncode == 1 and "Mallory Mask is neither chair nor adjuster" in \
        refused.stderr
    assert git(archive, "rev-parse", "HEAD") == before
    assert server.run(keys[SARA], "sign x; touch pwned").returncode != 0  # no other command
    assert not (archive / "pwned").exists()

    chair = server.run(keys[CHAIR], f"sign {FIRST}")
    assert chair.returncode == 0 and "Missing: Martin Hämmerli (adjuster)" in chair.stdout
    assert server.run(keys[CHAIR], f"sign {FIRST}").returncode == 1  # nobody signs twice
    last = server.run(keys[ADJUSTER], f"sign {FIRST}")
    assert last.returncode == 0 and f"the tag justerat/{FIRST} marks it" in last.stdout

    log = git(archive, "log", "-3", "--format=%an <%ae>|%s").splitlines()
    assert log[0].startswith(f"{ADJUSTER[0]} <{ADJUSTER[1]}>|") and "signerat" in log[0]
    assert log[1].startswith(f"{CHAIR[0]} <{CHAIR[1]}>|") and "signerat" in log[1]
    assert log[2].startswith(f"{SARA[0]} <{SARA[1]}>|") and "justering" in log[2]
    verified = subprocess.run(["git", "-C", str(archive), "tag", "-v", f"justerat/{FIRST}"],
                              capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr

    text = Archive(archive).load(FIRST)
    text.location = "Telefonvägen 30, plan 9"
    before = git(archive, "rev-parse", "HEAD")
    put = brotui(archive, "put", FIRST, "--author", f"{SARA[0]} <{SARA[1]}>",
                 stdin=codec.dump(text).encode())
    assert put.returncode == 1 and b"is approved and cannot be changed" in put.stderr
    assert git(archive, "rev-parse", "HEAD") == before

    fixed = brotui(archive, "correct", FIRST, "--reason", "Fel plats", "--author",
                   f"{SARA[0]} <{SARA[1]}>", stdin=codec.dump(text).encode())
    assert fixed.returncode == 0, fixed.stderr
    shown = brotui(archive, "show", FIRST).stdout.decode()
    assert "Corrections" in shown and "Fel plats" in shown
    assert brotui(archive, "verify").returncode == 1  # the chair has not signed it yet
    now = state.state_of(Archive(archive).load(FIRST), Archive(archive).read(FIRST).data)
    resigned = server.run(keys[CHAIR], f"sign {FIRST} --content {now.content}")
    assert resigned.returncode == 0, resigned.stderr
    ok = brotui(archive, "verify")
    assert ok.returncode == 0, ok.stderr
    assert f"the tag justerat/{FIRST} verifies".encode() in ok.stdout
