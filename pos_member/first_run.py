"""The till's first run: the demo store, a single store on its own, or enrolled with head office.

An installed app started with no configuration asks once which of the three this
PC is (``ui.first_run``) and keeps the answer in the app's config file
(``config_file()``): ``POS_MEMBER_*`` lines, the same names as the environment
variables (which win over the file), read by ``pos_member.config.Config.read``
and by the drivers' and screens' settings. Each choice is one call here, with
no Qt: a test (or a command) makes it without a screen.

Nothing is saved when a choice fails: the inputs are checked before anything is
written, a new store file is removed again when enrolment is refused, and the
config file is written last, in one atomic replace. ``make run`` passes
``--demo`` and never asks.
"""

from __future__ import annotations

import enum
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from pos_member.config import CONFIG_ENV, config_file
from pos_member.domain.errors import EnrolmentFailed, SyncRefused, UserFacingError
from pos_member.settings import APP_NAME, Settings, SyncSettings

log = logging.getLogger(__name__)

MODE_KEY = "POS_MEMBER_MODE"
TILL_DB = "till.db"  # the store file of a single store or an enrolled till, in the data folder
TERMINAL_RE = re.compile(r"^[A-Z0-9]{1,8}$")
STORE_RE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
CODE_RE = re.compile(r"^[A-Z0-9]{6,16}$")


class Mode(enum.StrEnum):
    DEMO = "demo"
    SINGLE = "single"  # one store, no head office
    ENROLLED = "enrolled"  # a till of a chain, synced with head office


class FirstRunError(UserFacingError):
    code = "first_run"
    template = "This till could not be set up."


class BadHeadOfficeAddress(FirstRunError):
    code = "first_run.address"
    template = (
        "“{url}” is not a head-office address. Type it as head office's Terminals page "
        "shows it, for example https://hq.example.com:8600, or scan its QR code."
    )


class HeadOfficeDoesNotAnswer(FirstRunError):
    code = "first_run.unreachable"
    template = (
        "Head office does not answer at {url}. Check the address and this PC's network, "
        "then press Start again; or set the till up as a single store for now."
    )


class NotAHeadOffice(FirstRunError):
    code = "first_run.not_head_office"
    template = (
        "Something answers at {url}, but not head office (HTTP {status}). Check the "
        "address and its port on head office's Terminals page."
    )


class CodeRefused(FirstRunError):
    code = "first_run.code"
    template = (
        "Head office refused the code for terminal {terminal}: it is mistyped, used "
        "already, expired, or made for another terminal id. Check the terminal id, or ask "
        "head office for a new one-time code (console: Terminals) and type or scan it."
    )


class TillExists(FirstRunError):
    code = "first_run.exists"
    template = (
        "A till database is already at {path}. Start the app with --db {path} to use it, "
        "or move it away to set this PC up afresh."
    )


class ScanNotUnderstood(FirstRunError):
    code = "first_run.scan"
    template = (
        "This scan is not head office's enrolment QR code. Scan the code on head office's "
        "Terminals page, or type the address, the code and the terminal id."
    )


class PinsDiffer(FirstRunError):
    code = "first_run.pins"
    template = "The two PINs differ. Type the manager's PIN again, twice."


@dataclass(frozen=True, slots=True)
class FirstManager:
    """The till's first staff account (a manager): head office does not send staff."""

    staff_id: str
    name: str
    pin: str
    repeat: str


@dataclass(frozen=True, slots=True)
class EnrolScan:
    """What head office's enrolment QR code holds (console, Terminals page)."""

    url: str
    code: str
    terminal: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the first run chose, as the config file now says."""

    mode: Mode
    values: dict[str, str]
    db_path: Path | None = None
    store_id: str | None = None
    terminal_id: str | None = None


# --- the config file (``config_file``: pos_member.config) ---------------------------

__all__ = ["CONFIG_ENV", "config_file"]


def data_dir() -> Path:
    """Where the till's own files go (the demo store's folder)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def read_config(path: Path) -> dict[str, str]:
    """The ``KEY=VALUE`` lines of the config file (none when it is missing)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    values: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"')
    return values


def write_config(path: Path, values: Mapping[str, str]) -> None:
    """Write the config file whole, atomically (a crash leaves the old one or the new one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# pos-member: written by the first run. The same names as the environment",
        "# variables (POS_MEMBER_*), which win over this file. See docs/operations.md.",
    ]
    lines += [f"{k}={v}" for k, v in values.items()]
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)


def needs_first_run(environ: Mapping[str, str] | None = None) -> bool:
    """No config file and no store named in the environment: the app asks."""
    env = os.environ if environ is None else environ
    if env.get("POS_MEMBER_DB_PATH"):
        return False
    return MODE_KEY not in read_config(config_file(env))


# --- checking what was typed -------------------------------------------------------


def parse_scan(text: str) -> EnrolScan:
    """Head office's enrolment QR code: ``{"headoffice": URL, "code": C, "terminal": T}``."""
    import json

    try:
        data = json.loads(text)
        scan = EnrolScan(str(data["headoffice"]), str(data["code"]), str(data["terminal"]))
    except (ValueError, KeyError, TypeError):
        raise ScanNotUnderstood() from None
    return scan


def head_office_url(text: str) -> str:
    """A head-office base URL (``http(s)://host[:port]``), or ``BadHeadOfficeAddress``."""
    url = text.strip().rstrip("/")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        raise BadHeadOfficeAddress(url=url) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadHeadOfficeAddress(url=url)
    return url


def _terminal(text: str) -> str:
    from pos_member.domain.errors import ValidationError

    tid = text.strip().upper()
    if not TERMINAL_RE.match(tid):
        raise ValidationError(field="terminal id", problem="1 to 8 letters or digits, e.g. T01")
    return tid


