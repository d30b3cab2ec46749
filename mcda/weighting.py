"""Weight elicitation: direct weights and points, swing weighting, rank-based surrogate weights
(rank order centroid, rank sum, rank reciprocal) and AHP pairwise comparison with Saaty's
consistency ratio.

Every function here is pure numpy, validates its whole input and raises ``WeightingError`` (a
``ValueError``) whose message names the criterion, the cell or the file and line, so that the CLI
(``mcda ahp``) and the UI can show it as it is. Weights come back as plain ``dict[str, float]`` in
the order the criteria were given, summing to 1.

References
- Swing weighting: von Winterfeldt & Edwards (1986), *Decision Analysis and Behavioral Research*;
  Edwards & Barron (1994), "SMARTS and SMARTER", *Organizational Behavior and Human Decision
  Processes* 60(3); DCLG (2009), *Multi-criteria analysis: a manual* (the UK MCA manual).
- Rank order centroid: Barron (1992), *Acta Psychologica* 80; Barron & Barrett (1996), "Decision
  quality using ranked attribute weights", *Management Science* 42(11). Rank sum and rank
  reciprocal: Stillwell, Seaver & Edwards (1981), *Organizational Behavior and Human Performance*
  28(1).
- AHP: Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill; Saaty (2008), "Decision making
  with the analytic hierarchy process", *Int. J. Services Sciences* 1(1).
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np

from mcda.model import clip, shown

__all__ = [
    "CR_THRESHOLD",
    "MAX_AHP_CRITERIA",
    "RANDOM_INDEX_SAATY",
    "AHPResult",
    "WeightingError",
    "ahp",
    "ahp_from_judgements",
    "normalise",
    "parse_ahp_value",
    "parse_pairwise_csv",
    "points",
    "rank_order_centroid",
    "rank_reciprocal",
    "rank_sum",
    "read_pairwise_csv",
    "swing",
]

#: Saaty's random consistency index RI, indexed by n - 1 (n = 1..15). n <= 10: Saaty (1980), *The
#: Analytic Hierarchy Process* (mean CI of random reciprocal matrices on the 1/9..9 scale; the
#: values .58 .90 1.12 1.24 1.32 1.41 1.45 1.49 reproduced in most AHP texts). n = 11..15: the
#: extended table commonly printed with it (1.51, 1.48, 1.56, 1.57, 1.59); the dip at n = 12 is in
#: that table and kept as printed. This is not pymcdm's table (Tummala & Ling 1998), so CRs differ
#: slightly from those of pymcdm's ``AHP.get_cr()``.
RANDOM_INDEX_SAATY: tuple[float, ...] = (
    0.0,
    0.0,
    0.58,
    0.90,
    1.12,
    1.24,
    1.32,
    1.41,
    1.45,
    1.49,
    1.51,
    1.48,
    1.56,
    1.57,
    1.59,
)
#: The largest AHP matrix for which a random index is tabulated.
MAX_AHP_CRITERIA = len(RANDOM_INDEX_SAATY)
#: Saaty's rule of thumb: judgements with CR <= 0.10 are acceptably consistent.
CR_THRESHOLD = 0.10
#: Relative tolerance for "a_ji == 1 / a_ij" and "a_ii == 1" (so 0.333333 passes for 1/3, 0.33 not).
RECIPROCAL_RTOL = 1e-6
#: Largest ratio a judgement may state (1/MAX_JUDGEMENT the smallest). Saaty's scale stops at 9;
#: ratios near the float limits (1e308 against 1e-308) overflow the eigenvector solver.
MAX_JUDGEMENT = 1e6
#: A judgement whose log-deviation from w_i / w_j is at most this is treated as consistent.
_CONSISTENT_LOG_TOL = 1e-6
#: Largest PAIRWISE.csv accepted; a 15 x 15 table of fractions is a few kilobytes.
MAX_PAIRWISE_BYTES = 1_000_000
#: At most this many problems are spelled out in one error message.
_MAX_PROBLEMS_SHOWN = 8


class WeightingError(ValueError):
    """Bad weighting input; the message says what is wrong and where (criterion, cell, file).

    ``problems`` holds every problem found, one line each, for callers that list them separately.
    """

    def __init__(self, *problems: str) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        shown = list(self.problems[:_MAX_PROBLEMS_SHOWN])
        if len(self.problems) > _MAX_PROBLEMS_SHOWN:
            shown.append(f"... and {len(self.problems) - _MAX_PROBLEMS_SHOWN} more")
        super().__init__("; ".join(shown))


def _fail_if(problems: list[str]) -> None:
    if problems:
        raise WeightingError(*problems)


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _real(value: object, what: str) -> float:
    """``value`` as a finite float; bools, text and NaN/inf are refused."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise WeightingError(f"{what} must be a number, got {shown(value)}")
    x = float(value)
    if not math.isfinite(x):
        raise WeightingError(f"{what} must be a finite number, got {x}")
    return x


