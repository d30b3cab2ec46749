"""Known-answer, reference and property tests of the method registry (mcda.methods).

Three kinds of evidence that each method computes what its definition says:
- published worked examples and hand computations, with the arithmetic in the comments;
- pymcdm 1.4.0 configured as in our definitions, on the same and on random matrices;
- properties every sound method has (dominance, scale invariance of the weights, direction
  flips, permutations of the options), checked with hypothesis.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mcda.methods import (
    DEFAULT_METHODS,
    REGISTRY,
    MethodError,
    competition_ranks,
    compromise_set,
    get_method,
    preference,
    rank,
    rank_all,
    resolve_methods,
)
from mcda.model import PrometheeSetting
from tests.conftest import make_problem

ALL = tuple(REGISTRY)


def _pymcdm():
    """pymcdm's methods and normalisations, imported lazily (the import takes over a second)."""
    from pymcdm import methods, normalizations

    return methods, normalizations


def _reference(method: str, X: np.ndarray, w: np.ndarray, types: np.ndarray) -> np.ndarray:
    """pymcdm configured as our definitions say, observed bounds everywhere."""
    pm, norm = _pymcdm()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if method == "wsm":
            return pm.WSM(norm.minmax_normalization)(X, w, types)
        if method == "topsis":
            return pm.TOPSIS(norm.vector_normalization)(X, w, types)
        if method == "vikor":
            return pm.VIKOR()(X, w, types)
        if method == "promethee_ii":
            return pm.PROMETHEE_II("usual")(X, w, types)
        if method == "spotis":
            return pm.SPOTIS(pm.SPOTIS.make_bounds(X))(X, w, types)
    raise AssertionError(method)


# --- TOPSIS: Hwang & Yoon (1981) -------------------------------------------------------------

# Hwang, C.-L. & Yoon, K. (1981), Multiple Attribute Decision Making: Methods and Applications,
# Springer, the fighter aircraft example: A1..A4 on max speed (Mach), ferry range (NM), max payload
# (lbs), acquisition cost ($ million, the only cost attribute), reliability and maneuverability
# (qualitative, on the book's 1-10 scale: average 5, low 3, high 7, very high 9).
AIRCRAFT = [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]
AIRCRAFT_DIRECTIONS = ["benefit", "benefit", "benefit", "cost", "benefit", "benefit"]
AIRCRAFT_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]


def test_topsis_hwang_yoon_fighter_aircraft():
    """Hwang & Yoon (1981): the published ranking A1 > A3 > A4 > A2.

    What was verified how: the weights and the data's ordinal structure match the example as
    reproduced by the Czech University of Life Sciences' ORMS pages ("Fighter Aircraft Problem",
    w = (0.2, 0.1, 0.1, 0.1, 0.2, 0.3); its concordance matrix, e.g. c(1,2) = 0.7, c(3,4) = 0.8,
    c(4,1) = 0.7, follows from these numbers). The closeness values below were computed by this
    engine and, independently, by pymcdm TOPSIS(vector_normalization), which agree to 1e-12; they
    could not be compared with the book's printed table here, so they are asserted to 3 decimals
    as computed (C* = 0.643, 0.268, 0.614, 0.312).
    """
    problem = make_problem(AIRCRAFT, AIRCRAFT_DIRECTIONS, AIRCRAFT_WEIGHTS,
                           options=["A1", "A2", "A3", "A4"])
    result = rank(problem, "topsis")
    assert result.order == ["A1", "A3", "A4", "A2"]
    np.testing.assert_allclose(result.scores, [0.643, 0.268, 0.614, 0.312], atol=6e-4)
    reference = _reference("topsis", problem.matrix, problem.w, problem.types)
    np.testing.assert_allclose(result.scores, reference, rtol=1e-12)
    # The ideal takes the lowest cost (4.5 of A3) and the anti-ideal the highest (6.5 of A2):
    # weighted vector-normalised cost = 0.1 * x / sqrt(5.5^2 + 6.5^2 + 4.5^2 + 5^2) = 0.1 x / 11.01.
    norm = np.sqrt(5.5**2 + 6.5**2 + 4.5**2 + 5.0**2)
    assert result.details["ideal"][3] == pytest.approx(0.1 * 4.5 / norm)
    assert result.details["anti_ideal"][3] == pytest.approx(0.1 * 6.5 / norm)
    d_plus, d_minus = result.details["d_plus"], result.details["d_minus"]
    np.testing.assert_allclose(result.scores, d_minus / (d_plus + d_minus))


