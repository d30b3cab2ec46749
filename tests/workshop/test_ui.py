"""The workshop pages in Streamlit's AppTest: participant and facilitator links via query params,
creating and joining, rounds, hostile input shown as text, errors shown without a traceback,
replaced and removed links, archiving, join limits, and no individual weights in a small room."""

from __future__ import annotations

import base64
import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from mcda.model import Criterion, Problem, Scale, Text
from mcda.workshop.store import CODE_ALPHABET, CODE_LENGTH, MESSAGES, Created, Joined, Store
from tests.workshop.conftest import small_problem
from ui.workshop import common
from ui.workshop.common import md
from ui.workshop.text import STRINGS

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
    """Every text element of the page, with Markdown's backslash escapes and the word joiners
    that stop autolinks (see ``md``) removed."""
    parts = [e.value for kind in ("markdown", "caption", "info", "error", "success", "warning",
                                  "title", "subheader", "text")
             for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts)).replace("\u2060", "")


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


# -- hostile text, links that stop working, archiving, limits, small rooms -----------------------

HOSTILE = "![t](http://host/x.png) [here](http://evil.example) **b** <img src=x>"


def _hostile_problem() -> Problem:
    """The small problem with a criterion whose name is Markdown and a URL."""
    base = small_problem()
    quality = base.criteria[0]
    hostile = Criterion(id=quality.id, name=Text.same(HOSTILE), direction=quality.direction,
                        scale=Scale(kind="rating", min=0, max=100),
                        description=Text.same("See http://evil.example/x.png"))
    return base.model_copy(update={"criteria": (hostile, *base.criteria[1:])})


def _fields(template: str) -> set[str]:
    return {part[1] for part in string.Formatter().parse(template) if part[1]}


def test_every_store_message_is_translated() -> None:
    for key, english in MESSAGES.items():
        entry = STRINGS[f"err_{key}"]
        assert set(entry) == {"en", "nl"}, key
        assert _fields(entry["en"]) == _fields(entry["nl"]) == _fields(english), key


def test_a_hostile_title_and_criterion_name_are_shown_as_text(store: Store) -> None:
    created = store.create_workshop(HOSTILE, _hostile_problem())
    joined = store.join(created.join_code, "[me](http://evil.example)")
    at = page("participant", w=created.workshop_id, t=joined.token)
    assert not at.exception
    assert at.title[0].value == md(HOSTILE)
    assert at.markdown[0].value == "Welcome, " + md("[me](http://evil.example)") + "."
    slider = at.slider(key="wsp_1_sliders_quality")
    assert slider.label == "Importance of " + md(HOSTILE)  # widget labels render Markdown
    comment = at.text_area(key="wsp_1_note_quality")
    assert comment.label == "Your comment on " + md(HOSTILE) + " (optional)"
    at.radio(key="wsp_1_method").set_value("ranking").run()
    assert at.selectbox(key="wsp_1_ranking_quality").label == "Rank of " + md(HOSTILE)
    labels = [w.label for w in (*at.slider, *at.selectbox, *at.text_area, *at.number_input)]
    everything = [e.value for e in (*at.markdown, *at.caption, *at.title)] + labels
    for shown in everything:
        active = re.sub(r"\\.", "", shown)  # what Markdown would still interpret
        assert "](http" not in active and "![" not in active and "<img" not in active
        assert "http:" not in shown.replace("\\", "") and "evil." not in shown.replace("\\", "")
    at = page("facilitator", w=created.workshop_id, t=created.facilitator_token)
    assert not at.exception
    assert at.title[0].value == md(HOSTILE)


