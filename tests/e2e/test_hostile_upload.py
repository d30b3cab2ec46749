"""Hostile uploads in a real browser: the server keeps answering other sessions (issue 8).

A 453-byte scenario of nested aliases once made the app stop answering for 60 s, grow to 5 GB and
die, taking every open session and workshop with it. Here one session uploads the corpus's alias
bomb (and the other YAML bombs) while a second session keeps working; the first gets a short
message on the page, the second its pages, and the server stays healthy.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import VIEWPORT
from tests.e2e.test_workbench import EXCEPTION, open_page, settle

pytestmark = pytest.mark.e2e

CORPUS = Path(__file__).resolve().parents[1] / "hostile"
BOMBS = {
    "alias_bomb.yaml": "anchors and aliases (&name, *name) are not allowed",
    "deep_nesting.yaml": "nested more than 20 levels deep",
    "huge_integer.yaml": "a number of 5000 digits is too long",
}


def _healthy(url: str) -> bool:
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
        return response.read().decode().strip() == "ok"


def _upload(page: Page, name: str) -> None:
    uploader = page.get_by_role("region", name="Scenario file (YAML)")
    previous = uploader.get_by_role("button", name=re.compile("^Remove "))
    if previous.count():
        previous.first.click()
        settle(page)
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        files=[{"name": name, "mimeType": "application/x-yaml",
                "buffer": (CORPUS / "scenario" / name).read_bytes()}])
    expect(page.get_by_role("button", name=f"Remove {name}")).to_be_visible()
    settle(page)
    page.get_by_role("button", name="Add scenario").click()


def test_bombs_are_refused_on_the_page_while_another_session_keeps_working(
        app_url: str, browser: Browser) -> None:
    attacker = browser.new_context(viewport=VIEWPORT, locale="en-GB").new_page()
    other = browser.new_context(viewport=VIEWPORT, locale="en-GB").new_page()
    try:
        for tab in (attacker, other):
            tab.set_default_timeout(60_000)
            tab.goto(app_url)
            settle(tab)
        open_page(attacker, "Scenarios")
        open_page(other, "Results")
        for name, message in BOMBS.items():
            _upload(attacker, name)
            # while the attacker's upload is handled, the other session changes page and is served
            open_page(other, "Sensitivity" if name != "deep_nesting.yaml" else "Results")
            assert _healthy(app_url)
            settle(attacker)
            alert = attacker.locator("[data-testid='stAlert']").filter(has_text=message)
            if alert.count() != 1:
                attacker.screenshot(path=str(Path("/tmp") / f"hostile-{name}.png"))
            expect(alert).to_have_count(1)
            assert name in alert.inner_text().replace("\u2060", "")  # see ui.widgets.md
            assert len(alert.inner_text()) < 1_000
            assert attacker.locator(EXCEPTION).count() == 0
        # nothing the attacker had is lost: the scenarios page still lists the bundled scenarios
        expect(attacker.get_by_text("WRR 2017").first).to_be_visible()
    finally:
        attacker.context.close()
        other.context.close()
