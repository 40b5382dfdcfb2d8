"""The conflict screen of `referral-tui merge`, driven by keys through Textual's Pilot."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Static

from referral_tui.store.threeway import FieldConflict, plan
from referral_tui.ui.merge_app import MergeConflictsApp
from tests.helpers import wait_for

BASE_AT, MINE_AT, THEIRS_AT = "2026-03-08T12:00:00+00:00", "2026-03-09T12:00:00+00:00", "2026-03-10T12:00:00+00:00"


def contact(name: str, at: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "uid": f"uid-{name}", "created_at": BASE_AT, "updated_at": at, **fields}


def conflicts() -> list[FieldConflict]:
    """Two fields both copies changed: Ana's title (her name has brackets) and Bo's notes."""
    ana, bo = "Ana [Labs] Ruiz", "Bo Chen"
    base = {"contacts": {"1": contact(ana, BASE_AT, title="Engineer"), "2": contact(bo, BASE_AT, notes="")}}
    mine = {
        "contacts": {
            "1": contact(ana, MINE_AT, title="[bold]Staff[/bold]"),
            "2": contact(bo, MINE_AT, notes="mine"),
        }
    }
    theirs = {
        "contacts": {
            "1": contact(ana, THEIRS_AT, title="Principal"),
            "2": contact(bo, THEIRS_AT, notes="theirs"),
        }
    }
    found = plan(base, mine, theirs).conflicts
    assert [(c.label, c.field) for c in found] == [(ana, "title"), (bo, "notes")]
    return found


def cell(app: MergeConflictsApp, row: int, column: str) -> str:
    value = app.query_one(DataTable).get_cell(str(row), column)
    assert isinstance(value, Text)
    return value.plain


def shown(app: MergeConflictsApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_pick_mine_for_one_and_theirs_for_the_other_then_apply() -> None:
    app = MergeConflictsApp(conflicts(), "referrals.json", "referrals.sync-conflict-x.json")
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.query_one(DataTable).row_count == 2, "the conflicts listed")
        # User text is shown as it is, never read as markup.
        assert cell(app, 0, "record") == "Ana [Labs] Ruiz"
        assert cell(app, 0, "mine") == "[bold]Staff[/bold]"
        assert "[bold]Staff[/bold]" in shown(app, "#detail") and "1 of 2: title of Ana [Labs] Ruiz" in shown(
            app, "#detail"
        )
        assert cell(app, 0, "cursor") == ">" and cell(app, 0, "pick") == "[ ? ]"
        await pilot.press("m")  # mine for Ana's title; the cursor moves on to Bo's notes
        await wait_for(pilot, lambda: cell(app, 1, "cursor") == ">", "the cursor on the second conflict")
        assert cell(app, 0, "pick") == "[mine]" and cell(app, 0, "cursor") == " "
        assert "2 of 2: notes of Bo Chen" in shown(app, "#detail")
        await pilot.press("enter")  # one still has no pick: nothing is applied yet
        await wait_for(pilot, lambda: "1 conflict without a pick" in shown(app, "#status"), "the reminder")
        assert app.is_running and app.return_value is None
        await pilot.press("t")
        await wait_for(pilot, lambda: cell(app, 1, "pick") == "[theirs]", "theirs marked")
        assert shown(app, "#status") == "All 2 picked: enter applies the merge."
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.return_value is not None, "the app to finish")
    assert app.return_value == {0: "mine", 1: "theirs"}


async def test_all_theirs_then_all_mine() -> None:
    app = MergeConflictsApp(conflicts())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.query_one(DataTable).row_count == 2, "the conflicts listed")
        # At 80 columns a long value is cut in the list; the highlighted one is shown whole below.
        assert cell(app, 0, "mine").endswith("…") and "mine  : [bold]Staff[/bold]" in shown(app, "#detail")
        await pilot.press("T")
        await wait_for(pilot, lambda: cell(app, 1, "pick") == "[theirs]", "all theirs")
        assert cell(app, 0, "pick") == "[theirs]"
        await pilot.press("M")
        await wait_for(pilot, lambda: cell(app, 0, "pick") == cell(app, 1, "pick") == "[mine]", "all mine")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.return_value is not None, "the app to finish")
    assert app.return_value == {0: "mine", 1: "mine"}


async def test_escape_aborts_without_picks() -> None:
    app = MergeConflictsApp(conflicts())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.query_one(DataTable).row_count == 2, "the conflicts listed")
        await pilot.press("t")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not app.is_running, "the app to stop")
    assert app.return_value is None
