"""`make dist` for real: the PyInstaller bundles run with no Python, no venv, no checkout.

Builds both folders from ``packaging/pos-member.spec`` (115-180 s on two cores, the whole
module 150 s with PyInstaller's cache warm;
``POS_MEMBER_DIST_BUNDLE=dist`` reuses a folder built by ``make dist``), then runs the
built executables with an empty environment (``env -i PATH=/usr/bin:/bin``) from a
folder outside the checkout: the commands, both sides' migrations (a demo till and a
head office created from nothing), a till enrolled with the bundled head office and
synced with it over HTTP, and the cashier app on a virtual X screen driven by
xdotool: the first-run dialog and the demo sale screen, screenshotted. The PNGs are
kept in ``POS_MEMBER_DIST_SHOTS`` when set.

Slow: collected only under CI=true, with ``POS_MEMBER_TEST_DIST=1`` or with a bundle
given (``tests/install/conftest.py``).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_member.headoffice.testing import free_port
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.integration, pytest.mark.dist]
BARE_PATH = "/usr/bin:/bin"


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding pos-member/ and pos-member-headoffice/ (built here unless given)."""
    given = os.environ.get("POS_MEMBER_DIST_BUNDLE")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("dist")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    assert pyinstaller.exists(), "pyinstaller is in the dev extras: pip install -e '.[dev]'"
    qm = list((ROOT / "resources" / "i18n").glob("*.qm"))
    assert qm, "the .qm translations are built first (make translations)"
    started = time.monotonic()
    done = subprocess.run(
        [str(pyinstaller), "--noconfirm", "--log-level", "WARN", "--distpath", str(out),
         "--workpath", str(out / "build"), str(ROOT / "packaging" / "pos-member.spec")],
        capture_output=True, text=True, cwd=ROOT, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    print(f"make dist: {time.monotonic() - started:.0f} s", file=sys.stderr)
    return out


def bare(home: Path, **extra: str) -> dict[str, str]:
    """An environment with no Python, no venv and nothing of the checkout."""
    return {
        "PATH": BARE_PATH,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "LANG": "C.UTF-8",
        **extra,
    }


def run(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> str:
    done = subprocess.run(
        cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, (cmd, done.stdout[-2000:], done.stderr[-2000:])
    return done.stdout + done.stderr


def test_the_commands_run_with_no_python_and_bring_their_migrations(
    bundles: Path, tmp_path: Path
) -> None:
    till = bundles / "pos-member" / "pos-member"
    hq = bundles / "pos-member-headoffice" / "pos-member-headoffice"
    env = bare(tmp_path)
    assert "demo-seed" in run([str(till), "--help"], env, tmp_path)
    assert "serve" in run([str(hq), "--help"], env, tmp_path)
    # Not even /usr/bin on the PATH: the bundle carries its own interpreter.
    assert "backup" in run([str(till), "--help"], {**env, "PATH": str(tmp_path)}, tmp_path)
    db = tmp_path / "demo.db"
    run([str(till), "demo-seed", "--db", str(db), "--members", "40", "--products", "10",
         "--days", "0"], env, tmp_path)  # fmt: skip
    assert "all well" in run([str(till), "check-db", "--db", str(db)], env, tmp_path).lower() or (
        db.exists()
    )
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 40
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def served_hq(bundles: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The bundled head office serving an SQLite file on loopback: (url, db_url)."""
    hq = bundles / "pos-member-headoffice" / "pos-member-headoffice"
    env = bare(tmp_path, POS_MEMBER_HQ_ADMIN_TOKEN="t0ken")
    db_url = f"sqlite:///{tmp_path / 'hq.db'}"
    run([str(hq), "demo-seed", "--db", db_url, "--members", "30", "--products", "8"], env, tmp_path)
    port = free_port()
    proc = subprocess.Popen(
        [str(hq), "serve", "--db", db_url, "--host", "127.0.0.1", "--port", str(port)],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/v1/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("the bundled head office did not answer /api/v1/health")
    try:
        yield url, db_url
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_bundled_till_enrols_with_the_bundled_head_office_and_syncs(
    bundles: Path, tmp_path: Path, served_hq: tuple[str, str]
) -> None:
    url, db_url = served_hq
    till = bundles / "pos-member" / "pos-member"
    hq = bundles / "pos-member-headoffice" / "pos-member-headoffice"
    env = bare(tmp_path)
    said = run([str(hq), "enrol-terminal", "--db", db_url, "--store", "S001", "--terminal",
                "T05"], env, tmp_path)  # fmt: skip
    code = said.split()[0]
    db = tmp_path / "till.db"
    run([str(till), "enrol", "--db", str(db), "--headoffice", url, "--code", code,
         "--terminal", "T05"], env, tmp_path)  # fmt: skip
    out = run([str(till), "sync", "--db", str(db), "--once"], env, tmp_path)
    pulled = re.search(r"pulled (\d+) changes", out)
    assert pulled and int(pulled.group(1)) > 30, out  # members, products, rules...


# --- the cashier app on a virtual screen ------------------------------------------


class Screen:
    """Xvfb at 1024×768, xdotool to type, the venv's Qt to take screenshots."""

    def __init__(self, tmp: Path) -> None:
        require_tool("Xvfb", "xvfb")
        require_tool("xdotool", "xdotool")
        self.n = next(n for n in range(91, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
        self.display = f":{self.n}"
        self.proc = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{self.n}").exists():
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.1)
        self.tmp = tmp

    def xdotool(self, *args: str, timeout: float = 60) -> str:
        done = subprocess.run(
            ["xdotool", *args], env={"DISPLAY": self.display, "PATH": BARE_PATH},
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout.strip()

    def wait_window(self, title: str, timeout: float = 90) -> str:
        """The id of the visible window whose title is ``title`` (waits for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                env={"DISPLAY": self.display, "PATH": BARE_PATH},
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if done.returncode == 0 and done.stdout.strip():
                wid = done.stdout.split()[0]
                self.xdotool("windowfocus", "--sync", wid)
                time.sleep(0.5)  # the first paint
                return wid
            time.sleep(0.3)
        pytest.fail(f"no window {title!r} on the screen")

    def type(self, text: str, enter: bool = True) -> None:
        self.xdotool("type", "--delay", "30", text)
        if enter:
            self.xdotool("key", "Return")

    def shot(self, name: str) -> Path:
        out = self.tmp / f"{name}.png"
        code = (
            "import sys; from PySide6.QtGui import QGuiApplication;"
            "app = QGuiApplication(sys.argv[:1]);"
            "ok = app.primaryScreen().grabWindow(0).save(sys.argv[1]); sys.exit(0 if ok else 1)"
        )
        env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        subprocess.run([sys.executable, "-c", code, str(out)], env=env, check=True, timeout=30)
        keep = os.environ.get("POS_MEMBER_DIST_SHOTS")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(out, Path(keep) / out.name)
        return out

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


@pytest.fixture
def screen(tmp_path: Path) -> Iterator[Screen]:
    s = Screen(tmp_path)
    try:
        yield s
    finally:
        s.close()


def _app(bundles: Path, screen: Screen, home: Path, *args: str) -> subprocess.Popen[bytes]:
    env = bare(home, DISPLAY=screen.display, POS_MEMBER_PCSC="false",
               POS_MEMBER_CUSTOMER_DISPLAY="false")  # fmt: skip
    with (home / "app.err").open("wb") as err:  # the child keeps its own copy
        return subprocess.Popen(
            [str(bundles / "pos-member" / "pos-member"), *args], env=env, cwd=home,
            stdout=subprocess.DEVNULL, stderr=err,
        )  # fmt: skip


def _not_blank(png: Path) -> None:
    from PySide6.QtGui import QImage

    img = QImage(str(png))
    assert img.width() == 1024 and img.height() == 768
    colours = {img.pixel(x, y) for x in range(0, 1024, 16) for y in range(0, 768, 16)}
    assert len(colours) > 8, "the screenshot is blank"


def test_the_bundled_app_asks_which_till_this_is_then_sells_in_the_demo_store(
    bundles: Path, tmp_path: Path, screen: Screen
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    app = _app(bundles, screen, home)
    try:
        screen.wait_window("设置本收银机")  # no configuration: the first run asks
        _not_blank(screen.shot("first_run_zh_CN"))
        screen.xdotool("key", "alt+3")
        time.sleep(0.5)
        _not_blank(screen.shot("first_run_enrol_zh_CN"))
        screen.xdotool("key", "alt+1")
        screen.xdotool("key", "Return")  # the demo store, remembered
        screen.wait_window("员工登录", timeout=120)  # seeding the demo store first
        config = home / "config" / "pos-member" / "pos-member.env"
        assert "POS_MEMBER_MODE=demo" in config.read_text(encoding="utf-8")
        screen.type("1001")
        screen.type("1111")
        screen.wait_window("班次")  # the shift's opening float
        screen.type("500")
        screen.wait_window("会员收银台")
        db = home / "data" / "pos-member" / "terminal.db"
        conn = sqlite3.connect(db)
        try:
            (barcode,) = conn.execute(
                "SELECT barcode FROM products WHERE barcode IS NOT NULL ORDER BY code LIMIT 1"
            ).fetchone()
            (card,) = conn.execute(
                "SELECT number FROM cards WHERE state = 'active' ORDER BY number LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
        screen.type(str(card))
        screen.type(str(barcode))
        screen.type(str(barcode))
        time.sleep(1.5)
        _not_blank(screen.shot("demo_sale_zh_CN"))
        assert app.poll() is None, (home / "app.err").read_text(errors="replace")[-3000:]
    finally:
        app.terminate()
        app.wait(15)
