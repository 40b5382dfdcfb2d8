"""Edit long text in the user's $EDITOR (the app suspends meanwhile), or in an in-app text area."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.app import App, SuspendNotSupported


def editor_command() -> list[str] | None:
    """$VISUAL or $EDITOR split like a shell would, or None when neither is set."""
    value = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
    return shlex.split(value) if value else None


def run_editor(app: App[object], text: str, suffix: str = ".md") -> str | None:
    """Suspend the app, open ``text`` in the editor, return the edited text (None if it failed)."""
    command = editor_command()
    assert command is not None
    fd, name = tempfile.mkstemp(prefix="referral-tui-", suffix=suffix)  # 0600: notes are private
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        with app.suspend():
            result = subprocess.run([*command, str(path)], check=False)
        if result.returncode != 0:
            app.notify(f"{command[0]} exited with status {result.returncode}; nothing changed.", severity="warning")
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        app.notify(f"Could not use the editor {command[0]!r}: {exc}", severity="error")
        return None
    finally:
        path.unlink(missing_ok=True)


def edit_long_text(app: App[object], title: str, text: str, done: Callable[[str], None]) -> None:
    """Edit in $EDITOR if set (and the terminal can suspend), else in the in-app dialog;
    ``done`` gets the new text if it changed."""
    if editor_command():
        try:
            edited = run_editor(app, text)
        except SuspendNotSupported:
            app.notify("This terminal cannot hand over to $EDITOR; editing here instead.", severity="warning")
        else:
            if edited is not None and edited != text:
                done(edited)
            return

    from referral_tui.ui.forms.text_edit import TextEditDialog

    def finished(result: str | None) -> None:
        if result is not None and result != text:
            done(result)

    app.push_screen(TextEditDialog(title, text), finished)
