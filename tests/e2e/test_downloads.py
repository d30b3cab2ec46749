"""Downloads from the Export page in a real browser: a PNG and an SVG chart, the HTML report and
the PPTX deck are saved and opened."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import Download, Locator, Page, expect
from pptx import Presentation

pytestmark = pytest.mark.e2e

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
EXCEPTION = "[data-testid='stException']"
PREPARE_TIMEOUT = 180_000


def settle(page: Page) -> None:
    """Wait until Streamlit has run the page to the end."""
    page.wait_for_selector("[data-testid='stMain']")
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=120_000)


def open_export(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/export")
    settle(page)
    # The page must be registered in app.py with url_path "export".
    expect(page.locator("h1").first).to_have_text("Export")
    assert page.locator(EXCEPTION).count() == 0


def saved(download: Download, folder: Path) -> bytes:
    path = folder / download.suggested_filename
    download.save_as(path)
    return path.read_bytes()


def document(page: Page, title: str) -> Locator:
    """The column of one prepared document (its title, Prepare and Download buttons)."""
    return page.locator("[data-testid='stColumn']").filter(
        has=page.get_by_text(title, exact=True)).last


def prepare_and_download(page: Page, title: str, folder: Path) -> tuple[str, bytes]:
    column = document(page, title)
    column.get_by_role("button", name="Prepare").click()
    download_button = column.get_by_role("button", name="Download")
    download_button.wait_for(timeout=PREPARE_TIMEOUT)
    with page.expect_download(timeout=PREPARE_TIMEOUT) as info:
        download_button.click()
    return info.value.suggested_filename, saved(info.value, folder)


def chart_button(page: Page, title: str) -> Locator:
    """The download button under a chart's title."""
    return page.locator("[data-testid='stColumn']").get_by_text(title, exact=True).locator(
        "xpath=ancestor::*[@data-testid='stVerticalBlock'][1]").get_by_role("button").first


def test_chart_downloads_png_and_svg(app_url: str, page: Page, tmp_path: Path) -> None:
    open_export(page, app_url)
    with page.expect_download(timeout=PREPARE_TIMEOUT) as info:
        chart_button(page, "Ranking by method").click()
    assert info.value.suggested_filename == "mcda-en-ranks.png"
    png = saved(info.value, tmp_path)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000

    page.get_by_text("SVG", exact=True).click()
    settle(page)
    with page.expect_download(timeout=PREPARE_TIMEOUT) as info:
        chart_button(page, "Criteria weights").click()
    assert info.value.suggested_filename == "mcda-en-weights.svg"
    svg = ET.fromstring(saved(info.value, tmp_path))
    assert svg.tag.endswith("svg")
    assert "Scenario:" in "".join(svg.itertext())  # the caption is part of the image


def test_html_report_and_pptx_deck(app_url: str, page: Page, tmp_path: Path) -> None:
    open_export(page, app_url)
    name, raw = prepare_and_download(page, "Report (HTML, interactive)", tmp_path)
    assert name == "mcda-en-report.html"
    report = raw.decode("utf-8")
    assert report.startswith("<!DOCTYPE html>")
    for heading in ("Criteria and weights", "Performance and evidence", "Results by method",
                    "Sensitivity and robustness", "Sources"):
        assert heading in report
    assert "Plotly.newPlot" in report

    name, raw = prepare_and_download(page, "Slide deck (PPTX)", tmp_path)
    assert name == "mcda-en-deck.pptx"
    deck = Presentation(io.BytesIO(raw))
    slides = list(deck.slides)
    assert len(slides) >= 8  # title, a slide per chart, closing slide
    chart_slide = " ".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
    assert "Scenario:" in chart_slide and "Data version:" in chart_slide
    assert sum(1 for s in slides[1].shapes if s.shape_type == 13) == 1
    assert page.locator(EXCEPTION).count() == 0
