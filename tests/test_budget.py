"""The compute budget: SMAA, one-at-a-time sensitivity and flip refuse, before any heavy work, a
request whose estimated work exceeds the budget, and say what fits. Timings live in benchmarks/;
these tests count work (evaluated weight vectors), never seconds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from mcda import sensitivity, smaa
from mcda.cli import main
from mcda.data import load_case
from mcda.methods import DEFAULT_METHODS, REGISTRY, Method
from mcda.model import Problem
from mcda.sensitivity import (
    INTERACTIVE_BUDGET,
    BudgetError,
    SensitivityError,
    evaluation_work,
    flip,
    flip_evaluations,
    oat,
)
from tests.conftest import make_problem

ALL_METHODS = tuple(REGISTRY)


def random_problem(n: int, m: int, seed: int = 0) -> Problem:
    rng = np.random.default_rng(seed)
    directions = ["benefit" if j % 3 else "cost" for j in range(m)]
    return make_problem(rng.uniform(10, 90, (n, m)), directions, rng.uniform(1, 10, m).tolist(),
                        bounds=[(0, 100)] * m)


@pytest.fixture
def evaluated(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The number of weight vectors every method evaluates, call by call."""
    rows: list[int] = []
    for cls in REGISTRY.values():
        original = cls.batch

        def batch(self: Method, problem: Problem, X: np.ndarray, W: np.ndarray,
                  original=original) -> np.ndarray:  # type: ignore[no-untyped-def]
            rows.append(len(W))
            return original(self, problem, X, W)

        monkeypatch.setattr(cls, "batch", batch)
    yield rows


# --- SMAA ---------------------------------------------------------------------------------------


def test_the_app_keeps_a_million_samples_for_the_bundled_case() -> None:
    problem = load_case().problem()
    assert smaa.max_samples(problem) >= 1_000_000
    assert smaa.max_samples(problem, ALL_METHODS) >= 1_000_000


@pytest.mark.parametrize("methods", [None, ["wsm"], ["vikor"], list(ALL_METHODS)])
@pytest.mark.parametrize("scores", ["fixed", "ranges"])
def test_exactly_max_samples_are_accepted(methods, scores: str) -> None:
    problem = random_problem(6, 4)
    budget = 3e7  # a few hundredths of a second: the runs stay short
    limit = smaa.max_samples(problem, methods, scores, budget)
    assert limit > 0
    result = smaa.smaa(problem, methods, samples=limit, scores=scores, budget=budget)
    assert result.samples == limit
    with pytest.raises(BudgetError) as caught:
        smaa.smaa(problem, methods, samples=limit + 1, scores=scores, budget=budget)
    assert caught.value.allowed == limit
    assert caught.value.work > budget == caught.value.budget


def test_the_refusal_says_what_was_asked_and_what_fits(evaluated: list[int]) -> None:
    problem = random_problem(50, 50)
    limit = smaa.max_samples(problem, DEFAULT_METHODS)
    with pytest.raises(BudgetError) as caught:
        smaa.smaa(problem, samples=1_000_000)
    message = str(caught.value)
    assert message.startswith("1,000,000 SMAA samples of 50 options x 50 criteria with wsm, "
                              "topsis, vikor, promethee_ii (fixed scores) would take about")
    assert f"at most {limit:,} samples fit for 50 options x 50 criteria with these methods" \
        in message
    assert "fewer methods" in message
    assert isinstance(caught.value, SensitivityError)  # what the CLI turns into 'error:' lines
    assert evaluated == []  # refused before a single sample was evaluated


def test_fewer_methods_smaller_problems_and_fixed_scores_allow_more_samples() -> None:
    big, small = random_problem(50, 50), random_problem(10, 50)
    assert smaa.max_samples(small) > smaa.max_samples(big)
    assert smaa.max_samples(big, ["wsm"]) > smaa.max_samples(big, ["wsm", "vikor"])
    assert smaa.max_samples(big, ["vikor"]) < smaa.max_samples(big, ["topsis"])
    assert smaa.max_samples(big, scores="fixed") > 100 * smaa.max_samples(big, scores="ranges")
    assert smaa.max_samples(big, budget=2 * INTERACTIVE_BUDGET) >= 2 * smaa.max_samples(big)


def test_no_budget_means_no_limit_and_a_bad_budget_is_refused() -> None:
    problem = random_problem(6, 4)
    assert smaa.smaa(problem, ["wsm"], samples=2000, budget=None).samples == 2000
    for bad in (0, -1.0, float("nan"), float("inf"), True, "10"):
        with pytest.raises(SensitivityError, match="compute budget"):
            smaa.smaa(problem, ["wsm"], samples=10, budget=bad)  # type: ignore[arg-type]
    with pytest.raises(SensitivityError, match="unknown scores mode"):
        smaa.max_samples(problem, scores="guessed")


def test_a_method_without_a_cost_factor_counts_as_the_dearest() -> None:
    for sampled in (False, True):
        unknown = evaluation_work("not_measured_yet", 20, 20, sampled)
        assert unknown >= max(evaluation_work(name, 20, 20, sampled) for name in ALL_METHODS
                              if name not in sensitivity.PAIRWISE_METHODS)


# --- one at a time and flip -----------------------------------------------------------------------


def test_a_sweep_over_budget_is_refused_before_the_grid(evaluated: list[int]) -> None:
    with pytest.raises(BudgetError, match="a sweep of 201 points per criterion with VIKOR on 8 "
                                          "options x 5 criteria would take about"):
        oat(random_problem(8, 5), "vikor", budget=1e3)
    assert evaluated == []


