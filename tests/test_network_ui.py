"""Pilot tests for the network screen: every contact in one table, search, filter, sort and
promote to the board, with real keys in and the stored data checked."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from referral_tui.domain.records import Contact, Phase
from referral_tui.imports import import_linkedin
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.prompt import PromptDialog
from referral_tui.ui.screens import network as network_module
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.network import COLUMNS, NetworkScreen
from referral_tui.ui.screens.network_import import ImportScreen, guess_kind, progress_line
from referral_tui.ui.widgets.row_table import RowTable
from tests.helpers import fresh, notices, on_screen, saved, text_of, wait_for

MODERN = Path(__file__).parent / "fixtures" / "linkedin" / "connections_modern.csv"
SIZE = (120, 32)

IMPORTED = ["Priya Shah", "Bo Chen", "José Müller-Łukasz", "Li Wei 🚀", "Kim Park", "Dana Scully", "Ravi Iyer"]
ON_BOARD = "Ann Board"
AT_STRIPE = {"Priya Shah", "Bo Chen", "Dana Scully", "Ravi Iyer"}


@pytest.fixture
def network_repo(repo: Repository) -> Repository:
    """Ann is on the board at Stripe (a target); the modern fixture is imported into the network."""
    repo.quick_add(f"{ON_BOARD} @ Stripe, Recruiter", target=True)
    summary = import_linkedin(repo, MODERN)
    assert summary.added == 7 and summary.candidates == 4
    repo.undo_stack.clear()
    return repo


@pytest.fixture
def no_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    """The search applies at once: for tests about what it finds, not about when."""
    monkeypatch.setattr(network_module, "SEARCH_DELAY", 0.001)


def stored(repo: Repository) -> dict[str, Contact]:
    return {c.name: c for c in fresh(repo).contacts(include_archived=True)}


def network(app: App[Any]) -> NetworkScreen:
    return on_screen(app, NetworkScreen)


def shown(app: App[Any]) -> list[str]:
    return [row.cells[0] for row in network(app).shown]


def table_names(app: App[Any]) -> list[str]:
    return [cells[0] for cells in network(app).query_one(RowTable).rows]


def search_box(app: App[Any]) -> Input:
    return network(app).query_one("#network-search", Input)


async def shows(
    pilot: Pilot[Any], app: App[Any], expected: list[str] | Callable[[list[str]], bool], what: str = ""
) -> None:
    """Wait for the (debounced) search to show exactly ``expected``, or rows that pass it."""
    ok = expected if callable(expected) else lambda names: names == expected
    await wait_for(pilot, lambda: ok(shown(app)), f"{what or expected}; the screen shows {shown(app)}")


async def open_network(app: App[Any], pilot: Pilot[Any]) -> NetworkScreen:
    await pilot.pause()
    assert isinstance(app.screen, BoardScreen)
    await pilot.press("n")
    await pilot.pause()
    return network(app)


async def highlight(app: App[Any], pilot: Pilot[Any], name: str) -> None:
    """Put the cursor on the row of ``name`` (the first test drives the cursor keys)."""
    network(app).query_one(RowTable).cursor = shown(app).index(name)
    await pilot.pause()
    current = network(app).current
    assert current is not None and current.cells[0] == name


async def test_n_opens_a_table_with_one_row_per_contact(network_repo: Repository) -> None:
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_network(app, pilot)
        table = screen.query_one(RowTable)
        assert table.has_focus
        assert len(table.rows) == 8
        assert sorted(table_names(app)) == sorted([*IMPORTED, ON_BOARD])
        assert table_names(app) == shown(app) == sorted([*IMPORTED, ON_BOARD], key=str.casefold)
        rows = {cells[0]: cells for cells in table.rows}
        assert rows["Li Wei 🚀"] == ("Li Wei 🚀", 'Globex "Labs"', 'The "Fixer", Platform', "network", "2021-03-15", "")
        assert rows["Bo Chen"][1:4] == ("Stripe", "Site Reliability Engineer, Payments", "★ candidate")
        assert rows[ON_BOARD][3] == "Research"
        status = text_of(app, "#network-status")
        assert "8 of 8 contacts" in status and "sorted by Name" in status
        # Cursor keys move through the rows.
        await pilot.press("j", "j")
        assert table.cursor == 2
        await pilot.press("end")
        assert table.cursor == 7
        await pilot.press("k")
        assert table.cursor == 6


async def test_search_narrows_the_rows_after_the_debounce(network_repo: Repository) -> None:
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_network(app, pilot)
        await pilot.press("slash")
        search = search_box(app)
        assert search.has_focus
        await pilot.press(*"stripe")
        at_stripe = sorted([*AT_STRIPE, ON_BOARD])
        await shows(pilot, app, lambda names: sorted(names) == at_stripe, f"the people at Stripe {at_stripe}")
        assert table_names(app) == shown(app)
        # Typed letters are search text, not commands: "t" did not filter, "b" promoted nobody.
        assert screen.only_targets is False
        await pilot.press("space", "b", "o")
        await shows(pilot, app, [ON_BOARD, "Bo Chen"], "'stripe bo'")
        # every word must match: "bo" is in "Board"
        await saved(pilot)
        assert stored(network_repo)["Bo Chen"].phase is None
        assert "2 of 8 contacts" in text_of(app, "#network-status")
        # Search looks at name, company and title, case-insensitively, accents and emoji kept.
        for query, expected in (
            ("engineer", ["Bo Chen", "José Müller-Łukasz", "Priya Shah"]),
            ("🚀", ["Li Wei 🚀"]),
            ("JOSÉ", ["José Müller-Łukasz"]),
            ("zzz", []),
        ):
            search.value = query
            await shows(pilot, app, expected, f"{query!r} -> {expected}")
        # Enter returns to the table; clearing the search shows everyone again.
        await pilot.press("enter")
        assert screen.query_one(RowTable).has_focus
        search.value = ""
        await shows(pilot, app, lambda names: len(names) == 8, "everyone again")
        assert "8 of 8 contacts" in text_of(app, "#network-status")


@pytest.mark.usefixtures("no_debounce")
async def test_t_shows_only_people_at_target_companies(network_repo: Repository) -> None:
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_network(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert sorted(shown(app)) == sorted([*AT_STRIPE, ON_BOARD])
        assert "only people at target companies" in text_of(app, "#network-status")
        # The filter and the search combine.
        await pilot.press("slash")
        search_box(app).value = "sre"
        await shows(pilot, app, [], "nobody")  # "SRE" is not in "Site Reliability Engineer"
        search_box(app).value = "engineer"
        await shows(pilot, app, lambda names: sorted(names) == ["Bo Chen", "Priya Shah"], "the engineers at Stripe")
        await pilot.press("escape")  # leaves the search, stays on the screen
        assert isinstance(app.screen, NetworkScreen)
        await pilot.press("t")
        await pilot.pause()
        assert sorted(shown(app)) == ["Bo Chen", "José Müller-Łukasz", "Priya Shah"]


async def test_number_keys_sort_by_column_and_again_reverses(network_repo: Repository) -> None:
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_network(app, pilot)
        by_name = sorted([*IMPORTED, ON_BOARD], key=str.casefold)
        assert shown(app) == by_name
        await pilot.press("1")
        await pilot.pause()
        assert shown(app) == by_name[::-1]
        assert "▼" in text_of(app, "#network-status")
        await pilot.press("2")
        await pilot.pause()
        companies = [row.cells[1] for row in screen.shown]
        assert companies == sorted(companies, key=str.casefold)
        assert companies[0] == "Acme" and companies[-1] == "Stripe"
        await pilot.press("5")
        await pilot.pause()
        assert "sorted by Connected ▲" in text_of(app, "#network-status")
        assert shown(app) == [
            ON_BOARD,  # never connected on LinkedIn: empty sorts first
            "Li Wei 🚀",
            "José Müller-Łukasz",
            "Bo Chen",
            "Priya Shah",
            "Kim Park",
            "Ravi Iyer",
            "Dana Scully",
        ]
        await pilot.press("5")
        await pilot.pause()
        assert shown(app)[0] == "Dana Scully"
        await pilot.press("4")
        await pilot.pause()
        where = [row.cells[3] for row in screen.shown]
        assert where == sorted(where, key=str.casefold)
        await pilot.press("3")
        await pilot.pause()
        titles = [row.cells[2] for row in screen.shown]
        assert titles == sorted(titles, key=str.casefold)
        assert table_names(app) == shown(app)
        for n, label in enumerate(COLUMNS[:5], 1):
            await pilot.press(str(n))
            await pilot.pause()
            assert f"sorted by {label}" in text_of(app, "#network-status")
        # A new sort keeps the highlighted person highlighted.
        await highlight(app, pilot, "Kim Park")
        await pilot.press("5")
        await pilot.pause()
        assert screen.current is not None and screen.current.cells[0] == "Kim Park"
        assert screen.query_one(RowTable).cursor == shown(app).index("Kim Park")


async def test_b_promotes_to_research_and_u_undoes(network_repo: Repository) -> None:
    before_companies = {c.name for c in fresh(network_repo).companies()}
    assert before_companies == {"Stripe"}
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_network(app, pilot)
        await highlight(app, pilot, "Li Wei 🚀")
        await pilot.press("b")
        await saved(pilot)
        li = stored(network_repo)["Li Wei 🚀"]
        assert li.phase is Phase.RESEARCH
        assert li.company_id is not None
        company = fresh(network_repo).company(li.company_id)
        assert company.name == 'Globex "Labs"' and company.status == "prospect"
        assert (
            'Li Wei 🚀 is on the board in Research. Globex "Labs" is a prospect, not a target (c, then t, makes it one).'
            " u undoes." in notices(app)
        )
        assert screen.current is not None and screen.current.cells[0] == "Li Wei 🚀"
        assert screen.current.cells[3] == "Research"
        assert len(shown(app)) == 8

        await pilot.press("u")
        await saved(pilot)
        li = stored(network_repo)["Li Wei 🚀"]
        assert (li.phase, li.company_id) == (None, None)
        assert {c.name for c in fresh(network_repo).companies()} == before_companies
        assert any(m.startswith("Undid: put Li Wei 🚀 on the board") for m in notices(app))
        rows = {cells[0]: cells for cells in screen.query_one(RowTable).rows}
        assert rows["Li Wei 🚀"][3] == "network"

        # A candidate keeps the target company they are linked to; no company is created.
        stripe = fresh(network_repo).find_company("Stripe")
        assert stripe is not None
        await highlight(app, pilot, "Bo Chen")
        await pilot.press("b")
        await saved(pilot)
        bo = stored(network_repo)["Bo Chen"]
        assert (bo.phase, bo.company_id) == (Phase.RESEARCH, stripe.id)
        assert len(fresh(network_repo).companies()) == 1


async def test_b_on_someone_already_on_the_board_warns_and_changes_nothing(network_repo: Repository) -> None:
    before = network_repo.path.read_bytes()
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_network(app, pilot)
        await highlight(app, pilot, ON_BOARD)
        await pilot.press("b")
        await saved(pilot)
        assert f"{ON_BOARD} is already on the board (Research)." in notices(app)
        assert [n.severity for n in app._notifications] == ["warning"]
        assert network_repo.path.read_bytes() == before
        assert network_repo.undo_stack == []


async def test_escape_returns_to_the_board_with_the_promoted_card(network_repo: Repository) -> None:
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_network(app, pilot)
        await highlight(app, pilot, "Kim Park")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("escape")
        await saved(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        research = [card.name for card in board.column_for(Phase.RESEARCH).cards]
        assert "Kim Park" in research and ON_BOARD in research
        assert "Priya Shah" not in research, "the rest of the network stays off the board"
        hooli = fresh(network_repo).find_company("Hooli")
        assert hooli is not None and stored(network_repo)["Kim Park"].company_id == hooli.id


async def test_an_empty_network_is_harmless(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_network(app, pilot)
        assert screen.query_one(RowTable).rows == []
        await pilot.press("b", "1", "t", "j", "end")
        await pilot.pause()
        assert screen.current is None
        assert [n.severity for n in app._notifications if n.severity == "error"] == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


# -- importing from the network screen -----------------------------------------------------


GOOGLE = Path(__file__).parent / "fixtures" / "google" / "google_contacts.csv"
VCARD = Path(__file__).parent / "fixtures" / "vcard" / "contacts_v4.vcf"
ARCHIVE = Path(__file__).parent / "fixtures" / "linkedin_archive" / "export"


async def import_file(app: App[Any], pilot: Pilot[Any], path: Path) -> ImportScreen:
    """i, the path, enter; then wait for the worker to finish."""
    await pilot.press("i")
    return await answer_the_path_prompt(app, pilot, path)


async def answer_the_path_prompt(app: App[Any], pilot: Pilot[Any], path: Path) -> ImportScreen:
    """At the import's path prompt: the path, enter; then wait for the worker to finish."""
    await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog), "the path prompt")
    app.screen.query_one("#prompt-input", Input).value = str(path)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ImportScreen), "the import screen")
    report = app.screen
    assert isinstance(report, ImportScreen)
    await wait_for(pilot, lambda: report.done is not None, "the import to finish")
    return report