# --------------------------------------------------------------------------------------------
# Direct weights, points, swing
# --------------------------------------------------------------------------------------------


def _normalise_values(values: Mapping[str, float], noun: str, plural: str) -> dict[str, float]:
    if not isinstance(values, Mapping):
        raise WeightingError(
            f"expected a mapping of criterion -> {noun}, got {type(values).__name__}"
        )
    if not values:
        raise WeightingError(f"no {plural} given: at least one criterion is needed")
    problems: list[str] = []
    keys = list(values)
    numbers_: list[float] = []
    for key in keys:
        try:
            x = _real(values[key], f"{noun} for {shown(key)}")
        except WeightingError as exc:
            problems.append(str(exc))
            continue
        if x < 0:
            problems.append(f"{noun} for {shown(key)} is negative ({_fmt(x)}): "
                            f"{plural} must be >= 0")
        numbers_.append(x)
    _fail_if(problems)
    arr = np.asarray(numbers_, dtype=float) + 0.0  # + 0.0 turns -0.0 into 0.0
    top = float(arr.max())
    if top == 0.0:
        raise WeightingError(
            f"all {plural} are zero: give at least one criterion a positive {noun}"
        )
    scaled = arr / top  # dividing by the largest first cannot overflow the sum
    weights = scaled / scaled.sum()
    return {key: float(w) for key, w in zip(keys, weights, strict=True)}


def normalise(weights: Mapping[str, float]) -> dict[str, float]:
    """Scale non-negative weights on any scale so that they sum to 1, keeping their order.

    The ratios are what matter in an additive model; a sum of 1 makes weights comparable across
    perspectives and participants. Raises for an empty mapping, a non-number, NaN/inf, a negative
    weight, or all weights zero.
    """
    return _normalise_values(weights, "weight", "weights")


def points(points: Mapping[str, float], budget: float | None = None) -> dict[str, float]:
    """Direct point allocation (e.g. share 100 points over the criteria), normalised to sum 1.

    The same as :func:`normalise`, with messages worded for points. With ``budget`` the points must
    add up to it exactly (relative tolerance 1e-9), as in a strict budget allocation exercise.
    """
    if budget is not None:
        total_budget = _real(budget, "points budget")
        if total_budget <= 0:
            raise WeightingError(f"points budget must be positive, got {_fmt(total_budget)}")
    weights = _normalise_values(points, "points", "points")
    if budget is not None:
        total = math.fsum(float(v) for v in points.values())
        if not math.isclose(total, total_budget, rel_tol=1e-9, abs_tol=1e-12):
            raise WeightingError(
                f"points add up to {_fmt(total)}, not the budget of {_fmt(total_budget)}: "
                f"allocate exactly {_fmt(total_budget)} points"
            )
    return weights


def swing(swings: Mapping[str, float]) -> dict[str, float]:
    """Swing weights from swing ratings in [0, 100], normalised to sum 1.

    Swing weighting (von Winterfeldt & Edwards 1986; Edwards & Barron 1994; the UK MCA manual,
    DCLG 2009): imagine every criterion at its worst level of the range considered; ask which
    single swing from worst to best would add most value; that swing gets 100. Each other swing is
    rated 0..100 as a percentage of that one. Weight = rating / sum of ratings. Because the question
    is about the *range* of the options, the weights fit the scales the options are scored on.

    Lenient by design: a set where no swing is exactly 100 is still accepted (only the ratios
    matter), but every rating must be in [0, 100] and at least one must be positive.
    """
    if isinstance(swings, Mapping):
        over = [
            f"swing rating for {shown(key)} is {_fmt(float(v))}, but ratings run from 0 to 100 "
            "(100 = the most valued swing)"
            for key, v in swings.items()
            if isinstance(v, numbers.Real)
            and not isinstance(v, bool | np.bool_)
            and math.isfinite(float(v))
            and float(v) > 100
        ]
        _fail_if(over)
    return _normalise_values(swings, "swing rating", "swing ratings")


