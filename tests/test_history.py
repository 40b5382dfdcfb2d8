"""Editable history through the repository: interactions and asks edited, deleted (archived)
and restored, a context packet added after the ask, the archive lists, and the four-week
plan's audit and checklist. Every change is one undo step and survives a reload."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pytest

from referral_tui.domain import campaign, coach
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.packet import Packet
from referral_tui.domain.records import (
    Ask,
    AskStatus,
    AuditEntry,
    Company,
    FollowUpKind,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Phase,
)
from referral_tui.store.repository import Repository
from tests.helpers import undo_text

TODAY = date(2026, 3, 9)


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return Repository(tmp_path / "history.json", FixedClock(TODAY))


def reopen(repo: Repository) -> Repository:
    return Repository(repo.path, FixedClock(TODAY))


@pytest.fixture
def li(repo: Repository) -> int:
    """Li Wei at Acme, scored 16, with one message logged and one ask made on 2 Mar."""
    li = repo.quick_add("Li Wei @ Acme !timing")
    repo.score(li.id, ScoreEntry(TODAY, 4, 4, 4, 4))
    repo.log_interaction(Interaction(li.id, date(2026, 2, 20), InteractionKind.MESSAGE, "sent the write-up"))
    repo.add_ask(Ask(li.id, date(2026, 3, 2), role_title="Staff SRE"))
    repo.undo_stack.clear()
    return repo.resolve(type(repo.contact(li.id)), li.id)


# -- interactions ------------------------------------------------------------------------------


def test_edit_an_interaction(repo: Repository, li: int) -> None:
    message = next(i for i in repo.interactions(li) if i.kind is InteractionKind.MESSAGE)
    edited = repo.edit_interaction(message, replace(message, summary="sent the benchmark", gave_value=True))
    assert (edited.summary, edited.gave_value, edited.day) == ("sent the benchmark", True, date(2026, 2, 20))
    stored = reopen(repo).interaction(message.id)
    assert stored.summary == "sent the benchmark" and stored.value_given
    assert undo_text(repo) == "edited an interaction with Li Wei"
    assert reopen(repo).interaction(message.id).summary == "sent the write-up"


def test_edit_an_interaction_keeps_its_person(repo: Repository, li: int) -> None:
    other = repo.quick_add("Bo Chen @ Acme")
    message = repo.interactions(li)[0]
    edited = repo.edit_interaction(message, replace(message, contact_id=other.id, summary="x"))
    assert edited.contact_id == li


def test_delete_and_restore_an_interaction(repo: Repository, li: int) -> None:
    message = next(i for i in repo.interactions(li) if i.kind is InteractionKind.MESSAGE)
    repo.delete_interaction(message.id)
    assert message.id not in {i.id for i in repo.interactions(li)}
    assert message.id in {i.id for i in repo.interactions(li, include_archived=True)}
    data = repo.coach_data()
    assert all(i.id != message.id for i in data.interactions.get(li, []))
    assert "barely_known" in {f.rule for f in coach.review(data)}  # the message no longer counts
    repo.restore_interaction(message.id)
    assert message.id in {i.id for i in reopen(repo).interactions(li)}
    assert undo_text(repo) == "restored an interaction with Li Wei"


# -- asks ----------------------------------------------------------------------------------------


def test_add_a_packet_after_the_ask(repo: Repository, li: int) -> None:
    [ask] = repo.asks(li)
    assert not ask.has_context_packet
    packet = Packet(
        role_url="https://acme.example/sre",
        why_role="I ran the SRE team Acme is building",
        points=["one", "two", "three"],
        resume_url="https://cv.example",
        blurb="SRE, nine years.",
    )
    saved = repo.edit_packet(ask, packet)
    assert saved.has_context_packet and saved.packet == packet
    assert (saved.role_title, saved.status, saved.day) == ("Staff SRE", ask.status, ask.day)
    assert reopen(repo).ask(ask.id).has_context_packet
    assert "no_packet" not in {f.rule for f in coach.review(repo.coach_data())}
    assert undo_text(repo) == "edited the ask to Li Wei"
    assert not reopen(repo).ask(ask.id).has_context_packet


def test_edit_ask_leaves_the_status_to_update_ask(repo: Repository, li: int) -> None:
    [ask] = repo.asks(li)
    edited = repo.edit_ask(ask, replace(ask, role_title="Senior SRE", status=AskStatus.OFFER))
    assert (edited.role_title, edited.status) == ("Senior SRE", "requested")


def test_delete_an_ask_cancels_its_follow_ups_and_restore_reopens_them(repo: Repository, li: int) -> None:
    [ask] = repo.asks(li)
    week2 = next(f for f in repo.ask_followups(ask.id) if f.kind is FollowUpKind.WEEK2)
    repo.complete_followup(week2.id)
    repo.delete_ask(ask.id)
    assert repo.asks(li) == [] and [a.id for a in repo.asks(li, include_archived=True)] == [ask.id]
    statuses = [f.status for f in repo.ask_followups(ask.id)]
    assert statuses == [FollowUpStatus.DONE, *[FollowUpStatus.CANCELLED] * 3]
    assert [f for f in repo.followups() if f.ask_id == ask.id] == []
    assert coach.review(repo.coach_data()) == [f for f in coach.review(repo.coach_data()) if f.ask_id != ask.id]
    assert repo.today() == [r for r in repo.today() if r.ask_id != ask.id]
    repo.restore_ask(ask.id)
    assert [f.status for f in reopen(repo).ask_followups(ask.id)] == [FollowUpStatus.DONE, *[FollowUpStatus.OPEN] * 3]
    assert undo_text(repo) == "restored the ask to Li Wei"
    assert undo_text(repo) == "deleted the ask to Li Wei"
    assert reopen(repo).ask(ask.id).archived is False


def test_a_cancelled_follow_up_is_not_reopened_by_restoring_another_cause(repo: Repository, li: int) -> None:
    [ask] = repo.asks(li)
    repo.update_ask(ask.id, status=AskStatus.REJECTED, day=TODAY)
    moot = [f for f in repo.ask_followups(ask.id) if f.status is FollowUpStatus.CANCELLED]
    assert moot  # the weekly steps the outcome made moot
    repo.delete_ask(ask.id)
    repo.restore_ask(ask.id)
    assert [f.id for f in repo.ask_followups(ask.id) if f.status is FollowUpStatus.CANCELLED] == [f.id for f in moot]


def test_deleted_asks_leave_the_metrics_and_the_board_card(repo: Repository, li: int) -> None:
    [ask] = repo.asks(li)
    repo.update_ask(ask.id, status=AskStatus.SUBMITTED, day=TODAY)
    assert repo.campaign_metrics().ask_statuses["Submitted"] == 1
    repo.delete_ask(ask.id)
    assert repo.campaign_metrics().ask_statuses["Submitted"] == 0


# -- archived referrers and companies --------------------------------------------------------------


def test_archived_referrers_and_companies_are_listed_for_restore(repo: Repository, li: int) -> None:
    network = repo.add_contact(replace(repo.contact(li), name="Net Person", phase=None, id=0, uid=""))
    repo.archive(li)
    repo.archive(network.id)
    globex = repo.add_company(Company("Globex"))
    repo.archive_company(globex.id)
    assert [c.name for c in repo.archived_contacts()] == ["Li Wei"]
    assert {c.name for c in repo.archived_contacts(on_board=None)} == {"Li Wei", "Net Person"}
    assert [c.name for c in repo.archived_companies()] == ["Globex"]
    repo.restore(li)
    repo.restore_company(globex.id)
    assert [c.name for c in reopen(repo).archived_contacts()] == []
    assert reopen(repo).archived_companies() == []


# -- the four-week plan --------------------------------------------------------------------------


def test_audit_entries(repo: Repository, li: int) -> None:
    entry = repo.add_audit_entry(
        AuditEntry(
            who=" Sam (ex-colleague) ",
            company="Initech",
            day=date(2025, 11, 1),
            what_happened="referred me; no word after",
            what_to_change="send a context packet and follow up in week 2",
        )
    )
    assert entry.who == "Sam (ex-colleague)"
    linked = repo.add_audit_entry(AuditEntry(who="Li Wei", contact_id=li, what_happened="asked cold"))
    edited = repo.edit_audit_entry(linked, replace(linked, what_to_change="build first"))
    assert reopen(repo).audit_entries()[1].what_to_change == "build first"
    assert campaign.audit_lessons(repo.audit_entries()) == [
        "send a context packet and follow up in week 2",
        "build first",
    ]
    repo.delete_audit_entry(edited.id)
    assert [e.who for e in reopen(repo).audit_entries()] == ["Sam (ex-colleague)"]
    assert len(reopen(repo).audit_entries(include_archived=True)) == 2
    with pytest.raises(campaign.PlanError, match="say who you asked"):
        repo.add_audit_entry(AuditEntry(who="  "))
    plan = repo.plan()
    assert "past referral attempts audited: 1" in plan.weeks[0].progress


def test_ticking_the_checklist(repo: Repository) -> None:
    item = campaign.CHECKLIST[1][0]
    tick = repo.tick(item.key)
    assert (tick.item, tick.done, tick.day) == (item.key, True, TODAY)
    repo.tick(item.key, done=False)
    repo.tick(item.key, done=True, day=date(2026, 3, 2))
    [stored] = reopen(repo).plan_ticks()  # one record per item
    assert (stored.done, stored.day) == (True, date(2026, 3, 2))
    rows = repo.plan().weeks[0].checklist
    assert [r.item.key for r in rows] == [i.key for i in campaign.CHECKLIST[1]]
    assert [r.ticked for r in rows] == [True, False, False, False]
    assert undo_text(repo) == f"ticked '{item.text}'"
    with pytest.raises(campaign.PlanError, match="no checklist item 'w9.nothing'"):
        repo.tick("w9.nothing")


def test_every_week_of_the_plan_has_a_checklist() -> None:
    assert sorted(campaign.CHECKLIST) == [1, 2, 3, 4]
    keys = [i.key for items in campaign.CHECKLIST.values() for i in items]
    assert len(keys) == len(set(keys)) and all(key.startswith(f"w{key[1]}.") for key in keys)
    assert all(len(items) >= 3 for items in campaign.CHECKLIST.values())


# -- the new tables on disk ---------------------------------------------------------------------


def test_new_tables_appear_in_the_file_and_the_export_only_when_used(repo: Repository, li: int) -> None:
    assert set(repo.export_tables()) == {
        "companies",
        "contacts",
        "interactions",
        "asks",
        "followups",
        "templates",
        "profile",
    }
    repo.tick("w1.attempts")
    repo.add_audit_entry(AuditEntry(who="Sam"))
    repo.skip_today("role:x:y")
    on_disk = orjson.loads(repo.path.read_bytes())
    assert {"plan_ticks", "audit_entries", "today_snoozes"} <= set(on_disk)
    assert {"plan_ticks", "audit_entries", "today_snoozes"} <= set(repo.export_tables())
    assert reopen(repo).plan_ticks()[0].item == "w1.attempts"  # validated and read back


def test_conflicts_on_the_new_tables_are_named(repo: Repository) -> None:
    entry = repo.add_audit_entry(AuditEntry(who="Sam"))
    tick = repo.tick("w1.attempts")
    assert repo.record_label("audit_entries", entry.id) == "the audit of Sam"
    assert repo.record_label("plan_ticks", tick.id) == "a plan checklist item"
    assert repo.record_label("today_snoozes", 1) == "a snoozed Today item"


def test_quick_add_ask_on_the_board_is_gated_and_forced(repo: Repository) -> None:
    forced = repo.quick_add("Ana Lima @ Acme !ask", force=True)
    assert forced.phase is Phase.ASK and forced.total is None


def test_the_ask_form_offers_the_companys_current_roles(repo: Repository) -> None:
    acme = repo.add_company(
        Company(
            "Acme",
            open_roles=[
                {"title": "Staff SRE", "url": "", "seen": "2026-03-01", "status": "open"},
                {"title": "Old", "url": "", "seen": "2025-12-01", "status": "open"},
                {"title": "Applied", "url": "", "seen": "2026-03-05", "status": "applied"},
            ],
        )
    )
    assert [r.title for r in repo.current_roles(acme.id)] == ["Staff SRE"]
