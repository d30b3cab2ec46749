"""Reading a ranking: dominance, per-criterion contributions, why the winner wins, method agreement.

Everything here works on a validated ``Problem`` or on ``MethodResult``s and returns ids and
numbers, never sentences, so the interface can word them in either language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mcda.methods import Better, MethodResult, competition_ranks, rank
from mcda.model import Problem


class AnalysisError(ValueError):
    """An analysis cannot be made from these inputs (e.g. contributions of a non-additive
    method)."""


def _dominance_matrix(problem: Problem) -> np.ndarray:
    """D[a, b] is True where option a dominates option b (direction-aware, exact comparison)."""
    oriented = problem.matrix * problem.types
    at_least = (oriented[:, None, :] >= oriented[None, :, :]).all(axis=-1)
    better_somewhere = (oriented[:, None, :] > oriented[None, :, :]).any(axis=-1)
    return at_least & better_somewhere


def dominance(problem: Problem) -> list[tuple[str, str]]:
    """Pairs (a, b) where a dominates b: at least as good on every active criterion, in its own
    direction, and strictly better on at least one (Pareto dominance; the weights play no part).
    """
    ids = problem.option_ids
    rows, cols = np.nonzero(_dominance_matrix(problem))
    return [(ids[a], ids[b]) for a, b in zip(rows, cols, strict=True)]


def dominated(problem: Problem) -> dict[str, list[str]]:
    """Each dominated option -> the options that dominate it (non-dominated options are absent).

    A dominated option cannot rank above its dominator under any weights with the additive and
    distance-based methods, so the interface can flag it.
    """
    ids = problem.option_ids
    matrix = _dominance_matrix(problem)
    return {
        ids[b]: [ids[a] for a in np.nonzero(matrix[:, b])[0]]
        for b in range(len(ids)) if matrix[:, b].any()
    }


@dataclass(frozen=True)
class Contributions:
    """Per-criterion parts of each option's score for an additive method (they sum to the score).

    ``values`` has shape (options, criteria). ``better`` says whether a larger part helps the
    option ('higher': wsm, promethee_ii) or hurts it ('lower': spotis, where a part is the weighted
    distance to the ideal).
    """

    method: str
    better: Better
    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    values: np.ndarray

    def of(self, option_id: str) -> dict[str, float]:
        """One option's parts, keyed by criterion id."""
        row = self.values[self.option_ids.index(option_id)]
        return {c: float(v) for c, v in zip(self.criterion_ids, row, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "better": self.better,
            "contributions": {o: self.of(o) for o in self.option_ids},
        }


def contributions_of(result: MethodResult) -> Contributions:
    """The contributions a method result carries; only additive methods have them."""
    parts = result.details.get("contributions")
    if parts is None:
        raise AnalysisError(
            f"contributions are defined only for additive methods (wsm, promethee_ii, spotis), "
            f"not for {result.method}: its score is not a sum of per-criterion parts"
        )
    return Contributions(
        method=result.method,
        better=result.better,
        option_ids=result.option_ids,
        criterion_ids=result.criterion_ids,
        values=np.asarray(parts, dtype=float),
    )


def contributions(problem: Problem, method: str = "wsm") -> Contributions:
    """Per-criterion contributions to each option's score: wsm w * normalised value,
    promethee_ii w * net flow on the criterion, spotis w * distance to the ideal.

    Raises ``AnalysisError`` for methods whose score is not additive (topsis, vikor).
    """
    return contributions_of(rank(problem, method))


@dataclass(frozen=True)
class Lead:
    """One criterion's share in the gap between two options.

    ``advantage`` is positive where the criterion favours the leader: the leader's minus the
    other's contribution for 'higher is better' methods, the other way round for 'lower'.
    """

    criterion: str
    leader: float
    other: float
    advantage: float


@dataclass(frozen=True)
class WinnerExplanation:
    """Why ``leader`` ranks above ``other`` under an additive method, criterion by criterion.

    ``leads`` are sorted from the largest advantage to the largest disadvantage; their advantages
    sum to ``margin``, the score gap in the leader's favour.
    """

    method: str
    leader: str
    other: str
    margin: float
    leads: tuple[Lead, ...]

    def gains(self) -> tuple[Lead, ...]:
        """The criteria on which the leader gains ground (advantage > 0), largest first."""
        return tuple(lead for lead in self.leads if lead.advantage > 0)

    def losses(self) -> tuple[Lead, ...]:
        """The criteria on which the leader loses ground (advantage < 0), largest loss first."""
        return tuple(sorted((lead for lead in self.leads if lead.advantage < 0),
                            key=lambda lead: lead.advantage))

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "leader": self.leader,
            "other": self.other,
            "margin": self.margin,
            "leads": [
                {"criterion": lead.criterion, "leader": lead.leader, "other": lead.other,
                 "advantage": lead.advantage}
                for lead in self.leads
            ],
        }


def explain_winner(result: MethodResult, versus: str | None = None) -> WinnerExplanation:
    """Which criteria give the first-ranked option its lead over ``versus`` (by default the
    runner-up: the second option in ``result.order``), as differences of contributions.

    For additive methods only (``AnalysisError`` otherwise), so that the parts add up to the gap.
    """
    parts = contributions_of(result)
    order = result.order
    leader = order[0]
    other = order[1] if versus is None else versus
    if other not in result.option_ids:
        raise AnalysisError(f"unknown option '{other}' (known: {', '.join(result.option_ids)})")
    if other == leader:
        raise AnalysisError(f"'{other}' is the first-ranked option itself")
    a = parts.values[result.option_ids.index(leader)]
    b = parts.values[result.option_ids.index(other)]
    gap = a - b if result.better == "higher" else b - a
    leads = sorted(
        (Lead(criterion=c, leader=float(x), other=float(y), advantage=float(g))
         for c, x, y, g in zip(result.criterion_ids, a, b, gap, strict=True)),
        key=lambda lead: -lead.advantage,
    )
    return WinnerExplanation(method=result.method, leader=leader, other=other,
                             margin=float(gap.sum()), leads=tuple(leads))


