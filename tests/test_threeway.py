"""The pure three-way merge of record dicts: base, mine, theirs -> a plan."""

from __future__ import annotations

from typing import Any

from referral_tui.store.threeway import Ref, plan

OLD, MID, NEW = "2026-03-08T12:00:00+00:00", "2026-03-09T12:00:00+00:00", "2026-03-10T12:00:00+00:00"


def rec(uid: str, at: str = OLD, **fields: Any) -> dict[str, Any]:
    return {"uid": uid, "created_at": OLD, "updated_at": at, **fields}


def test_links_are_compared_by_the_uid_they_point_at() -> None:
    """Both copies added companies after the base, so Acme has id 2 here and 5 there."""
    mine = {
        "companies": {"1": rec("c-beta", name="Beta"), "2": rec("c-acme", name="Acme")},
        "contacts": {"1": rec("p-ana", name="Ana", company_id=2)},
    }
    theirs = {
        "companies": {"5": rec("c-acme", name="Acme"), "1": rec("c-beta", name="Beta")},
        "contacts": {"1": rec("p-ana", NEW, name="Ana", company_id=5)},
    }
    result = plan(mine, mine, theirs)
    assert result.empty, result
    theirs["contacts"]["1"]["company_id"] = 1  # now she really moved to Beta
    [change] = plan(mine, mine, theirs).changes
    assert (change.table, change.key, change.field, change.before, change.after) == (
        "contacts",
        "1",
        "company_id",
        2,
        Ref("companies", "c-beta"),
    )


def test_a_company_both_copies_added_is_one_and_only_its_empty_fields_are_filled() -> None:
    mine = {"companies": {"1": rec("c-1", MID, name="Acme", fit="payments", notes="")}}
    theirs = {
        "companies": {"7": rec("c-2", NEW, name="acme", fit="infra", notes="met the CTO")},
        "contacts": {"3": rec("p-di", name="Di", company_id=7)},
    }
    result = plan({}, mine, theirs)
    assert [(c.field, c.after, c.reason) for c in result.changes] == [("notes", "met the CTO", "empty")]
    assert result.conflicts == []
    [add] = result.adds
    assert (add.table, add.doc["company_id"]) == ("contacts", Ref("companies", "c-1")), "Di joins this file's Acme"


def test_without_a_base_the_record_saved_last_wins_and_a_tie_asks() -> None:
    mine = {
        "contacts": {"1": rec("p-ana", MID, name="Ana", title="Staff"), "2": rec("p-bo", MID, name="Bo", title="A")}
    }
    theirs = {
        "contacts": {"1": rec("p-ana", NEW, name="Ana", title="Principal"), "2": rec("p-bo", MID, name="Bo", title="B")}
    }
    result = plan(None, mine, theirs)
    assert [(c.key, c.after, c.reason) for c in result.changes] == [("1", "Principal", "newer")]
    assert [(c.key, c.mine, c.theirs, c.base_text) for c in result.conflicts] == [("2", "A", "B", "(not set)")]
    assert result.guessed == (1, 0)


def test_a_record_this_file_removed_comes_back_when_something_added_needs_it() -> None:
    base = {"contacts": {"1": rec("p-ana", name="Ana"), "2": rec("p-bo", name="Bo")}}
    mine: dict[str, dict[str, Any]] = {"contacts": {}}
    theirs = {
        "contacts": {"1": rec("p-ana", name="Ana"), "2": rec("p-bo", name="Bo")},
        "interactions": {"1": rec("i-1", NEW, contact_id=2, day="2026-03-10", summary="hi")},
    }
    result = plan(base, mine, theirs)
    assert [(a.table, a.label, a.readded) for a in result.adds] == [
        ("contacts", "Bo", True),
        ("interactions", "an interaction with Bo on 2026-03-10", False),
    ], "Ana stays removed; Bo comes back for the interaction logged with him"


def test_a_record_the_other_copy_removed_is_removed_unless_something_here_points_at_it() -> None:
    base = {"contacts": {"1": rec("p-ana", name="Ana"), "2": rec("p-bo", name="Bo")}}
    mine = {
        "contacts": {"1": rec("p-ana", name="Ana"), "2": rec("p-bo", name="Bo")},
        "interactions": {"1": rec("i-1", MID, contact_id=1, day="2026-03-09")},
    }
    result = plan(base, mine, {"contacts": {}})
    assert [(r.table, r.key) for r in result.removals] == [("contacts", "2")], "Ana has this file's interaction"


def test_a_record_edited_here_is_not_removed_by_the_other_copy() -> None:
    base = {"contacts": {"1": rec("p-ana", name="Ana", notes="")}}
    mine = {"contacts": {"1": rec("p-ana", MID, name="Ana", notes="call her")}}
    assert plan(base, mine, {"contacts": {}}).removals == []


def test_missing_fields_count_as_their_defaults() -> None:
    """A record written before a field existed equals one that holds the field's default."""
    mine = {"contacts": {"1": rec("p-ana", name="Ana")}}
    theirs = {"contacts": {"1": rec("p-ana", NEW, name="Ana", tags=[], phase="research", archived=False)}}
    assert plan(mine, mine, theirs).empty


def test_true_is_not_one() -> None:
    base = {"profile": {"1": rec("pr", my_name="Sam", flag=1)}}
    theirs = {"profile": {"1": rec("pr", NEW, my_name="Sam", flag=True)}}
    [change] = plan(base, base, theirs).changes
    assert (change.field, change.before, change.after) == ("flag", 1, True)
