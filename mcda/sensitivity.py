"""Weight sensitivity: one-at-a-time sweeps with stability intervals, and "what it takes" (flip).

Everything evaluates the methods through ``Method.batch`` on stacked weight vectors, so a sweep of
every criterion is one vectorised call per method and the numbers are those of the ranking itself.

One-at-a-time (``oat``): criterion j's normalised weight t runs over [0, 1] while the others keep
their ratios: w_j(t) = t and w_k(t) = (1 - t) w_k / (1 - w_j). When w_j = 1 the others have no
ratios to keep and share 1 - t equally. Switches are the weights in the open interval (0, 1)
where the set of first-ranked options changes, with the option(s) first just above. For the
methods that are linear in the weights when the scores are fixed (``LINEAR_METHODS``: wsm, spotis,
promethee_ii) every score is a straight line in t, so switches are intersections of lines,
computed exactly. For the others the sweep grid locates a change and bisection refines it to
``SWITCH_TOLERANCE``; two changes inside one grid cell that cancel out are not seen.

Ties: "first" is the set of options with competition rank 1. A point where two options touch
without changing order is not a switch. The stability interval is the closed interval around the
current weight in which the current set of first-ranked options stays the same; when the current
weights tie several options for first place and any change breaks the tie, it is the single point
[w, w]. When the current weights tie *every* option there is no ranking to test and
``SensitivityError`` is raised.

Flip (``flip``): the smallest L1 change of the normalised weight vector (sum of |new - current|)
that makes an option rank first, possibly level with others. At the smallest change the option
is usually exactly level with the option it overtakes (the boundary); ``tied_with`` names them and
any further step makes it first alone. Linear methods are solved exactly as a linear programme;
TOPSIS and VIKOR by a numeric search that is verified (see ``flip``).

Compute budget: ``oat``, ``flip`` and ``mcda.smaa.smaa`` estimate their work in work units (about
a nanosecond each on the reference machine, ``WORK_PER_SECOND``) before the heavy part and refuse
a request over their ``budget`` with ``BudgetError`` (a ``SensitivityError``). The default,
``INTERACTIVE_BUDGET``, is about 10 s, what one request of the app may take; ``BATCH_BUDGET``
(about a minute) suits a command the user starts and waits for; None lifts the limit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mcda.methods import (
    TIE_TOLERANCE,
    Method,
    MethodError,
    competition_ranks,
    get_method,
    resolve_methods,
)
from mcda.model import Problem

LINEAR_METHODS = frozenset({"wsm", "spotis", "promethee_ii"})
SWITCH_TOLERANCE = 1e-8
END_MARGIN = 1e-6
DEFAULT_POINTS = 201
_EXACT_TOLERANCE = 1e-12


class SensitivityError(ValueError):
    """A sensitivity or robustness analysis cannot be run as asked."""


# --- compute budget -----------------------------------------------------------------------------
# Every analysis estimates its work before the heavy part starts and refuses (``BudgetError``) a
# request that exceeds its budget, so that no single request holds a shared server for minutes.
# Work is counted in units of about one nanosecond of the reference machine (2 cores, Debian 12,
# numpy 2.4, one BLAS thread); the factors below were measured there per method and problem size
# and are re-measured against real runs by ``python -m benchmarks`` (case "budget").
WORK_PER_SECOND = 1e9
INTERACTIVE_BUDGET = 10 * WORK_PER_SECOND  # one request of the app: about 10 s
BATCH_BUDGET = 60 * WORK_PER_SECOND  # a command the user starts and waits for: about a minute

# One evaluation of a method at one weight vector with fixed scores costs
# EVALUATION_COST * options * criteria + OPTION_COST * options + EVALUATION_OVERHEAD.
EVALUATION_COST: dict[str, float] = {
    "wsm": 1.0, "topsis": 1.0, "vikor": 4.0, "promethee_ii": 1.0, "spotis": 1.0}
EVALUATION_OVERHEAD: dict[str, float] = {
    "wsm": 400.0, "topsis": 700.0, "vikor": 1500.0, "promethee_ii": 400.0, "spotis": 400.0}
OPTION_COST = 30.0
# With sampled scores every sample brings its own matrix: SAMPLED_COST * options * criteria
# (times options again for PAIRWISE_METHODS, which compare every pair of options) plus
# SAMPLED_OVERHEAD per evaluation.
SAMPLED_COST: dict[str, float] = {
    "wsm": 11.0, "topsis": 24.0, "vikor": 18.0, "promethee_ii": 22.0, "spotis": 11.0}
SAMPLED_OVERHEAD = 1500.0
PAIRWISE_METHODS = frozenset({"promethee_ii"})
# Ranking the options of one evaluation and counting the ranks (SMAA): RANK_COST * options^2.
RANK_COST = 2.5


class BudgetError(SensitivityError):
    """A request whose estimated work exceeds the compute budget; refused before it runs.

    ``work`` and ``budget`` are in work units (``WORK_PER_SECOND`` per second); ``allowed`` is
    the largest size of the request that fits, when the request has a size (SMAA's samples).
    """

    def __init__(self, message: str, *, work: float, budget: float, allowed: int | None = None
                 ) -> None:
        super().__init__(message)
        self.work = work
        self.budget = budget
        self.allowed = allowed


def _factor(table: dict[str, float], method: str) -> float:
    """A method's cost factor; a method registered later without one costs as the dearest."""
    return table.get(method, max(table.values()))


def evaluation_work(method: str, options: int, criteria: int, sampled: bool = False) -> float:
    """Work units of one evaluation of ``method`` at one weight vector (with ``sampled``: on a
    score matrix of its own, as SMAA with sampled scores does)."""
    size = options * criteria
    if sampled:
        pairwise = options if method in PAIRWISE_METHODS else 1
        return _factor(SAMPLED_COST, method) * size * pairwise + SAMPLED_OVERHEAD
    return (_factor(EVALUATION_COST, method) * size + OPTION_COST * options
            + _factor(EVALUATION_OVERHEAD, method))


def work_seconds(work: float) -> float:
    """Work units as seconds on the reference machine."""
    return work / WORK_PER_SECOND


def check_budget(work: float, budget: float | None, what: str, advice: str) -> None:
    """Refuse work over ``budget`` (None: no limit) with a message naming ``what`` and the way out.

    ``what`` says what was asked ("one-at-a-time sensitivity of VIKOR on 50 options x 50
    criteria"); ``advice`` what would fit.
    """
    if budget is not None and work > budget:
        raise BudgetError(
            f"{what} would take about {work_seconds(work):,.0f} s, more than the limit of "
            f"{work_seconds(budget):,.0f} s per request; {advice}",
            work=work, budget=budget)


def validate_budget(budget: float | None) -> None:
    """Refuse a budget that is neither a positive number of work units nor None (no limit)."""
    if budget is not None and not (isinstance(budget, int | float) and not isinstance(
            budget, bool) and np.isfinite(budget) and budget > 0):
        raise SensitivityError(f"the compute budget must be a positive number or None, got "
                               f"{budget!r}")


def resolve(method: str | Method) -> Method:
    """A method instance from a name (unknown names raise ``SensitivityError``)."""
    if isinstance(method, Method):
        return method
    try:
        return get_method(method)
    except MethodError as exc:
        raise SensitivityError(str(exc)) from None


def resolve_names(methods: Sequence[str] | None) -> tuple[str, ...]:
    """Method names as ``resolve_methods`` reads them; unknown ones raise ``SensitivityError``."""
    try:
        return resolve_methods(list(methods) if methods is not None else None)
    except MethodError as exc:
        raise SensitivityError(str(exc)) from None


def option_index(problem: Problem, option: str) -> int:
    """The position of an option id (unknown ids raise ``SensitivityError``)."""
    if option not in problem.option_ids:
        known = ", ".join(problem.option_ids)
        raise SensitivityError(f"unknown option '{option}' (known: {known})")
    return problem.option_ids.index(option)


def check_not_all_tied(ranks: np.ndarray, method: Method) -> None:
    """Refuse an analysis whose starting point ranks every option first."""
    if bool(np.all(ranks == 1)):
        raise SensitivityError(
            f"all options tie under these weights with {method.name}: there is no ranking to "
            "test (do the options differ on any weighted criterion?)"
        )


def first_sets(scores: np.ndarray, better: str) -> np.ndarray:
    """Which options have competition rank 1 in each row of (..., n) scores (ties included).

    The same test as ``competition_ranks(scores, better) == 1`` (no option better beyond the tie
    tolerance), in n rather than n * n comparisons per row.
    """
    s = np.asarray(scores, dtype=float)
    oriented = s if better == "higher" else -s
    scale = np.maximum(np.abs(s).max(axis=-1, keepdims=True), 1.0)
    return oriented.max(axis=-1, keepdims=True) <= oriented + TIE_TOLERANCE * scale


def pair_order(scores: np.ndarray, i: np.ndarray, k: np.ndarray, better: str) -> np.ndarray:
    """Per row r of (B, n) scores: sign(rank of k[r] - rank of i[r]) in competition ranks.

    The two ranks are counted exactly as ``competition_ranks`` counts them, in 2 n rather than
    n * n comparisons per row (the sweeps' bisection asks this of tens of thousands of rows).
    """
    s = np.asarray(scores, dtype=float)
    oriented = s if better == "higher" else -s
    scale = np.maximum(np.abs(s).max(axis=-1), 1.0)
    rows = np.arange(len(s))
    rank_i = np.count_nonzero(oriented > (oriented[rows, i] + TIE_TOLERANCE * scale)[:, None],
                              axis=-1)
    rank_k = np.count_nonzero(oriented > (oriented[rows, k] + TIE_TOLERANCE * scale)[:, None],
                              axis=-1)
    return np.sign(rank_k - rank_i)


def sweep_weights(w0: np.ndarray, j: int, t: np.ndarray) -> np.ndarray:
    """Weight vectors (len(t), m) with criterion j at t and the others in their current ratios."""
    return _others(w0)[j] * (1.0 - t)[:, None] + np.eye(len(w0))[j] * t[:, None]


def _others(w0: np.ndarray) -> np.ndarray:
    """Row j: how criterion j's complement 1 - t is shared among the other criteria."""
    m = len(w0)
    rest = np.tile(w0, (m, 1))
    np.fill_diagonal(rest, 0.0)
    total = rest.sum(axis=1, keepdims=True)
    equal = (1.0 - np.eye(m)) / max(m - 1, 1)
    return np.where(total > _EXACT_TOLERANCE, rest / np.where(total > 0, total, 1.0), equal)


@dataclass(frozen=True)
class Switch:
    """A weight where the first-ranked option changes, and who is first just above it."""

    weight: float
    first: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"weight": self.weight, "first": self.first[0]}
        if len(self.first) > 1:
            out["tied"] = list(self.first)
        return out