# --------------------------------------------------------------------------------------------
# Rank-based surrogate weights
# --------------------------------------------------------------------------------------------

Ranking = Sequence[str] | Mapping[str, int]


def _criterion_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise WeightingError(f"{what} must be a non-empty text id, got {shown(value)}")
    return str(value)


def _rank_number(value: object, criterion: str) -> float:
    what = f"rank of {shown(criterion)}"
    x = _real(value, what)
    if x != int(x) or x < 1:
        raise WeightingError(
            f"{what} must be a whole number >= 1 (1 = most important), got {shown(value)}"
        )
    return x


def _ranking_keys(ranking: Ranking) -> tuple[list[str], list[float]]:
    """Criterion ids in the given order and a sort key per id (lower = more important)."""
    if isinstance(ranking, str | bytes):
        raise WeightingError(
            "a ranking must be a list of criterion ids (most important first) or a mapping "
            f"criterion -> rank, not the text {shown(ranking)}"
        )
    if isinstance(ranking, Mapping):
        ids = [_criterion_id(k, "criterion id") for k in ranking]
        problems: list[str] = []
        keys: list[float] = []
        for cid in ids:
            try:
                keys.append(_rank_number(ranking[cid], cid))
            except WeightingError as exc:
                problems.append(str(exc))
        _fail_if(problems)
    elif isinstance(ranking, Sequence):
        ids = [_criterion_id(c, f"ranking entry {i + 1}") for i, c in enumerate(ranking)]
        seen: set[str] = set()
        dups = [c for c in ids if c in seen or seen.add(c)]
        if dups:
            raise WeightingError(
                f"criterion {shown(dups[0])} appears more than once in the ranking (for a tie "
                "use a "
                "mapping criterion -> rank with equal ranks)"
            )
        keys = [float(i) for i in range(len(ids))]
    else:
        raise WeightingError(
            "a ranking must be a list of criterion ids (most important first) or a mapping "
            f"criterion -> rank, got {type(ranking).__name__}"
        )
    if not ids:
        raise WeightingError("the ranking is empty: at least one criterion is needed")
    return ids, keys


def _rank_weights(
    ranking: Ranking, position_weights: Callable[[int], np.ndarray]
) -> dict[str, float]:
    """Weights by position; tied criteria share the mean weight of the positions they occupy."""
    ids, keys = _ranking_keys(ranking)
    n = len(ids)
    base = position_weights(n)
    order = sorted(range(n), key=keys.__getitem__)
    out = np.empty(n)
    start = 0
    while start < n:
        end = start
        while end < n and keys[order[end]] == keys[order[start]]:
            end += 1
        out[order[start:end]] = base[start:end].mean()
        start = end
    return {cid: float(w) for cid, w in zip(ids, out, strict=True)}


def _roc(n: int) -> np.ndarray:
    inv = 1.0 / np.arange(1, n + 1)
    return np.cumsum(inv[::-1])[::-1] / n  # w_k = (1/n) * sum_{i=k..n} 1/i


def _rank_sum(n: int) -> np.ndarray:
    k = np.arange(1, n + 1)
    return 2.0 * (n + 1 - k) / (n * (n + 1))


def _rank_reciprocal(n: int) -> np.ndarray:
    inv = 1.0 / np.arange(1, n + 1)
    return inv / inv.sum()


def rank_order_centroid(ranking: Ranking) -> dict[str, float]:
    """Rank order centroid (ROC) weights: w_k = (1/n) * sum_{i=k..n} 1/i for rank k of n.

    ROC is the centroid of the set of weight vectors consistent with the ranking (Barron 1992;
    Barron & Barrett 1996), so it is the expected weight when only the order is known; used by
    SMARTER (Edwards & Barron 1994). ``ranking`` is a list of ids, most important first, or a
    mapping id -> rank (1 = most important) where equal ranks are ties: tied criteria share the
    mean of the weights of the positions they occupy. Only the order of the ranks matters, so
    {a: 1, b: 2, c: 2, d: 4} and {a: 1, b: 2, c: 2, d: 3} mean the same.
    """
    return _rank_weights(ranking, _roc)


