"""The workbench in a real browser: the main flow, keyboard on a slider, language, every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mcda.data import load_case

pytestmark = pytest.mark.e2e

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
EXCEPTION = "[data-testid='stException']"
PAGES_EN = ("Start", "Criteria and weights", "Options and scores", "Results", "Sensitivity",
            "Scenarios", "Export", "Start a workshop", "Join a workshop")
PAGES_NL = ("Start", "Criteria en gewichten", "Opties en scores", "Resultaten", "Gevoeligheid",
            "Scenario's", "Exporteren", "Een workshop starten", "Deelnemen aan een workshop")

OWN_TITLES = {*PAGES_EN[1:6], *PAGES_NL[1:6]}  # the others' titles are their pages' own business


def settle(page: Page) -> None:
    """Wait until Streamlit has run the page to the end."""
    page.wait_for_selector("[data-testid='stMain']")
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=60_000)


def open_page(page: Page, title: str) -> None:
    """Follow a sidebar link (same session, so the model is kept)."""
    page.locator("[data-testid='stSidebarNav'] a").filter(
        has=page.get_by_text(title, exact=True)).first.click()
    settle(page)
    if title in OWN_TITLES:
        expect(page.locator("h1").first).to_have_text(title)
    assert page.locator(EXCEPTION).count() == 0, f"exception on {title}"


def headline(page: Page) -> str:
    return page.locator("[data-testid='stMarkdown']").filter(
        has_text="comes first in the consensus ranking").first.inner_text()


def test_main_flow_slider_keyboard_results_language_every_page(app_url: str, page: Page) -> None:
    page.goto(app_url)
    settle(page)
    expect(page.locator("h1").first).to_contain_text("Planbureau voor de Veiligheid")
    assert page.locator(EXCEPTION).count() == 0

    open_page(page, "Results")
    before = headline(page)

    open_page(page, "Criteria and weights")
    slider = page.get_by_role("slider", name="Independence")
    slider.focus()
    for _ in range(15):
        slider.press("ArrowRight")
    settle(page)
    start = load_case().criterion("independence").default_weight  # the bundled default weight
    expect(slider).to_have_attribute("aria-valuetext", f"{start + 15:.1f}")

    open_page(page, "Results")
    after = headline(page)
    assert after != before
    assert "custom weights" in after
    expect(page.locator(".js-plotly-plot").first).to_be_visible()

    page.locator("[data-testid='stSidebar']").get_by_text("Nederlands").click()
    settle(page)
    expect(page.locator("h1").first).to_have_text("Resultaten")
    for title in PAGES_NL:
        open_page(page, title)

    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    settle(page)
    for title in PAGES_EN:
        open_page(page, title)
    open_page(page, "Sensitivity")
    page.get_by_role("button", name="Run SMAA").click()
    settle(page)
    expect(page.get_by_text("Rank acceptability", exact=False).first).to_be_visible()
    assert page.locator(EXCEPTION).count() == 0
    open_page(page, "Criteria and weights")
    expect(slider).to_have_attribute("aria-valuetext", f"{start + 15:.1f}")


def test_invalid_spreadsheet_upload_shows_error_and_keeps_the_case(app_url: str,
                                                                  page: Page) -> None:
    page.goto(app_url)
    settle(page)
    title = page.locator("h1").first.inner_text()
    page.get_by_role("tab", name="Spreadsheet").click()
    inputs = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    inputs.nth(0).set_input_files(files=[{"name": "matrix.csv", "mimeType": "text/csv",
                                          "buffer": b"option;authority\nx;not a number\n"}])
    inputs.nth(1).set_input_files(files=[{"name": "criteria.csv", "mimeType": "text/csv",
                                          "buffer": b"id;direction;weight\nauthority;up;1\n"}])
    settle(page)
    page.get_by_role("button", name="Load spreadsheet").click()
    settle(page)
    error = page.locator("[data-testid='stAlertContentError']").first
    expect(error).to_contain_text("Nothing was loaded")
    # md() puts an invisible word joiner before '.' so that names never become links
    assert "matrix.csv" in error.inner_text().replace("\u2060", "")
    expect(page.locator("h1").first).to_have_text(title)
    assert page.locator(EXCEPTION).count() == 0
