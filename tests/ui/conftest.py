"""AppTest fixtures: the whole app (app.py with its navigation) in a simulated session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def no_page_failure(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail a test in which a page failed: app.py turns a page's exception into a short message
    and a log record, so ``at.exception`` alone would not see it. A test that provokes a failure
    on purpose clears ``caplog`` once it has checked the record."""
    yield
    failures = [r.getMessage() for r in caplog.get_records("call") if r.name == "policy_mcda"]
    assert not failures, failures


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app after its first run (Start page, bundled case, English), with loading data folders
    switched off (no ``MCDA_DATA_ROOTS``), as it is by default."""
    monkeypatch.delenv("MCDA_DATA_ROOTS", raising=False)
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    return at
