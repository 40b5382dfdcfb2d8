"""The four-week plan: where the campaign stands against the method's plan, and the next step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from referral_tui.domain.campaign import company_rows, four_week_plan
from referral_tui.domain.clock import ClockError, parse_day
from referral_tui.ui.forms.prompt import PromptDialog
from referral_tui.ui.markup import escape
from referral_tui.ui.session import Session


def start_check(text: str) -> str | None:
    try:
        parse_day(text, "the start date")
    except ClockError as exc:
        return str(exc)
    return None


class PlanScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="plan.back"),
        Binding("d", "set_start", "Set start date", id="plan.start"),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan"):
            yield Static("", id="plan-head")
            yield Static("", id="plan-weeks")
            yield Static("", id="plan-next")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()

    def start_day(self) -> str:
        return self.session.repo.profile().get("campaign_start", "")

    def reload(self) -> None:
        repo = self.session.repo
        today = self.session.today
        start_text = self.start_day()
        start = None
        if start_text:
            try:
                start = parse_day(start_text)
            except ClockError:
                start = None
        rows = company_rows(repo.companies(), repo.contacts(), repo.asks(), repo.followups())
        plan = four_week_plan(today, start, rows, repo.contacts(), repo.interactions(), repo.asks(), repo.followups())
        if plan.start is None:
            head = (
                "[b]The four-week plan[/b]\nNo campaign start date yet: press d to set it (e.g. the Monday you began)."
            )
        elif plan.current_week is None:
            head = f"[b]The four-week plan[/b]\nThe campaign starts on {plan.start:%a %d %b %Y}."
        else:
            beyond = " (past the four weeks: keep the rhythm going)" if plan.current_week > 4 else ""
            head = f"[b]The four-week plan[/b]\nStarted {plan.start:%a %d %b %Y}; you are in week {plan.current_week}{beyond}."
        blocks = []
        for w in plan.weeks:
            here = plan.current_week == w.week
            mark = "[$success]✓[/]" if w.done else ("[b $accent]▶[/]" if here else "·")
            lines = [
                f"{mark} [b]Week {w.week}: {escape(w.title)}[/b]"
                + ("  [reverse] you are here [/reverse]" if here else "")
            ]
            lines += [f"    {escape(p)}" for p in w.progress]
            blocks.append("\n".join(lines))
        self.query_one("#plan-head", Static).update(head)
        self.query_one("#plan-weeks", Static).update("\n\n".join(blocks))
        self.query_one("#plan-next", Static).update(f"[b]Next step[/b]\n{escape(plan.next_step)}")

    def action_set_start(self) -> None:
        def done(text: str | None) -> None:
            if text and self.session.save(lambda r: r.save_profile(campaign_start=parse_day(text).isoformat())):
                self.notify("Campaign start saved.")
                self.reload()

        current = self.start_day() or self.session.today.isoformat()
        self.app.push_screen(
            PromptDialog("Campaign start", "The day your campaign began (YYYY-MM-DD)", start_check, current), done
        )

    def action_back(self) -> None:
        self.dismiss(None)