@pytest.mark.parametrize(
    ("path", "kind"), [(GOOGLE, "google"), (VCARD, "vcard"), (ARCHIVE, "linkedin"), (MODERN, "linkedin")]
)
def test_the_kind_of_file_is_told_by_its_shape(path: Path, kind: str) -> None:
    assert guess_kind(path) == kind


def test_the_progress_line_reads_without_colour() -> None:
    assert str(progress_line("messages", 20_000, 50_000)).endswith(" messages: 20,000 of 50,000 (40%)")
    assert str(progress_line("messages", 20_000, 50_000)).startswith("█" * 12 + "·" * 18)
    assert str(progress_line("reading", 0, 1)) == "Reading…"


async def test_i_imports_a_google_csv_in_a_worker_and_shows_the_counts(
    network_repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    from referral_tui import imports

    real = imports.import_google
    threads: list[str] = []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "import_google", recorded)
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_network(app, pilot)
        report = await import_file(app, pilot, GOOGLE)
        assert threads and threads[0] != threading.main_thread().name  # off the event loop
        assert report.steps and report.steps[-1].stage == "saving"  # progress reached the screen
        assert report.done is not None and not report.done.error
        summary = str(report.query_one("#import-summary", Static).render())
        # Priya Shah was in the network already: merged, not added again
        assert "added 2, merged 1, unchanged 0, skipped 2" in summary
        assert "skipped line 7: no name, email or phone" in summary
        assert "Imported." in str(report.query_one("#import-progress", Static).render())
        await pilot.press("enter")
        await saved(pilot)
        assert app.screen is screen
        names = set(stored(network_repo))
        assert {"Priya Shah", "Mary Ann O'Neil, Jr."} <= names
        assert "Mary Ann O'Neil, Jr." in table_names(app)
        assert any("Imported google_contacts.csv" in m for m in notices(app))
        # the whole import is one undo step
        await pilot.press("u")
        await saved(pilot)
        assert "Mary Ann O'Neil, Jr." not in stored(network_repo)


