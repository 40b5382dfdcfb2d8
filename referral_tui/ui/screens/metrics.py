"""Metrics and the coach: what is working, and which mistakes the data shows.

Three tabs: the method's success metrics; the coach's findings, where enter opens the place
that fixes one (``actions.open_fix``); and relationship strength per referrer (first,
latest, change and its course), sorted by change. Everything is computed in a worker thread
and shown when ready; each tab's content has the focus when it shows, so j/k, the arrows
and the page keys scroll or move at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Sparkline, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from referral_tui.domain import coach
from referral_tui.domain.coach_data import Finding, Fix
from referral_tui.domain.metrics import HOW, Metrics, StrengthRow, sort_by_change, strength_rows
from referral_tui.ui.markup import escape
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.key_footer import KeyFooter
from referral_tui.ui.widgets.key_scroll import KeyScroll
from referral_tui.ui.widgets.marked_list import MarkedList
from referral_tui.ui.widgets.row_table import RowTable

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
    strength.append("  per referrer: the Strength tab (c sorts it by change)")
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


# -- the coach tab ---------------------------------------------------------------------------

#: What enter does on a finding, by its fix (``actions.open_fix``).
FIX_HINT = {
    Fix.PACKET: "enter: complete the context packet",
    Fix.RESEARCH: "enter: finish the company's research",
    Fix.LOG_VALUE: "enter: log the value you give them",
    Fix.SCORE: "enter: score them on the matrix",
}


def fix_hint(finding: Finding) -> str:
    if finding.fix in FIX_HINT and (finding.contact_id is not None or finding.company_id is not None):
        return FIX_HINT[finding.fix]
    if finding.contact_id is not None:
        return "enter: open the person"
    return "advice for the whole campaign"


def finding_text(finding: Finding) -> Text:
    """One finding as plain Text (names in it are never read as markup)."""
    text = Text()
    text.append(f"⚑ {finding.title}", style="bold")
    text.append(f"  {finding.evidence}\n")
    text.append("   Next: ", style="bold")
    text.append(finding.next_step)
    text.append(f"\n   ({fix_hint(finding)})", style="italic")
    return text


NO_FINDINGS = "The coach sees none of the usual referral mistakes in your data. Keep going."


class CoachList(MarkedList):
    """The findings; enter opens the fix of the highlighted one."""

    BINDINGS = [Binding("enter", "select", "Fix it", id="metrics.fix", key_display="⏎")]


# -- the strength tab ------------------------------------------------------------------------

SPARKS = "▁▂▄▆█"  # relationship 1..5
STRENGTH_COLUMNS = (("Referrer", 26), ("Company", 20), ("First", 12), ("Latest", 12), ("Change", 9), ("Over time", 21))


def spark(values: Iterable[int]) -> str:
    """Ratings 1-5 as a line of bars, newest last (the glyph filter makes it ASCII on a console)."""
    return "".join(SPARKS[max(1, min(v, 5)) - 1] for v in values)


def strength_cells(row: StrengthRow) -> tuple[str, ...]:
    first_day, latest_day = row.history[0][0], row.history[-1][0]
    change = f"{row.change:+d}" if row.change else "0"
    values = [v for _, v in row.history]
    course = spark(values[-12:]) + "  " + "→".join(str(v) for v in values[-4:])
    return (
        row.name,
        row.company,
        f"{row.first} {first_day:%d %b}",
        f"{row.latest} {latest_day:%d %b}",
        change,
        course,
    )


# -- the screen ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Everything the screen shows, computed off the event loop."""

    metrics: Metrics
    findings: list[Finding]
    strength: list[StrengthRow]


TAB_ORDER = ("metrics", "coach", "strength")


class MetricsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="metrics.back"),
        Binding("left,h", "tab(-1)", "Previous tab", id="metrics.prev_tab", show=False, priority=True),
        Binding("right,l", "tab(1)", "Next tab", id="metrics.next_tab", key_display="←/→", priority=True),
        Binding("c", "sort_change", "Sort by change", id="metrics.sort_change"),
        Binding("enter", "open_person", "Open the person", id="metrics.open", show=False),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]
    DEFAULT_CSS = """
    MetricsScreen #strength-head { height: auto; padding: 0 1; }
    MetricsScreen #strength-table { height: 1fr; }
    MetricsScreen #coach-list { height: 1fr; border: none; padding: 0 1; }
    MetricsScreen #coach-list > .option-list--option { padding: 0 0 1 0; }
    """

    def __init__(self, session: Session, tab: str = "metrics") -> None:
        super().__init__()
        self.session, self.initial_tab = session, tab
        self.figures: Figures | None = None
        self.rise_first = True
        self.shown_strength: list[StrengthRow] = []

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=self.initial_tab, id="metrics-tabs"):
            with TabPane("Metrics", id="metrics"), KeyScroll(id="metrics-scroll"):
                for key in ("response", "screening", "insider", "strength"):
                    yield Static("", id=f"m-{key}", classes="metric")
                    if key == "strength":
                        yield Sparkline([], id="strength-chart")
                for key in ("funnel", "discipline"):
                    yield Static("", id=f"m-{key}", classes="metric")
            with TabPane("Coach", id="coach"):
                yield CoachList(id="coach-list", compact=True)
            with TabPane("Strength", id="strength"):
                yield Static("", id="strength-head", markup=False)
                yield RowTable(list(STRENGTH_COLUMNS), id="strength-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#m-response", Static).update("Computing the metrics…")
        self.focus_tab(self.initial_tab)
        self.reload()

    # -- computing (a worker) and showing ------------------------------------------------------

    def reload(self) -> None:
        """Compute every figure again in a worker; the tabs update when it is done."""
        self._compute(self.session.today)

    @work(thread=True, exclusive=True, group="metrics")
    def _compute(self, today: date) -> None:
        repo = self.session.repo
        figures = Figures(
            metrics=repo.campaign_metrics(today),
            findings=coach.review(repo.coach_data(today)),
            strength=strength_rows(repo.contacts(), repo.company_names()),
        )
        self.app.call_from_thread(self.show, figures)

    def show(self, figures: Figures) -> None:
        if not self.is_attached:
            return
        self.figures = figures
        m = figures.metrics
        for key, markup in metrics_markup(m).items():
            self.query_one(f"#m-{key}", Static).update(markup)
        chart = self.query_one("#strength-chart", Sparkline)
        chart.data = [v for _, v in m.strength_by_week]
        chart.display = len(m.strength_by_week) > 1
        self.show_findings(figures.findings)
        self.show_strength()

    def show_findings(self, findings: list[Finding]) -> None:
        options = self.query_one(CoachList)
        keep = options.highlighted
        options.clear_options()
        if findings:
            options.add_options([Option(finding_text(f), id=str(n)) for n, f in enumerate(findings)])
            options.highlighted = min(keep or 0, len(findings) - 1)
        else:
            options.add_option(Option(Text(NO_FINDINGS), disabled=True))
        self.query_one(TabbedContent).get_tab("coach").label = f"Coach ({len(findings)})"

    def show_strength(self) -> None:
        rows = sort_by_change(self.figures.strength if self.figures else [], self.rise_first)
        table = self.query_one(RowTable)
        current = self.current_strength
        self.shown_strength = rows
        keep = next((n for n, r in enumerate(rows) if current and r.contact_id == current.contact_id), 0)
        table.set_rows([strength_cells(r) for r in rows], keep)
        order = "biggest rise first" if self.rise_first else "biggest fall first"
        head = (
            f"Relationship strength per referrer (the relationship rating of each scoring) · sorted by change, "
            f"{order} (c flips) · enter opens the person"
            if rows
            else "No referrer is scored yet: s on the board scores one, and each new scoring adds a point here."
        )
        self.query_one("#strength-head", Static).update(head)

    @property
    def findings(self) -> list[Finding]:
        return self.figures.findings if self.figures else []

    @property
    def current_finding(self) -> Finding | None:
        index = self.query_one(CoachList).highlighted
        return self.findings[index] if index is not None and 0 <= index < len(self.findings) else None

    @property
    def current_strength(self) -> StrengthRow | None:
        cursor = self.query_one(RowTable).cursor
        return self.shown_strength[cursor] if 0 <= cursor < len(self.shown_strength) else None

    # -- tabs and keys ------------------------------------------------------------------------

    def focus_tab(self, tab: str) -> None:
        """Give the tab's content the focus, so it scrolls (or moves) without Tab."""
        target: Widget = {
            "metrics": self.query_one(KeyScroll),
            "coach": self.query_one(CoachList),
            "strength": self.query_one(RowTable),
        }[tab]
        target.focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self.focus_tab(event.pane.id)

    def action_tab(self, delta: int) -> None:
        tabs = self.query_one(TabbedContent)
        current = tabs.active if tabs.active in TAB_ORDER else "metrics"
        tabs.active = TAB_ORDER[(TAB_ORDER.index(current) + delta) % len(TAB_ORDER)]
        self.focus_tab(tabs.active)

    def action_sort_change(self) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active == "strength":
            self.rise_first = not self.rise_first
        else:
            tabs.active = "strength"
            self.focus_tab("strength")
        self.show_strength()

    @on(CoachList.OptionSelected)
    def _fix(self, event: CoachList.OptionSelected) -> None:
        event.stop()
        finding = self.current_finding
        if finding is not None:
            from referral_tui.ui.actions import open_fix

            open_fix(self, self.session, finding, self.reload)

    def action_open_person(self) -> None:
        """Enter on the strength table opens the person (on the coach list enter is its own)."""
        row = self.current_strength
        if row is not None and self.query_one(RowTable).has_focus:
            from referral_tui.ui.actions import open_person

            open_person(self, self.session, row.contact_id, self.reload)

    def action_back(self) -> None:
        self.dismiss(None)
