"""Running head office for real on loopback: for tests, benchmarks and demos.

A real uvicorn on a free port (in a thread or in a child process that can be
killed), and a scratch PostgreSQL database created and dropped around a run.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from sqlalchemy.engine import make_url

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_URL_ENV = "POS_MEMBER_TEST_PG_URL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_url() -> str:
    return os.environ.get(PG_URL_ENV, DEFAULT_PG_URL)


def pg_unreachable_reason(url: str) -> str | None:
    """None when PostgreSQL at ``url`` answers, else why not."""
    import psycopg

    u = make_url(url)
    try:
        with psycopg.connect(
            host=u.host or "127.0.0.1",
            port=u.port or 5432,
            user=u.username or "postgres",
            password=u.password,
            dbname=u.database or "postgres",
            connect_timeout=3,
        ):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {u.render_as_string(hide_password=True)}: {exc}"


@contextmanager
def scratch_database(url: str, prefix: str = "posm") -> Iterator[str]:
    """Create a fresh database next to ``url``'s, yield its URL, drop it afterwards."""
    import psycopg

    u = make_url(url)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    params = {
        "host": u.host or "127.0.0.1",
        "port": u.port or 5432,
        "user": u.username or "postgres",
        "password": u.password,
        "dbname": u.database or "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as conn:  # type: ignore[arg-type]
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield u.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**params) as conn:  # type: ignore[arg-type]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ServerThread:
    """uvicorn serving ``app`` on 127.0.0.1 in a background thread."""

    def __init__(self, app: FastAPI, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="on",
            limit_concurrency=1000,
            backlog=2048,
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, name="hq-uvicorn", daemon=True)

    def start(self, timeout: float = 20.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("head office did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(10)


class ServerProcess:
    """``pos-member-headoffice serve`` in a child process, so it can be killed -9."""

    def __init__(
        self, db_url: str, port: int | None = None, admin_token: str = "", workers: int = 1
    ) -> None:
        self.db_url = db_url
        self.workers = workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.admin_token = admin_token
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> ServerProcess:
        env = {**os.environ, "POS_MEMBER_HQ_ADMIN_TOKEN": self.admin_token}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pos_member.headoffice.cli",
                "serve",
                "--db",
                self.db_url,
                "--port",
                str(self.port),
            ],
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("head office process exited at start")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("head office process did not answer")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def sale_event(
    eid: str, store: str, terminal: str, member_id: int | None, day: str, fen: int,
    *, stored_value: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """A sale event as a till pushes it, paid in cash (or from stored value), dated ``day``."""
    tender = "stored_value" if stored_value else "cash"
    return {
        "id": eid, "kind": "sale.completed", "store_id": store, "terminal_id": terminal,
        "created_at": f"{day}T10:00:00+00:00",
        "payload": {
            "sale_id": eid, "receipt_no": f"R-{eid[:24]}", "business_date": day,
            "member_id": member_id, "total_fen": fen,
            "tenders": [{"kind": tender, "amount_fen": fen}],
            "sv_principal_fen": -fen if stored_value else 0,
            "points_earned": fen // 100 if member_id is not None else 0,
        },
    }  # fmt: skip
