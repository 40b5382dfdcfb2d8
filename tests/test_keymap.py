"""Key remaps from the config: clashes reported once at start naming both ids; help shows
the app's own keys first, grouped by screen, and remapped keys under their new keys."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from referral_tui.config import Config
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.keymap import clashes, problems
from referral_tui.ui.screens.help import HelpScreen, merged
from referral_tui.ui.widgets.key_footer import KeyFooter
from tests.helpers import board, wait_for


@pytest.fixture
def board_repo(repo: Repository) -> Repository:
    repo.quick_add("Priya Shah @ Stripe, Staff Engineer")
    repo.undo_stack.clear()
    return repo


def errors(app: App[Any]) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


def help_lines(app: App[Any]) -> list[str]:
    assert isinstance(app.screen, HelpScreen)
    return str(app.screen.query_one(Static).render()).splitlines()


def test_a_remap_onto_a_taken_key_names_both_ids() -> None:
    [sentence] = list(clashes({"board.score": "a"}))
    assert sentence.startswith('key "a" is set for both board.score and board.add')
    assert "give board.add another key" in sentence


def test_no_clash_when_the_other_action_moves_too() -> None:
    assert list(clashes({"board.score": "a", "board.add": "plus"})) == []


def test_two_remaps_onto_one_key_clash() -> None:
    found = problems({"board.score": "z", "board.add": "z"})
    assert any("board.score" in p and "board.add" in p for p in found)


async def test_the_clash_is_reported_once_at_start(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config(keys={"board.score": "a"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: errors(app), "the clash report")
        await pilot.press("j", "k", "l", "h")
        await pilot.pause()
        [message] = errors(app)
        assert "board.score" in message and "board.add" in message


async def test_remapped_keys_show_in_the_footer_and_in_help(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config(keys={"board.add": "plus", "board.companies": "C"}))
    async with app.run_test(size=(80, 24)) as pilot:
        footer = board(app).query_one(KeyFooter)
        await wait_for(pilot, lambda: "+  Add" in str(footer.render()), "the remapped add key in the footer")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        lines = help_lines(app)
        add = next(line for line in lines if line.rstrip().endswith("board.add"))
        assert add.split()[0] == "+"
        key_rows = lines[: lines.index("Quick-add")]
        assert all(len(line) <= 76 for line in key_rows), max(key_rows, key=len)  # fits 80 columns


async def test_help_lists_the_apps_keys_first_then_other_screens_then_textuals(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        lines = help_lines(app)
        assert lines[0] == "Keys on this screen (Board)"
        assert lines[1].rstrip().endswith("board.left")  # the board's own keys before the widgets'
        titles = [line for line in lines if line and not line.startswith(" ")]
        assert titles.index("Companies") < titles.index("Ask form") < titles.index("Textual's own keys")
        textual = lines.index("Textual's own keys")
        assert any("Focus Next" in line for line in lines[textual:])
        assert not any("Focus Next" in line for line in lines[:textual])


def test_runs_of_one_key_display_merge_into_one_row() -> None:
    rows = [
        ("1-3", "Sort by Name", "x.sort1"),
        ("1-3", "Sort by Company", "x.sort2"),
        ("1-3", "Sort by Title", "x.sort3"),
    ]
    assert merged([("a", "Add", "x.add"), *rows]) == [("a", "Add", "x.add"), ("1-3", "Sort by …", "x.sort1-3")]