@dataclass(frozen=True)
class CriterionSweep:
    """The sweep of one criterion's weight: grid, scores and ranks (points, n), and switches."""

    criterion: str
    current: float
    grid: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    switches: tuple[Switch, ...]
    rank_switches: tuple[float, ...]
    stability: tuple[float, float]

    def to_json(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "stability": list(self.stability),
            "switches": [s.to_json() for s in self.switches],
            "rank_switches": list(self.rank_switches),
        }


@dataclass(frozen=True)
class OATResult:
    """One-at-a-time sensitivity of one method: a sweep per criterion."""

    method: str
    label: str
    better: str
    exact: bool
    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    weights: np.ndarray
    current_first: tuple[str, ...]
    sweeps: tuple[CriterionSweep, ...]

    def sweep(self, criterion: str) -> CriterionSweep:
        """The sweep of one criterion."""
        for item in self.sweeps:
            if item.criterion == criterion:
                return item
        raise SensitivityError(f"unknown criterion '{criterion}'")

    def to_json(self) -> dict[str, Any]:
        """The CLI's sensitivity shape."""
        return {
            "method": self.method,
            "current_first": list(self.current_first),
            "criteria": {s.criterion: s.to_json() for s in self.sweeps},
        }


Key = tuple[bool, ...]
Event = tuple[float, Key, Key]


