"""Run every benchmark and print a table: ``python -m benchmarks`` (``make bench``).

(a) SMAA, 1,000,000 uniform weight samples, wsm + topsis + vikor + promethee_ii together;
(b) SMAA with scores drawn from their ranges, 100,000 samples, the same four methods;
(c) a full recomputation: every registered method's ranking plus every one-at-a-time sweep;
(d) page reruns after a weight change (``benchmarks.bench_page``, through Streamlit's AppTest);
(e)-(g) the largest problems (50 options x 50 criteria) and the compute budget
(``benchmarks.bench_budget``; ``python -m benchmarks budget`` runs only these).
(a)-(c), (e) and (f) each beside a pymcdm loop measured in the same run on a subsample and scaled
linearly; a page rerun and the budget's calibration have no pymcdm counterpart.
"""

from __future__ import annotations

import gc
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from benchmarks.baseline import loop_seconds
from mcda.data import DataError, load_case
from mcda.methods import DEFAULT_METHODS, REGISTRY, rank_all
from mcda.model import Criterion, Option, Problem, ProblemError, Scale, Score, Text
from mcda.sensitivity import DEFAULT_POINTS, oat_all, sweep_weights
from mcda.smaa import SampleSpec, draw, smaa

SAMPLES_A = 1_000_000
SAMPLES_B = 100_000
BASELINE_SAMPLES = 2_000
REPEATS_C = 20


@dataclass(frozen=True)
class Row:
    """One line of the table; ``baseline`` and ``peak_mb`` are None where not measured."""

    name: str
    seconds: float
    baseline: float | None
    baseline_note: str
    peak_mb: float | None
    target: str
    met: bool | None


def bench_problem() -> tuple[Problem, str]:
    """7 options x 5 criteria: the bundled case (its first seven options), else synthetic."""
    try:
        case = load_case()
        problem = case.problem(options=[o.id for o in case.options[:7]])
        if problem.matrix.shape == (7, 5):
            return problem, "bundled case, default weights, options " + ", ".join(
                problem.option_ids)
    except (DataError, ProblemError):
        pass
    return synthetic_problem(), "synthetic 7 x 5 problem (seed 0)"


def synthetic_problem() -> Problem:
    """A 7 x 5 problem with score ranges, two cost criteria and a linear PROMETHEE criterion."""
    rng = np.random.default_rng(0)
    values = rng.uniform(10, 90, (7, 5))
    directions = ["benefit", "benefit", "cost", "cost", "benefit"]
    criteria = tuple(
        Criterion(id=f"c{j}", name=Text.same(f"C{j}"), direction=directions[j],
                  scale=Scale(min=0, max=100), default_weight=float(5 - j))
        for j in range(5)
    )
    options = tuple(
        Option(id=f"o{i}", name=Text.same(f"O{i}"), scores={
            f"c{j}": Score(value=values[i, j],
                           range=(max(0.0, values[i, j] - 10), min(100.0, values[i, j] + 10)))
            for j in range(5)})
        for i in range(7)
    )
    return Problem(criteria=criteria, options=options,
                   weights={c.id: c.default_weight for c in criteria})


def peak_traced_mb(run: Callable[[], object]) -> float:
    """Peak memory traced by tracemalloc (numpy reports its buffers to it) during one run, MB."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def timed(run: Callable[[], object], repeats: int = 1) -> float:
    """Best wall-clock seconds over ``repeats`` runs."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def bench_smaa_weights(problem: Problem) -> Row:
    """(a) 1,000,000 weight samples, four methods, fixed scores."""
    def run() -> object:
        return smaa(problem, DEFAULT_METHODS, samples=SAMPLES_A, seed=1, budget=None)

    seconds = timed(run, repeats=2)
    peak = peak_traced_mb(run)
    W, _ = next(draw(problem, SampleSpec(samples=BASELINE_SAMPLES, seed=1)))
    per_sample = loop_seconds(problem, DEFAULT_METHODS, W) / BASELINE_SAMPLES
    return Row(
        name=f"(a) SMAA {SAMPLES_A:,} weight samples, 4 methods",
        seconds=seconds,
        baseline=per_sample * SAMPLES_A,
        baseline_note=f"loop over {BASELINE_SAMPLES:,} samples x {SAMPLES_A // BASELINE_SAMPLES}",
        peak_mb=peak,
        target="< 5 s, < 1 GB",
        met=seconds < 5 and peak < 1024,
    )


