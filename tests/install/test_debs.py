"""The .deb packages: built with dpkg-deb, installed, upgraded, removed and purged with real
dpkg into a scratch root (``dpkg --root``), and the data left alone every time.

The bundle here is a stand-in folder (an executable that says its version), so the
test runs in seconds; ``tests/install/test_bundle.py`` builds the real one. The
maintainer scripts run on the host with ``DPKG_ROOT`` set (``--force-script-chrootless``:
the scratch root has no shell), which they honour by touching nothing outside it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def _builder() -> ModuleType:
    path = ROOT / "packaging" / "debian" / "build_debs.py"
    spec = importlib.util.spec_from_file_location("build_debs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_debs"] = module
    spec.loader.exec_module(module)
    return module


def _bundle(folder: Path, name: str, version: str) -> Path:
    bundle = folder / name
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / name
    exe.write_text(f"#!/bin/sh\necho {name} {version}\n", encoding="utf-8")
    exe.chmod(0o755)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    return bundle


def _deb(tmp: Path, which: str, version: str) -> Path:
    name = "pos-member" if which == "terminal" else "pos-member-headoffice"
    bundle = _bundle(tmp / f"dist-{version}", name, version)
    out: Path = _builder().package(which, bundle, tmp / "debs", version, work=tmp / f"w-{version}")
    return out


def _dpkg_root(tmp: Path) -> Path:
    root = tmp / "root"
    for d in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
        (root / d).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    return root


def _dpkg(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["dpkg", f"--root={root}", "--force-script-chrootless", "--force-depends",
         "--force-not-root", "--force-confold", "--log=/dev/null", *args],
        capture_output=True, text=True, check=False,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def _info(deb: Path) -> tuple[str, str]:
    """``dpkg-deb --info`` (with the conffiles list) and ``--contents`` of ``deb``."""
    info = subprocess.run(
        ["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=False
    )
    conffiles = subprocess.run(
        ["dpkg-deb", "--info", str(deb), "conffiles"], capture_output=True, text=True, check=False
    )
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=False
    )
    assert info.returncode == 0 and contents.returncode == 0 and conffiles.returncode == 0
    return info.stdout + conffiles.stdout, contents.stdout


@pytest.fixture(autouse=True)
def _tools() -> None:
    require_tool("dpkg-deb", "dpkg")
    require_tool("dpkg", "dpkg")


def test_the_terminal_package_holds_the_bundle_under_opt_and_its_desktop_files(
    tmp_path: Path,
) -> None:
    deb = _deb(tmp_path, "terminal", "0.1.0")
    info, contents = _info(deb)
    assert "Package: pos-member-terminal" in info and "Version: 0.1.0" in info
    depends = next(line for line in info.splitlines() if line.strip().startswith("Depends:"))
    for needed in ("pcscd", "libccid", "fonts-noto-cjk", "libxcb-cursor0"):
        assert needed in depends
    assert "/etc/modprobe.d/pos-member-blacklist-pn533.conf" in info  # a conffile
    for path in (
        "./opt/pos-member/pos-member",
        "./usr/bin/pos-member -> /opt/pos-member/pos-member",
        "./usr/bin/pos-member-kiosk",
        "./usr/share/applications/pos-member.desktop",
        "./usr/share/pos-member/pos-member-kiosk.desktop",
        "./lib/udev/rules.d/60-pos-member.rules",
    ):
        assert path in contents, path
    paths = [line.split()[5] for line in contents.splitlines()]
    assert not [p for p in paths if p.startswith(("./var/", "./home/", "./root/"))]  # no data
    assert all(line.split()[1] == "root/root" for line in contents.splitlines())


def test_install_upgrade_remove_and_purge_of_the_terminal_leave_the_data_alone(
    tmp_path: Path,
) -> None:
    root = _dpkg_root(tmp_path)
    _dpkg(root, "-i", str(_deb(tmp_path, "terminal", "0.1.0")))
    exe = root / "opt/pos-member/pos-member"
    assert subprocess.run([str(exe)], capture_output=True, text=True, check=False).stdout == (
        "pos-member 0.1.0\n"
    )
    assert os.readlink(root / "usr/bin/pos-member") == "/opt/pos-member/pos-member"
    # The store's own: a changed conffile, and a till's data and config in a user's home.
    conf = root / "etc/modprobe.d/pos-member-blacklist-pn533.conf"
    conf.write_text(conf.read_text(encoding="utf-8") + "# edited by the store\n", "utf-8")
    till = root / "home/kasse/.local/share/pos-member/till.db"
    config = root / "home/kasse/.config/pos-member/pos-member.env"
    for f in (till, config):
        f.parent.mkdir(parents=True)
        f.write_bytes(b"the store's own")

    _dpkg(root, "-i", str(_deb(tmp_path, "terminal", "0.2.0")))  # upgrade
    assert subprocess.run([str(exe)], capture_output=True, text=True, check=False).stdout == (
        "pos-member 0.2.0\n"
    )
    assert "# edited by the store" in conf.read_text(encoding="utf-8")
    listed = [ln.split() for ln in _dpkg(root, "-l", "pos-member-terminal").splitlines()]
    assert ["ii", "pos-member-terminal", "0.2.0"] in [ln[:3] for ln in listed]

    _dpkg(root, "-r", "pos-member-terminal")
    assert not (root / "opt/pos-member").exists()
    assert conf.exists()  # remove keeps the configuration
    _dpkg(root, "-P", "pos-member-terminal")
    assert not conf.exists()  # purge removes the package's own conffile...
    assert till.read_bytes() == b"the store's own"  # ...and never the till's data
    assert config.read_bytes() == b"the store's own"


def test_the_headoffice_package_keeps_its_config_and_data_through_upgrade_and_purge(
    tmp_path: Path,
) -> None:
    deb = _deb(tmp_path, "headoffice", "0.1.0")
    info, contents = _info(deb)
    assert "Package: pos-member-headoffice" in info
    assert "/etc/pos-member-headoffice/headoffice.env" in info  # conffile
    for path in (
        "./opt/pos-member-headoffice/pos-member-headoffice",
        "./lib/systemd/system/pos-member-headoffice.service",
        "./usr/sbin/pos-member-headoffice-setup",
        "./usr/bin/pos-member-headoffice -> /opt/pos-member-headoffice/pos-member-headoffice",
    ):
        assert path in contents, path
    unit = ROOT / "packaging/debian/headoffice/lib/systemd/system/pos-member-headoffice.service"
    text = unit.read_text(encoding="utf-8")
    assert "EnvironmentFile=/etc/pos-member-headoffice/headoffice.env" in text
    assert "StateDirectory=pos-member-headoffice" in text and "User=posmember" in text

    root = _dpkg_root(tmp_path)
    _dpkg(root, "-i", str(deb))
    env = root / "etc/pos-member-headoffice/headoffice.env"
    env.write_text(
        env.read_text(encoding="utf-8").replace(
            "POS_MEMBER_HQ_PORT=8600", "POS_MEMBER_HQ_PORT=9700"
        ),
        encoding="utf-8",
    )
    data = root / "var/lib/pos-member-headoffice/member-keys.json"
    data.write_bytes(b"head office's own")
    _dpkg(root, "-i", str(_deb(tmp_path, "headoffice", "0.2.0")))
    assert "POS_MEMBER_HQ_PORT=9700" in env.read_text(encoding="utf-8")
    _dpkg(root, "-P", "pos-member-headoffice")
    assert not (root / "opt/pos-member-headoffice").exists() and not env.exists()
    assert data.read_bytes() == b"head office's own"


def test_the_setup_command_and_the_kiosk_script_are_valid_shell(tmp_path: Path) -> None:
    sh = shutil.which("sh")
    assert sh is not None
    for script in (
        "packaging/debian/headoffice/usr/sbin/pos-member-headoffice-setup",
        "packaging/debian/terminal/usr/bin/pos-member-kiosk",
        "packaging/debian/terminal/DEBIAN/postinst",
        "packaging/debian/headoffice/DEBIAN/postinst",
    ):
        done = subprocess.run(
            [sh, "-n", str(ROOT / script)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, (script, done.stderr)
    # The kiosk entry, enabled for a user, starts the relauncher at login.
    home = tmp_path / "home"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    kiosk = ROOT / "packaging/debian/terminal/usr/bin/pos-member-kiosk"
    script = kiosk.read_text(encoding="utf-8").replace(
        "/usr/share/pos-member/", str(ROOT / "packaging/debian/terminal/usr/share/pos-member") + "/"
    )
    local = tmp_path / "kiosk"
    local.write_text(script, encoding="utf-8")
    local.chmod(0o755)
    assert (
        subprocess.run([str(local), "enable"], env=env, capture_output=True, check=False).returncode
        == 0
    )
    entry = home / ".config/autostart/pos-member-kiosk.desktop"
    assert "Exec=/usr/bin/pos-member-kiosk" in entry.read_text(encoding="utf-8")
    assert (
        subprocess.run(
            [str(local), "disable"], env=env, capture_output=True, check=False
        ).returncode
        == 0
    )
    assert not entry.exists()