def test_topsis_two_option_hand_example():
    """Two options, one benefit criterion: the better one sits on the ideal (C = 1)."""
    result = rank(make_problem([[3.0], [4.0]]), "topsis")
    # r = (3, 4)/5 = (0.6, 0.8); ideal 0.8, anti-ideal 0.6; a1: d+ 0.2, d- 0 -> C = 0.
    np.testing.assert_allclose(result.scores, [0.0, 1.0])
    np.testing.assert_allclose(result.details["normalised"][:, 0], [0.6, 0.8])


# --- VIKOR: Opricovic & Tzeng (2004) ---------------------------------------------------------

# Opricovic, S. & Tzeng, G.-H. (2004), "Compromise solution by MCDM methods: A comparative analysis
# of VIKOR and TOPSIS", EJOR 156(2), 445-455, numerical example: three alternatives, f1 to be
# minimised and f2 maximised, equal weights, v = 0.5. The data (as reproduced in pymcdm's TOPSIS
# docstring and in other VIKOR implementations' examples) are A1 (1, 3000), A2 (2, 3750),
# A3 (5, 4500). The paper's tables could not be consulted here; S, R and Q are hand-computed.
OT_MATRIX = [[1, 3000], [2, 3750], [5, 4500]]


def test_vikor_opricovic_tzeng_example():
    """Hand computation (Opricovic & Tzeng 2004, steps 1-5):

    f1 (cost): f* = 1, f- = 5, d1 = (x - 1)/4 = 0, 0.25, 1
    f2 (benefit): f* = 4500, f- = 3000, d2 = (4500 - x)/1500 = 1, 0.5, 0
    S = 0.5 d1 + 0.5 d2 = 0.5, 0.375, 0.5;  R = max(0.5 d1, 0.5 d2) = 0.5, 0.25, 0.5
    Q = 0.5 (S - 0.375)/0.125 + 0.5 (R - 0.25)/0.25 = 1, 0, 1
    C1: Q(A1) - Q(A2) = 1 >= DQ = 1/(3 - 1) = 0.5; C2: A2 is also best by S and by R.
    So the compromise solution is A2 alone.
    """
    problem = make_problem(OT_MATRIX, ["cost", "benefit"], [0.5, 0.5],
                           options=["A1", "A2", "A3"])
    result = rank(problem, "vikor")
    d = result.details
    np.testing.assert_allclose(d["S"], [0.5, 0.375, 0.5])
    np.testing.assert_allclose(d["R"], [0.5, 0.25, 0.5])
    np.testing.assert_allclose(d["Q"], [1.0, 0.0, 1.0])
    np.testing.assert_allclose(result.scores, d["Q"])
    assert result.ranks.tolist() == [2, 1, 2]
    assert d["dq"] == pytest.approx(0.5)
    assert d["acceptable_advantage"] and d["acceptable_stability"]
    assert d["compromise"] == ["A2"]
    np.testing.assert_allclose(
        result.scores, _reference("vikor", problem.matrix, problem.w, problem.types))
    # The same data under classic TOPSIS (vector normalisation) rank A1 first: the two methods'
    # different normalisations are the paper's point. Values from our engine and pymcdm.
    topsis = rank(problem, "topsis")
    assert topsis.order == ["A1", "A2", "A3"]
    np.testing.assert_allclose(
        topsis.scores, _reference("topsis", problem.matrix, problem.w, problem.types))


def test_vikor_pymcdm_docstring_example():
    """pymcdm's VIKOR docstring: 5 x 4 benefit matrix, equal weights -> Q as printed there."""
    matrix = [[78, 56, 34, 6], [4, 45, 3, 97], [18, 2, 50, 63], [9, 14, 11, 92],
              [85, 9, 100, 29]]
    result = rank(make_problem(matrix), "vikor")
    np.testing.assert_allclose(result.scores, [0.5679, 0.7667, 1.0, 0.7493, 0.0], atol=5e-5)
    # a5 has Q = 0: best by S and R, advantage 0.5679 >= DQ = 1/4 -> {a5}.
    assert result.details["compromise"] == ["a5"]


