"""Full-page screenshots of every page, for the README and for looking at the UI as a user would.

Usage: ``python docs/screenshots/capture.py [--all] [OUT_DIR]``. Starts the app on a free loopback
port with a workshop database in a temporary folder, creates a workshop with four submissions
through the store API, and photographs the pages in headless Debian Chromium (/usr/bin/chromium) at
1280 px wide (the participant page also at 390 px, a phone). Without ``--all`` it writes the main
pages that are committed in docs/screenshots (the README shows ``results.png``); ``--all`` adds
every weighting method, the Dutch Sensitivity, Scenarios and Export pages, the workshop create/join
pages and projector mode. OUT_DIR defaults to this folder.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTH = 1280
PHONE = 390
#: url path -> (English, Dutch) link text in the sidebar
LINKS = {"start": ("Start", "Start"),
         "criteria": ("Criteria and weights", "Criteria en gewichten"),
         "options": ("Options and scores", "Opties en scores"),
         "results": ("Results", "Resultaten"),
         "sensitivity": ("Sensitivity", "Gevoeligheid"), "scenarios": ("Scenarios", "Scenario's"),
         "export": ("Export", "Exporteren")}
#: weighting method -> (English, Dutch) radio label on the Criteria page
WEIGHTING = {"points": ("Points", "Punten"), "swing": ("Swing", "Swing"),
             "ranking": ("Ranking", "Rangorde"), "ahp": ("AHP pairs", "AHP-paren")}
MAIN_NL = ("criteria", "results")
#: four participants and the slider values they submit, in the case's criterion order (repeated
#: where the case has more criteria)
PARTICIPANTS = {
    "Anna": (80, 60, 30, 20, 40), "Bram": (40, 90, 20, 50, 30),
    "Chidi": (60, 40, 70, 60, 20), "Dewi": (50, 50, 50, 50, 50),
}


def settle(page: Page, extra_ms: int = 1500) -> None:
    """Wait until Streamlit has finished running the page and the charts are drawn."""
    page.wait_for_selector("[data-testid='stMain']")
    page.wait_for_timeout(800)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=120_000)
    page.wait_for_timeout(extra_ms)


def full_height(page: Page) -> int:
    """The height of Streamlit's scrolling main panel's content."""
    return page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return Math.max(m ? m.scrollHeight : 0, document.body.scrollHeight); }")


def shoot(page: Page, path: Path, width: int = WIDTH) -> Path:
    """A full-page screenshot: the viewport is made as tall as the content first."""
    page.set_viewport_size({"width": width, "height": max(900, full_height(page) + 40)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": 1000})
    print(path)
    return path


def open_page(page: Page, name: str, lang: str) -> None:
    """Go to a workbench page through the sidebar (keeps the session, hence the language)."""
    text = LINKS[name][lang == "nl"]
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=text).first.click()
    settle(page)


def workbench(browser: Browser, url: str, out: Path, lang: str, names: tuple[str, ...],
              methods: bool) -> None:
    """The appraisal pages in one language (one browser session)."""
    page = browser.new_page(viewport={"width": WIDTH, "height": 1000})
    page.goto(url)
    settle(page)
    if lang == "nl":
        page.get_by_text("Nederlands").click()
        settle(page)
    suffix = "" if lang == "en" else f"_{lang}"
    for name in names:
        open_page(page, name, lang)
        if name == "sensitivity":
            page.get_by_role("button", name="Run SMAA" if lang == "en" else
                             "SMAA uitvoeren").click()
            settle(page)
        shoot(page, out / f"{name}{suffix}.png")
        if name == "criteria" and methods:
            for method, labels in WEIGHTING.items():
                page.locator("[data-testid='stRadio'] label").filter(
                    has_text=labels[lang == "nl"]).first.click()
                settle(page)
                shoot(page, out / f"criteria_{method}{suffix}.png")
            page.locator("[data-testid='stRadio'] label").filter(
                has_text="Sliders" if lang == "en" else "Schuifjes").first.click()
            settle(page)
    page.close()


def make_workshop() -> dict[str, str]:
    """A workshop on the bundled case with four submissions; its ids and tokens."""
    from mcda.data import load_case
    from mcda.workshop.store import Store

    case = load_case()
    store = Store()
    try:
        created = store.create_workshop("Strengthening national security: workshop",
                                        case.problem(case.default_weights()))
        criteria = store.workshop(created.workshop_id, created.facilitator_token).problem
        tokens = {}
        for name, values in PARTICIPANTS.items():
            joined = store.join(created.join_code, name)
            tokens[name] = joined.token
            store.submit(created.workshop_id, joined.token, "sliders",
                         {c: values[i % len(values)]
                          for i, c in enumerate(criteria.criterion_ids)},
                         {"cost": "Cost matters less than speed."} if name == "Bram" else None)
        late = store.join(created.join_code, "Eva")
    finally:
        store.close()
    return {"w": created.workshop_id, "t": created.facilitator_token, "code": created.join_code,
            "participant": tokens["Anna"], "late": late.token}


def workshop(browser: Browser, url: str, out: Path, extras: bool) -> None:
    """The workshop pages: dashboard, participant (desktop and phone), create, join, projector."""
    ws = make_workshop()
    page = browser.new_page(viewport={"width": WIDTH, "height": 1000})
    page.goto(f"{url}/facilitator?w={ws['w']}&t={ws['t']}")
    settle(page, 3000)
    shoot(page, out / "workshop_facilitator.png")
    if extras:
        page.get_by_text("Projector mode").click()
        settle(page, 3000)
        shoot(page, out / "workshop_projector.png")
        page.goto(f"{url}/workshop")
        settle(page)
        shoot(page, out / "workshop_create.png")
        page.get_by_role("button", name="Create workshop").click()
        settle(page)
        shoot(page, out / "workshop_created.png")
        page.goto(f"{url}/join?code={ws['code']}")
        settle(page)
        shoot(page, out / "workshop_join.png")
        page.goto(f"{url}/participant?w={ws['w']}&t={ws['late']}")
        settle(page)
        shoot(page, out / "workshop_participant_new.png")
    page.goto(f"{url}/participant?w={ws['w']}&t={ws['participant']}")
    settle(page)
    shoot(page, out / "workshop_participant.png")
    page.close()
    phone = browser.new_page(viewport={"width": PHONE, "height": 800}, is_mobile=True,
                             device_scale_factor=1)
    phone.goto(f"{url}/participant?w={ws['w']}&t={ws['participant']}")
    settle(phone)
    shoot(phone, out / "workshop_participant_phone.png", PHONE)
    phone.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


@contextmanager
def running_app() -> Iterator[str]:
    """The app on a free port with a throw-away workshop database; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def capture(out: Path, extras: bool) -> None:
    """Every screenshot into ``out`` (the main set, or everything with ``extras``)."""
    out.mkdir(parents=True, exist_ok=True)
    steps: list[Callable[[Browser, str], None]] = [
        lambda b, u: workbench(b, u, out, "en", tuple(LINKS), extras),
        lambda b, u: workbench(b, u, out, "nl", tuple(LINKS) if extras else MAIN_NL, False),
        lambda b, u: workshop(b, u, out, extras),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MCDA_WORKSHOP_DB"] = str(Path(tmp) / "workshops.db")
        os.environ.pop("MCDA_DATABASE_URL", None)
        with running_app() as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            try:
                for step in steps:
                    step(browser, url)
            finally:
                browser.close()


if __name__ == "__main__":
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    paths = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.path.insert(0, str(ROOT))
    capture(Path(paths[0]) if paths else Path(__file__).parent, "--all" in flags)
