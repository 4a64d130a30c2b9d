"""Build the two .deb packages from `make dist`'s folders, with dpkg-deb (`make deb`).

    pos-member-terminal_<v>_<arch>.deb    dist/pos-member under /opt/pos-member
    pos-member-headoffice_<v>_<arch>.deb  dist/pos-member-headoffice under
                                          /opt/pos-member-headoffice

The files that go into each package, besides the bundle, are in the folder of the
same name next to this script (``terminal/``, ``headoffice/``), laid out as they are
installed; DEBIAN/ holds the maintainer scripts. Nothing a store keeps lives under
/opt: the till's data is in the user's data folder, head office's in PostgreSQL and
/var/lib/pos-member-headoffice; configuration under /etc is a conffile, so install,
upgrade and remove leave it (and the data) alone; only purge removes /etc files.

The library dependencies of the bundles are found the way dpkg-shlibdeps does it,
simply: ``ldd`` of every ELF file in the bundle, each library found outside the
bundle mapped to its package with ``dpkg -S`` (on the Debian release the packages
are for: build on Debian 12 for Debian 12, UOS and Kylin).

Usage: python packaging/debian/build_debs.py [--dist dist] [--out dist] [--version V]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# What each package needs beyond the libraries its bundle links to.
TERMINAL_DEPENDS = [
    "pcscd",  # the PC/SC daemon behind every contactless reader
    "libccid",  # the CCID driver of ACR122U-class readers
    "fonts-noto-cjk",  # Chinese on screen
    "libxcb-cursor0",  # Qt's xcb platform plugin (loaded by path, not linked)
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxkbcommon-x11-0",
    "libusb-1.0-0",  # USB receipt printers (python-escpos over pyusb, loaded by ctypes)
    "libpcsclite1",
]
TERMINAL_RECOMMENDS = ["pcsc-tools"]
HEADOFFICE_DEPENDS = ["adduser"]
HEADOFFICE_RECOMMENDS = ["postgresql"]
DESCRIPTIONS = {
    "pos-member-terminal": (
        "member terminal for retail counters (cashier app)",
        "The cashier app of pos-member with the pos-member commands: member cards on\n"
        " PC/SC and keyboard readers, discounts, stored value and points, receipts,\n"
        " offline first, synced with head office. Installed under /opt/pos-member;\n"
        " the till's data stays in the user's data folder.",
    ),
    "pos-member-headoffice": (
        "member terminal for retail counters (head office service)",
        "Head office of pos-member: the sync service, the staff console and the\n"
        " members' page, on PostgreSQL. Installed under /opt/pos-member-headoffice\n"
        " with a systemd unit; pos-member-headoffice-setup creates the database\n"
        " and the first admin.",
    ),
}


def version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version = "([^"]+)"', text, re.M)
    assert found, "pyproject.toml has a version"
    return found.group(1)


def arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def shlib_packages(bundle: Path) -> set[str]:
    """Debian packages of the libraries the bundle's ELF files load from outside it."""
    outside: set[str] = set()
    for f in bundle.rglob("*"):
        if not f.is_file() or f.is_symlink() or not is_elf(f):
            continue
        done = subprocess.run(["ldd", str(f)], capture_output=True, text=True, check=False)
        for line in done.stdout.splitlines():
            m = re.search(r"=>\s+(/\S+)", line)
            if m and not m.group(1).startswith(str(bundle)):
                outside.add(os.path.realpath(m.group(1)))
    packages: set[str] = set()
    for lib in sorted(outside):
        for candidate in (lib, lib.replace("/usr/lib/", "/lib/", 1)):
            done = subprocess.run(
                ["dpkg", "-S", candidate], capture_output=True, text=True, check=False
            )
            if done.returncode == 0:
                packages.add(done.stdout.split(":", 1)[0].strip())
                break
    return packages


def _copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True, dirs_exist_ok=True)


