"""What the screens may ask about the store's file: why it failed, and whether its disk fills.

The screens never import the store; these two questions go through here.
"""

from __future__ import annotations

from pos_member.domain.errors import DiskNearlyFull, StoreError
from pos_member.services.context import Context
from pos_member.store import files

TESTED_IN = "tests/store/test_files.py"


def explain_failure(exc: BaseException) -> StoreError | None:
    """The database file's own failure behind ``exc`` (damaged, locked, read-only, full)."""
    return files.explain(exc)


def disk_warning(ctx: Context) -> DiskNearlyFull | None:
    """A warning when the disk of the till's store is nearly full (``disk_warn_free_mb``)."""
    return files.disk_warning(ctx.store.path, ctx.settings.disk_warn_free_mb)