def rank_sum(ranking: Ranking) -> dict[str, float]:
    """Rank-sum weights: w_k = 2(n + 1 - k) / (n(n + 1)); flatter than ROC. Ties as in ROC."""
    return _rank_weights(ranking, _rank_sum)


def rank_reciprocal(ranking: Ranking) -> dict[str, float]:
    """Rank-reciprocal weights: w_k = (1/k) / sum_{i=1..n} 1/i; steeper than ROC. Ties as in ROC."""
    return _rank_weights(ranking, _rank_reciprocal)


# --------------------------------------------------------------------------------------------
# AHP
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class AHPResult:
    """Priorities and consistency of one AHP pairwise comparison matrix.

    ``weights`` is Saaty's principal right eigenvector, normalised to sum 1. ``lambda_max`` is the
    principal eigenvalue, ``ci = (lambda_max - n) / (n - 1)`` and ``cr = ci / random_index`` with
    Saaty's random index (``RANDOM_INDEX_SAATY``). For n = 1 and 2 every reciprocal matrix is
    perfectly consistent, RI is 0 and CR is defined as 0.0 (never None).

    ``most_inconsistent`` is the judgement (i, j), i before j in ``criteria``, that deviates most
    from the ratio the priorities imply, measured as |log(a_ij * w_j / w_i)|; ``suggested_value``
    is that ratio w_i / w_j, the judgement that would fit the rest. Both are None when every
    judgement fits (perfect consistency, within 1e-6). For n = 3 one bad judgement cannot be told
    from the other two of the triad, so the pair named there is only one of three candidates.
    ``matrix`` is the matrix as given (read-only).
    """

    criteria: tuple[str, ...]
    matrix: np.ndarray
    weights: dict[str, float]
    lambda_max: float
    ci: float
    cr: float
    random_index: float
    random_index_table: str = "saaty"
    most_inconsistent: tuple[str, str] | None = None
    suggested_value: float | None = None

    @property
    def is_consistent(self) -> bool:
        """Saaty's rule of thumb: CR <= 0.10 is acceptable."""
        return self.cr <= CR_THRESHOLD

    def to_json(self) -> dict[str, Any]:
        """The ``mcda ahp --format json`` shape (plain JSON types), plus explanatory extra keys."""
        most: dict[str, Any] | None = None
        if self.most_inconsistent is not None and self.suggested_value is not None:
            a, b = self.most_inconsistent
            i, j = self.criteria.index(a), self.criteria.index(b)
            most = {
                "pair": [a, b],
                "value": float(self.matrix[i, j]),
                "suggested": float(self.suggested_value),
            }
        return {
            "weights": {k: float(v) for k, v in self.weights.items()},
            "lambda_max": float(self.lambda_max),
            "ci": float(self.ci),
            "cr": float(self.cr),
            "random_index": self.random_index_table,
            "random_index_value": float(self.random_index),
            "consistent": self.is_consistent,
            "most_inconsistent": most,
        }


def _criteria_ids(criteria: Sequence[str], where: str = "") -> tuple[str, ...]:
    try:
        if isinstance(criteria, str | bytes | Mapping):
            raise TypeError
        listed = list(criteria)
    except TypeError:
        raise WeightingError(
            f"{where}criteria must be a list of criterion ids, got {shown(criteria)}"
        ) from None
    ids = tuple(_criterion_id(c, f"{where}criterion {i + 1}") for i, c in enumerate(listed))
    if not ids:
        raise WeightingError(f"{where}no criteria given: AHP needs at least one criterion")
    seen: set[str] = set()
    dups = sorted({c for c in ids if c in seen or seen.add(c)})
    if dups:
        raise WeightingError(f"{where}duplicate criterion ids: {', '.join(map(repr, dups))}")
    if len(ids) > MAX_AHP_CRITERIA:
        raise WeightingError(
            f"{where}{len(ids)} criteria, but AHP here supports at most {MAX_AHP_CRITERIA} "
            "(Saaty's random index table ends at 15): group the criteria into a hierarchy"
        )
    return ids


def _cell(ids: Sequence[str], i: int, j: int) -> str:
    return f"row {shown(ids[i])}, column {shown(ids[j])}"


