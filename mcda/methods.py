"""The method registry: each MCDA method by name, with its canonical definition written down.

Every method is implemented once, vectorised over a leading sample axis: ``Method.batch`` takes
performance matrices ``X`` of shape (k, n, m) (or (1, n, m), broadcast) and normalised weights ``W``
of shape (k, m) and returns preference values of shape (k, n). A single ranking, the one-at-a-time
sweeps and SMAA all call the same code, so they cannot disagree. The test-suite checks each method
against pymcdm configured as written in the definition and against published worked examples.

Ranks are competition ranks (1 = best, ties share the best rank: 1, 2, 2, 4), always taken through
the method's own direction: VIKOR and SPOTIS rank lower values first.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import numpy as np

from mcda.model import Problem

Better = Literal["higher", "lower"]
TIE_TOLERANCE = 1e-9


class MethodError(ValueError):
    """A method cannot be applied as asked (unknown name, bad setting, unsuitable data)."""


def competition_ranks(scores: np.ndarray, better: Better) -> np.ndarray:
    """Competition ranks along the last axis: 1 + the number of strictly better options.

    Values within ``TIE_TOLERANCE`` (relative to the largest magnitude) count as tied, so that
    rounding noise does not split a real tie. The n comparisons are added one option at a time:
    for SMAA's many samples and few options that is about twice as fast as summing an (..., n, n)
    boolean array over its short last axis.
    """
    s = np.asarray(scores, dtype=float)
    oriented = s if better == "higher" else -s
    scale = np.maximum(np.abs(s).max(axis=-1, keepdims=True), 1.0)
    threshold = oriented + TIE_TOLERANCE * scale
    ranks = np.ones(s.shape, dtype=np.int64)
    for j in range(s.shape[-1]):
        ranks += oriented[..., j:j + 1] > threshold
    return ranks


@dataclass(frozen=True)
class MethodResult:
    """The outcome of one method on one problem, with the values that explain it."""

    method: str
    label: str
    better: Better
    settings: dict[str, Any]
    definition: str
    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    weights: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def order(self) -> list[str]:
        """Option ids from best to worst (stable for ties)."""
        idx = np.argsort(self.ranks, kind="stable")
        return [self.option_ids[i] for i in idx]

    @property
    def first(self) -> tuple[str, ...]:
        """The option(s) ranked first."""
        return tuple(o for o, r in zip(self.option_ids, self.ranks, strict=True) if r == 1)

    def score_of(self, option_id: str) -> float:
        """The preference value of one option (in the method's own direction, see ``better``)."""
        return float(self.scores[self.option_ids.index(option_id)])

    def rank_of(self, option_id: str) -> int:
        """The competition rank of one option (1 = best)."""
        return int(self.ranks[self.option_ids.index(option_id)])

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON shape for one method."""
        return {
            "better": self.better,
            "settings": self.settings,
            "scores": {o: float(s) for o, s in zip(self.option_ids, self.scores, strict=True)},
            "ranks": {o: int(r) for o, r in zip(self.option_ids, self.ranks, strict=True)},
        }


class Method(ABC):
    """A registered method: a name, its direction, its settings and its vectorised core."""

    name: ClassVar[str]
    label: ClassVar[str]
    better: ClassVar[Better]
    definition: ClassVar[str]

    def settings(self) -> dict[str, Any]:
        """The settings that, with the problem, reproduce the result."""
        return {}

    @abstractmethod
    def batch(self, problem: Problem, X: np.ndarray, W: np.ndarray) -> np.ndarray:
        """Preference values (k, n) for matrices X (k|1, n, m) and normalised weights W (k, m)."""

    def explain(self, problem: Problem) -> dict[str, Any]:
        """Intermediate values for the fixed problem, to show why an option wins."""
        return {}

    def rank(self, problem: Problem) -> MethodResult:
        """Score and rank the problem's options with its own weights."""
        X = problem.matrix[None, :, :]
        scores = self.batch(problem, X, problem.w[None, :])[0]
        return MethodResult(
            method=self.name,
            label=self.label,
            better=self.better,
            settings=self.settings(),
            definition=self.definition,
            option_ids=problem.option_ids,
            criterion_ids=problem.criterion_ids,
            weights=problem.w,
            scores=scores,
            ranks=competition_ranks(scores, self.better),
            details=self.explain(problem),
        )


def _bounds(problem: Problem, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per sample and criterion (lo, hi): declared scale bounds, else the options' min/max."""
    declared_lo = np.array([np.nan if c.scale.min is None else c.scale.min
                            for c in problem.criteria])
    declared_hi = np.array([np.nan if c.scale.max is None else c.scale.max
                            for c in problem.criteria])
    lo = np.where(np.isnan(declared_lo), X.min(axis=1), declared_lo)
    hi = np.where(np.isnan(declared_hi), X.max(axis=1), declared_hi)
    return lo, hi


def _safe_divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, with 0 where den is 0 (a criterion that does not discriminate)."""
    den = np.asarray(den, dtype=float)
    safe = np.where(den == 0, 1.0, den)
    return np.where(den == 0, 0.0, num / safe)


def linear_normalise(problem: Problem, X: np.ndarray) -> np.ndarray:
    """Linear normalisation to [0, 1] on the declared (or observed) bounds, 1 = best.

    A criterion that does not discriminate (hi = lo: every option has the same value and no
    bounds are declared) gives every option 1 whatever its direction, as pymcdm's min-max
    normalisation does.
    """
    lo, hi = _bounds(problem, X)
    span = (hi - lo)[:, None, :]
    up = _safe_divide(X - lo[:, None, :], span)
    return np.where(span == 0, 1.0, np.where(problem.types > 0, up, 1.0 - up))


class WSM(Method):
    name = "wsm"
    label = "Weighted sum (WSM)"
    better = "higher"
    definition = (
        "Weighted sum of linearly normalised values in [0, 1]: benefit (x - lo)/(hi - lo), cost "
        "(hi - x)/(hi - lo), where lo and hi are the criterion's declared scale bounds or, "
        "without them, the lowest and highest value among the options (1 for every option "
        "where hi = lo). Higher is better."
    )

    def batch(self, problem: Problem, X: np.ndarray, W: np.ndarray) -> np.ndarray:
        return np.einsum("knm,km->kn", linear_normalise(problem, X), W)

    def explain(self, problem: Problem) -> dict[str, Any]:
        normalised = linear_normalise(problem, problem.matrix[None])[0]
        lo, hi = _bounds(problem, problem.matrix[None])
        return {
            "normalised": normalised,
            "contributions": normalised * problem.w,
            "lo": lo[0],
            "hi": hi[0],
        }


def vector_normalise(X: np.ndarray) -> np.ndarray:
    """x / sqrt(sum of squares over the options), per criterion (0 for an all-zero column)."""
    return _safe_divide(X, np.sqrt((X**2).sum(axis=1, keepdims=True)))


class TOPSIS(Method):
    name = "topsis"
    label = "TOPSIS"
    better = "higher"
    definition = (
        "Classic TOPSIS (Hwang & Yoon 1981): vector normalisation r = x / sqrt(sum x^2) per "
        "criterion, weighted v = w r; Euclidean distances d+ to the ideal (best v per criterion) "
        "and d- to the anti-ideal (worst v); closeness C = d- / (d+ + d-), 0.5 when both are 0. "
        "Higher is better. Equals pymcdm TOPSIS(normalizations.vector_normalization)."
    )

    def _distances(self, problem: Problem, X: np.ndarray, W: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        R = vector_normalise(X)
        best = np.where(problem.types > 0, R.max(axis=1), R.min(axis=1))
        worst = np.where(problem.types > 0, R.min(axis=1), R.max(axis=1))
        W2 = (W**2)[:, None, :]
        d_plus = np.sqrt((W2 * (R - best[:, None, :]) ** 2).sum(axis=-1))
        d_minus = np.sqrt((W2 * (R - worst[:, None, :]) ** 2).sum(axis=-1))
        return R, d_plus, d_minus

    def batch(self, problem: Problem, X: np.ndarray, W: np.ndarray) -> np.ndarray:
        if X.shape[0] == 1 and W.shape[0] > 1:
            return self._batch_fixed(problem, X[0], W)
        _, d_plus, d_minus = self._distances(problem, X, W)
        total = d_plus + d_minus
        return np.where(total == 0, 0.5, _safe_divide(d_minus, total))

    def _batch_fixed(self, problem: Problem, X: np.ndarray, W: np.ndarray) -> np.ndarray:
        """Many weight vectors, one matrix: distances in closed form sqrt((W*W) @ (D**2).T)."""
        R = vector_normalise(X[None])[0]
        best = np.where(problem.types > 0, R.max(axis=0), R.min(axis=0))
        worst = np.where(problem.types > 0, R.min(axis=0), R.max(axis=0))
        W2 = W**2
        d_plus = np.sqrt(W2 @ ((R - best) ** 2).T)
        d_minus = np.sqrt(W2 @ ((R - worst) ** 2).T)
        total = d_plus + d_minus
        return np.where(total == 0, 0.5, _safe_divide(d_minus, total))

    def explain(self, problem: Problem) -> dict[str, Any]:
        X = problem.matrix[None]
        W = problem.w[None]
        R, d_plus, d_minus = self._distances(problem, X, W)
        weighted = R[0] * problem.w
        return {
            "normalised": R[0],
            "weighted": weighted,
            "ideal": np.where(problem.types > 0, weighted.max(axis=0), weighted.min(axis=0)),
            "anti_ideal": np.where(problem.types > 0, weighted.min(axis=0), weighted.max(axis=0)),
            "d_plus": d_plus[0],
            "d_minus": d_minus[0],
        }


class VIKOR(Method):
    name = "vikor"
    label = "VIKOR"
    better = "lower"
    definition = (
        "VIKOR (Opricovic & Tzeng 2004): per criterion the best f* and worst f- value; "
        "d = (f* - x)/(f* - f-) (0 where f* = f-: the criterion does not discriminate); "
        "S = sum w d (group utility), R = max w d (individual regret), "
        "Q = v (S - S*)/(S- - S*) + (1 - v)(R - R*)/(R- - R*), a term being 0 where its "
        "denominator is 0. Ranked by Q, lower is better. The compromise set follows the "
        "acceptable-advantage (Q2 - Q1 >= 1/(n - 1)) and acceptable-stability conditions."
    )

    def __init__(self, v: float = 0.5) -> None:
        if not 0.0 <= float(v) <= 1.0:
            raise MethodError(f"VIKOR's v must lie in [0, 1], got {v}")
        self.v = float(v)

    def settings(self) -> dict[str, Any]:
        return {"v": self.v}

    def _srq(self, problem: Problem, X: np.ndarray, W: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """VIKOR's S (group utility), R (individual regret) and Q, each (k, n)."""
        best = np.where(problem.types > 0, X.max(axis=1), X.min(axis=1))[:, None, :]
        worst = np.where(problem.types > 0, X.min(axis=1), X.max(axis=1))[:, None, :]
        d = _safe_divide(best - X, best - worst)
        S = np.einsum("knm,km->kn", np.broadcast_to(d, (W.shape[0], *d.shape[1:])), W)
        R = (d * W[:, None, :]).max(axis=-1)
        q_s = _safe_divide(S - S.min(axis=1, keepdims=True),
                           S.max(axis=1, keepdims=True) - S.min(axis=1, keepdims=True))
        q_r = _safe_divide(R - R.min(axis=1, keepdims=True),
                           R.max(axis=1, keepdims=True) - R.min(axis=1, keepdims=True))
        return S, R, self.v * q_s + (1 - self.v) * q_r

    def batch(self, problem: Problem, X: np.ndarray, W: np.ndarray) -> np.ndarray:
        return self._srq(problem, X, W)[2]

    def explain(self, problem: Problem) -> dict[str, Any]:
        S, R, Q = (a[0] for a in self._srq(problem, problem.matrix[None], problem.w[None]))
        return {"S": S, "R": R, "Q": Q, **compromise_set(problem.option_ids, S, R, Q)}


def compromise_set(
    option_ids: tuple[str, ...], S: np.ndarray, R: np.ndarray, Q: np.ndarray
) -> dict[str, Any]:
    """VIKOR's compromise solution (Opricovic & Tzeng 2004, section 3, step 5).

    C1 acceptable advantage: Q(a2) - Q(a1) >= DQ = 1/(n - 1). C2 acceptable stability: a1 is also
    best by S or by R. Both hold: {a1}. Only C2 fails: {a1, a2}. C1 fails: a1..aM, the options with
    Q(aM) - Q(a1) < DQ.
    """
    order = np.argsort(Q, kind="stable")
    dq = 1.0 / (len(option_ids) - 1)
    a1, a2 = order[0], order[1]
    advantage = bool(Q[a2] - Q[a1] >= dq - TIE_TOLERANCE)
    stability = bool(S[a1] <= S.min() + TIE_TOLERANCE or R[a1] <= R.min() + TIE_TOLERANCE)
    if advantage and stability:
        members = [a1]
    elif advantage:
        members = [a1, a2]
    else:
        members = [i for i in order if Q[i] - Q[a1] < dq - TIE_TOLERANCE]
    return {
        "dq": dq,
        "acceptable_advantage": advantage,
        "acceptable_stability": stability,
        "compromise": [option_ids[i] for i in members],
    }


def preference(d: np.ndarray, function: str, q: float | None, p: float | None) -> np.ndarray:
    """PROMETHEE preference P(d) for differences d in the criterion's own direction."""
    pos = np.maximum(d, 0.0)
    if function == "usual":
        return (d > 0).astype(float)
    if function == "ushape":
        return (d > q).astype(float)
    if function == "vshape":
        return np.minimum(pos / p, 1.0)
    if function == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if function == "linear":
        return np.clip((d - q) / (p - q), 0.0, 1.0)
    if function == "gaussian":
        return np.where(d > 0, 1.0 - np.exp(-(pos**2) / (2 * p**2)), 0.0)
    raise MethodError(f"unknown preference function '{function}'")


class PrometheeII(Method):
    name = "promethee_ii"
    label = "PROMETHEE II"
    better = "higher"
    definition = (
        "PROMETHEE II (Brans & Vincke 1985): for each pair of options and criterion the "
        "preference P(d) of the difference d in the criterion's direction, by its preference "
        "function (usual unless the criterion file sets ushape/vshape/level/linear/gaussian with "
        "q and p thresholds); net flow phi(a) = sum over b of sum_j w_j (P_j(a,b) - P_j(b,a)), "
        "divided by (n - 1). Higher is better."
    )

    def settings(self) -> dict[str, Any]:
        return {"normalised_by": "n-1"}

    def criterion_flows(self, problem: Problem, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-criterion positive and negative flows (k, n, m), before weighting."""
        n = X.shape[1]
        diff = (X[:, :, None, :] - X[:, None, :, :]) * problem.types
        P = np.empty_like(diff)
        for j, crit in enumerate(problem.criteria):
            spec = crit.promethee
            P[..., j] = preference(diff[..., j], spec.function, spec.q, spec.p)
        return P.sum(axis=2) / (n - 1), P.sum(axis=1) / (n - 1)

    def batch(self, problem: Problem, X: np.ndarray, W: np.ndarray) -> np.ndarray:
        plus, minus = self.criterion_flows(problem, X)
        net = plus - minus
        if net.shape[0] == 1:
            return W @ net[0].T
        return np.einsum("knm,km->kn", net, W)

    def explain(self, problem: Problem) -> dict[str, Any]:
        plus, minus = (a[0] for a in self.criterion_flows(problem, problem.matrix[None]))
        return {
            "phi_plus": plus @ problem.w,
            "phi_minus": minus @ problem.w,
            "contributions": (plus - minus) * problem.w,
            "functions": {c.id: c.promethee.model_dump(exclude_none=True)
                          for c in problem.criteria},
        }


class SPOTIS(Method):
    name = "spotis"
    label = "SPOTIS"
    better = "lower"
    definition = (
        "SPOTIS (Dezert et al. 2020): distance to the ideal point of the criteria's bounds "
        "(declared scale, else the options' min/max): P = sum w |x - s*| / (hi - lo), with s* = hi "
        "for benefit and lo for cost. Lower is better; free of rank reversal."
    )

    def batch(self, problem: Problem, X: np.ndarray, W: np.ndarray) -> np.ndarray:
        return np.einsum("knm,km->kn", 1.0 - linear_normalise(problem, X), W)

    def explain(self, problem: Problem) -> dict[str, Any]:
        gap = 1.0 - linear_normalise(problem, problem.matrix[None])[0]
        return {"distances": gap, "contributions": gap * problem.w}


REGISTRY: dict[str, type[Method]] = {
    cls.name: cls for cls in (WSM, TOPSIS, VIKOR, PrometheeII, SPOTIS)
}
DEFAULT_METHODS: tuple[str, ...] = ("wsm", "topsis", "vikor", "promethee_ii")


def get_method(name: str, **settings: Any) -> Method:
    """The registered method ``name`` with these settings."""
    try:
        cls = REGISTRY[name]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise MethodError(f"unknown method '{name}' (known: {known})") from None
    try:
        return cls(**settings)
    except TypeError as exc:
        raise MethodError(f"method '{name}' does not take these settings: {settings}") from exc


def resolve_methods(names: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Method names from a user's choice: None means the four core methods, 'all' every one."""
    if not names:
        return DEFAULT_METHODS
    if "all" in names:
        return tuple(REGISTRY)
    for name in names:
        get_method(name)
    return tuple(dict.fromkeys(names))


def rank(problem: Problem, method: str = "wsm", **settings: Any) -> MethodResult:
    """Rank the problem's options with one method."""
    return get_method(method, **settings).rank(problem)


def rank_all(problem: Problem, methods: list[str] | tuple[str, ...] | None = None
             ) -> dict[str, MethodResult]:
    """Rank with several methods (by default the four core ones), keyed by name."""
    return {name: rank(problem, name) for name in resolve_methods(methods)}
