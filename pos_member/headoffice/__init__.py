"""The head-office service (FastAPI + SQLAlchemy)."""
