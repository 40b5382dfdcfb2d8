"""End to end in several terminals: the installed ``referral-tui`` at 80x24 under tmux.

The demo campaign (``referral-tui demo --out``, frozen on Mon 9 Mar 2026) is opened with
TERM=linux, TERM=xterm (16 colours), NO_COLOR=1 and over SSH. In each, the screen text alone
(``capture-pane -p``, no colour) must tell the cards apart: column titles with counts, ✓/✗
score badges with a number, the "!" overdue mark with "+Nd", and the "▌" cursor marker on
the focused card; on TERM=linux, whose console fonts lack those marks, their ASCII forms
(``+13``, ``-9``, ``>``). ``?`` shows the help, ``q`` exits with status 0.

What NO_COLOR does in Textual 8: the app adds a Monochrome filter, so colours are not
removed but turned into greys (SGR 38;5/48;5 codes remain, all from the grey ramp). The
test asserts exactly that, and that the text is the same as with colour.
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import PHASES
from referral_tui.store.repository import Repository
from tests.tmux import Tmux, base_env, installed_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TODAY = date(2026, 3, 9)
WIDTH, HEIGHT = 80, 24
BADGE = re.compile(r"[✓✗]\d+")
ASCII_BADGE = re.compile(r"(?<= )[+-]\d+")
OVERDUE = re.compile(r"! \d\d [A-Z][a-z]{2} \+\d+d")
SGR = re.compile(r"\x1b\[([0-9;]*)m")


@pytest.fixture
def demo_db(tmp_path: Path, cli: Callable[..., subprocess.CompletedProcess[str]]) -> Path:
    db = tmp_path / "demo.json"
    done = cli("demo", "--out", str(db))
    assert done.returncode == 0, done.stderr
    assert db.exists()
    return db


def expected_titles(db: Path) -> list[str]:
    counts = collections.Counter(c.phase for c in Repository(db, FixedClock(TODAY)).contacts())
    return [f"{phase.label} ({counts[phase]})" for phase in PHASES]


def cursor_rows(screen: str, ascii: bool = False) -> list[int]:
    """Rows that start with the ▌ cursor marker (``>`` in ASCII; a notification's border is
    never at column 0)."""
    mark = ">" if ascii else "▌"
    return [i for i, line in enumerate(screen.splitlines()) if line.startswith(mark)]


def colours(escaped: str) -> list[tuple[str, int | tuple[int, int, int]]]:
    """Every colour an SGR sequence sets: ("16", n), ("256", n) or ("rgb", (r, g, b))."""
    found: list[tuple[str, int | tuple[int, int, int]]] = []
    for match in SGR.finditer(escaped):
        params = [int(p) if p else 0 for p in match.group(1).split(";")]
        i = 0
        while i < len(params):
            p = params[i]
            if p in (38, 48, 58) and i + 1 < len(params):
                if params[i + 1] == 5:
                    found.append(("256", params[i + 2]))
                    i += 3
                    continue
                if params[i + 1] == 2:
                    r, g, b = params[i + 2 : i + 5]
                    found.append(("rgb", (r, g, b)))
                    i += 5
                    continue
            if 30 <= p <= 37 or 40 <= p <= 47:
                found.append(("16", p % 10))
            elif 90 <= p <= 97 or 100 <= p <= 107:
                found.append(("16", p % 10 + 8))
            i += 1
    return found


def is_grey(colour: tuple[str, int | tuple[int, int, int]]) -> bool:
    kind, value = colour
    if kind == "rgb":
        assert isinstance(value, tuple)
        return value[0] == value[1] == value[2]
    assert isinstance(value, int)
    if kind == "16":
        return value in (0, 7, 8, 15)
    return value in (0, 7, 8, 15, 16, 59, 102, 145, 188, 231) or 232 <= value <= 255


def unreadable(screen: str, titles: list[str], ascii: bool = False) -> list[str]:
    """What the screen text lacks for the board to be read without colour (nothing: readable)."""
    problems = [f"{title!r} missing" for title in titles if title not in screen]
    badge, good, low, unscored = (ASCII_BADGE, "+", "-", "-") if ascii else (BADGE, "✓", "✗", "–")
    if not badge.search(screen):
        problems.append(f"no {good}N / {low}N badge")
    if not (re.search(rf" \{good}\d", screen) and re.search(rf" {low}\d", screen)):
        problems.append("both a good and a low badge are on the demo board")
    if not OVERDUE.search(screen):
        problems.append("no '! DD Mon +Nd' overdue mark")
    undrawable = {c for c in screen if not c.isascii()} - DRAWN
    if ascii and undrawable:
        problems.append(f"marks the console cannot draw: {sorted(undrawable)}")
    rows = cursor_rows(screen, ascii)
    if not (len(rows) == 3 and rows == list(range(rows[0], rows[0] + 3))):
        problems.append(f"cursor marker rows {rows}")
    elif not (badge.search(screen.splitlines()[rows[0]]) or unscored in screen.splitlines()[rows[0]]):
        problems.append(f"no badge or '{unscored}' on the cursor's first row")
    return problems


#: What the Linux console's fonts draw beyond ASCII (code page 437's boxes and blocks).
DRAWN = set("─│┌┐└┘├┤┬┴┼═║╔╗╚╝█▀▄▌▐░▒▓")


def assert_board_readable_without_colour(screen: str, titles: list[str], ascii: bool = False) -> None:
    problems = unreadable(screen, titles, ascii)
    assert not problems, "; ".join(problems) + f":\n{screen}"


def readable_board(tmux: Tmux, pane: str, titles: list[str], ascii: bool = False) -> str:
    """The screen once the board can be read without colour (it paints the cards, then the marks)."""
    return tmux.wait(pane, lambda s: not unreadable(s, titles, ascii), f"a board readable without colour {titles}")


def complete_board(screen: str, titles: list[str]) -> bool:
    """Readable, and the later frame is in: the demo's coach flags (``⚑``) and the header's
    overdue count."""
    lines = screen.splitlines()
    return not unreadable(screen, titles) and "⚑" in screen and bool(lines) and " overdue" in lines[0]


TERMINALS = [
    pytest.param({"TERM": "linux"}, True, True, id="TERM=linux"),
    pytest.param({"TERM": "xterm"}, True, False, id="TERM=xterm-16-colours"),
    pytest.param({"TERM": "xterm-256color", "NO_COLOR": "1"}, False, False, id="NO_COLOR"),
    pytest.param({"TERM": "linux", "NO_COLOR": "1"}, False, True, id="TERM=linux-NO_COLOR"),
    pytest.param(
        {"TERM": "xterm-256color", "SSH_CONNECTION": "203.0.113.7 51234 192.0.2.10 22"}, False, False, id="SSH"
    ),
]


@pytest.mark.parametrize(("extra", "sixteen_colours", "ascii"), TERMINALS)
def test_board_help_and_quit_at_80x24(
    tmp_path: Path, tmux: Tmux, demo_db: Path, extra: dict[str, str], sixteen_colours: bool, ascii: bool
) -> None:
    titles = expected_titles(demo_db)
    pane = tmux.start([*installed_command(), "--db", str(demo_db)], base_env(**extra))
    screen = readable_board(tmux, pane, titles, ascii)
    assert_board_readable_without_colour(screen, titles, ascii)
    assert "Traceback" not in screen

    if sixteen_colours:
        escaped = tmux.escaped(pane)
        kinds = {kind for kind, _ in colours(escaped)}
        assert kinds == {"16"}, f"a 16-colour terminal got {kinds - {'16'}} colour codes"

    # The cursor is a mark, not only a colour: moving down moves the ▌ one card (4 rows).
    first = cursor_rows(screen, ascii)[0]
    tmux.keys(pane, "j")
    moved = tmux.wait(pane, lambda s: cursor_rows(s, ascii)[:1] == [first + 4], "the cursor marker moving down a card")
    assert len(cursor_rows(moved, ascii)) == 3
    footer = moved.splitlines()[-1]
    assert footer.rstrip().endswith("?  Help   q  Quit"), footer

    tmux.keys(pane, "?")
    help_screen = tmux.wait_for(pane, "Keys on this screen (Board)")
    assert "Prev column" in help_screen and "board.left" in help_screen
    tmux.keys(pane, "Escape")
    tmux.wait(pane, lambda s: "Keys" not in s and all(t in s for t in titles), "the help closing")

    tmux.keys(pane, "q")
    after = tmux.wait_for(pane, "EXITED-")
    assert "EXITED-0" in after and "Traceback" not in after


def test_no_color_keeps_the_text_and_turns_every_colour_grey(tmp_path: Path, tmux: Tmux, demo_db: Path) -> None:
    titles = expected_titles(demo_db)
    argv = [*installed_command(), "--db", str(demo_db)]
    plain = tmux.start(argv, base_env(NO_COLOR="1"))
    coloured = tmux.start(argv, base_env())
    # The board paints its cards first and the coach's flags and the header counts in a later
    # frame: compare the two screens once both have that last frame, not one frame apart.
    coloured_text = tmux.wait(coloured, lambda s: complete_board(s, titles), "the coloured board's last frame")
    plain_text = tmux.wait(
        plain, lambda s: complete_board(s, titles) and s == tmux.text(coloured), "the same text without colour"
    )
    coloured_text = tmux.text(coloured)
    assert plain_text == coloured_text, "NO_COLOR must not change what is written, only how"
    assert_board_readable_without_colour(plain_text, titles)

    plain_colours = colours(tmux.escaped(plain))
    coloured_colours = colours(tmux.escaped(coloured))
    assert coloured_colours and not all(map(is_grey, coloured_colours)), "the check must see colour when there is some"
    assert plain_colours, "Textual's NO_COLOR keeps greys (Monochrome filter)"
    assert [c for c in plain_colours if not is_grey(c)] == []

    for pane in (plain, coloured):
        tmux.keys(pane, "q")
        assert "EXITED-0" in tmux.wait_for(pane, "EXITED-")


def test_a_bad_config_file_still_starts_with_a_message(tmp_path: Path, tmux: Tmux, demo_db: Path) -> None:
    bad = tmp_path / "bad-config.toml"
    bad.write_text("theme = \n", encoding="utf-8")
    titles = expected_titles(demo_db)
    env = base_env(REFERRAL_TUI_CONFIG=str(bad))
    pane = tmux.start([*installed_command(), "--db", str(demo_db)], env)
    screen = tmux.wait(pane, lambda s: all(t in s for t in titles), f"the board {titles}")
    assert "Traceback" not in screen
    toast = tmux.wait_for(pane, "TOML")  # the error toast (it wraps the long path, so one word)
    assert "Config" in toast
    assert_board_readable_without_colour(tmux.text(pane), titles)

    tmux.keys(pane, "q")
    tmux.wait_for(pane, "EXITED-")
    after = tmux.text(pane, joined=True)
    assert "EXITED-0" in after
    [warning] = [line for line in after.splitlines() if "warning:" in line]
    assert warning.startswith("referral-tui: warning: ")
    assert str(bad) in warning and "is not valid TOML" in warning and "using the default settings" in warning
