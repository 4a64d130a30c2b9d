"""The ``pos-member`` command: the composition root of the counter's tools.

``main`` lists the sub-commands (each module offering ``register(subparsers)``)
and, with no sub-command, opens the cashier app (``ui`` is imported only then).
Sub-commands that wire the core to devices (``receipts``: print a receipt on a
real printer, since ``pos_member/`` never imports ``drivers/``) or that compose
several parts of the core (``reports``: the reports and the programme jobs, so
that the services and the reports do not import each other) live here. Nothing in
``pos_member/``, ``drivers/`` or ``ui/`` imports this package (import-linter).
"""
