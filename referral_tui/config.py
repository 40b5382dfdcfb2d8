"""The user's config file: key remaps and defaults, in TOML under the user config folder.

Example ``~/.config/referral-tui/config.toml``::

    theme = "textual-dark"      # any Textual theme name
    snooze_days = 3             # what shift+z offers first
    animations = true           # default: false over SSH, true otherwise
    smooth_scroll = false       # default: false over SSH, true otherwise
    stay_in_touch_days = 30     # Today: a board referrer quiet this long is due a word
    role_max_age_days = 45      # an open role seen longer ago stops counting as a signal
    glyphs = "ascii"            # or "unicode"; default: ascii on TERM=linux/vt100/dumb
                                # or a locale that is not UTF-8

    [keys]                      # binding id = "key[,key...]" (ids are listed in ? help)
    "board.add" = "a,+"
    "board.followups" = "ctrl+f"

A file that cannot be read gives one clear message, and the app starts with the defaults.
docs/config.md lists every setting. This module is a leaf (it imports nothing from the
package but ``locations``): the defaults of the two day counts repeat the domain's
(``rhythm.STAY_IN_TOUCH_DAYS``, ``roles.ROLE_MAX_AGE_DAYS``), and a test keeps them equal.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from referral_tui.locations import config_dir

CONFIG_ENV = "REFERRAL_TUI_CONFIG"
MAX_SNOOZE = 90
#: The domain's defaults (a test checks they equal rhythm.STAY_IN_TOUCH_DAYS and
#: roles.ROLE_MAX_AGE_DAYS; this leaf module cannot import them).
STAY_IN_TOUCH_DAYS = 30
ROLE_MAX_AGE_DAYS = 45
MAX_DAYS = 365
GLYPHS = ("ascii", "unicode")
#: Terminals whose fonts lack the Unicode marks (✓ ✗ ⚑ ▌): the guess for ``glyphs``.
ASCII_TERMS = frozenset({"linux", "vt100", "vt102", "vt220", "dumb", "ansi", "cons25"})


@dataclass
class Config:
    theme: str = ""
    snooze_days: int = 1
    animations: bool = True
    smooth_scroll: bool = True
    #: Today lists a board referrer with no interaction for this many days.
    stay_in_touch_days: int = STAY_IN_TOUCH_DAYS
    #: An open role seen more than this many days ago stops counting as a timing signal.
    role_max_age_days: int = ROLE_MAX_AGE_DAYS
    #: "ascii", "unicode", or "" (not set: ``glyphs_ascii`` guesses from the terminal).
    glyphs: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    #: What was wrong with the file, if anything (the app shows it and uses defaults).
    problem: str = ""

    def ascii_glyphs(self, environ: Mapping[str, str] | None = None) -> bool:
        """Whether the screens should use ASCII marks (``glyphs_ascii`` on this setting)."""
        return glyphs_ascii(self.glyphs, environ)


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    chosen = env.get(CONFIG_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else config_dir() / "config.toml"


def over_ssh(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))


def _utf8(locale_name: str) -> bool:
    """``en_US.UTF-8``, ``C.utf8``: the locale's encoding is UTF-8."""
    return "utf8" in locale_name.lower().replace("-", "").replace("_", "")


def glyphs_ascii(setting: str = "", environ: Mapping[str, str] | None = None) -> bool:
    """ASCII marks instead of Unicode ones? ``setting`` is the config's ``glyphs`` ("ascii",
    "unicode", or "" for the guess). The guess is ASCII on a terminal whose fonts lack the
    marks (TERM=linux, vt100, dumb...) or under a locale that is not UTF-8 (LC_ALL, else
    LC_CTYPE, else LANG; none set is no sign either way)."""
    if setting in GLYPHS:
        return setting == "ascii"
    env = os.environ if environ is None else environ
    if env.get("TERM", "").strip().lower() in ASCII_TERMS:
        return True
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return not _utf8(value)
    return False


def load(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read the config; never raises: problems are reported in ``Config.problem``."""
    path = path or config_path(environ)
    ssh = over_ssh(environ)
    defaults = Config(animations=not ssh, smooth_scroll=not ssh, path=path)
    if not path.exists():
        return defaults
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return _bad(defaults, f"cannot read {path}: {exc}")
    except tomllib.TOMLDecodeError as exc:
        return _bad(defaults, f"{path} is not valid TOML ({exc})")
    try:
        return _parse(raw, replace(defaults))  # a copy: a bad file must apply none of its settings
    except ValueError as exc:
        return _bad(defaults, f"{path}: {exc}")


def _bad(defaults: Config, problem: str) -> Config:
    defaults.problem = f"{problem}; using the default settings"
    return defaults


def _parse(raw: dict[str, object], config: Config) -> Config:
    known = {
        "theme",
        "snooze_days",
        "animations",
        "smooth_scroll",
        "stay_in_touch_days",
        "role_max_age_days",
        "glyphs",
        "keys",
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(f"unknown setting {unknown[0]!r}; allowed: {', '.join(sorted(known))}")
    if "theme" in raw:
        if not isinstance(raw["theme"], str):
            raise ValueError('theme must be a string, e.g. theme = "textual-dark"')
        config.theme = raw["theme"]
    if "snooze_days" in raw:
        days = raw["snooze_days"]
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_SNOOZE:
            raise ValueError(f"snooze_days must be a whole number from 1 to {MAX_SNOOZE}, not {days!r}")
        config.snooze_days = days
    for name in ("stay_in_touch_days", "role_max_age_days"):
        if name in raw:
            days = raw[name]
            if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
                raise ValueError(f"{name} must be a whole number of days from 1 to {MAX_DAYS}, not {days!r}")
            setattr(config, name, days)
    if "glyphs" in raw:
        if raw["glyphs"] not in GLYPHS:
            allowed = " or ".join(f'"{g}"' for g in GLYPHS)
            raise ValueError(f"glyphs must be {allowed}, not {raw['glyphs']!r}")
        config.glyphs = str(raw["glyphs"])
    for name in ("animations", "smooth_scroll"):
        if name in raw:
            if not isinstance(raw[name], bool):
                raise ValueError(f"{name} must be true or false, not {raw[name]!r}")
            setattr(config, name, raw[name])
    keys = raw.get("keys", {})
    if not isinstance(keys, dict):
        raise ValueError('[keys] must be a table of binding id = "key"')
    for binding_id, key in keys.items():
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f'key for {binding_id!r} must be a non-empty string such as "ctrl+a"')
    config.keys = {str(k): str(v) for k, v in keys.items()}
    return config