def test_a_bisection_over_budget_is_refused_after_the_cheap_grid(evaluated: list[int]) -> None:
    problem = random_problem(12, 6, seed=3)
    n, m = problem.matrix.shape
    grid = m * 201 * (evaluation_work("vikor", n, m) + sensitivity.RANK_COST * n * n)
    with pytest.raises(BudgetError) as caught:
        oat(problem, "vikor", budget=1.5 * grid)
    assert "one-at-a-time sensitivity of VIKOR on 12 options x 6 criteria (locating" \
        in str(caught.value)
    assert "wsm" in str(caught.value)  # the way out: a method with exact switches
    assert sum(evaluated) <= 1 + m * 201  # the current ranking and the grid, no bisection
    assert oat(problem, "vikor", budget=None).sweeps  # without a limit it runs


@pytest.mark.parametrize("method", ["topsis", "vikor"])
def test_the_bisection_estimate_bounds_the_work_done(monkeypatch: pytest.MonkeyPatch,
                                                     method: str) -> None:
    problem = random_problem(15, 6, seed=1)
    estimates: list[float] = []
    original = sensitivity.check_budget

    def check(work: float, budget: float | None, what: str, advice: str) -> None:
        estimates.append(work)
        original(work, budget, what, advice)

    done: list[int] = []
    scores = sensitivity._Sweeper.scores

    def counted(self, crit, t):  # type: ignore[no-untyped-def]
        done.append(len(t))
        return scores(self, crit, t)

    monkeypatch.setattr(sensitivity, "check_budget", check)
    monkeypatch.setattr(sensitivity._Sweeper, "scores", counted)
    oat(problem, method)
    n, m = problem.matrix.shape
    bisected = sum(done) - m * 201
    assert bisected > 1000  # enough changes of rank to make the bound mean something
    assert bisected * evaluation_work(method, n, m) <= estimates[-1]


@pytest.mark.parametrize("method", ["topsis", "vikor"])
def test_the_flip_search_stays_within_its_stated_bound(evaluated: list[int], method: str) -> None:
    problem = random_problem(10, 8, seed=2)
    scores = problem.matrix @ problem.w
    loser = problem.option_ids[int(np.argsort(scores)[len(scores) // 2])]
    result = flip(problem, loser, method)
    assert result.reachable
    assert sum(evaluated) <= flip_evaluations(8) + 2


def test_a_flip_search_over_budget_is_refused_and_an_exact_flip_needs_no_budget(
        evaluated: list[int]) -> None:
    problem = random_problem(50, 50)
    with pytest.raises(BudgetError, match="the search for what it takes under VIKOR on 50 "
                                          "options x 50 criteria would take about"):
        flip(problem, "a10", "vikor", budget=1e9)
    assert sum(evaluated) == 1  # the current ranking only
    assert flip(problem, "a10", "wsm", budget=1.0).reachable


def test_the_largest_problems_fit_the_interactive_budget() -> None:
    # 50 options x 50 criteria (MAX_OPTIONS x MAX_CRITERIA): every sweep and flip is allowed
    problem = random_problem(50, 50)
    for method in ALL_METHODS:
        assert flip_evaluations(50) * evaluation_work(method, 50, 50) < INTERACTIVE_BUDGET
    assert oat(problem, "vikor").sweeps  # the dearest sweep, with the default budget


# --- the command line ---------------------------------------------------------------------------


def test_the_cli_turns_a_refusal_into_an_error_line(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    ids = [f"c{j}" for j in range(50)]
    (tmp_path / "m.csv").write_text("option," + ",".join(ids) + "\n" + "".join(
        f"o{i}," + ",".join(f"{x:.1f}" for x in rng.uniform(0, 100, 50)) + "\n"
        for i in range(50)), encoding="utf-8")
    (tmp_path / "c.csv").write_text("id,direction,weight\n" + "".join(
        f"{c},benefit,1\n" for c in ids), encoding="utf-8")
    code = main(["smaa", "--samples", "10000000", "--matrix", str(tmp_path / "m.csv"),
                 "--criteria", str(tmp_path / "c.csv")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "10,000,000 SMAA samples of 50 options x 50 criteria" in err
    assert "at most" in err and "samples fit" in err


def test_the_cli_allows_a_minute_where_the_app_allows_ten_seconds(capsys, tmp_path) -> None:
    # a command the user starts and waits for may take about a minute (BATCH_BUDGET): 1,000,000
    # samples at 50 x 50 run, 10,000,000 (about 9 minutes) are refused before any work
    import numpy as np

    from mcda import cli
    from mcda.sensitivity import BATCH_BUDGET, INTERACTIVE_BUDGET
    from mcda.smaa import max_samples
    from mcda.tabular import load_matrix_problem

    values = np.random.default_rng(1).uniform(0, 10, (50, 50))
    matrix, criteria = tmp_path / "m.csv", tmp_path / "c.csv"
    matrix.write_text("option," + ",".join(f"c{j}" for j in range(50)) + "\n" + "".join(
        f"o{i}," + ",".join(f"{v:.3f}" for v in row) + "\n" for i, row in enumerate(values)))
    criteria.write_text("id,direction,weight\n" + "".join(f"c{j},benefit,1\n" for j in range(50)))
    problem = load_matrix_problem(matrix, criteria)
    batch = max_samples(problem, budget=BATCH_BUDGET)
    assert max_samples(problem) < 1_000_000 < batch
    assert cli.main(["smaa", "--matrix", str(matrix), "--criteria", str(criteria),
                     "--samples", "10000000"]) == 2
    err = capsys.readouterr().err
    assert f"at most {batch:,} samples fit" in err and "limit of 60 s" in err
    assert INTERACTIVE_BUDGET < BATCH_BUDGET
