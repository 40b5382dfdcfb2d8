"""The subcommands: each checks its arguments before it opens the data file, prints a short
report on stdout and returns the exit code. Errors are raised for cli.main to print."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from referral_tui.domain import gate, quickadd, schedule
from referral_tui.domain.clock import Clock
from referral_tui.domain.records import FollowUp, Phase
from referral_tui.domain.targets import is_target
from referral_tui.store import conflict_copies
from referral_tui.store.repository import Repository

if TYPE_CHECKING:
    from referral_tui.domain.today import Row as TodayRow
    from referral_tui.store.merge import Chooser, Outcome, Prefer

PROG = "referral-tui"


class CommandError(Exception):
    """A bad argument found after parsing (a missing folder, an existing file)."""


def open_repo(path: Path, clock: Clock, *, validate: bool = True, skip: Path | None = None) -> Repository:
    """Open the data file for a command, and say on stderr (a warning: the exit code is the
    command's) when a sync tool left conflict copies of it beside it (``skip``: one not to
    mention, the copy being merged)."""
    repo = Repository(path, clock, validate=validate)
    warn_conflict_copies(repo, skip)
    return repo


def warn_conflict_copies(repo: Repository, skip: Path | None = None) -> None:
    copies = repo.conflict_copies()
    if skip is not None:
        copies = [c for c in copies if not _same_file(c, skip)]
    if copies:
        line = conflict_copies.notice(copies, repo.path, conflict_copies.merge_command(repo.path))
        print(f"{PROG}: warning: {line}", file=sys.stderr)


def _same_file(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


class NoCampaign(Exception):
    """``due`` or ``today`` on a data file that --db or REFERRAL_TUI_DB names and that does
    not exist (a typo): nothing is created, and cron hears about it (exit non-zero)."""


def add(path: Path, clock: Clock, text: str, *, target: bool = False, force: bool = False) -> int:
    """``add TEXT``: quick-add from the shell. An unknown company is a prospect unless
    ``!target``/``--target``; ``!ask`` goes through the 12+ gate (refused unless ``--force``)."""
    parsed = quickadd.parse(text)  # bad text is refused before the file is opened
    try:
        quickadd.parse_checked(text, force)
    except quickadd.QuickAddError as exc:  # the 12+ gate in front of Ask
        raise CommandError(f"cannot add: {exc} (--force puts them in Ask anyway)") from None
    repo = open_repo(path, clock)
    parsed = quickadd.parse(text, list(repo.company_names().values()))  # a known name may hold a comma
    known = repo.find_company(parsed.company)
    contact = repo.quick_add(text, force, target=target)
    company = repo.company(contact.company_id) if contact.company_id else None
    where = contact.phase.label if contact.phase else "the network"
    print(f"Added {contact.name} @ {company.name if company else '?'} to {where}")
    if company is not None and known is None:
        if is_target(company):
            print(f"  {company.name} is new: added as a target company")
        else:
            print(
                f"  {company.name} is new: added as a prospect, not one of your targets "
                "(--target adds a company as a target; t on the companies screen makes one)"
            )
    elif company is not None and known is not None and is_target(company) and not is_target(known):
        print(f"  {company.name} is now one of your targets")
    return 0


def campaign_exists(path: Path, source: str) -> bool:
    """Whether there is a campaign to read at ``path`` (``source``: where the path came from,
    ``locations.db_source``). A missing file named by --db or REFERRAL_TUI_DB raises
    NoCampaign; the default file missing (a fresh install) prints how to start and returns
    False. Either way nothing is created: no folder, no lock, no file."""
    if path.exists():
        return True
    if source == "--db":
        raise NoCampaign(
            f"no campaign at {path} (--db names a file that does not exist: check the path, "
            f'or start one there with {PROG} --db {path} add "Name @ Company")'
        )
    if source:
        raise NoCampaign(
            f"no campaign at {path} ({source} names a file that does not exist: check it, "
            f'or start one there with {PROG} add "Name @ Company")'
        )
    print(f"No campaign yet: there is no data file at {path}.")
    print(
        f'Start one with {PROG} (the board: a adds a referrer) or {PROG} add "Name @ Company"; '
        f"{PROG} --demo opens a sample campaign."
    )
    return False


def due(path: Path, clock: Clock, days: int, source: str = "--db") -> int:
    if not campaign_exists(path, source):
        return 0
    print(format_due(open_repo(path, clock), clock.today(), days, color=use_color()))
    return 0


def today(
    path: Path,
    clock: Clock,
    source: str = "--db",
    *,
    stay_in_touch_days: int | None = None,
    role_max_age_days: int | None = None,
) -> int:
    """``today``: the Today agenda (``Repository.today``), one line a row: what, who, why."""
    if not campaign_exists(path, source):
        return 0
    repo = open_repo(path, clock)
    settings: dict[str, int] = {}
    if stay_in_touch_days is not None:
        settings["stay_in_touch_days"] = stay_in_touch_days
    if role_max_age_days is not None:
        settings["role_max_age_days"] = role_max_age_days
    print(format_today(repo, repo.today(clock.today(), **settings)))
    return 0


def format_today(repo: Repository, rows: Sequence[TodayRow]) -> str:
    """Today's rows as text: the kind of thing to do, whom it is about (and where), why."""
    if not rows:
        return "Nothing to do today: no follow-up due, no finding to fix. A good day to give value to a referrer."
    contacts = {c.id: c for c in repo.contacts(include_archived=True)}
    companies = repo.company_names()
    whos: list[str] = []
    for row in rows:
        contact = contacts.get(row.contact_id) if row.contact_id is not None else None
        if contact is None:
            whos.append(row.name or "(the campaign)")
            continue
        where = companies.get(contact.company_id or 0, "")
        whos.append(f"{contact.name} @ {where}" if where else contact.name)
    what = max(len(r.kind.label) for r in rows)
    width = min(max(len(w) for w in whos), 40)
    return "\n".join(f"{r.kind.label:<{what}}  {w:<{width}}  {r.why}" for r, w in zip(rows, whos, strict=True))


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
        files = exports.write_csv(open_repo(path, clock), target, force)
        print(f"Wrote {len(files)} CSV files to {target}: {', '.join(f.name for f in files)}")
        return 0
    suffix = "vcf" if fmt == "vcard" else fmt
    if target.is_dir():
        raise CommandError(f"{target} is a folder; give a file name such as {target / ('referrals.' + suffix)}")
    _check_parent(target)
    repo = open_repo(path, clock)
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
    path: Path,
    clock: Clock,
    fmt: str,
    source: Path,
    phase: Phase | None,
    add_unknown: bool = False,
    *,
    force: bool = False,
    prefer: Prefer | None = None,
    choose: Chooser | None = None,
    dry_run: bool = False,
) -> int:
    """``import json|linkedin|vcard|google SOURCE``: the input is read and checked before the
    data file is opened, so a refused import leaves it untouched (or uncreated). ``--phase
    ask`` goes through the 12+ gate: refused unless ``force`` (new people are not scored)."""
    from referral_tui import imports

    try:
        gate.check_new_people(phase, force)
    except gate.BelowThreshold as exc:
        raise CommandError(f"cannot import into Ask: {exc} (--force imports them into Ask anyway)") from None
    if not source.exists():
        raise CommandError(f"cannot read {source}: no such file")
    if fmt != "linkedin" and source.is_dir():
        raise CommandError(f"cannot read {source}: it is a folder; give the file")
    if fmt == "json":
        return _import_json(path, clock, source, prefer, choose, dry_run)
    progress = ProgressLine() if sys.stderr.isatty() else None
    repo = open_repo(path, clock)
    lines: list[str]
    if fmt == "linkedin":
        summary = imports.import_linkedin(repo, source, phase, progress, add_unknown=add_unknown, force=force)
        lines = summary.lines()
    elif fmt == "vcard":
        lines = imports.import_vcard(repo, source, phase, progress, force=force).lines()
    else:
        lines = imports.import_google(repo, source, phase, progress, force=force).lines()
    if progress:
        progress.finish()
    where = f"the board ({phase.label})" if phase else "your network (n in the app)"
    print(f"Imported {source.name} into {where}:")
    for line in lines:
        print(f"  {line}")
    return 0