async def test_a_bad_file_gives_one_clear_line_and_changes_nothing(network_repo: Repository, tmp_path: Path) -> None:
    bad = tmp_path / "photo.vcf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    before = network_repo.path.read_bytes()
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_network(app, pilot)
        report = await import_file(app, pilot, bad)
        assert report.done is not None
        assert report.done.error == "photo.vcf: the file is not text; expected a vCard (.vcf) file"
        progress = str(report.query_one("#import-progress", Static).render())
        assert progress == f"✗ Not imported: {report.done.error}"
        assert "\n" not in progress
        await pilot.press("escape")
        await saved(pilot)
        assert app.screen is screen
        assert network_repo.path.read_bytes() == before
        assert not any("Imported" in m for m in notices(app))


async def test_a_path_that_does_not_exist_is_refused_in_the_prompt(network_repo: Repository, tmp_path: Path) -> None:
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_network(app, pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog), "the path prompt")
        app.screen.query_one("#prompt-input", Input).value = str(tmp_path / "nope.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        assert "nope.csv: no such file or folder; give LinkedIn's export" in text_of(app, "#prompt-error")


async def test_i_imports_linkedins_whole_export_folder(network_repo: Repository) -> None:
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_network(app, pilot)
        report = await import_file(app, pilot, ARCHIVE)
        assert report.kind == "linkedin"
        assert report.done is not None and not report.done.error, report.done
        summary = str(report.query_one("#import-summary", Static).render())
        assert summary.startswith("connections: added ")
        assert "messages: " in summary and "invitations: " in summary
        await pilot.press("escape")
        await saved(pilot)
        assert isinstance(app.screen, NetworkScreen)
        assert len(table_names(app)) == len(fresh(network_repo).contacts())


async def test_the_palette_imports_from_any_screen_through_the_network_screen(network_repo: Repository) -> None:
    """The palette's "Import into your network…" opens the network screen and its path prompt;
    on the network screen itself the screen's own "Import" key is the palette entry."""
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "Import into your network…"]
        command.callback()
        await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog), "the path prompt")
        assert isinstance(app.screen_stack[-2], NetworkScreen)
        report = await answer_the_path_prompt(app, pilot, VCARD)
        assert report.kind == "vcard" and report.done is not None and not report.done.error
        await pilot.press("enter")
        await saved(pilot)
        assert len(table_names(app)) == len(fresh(network_repo).contacts()) > len(IMPORTED) + 1
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Import" in titles and "Import into your network…" not in titles
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "back on the board")


