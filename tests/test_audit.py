"""The integrity audit on small problems with known answers (issue 9)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcda import cli
from mcda.audit import (
    NEVER_FIRST_SAMPLES,
    assumption_share,
    audit,
    correlated_criteria,
    never_first,
    shared_evidence,
    unflagged_numbers,
)
from mcda.model import Criterion, Evidence, Option, Problem, Scale, Score, Text
from mcda.sensitivity import SensitivityError, flip
from tests.conftest import make_problem

UNIT = [(0.0, 1.0), (0.0, 1.0)]


def test_a_dominated_option_is_named_with_its_dominator() -> None:
    problem = make_problem([[3, 3], [2, 3], [1, 4]])
    found = audit(problem)
    assert found.dominated == (("a2", "a1"),)
    sentence = next(s for k, s in found.sentences(problem) if k == "dominated")
    assert "a2 is dominated by a1" in sentence


@pytest.mark.parametrize("method", ["wsm", "promethee_ii", "spotis", "topsis", "vikor"])
def test_a_middling_option_that_no_weighting_puts_first(method: str) -> None:
    # wsm scores on [0, 1] bounds: a1 = w1, a2 = w2, a3 = 0.4; max(w1, w2) >= 0.5 > 0.4 always
    problem = make_problem([[1, 0], [0, 1], [0.4, 0.4]], bounds=UNIT)
    found = never_first(problem, method)
    assert found.exact == (method in ("wsm", "promethee_ii", "spotis"))
    if method in ("wsm", "spotis", "topsis"):
        assert found.options == ("a3",)
    assert "a1" not in found.options and "a2" not in found.options


def test_a_balanced_option_can_win_where_the_weights_are_even() -> None:
    # a3 = 0.6 beats max(w1, w2) for w1 in (0.4, 0.6)
    problem = make_problem([[1, 0], [0, 1], [0.6, 0.6]], bounds=UNIT)
    assert never_first(problem, "wsm").options == ()
    assert never_first(problem, "topsis").options == ()


def test_an_option_that_can_only_tie_is_never_first() -> None:
    # a2 equals a1 on c1 and is worse on c2: level at best (weight all on c1)
    problem = make_problem([[1, 1], [1, 0], [0, 0.5]], bounds=UNIT)
    assert "a2" in never_first(problem, "wsm").options


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(0, 4), min_size=3, max_size=3), min_size=3, max_size=5),
       st.sampled_from(["wsm", "spotis", "promethee_ii"]))
def test_never_first_agrees_with_the_flip_linear_programme(rows: list[list[int]],
                                                          method: str) -> None:
    problem = make_problem(rows, bounds=[(0.0, 4.0)] * 3)
    try:
        expected = set()
        for option in problem.option_ids:
            result = flip(problem, option, method)
            if not (result.reachable and result.alone):
                expected.add(option)
    except SensitivityError as exc:  # every option level at the current weights: no flip
        assert "all options tie" in str(exc)
        return
    assert set(never_first(problem, method).options) == expected


def _option(oid: str, scores: dict[str, Score]) -> Option:
    return Option(id=oid, name=Text.same(oid), scores=scores)


def _criterion(cid: str, unit: str | None = None) -> Criterion:
    kind = "quantity" if unit else "rating"
    return Criterion(id=cid, name=Text.same(cid.title()), direction="benefit",
                     scale=Scale(kind=kind, unit=unit, min=0, max=100))


QUOTE = "het zou ongetwijfeld nog jaren duren voordat een nieuw planbureau gezag heeft opgebouwd"


def _cited(value: float, quote: str, assumption: bool = False) -> Score:
    return Score(value=value, evidence=(Evidence(source="s", section="1", quote=quote),),
                 assumption=assumption)


def test_one_passage_for_two_criteria_is_shared_evidence() -> None:
    crits = (_criterion("authority"), _criterion("time"), _criterion("cost"))
    a = _option("a", {"authority": _cited(30, QUOTE),
                      "time": _cited(20, QUOTE.split(" gezag")[0]),  # the same passage, cut
                      "cost": _cited(50, "een ander citaat over iets anders")})
    b = _option("b", {"authority": _cited(60, "gezag"), "time": _cited(60, "tijd"),
                      "cost": _cited(60, "kosten")})
    problem = Problem(criteria=crits, options=(a, b), weights={c.id: 1 for c in crits})
    found = shared_evidence(problem)
    assert [(o, c) for o, c, _ in found] == [("a", ("authority", "time"))]


def test_criteria_that_order_the_options_alike_are_paired() -> None:
    # c2 rises with c1; c3 (a cost) falls with c1, so in its own direction it agrees too
    problem = make_problem([[1, 10, 9, 5], [2, 20, 7, 1], [3, 30, 5, 4], [4, 40, 1, 2]],
                           ["benefit", "benefit", "cost", "benefit"])
    pairs = {(a, b): rho for a, b, rho in correlated_criteria(problem)}
    assert pairs == {("c1", "c2"): pytest.approx(1.0), ("c1", "c3"): pytest.approx(1.0),
                     ("c2", "c3"): pytest.approx(1.0)}


def test_three_options_are_too_few_to_call_criteria_correlated() -> None:
    assert correlated_criteria(make_problem([[1, 1], [2, 2], [3, 3]])) == []


def test_the_assumption_share_is_the_weighted_value_resting_on_assumptions() -> None:
    crits = (_criterion("x"), _criterion("y"))
    a = _option("a", {"x": _cited(100, "q"), "y": _cited(50, "r", assumption=True)})
    b = _option("b", {"x": _cited(0, "q"), "y": _cited(0, "r")})
    problem = Problem(criteria=crits, options=(a, b), weights={"x": 3, "y": 1})
    # a: x gives 0.75 * 1.0, y gives 0.25 * 0.5 (assumed) -> 0.125 / 0.875
    share = assumption_share(problem)
    assert share["a"] == pytest.approx(0.125 / 0.875)
    assert share["b"] == 0.0


def test_a_number_in_a_unit_needs_a_flag_or_a_quote_with_a_number() -> None:
    crits = (_criterion("years", unit="years"), _criterion("rating"))
    a = _option("a", {"years": _cited(6, "het duurt jaren"), "rating": _cited(10, "x")})
    b = _option("b", {"years": _cited(6, "het duurt jaren", assumption=True),
                      "rating": _cited(10, "x")})
    c = _option("c", {"years": _cited(2, "binnen 2 jaar"), "rating": _cited(10, "x")})
    problem = Problem(criteria=crits, options=(a, b, c), weights={"years": 1, "rating": 1})
    assert unflagged_numbers(problem) == [("a", "years")]


def test_sentences_in_dutch_name_the_options_and_the_sample_size() -> None:
    problem = make_problem([[1, 0], [0, 1], [0.4, 0.4]], bounds=UNIT)
    found = audit(problem, methods=("wsm", "topsis"))
    sentences = dict(found.sentences(problem, "nl"))
    assert "Geen weging zet a3 alleen op de eerste plaats" in sentences["never_first"]
    english = [s for k, s in found.sentences(problem) if k == "never_first"]
    assert any(f"{NEVER_FIRST_SAMPLES:,} sampled weightings" in s for s in english)
    assert any("(exact)" in s for s in english)


def test_cli_audit_json_has_the_contract_shape_and_exits_0(capsys) -> None:
    assert cli.main(["audit", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"dominated", "never_first", "shared_evidence", "correlated_criteria",
            "assumption_share", "unflagged_numbers", "scenarios"} <= set(data)
    assert set(data["scenarios"].values()) <= {"published", "reconstructed", "illustrative"}
    assert all(0 <= share <= 1 for share in data["assumption_share"].values())


def test_cli_audit_table_lists_every_section(capsys, tmp_path) -> None:
    matrix = tmp_path / "m.csv"
    matrix.write_text("option,c1,c2\na,1,0\nb,0,1\nc,0.4,0.4\n", encoding="utf-8")
    criteria = tmp_path / "c.csv"
    criteria.write_text("id,direction,weight,min,max\nc1,benefit,1,0,1\nc2,benefit,1,0,1\n",
                        encoding="utf-8")
    assert cli.main(["audit", "--matrix", str(matrix), "--criteria", str(criteria)]) == 0
    out = capsys.readouterr().out
    for heading in ("Dominated options:", "Options no weighting puts first:",
                    "Numbers without a source"):
        assert heading in out
    assert "No weighting puts c first on its own under Weighted sum (WSM)" in out
