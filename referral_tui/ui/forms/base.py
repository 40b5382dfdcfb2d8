"""What every form shares, so the rules of a form live in one place.

* A frame that fits 80x24: the title on top, the fields in a body that scrolls, the hint
  line at the bottom, the key footer under it.
* Enter saves (from a one-line input, a checkbox or a select, as does ctrl+s); in a
  multi-line text box enter is a new line. Space ticks a checkbox or opens a select;
  escape cancels.
* A failed save moves the focus to the first invalid field and scrolls it, with its
  message, into view (a message below the fold is a message nobody reads).
* Titles and labels holding user text are ``Text``, never markup: a referrer called
  ``Ana [Labs] Ruiz`` is shown as typed.

Each form is a ``FormScreen[Result]``: it validates its fields and dismisses with a typed
value (None when cancelled); the caller saves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from referral_tui.ui.widgets.inputs import DateField
from referral_tui.ui.widgets.key_footer import KeyFooter

ResultT = TypeVar("ResultT")

#: The hint line every form shows (a prompt says less).
FORM_HINT = "enter/ctrl+s save · esc cancel · space toggles"
#: The hint line while a multi-line text box has the focus (there enter is a new line).
TEXT_BOX_HINT = "ctrl+s saves (enter is a new line here) · esc cancel · tab next field"
#: Said on the hint line when a save is refused (a toast could cover the fields).
FIX_FIELDS = "✗ Nothing saved: fix the marked fields"


def form_bindings(prefix: str, save: str = "Save") -> list[BindingType]:
    """Save (enter or ctrl+s) and cancel (escape), with ids ``<prefix>.save`` and ``<prefix>.cancel``.

    Enter in a one-line input submits it (which saves); on a checkbox or a select it reaches
    this binding (which saves); a multi-line box keeps enter for its new lines.
    """
    return [
        Binding("ctrl+s,enter", "save", save, id=f"{prefix}.save", key_display="enter"),
        Binding("escape", "cancel", "Cancel", id=f"{prefix}.cancel"),
    ]


def literal(text: str | Text) -> Text:
    """User text as a Text (never read as markup)."""
    return text if isinstance(text, Text) else Text(text)


class FormScreen(ModalScreen[ResultT | None]):
    """A modal form: title, scrolling body of fields, hint line; see the module docstring."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > .form-frame {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $accent; background: $surface;
    }
    FormScreen .form-title { dock: top; width: 100%; text-style: bold; margin: 0 0 1 0; }
    FormScreen .form-body { height: auto; max-height: 100%; }
    FormScreen .form-hint { dock: bottom; width: 100%; color: $text-muted; }
    FormScreen .form-body > Label { width: 100%; }
    FormScreen .error { height: auto; }
    FormScreen TextArea { border: solid $panel-lighten-2; }
    FormScreen TextArea:focus { border: double $accent; }
    FormScreen .short-area { height: 5; }
    """

    #: The frame's id (app.tcss may size some frames by it).
    FRAME_ID: ClassVar[str] = ""
    HINT: ClassVar[str] = FORM_HINT
    #: What the hint line leads with while a refused save is unfixed ("" when none).
    _problem: str = ""

    def form_title(self) -> str | Text:
        return ""

    def compose_fields(self) -> ComposeResult:
        """The fields, inside the scrolling body."""
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(id=self.FRAME_ID or None, classes="form-frame"):
            yield Label(literal(self.form_title()), classes="dialog-title form-title")
            with VerticalScroll(classes="form-body", id="form-body", can_focus=False):
                yield from self.compose_fields()
            yield Static(self.HINT, classes="hint form-hint", markup=False)
        yield KeyFooter()

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#form-body", VerticalScroll)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Focus as Textual does, but scroll the body ourselves: the focused field in view
        with its label above it when both fit (Textual centres the field, and at first it
        scrolled the first label away), and no animation."""
        super().set_focus(widget, scroll_visible=False, from_app_focus=from_app_focus)
        if scroll_visible and widget is not None:
            self.call_after_refresh(self._show_field, widget)

    def _show_field(self, widget: Widget) -> None:
        child = self._child_of_body(widget)
        if self.focused is not widget or child is None:
            return
        body = self.body
        region = child.virtual_region_with_margin
        siblings = list(body.children)
        index = siblings.index(child)
        if index and isinstance(siblings[index - 1], Label):
            with_label = region.union(siblings[index - 1].virtual_region_with_margin)
            if with_label.height <= body.scrollable_content_region.height:
                region = with_label
        body.scroll_to_region(region, animate=False, immediate=True, force=True)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _field_changed(self, event: Input.Changed | Checkbox.Changed | Select.Changed | TextArea.Changed) -> None:
        """A field the user changes loses its old message (the next save checks it again)."""
        key = (event.control.id or "").removeprefix("f-") if (event.control.id or "").startswith("f-") else None
        if key is None:
            return
        for message in self.query(f"#e-{key}").results(Static):
            if not isinstance(message.parent, DateField) and str(message.render()):
                message.update("")

    def action_save(self) -> None:
        """Validate and dismiss with the value; subclasses implement it."""

    def action_cancel(self) -> None:
        self.dismiss(None)

    # -- messages beside the fields -------------------------------------------------------

    def show_errors(self, errors: Mapping[str, str], keys: Iterable[str]) -> bool:
        """Put each field's message beside it (``#e-<key>``; cleared when the field is fine),
        focus the first invalid field (in ``keys`` order) with its message in view, and say on
        the hint line that nothing was saved. True when something was wrong."""
        first: str | None = None
        for key in keys:
            problem = errors.get(key)
            if problem is not None and first is None:
                first = key
            for message in self.query(f"#e-{key}").results(Static):
                if isinstance(message.parent, DateField):
                    if problem is not None:  # the note under a date field says what it understood
                        message.update(f"✗ {problem}")
                else:
                    message.update(f"✗ {problem}" if problem is not None else "")
        self.set_hint(FIX_FIELDS if first is not None else "")
        if first is None:
            return False
        self.focus_field(first)
        return True

    def set_hint(self, problem: str) -> None:
        """The hint line, led by ``problem`` (bold) when a save was refused."""
        self._problem = problem
        hint = Text()
        if problem:
            hint.append(problem, style="bold")
            hint.append(" · ")
        hint.append(TEXT_BOX_HINT if isinstance(self.focused, TextArea) else self.HINT)
        for line in self.query(".form-hint").results(Static):
            line.update(hint)

    @on(events.DescendantFocus)
    def _hint_for_the_focus(self) -> None:
        """In a text box enter is a new line, so the hint says how to save there."""
        self.set_hint(self._problem)

    def focus_field(self, key: str) -> None:
        """Focus ``#f-<key>`` and scroll it and its message (``#e-<key>``) into view."""
        target = next(iter(self.query(f"#f-{key}")), None)
        if target is None:
            return
        target.focus(scroll_visible=False)
        message = next(iter(self.query(f"#e-{key}")), None) or target
        self.call_after_refresh(self.reveal, target, message)

    def reveal(self, *widgets: Widget) -> None:
        """Scroll the body so every one of ``widgets`` (its fields and messages) shows."""
        body = self.body
        region: Region | None = None
        for widget in widgets:
            child = self._child_of_body(widget)
            if child is None:
                continue
            box = child.virtual_region_with_margin
            region = box if region is None else region.union(box)
        if region is not None:
            body.scroll_to_region(region, animate=False, immediate=True, force=True)

    def _child_of_body(self, widget: Widget) -> Widget | None:
        body = self.body
        node: Widget | None = widget
        while node is not None and node.parent is not body:
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return node
