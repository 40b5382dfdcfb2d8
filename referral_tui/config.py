"""The user's config file: key remaps and defaults, in TOML under the user config folder.

Example ``~/.config/referral-tui/config.toml``::

    theme = "textual-dark"      # any Textual theme name
    snooze_days = 3             # what shift+z offers first
    animations = true           # default: false over SSH, true otherwise
    smooth_scroll = false       # default: false over SSH, true otherwise

    [keys]                      # binding id = "key[,key...]" (ids are listed in ? help)
    "board.add" = "a,+"
    "board.followups" = "ctrl+f"

A file that cannot be read gives one clear message, and the app starts with the defaults.
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


@dataclass
class Config:
    theme: str = ""
    snooze_days: int = 1
    animations: bool = True
    smooth_scroll: bool = True
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    #: What was wrong with the file, if anything (the app shows it and uses defaults).
    problem: str = ""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    chosen = env.get(CONFIG_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else config_dir() / "config.toml"


def over_ssh(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))


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
    known = {"theme", "snooze_days", "animations", "smooth_scroll", "keys"}
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
