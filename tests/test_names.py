"""Company-name matching: one key for "Stripe", "stripe inc" and "Stripe, Inc."; completion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from referral_tui.domain.names import (
    LEGAL_SUFFIXES,
    company_key,
    complete,
    exact_known,
    normalise,
    same_company,
    similar_known,
)

# -- company_key ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Stripe",
        "stripe",
        "STRIPE",
        "  Stripe  ",
        "stripe inc",
        "Stripe Inc",
        "Stripe Inc.",
        "Stripe, Inc.",
        "Stripe, Inc",
        "Stripe Incorporated",
        "Stripe LLC",
        "Stripe L.L.C.",
        "Stripe Ltd",
        "Stripe Ltd.",
        "Stripe Limited",
        "Stripe GmbH",
        "Stripe Corp.",
        "Stripe Corporation",
        "Stripe Co.",
        "Stripe Company",
        "Stripe & Co.",
        "Stripe and Company",
        "Stripe AG",
        "Stripe S.A.",
        "Stripe SA",
        "Stripe S. A.",
        "Stripe B.V.",
        "Stripe PLC",
        "Stripe plc",
        "Stripe Pty Ltd",
        "Stripe Pty. Ltd.",
        "Stripe SAS",
        "Stripe S.R.L.",
        "Stripe Oy",
        "Stripe AB",
        "Stripe K.K.",
        "Stripe A/S",
        "Stripe GmbH & Co. KG",
        "Stripe Co., Ltd.",
        "Stripe Sp. z o.o.",
        "Stripe Pvt. Ltd.",
        "Stripe S.A. de C.V.",
        "Stripe Kabushiki Kaisha",
        "\uff33\uff54\uff52\uff49\uff50\uff45",  # full-width letters
        "Stripe\u00a0Inc.",  # a no-break space
    ],
)
def test_spellings_of_one_company_share_a_key(name: str) -> None:
    assert company_key(name) == "stripe"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("McDonald's", "mcdonalds"),
        ("McDonald\u2019s Corp", "mcdonalds"),
        ("Coca-Cola", "coca cola"),
        ("The Coca-Cola Company", "the coca cola"),
        ("Procter & Gamble", "procter and gamble"),
        ("Procter and Gamble Co.", "procter and gamble"),
        ("AT&T Inc.", "at and t"),
        ("J. P. Morgan", "jp morgan"),
        ("JP Morgan", "jp morgan"),
        ("J.P. Morgan Chase & Co.", "jp morgan chase"),
        ("U.S. Bank", "us bank"),
        ("Booking.com", "bookingcom"),
        ("Yahoo!", "yahoo"),
        ("Acme (Europe) Ltd", "acme europe"),
        ("Acme / Beta", "acme beta"),
        ("Acme_Beta", "acme beta"),
        ('"Acme"', "acme"),
        ("3M Company", "3m"),
        ("1&1 Ionos SE", "1 and 1 ionos"),
        ("Toyota Motor Co., Ltd.", "toyota motor"),
        ("Plan B S.A.", "plan b"),
        ("Limited Brands Inc", "limited brands"),
        ("Inc Magazine", "inc magazine"),
    ],
)
def test_punctuation_and_suffixes(name: str, key: str) -> None:
    assert company_key(name) == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Nestl\u00e9 S.A.", "nestle"),
        ("Nestle\u0301", "nestle"),  # e + combining acute
        ("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale SA", "societe generale"),
        ("M\u00fcller GmbH", "muller"),
        ("Stra\u00dfe GmbH", "strasse"),
        ("M\u00e6rsk A/S", "m\u00e6rsk"),
        ("\u0130stanbul A.\u015e.", "istanbul"),
        ("\u042f\u043d\u0434\u0435\u043a\u0441", "\u044f\u043d\u0434\u0435\u043a\u0441"),  # Cyrillic, casefolded
        (
            "\u0399\u03c9\u03ac\u03bd\u03bd\u03b7\u03c2",
            "\u03b9\u03c9\u03ac\u03bd\u03bd\u03b7\u03c3",
        ),  # Greek: accent kept, final sigma folded
        ("\u682a\u5f0f\u4f1a\u793e\u30c8\u30e8\u30bf", "\u682a\u5f0f\u4f1a\u793e\u30c8\u30e8\u30bf"),
        ("\u0939\u093f\u0928\u094d\u0926\u0940 Ltd", "\u0939\u093f\u0928\u094d\u0926\u0940"),  # Devanagari marks kept
        (
            "\u0634\u0631\u0643\u0629 \u0623\u0631\u0627\u0645\u0643\u0648",
            "\u0634\u0631\u0643\u0629 \u0623\u0631\u0627\u0645\u0643\u0648",
        ),
    ],
)
def test_unicode_names(name: str, key: str) -> None:
    assert company_key(name) == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Co", "co"),
        ("Co.", "co"),
        ("Inc", "inc"),
        ("Inc.", "inc"),
        ("L.L.C.", "llc"),
        ("GmbH", "gmbh"),
        ("Company", "company"),
        ("Limited", "limited"),
        ("Pty Ltd", "pty"),  # stripping stops at the last word
        ("Co Ltd", "co"),
        ("& Co.", "and co"),
        ("SAS Inc", "sas"),  # the same key as "SAS"
        ("Company Inc", "company"),
        ("The Limited", "the limited"),
        ("The Company", "the company"),
    ],
)
def test_a_name_that_is_only_a_suffix_keeps_its_full_key(name: str, key: str) -> None:
    assert company_key(name) == key


@pytest.mark.parametrize("name", ["", "   ", "...", "--/--", "\u2019"])
def test_a_name_without_letters_or_digits_has_the_empty_key(name: str) -> None:
    assert company_key(name) == ""
    assert not same_company(name, name)


def test_an_ampersand_alone_is_the_word_and() -> None:
    assert company_key("&") == "and"


def test_the_required_suffixes_are_listed() -> None:
    for suffix in ("inc", "ltd", "gmbh", "llc", "corp", "co", "plc", "ag", "sa", "bv"):
        assert (suffix,) in LEGAL_SUFFIXES
    assert ("pty", "ltd") in LEGAL_SUFFIXES
    lengths = [len(s) for s in LEGAL_SUFFIXES]
    assert lengths == sorted(lengths, reverse=True)


def test_normalise_keeps_the_suffix() -> None:
    assert normalise("Stripe, Inc.") == "stripe inc"
    assert normalise("  Acme   GmbH & Co. KG ") == "acme gmbh and co kg"


@given(st.text(max_size=40))
def test_the_key_is_stable(name: str) -> None:
    key = company_key(name)
    assert company_key(key) == key
    assert key == key.strip()
    assert "  " not in key


@given(
    st.text(alphabet=st.characters(categories=["L", "Nd"]), min_size=2, max_size=20), st.sampled_from(LEGAL_SUFFIXES)
)
def test_a_legal_suffix_never_changes_the_company(word: str, suffix: tuple[str, ...]) -> None:
    name = f"Zq{word}"  # never a suffix word itself
    assert same_company(name, f"{name} {' '.join(suffix).upper()}")
    assert same_company(f"{name}.", f"{name}, {' '.join(suffix)}.")


# -- same_company -------------------------------------------------------------------------------


def test_same_company() -> None:
    assert same_company("Stripe", "Stripe, Inc.")
    assert same_company("stripe inc", "STRIPE LTD")
    assert same_company("Coca Cola", "Coca-Cola Company")
    assert not same_company("Stripe", "Stripes")
    assert not same_company("Stripe", "Acme")
    assert not same_company("Co", "")
    assert not same_company("", "")


# -- exact_known / similar_known -----------------------------------------------------------------

KNOWN = ["Acme", "Stripe, Inc.", "Globex Corporation", "AT&T"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("stripe", "Stripe, Inc."),
        ("Stripe Inc", "Stripe, Inc."),
        ("STRIPE LLC", "Stripe, Inc."),
        ("Acme, Inc.", "Acme"),
        ("acme gmbh", "Acme"),
        ("Globex", "Globex Corporation"),
        ("AT & T Inc.", "AT&T"),
    ],
)
def test_similar_known_finds_another_spelling(name: str, expected: str) -> None:
    assert similar_known(name, KNOWN) == expected


@pytest.mark.parametrize("name", ["Acme", "acme", " ACME ", "stripe, inc.", "STRIPE,   INC."])
def test_similar_known_is_none_for_an_existing_name_ignoring_case(name: str) -> None:
    assert similar_known(name, KNOWN) is None
    assert exact_known(name, KNOWN) is not None


def test_an_exact_match_wins_over_an_earlier_similar_one() -> None:
    assert similar_known("stripe", ["Stripe, Inc.", "STRIPE"]) is None
    assert exact_known("stripe", ["Stripe, Inc.", "STRIPE"]) == "STRIPE"


@pytest.mark.parametrize("name", ["Stripes", "Initech", "", "...", "Inc"])
def test_similar_known_is_none_for_a_new_company(name: str) -> None:
    assert similar_known(name, KNOWN) is None


def test_similar_known_prefers_the_first_known_candidate() -> None:
    assert similar_known("stripe", ["Stripe Ltd", "Stripe, Inc."]) == "Stripe Ltd"


def test_similar_known_reads_any_iterable_once() -> None:
    assert similar_known("acme", (name for name in ["Acme Inc", "Beta"])) == "Acme Inc"
    assert similar_known("Acme", iter([])) is None


def test_exact_known() -> None:
    assert exact_known("acme", KNOWN) == "Acme"
    assert exact_known("acme inc", KNOWN) is None
    assert exact_known("  ", ["", " "]) is None


# -- complete -----------------------------------------------------------------------------------------

NAMES = ["Stripe, Inc.", "Stripes", "Strava", "Acme", "stripe", "Stripe", "Square", "STRIPE INC", "Streamlit Ltd"]


def test_complete_matches_case_insensitively_shortest_then_alphabetical() -> None:
    assert complete("st", NAMES) == ["Strava", "stripe", "Stripes", "STRIPE INC", "Stripe, Inc.", "Streamlit Ltd"]


def test_complete_de_duplicates_ignoring_case_keeping_the_first_spelling() -> None:
    assert complete("STRIPE", ["Stripe", "stripe", "STRIPE", "Stripe"]) == ["Stripe"]


def test_complete_matches_the_normalised_name_too() -> None:
    assert complete("stripe i", ["Stripe, Inc.", "Stripes", "Acme"]) == ["Stripe, Inc."]
    assert complete("stripe inc", ["Stripe, Inc."]) == ["Stripe, Inc."]
    assert complete("at&", ["AT&T", "Atlassian"]) == ["AT&T"]
    assert complete("at and", ["AT&T"]) == ["AT&T"]
    assert complete("jp m", ["J.P. Morgan", "JPL"]) == ["J.P. Morgan"]
    assert complete("nestle", ["Nestl\u00e9"]) == ["Nestl\u00e9"]


def test_a_trailing_separator_ends_the_word() -> None:
    assert complete("stripe ", ["Stripe, Inc.", "Stripes", "Stripe"]) == ["Stripe, Inc."]
    assert complete("stripe,", ["Stripe, Inc.", "Stripes", "Stripe Ltd"]) == ["Stripe Ltd", "Stripe, Inc."]


def test_complete_is_limited() -> None:
    many = [f"Tag{i:02d}" for i in range(30)]
    assert complete("tag", many) == many[:10]
    assert complete("tag", many, limit=3) == ["Tag00", "Tag01", "Tag02"]
    assert complete("tag", many, limit=0) == []
    assert complete("tag", many, limit=-1) == []


@pytest.mark.parametrize("prefix", ["", "   ", "\t"])
def test_a_blank_prefix_completes_nothing(prefix: str) -> None:
    assert complete(prefix, NAMES) == []


def test_complete_skips_blank_known_names_and_works_on_tags() -> None:
    assert complete("al", ["", "  ", "alumni", "ml", "alpha-team", "Alumni"]) == ["alumni", "alpha-team"]
    assert complete("x", ["ml"]) == []
    assert complete("#", ["#hash", "hash"]) == ["#hash"]


def test_complete_leading_whitespace_in_the_prefix_is_ignored() -> None:
    assert complete("  acm", NAMES) == ["Acme"]


@given(st.lists(st.text(max_size=12), max_size=20), st.text(min_size=1, max_size=4))
def test_complete_returns_known_names_each_once(known: list[str], prefix: str) -> None:
    got = complete(prefix, known, limit=50)
    assert all(name in known for name in got)
    folded = [" ".join(name.casefold().split()) for name in got]
    assert len(folded) == len(set(folded))
    assert [len(n) for n in got] == sorted(len(n) for n in got)


def test_a_known_person_is_the_same_name_at_the_same_company() -> None:
    """Rule: quick-add's "already here?": the name ignoring case and spacing, the company as
    ``same_company`` sees it."""
    from referral_tui.domain.names import known_person

    people = [("Ann Lee", "Tidal Labs, Inc."), ("Bo Chen", "Acme")]
    assert known_person("ann  lee", "tidal labs", people) == ("Ann Lee", "Tidal Labs, Inc.")
    assert known_person("Ann Lee", "Acme", people) is None  # another Ann Lee elsewhere
    assert known_person("Ann Leigh", "Tidal Labs", people) is None
    assert known_person("Bo Chen", "ACME", people) == ("Bo Chen", "Acme")
    assert known_person("", "Acme", people) is None
