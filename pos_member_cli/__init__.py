"""The ``pos-member`` command: the composition root of the counter's tools.

``main`` lists the sub-commands (each module offering ``register(subparsers)``)
and, with no sub-command, opens the cashier app (``ui`` is imported only then).
Sub-commands that wire the core to devices (print a receipt on a real printer)
live here, since ``pos_member/`` never imports ``drivers/``. Nothing in
``pos_member/``, ``drivers/`` or ``ui/`` imports this package (import-linter).
"""