class _Sweeper:
    """Evaluates a method at sweep points (criterion index, t), many at once, in bounded slices."""

    def __init__(self, problem: Problem, method: Method) -> None:
        self.problem = problem
        self.method = method
        self.w0 = problem.w
        self.rest = _others(self.w0)
        self.eye = np.eye(len(self.w0))
        self.X = problem.matrix[None]

    def weights(self, crit: np.ndarray, t: np.ndarray) -> np.ndarray:
        return self.rest[crit] * (1.0 - t)[:, None] + self.eye[crit] * t[:, None]

    def scores(self, crit: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Scores (len(t), n), evaluated in slices of about ``_CHUNK_ELEMENTS`` values so that a
        method's (slice, n, m) intermediates stay bounded (VIKOR's bisection of 50 options on 50
        criteria asked for 840 MB at once)."""
        size = max(1, _CHUNK_ELEMENTS // self.X[0].size)
        parts = [self.method.batch(self.problem, self.X, self.weights(crit[k:k + size],
                                                                      t[k:k + size]))
                 for k in range(0, len(t), size)]
        return np.concatenate(parts) if parts else np.zeros((0, self.X.shape[1]))

    def bisect(
        self, crit: np.ndarray, lo: np.ndarray, hi: np.ndarray,
        stays_left: Callable[[np.ndarray], np.ndarray],
    ) -> tuple[np.ndarray, np.ndarray]:
        """Shrink brackets [lo, hi] (state changes inside) to SWITCH_TOLERANCE, all at once.

        ``stays_left`` reads the scores (B, n) at the midpoints and says per bracket whether the
        state there is still the one at its left end. Brackets that share a midpoint (several
        pairs of options swapping within one grid cell) share its evaluation.
        """
        if len(crit) == 0:
            return lo, hi
        for _ in range(_bisection_steps(float((hi - lo).max()))):
            mid = (lo + hi) / 2
            points, where = np.unique(np.column_stack([crit, mid]), axis=0, return_inverse=True)
            scores = self.scores(points[:, 0].astype(np.intp), points[:, 1])
            left = stays_left(scores[where.ravel()])
            lo = np.where(left, mid, lo)
            hi = np.where(left, hi, mid)
        return lo, hi


def _merge(events: list[Event], tol: float) -> list[Event]:
    """Join events closer than tol (a tie at one point) and drop those that change nothing."""
    merged: list[list[Any]] = []
    for t, left, right in sorted(events, key=lambda e: e[0]):
        if merged and t - merged[-1][0] <= tol:
            merged[-1][2] = right
            merged[-1][0] = (merged[-1][3] + t) / 2
        else:
            merged.append([t, left, right, t])
    return [(t, left, right) for t, left, right, _ in merged if left != right]


def _stability(events: list[Event], t0: float, current: Key, constant: Key, tol: float
               ) -> tuple[float, float]:
    """The interval around t0 in which the first-ranked set stays ``current``."""
    bounds = [0.0] + [e[0] for e in events] + [1.0]
    keys = [events[0][1] if events else constant] + [e[2] for e in events]
    for i, event in enumerate(events, start=1):
        if abs(event[0] - t0) <= tol:
            if keys[i - 1] == current:
                return bounds[i - 1], bounds[i]
            if keys[i] == current:
                return bounds[i], bounds[i + 1]
            return t0, t0
    piece = int(np.searchsorted(np.array(bounds[1:-1]), t0, side="right"))
    if keys[piece] == current:
        return bounds[piece], bounds[piece + 1]
    return t0, t0


def _names(problem: Problem, key: Key) -> tuple[str, ...]:
    return tuple(o for o, first in zip(problem.option_ids, key, strict=True) if first)


def _linear_events(sweeper: _Sweeper, j: int) -> tuple[list[Event], list[float], Key]:
    """Exact first-set events and rank switches along criterion j for a linear method."""
    ends = sweeper.scores(np.array([j, j]), np.array([0.0, 1.0]))
    sign = 1.0 if sweeper.method.better == "higher" else -1.0
    a, b = sign * ends[0], sign * (ends[1] - ends[0])
    i, k = np.triu_indices(len(a), 1)
    slope = b[i] - b[k]
    scale = max(float(np.abs(ends).max()), 1.0)
    crossing = np.abs(slope) > _EXACT_TOLERANCE * scale
    t = (a[k] - a[i])[crossing] / slope[crossing]
    t = np.unique(t[(t > _EXACT_TOLERANCE) & (t < 1.0 - _EXACT_TOLERANCE)])
    bounds = np.concatenate([[0.0], t, [1.0]])
    mids = (bounds[:-1] + bounds[1:]) / 2
    first = competition_ranks(a + np.outer(mids, b), "higher") == 1
    keys = [tuple(bool(x) for x in row) for row in first]
    events = [(float(t[p]), keys[p], keys[p + 1]) for p in range(len(t))]
    return _merge(events, _EXACT_TOLERANCE), [float(x) for x in t], keys[0]


def _grid_events(sweeper: _Sweeper, ranks: np.ndarray, grid: np.ndarray, budget: float | None
                 ) -> tuple[list[list[Event]], list[list[float]], list[Key]]:
    """First-set events and rank switches of every criterion, located on the grid and bisected.

    ``ranks`` is (m, points, n). All brackets of all criteria are refined together. The state just
    above a change is read at the cell's upper grid point: right at the bisected boundary the two
    options are still level within the ranking's tie tolerance. The bisection's work is checked
    against ``budget`` before it starts.
    """
    m, _, n = ranks.shape
    better = sweeper.method.better
    first = ranks == 1
    first_crit, first_cell = np.nonzero((first[:, 1:] != first[:, :-1]).any(axis=-1))
    i, k = np.triu_indices(n, 1)
    small = ranks.astype(np.int16)  # (m, points, pairs) of int64 was 100 MB for 50 options
    state = np.sign(small[..., k] - small[..., i])
    crit, cell, pair = np.nonzero(state[:, 1:] != state[:, :-1])
    steps = _bisection_steps(float(grid[1] - grid[0]))
    evaluations = (_bisection_evaluations(first_crit, first_cell, steps)
                   + _bisection_evaluations(crit, cell, steps))
    check_budget(
        evaluations * evaluation_work(sweeper.method.name, n, m), budget,
        f"one-at-a-time sensitivity of {sweeper.method.label} on {n} options x {m} criteria "
        f"(locating {len(crit) + len(first_crit):,} changes of rank along the sweeps)",
        "use fewer options or criteria, or a method whose switches are computed exactly "
        f"({', '.join(sorted(LINEAR_METHODS))})")

    left_first = first[first_crit, first_cell]
    lo, hi = sweeper.bisect(first_crit, grid[first_cell], grid[first_cell + 1],
                            lambda s: (first_sets(s, better) == left_first).all(axis=-1))
    right_first = first[first_crit, first_cell + 1]
    events: list[list[Event]] = [[] for _ in range(m)]
    for c, low, high, left, right in zip(first_crit, lo, hi, left_first, right_first,
                                         strict=True):
        events[c].append(((low + high) / 2, tuple(map(bool, left)), tuple(map(bool, right))))

    left_state = state[crit, cell, pair]
    pi, pk = i[pair], k[pair]
    lo, hi = sweeper.bisect(crit, grid[cell], grid[cell + 1],
                            lambda s: pair_order(s, pi, pk, better) == left_state)
    right_state = state[crit, cell + 1, pair]
    rank_events: list[list[Event]] = [[] for _ in range(m)]
    per_pair: dict[tuple[int, int], list[Event]] = {}
    for c, p, low, high, left, right in zip(crit, pair, lo, hi, left_state, right_state,
                                            strict=True):
        per_pair.setdefault((int(c), int(p)), []).append(
            ((low + high) / 2, (bool(left > 0), bool(left == 0)),
             (bool(right > 0), bool(right == 0))))
    for (c, _), found in per_pair.items():
        rank_events[c].extend(_merge(found, 2 * SWITCH_TOLERANCE))
    rank_switches = [_unique_sorted([e[0] for e in found if _inside(e[0])])
                     for found in rank_events]
    merged = [[e for e in _merge(found, 2 * SWITCH_TOLERANCE) if _inside(e[0])]
              for found in events]
    constant = [_most_common(first[c]) for c in range(m)]
    return merged, rank_switches, constant


def _bisection_steps(width: float) -> int:
    """Halvings that shrink a bracket of ``width`` to ``SWITCH_TOLERANCE``."""
    return max(0, int(np.ceil(np.log2(width / SWITCH_TOLERANCE))))


def _bisection_evaluations(crit: np.ndarray, cell: np.ndarray, steps: int) -> int:
    """At most how many points ``_Sweeper.bisect`` evaluates for these brackets: brackets in one
    grid cell share their midpoints until they part, so after s halvings a cell holding p of
    them has at most min(p, 2^s) distinct ones."""
    if len(crit) == 0:
        return 0
    _, per_cell = np.unique(np.column_stack([crit, cell]), axis=0, return_counts=True)
    return int(sum(np.minimum(per_cell, 2**s).sum() for s in range(steps)))


def _inside(t: float) -> bool:
    """Whether a located change lies inside (0, 1) and not at an end (a tie at the end point).

    Near an end two options that tie there are level within the ranking's tie tolerance a little
    before it, so a change closer than ``END_MARGIN`` to an end counts as at the end.
    """
    return END_MARGIN < t < 1.0 - END_MARGIN


def _unique_sorted(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > 2 * SWITCH_TOLERANCE:
            out.append(float(value))
    return out


def _most_common(rows: np.ndarray) -> Key:
    unique, counts = np.unique(rows, axis=0, return_counts=True)
    return tuple(bool(x) for x in unique[int(np.argmax(counts))])


def oat(problem: Problem, method: str | Method = "wsm", points: int = DEFAULT_POINTS,
        budget: float | None = INTERACTIVE_BUDGET) -> OATResult:
    """One-at-a-time sensitivity of every criterion's weight for one method (see module doc).

    Refuses with ``BudgetError`` a sweep whose work exceeds ``budget`` (work units; None: no
    limit): the sweep grid is checked before it is evaluated, the bisection of the changes it
    finds (the heavy part for the methods not linear in the weights) before it starts.
    """
    if isinstance(points, bool) or not isinstance(points, int) or points < 3:
        raise SensitivityError(f"a sweep needs at least 3 points, got {points!r}")
    validate_budget(budget)
    meth = resolve(method)
    n, m = problem.matrix.shape
    if m < 2:
        raise SensitivityError("one-at-a-time sensitivity needs at least two weighted criteria")
    check_budget(
        m * points * (evaluation_work(meth.name, n, m) + RANK_COST * n * n), budget,
        f"a sweep of {points:,} points per criterion with {meth.label} on {n} options x {m} "
        "criteria", f"use fewer points (the default is {DEFAULT_POINTS})")
    sweeper = _Sweeper(problem, meth)
    current_ranks = competition_ranks(
        meth.batch(problem, sweeper.X, problem.w[None])[0], meth.better)
    check_not_all_tied(current_ranks, meth)
    current: Key = tuple(bool(r == 1) for r in current_ranks)

    grid = np.linspace(0.0, 1.0, points)
    crit = np.repeat(np.arange(m), points)
    scores = sweeper.scores(crit, np.tile(grid, m)).reshape(m, points, -1)
    ranks = competition_ranks(scores, meth.better)
    exact = meth.name in LINEAR_METHODS
    if exact:
        found = [_linear_events(sweeper, j) for j in range(m)]
        events = [f[0] for f in found]
        rank_switches = [f[1] for f in found]
        constant = [f[2] for f in found]
        tol = _EXACT_TOLERANCE
    else:
        events, rank_switches, constant = _grid_events(sweeper, ranks, grid, budget)
        tol = 2 * SWITCH_TOLERANCE

    sweeps = []
    for j, crit_id in enumerate(problem.criterion_ids):
        t0 = float(problem.w[j])
        lo, hi = _stability(events[j], t0, current, constant[j], tol)
        sweeps.append(CriterionSweep(
            criterion=crit_id,
            current=t0,
            grid=grid,
            scores=scores[j],
            ranks=ranks[j],
            switches=tuple(Switch(float(t), _names(problem, right))
                           for t, _, right in events[j]),
            rank_switches=tuple(rank_switches[j]),
            stability=(float(lo), float(hi)),
        ))
    return OATResult(
        method=meth.name, label=meth.label, better=meth.better, exact=exact,
        option_ids=problem.option_ids, criterion_ids=problem.criterion_ids, weights=problem.w,
        current_first=_names(problem, current), sweeps=tuple(sweeps),
    )


def oat_all(problem: Problem, methods: Sequence[str] | None = None,
            points: int = DEFAULT_POINTS, budget: float | None = INTERACTIVE_BUDGET
            ) -> dict[str, OATResult]:
    """One-at-a-time sensitivity for several methods (by default the four core ones), each
    within ``budget``."""
    return {name: oat(problem, name, points, budget) for name in resolve_names(methods)}


# --- flip -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FlipResult:
    """What it takes for an option to rank first: the nearest weights (L1) that do it."""

    option: str
    option_name: dict[str, str]
    method: str
    label: str
    exact: bool
    reachable: bool
    distance: float | None
    criterion_ids: tuple[str, ...]
    criterion_names: tuple[dict[str, str], ...]
    current: np.ndarray
    weights: np.ndarray | None
    tied_with: tuple[str, ...]
    tied_names: tuple[dict[str, str], ...]
    alone: bool = True

    @property
    def changes(self) -> dict[str, float]:
        """New minus current weight per criterion (empty when unreachable)."""
        if self.weights is None:
            return {}
        return {c: float(d) for c, d in zip(self.criterion_ids, self.weights - self.current,
                                            strict=True)}

    def sentence(self, lang: str = "en") -> str:
        """What it takes, in words: 'Independence +18 points, Cost -11 points'."""
        nl = lang == "nl"
        name = self.option_name["nl" if nl else "en"]
        if not self.reachable:
            return (f"Geen enkele weging van deze criteria zet {name} onder {self.label} op de "
                    "eerste plaats." if nl else
                    f"No weighting of these criteria puts {name} first under {self.label}.")
        if not self.distance:
            text = (f"{name} staat onder {self.label} al op de eerste plaats." if nl else
                    f"{name} already ranks first under {self.label}.")
        else:
            unit = "punten" if nl else "points"
            parts = []
            for names, delta in zip(self.criterion_names, self.changes.values(), strict=True):
                shown = _points(delta)
                if shown:
                    parts.append(f"{names['nl' if nl else 'en']} {shown} {unit}")
            text = (f"{name} komt onder {self.label} op de eerste plaats met: " if nl else
                    f"{name} ranks first under {self.label} with: ") + ", ".join(parts) + "."
        if self.tied_with:
            others = ", ".join(names["nl" if nl else "en"] for names in self.tied_names)
            if self.alone:
                text += (f" Het staat dan gelijk met {others}; iets meer maakt het alleen eerste."
                         if nl else
                         f" It is then level with {others}; a little more puts it first alone.")
            else:
                text += (f" Het staat dan gelijk met {others}; geen enkele weging maakt het "
                         "alleen eerste." if nl else
                         f" It is then level with {others}; no weighting puts it first alone.")
        return text

    def to_json(self) -> dict[str, Any]:
        """The CLI's flip shape, plus ties and the sentence in both languages."""
        return {
            "option": self.option,
            "method": self.method,
            "reachable": self.reachable,
            "distance": self.distance,
            "weights": None if self.weights is None else
            {c: float(w) for c, w in zip(self.criterion_ids, self.weights, strict=True)},
            "tied_with": list(self.tied_with),
            "alone_possible": self.alone,
            "exact": self.exact,
            "sentence": {"en": self.sentence("en"), "nl": self.sentence("nl")},
        }


