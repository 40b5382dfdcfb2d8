"""Property: any CSV cell content survives the LinkedIn import and both exports.

A Connections.csv is written with the csv module (so any text is quoted as a spreadsheet
would), imported with ``imports.import_linkedin`` into a fresh data file, and written out
with ``exports.write_json`` and ``exports.write_csv``. The importer strips surrounding
whitespace from every cell (documented); the CSV export prefixes a quote to a cell that a
spreadsheet would run as a formula. Nothing else may change.
"""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path

import orjson
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from referral_tui.domain.clock import FixedClock
from referral_tui.exports import FORMULA_STARTS, csv_cell, write_csv, write_json
from referral_tui.formats.connections import MAX_CELL
from referral_tui.imports import import_linkedin
from referral_tui.store.repository import Repository

TODAY = date(2026, 3, 9)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]

# Any text but NUL (not valid in a text file cell) and surrogates (not encodable as UTF-8),
# biased towards what breaks CSV and spreadsheets. Cells over MAX_CELL characters are
# refused by design, so the texts stay well under it.
TRICKY = st.sampled_from([",", '"', "\n", "\r", "\r\n", " ", "\t", "=", "+", "-", "@", "🚀", "é", "\ufeff", "'", ";"])
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=60)
CELL = st.one_of(
    ANY_TEXT,
    st.lists(st.one_of(TRICKY, ANY_TEXT), max_size=8).map("".join),
    st.tuples(st.sampled_from(["=", "+", "-", "@"]), ANY_TEXT).map("".join),
)

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def connections_csv(first: str, company: str, position: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # QUOTE_MINIMAL and CRLF, like LinkedIn's own export
    writer.writerow(HEADER)
    writer.writerow([first, "", "https://www.linkedin.com/in/someone", "", company, position, "30 May 2024"])
    return buffer.getvalue().encode("utf-8")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def spreadsheet_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@SETTINGS
@given(first=CELL, company=CELL, position=CELL)
def test_any_cell_survives_import_and_export(first: str, company: str, position: str) -> None:
    assume(first.strip())  # a first name of only whitespace (and no last name) makes a nameless row
    assert max(len(first), len(company), len(position)) < MAX_CELL
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = tmp / "Connections.csv"
        source.write_bytes(connections_csv(first, company, position))
        repo = Repository(tmp / "referrals.json", FixedClock(TODAY))

        summary = import_linkedin(repo, source)
        assert (summary.added, summary.skipped) == (1, [])
        [contact] = repo.contacts()
        assert contact.name == first.strip()
        assert contact.employer == company.strip()
        assert contact.title == position.strip()
        assert contact.phase is None

        # The lossless JSON export holds the same text.
        out = tmp / "export.json"
        write_json(repo, out)
        [record] = orjson.loads(out.read_bytes())["tables"]["contacts"].values()
        assert (record["name"], record["employer"], record["title"]) == (
            first.strip(),
            company.strip(),
            position.strip(),
        )

        # The CSV export reads back as the same text, made safe for a spreadsheet.
        files = {path.name: path for path in write_csv(repo, tmp / "csv")}
        [row] = read_csv(files["contacts.csv"])
        assert row["name"] == spreadsheet_safe(first.strip())
        assert row["employer"] == spreadsheet_safe(company.strip())
        assert row["title"] == spreadsheet_safe(position.strip())


@SETTINGS
@given(text=CELL)
def test_re_import_of_the_same_cells_changes_nothing(text: str) -> None:
    assume(text.strip())
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = tmp / "Connections.csv"
        source.write_bytes(connections_csv(text, text, text))
        repo = Repository(tmp / "referrals.json", FixedClock(TODAY))
        import_linkedin(repo, source)
        again = import_linkedin(repo, source)
        assert (again.added, again.updated, again.unchanged, again.changed_company) == (0, 0, 1, [])
        assert len(repo.contacts()) == 1


@SETTINGS
@given(value=st.one_of(CELL, st.lists(CELL, max_size=3)))
def test_neutralised_csv_cells_never_start_like_a_formula(value: str | list[str]) -> None:
    cell = csv_cell(value)
    assert not cell.startswith(FORMULA_STARTS)
    text = value if isinstance(value, str) else "; ".join(value)
    assert cell in (text, "'" + text)
