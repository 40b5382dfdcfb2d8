"""Exports from inside the app (command palette), in a terminal and in a browser.

In a terminal the export is written by ``referral_tui.exports`` (atomic, and never over the
data file, its lock or its backups) into the user's downloads folder under a dated name that
is never taken twice. In a browser (``referral-tui serve``) there is no folder to write to:
the same export is built in a private temp folder and handed to Textual's
``deliver_binary`` (a download in the browser), the CSV tables as one ZIP.

These functions do file work: the app calls them from a thread worker, never from the
event loop.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from platformdirs import user_downloads_path

from referral_tui import exports
from referral_tui.store.repository import Repository


@dataclass(frozen=True)
class Format:
    key: str
    title: str  # the palette command
    help: str
    suffix: str  # "" for the CSV folder
    mime: str


FORMATS = (
    Format(
        "json",
        "Export the campaign (JSON)",
        "everything, lossless: a backup or another machine",
        ".json",
        "application/json",
    ),
    Format("csv", "Export tables (CSV)", "one spreadsheet per table (a ZIP in a browser)", "", "application/zip"),
    Format(
        "ics", "Export follow-ups (calendar .ics)", "the open follow-ups as calendar events", ".ics", "text/calendar"
    ),
    Format("vcard", "Export referrers (vCard)", "the board's referrers as address-book cards", ".vcf", "text/vcard"),
)
BY_KEY = {f.key: f for f in FORMATS}


@dataclass(frozen=True)
class Exported:
    """What an export made: where (a terminal) or what to hand to the browser."""

    fmt: Format
    records: int
    path: Path | None = None  # the file or the CSV folder (terminal)
    filename: str = ""  # the download's name (browser)
    content: bytes = b""


def downloads_folder() -> Path:
    return user_downloads_path()


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or ``stem-2``, ``stem-3``... : an export never replaces a file."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def _write(repo: Repository, fmt: Format, out: Path) -> int:
    if fmt.key == "json":
        return exports.write_json(repo, out)
    if fmt.key == "csv":
        return len(exports.write_csv(repo, out))
    if fmt.key == "ics":
        return exports.write_ics(repo, out)
    return exports.write_vcard(repo, out)


def export_to_folder(repo: Repository, key: str, folder: Path, today: date) -> Exported:
    """Write the export into ``folder`` (made if missing) under a dated, unused name."""
    fmt = BY_KEY[key]
    folder.mkdir(parents=True, exist_ok=True)
    out = free_name(folder, f"referrals-{today.isoformat()}{'-csv' if fmt.key == 'csv' else ''}", fmt.suffix)
    return Exported(fmt, _write(repo, fmt, out), path=out)


def export_for_download(repo: Repository, key: str, today: date) -> Exported:
    """The export as bytes to hand to the browser (CSV tables zipped into one file)."""
    fmt = BY_KEY[key]
    with tempfile.TemporaryDirectory(prefix="referral-tui-export-") as tmp:
        made = export_to_folder(repo, key, Path(tmp), today)
        assert made.path is not None
        if fmt.key == "csv":
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in sorted(made.path.iterdir()):
                    archive.write(file, f"{made.path.name}/{file.name}")
            return Exported(fmt, made.records, filename=f"{made.path.name}.zip", content=buffer.getvalue())
        return Exported(fmt, made.records, filename=made.path.name, content=made.path.read_bytes())


def describe(made: Exported) -> str:
    """What the app shows when an export is done; the path on a line of its own, so the toast
    does not break it in the middle."""
    what = {"json": "records", "csv": "tables", "ics": "follow-ups", "vcard": "referrers"}[made.fmt.key]
    where = str(made.path) if made.path is not None else made.filename
    return f"Exported {made.records} {what} to\n{where}"