def _points(delta: float) -> str:
    """A weight change in percentage points: '+18', '-0.4', or '' when it rounds to nothing."""
    value = 100 * delta
    if abs(value) >= 0.5:
        return f"{value:+.0f}"
    if abs(value) >= 0.05:
        return f"{value:+.1f}"
    return ""


FLIP_SAMPLES = 20_000
_TRANSFER_STEPS = 64
_MAX_TRANSFERS = 50_000
_REFINE_ROUNDS = 14
_REFINE_CANDIDATES = 256
_BISECT_STEPS = 40


def flip(problem: Problem, option: str, method: str | Method = "wsm", seed: int = 0,
         budget: float | None = INTERACTIVE_BUDGET) -> FlipResult:
    """The smallest change of the normalised weights (sum |new - current|) putting ``option`` first.

    "First" means competition rank 1, possibly level with others (reported in ``tied_with``).
    Exact for the linear methods by a linear programme: w >= 0, sum w = 1, the option's score at
    least every other's, minimise sum |w - w0| through auxiliary variables u >= |w - w0|.
    Otherwise a numeric search: candidates are the transfers of weight between every pair of
    criteria (the corners of the L1 ball; at most ``_MAX_TRANSFERS``, by fewer steps per pair or a
    sample of the pairs when there are many criteria), ``FLIP_SAMPLES`` uniform weight vectors
    over the whole simplex and its corners; from the nearest ones that work, bisection towards the
    current weights finds the boundary, then rounds of random steps around the best point at
    shrinking radii (each followed by bisection towards the current weights) improve it. The
    result is verified to put the option first. If no candidate works the option is reported
    unreachable: for these methods that is a sampled verdict, not a proof. The search's work has
    a fixed bound (``flip_evaluations``), checked against ``budget`` (work units; None: no limit)
    before it starts; a linear programme needs no budget.
    """
    validate_budget(budget)
    meth = resolve(method)
    a = option_index(problem, option)
    X = problem.matrix[None]
    w0 = problem.w
    current_ranks = competition_ranks(meth.batch(problem, X, w0[None])[0], meth.better)
    check_not_all_tied(current_ranks, meth)
    exact = meth.name in LINEAR_METHODS
    if not exact:
        n, m = problem.matrix.shape
        check_budget(flip_evaluations(m) * evaluation_work(meth.name, n, m), budget,
                     f"the search for what it takes under {meth.label} on {n} options x {m} "
                     "criteria", "use fewer options or criteria, or a method for which it is "
                     f"solved exactly ({', '.join(sorted(LINEAR_METHODS))})")

    def first_mask(W: np.ndarray) -> np.ndarray:
        return chunked_first(problem, meth, W)[:, a]

    if current_ranks[a] == 1:
        weights: np.ndarray | None = w0
    elif exact:
        weights = _flip_linear(problem, meth, a, first_mask)
    else:
        weights = _flip_search(w0, first_mask, np.random.default_rng(seed))

    tied: list[int] = []
    if weights is not None:
        ranks = competition_ranks(meth.batch(problem, X, weights[None])[0], meth.better)
        tied = [i for i in range(len(ranks)) if i != a and ranks[i] == 1]
    alone = not tied or _first_alone_somewhere(problem, meth, a, weights, exact,
                                               np.random.default_rng(seed))
    return FlipResult(
        option=option,
        option_name=problem.options[a].name.model_dump(),
        method=meth.name,
        label=meth.label,
        exact=exact,
        reachable=weights is not None,
        distance=None if weights is None else float(np.abs(weights - w0).sum()),
        criterion_ids=problem.criterion_ids,
        criterion_names=tuple(c.name.model_dump() for c in problem.criteria),
        current=w0,
        weights=weights,
        tied_with=tuple(problem.option_ids[i] for i in tied),
        tied_names=tuple(problem.options[i].name.model_dump() for i in tied),
        alone=alone,
    )