@dataclass(frozen=True)
class Agreement:
    """How far several methods agree on one problem's ranking.

    ``ranks`` (methods x options) holds each method's competition ranks. The (methods x methods)
    matrices hold Spearman's rho and Kendall's tau-b (scipy; ties handled by average ranks),
    the weighted Spearman r_w (Pinto da Costa & Soares 2005) and the WS rank similarity
    coefficient (Salabun & Urbaniak 2020), both from ``pymcdm.correlations``. r_w and WS weigh
    disagreement near the top more heavily; WS is asymmetric: ``ws[i, j]`` takes method i's
    ranking as the reference. A coefficient that is undefined (one ranking ties every option
    while the other does not) is NaN; two identical rankings always agree with 1.

    ``consensus`` is a Borda-type consensus: the options' mean rank across the methods, turned
    into competition ranks (lower mean rank is better). Ordering by mean rank is the same as
    ordering by Borda count, since an option's Borda points are (n - rank) summed over methods.
    ``first_share`` is the share of methods that rank each option first (tied firsts each
    count, so the shares may sum to more than 1); ``agree_on_first`` says whether every method
    ranks the same option(s) first.
    """

    methods: tuple[str, ...]
    option_ids: tuple[str, ...]
    ranks: np.ndarray
    spearman: np.ndarray
    kendall: np.ndarray
    weighted_spearman: np.ndarray
    ws: np.ndarray
    mean_rank: np.ndarray
    consensus: np.ndarray
    first_share: np.ndarray
    agree_on_first: bool

    @property
    def consensus_order(self) -> list[str]:
        """Option ids from best to worst by the consensus ranking."""
        return [self.option_ids[i] for i in np.argsort(self.consensus, kind="stable")]

    def to_json(self) -> dict[str, Any]:
        def per_option(values: np.ndarray, cast: type) -> dict[str, Any]:
            return {o: cast(v) for o, v in zip(self.option_ids, values, strict=True)}

        def table(matrix: np.ndarray) -> dict[str, dict[str, float | None]]:
            return {a: {b: (None if np.isnan(matrix[i, j]) else float(matrix[i, j]))
                        for j, b in enumerate(self.methods)}
                    for i, a in enumerate(self.methods)}

        return {
            "methods": list(self.methods),
            "ranks": {m: per_option(self.ranks[i], int) for i, m in enumerate(self.methods)},
            "spearman": table(self.spearman),
            "kendall_tau_b": table(self.kendall),
            "weighted_spearman": table(self.weighted_spearman),
            "ws": table(self.ws),
            "consensus": {
                "rule": "borda (mean rank across methods)",
                "mean_rank": per_option(self.mean_rank, float),
                "ranks": per_option(self.consensus, int),
            },
            "first_share": per_option(self.first_share, float),
            "agree_on_first": self.agree_on_first,
        }


def _aligned_ranks(results: Mapping[str, MethodResult]) -> tuple[tuple[str, ...], np.ndarray]:
    """Every result's ranks in the option order of the first one; the options must be the same."""
    if not results:
        raise AnalysisError("method agreement needs at least one method result")
    first = next(iter(results.values()))
    ids = first.option_ids
    rows = []
    for name, result in results.items():
        if set(result.option_ids) != set(ids) or len(result.option_ids) != len(ids):
            raise AnalysisError(f"method '{name}' ranked other options than '{first.method}'")
        rows.append([result.rank_of(o) for o in ids])
    return ids, np.array(rows, dtype=float)


def _pairwise(ranks: np.ndarray, coefficient: Callable[[np.ndarray, np.ndarray], float]
              ) -> np.ndarray:
    """coefficient(x, y) for every ordered pair of rank rows; 1 for identical rankings and NaN
    where one ranking is constant (every option tied) and the other is not."""
    k = ranks.shape[0]
    out = np.empty((k, k))
    constant = (ranks == ranks[:, :1]).all(axis=1)
    for i in range(k):
        for j in range(k):
            if np.array_equal(ranks[i], ranks[j]):
                out[i, j] = 1.0
            elif constant[i] or constant[j]:
                out[i, j] = np.nan
            else:
                out[i, j] = float(coefficient(ranks[i], ranks[j]))
    return out


def agreement(results: Mapping[str, MethodResult]) -> Agreement:
    """Rank correlations between the methods' rankings and their Borda-type consensus."""
    from pymcdm import correlations  # lazy: importing pymcdm takes over a second
    from scipy import stats  # lazy: keeps `mcda rank` quick to start

    ids, ranks = _aligned_ranks(results)
    mean_rank = ranks.mean(axis=0)
    firsts = {frozenset(result.first) for result in results.values()}
    return Agreement(
        methods=tuple(results),
        option_ids=ids,
        ranks=ranks.astype(int),
        spearman=_pairwise(ranks, lambda x, y: stats.spearmanr(x, y).statistic),
        kendall=_pairwise(ranks, lambda x, y: stats.kendalltau(x, y, variant="b").statistic),
        weighted_spearman=_pairwise(ranks, correlations.weighted_spearman),
        ws=_pairwise(ranks, correlations.rank_similarity_coef),
        mean_rank=mean_rank,
        consensus=competition_ranks(mean_rank, "lower"),
        first_share=(ranks == 1).mean(axis=0),
        agree_on_first=len(firsts) == 1,
    )
