"""Alembic migrations: a fresh database migrates to head, and the models match the migrations."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, inspect

from mcda.workshop.models import Base
from mcda.workshop.store import MIGRATIONS, Store
from tests.workshop.conftest import BACKENDS

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def test_a_fresh_database_migrates_to_head(database_url: str) -> None:
    store = Store(database_url)
    try:
        head = ScriptDirectory.from_config(_config()).get_current_head()
        with store.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head
            assert set(inspect(conn).get_table_names()) == {
                "alembic_version", "workshops", "participants", "submissions"}
    finally:
        store.close()


def test_the_models_match_the_migrations(database_url: str) -> None:
    store = Store(database_url)
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        store.close()


def test_migrating_again_and_down_and_up_works(database_url: str) -> None:
    store = Store(database_url)
    try:
        store.migrate()  # a second start-up: nothing to do
        config = _config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        with store.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        store.migrate()
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        store.close()


def test_the_comparison_would_notice_a_model_change(database_url: str) -> None:
    """The check above is live: a column the migrations lack shows up as a difference."""
    changed = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["participants"].append_column(Column("extra", Integer, nullable=True))
    store = Store(database_url)
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), changed)
        assert [d[0] for d in diff] == ["add_column"]
        assert diff[0][3].name == "extra"
    finally:
        store.close()
