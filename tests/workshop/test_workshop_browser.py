"""A two-round workshop in a real browser: a facilitator and three participants, each in their own
browser context (one on a phone-sized screen), against ``streamlit run`` of the workshop test app.

Chromium is Debian's (/usr/bin/chromium, see STACK.md). Waiting uses Playwright's auto-waiting
``expect`` with generous timeouts (the first render takes seconds on two cores); nothing asserts
on time.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mcda.data import load_case
from mcda.workshop.store import Store

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "tests" / "workshop" / "workshop_app.py"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT = 60_000  # ms, for Playwright's expect
START_DEADLINE = 120  # s, for the server to answer its health check
#: The criteria a new workshop starts with: the bundled case's non-optional ones, in its order.
CRITERIA = [c.name.get("en") for c in load_case().criteria if not c.optional]
#: A title that would become an image and a link if it were rendered as Markdown.
TITLE = "Browser workshop ![t](http://127.0.0.1:9/x.png) [more](http://evil.example/)"
INJECTED = "img[src*='x.png'], a[href*='evil.example']"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().strip() == b"ok"
    except OSError:
        return False


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The workshop test app on a free port with its own SQLite store: (base URL, store URL)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is not installed")
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "workshops.db"
    env = {k: v for k, v in os.environ.items() if k != "MCDA_DATABASE_URL"}
    env["MCDA_WORKSHOP_DB"] = str(db)
    port = _free_port()
    log = (folder / "streamlit.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_DEADLINE
        while not _healthy(url):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the workshop app did not start:\n"
                            + (folder / "streamlit.log").read_text()[-3000:])
            time.sleep(0.5)
        yield url, f"sqlite:///{db}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _sliders_to(page: Page, keys: dict[int, str]) -> None:
    """Press a key (Home = 0, End = 100) on the criteria sliders at these positions."""
    sliders = page.get_by_role("slider")
    expect(sliders).to_have_count(len(CRITERIA), timeout=WAIT)
    for index, key in keys.items():
        slider = sliders.nth(index)
        slider.focus()
        slider.press(key)
        expect(slider).to_have_value("0" if key == "Home" else "100", timeout=WAIT)


def _weights_text(inputs: list[int]) -> str:
    """The preview line for these slider positions (normalised as the page does)."""
    total = sum(inputs)
    return "Your weights: " + " · ".join(f"{name} {x / total:.0%}" for name, x in
                                         zip(CRITERIA, inputs, strict=True))


def _inputs(top: int, bottom: int | None = None) -> list[int]:
    """Every slider at its neutral 50, one at 100 and one at 0."""
    values = [50] * len(CRITERIA)
    values[top] = 100
    if bottom is not None:
        values[bottom] = 0
    return values


def _submit(page: Page, label: str, round_number: int) -> None:
    page.get_by_role("button", name=label).click()
    expect(page.get_by_text(f"your weights for round {round_number} are saved")).to_be_visible(
        timeout=WAIT)


def test_a_two_round_workshop(app: tuple[str, str], browser: Browser) -> None:
    base, store_url = app
    desk = browser.new_context(viewport={"width": 1400, "height": 1600})
    facilitator = desk.new_page()
    facilitator.goto(f"{base}/workshop")
    facilitator.get_by_label("Workshop title").fill(TITLE)
    facilitator.get_by_role("button", name="Create workshop").click()
    expect(facilitator.get_by_text("The workshop is ready.")).to_be_visible(timeout=WAIT)
    join_link = facilitator.locator("code").filter(has_text="/join?code=").first.inner_text()
    code = re.search(r"code=([A-Z0-9]{6})", join_link).group(1)
    facilitator.get_by_role("button", name="Open the dashboard").click()
    expect(facilitator.get_by_text("Submitted in round 1")).to_be_visible(timeout=WAIT)
    query = parse_qs(urlsplit(facilitator.url).query)
    workshop_id, facilitator_token = query["w"][0], query["t"][0]

    names = ["Anna", "Bram <b>bold</b>", "Chen"]
    people: list[Page] = []
    for i, name in enumerate(names):
        size = {"width": 390, "height": 2400} if i == 0 else {"width": 1000, "height": 2400}
        page = browser.new_context(viewport=size).new_page()
        page.goto(f"{base}/join?code={code.lower()}")
        page.get_by_role("textbox", name="Your name").fill(name)
        page.get_by_role("button", name="Join").click()
        expect(page.get_by_text(f"Welcome, {name}.")).to_be_visible(timeout=WAIT)
        people.append(page)
    # the hostile name is shown as text, not as markup; the title neither links nor embeds
    assert people[1].locator("[data-testid=stMarkdownContainer] b").count() == 0
    for page in (*people, facilitator):
        expect(page.get_by_text("Browser workshop !").first).to_be_visible(timeout=WAIT)
        assert page.locator(INJECTED).count() == 0

    # round 1: participant i puts criterion i at 100 and criterion i + 1 at 0 (others stay 50)
    for i, page in enumerate(people):
        _sliders_to(page, {i: "End", i + 1: "Home"})
        expect(page.get_by_text(_weights_text(_inputs(i, i + 1)))).to_be_visible(timeout=WAIT)
        _submit(page, "Submit", 1)
    expect(facilitator.get_by_text("3 / 3")).to_be_visible(timeout=WAIT)
    expect(facilitator.get_by_text(re.compile(
        r"With the weights of (\d of 3 participants|every participant \(3\))"))) \
        .to_be_visible(timeout=WAIT)

    # close round 1: the participants' pages follow, and a late attempt is refused
    facilitator.get_by_role("button", name="Close round 1").click()
    expect(facilitator.get_by_role("button", name="Open round 2")).to_be_visible(timeout=WAIT)
    for page in people:
        expect(page.get_by_text("Round 1 is closed")).to_be_visible(timeout=WAIT)
        expect(page.get_by_role("button", name="Submit revision")).to_have_count(0)

    # round 2 (Delphi): the round-1 spread is shown and the round-1 answers pre-fill
    facilitator.get_by_role("button", name="Open round 2").click()
    expect(facilitator.get_by_text("Submitted in round 2")).to_be_visible(timeout=WAIT)
    for i, page in enumerate(people):
        expect(page.get_by_text("How the group weighed in round 1")).to_be_visible(timeout=WAIT)
        expect(page.get_by_text("Round 2: weigh the criteria")).to_be_visible(timeout=WAIT)
        expect(page.get_by_role("slider").nth(i)).to_have_value("100", timeout=WAIT)
    _sliders_to(people[0], {0: "Home"})  # Anna changes her mind about authority
    changed = _inputs(0, 1)
    changed[0] = 0
    expect(people[0].get_by_text(_weights_text(changed))).to_be_visible(timeout=WAIT)
    for page in people:
        _submit(page, "Submit", 2)
    expect(facilitator.get_by_text("3 / 3")).to_be_visible(timeout=WAIT)
    facilitator.get_by_role("tab", name="Rounds").click()
    expect(facilitator.get_by_text("How views moved: round 1 and round 2")).to_be_visible(
        timeout=WAIT)

    # archiving: the facilitator keeps the results, the participants' links say it has ended
    facilitator.get_by_text("End the workshop").click()
    facilitator.get_by_role("button", name="Archive the workshop").click()
    expect(facilitator.get_by_text("This workshop is archived")).to_be_visible(timeout=WAIT)
    people[1].reload()
    expect(people[1].get_by_text("This workshop has ended")).to_be_visible(timeout=WAIT)

    store = Store(store_url)
    try:
        dash = store.dashboard(workshop_id, facilitator_token)
    finally:
        store.close()
    assert dash.workshop.archived
    assert [p.display_name for p in dash.participants] == names
    assert [(s.round, dash.participant(s.participant_id).display_name)
            for s in dash.submissions] == [(r, n) for r in (1, 2) for n in names]
    anna = [s.inputs for s in dash.submissions if s.participant_id == dash.participants[0].id]
    ids = list(dash.workshop.problem.criterion_ids)
    assert [anna[0][c] for c in ids] == _inputs(0, 1)
    assert [anna[1][c] for c in ids] == changed
    chen = [s.inputs for s in dash.submissions if s.participant_id == dash.participants[2].id]
    assert chen[0] == chen[1]
    assert [chen[1][c] for c in ids] == _inputs(2, 3)