def test_vikor_compromise_when_only_stability_fails():
    """C1 holds, C2 fails -> {a(1), a(2)} (Opricovic & Tzeng 2004, step 5).

    Five options, DQ = 1/4. a1 has the lowest Q (0.1) but is best neither by S (a2 is) nor by
    R (a3 is); a(2) by Q is a2 with Q 0.5: advantage 0.4 >= 0.25.
    """
    ids = ("a1", "a2", "a3", "a4", "a5")
    S = np.array([0.32, 0.30, 0.50, 0.50, 0.50])
    R = np.array([0.12, 0.30, 0.10, 0.30, 0.30])
    Q = np.array([0.10, 0.50, 0.60, 1.00, 1.00])
    out = compromise_set(ids, S, R, Q)
    assert out["acceptable_advantage"] and not out["acceptable_stability"]
    assert out["compromise"] == ["a1", "a2"]


def test_vikor_compromise_when_advantage_fails():
    """C1 fails -> a(1)..a(M), every option with Q(a(M)) - Q(a(1)) < DQ (here 1/3)."""
    ids = ("a1", "a2", "a3", "a4")
    S = np.array([0.2, 0.3, 0.4, 0.9])
    R = np.array([0.1, 0.2, 0.3, 0.5])
    Q = np.array([0.0, 0.2, 0.33, 1.0])
    out = compromise_set(ids, S, R, Q)
    assert not out["acceptable_advantage"] and out["acceptable_stability"]
    assert out["compromise"] == ["a1", "a2", "a3"]
    # Exactly DQ apart is an acceptable advantage (Q(a2) - Q(a1) >= DQ).
    edge = compromise_set(ids, S, R, np.array([0.0, 1 / 3, 0.5, 1.0]))
    assert edge["acceptable_advantage"] and edge["compromise"] == ["a1"]


def test_vikor_compromise_from_a_problem_with_close_q():
    """An integrated case where C1 fails: two options nearly equal, a third far behind.

    Benefit criteria, equal weights. d = (f* - x)/(f* - f-):
    a1 (10, 0): d = (0, 1); a2 (0, 10): d = (1, 0); a3 (5, 4): d = (0.5, 0.6)
    S = 0.5, 0.5, 0.55; R = 0.5, 0.5, 0.3; Q = 0.5 * (S - 0.5)/0.05 + 0.5 * (R - 0.3)/0.2
      = 0.5, 0.5, 0.5: all tied, so no advantage: every option is in the compromise set.
    """
    result = rank(make_problem([[10, 0], [0, 10], [5, 4]]), "vikor")
    np.testing.assert_allclose(result.details["S"], [0.5, 0.5, 0.55])
    np.testing.assert_allclose(result.details["R"], [0.5, 0.5, 0.3])
    np.testing.assert_allclose(result.scores, [0.5, 0.5, 0.5])
    assert result.ranks.tolist() == [1, 1, 1]
    assert not result.details["acceptable_advantage"]
    assert sorted(result.details["compromise"]) == ["a1", "a2", "a3"]


def test_vikor_v_setting():
    with pytest.raises(MethodError, match="v must lie in"):
        get_method("vikor", v=1.5)
    problem = make_problem(OT_MATRIX, ["cost", "benefit"], [0.5, 0.5])
    # v = 1: Q is the normalised S alone: (S - 0.375)/0.125 = 1, 0, 1.
    result = rank(problem, "vikor", v=1.0)
    np.testing.assert_allclose(result.scores, [1.0, 0.0, 1.0])
    assert result.settings == {"v": 1.0}


# --- PROMETHEE II ----------------------------------------------------------------------------


