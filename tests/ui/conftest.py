"""AppTest fixtures: the whole app (app.py with its navigation) in a simulated session."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture
def app() -> AppTest:
    """The app after its first run (Start page, bundled case, English)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    return at
