"""The core's settings, read once per terminal into one value.

``Config.read()`` reads every settings class of the core from the environment
(``POS_MEMBER_*``, ``POS_MEMBER_SYNC_*``, ``POS_MEMBER_RECEIPT_*``) and from the
app's config file that the first run wrote (``pos_member.first_run``; the
environment wins over it) exactly once;
the composition root (``pos_member.bootstrap``) and each command hand its pieces
to the store, the services, the printers, the receipts and the sync client.
Nothing below reads the environment again. It is built by the caller (the app,
a command, a test), never at import, so a test that sets variables per test
gets its own.

The drivers' settings (``drivers.settings.DeviceSettings``) and the screens'
(``ui.settings.UiSettings``) are read next to this one by the app's root
(``ui.app.AppConfig``): the core never imports the drivers or the UI.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

from pos_member.receipts.settings import ReceiptSettings
from pos_member.settings import APP_NAME, Settings, SyncSettings


@dataclass(frozen=True, slots=True)
class Config:
    """Every core settings class, read once."""

    terminal: Settings  # the till: database, ids, time zone, limits
    sync: SyncSettings  # head office: rounds, timeouts, offline after
    receipt: ReceiptSettings  # receipts and printers

    @classmethod
    def read(
        cls, db_path: Path | str | None = None, *, env_file: Path | bool | None = True
    ) -> Config:
        """Read the environment and the config file once; ``db_path`` (``--db``) overrides
        the database file. ``env_file``: True the app's config file (when it exists), a
        path another one, False or None none (the demo that ``make run`` opens)."""
        file = settings_file(env_file)
        kw: dict[str, Any] = {"_env_file": file}
        terminal = Settings(db_path=Path(db_path), **kw) if db_path else Settings(**kw)
        return cls(terminal=terminal, sync=SyncSettings(**kw), receipt=ReceiptSettings(**kw))

    @classmethod
    def of(cls, terminal: Settings) -> Config:
        """The bundle around terminal settings built by the caller (tests, seed, screenshots);
        the other classes are read from the environment here, once."""
        return cls(terminal=terminal, sync=SyncSettings(), receipt=ReceiptSettings())

    def with_terminal(self, terminal: Settings) -> Config:
        return replace(self, terminal=terminal)


#: Another config file than the user's (tests, a second till for training).
CONFIG_ENV = "POS_MEMBER_CONFIG"


def config_file(environ: Mapping[str, str] | None = None) -> Path:
    """The app's config file (the first run writes it, ``pos_member.first_run``):
    ``POS_MEMBER_CONFIG``, else the user's config folder."""
    env = os.environ if environ is None else environ
    given = env.get(CONFIG_ENV)
    if given:
        return Path(given)
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "pos-member.env"


def settings_file(env_file: Path | bool | None = True) -> Path | None:
    """The config file settings are read from, besides the environment (None: none)."""
    if env_file is True:
        found = config_file()
        return found if found.is_file() else None
    return env_file if isinstance(env_file, Path) else None


def as_config(settings: Settings | Config) -> Config:
    """A ``Config``, from either a bundle or bare terminal settings."""
    return settings if isinstance(settings, Config) else Config.of(settings)
