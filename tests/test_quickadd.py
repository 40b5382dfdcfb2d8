"""The quick-add grammar: ``Name @ Company[, Title] [#tag ...] [!phase]``."""

from __future__ import annotations

import pytest

from referral_tui.domain.quickadd import MAX_FIELD, QuickAdd, QuickAddError, parse, parse_phase
from referral_tui.domain.records import Phase

ALLOWED = "research, relationship, timing, ask"

# -- valid forms ----------------------------------------------------------------------


def test_name_and_company() -> None:
    assert parse("Li Wei @ Acme") == QuickAdd(name="Li Wei", company="Acme", title="", tags=[], phase=Phase.RESEARCH)


def test_no_spaces_around_at() -> None:
    assert parse("Li Wei@Acme").company == "Acme"


def test_with_title() -> None:
    got = parse("Priya Shah @ Stripe, Staff Engineer")
    assert (got.name, got.company, got.title) == ("Priya Shah", "Stripe", "Staff Engineer")


def test_title_containing_a_comma_keeps_everything_after_the_first_comma() -> None:
    got = parse("Priya Shah @ Stripe, Staff Engineer, Payments")
    assert got.company == "Stripe"
    assert got.title == "Staff Engineer, Payments"


@pytest.mark.parametrize(
    "text",
    [
        "#alumni Priya Shah @ Stripe, Staff Engineer #ml",
        "Priya #alumni Shah @ Stripe, Staff #ml Engineer",
        "Priya Shah @ Stripe #alumni , Staff Engineer #ml",
        "Priya Shah @ Stripe, Staff Engineer #alumni #ml",
    ],
)
def test_tags_anywhere(text: str) -> None:
    got = parse(text)
    assert (got.name, got.company, got.title) == ("Priya Shah", "Stripe", "Staff Engineer")
    assert got.tags == ["alumni", "ml"]


def test_duplicate_tags_collapse_lowercased_in_first_seen_order() -> None:
    assert parse("A @ B #ML #alumni #ml #Alumni #x-y_z").tags == ["ml", "alumni", "x-y_z"]


def test_tag_with_digits_and_unicode_letters() -> None:
    assert parse("A @ B #2024 #café").tags == ["2024", "café"]


@pytest.mark.parametrize(
    ("word", "phase"),
    [
        ("research", Phase.RESEARCH),
        ("relationship", Phase.RELATIONSHIP),
        ("timing", Phase.TIMING),
        ("ask", Phase.ASK),
        ("rel", Phase.RELATIONSHIP),
        ("res", Phase.RESEARCH),
        ("t", Phase.TIMING),
        ("a", Phase.ASK),
        ("TIMING", Phase.TIMING),
        ("Rel", Phase.RELATIONSHIP),
    ],
)
def test_phase_full_name_unique_prefix_any_case(word: str, phase: Phase) -> None:
    assert parse(f"Li Wei @ Acme !{word}").phase is phase
    assert parse_phase(word) is phase


def test_phase_before_the_name() -> None:
    got = parse("!timing Li Wei @ Acme, CTO")
    assert (got.name, got.company, got.title, got.phase) == ("Li Wei", "Acme", "CTO", Phase.TIMING)


def test_default_phase_is_research() -> None:
    assert parse("Li @ Acme").phase is Phase.RESEARCH


def test_extra_whitespace_collapsed() -> None:
    got = parse("   Priya \t  Shah  @   Big    Co  ,   Staff    Engineer   ")
    assert (got.name, got.company, got.title) == ("Priya Shah", "Big Co", "Staff Engineer")


@pytest.mark.parametrize("title", ["C# Engineer", "F# Developer", "C#/.NET Lead"])
def test_hash_inside_a_word_is_not_a_tag(title: str) -> None:
    got = parse(f"Li @ Acme, {title} #dotnet")
    assert got.title == title
    assert got.tags == ["dotnet"]


def test_bang_inside_a_word_is_not_a_phase() -> None:
    got = parse("Li @ Yahoo!, Engineer")
    assert got.company == "Yahoo!"
    assert got.phase is Phase.RESEARCH


def test_fields_of_exactly_max_length_are_accepted() -> None:
    name, company, title = "n" * MAX_FIELD, "c" * MAX_FIELD, "t" * MAX_FIELD
    got = parse(f"{name} @ {company}, {title}")
    assert (got.name, got.company, got.title) == (name, company, title)


# -- invalid forms --------------------------------------------------------------------


def rejected(text: str) -> str:
    with pytest.raises(QuickAddError) as info:
        parse(text)
    return str(info.value)


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty(text: str) -> None:
    message = rejected(text)
    assert "nothing to add" in message
    assert "Name @ Company" in message


def test_no_at() -> None:
    message = rejected("Li Wei Acme")
    assert "missing '@ Company'" in message


def test_only_tags_and_phase() -> None:
    assert "missing '@ Company'" in rejected("#alumni !timing")


def test_two_ats() -> None:
    assert "one '@'" in rejected("li@example.com @ Acme")
    assert "one '@'" in rejected("Li @ Acme @ Other")


