"""Messages from templates: pick one, see it filled for a referrer, copy it or refine it in $EDITOR.

Copying a message offers to log it as sent (``templates.sent_as`` says as what), so the
interaction log keeps up with what the user actually sent. A placeholder left without a
value stays visible in the message, marked, and is named under it and in the copy notice.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from referral_tui.domain.records import Contact, Interaction
from referral_tui.domain.templates import PLACEHOLDERS, Rendered, SentAs, Template, placeholders_in, render, sent_as
from referral_tui.ui.editor import edit_long_text, editor_command
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.forms.profile import ProfileForm
from referral_tui.ui.forms.template import TemplateForm
from referral_tui.ui.screens.undo_keys import UndoRedoKeys
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.key_footer import KeyFooter
from referral_tui.ui.widgets.key_scroll import KeyScroll
from referral_tui.ui.widgets.marked_list import MarkedList
from referral_tui.ui.widgets.message_text import highlighted, unfilled_note


class MessageScreen(UndoRedoKeys, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="messages.back"),
        Binding("c", "copy", "Copy", id="messages.copy"),
        Binding("e", "editor", "Refine in editor", id="messages.editor"),
        Binding("n", "new_template", "New template", id="messages.new"),
        Binding("E", "edit_template", "Edit template", id="messages.edit"),
        Binding("D", "delete_template", "Delete mine", id="messages.delete"),
        Binding("p", "profile", "My profile", id="messages.profile"),
        Binding("u", "undo", "Undo", id="messages.undo"),
        Binding("ctrl+r", "redo", "Redo", id="messages.redo", show=False),
        Binding("J", "scroll_message(1)", "Scroll message", id="messages.scroll_down", key_display="J/K"),
        Binding("K", "scroll_message(-1)", "Scroll message up", id="messages.scroll_up", show=False),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(self, session: Session, contact_id: int, template_key: str | None = None) -> None:
        super().__init__()
        self.session, self.contact_id, self.initial_key = session, contact_id, template_key
        self.templates: list[Template] = []
        self.draft: str | None = None
        self.rendered = Rendered("")

    def compose(self) -> ComposeResult:
        with Horizontal(id="messages"):
            with Vertical(id="template-pane"):
                yield Label("Templates", classes="column-title")
                yield MarkedList(id="template-list")
            with Vertical(id="message-pane"):
                yield Label("", id="message-title", classes="column-title", markup=False)
                with KeyScroll(id="message-scroll"):
                    yield Static("", id="message-body", markup=False)
                yield Static("", id="message-unfilled", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload(self.initial_key)

    @property
    def contact(self) -> Contact:
        return self.session.repo.contact(self.contact_id)

    def reload(self, select_key: str | None = None) -> None:
        self.templates = self.session.repo.templates()
        options = self.query_one("#template-list", OptionList)
        options.clear_options()
        options.add_options(
            [Option(Text(t.title + ("" if t.builtin else "  (mine)")), id=t.key) for t in self.templates]
        )
        keys = [t.key for t in self.templates]
        options.highlighted = keys.index(select_key) if select_key in keys else 0
        options.focus()
        self.show_current()

    @property
    def current(self) -> Template:
        index = self.query_one("#template-list", OptionList).highlighted or 0
        return self.templates[index]

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self.draft = None
        self.show_current()

    def show_current(self) -> None:
        template = self.current
        self.rendered = render(template.body, self.session.repo.message_values(self.contact_id))
        body = Text(self.draft) if self.draft is not None else highlighted(self.rendered)
        self.query_one("#message-title", Label).update(f"{template.title} · for {self.contact.name}")
        self.query_one("#message-body", Static).update(body)
        self.query_one("#message-unfilled", Static).update(unfilled_note(self.unfilled, PLACEHOLDERS))

    @property
    def text(self) -> str:
        return self.draft if self.draft is not None else self.rendered.text

    @property
    def unfilled(self) -> list[str]:
        """The placeholders still without a value in what ``c`` copies."""
        return self.rendered.unfilled if self.draft is None else placeholders_in(self.draft)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        missing = self.unfilled
        note = f"; still unfilled: {', '.join('{' + k + '}' for k in missing)}" if missing else ""
        self.notify(
            f"Copied {len(self.text)} characters to the clipboard{note}.",
            severity="warning" if missing else "information",
        )
        logged_as = sent_as(self.current.key)
        if logged_as is not None:
            self.offer_to_log(logged_as)

    def offer_to_log(self, logged_as: SentAs) -> None:
        """Ask whether to log the copied message as sent (today, with this referrer)."""
        contact = self.contact
        today = self.session.today
        interaction = Interaction(contact.id, today, logged_as.kind, logged_as.summary, gave_value=logged_as.gave_value)

        def answered(yes: bool | None) -> None:
            if yes and self.session.save(lambda r: r.log_interaction(interaction)) is not None:
                self.notify(f"Logged with {contact.name}: {logged_as.summary} ({logged_as.kind.label}). u undoes.")

        body = (
            f'Log "{logged_as.summary}" ({logged_as.kind.label}) with {contact.name}, '
            f"dated today ({today:%d %b})? Log it once you have sent it; esc leaves the log as it is."
        )
        self.app.push_screen(ConfirmDialog("Log it as sent?", body, "Log as sent"), answered)

    def action_scroll_message(self, direction: int) -> None:
        scroll = self.query_one("#message-scroll", KeyScroll)
        if direction > 0:
            scroll.scroll_page_down(animate=False)
        else:
            scroll.scroll_page_up(animate=False)

    def after_history(self) -> None:
        self.reload(self.current.key)

    def action_editor(self) -> None:
        def done(new_text: str) -> None:
            self.draft = new_text
            self.show_current()
            self.notify("Draft updated; c copies it. Choosing another template discards it.")

        if not editor_command():
            self.notify("No $EDITOR set: editing here instead.")
        edit_long_text(self.app, f"Refine: {self.current.title}", self.text, done)

    def action_new_template(self) -> None:
        self.app.push_screen(TemplateForm(None), self._template_saved)

    def action_edit_template(self) -> None:
        self.app.push_screen(TemplateForm(self.current), self._template_saved)

    def _template_saved(self, result: Template | None) -> None:
        if result and self.session.save(lambda r: r.save_template(result.key, result.title, result.body)):
            self.notify(f"Saved template '{result.title}'. u undoes.")
            self.reload(result.key)

    def action_delete_template(self) -> None:
        template = self.current
        if template.builtin:
            self.notify("Built-in templates cannot be deleted; edit them instead.", severity="warning")
            return
        if self.session.save(lambda r: r.delete_template(template.key)) is not None:
            self.notify(f"Deleted '{template.title}'. u undoes.")
            self.reload()

    def action_profile(self) -> None:
        def saved(fields: dict[str, str] | None) -> None:
            if fields is not None and self.session.save(lambda r: r.save_profile(**fields)) is not None:
                self.notify("Profile saved.")
                self.show_current()

        self.app.push_screen(ProfileForm(self.session.repo.profile()), saved)

    def action_back(self) -> None:
        self.dismiss(None)