def test_promethee_pymcdm_docstring_example():
    """pymcdm's PROMETHEE_II docstring; usual criterion, all benefit, w = (0.5, 0.3, 0.2).

    c1 = (4, 3, 5): a1 > a2, a3 > a1, a3 > a2;  c2 = (3, 2, 1): a1 > a2, a1 > a3, a2 > a3;
    c3 = (2, 4, 3): a2 > a1, a2 > a3, a3 > a1.
    pi(a1,a2) = .5 + .3 = .8, pi(a1,a3) = .3, pi(a2,a1) = .2, pi(a2,a3) = .3 + .2 = .5,
    pi(a3,a1) = .5 + .2 = .7, pi(a3,a2) = .5.
    phi+ = (1.1, .7, 1.2)/2, phi- = (.9, 1.3, .8)/2 -> phi = (0.1, -0.3, 0.2).
    """
    problem = make_problem([[4, 3, 2], [3, 2, 4], [5, 1, 3]], weights=[0.5, 0.3, 0.2])
    result = rank(problem, "promethee_ii")
    np.testing.assert_allclose(result.scores, [0.1, -0.3, 0.2])
    np.testing.assert_allclose(result.details["phi_plus"], [0.55, 0.35, 0.6])
    np.testing.assert_allclose(result.details["phi_minus"], [0.45, 0.65, 0.4])
    np.testing.assert_allclose(result.details["contributions"].sum(axis=1), result.scores)


def test_promethee_hand_example_vshape_and_level():
    """Three options; c1 benefit, V-shape p = 10; c2 cost, level q = 1, p = 3; w = (0.6, 0.4).

    c1 = (0, 5, 20): d(a2,a1) = 5 -> 5/10 = .5; d(a3,a1) = 20 -> 1; d(a3,a2) = 15 -> 1.
    c2 = (1, 2, 5), cost, so d(a,b) = x_b - x_a: d(a1,a2) = 1 -> not above q -> 0;
      d(a1,a3) = 4 > p -> 1; d(a2,a3) = 3: above q, not above p -> .5.
    pi(a1,a2) = 0, pi(a1,a3) = .4, pi(a2,a1) = .6*.5 = .3, pi(a2,a3) = .4*.5 = .2,
    pi(a3,a1) = .6, pi(a3,a2) = .6.
    phi+ = (.4, .5, 1.2)/2 = (.2, .25, .6); phi- = (.9, .6, .6)/2 = (.45, .3, .3)
    phi = (-.25, -.05, .3).
    """
    problem = make_problem(
        [[0, 1], [5, 2], [20, 5]], ["benefit", "cost"], [0.6, 0.4],
        promethee={"c1": PrometheeSetting(function="vshape", p=10),
                   "c2": PrometheeSetting(function="level", q=1, p=3)},
    )
    result = rank(problem, "promethee_ii")
    np.testing.assert_allclose(result.details["phi_plus"], [0.2, 0.25, 0.6])
    np.testing.assert_allclose(result.details["phi_minus"], [0.45, 0.3, 0.3])
    np.testing.assert_allclose(result.scores, [-0.25, -0.05, 0.3])
    assert result.settings == {"normalised_by": "n-1"}
    assert result.details["functions"]["c2"] == {"function": "level", "q": 1.0, "p": 3.0}
    # Per-criterion contributions: w_j * (phi+_j - phi-_j). c1: a1 (0 - 1.5/2) * .6 = -.45.
    np.testing.assert_allclose(result.details["contributions"][:, 0], [-0.45, -0.15, 0.6])


@pytest.mark.parametrize(
    ("function", "q", "p", "expected"),
    [
        # d =           -1   0    0.5  1    2    3    4
        ("usual", None, None, [0, 0, 1, 1, 1, 1, 1]),
        ("ushape", 1, None, [0, 0, 0, 0, 1, 1, 1]),
        ("vshape", None, 2, [0, 0, 0.25, 0.5, 1, 1, 1]),
        ("level", 1, 3, [0, 0, 0, 0, 0.5, 0.5, 1]),
        ("linear", 1, 3, [0, 0, 0, 0, 0.5, 1, 1]),
    ],
)
def test_preference_functions(function, q, p, expected):
    """Brans & Vincke (1985) preference functions: thresholds are strict on the low side
    (d = q is still indifference) and P reaches 1 at d = p (linear, vshape) or above p (level)."""
    d = np.array([-1, 0, 0.5, 1, 2, 3, 4], dtype=float)
    np.testing.assert_allclose(preference(d, function, q, p), expected)


