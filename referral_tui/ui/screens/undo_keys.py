"""u and ctrl+r on any screen: undo or redo the session's last change, then redraw.

Each screen keeps its own bindings (``<screen>.undo``, ``<screen>.redo``: remappable one
screen at a time); this mixin holds what they do. A screen redraws with ``reload()`` unless
it says otherwise in ``after_history``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referral_tui.ui.session import Session


class UndoRedoKeys:
    session: Session

    if TYPE_CHECKING:

        def reload(self) -> None: ...

    def after_history(self) -> None:
        """Redraw after an undo or a redo."""
        self.reload()

    def action_undo(self) -> None:
        if self.session.undo():
            self.after_history()

    def action_redo(self) -> None:
        if self.session.redo():
            self.after_history()