def flip_evaluations(criteria: int) -> int:
    """At most how many weight vectors the numeric flip search evaluates (``_flip_search`` and
    ``_first_alone_somewhere``) for this many criteria."""
    transfers = min(criteria * (criteria - 1) * _TRANSFER_STEPS, _MAX_TRANSFERS)
    candidates = transfers + criteria + FLIP_SAMPLES
    refine = (1 + _REFINE_ROUNDS) * (1 + _BISECT_STEPS) * _REFINE_CANDIDATES
    alone = criteria + FLIP_SAMPLES + 4 * _REFINE_CANDIDATES
    return candidates + refine + alone


def lead_weights(problem: Problem, method: str | Method, a: int) -> np.ndarray | None:
    """For a method linear in the weights (fixed scores): the weights on the simplex that give
    option ``a`` its largest lead over every other option, by a linear programme (maximise t
    subject to (C_b - C_a) w + t <= 0 for every other b); None where the programme fails."""
    from scipy.optimize import linprog  # imported here: scipy.optimize is slow to load

    meth = resolve(method)
    m = len(problem.criteria)
    C = meth.batch(problem, problem.matrix[None], np.eye(m)).T
    if meth.better == "lower":
        C = -C
    diff = np.delete(C, a, axis=0) - C[a]
    res = linprog(
        c=np.concatenate([np.zeros(m), [-1.0]]),
        A_ub=np.hstack([diff, np.ones((len(diff), 1))]), b_ub=np.zeros(len(diff)),
        A_eq=np.concatenate([np.ones(m), [0.0]])[None], b_eq=[1.0],
        bounds=[(0.0, 1.0)] * m + [(None, 1.0)], method="highs",
    )
    if res.status != 0:
        return None
    w = np.clip(res.x[:m], 0.0, None)
    return w / w.sum()


