"""The largest problems and the compute budget (``python -m benchmarks budget`` runs only these).

(e) one-at-a-time sweeps of every method on 50 options x 50 criteria (MAX_OPTIONS x MAX_CRITERIA),
    beside a pymcdm loop over the sweep grid measured in the same run on a subsample (like (c),
    without the refinement of switches); target: within the app's budget of about 10 s;
(f) "what it takes" for the two methods searched numerically, same size, beside a pymcdm loop
    over the search's bound of candidates (``flip_evaluations``), measured on a subsample;
(g) the budget's estimate against the clock: SMAA runs sized by ``max_samples`` to fill a budget
    of ``CALIBRATION_SECONDS`` for several sizes and both scores modes. A measured time at or
    below the estimate means the cost factors in ``mcda.sensitivity`` hold on this machine. They
    were measured with one BLAS thread (``OPENBLAS_NUM_THREADS=1``): with OpenBLAS's default of a
    thread per core, a machine busy with other work made the 50 x 50 rows up to five times slower.

The problem is synthetic (seed 0): uniform scores on 0-100 scales, a third of the criteria costs,
score ranges of +-10 for the sampled-scores runs. ``run()`` returns rows (dicts with the fields
of ``benchmarks.__main__.Row``); nothing is printed on import.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from benchmarks.baseline import loop_seconds
from mcda.methods import REGISTRY, get_method
from mcda.model import MAX_CRITERIA, MAX_OPTIONS, Criterion, Option, Problem, Scale, Score, Text
from mcda.sensitivity import (
    DEFAULT_POINTS,
    INTERACTIVE_BUDGET,
    LINEAR_METHODS,
    WORK_PER_SECOND,
    flip,
    flip_evaluations,
    oat,
    sweep_weights,
    work_seconds,
)
from mcda.smaa import max_samples, smaa

BASELINE_POINTS = 400
CALIBRATION_SECONDS = 1.0
CALIBRATION_SIZES = ((8, 5), (20, 10), (50, 50))


def large_problem(n: int = MAX_OPTIONS, m: int = MAX_CRITERIA, seed: int = 0) -> Problem:
    """n options x m criteria, scores uniform in [10, 90] with ranges of +-10, weights 1-10."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(10, 90, (n, m))
    criteria = tuple(
        Criterion(id=f"c{j}", name=Text.same(f"C{j}"), direction="cost" if j % 3 == 0
                  else "benefit", scale=Scale(min=0, max=100))
        for j in range(m))
    options = tuple(
        Option(id=f"o{i}", name=Text.same(f"O{i}"), scores={
            f"c{j}": Score(value=values[i, j], range=(values[i, j] - 10, values[i, j] + 10))
            for j in range(m)})
        for i in range(n))
    weights = rng.uniform(1, 10, m)
    return Problem(criteria=criteria, options=options,
                   weights={c.id: float(w) for c, w in zip(criteria, weights, strict=True)})


def _timed(run: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def _row(name: str, seconds: float, baseline: float | None, note: str, target: str,
         met: bool | None) -> dict[str, Any]:
    return {"name": name, "seconds": seconds, "baseline": baseline, "baseline_note": note,
            "peak_mb": None, "target": target, "met": met}


def bench_sweeps(problem: Problem) -> list[dict[str, Any]]:
    """(e) one-at-a-time sensitivity of each method, with the default budget."""
    n, m = problem.matrix.shape
    grid = np.linspace(0.0, 1.0, DEFAULT_POINTS)
    W = np.vstack([sweep_weights(problem.w, j, grid) for j in range(m)])
    sample = W[np.random.default_rng(0).choice(len(W), BASELINE_POINTS, replace=False)]
    limit = work_seconds(INTERACTIVE_BUDGET)
    rows = []
    for name in REGISTRY:
        seconds, _ = _timed(lambda name=name: oat(problem, name))
        baseline = loop_seconds(problem, (name,), sample) * len(W) / BASELINE_POINTS
        rows.append(_row(
            f"(e) one-at-a-time {name}, {n} x {m}", seconds, baseline,
            f"loop over {BASELINE_POINTS} of the {len(W):,} grid points, scaled; no refinement",
            f"< {limit:.0f} s", seconds < limit))
    return rows


def bench_flips(problem: Problem) -> list[dict[str, Any]]:
    """(f) what it takes for the middle-ranked option, for the numerically searched methods."""
    n, m = problem.matrix.shape
    rng = np.random.default_rng(1)
    uniform = rng.standard_exponential((BASELINE_POINTS, m))
    sample = uniform / uniform.sum(axis=1, keepdims=True)
    bound = flip_evaluations(m)
    limit = work_seconds(INTERACTIVE_BUDGET)
    rows = []
    for name in (name for name in REGISTRY if name not in LINEAR_METHODS):
        order = get_method(name).rank(problem).order
        seconds, result = _timed(lambda name=name, option=order[n // 2]: flip(problem, option,
                                                                               name))
        baseline = loop_seconds(problem, (name,), sample) * bound / BASELINE_POINTS
        rows.append(_row(
            f"(f) what it takes, {name}, {n} x {m}", seconds, baseline,
            f"loop over {BASELINE_POINTS} weightings, scaled to the search's bound of "
            f"{bound:,}", f"< {limit:.0f} s", seconds < limit and result.reachable))
    return rows


def bench_calibration() -> list[dict[str, Any]]:
    """(g) SMAA sized to a budget of CALIBRATION_SECONDS: measured time against the estimate."""
    budget = CALIBRATION_SECONDS * WORK_PER_SECOND
    methods = list(REGISTRY)
    rows = []
    for n, m in CALIBRATION_SIZES:
        problem = large_problem(n, m)
        for scores in ("fixed", "ranges"):
            samples = max_samples(problem, methods, scores, budget)
            seconds, _ = _timed(lambda problem=problem, samples=samples, scores=scores: smaa(
                problem, methods, samples=samples, scores=scores, budget=budget))
            rows.append(_row(
                f"(g) SMAA {samples:,} samples, {n} x {m}, {scores}, {len(methods)} methods",
                seconds, None, f"sized by max_samples to an estimate of {CALIBRATION_SECONDS:g} s",
                f"<= {CALIBRATION_SECONDS:g} s (the estimate)", seconds <= CALIBRATION_SECONDS))
    return rows


def run() -> list[dict[str, Any]]:
    """Every row of this module, largest problem first."""
    problem = large_problem()
    return [*bench_sweeps(problem), *bench_flips(problem), *bench_calibration()]