def _import_json(
    path: Path, clock: Clock, source: Path, prefer: Prefer | None, choose: Chooser | None, dry_run: bool
) -> int:
    from referral_tui.imports.jsonfile import import_json, read_export

    export = read_export(source)  # a bad export is refused before the data file is opened
    repo = open_repo(path, clock)
    result = import_json(repo, export, prefer=prefer, choose=choose, dry_run=dry_run)
    if result.merge is not None and result.merge.cancelled:
        print(f"{PROG}: import cancelled; nothing was written", file=sys.stderr)
        return 1
    total = sum(result.added.values())
    detail = ", ".join(f"{n} {name}" for name, n in result.added.items()) or "nothing new"
    print(f"{'Would import' if dry_run else 'Imported'} {total} records from {source.name}: {detail}")
    merge = result.merge
    if merge is not None and merge.prepared.plan.touches_this_file:
        for line in merge_lines(merge, dry_run)[1:]:
            print(line)
        _report_kept(repo, merge)
    if dry_run:
        print("Dry run: nothing was written.")
    return 0


def _report_kept(repo: Repository, outcome: Outcome) -> None:
    """Fields another session changed between the merge's plan and its write (its values stayed)."""
    if outcome.applied is not None and outcome.applied.kept:
        kept = "; ".join(repo.explain_conflicts(outcome.applied.kept))
        print(f"  another session changed these meanwhile, and its values were kept: {kept}")


