"""Alembic migrations of the workshop store, run by ``Store`` at start-up (upgrade to head)."""
