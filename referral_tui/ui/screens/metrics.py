"""Metrics and the coach: what is working, and which mistakes the data shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static, TabbedContent, TabPane

from referral_tui.domain import coach
from referral_tui.domain.metrics import HOW, Metrics
from referral_tui.ui.markup import escape
from referral_tui.ui.session import Session

BAR_WIDTH = 20


def bar(value: int, top: int) -> str:
    """A text bar with its number, so it reads without color and on a small terminal."""
    filled = round(BAR_WIDTH * value / top) if top else 0
    return f"{'█' * filled}{'·' * (BAR_WIDTH - filled)} {value}"


def how(key: str) -> str:
    return f"[dim]How: {escape(HOW[key])}.[/dim]"


def metrics_markup(m: Metrics) -> dict[str, str]:
    """Each section of the metrics tab as console markup."""
    lines = [f"[b]Response rate from recruiting teams[/b]  {m.response.text()}"]
    lines += [f"  {escape(name):<24} {rate.text()}" for name, rate in m.response_by_company.items()]
    lines.append(how("response"))
    response = "\n".join(lines)

    dist = m.screening_distribution
    top = max(dist.values(), default=0)
    mean = f"{m.screening_mean:.1f} of 5 over {len(m.screening)}" if m.screening else "no screening rated yet"
    screening = "\n".join(
        [f"[b]Screening conversation quality[/b]  mean {mean}"]
        + [f"  {n}  {bar(dist[n], top)}" for n in range(1, 6)]
        + [how("screening")]
    )
    insider = (
        f"[b]Insider information[/b]  asks {m.insider_asks.text()} · referrers {m.insider_referrers.text()}\n"
        + how("insider")
    )

    strength = ["[b]Relationship strength over time[/b]"]
    if m.strength_by_week:
        first, last = m.strength_by_week[0], m.strength_by_week[-1]
        strength.append(f"  week of {first[0]:%d %b}: {first[1]:.2f}  →  week of {last[0]:%d %b}: {last[1]:.2f}")
    else:
        strength.append("  no scores yet")
    if m.risers:
        strength.append("  rose most: " + ", ".join(f"{escape(n)} +{d}" for n, d in m.risers))
    if m.fallers:
        strength.append("  fell most: " + ", ".join(f"{escape(n)} {d}" for n, d in m.fallers))
    strength.append(how("strength"))

    top_phase = max(m.phases.values(), default=0)
    top_status = max(m.ask_statuses.values(), default=0)
    median = m.median_days_to_response
    funnel = (
        ["[b]The funnel[/b]", "  Referrers per phase"]
        + [f"    {label:<14} {bar(n, top_phase)}" for label, n in m.phases.items()]
        + ["  Asks per status"]
        + [f"    {label:<20} {bar(n, top_status)}" for label, n in m.ask_statuses.items() if n]
        + [
            f"  Days from ask to recruiter response: median {median:g}"
            if median is not None
            else "  No recruiter responses yet"
        ]
        + [how("funnel")]
    )
    closed = m.followups_on_time + m.followups_late + m.followups_skipped
    discipline = (
        f"[b]Follow-up discipline[/b]  on time {m.followups_on_time} · late {m.followups_late} · "
        f"skipped {m.followups_skipped} (of {closed} closed) · overdue now {m.followups_overdue}\n" + how("discipline")
    )
    return {
        "response": response,
        "screening": screening,
        "insider": insider,
        "strength": "\n".join(strength),
        "funnel": "\n".join(funnel),
        "discipline": discipline,
    }


def coach_markup(findings: list[coach.Finding]) -> str:
    if not findings:
        return "[$success]The coach sees none of the usual referral mistakes in your data. Keep going.[/]"
    blocks = []
    for f in findings:
        blocks.append(
            f"[b $warning]⚑ {escape(f.title)}[/]  {escape(f.evidence)}\n   [b]Next:[/b] {escape(f.next_step)}"
        )
    return "\n\n".join(blocks)


class MetricsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="metrics.back"),
        Binding("left,h", "tab(-1)", "Previous tab", id="metrics.prev_tab", show=False),
        Binding("right,l", "tab(1)", "Next tab", id="metrics.next_tab", key_display="←/→"),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(self, session: Session, tab: str = "metrics") -> None:
        super().__init__()
        self.session, self.initial_tab = session, tab

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=self.initial_tab, id="metrics-tabs"):
            with TabPane("Metrics", id="metrics"), VerticalScroll(id="metrics-scroll"):
                for key in ("response", "screening", "insider", "strength"):
                    yield Static("", id=f"m-{key}", classes="metric")
                    if key == "strength":
                        yield Sparkline([], id="strength-chart")
                for key in ("funnel", "discipline"):
                    yield Static("", id=f"m-{key}", classes="metric")
            with TabPane("Coach", id="coach"), VerticalScroll():
                yield Static("", id="coach-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        repo = self.session.repo
        m = repo.campaign_metrics(self.session.today)
        for key, markup in metrics_markup(m).items():
            self.query_one(f"#m-{key}", Static).update(markup)
        chart = self.query_one("#strength-chart", Sparkline)
        chart.data = [v for _, v in m.strength_by_week]
        chart.display = len(m.strength_by_week) > 1
        findings = coach.review(repo.coach_data(self.session.today))
        self.query_one("#coach-list", Static).update(coach_markup(findings))
        self.query_one(TabbedContent).get_tab("coach").label = f"Coach ({len(findings)})"

    def action_tab(self, delta: int) -> None:
        tabs = self.query_one(TabbedContent)
        order = ["metrics", "coach"]
        tabs.active = order[(order.index(tabs.active or "metrics") + delta) % len(order)]

    def action_back(self) -> None:
        self.dismiss(None)