def bench_smaa_ranges(problem: Problem) -> Row:
    """(b) 100,000 samples of weights and scores, four methods, with the confidence pass."""
    def run() -> object:
        return smaa(problem, DEFAULT_METHODS, samples=SAMPLES_B, seed=1, scores="ranges",
                    budget=None)

    result = run()
    seconds = timed(run, repeats=1)
    W, X = next(draw(problem, SampleSpec(samples=BASELINE_SAMPLES, seed=1, scores="ranges")))
    per_evaluation = (loop_seconds(problem, DEFAULT_METHODS, W, X)
                      / (BASELINE_SAMPLES * len(DEFAULT_METHODS)))
    confidence_runs = sum(int((~np.isnan(r.central_weights).any(axis=1)).sum())
                          for r in result.values())
    evaluations = SAMPLES_B * (len(DEFAULT_METHODS) + confidence_runs)
    return Row(
        name=f"(b) SMAA {SAMPLES_B:,} weight+score samples, 4 methods",
        seconds=seconds,
        baseline=per_evaluation * evaluations,
        baseline_note=(f"loop over {BASELINE_SAMPLES:,} samples, scaled to the {evaluations:,} "
                       "method calls of the run (incl. the confidence pass)"),
        peak_mb=peak_traced_mb(run),
        target="(none)",
        met=None,
    )


def bench_recompute(problem: Problem) -> Row:
    """(c) every method's ranking plus every one-at-a-time sweep, after a weight change."""
    methods = tuple(REGISTRY)

    def run() -> object:
        return rank_all(problem, methods), oat_all(problem, methods)

    run()
    seconds = timed(run, repeats=REPEATS_C)
    m = len(problem.criterion_ids)
    grid = np.linspace(0.0, 1.0, DEFAULT_POINTS)
    W = np.vstack([problem.w[None]] + [sweep_weights(problem.w, j, grid) for j in range(m)])
    baseline = loop_seconds(problem, methods, W)
    return Row(
        name=f"(c) recompute {len(methods)} methods + all sweeps ({m} x {DEFAULT_POINTS} points)",
        seconds=seconds,
        baseline=baseline,
        baseline_note=(f"full loop over the {len(W):,} sweep points, no refinement of switches "
                       f"(ours: best of {REPEATS_C}, switches refined)"),
        peak_mb=peak_traced_mb(run),
        target="< 100 ms",
        met=seconds < 0.1,
    )


def bench_pages() -> list[Row]:
    """(d) the Criteria and Results pages rerun after a weight change (``bench_page.run``)."""
    from benchmarks.bench_page import run as run_pages

    return [
        Row(name=f"(d) {r['name']}", seconds=r["seconds"], baseline=None,
            baseline_note="none (a page rerun has no pymcdm counterpart); median of "
                          "Streamlit AppTest reruns after a warm-up",
            peak_mb=None, target=f"< {r['target_seconds'] * 1000:.0f} ms",
            met=r["seconds"] < r["target_seconds"])
        for r in run_pages()
    ]


def format_seconds(s: float) -> str:
    """Milliseconds below one second, else seconds."""
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def bench_budget() -> list[Row]:
    """(e)-(g) 50 x 50 sweeps and flips, and the budget's estimate against the clock."""
    from benchmarks.bench_budget import run as run_budget

    return [Row(**row) for row in run_budget()]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks (``budget``: only (e)-(g)), print the table; exit 1 when a target is
    missed."""
    only_budget = (sys.argv[1:] if argv is None else argv) == ["budget"]
    problem, description = bench_problem()
    if not only_budget:
        print(f"problem (a)-(c): {description}")
    print("problem (e)-(g): synthetic (seed 0), 50 options x 50 criteria and smaller")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"numpy {np.__version__}, OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS', 'unset')} (the budget assumes 1)")
    rows = bench_budget() if only_budget else [
        bench_smaa_weights(problem), bench_smaa_ranges(problem), bench_recompute(problem),
        *bench_pages(), *bench_budget()]
    header = ("benchmark", "ours", "pymcdm loop", "speed-up", "peak memory", "target", "met")
    table = [header] + [
        (r.name, format_seconds(r.seconds),
         "-" if r.baseline is None else format_seconds(r.baseline),
         "-" if r.baseline is None else f"{r.baseline / r.seconds:,.0f}x",
         "-" if r.peak_mb is None else f"{r.peak_mb:,.0f} MB", r.target,
         "-" if r.met is None else ("yes" if r.met else "NO"))
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for k, row in enumerate(table):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("pymcdm loop: one pymcdm call per sample and method in Python, measured in this run on")
    print("a subsample and scaled linearly:")
    for key, note in dict.fromkeys((r.name[:3], r.baseline_note) for r in rows):
        print(f"  {key} {note}")
    print("peak memory: tracemalloc's peak of traced allocations (numpy buffers included) in a")
    print("separate, untimed run; process max RSS so far: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB.")
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
