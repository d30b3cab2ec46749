"""Workshop charts carry the right numbers and escape participants' names."""

from __future__ import annotations

import numpy as np
import pytest

from mcda.workshop import charts
from mcda.workshop.aggregation import group_weights, round_shift, winner_split
from tests.workshop.conftest import small_problem
from tests.workshop.test_aggregation import ROOM


def test_weights_spread() -> None:
    problem = small_problem()
    own = np.array([0.2, 0.3, 0.5])
    fig = charts.weights_spread(problem, ROOM, ROOM.mean(axis=0), "mean", "nl", own=own)
    boxes = [t for t in fig.data if t.type == "box"]
    assert [list(b.x) for b in boxes] == [list(ROOM[:, j]) for j in range(3)]
    group, you = [t for t in fig.data if t.type == "scatter"]
    assert list(group.x) == pytest.approx(list(ROOM.mean(axis=0)))
    assert group.name == "Groep (gemiddelde)"
    assert list(you.x) == [0.2, 0.3, 0.5] and you.name == "Jij"
    assert fig.layout.title.text == "Hoe de deelnemers de criteria wegen"
    big = charts.weights_spread(problem, ROOM, big=True)
    assert big.layout.font.size > fig.layout.font.size


def test_group_weights_chart_skips_undefined() -> None:
    problem = small_problem()
    W = np.array([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5], [0.5, 0.0, 0.5]])  # a zero in every column
    fig = charts.group_weights_chart(problem, group_weights(W))
    assert [t.name for t in fig.data] == ["mean", "median"]
    assert list(fig.data[0].x) == pytest.approx([1 / 3] * 3)


def test_first_choice_and_acceptability() -> None:
    problem = small_problem()
    split = winner_split(problem, ROOM, "wsm")
    fig = charts.first_choice_chart(problem, split, "WSM")
    assert list(fig.data[0].x) == [3, 2]
    assert list(fig.data[0].y) == ["Option a", "Option b"]
    b = np.array([[0.75, 0.0, 0.25], [0.5, 0.25, 0.25], [0.0, 0.75, 0.25]])
    acc = charts.acceptability_chart(problem, b, "WSM", 4)
    assert [t.name for t in acc.data] == ["Rank 1", "Rank 2", "Rank 3"]
    assert list(acc.data[0].y) == ["Option a", "Option b", "Option c"]  # most often first, first
    totals = np.sum([list(t.x) for t in acc.data], axis=0)
    assert totals == pytest.approx([1.0, 1.0, 1.0])
    assert "4 participants" in acc.layout.title.text


def test_heatmap_escapes_names() -> None:
    problem = small_problem()
    fig = charts.participants_heatmap(problem, ROOM, ["<b>Eve</b>", "A", "B", "C"])
    assert fig.data[0].y[0] == "&lt;b&gt;Eve&lt;/b&gt;"
    assert np.asarray(fig.data[0].z).tolist() == ROOM.tolist()


def test_round_shift_chart() -> None:
    problem = small_problem()
    shift = round_shift(ROOM[:2], ROOM[2:], [1, 2], [2, 3])
    fig = charts.round_shift_chart(problem, shift, 1, 2)
    before, after = fig.data
    assert (before.name, after.name) == ("Round 1", "Round 2")
    assert list(before.x) == pytest.approx([0.55, 0.225, 0.225])
    assert list(after.x) == pytest.approx([0.3, 0.5, 0.2])
    assert list(after.error_x.array) == pytest.approx(list(shift.after.q3 - shift.after.median))
