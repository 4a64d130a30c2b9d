"""`make bench`: runs every benchmark module and writes docs/benchmarks.md.

Each ``tests/benchmarks/bench_*.py`` module offers ``run() -> dict`` and writes
its own markdown fragment to ``docs/benchmarks/<name>.md``; this runner calls
them in turn (or only those named on the command line), stamps each fragment it
ran with the machine, the date and the commit, then assembles all fragments
(modules run earlier keep their own stamp) under a header naming the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRAGMENTS = ROOT / "docs" / "benchmarks"
OUT = ROOT / "docs" / "benchmarks.md"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


STAMP = "_Measured on "


def _commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()


def stamp(fragment: Path) -> None:
    """End ``fragment`` with where and when it was measured (replacing an older stamp)."""
    if not fragment.exists():
        return
    text = fragment.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith(STAMP)]
    while lines and not lines[-1].strip():
        lines.pop()
    when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    lines += ["", f"{STAMP}{machine()}, {when}, commit {_commit() or 'n/a'}._"]
    fragment.write_text("\n".join(lines) + "\n", encoding="utf-8")


def modules() -> list[str]:
    return sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="bench modules to run (default: all)")
    parser.add_argument(
        "--assemble",
        action="store_true",
        help="only rebuild docs/benchmarks.md from the fragments of earlier runs",
    )
    args = parser.parse_args(argv)
    names = [] if args.assemble else (args.names or modules())
    FRAGMENTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {}
    failed = []
    for name in names:
        mod_name = name if name.startswith("bench_") else f"bench_{name}"
        print(f"== {mod_name}", flush=True)
        t0 = time.perf_counter()
        try:
            mod = importlib.import_module(f"tests.benchmarks.{mod_name}")
            results[mod_name] = mod.run()
        except Exception:
            traceback.print_exc()
            failed.append(mod_name)
            continue
        stamp(FRAGMENTS / f"{mod_name.removeprefix('bench_')}.md")
        print(f"   done in {time.perf_counter() - t0:.1f} s", flush=True)
        print(json.dumps(results[mod_name], indent=2, default=str), flush=True)
    parts = [
        "# Benchmarks",
        "",
        "- Command: `make bench` (runs `python -m tests.benchmarks.run_all`;"
        " one module: `python -m tests.benchmarks.run_all store`)",
        "- Each section ends with the machine, the date and the commit it was measured on;"
        " sections measured on different machines are not comparable with each other.",
        "",
        "Each table compares against a raw baseline measured in the same run.",
        "",
    ]
    for frag in sorted(FRAGMENTS.glob("*.md")):
        parts.append(frag.read_text(encoding="utf-8").rstrip())
        parts.append("")
    OUT.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {OUT}")
    if failed:
        print("failed:", ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
