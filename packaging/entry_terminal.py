"""The bundle's ``pos-member``: the cashier app and the till's commands (PyInstaller entry)."""

import sys

from pos_member_cli.main import main

if __name__ == "__main__":
    sys.exit(main())
