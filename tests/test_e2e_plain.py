"""End to end on a bare SSH console: the installed ``referral-tui`` at 80x24 with TERM=linux
and NO_COLOR=1 under tmux, read from the captured screen text alone.

A name typed by someone else (``Ana [Labs] Ruiz``: LinkedIn names are) is shown as typed on
the board, in the detail screen and in the edit form; the interaction form's insider-info
error is in view after ctrl+s; a terminal shrunk below 80x24 shows one line saying so, and
the board comes back when it grows.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tmux import Tmux, base_env, installed_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

NAME = "Ana [Labs] Ruiz"
CONSOLE = {"TERM": "linux", "NO_COLOR": "1"}


@pytest.fixture
def db(tmp_path: Path, cli: Callable[..., subprocess.CompletedProcess[str]]) -> Path:
    path = tmp_path / "plain.json"
    for line in (f"{NAME} @ Stripe, Staff [b]Engineer[/b] !relationship", "Bo Chen @ Stripe, SRE !relationship"):
        done = cli("--db", str(path), "add", line)
        assert done.returncode == 0, done.stderr
    return path


def start(tmux: Tmux, db: Path) -> str:
    pane = tmux.start([*installed_command(), "--db", str(db)], base_env(**CONSOLE))
    tmux.wait_for(pane, "Relationship (2)")
    return pane


def quit_app(tmux: Tmux, pane: str) -> None:
    tmux.keys(pane, "q")
    assert "EXITED-0" in tmux.wait_for(pane, "EXITED-")


def test_a_name_with_brackets_is_shown_as_typed_on_the_board_in_detail_and_in_the_form(tmux: Tmux, db: Path) -> None:
    pane = start(tmux, db)
    board = tmux.wait(pane, lambda s: "> Ana [Labs]" in s, "the focused card, its name as typed")
    assert "Traceback" not in board
    tmux.keys(pane, "Enter")
    detail = tmux.wait_for(pane, NAME)
    assert "Staff [b]Engineer[/b]" in detail
    tmux.keys(pane, "e")
    form = tmux.wait_for(pane, f"Edit {NAME}")
    assert form.count(NAME) >= 2, form  # the form's title and its name field
    tmux.keys(pane, "Escape")
    tmux.keys(pane, "Escape")
    tmux.wait_for(pane, "Relationship (2)")
    quit_app(tmux, pane)


def test_the_footer_shows_help_and_quit_and_the_focused_card_stands_out(tmux: Tmux, db: Path) -> None:
    pane = start(tmux, db)
    screen = tmux.wait(pane, lambda s: "> Ana [Labs]" in s, "a focused card")
    footer = screen.splitlines()[-1]
    assert "?  Help" in footer and "q  Quit" in footer, footer
    marked = [line for line in screen.splitlines() if "|> " in line]
    assert len(marked) == 3, screen  # the focused card's three lines, and no other card's
    assert screen.isascii() or not ({c for c in screen if not c.isascii()} - set("─│┌┐└┘═║╔╗╚╝█▀▄▌▐")), screen
    quit_app(tmux, pane)


def test_below_80x24_a_notice_then_the_board_again(tmux: Tmux, db: Path) -> None:
    pane = start(tmux, db)
    tmux.resize(pane, 60, 15)
    notice = tmux.wait_for(pane, "make the terminal at least 80x24 (now 60x15)")
    assert "Relationship (2)" not in notice
    tmux.resize(pane, 80, 24)
    tmux.wait_for(pane, "Relationship (2)")
    quit_app(tmux, pane)


def test_the_interaction_forms_insider_error_is_in_view_after_ctrl_s(tmux: Tmux, db: Path) -> None:
    pane = start(tmux, db)
    tmux.keys(pane, "i")
    tmux.wait_for(pane, "Log an interaction with Ana [Labs] Ruiz")
    tmux.type(pane, "Coffee chat")
    tmux.wait_for(pane, "Coffee chat")
    tmux.keys(pane, "Tab", "Tab", "Space")  # past "I gave value" to "I learned insider information"
    tmux.wait_for(pane, "[x] I learned insider information")
    tmux.keys(pane, "C-s")
    form = tmux.wait_for(pane, "say what you learned")
    assert "Nothing saved" in form
    tmux.keys(pane, "Escape")
    tmux.wait_for(pane, "Relationship (2)")
    quit_app(tmux, pane)
