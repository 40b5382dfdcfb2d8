"""Files written from the campaign for other tools: a calendar, a lossless JSON, CSV tables.

Exports are private like the data file: written atomically, owner-only (0600).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson

from referral_tui import __version__
from referral_tui.domain import schedule
from referral_tui.formats import ics
from referral_tui.store.files import atomic_write, ensure_private_dir
from referral_tui.store.migrations import TABLES
from referral_tui.store.repository import Repository


def followup_events(repo: Repository) -> list[ics.Event]:
    """Every open follow-up of an active referrer, as a calendar event with its message."""
    contacts = {c.id: c for c in repo.contacts()}
    companies = repo.company_names()
    events = []
    for f in sorted(repo.followups(), key=lambda f: (f.due, f.id)):
        contact = contacts.get(f.contact_id)
        if contact is None:
            continue
        where = companies.get(contact.company_id or 0, "")
        who = f"{contact.name} @ {where}" if where else contact.name
        message = repo.render_message(contact.id, f.template, f.ask_id).text if f.template else ""
        description = f"{schedule.label(f.kind)} with {who}.\n\n{message}".strip()
        events.append(
            ics.Event(
                uid=f"followup-{f.id}-{f.created_at[:10]}@referral-tui",
                day=f.due,
                summary=f"{schedule.label(f.kind, short=True)}: {who}",
                description=description,
            )
        )
    return events


def write_ics(repo: Repository, out: Path) -> int:
    """Write every open follow-up to ``out``; returns how many events were written."""
    events = followup_events(repo)
    text = ics.calendar(events, "Referral follow-ups", f"referral-tui//referral-tui {__version__}", repo.clock.now())
    atomic_write(out, text.encode("utf-8"))
    return len(events)


# -- JSON and CSV -----------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection): prefix a quote."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_cell(value: Any) -> str:
    """One value as spreadsheet-friendly text: lists joined with '; ', objects as JSON."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = "; ".join(value)
    elif isinstance(value, (list, dict)):
        text = orjson.dumps(value).decode()
    else:
        text = str(value)
    return neutralise(text)


def write_json(repo: Repository, out: Path) -> int:
    """Everything, lossless, with the schema version; returns the number of records."""
    from referral_tui.imports import export_document

    doc = export_document(repo)
    atomic_write(out, orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return sum(len(t) for name, t in doc["tables"].items() if name != "meta")


def write_csv(repo: Repository, folder: Path) -> list[Path]:
    """One CSV per table in ``folder`` (created owner-only if missing); returns the files."""
    ensure_private_dir(folder)
    data = repo.storage.read() or {}
    written = []
    for name in TABLES:
        if name == "meta":
            continue
        records = data.get(name, {})
        columns: list[str] = ["id"]
        for record in records.values():
            columns += [key for key in record if key not in columns]
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for key, record in records.items():
            writer.writerow([key, *(csv_cell(record.get(c)) for c in columns[1:])])
        path = folder / f"{name}.csv"
        atomic_write(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))  # BOM: Excel reads UTF-8
        written.append(path)
    return written