def test_empty_name() -> None:
    assert "name before '@' is empty" in rejected("  @ Acme")
    assert "name before '@' is empty" in rejected("#alumni @ Acme")


def test_empty_company() -> None:
    assert "company after '@' is empty" in rejected("Li Wei @ ")
    assert "company after '@' is empty" in rejected("Li Wei @ , CTO")
    assert "company after '@' is empty" in rejected("Li Wei @ #alumni")


def test_empty_title_after_comma() -> None:
    message = rejected("Li Wei @ Acme,")
    assert "title after ',' is empty" in message
    assert "title after ',' is empty" in rejected("Li Wei @ Acme,   #alumni")


def test_hash_alone() -> None:
    assert "'#' needs a tag" in rejected("Li @ Acme #")


@pytest.mark.parametrize("tag", ["a!b", "-x", "a@b", "foo,", "a*b"])
def test_bad_tag_characters(tag: str) -> None:
    message = rejected(f"Li @ Acme #{tag}")
    assert f"'#{tag}'" in message
    assert "characters a tag cannot hold" in message


def test_unknown_phase_lists_allowed_phases() -> None:
    message = rejected("Li @ Acme !later")
    assert "unknown phase '!later'" in message
    assert ALLOWED in message


@pytest.mark.parametrize("word", ["", "r", "re", "R"])
def test_empty_or_ambiguous_phase_is_rejected_listing_allowed_phases(word: str) -> None:
    # '!r' / '!re' match both research and relationship; '!' alone matches nothing.
    message = rejected(f"Li @ Acme !{word}")
    assert f"'!{word}'" in message
    assert ALLOWED in message
    with pytest.raises(QuickAddError):
        parse_phase(word)


def test_two_phases() -> None:
    assert "at most one phase" in rejected("Li @ Acme !timing !ask")
    assert "at most one phase" in rejected("Li @ Acme !ask !ask")


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("name", "n" * (MAX_FIELD + 1) + " @ Acme"),
        ("company", "Li @ " + "c" * (MAX_FIELD + 1)),
        ("title", "Li @ Acme, " + "t" * (MAX_FIELD + 1)),
    ],
)
def test_over_long_fields(label: str, text: str) -> None:
    message = rejected(text)
    assert f"the {label} is {MAX_FIELD + 1} characters" in message
    assert str(MAX_FIELD) in message


def test_error_is_a_value_error() -> None:
    assert issubclass(QuickAddError, ValueError)


# -- a company whose name holds a comma ----------------------------------------------------


def test_a_quoted_company_keeps_its_commas() -> None:
    """Rule: quick-add, a quoted company: the first comma after the closing quote starts the title."""
    got = parse('Ann Lee @ "Tidal Labs, Inc.", Staff SRE, Payments #alumni !rel')
    assert (got.company, got.title, got.tags, got.phase) == (
        "Tidal Labs, Inc.",
        "Staff SRE, Payments",
        ["alumni"],
        Phase.RELATIONSHIP,
    )
    assert parse('Ann Lee @ "Tidal Labs, Inc."').title == ""


def test_a_quoted_company_may_hold_hash_and_bang() -> None:
    """Rule: quick-add, a quoted company: its ``#`` and ``!`` are its own, not a tag or a phase."""
    got = parse('Ann @ "Rock #1, Bang !t Co", SRE #x !rel')
    assert (got.company, got.title, got.tags, got.phase) == ("Rock #1, Bang !t Co", "SRE", ["x"], Phase.RELATIONSHIP)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('Ann @ "Tidal Labs, Inc.', "opening quote has no closing one"),
        ('Ann @ "Tidal Labs" SRE', "after the quoted company put a comma"),
        ('Ann @ "Tidal Labs",', "the title after ',' is empty"),
        ('Ann @ ""', "the company after '@' is empty"),
    ],
)
def test_a_badly_quoted_company_says_how_to_quote(text: str, message: str) -> None:
    with pytest.raises(QuickAddError, match=message) as refused:
        parse(text)
    if "quote" in message:
        assert '@ "Tidal Labs, Inc.", SRE' in str(refused.value)  # the example of the right form


def test_a_known_company_with_a_comma_needs_no_quotes() -> None:
    """Rule: quick-add, known companies: the longest run up to a comma that is a known name."""
    known = ["Tidal Labs, Inc.", "Tidal Labs, Inc., Europe", "Acme"]
    got = parse("Ann @ tidal labs,  inc., SRE", known)
    assert (got.company, got.title) == ("Tidal Labs, Inc.", "SRE")  # spelt as the known record
    assert parse("Ann @ Tidal Labs, Inc., Europe", known).company == "Tidal Labs, Inc., Europe"
    assert (parse("Ann @ Tidal Labs, Inc.", known).company, parse("Ann @ Tidal Labs, Inc.", known).title) == (
        "Tidal Labs, Inc.",
        "",
    )
    assert parse("Ann @ Tidal Labs, Inc.").company == "Tidal Labs"  # unknown: the first comma ends it
    assert parse("Ann @ Acme, VP, Eng", known).title == "VP, Eng"
