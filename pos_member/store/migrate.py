"""Brings a terminal database to the newest schema with Alembic, on open."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from sqlalchemy import Engine

from pos_member.alembic_runner import MigrationFolder
from pos_member.store import (
    models_manager,  # noqa: F401  (registers the manager's tables)
    models_prepaid,  # noqa: F401  (registers the prepaid-card law's tables)
    models_sync,  # noqa: F401  (registers the sync client's tables)
)

TESTED_IN = "tests/store/test_schema.py"

MIGRATIONS = Path(__file__).with_name("migrations")


FOLDER = MigrationFolder(MIGRATIONS, "terminal")


def alembic_config(url: str | None = None) -> Config:
    return FOLDER.config(url)


def head_revision() -> str:
    return FOLDER.head()


def current_revision(engine: Engine) -> str | None:
    return FOLDER.current(engine)


def is_newer(revision: str | None) -> bool:
    """A database at ``revision`` was migrated by a newer version of the app."""
    return revision is not None and not FOLDER.knows(revision)


def upgrade(engine: Engine) -> None:
    """Apply every pending migration in one write transaction (no-op when current)."""
    FOLDER.upgrade(engine)
