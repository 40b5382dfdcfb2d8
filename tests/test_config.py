"""The config file: ``config.load`` on explicit paths and environments, then the app using it.

``load`` never raises: a file with any mistake gives a Config holding the defaults and a
``problem`` that names the file and says what is allowed. The Pilot tests check that the
settings really reach the app (keymap, theme, animations, snooze length, help text) and
that a bad setting is reported as an error notification while the app runs on defaults.
"""

from __future__ import annotations

import collections
import importlib
import pkgutil
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, Static

import referral_tui.ui
from referral_tui import config
from referral_tui.config import Config
from referral_tui.domain.records import Ask, FollowUp
from referral_tui.locations import config_dir
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.prompt import DatePrompt
from referral_tui.ui.forms.quick_add import QuickAddDialog
from referral_tui.ui.keymap import known_binding_ids
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.help import HelpScreen
from referral_tui.ui.widgets.board_columns import BoardColumns
from referral_tui.ui.widgets.sidebar import FollowUpList
from tests.helpers import board, fresh, saved

TODAY = date(2026, 3, 9)
SIZE = (150, 40)  # wide enough for the follow-ups sidebar to show beside the board
README = Path(__file__).resolve().parent.parent / "README.md"
NO_SSH: dict[str, str] = {}
SSH = {"SSH_CONNECTION": "203.0.113.7 51234 192.0.2.10 22"}
DEFAULTS = {
    "theme": "",
    "snooze_days": 1,
    "animations": True,
    "smooth_scroll": True,
    "stay_in_touch_days": 30,
    "role_max_age_days": 45,
    "glyphs": "",
    "keys": {},
}
ALLOWED = "allowed: animations, glyphs, keys, role_max_age_days, smooth_scroll, snooze_days, stay_in_touch_days, theme"


def settings(cfg: Config) -> dict[str, Any]:
    """The user-facing settings of a Config (not its path or problem)."""
    return {
        "theme": cfg.theme,
        "snooze_days": cfg.snooze_days,
        "animations": cfg.animations,
        "smooth_scroll": cfg.smooth_scroll,
        "stay_in_touch_days": cfg.stay_in_touch_days,
        "role_max_age_days": cfg.role_max_age_days,
        "glyphs": cfg.glyphs,
        "keys": cfg.keys,
    }


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- config_path --------------------------------------------------------------------------


def test_config_path_defaults_to_the_user_config_folder() -> None:
    assert config.config_path({}) == config_dir() / "config.toml"
    assert config.config_path({"REFERRAL_TUI_CONFIG": "   "}) == config_dir() / "config.toml"


def test_config_path_honours_referral_tui_config(tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere" / "my.toml"
    assert config.config_path({"REFERRAL_TUI_CONFIG": str(chosen)}) == chosen
    home = Path.home()  # HOME is tmp_path/"home" (conftest)
    assert config.config_path({"REFERRAL_TUI_CONFIG": "~/rt.toml"}) == home / "rt.toml"


def test_load_without_a_path_reads_the_file_named_by_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "snooze_days = 5\n", "from-env.toml")
    loaded = config.load(environ={"REFERRAL_TUI_CONFIG": str(path)})
    assert loaded.path == path and loaded.snooze_days == 5 and loaded.problem == ""


def test_config_dir_is_under_the_hermetic_xdg_config_home(tmp_path: Path) -> None:
    assert config.config_path({}).is_relative_to(tmp_path / "xdg-config")


# -- good files ---------------------------------------------------------------------------


def test_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    loaded = config.load(path, NO_SSH)
    assert settings(loaded) == DEFAULTS
    assert loaded.path == path and loaded.problem == ""
    assert not path.exists(), "loading must not create the file"


def test_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    loaded = config.load(write(tmp_path, ""), NO_SSH)
    assert settings(loaded) == DEFAULTS and loaded.problem == ""