def _check_pairwise(
    m: np.ndarray,
    ids: Sequence[str],
    where: str = "",
    locate: Callable[[int, int], str] | None = None,
) -> None:
    """Positive finite entries, unit diagonal, a_ji = 1/a_ij within ``RECIPROCAL_RTOL``."""

    def name(i: int, j: int) -> str:
        return _cell(ids, i, j) + (f" ({locate(i, j)})" if locate else "")

    n = len(ids)
    problems: list[str] = []
    bad = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(n):
            x = float(m[i, j])
            if not math.isfinite(x) or x <= 0:
                bad[i, j] = True
                problems.append(
                    f"{where}{name(i, j)} is {_fmt(x)}: a judgement must be a positive finite "
                    "number"
                )
            elif not 1 / MAX_JUDGEMENT <= x <= MAX_JUDGEMENT:
                bad[i, j] = True
                problems.append(
                    f"{where}{name(i, j)} is {_fmt(x)}: a judgement must lie between "
                    f"1/{MAX_JUDGEMENT:.0f} and {MAX_JUDGEMENT:.0f} (Saaty's scale runs from "
                    "1/9 to 9)"
                )
    for i in range(n):
        if not bad[i, i] and abs(m[i, i] - 1.0) > RECIPROCAL_RTOL:
            problems.append(
                f"{where}{name(i, i)} is {_fmt(m[i, i])} on the diagonal, but it must be 1 "
                "(a criterion is as important as itself)"
            )
    for i in range(n):
        for j in range(i + 1, n):
            if bad[i, j] or bad[j, i]:
                continue
            if abs(m[i, j] * m[j, i] - 1.0) > RECIPROCAL_RTOL:
                big, small = (i, j) if m[i, j] >= m[j, i] else (j, i)
                expect = f"1/{_fmt(m[big, small])}"
                problems.append(
                    f"{where}{name(i, j)} is {_fmt(m[i, j])} but {name(j, i)} is "
                    f"{_fmt(m[j, i])}: not reciprocal, {name(small, big)} should be {expect} "
                    "(write fractions such as 1/3, not rounded decimals)"
                )
    _fail_if(problems)


def _as_matrix(matrix: np.ndarray | Sequence[Sequence[float]], n: int) -> np.ndarray:
    try:
        m = np.array(matrix, dtype=float)
    except (TypeError, ValueError) as exc:
        raise WeightingError(
            f"the pairwise matrix must be a square table of numbers ({exc}): parse text cells "
            "such as '1/3' with parse_ahp_value first"
        ) from None
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        shape = " x ".join(map(str, m.shape)) or "a single value"
        raise WeightingError(f"the pairwise matrix must be square, got {shape}")
    if m.shape[0] != n:
        raise WeightingError(
            f"the pairwise matrix is {m.shape[0]} x {m.shape[0]} but {n} criteria were given"
        )
    return m


def _solve(m: np.ndarray, ids: tuple[str, ...]) -> AHPResult:
    """Eigenvector priorities and consistency of a validated pairwise matrix."""
    n = len(ids)
    given = m.copy()
    given.setflags(write=False)
    if n == 1:
        return AHPResult(ids, given, {ids[0]: 1.0}, 1.0, 0.0, 0.0, 0.0)
    # Reconcile the tolerated reciprocal error symmetrically (geometric mean of a_ij and 1/a_ji),
    # so the matrix is exactly reciprocal and lambda_max >= n holds up to rounding.
    g = np.sqrt(m / m.T)
    lower = np.tril_indices(n, -1)
    g[lower] = 1.0 / g.T[lower]
    np.fill_diagonal(g, 1.0)

    values, vectors = np.linalg.eig(g)
    k = int(np.argmax(values.real))
    vec = vectors[:, k].real
    w = vec / vec.sum()
    if not np.all(np.isfinite(w)) or not np.all(w > 0):
        raise WeightingError(
            "could not compute positive priorities from this matrix (are its ratios extreme?)"
        )
    lam = float(values[k].real)
    if n <= 2 or lam < n * (1.0 + 1e-12):
        lam = float(n)  # below n only by rounding; n = 2 is always consistent
    ci = (lam - n) / (n - 1)
    ri = RANDOM_INDEX_SAATY[n - 1]
    cr = 0.0 if n <= 2 else ci / ri

    dev = np.abs(np.log(g * w[None, :] / w[:, None]))
    dev[lower] = -1.0
    np.fill_diagonal(dev, -1.0)
    i, j = np.unravel_index(int(np.argmax(dev)), dev.shape)
    most: tuple[str, str] | None = None
    suggested: float | None = None
    if n > 2 and dev[i, j] > _CONSISTENT_LOG_TOL:
        most = (ids[i], ids[j])
        suggested = float(w[i] / w[j])
    return AHPResult(
        criteria=ids,
        matrix=given,
        weights={cid: float(x) for cid, x in zip(ids, w, strict=True)},
        lambda_max=lam,
        ci=float(ci),
        cr=float(cr),
        random_index=float(ri),
        most_inconsistent=most,
        suggested_value=suggested,
    )


