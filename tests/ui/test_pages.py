"""AppTest: every page renders, and the workbench's main behaviours work through the widgets."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from mcda.audit import audit
from mcda.data import load_case
from mcda.methods import rank
from mcda.robustness import first_place

CASE = load_case()
APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = {name: f"ui/{name}.py" for name in
         ("start", "criteria", "options", "results", "sensitivity", "scenarios", "export_page")}


def goto(at: AppTest, page: str) -> AppTest:
    """Switch to one of the workbench's pages and run it."""
    at.switch_page(PAGES[page]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """All markdown, captions and messages of the page as one text, markdown escapes removed."""
    parts: list[Any] = [*at.markdown, *at.caption, *at.error, *at.warning, *at.info, *at.success,
                        *at.title, *at.subheader]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p.value) for p in parts)).replace("\u2060", "")


def charts(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures on the page, as their JSON specs."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_without_exception(app: AppTest, page: str) -> None:
    goto(app, page)
    assert app.title[0].value
    assert not app.error


def test_start_page_shows_question_sources_and_steps(app: AppTest) -> None:
    text = texts(app)
    assert CASE.title.en in text
    assert "Planbureau voor de Veiligheid" in text
    assert "ABDTOPConsult" in text
    for source in CASE.sources:
        assert source.title in text
    assert "How to use this workbench" in text


def test_results_show_every_method_consensus_and_charts(app: AppTest) -> None:
    goto(app, "results")
    table = app.dataframe[0].value
    expected = rank(CASE.problem(), "wsm")
    first_by_wsm = table.loc[table["WSM"] == 1, "Option"].tolist()
    assert first_by_wsm == [CASE.option(expected.first[0]).name.en]
    assert {"TOPSIS", "VIKOR", "PROMETHEE II", "SPOTIS", "Consensus"} <= set(table.columns)
    titles = [c["layout"]["title"]["text"] for c in charts(app)]
    assert titles[0] == "Ranking by method"
    assert any(t.startswith("Why an option scores") for t in titles)
    assert "Performance table" in titles
    text = texts(app)
    assert "Compromise set:" in text
    assert "is dominated by" in text or "No option is dominated" in text
    assert first_place(CASE.problem()).sentence(CASE.problem()) in text
    found = audit(CASE.problem())
    for kind, sentence in found.sentences(CASE.problem(), "en"):
        if kind not in ("assumption_share", "scenarios"):
            assert sentence in text
    labels = [e.label for e in app.expander]
    for method in ("Weighted sum (WSM) — higher", "TOPSIS — higher", "VIKOR — lower",
                   "PROMETHEE II — higher", "SPOTIS — lower"):
        assert any(label.startswith(method) for label in labels)


def test_weight_change_changes_the_ranking(app: AppTest) -> None:
    goto(app, "results")
    table = app.dataframe[0].value
    # the WSM rank of each option (the table is sorted by mean rank, so the column alone can
    # read 1, 2, 3, ... before and after)
    before = dict(zip(table["Option"], table["WSM"], strict=True))
    goto(app, "criteria")
    app.slider(key="ui_w_independence").set_value(100.0).run()
    assert not app.exception
    weights = dict(CASE.default_weights(), independence=100.0)
    expected = rank(CASE.problem(weights), "wsm")
    goto(app, "results")
    table = app.dataframe[0].value
    shown = dict(zip(table["Option"], table["WSM"], strict=True))
    assert shown != before
    assert shown == {CASE.option(o).name.en: expected.rank_of(o) for o in expected.option_ids}
    assert "custom weights" in texts(app)


def test_weights_survive_moving_between_pages(app: AppTest) -> None:
    goto(app, "criteria")
    app.slider(key="ui_w_cost").set_value(60.0).run()
    goto(app, "results")
    goto(app, "criteria")
    assert app.slider(key="ui_w_cost").value == 60.0
    weights = charts(app)[0]["data"][0]["x"]
    others = sum(CASE.default_weights().values()) - CASE.default_weights()["cost"]
    assert weights[list(CASE.default_weights()).index("cost")] == pytest.approx(60 / (60 + others))


def test_optional_criterion_can_be_switched_on(app: AppTest) -> None:
    goto(app, "criteria")
    assert app.session_state["model_active"] == list(CASE.default_weights())
    app.toggle(key="ui_act_integrality").set_value(True).run()
    assert "integrality" in app.session_state["model_active"]
    bars = charts(app)[0]["data"][0]
    assert len(bars["x"]) == len(CASE.default_weights()) + 1


def test_swing_and_ahp_weighting_apply_weights(app: AppTest) -> None:
    goto(app, "criteria")
    app.radio(key="ui_weight_method").set_value("swing").run()
    app.number_input(key="ui_swing_authority").set_value(100.0).run()
    others = [crit for crit in CASE.default_weights() if crit != "authority"]
    for crit in others:
        app.number_input(key=f"ui_swing_{crit}").set_value(25.0).run()
    app.button(key="ui_apply_swing").click().run()
    total = 100.0 + 25.0 * len(others)  # weights are kept to 0.1 point on a 0-100 scale
    assert app.session_state["model_weights"]["authority"] == pytest.approx(
        100 * 100.0 / total, abs=0.05)
    assert app.session_state["model_weights"]["cost"] == pytest.approx(100 * 25.0 / total,
                                                                       abs=0.05)
    app.radio(key="ui_weight_method").set_value("ahp").run()
    app.select_slider(key="ui_ahp_authority__cost").set_value(3.0).run()
    assert "Consistency ratio" in [m.label for m in app.metric]
    app.button(key="ui_apply_ahp").click().run()
    weights = app.session_state["model_weights"]
    assert weights["authority"] > weights["cost"]
    assert weights["authority"] == max(weights[c] for c in CASE.default_weights())
    assert sum(weights[c] for c in CASE.default_weights()) == pytest.approx(100, abs=0.3)
    assert "The new weights are in use." in texts(app)


def test_points_must_add_up_to_the_budget(app: AppTest) -> None:
    goto(app, "criteria")
    app.radio(key="ui_weight_method").set_value("points").run()
    before = dict(app.session_state["model_weights"])
    app.number_input(key="ui_pts_authority").set_value(90.0).run()
    app.button(key="ui_apply_points").click().run()
    assert "not the budget of 100" in texts(app)
    assert app.session_state["model_weights"] == before


def test_score_edit_rejected_when_invalid_and_applied_when_valid(app: AppTest) -> None:
    goto(app, "options")
    option = app.selectbox(key="ui_sel_option").value
    assert app.selectbox(key="ui_sel_crit").value == "authority"
    original = f"{CASE.option(option).scores['authority'].value:g}"
    assert app.text_input(key="ui_edit_value").value == original
    assert app.text_input(key="ui_edit_value").placeholder in (None, "")
    for bad, message in (("150", "outside the scale"), ("abc", "is not a number")):
        app.text_input(key="ui_edit_value").set_value(bad).run()
        app.button(key="ui_btn_edit").click().run()
        assert message in texts(app)
        assert app.session_state["model_edits"] == {}
        assert app.text_input(key="ui_edit_value").value == bad
    app.text_input(key="ui_edit_value").set_value("12,5").run()
    app.button(key="ui_btn_edit").click().run()
    assert app.session_state["model_edits"] == {option: {"authority": 12.5}}
    row = app.dataframe[0].value.iloc[0]
    assert row.iloc[1].startswith("12.5") and row.iloc[1].endswith("✎")
    assert "Changed by you" in texts(app)
    app.button(key="ui_btn_reset_all").click().run()
    assert app.session_state["model_edits"] == {}
    assert app.text_input(key="ui_edit_value").value == original
    app.selectbox(key="ui_sel_crit").set_value("cost").run()
    cost = f"{CASE.option(option).scores['cost'].value:g}"
    assert app.text_input(key="ui_edit_value").value == cost


def test_options_can_be_switched_off_and_added(app: AppTest) -> None:
    goto(app, "options")
    app.toggle(key="ui_on_planbureau").set_value(False).run()
    app.text_input(key="ui_new_option").set_value("**Bold** [link](http://example.org)").run()
    app.button(key="ui_btn_add").click().run()
    goto(app, "results")
    names = app.dataframe[0].value["Option"].tolist()
    assert CASE.option("planbureau").name.en not in names
    assert "**Bold** [link](http://example.org)" in names
    assert len(names) == len(CASE.options)


def test_too_few_options_is_a_message_not_a_crash(app: AppTest) -> None:
    goto(app, "options")
    for option in CASE.options[1:]:
        app.toggle(key=f"ui_on_{option.id}").set_value(False).run()
    assert "At least two options" in texts(app)
    goto(app, "results")
    assert "cannot be ranked" in texts(app)


def test_scenario_saved_can_be_loaded(app: AppTest) -> None:
    goto(app, "scenarios")
    app.text_input(key="ui_scenario_name").set_value("My view").run()
    app.button(key="ui_btn_save_scenario").click().run()
    assert "my-view" in app.session_state["model_scenarios"]
    goto(app, "criteria")
    app.slider(key="ui_w_authority").set_value(90.0).run()
    goto(app, "scenarios")
    app.button(key="ui_load_saved_my-view").click().run()
    assert app.session_state["model_weights"]["authority"] == CASE.criterion(
        "authority").default_weight
    assert "Current weighting: My view" in texts(app)


def test_bundled_scenario_loads_and_comparison_is_drawn(app: AppTest) -> None:
    goto(app, "scenarios")
    scenario = CASE.scenario("cost_conscious")
    app.button(key="ui_load_cost_conscious").click().run()
    assert app.session_state["model_active"] == [c.id for c in CASE.criteria
                                                if c.id in scenario.weights]
    compared = [c for c in charts(app) if c["layout"]["title"]["text"] == "Scenarios compared"]
    assert len(compared) == 1
    bars = [t for t in compared[0]["data"] if t["type"] == "bar"]
    assert len(bars) == 3
    ranks = app.dataframe[0].value
    assert ranks.index.name == "Option"
    assert [b["meta"] for b in bars] == list(ranks.columns)
    assert sorted(ranks.iloc[:, 0]) == sorted(ranks.iloc[:, 0].rank(method="min").astype(int))


def _load_bad_spreadsheet() -> None:
    from ui import state
    from ui.widgets import notices

    state.init()
    state.set_weight("authority", 70.0)
    state.guarded(lambda: state.load_spreadsheet(b"option;authority\nx;abc\n", "matrix.csv",
                                                 b"id;direction;weight\nauthority;up;1\n",
                                                 "criteria.csv"))
    notices()


def test_invalid_spreadsheet_upload_shows_an_error_and_keeps_the_state() -> None:
    at = AppTest.from_function(_load_bad_spreadsheet, default_timeout=30)
    at.run()
    assert not at.exception
    message = at.error[0].value
    assert "Nothing was loaded" in message
    assert "matrix.csv" in message.replace("\\", "").replace("\u2060", "")
    assert at.session_state["model_weights"]["authority"] == 70.0
    assert at.session_state["model_case"].title.en == CASE.title.en


def test_sensitivity_page_and_smaa_run(app: AppTest) -> None:
    goto(app, "sensitivity")
    titles = [c["layout"]["title"]["text"] for c in charts(app)]
    assert any(t.startswith("One-at-a-time sensitivity") for t in titles)
    assert any(t.startswith("What it takes") for t in titles)
    assert "stays first while the weight of" in texts(app)
    app.number_input(key="ui_smaa_samples").set_value(2000)
    app.button[-1].click().run()
    assert not app.exception
    run = app.session_state["model_smaa"]
    assert run["outcome"].samples == 2000
    titles = [c["layout"]["title"]["text"] for c in charts(app)]
    assert any(t.startswith("Rank acceptability") for t in titles)
    assert any(t.startswith("Pairwise winning") for t in titles)
    table = next(d.value for d in app.dataframe if "First in" in d.value.columns)
    result = run["outcome"]["wsm"]
    never = [CASE.option(o).name.en for i, o in enumerate(result.option_ids)
             if result.central_weight(o) is None]
    first = [CASE.option(o).name.en for o in result.option_ids
             if result.central_weight(o) is not None]
    assert never and first
    authority = CASE.criterion("authority").name.en
    # fixed scores: every winner's confidence would be 100%, so the column is not shown
    assert run["outcome"].scores == "fixed"
    assert list(table.columns[:2]) == ["First in", authority]
    assert set(table.loc[never[0]].iloc[1:]) == {"—"}
    assert table.loc[never[0], "First in"] == "0%"
    assert not table.isin(["None", "nan"]).any().any()
    assert table.loc[first[0], authority].endswith("%")
    goto(app, "criteria")
    app.slider(key="ui_w_cost").set_value(80.0).run()
    goto(app, "sensitivity")
    assert "computed before the latest change" in texts(app)


def test_language_switch_changes_labels_and_content(app: AppTest) -> None:
    app.sidebar.radio(key="ui_lang").set_value("nl").run()
    assert app.session_state["lang"] == "nl"
    text = texts(app)
    assert CASE.title.nl in text
    assert "Bronnen" in text
    goto(app, "results")
    assert "Rangorde per methode" in texts(app)
    assert app.dataframe[0].value.columns[0] == "Optie"
    assert charts(app)[0]["layout"]["title"]["text"] == "Rangorde per methode"


def test_app_registers_the_workshop_pages() -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    for page in ("join", "create"):
        at.switch_page(f"ui/workshop/{page}.py").run()
        assert not at.exception, page
        assert at.title[0].value


def test_start_page_says_where_every_weighting_comes_from(app: AppTest) -> None:
    text = texts(app)
    assert f"Default weights: {CASE.default_origin.describe('en')}" in text
    for scenario in CASE.scenarios:
        assert f"{scenario.name.en}: {scenario.origin.describe('en')}" in text
