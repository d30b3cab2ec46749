"""Tests for mcda.sensitivity: one-at-a-time sweeps and flip, against brute force on small cases."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mcda import sensitivity
from mcda.methods import DEFAULT_METHODS, competition_ranks, get_method, rank
from mcda.model import Criterion, Option, Problem, Scale, Score, Text
from mcda.sensitivity import (
    LINEAR_METHODS,
    SensitivityError,
    flip,
    oat,
    oat_all,
    pair_order,
    sweep_weights,
)

ALL_METHODS = ("wsm", "topsis", "vikor", "promethee_ii", "spotis")


def make_problem(matrix, directions=None, weights=None) -> Problem:
    """A problem on 0-100 scales with options o0.. and criteria c0.."""
    matrix = np.asarray(matrix, dtype=float)
    n, m = matrix.shape
    directions = directions or ["benefit"] * m
    criteria = tuple(
        Criterion(id=f"c{j}", name=Text(en=f"Crit {j}", nl=f"Crit NL {j}"),
                  direction=directions[j], scale=Scale(min=0, max=100))
        for j in range(m)
    )
    options = tuple(
        Option(id=f"o{i}", name=Text(en=f"Option {i}", nl=f"Optie {i}"),
               scores={f"c{j}": Score(value=matrix[i, j]) for j in range(m)})
        for i in range(n)
    )
    weights = [1.0] * m if weights is None else weights
    return Problem(criteria=criteria, options=options,
                   weights={f"c{j}": float(w) for j, w in enumerate(weights)})


def random_problem(seed: int, n: int = 6, m: int = 4) -> Problem:
    rng = np.random.default_rng(seed)
    directions = ["benefit", "cost"] * m
    return make_problem(rng.uniform(5, 95, (n, m)), directions[:m], rng.uniform(1, 5, m))


def scores_at(problem: Problem, method: str, W: np.ndarray) -> np.ndarray:
    return get_method(method).batch(problem, problem.matrix[None], np.atleast_2d(W))


def first_sets(problem: Problem, method: str, W: np.ndarray) -> np.ndarray:
    meth = get_method(method)
    return competition_ranks(scores_at(problem, method, W), meth.better) == 1


def transitions(keys: np.ndarray, grid: np.ndarray) -> list[float]:
    """Midpoints of grid cells where the row key changes, with isolated tie points dropped."""
    out = []
    i = 0
    while i < len(keys) - 1:
        if (keys[i] != keys[i + 1]).any():
            j = i + 1
            while (j < len(keys) - 1 and (keys[j] != keys[i]).any()
                   and (keys[j] != keys[j + 1]).any()):
                j += 1
            if (keys[j] != keys[i]).any():
                out.append(float((grid[i] + grid[j]) / 2))
            i = j
        else:
            i += 1
    return out


def window(values: list[float], gap: float = 1e-4) -> list[float]:
    """Values away from the ends (a tie at an end point is not a switch), merged within gap."""
    inside = sorted(t for t in values if 5e-5 < t < 1 - 5e-5)
    return [t for n, t in enumerate(inside) if n == 0 or t - inside[n - 1] > gap]


# --- sweep weights ----------------------------------------------------------------------------


def test_sweep_weights_keep_the_other_ratios_and_pass_through_the_current_weights() -> None:
    w0 = np.array([0.5, 0.3, 0.2])
    t = np.array([0.0, 0.2, 0.5, 1.0])
    W = sweep_weights(w0, 0, t)
    np.testing.assert_allclose(W.sum(axis=1), 1.0)
    np.testing.assert_allclose(W[:, 0], t)
    np.testing.assert_allclose(W[:3, 1] / W[:3, 2], 1.5)
    np.testing.assert_allclose(W[2], w0)
    np.testing.assert_allclose(W[3], [1.0, 0.0, 0.0])


def test_sweep_weights_share_equally_when_the_swept_criterion_has_all_weight() -> None:
    W = sweep_weights(np.array([1.0, 0.0, 0.0]), 0, np.array([0.4]))
    np.testing.assert_allclose(W, [[0.4, 0.3, 0.3]])


@pytest.mark.parametrize("better", ["higher", "lower"])
def test_first_sets_and_pair_order_read_competition_ranks(better: str) -> None:
    # the sweeps' bisection reads only these; they must agree with the ranks, ties included
    rng = np.random.default_rng(4)
    scores = rng.integers(0, 4, (2000, 6)).astype(float)  # many exact ties
    scores[::3] += rng.choice([0.0, 5e-10, 2e-9], (len(scores[::3]), 6))  # ties within tolerance
    scores[1::7] *= 1e4  # a tolerance relative to the largest magnitude
    ranks = competition_ranks(scores, better)
    np.testing.assert_array_equal(sensitivity.first_sets(scores, better), ranks == 1)
    i, k = rng.integers(0, 6, (2, len(scores)))
    rows = np.arange(len(scores))
    np.testing.assert_array_equal(pair_order(scores, i, k, better),
                                  np.sign(ranks[rows, k] - ranks[rows, i]))


# --- one-at-a-time ----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_wsm_switch_points_are_exact_intersections(seed: int) -> None:
    problem = random_problem(seed)
    result = oat(problem, "wsm")
    assert result.exact
    found = 0
    for j, sweep in enumerate(result.sweeps):
        for switch in sweep.switches:
            W = sweep_weights(problem.w, j, np.array([switch.weight]))
            s = np.sort(scores_at(problem, "wsm", W)[0])[::-1]
            assert abs(s[0] - s[1]) < 1e-9
            found += 1
        for t in sweep.rank_switches:
            s = np.sort(scores_at(problem, "wsm", sweep_weights(problem.w, j, np.array([t])))[0])
            assert np.min(np.diff(s)) < 1e-9
    assert found > 0


@pytest.mark.parametrize("method", ALL_METHODS)
@pytest.mark.parametrize("seed", [1, 2, 5])
def test_switch_points_equal_a_dense_sweep(method: str, seed: int) -> None:
    problem = random_problem(seed)
    result = oat(problem, method)
    grid = np.linspace(0.0, 1.0, 40_001)
    for j, sweep in enumerate(result.sweeps):
        dense = first_sets(problem, method, sweep_weights(problem.w, j, grid))
        expected = window(transitions(dense, grid))
        got = window([s.weight for s in sweep.switches])
        assert len(got) == len(expected), (sweep.criterion, got, expected)
        np.testing.assert_allclose(got, expected, atol=1e-4)
        for switch in sweep.switches:
            above = first_sets(problem, method, sweep_weights(
                problem.w, j, np.array([min(switch.weight + 1e-4, 1.0)])))[0]
            assert switch.first == tuple(o for o, f in zip(problem.option_ids, above,
                                                            strict=True) if f)


@pytest.mark.parametrize("method", ALL_METHODS)
def test_rank_switches_equal_a_dense_sweep(method: str) -> None:
    problem = random_problem(7, n=5, m=3)
    meth = get_method(method)
    result = oat(problem, method)
    grid = np.linspace(0.0, 1.0, 40_001)
    i, k = np.triu_indices(len(problem.option_ids), 1)
    for j, sweep in enumerate(result.sweeps):
        ranks = competition_ranks(scores_at(problem, method, sweep_weights(problem.w, j, grid)),
                                  meth.better)
        expected: list[float] = []
        for a, b in zip(i, k, strict=True):
            state = np.sign(ranks[:, b] - ranks[:, a])[:, None]
            expected.extend(transitions(state, grid))
        got = window(list(sweep.rank_switches))
        assert len(got) == len(window(expected)), (sweep.criterion, method)
        np.testing.assert_allclose(got, window(expected), atol=1e-4)


@pytest.mark.parametrize("method", ALL_METHODS)
def test_current_first_holds_inside_the_stability_interval_and_not_beyond(method: str) -> None:
    problem = random_problem(11)
    result = oat(problem, method)
    current = first_sets(problem, method, problem.w)[0]
    for j, sweep in enumerate(result.sweeps):
        lo, hi = sweep.stability
        assert lo <= sweep.current <= hi
        inside = np.linspace(lo, hi, 50)[1:-1]
        assert (first_sets(problem, method, sweep_weights(problem.w, j, inside)) == current).all()
        for edge, step in ((lo, -1e-4), (hi, 1e-4)):
            if 1e-4 < edge < 1 - 1e-4:
                beyond = first_sets(problem, method, sweep_weights(
                    problem.w, j, np.array([edge + step])))[0]
                assert (beyond != current).any()


def test_sweep_arrays_have_one_row_per_grid_point() -> None:
    problem = random_problem(3)
    result = oat(problem, "topsis", points=51)
    sweep = result.sweep("c1")
    assert sweep.grid.shape == (51,)
    assert sweep.scores.shape == (51, 6)
    assert sweep.ranks.shape == (51, 6)
    np.testing.assert_allclose(
        sweep.scores[10], scores_at(problem, "topsis", sweep_weights(problem.w, 1,
                                                                     sweep.grid[10:11]))[0])


def test_a_tie_at_the_current_weights_has_a_point_stability_interval() -> None:
    problem = make_problem([[100, 0], [0, 100], [40, 40]])
    result = oat(problem, "wsm")
    assert result.current_first == ("o0", "o1")
    sweep = result.sweep("c0")
    assert sweep.stability == (0.5, 0.5)
    assert [(s.weight, s.first) for s in sweep.switches] == [(0.5, ("o0",))]
    document = result.to_json()
    assert document["criteria"]["c1"]["switches"] == [{"weight": 0.5, "first": "o1"}]


def test_identical_options_stay_tied_first_over_the_whole_sweep() -> None:
    problem = make_problem([[80, 80], [80, 80], [10, 20]], weights=[2, 1])
    result = oat(problem, "topsis")
    assert result.current_first == ("o0", "o1")
    for sweep in result.sweeps:
        assert sweep.stability == (0.0, 1.0)
        assert sweep.switches == ()


def test_oat_json_has_the_documented_shape() -> None:
    problem = random_problem(2)
    document = json.loads(json.dumps(oat(problem, "vikor").to_json()))
    assert document["method"] == "vikor"
    assert set(document["criteria"]) == set(problem.criterion_ids)
    for crit, item in document["criteria"].items():
        assert item["current"] == pytest.approx(problem.w[problem.criterion_ids.index(crit)])
        lo, hi = item["stability"]
        assert 0 <= lo <= item["current"] <= hi <= 1
        for switch in item["switches"]:
            assert set(switch) <= {"weight", "first", "tied"}
            assert switch["first"] in problem.option_ids


def test_oat_all_covers_the_methods_asked_for() -> None:
    problem = random_problem(4)
    assert tuple(oat_all(problem)) == DEFAULT_METHODS
    results = oat_all(problem, ["all"])
    assert tuple(results) == ALL_METHODS
    assert results["wsm"].exact and not results["topsis"].exact
    assert set(LINEAR_METHODS) == {name for name, r in results.items() if r.exact}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"method": "nope"}, "unknown method"), ({"points": 2}, "at least 3 points")],
)
def test_oat_rejects_bad_input(kwargs: dict, message: str) -> None:
    with pytest.raises(SensitivityError, match=message):
        oat(random_problem(1), **kwargs)


def test_oat_refuses_when_all_options_tie() -> None:
    problem = make_problem([[50, 50], [50, 50], [50, 50]])
    for method in ALL_METHODS:
        with pytest.raises(SensitivityError, match="all options tie"):
            oat(problem, method)


def test_oat_needs_two_criteria() -> None:
    with pytest.raises(SensitivityError, match="two weighted criteria"):
        oat(make_problem([[10], [20]]), "wsm")


# --- flip -------------------------------------------------------------------------------------


def random_search(problem: Problem, method: str, option: int, rng: np.random.Generator,
                  k: int = 200_000) -> np.ndarray:
    """L1 distances of random weight vectors (uniform and near the current ones) that work."""
    m = len(problem.w)
    uniform = rng.dirichlet(np.ones(m), k)
    near = np.clip(problem.w + rng.normal(0, 0.1, (k, m)), 0, None)
    near /= near.sum(axis=1, keepdims=True)
    W = np.vstack([uniform, near])
    ok = first_sets(problem, method, W)[:, option]
    return np.abs(W[ok] - problem.w).sum(axis=1)


def losers(problem: Problem, method: str) -> list[str]:
    ranks = rank(problem, method).ranks
    return [o for o, r in zip(problem.option_ids, ranks, strict=True) if r > 1]


@pytest.mark.parametrize("method", ALL_METHODS)
@pytest.mark.parametrize("seed", [1, 2])
def test_flip_puts_the_option_first_and_random_search_finds_nothing_nearer(
    method: str, seed: int
) -> None:
    problem = random_problem(seed, n=5, m=3)
    rng = np.random.default_rng(seed)
    reached = 0
    for option in losers(problem, method):
        result = flip(problem, option, method)
        a = problem.option_ids.index(option)
        distances = random_search(problem, method, a, rng, k=50_000)
        if not result.reachable:
            assert result.distance is None and result.weights is None
            assert len(distances) == 0
            continue
        reached += 1
        assert rank(problem.with_weight_vector(result.weights), method).rank_of(option) == 1
        assert result.distance == pytest.approx(np.abs(result.weights - problem.w).sum())
        assert result.weights.sum() == pytest.approx(1.0)
        assert (result.weights >= 0).all()
        tolerance = 1e-9 if method in LINEAR_METHODS else 2e-3
        assert len(distances) == 0 or distances.min() >= result.distance - tolerance
    assert reached > 0


def test_wsm_flip_equals_a_dense_grid_over_the_simplex() -> None:
    problem = make_problem([[90, 20, 40], [40, 80, 30], [55, 55, 70], [30, 30, 30]],
                           weights=[5, 3, 2])
    step = 1 / 400
    a, b = np.meshgrid(np.arange(0, 1 + step / 2, step), np.arange(0, 1 + step / 2, step))
    W = np.column_stack([a.ravel(), b.ravel(), 1 - a.ravel() - b.ravel()])
    W = W[W[:, 2] >= -1e-12].clip(0, None)
    for option in ("o1", "o2"):
        result = flip(problem, option, "wsm")
        ok = first_sets(problem, "wsm", W)[:, problem.option_ids.index(option)]
        best = np.abs(W[ok] - problem.w).sum(axis=1).min()
        assert result.distance <= best + 1e-9
        assert result.distance >= best - 2 * step


def test_flip_of_a_dominated_option_is_unreachable() -> None:
    problem = make_problem([[90, 80], [50, 50], [20, 95]])
    result = flip(problem, "o1", "wsm")
    assert not result.reachable
    assert result.to_json()["distance"] is None
    assert result.to_json()["weights"] is None
    assert "No weighting" in result.sentence("en")
    assert "Geen enkele weging" in result.sentence("nl")
    assert not flip(problem, "o1", "topsis").reachable


def test_flip_of_the_first_option_changes_nothing() -> None:
    problem = make_problem([[90, 80], [50, 50], [20, 95]])
    result = flip(problem, "o0", "vikor")
    assert result.reachable and result.distance == 0.0
    np.testing.assert_allclose(result.weights, problem.w)
    assert result.sentence("en") == "Option 0 already ranks first under VIKOR."


def test_flip_sentence_and_json_name_the_changes_in_points() -> None:
    problem = make_problem([[90, 10], [10, 90], [40, 40]], weights=[3, 1])
    result = flip(problem, "o1", "wsm")
    assert result.distance == pytest.approx(0.5)
    np.testing.assert_allclose(result.weights, [0.5, 0.5])
    assert result.tied_with == ("o0",)
    assert result.sentence("en") == (
        "Option 1 ranks first under Weighted sum (WSM) with: Crit 0 -25 points, Crit 1 +25 points."
        " It is then level with Option 0; a little more puts it first alone.")
    assert result.sentence("nl").startswith(
        "Optie 1 komt onder Weighted sum (WSM) op de eerste plaats met: Crit NL 0 -25 punten, "
        "Crit NL 1 +25 punten.")
    document = json.loads(json.dumps(result.to_json()))
    assert document["option"] == "o1" and document["method"] == "wsm"
    assert document["reachable"] is True
    assert document["weights"] == pytest.approx({"c0": 0.5, "c1": 0.5})
    assert document["sentence"]["en"] == result.sentence("en")


def test_flip_is_exact_for_the_linear_methods_only() -> None:
    problem = random_problem(3, n=5, m=3)
    option = losers(problem, "wsm")[0]
    assert flip(problem, option, "promethee_ii").exact
    assert not flip(problem, option, "topsis").exact


@pytest.mark.parametrize(
    ("option", "method", "message"),
    [("zzz", "wsm", "unknown option 'zzz'"), ("o0", "nope", "unknown method 'nope'")],
)
def test_flip_rejects_bad_input(option: str, method: str, message: str) -> None:
    with pytest.raises(SensitivityError, match=message):
        flip(random_problem(1), option, method)


def test_flip_refuses_when_all_options_tie() -> None:
    with pytest.raises(SensitivityError, match="all options tie"):
        flip(make_problem([[50, 50], [50, 50]]), "o0", "topsis")