def ahp(matrix: np.ndarray | Sequence[Sequence[float]], criteria: Sequence[str]) -> AHPResult:
    """AHP priorities and consistency ratio of a full pairwise comparison matrix.

    ``matrix[i][j]`` says how many times more important ``criteria[i]`` is than ``criteria[j]``
    (Saaty's 1..9 scale and reciprocals, though any positive ratio is accepted). The matrix must
    be n x n with 1 <= n <= 15, entries finite and positive, a unit diagonal and a_ji = 1/a_ij
    (relative tolerance 1e-6); errors name the cell by criterion ids. Weights are the principal
    eigenvector (``numpy.linalg.eig``); CR uses Saaty's random index (``RANDOM_INDEX_SAATY``).
    """
    ids = _criteria_ids(criteria)
    m = _as_matrix(matrix, len(ids))
    _check_pairwise(m, ids)
    return _solve(m, ids)


def _judgement_value(value: object, what: str) -> float:
    if isinstance(value, str):
        try:
            return parse_ahp_value(value)
        except WeightingError as exc:
            raise WeightingError(f"{what}: {exc}") from None
    x = _real(value, what)
    if x <= 0:
        raise WeightingError(f"{what} is {_fmt(x)}: a judgement must be a positive ratio")
    return x


def ahp_from_judgements(
    criteria: Sequence[str], judgements: Mapping[tuple[str, str], float]
) -> AHPResult:
    """AHP from pairwise judgements {(i, j): a}: "i is a times as important as j".

    One judgement per pair is enough (the reciprocal is filled in); either orientation may be
    given, and both only if they agree (a_ji = 1/a_ij). Values may be numbers or text such as
    "1/3". Every pair must be judged: the error lists the missing pairs.
    """
    ids = _criteria_ids(criteria)
    if not isinstance(judgements, Mapping):
        raise WeightingError(
            f"judgements must be a mapping (criterion, criterion) -> value, got "
            f"{type(judgements).__name__}"
        )
    n = len(ids)
    index = {cid: i for i, cid in enumerate(ids)}
    m = np.full((n, n), np.nan)
    np.fill_diagonal(m, 1.0)
    problems: list[str] = []
    for key, value in judgements.items():
        if not isinstance(key, tuple) or len(key) != 2:
            problems.append(f"judgement key {shown(key)} must be a pair (criterion, criterion)")
            continue
        a, b = key
        unknown = [c for c in (a, b) if c not in index]
        if unknown:
            problems.append(
                f"judgement ({shown(a)}, {shown(b)}) names unknown criterion "
                f"{shown(unknown[0])} (known: "
                + ", ".join(ids)
                + ")"
            )
            continue
        try:
            v = _judgement_value(value, f"judgement ({shown(a)}, {shown(b)})")
        except WeightingError as exc:
            problems.append(str(exc))
            continue
        i, j = index[a], index[b]
        if i == j:
            if abs(v - 1.0) > RECIPROCAL_RTOL:
                problems.append(
                    f"judgement ({shown(a)}, {shown(a)}) is {_fmt(v)}, but a criterion compared "
                    "with "
                    "itself is 1"
                )
            continue
        previous = m[i, j]
        if not math.isnan(previous) and abs(previous / v - 1.0) > RECIPROCAL_RTOL:
            problems.append(
                f"judgements ({shown(a)}, {shown(b)}) = {_fmt(v)} and ({shown(b)}, {shown(a)}) = "
                f"{_fmt(1.0 / previous)} contradict each other (they must be reciprocal)"
            )
            continue
        m[i, j], m[j, i] = v, 1.0 / v
    _fail_if(problems)
    missing = [
        f"({shown(ids[i])}, {shown(ids[j])})"
        for i in range(n)
        for j in range(i + 1, n)
        if math.isnan(m[i, j])
    ]
    if missing:
        raise WeightingError(f"missing judgements for {len(missing)} pair(s): {', '.join(missing)}")
    _check_pairwise(m, ids)
    return _solve(m, ids)


