"""Fixtures of the workshop tests: a store on SQLite and, when available, on PostgreSQL.

``MCDA_TEST_DATABASE_URL`` (set by ``scripts/test.sh``, which starts a throw-away cluster) points at
a PostgreSQL server; every PostgreSQL test gets a fresh database of its own, dropped afterwards.
Without the variable the PostgreSQL variants are skipped, except in CI (``CI`` set), where a missing
database is a failure: the store must be tested against the database it is deployed on.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mcda.model import Criterion, Option, Problem, Scale, Score, Text
from mcda.workshop.store import Store

PG_ENV = "MCDA_TEST_DATABASE_URL"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pg_admin_url() -> str:
    """The PostgreSQL server to create test databases on; skip, or fail in CI, without one."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set: CI must run the PostgreSQL tests")
        pytest.skip(f"{PG_ENV} is not set (scripts/test.sh starts a PostgreSQL cluster)")
    return url


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database on the backend named by ``request.param``."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'workshops.db'}"
        return
    admin_url = make_url(pg_admin_url())
    name = f"mcda_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A migrated store on a fresh database."""
    s = Store(database_url)
    yield s
    s.close()


def small_problem() -> Problem:
    """Three criteria (one cost), three options: small enough to check results by hand."""
    def crit(cid: str, direction: str = "benefit") -> Criterion:
        return Criterion(id=cid, name=Text(en=cid.title(), nl=cid.upper()), direction=direction,
                         scale=Scale(kind="rating", min=0, max=100),
                         description=Text.same(f"What {cid} means."))

    def option(oid: str, a: float, b: float, c: float) -> Option:
        return Option(id=oid, name=Text(en=f"Option {oid}", nl=f"Optie {oid}"),
                      scores={"quality": Score(value=a), "speed": Score(value=b),
                              "cost": Score(value=c)})

    return Problem(
        criteria=(crit("quality"), crit("speed"), crit("cost", "cost")),
        options=(option("a", 90, 10, 50), option("b", 10, 90, 50), option("c", 50, 50, 90)),
        weights={"quality": 1.0, "speed": 1.0, "cost": 1.0},
    )


@pytest.fixture
def problem() -> Problem:
    return small_problem()