async def test_the_palette_import_from_companies_redraws_it_after(network_repo: Repository, tmp_path: Path) -> None:
    """The screen the import was started from redraws when the network screen closes (one esc
    closes only the network screen); over a dialog (the path prompt, a running import) the
    command is not offered."""
    from referral_tui.ui.screens.companies import CompaniesScreen

    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Nia,Okoro,https://www.linkedin.com/in/nia-okoro,,Stripe,Staff Engineer,07 Mar 2026\n",
        encoding="utf-8",
    )
    app = make_app(network_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CompaniesScreen), "the companies screen")
        companies = app.screen
        assert isinstance(companies, CompaniesScreen)
        redraws: list[int] = []
        real = companies.reload

        def reload(keep_id: int | None = None) -> None:
            redraws.append(len(fresh(network_repo).contacts()))
            real(keep_id)

        companies.reload = reload  # type: ignore[method-assign]
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "Import into your network…"]
        command.callback()
        await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog), "the path prompt")
        assert "Import into your network…" not in {c.title for c in app.get_system_commands(app.screen)}
        await answer_the_path_prompt(app, pilot, connections)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NetworkScreen), "the network screen")
        network(app).query_one(RowTable).focus()  # (after an import the focus may be in the search box)
        await saved(pilot)
        before = len(fresh(network_repo).contacts())
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is companies, f"back on the companies screen {app.screen_stack}")
        await wait_for(pilot, lambda: redraws[-1:] == [before], f"a redraw with the import in: {redraws}")
