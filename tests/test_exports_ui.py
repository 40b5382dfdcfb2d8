"""Exports are palette commands: in a terminal they land in the downloads folder under a
dated name that never replaces a file; in a browser they are handed to Textual's
``deliver_binary`` (the CSV tables as one ZIP). The work runs in a worker."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from referral_tui.store.repository import Repository
from referral_tui.ui.app import ReferralApp, make_app
from referral_tui.ui.exporting import downloads_folder, free_name
from tests.helpers import notices, wait_for


@pytest.fixture
def board_repo(repo: Repository) -> Repository:
    repo.quick_add("Priya Shah @ Stripe, Staff Engineer")
    repo.quick_add("Bo Chen @ Stripe, SRE !relationship")
    return repo


def run_command(app: ReferralApp, title: str) -> None:
    [command] = [c for c in app.get_system_commands(app.screen) if c.title == title]
    command.callback()


async def test_json_export_from_the_palette_lands_in_downloads(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        run_command(app, "Export the campaign (JSON)")
        await wait_for(pilot, lambda: any(n.startswith("Exported ") for n in notices(app)), "the export notice")
        [out] = sorted(downloads_folder().glob("referrals-*.json"))
        names = {c["name"] for c in json.loads(out.read_text())["tables"]["contacts"].values()}
        assert names == {"Priya Shah", "Bo Chen"}
        notice = next(n for n in notices(app) if n.startswith("Exported "))
        assert notice.splitlines()[-1] == str(out)  # the path on its own line, not broken by the toast
        run_command(app, "Export the campaign (JSON)")  # again: a new file, the first untouched
        await wait_for(pilot, lambda: len(list(downloads_folder().glob("referrals-*.json"))) == 2, "a second file")


async def test_in_a_browser_the_csv_tables_are_delivered_as_one_zip(
    board_repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered: list[tuple[bytes, dict[str, Any]]] = []

    def deliver(self: ReferralApp, file: io.BytesIO, **kwargs: Any) -> str:
        delivered.append((file.read(), kwargs))
        return "key"

    monkeypatch.setattr(ReferralApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(ReferralApp, "deliver_binary", deliver)
    app = make_app(board_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        run_command(app, "Export tables (CSV)")
        await wait_for(pilot, lambda: delivered, "the delivery")
    [(content, kwargs)] = delivered
    assert kwargs["save_filename"].endswith("-csv.zip") and kwargs["mime_type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert any(n.endswith("/contacts.csv") for n in names), names
    assert not downloads_folder().exists() or not any(downloads_folder().iterdir()), "nothing written in a browser"


def test_free_name_never_reuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "referrals-2026-03-09.json").write_text("{}")
    assert free_name(tmp_path, "referrals-2026-03-09", ".json").name == "referrals-2026-03-09-2.json"
