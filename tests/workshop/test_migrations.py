"""Alembic migrations: a fresh database migrates to head, the models match the migrations, and a
database of an earlier revision upgrades without losing anything."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, create_engine, inspect, select

from mcda.workshop.models import Base, Participant, Submission, Workshop
from mcda.workshop.names import pseudonym
from mcda.workshop.store import MIGRATIONS, NameTaken, Store, hash_token
from tests.workshop.conftest import BACKENDS, small_problem

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
                "alembic_version", "workshops", "participants", "submissions", "retired_tokens",
                "join_attempts", "store_keys"}
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


def test_upgrading_from_0001_recomputes_name_keys_and_keeps_everything(database_url: str) -> None:
    """A 0001 database where 'Anna' and 'Аnna' (Cyrillic А) both joined one workshop: after the
    upgrade both keep their names, links, pseudonyms and answers, and nobody can take either
    look again."""
    engine = create_engine(database_url)
    config = _config()
    tokens = {name: secrets.token_urlsafe(32) for name in ("Anna", "\u0410nna", "Bob")}
    problem = small_problem()
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(Workshop.__table__.insert().values(
            id="a" * 32, join_code="ABCDEF", facilitator_token_hash=hash_token("f" * 43),
            title="Old", snapshot={"format": 1, "problem": problem.model_dump(mode="json")},
            show_group=True, anonymous=False, current_round=1, round_open=True,
            created_at=now))
        for name, token in tokens.items():
            conn.execute(Participant.__table__.insert().values(
                workshop_id="a" * 32, display_name=name, name_key=name.casefold(),
                token_hash=hash_token(token), joined_at=now))
        ids = dict(conn.execute(select(Participant.__table__.c.display_name,
                                       Participant.__table__.c.id)).all())
        conn.execute(Submission.__table__.insert().values(
            participant_id=ids["\u0410nna"], round=1, method="sliders",
            inputs={"quality": 1.0, "speed": 1.0, "cost": 1.0},
            weights={"quality": 1 / 3, "speed": 1 / 3, "cost": 1 / 3}, comments={},
            submitted_at=now, updated_at=now))
    engine.dispose()
    store = Store(database_url)
    try:
        with store.engine.connect() as conn:
            rows = {r.display_name: r for r in conn.execute(select(Participant.__table__))}
        assert rows["Anna"].name_key == "anna" and rows["Bob"].name_key == "bob"
        cyrillic = "\u0410nna"
        assert rows[cyrillic].name_key == "\t" + str(ids[cyrillic])
        for name, token in tokens.items():
            view = store.participant_view("a" * 32, token)
            assert view.me.display_name == name
            assert view.me.label == pseudonym(hash_token(token))  # as revision 0001 showed it
        assert store.participant_view("a" * 32, tokens["\u0410nna"]).own[1].method == "sliders"
        for lookalike in ("ANNA", "\u0430nna", "B\u043eb"):
            with pytest.raises(NameTaken):
                store.join("ABCDEF", lookalike)
        assert store.join("ABCDEF", "Cas").label.startswith("P-")
    finally:
        store.close()