_NUMBER = r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?"
_VALUE_RE = re.compile(rf"({_NUMBER})(?:\s*/\s*({_NUMBER}))?")
_NOT_FINITE_RE = re.compile(r"nan|inf", re.IGNORECASE)


def parse_ahp_value(text: str) -> float:
    """A judgement cell as a float: "3", " 0.5 ", "1/3", "1 / 7" (a decimal comma, "0,5", too).

    Used for PAIRWISE.csv cells and UI text. Raises for empty text, garbage, zero, negative
    numbers, division by zero and NaN/inf: AHP judgements are positive finite ratios.
    """
    if not isinstance(text, str):
        raise WeightingError(f"expected a text value such as '3' or '1/3', got {shown(text)}")
    s = text.strip()
    if not s:
        raise WeightingError("empty value: expected a number such as 3 or a fraction such as 1/3")
    if _NOT_FINITE_RE.search(s):
        raise WeightingError(f"{shown(text)} is not a finite number")
    match = _VALUE_RE.fullmatch(s)
    if not match:
        raise WeightingError(
            f"{shown(text)} is not a number or a fraction (expected e.g. 3, 0.5 or 1/3)"
        )
    num = float(match[1].replace(",", "."))
    den = float(match[2].replace(",", ".")) if match[2] is not None else 1.0
    if num < 0 or den < 0:
        raise WeightingError(
            f"{shown(text)} is negative: judgements are positive ratios (write 1/3, not -3)"
        )
    if den == 0:
        raise WeightingError(f"{shown(text)} divides by zero")
    value = num / den
    if not math.isfinite(value):
        raise WeightingError(f"{shown(text)} is not a finite number")
    if value == 0:
        raise WeightingError(
            f"{shown(text)} is zero: a judgement must be positive (1 = equally important)"
        )
    if not 1 / MAX_JUDGEMENT <= value <= MAX_JUDGEMENT:
        # checked here, before a blank mirror cell is filled with 1/value (1e-320 overflowed)
        raise WeightingError(
            f"{shown(text)} is {_fmt(value)}: a judgement must lie between "
            f"1/{MAX_JUDGEMENT:.0f} and "
            f"{MAX_JUDGEMENT:.0f} (Saaty's scale runs from 1/9 to 9)")
    return value


