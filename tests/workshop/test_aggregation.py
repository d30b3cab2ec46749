"""Group aggregation against hand-computed values (the working is in the comments)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mcda.workshop.aggregation import (
    AggregationError,
    aggregate,
    analyse,
    average_ranks,
    criterion_ranks,
    disagreement_impact,
    group_weights,
    kendalls_w,
    participant_ranks,
    rank_acceptability,
    round_shift,
    spread,
    weight_matrix,
    winner_split,
)
from mcda.workshop.wording import agreement_level, describe_agreement, describe_split
from tests.workshop.conftest import small_problem

W3 = np.array([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6], [0.4, 0.4, 0.2]])

# Four participants on the small problem (criteria quality, speed, cost; WSM on 0..100 scales:
# a = (.9, .1, .5), b = (.1, .9, .5), c = (.5, .5, .1) after normalisation, cost reversed).
ROOM = np.array([
    [0.6, 0.2, 0.2],    # a .66, b .34, c .42 -> a first
    [0.5, 0.25, 0.25],  # a .60, b .40, c .40 -> a first, b and c tied second
    [0.2, 0.6, 0.2],    # a .34, b .66, c .42 -> b first
    [0.4, 0.4, 0.2],    # a .50, b .50, c .42 -> a and b tied first
])


def test_group_weights_by_hand() -> None:
    g = group_weights(W3)
    # mean: (1.1, 0.9, 1.0) / 3, already summing to 1
    assert g["mean"] == pytest.approx([1.1 / 3, 0.3, 1 / 3])
    # median per criterion (0.4, 0.3, 0.2) sums to 0.9 -> (4/9, 3/9, 2/9)
    assert g["median"] == pytest.approx([4 / 9, 3 / 9, 2 / 9])
    # geometric mean: (0.5*0.2*0.4)^(1/3) = 0.04^(1/3) = 0.341995, (0.3*0.2*0.4)^(1/3) =
    # (0.2*0.6*0.2)^(1/3) = 0.024^(1/3) = 0.288450; sum 0.918895 -> 0.372181, 0.313910, 0.313910
    assert g["geometric_mean"] == pytest.approx([0.372181, 0.313910, 0.313910], abs=1e-6)
    for values in g.values():
        assert values.sum() == pytest.approx(1.0)


def test_geometric_mean_with_zeros() -> None:
    # one zero makes that criterion's geometric mean 0; zeros everywhere leave it undefined
    assert aggregate(np.array([[0.5, 0.5, 0.0], [0.2, 0.4, 0.4]]), "geometric_mean") \
        == pytest.approx([np.sqrt(0.1), np.sqrt(0.2), 0.0] / (np.sqrt(0.1) + np.sqrt(0.2)))
    g = group_weights(np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert g["geometric_mean"] is None
    assert g["mean"] == pytest.approx([0.5, 0.5])
    with pytest.raises(AggregationError, match="geometric mean"):
        aggregate(np.array([[1.0, 0.0], [0.0, 1.0]]), "geometric_mean")
    with pytest.raises(AggregationError, match="unknown aggregation"):
        aggregate(W3, "mode")


def test_weight_matrix_checks_and_normalises() -> None:
    W = weight_matrix([{"x": 2, "y": 6}, {"y": 1, "x": 1}], ["x", "y"])
    assert W.tolist() == [[0.25, 0.75], [0.5, 0.5]]
    with pytest.raises(AggregationError, match="nobody"):
        weight_matrix([], ["x"])
    with pytest.raises(AggregationError, match="no value for y"):
        weight_matrix([{"x": 1}], ["x", "y"])
    with pytest.raises(AggregationError, match="all zero"):
        weight_matrix([{"x": 0, "y": 0}], ["x", "y"])
    with pytest.raises(AggregationError, match="finite"):
        weight_matrix([{"x": np.nan, "y": 1}], ["x", "y"])


def test_kendalls_w_published_example() -> None:
    # influentialpoints.com, "Kendall coefficient of concordance", worked example I: four raters
    # rank the strawberries of eight farms; rank sums 31 12 12 15 22 5 22 25, mean 18, SS = 500,
    # W = 500 / (504 x 16 / 12) = 0.744, k(N - 1)W = 20.83 on 7 df, P = 0.004.
    ranks = np.array([
        [8, 4, 2, 3, 5, 1, 6, 7],
        [7, 3, 1, 4, 5, 2, 6, 8],
        [8, 2, 5, 6, 7, 1, 4, 3],
        [8, 3, 4, 2, 5, 1, 6, 7],
    ])
    c = kendalls_w(ranks)
    assert c.w == pytest.approx(500 / 672)
    assert round(c.w, 3) == 0.744
    assert c.chi2 == pytest.approx(20.83, abs=0.01)
    assert (c.df, c.raters, c.items) == (7, 4, 8)
    assert round(c.p_value, 3) == 0.004


def test_kendalls_w_without_ties_by_hand() -> None:
    # rank sums 4, 6, 8, 12; mean 7.5; S = 12.25 + 2.25 + 0.25 + 20.25 = 35;
    # W = 12 * 35 / (3^2 * (4^3 - 4)) = 420 / 540 = 7/9
    c = kendalls_w(np.array([[1, 2, 3, 4], [1, 3, 2, 4], [2, 1, 3, 4]]))
    assert c.w == pytest.approx(7 / 9)
    assert c.chi2 == pytest.approx(3 * 3 * 7 / 9)


def test_kendalls_w_with_ties_by_hand() -> None:
    # rank sums 4, 5.5, 9, 11.5 (mean 7.5): S = 12.25 + 4 + 2.25 + 16 = 34.5. Raters 1 and 3
    # each tie two items: T = (2^3 - 2) + (2^3 - 2) = 12. W = 12 * 34.5 / (9 * 60 - 3 * 12)
    # = 414 / 504 = 23/28 = 0.8214 (0.7667 without the tie correction).
    ranks = np.array([[1, 2.5, 2.5, 4], [1, 2, 3, 4], [2, 1, 3.5, 3.5]])
    c = kendalls_w(ranks)
    assert c.w == pytest.approx(23 / 28)
    assert c.chi2 == pytest.approx(3 * 3 * 23 / 28)
    # Friedman's chi-square with its tie correction is m (n - 1) W
    assert c.chi2 == pytest.approx(stats.friedmanchisquare(*ranks.T).statistic)


def test_kendalls_w_extremes_and_errors() -> None:
    assert kendalls_w(np.array([[1, 2, 3]] * 5)).w == pytest.approx(1.0)
    assert kendalls_w(np.array([[1, 2, 3], [3, 2, 1]])).w == pytest.approx(0.0)
    with pytest.raises(AggregationError, match="two raters"):
        kendalls_w(np.array([[1, 2, 3]]))
    with pytest.raises(AggregationError, match=r"ranking 1\.\.n"):
        kendalls_w(np.array([[1, 1, 1], [1, 2, 3]]))
    with pytest.raises(AggregationError, match="undefined"):
        kendalls_w(np.array([[2, 2, 2], [2, 2, 2]]))


def test_ranks_of_weights_and_competition_ranks() -> None:
    assert average_ranks(np.array([[1, 2, 2, 4]])).tolist() == [[1, 2.5, 2.5, 4]]
    # the room's criterion rankings: quality 1, speed/cost tied 2.5; ...
    assert criterion_ranks(ROOM).tolist() == [
        [1, 2.5, 2.5], [1, 2.5, 2.5], [2.5, 1, 2.5], [1.5, 1.5, 3]]


def test_room_agreement_on_the_criteria_by_hand() -> None:
    # rank sums quality 6, speed 7.5, cost 10.5 (mean 8): S = 4 + 0.25 + 6.25 = 10.5; every
    # rater ties two criteria: T = 4 * 6 = 24; W = 12 * 10.5 / (16 * 24 - 4 * 24) = 126/288
    assert kendalls_w(criterion_ranks(ROOM)).w == pytest.approx(0.4375)


def test_participant_rankings_and_acceptability_by_hand() -> None:
    problem = small_problem()
    ranks = participant_ranks(problem, ROOM, "wsm")
    assert ranks.tolist() == [[1, 3, 2], [1, 2, 2], [3, 1, 2], [1, 1, 3]]
    b = rank_acceptability(ranks)
    assert b.tolist() == [
        [0.75, 0.0, 0.25],   # a: first for P1, P2, P4; third for P3
        [0.5, 0.25, 0.25],   # b: first for P3, P4; second for P2; third for P1
        [0.0, 0.75, 0.25],   # c: second for P1, P2, P3; third for P4
    ]


def test_winner_split_by_hand() -> None:
    problem = small_problem()
    split = winner_split(problem, ROOM, "wsm")
    # a is first for P1, P2 and P4 (tied with b); b alone for P3
    assert split.counts == {"a": 3, "b": 2}
    assert (split.leader, split.leader_count, split.rival, split.rival_count) == ("a", 3, "b", 1)
    # mean weights: a-camp (0.5, 0.2833, 0.2167), b-camp (0.2, 0.6, 0.2): speed differs most
    assert split.criterion == "speed"
    assert split.leader_mean == pytest.approx(0.85 / 3)
    assert split.rival_mean == pytest.approx(0.6)
    assert split.differences["quality"] == pytest.approx(0.3)
    assert not split.unanimous
    sentence = describe_split(split, problem, "WSM")
    assert sentence.startswith("With the weights of 3 of 4 participants, Option a ranks first; "
                               "1 put Option b first (WSM). The split is about Speed: mean "
                               "weight 28% among those who put Option a first, 60%")
    assert "Met de gewichten van 3 van de 4" in describe_split(split, problem, "WSM", "nl")


def test_unanimous_room() -> None:
    problem = small_problem()
    split = winner_split(problem, ROOM[:2], "wsm")
    assert split.unanimous and split.leader == "a" and split.criterion is None
    assert describe_split(split, problem, "WSM") == (
        "With the weights of every participant (2), Option a ranks first (WSM).")


def test_disagreement_impact_by_hand() -> None:
    problem = small_problem()
    group = aggregate(ROOM, "mean")  # (0.425, 0.3625, 0.2125): a .525, b .475, c .415
    impact = {i.criterion: i for i in disagreement_impact(problem, ROOM, group, "wsm")}
    # quality at 0.2 (the room's lowest): speed .504, cost .296 -> b .62 beats a .38;
    # at 0.6 a wins: the disagreement about quality changes the winner
    quality = impact["quality"]
    assert (quality.low, quality.high) == (0.2, 0.6)
    assert quality.winners[0] == ("b",) and quality.winners[-1] == ("a",)
    assert quality.changes
    # cost only runs from 0.2 to 0.25 and a and b score the same on it: a stays first
    assert impact["cost"].winners == (("a",),)
    assert not impact["cost"].changes


def test_spread_and_round_shift() -> None:
    s = spread(ROOM)
    assert s.median.tolist() == pytest.approx([0.45, 0.325, 0.2])
    assert s.low.tolist() == [0.2, 0.2, 0.2] and s.high.tolist() == [0.6, 0.6, 0.25]
    # quartiles by linear interpolation of (0.2, 0.4, 0.5, 0.6): q1 = 0.35, q3 = 0.525
    assert (s.q1[0], s.q3[0]) == pytest.approx((0.35, 0.525))
    shift = round_shift(ROOM[:2], ROOM[2:], [1, 2], [2, 3])
    assert shift.paired == 1
    # participant 2: (0.5, 0.25, 0.25) in round 1 became (0.2, 0.6, 0.2)
    assert shift.mean_change.tolist() == pytest.approx([0.3, 0.35, 0.05])
    assert round_shift(ROOM[:2], ROOM[2:], [1, 2], [3, 4]).mean_change is None


def test_analyse_the_room() -> None:
    problem = small_problem()
    a = analyse(problem, ROOM, "median")
    # median (0.45, 0.325, 0.2), normalised by 0.975
    assert a.group_problem.w == pytest.approx(np.array([0.45, 0.325, 0.2]) / 0.975)
    assert set(a.results) == {"wsm", "topsis", "vikor", "promethee_ii"}
    assert a.results["wsm"].first == ("a",)
    assert a.weight_agreement.w == pytest.approx(0.4375)
    assert a.first_choices("wsm") == [("a",), ("a",), ("b",), ("a", "b")]
    assert a.acceptability["wsm"][0].tolist() == [0.75, 0.0, 0.25]
    assert set(a.option_agreement) == set(a.results)
    assert a.splits["wsm"].leader == "a"
    single = analyse(problem, ROOM[:1])
    assert single.weight_agreement is None and single.option_agreement["wsm"] is None
    assert "at least two participants" in describe_agreement(single.weight_agreement)


def test_agreement_wording() -> None:
    assert [agreement_level(w) for w in (0.05, 0.25, 0.5, 0.7, 0.95)] == [
        "very weak", "weak", "moderate", "strong", "very strong"]
    c = kendalls_w(np.array([[1, 2, 3, 4], [1, 3, 2, 4], [2, 1, 3, 4]]))
    assert describe_agreement(c) == (
        "Kendall's W = 0.78 (strong agreement; 3 participants, 4 items, chi² = 7.0, df = 3, "
        "p = 0.072).")
    assert describe_agreement(c, "nl").startswith("Kendalls W = 0.78 (sterke overeenstemming")
