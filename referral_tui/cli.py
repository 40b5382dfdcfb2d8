"""Command line: parse arguments, then open the board or run one subcommand.

Every failure the user can cause prints one line on stderr and exits non-zero, and
arguments are checked before the data file is opened, so bad input never touches it.

Start-up reads only what the chosen command needs: the subcommands, the web server, the
exports, imports and merges are imported inside the branch that runs them, so opening the
board does not pay for them (``python -X importtime -c "import referral_tui.cli"``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from referral_tui import __version__
from referral_tui.domain import quickadd
from referral_tui.domain.clock import Clock, ClockError, clock_from_env
from referral_tui.domain.records import PHASES, Phase
from referral_tui.locations import DB_ENV, db_source, resolve_db_path
from referral_tui.store.errors import StoreError

if TYPE_CHECKING:
    from referral_tui.store.merge import Chooser
    from referral_tui.store.threeway import FieldConflict, Side

PROG = "referral-tui"
MAX_DAYS = 366
EXIT_USAGE = 2
EXIT_DATA = 1
#: ``store.merge.PREFERENCES`` (a test keeps them equal): the parser is built before any
#: command runs, and the merge machinery loads only for a merge.
PREFER_CHOICES = ("mine", "theirs", "newer")
#: ``serve.DEFAULT_HOST`` / ``DEFAULT_PORT`` for the help text (a test keeps them equal):
#: the web server loads only for ``serve``.
SERVE_HOST, SERVE_PORT = "127.0.0.1", 8123


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


def _phase(text: str) -> Phase:
    try:
        return quickadd.parse_phase(text)
    except quickadd.QuickAddError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a phase; use one of: {', '.join(p.value for p in PHASES)}"
        ) from None


def _port(text: str) -> int:
    from referral_tui.serve import parse_port

    return parse_port(text)


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
    add = sub.add_parser(
        "add", help="quick-add a referrer", description=f"Quick-add a referrer: {quickadd.GRAMMAR}; {quickadd.QUOTING}"
    )
    add.add_argument("text", help="e.g. 'Priya Shah @ Stripe, Staff Engineer #alumni !relationship'")
    add.add_argument(
        "--target",
        action="store_true",
        help="add the company as a target (like !target); else a new company is a prospect",
    )
    add.add_argument(
        "--force", action="store_true", help="let !ask put a new, unscored person in Ask despite the 12+ gate"
    )
    due = sub.add_parser("due", help="print follow-ups due (overdue, today, upcoming)")
    due.add_argument("--days", type=_days, default=7, help="how many days ahead count as upcoming (default 7)")
    sub.add_parser(
        "today",
        help="print the Today agenda: what to do now, who it is about, and why (the T screen's rows)",
        description="Overdue and due follow-ups, event follow-ups, coach findings with a fix, timing "
        "signals, job changes and stay-in-touch, in that order; one line each.",
    )
    export = sub.add_parser(
        "export",
        help="export data: json (everything, lossless), csv (one file per table), ics (follow-ups), "
        "vcard (referrers as contacts)",
        description="Exports are written owner-only (0600); an existing file is replaced.",
    )
    export.add_argument(
        "format", choices=["json", "csv", "ics", "vcard"], help="json FILE, csv DIR, ics FILE or vcard FILE"
    )
    export.add_argument("target", metavar="FILE|DIR", help="the file to write (a folder for csv)")
    export.add_argument(
        "--force", action="store_true", help="csv: write into a folder that is not empty (its CSV files are replaced)"
    )
    export.add_argument(
        "--all", action="store_true", dest="everyone", help="vcard: everyone, the network too (default: the board)"
    )
    imp = sub.add_parser(
        "import", help="import LinkedIn's export, an address book (vCard, Google CSV), or a JSON export"
    )
    imp_sub = imp.add_subparsers(dest="format", metavar="FORMAT", parser_class=_Parser, required=True)
    linkedin = imp_sub.add_parser(
        "linkedin",
        help="LinkedIn's export: the ZIP, its folder, or one CSV such as Connections.csv",
        description="Connections go into the network (or --phase); messages and invitations become "
        "interactions with your contacts, job applications and saved jobs open roles at your target "
        "companies. Importing a later export adds only what is new.",
    )
    linkedin.add_argument("file", metavar="FILE|DIR")
    linkedin.add_argument(
        "--phase", type=_phase, help="put new connections straight on the board in this phase (research, ...)"
    )
    _force_option(linkedin)
    linkedin.add_argument(
        "--add-unknown",
        action="store_true",
        help="add the people who wrote to you but are not connections to your network",
    )
    for name, what in (("vcard", "a vCard (.vcf) file"), ("google", "a Google Contacts CSV export")):
        book = imp_sub.add_parser(
            name,
            help=f"{what}: contacts into the network (merged with the ones you have)",
            description="Cards are merged with your contacts on email or LinkedIn profile, else name and "
            "company; the rest are added to the network (or --phase). Companies are never created.",
        )
        book.add_argument("file", metavar="FILE")
        book.add_argument("--phase", type=_phase, help="put new contacts straight on the board in this phase")
        _force_option(book)
    restore = imp_sub.add_parser(
        "json",
        help="restore (into an empty file) or merge a 'referral-tui export json'",
        description="Into an empty data file the export is restored as it was (ids too); into a campaign "
        "it is merged as 'referral-tui merge' merges a copy.",
    )
    restore.add_argument("file", metavar="FILE")
    _merge_options(restore)
    merging = sub.add_parser(
        "merge",
        help="merge another copy of the campaign (a Syncthing/Dropbox conflict copy, another machine's "
        "file, an export json) into the data file",
        description="Records are matched by uid and merged field by field against the newest backup both "
        "copies descend from: a field changed on one side is taken, one changed on both sides is a "
        "conflict you decide (on a terminal, a screen to pick each; else --prefer). A conflict copy "
        "beside the data file is then moved into its backups' conflicts/ folder.",
    )
    merging.add_argument("other", metavar="OTHER.json", help="the other copy: a data file or an export json")
    _merge_options(merging)
    web = sub.add_parser(
        "serve",
        help="open the app in a browser via textual-serve, on 127.0.0.1 (needs the [serve] extra)",
        description="Serve the app in a browser. The printed URL carries a secret token; from another "
        "machine, reach it through ssh -L.",
    )
    web.add_argument(
        "--host", default=SERVE_HOST, help=f"address to listen on (default {SERVE_HOST}; others need --public)"
    )
    web.add_argument("--port", type=_port, default=SERVE_PORT, help=f"port (default {SERVE_PORT}; 0 picks a free one)")
    web.add_argument(
        "--public",
        action="store_true",
        help="allow a non-loopback --host: anyone who can reach it can read and change the campaign",
    )
    demo = sub.add_parser("demo", help="write the sample campaign to a file")
    demo.add_argument("--out", required=True, metavar="PATH", help="file to create (an existing file is refused)")
    return parser


def _force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="let --phase ask put new, unscored people in Ask despite the 12+ gate"
    )


def _merge_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--prefer",
        choices=PREFER_CHOICES,
        help="decide every conflict without asking: mine (this file), theirs (the other copy) or newer "
        "(the record saved last)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")


def _check_text(argv: Sequence[str]) -> None:
    """Arguments come from the terminal as bytes; refuse ones that are not valid UTF-8."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise UsageError(f"the argument {shown!r} is not valid UTF-8 text; retype it") from None


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = list(sys.argv[1:] if argv is None else argv)
        _check_text(arguments)
        args = build_parser().parse_args(arguments)
        clock = clock_from_env()
        return _dispatch(args, clock)
    except (UsageError, ClockError) as exc:
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
    except Exception as exc:
        if isinstance(exc, _loaded(("referral_tui.commands", "CommandError"))):
            _fail(str(exc))
            return EXIT_USAGE
        if isinstance(exc, _loaded(*_REFUSALS)):
            _fail(str(exc))
            return EXIT_DATA
        raise


