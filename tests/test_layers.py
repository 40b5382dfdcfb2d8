"""Layering: the import contracts hold, the domain and the store never pull in Textual, and
importing the CLI writes nothing.

The contracts themselves (which package may import which) live in pyproject.toml's
``[tool.importlinter]`` and are checked by import-linter's ``lint-imports``, here and in .ci/run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

WALK = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    import referral_tui.domain, referral_tui.store
    names = []
    for pkg in (referral_tui.domain, referral_tui.store):
        names.append(pkg.__name__)
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            importlib.import_module(info.name)
            names.append(info.name)
    loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
    print(json.dumps({"modules": names, "textual": loaded}))
    """
)


def _run(code: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=120
    )


def _lint_imports() -> list[str]:
    """How to run import-linter's ``lint-imports`` with this interpreter."""
    beside = Path(sys.executable).parent / "lint-imports"
    if beside.exists():
        return [str(beside)]
    return [
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
    ]


@pytest.mark.skipif(importlib.util.find_spec("importlinter") is None, reason="import-linter is not installed")
def test_import_contracts_hold() -> None:
    """pyproject.toml's layer contracts: imports point down, the domain is pure, only the store
    touches TinyDB, locations and config are leaves. The output names every import that breaks one."""
    result = subprocess.run([*_lint_imports(), "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout


def test_domain_and_store_do_not_import_textual() -> None:
    result = _run(WALK)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    for expected in (
        "referral_tui.domain.clock",
        "referral_tui.domain.records",
        "referral_tui.domain.matrix",
        "referral_tui.domain.schedule",
        "referral_tui.domain.quickadd",
        "referral_tui.store.repository",
        "referral_tui.store.storage",
    ):
        assert expected in report["modules"]
    assert report["textual"] == [], f"textual imported by the domain/store layer: {report['textual']}"


@pytest.fixture
def empty_home(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    home = tmp_path / "empty-home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "REFERRAL_TUI_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(home / "run"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return home, env


def _everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("module", ["referral_tui.locations", "referral_tui.cli"])
def test_importing_creates_no_files(empty_home: tuple[Path, dict[str, str]], tmp_path: Path, module: str) -> None:
    home, env = empty_home
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    code = textwrap.dedent(
        f"""
        import importlib
        mod = importlib.import_module({module!r})
        import referral_tui.locations as loc
        # resolving paths is allowed; creating them is not
        print(loc.default_db_path(), loc.config_dir(), loc.resolve_db_path(None, {{}}))
        if hasattr(mod, "build_parser"):
            mod.build_parser()
        """
    )
    result = _run(code, env=env, cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert str(home) in result.stdout  # the paths really point into the temp home
    assert _everything_under(home) == []
    assert _everything_under(cwd) == []
