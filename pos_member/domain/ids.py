"""Ids that mean the same wherever they are computed (till or head office)."""

from __future__ import annotations

import uuid

TESTED_IN = "tests/headoffice/test_push_kinds.py"

_NS = uuid.UUID("6f1d2c3e-8f0a-4c55-9a77-2b4e5d6c7a80")


def job_event_id(job: str, key: str, member_id: int) -> str:
    """The same id for the same step of a programme job wherever it runs.

    Points expiry and tier reviews run at every till; the event of one step
    (``job`` for ``member_id`` on run ``key``) has this id at each of them, so
    head office applies the first and answers the others as replays.
    """
    return str(uuid.uuid5(_NS, f"{job}:{key}:{member_id}"))
