"""Shared fixtures: every test runs hermetically under its own tmp_path.

* HOME and the XDG folders point into tmp_path, so nothing touches the real user data folder.
* REFERRAL_TUI_DB points at tmp_path/"referrals.json" and REFERRAL_TUI_TODAY freezes the
  date at 2026-03-09 for the installed command.
* ``repo`` is a Repository on that file with a FixedClock on the same day.
* ``cli`` runs the INSTALLED ``referral-tui`` console script in a subprocess.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.store.repository import Repository
from tests.tmux import Tmux

TODAY = date(2026, 3, 9)
VENV_BIN = Path(sys.executable).parent
DEFAULT_KILLS = 50


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--kills",
        type=int,
        default=None,
        help=f"SIGKILLs in the durability loop (default: $REFERRAL_TUI_KILLS or {DEFAULT_KILLS})",
    )


@pytest.fixture
def kills(request: pytest.FixtureRequest) -> int:
    """How many times the durability loop kills its writer: --kills, else $REFERRAL_TUI_KILLS, else 50."""
    option = request.config.getoption("--kills")
    if option is not None:
        return max(int(option), 1)
    return max(int(os.environ.get("REFERRAL_TUI_KILLS", DEFAULT_KILLS)), 1)


@pytest.fixture(autouse=True)
def hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user folder and the data file into tmp_path; freeze the date."""
    home = tmp_path / "home"
    data_home = tmp_path / "xdg-data"
    config_home = tmp_path / "xdg-config"
    for folder in (home, data_home, config_home):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    monkeypatch.setenv("REFERRAL_TUI_DB", str(tmp_path / "referrals.json"))
    monkeypatch.setenv("REFERRAL_TUI_TODAY", TODAY.isoformat())
    # The venv's bin folder first, so subprocesses find the installed console script.
    monkeypatch.setenv("PATH", f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    # The same screens whatever terminal runs the tests: a UTF-8 xterm (Unicode marks); the
    # tests of TERM=linux and of other locales set these themselves.
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    # A warning printed by the interpreter would break the "one stderr line" checks.
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    return tmp_path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "referrals.json"


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return Repository(tmp_path / "referrals.json", FixedClock(TODAY))


def cli_command() -> list[str]:
    """The installed console script, or ``python -m referral_tui`` when it cannot be found."""
    path = os.pathsep.join([str(VENV_BIN), os.environ.get("PATH", "")])
    found = shutil.which("referral-tui", path=path)
    return [found] if found else [sys.executable, "-m", "referral_tui"]


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed ``referral-tui`` with the test's (monkeypatched) environment."""

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        environ = dict(os.environ)
        if env:
            environ.update(env)
        return subprocess.run(
            [*cli_command(), *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=environ,
        )

    return run


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A private tmux server for the end-to-end tests (tests/tmux.py), killed afterwards."""
    server = Tmux()
    yield server
    server.close()