def test_gaussian_preference():
    d = np.array([-1.0, 0.0, 2.0])
    expected = [0.0, 0.0, 1 - np.exp(-4 / (2 * 2.0**2))]
    np.testing.assert_allclose(preference(d, "gaussian", None, 2.0), expected)


@pytest.mark.parametrize(("ours", "theirs", "needs"), [
    ("usual", "usual", ()),
    ("ushape", "ushape", ("q",)),
    ("vshape", "vshape", ("p",)),
    ("level", "level", ("q", "p")),
    ("linear", "vshape_2", ("q", "p")),
])
def test_promethee_matches_pymcdm(ours, theirs, needs):
    """pymcdm PROMETHEE_II with the same thresholds (q indifference, p preference, in the
    criterion's unit; its flows are also divided by n - 1). pymcdm names our 'linear' vshape_2.
    A new pymcdm instance per call: its threshold iterators work only once."""
    pm, _ = _pymcdm()
    rng = np.random.default_rng(7)
    for _ in range(10):
        n, m = rng.integers(3, 8), rng.integers(2, 5)
        X = rng.integers(0, 20, size=(n, m)).astype(float)
        types = rng.choice([1, -1], size=m)
        w = rng.dirichlet(np.ones(m))
        q = rng.uniform(0.5, 3, size=m)
        p = q + rng.uniform(0.5, 6, size=m)
        settings_ = {
            f"c{j + 1}": PrometheeSetting(
                function=ours,
                q=float(q[j]) if "q" in needs else None,
                p=float(p[j]) if "p" in needs else None,
            )
            for j in range(m)
        }
        problem = make_problem(X, ["benefit" if t > 0 else "cost" for t in types], w,
                               promethee=settings_)
        kwargs = {name: {"q": q, "p": p}[name] for name in needs}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            expected = pm.PROMETHEE_II(theirs, **kwargs)(X, problem.w, types)
        np.testing.assert_allclose(rank(problem, "promethee_ii").scores, expected, atol=1e-12)


# --- WSM ------------------------------------------------------------------------------------


def test_wsm_declared_versus_observed_bounds():
    """WSM normalises on the declared scale bounds when there are, else on the observed range.

    Options a1 (60, 0), a2 (45, 10), a3 (50, 5), both criteria benefit, equal weights.
    Declared 0-100: a1 .5*.60 + .5*0 = .300; a2 .5*.45 + .5*.10 = .275; a3 .5*.50 + .5*.05 = .275
      -> ranks 1, 2, 2 (a tie shares the better rank).
    Observed (c1 45-60, c2 0-10): a1 .5*1 + 0 = .5; a2 0 + .5*1 = .5; a3 .5/3 + .5*.5 = .41667
      -> ranks 1, 1, 3. The bounds are part of the model, not a detail.
    """
    matrix = [[60, 0], [45, 10], [50, 5]]
    declared = rank(make_problem(matrix, bounds=[(0, 100), (0, 100)]), "wsm")
    np.testing.assert_allclose(declared.scores, [0.300, 0.275, 0.275])
    assert declared.ranks.tolist() == [1, 2, 2]
    np.testing.assert_allclose(declared.details["lo"], [0, 0])
    np.testing.assert_allclose(declared.details["hi"], [100, 100])
    observed = rank(make_problem(matrix), "wsm")
    np.testing.assert_allclose(observed.scores, [0.5, 0.5, 0.5 / 3 + 0.25])
    assert observed.ranks.tolist() == [1, 1, 3]
    np.testing.assert_allclose(observed.details["lo"], [45, 0])
    np.testing.assert_allclose(observed.details["hi"], [60, 10])
    # One side declared: lo = 0 from the scale, hi = 60 observed; c1 = 60/60, 45/60, 50/60.
    half = rank(make_problem(matrix, bounds=[(0, None), (None, None)]), "wsm")
    np.testing.assert_allclose(half.details["normalised"][:, 0], [1.0, 0.75, 50 / 60])


