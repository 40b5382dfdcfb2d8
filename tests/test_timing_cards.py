"""Open roles are the Timing phase's signals: a Timing card shows its company's newest open
role while it still counts (roles.current_roles), and follows the company's edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from referral_tui.domain.cards import timing_roles
from referral_tui.domain.records import Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from tests.helpers import TODAY, board, column, edit_company, wait_for


def role(title: str, days_ago: int, status: str = "open") -> dict[str, str]:
    return {"title": title, "url": "", "seen": (TODAY - timedelta(days=days_ago)).isoformat(), "status": status}


def test_timing_roles_are_the_current_ones_newest_first() -> None:
    stored = [role("Old", 90), role("Staff Engineer", 3), role("SRE", 10), role("Filled", 1, "closed")]
    assert timing_roles(stored, TODAY) == ("Staff Engineer", "SRE")
    assert timing_roles(stored, TODAY, max_age=5) == ("Staff Engineer",)
    assert timing_roles("not a list", TODAY) == ()


async def test_a_timing_card_shows_the_open_role_and_follows_the_company(repo: Repository) -> None:
    waiting = repo.quick_add("Priya Shah @ Stripe, Staff Engineer !timing")
    repo.quick_add("Bo Chen @ Stripe, SRE !relationship")
    stripe = repo.company(waiting.company_id or 0)
    edit_company(repo, stripe.id, open_roles=[role("Senior Backend Engineer", 2)])
    app = make_app(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        timing = column(app, Phase.TIMING)
        await wait_for(pilot, lambda: timing.cards, "the Timing column")
        assert timing.cards[0].open_role == "Senior Backend Engineer"
        assert column(app, Phase.RELATIONSHIP).cards[0].open_role == ""  # only Timing waits for roles
        assert any("★ Senior Backend Engineer" in timing.render_line(y).text for y in range(1, 4))
        current = app.session.repo.company(stripe.id)
        app.session.repo.save(replace(current, open_roles=[role("Senior Backend Engineer", 2), role("SRE II", 1)]))
        board(app).refresh_board()
        await wait_for(pilot, lambda: timing.cards[0].open_role == "SRE II", "the newer role")
        assert any("★ 2 roles · SRE II" in timing.render_line(y).text for y in range(1, 4))
