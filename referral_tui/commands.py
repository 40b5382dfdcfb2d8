"""The subcommands: each checks its arguments before it opens the data file, prints a short
report on stdout and returns the exit code. Errors are raised for cli.main to print."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from referral_tui.domain import quickadd, schedule
from referral_tui.domain.clock import Clock
from referral_tui.domain.records import FollowUp, Phase
from referral_tui.store.repository import Repository

PROG = "referral-tui"


class CommandError(Exception):
    """A bad argument found after parsing (a missing folder, an existing file)."""


def add(path: Path, clock: Clock, text: str) -> int:
    quickadd.parse(text)  # refuse bad text before the file is opened
    repo = Repository(path, clock)
    contact = repo.quick_add(text)
    company = repo.company(contact.company_id).name if contact.company_id else "?"
    print(f"Added {contact.name} @ {company} to {contact.phase.label if contact.phase else 'the network'}")
    return 0


def due(path: Path, clock: Clock, days: int) -> int:
    print(format_due(Repository(path, clock), clock.today(), days, color=use_color()))
    return 0


def demo(out: Path, clock: Clock) -> int:
    from referral_tui.demo import write_demo

    if out.exists():
        raise CommandError(f"{out} already exists; demo --out writes only a new file")
    _check_parent(out)
    write_demo(out, clock)
    print(f"Wrote the sample campaign to {out}; open it with: {PROG} --db {out}")
    return 0


def _check_parent(out: Path) -> None:
    if not out.parent.is_dir():
        raise CommandError(f"the folder {out.parent} does not exist")


def export(path: Path, clock: Clock, fmt: str, target: Path, force: bool = False, everyone: bool = False) -> int:
    from referral_tui import exports

    if fmt == "csv":
        _check_parent(target)
        files = exports.write_csv(Repository(path, clock), target, force)
        print(f"Wrote {len(files)} CSV files to {target}: {', '.join(f.name for f in files)}")
        return 0
    suffix = "vcf" if fmt == "vcard" else fmt
    if target.is_dir():
        raise CommandError(f"{target} is a folder; give a file name such as {target / ('referrals.' + suffix)}")
    _check_parent(target)
    repo = Repository(path, clock)
    if fmt == "json":
        count = exports.write_json(repo, target)
        print(f"Wrote {count} records to {target}")
    elif fmt == "vcard":
        count = exports.write_vcard(repo, target, everyone)
        who = "contact" if everyone else "referrer"
        print(f"Wrote {count} {who}{'s' if count != 1 else ''} to {target} (vCard 4.0)")
    else:
        count = exports.write_ics(repo, target)
        print(f"Wrote {count} follow-up{'s' if count != 1 else ''} to {target}")
    return 0


def import_file(
    path: Path, clock: Clock, fmt: str, source: Path, phase: Phase | None, add_unknown: bool = False
) -> int:
    """``import json|linkedin|vcard|google SOURCE``: the input is read and checked before the
    data file is opened, so a refused import leaves it untouched (or uncreated)."""
    from referral_tui import imports

    if not source.exists():
        raise CommandError(f"cannot read {source}: no such file")
    if fmt != "linkedin" and source.is_dir():
        raise CommandError(f"cannot read {source}: it is a folder; give the file")
    if fmt == "json":
        added = imports.import_json(Repository(path, clock), source)
        total = sum(n for name, n in added.items() if name != "meta")
        detail = ", ".join(f"{n} {name}" for name, n in added.items() if name != "meta") or "nothing new"
        print(f"Imported {total} records from {source.name}: {detail}")
        return 0
    progress = ProgressLine() if sys.stderr.isatty() else None
    repo = Repository(path, clock)
    lines: list[str]
    if fmt == "linkedin":
        summary = imports.import_linkedin(repo, source, phase, progress, add_unknown=add_unknown)
        lines = summary.lines()
    elif fmt == "vcard":
        lines = imports.import_vcard(repo, source, phase, progress).lines()
    else:
        lines = imports.import_google(repo, source, phase, progress).lines()
    if progress:
        progress.finish()
    where = f"the board ({phase.label})" if phase else "your network (n in the app)"
    print(f"Imported {source.name} into {where}:")
    for line in lines:
        print(f"  {line}")
    return 0


class ProgressLine:
    """An import's progress on a terminal: one stderr line rewritten in place ("messages 20,000 of 50,000")."""

    def __init__(self) -> None:
        self.width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        text = f"  {stage}: {done:,} of {total:,}…" if stage not in ("reading", "saving") else f"  {stage}…"
        print("\r" + text.ljust(self.width), end="", file=sys.stderr, flush=True)
        self.width = max(self.width, len(text))

    def finish(self) -> None:
        """Clear the line, so the summary on stdout starts on a clean terminal line."""
        if self.width:
            print("\r" + " " * self.width + "\r", end="", file=sys.stderr, flush=True)


def use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def format_due(repo: Repository, today: date, days: int, color: bool = False) -> str:
    """Text for a login shell or cron: overdue, today, upcoming. Color only for a terminal."""
    paint = {"Overdue": "\x1b[1;31m", "Today": "\x1b[1m"} if color else {}
    groups = repo.due(today, days)
    if groups.empty:
        return f"Nothing due in the next {days} days. Use the quiet time to give value to a referrer."
    contacts = {c.id: c for c in repo.contacts(include_archived=True)}
    companies = repo.company_names()
    lines: list[str] = []
    for title, items in (
        ("Overdue", groups.overdue),
        ("Today", groups.today),
        (f"Upcoming (next {days} days)", groups.upcoming),
    ):
        if not items:
            continue
        start = paint.get(title.split()[0], "")
        lines.append(f"{start}{title} ({len(items)})" + ("\x1b[0m" if start else ""))
        for day, item in items:
            assert isinstance(item, FollowUp)
            contact = contacts[item.contact_id]
            where = companies.get(contact.company_id or 0, "")
            who = f"{contact.name} @ {where}" if where else contact.name
            late = (today - day).days
            when = f"{day:%a %d %b}" + (f", {late} day{'s' if late != 1 else ''} late" if late > 0 else "")
            lines.append(f"  {when:<24} {who}: {schedule.label(item.kind)}")
    return "\n".join(lines)
