"""The bundle's ``pos-member-headoffice``: head office's service and commands (PyInstaller
entry)."""

import sys

from pos_member.headoffice.cli import main

if __name__ == "__main__":
    sys.exit(main())