@pytest.mark.parametrize(
    "environ",
    [SSH, {"SSH_TTY": "/dev/pts/3"}, {**SSH, "SSH_TTY": "/dev/pts/3"}],
    ids=["SSH_CONNECTION", "SSH_TTY", "both"],
)
def test_over_ssh_animations_and_smooth_scroll_default_off(tmp_path: Path, environ: dict[str, str]) -> None:
    loaded = config.load(tmp_path / "absent.toml", environ)
    assert (loaded.animations, loaded.smooth_scroll) == (False, False)
    assert loaded.problem == ""
    assert config.over_ssh(environ)


def test_empty_ssh_variables_do_not_count_as_ssh(tmp_path: Path) -> None:
    environ = {"SSH_CONNECTION": "", "SSH_TTY": ""}
    assert not config.over_ssh(environ)
    loaded = config.load(tmp_path / "absent.toml", environ)
    assert (loaded.animations, loaded.smooth_scroll) == (True, True)


def test_over_ssh_the_file_can_turn_animations_and_smooth_scroll_back_on(tmp_path: Path) -> None:
    path = write(tmp_path, "animations = true\nsmooth_scroll = true\n")
    loaded = config.load(path, SSH)
    assert (loaded.animations, loaded.smooth_scroll, loaded.problem) == (True, True, "")


def test_over_ssh_the_file_can_turn_on_one_and_leave_the_other_off(tmp_path: Path) -> None:
    loaded = config.load(write(tmp_path, "smooth_scroll = true\n"), SSH)
    assert (loaded.animations, loaded.smooth_scroll) == (False, True)


def test_locally_the_file_can_turn_animations_off(tmp_path: Path) -> None:
    loaded = config.load(write(tmp_path, "animations = false\nsmooth_scroll = false\n"), NO_SSH)
    assert (loaded.animations, loaded.smooth_scroll) == (False, False)


def test_a_valid_file_sets_theme_snooze_days_and_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "nord"\nsnooze_days = 3\n\n[keys]\n"board.add" = "a,+"\n"board.followups" = "ctrl+f"\n',
    )
    loaded = config.load(path, NO_SSH)
    assert loaded.problem == ""
    assert loaded.path == path
    assert settings(loaded) == {
        **DEFAULTS,
        "theme": "nord",
        "snooze_days": 3,
        "keys": {"board.add": "a,+", "board.followups": "ctrl+f"},
    }


@pytest.mark.parametrize("days", [1, 90])
def test_snooze_days_bounds_are_accepted(tmp_path: Path, days: int) -> None:
    loaded = config.load(write(tmp_path, f"snooze_days = {days}\n"), NO_SSH)
    assert (loaded.snooze_days, loaded.problem) == (days, "")


def test_the_campaign_settings_are_read(tmp_path: Path) -> None:
    text = 'stay_in_touch_days = 21\nrole_max_age_days = 60\nglyphs = "unicode"\n'
    loaded = config.load(write(tmp_path, text), NO_SSH)
    assert loaded.problem == ""
    assert (loaded.stay_in_touch_days, loaded.role_max_age_days, loaded.glyphs) == (21, 60, "unicode")


def test_the_day_count_defaults_are_the_domains() -> None:
    """config.py is a leaf and cannot import the domain: its copies of the defaults must agree."""
    from referral_tui.domain.rhythm import STAY_IN_TOUCH_DAYS
    from referral_tui.domain.roles import ROLE_MAX_AGE_DAYS

    assert (Config().stay_in_touch_days, Config().role_max_age_days) == (STAY_IN_TOUCH_DAYS, ROLE_MAX_AGE_DAYS)


