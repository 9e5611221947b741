"""`brotui init`, `brotui demo` and the terminal UI (the only command that imports
Textual)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from brotui.cli.common import open_archive
from brotui.cli.output import out
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.i18n import t


def run_init(args: argparse.Namespace) -> int:
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


def run_demo(args: argparse.Namespace) -> int:
    from brotui.core.demo import build_demo  # lazy: the TUI (this module) needs no demo

    path = Path(args.path or "brotui-demo")
    if path.exists() and any(path.iterdir()):
        Archive(path)  # an archive made before is opened again; anything else is refused
    else:
        build_demo(path)
        out(t("demo_done", path=str(path.resolve())))
    args.repo = str(path)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return 0  # made for a script or a test: nothing to open
    return run_tui(args)


def run_tui(args: argparse.Namespace, restricted: bool = False,
            notice: str | None = None) -> int:
    """Open the terminal UI on the archive (the only command that imports Textual)."""
    archive = open_archive(args)
    # In a browser (textual-serve, `textual serve`: TEXTUAL_DRIVER names Textual's web
    # driver, which speaks its own packets on pipes) there is no terminal, and none needed.
    in_browser = bool(os.environ.get("TEXTUAL_DRIVER"))
    if not in_browser and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BrotuiError(t("err_no_terminal"))
    # Over a link: Escape answers within 25 ms (Textual waits ESCDELAY for a sequence
    # after ESC, 100 ms by default), and nothing moves on screen by itself.
    os.environ.setdefault("ESCDELAY", "25")
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    from brotui.tui import app

    theme = args.theme or os.environ.get("BROTUI_THEME") or archive.settings.get("theme")
    app.run_tui(archive, args.author, restricted=restricted,
                theme=theme if isinstance(theme, str) else None, notice=notice)
    return 0