def _sniff_separator(line: str) -> str:
    counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def parse_pairwise_csv(
    data: bytes | str, source: str = "<pairwise table>"
) -> tuple[list[str], np.ndarray]:
    """Parse the text of a PAIRWISE.csv table (see :func:`read_pairwise_csv`).

    ``source`` names the file or upload in error messages. For the UI's uploaded bytes.
    """
    where = f"{source}: "
    if isinstance(data, bytes | bytearray):
        if len(data) > MAX_PAIRWISE_BYTES:
            raise WeightingError(f"{where}file is larger than {MAX_PAIRWISE_BYTES} bytes")
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise WeightingError(
                f"{where}not a UTF-8 text file (undecodable byte at offset {exc.start}): save the "
                "table as CSV (UTF-8)"
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    if "\x00" in text:
        raise WeightingError(
            f"{where}contains NUL bytes: this looks like a binary file (an .xlsx?), not CSV text"
        )

    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep = _sniff_separator(first)
    rows: list[tuple[int, list[str]]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        for cells in reader:
            stripped = [c.strip() for c in cells]
            while stripped and not stripped[-1]:
                stripped.pop()  # Excel writes trailing separators
            if stripped:
                rows.append((reader.line_num, stripped))
    except csv.Error as exc:
        raise WeightingError(f"{where}line {reader.line_num}: not valid CSV ({exc})") from None
    if not rows:
        raise WeightingError(
            f"{where}the file is empty: expected a square table with the criterion ids in the "
            "first row and the first column"
        )

    header_line, header = rows[0]
    col_ids = header[1:]
    if not col_ids:
        raise WeightingError(
            f"{where}line {header_line}: the header row has no criterion ids (expected e.g. "
            f"'{sep}a{sep}b' with separator {shown(sep)})"
        )
    problems = [
        f"{where}line {header_line}, column {c}: empty criterion id in the header row"
        for c, cid in enumerate(col_ids, start=2)
        if not cid
    ]
    _fail_if(problems)
    ids = _criteria_ids(col_ids, where)
    n = len(ids)
    body = rows[1:]
    if len(body) != n:
        raise WeightingError(
            f"{where}not square: {n} criterion ids in the header row (line {header_line}) but "
            f"{len(body)} data row(s)"
        )
    for line, cells in body:
        if len(cells) - 1 > n:
            problems.append(
                f"{where}line {line}: row {shown(cells[0])} has {len(cells) - 1} values but "
                f"there are "
                f"{n} criteria (not square)"
            )
    _fail_if(problems)
    row_ids = [cells[0] for _, cells in body]
    if row_ids != list(ids):
        if sorted(row_ids) == sorted(ids):
            raise WeightingError(
                f"{where}the first column lists the criteria in a different order "
                f"({', '.join(row_ids)}) from the header row ({', '.join(ids)}): use one order"
            )
        for (line, _), rid, cid in zip(body, row_ids, ids, strict=True):
            if rid != cid:
                problems.append(
                    f"{where}line {line}, column 1: row id {shown(rid)} differs from column id "
                    f"{shown(cid)}"
                    " (the first column must list the header's criteria in the same order)"
                )
        _fail_if(problems)

    lines = [line for line, _ in body]

    def locate(i: int, j: int) -> str:
        return f"line {lines[i]}, column {j + 2}"

    m = np.full((n, n), np.nan)
    empty = np.zeros((n, n), dtype=bool)
    for i, (_, cells) in enumerate(body):
        values = cells[1:] + [""] * (n - (len(cells) - 1))
        for j, cell in enumerate(values):
            if not cell:
                empty[i, j] = True
                continue
            try:
                m[i, j] = parse_ahp_value(cell)
            except WeightingError as exc:
                problems.append(f"{where}{_cell(ids, i, j)} ({locate(i, j)}): {exc}")
    _fail_if(problems)
    # Blank cells are allowed where the reciprocal is given (many fill only one triangle).
    for i in range(n):
        if empty[i, i]:
            m[i, i] = 1.0
        for j in range(i + 1, n):
            if empty[i, j] and empty[j, i]:
                problems.append(
                    f"{where}{_cell(ids, i, j)} ({locate(i, j)}) and its mirror {_cell(ids, j, i)}"
                    f" ({locate(j, i)}) are both empty: give at least one of them"
                )
            elif empty[i, j]:
                m[i, j] = 1.0 / m[j, i]
            elif empty[j, i]:
                m[j, i] = 1.0 / m[i, j]
    _fail_if(problems)
    _check_pairwise(m, ids, where, locate)
    return list(ids), m


def read_pairwise_csv(path: str | PathLike[str]) -> tuple[list[str], np.ndarray]:
    """Read PAIRWISE.csv: criterion ids and the validated pairwise matrix.

    A square table whose first row and first column hold the criterion ids in the same order (the
    top-left cell may hold anything); cells are numbers or fractions such as ``1/3`` (decimal comma
    allowed with ``;``). Separator ``,``, ``;`` or tab, sniffed from the header row; UTF-8 with or
    without BOM. A blank cell is filled with the reciprocal of its mirror, and a blank diagonal
    with 1. Errors name the file and the line, column and criterion ids of the cell.
    """
    p = Path(path)
    where = clip(str(p), 200)
    try:
        if p.exists() and not p.is_file() and not p.is_dir():
            raise WeightingError(f"{where}: not a regular file (a device or pipe): expected a "
                                 "CSV file")
        with p.open("rb") as fh:
            data = fh.read(MAX_PAIRWISE_BYTES + 1)
    except FileNotFoundError:
        raise WeightingError(f"{where}: file not found") from None
    except IsADirectoryError:
        raise WeightingError(f"{where}: is a directory, expected a CSV file") from None
    except OSError as exc:
        raise WeightingError(f"{where}: cannot read the file ({exc.strerror or 'error'})"
                             ) from None
    return parse_pairwise_csv(data, source=where)
