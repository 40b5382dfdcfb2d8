"""Driving the installed ``referral-tui`` in a real terminal: a private tmux server per test.

Waits are on what the screen shows (polled), never on fixed sleeps; keys go in as fast as
tmux takes them, like a person typing fast.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

TODAY = "2026-03-09"
POLL = 0.05

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def installed_command() -> list[str]:
    exe = Path(sys.executable).parent / "referral-tui"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "referral_tui"]


def base_env(**extra: str) -> dict[str, str]:
    """A clean environment: the test's hermetic folders, frozen day, UTF-8; no COLORTERM, SSH or NO_COLOR."""
    path = os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"])
    env = {
        "PATH": path,
        "HOME": os.environ["HOME"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
        "LANG": "C.UTF-8",
        "REFERRAL_TUI_TODAY": TODAY,
        "TERM": "xterm-256color",
    }
    env.update(extra)
    return env


class Tmux:
    """A private tmux server (its own socket, no user config) running one app per session."""

    def __init__(self) -> None:
        # A short folder: a unix socket path must stay under ~100 bytes.
        self.folder = Path(tempfile.mkdtemp(prefix="rt-tmux-"))
        self.socket = self.folder / "s"

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-u", "-f", os.devnull, "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            timeout=20,
            env={**os.environ, "LANG": "C.UTF-8"},
        )
        return out.stdout

    def start(self, argv: list[str], env: dict[str, str], width: int = 80, height: int = 24) -> str:
        """Run ``argv`` with exactly ``env`` (env -i) in a new session of that size; its name."""
        name = f"rt-{uuid.uuid4().hex[:8]}"
        exports = " ".join(shlex.quote(f"{k}={v}") for k, v in env.items())
        command = " ".join(shlex.quote(a) for a in argv)
        self.run(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(width),
            "-y",
            str(height),
            f"env -i {exports} {command}; echo EXITED-$?; sleep 60",
        )
        return name

    def text(self, name: str, joined: bool = False) -> str:
        return self.run("capture-pane", "-p", *(["-J"] if joined else []), "-t", name)

    def escaped(self, name: str) -> str:
        """The screen with its colour and style escapes (``capture-pane -e``)."""
        return self.run("capture-pane", "-e", "-p", "-t", name)

    def keys(self, name: str, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", name, key)

    def type(self, name: str, text: str) -> None:
        self.run("send-keys", "-t", name, "-l", text)

    def resize(self, name: str, width: int, height: int) -> None:
        self.run("resize-window", "-t", name, "-x", str(width), "-y", str(height))

    def app_pid(self, name: str) -> int:
        """The app's process: the child of the pane's shell."""
        shell = self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
            if found:
                return int(found[0])
            time.sleep(POLL)
        raise AssertionError("the app's process was not found")

    def wait(self, name: str, ok: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text(name)
            if ok(screen):
                return screen
            time.sleep(POLL)
        raise AssertionError(f"{what} never happened; the screen shows:\n{self.text(name)}")

    def wait_for(self, name: str, text: str, timeout: float = 20.0) -> str:
        return self.wait(name, lambda s: text in s, repr(text), timeout)

    def settled(self, name: str, timeout: float = 10.0) -> str:
        """The screen once two captures 0.3 s apart agree: the one wait on time, for proving that
        nothing *else* happens. To wait for something to show, ``wait`` on it instead."""
        deadline = time.monotonic() + timeout
        last = self.text(name)
        while time.monotonic() < deadline:
            time.sleep(0.3)
            now = self.text(name)
            if now == last:
                return now
            last = now
        raise AssertionError(f"the screen never settled:\n{last}")

    def close(self) -> None:
        self.run("kill-server")
        shutil.rmtree(self.folder, ignore_errors=True)
