"""The .deb on a clean Debian 12: a debootstrap root (minbase, no Python in it), the
terminal package installed there with apt from the mirror (its Depends pull Qt's X
libraries, pcscd and the fonts), the installed app started from /usr/bin/pos-member
with ``env -i PATH=/usr/bin:/bin`` on a virtual screen: the first-run dialog, then the
demo sale screen, screenshotted.

Measured on two cores: debootstrap 2 min (then cached in ``POS_MEMBER_TEST_ROOT``),
apt-get install of the package 1 min, the app at its first-run dialog in 9 s. With
the bundle and the .deb built first that is beyond the suite's time in CI, so it is
collected only with ``POS_MEMBER_TEST_DEBOOTSTRAP=1`` and a built ``.deb`` in
``POS_MEMBER_DIST_DEBS`` (``make deb``); it needs root (chroot, mounts) and the mirror.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.install.test_bundle import Screen, _not_blank

pytestmark = [pytest.mark.slow, pytest.mark.integration, pytest.mark.dist]
MIRROR = "http://deb.debian.org/debian"


@pytest.fixture(scope="module")
def clean_root() -> Iterator[Path]:
    if not os.environ.get("POS_MEMBER_TEST_DEBOOTSTRAP"):
        pytest.skip("set POS_MEMBER_TEST_DEBOOTSTRAP=1 (needs root, debootstrap, the mirror)")
    root = Path(os.environ.get("POS_MEMBER_TEST_ROOT", "/var/cache/pos-member-test/bookworm"))
    if not (root / "usr/bin/apt-get").exists():
        assert shutil.which("debootstrap"), "apt-get install debootstrap"
        subprocess.run(
            ["debootstrap", "--variant=minbase", "bookworm", str(root), MIRROR],
            check=True, capture_output=True, timeout=900,
        )  # fmt: skip
    shutil.copy("/etc/resolv.conf", root / "etc/resolv.conf")
    mounts = [("proc", root / "proc"), ("/dev", root / "dev"), ("/tmp/.X11-unix",
              root / "tmp/.X11-unix")]  # fmt: skip
    done = []
    for src, dst in mounts:
        dst.mkdir(parents=True, exist_ok=True)
        if os.path.ismount(dst):
            continue
        args = ["-t", "proc", "proc"] if src == "proc" else ["--bind", src]
        subprocess.run(["mount", *args, str(dst)], check=True)
        done.append(dst)
    try:
        yield root
    finally:
        for dst in reversed(done):
            subprocess.run(["umount", "-l", str(dst)], check=False)


def test_the_terminal_deb_installs_on_a_clean_root_and_the_app_runs_from_it(
    clean_root: Path, tmp_path: Path
) -> None:
    debs = Path(os.environ.get("POS_MEMBER_DIST_DEBS", "dist"))
    (deb,) = sorted(debs.glob("pos-member-terminal_*.deb"))[-1:]
    assert subprocess.run(["chroot", str(clean_root), "sh", "-c", "command -v python3"],
                          check=False).returncode != 0  # fmt: skip
    shutil.copy(deb, clean_root / "tmp" / deb.name)
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    for cmd in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", f"/tmp/{deb.name}"],
    ):
        subprocess.run(["chroot", str(clean_root), *cmd], env=env, check=True,
                       capture_output=True, timeout=600)  # fmt: skip
    screen = Screen(tmp_path)
    home = clean_root / "home/kasse"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    app = subprocess.Popen(
        ["chroot", str(clean_root), "env", "-i", "PATH=/usr/bin:/bin", "HOME=/home/kasse",
         f"DISPLAY={screen.display}", "POS_MEMBER_PCSC=false",
         "POS_MEMBER_CUSTOMER_DISPLAY=false", "LANG=C.UTF-8", "/usr/bin/pos-member"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        screen.wait_window("设置本收银机", timeout=120)
        _not_blank(screen.shot("clean_root_first_run_zh_CN"))
        screen.xdotool("key", "Return")  # the demo store
        screen.wait_window("员工登录", timeout=180)
        screen.type("1001")
        screen.type("1111")
        screen.wait_window("班次")
        screen.type("500")
        screen.wait_window("会员收银台")
        conn = sqlite3.connect(home / ".local/share/pos-member/terminal.db")
        try:
            (barcode,) = conn.execute(
                "SELECT barcode FROM products WHERE barcode IS NOT NULL ORDER BY code LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
        screen.type(str(barcode))
        time.sleep(1.5)
        _not_blank(screen.shot("clean_root_demo_sale_zh_CN"))
        assert app.poll() is None
    finally:
        app.terminate()
        app.wait(15)
        screen.close()
