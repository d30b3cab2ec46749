"""Tests of mcda.analysis: dominance, contributions, explain_winner and method agreement."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mcda.analysis import (
    AnalysisError,
    agreement,
    contributions,
    contributions_of,
    dominance,
    dominated,
    explain_winner,
)
from mcda.methods import REGISTRY, MethodResult, competition_ranks, rank, rank_all
from tests.conftest import make_problem


def _result(method: str, ranks: list[int], ids: tuple[str, ...] | None = None) -> MethodResult:
    """A MethodResult with given ranks (scores = -ranks, higher is better)."""
    ids = ids or tuple(f"o{i + 1}" for i in range(len(ranks)))
    r = np.array(ranks)
    return MethodResult(method=method, label=method, better="higher", settings={},
                        definition="", option_ids=ids, criterion_ids=("c1",),
                        weights=np.array([1.0]), scores=-r.astype(float), ranks=r)


# --- dominance ------------------------------------------------------------------------------


def test_dominance_is_direction_aware():
    """c1 benefit, c2 cost. a1 (5, 2) vs a2 (4, 3): better on both -> a1 dominates a2.
    a3 (5, 2) equals a1: neither dominates the other. a4 (6, 9): best on c1, worst on c2,
    so it dominates nobody and nobody dominates it. a3 dominates a2 as a1 does."""
    problem = make_problem([[5, 2], [4, 3], [5, 2], [6, 9]], ["benefit", "cost"],
                           options=["a1", "a2", "a3", "a4"])
    assert dominance(problem) == [("a1", "a2"), ("a3", "a2")]
    assert dominated(problem) == {"a2": ["a1", "a3"]}


def test_dominance_needs_a_strict_improvement():
    """At least as good everywhere and strictly better on one: equal on c1, better on c2."""
    problem = make_problem([[1, 1], [1, 0]], ["benefit", "benefit"])
    assert dominance(problem) == [("a1", "a2")]
    flipped = make_problem([[1, 1], [1, 0]], ["benefit", "cost"])
    assert dominance(flipped) == [("a2", "a1")]
    assert dominated(make_problem([[1, 2], [2, 1]])) == {}


@settings(max_examples=50, deadline=None)
@given(matrix=hnp.arrays(np.float64, st.tuples(st.integers(2, 6), st.integers(1, 3)),
                         elements=st.sampled_from([0.0, 1.0, 2.0, 3.0])),
       cost=st.lists(st.booleans(), min_size=3, max_size=3))
def test_dominance_matches_the_definition_and_the_rankings(matrix, cost):
    """Every pair (a, b) found dominates by the definition, none is missed, and a never ranks
    below b under any method."""
    m = matrix.shape[1]
    directions = ["cost" if c else "benefit" for c in cost[:m]]
    problem = make_problem(matrix, directions)
    sign = np.where(np.array(cost[:m]), -1.0, 1.0)
    ids = problem.option_ids
    expected = [
        (ids[a], ids[b])
        for a in range(len(ids)) for b in range(len(ids))
        if all(sign * matrix[a] >= sign * matrix[b]) and any(sign * matrix[a] > sign * matrix[b])
    ]
    pairs = dominance(problem)
    assert sorted(pairs) == sorted(expected)
    results = rank_all(problem, ["all"])
    for a, b in pairs:
        for result in results.values():
            assert result.rank_of(a) <= result.rank_of(b)


# --- contributions --------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["wsm", "promethee_ii", "spotis"])
def test_contributions_sum_to_the_score_and_come_from_the_result(method):
    problem = make_problem([[3, 10, 1], [5, 30, 2], [4, 20, 0]], ["benefit", "cost", "benefit"],
                           [2, 1, 1])
    parts = contributions(problem, method)
    result = rank(problem, method)
    assert parts.values.shape == (3, 3)
    np.testing.assert_allclose(parts.values, result.details["contributions"])
    np.testing.assert_allclose(parts.values.sum(axis=1), result.scores)
    assert parts.option_ids == ("a1", "a2", "a3")
    assert parts.criterion_ids == ("c1", "c2", "c3")
    assert parts.better == result.better
    assert parts.of("a2") == pytest.approx(dict(zip(parts.criterion_ids, parts.values[1],
                                                    strict=True)))
    json.dumps(parts.to_json(), allow_nan=False)


def test_wsm_contributions_hand_example():
    """w = (.5, .25, .25); observed bounds. a2 (5, 30, 2): c1 (5-3)/2 = 1 -> .5;
    c2 cost (30-30)/20 = 0 -> 0; c3 (2-0)/2 = 1 -> .25."""
    problem = make_problem([[3, 10, 1], [5, 30, 2], [4, 20, 0]], ["benefit", "cost", "benefit"],
                           [2, 1, 1])
    assert contributions(problem, "wsm").of("a2") == pytest.approx(
        {"c1": 0.5, "c2": 0.0, "c3": 0.25})


@pytest.mark.parametrize("method", ["topsis", "vikor"])
def test_contributions_refused_for_non_additive_methods(method):
    problem = make_problem([[1, 2], [2, 1]])
    with pytest.raises(AnalysisError, match="only for additive methods"):
        contributions(problem, method)
    with pytest.raises(AnalysisError, match=method):
        contributions_of(rank(problem, method))


# --- explain_winner -------------------------------------------------------------------------


def test_explain_winner_wsm():
    """Declared 0-100 scales, w = (.5, .3, .2); c3 is a cost.
    nvr (80, 70, 40): contributions .5*.8 = .40, .3*.7 = .21, .2*.6 = .12 -> .73
    planbureau (50, 90, 20): .25, .27, .16 -> .68
    nctv (60, 30, 10): .30, .09, .18 -> .57
    nvr leads planbureau by .05: +.15 on c1, -.06 on c2, -.04 on c3."""
    problem = make_problem(
        [[80, 70, 40], [50, 90, 20], [60, 30, 10]], ["benefit", "benefit", "cost"],
        [0.5, 0.3, 0.2], options=["nvr", "planbureau", "nctv"],
        criteria=["authority", "independence", "cost"], bounds=[(0, 100)] * 3,
    )
    result = rank(problem, "wsm")
    np.testing.assert_allclose(result.scores, [0.73, 0.68, 0.57])
    why = explain_winner(result)
    assert (why.leader, why.other) == ("nvr", "planbureau")
    assert why.margin == pytest.approx(0.05)
    assert [lead.criterion for lead in why.leads] == ["authority", "cost", "independence"]
    assert [lead.advantage for lead in why.leads] == pytest.approx([0.15, -0.04, -0.06])
    assert [lead.criterion for lead in why.gains()] == ["authority"]
    assert [lead.criterion for lead in why.losses()] == ["independence", "cost"]
    assert why.leads[0].leader == pytest.approx(0.40)
    assert why.leads[0].other == pytest.approx(0.25)
    # Against a chosen option: nvr vs nctv = .73 - .57 = .16 = .10 + .12 - .06.
    versus = explain_winner(result, versus="nctv")
    assert versus.margin == pytest.approx(0.16)
    assert {lead.criterion: lead.advantage for lead in versus.leads} == pytest.approx(
        {"authority": 0.10, "independence": 0.12, "cost": -0.06})
    data = versus.to_json()
    assert data["leader"] == "nvr" and data["other"] == "nctv"
    json.dumps(data, allow_nan=False)


def test_explain_winner_for_a_lower_is_better_method():
    """SPOTIS parts are distances: the leader's advantage is the other's distance minus its own."""
    problem = make_problem([[10, 0], [0, 4]], weights=[0.5, 0.5], bounds=[(0, 10), (0, 10)])
    result = rank(problem, "spotis")
    # a1: distances (0, 1) * .5 = (0, .5) -> .5; a2: (1, .6) * .5 = (.5, .3) -> .8.
    why = explain_winner(result)
    assert why.leader == "a1"
    assert why.margin == pytest.approx(0.3)
    assert {lead.criterion: lead.advantage for lead in why.leads} == pytest.approx(
        {"c1": 0.5, "c2": -0.2})


def test_explain_winner_errors():
    problem = make_problem([[1, 2], [2, 1], [3, 3]])
    with pytest.raises(AnalysisError, match="only for additive"):
        explain_winner(rank(problem, "topsis"))
    result = rank(problem, "wsm")
    with pytest.raises(AnalysisError, match="unknown option 'zz'"):
        explain_winner(result, versus="zz")
    with pytest.raises(AnalysisError, match="first-ranked option itself"):
        explain_winner(result, versus="a3")


# --- agreement ------------------------------------------------------------------------------


def test_agreement_hand_computed():
    """Three rankings of four options: A = (1,2,3,4), B = (2,1,3,4), C = (2,3,1,4).

    Spearman A-B: d^2 = 1 + 1 = 2, rho = 1 - 6*2/(4*15) = 0.8; A-C: d^2 = 1+1+4 = 6 -> 0.4.
    Kendall A-B: 6 pairs, 1 discordant -> (5 - 1)/6 = 2/3; A-C: 2 discordant -> 1/3.
    Weighted Spearman (Pinto da Costa & Soares 2005) A-B, N = 4:
      6 * sum (x-y)^2 ((N-x+1) + (N-y+1)) = 6 * (1*(4+3) + 1*(3+4)) = 84;
      N^4 + N^3 - N^2 - N = 300; r_w = 1 - 84/300 = 0.72.
    WS (Salabun & Urbaniak 2020), reference x: 1 - sum 2^-x |x-y| / max(|1-x|, |N-x|).
      WS(A, C) = 1 - (.5*1/3 + .25*1/2 + .125*2/2) = 1 - .416667 = .583333;
      WS(C, A) = 1 - (.25*1/2 + .125*1/2 + .5*2/3) = 1 - .520833 = .479167: asymmetric.
    Consensus: mean ranks (5/3, 2, 7/3, 4) -> 1, 2, 3, 4. Each of o1, o2, o3 is first once.
    """
    results = {"A": _result("A", [1, 2, 3, 4]), "B": _result("B", [2, 1, 3, 4]),
               "C": _result("C", [2, 3, 1, 4])}
    ag = agreement(results)
    assert ag.methods == ("A", "B", "C")
    assert ag.spearman[0, 1] == pytest.approx(0.8)
    assert ag.spearman[0, 2] == pytest.approx(0.4)
    assert ag.kendall[0, 1] == pytest.approx(2 / 3)
    assert ag.kendall[0, 2] == pytest.approx(1 / 3)
    assert ag.weighted_spearman[0, 1] == pytest.approx(0.72)
    assert ag.ws[0, 2] == pytest.approx(1 - (0.5 / 3 + 0.25 / 2 + 0.125))
    assert ag.ws[2, 0] == pytest.approx(1 - (0.25 / 2 + 0.125 / 2 + 0.5 * 2 / 3))
    np.testing.assert_allclose(np.diag(ag.spearman), 1.0)
    np.testing.assert_allclose(ag.spearman, ag.spearman.T)
    np.testing.assert_allclose(ag.mean_rank, [5 / 3, 2, 7 / 3, 4])
    assert ag.consensus.tolist() == [1, 2, 3, 4]
    assert ag.consensus_order == ["o1", "o2", "o3", "o4"]
    np.testing.assert_allclose(ag.first_share, [1 / 3, 1 / 3, 1 / 3, 0])
    assert not ag.agree_on_first
    data = ag.to_json()
    json.dumps(data, allow_nan=False)
    assert data["spearman"]["A"]["B"] == pytest.approx(0.8)
    assert data["ws"]["C"]["A"] == pytest.approx(ag.ws[2, 0])
    assert data["consensus"]["ranks"] == {"o1": 1, "o2": 2, "o3": 3, "o4": 4}
    assert data["ranks"]["C"]["o3"] == 1


def test_agreement_ties_and_undefined_coefficients():
    """A ranking that ties every option has no rank correlation with a strict one (NaN, null
    in JSON); identical rankings agree with 1; a tied mean rank is a tied consensus."""
    results = {"x": _result("x", [1, 2]), "y": _result("y", [2, 1]),
               "flat": _result("flat", [1, 1])}
    ag = agreement(results)
    assert ag.spearman[0, 1] == pytest.approx(-1.0)
    assert np.isnan(ag.kendall[0, 2]) and np.isnan(ag.ws[2, 1])
    assert ag.kendall[2, 2] == 1.0
    assert ag.consensus.tolist() == [1, 1]
    assert ag.to_json()["kendall_tau_b"]["x"]["flat"] is None
    np.testing.assert_allclose(ag.first_share, [2 / 3, 2 / 3])


def test_agreement_aligns_options_by_id_and_checks_them():
    a = _result("a", [1, 2, 3], ("p", "q", "r"))
    b = _result("b", [3, 1, 2], ("r", "p", "q"))  # p 1, q 2, r 3: the same ranking
    ag = agreement({"a": a, "b": b})
    assert ag.ranks.tolist() == [[1, 2, 3], [1, 2, 3]]
    assert ag.agree_on_first and ag.kendall[0, 1] == 1.0
    with pytest.raises(AnalysisError, match="other options"):
        agreement({"a": a, "c": _result("c", [1, 2, 3], ("p", "q", "s"))})
    with pytest.raises(AnalysisError, match="at least one"):
        agreement({})


def test_agreement_on_all_methods_of_a_problem():
    problem = make_problem([[3, 10, 1], [5, 30, 2], [4, 20, 0], [1, 5, 1]],
                           ["benefit", "cost", "benefit"])
    results = rank_all(problem, ["all"])
    ag = agreement(results)
    assert ag.methods == tuple(REGISTRY)
    for i, result in enumerate(results.values()):
        assert ag.ranks[i].tolist() == result.ranks.tolist()
    assert ag.agree_on_first == (len({r.first for r in results.values()}) == 1)


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 7).flatmap(
    lambda n: st.lists(st.permutations(range(1, n + 1)), min_size=1, max_size=5)))
def test_consensus_is_borda(rankings):
    """Ordering by mean rank equals ordering by Borda count: points n - rank, summed."""
    n = len(rankings[0])
    ids = tuple(f"o{i}" for i in range(n))
    results = {f"m{k}": _result(f"m{k}", list(r), ids) for k, r in enumerate(rankings)}
    borda = sum(n - np.array(r) for r in rankings)
    assert agreement(results).consensus.tolist() == competition_ranks(borda, "higher").tolist()
