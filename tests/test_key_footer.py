"""The footer: the focused widget's keys first (a way back last among them), then the
screen's by priority, whole words only, and always ? and q at the right."""

from __future__ import annotations

from referral_tui.ui.widgets.key_footer import arrange

BOARD = [("board.add", "a", "Add"), ("board.move_next", "H/L", "Move"), ("board.open", "⏎", "Open")]
PINNED = [("app.help", "?", "Help"), ("app.quit", "q", "Quit")]


def test_help_and_quit_stay_and_nothing_is_cut_mid_word() -> None:
    hints = [*BOARD, ("board.filter", "/", "Filter"), *PINNED]
    line = arrange(hints, 40).plain
    assert len(line) == 40 and line.rstrip().endswith("?  Help   q  Quit")
    shown = [f" {keys}  {description}" for _, keys, description in hints if f" {keys}  {description}" in line]
    assert " a  Add" in shown and " /  Filter" not in shown
    # what is left once the whole hints are taken out is only spaces: no piece of a word
    rest = line
    for piece in shown:
        rest = rest.replace(piece, "")
    assert rest.strip() == "", rest


def test_the_focused_widgets_keys_come_first_and_esc_last_among_them() -> None:
    focused = [("sidebar.back", "esc", "Cards"), ("sidebar.done", "d", "Done"), ("sidebar.skip", "x", "Skip")]
    line = arrange([*focused, *BOARD, *PINNED], 80).plain
    assert line.index("Done") < line.index("Skip") < line.index("Cards") < line.index("Add")


def test_ascii_only_spells_the_enter_key() -> None:
    assert "enter  Open" in arrange([*BOARD, *PINNED], 80, ascii_only=True).plain
