"""The ``pos-member`` command: the composition root.

With no sub-command it opens the cashier app. Sub-commands (demo data, device
listing, receipts, sync...) live next to the code they drive, each module
offering ``register(subparsers)``; this file only lists them. Qt is imported
only when the app is started (``ui`` is the one package imported lazily here),
so that the tools run on a machine without a screen.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

TESTED_IN = "tests/e2e/test_make_run.py"

# Modules that add sub-commands. Each defines register(subparsers) and sets
# ``func`` on its parser; a module not present (yet) is skipped.
COMMAND_MODULES = (
    "pos_member.commands",
    "drivers.commands",
    "pos_member_cli.receipts",
    "pos_member.sync.commands",
    "pos_member_cli.reports",
    "pos_member_cli.backups",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-member",
        description="Member terminal for retail counters. No command: open the cashier app.",
    )
    parser.add_argument("--db", help="terminal database file (default: the embedded demo store)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the embedded demo store at once, without the first-run question "
        "or the config file (what `make run` does)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        from ui.app import run_app

        return run_app(args)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
