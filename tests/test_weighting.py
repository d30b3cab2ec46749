"""Tests for mcda.weighting: known answers from the literature, properties, and bad input."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mcda.weighting import (
    CR_THRESHOLD,
    MAX_AHP_CRITERIA,
    RANDOM_INDEX_SAATY,
    AHPResult,
    WeightingError,
    ahp,
    ahp_from_judgements,
    normalise,
    parse_ahp_value,
    parse_pairwise_csv,
    points,
    rank_order_centroid,
    rank_reciprocal,
    rank_sum,
    read_pairwise_csv,
    swing,
)

# ---------------------------------------------------------------------------------------------
# Known-answer examples
# ---------------------------------------------------------------------------------------------

# Saaty, T.L. (2008) "Decision making with the analytic hierarchy process", Int. J. Services
# Sciences 1(1), 83-98: "Which drink is consumed more in the US?" Published derived priorities
# (3 decimals): coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129, water .327.
DRINKS = ("coffee", "wine", "tea", "beer", "sodas", "milk", "water")
DRINKS_MATRIX = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
DRINKS_PUBLISHED = (0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327)

# Saaty, T.L. (1990) "How to make a decision: the analytic hierarchy process", European Journal of
# Operational Research 48, 9-26: choosing a house, 8 criteria (size of house, transportation,
# neighbourhood, age, yard space, modern facilities, general condition, financing). Published:
# priorities .173 .054 .188 .018 .031 .036 .167 .333; lambda_max = 9.669, C.I. = 0.238,
# C.R. = 0.169 (with Saaty's RI = 1.41 for n = 8).
HOUSE = ("size", "transport", "neighbourhood", "age", "yard", "facilities", "condition", "finance")
HOUSE_MATRIX = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]
HOUSE_PUBLISHED = (0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333)


def test_saaty_2008_drinks_weights_and_cr() -> None:
    """Saaty (2008) drinks example: weights match the published 3-decimal priorities.

    The paper gives no CR for this matrix; lambda_max = 7.1766 and CR = 0.0223 (RI 1.32) are our
    own computation, cross-checked against pymcdm below and against AHPy's test suite, which also
    reports CR 0.022 for this matrix with a Saaty random index.
    """
    result = ahp(DRINKS_MATRIX, DRINKS)
    assert tuple(result.weights) == DRINKS
    for got, published in zip(result.weights.values(), DRINKS_PUBLISHED, strict=True):
        assert got == pytest.approx(published, abs=5e-4)
    assert result.lambda_max == pytest.approx(7.1766, abs=1e-4)
    assert result.random_index == 1.32
    assert result.cr == pytest.approx(0.0223, abs=1e-4)
    assert result.is_consistent


def test_saaty_1990_house_weights_lambda_ci_cr() -> None:
    """Saaty (1990) house example: weights, lambda_max, CI and CR all match the published ones."""
    result = ahp(HOUSE_MATRIX, HOUSE)
    for got, published in zip(result.weights.values(), HOUSE_PUBLISHED, strict=True):
        assert got == pytest.approx(published, abs=5e-4)
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.ci == pytest.approx(0.238, abs=5e-4)
    assert result.cr == pytest.approx(0.169, abs=5e-4)
    assert result.random_index == 1.41
    assert not result.is_consistent
    # the judgement furthest from the ratio of the priorities, |log(a_ij w_j / w_i)|, i before j
    w = np.array(list(result.weights.values()))
    a = np.array(HOUSE_MATRIX, dtype=float)
    deviation = np.abs(np.log(a * w[None, :] / w[:, None]))
    i, j = np.unravel_index(np.argmax(np.triu(deviation, 1)), deviation.shape)
    assert result.most_inconsistent == (HOUSE[i], HOUSE[j])
    assert result.suggested_value == pytest.approx(w[i] / w[j])


@pytest.mark.parametrize(
    ("matrix", "criteria"),
    [(DRINKS_MATRIX, DRINKS), (HOUSE_MATRIX, HOUSE)],
    ids=["drinks", "house"],
)
def test_ahp_agrees_with_pymcdm(matrix: list[list[float]], criteria: tuple[str, ...]) -> None:
    """Eigenvector weights and lambda_max agree with pymcdm's AHP built from the same matrix.

    pymcdm's CR uses Tummala & Ling's random index, so lambda_max is recovered from its CR with
    its own table (CI = CR * RI_M) instead of comparing CRs.
    """
    from pymcdm.weights.subjective import AHP

    m = np.array(matrix, dtype=float)
    n = len(criteria)
    reference = AHP(matrix=m)
    ours = ahp(m, criteria)
    np.testing.assert_allclose(list(ours.weights.values()), reference(), rtol=1e-9)
    reference_lambda = reference.get_cr() * AHP.RI_M[n - 1] * (n - 1) + n
    assert ours.lambda_max == pytest.approx(reference_lambda, rel=1e-9)


def test_rank_order_centroid_n4_known_answer() -> None:
    """ROC for n = 4 (Barron & Barrett 1996, Table 1): .5208 .2708 .1458 .0625."""
    w = rank_order_centroid(["a", "b", "c", "d"])
    assert list(w) == ["a", "b", "c", "d"]
    np.testing.assert_allclose(list(w.values()), [0.5208, 0.2708, 0.1458, 0.0625], atol=5e-5)
    np.testing.assert_allclose(list(w.values()), [25 / 48, 13 / 48, 7 / 48, 3 / 48], rtol=1e-12)


def test_rank_sum_n4_known_answer() -> None:
    """Rank sum for n = 4: 2(n+1-k)/(n(n+1)) = .4 .3 .2 .1 (Stillwell, Seaver & Edwards 1981)."""
    w = rank_sum(["a", "b", "c", "d"])
    np.testing.assert_allclose(list(w.values()), [0.4, 0.3, 0.2, 0.1], rtol=1e-12)


def test_rank_reciprocal_n4_known_answer() -> None:
    """Rank reciprocal for n = 4: (1/k) / (1 + 1/2 + 1/3 + 1/4) = 12/25, 6/25, 4/25, 3/25."""
    w = rank_reciprocal(["a", "b", "c", "d"])
    np.testing.assert_allclose(list(w.values()), [12 / 25, 6 / 25, 4 / 25, 3 / 25], rtol=1e-12)


def test_rank_weights_ties_share_the_mean_of_their_positions() -> None:
    roc = [25 / 48, 13 / 48, 7 / 48, 3 / 48]
    w = rank_order_centroid({"a": 1, "b": 2, "c": 2, "d": 4})
    assert w["a"] == pytest.approx(roc[0])
    assert w["b"] == w["c"] == pytest.approx((roc[1] + roc[2]) / 2)
    assert w["d"] == pytest.approx(roc[3])
    # Only the order of the ranks matters: dense ranks mean the same.
    assert rank_order_centroid({"a": 1, "b": 2, "c": 2, "d": 3}) == pytest.approx(w)
    # Mapping order is kept in the output; everything tied gives equal weights.
    tied = rank_sum({"z": 1, "y": 1, "x": 1})
    assert list(tied) == ["z", "y", "x"]
    assert list(tied.values()) == pytest.approx([1 / 3] * 3)
    # A mapping without ties equals the ordered list.
    assert rank_order_centroid({"b": 2, "a": 1, "c": 3}) == pytest.approx(
        rank_order_centroid(["a", "b", "c"])
    )
    assert rank_order_centroid({"only": 1}) == {"only": 1.0}


# ---------------------------------------------------------------------------------------------
# AHP behaviour
# ---------------------------------------------------------------------------------------------


def consistent_matrix(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w[:, None] / w[None, :]


def test_perfectly_consistent_matrix() -> None:
    w = [0.4, 0.3, 0.2, 0.1]
    result = ahp(consistent_matrix(w), ["a", "b", "c", "d"])
    assert abs(result.cr) <= 1e-12
    assert abs(result.ci) <= 1e-12
    assert result.lambda_max == pytest.approx(4.0, abs=1e-12)
    assert list(result.weights.values()) == pytest.approx(w, rel=1e-12)
    assert result.most_inconsistent is None
    assert result.suggested_value is None
    assert result.is_consistent


@pytest.mark.parametrize("factor", [3.0, 1 / 3])
@pytest.mark.parametrize(("i", "j"), list(itertools.combinations(range(5), 2)))
def test_perturbed_judgement_is_named(i: int, j: int, factor: float) -> None:
    ids = ["a", "b", "c", "d", "e"]
    w = np.array([0.3, 0.25, 0.2, 0.15, 0.1])
    m = consistent_matrix(list(w))
    m[i, j] *= factor
    m[j, i] /= factor
    result = ahp(m, ids)
    assert result.most_inconsistent == (ids[i], ids[j])
    assert result.cr > 0
    # The suggestion is the ratio the computed priorities imply. One bad judgement also drags the
    # priorities, so it lies between the bad value and the original ratio, and accepting it
    # makes the matrix more consistent.
    suggested = result.suggested_value
    assert suggested == pytest.approx(result.weights[ids[i]] / result.weights[ids[j]])
    assert min(m[i, j], w[i] / w[j]) < suggested < max(m[i, j], w[i] / w[j])
    m[i, j], m[j, i] = suggested, 1 / suggested
    assert ahp(m, ids).cr < result.cr / 2


def test_one_and_two_criteria_are_always_consistent() -> None:
    one = ahp([[1]], ["only"])
    assert one.weights == {"only": 1.0}
    assert (one.lambda_max, one.ci, one.cr, one.random_index) == (1.0, 0.0, 0.0, 0.0)
    assert one.most_inconsistent is None
    two = ahp([[1, 4], [1 / 4, 1]], ["a", "b"])
    assert list(two.weights.values()) == pytest.approx([0.8, 0.2])
    assert (two.lambda_max, two.ci, two.cr) == (2.0, 0.0, 0.0)
    assert two.most_inconsistent is None and two.is_consistent


def test_random_index_table_is_saatys() -> None:
    assert len(RANDOM_INDEX_SAATY) == MAX_AHP_CRITERIA == 15
    assert RANDOM_INDEX_SAATY[2:10] == (0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
    assert RANDOM_INDEX_SAATY[10:] == (1.51, 1.48, 1.56, 1.57, 1.59)
    assert CR_THRESHOLD == 0.10
    m = consistent_matrix([1.0] * 15)
    assert ahp(m, [f"c{k}" for k in range(15)]).random_index == 1.59


def test_ahp_result_json_contract_and_immutability() -> None:
    result = ahp(HOUSE_MATRIX, HOUSE)
    data = result.to_json()
    assert {"weights", "lambda_max", "ci", "cr", "random_index"} <= set(data)
    assert data["random_index"] == "saaty"
    assert list(data["weights"]) == list(HOUSE)
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert data["consistent"] is False
    assert data["most_inconsistent"]["pair"] == list(result.most_inconsistent or ())
    assert json.loads(json.dumps(data)) == data
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.cr = 0.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        result.matrix[0, 0] = 2.0
    assert isinstance(result, AHPResult)
    consistent = ahp(consistent_matrix([2, 1]), ["a", "b"]).to_json()
    assert consistent["most_inconsistent"] is None and consistent["cr"] == 0.0


def test_ahp_keeps_the_given_matrix_and_accepts_rounded_reciprocals() -> None:
    m = [[1, 3, 0.5], [0.3333333, 1, 0.25], [2, 4, 1]]  # 0.3333333 is 1/3 within 1e-6
    result = ahp(m, ["a", "b", "c"])
    assert result.matrix[1, 0] == 0.3333333
    exact = ahp([[1, 3, 0.5], [1 / 3, 1, 0.25], [2, 4, 1]], ["a", "b", "c"])
    assert list(result.weights.values()) == pytest.approx(list(exact.weights.values()), rel=1e-6)


def test_ahp_from_judgements_matches_full_matrix() -> None:
    judgements: dict[tuple[str, str], float | str] = {}
    for i, j in itertools.combinations(range(len(DRINKS)), 2):
        value = DRINKS_MATRIX[i][j]
        if (i + j) % 2:  # give some judgements the other way round, some as text
            judgements[(DRINKS[j], DRINKS[i])] = 1 / value
        elif value < 1:
            judgements[(DRINKS[i], DRINKS[j])] = f"1/{round(1 / value)}"
        else:
            judgements[(DRINKS[i], DRINKS[j])] = value
    from_judgements = ahp_from_judgements(DRINKS, judgements)  # type: ignore[arg-type]
    full = ahp(DRINKS_MATRIX, DRINKS)
    assert from_judgements.weights == pytest.approx(full.weights, rel=1e-9)
    assert from_judgements.cr == pytest.approx(full.cr, rel=1e-9)
    # Both orientations may be given when they agree; a self-comparison of 1 is harmless.
    both = ahp_from_judgements(["a", "b"], {("a", "b"): 3, ("b", "a"): 1 / 3, ("a", "a"): 1})
    assert both.weights == pytest.approx({"a": 0.75, "b": 0.25})
    assert ahp_from_judgements(["solo"], {}).weights == {"solo": 1.0}
    # Criteria may come as any iterable of ids (a numpy array, a dict's keys ...).
    assert ahp(GOOD3, np.array(ABC)).criteria == tuple(ABC)


# ---------------------------------------------------------------------------------------------
# Direct weights, points, swing
# ---------------------------------------------------------------------------------------------


def test_normalise_points_swing_basics() -> None:
    assert normalise({"a": 20, "b": 30, "c": 50}) == pytest.approx({"a": 0.2, "b": 0.3, "c": 0.5})
    assert list(normalise({"z": 1, "a": 3})) == ["z", "a"]
    assert normalise({"a": 0, "b": 2}) == {"a": 0.0, "b": 1.0}
    assert normalise({"a": -0.0, "b": 1})["a"] == 0.0
    assert normalise({"a": np.float32(1), "b": np.int64(3)}) == {"a": 0.25, "b": 0.75}
    assert normalise({"a": 1e308, "b": 1e308}) == {"a": 0.5, "b": 0.5}  # no overflow
    assert points({"a": 60, "b": 40}) == pytest.approx({"a": 0.6, "b": 0.4})
    assert points({"a": 60, "b": 40}, budget=100) == pytest.approx({"a": 0.6, "b": 0.4})
    assert swing({"a": 100, "b": 50, "c": 0}) == pytest.approx({"a": 2 / 3, "b": 1 / 3, "c": 0})
    assert swing({"a": 80, "b": 40}) == pytest.approx({"a": 2 / 3, "b": 1 / 3})  # lenient


@pytest.mark.parametrize("func", [normalise, points, swing])
@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({}, "no "),
        ({"cost": -1, "b": 2}, "'cost' is negative"),
        ({"cost": math.nan, "b": 2}, "'cost' must be a finite number"),
        ({"cost": math.inf, "b": 2}, "'cost' must be a finite number"),
        ({"cost": 0, "b": 0.0}, "are zero"),
        ({"cost": "20", "b": 2}, "'cost' must be a number"),
        ({"cost": True, "b": 2}, "'cost' must be a number"),
        ({"cost": None, "b": 2}, "'cost' must be a number"),
    ],
)
def test_weight_inputs_rejected(func, values: dict, fragment: str) -> None:
    with pytest.raises(WeightingError, match=fragment):
        func(values)


@pytest.mark.parametrize("func", [normalise, points, swing])
def test_weight_inputs_must_be_a_mapping(func) -> None:
    with pytest.raises(WeightingError, match="mapping"):
        func([1, 2, 3])


def test_points_budget_and_swing_range_errors() -> None:
    with pytest.raises(WeightingError, match="add up to 90, not the budget of 100"):
        points({"a": 50, "b": 40}, budget=100)
    with pytest.raises(WeightingError, match="budget must be positive"):
        points({"a": 50}, budget=0)
    with pytest.raises(WeightingError, match="'b' is 120, but ratings run from 0 to 100"):
        swing({"a": 100, "b": 120})
    with pytest.raises(WeightingError, match="'b' is negative"):
        swing({"a": 100, "b": -5})


def test_all_problems_are_reported() -> None:
    with pytest.raises(WeightingError) as info:
        normalise({"a": -1, "b": math.nan, "c": 1})
    assert len(info.value.problems) == 2
    assert "'a'" in str(info.value) and "'b'" in str(info.value)
    assert isinstance(info.value, ValueError)


# ---------------------------------------------------------------------------------------------
# Rank inputs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("func", [rank_order_centroid, rank_sum, rank_reciprocal])
@pytest.mark.parametrize(
    ("ranking", "fragment"),
    [
        ([], "empty"),
        ({}, "empty"),
        ("abc", "not the text"),
        (["a", "b", "a"], "'a' appears more than once"),
        (["a", ""], "ranking entry 2 must be a non-empty text id"),
        (["a", 3], "ranking entry 2"),
        ({"a": 1, "b": 0}, "rank of 'b' must be a whole number >= 1"),
        ({"a": 1, "b": 1.5}, "rank of 'b' must be a whole number"),
        ({"a": 1, "b": math.nan}, "rank of 'b' must be a finite number"),
        ({"a": 1, "b": True}, "rank of 'b' must be a number"),
        ({"a": 1, "b": "2"}, "rank of 'b' must be a number"),
        (42, "got int"),
    ],
)
def test_ranking_inputs_rejected(func, ranking, fragment: str) -> None:
    with pytest.raises(WeightingError, match=fragment):
        func(ranking)


def test_rank_accepts_integral_floats_and_numpy_ints() -> None:
    assert rank_sum({"a": np.int64(1), "b": 2.0}) == pytest.approx({"a": 2 / 3, "b": 1 / 3})


# ---------------------------------------------------------------------------------------------
# AHP bad input
# ---------------------------------------------------------------------------------------------

ABC = ["a", "b", "c"]
GOOD3 = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]


def with_cell(i: int, j: int, value: float) -> list[list[float]]:
    m = [row[:] for row in GOOD3]
    m[i][j] = value
    return m


@pytest.mark.parametrize(
    ("matrix", "criteria", "fragment"),
    [
        ([[1, 2, 3], [1, 2, 3]], ABC, "must be square, got 2 x 3"),
        ([1, 2, 3], ABC, "must be square"),
        ([[1, 2], [1]], ABC, "square table of numbers"),
        ([["1", "1/3"], ["3", "1"]], ["a", "b"], "square table of numbers"),
        (GOOD3, ["a", "b"], "is 3 x 3 but 2 criteria"),
        (with_cell(0, 1, 0), ABC, r"row 'a', column 'b' is 0: a judgement must be a positive"),
        (with_cell(0, 1, -3), ABC, r"row 'a', column 'b' is -3"),
        (with_cell(2, 0, math.nan), ABC, r"row 'c', column 'a' is nan"),
        (with_cell(1, 2, math.inf), ABC, r"row 'b', column 'c' is inf"),
        (with_cell(1, 1, 2), ABC, r"row 'b', column 'b' is 2 on the diagonal, but it must be 1"),
        (
            with_cell(1, 0, 0.33),
            ABC,
            r"row 'a', column 'b' is 3 but row 'b', column 'a' is 0.33: not reciprocal, "
            r"row 'b', column 'a' should be 1/3",
        ),
        (GOOD3, ["a", "b", "a"], "duplicate criterion ids: 'a'"),
        (GOOD3, ["a", "", "c"], "criterion 2 must be a non-empty text id"),
        (GOOD3, "abc", "criteria must be a list"),
        (GOOD3, 3, "criteria must be a list"),
        (GOOD3, {"a": 1, "b": 2, "c": 3}, "criteria must be a list"),
        ([], [], "no criteria given"),
        (
            np.ones((16, 16)),
            [f"c{k}" for k in range(16)],
            "16 criteria, but AHP here supports at most 15",
        ),
    ],
)
def test_ahp_rejects(matrix, criteria, fragment: str) -> None:
    with pytest.raises(WeightingError, match=fragment):
        ahp(matrix, criteria)


@pytest.mark.parametrize(
    ("judgements", "fragment"),
    [
        ({("a", "b"): 3}, r"missing judgements for 2 pair\(s\): \('a', 'c'\), \('b', 'c'\)"),
        ({("a", "b"): 3, ("a", "c"): 5, ("b", "x"): 2}, "unknown criterion 'x'"),
        ({("a", "b"): 3, ("b", "a"): 3, ("a", "c"): 1, ("b", "c"): 1}, "contradict each other"),
        ({("a", "b"): 0, ("a", "c"): 5, ("b", "c"): 2}, r"judgement \('a', 'b'\) is 0"),
        ({("a", "b"): "abc", ("a", "c"): 5, ("b", "c"): 2}, r"judgement \('a', 'b'\): 'abc'"),
        ({("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2, ("c", "c"): 2}, "compared with itself"),
        ({"ab": 3}, "must be a pair"),
        ({("a", "b"): math.nan, ("a", "c"): 5, ("b", "c"): 2}, "must be a finite number"),
    ],
)
def test_ahp_from_judgements_rejects(judgements, fragment: str) -> None:
    with pytest.raises(WeightingError, match=fragment):
        ahp_from_judgements(ABC, judgements)


def test_ahp_from_judgements_rejects_non_mapping() -> None:
    with pytest.raises(WeightingError, match="must be a mapping"):
        ahp_from_judgements(ABC, [("a", "b", 3)])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# parse_ahp_value
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3.0),
        ("1/3", 1 / 3),
        (" 0.5 ", 0.5),
        ("1 / 7", 1 / 7),
        ("0,5", 0.5),
        (".25", 0.25),
        ("2.5/5", 0.5),
        ("1e1", 10.0),
        ("+9", 9.0),
    ],
)
def test_parse_ahp_value_accepts(text: str, value: float) -> None:
    assert parse_ahp_value(text) == pytest.approx(value, rel=1e-15)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty value"),
        ("   ", "empty value"),
        ("abc", "'abc' is not a number or a fraction"),
        ("1/3/4", "not a number or a fraction"),
        ("3x", "not a number or a fraction"),
        ("1_000", "not a number or a fraction"),
        ("٣", "not a number or a fraction"),
        ("0", "is zero"),
        ("0/5", "is zero"),
        ("-3", "is negative"),
        ("1/-3", "is negative"),
        ("1/0", "divides by zero"),
        ("nan", "not a finite number"),
        ("inf", "not a finite number"),
        ("-Infinity", "not a finite number"),
        ("1e400", "not a finite number"),
    ],
)
def test_parse_ahp_value_rejects(text: str, fragment: str) -> None:
    with pytest.raises(WeightingError, match=fragment):
        parse_ahp_value(text)


def test_parse_ahp_value_rejects_non_text() -> None:
    with pytest.raises(WeightingError, match="expected a text value"):
        parse_ahp_value(3)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# PAIRWISE.csv
# ---------------------------------------------------------------------------------------------


def write(tmp_path: Path, content: str | bytes, name: str = "PAIRWISE.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def test_read_pairwise_csv_comma(tmp_path: Path) -> None:
    path = write(tmp_path, ",a,b,c\na,1,3,5\nb,1/3,1,2\nc,1/5,1/2,1\n")
    ids, m = read_pairwise_csv(path)
    assert ids == ABC
    np.testing.assert_allclose(m, GOOD3, rtol=1e-15)


def test_read_pairwise_csv_semicolon_bom_fractions_crlf(tmp_path: Path) -> None:
    content = "\ufeffcriterion;a;b;c\r\na;1;3;5\r\nb;1 / 3;1;2\r\nc;0,2;1/2;1\r\n\r\n"
    ids, m = read_pairwise_csv(write(tmp_path, content.encode("utf-8")))
    assert ids == ABC
    np.testing.assert_allclose(m, GOOD3, rtol=1e-15)


def test_read_pairwise_csv_tab_quotes_trailing_separators_blank_triangle(tmp_path: Path) -> None:
    tab = write(tmp_path, '\t"a"\t"b"\n"a"\t1\t4\n"b"\t0.25\t1\n', "tab.csv")
    assert read_pairwise_csv(tab)[0] == ["a", "b"]
    # Excel-style trailing separators and only the upper triangle filled in.
    upper = write(tmp_path, ";a;b;c;;\na;1;3;5;;\nb;;1;2;;\nc;;;;;\n;;;;;\n", "upper.csv")
    ids, m = read_pairwise_csv(upper)
    assert ids == ABC
    np.testing.assert_allclose(m, GOOD3, rtol=1e-15)
    assert ahp(m, ids).weights == pytest.approx(ahp(GOOD3, ABC).weights)


def test_read_pairwise_csv_round_trip_through_ahp(tmp_path: Path) -> None:
    lines = [";" + ";".join(HOUSE)]
    for cid, row in zip(HOUSE, HOUSE_MATRIX, strict=True):
        cells = [str(x) if x >= 1 else f"1/{round(1 / x)}" for x in row]
        lines.append(";".join([cid, *cells]))
    ids, m = read_pairwise_csv(write(tmp_path, "\n".join(lines)))
    assert ahp(m, ids).cr == pytest.approx(0.169, abs=5e-4)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "the file is empty"),
        ("\n  \n;;\n", "the file is empty"),
        ("a\n", "line 1: the header row has no criterion ids"),
        (",a,b\na,1,3\n", "not square: 2 criterion ids in the header row .* but 1 data row"),
        (",a,b\na,1,3\nb,1/3,1\nc,1,1\n", "not square"),
        (",a,b\na,1,3,7\nb,1/3,1\n", "line 2: row 'a' has 3 values but there are 2 criteria"),
        (",a,b\na,1,3\nx,1/3,1\n", "line 3, column 1: row id 'x' differs from column id 'b'"),
        (",a,b\nb,1,3\na,1/3,1\n", "different order"),
        (",a,,b\na,1,1,1\n", "line 1, column 3: empty criterion id"),
        (",a,a\na,1,1\na,1,1\n", "duplicate criterion ids: 'a'"),
        (
            ",a,b\na,1,three\nb,1/3,1\n",
            r"row 'a', column 'b' \(line 2, column 3\): 'three' is not a number",
        ),
        (",a,b\na,1,0\nb,1/3,1\n", r"row 'a', column 'b' \(line 2, column 3\): '0' is zero"),
        (",a,b\na,1,-3\nb,1/3,1\n", "is negative"),
        (
            ",a,b\na,1,3\nb,0.33,1\n",
            r"row 'a', column 'b' \(line 2, column 3\) is 3 but row 'b', column 'a' "
            r"\(line 3, column 2\) is 0.33: not reciprocal",
        ),
        (
            ",a,b\na,2,3\nb,1/3,1\n",
            r"row 'a', column 'a' \(line 2, column 2\) is 2 on the diagonal",
        ),
        (",a,b\na,1,\nb,,1\n", "are both empty: give at least one of them"),
    ],
)
def test_read_pairwise_csv_errors_name_file_and_cell(
    tmp_path: Path, content: str, fragment: str
) -> None:
    path = write(tmp_path, content)
    with pytest.raises(WeightingError, match=fragment) as info:
        read_pairwise_csv(path)
    assert str(info.value).startswith(f"{path}: ")


def test_read_pairwise_csv_too_many_criteria(tmp_path: Path) -> None:
    ids = [f"c{k}" for k in range(16)]
    rows = ["," + ",".join(ids)] + [",".join([c] + ["1"] * 16) for c in ids]
    path = write(tmp_path, "\n".join(rows))
    with pytest.raises(
        WeightingError, match=f"^{re.escape(str(path))}: 16 criteria, but AHP here supports"
    ):
        read_pairwise_csv(path)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\xff\xfe\x00\x01garbage\x80\x81", "not a UTF-8 text file"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "contains NUL bytes"),
        (",a\n".encode("utf-16"), "not a UTF-8 text file"),
    ],
)
def test_read_pairwise_csv_binary_garbage(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = write(tmp_path, content, "garbage.csv")
    with pytest.raises(WeightingError, match=fragment) as info:
        read_pairwise_csv(path)
    assert str(info.value).startswith(f"{path}: ")


def test_read_pairwise_csv_missing_file_directory_and_size(tmp_path: Path) -> None:
    with pytest.raises(WeightingError, match=r"nope\.csv: file not found"):
        read_pairwise_csv(tmp_path / "nope.csv")
    with pytest.raises(WeightingError, match="is a directory"):
        read_pairwise_csv(tmp_path)
    big = write(tmp_path, b"," * 1_000_001, "big.csv")
    with pytest.raises(WeightingError, match="larger than 1000000 bytes"):
        read_pairwise_csv(big)


def test_parse_pairwise_csv_text_and_source_name() -> None:
    ids, m = parse_pairwise_csv("\ufeff;a;b\na;1;2\nb;1/2;1\n", source="upload.csv")
    assert ids == ["a", "b"]
    assert m[1, 0] == 0.5
    with pytest.raises(WeightingError, match=r"^upload\.csv: "):
        parse_pairwise_csv(";a;b\na;1;x\nb;1/2;1\n", source="upload.csv")


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

finite_weight = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_subnormal=False)


@given(
    st.dictionaries(st.text(min_size=1, max_size=5), finite_weight, min_size=1, max_size=12),
    st.floats(min_value=1e-3, max_value=1e3),
)
def test_normalise_sums_to_one_and_is_scale_invariant(weights: dict, scale: float) -> None:
    assume(max(weights.values()) > 0)
    w = normalise(weights)
    assert list(w) == list(weights)
    assert math.fsum(w.values()) == pytest.approx(1.0, abs=1e-12)
    assert all(x >= 0 for x in w.values())
    scaled = normalise({k: v * scale for k, v in weights.items()})
    for key in w:
        assert scaled[key] == pytest.approx(w[key], rel=1e-9, abs=1e-12)


@given(st.integers(min_value=1, max_value=40))
def test_roc_non_increasing_and_sums_to_one(n: int) -> None:
    for func in (rank_order_centroid, rank_sum, rank_reciprocal):
        w = list(func([f"c{k}" for k in range(n)]).values())
        assert math.fsum(w) == pytest.approx(1.0, abs=1e-12)
        assert all(a >= b for a, b in itertools.pairwise(w))
        assert w[-1] > 0


@given(st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=12))
def test_tied_ranks_monotone_and_sum_to_one(ranks: list[int]) -> None:
    ranking = {f"c{k}": r for k, r in enumerate(ranks)}
    for func in (rank_order_centroid, rank_sum, rank_reciprocal):
        w = func(ranking)
        assert math.fsum(w.values()) == pytest.approx(1.0, abs=1e-12)
        for a, b in itertools.permutations(ranking, 2):
            if ranking[a] < ranking[b]:
                assert w[a] > w[b]
            elif ranking[a] == ranking[b]:
                assert w[a] == w[b]


@settings(max_examples=200)
@given(
    st.lists(
        st.floats(min_value=0.01, max_value=100, allow_nan=False),
        min_size=1,
        max_size=MAX_AHP_CRITERIA,
    )
)
def test_ahp_of_consistent_matrix_returns_the_weights(raw: list[float]) -> None:
    ids = [f"c{k}" for k in range(len(raw))]
    expected = np.asarray(raw) / math.fsum(raw)
    result = ahp(consistent_matrix(raw), ids)
    np.testing.assert_allclose(list(result.weights.values()), expected, rtol=1e-8)
    assert abs(result.cr) <= 1e-12
    assert result.lambda_max == pytest.approx(len(raw), abs=1e-9)
    assert result.most_inconsistent is None
    assert result.is_consistent
