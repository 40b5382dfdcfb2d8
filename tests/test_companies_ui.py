"""Pilot tests for the companies screen, the research form and the coverage warnings."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, TextArea
from textual.widgets.data_table import ColumnKey

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Company, CompanyStatus
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.company import CompanyForm
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.companies import CompaniesScreen
from tests.helpers import edit_company, fresh, notices, saved, text_of, wait_for

TODAY = date(2026, 3, 9)
SIZE = (120, 40)
STRONG = ScoreEntry(TODAY, 3, 3, 3, 3)  # 12: clears the threshold
WEAK = ScoreEntry(TODAY, 2, 2, 2, 2)  # 8


@pytest.fixture
def companies_repo(tmp_path: Path) -> Repository:
    """Targets Stripe (2 referrers), Acme (1), Globex (3), Initech (0)."""
    repo = Repository(tmp_path / "companies.json", FixedClock(TODAY))
    for text in (
        "Priya Shah @ Stripe",
        "Bo Chen @ Stripe",
        "Li Wei @ Acme",
        "Sam Jones @ Globex",
        "Ada Park @ Globex",
        "Kim Lee @ Globex",
        "Nia Roy @ Initech",
    ):
        repo.quick_add(text, target=True)
    nia = next(c for c in repo.contacts() if c.name == "Nia Roy")
    repo.move(nia.id, None)  # network only: not a referrer on the board
    repo.undo_stack.clear()
    return repo


@pytest.fixture
def four_targets(tmp_path: Path) -> Repository:
    """Four targets, each with two referrers scoring 12: only the target count is off."""
    repo = Repository(tmp_path / "four.json", FixedClock(TODAY))
    for company in ("Alpha", "Beta", "Gamma", "Delta"):
        for n in (1, 2):
            contact = repo.quick_add(f"{company} Person{n} @ {company} !target")
            repo.score(contact.id, STRONG)
    repo.undo_stack.clear()
    return repo


def screen(app: App[Any]) -> CompaniesScreen:
    current = app.screen
    assert isinstance(current, CompaniesScreen)
    return current


def table(app: App[Any]) -> DataTable[object]:
    return screen(app).query_one("#companies", DataTable)


def row_names(app: App[Any]) -> list[str]:
    return [r.company.name for r in screen(app).rows]


def table_names(app: App[Any]) -> list[str]:
    t = table(app)
    return [str(t.get_row_at(i)[0]) for i in range(t.row_count)]


def cells(app: App[Any], company_id: int) -> list[str]:
    return [str(c) for c in table(app).get_row(str(company_id))]


def current(app: App[Any]) -> Company:
    """The company under the table's cursor."""
    company = screen(app).current
    assert company is not None
    return company


