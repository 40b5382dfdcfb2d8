"""Helpers for the import tests (test_import_archive.py, test_import_addressbook.py)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from tests.helpers import CliRunner, assert_one_error_line, snapshot

__all__ = ["CliRunner", "assert_one_error_line", "ok", "snapshot", "summary_lines", "zip_folder"]


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    """The stdout of a command that succeeded quietly (piped: no progress line on stderr)."""
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Traceback" not in proc.stdout
    return proc.stdout


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def summary_lines(out: str) -> list[str]:
    """The report's lines, stripped, without the first ("Imported X into ...:")."""
    return [line.strip() for line in out.splitlines()[1:]]