#: Refusals of the data or of an input file, by module: one stderr line and EXIT_DATA.
_REFUSALS = (
    ("referral_tui.commands", "NoCampaign"),
    ("referral_tui.formats.connections", "LinkedInError"),
    ("referral_tui.imports.common", "ImportRefused"),
    ("referral_tui.exports", "ExportRefused"),
)


def _loaded(*names: tuple[str, str]) -> tuple[type[BaseException], ...]:
    """The exception classes named, from the modules already imported: a module that was
    never imported raised nothing, so telling its refusals apart needs no import (and no
    start-up cost for the commands that never load it)."""
    found: list[type[BaseException]] = []
    for module, name in names:
        if module in sys.modules:
            cls = getattr(sys.modules[module], name)
            assert isinstance(cls, type) and issubclass(cls, BaseException)
            found.append(cls)
    return tuple(found)


def _fail(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _dispatch(args: argparse.Namespace, clock: Clock) -> int:
    from referral_tui import commands

    if args.command == "demo":
        return commands.demo(Path(args.out).expanduser(), clock)
    if args.demo:
        from referral_tui.demo import demo_path, write_demo

        path = demo_path()
        with _throwaway(path.parent):
            write_demo(path, clock)
            return _run_app(path, clock)
    path = resolve_db_path(args.db)
    if args.command == "serve":
        from referral_tui import serve as serving

        refusal = serving.check_host(args.host, args.public)
        if refusal:
            raise UsageError(refusal)
        commands.open_repo(path, clock, validate=False)  # a damaged file fails here once, not in every browser tab
        return serving.serve(path, args.host, args.port, args.public, sys.stdout)
    if args.command == "add":
        return commands.add(path, clock, args.text, target=args.target, force=args.force)
    if args.command == "due":
        return commands.due(path, clock, args.days, db_source(args.db))
    if args.command == "today":
        from referral_tui import config

        settings = config.load()
        if settings.problem:
            print(f"{PROG}: warning: {settings.problem}", file=sys.stderr)
        return commands.today(
            path,
            clock,
            db_source(args.db),
            stay_in_touch_days=settings.stay_in_touch_days,
            role_max_age_days=settings.role_max_age_days,
        )
    if args.command == "export":
        return commands.export(path, clock, args.format, Path(args.target).expanduser(), args.force, args.everyone)
    if args.command == "import":
        phase = getattr(args, "phase", None)
        add_unknown = bool(getattr(args, "add_unknown", False))
        source = Path(args.file).expanduser()
        if args.format == "json":
            choose = _conflict_screen(path, source) if args.prefer is None and not args.dry_run else None
            return commands.import_file(
                path, clock, "json", source, None, prefer=args.prefer, choose=choose, dry_run=args.dry_run
            )
        return commands.import_file(path, clock, args.format, source, phase, add_unknown, force=args.force)
    if args.command == "merge":
        source = Path(args.other).expanduser()
        choose = _conflict_screen(path, source) if args.prefer is None and not args.dry_run else None
        return commands.merge(path, clock, source, prefer=args.prefer, choose=choose, dry_run=args.dry_run)
    return _run_app(path, clock)


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _throwaway(folder: Path) -> Iterator[None]:
    """The ``--demo`` folder lives as long as the app: it is removed however the app ends (q,
    an error, ctrl+c, SIGTERM, or SIGHUP when an SSH connection drops). While the app runs it
    turns SIGTERM and SIGHUP into a clean quit (``ReferralApp._install_signal_handlers``), so
    ``app.run()`` returns and the ``finally`` below runs; before it starts and after it ends
    (Textual's event loop hands the signals back to their default, which would kill the
    process on the spot), the handlers here end the process through that ``finally`` too.
    ``atexit`` alone would not do: it never runs on a signal's default action."""
    import shutil
    import signal

    wanted = (signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, _exit_on_signal) for signum in wanted}
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, wanted)  # a signal now waits until the folder is gone
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, wanted)


def _conflict_screen(path: Path, source: Path) -> Chooser | None:
    """On a terminal, the screen that asks which side each conflict takes; off one, None (the
    merge then refuses conflicts, asking for --prefer)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None

    def choose(conflicts: list[FieldConflict]) -> dict[int, Side] | None:
        from referral_tui.ui.merge_app import choose as ask

        return ask(conflicts, path.name, source.name)

    return choose


def _run_app(path: Path, clock: Clock) -> int:
    # A damaged file stops here, before the screen changes; every record is checked by the
    # writer thread right after the first frame (a bad one stops the board with the message).
    from referral_tui import commands

    repo = commands.open_repo(path, clock, validate=False)  # says if conflict copies lie beside it
    from referral_tui import config
    from referral_tui.ui.app import make_app

    settings = config.load()
    if settings.problem:
        print(f"{PROG}: warning: {settings.problem}", file=sys.stderr)
    app = make_app(repo, config=settings)
    app.run()
    if app.fatal:
        _fail(app.fatal)
    return app.return_code or 0