async def open_companies(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()


def fill_form(
    app: App[Any],
    name: str,
    *,
    fit: str = "",
    challenges: str = "",
    my_angle: str = "",
    decision_makers: str = "",
    careers_url: str = "",
    open_roles: str = "",
) -> None:
    form = app.screen
    assert isinstance(form, CompanyForm)
    form.query_one("#f-name", Input).value = name
    form.query_one("#f-decision_makers", Input).value = decision_makers
    form.query_one("#f-careers_url", Input).value = careers_url
    form.query_one("#f-fit", TextArea).load_text(fit)
    form.query_one("#f-challenges", TextArea).load_text(challenges)
    form.query_one("#f-my_angle", TextArea).load_text(my_angle)
    form.query_one("#f-open_roles", TextArea).load_text(open_roles)


# -- the table -------------------------------------------------------------------------------


async def test_c_opens_companies_with_a_row_per_company(companies_repo: Repository) -> None:
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        assert table(app).row_count == 4
        assert table_names(app) == ["Acme", "Globex", "Initech", "Stripe"]  # by name, ascending
        by_name = {r.company.name: r for r in screen(app).rows}
        assert {n: r.referrers for n, r in by_name.items()} == {"Acme": 1, "Globex": 3, "Initech": 0, "Stripe": 2}
        stripe = by_name["Stripe"].company
        assert cells(app, stripe.id)[:5] == ["Stripe", "target", "2", "0", "✗ missing"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_add_company_with_research_through_the_form(companies_repo: Repository) -> None:
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CompanyForm)
        fill_form(
            app,
            "Hooli",
            fit="Platform work that matches my infra background",
            challenges="Migrating a monolith to services",
            my_angle="I led the same migration at Initech",
            decision_makers="Gavin (VP Eng), the platform EM",
            careers_url="https://hooli.example/careers",
            open_roles="Staff Engineer | https://x.example/1 | 2026-03-01 | open\nPlatform Lead",
        )
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        stored = fresh(companies_repo).find_company("hooli")
        assert stored is not None
        assert stored.name == "Hooli" and stored.status == "target" and not stored.archived
        assert stored.fit == "Platform work that matches my infra background"
        assert stored.challenges == "Migrating a monolith to services"
        assert stored.my_angle == "I led the same migration at Initech"
        assert stored.decision_makers == "Gavin (VP Eng), the platform EM"
        assert stored.careers_url == "https://hooli.example/careers"
        assert stored.research_complete
        assert stored.open_roles == [
            {"title": "Staff Engineer", "url": "https://x.example/1", "seen": "2026-03-01", "status": "open"},
            {"title": "Platform Lead", "url": "", "seen": "2026-03-09", "status": "open"},
        ]
        assert table(app).row_count == 5
        assert "Hooli" in table_names(app)
        assert cells(app, stored.id)[4] == "✓ complete"
        row = table(app).cursor_row
        assert screen(app).rows[row].company.name == "Hooli"  # the cursor is on the new company
        # undo takes it back out
        await pilot.press("u")
        await saved(pilot)
        assert fresh(companies_repo).find_company("Hooli") is None
        assert "Hooli" not in table_names(app)


async def test_escape_leaves_the_form_without_saving(companies_repo: Repository) -> None:
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        before = companies_repo.path.read_bytes()
        await pilot.press("a")
        await pilot.pause()
        fill_form(app, "Hooli")
        await pilot.press("escape")
        await saved(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        assert companies_repo.path.read_bytes() == before
        assert table(app).row_count == 4


BAD_INPUT = [
    ({"name": "   "}, "#e-name", "a company needs a name"),
    ({"name": "stripe"}, "#e-name", "'stripe' is already in your list"),
    ({"name": "STRIPE"}, "#e-name", "'STRIPE' is already in your list"),
    (
        {"name": "Hooli", "careers_url": "hooli.example/jobs"},
        "#e-careers_url",
        "'hooli.example/jobs' is not a web link; links start with https://",
    ),
    (
        {"name": "Hooli", "open_roles": "Staff | https://x.example/1 | 2026-13-01 | open"},
        "#e-open_roles",
        "line 1: the date seen '2026-13-01' is not a date",
    ),
    (
        {"name": "Hooli", "open_roles": "Staff | https://x.example/1 | 2026-03-01 | open\nLead | | | maybe"},
        "#e-open_roles",
        "line 2: status 'maybe' is not one of open, applied, closed",
    ),
    (
        {"name": "Hooli", "open_roles": "Staff | https://x.example/1 | 2026-03-01 | open | extra"},
        "#e-open_roles",
        "line 1: use at most 4 parts",
    ),
    (
        {"name": "Hooli", "open_roles": "Staff | x.example/1"},
        "#e-open_roles",
        "line 1: 'x.example/1' is not a web link",
    ),
]


async def test_bad_input_shows_message_and_saves_nothing(companies_repo: Repository) -> None:
    """Each bad form in turn, in one form: its message under its field, the others clear, nothing saved."""
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        before = companies_repo.path.read_bytes()
        await pilot.press("a")
        await pilot.pause()
        for fields, error_id, message in BAD_INPUT:
            fill_form(app, **fields)
            await pilot.press("ctrl+s")
            await saved(pilot)
            assert isinstance(app.screen, CompanyForm), fields
            assert message in text_of(app, error_id), (fields, text_of(app, error_id))
            for other in {"#e-name", "#e-careers_url", "#e-open_roles"} - {error_id}:
                assert text_of(app, other) == "", (fields, other, text_of(app, other))
            assert companies_repo.path.read_bytes() == before, fields
        assert [c.name for c in fresh(companies_repo).companies(include_archived=True)] == [
            "Stripe",
            "Acme",
            "Globex",
            "Initech",
        ]


async def test_fixing_the_input_then_saves(companies_repo: Repository) -> None:
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        await pilot.press("a")
        await pilot.pause()
        fill_form(app, "acme", careers_url="ftp://acme")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already in your list" in text_of(app, "#e-name")
        assert "not a web link" in text_of(app, "#e-careers_url")
        fill_form(app, "Acme Labs", careers_url="http://acme.example")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        stored = fresh(companies_repo).find_company("Acme Labs")
        assert stored is not None and stored.careers_url == "http://acme.example"
        assert not stored.research_complete
        assert cells(app, stored.id)[4] == "✗ missing"


async def test_edit_on_enter_changes_a_field_and_saves(companies_repo: Repository) -> None:
    stripe = companies_repo.find_company("Stripe")
    assert stripe is not None
    edit_company(
        companies_repo, stripe.id, open_roles=[{"title": "SRE", "url": "", "seen": "2026-03-02", "status": "applied"}]
    )
    companies_repo.undo_stack.clear()
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        await pilot.press("down", "down", "down")  # Stripe is last by name
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CompanyForm)
        assert form.query_one("#f-name", Input).value == "Stripe"
        assert form.query_one("#f-open_roles", TextArea).text == "SRE |  | 2026-03-02 | applied"
        form.query_one("#f-decision_makers", Input).value = "Payments EM"
        form.query_one("#f-status", Select).value = "paused"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        stored = fresh(companies_repo).company(stripe.id)
        assert stored.name == "Stripe" and stored.decision_makers == "Payments EM" and stored.status == "paused"
        assert stored.open_roles == [{"title": "SRE", "url": "", "seen": "2026-03-02", "status": "applied"}]
        assert cells(app, stripe.id)[1] == "paused"
        assert current(app).id == stripe.id
        # keeping its own name is not a duplicate; undo puts the old values back
        await pilot.press("u")
        await saved(pilot)
        assert fresh(companies_repo).company(stripe.id).status == "target"
        assert cells(app, stripe.id)[1] == "target"


async def test_archive_confirm_then_undo(companies_repo: Repository) -> None:
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        assert current(app).name == "Acme"
        acme_id = current(app).id
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await saved(pilot)
        assert table(app).row_count == 4 and not fresh(companies_repo).company(acme_id).archived
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await saved(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        assert table_names(app) == ["Globex", "Initech", "Stripe"]
        assert fresh(companies_repo).company(acme_id).archived
        assert [c.name for c in fresh(companies_repo).companies()] == ["Stripe", "Globex", "Initech"]
        await pilot.press("u")
        await saved(pilot)
        assert table_names(app) == ["Acme", "Globex", "Initech", "Stripe"]
        assert not fresh(companies_repo).company(acme_id).archived


async def test_sort_by_referrers_ascending_then_descending(companies_repo: Repository) -> None:
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert row_names(app) == ["Initech", "Acme", "Stripe", "Globex"]
        assert table_names(app) == row_names(app)
        assert "Referrers ▲" in str(table(app).columns[ColumnKey("Referrers")].label)
        await pilot.press("3")
        await pilot.pause()
        assert row_names(app) == ["Globex", "Stripe", "Acme", "Initech"]
        assert table_names(app) == row_names(app)
        assert "Referrers ▼" in str(table(app).columns[ColumnKey("Referrers")].label)
        await pilot.press("1")
        await pilot.pause()
        assert row_names(app) == ["Acme", "Globex", "Initech", "Stripe"]


async def test_sort_keeps_the_cursor_on_its_company(companies_repo: Repository) -> None:
    app = make_app(companies_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        await pilot.press("down")  # Globex
        await pilot.pause()
        assert current(app).name == "Globex"
        await pilot.press("3")
        await pilot.pause()
        assert current(app).name == "Globex"


# -- coverage warnings -----------------------------------------------------------------------


async def quick_add(pilot: Pilot[Any], line: str) -> None:
    """The board's quick-add: a, the line, enter."""
    await pilot.press("a")
    await pilot.pause()
    pilot.app.screen.query_one("#quick-add-input", Input).value = line
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, BoardScreen)


@pytest.fixture
def five_targets(four_targets: Repository) -> Repository:
    """The four well-covered targets plus Eta, a fifth with nobody yet."""
    four_targets.add_company(Company(name="Eta"))
    four_targets.undo_stack.clear()
    return four_targets


async def test_count_warning_clears_when_a_fifth_target_is_added(four_targets: Repository) -> None:
    app = make_app(four_targets)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await wait_for(
            pilot, lambda: "⚠ 1 coverage warning (c)" in text_of(app, "#board-header"), "⚠ 1 coverage warning (c)"
        )
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#coverage") == "⚠ 4 active targets; the method works with 5-10"
        # a fifth target through the form: the count warning clears, the new target is thin
        await pilot.press("a")
        await pilot.pause()
        fill_form(app, "Eta")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app, "#coverage") == "⚠ Eta: 0 referrers; find 2-3"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await wait_for(
            pilot, lambda: "⚠ 1 coverage warning (c)" in text_of(app, "#board-header"), "⚠ 1 coverage warning (c)"
        )


async def test_referrer_warnings_appear_and_clear_as_referrers_are_added(five_targets: Repository) -> None:
    app = make_app(five_targets)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await wait_for(
            pilot, lambda: "⚠ 1 coverage warning (c)" in text_of(app, "#board-header"), "⚠ 1 coverage warning (c)"
        )  # Eta: 0 referrers
        # one referrer on the board, unscored: thin and nobody at 12+
        await quick_add(pilot, "Zed Ko @ Eta")
        # the warnings are computed off the event loop a moment after a change
        await wait_for(pilot, lambda: "⚠ 2 coverage warnings (c)" in text_of(app, "#board-header"), "2 warnings")
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#coverage").splitlines() == [
            "⚠ Eta: 1 referrer; find 2-3",
            "⚠ Eta: nobody scores 12+ yet",
        ]
        # a second referrer: only the 12+ warning is left
        await pilot.press("escape")
        await pilot.pause()
        await quick_add(pilot, "Yu Yan @ Eta")
        await wait_for(pilot, lambda: "⚠ 1 coverage warning (c)" in text_of(app, "#board-header"), "1 warning")
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#coverage") == "⚠ Eta: nobody scores 12+ yet"
        # moving one of them to the network makes Eta thin again
        zed = next(c for c in five_targets.contacts() if c.name == "Zed Ko")
        five_targets.move(zed.id, None)
        screen(app).reload()
        await pilot.pause()
        assert "⚠ Eta: 1 referrer; find 2-3" in text_of(app, "#coverage")


