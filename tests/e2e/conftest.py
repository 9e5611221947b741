"""Fixtures of the end-to-end tests: a private tmux server per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_tmux import Tmux


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server, killed at the end whatever happened."""
    server = Tmux(tmp_path)
    try:
        yield server
    finally:
        server.kill()
