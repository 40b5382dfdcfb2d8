"""``referral-tui --demo`` leaves no temp folder behind (#19.6), however it ends.

The installed command runs in a real terminal (tmux) with TMPDIR pointed into the test's
tmp_path, so the demo's ``referral-tui-demo-*`` folder is found there while the app runs, and
must be gone after ``q``, SIGTERM or SIGHUP (an SSH connection that drops). In-process, the
same holds when the app fails to start.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from referral_tui import cli
from referral_tui.domain.clock import FixedClock
from tests.tmux import Tmux, base_env, installed_command, needs_tmux

SIZE = {"width": 100, "height": 30}


@pytest.fixture
def tmpdir_for_the_app(tmp_path: Path) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def demo_folders(tmpdir: Path) -> list[Path]:
    return sorted(tmpdir.glob("referral-tui-demo-*"))


def start_demo(tmux: Tmux, tmpdir: Path) -> str:
    pane = tmux.start([*installed_command(), "--demo"], base_env(TMPDIR=str(tmpdir)), **SIZE)
    tmux.wait_for(pane, "Research (")
    [folder] = demo_folders(tmpdir)  # the demo's throwaway folder, with its data file
    assert any(folder.iterdir()), "the data file is in it while the app runs"
    return pane


@pytest.mark.e2e
@needs_tmux
def test_q_removes_the_demo_folder(tmux: Tmux, tmpdir_for_the_app: Path) -> None:
    pane = start_demo(tmux, tmpdir_for_the_app)
    tmux.keys(pane, "q")
    screen = tmux.wait_for(pane, "EXITED-")
    assert "EXITED-0" in screen and "Traceback" not in screen
    assert demo_folders(tmpdir_for_the_app) == []


@pytest.mark.e2e
@needs_tmux
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_removes_the_demo_folder(tmux: Tmux, tmpdir_for_the_app: Path, signum: int) -> None:
    """SIGHUP is what a dropped SSH connection sends; SIGTERM what a shutdown or `kill` sends."""
    pane = start_demo(tmux, tmpdir_for_the_app)
    os.kill(tmux.app_pid(pane), signum)
    screen = tmux.wait_for(pane, "EXITED-")
    assert "EXITED-0" in screen and "Traceback" not in screen
    assert demo_folders(tmpdir_for_the_app) == []


def test_the_demo_folder_goes_when_the_app_cannot_start(
    tmpdir_for_the_app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error before the board (here: opening the file fails) still removes the folder."""
    monkeypatch.setenv("TMPDIR", str(tmpdir_for_the_app))
    monkeypatch.setattr("tempfile.tempdir", None)  # tempfile reads TMPDIR again

    def refuse(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device", "demo.json")

    monkeypatch.setattr("referral_tui.commands.open_repo", refuse)
    assert cli.main(["--demo"]) == cli.EXIT_DATA
    assert demo_folders(tmpdir_for_the_app) == []


def test_a_signal_while_the_demo_is_written_removes_the_folder(
    tmpdir_for_the_app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the app runs, SIGTERM ends the process through the cleanup too (not on the spot)."""
    monkeypatch.setenv("TMPDIR", str(tmpdir_for_the_app))
    monkeypatch.setattr("tempfile.tempdir", None)
    before = signal.getsignal(signal.SIGTERM)

    def write_then_get_killed(path: Path, clock: FixedClock) -> None:
        path.write_text("{}")
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr("referral_tui.demo.write_demo", write_then_get_killed)
    with pytest.raises(SystemExit) as exited:
        cli.main(["--demo"])
    assert exited.value.code == 128 + signal.SIGTERM
    assert demo_folders(tmpdir_for_the_app) == []
    assert signal.getsignal(signal.SIGTERM) == before, "the handlers are put back"
