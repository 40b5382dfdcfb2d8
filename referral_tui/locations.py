"""Every path the program uses, resolved in one place. Nothing is created at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "referral-tui"
DB_ENV = "REFERRAL_TUI_DB"
DB_FILENAME = "referrals.json"


def default_db_path() -> Path:
    import platformdirs  # only when no --db or REFERRAL_TUI_DB names the file

    return platformdirs.user_data_path(APP_NAME) / DB_FILENAME


def config_dir() -> Path:
    import platformdirs

    return platformdirs.user_config_path(APP_NAME)


def resolve_db_path(cli_value: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """``--db`` first, then ``REFERRAL_TUI_DB``, then the per-user data folder."""
    env = os.environ if environ is None else environ
    chosen = cli_value or env.get(DB_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else default_db_path()


def db_source(cli_value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Where ``resolve_db_path`` took the path from: ``"--db"``, ``"REFERRAL_TUI_DB"``, or ""
    for the default (a fresh install has no file there yet, and that is no mistake)."""
    env = os.environ if environ is None else environ
    if cli_value:
        return "--db"
    return DB_ENV if env.get(DB_ENV, "").strip() else ""
