"""``referral-tui due`` through the installed command: groups, who and what, plain text off a terminal."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from referral_tui.commands import format_due
from referral_tui.domain.records import Ask, Contact, FollowUpKind, Interaction, InteractionKind
from referral_tui.store.repository import Repository

TODAY = date(2026, 3, 9)
CliRunner = Callable[..., subprocess.CompletedProcess[str]]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

WEEK2 = "Week-2 check-in: was the referral submitted?"
WEEK3 = "Week-3 update and thanks"
WEEK4 = "Week-4 share an insight or resource"
MONTHLY = "Monthly check-in"
EVENT = "Follow up within 48 hours of the event"


def row(when: str, who: str, what: str) -> str:
    return f"  {when:<24} {who}: {what}"


@pytest.fixture
def campaign(repo: Repository) -> Repository:
    """Today is Mon 9 Mar 2026.

    * Dana asked on 19 Jan: week-2 26 Jan, week-3 2 Feb, week-4 9 Feb (all overdue), monthly 9 Mar (today).
    * Eli asked on 2 Mar: week-2 today, week-3 16 Mar (day 7), week-4 23 Mar, monthly 23 Apr.
    * Fay (no company) met at an event on 8 Mar: follow-up due 10 Mar.
    """
    dana = repo.quick_add("Dana Park @ Initech, Staff SRE")
    eli = repo.quick_add("Eli Moss @ Globex")
    fay = repo.add_contact(Contact(name="Fay Lin"))
    repo.add_ask(Ask(contact_id=dana.id, day=date(2026, 1, 19), role_title="SRE"))
    repo.add_ask(Ask(contact_id=eli.id, day=date(2026, 3, 2), role_title="Backend"))
    repo.log_interaction(
        Interaction(contact_id=fay.id, day=date(2026, 3, 8), kind=InteractionKind.EVENT, summary="meetup")
    )
    return repo


EXPECTED_OVERDUE = [
    "Overdue (3)",
    row("Mon 26 Jan, 42 days late", "Dana Park @ Initech", WEEK2),
    row("Mon 02 Feb, 35 days late", "Dana Park @ Initech", WEEK3),
    row("Mon 09 Feb, 28 days late", "Dana Park @ Initech", WEEK4),
]
EXPECTED_TODAY = [
    "Today (2)",
    row("Mon 09 Mar", "Dana Park @ Initech", MONTHLY),
    row("Mon 09 Mar", "Eli Moss @ Globex", WEEK2),
]


def test_due_groups_overdue_today_upcoming_with_who_and_what(cli: CliRunner, campaign: Repository) -> None:
    proc = cli("due")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.splitlines() == [
        *EXPECTED_OVERDUE,
        *EXPECTED_TODAY,
        "Upcoming (next 7 days) (2)",
        row("Tue 10 Mar", "Fay Lin", EVENT),
        row("Mon 16 Mar", "Eli Moss @ Globex", WEEK3),
    ]


def test_due_output_is_plain_text_when_not_a_terminal(cli: CliRunner, campaign: Repository) -> None:
    for env in ({}, {"TERM": "xterm-256color"}, {"FORCE_COLOR": "1"}):
        proc = cli("due", "--days", "30", env=env)
        assert proc.returncode == 0, proc.stderr
        assert "\x1b" not in proc.stdout and "\x1b" not in proc.stderr
        assert ANSI.search(proc.stdout) is None
        assert all(line.isprintable() for line in proc.stdout.splitlines())


def test_days_zero_shows_overdue_and_today_only(cli: CliRunner, campaign: Repository) -> None:
    proc = cli("due", "--days", "0")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [*EXPECTED_OVERDUE, *EXPECTED_TODAY]
    assert "Upcoming" not in proc.stdout and "Fay Lin" not in proc.stdout


def test_days_widens_the_upcoming_horizon(cli: CliRunner, campaign: Repository) -> None:
    lines = cli("due", "--days", "45").stdout.splitlines()
    start = lines.index("Upcoming (next 45 days) (4)")
    assert lines[start + 1 :] == [
        row("Tue 10 Mar", "Fay Lin", EVENT),
        row("Mon 16 Mar", "Eli Moss @ Globex", WEEK3),
        row("Mon 23 Mar", "Eli Moss @ Globex", WEEK4),
        row("Thu 23 Apr", "Eli Moss @ Globex", MONTHLY),
    ]


def test_due_reflects_done_snooze_and_skip(cli: CliRunner, campaign: Repository) -> None:
    repo = campaign
    by = {(f.contact_id, f.kind): f for f in repo.followups()}
    dana = next(c for c in repo.contacts() if c.name == "Dana Park")
    eli = next(c for c in repo.contacts() if c.name == "Eli Moss")
    repo.complete_followup(by[(dana.id, FollowUpKind.WEEK2)].id)
    repo.skip_followup(by[(dana.id, FollowUpKind.WEEK3)].id, "changed teams")
    repo.snooze_followup(by[(eli.id, FollowUpKind.WEEK2)].id, 2)
    repo.complete_followup(by[(dana.id, FollowUpKind.MONTHLY)].id)  # the next monthly: 9 Apr, beyond 7 days
    proc = cli("due", "--days", "7")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Overdue (1)",
        row("Mon 09 Feb, 28 days late", "Dana Park @ Initech", WEEK4),
        "Upcoming (next 7 days) (3)",
        row("Tue 10 Mar", "Fay Lin", EVENT),
        row("Wed 11 Mar", "Eli Moss @ Globex", WEEK2),
        row("Mon 16 Mar", "Eli Moss @ Globex", WEEK3),
    ]
    assert row("Thu 09 Apr", "Dana Park @ Initech", MONTHLY) in cli("due", "--days", "31").stdout.splitlines()


def test_one_day_late_is_singular(cli: CliRunner, repo: Repository) -> None:
    gus = repo.quick_add("Gus Hale @ Hooli")
    repo.add_ask(Ask(contact_id=gus.id, day=date(2026, 3, 1)))  # week-2 on Sun 8 Mar
    lines = cli("due", "--days", "0").stdout.splitlines()
    assert lines == ["Overdue (1)", row("Sun 08 Mar, 1 day late", "Gus Hale @ Hooli", WEEK2)]


def test_due_does_not_change_the_data_file(cli: CliRunner, campaign: Repository, db_path: Path) -> None:
    before = db_path.read_bytes()
    assert cli("due").returncode == 0
    assert cli("due", "--days", "0").returncode == 0
    assert db_path.read_bytes() == before


# -- colour only on a terminal ---------------------------------------------------------


def test_format_due_colours_only_when_asked(campaign: Repository) -> None:
    plain = format_due(campaign, TODAY, 7, color=False)
    painted = format_due(campaign, TODAY, 7, color=True)
    assert ANSI.search(plain) is None
    assert "\x1b[1;31mOverdue (3)\x1b[0m" in painted
    assert "\x1b[1mToday (2)\x1b[0m" in painted
    assert ANSI.sub("", painted) == plain


def run_in_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the installed command with stdout on a pseudo-terminal; return what it printed."""
    command = shutil.which("referral-tui")  # the hermetic fixture put the venv's bin folder first
    assert command is not None
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([command, *args], stdout=follower, stderr=subprocess.PIPE, env=env, close_fds=True)
        os.close(follower)
        follower = -1
        chunks: list[bytes] = []
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                break
            try:
                data = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        assert proc.wait(timeout=30) == 0, proc.stderr.read() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)


def test_colour_on_a_terminal_unless_no_color(campaign: Repository) -> None:
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    out = run_in_a_terminal(["due"], env)
    assert "\x1b[1;31mOverdue (3)" in out
    assert ANSI.sub("", out).splitlines()[:4] == EXPECTED_OVERDUE
    assert ANSI.search(run_in_a_terminal(["due"], dict(env, NO_COLOR="1"))) is None
    assert ANSI.search(run_in_a_terminal(["due"], dict(env, TERM="dumb"))) is None
