"""The core never needs the screen: no Textual below brotui.core, none for `brotui list`."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import brotui.core


def test_the_core_imports_no_textual() -> None:
    modules = [m.name for m in pkgutil.walk_packages(brotui.core.__path__, "brotui.core.")]
    assert "brotui.core.archive" in modules
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'brotui')"
            " and (m.startswith('textual') or m.startswith('brotui.tui')))\n"
            "print(bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_brotui_list_does_not_load_textual(repo: Path) -> None:
    code = ("import sys\nfrom brotui.cli import main\n"
            f"code = main(['--repo', {str(repo)!r}, 'list', '--format', 'json'])\n"
            "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'NONE',"
            " code, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stderr.strip().endswith("NONE 0")
    assert "hagersten-liljeholmen/2020-02-20" in proc.stdout
