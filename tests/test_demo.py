"""The demo campaign: realistic, dated relative to today, deterministic, written in one change."""

from __future__ import annotations

import stat
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from referral_tui import cli
from referral_tui.demo import demo_path, write_demo
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ASK_THRESHOLD
from referral_tui.domain.records import PHASES, CompanyStatus, Phase
from referral_tui.store.repository import Repository
from tests.helpers import undo_text

TODAY = date(2026, 3, 9)


@pytest.fixture
def demo(tmp_path: Path) -> Repository:
    return write_demo(tmp_path / "demo.json", FixedClock(TODAY))


def test_eight_companies_with_research_one_paused_some_unfinished(demo: Repository) -> None:
    companies = [c for c in demo.companies() if c.status is not CompanyStatus.PROSPECT]
    assert len(companies) == 8
    assert len({c.name for c in companies}) == 8
    assert [c.status for c in companies].count(CompanyStatus.PAUSED) == 1
    incomplete = [c for c in companies if not c.research_complete]
    assert 1 <= len(incomplete) <= 2
    for company in companies:
        assert company.fit and company.careers_url.startswith("https://")
        assert company.open_roles
        for role in company.open_roles:
            assert set(role) == {"title", "url", "seen", "status"}
            assert date.fromisoformat(role["seen"]) <= TODAY


def test_referrers_fill_every_phase_with_scores_both_sides_of_the_threshold(demo: Repository) -> None:
    board = demo.contacts(on_board=True)
    assert 20 <= len(board) <= 26
    assert {c.phase for c in board} == set(PHASES)
    totals = [c.total for c in board if c.total is not None]
    assert any(t >= ASK_THRESHOLD for t in totals)
    assert any(t < ASK_THRESHOLD for t in totals)
    assert any(c.total is None and c.phase is Phase.RESEARCH for c in board)
    for contact in board:
        assert contact.company_id is not None and contact.title and contact.links
        assert [s.day for s in contact.scores] == sorted(s.day for s in contact.scores)
    histories = [c.scores for c in board if len(c.scores) >= 2]
    assert histories and sum(h[-1].relationship > h[0].relationship for h in histories) > len(histories) // 2


def test_network_holds_imported_connections(demo: Repository) -> None:
    network = demo.contacts(on_board=False)
    assert len(network) >= 35
    assert all(c.phase is None for c in network)
    assert any(c.company_id is not None for c in network)


def test_the_former_employer_is_a_prospect_that_the_plan_does_not_count(demo: Repository) -> None:
    """One prospect (known, not pursued): the connections there are linked to it; the other
    connections keep LinkedIn's spelling of their employer, as an import leaves them."""
    from referral_tui.domain import targets

    [prospect] = [c for c in demo.companies() if c.status is CompanyStatus.PROSPECT]
    network = demo.contacts(on_board=False)
    there = [c for c in network if c.company_id == prospect.id]
    assert len(there) == 3 and all(c.employer == prospect.name for c in there)
    assert all(c.employer for c in network)
    assert not [c for c in demo.contacts(on_board=True) if c.company_id == prospect.id]
    assert len([c for c in demo.companies() if targets.is_target(c)]) == 7  # 8 minus the paused one


def test_interactions_cover_the_method(demo: Repository) -> None:
    interactions = demo.interactions()
    kinds = {i.kind for i in interactions}
    assert {"engaged", "message", "call", "event", "value", "asked"} <= kinds
    assert all(i.gave_value for i in interactions if i.kind == "value")
    assert any(i.insider and i.insider_text for i in interactions)
    assert all(i.day <= TODAY for i in interactions)
    yesterday_events = [i for i in interactions if i.kind == "event" and i.day == TODAY - timedelta(days=1)]
    assert yesterday_events
    event_followups = [f for f in demo.followups() if f.kind == "event_48h"]
    assert [f.due for f in event_followups] == [TODAY + timedelta(days=1)]