def _store(text: str) -> str:
    from pos_member.domain.errors import ValidationError

    sid = text.strip()
    if not STORE_RE.match(sid):
        raise ValidationError(field="store id", problem="1 to 16 letters or digits, e.g. S001")
    return sid


def _code(text: str) -> str:
    from pos_member.domain.errors import ValidationError

    code = re.sub(r"[\s-]", "", text).upper()
    if not CODE_RE.match(code):
        raise ValidationError(
            field="one-time code",
            problem="the letters and digits head office gave, e.g. K7QM2XH9TA",
        )
    return code


def _check_manager(manager: FirstManager) -> FirstManager:
    from pos_member.domain.errors import ValidationError
    from pos_member.domain.text import person_words, phrase
    from pos_member.services.auth import check_pin_format

    staff_id = manager.staff_id.strip()
    if not (staff_id.isalnum() and len(staff_id) <= 16):
        raise ValidationError(field="staff id", problem="letters and digits, at most 16")
    name = person_words(manager.name, phrase("name"), max_len=64)
    check_pin_format(manager.pin)
    if manager.pin != manager.repeat:
        raise PinsDiffer()
    return FirstManager(staff_id, name, manager.pin, manager.repeat)


def _fresh(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal")):
        if p.exists():
            raise TillExists(path=str(path))


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _add_manager(store: object, settings: Settings, manager: FirstManager) -> None:
    from pos_member.services.auth import add_staff
    from pos_member.services.context import Context, Role
    from pos_member.store.db import Store

    assert isinstance(store, Store)
    ctx = Context(store=store, settings=settings)
    add_staff(ctx, None, manager.staff_id, manager.name, Role.MANAGER, manager.pin)


# --- the three choices -------------------------------------------------------------


def choose_demo(config: Path) -> Outcome:
    """The embedded demo store (seeded when the app opens it): only the choice is written."""
    values = {MODE_KEY: Mode.DEMO.value}
    write_config(config, values)
    log.info("first run: the demo store")
    return Outcome(Mode.DEMO, values)


def set_up_single_store(
    config: Path,
    folder: Path,
    *,
    store_id: str,
    terminal_id: str,
    manager: FirstManager,
) -> Outcome:
    """A new store database of its own (no head office) with its first manager and the
    default programme rules; the config names it."""
    from pos_member.domain.rules import demo_rules
    from pos_member.services.programme import install_rules
    from pos_member.store.db import Store

    sid, tid = _store(store_id), _terminal(terminal_id)
    manager = _check_manager(manager)
    path = folder / TILL_DB
    _fresh(path)
    settings = Settings(db_path=path, store_id=sid, terminal_id=tid)
    store = Store.open(path, create=True)
    try:
        from pos_member.services.context import Context

        ctx = Context(store=store, settings=settings)
        with store.unit_of_work(tid, ctx.now_iso()) as uow:
            install_rules(uow, demo_rules(), ctx.today().isoformat())
        _add_manager(store, settings, manager)
    except BaseException:
        store.close()
        _remove(path)
        raise
    store.close()
    values = {
        MODE_KEY: Mode.SINGLE.value,
        "POS_MEMBER_DB_PATH": str(path),
        "POS_MEMBER_STORE_ID": sid,
        "POS_MEMBER_TERMINAL_ID": tid,
    }
    write_config(config, values)
    log.info("first run: single store %s, terminal %s, at %s", sid, tid, path)
    return Outcome(Mode.SINGLE, values, path, sid, tid)


def enrol_with_head_office(
    config: Path,
    folder: Path,
    *,
    url: str,
    code: str,
    terminal_id: str,
    manager: FirstManager,
    sync: SyncSettings | None = None,
) -> Outcome:
    """Enrol a new till database with head office's one-time code, then add its first
    manager; a refused code or an unreachable head office leaves nothing behind."""
    import httpx

    from pos_member.store.db import Store
    from pos_member.sync.client import enrol_terminal

    base, tid, one_time = head_office_url(url), _terminal(terminal_id), _code(code)
    manager = _check_manager(manager)
    path = folder / TILL_DB
    _fresh(path)
    settings = sync or SyncSettings()
    store = Store.open(path, create=True)
    try:
        try:
            resp = enrol_terminal(store, base, one_time, tid, settings=settings)
        except EnrolmentFailed as exc:
            cause = exc.__cause__
            status = cause.params.get("status") if isinstance(cause, SyncRefused) else None
            if status in (401, 403, 409, 422):
                raise CodeRefused(terminal=tid) from exc
            raise NotAHeadOffice(url=base, status=status or "?") from exc
        except UserFacingError as exc:  # HeadOfficeUnreachable: a transport error, a 5xx
            raise HeadOfficeDoesNotAnswer(url=base) from exc
        except (httpx.HTTPError, ValueError) as exc:  # an answer that is not head office's
            raise NotAHeadOffice(url=base, status="?") from exc
        term = Settings(db_path=path, store_id=resp.store_id, terminal_id=resp.terminal_id)
        _add_manager(store, term, manager)
    except BaseException:
        store.close()
        _remove(path)
        raise
    store.close()
    values = {
        MODE_KEY: Mode.ENROLLED.value,
        "POS_MEMBER_DB_PATH": str(path),
        "POS_MEMBER_STORE_ID": resp.store_id,
        "POS_MEMBER_TERMINAL_ID": resp.terminal_id,
    }
    write_config(config, values)
    log.info(
        "first run: enrolled terminal %s of store %s with %s",
        resp.terminal_id,
        resp.store_id,
        base,
    )
    return Outcome(Mode.ENROLLED, values, path, resp.store_id, resp.terminal_id)
