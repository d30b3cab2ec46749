"""The Sensitivity page within the compute budget: the SMAA sample input is capped for the problem,
the cap is explained, and a refused request is a message in the user's language, not a traceback."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from mcda import sensitivity, smaa
from mcda.data import load_case
from mcda.methods import REGISTRY
from tests.ui.test_pages import goto, texts
from ui import state

METHODS = list(REGISTRY)
PROBLEM = load_case().problem()
SIZE_EN = f"{len(PROBLEM.options)} options × {len(PROBLEM.criteria)} criteria"
SIZE_NL = f"{len(PROBLEM.options)} opties × {len(PROBLEM.criteria)} criteria"


def samples_input(app: AppTest):  # type: ignore[no-untyped-def]
    return app.number_input(key="ui_smaa_samples")


def sampled_scores(app: AppTest) -> None:
    """Choose scores drawn within their ranges."""
    app.selectbox(key="ui_smaa_scores").set_value("ranges").run()


def test_fixed_scores_keep_the_apps_maximum_and_say_nothing(app: AppTest) -> None:
    goto(app, "sensitivity")
    assert smaa.max_samples(PROBLEM, METHODS, "fixed") > 1_000_000
    assert samples_input(app).max == 1_000_000
    assert "At most" not in texts(app)


def test_sampled_scores_cap_the_samples_and_the_caption_says_why(app: AppTest) -> None:
    goto(app, "sensitivity")
    limit = smaa.max_samples(PROBLEM, METHODS, "ranges")
    assert 10_000 < limit < 1_000_000
    app.session_state["ui_smaa_samples"] = 1_000_000  # chosen earlier, with fixed scores
    sampled_scores(app)
    assert not app.exception
    assert samples_input(app).max == limit
    assert samples_input(app).value == limit  # an earlier, larger choice is brought down
    assert (f"At most {limit:,} samples for {SIZE_EN} with {len(METHODS)} methods, "
            "scores within their ranges: one run may take about 10 seconds") in texts(app)


def test_the_cap_is_in_dutch_with_dutch_numbers(app: AppTest) -> None:
    app.sidebar.radio(key="ui_lang").set_value("nl").run()
    goto(app, "sensitivity")
    sampled_scores(app)
    limit = smaa.max_samples(PROBLEM, METHODS, "ranges")
    assert f"Hoogstens {limit:,}".replace(",", ".") + f" trekkingen voor {SIZE_NL}" in texts(app)


@pytest.mark.parametrize("lang, expected", [
    ("en", rf"1,000,000 samples for {SIZE_EN} with 5 methods would take about "
           r"\d+ seconds, more than the 10 seconds one run may take\. At most [\d,]+ samples "
           "fit"),
    ("nl", rf"1\.000\.000 trekkingen voor {SIZE_NL} met 5 methoden zouden ongeveer "
           r"\d+ seconden duren, langer dan de 10 seconden die één berekening mag kosten\. "
           r"Hoogstens [\d.]+ trekkingen passen"),
])
def test_a_request_the_engine_refuses_is_an_error_in_the_users_language(
        app: AppTest, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str) -> None:
    # a cap that lags behind the problem (here: none at all) must still end in a message
    monkeypatch.setattr(smaa, "max_samples", lambda *args, **kwargs: 10**9)
    app.sidebar.radio(key="ui_lang").set_value(lang).run()
    goto(app, "sensitivity")
    sampled_scores(app)
    samples_input(app).set_value(1_000_000)
    app.button[-1].click().run()
    assert not app.exception
    assert re.search(expected, " ".join(e.value for e in app.error)), [e.value for e in app.error]
    assert app.session_state["model_smaa"] is None


def test_a_sweep_over_budget_is_explained_not_raised(app: AppTest,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sensitivity.EVALUATION_COST, "vikor", 1e9)
    state._oat.clear()  # the sweeps are cached per problem and method
    goto(app, "sensitivity")
    app.selectbox(key=next(w.key for w in app.selectbox if w.key.startswith("ui_method_"))
                  ).set_value("vikor").run()
    assert not app.exception
    assert f"One-at-a-time sensitivity with VIKOR for {SIZE_EN} would take about" in texts(app)
