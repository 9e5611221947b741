"""A real central git server for the sync tests: `git http-backend` behind lighttpd.

Each server is its own lighttpd on 127.0.0.1 and a free port, with its own config,
password file (basic auth; the user name reaches the pre-receive hook as REMOTE_USER),
logs and bare repository, and can be stopped and started again on the same port during
a test (an outage). Never skipped: a missing lighttpd fails the test (.ci/run installs
it)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from brotui.core import hook

HTTP_BACKEND = "/usr/lib/git-core/git-http-backend"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def find_lighttpd() -> str:
    path = os.pathsep.join(["/usr/sbin", "/usr/local/sbin", "/sbin", os.environ.get("PATH", "")])
    found = shutil.which("lighttpd", path=path)
    if found is None:
        pytest.fail("lighttpd is not installed; the sync tests need it (CI installs it in "
                    ".ci/run: apt-get install lighttpd)")
    if not Path(HTTP_BACKEND).exists():
        pytest.fail(f"{HTTP_BACKEND} is missing (git's http-backend)")
    return found


def make_central(path: Path, with_hook: bool = True) -> Path:
    """A bare central repository that logs every ref update (its reflog is the judge of
    what was pushed), with the brotui check installed as its pre-receive hook."""
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True)
    for key, value in (("core.logAllRefUpdates", "always"), ("http.receivepack", "true"),
                       ("receive.denyNonFastForwards", "false"),
                       ("receive.denyDeletes", "false")):
        subprocess.run(["git", "-C", str(path), "config", key, value], check=True)
    if with_hook:
        hook.install(path, [sys.executable, "-m", "brotui", "hook", "pre-receive"])
    return path


@dataclass
class HttpCentral:
    """lighttpd serving `repo` as http://USER:PASSWORD@127.0.0.1:PORT/git/central.git."""

    home: Path
    repo: Path
    users: dict[str, str]
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    def url(self, user: str | None = None, password: str | None = None) -> str:
        auth = ""
        if user is not None:
            auth = f"{user}:{password if password is not None else self.users[user]}@"
        return f"http://{auth}127.0.0.1:{self.port}/git/{self.repo.name}"

    def _config(self) -> Path:
        htpasswd = self.home / "htpasswd"
        htpasswd.write_text("".join(
            f"{user}:{{SHA}}{base64.b64encode(hashlib.sha1(pw.encode()).digest()).decode()}\n"
            for user, pw in self.users.items()))
        env_path = f"{Path(sys.executable).parent}:/usr/bin:/bin"
        config = self.home / "lighttpd.conf"
        config.write_text("\n".join([
            f'server.port = {self.port}',
            'server.bind = "127.0.0.1"',
            f'server.document-root = "{self.home}"',
            f'server.errorlog = "{self.home / "error.log"}"',
            'server.modules = ("mod_auth", "mod_authn_file", "mod_alias", "mod_setenv", '
            '"mod_cgi")',
            'server.max-request-size = 0',
            'auth.backend = "htpasswd"',
            f'auth.backend.htpasswd.userfile = "{htpasswd}"',
            'auth.require = ("/git/" => ("method" => "basic", "realm" => "central", '
            '"require" => "valid-user"))',
            f'alias.url = ("/git/" => "{HTTP_BACKEND}/")',
            '$HTTP["url"] =~ "^/git/" {',
            '  cgi.assign = ("" => "")',
            f'  setenv.set-environment = ("GIT_PROJECT_ROOT" => "{self.repo.parent}", '
            f'"GIT_HTTP_EXPORT_ALL" => "1", "PATH" => "{env_path}", '
            f'"HOME" => "{self.home}", "GIT_CONFIG_NOSYSTEM" => "1", "BROTUI_LANG" => "en")',
            '}', ""]))
        return config

    def start(self) -> None:
        """Start (again, on the same port) and wait until it answers."""
        assert self.proc is None
        binary = find_lighttpd()
        config = self._config()
        self.proc = subprocess.Popen([binary, "-D", "-f", str(config)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(
                    ("127.0.0.1", self.port), timeout=0.2):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        log = (self.home / "error.log").read_text() if (self.home / "error.log").exists() \
            else ""
        pytest.fail(f"lighttpd did not start on port {self.port}: {log}")

    def stop(self) -> None:
        """Stop at once (an outage): lighttpd, and any CGI it was running."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # until the port refuses connections
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    time.sleep(0.02)
            except OSError:
                return

    @property
    def running(self) -> bool:
        return self.proc is not None


def reflog_updates(repo: Path, ref: str = "refs/heads/main") -> list[tuple[str, str]]:
    """(old, new) of every update of `ref` in a bare repository's reflog, oldest first."""
    log = repo / "logs" / ref
    if not log.exists():
        return []
    return [(line.split()[0], line.split()[1]) for line in log.read_text().splitlines()
            if line.strip()]


def commit_files(repo: Path, files: dict[str, bytes | None], message: str,
                 author: tuple[str, str] = ("Admin Adminsson", "admin@example.org")) -> str:
    """A commit made with plain git in a work tree (what brotui itself does not write:
    settings, the access file), returning its id."""
    for path, content in files.items():
        target = repo / path
        if content is None:
            subprocess.run(["git", "-C", str(repo), "rm", "-q", "--", path], check=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        subprocess.run(["git", "-C", str(repo), "add", "--", path], check=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": author[0], "GIT_AUTHOR_EMAIL": author[1],
           "GIT_COMMITTER_NAME": author[0], "GIT_COMMITTER_EMAIL": author[1]}
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()


def clone(url: str, path: Path) -> Path:
    """A district server's archive: a clone of the central repository (remote `origin`)."""
    subprocess.run(["git", "clone", "-q", url, str(path)], check=True, capture_output=True)
    subprocess.run(["git", "-C", str(path), "config", "user.name", f"Server {path.name}"],
                   check=True)
    subprocess.run(["git", "-C", str(path), "config", "user.email",
                    f"{path.name}@servers.example.org"], check=True)
    return path
