"""Persistence: SQLAlchemy 2 models, SQLite set-up, migrations, unit of work."""
