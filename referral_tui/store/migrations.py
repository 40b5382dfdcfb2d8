"""Ordered schema migrations. Each step takes the raw data of version N to N+1.

Add a step by appending a function to ``MIGRATIONS`` and bumping nothing else:
``SCHEMA_VERSION`` is derived from the list, and a test checks the newest is reached.
"""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import Callable
from typing import Any

Data = dict[str, dict[str, Any]]
TABLES = ("meta", "companies", "contacts", "interactions", "asks", "followups", "templates", "profile")
RECORD_TABLES = TABLES[1:]
META_ID = "1"
#: How many of the newest revision ids a file remembers (to find a common base for a merge).
LINEAGE = 512
#: uids of records that existed before uids did are derived from what identified them then,
#: so two copies of one file migrated on two machines give their records the same uids.
_UID_NAMESPACE = uuid.UUID("3c8e7a52-53a1-4c36-9d6b-0a2f3b1c5e77")


class Ids:
    """Where new uids and revision ids come from: random, or seeded for a reproducible file
    (the demo campaign is byte-identical for a given day)."""

    def __init__(self, seed: int | None = None) -> None:
        self._rng = random.Random(seed) if seed is not None else None

    def uid(self) -> str:
        if self._rng is None:
            return str(uuid.uuid4())
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def revision(self) -> str:
        if self._rng is None:
            return secrets.token_hex(8)
        return f"{self._rng.getrandbits(64):016x}"


RANDOM_IDS = Ids()


def _v0_to_v1(data: Data, now: str) -> None:
    """Files from before versioning: add every table and the timestamps each record carries."""
    data.pop("_default", None)  # TinyDB's default table was never used by referral-tui
    for name in TABLES:
        data.setdefault(name, {})
    for name in RECORD_TABLES:
        for record in data[name].values():
            record.setdefault("created_at", now)
            record.setdefault("updated_at", record["created_at"])


def _v1_to_v2(data: Data, now: str) -> None:
    """Store v2: a stable uid on every record, id high-water marks and a revision in ``meta``."""
    next_ids: dict[str, int] = {}
    for name in RECORD_TABLES:
        table = data.setdefault(name, {})
        for key, record in table.items():
            if not record.get("uid"):
                seed = f"{name}:{key}:{record.get('created_at', '')}"
                record["uid"] = str(uuid.uuid5(_UID_NAMESPACE, seed))
        ids = [int(k) for k in table if k.isdigit()]
        next_ids[name] = max(ids, default=0) + 1
    meta = data.setdefault("meta", {}).setdefault(META_ID, {"created_at": now})
    meta.setdefault("revision", 0)
    meta.setdefault("revision_id", RANDOM_IDS.revision())
    meta.setdefault("lineage", [meta["revision_id"]])
    meta["next_ids"] = next_ids


MIGRATIONS: list[Callable[[Data, str], None]] = [_v0_to_v1, _v1_to_v2]
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


def meta_problem(meta: dict[str, Any]) -> str | None:
    """What is wrong with a v2 meta record (revision, ids), or None."""
    revision = meta.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
        return f"its revision is {revision!r}, not a whole number"
    if not isinstance(meta.get("revision_id"), str):
        return "it has no revision id"
    lineage = meta.get("lineage")
    if not isinstance(lineage, list) or not all(isinstance(r, str) for r in lineage):
        return "its revision lineage is not a list of ids"
    next_ids = meta.get("next_ids")
    if not isinstance(next_ids, dict):
        return "it has no id high-water marks"
    for name, value in next_ids.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 2**63:
            return f"its next id for '{name}' is {value!r}"
    return None


def new_data(now: str, ids: Ids = RANDOM_IDS) -> Data:
    data: Data = {name: {} for name in TABLES}
    revision_id = ids.revision()
    data["meta"][META_ID] = {
        "revision": 0,
        "revision_id": revision_id,
        "schema_version": SCHEMA_VERSION,
        "lineage": [revision_id],
        "next_ids": {name: 1 for name in RECORD_TABLES},
        "created_at": now,
        "updated_at": now,
    }
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