def _fix_modes(root: Path) -> None:
    """Files 0644 / 0755 (executables), dirs 0755: what lintian and dpkg expect."""
    for p in root.rglob("*"):
        if p.is_symlink():
            continue
        executable = p.stat().st_mode & stat.S_IXUSR
        if p.is_dir() or executable or p.parent.name in ("bin", "sbin", "DEBIAN"):
            p.chmod(0o755)
        else:
            p.chmod(0o644)
    for name in ("control", "conffiles"):
        f = root / "DEBIAN" / name
        if f.exists():
            f.chmod(0o644)


def _installed_kb(root: Path) -> int:
    total = 0
    for p in root.rglob("*"):
        if "DEBIAN" in p.relative_to(root).parts[:1]:
            continue
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total // 1024 + 1


def build(
    name: str,
    bundle: Path,
    opt_name: str,
    files: Path,
    depends: list[str],
    recommends: list[str],
    out: Path,
    ver: str,
    work: Path = ROOT / "build" / "deb",
) -> Path:
    """Stage ``files`` and ``bundle`` (under /opt/``opt_name``) in ``work`` and build
    ``out``/<name>_<ver>_<arch>.deb; returns its path."""
    stage = work / name
    if stage.exists():
        shutil.rmtree(stage)
    _copy_tree(files, stage)
    _copy_tree(bundle, stage / "opt" / opt_name)
    deps = sorted(set(depends) | shlib_packages(bundle))
    summary, long = DESCRIPTIONS[name]
    control = [
        f"Package: {name}",
        f"Version: {ver}",
        f"Architecture: {arch()}",
        "Maintainer: pos-member <pos-member@example.org>",
        f"Installed-Size: {_installed_kb(stage)}",
        f"Depends: {', '.join(deps)}",
        f"Recommends: {', '.join(recommends)}",
        "Section: misc",
        "Priority: optional",
        "Homepage: https://example.org/pos-member",
        f"Description: {summary}",
        f" {long}",
    ]
    (stage / "DEBIAN").mkdir(exist_ok=True)
    (stage / "DEBIAN" / "control").write_text("\n".join(control) + "\n", encoding="utf-8")
    conffiles = sorted(
        "/" + str(p.relative_to(stage)) for p in (stage / "etc").rglob("*") if p.is_file()
    )
    if conffiles:
        (stage / "DEBIAN" / "conffiles").write_text("\n".join(conffiles) + "\n", encoding="utf-8")
    _fix_modes(stage)
    deb = out / f"{name}_{ver}_{arch()}.deb"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(stage), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def package(which: str, bundle: Path, out: Path, ver: str, work: Path | None = None) -> Path:
    """The .deb of ``which`` (terminal, headoffice) from its bundle folder."""
    kw = {"work": work} if work is not None else {}
    if which == "terminal":
        return build("pos-member-terminal", bundle, "pos-member", HERE / "terminal",
                     TERMINAL_DEPENDS, TERMINAL_RECOMMENDS, out, ver, **kw)  # fmt: skip
    return build("pos-member-headoffice", bundle, "pos-member-headoffice", HERE / "headoffice",
                 HEADOFFICE_DEPENDS, HEADOFFICE_RECOMMENDS, out, ver, **kw)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="make dist's output")
    p.add_argument("--out", type=Path, default=ROOT / "dist", help="where the .deb files go")
    p.add_argument("--version", default=None, help="package version (default: pyproject's)")
    p.add_argument("--only", choices=("terminal", "headoffice"), help="build one package")
    args = p.parse_args(argv)
    ver = args.version or version()
    wanted = [args.only] if args.only else ["terminal", "headoffice"]
    for which in wanted:
        bundle = args.dist / ("pos-member" if which == "terminal" else "pos-member-headoffice")
        if not (bundle / bundle.name).exists():
            print(f"{bundle} is missing: run `make dist` first", file=sys.stderr)
            return 2
        print(package(which, bundle, args.out, ver))
    return 0


if __name__ == "__main__":
    sys.exit(main())
