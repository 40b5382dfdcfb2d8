"""Command line: parse arguments, then open the board or run one subcommand.

Every failure the user can cause prints one line on stderr and exits non-zero, and
arguments are checked before the data file is opened, so bad input never touches it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from referral_tui import __version__
from referral_tui.domain import quickadd, schedule
from referral_tui.domain.clock import Clock, ClockError, clock_from_env
from referral_tui.domain.records import FollowUp
from referral_tui.locations import DB_ENV, resolve_db_path
from referral_tui.store.errors import StoreError
from referral_tui.store.repository import Repository

PROG = "referral-tui"
MAX_DAYS = 366
EXIT_USAGE = 2
EXIT_DATA = 1


class UsageError(Exception):
    """Bad arguments; the message is one line for stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{PROG} --help')")


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to {MAX_DAYS}, not {text!r}") from None
    if not 0 <= value <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"must be from 0 to {MAX_DAYS}, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Run a referral campaign from the terminal: target companies, scored referrers, "
        "asks with context packets and a disciplined follow-up schedule.",
        epilog=f"Data file: --db PATH, else ${DB_ENV}, else the per-user data folder. "
        "REFERRAL_TUI_TODAY=YYYY-MM-DD freezes the date (demos, tests).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", metavar="PATH", help=f"data file to use (default: ${DB_ENV} or the user data folder)")
    parser.add_argument("--demo", action="store_true", help="open a sample campaign in a throwaway file")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    add = sub.add_parser("add", help="quick-add a referrer", description=f"Quick-add a referrer: {quickadd.GRAMMAR}")
    add.add_argument("text", help="e.g. 'Priya Shah @ Stripe, Staff Engineer #alumni !relationship'")
    due = sub.add_parser("due", help="print follow-ups due (overdue, today, upcoming)")
    due.add_argument("--days", type=_days, default=7, help="how many days ahead count as upcoming (default 7)")
    export = sub.add_parser("export", help="export data (ics: open follow-ups as calendar events)")
    export.add_argument("format", choices=["ics"], help="ics: every open follow-up as an all-day calendar event")
    export.add_argument("file", metavar="FILE", help="file to write (replaced if it exists; written owner-only)")
    demo = sub.add_parser("demo", help="write the sample campaign to a file")
    demo.add_argument("--out", required=True, metavar="PATH", help="file to create (an existing file is refused)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        clock = clock_from_env()
        return _dispatch(args, clock)
    except UsageError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except ClockError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except quickadd.QuickAddError as exc:
        _fail(f"cannot add: {exc}")
        return EXIT_USAGE
    except StoreError as exc:
        _fail(str(exc))
        return EXIT_DATA
    except OSError as exc:  # disk full, permission denied while saving: still one line
        _fail(f"{exc.filename or 'data file'}: {exc.strerror or exc}")
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130


def _fail(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _dispatch(args: argparse.Namespace, clock: Clock) -> int:
    if args.command == "demo":
        from referral_tui.demo import write_demo

        out = Path(args.out).expanduser()
        if out.exists():
            raise UsageError(f"{out} already exists; demo --out writes only a new file")
        write_demo(out, clock)
        print(f"Wrote the sample campaign to {out}; open it with: {PROG} --db {out}")
        return 0
    if args.demo:
        from referral_tui.demo import demo_path, write_demo

        path = demo_path()
        write_demo(path, clock)
        return _run_app(path, clock)
    path = resolve_db_path(args.db)
    if args.command == "add":
        quickadd.parse(args.text)  # refuse bad text before the file is opened
        repo = Repository(path, clock)
        contact = repo.quick_add(args.text)
        company = repo.company(contact.company_id).name if contact.company_id else "?"
        print(f"Added {contact.name} @ {company} to {contact.phase.label if contact.phase else 'the network'}")
        return 0
    if args.command == "due":
        print(format_due(Repository(path, clock), clock.today(), args.days, color=_use_color()))
        return 0
    if args.command == "export":
        out = Path(args.file).expanduser()
        if out.is_dir():
            raise UsageError(f"{out} is a folder; give a file name such as {out / 'followups.ics'}")
        if not out.parent.is_dir():
            raise UsageError(f"the folder {out.parent} does not exist")
        from referral_tui.exports import write_ics

        count = write_ics(Repository(path, clock), out)
        print(f"Wrote {count} follow-up{'s' if count != 1 else ''} to {out}")
        return 0
    return _run_app(path, clock)


def _run_app(path: Path, clock: Clock) -> int:
    repo = Repository(path, clock)  # a damaged file stops here, before the screen changes
    from referral_tui.ui.app import make_app

    make_app(repo).run()
    return 0


def _use_color() -> bool:
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
            what = schedule.label(item.kind)
            late = (today - day).days
            when = f"{day:%a %d %b}" + (f", {late} day{'s' if late != 1 else ''} late" if late > 0 else "")
            lines.append(f"  {when:<24} {who}: {what}")
    return "\n".join(lines)
