"""ASCII marks on consoles that cannot draw the Unicode ones: one filter over the finished
screen, cell for cell."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color

from referral_tui.config import Config
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.glyphs import TABLE, AsciiGlyphs


def test_every_mark_becomes_one_ascii_or_console_cell() -> None:
    console = set("█▀▄▌▐")
    for source, target in TABLE.items():
        mark, replacement = chr(source), str(target)
        assert cell_len(mark) == cell_len(replacement) == 1, mark
        assert replacement.isascii() or replacement in console, (mark, replacement)


def test_the_filter_keeps_user_text_and_styles() -> None:
    segments = [Segment("Lina Sørensen ✓13 ", None), Segment("→ 03 Dec…", None)]
    out = AsciiGlyphs().apply(segments, Color(0, 0, 0))
    assert [s.text for s in out] == ["Lina Sørensen +13 ", "> 03 Dec~"]


async def test_the_glyphs_setting_decides_whether_the_filter_runs(repo: Repository) -> None:
    """(What the console then shows is checked end to end: tests/test_e2e_terminals.py.)"""
    for setting, wanted in (("ascii", True), ("unicode", False)):
        app = make_app(repo, config=Config(glyphs=setting))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.ascii_glyphs is wanted
            assert any(isinstance(f, AsciiGlyphs) for f in app.get_line_filters()) is wanted


async def test_help_names_keys_in_words_where_the_console_lacks_their_symbol(repo: Repository) -> None:
    """The filter would draw ``⏎`` as ``<``, the same as ``←``: help says ``enter``."""
    from referral_tui.ui.screens.help import help_text

    repo.quick_add("Priya Shah @ Stripe")
    for setting, enter in (("ascii", "enter"), ("unicode", "⏎")):
        app = make_app(repo, config=Config(glyphs=setting))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = help_text(app.screen, "x.json", repo.path, {}).plain
            assert f"  {enter} " in text and "board.open" in text
            assert ("⏎" in text) is (setting == "unicode")
