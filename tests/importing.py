"""Helpers for the import tests (test_import_archive.py, test_import_addressbook.py)."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    """The stdout of a command that succeeded quietly (piped: no progress line on stderr)."""
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Traceback" not in proc.stdout
    return proc.stdout


def assert_one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """A refused command: non-zero exit, nothing on stdout, one ``referral-tui: error:`` line."""
    assert proc.returncode != 0, proc
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("referral-tui: error:"), proc.stderr
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the lock files the store may create beside a data file."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def summary_lines(out: str) -> list[str]:
    """The report's lines, stripped, without the first ("Imported X into ...:")."""
    return [line.strip() for line in out.splitlines()[1:]]