async def test_12_plus_warning_appears_and_clears_as_scores_change(five_targets: Repository) -> None:
    for name in ("Zed Ko", "Yu Yan"):
        five_targets.quick_add(f"{name} @ Eta !relationship")
    five_targets.undo_stack.clear()
    yu = next(c for c in five_targets.contacts() if c.name == "Yu Yan")
    app = make_app(five_targets)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await wait_for(
            pilot, lambda: "⚠ 1 coverage warning (c)" in text_of(app, "#board-header"), "⚠ 1 coverage warning (c)"
        )
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#coverage") == "⚠ Eta: nobody scores 12+ yet"
        # score one of them 13 through the board: the campaign has the method's shape
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")  # the Relationship column holds only Eta's two
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("4", "4", "3", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await wait_for(pilot, lambda: "coverage warning" not in text_of(app, "#board-header"), "no warning")
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#coverage").startswith("✓ The campaign has the method's shape")
        scored = [c for c in five_targets.contacts() if c.company_id == yu.company_id and c.total == 13]
        assert len(scored) == 1
        # re-scoring below 12 (the same day replaces the entry) brings the warning back
        five_targets.score(scored[0].id, WEAK)
        screen(app).reload()
        await pilot.pause()
        assert text_of(app, "#coverage") == "⚠ Eta: nobody scores 12+ yet"
        five_targets.score(yu.id, STRONG)
        screen(app).reload()
        await pilot.pause()
        assert text_of(app, "#coverage").startswith("✓")
        assert {r.company.name: r.strong for r in screen(app).rows}["Eta"] == 1
        await pilot.press("escape")
        await pilot.pause()
        await wait_for(pilot, lambda: "coverage warning" not in text_of(app, "#board-header"), "coverage warning")


async def test_archiving_a_target_brings_the_count_warning_back(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "five.json", FixedClock(TODAY))
    for company in ("Alpha", "Beta", "Gamma", "Delta", "Eta"):
        for n in (1, 2):
            repo.score(repo.quick_add(f"{company} P{n} @ {company}", target=True).id, STRONG)
    repo.undo_stack.clear()
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await wait_for(pilot, lambda: "coverage warning" not in text_of(app, "#board-header"), "coverage warning")
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#coverage").startswith("✓")
        await pilot.press("x", "y")  # archive Alpha (first by name)
        await pilot.pause()
        assert text_of(app, "#coverage") == "⚠ 4 active targets; the method works with 5-10"
        await pilot.press("u")
        await pilot.pause()
        assert text_of(app, "#coverage").startswith("✓")
        await pilot.press("escape")
        await pilot.pause()
        await wait_for(pilot, lambda: "coverage warning" not in text_of(app, "#board-header"), "coverage warning")


# -- company names are text, not markup --------------------------------------------------------


async def test_coverage_shows_bracketed_company_names_verbatim(repo: Repository) -> None:
    names = ["Acme [Labs]", "Foo [/]"]
    for name in names:
        repo.add_company(Company(name=name))
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        for name in names:
            assert f"⚠ {name}: 0 referrers; find 2-3" in text_of(app, "#coverage")


async def test_table_shows_bracketed_company_names_verbatim(repo: Repository) -> None:
    repo.add_company(Company(name="acme [labs]"))
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        assert "acme [labs]" in app.export_screenshot().replace("&#160;", " ")


# -- prospects: known, not pursued -------------------------------------------------------------


def heading_index(app: App[Any]) -> int:
    return table(app).get_row_index("prospects")


async def test_quick_add_makes_a_prospect_listed_apart_and_t_makes_it_a_target(four_targets: Repository) -> None:
    app = make_app(four_targets)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await quick_add(pilot, "Zed Ko @ Hooli")
        await saved(pilot)
        hooli = fresh(four_targets).find_company("Hooli")
        assert hooli is not None and hooli.status == "prospect"
        assert four_targets.plan(TODAY).facts["targets"] == 4  # the plan does not count a prospect
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompaniesScreen)
        # targets first, then the heading, then the prospects; the header counts targets only
        assert table_names(app) == ["Alpha", "Beta", "Delta", "Gamma", "── Prospects (known, not pursued) ──", "Hooli"]
        assert [r.company.name for r in screen(app).rows] == ["Alpha", "Beta", "Delta", "Gamma", "Hooli"]
        head = text_of(app, "#companies-head")
        assert head.startswith("Targets 4 (the method works with 5-10)") and "prospects 1" in head
        assert text_of(app, "#coverage") == "⚠ 4 active targets; the method works with 5-10"
        assert cells(app, hooli.id)[:3] == ["Hooli", "prospect", "1"]
        # j from the last target skips the heading onto the prospect
        await pilot.press("j", "j", "j", "j")
        await pilot.pause()
        assert current(app).name == "Hooli"
        assert table(app).cursor_row == heading_index(app) + 1
        await pilot.press("t")
        await saved(pilot)
        assert fresh(four_targets).company(hooli.id).status == "target"
        assert any("Hooli is now a target" in m and "u undoes" in m for m in notices(app))
        assert "Prospects (known, not pursued)" not in " ".join(table_names(app))
        assert text_of(app, "#companies-head").startswith("Targets 5")
        assert four_targets.plan(TODAY).facts["targets"] == 5
        assert text_of(app, "#coverage") == "⚠ Hooli: 1 referrer; find 2-3\n⚠ Hooli: nobody scores 12+ yet"
        assert current(app).name == "Hooli"
        # t on a target says so and changes nothing
        await pilot.press("t")
        await pilot.pause()
        assert any("Hooli is a target already" in m for m in notices(app))
        # u makes it a prospect again
        await pilot.press("u")
        await saved(pilot)
        assert fresh(four_targets).company(hooli.id).status == "prospect"
        assert table_names(app)[-2:] == ["── Prospects (known, not pursued) ──", "Hooli"]
        assert text_of(app, "#companies-head").startswith("Targets 4")


async def test_k_from_a_prospect_skips_the_heading_back_to_the_targets(four_targets: Repository) -> None:
    four_targets.add_company(Company(name="Initech", status=CompanyStatus.PROSPECT))
    four_targets.add_company(Company(name="Hooli", status=CompanyStatus.PROSPECT))
    four_targets.undo_stack.clear()
    app = make_app(four_targets)
    async with app.run_test(size=SIZE) as pilot:
        await open_companies(pilot)
        await pilot.press("end")
        await pilot.pause()
        assert current(app).name == "Initech"  # prospects sort by name too
        await pilot.press("k")
        await pilot.pause()
        assert current(app).name == "Hooli"
        await pilot.press("k")
        await pilot.pause()
        assert current(app).name == "Gamma"
        # sorting keeps the sections apart
        await pilot.press("1")
        await pilot.pause()
        assert table_names(app) == [
            "Gamma",
            "Delta",
            "Beta",
            "Alpha",
            "── Prospects (known, not pursued) ──",
            "Initech",
            "Hooli",
        ]
