"""Sub-commands that wire the core to devices: the composition root's share of the CLI.

``pos_member/`` never imports ``drivers/``; a command that needs both (print a
receipt on a real printer) lives here, beside ``ui/cli.py``. Nothing here
imports Qt.
"""
