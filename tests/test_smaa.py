"""Tests for mcda.smaa: SMAA-2 indices equal a plain loop over the same samples, and properties."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mcda.methods import competition_ranks, get_method, rank
from mcda.model import Criterion, Option, Problem, Scale, Score, Text
from mcda.sensitivity import SensitivityError
from mcda.smaa import (
    SampleSpec,
    draw,
    is_first,
    sample_scores,
    sample_weights,
    smaa,
)

METHODS = ("wsm", "topsis", "vikor", "promethee_ii")


def make_problem(matrix, directions=None, weights=None, spread=None) -> Problem:
    """A problem on 0-100 scales; ``spread`` gives every score a range value -/+ spread."""
    matrix = np.asarray(matrix, dtype=float)
    n, m = matrix.shape
    directions = directions or ["benefit"] * m
    criteria = tuple(
        Criterion(id=f"c{j}", name=Text.same(f"C{j}"), direction=directions[j],
                  scale=Scale(min=0, max=100))
        for j in range(m)
    )

    def score(x: float) -> Score:
        if spread is None:
            return Score(value=x)
        return Score(value=x, range=(max(0.0, x - spread), min(100.0, x + spread)))

    options = tuple(
        Option(id=f"o{i}", name=Text.same(f"O{i}"),
               scores={f"c{j}": score(matrix[i, j]) for j in range(m)})
        for i in range(n)
    )
    weights = [1.0] * m if weights is None else weights
    return Problem(criteria=criteria, options=options,
                   weights={f"c{j}": float(w) for j, w in enumerate(weights)})


def small_problem(spread=None) -> Problem:
    return make_problem(
        [[80, 30, 40], [50, 60, 20], [30, 75, 60], [60, 50, 50]],
        ["benefit", "benefit", "cost"], [3, 2, 1], spread,
    )


def brute_force(problem: Problem, spec: SampleSpec, methods: tuple[str, ...]) -> dict:
    """SMAA-2 by a plain Python loop, one ``rank`` call per sample, over the samples of ``draw``."""
    n, m = problem.matrix.shape
    samples = [(w, x) for W, X in draw(problem, spec)
               for w, x in zip(W, np.broadcast_to(X, (len(W), n, m)), strict=True)]
    out = {}
    firsts = {}
    for name in methods:
        acceptability = np.zeros((n, n))
        first_weights = np.zeros((n, m))
        wins = np.zeros((n, n))
        firsts[name] = []
        for w, x in samples:
            ranks = rank(problem.with_matrix(x).with_weight_vector(w), name).ranks
            for i in range(n):
                acceptability[i, ranks[i] - 1] += 1
                if ranks[i] == 1:
                    first_weights[i] += w
                for k in range(n):
                    wins[i, k] += ranks[i] < ranks[k]
            firsts[name].append(tuple(ranks == 1))
        count = acceptability[:, 0]
        central = [first_weights[i] / count[i] if count[i] else None for i in range(n)]
        confidence = np.zeros(n)
        for i in range(n):
            if central[i] is None:
                continue
            for _, x in samples:
                ranks = rank(problem.with_matrix(x).with_weight_vector(central[i]), name).ranks
                confidence[i] += ranks[i] == 1
        total = len(samples)
        out[name] = {"acceptability": acceptability / total, "central": central,
                     "wins": wins / total, "confidence": confidence / total}
    all_agree = sum(len({firsts[name][s] for name in methods}) == 1 for s in range(len(samples)))
    out["agreement"] = all_agree / len(samples)
    return out


@pytest.mark.parametrize(
    ("weights", "scores"),
    [("uniform", "fixed"), ("around", "ranges"), ("ranking", "fixed"), ("uniform", "ranges")],
)
def test_indices_equal_a_plain_loop_over_the_same_samples(weights: str, scores: str) -> None:
    problem = small_problem(spread=15)
    kwargs = {"samples": 300, "seed": 7, "weights": weights, "scores": scores, "chunk": 128}
    if weights == "around":
        kwargs["concentration"] = 5.0
    result = smaa(problem, METHODS, **kwargs)
    order = tuple(problem.criterion_ids.index(c) for c in result.criteria_ranking or ())
    spec = SampleSpec(samples=300, seed=7, weights=weights,
                      concentration=kwargs.get("concentration", 100.0),
                      order=order or None, scores=scores, chunk=128)
    expected = brute_force(problem, spec, METHODS)
    for name in METHODS:
        got, want = result[name], expected[name]
        np.testing.assert_allclose(got.rank_acceptability, want["acceptability"], atol=1e-12)
        np.testing.assert_allclose(got.pairwise_winning, want["wins"], atol=1e-12)
        np.testing.assert_allclose(got.confidence, want["confidence"], atol=1e-12)
        for i, central in enumerate(want["central"]):
            if central is None:
                assert got.central_weight(problem.option_ids[i]) is None
            else:
                np.testing.assert_allclose(got.central_weights[i], central, atol=1e-12)
    assert result.agreement_all == pytest.approx(expected["agreement"], abs=1e-12)
    assert 0 < result.agreement_all < 1


def test_topsis_acceptabilities_match_pymcdm_on_the_same_samples() -> None:
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    problem = small_problem()
    spec = SampleSpec(samples=200, seed=3, chunk=200)
    W, _ = next(draw(problem, spec))
    topsis = TOPSIS(vector_normalization)
    counts = np.zeros((4, 4))
    for w in W:
        ranks = topsis.rank(topsis(problem.matrix, w, problem.types))
        counts[np.arange(4), ranks.astype(int) - 1] += 1
    result = smaa(problem, ["topsis"], samples=200, seed=3)
    np.testing.assert_allclose(result["topsis"].rank_acceptability, counts / 200)


def test_results_do_not_depend_on_the_chunk_size() -> None:
    problem = small_problem(spread=10)
    a = smaa(problem, METHODS, samples=1000, seed=5, scores="ranges", chunk=1000)
    b = smaa(problem, METHODS, samples=1000, seed=5, scores="ranges", chunk=77)
    for name in METHODS:
        np.testing.assert_array_equal(a[name].rank_acceptability, b[name].rank_acceptability)
        np.testing.assert_array_equal(a[name].pairwise_winning, b[name].pairwise_winning)
        np.testing.assert_array_equal(a[name].confidence, b[name].confidence)
        # sums over chunks in another order: equal up to rounding
        np.testing.assert_allclose(a[name].central_weights, b[name].central_weights, rtol=1e-12)
    assert a.agreement() == b.agreement()


def test_the_same_seed_gives_the_same_result_and_another_seed_another() -> None:
    problem = small_problem()
    a = smaa(problem, METHODS, samples=2000, seed=11)
    b = smaa(problem, METHODS, samples=2000, seed=11)
    c = smaa(problem, METHODS, samples=2000, seed=12)
    assert a.to_json() == b.to_json()
    assert not np.array_equal(a["wsm"].rank_acceptability, c["wsm"].rank_acceptability)


continuous = st.tuples(st.integers(3, 6), st.integers(2, 4), st.integers(0, 2**32 - 1))


@settings(max_examples=25, deadline=None)
@given(continuous)
def test_acceptabilities_sum_to_one_over_ranks_and_options(shape) -> None:
    n, m, seed = shape
    rng = np.random.default_rng(seed)
    problem = make_problem(rng.uniform(1, 99, (n, m)), weights=rng.uniform(0.5, 2, m))
    result = smaa(problem, ["wsm", "topsis", "vikor", "spotis"], samples=300, seed=seed % 1000)
    off = ~np.eye(n, dtype=bool)
    for name, item in result.items():
        b = item.rank_acceptability
        p = item.pairwise_winning
        np.testing.assert_allclose(b.sum(axis=1), 1.0)
        if name == "vikor":
            # VIKOR's Q ties with positive probability (one option best by S and worst by R,
            # another the reverse: both Q = v), so ties are possible even with continuous data.
            assert np.all((p + p.T)[off] <= 1.0 + 1e-12)
        else:
            np.testing.assert_allclose(b.sum(axis=0), 1.0)
            np.testing.assert_allclose((p + p.T)[off], 1.0)
        assert np.all(np.diag(p) == 0)
        assert np.all((item.confidence >= 0) & (item.confidence <= 1))
        firsts = b[:, 0] > 0
        np.testing.assert_allclose(item.central_weights[firsts].sum(axis=1), 1.0)
        assert np.isnan(item.central_weights[~firsts]).all()
        assert np.all(item.confidence[~firsts] == 0)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 40), st.integers(2, 7)),
              elements=st.integers(-5, 5).map(float)), st.sampled_from(["higher", "lower"]))
def test_batched_competition_ranks_and_is_first_with_ties(scores, better) -> None:
    oriented = scores if better == "higher" else -scores
    by_definition = 1 + (oriented[:, None, :] > oriented[:, :, None]).sum(axis=-1)
    np.testing.assert_array_equal(competition_ranks(scores, better), by_definition)
    for i in range(scores.shape[1]):
        np.testing.assert_array_equal(is_first(scores, i, better),
                                      competition_ranks(scores, better)[:, i] == 1)


def test_confidence_with_fixed_scores_is_one_or_zero() -> None:
    result = smaa(small_problem(), METHODS, samples=3000, seed=2)
    for item in result.values():
        assert set(np.unique(item.confidence)) <= {0.0, 1.0}
        for i, option in enumerate(item.option_ids):
            central = item.central_weight(option)
            if central is None:
                continue
            ranks = rank(small_problem().with_weights(central), item.method).ranks
            assert item.confidence[i] == float(ranks[i] == 1)


def test_a_dominated_option_never_ranks_first_and_has_no_central_weights() -> None:
    problem = make_problem([[90, 80], [50, 50], [20, 95]])
    result = smaa(problem, ["wsm"], samples=2000, seed=1)
    wsm = result["wsm"]
    assert wsm.rank_acceptability[1, 0] == 0
    assert wsm.central_weight("o1") is None
    assert wsm.pairwise_winning[0, 1] == 1.0
    assert wsm.to_json()["central_weights"]["o1"] is None


def test_identical_options_tie_and_share_rank_one() -> None:
    problem = make_problem([[70, 70], [70, 70], [10, 20]])
    result = smaa(problem, ["wsm"], samples=500, seed=1)
    wsm = result["wsm"]
    np.testing.assert_allclose(wsm.rank_acceptability[:, 0], [1, 1, 0])
    assert wsm.pairwise_winning[0, 1] == 0 and wsm.pairwise_winning[1, 0] == 0


def test_uniform_weights_cover_the_simplex_evenly() -> None:
    W = sample_weights(np.random.default_rng(0), 200_000, 4)
    np.testing.assert_allclose(W.sum(axis=1), 1.0)
    assert (W >= 0).all()
    np.testing.assert_allclose(W.mean(axis=0), 0.25, atol=0.003)
    # Dirichlet(1,1,1,1): Var = (1/4)(3/4) / 5
    np.testing.assert_allclose(W.var(axis=0), 0.0375, atol=0.001)


def test_weights_around_the_current_ones_have_the_documented_spread() -> None:
    w0 = np.array([0.5, 0.3, 0.2, 0.0])
    W = sample_weights(np.random.default_rng(0), 200_000, 4, "around", w0, concentration=100)
    np.testing.assert_allclose(W.mean(axis=0), w0, atol=0.002)
    np.testing.assert_allclose(W.std(axis=0), np.sqrt(w0 * (1 - w0) / 101), atol=0.002)
    assert (W[:, 3] == 0).all()


def test_ranking_weights_respect_the_order_of_the_criteria() -> None:
    W = sample_weights(np.random.default_rng(0), 10_000, 3, "ranking", order=(2, 0, 1))
    assert (W[:, 2] >= W[:, 0]).all() and (W[:, 0] >= W[:, 1]).all()
    # the centroid of the ordered region is the rank-order centroid (11/18, 5/18, 2/18)
    np.testing.assert_allclose(W.mean(axis=0), [5 / 18, 2 / 18, 11 / 18], atol=0.005)


def test_smaa_ranking_defaults_to_the_order_of_the_current_weights() -> None:
    result = smaa(small_problem(), ["wsm"], samples=100, seed=0, weights="ranking")
    assert result.criteria_ranking == ("c0", "c1", "c2")
    explicit = smaa(small_problem(), ["wsm"], samples=100, seed=0, weights="ranking",
                    criteria_ranking=["c2", "c1", "c0"])
    assert explicit.to_json()["criteria_ranking"] == ["c2", "c1", "c0"]


def test_scores_from_ranges_are_triangular_around_the_value() -> None:
    problem = make_problem([[50, 10], [20, 90]])
    problem = problem.with_matrix(problem.matrix)
    ranged = small_problem(spread=20)
    X = sample_scores(np.random.default_rng(1), 100_000, ranged, "ranges")
    assert X.shape == (100_000, 4, 3)
    assert (ranged.low <= X).all() and (ranged.high >= X).all()
    np.testing.assert_allclose(X.mean(axis=0), (ranged.low + ranged.matrix + ranged.high) / 3,
                               atol=0.1)
    fixed = sample_scores(np.random.default_rng(1), 10, problem, "ranges")
    np.testing.assert_array_equal(fixed, np.broadcast_to(problem.matrix, (10, 2, 2)))
    assert sample_scores(np.random.default_rng(1), 10, ranged, "fixed").shape == (1, 4, 3)


def test_progress_reports_every_chunk_up_to_the_total() -> None:
    seen: list[tuple[int, int]] = []
    smaa(small_problem(spread=5), ["wsm"], samples=250, seed=0, chunk=100, scores="ranges",
         progress=lambda done, total: seen.append((done, total)))
    assert seen == [(100, 500), (200, 500), (250, 500), (350, 500), (450, 500), (500, 500)]


def test_agreement_of_one_method_with_itself_is_complete() -> None:
    result = smaa(small_problem(), ["topsis"], samples=500, seed=0)
    assert result.agreement_all == 1.0
    assert result.agreement() == {"all": 1.0, "pairwise": {"topsis": {}}}


def test_json_has_the_documented_shape() -> None:
    problem = small_problem()
    document = json.loads(json.dumps(smaa(problem, METHODS, samples=500, seed=4).to_json()))
    assert document["samples"] == 500 and document["seed"] == 4
    assert set(document["methods"]) == set(METHODS)
    for item in document["methods"].values():
        assert set(item) >= {"rank_acceptability", "central_weights", "confidence",
                             "pairwise_winning"}
        assert set(item["rank_acceptability"]) == set(problem.option_ids)
        assert all(len(v) == 4 for v in item["rank_acceptability"].values())
        for central in item["central_weights"].values():
            assert central is None or set(central) == set(problem.criterion_ids)
        assert set(item["pairwise_winning"]["o0"]) == {"o1", "o2", "o3"}
    assert set(document["agreement"]["pairwise"]["wsm"]) == {"topsis", "vikor", "promethee_ii"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samples": 0}, "positive whole number"),
        ({"samples": -5}, "positive whole number"),
        ({"samples": 2.5}, "positive whole number"),
        ({"samples": True}, "positive whole number"),
        ({"seed": -1}, "seed"),
        ({"chunk": 0}, "chunk size"),
        ({"methods": ["wsm", "nope"]}, "unknown method 'nope'"),
        ({"weights": "random"}, "unknown weights mode"),
        ({"scores": "noisy"}, "unknown scores mode"),
        ({"concentration": 0}, "concentration"),
        ({"weights": "ranking", "criteria_ranking": ["c0", "c1"]}, "each criterion once"),
        ({"weights": "ranking", "criteria_ranking": ["c0", "c1", "c1"]}, "each criterion once"),
    ],
)
def test_bad_input_is_a_sensitivity_error(kwargs: dict, message: str) -> None:
    kwargs = {"samples": 100, **kwargs}
    with pytest.raises(SensitivityError, match=message):
        smaa(small_problem(), **kwargs)


def test_sample_weights_rejects_an_unknown_mode() -> None:
    with pytest.raises(SensitivityError, match="unknown weights mode"):
        sample_weights(np.random.default_rng(0), 5, 3, "spiky")


def test_methods_are_evaluated_on_the_same_weight_samples() -> None:
    problem = small_problem()
    spec = SampleSpec(samples=50, seed=9, chunk=50)
    W, X = next(draw(problem, spec))
    wsm = get_method("wsm").batch(problem, X, W)
    result = smaa(problem, ["wsm", "spotis"], samples=50, seed=9)
    expected_first = (competition_ranks(wsm, "higher") == 1).mean(axis=0)
    np.testing.assert_allclose(result["wsm"].rank_acceptability[:, 0], expected_first)
    # SPOTIS on declared bounds ranks exactly as WSM: the two always agree.
    assert result.agreement_all == 1.0