def test_wsm_cost_criterion_and_contributions():
    """Cost on a declared 0-60 scale: (hi - x)/(hi - lo); contributions sum to the score."""
    problem = make_problem([[70, 15], [40, 45]], ["benefit", "cost"], [3, 1],
                           bounds=[(0, 100), (0, 60)])
    result = rank(problem, "wsm")
    # w = (.75, .25); a1: .75*.7 + .25*(45/60) = .525 + .1875; a2: .75*.4 + .25*(15/60) = .3625
    np.testing.assert_allclose(result.scores, [0.7125, 0.3625])
    np.testing.assert_allclose(result.details["contributions"],
                               [[0.525, 0.1875], [0.3, 0.0625]])


def test_non_discriminating_criterion_is_direction_free():
    """A criterion where every option has the same value (no declared bounds) normalises to 1
    in both directions, as pymcdm's min-max normalisation does, so flipping its direction
    changes no score. (It used to give 0 for benefit and 1 for cost.)"""
    for direction in ("benefit", "cost"):
        problem = make_problem([[1, 5], [2, 5], [3, 5]], ["benefit", direction])
        wsm = rank(problem, "wsm")
        np.testing.assert_allclose(wsm.details["normalised"][:, 1], [1, 1, 1])
        np.testing.assert_allclose(wsm.scores, [0.5, 0.75, 1.0])
        np.testing.assert_allclose(rank(problem, "spotis").scores, [0.5, 0.25, 0.0])


# --- SPOTIS ---------------------------------------------------------------------------------


def test_spotis_with_declared_bounds():
    """SPOTIS (Dezert et al. 2020) on the example of pymcdm's SPOTIS docstring (bounds
    c1 [-5, 12], c2 [-6, 10] cost, c3 [-8, 5]; w = (.2, .3, .5)); printed result
    [0.1989, 0.3705, 0.3063, 0.7491]. Hand check of a1 = (10.5, -3.1, 1.7):
    .2 * |10.5 - 12|/17 + .3 * |-3.1 - (-6)|/16 + .5 * |1.7 - 5|/13
    = .2 * .088235 + .3 * .18125 + .5 * .253846 = .017647 + .054375 + .126923 = .198945.
    """
    problem = make_problem(
        [[10.5, -3.1, 1.7], [-4.7, 0, 3.4], [8.1, 0.3, 1.3], [3.2, 7.3, -5.3]],
        ["benefit", "cost", "benefit"], [0.2, 0.3, 0.5],
        bounds=[(-5, 12), (-6, 10), (-8, 5)],
    )
    result = rank(problem, "spotis")
    np.testing.assert_allclose(result.scores, [0.1989, 0.3705, 0.3063, 0.7491], atol=5e-5)
    assert result.scores[0] == pytest.approx(0.2 * 1.5 / 17 + 0.3 * 2.9 / 16 + 0.5 * 3.3 / 13)
    assert result.order == ["a1", "a3", "a2", "a4"]
    np.testing.assert_allclose(result.details["contributions"].sum(axis=1), result.scores)
    pm, _ = _pymcdm()
    bounds = np.array([[-5, 12], [-6, 10], [-8, 5]], dtype=float)
    np.testing.assert_allclose(
        result.scores, pm.SPOTIS(bounds)(problem.matrix, problem.w, problem.types))


# --- all methods against pymcdm, batch equals single ----------------------------------------


@pytest.mark.parametrize("method", ALL)
def test_methods_match_pymcdm_on_random_matrices(method):
    """Random problems (3-8 options, 2-6 criteria, mixed directions, observed bounds)."""
    rng = np.random.default_rng(2024)
    for _ in range(25):
        n, m = rng.integers(3, 9), rng.integers(2, 7)
        X = rng.uniform(1, 100, size=(n, m))
        types = rng.choice([1, -1], size=m)
        w = rng.dirichlet(np.ones(m))
        problem = make_problem(X, ["benefit" if t > 0 else "cost" for t in types], w)
        result = rank(problem, method)
        expected = _reference(method, problem.matrix, problem.w, problem.types)
        np.testing.assert_allclose(result.scores, expected, rtol=1e-10, atol=1e-12)
        better = get_method(method).better
        np.testing.assert_array_equal(result.ranks, competition_ranks(expected, better))