def test_asks_have_packets_outcomes_and_follow_ups(demo: Repository) -> None:
    asks = demo.asks()
    assert 5 <= len(asks) <= 7
    assert sum(not a.has_context_packet for a in asks) == 1
    assert {"submitted", "screening", "interviewing", "rejected", "no_response"} <= {a.status for a in asks}
    assert any(a.screening_quality for a in asks)
    for ask in asks:
        assert ask.status_history[0]["status"] == "requested"
        assert ask.status_history[-1]["status"] == ask.status
        assert ask.day < TODAY
    followups = demo.followups(open_only=False)
    assert any(f.status == "done" and f.done_on for f in followups)
    assert any(f.status == "skipped" and f.skip_reason for f in followups)
    assert all(f.ask_id in {a.id for a in asks} for f in followups if f.kind != "event_48h")


def test_follow_ups_fall_overdue_today_and_upcoming(demo: Repository) -> None:
    groups = demo.due(TODAY, 7)
    assert groups.overdue and groups.today and groups.upcoming


@pytest.mark.parametrize("today", [date(2026, 3, 9), date(2024, 2, 29), date(2031, 12, 31)])
def test_dates_move_with_today(tmp_path: Path, today: date) -> None:
    repo = write_demo(tmp_path / "demo.json", FixedClock(today))
    groups = repo.due(today, 7)
    assert groups.overdue and groups.today and groups.upcoming
    assert sorted(today - a.day for a in repo.asks())[0] == timedelta(days=3)


def test_same_day_gives_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "demo.json", tmp_path / "b" / "demo.json"
    write_demo(first, FixedClock(TODAY))
    write_demo(second, FixedClock(TODAY))
    assert first.read_bytes() == second.read_bytes()


def test_written_in_one_change_quickly(tmp_path: Path) -> None:
    started = time.perf_counter()
    repo = write_demo(tmp_path / "demo.json", FixedClock(TODAY))
    assert time.perf_counter() - started < 5  # generous: a sanity bound, not a benchmark
    assert [c.description for c in repo.undo_stack] == ["demo campaign"]
    assert not list(tmp_path.glob("*.bak*")) and not list((tmp_path).glob(".demo.json.*"))
    assert undo_text(repo) == "demo campaign"
    assert repo.contacts() == [] and repo.companies() == []


def test_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "taken.json"
    path.write_text("{}")
    with pytest.raises(FileExistsError):
        write_demo(path, FixedClock(TODAY))
    assert path.read_text() == "{}"


def test_demo_path_is_fresh_and_private() -> None:
    first, second = demo_path(), demo_path()
    try:
        assert first != second and first.parent != second.parent
        for path in (first, second):
            assert not path.exists() and path.parent.is_dir()
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        first.parent.rmdir()
        second.parent.rmdir()


def test_cli_demo_then_due(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REFERRAL_TUI_TODAY", TODAY.isoformat())
    out = tmp_path / "cli-demo.json"
    assert cli.main(["demo", "--out", str(out)]) == 0
    assert cli.main(["--db", str(out), "due"]) == 0
    printed = capsys.readouterr().out
    assert "Overdue (" in printed and "Today (" in printed and "Upcoming" in printed
    assert cli.main(["demo", "--out", str(out)]) == 2  # an existing file is refused


def test_the_demos_follow_ups_follow_each_asks_outcome(demo: Repository) -> None:
    """Rule: outcome-aware follow-ups, in the demo as in the app: a submitted ask's open week-2
    step is the thank-you, never "was it submitted?"."""
    for ask in demo.asks():
        open_kinds = {f.kind for f in demo.ask_followups(ask.id, open_only=True)}
        if ask.status.submitted:
            assert "week2_checkin" not in open_kinds, ask.role_title
        else:
            assert "week2_thanks" not in open_kinds, ask.role_title
    assert any(f.kind == "week2_thanks" for f in demo.followups())