def _first_alone_somewhere(problem: Problem, meth: Method, a: int, near: np.ndarray | None,
                           exact: bool, rng: np.random.Generator) -> bool:
    """Whether some weights put option ``a`` first with no other option level with it.

    A tie at the flip's weights is usually the boundary it crossed, but an option that another
    weakly dominates (equal on the criteria where it is best) can only ever be level. Exact for the
    linear methods (a linear programme maximising the lead); otherwise sampled around ``near`` and
    over the whole simplex, like the flip's own search.
    """
    m = len(problem.w)
    if exact:
        w = lead_weights(problem, meth, a)
        if w is None:
            return False
        candidates = w[None]
    else:
        uniform = rng.standard_exponential((FLIP_SAMPLES, m))
        centre = problem.w if near is None else near
        candidates = np.vstack([
            np.eye(m), uniform / uniform.sum(axis=1, keepdims=True),
            *(_simplex_steps(rng, centre, r, _REFINE_CANDIDATES) for r in (1e-4, 1e-3, 1e-2, 0.1)),
        ])
    first = chunked_first(problem, meth, candidates)
    return bool(np.any(first[:, a] & (first.sum(axis=1) == 1)))


_CHUNK_ELEMENTS = 4_000_000


def chunked_first(problem: Problem, meth: Method, W: np.ndarray) -> np.ndarray:
    """The first-ranked options (k, n booleans) under the weight rows W, evaluated in slices so
    that a method's (slice, n, m) intermediates stay near ``_CHUNK_ELEMENTS`` values whatever k,
    n and m (the search's 70,000 candidates on 200 options and 50 criteria took tens of GB)."""
    X = problem.matrix[None]
    size = max(1, _CHUNK_ELEMENTS // (X.shape[1] * X.shape[2]))
    parts = [first_sets(meth.batch(problem, X, W[k:k + size]), meth.better)
             for k in range(0, len(W), size)]
    return np.concatenate(parts) if parts else np.zeros((0, X.shape[1]), dtype=bool)


def _flip_linear(problem: Problem, meth: Method, a: int,
                 first_mask: Callable[[np.ndarray], np.ndarray]) -> np.ndarray | None:
    """The exact L1-nearest weights for a method whose scores are linear in the weights."""
    from scipy.optimize import linprog  # imported here: scipy.optimize is slow to load

    m = len(problem.w)
    w0 = problem.w
    C = meth.batch(problem, problem.matrix[None], np.eye(m)).T
    if meth.better == "lower":
        C = -C
    others = np.delete(np.arange(len(C)), a)
    diff = C[others] - C[a]
    eye = np.eye(m)
    for margin in (0.0, 1e-9, 1e-7):
        A_ub = np.block([[diff, np.zeros_like(diff)], [eye, -eye], [-eye, -eye]])
        b_ub = np.concatenate([np.full(len(others), -margin), w0, -w0])
        res = linprog(
            c=np.concatenate([np.zeros(m), np.ones(m)]),
            A_ub=A_ub, b_ub=b_ub,
            A_eq=np.concatenate([np.ones(m), np.zeros(m)])[None], b_eq=[1.0],
            bounds=[(0.0, 1.0)] * m + [(0.0, None)] * m,
            method="highs",
        )
        if res.status == 2:
            return None
        if res.status != 0:
            raise SensitivityError(f"the linear programme for the flip failed: {res.message}")
        w = np.clip(res.x[:m], 0.0, None)
        w = w / w.sum()
        if first_mask(w[None])[0]:
            return w
    raise SensitivityError("the flip's linear programme gave weights that do not verify")


def _simplex_steps(rng: np.random.Generator, centre: np.ndarray, radius: float, k: int
                   ) -> np.ndarray:
    """k points around ``centre`` at L1 distance about ``radius``, kept on the simplex."""
    z = rng.standard_normal((k, len(centre)))
    z -= z.mean(axis=1, keepdims=True)
    z *= radius / np.maximum(np.abs(z).sum(axis=1, keepdims=True), 1e-300)
    w = np.clip(centre + z, 0.0, None)
    return w / w.sum(axis=1, keepdims=True)


def _towards(w0: np.ndarray, targets: np.ndarray,
             first_mask: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """For working targets, the point nearest w0 on each segment w0 -> target that still works.

    Bisection keeps the far end working and the near end (w0, which does not work) failing, so
    every returned point puts the option first.
    """
    lo = np.zeros(len(targets))
    hi = np.ones(len(targets))
    step = targets - w0
    for _ in range(_BISECT_STEPS):
        mid = (lo + hi) / 2
        ok = first_mask(w0 + mid[:, None] * step)
        hi = np.where(ok, mid, hi)
        lo = np.where(ok, lo, mid)
    return w0 + hi[:, None] * step


def _flip_search(w0: np.ndarray, first_mask: Callable[[np.ndarray], np.ndarray],
                 rng: np.random.Generator) -> np.ndarray | None:
    """Numeric nearest weights for a non-linear method (see ``flip``)."""
    m = len(w0)
    eye = np.eye(m)
    pairs = [(i, j) for i in range(m) for j in range(m) if i != j and w0[j] > 0]
    steps = min(_TRANSFER_STEPS, max(1, _MAX_TRANSFERS // max(len(pairs), 1)))
    if len(pairs) > _MAX_TRANSFERS:  # hundreds of criteria: a sample of the pairs
        pairs = [pairs[k] for k in np.sort(rng.choice(len(pairs), _MAX_TRANSFERS, replace=False))]
    s = np.linspace(0.0, 1.0, steps + 1)[1:]
    transfers = [w0 + np.outer(s * w0[j], eye[i] - eye[j]) for i, j in pairs]
    uniform = rng.standard_exponential((FLIP_SAMPLES, m))
    candidates = np.vstack([*transfers, eye, uniform / uniform.sum(axis=1, keepdims=True)])
    working = candidates[first_mask(candidates)]
    if len(working) == 0:
        return None
    nearest = working[np.argsort(np.abs(working - w0).sum(axis=1))[:_REFINE_CANDIDATES]]
    points = _towards(w0, nearest, first_mask)
    distance = np.abs(points - w0).sum(axis=1)
    best = points[int(np.argmin(distance))]
    best_distance = float(distance.min())
    radius = max(best_distance / 2, 1e-3)
    for _ in range(_REFINE_ROUNDS):
        trial = _simplex_steps(rng, best, radius, _REFINE_CANDIDATES)
        ok = first_mask(trial)
        if ok.any():
            points = _towards(w0, trial[ok], first_mask)
            distance = np.abs(points - w0).sum(axis=1)
            i = int(np.argmin(distance))
            if distance[i] < best_distance:
                best, best_distance = points[i], float(distance[i])
                continue
        radius /= 2
    return best