@pytest.mark.parametrize("method", ALL)
def test_batch_over_weights_equals_single_rankings(method):
    """batch(problem, X (1, n, m), W (k, m)) row i == rank(problem with weights W[i])."""
    rng = np.random.default_rng(11)
    problem = make_problem(rng.uniform(0, 10, size=(6, 4)), ["benefit", "cost", "cost", "benefit"])
    W = rng.dirichlet(np.ones(4), size=9)
    W[0] = [0.0, 0.0, 1.0, 0.0]
    batch = get_method(method).batch(problem, problem.matrix[None], W)
    single = np.array([rank(problem.with_weight_vector(w), method).scores for w in W])
    np.testing.assert_allclose(batch, single, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("method", ALL)
def test_batch_over_matrices_equals_single_rankings(method):
    """batch(problem, X (k, n, m), W (k, m)): each sample its own matrix and weights."""
    rng = np.random.default_rng(5)
    problem = make_problem(rng.uniform(0, 10, size=(5, 3)), ["benefit", "cost", "benefit"])
    X = rng.uniform(0, 10, size=(6, 5, 3))
    W = rng.dirichlet(np.ones(3), size=6)
    batch = get_method(method).batch(problem, X, W)
    single = np.array([rank(problem.with_matrix(x).with_weight_vector(w), method).scores
                       for x, w in zip(X, W, strict=True)])
    np.testing.assert_allclose(batch, single, rtol=1e-12, atol=1e-12)


# --- registry -------------------------------------------------------------------------------


def test_registry_and_resolution():
    assert set(ALL) == {"wsm", "topsis", "vikor", "promethee_ii", "spotis"}
    assert resolve_methods(None) == DEFAULT_METHODS
    assert resolve_methods(["all"]) == ALL
    assert resolve_methods(["vikor", "wsm", "vikor"]) == ("vikor", "wsm")
    with pytest.raises(MethodError, match="unknown method 'electre'"):
        resolve_methods(["electre"])
    with pytest.raises(MethodError, match="does not take these settings"):
        get_method("wsm", v=0.3)
    problem = make_problem([[1, 2], [2, 1], [3, 3]])
    results = rank_all(problem)
    assert tuple(results) == DEFAULT_METHODS
    for name, result in results.items():
        assert result.method == name and result.definition
        assert result.first == ("a3",)
        assert result.to_json()["ranks"]["a3"] == 1


# --- competition ranks ----------------------------------------------------------------------


def test_competition_ranks_share_the_best_rank():
    assert competition_ranks(np.array([9.0, 5.0, 5.0, 1.0]), "higher").tolist() == [1, 2, 2, 4]
    assert competition_ranks(np.array([1.0, 5.0, 5.0, 9.0]), "lower").tolist() == [1, 2, 2, 4]
    # Rounding noise below the tolerance does not split a tie.
    assert competition_ranks(np.array([0.3, 0.1 + 0.2, 0.0]), "higher").tolist() == [1, 1, 3]
    # Batched along the leading axis.
    both = competition_ranks(np.array([[3.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), "higher")
    assert both.tolist() == [[1, 3, 1], [3, 2, 1]]


@settings(max_examples=50, deadline=None)
@given(scores=hnp.arrays(np.float64, st.integers(2, 8),
                         elements=st.sampled_from([0.0, 0.25, 0.5, 1.0, 2.0])),
       better=st.sampled_from(["higher", "lower"]))
def test_competition_ranks_property(scores, better):
    """rank = 1 + the number of strictly better options; equal scores share a rank."""
    ranks = competition_ranks(scores, better)
    for i, s in enumerate(scores):
        strictly_better = (scores > s) if better == "higher" else (scores < s)
        assert ranks[i] == 1 + strictly_better.sum()


# --- properties -----------------------------------------------------------------------------

VALUES = st.floats(0, 100, allow_nan=False, allow_infinity=False, allow_subnormal=False)
WEIGHTS = st.floats(0.01, 1, allow_nan=False, allow_subnormal=False)


@st.composite
def problems(draw, min_options: int = 2):
    """A random problem: 2-6 options, 1-4 criteria, mixed directions, positive weights."""
    n = draw(st.integers(min_options, 6))
    m = draw(st.integers(1, 4))
    matrix = draw(hnp.arrays(np.float64, (n, m), elements=VALUES))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=m, max_size=m))
    weights = draw(st.lists(WEIGHTS, min_size=m, max_size=m))
    return make_problem(matrix, directions, weights)


@settings(max_examples=50, deadline=None)
@given(problem=problems(),
       worse=st.lists(st.floats(0, 50, allow_subnormal=False), min_size=4, max_size=4),
       where=st.integers(0, 3))
def test_a_dominating_option_never_ranks_below_the_one_it_dominates(problem, worse, where):
    """Make a2 a copy of a1 that is worse by worse[j] >= 0 on every criterion (in the
    criterion's direction) and strictly worse on one: a1 dominates a2 and must rank at least
    as well under every method."""
    m = len(problem.criteria)
    delta = np.array(worse[:m])
    delta[where % m] += 1.0
    matrix = problem.matrix.copy()
    matrix[1] = matrix[0] - problem.types * delta
    dominated_problem = problem.with_matrix(matrix)
    for method in ALL:
        result = rank(dominated_problem, method)
        assert result.ranks[0] <= result.ranks[1], method


@settings(max_examples=50, deadline=None)
@given(problem=problems(), factor=st.floats(1e-3, 1e3))
def test_scaling_all_weights_changes_nothing(problem, factor):
    scaled = problem.with_weights({k: v * factor for k, v in problem.weights.items()})
    for method in ALL:
        a, b = rank(problem, method), rank(scaled, method)
        np.testing.assert_allclose(a.scores, b.scores, rtol=1e-9, atol=1e-12)
        np.testing.assert_array_equal(a.ranks, b.ranks)


def _flipped(problem, j):
    """The same problem with criterion j's direction reversed."""
    crit = problem.criteria[j]
    other = "cost" if crit.direction == "benefit" else "benefit"
    criteria = list(problem.criteria)
    criteria[j] = crit.model_copy(update={"direction": other})
    return type(problem)(criteria=tuple(criteria), options=problem.options,
                         weights=problem.weights)


@settings(max_examples=50, deadline=None)
@given(problem=problems(), pick=st.integers(0, 3))
def test_direction_flip_mirrors_normalised_values(problem, pick):
    """WSM: the benefit and cost normalisations of one criterion sum to 1 (when it
    discriminates; a constant criterion is 1 either way). TOPSIS: ideal and anti-ideal swap."""
    j = pick % len(problem.criteria)
    flipped = _flipped(problem, j)
    a, b = rank(problem, "wsm"), rank(flipped, "wsm")
    column = problem.matrix[:, j]
    expected = 2.0 if column.min() == column.max() else 1.0
    np.testing.assert_allclose(
        a.details["normalised"][:, j] + b.details["normalised"][:, j], expected, atol=1e-12)
    t, u = rank(problem, "topsis"), rank(flipped, "topsis")
    assert t.details["ideal"][j] == pytest.approx(u.details["anti_ideal"][j])
    assert t.details["anti_ideal"][j] == pytest.approx(u.details["ideal"][j])


@settings(max_examples=50, deadline=None)
@given(problem=problems(), seed=st.integers(0, 2**32 - 1))
def test_permuting_options_permutes_results(problem, seed):
    perm = np.random.default_rng(seed).permutation(len(problem.options))
    shuffled = type(problem)(criteria=problem.criteria,
                             options=tuple(problem.options[i] for i in perm),
                             weights=problem.weights)
    for method in ALL:
        a, b = rank(problem, method), rank(shuffled, method)
        np.testing.assert_allclose(b.scores, a.scores[perm], rtol=1e-9, atol=1e-12)
        np.testing.assert_array_equal(b.ranks, a.ranks[perm])
        assert b.option_ids == tuple(a.option_ids[i] for i in perm)