def test_a_replaced_or_removed_link_says_it_is_no_longer_valid(store: Store,
                                                                workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    new = store.revoke_link(w, f, people[0].participant_id)
    at = page("participant", w=w, t=people[0].token)
    assert not at.exception
    assert "This link is no longer valid" in at.error[0].value
    assert "new link" in at.error[0].value
    assert not at.button and not at.slider
    assert "Welcome, Anna." in texts(page("participant", w=w, t=new.token))
    store.remove_participant(w, f, people[2].participant_id)
    at = page("participant", w=w, t=people[2].token)
    assert not at.exception
    assert "no longer valid" in at.error[0].value and "removed you" in at.error[0].value


def test_the_facilitator_replaces_a_link_and_removes_a_participant(store: Store,
                                                                   workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    store.submit(w, people[2].token, "sliders", {"quality": 100, "speed": 20, "cost": 20})
    at = page("facilitator", w=w, t=f)
    who = at.selectbox(key="wsf_who")
    assert who.options == ["Anna", "<script>alert(1)</script>", "Cas"]  # plain-text options
    who.set_value(people[0].participant_id)
    at.button(key="wsf_revoke").click().run()
    assert not at.exception
    assert "New personal link for Anna" in texts(at)
    link_text = next(c.value for c in at.code if "participant?" in c.value)
    token = re.search(r"[?&]t=([A-Za-z0-9_-]+)", link_text).group(1)
    assert store.participant_view(w, token).me.display_name == "Anna"
    at.selectbox(key="wsf_who").set_value(people[2].participant_id)
    at.checkbox(key="wsf_keep").check()
    at.button(key="wsf_remove").click().run()
    assert not at.exception
    dash = store.dashboard(w, f)
    assert [p.removed for p in dash.participants] == [False, False, True]
    assert len(dash.submissions) == 1  # kept
    assert at.metric[0].value == "1 / 3"
    assert "Cas (removed)" in list(at.dataframe[0].value["Participant"])
    assert at.selectbox(key="wsf_who").options == ["Anna", "<script>alert(1)</script>"]


def test_the_facilitator_archives_the_workshop(store: Store, workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    store.submit(w, people[0].token, "sliders", {"quality": 100, "speed": 20, "cost": 20})
    at = page("facilitator", w=w, t=f)
    at.button(key="wsf_archive").click().run()
    assert not at.exception
    assert store.workshop(w, f).archived
    assert "This workshop is archived" in at.info[0].value
    keys = {b.key for b in at.button}
    assert not keys & {"wsf_close", "wsf_next", "wsf_reopen", "wsf_revoke", "wsf_archive"}
    assert at.metric[0].value == "1 / 3"  # the results are still there
    assert [b.label for b in at.get("download_button")][:1] == ["Results (CSV)"]
    at = page("participant", w=w, t=people[0].token)
    assert not at.exception
    assert "This workshop has ended" in at.error[0].value


def test_the_projector_shows_no_individual_weights_below_five(store: Store,
                                                              workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    for i, person in enumerate(people):
        store.submit(w, person.token, "sliders", {"quality": 30 * i + 10, "speed": 50,
                                                  "cost": 20})
    at = page("facilitator", w=w, t=f)
    at.toggle(key="wsf_projector").set_value(True).run()
    assert not at.exception
    traces = [t["type"] for c in at.get("plotly_chart")
              for t in json.loads(c.proto.spec)["data"]]
    assert "box" not in traces
    assert "Individual answers are shown from 5 submissions on." in texts(at)
    assert not any("rank" in t and "first" in t for t in texts(at).split("\n")[2:3])
    more = [store.join(created.join_code, name) for name in ("Dirk", "Eva")]
    for person in more:
        store.submit(w, person.token, "sliders", {"quality": 10, "speed": 90, "cost": 20})
    at.run()
    traces = [t["type"] for c in at.get("plotly_chart")
              for t in json.loads(c.proto.spec)["data"]]
    assert "box" in traces


def test_delphi_feedback_in_a_small_room_shows_only_the_group(store: Store,
                                                              workshop: tuple) -> None:
    created, people = workshop
    w, f = created.workshop_id, created.facilitator_token
    store.submit(w, people[0].token, "sliders", {"quality": 80, "speed": 20, "cost": 40})
    store.submit(w, people[1].token, "sliders", {"quality": 10, "speed": 90, "cost": 40})
    store.close_round(w, f)
    store.open_next_round(w, f)
    at = page("participant", w=w, t=people[0].token)
    assert not at.exception
    assert "Only 2 took part, fewer than 5" in texts(at)
    spread = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [t["type"] for t in spread["data"]] == ["scatter", "scatter"]  # group and you


def test_join_refuses_a_full_workshop_in_dutch(store: Store, workshop: tuple,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    created, _people = workshop
    monkeypatch.setenv("MCDA_WORKSHOP_MAX_PARTICIPANTS", "3")
    common._store.clear()
    at = AppTest.from_file(str(PAGES / "join.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "nl"
    at.run()
    at.text_input(key="wsj_code").input(created.join_code)
    at.text_input(key="wsj_name").input("Dirk")
    at.button[0].click().run()
    assert not at.exception
    assert "Deze workshop is vol: er kunnen hoogstens 3 deelnemers meedoen" in at.error[0].value


def test_join_locks_out_a_guessing_session(store: Store, workshop: tuple,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    created, _people = workshop
    monkeypatch.setenv("MCDA_WORKSHOP_FAILURES_PER_CLIENT", "2")
    common._store.clear()
    wrong = next(c * CODE_LENGTH for c in CODE_ALPHABET if c * CODE_LENGTH != created.join_code)
    at = page("join")
    for _ in range(2):
        at.text_input(key="wsj_code").input(wrong)
        at.text_input(key="wsj_name").input("Eve")
        at.button[0].click().run()
        assert "No workshop has this join code" in at.error[0].value
    at.text_input(key="wsj_code").input(created.join_code)
    at.button[0].click().run()
    assert not at.exception
    message = at.error[0].value
    assert "Too many wrong join codes from this device. Try again in 15 min" in message
    assert wrong not in message and created.join_code not in message
    other = AppTest.from_file(str(ROOT / "tests" / "workshop" / "workshop_app.py"),
                              default_timeout=TIMEOUT)  # another browser session
    other.run()
    other.switch_page(str(PAGES / "join.py"))
    other.run()
    other.text_input(key="wsj_code").input(created.join_code)
    other.text_input(key="wsj_name").input("Eve")
    other.button[0].click().run()
    assert not other.exception
    assert "Welcome, Eve." in texts(other)


def test_create_with_a_participant_cap(store: Store) -> None:
    at = page("create")
    assert at.number_input(key="wsc_cap").value == 200
    at.number_input(key="wsc_cap").set_value(12)
    at.button[0].click().run()
    assert not at.exception
    created = at.session_state["wsc_created"]
    assert store.workshop(created["w"], created["t"]).max_participants == 12


def test_a_bad_limit_setting_is_a_message_not_a_traceback(store: Store, workshop: tuple,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    created, people = workshop
    monkeypatch.setenv("MCDA_WORKSHOP_MAX_PARTICIPANTS", "lots")
    common._store.clear()
    for at in (page("create"), page("participant", w=created.workshop_id, t=people[0].token),
               page("facilitator", w=created.workshop_id, t=created.facilitator_token)):
        assert not at.exception
        assert "MCDA\\_WORKSHOP\\_MAX\\_PARTICIPANTS must be a whole number" in at.error[0].value
