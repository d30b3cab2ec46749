"""Store configuration without a database: URLs from the environment, unsupported URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcda.workshop.store import DEFAULT_DB, Store, StoreError, database_url


def test_database_url_from_the_environment(tmp_path: Path) -> None:
    assert database_url({"MCDA_DATABASE_URL": "postgresql+psycopg://u@h/db"}) \
        == "postgresql+psycopg://u@h/db"
    path = tmp_path / "sub" / "w.db"
    assert database_url({"MCDA_WORKSHOP_DB": str(path)}) == f"sqlite:///{path}"
    assert database_url({}) == f"sqlite:///{DEFAULT_DB}"
    assert DEFAULT_DB.parent.name == "data"
    assert database_url({"MCDA_DATABASE_URL": "  ", "MCDA_WORKSHOP_DB": str(path)}) \
        == f"sqlite:///{path}"
    for bad in ("mysql://u@h/db", "sqlite://", "sqlite:///:memory:", "not a url"):
        with pytest.raises(StoreError):
            Store(bad)


def test_the_sqlite_file_is_created_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "w.db"
    store = Store(f"sqlite:///{path}")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert path.exists()
    finally:
        store.close()


def test_the_password_is_masked_in_messages() -> None:
    with pytest.raises(StoreError) as info:
        Store("mysql://user:s3cret@host/db")
    assert "s3cret" not in str(info.value)
    assert "user:***@" in str(info.value)
