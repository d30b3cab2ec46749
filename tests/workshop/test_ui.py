"""The workshop pages in Streamlit's AppTest: participant and facilitator links via query params,
creating and joining, rounds, hostile input shown as text, errors shown without a traceback."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from mcda.workshop.store import Created, Joined, Store
from tests.workshop.conftest import small_problem
from ui.workshop import common
from ui.workshop.common import md

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "ui" / "workshop"
TIMEOUT = 60


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store the pages use (a fresh SQLite file), and a handle on it for the test."""
    path = tmp_path / "ui.db"
    monkeypatch.setenv("MCDA_WORKSHOP_DB", str(path))
    monkeypatch.delenv("MCDA_DATABASE_URL", raising=False)
    common._store.clear()
    s = Store(f"sqlite:///{path}")
    yield s
    common._store.clear()
    s.close()


@pytest.fixture
def workshop(store: Store) -> tuple[Created, list[Joined]]:
    created = store.create_workshop("UI <i>test</i>", small_problem())
    people = [store.join(created.join_code, name)
              for name in ("Anna", "<script>alert(1)</script>", "Cas")]
    return created, people


def page(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def texts(at: AppTest) -> str:
    """Every text element of the page, with Markdown's backslash escapes removed."""
    parts = [e.value for kind in ("markdown", "caption", "info", "error", "success", "warning",
                                  "title", "subheader", "text")
             for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def numbers(field: object) -> list[float]:
    """A plotly array from a chart spec: a plain list or a typed array (dtype + base64 bdata)."""
    if isinstance(field, dict):
        return np.frombuffer(base64.b64decode(field["bdata"]), dtype=field["dtype"]).tolist()
    return list(field)


# -- participant -------------------------------------------------------------------------------


def test_participant_without_a_link(store: Store) -> None:
    at = page("participant")
    assert not at.exception
    assert "Open this page with your personal link" in at.info[0].value


@pytest.mark.parametrize(("w", "t", "message"), [
    ("0" * 32, "x" * 43, "no workshop has this id"),
    (None, "y" * 43, "key is not valid"),
    (None, "<script>", "key is not valid"),
])
def test_participant_with_a_bad_link(workshop: tuple, w: str | None, t: str,
                                     message: str) -> None:
    created, _people = workshop
    at = page("participant", w=w or created.workshop_id, t=t)
    assert not at.exception
    assert message in at.error[0].value
    assert not at.button


def test_participant_submits_with_sliders(store: Store, workshop: tuple) -> None:
    created, people = workshop
    at = page("participant", w=created.workshop_id, t=people[0].token)
    assert not at.exception
    assert "Welcome, Anna." in texts(at)
    assert [s.value for s in at.slider] == [50, 50, 50]  # neutral start
    assert "What quality means." in texts(at)
    at.slider(key="wsp_1_sliders_quality").set_value(100)
    at.slider(key="wsp_1_sliders_cost").set_value(0)
    at.text_area(key="wsp_1_note_speed").input("Speed matters <b>a lot</b>")
    at.run()
    assert "Quality 67% · Speed 33% · Cost 0%" in texts(at)
    at.button(key="wsp_submit").click().run()
    assert not at.exception
    assert "your weights for round 1 are saved" in at.success[0].value
    record = store.participant_view(created.workshop_id, people[0].token).own[1]
    assert record.inputs == {"quality": 100.0, "speed": 50.0, "cost": 0.0}
    assert record.comments == {"speed": "Speed matters <b>a lot</b>"}
    # after submitting: own ranking beside the group's (shown by default)
    shown = texts(at)
    assert "Your ranking" in shown and "The group's ranking (mean weights of 1)" in shown
    assert "1. Option a" in shown
    assert at.button(key="wsp_submit").label == "Submit revision"


def test_participant_points_must_add_up(store: Store, workshop: tuple) -> None:
    created, people = workshop
    at = page("participant", w=created.workshop_id, t=people[0].token)
    at.radio(key="wsp_1_method").set_value("points").run()
    assert [n.value for n in at.number_input] == [34, 33, 33]  # equal shares of 100
    at.number_input(key="wsp_1_points_quality").set_value(60).run()
    assert "The points add up to 126; share exactly 100 points." in texts(at)
    at.button(key="wsp_submit").click().run()
    assert not at.exception
    assert store.participant_view(created.workshop_id, people[0].token).own == {}
    at.number_input(key="wsp_1_points_speed").set_value(7).run()
    at.button(key="wsp_submit").click().run()
    record = store.participant_view(created.workshop_id, people[0].token).own[1]
    assert record.method == "points"
    assert record.weights == pytest.approx({"quality": 0.6, "speed": 0.07, "cost": 0.33})


def test_participant_ranks_the_criteria(store: Store, workshop: tuple) -> None:
    created, people = workshop
    at = page("participant", w=created.workshop_id, t=people[2].token)
    at.radio(key="wsp_1_method").set_value("ranking").run()
    at.selectbox(key="wsp_1_ranking_quality").set_value(3)
    at.selectbox(key="wsp_1_ranking_speed").set_value(1)
    at.selectbox(key="wsp_1_ranking_cost").set_value(2)
    at.run()
    at.button(key="wsp_submit").click().run()
    record = store.participant_view(created.workshop_id, people[2].token).own[1]
    assert record.weights == pytest.approx({"quality": 2 / 18, "speed": 11 / 18, "cost": 5 / 18})


def test_hostile_names_and_titles_are_shown_as_text(workshop: tuple) -> None:
    created, people = workshop
    at = page("participant", w=created.workshop_id, t=people[1].token)
    assert not at.exception
    assert at.title[0].value == md("UI <i>test</i>")
    assert at.markdown[0].value == "Welcome, " + md("<script>alert(1)</script>") + "."
    assert "<script>" not in at.markdown[0].value


def test_a_closed_round_and_the_next_one(store: Store, workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    store.submit(w, people[0].token, "sliders", {"quality": 80, "speed": 20, "cost": 40})
    store.submit(w, people[2].token, "sliders", {"quality": 10, "speed": 90, "cost": 40})
    at = page("participant", w=w, t=people[0].token)
    at.slider(key="wsp_1_sliders_quality").set_value(0)
    store.close_round(w, f)
    at.button(key="wsp_submit").click().run()  # the page was open when the round closed
    assert not at.exception
    assert "Round 1 is closed" in texts(at)
    assert not [b for b in at.button if b.key == "wsp_submit"]
    assert store.participant_view(w, people[0].token).own[1].inputs["quality"] == 80.0
    store.open_next_round(w, f)
    at = page("participant", w=w, t=people[0].token)
    shown = texts(at)
    assert "How the group weighed in round 1" in shown and "Round 2: weigh the criteria" in shown
    # round-1 answers pre-fill round 2
    assert [s.value for s in at.slider] == [80, 20, 40]
    spread = json.loads(at.get("plotly_chart")[0].proto.spec)
    own = next(t for t in spread["data"] if t.get("name") == "You")
    assert numbers(own["x"]) == pytest.approx([80 / 140, 20 / 140, 40 / 140])


def test_dutch(workshop: tuple) -> None:
    created, people = workshop
    at = AppTest.from_file(str(PAGES / "participant.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "nl"
    at.query_params["w"] = created.workshop_id
    at.query_params["t"] = people[0].token
    at.run()
    assert "Welkom, Anna." in texts(at)
    assert at.button(key="wsp_submit").label == "Indienen"
    at = AppTest.from_file(str(PAGES / "participant.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "nl"
    at.query_params["w"] = "0" * 32
    at.query_params["t"] = people[0].token
    at.run()
    assert "Deze workshoplink is niet geldig" in at.error[0].value
    at = AppTest.from_file(str(PAGES / "facilitator.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "nl"
    at.query_params["w"] = created.workshop_id
    at.query_params["t"] = created.facilitator_token
    at.run()
    assert not at.exception
    assert at.metric[0].label == "Ingediend in ronde 1"
    assert at.button(key="wsf_close").label == "Sluit ronde 1"


# -- facilitator -------------------------------------------------------------------------------


def test_facilitator_without_or_with_a_wrong_link(workshop: tuple) -> None:
    created, people = workshop
    at = page("facilitator")
    assert "Open this page with your facilitator link" in at.info[0].value
    at = page("facilitator", w=created.workshop_id, t=people[0].token)
    assert not at.exception
    assert "key is not valid" in at.error[0].value
    assert not at.get("plotly_chart")


def test_facilitator_dashboard(store: Store, workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    store.submit(w, people[0].token, "sliders", {"quality": 100, "speed": 20, "cost": 20},
                 {"cost": "**not bold** [link](http://x)"})
    store.submit(w, people[1].token, "sliders", {"quality": 20, "speed": 100, "cost": 20})
    at = page("facilitator", w=w, t=f)
    assert not at.exception
    assert at.metric[0].value == "2 / 3"
    status = at.dataframe[0].value
    assert list(status["Participant"]) == ["Anna", "<script>alert(1)</script>", "Cas"]
    assert list(status["Submitted (UTC)"])[2] == "…"
    shown = texts(at)
    assert "With the weights of 1 of 2 participants, Option a ranks first; 1 put Option b " \
           "first (Weighted sum (WSM)). The split is about Quality" in shown
    assert "Anna: **not bold** [link](http://x)" in [t.value for t in at.text]
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    spread = next(s for s in specs if s["layout"]["title"]["text"].startswith("How the"))
    group = next(t for t in spread["data"] if t.get("name") == "Group (mean)")
    expected = [(100 / 140 + 20 / 140) / 2, (20 / 140 + 100 / 140) / 2, (20 / 140 + 20 / 140) / 2]
    assert numbers(group["x"]) == pytest.approx(expected)


def test_facilitator_runs_the_rounds(store: Store, workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    store.submit(w, people[0].token, "sliders", {"quality": 100, "speed": 20, "cost": 20})
    at = page("facilitator", w=w, t=f)
    at.button(key="wsf_close").click().run()
    assert not at.exception
    assert not store.workshop(w, f).round_open
    at.button(key="wsf_next").click().run()
    info = store.workshop(w, f)
    assert (info.current_round, info.round_open) == (2, True)
    assert "Submitted in round 2" in at.metric[0].label
    assert at.metric[0].value == "0 / 3"
    store.submit(w, people[0].token, "sliders", {"quality": 50, "speed": 50, "cost": 20})
    at.run()
    assert at.metric[0].value == "1 / 3"
    shift = next(d.value for d in at.dataframe if "Median round 1" in d.value.columns)
    assert shift["Median round 2"].tolist() == pytest.approx([0.417, 0.417, 0.167], abs=1e-3)


def test_facilitator_settings_and_projector(store: Store, workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    store.submit(w, people[0].token, "sliders", {"quality": 100, "speed": 20, "cost": 20})
    at = page("facilitator", w=w, t=f)
    at.toggle(key="wsf_anon").set_value(True).run()
    assert store.workshop(w, f).anonymous
    labels = [p.label for p in store.dashboard(w, f).participants]
    assert list(at.dataframe[0].value["Participant"]) == labels
    at.toggle(key="wsf_show").set_value(False).run()
    assert not store.workshop(w, f).show_group
    at.selectbox(key="wsf_method_w").set_value("topsis").run()
    at.toggle(key="wsf_projector").set_value(True).run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "wsf_close"]
    shown = texts(at)
    assert f"`{created.join_code}`" in shown and "Group ranking (TOPSIS)" in shown
    at.toggle(key="wsf_projector").set_value(False).run()
    assert at.selectbox(key="wsf_method_w").value == "topsis"  # kept while hidden


# -- create and join ---------------------------------------------------------------------------


def test_create_a_workshop(store: Store) -> None:
    at = page("create")
    assert not at.exception
    at.text_input(key="wsc_title").input("Room 12")
    at.multiselect(key="wsc_criteria").set_value(["authority", "cost", "independence"])
    at.checkbox(key="wsc_anon").check()
    at.button[0].click().run()
    assert not at.exception
    created = at.session_state["wsc_created"]
    dash = store.dashboard(created["w"], created["t"])
    assert dash.workshop.title == "Room 12" and dash.workshop.anonymous
    assert dash.workshop.problem.criterion_ids == ("authority", "independence", "cost")
    assert f"`{created['code']}`" in texts(at)


def test_create_refuses_a_bad_selection(store: Store) -> None:
    at = page("create")
    at.multiselect(key="wsc_options").set_value(["nvr"])
    at.button[0].click().run()
    assert not at.exception
    assert "at least two options" in at.error[0].value
    assert "wsc_created" not in at.session_state


def test_join_goes_on_to_the_personal_page(store: Store, workshop: tuple) -> None:
    created, _people = workshop
    at = AppTest.from_file(str(ROOT / "tests" / "workshop" / "workshop_app.py"),
                           default_timeout=TIMEOUT)
    at.run()
    at.switch_page(str(PAGES / "join.py"))
    at.query_params["code"] = created.join_code.lower()
    at.run()
    assert at.text_input(key="wsj_code").value == created.join_code.lower()
    at.text_input(key="wsj_name").input("anna")
    at.button[0].click().run()
    assert "already taken" in at.error[0].value
    at.text_input(key="wsj_name").input("Zoë")
    at.button[0].click().run()
    assert not at.exception
    assert "Welcome, Zoë." in texts(at)
    names = [p.display_name for p in store.dashboard(created.workshop_id,
                                                     created.facilitator_token).participants]
    assert names[-1] == "Zoë"
