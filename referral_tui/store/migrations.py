"""Ordered schema migrations. Each step takes the raw data of version N to N+1.

Add a step by appending a function to ``MIGRATIONS`` and bumping nothing else:
``SCHEMA_VERSION`` is derived from the list, and a test checks the newest is reached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Data = dict[str, dict[str, Any]]
TABLES = ("meta", "companies", "contacts", "interactions", "asks", "followups", "templates", "profile")
META_ID = "1"


def _v0_to_v1(data: Data, now: str) -> None:
    """Files from before versioning: add every table and the timestamps each record carries."""
    data.pop("_default", None)  # TinyDB's default table was never used by referral-tui
    for name in TABLES:
        data.setdefault(name, {})
    for name in TABLES[1:]:
        for record in data[name].values():
            record.setdefault("created_at", now)
            record.setdefault("updated_at", record["created_at"])


MIGRATIONS: list[Callable[[Data, str], None]] = [_v0_to_v1]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(ValueError):
    """The data's shape or version marker is not one this program understands."""


def check_shape(data: Any) -> Data:
    if not isinstance(data, dict):
        raise SchemaError(f"top level is a JSON {type(data).__name__}, not an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise SchemaError(f"table '{name}' is not an object of records")
        for key, record in table.items():
            if not isinstance(record, dict):
                raise SchemaError(f"record {key} in table '{name}' is not an object")
    return data


def schema_version(data: Data) -> int:
    """The version a file declares; files without a marker are version 0."""
    version = data.get("meta", {}).get(META_ID, {}).get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SchemaError(f"schema_version is {version!r}, not a whole number")
    return version


def new_data(now: str) -> Data:
    data: Data = {name: {} for name in TABLES}
    data["meta"][META_ID] = {"schema_version": SCHEMA_VERSION, "created_at": now, "updated_at": now}
    return data


def migrate(data: Data, now: str) -> int:
    """Bring ``data`` to SCHEMA_VERSION in place; returns the version it started at."""
    start = schema_version(data)
    for step in MIGRATIONS[start:]:
        step(data, now)
    meta = data.setdefault("meta", {}).setdefault(META_ID, {"created_at": now})
    meta["schema_version"] = SCHEMA_VERSION
    meta["updated_at"] = now
    return start
