"""Files written from the campaign for other tools: a calendar, a lossless JSON, CSV tables,
and the referrers (or everyone) as vCard 4.0 contacts.

Exports are private like the data file: written atomically, owner-only (0600).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import orjson

from referral_tui import __version__
from referral_tui.domain import schedule
from referral_tui.domain.records import Contact
from referral_tui.formats import ics
from referral_tui.formats.address import AddressCard
from referral_tui.store import backups
from referral_tui.store.files import atomic_write, ensure_private_dir, fsync_dir
from referral_tui.store.migrations import SCHEMA_VERSION
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
        message = repo.export_message(contact.id, f.template, f.ask_id) if f.template else ""
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
    check_target(repo, out)
    events = followup_events(repo)
    text = ics.calendar(events, "Referral follow-ups", f"referral-tui//referral-tui {__version__}", repo.clock.now())
    atomic_write(out, text.encode("utf-8"))
    return len(events)


# -- vCard ------------------------------------------------------------------------------


def contact_cards(repo: Repository, everyone: bool = False) -> list[AddressCard]:
    """The board's referrers (``everyone``: the network too) as address-book cards, archived
    contacts left out. The company is the linked one's name, else the employer as imported."""
    companies = repo.company_names()
    people = repo.contacts(on_board=None if everyone else True)
    return [_card(c, companies.get(c.company_id or 0, "") or c.employer) for c in people]


def _card(contact: Contact, org: str) -> AddressCard:
    urls = [*contact.links, contact.linkedin_url] if contact.linkedin_url else list(contact.links)
    return AddressCard(
        line=0,
        name=contact.name,
        org=org,
        title=contact.title,
        emails=(contact.email.strip(),) if contact.email.strip() else (),
        urls=tuple(dict.fromkeys(u.strip() for u in urls if u.strip())),
        linkedin_url=contact.linkedin_url.strip(),
        note=contact.notes,
        categories=tuple(contact.tags),
    )


def write_vcard(repo: Repository, out: Path, everyone: bool = False) -> int:
    """Write the referrers (``everyone``: all contacts) to ``out`` as vCard 4.0; returns how many."""
    from referral_tui.formats.vcard import write_vcards  # vobject: loaded when used

    check_target(repo, out)
    cards = contact_cards(repo, everyone)
    atomic_write(out, write_vcards(cards).encode("utf-8"))
    return len(cards)


# -- JSON and CSV -----------------------------------------------------------------------

EXPORT_FORMAT = "referral-tui-export"
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


class ExportRefused(ValueError):
    """The export would overwrite one of the app's own files, or a folder that is not empty."""


def _protected(repo: Repository) -> list[Path]:
    """The data file (and its symlink target), its lock, and everything in its backups folder."""
    target = repo.storage.target
    return [repo.path, target, repo.storage.lock_path, backups.backup_dir(target)]


def check_target(repo: Repository, out: Path) -> None:
    """Refuse to write ``out`` over the data file, its lock, or anything in its backups."""
    resolved = out.expanduser().resolve()
    for path in _protected(repo):
        path = path.resolve()
        if resolved == path or path in resolved.parents:
            raise ExportRefused(f"{out} is one of the app's own files ({path}); export to another place")


def write_json(repo: Repository, out: Path) -> int:
    """Everything, lossless, with the schema version; returns the number of records."""
    check_target(repo, out)
    tables = repo.export_tables()
    revision, revision_id, lineage = repo.revision()
    doc = {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": repo.clock.now().isoformat(),
        "revision": {"revision": revision, "revision_id": revision_id, "lineage": lineage},
        "tables": tables,
    }
    atomic_write(out, orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return sum(len(t) for t in tables.values())


def csv_tables(repo: Repository) -> dict[str, bytes]:
    """One spreadsheet-safe CSV (UTF-8 with a BOM, which Excel needs) per table, by file name."""
    out = {}
    for name, records in repo.export_tables().items():
        columns: list[str] = ["id"]
        for record in records.values():
            columns += [key for key in record if key not in columns]
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for key, record in records.items():
            writer.writerow([key, *(csv_cell(record.get(c)) for c in columns[1:])])
        out[f"{name}.csv"] = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return out


def write_csv(repo: Repository, folder: Path, force: bool = False) -> list[Path]:
    """One CSV per table in ``folder``; returns the files.

    The files are written into a private temp folder beside ``folder`` and renamed into
    place only when all are complete, so an interrupted export leaves no partial result.
    A folder that exists and is not empty is refused unless ``force`` (then only the
    export's own file names are replaced); the app's own files are never overwritten.
    """
    folder = folder.expanduser()
    files = csv_tables(repo)
    for name in files:
        check_target(repo, folder / name)
    check_target(repo, folder)
    if folder.exists() and not folder.is_dir():
        raise ExportRefused(f"{folder} is a file; export csv writes a folder of CSV files")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ExportRefused(f"{folder} is not empty; choose a new folder, or add --force to replace its CSV files")
    ensure_private_dir(folder.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".export", dir=folder.parent))
    try:
        for name, content in files.items():
            atomic_write(staging / name, content)
        if not folder.exists():
            os.replace(staging, folder)
        else:
            for name in files:
                os.replace(staging / name, folder / name)
            fsync_dir(folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name in files]
