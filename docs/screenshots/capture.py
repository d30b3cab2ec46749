"""Full-page screenshots of every workbench page, for the README and for looking at the UI.

Usage: ``python docs/screenshots/capture.py URL [OUT_DIR]`` with the app running at URL (e.g.
``http://127.0.0.1:8501``). Uses Debian's /usr/bin/chromium headless at 1280 px wide. On the
Sensitivity page SMAA is run first, so that its charts are in the picture.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ("start", "criteria", "options", "results", "sensitivity", "scenarios")


def settle(page: Page) -> None:
    """Wait until Streamlit has finished running the page and the charts are drawn."""
    page.wait_for_selector("[data-testid='stMain']")
    page.wait_for_timeout(800)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=120_000)
    page.wait_for_timeout(1500)


def full_height(page: Page) -> int:
    """The height of Streamlit's scrolling main panel's content."""
    return page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return Math.max(m ? m.scrollHeight : 0, document.body.scrollHeight); }")


def capture(url: str, out: Path, lang: str = "en") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(url)
        settle(page)
        if lang == "nl":
            page.get_by_text("Nederlands").click()
            settle(page)
        for name in PAGES:
            link = page.locator("[data-testid='stSidebarNav'] a").filter(
                has_text=_link_text(name, lang))
            if link.count() == 0:
                continue
            link.first.click()
            settle(page)
            if name == "sensitivity":
                page.get_by_role("button", name="Run SMAA" if lang == "en" else
                                 "SMAA uitvoeren").click()
                settle(page)
            page.set_viewport_size({"width": 1280, "height": max(1000, full_height(page) + 40)})
            page.wait_for_timeout(1200)
            path = out / (f"{name}.png" if lang == "en" else f"{name}_{lang}.png")
            page.screenshot(path=str(path), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 1000})
            shots.append(path)
        browser.close()
    return shots


def _link_text(name: str, lang: str) -> str:
    en = {"start": "Start", "criteria": "Criteria and weights", "options": "Options and scores",
          "results": "Results", "sensitivity": "Sensitivity", "scenarios": "Scenarios"}
    nl = {"start": "Start", "criteria": "Criteria en gewichten", "options": "Opties en scores",
          "results": "Resultaten", "sensitivity": "Gevoeligheid", "scenarios": "Scenario's"}
    return (nl if lang == "nl" else en)[name]


if __name__ == "__main__":
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent
    for shot in capture(sys.argv[1], target, sys.argv[3] if len(sys.argv) > 3 else "en"):
        print(shot)