@pytest.mark.parametrize(
    ("environ", "ascii_marks"),
    [
        ({"TERM": "linux", "LANG": "C.UTF-8"}, True),
        ({"TERM": "vt100"}, True),
        ({"TERM": "dumb", "LANG": "en_US.UTF-8"}, True),
        ({"TERM": "xterm-256color", "LANG": "en_US.UTF-8"}, False),
        ({"TERM": "xterm-256color", "LANG": "C.utf8"}, False),
        ({"TERM": "xterm-256color", "LANG": "en_GB.ISO-8859-1"}, True),
        ({"TERM": "xterm-256color", "LANG": "C"}, True),
        ({"TERM": "xterm-256color", "LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}, True),  # LC_ALL wins
        ({"TERM": "xterm-256color", "LC_CTYPE": "en_US.UTF-8", "LANG": "C"}, False),  # then LC_CTYPE
        ({"TERM": "screen"}, False),  # no locale set: no sign either way
        ({}, False),
    ],
)
def test_glyphs_guess_ascii_from_the_terminal_and_the_locale(environ: dict[str, str], ascii_marks: bool) -> None:
    assert config.glyphs_ascii("", environ) is ascii_marks
    assert Config().ascii_glyphs(environ) is ascii_marks


@pytest.mark.parametrize("environ", [{"TERM": "linux"}, {"TERM": "xterm-256color", "LANG": "en_US.UTF-8"}])
def test_the_glyphs_setting_overrides_the_guess(environ: dict[str, str]) -> None:
    assert config.glyphs_ascii("ascii", environ) is True
    assert config.glyphs_ascii("unicode", environ) is False
    assert Config(glyphs="unicode").ascii_glyphs(environ) is False


def test_readme_example_loads_cleanly(tmp_path: Path) -> None:
    """The TOML block of README.md's config section is itself a valid config."""
    block = _readme_config_block()
    loaded = config.load(write(tmp_path, block), NO_SSH)
    assert loaded.problem == ""
    assert loaded.snooze_days == 3 and loaded.theme == "textual-dark"
    assert loaded.keys["board.add"] == "a,+"


# -- bad files ----------------------------------------------------------------------------

BAD_FILES = [
    pytest.param('theme = "nord\n', "is not valid TOML", id="invalid-toml"),
    pytest.param("snooze_days = \n", "is not valid TOML", id="invalid-toml-no-value"),
    pytest.param('colour = "red"\n', f"unknown setting 'colour'; {ALLOWED}", id="unknown-setting"),
    pytest.param('[theme]\nname = "nord"\n', "theme must be a string", id="theme-table"),
    pytest.param("theme = 5\n", "theme must be a string", id="theme-number"),
    pytest.param("snooze_days = 0\n", "snooze_days must be a whole number from 1 to 90, not 0", id="snooze-0"),
    pytest.param("snooze_days = 91\n", "snooze_days must be a whole number from 1 to 90, not 91", id="snooze-91"),
    pytest.param('snooze_days = "3"\n', "snooze_days must be a whole number from 1 to 90, not '3'", id="snooze-str"),
    pytest.param("snooze_days = true\n", "snooze_days must be a whole number from 1 to 90", id="snooze-bool"),
    pytest.param("snooze_days = 2.5\n", "snooze_days must be a whole number from 1 to 90", id="snooze-float"),
    pytest.param('animations = "yes"\n', "animations must be true or false, not 'yes'", id="animations-yes"),
    pytest.param("smooth_scroll = 1\n", "smooth_scroll must be true or false, not 1", id="smooth-scroll-1"),
    pytest.param(
        "stay_in_touch_days = 0\n",
        "stay_in_touch_days must be a whole number of days from 1 to 365, not 0",
        id="stay-in-touch-0",
    ),
    pytest.param(
        'stay_in_touch_days = "30"\n',
        "stay_in_touch_days must be a whole number of days from 1 to 365, not '30'",
        id="stay-in-touch-str",
    ),
    pytest.param(
        "role_max_age_days = 366\n",
        "role_max_age_days must be a whole number of days from 1 to 365, not 366",
        id="role-age-366",
    ),
    pytest.param(
        "role_max_age_days = true\n",
        "role_max_age_days must be a whole number of days from 1 to 365",
        id="role-age-bool",
    ),
    pytest.param('glyphs = "utf8"\n', 'glyphs must be "ascii" or "unicode", not \'utf8\'', id="glyphs-unknown"),
    pytest.param("glyphs = true\n", 'glyphs must be "ascii" or "unicode", not True', id="glyphs-bool"),
    pytest.param('keys = "a"\n', '[keys] must be a table of binding id = "key"', id="keys-not-table"),
    pytest.param('keys = ["a"]\n', '[keys] must be a table of binding id = "key"', id="keys-array"),
    pytest.param('[keys]\n"board.add" = ""\n', "key for 'board.add' must be a non-empty string", id="key-empty"),
    pytest.param('[keys]\n"board.add" = "   "\n', "key for 'board.add' must be a non-empty string", id="key-blank"),
    pytest.param('[keys]\n"board.add" = 5\n', "key for 'board.add' must be a non-empty string", id="key-number"),
    pytest.param('[keys]\n"board.add" = ["a"]\n', "key for 'board.add' must be a non-empty string", id="key-array"),
    pytest.param('[keys.board]\nadd = "a"\n', "key for 'board' must be a non-empty string", id="key-subtable"),
]


@pytest.mark.parametrize(("text", "says"), BAD_FILES)
@pytest.mark.parametrize("environ", [NO_SSH, SSH], ids=["local", "ssh"])
def test_a_bad_file_gives_the_defaults_and_a_problem_naming_the_file(
    tmp_path: Path, text: str, says: str, environ: dict[str, str]
) -> None:
    path = write(tmp_path, text)
    loaded = config.load(path, environ)
    ssh = bool(environ)
    assert settings(loaded) == {**DEFAULTS, "animations": not ssh, "smooth_scroll": not ssh}
    assert loaded.path == path
    assert str(path) in loaded.problem
    assert says in loaded.problem
    assert loaded.problem.endswith("; using the default settings")


def test_a_directory_at_the_config_path_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    loaded = config.load(path, NO_SSH)
    assert settings(loaded) == DEFAULTS
    assert loaded.problem.startswith(f"cannot read {path}: ")
    assert loaded.problem.endswith("; using the default settings")


def test_a_file_that_is_not_utf8_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "caf\xe9"\n')  # Latin-1, not UTF-8
    loaded = config.load(path, NO_SSH)
    assert settings(loaded) == DEFAULTS
    assert loaded.problem.startswith(f"cannot read {path}: ")
    assert "utf-8" in loaded.problem.lower()


def test_a_toml_error_says_where(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nsnooze_days = = 3\n')
    loaded = config.load(path, NO_SSH)
    assert "line 2" in loaded.problem


@pytest.mark.parametrize(
    "text",
    [
        'theme = "nord"\nsnooze_days = 0\n',
        'snooze_days = 3\nanimations = "yes"\n',
        'animations = false\n[keys]\n"board.add" = ""\n',
    ],
    ids=["theme-then-bad-snooze", "snooze-then-bad-animations", "animations-then-bad-key"],
)
def test_a_bad_file_applies_none_of_its_settings(tmp_path: Path, text: str) -> None:
    loaded = config.load(write(tmp_path, text), NO_SSH)
    assert loaded.problem
    assert settings(loaded) == DEFAULTS


# -- the binding ids ----------------------------------------------------------------------


def _readme_config_block() -> str:
    """The fenced TOML block of README.md that holds the ``[keys]`` example."""
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.S)
    found = [str(b) for b in blocks if "[keys]" in b]
    assert found, "README.md has no ```toml block with a [keys] table"
    return found[0]


def _ui_binding_owners() -> list[type]:
    """Every class of the referral_tui.ui package that declares its own BINDINGS."""
    owners: list[type] = []
    for info in pkgutil.walk_packages(referral_tui.ui.__path__, "referral_tui.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and "BINDINGS" in vars(value):
                owners.append(value)
    assert len(owners) > 10
    return owners


def _own_bindings(owner: type) -> list[Binding]:
    return [b for b in vars(owner)["BINDINGS"] if isinstance(b, Binding)]


def test_known_binding_ids_contain_every_id_in_the_readme_example() -> None:
    block = _readme_config_block()
    keys_part = block.split("[keys]", 1)[1]
    ids = re.findall(r'^\s*"([^"]+)"\s*=', keys_part, flags=re.M)
    assert ids, keys_part
    assert set(ids) <= known_binding_ids()


def test_known_binding_ids_cover_the_main_screens() -> None:
    ids = known_binding_ids()
    for expected in ("board.add", "board.followups", "app.help", "app.quit", "sidebar.snooze", "help.close"):
        assert expected in ids
    assert None not in ids and "" not in ids


def test_every_binding_of_the_app_has_an_id_unique_within_its_class() -> None:
    for owner in _ui_binding_owners():
        bindings = [b for b in vars(owner)["BINDINGS"]]
        assert all(isinstance(b, Binding) and b.id for b in bindings), f"{owner.__name__} has a binding without id"
        counts = collections.Counter(b.id for b in _own_bindings(owner))
        duplicates = [i for i, n in counts.items() if n > 1]
        assert not duplicates, f"{owner.__name__} repeats binding ids {duplicates}"


def test_an_id_shared_by_several_classes_means_the_same_action() -> None:
    """A remap applies to every binding with that id, so a shared id must be one action."""
    actions: dict[str, set[str]] = collections.defaultdict(set)
    for owner in _ui_binding_owners():
        for binding in _own_bindings(owner):
            actions[str(binding.id)].add(binding.action)
    assert {i: a for i, a in actions.items() if len(a) > 1} == {}


def test_known_binding_ids_contain_every_binding_id_of_the_ui() -> None:
    declared = {str(b.id) for owner in _ui_binding_owners() for b in _own_bindings(owner)}
    assert declared - known_binding_ids() == set()


# -- the app with a config ----------------------------------------------------------------


def errors(app: App[Any]) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


@pytest.fixture
def board_repo(repo: Repository) -> Repository:
    for text in ("Priya Shah @ Stripe, Staff Engineer", "Bo Chen @ Stripe, SRE"):
        repo.quick_add(text)
    repo.undo_stack.clear()
    return repo


async def test_default_config_gives_no_notification_and_full_animation(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board(app)
        assert errors(app) == []
        assert app.animation_level != "none"
        assert app.smooth_scroll is True


async def test_remapped_key_opens_quick_add_and_the_old_key_no_longer_does(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config(keys={"board.add": "plus"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert errors(app) == []
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen), "a still opens quick-add after remapping board.add"
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        app.screen.query_one("#quick-add-input", Input).value = "Zed Ko @ Initech"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert "Zed Ko" in {c.name for c in fresh(board_repo).contacts()}


async def test_a_key_can_be_remapped_to_several_keys(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config(keys={"board.add": "a,plus"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("a", "plus"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, QuickAddDialog), key
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)


async def test_unknown_binding_id_is_an_error_notification_and_defaults_stay(board_repo: Repository) -> None:
    path = Path("/somewhere/config.toml")
    app = make_app(board_repo, config=Config(keys={"board.nonsense": "plus"}, path=path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board(app)
        [message] = errors(app)
        assert "unknown key binding id 'board.nonsense'" in message
        assert str(path) in message and "? help" in message
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog), "the default key must still work"


async def test_unknown_id_does_not_stop_the_known_remaps(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config(keys={"board.nonsense": "x", "board.add": "plus"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(errors(app)) == 1
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)


async def test_a_binding_id_shown_in_help_can_be_remapped(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config(keys={"column.down": "n,down"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert errors(app) == []
        assert isinstance(app.focused, BoardColumns)
        await pilot.press("n")
        await pilot.pause()
        current = board(app).focused_column.current
        assert current is not None and current.name == "Bo Chen"


async def test_unknown_theme_is_an_error_notification_and_the_default_theme_stays(board_repo: Repository) -> None:
    default_theme = App().theme
    app = make_app(board_repo, config=Config(theme="no-such-theme", path=Path("/x/config.toml")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board(app)
        assert app.theme == default_theme
        [message] = errors(app)
        assert "unknown theme 'no-such-theme'" in message and "/x/config.toml" in message
        assert "nord" in message and "textual-dark" in message, "the message lists the themes"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)


@pytest.mark.parametrize("theme", ["nord", "textual-light"])
async def test_a_valid_theme_is_applied(board_repo: Repository, theme: str) -> None:
    app = make_app(board_repo, config=Config(theme=theme))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == theme
        assert errors(app) == []


async def test_animations_off_sets_animation_level_none_and_smooth_scroll_off(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config(animations=False, smooth_scroll=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.animation_level == "none"
        assert app.smooth_scroll is False
        await pilot.press("j")  # the board still moves, with no animation
        await pilot.pause()
        current = board(app).focused_column.current
        assert current is not None and current.name == "Bo Chen"


async def test_the_ssh_defaults_reach_the_app(board_repo: Repository, tmp_path: Path) -> None:
    app = make_app(board_repo, config=config.load(tmp_path / "absent.toml", SSH))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.animation_level == "none" and app.smooth_scroll is False


async def test_a_config_problem_is_shown_as_an_error_notification(board_repo: Repository, tmp_path: Path) -> None:
    path = write(tmp_path, "snooze_days = 0\n")
    app = make_app(board_repo, config=config.load(path, NO_SSH))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board(app)
        [message] = errors(app)
        assert str(path) in message and "snooze_days must be a whole number from 1 to 90" in message


@pytest.fixture
def overdue_repo(repo: Repository) -> tuple[Repository, FollowUp]:
    """Li was asked on 20 Feb: the week-2 check-in fell due on 27 Feb, so it is overdue."""
    contact = repo.quick_add("Li Wei @ Acme, Engineering Manager !timing")
    repo.add_ask(Ask(contact_id=contact.id, day=date(2026, 2, 20), role_title="Staff Engineer"))
    repo.undo_stack.clear()
    week2 = next(f for f in repo.followups() if f.kind == "week2_checkin")
    assert week2.due < TODAY
    return repo, week2


async def _highlight(app: App[Any], pilot: Pilot[Any], followup: FollowUp) -> FollowUpList:
    await pilot.press("f")
    await pilot.pause()
    listing = board(app).query_one("#followup-list", FollowUpList)
    assert app.focused is listing
    ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
    assert str(followup.id) in ids, ids
    listing.highlighted = ids.index(str(followup.id))
    await pilot.pause()
    return listing


async def test_snooze_days_is_what_shift_z_offers_and_z_snoozes_by(overdue_repo: tuple[Repository, FollowUp]) -> None:
    repo, week2 = overdue_repo
    app = make_app(repo, config=Config(snooze_days=3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _highlight(app, pilot, week2)
        await pilot.press("Z")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        assert app.screen.query_one("#prompt-input", Input).value == "+3d"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("z")
        await saved(pilot)
        assert fresh(repo).followup(week2.id).due == date(2026, 3, 12)
        assert any("by 3 days" in str(n.message) for n in app._notifications)


async def test_default_snooze_is_one_day(overdue_repo: tuple[Repository, FollowUp]) -> None:
    repo, week2 = overdue_repo
    app = make_app(repo, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _highlight(app, pilot, week2)
        await pilot.press("z")
        await saved(pilot)
        assert fresh(repo).followup(week2.id).due == date(2026, 3, 10)


def help_text(app: App[Any]) -> str:
    assert isinstance(app.screen, HelpScreen), app.screen
    return str(app.screen.query_one(Static).render())


async def test_help_shows_the_config_path_the_keys_table_and_binding_ids(
    board_repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "conf" / "referral.toml"
    app = make_app(board_repo, config=Config(path=path))
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        assert f"Config file  {path}" in text
        for binding_id in ("board.add", "board.followups", "app.quit"):
            assert binding_id in text
        # it names the [keys] table
        assert "under , e.g." not in text
        assert "[keys]" in text


async def test_help_without_a_config_path_shows_the_one_the_environment_names(
    board_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "env-config.toml"
    monkeypatch.setenv("REFERRAL_TUI_CONFIG", str(chosen))
    app = make_app(board_repo)
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert str(chosen) in help_text(app)


async def test_help_shows_the_remapped_key(board_repo: Repository) -> None:
    app = make_app(board_repo, config=Config(keys={"board.add": "plus"}))
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        add_line = next(line for line in help_text(app).splitlines() if "board.add" in line)
        assert "+" in add_line and " a " not in add_line