def merge(
    path: Path,
    clock: Clock,
    source: Path,
    *,
    prefer: Prefer | None = None,
    choose: Chooser | None = None,
    dry_run: bool = False,
) -> int:
    """``merge OTHER``: merge another copy of the campaign (a conflict copy, another machine's
    file, an ``export json``) into the data file, as one change; the copy is read and checked
    before the data file is opened. A conflict copy beside the data file is then put aside in
    the backups' ``conflicts/`` folder."""
    from referral_tui.imports.jsonfile import read_copy
    from referral_tui.store.merge import merge_copy, put_aside

    if not source.exists():
        raise CommandError(f"cannot read {source}: no such file")
    if source.is_dir():
        raise CommandError(f"cannot read {source}: it is a folder; give the file")
    if _same_file(source, path):
        raise CommandError(f"{source} is the data file itself; give the other copy to merge into it")
    other = read_copy(source)
    repo = open_repo(path, clock, skip=source)
    outcome = merge_copy(repo, other, prefer=prefer, choose=choose, dry_run=dry_run)
    if outcome.cancelled:
        print(f"{PROG}: merge cancelled; nothing was written", file=sys.stderr)
        return 1
    for line in merge_lines(outcome, dry_run):
        print(line)
    _report_kept(repo, outcome)
    if dry_run:
        print("Dry run: nothing was written.")
        return 0
    try:
        moved = put_aside(repo.path, source)
    except OSError as exc:
        print(f"{PROG}: warning: merged, but {source} could not be put aside: {exc.strerror or exc}", file=sys.stderr)
        return 0
    if moved is not None:
        print(f"  the conflict copy was put aside in {moved.parent}")
    return 0


def merge_lines(outcome: Outcome, dry_run: bool = False) -> list[str]:
    """What a merge did (or would do): counts per table, the base, each conflict and how it
    was decided, what another session kept meanwhile."""
    from referral_tui.store.threeway import ORDER

    prepared = outcome.prepared
    merge = prepared.plan
    other = prepared.other.path.name
    verb = "Would merge" if dry_run else "Merged"
    mine = prepared.mine_path.name
    if merge.empty:
        lines = [f"{other} holds nothing {mine} lacks{'' if dry_run else ': nothing was changed'}."]
    else:
        lines = [f"{verb} {other} into {mine}:"]
    if prepared.base is not None:
        lines.append(f"  base: {prepared.base.name}")
    else:
        lines.append(
            "  no common base (no backup both copies descend from): where a record differs, "
            "the copy that saved it last wins its fields"
        )
        taken, kept = merge.guessed
        if taken or kept:
            lines.append(f"  by that rule: {taken} field{'s' if taken != 1 else ''} taken, {kept} kept")
    counts = merge.counts()
    for table in ORDER:
        c = counts.get(table)
        if c is None:
            continue
        parts = [f"{n} {what}" for n, what in ((c.added, "added"), (c.changed, "changed"), (c.removed, "removed")) if n]
        if c.conflicts:
            parts.append(f"{c.conflicts} conflict{'s' if c.conflicts != 1 else ''}")
        lines.append(f"  {table}: {', '.join(parts)}")
    for index, conflict in enumerate(merge.conflicts):
        pick = outcome.picks.get(index)
        mine, theirs = _quoted(conflict.mine_text), _quoted(conflict.theirs_text)
        head = f"  conflict: {conflict.field} of {conflict.label}: this file {mine}, the other copy {theirs}"
        base = "" if conflict.base_text == "(not set)" else f", base {_quoted(conflict.base_text)}"
        decided = {None: "", "mine": ": kept this file's", "theirs": ": took the other copy's"}[pick]
        lines.append(f"{head}{base}{decided}")
    for note in merge.archived_and_edited:
        lines.append(f"  {note}: restore it (A in the app) if it is active again")
    return lines


def _quoted(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return '"' + (flat if len(flat) <= width else flat[: width - 1] + "…") + '"'


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
