"""The head-office web console: pages for the chain's staff under ``/console/``,
served by head office's own app (``routes.console_router``)."""
