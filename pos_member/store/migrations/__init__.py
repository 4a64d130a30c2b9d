"""Alembic migrations of the terminal database (applied by ``store.migrate``)."""
