"""End to end: the installed ``referral-tui`` in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Phase
from referral_tui.store.repository import Repository

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def _command() -> str:
    exe = Path(sys.executable).parent / "referral-tui"
    return shlex.quote(str(exe)) if exe.exists() else f"{shlex.quote(sys.executable)} -m referral_tui"


class Terminal:
    """One tmux session of a given size running a command."""

    def __init__(self, name: str, socket: Path) -> None:
        self.name, self.socket = name, socket

    def tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, timeout=20)
        return out.stdout

    def start(self, command: str, env: dict[str, str], width: int = 80, height: int = 24) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.tmux(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            f"env {exports} {command}; echo EXITED-$?; sleep 30",
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def kill(self) -> None:
        self.tmux("kill-session", "-t", self.name)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[], Terminal]]:
    socket = tmp_path / "tmux.sock"
    made: list[Terminal] = []

    def make() -> Terminal:
        made.append(Terminal(f"rt-{uuid.uuid4().hex[:8]}", socket))
        return made[-1]

    yield make
    for t in made:
        t.kill()
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True, timeout=20)


def _env(db: Path) -> dict[str, str]:
    keep = {k: os.environ[k] for k in ("PATH", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "LANG") if k in os.environ}
    return {**keep, "TERM": "xterm-256color", "REFERRAL_TUI_DB": str(db), "REFERRAL_TUI_TODAY": "2026-03-09"}


def test_quick_add_move_quit_restart(tmp_path: Path, terminal: Callable[[], Terminal]) -> None:
    db = tmp_path / "e2e.json"
    first = terminal()
    first.start(_command(), _env(db))
    first.wait_for("Research (0)")
    first.keys("a")
    first.wait_for("Quick-add a referrer")
    first.type("Priya Shah @ Stripe, Staff Engineer #alumni")
    first.keys("Enter")
    first.wait_for("Research (1)")
    first.keys("L")
    screen = first.wait_for("Relationship (1)")
    assert "Priya Shah" in screen and "Research (0)" in screen
    first.keys("q")
    first.wait_for("EXITED-0")

    stored = Repository(db, FixedClock(date(2026, 3, 9))).contacts()
    assert [(c.name, c.phase) for c in stored] == [("Priya Shah", Phase.RELATIONSHIP)]

    second = terminal()
    second.start(_command(), _env(db))
    screen = second.wait_for("Relationship (1)")
    assert "Priya Shah" in screen and "Stripe" in screen
    second.keys("q")
    second.wait_for("EXITED-0")


def test_damaged_file_stops_with_one_line_and_untouched(tmp_path: Path, terminal: Callable[[], Terminal]) -> None:
    db = tmp_path / "bad.json"
    db.write_bytes(b'{"contacts": {"1": ')
    term = terminal()
    term.start(_command(), _env(db))
    screen = term.wait_for("EXITED-1")
    assert "is damaged" in screen and "Traceback" not in screen
    assert db.read_bytes() == b'{"contacts": {"1": '
