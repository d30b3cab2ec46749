"""Store configuration without a database: URLs and limits from the environment, bad URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcda.workshop.store import DEFAULT_DB, Limits, Store, StoreError, database_url


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


def test_the_operator_sets_the_limits_in_the_environment() -> None:
    assert Limits.from_env({}) == Limits()
    assert Limits().max_participants == 200
    assert Limits.from_env({"MCDA_WORKSHOP_MAX_PARTICIPANTS": " 7 "}).max_participants == 7
    assert Limits.from_env({"MCDA_WORKSHOP_JOINS_PER_CLIENT": "3",
                            "MCDA_WORKSHOP_LOCKOUT_SECONDS": "60"}) == Limits(
        joins_per_client=3, lockout_seconds=60)
    for raw in ("0", "-3", "many", "1e3", "99999999", "2.5"):
        with pytest.raises(StoreError) as info:
            Limits.from_env({"MCDA_WORKSHOP_MAX_PARTICIPANTS": raw})
        assert "MCDA_WORKSHOP_MAX_PARTICIPANTS" in str(info.value)
    with pytest.raises(StoreError):
        Limits(max_participants=True)
