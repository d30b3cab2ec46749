"""Validation, immutability and derived arrays of the problem model (mcda.model).

Problem and Case checks run inside pydantic validation; a ProblemError raised there reaches the
caller as a pydantic ValidationError. Both are ValueErrors, so the tests match on ValueError and
the message.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from mcda.model import (
    Case,
    Criterion,
    Evidence,
    Option,
    Problem,
    ProblemError,
    PrometheeSetting,
    Scale,
    Scenario,
    Score,
    Source,
    Text,
    check_weights,
)
from tests.conftest import make_problem


def _criterion(cid: str = "c1", **kw) -> Criterion:
    return Criterion(id=cid, name=Text.same(cid), direction=kw.pop("direction", "benefit"), **kw)


def _option(oid: str, **scores: float) -> Option:
    return Option(id=oid, name=Text.same(oid),
                  scores={k: Score(value=v) for k, v in scores.items()})


# --- fields --------------------------------------------------------------------------------


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError) as info:
        Criterion(id="c1", name=Text.same("c"), direction="benefit", weigth=3)
    assert info.value.errors()[0]["type"] == "extra_forbidden"
    assert info.value.errors()[0]["loc"] == ("weigth",)
    with pytest.raises(ValidationError, match="extra"):
        Score(value=1, source="x")


def test_text():
    text = Text(en="Authority", nl="Gezag")
    assert text.get("nl") == "Gezag"
    assert text.get("en") == "Authority"
    assert text.get("de") == "Authority"
    assert Text.same("x") == Text(en="x", nl="x")
    with pytest.raises(ValidationError):
        Text(en="  ", nl="x")


def test_ids_are_slugs():
    with pytest.raises(ValidationError, match="pattern"):
        _criterion("Bad Id")
    with pytest.raises(ValidationError, match="pattern"):
        Evidence(source="WRR 2017", section="1")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(value):
    with pytest.raises(ValidationError, match="finite"):
        Score(value=value)
    with pytest.raises(ValidationError, match="finite"):
        Score(value=1, range=(0, value) if value > 0 else (value, 2))
    with pytest.raises(ValidationError):
        Scale(min=value, max=100) if value < 0 else Scale(min=0, max=value)
    with pytest.raises(ValueError, match="finite"):
        check_weights({"a": value})


def test_score_range_must_contain_the_value():
    with pytest.raises(ValidationError, match=r"range \[2, 3\] must contain the value 1"):
        Score(value=1, range=(2, 3))
    score = Score(value=2, range=(1, 3))
    assert (score.low, score.high) == (1, 3)
    assert (Score(value=2).low, Score(value=2).high) == (2, 2)


def test_score_cited():
    evidence = (Evidence(source="wrr-2017", section="5.4", quote="..."),)
    assert Score(value=1, evidence=evidence).cited
    assert not Score(value=1, evidence=evidence, assumption=True).cited
    assert not Score(value=1).cited


def test_scale_bounds():
    with pytest.raises(ValidationError, match=r"min \(5.0\) must be below max \(5.0\)"):
        Scale(min=5, max=5)
    assert Scale(min=None, max=5).max == 5


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"function": "linear", "q": 3, "p": 3}, r"q \(3.0\) must be below p \(3.0\)"),
    ({"function": "level", "q": 4, "p": 2}, "must be below p"),
    ({"function": "vshape"}, "needs threshold p"),
    ({"function": "ushape"}, "needs threshold q"),
    ({"function": "usual", "p": 1}, "takes no threshold p"),
    ({"function": "vshape", "p": 2, "q": 1}, "takes no threshold q"),
    ({"function": "linear", "q": -1, "p": 2}, "greater than or equal to 0"),
    ({"function": "vshape", "p": 0}, "greater than 0"),
    ({"function": "triangle"}, "Input should be"),
])
def test_promethee_thresholds(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        PrometheeSetting(**kwargs)


def test_criterion_checks():
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        _criterion(default_weight=-1)
    with pytest.raises(ValidationError, match="finite"):
        _criterion(default_weight=math.inf)
    with pytest.raises(ValidationError, match="anchor 120 lies outside the scale"):
        _criterion(scale=Scale(kind="rating", min=0, max=100),
                   scoring_guide={0: Text.same("none"), 120: Text.same("too much")})
    with pytest.raises(ValidationError):
        _criterion(direction="up")
    crit = _criterion(scale=Scale(unit="M EUR/yr", min=0, max=60))
    assert crit.unit == "M EUR/yr"
    assert _criterion().unit == ""


# --- weights and scenarios -----------------------------------------------------------------


@pytest.mark.parametrize(("weights", "message"), [
    ({}, "no criterion has a weight"),
    ({"a": -1, "b": 2}, "weight of 'a' must not be negative"),
    ({"a": 0, "b": 0}, "all weights are zero"),
    ({"a": "3"}, "must be a finite number"),
    ({"a": True}, "must be a finite number"),
])
def test_check_weights(weights, message):
    with pytest.raises(ProblemError, match=message):
        check_weights(weights)


def test_scenario_weights_are_checked():
    with pytest.raises(ValidationError, match="must not be negative"):
        Scenario(id="s", name=Text.same("s"), origin="test", weights={"a": -1})
    scenario = Scenario(id="s", name=Text.same("s"), origin="WRR (2017)", weights={"a": 2})
    assert scenario.weights == {"a": 2.0}


# --- problem -------------------------------------------------------------------------------


def test_problem_needs_two_options():
    with pytest.raises(ValueError, match="at least two options, got 1"):
        make_problem([[1, 2]])


def test_problem_needs_every_score():
    crits = (_criterion("c1"), _criterion("c2"))
    with pytest.raises(ValueError, match="option 'b' has no score for c2"):
        Problem(criteria=crits, options=(_option("a", c1=1, c2=2), _option("b", c1=2)),
                weights={"c1": 1, "c2": 1})


def test_problem_weights_must_match_the_criteria():
    crits = (_criterion("c1"), _criterion("c2"))
    options = (_option("a", c1=1, c2=2), _option("b", c1=2, c2=1))
    with pytest.raises(ValueError, match="no weight for c2; weights for unknown criteria c3"):
        Problem(criteria=crits, options=options, weights={"c1": 1, "c3": 1})
    with pytest.raises(ValueError, match="all weights are zero"):
        Problem(criteria=crits, options=options, weights={"c1": 0, "c2": 0})
    with pytest.raises(ValueError, match="must not be negative"):
        Problem(criteria=crits, options=options, weights={"c1": -1, "c2": 2})
    with pytest.raises(ValueError, match="no criteria"):
        Problem(criteria=(), options=options, weights={})


def test_problem_values_must_lie_on_the_scale():
    crit = _criterion("c1", scale=Scale(kind="rating", min=0, max=100))
    ok = _option("a", c1=50)
    with pytest.raises(ValueError, match="option 'b', criterion 'c1': score 120"):
        Problem(criteria=(crit,), options=(ok, _option("b", c1=120)), weights={"c1": 1})
    # The uncertainty range must lie on the scale too.
    wide = Option(id="b", name=Text.same("b"), scores={"c1": Score(value=90, range=(80, 110))})
    with pytest.raises(ValueError, match="range 80 to 110"):
        Problem(criteria=(crit,), options=(ok, wide), weights={"c1": 1})


def test_duplicate_ids():
    crit = _criterion("c1")
    with pytest.raises(ValueError, match="duplicate option id 'a'"):
        Problem(criteria=(crit,), options=(_option("a", c1=1), _option("a", c1=2)),
                weights={"c1": 1})
    with pytest.raises(ValueError, match="duplicate criterion id 'c1'"):
        Problem(criteria=(crit, crit), options=(_option("a", c1=1), _option("b", c1=2)),
                weights={"c1": 1})


def test_problem_arrays():
    problem = make_problem([[1, 20], [3, 10]], ["benefit", "cost"], [3, 1],
                           bounds=[(0, 5), (None, None)])
    np.testing.assert_allclose(problem.w, [0.75, 0.25])
    np.testing.assert_allclose(problem.matrix, [[1, 20], [3, 10]])
    assert problem.types.tolist() == [1, -1]
    lo, hi = problem.bounds()
    np.testing.assert_allclose(lo, [0, 10])
    np.testing.assert_allclose(hi, [5, 20])
    assert problem.criterion_ids == ("c1", "c2")
    assert problem.option_ids == ("a1", "a2")
    with pytest.raises(ValueError, match="read-only"):
        problem.matrix[0, 0] = 9
    with pytest.raises(ValueError, match="read-only"):
        problem.w[0] = 1


def test_models_are_frozen():
    problem = make_problem([[1, 2], [2, 1]])
    with pytest.raises(ValidationError, match="frozen"):
        problem.weights = {"c1": 1, "c2": 2}
    with pytest.raises(ValidationError, match="frozen"):
        problem.options[0].scores["c1"].value = 5  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        Text.same("x").en = "y"


def test_with_weights_makes_a_new_problem():
    problem = make_problem([[1, 2], [2, 1]], weights=[1, 1])
    heavier = problem.with_weights({"c1": 3, "c2": 1})
    assert heavier is not problem
    assert problem.weights == {"c1": 1.0, "c2": 1.0}
    np.testing.assert_allclose(problem.w, [0.5, 0.5])
    np.testing.assert_allclose(heavier.w, [0.75, 0.25])
    vector = problem.with_weight_vector(np.array([1.0, 4.0]))
    np.testing.assert_allclose(vector.w, [0.2, 0.8])
    with pytest.raises(ValueError):
        problem.with_weight_vector([1.0])
    with pytest.raises(ValueError, match="must not be negative"):
        problem.with_weights({"c1": -1, "c2": 1})


def test_with_matrix_widens_ranges():
    crit = _criterion("c1")
    options = (Option(id="a", name=Text.same("a"), scores={"c1": Score(value=5, range=(4, 6))}),
               _option("b", c1=1))
    problem = Problem(criteria=(crit,), options=options, weights={"c1": 1})
    moved = problem.with_matrix(np.array([[8.0], [2.0]]))
    assert moved.options[0].scores["c1"].range == (4, 8)
    assert moved.options[1].scores["c1"].range is None
    np.testing.assert_allclose(moved.matrix[:, 0], [8, 2])
    np.testing.assert_allclose(problem.matrix[:, 0], [5, 1])


# --- case ----------------------------------------------------------------------------------


def _case(**overrides) -> Case:
    parts = {
        "criteria": (_criterion("c1"), _criterion("c2", direction="cost", optional=True)),
        "options": (_option("a", c1=1, c2=2), _option("b", c1=2, c2=1)),
        "sources": (Source(id="wrr-2017", title="Veiligheid in een wereld van verbindingen"),),
        "scenarios": (Scenario(id="s", name=Text.same("s"), origin="t", weights={"c1": 1}),),
    }
    parts.update(overrides)
    return Case(**parts)


def test_case_references():
    with pytest.raises(ValueError, match="option 'a' scores unknown criterion 'zz'"):
        _case(options=(_option("a", c1=1, zz=2), _option("b", c1=2)))
    cited = Option(id="a", name=Text.same("a"), scores={"c1": Score(
        value=1, evidence=(Evidence(source="nowhere", section="1"),))})
    with pytest.raises(ValueError, match="option 'a', criterion 'c1': unknown source 'nowhere'"):
        _case(options=(cited, _option("b", c1=2)))
    bad = Scenario(id="t", name=Text.same("t"), origin="t", weights={"c9": 1})
    with pytest.raises(ValueError, match="scenario 't' weighs unknown criteria: c9"):
        _case(scenarios=(bad,))
    with pytest.raises(ValueError, match="duplicate scenario id 's'"):
        _case(scenarios=(_case().scenarios[0],) * 2)


def test_case_lookups_and_problem():
    case = _case()
    assert case.default_weights() == {"c1": 1.0}
    assert case.problem().criterion_ids == ("c1",)
    assert case.problem({"c1": 1, "c2": 1}).criterion_ids == ("c1", "c2")
    assert case.problem(options=["b", "a"]).option_ids == ("b", "a")
    assert case.option("b").id == "b"
    assert case.scenario("s").weights == {"c1": 1.0}
    assert case.source("wrr-2017").title.startswith("Veiligheid")
    with pytest.raises(ProblemError, match=r"unknown criterion 'zz' \(known: c1, c2\)"):
        case.criterion("zz")
    with pytest.raises(ProblemError, match="unknown criteria in the weights: zz"):
        case.problem({"zz": 1})


def test_the_bundled_case_survives_the_json_round_trip() -> None:
    # the app caches by a problem's JSON and workshops store it: scoring-guide keys come back as
    # text ("0", "50"), which the number check must still read
    from mcda.data import load_case

    problem = load_case().problem()
    assert Problem.model_validate_json(problem.model_dump_json()) == problem
    assert Problem.model_validate(problem.model_dump(mode="json")) == problem
