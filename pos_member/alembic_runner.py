"""Applying one Alembic migration folder to an engine: shared by the till and head office.

Each database (the terminal's SQLite file, head office's PostgreSQL) has its
own folder of migrations; both are brought to their newest schema the same
way, in one transaction, and only when they are behind.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

TESTED_IN = "tests/store/test_schema.py"

log = logging.getLogger(__name__)


class MigrationFolder:
    """One Alembic script folder and what it says of a database."""

    def __init__(self, folder: Path, label: str) -> None:
        self.folder = folder
        self.label = label  # for the log: "terminal", "head-office"

    def config(self, url: str | None = None) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(self.folder))
        if url:
            cfg.set_main_option("sqlalchemy.url", url)
        return cfg

    def head(self) -> str:
        head = ScriptDirectory.from_config(self.config()).get_current_head()
        assert head is not None
        return head

    def knows(self, revision: str) -> bool:
        """Whether ``revision`` is one of this folder's (not from a newer version of the app)."""
        try:
            return ScriptDirectory.from_config(self.config()).get_revision(revision) is not None
        except Exception:  # alembic raises its own errors for an unknown id
            return False

    @staticmethod
    def current(engine: Engine) -> str | None:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def upgrade(self, engine: Engine) -> None:
        """Apply every pending migration in one transaction (no-op when current)."""
        if self.current(engine) == self.head():
            return
        cfg = self.config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            log.info("migrating %s database to %s", self.label, self.head())
            command.upgrade(cfg, "head")
