"""Group results from the participants' weights: pure numpy functions, no database, no UI.

Notation: k participants, m criteria, n options; ``W`` is a (k, m) array whose rows are the
participants' normalised weight vectors (each sums to 1).

- Group weights: the mean, the median and the geometric mean of each criterion's weights over the
  participants, each renormalised to sum 1 (medians and geometric means of normalised vectors do
  not sum to 1 by themselves). One participant's zero weight makes the geometric mean of that
  criterion zero; when that zeroes every criterion the geometric mean is undefined (None).
- Agreement: Kendall's coefficient of concordance W (Kendall & Babington Smith 1939) with the
  correction for ties, for two kinds of rankings: the participants' rankings of the CRITERIA by
  their weights (do they agree on what matters?) and, per method, their rankings of the OPTIONS
  under their own weights (do they agree on the outcome?). Tied items get the mean of the ranks
  they occupy. W = 12 S / (m^2 (n^3 - n) - m sum T), with m raters, n ranked items, S the sum of
  squared deviations of the items' rank sums from their mean and T = sum (t^3 - t) over each
  rater's groups of t tied items. W = 0 is no agreement, 1 complete agreement. The test statistic
  chi^2 = m (n - 1) W has n - 1 degrees of freedom (Friedman's test); it equals
  ``scipy.stats.friedmanchisquare`` with its tie correction.
- Participants' rankings: every method ranks the options once per participant (``Method.batch``
  with W as the weight samples): first choices, and rank acceptability = the share of
  participants for whom an option has each rank (SMAA over the room's weights instead of random
  weights).
- Winner split: the option most participants rank first (the leader) against the option most of
  the others rank first (the rival), and the criterion whose mean weight differs most between
  those two groups of participants: what the disagreement is about.
- Disagreement impact: for each criterion, sweep its group weight across the range of the
  participants' weights (the others keep their ratios) and see whether the first-ranked option
  changes: a disagreement that changes the winner matters, one that does not can be left alone.
- Round shift (Delphi): per criterion, the median and interquartile range in two rounds, and the
  mean absolute change of the participants who took part in both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from mcda.methods import MethodResult, competition_ranks, get_method, rank_all, resolve_methods
from mcda.model import Problem
from mcda.sensitivity import sweep_weights

AGGREGATIONS: tuple[str, ...] = ("mean", "median", "geometric_mean")
#: Fewest submissions in a round for which individual weights are shown to anyone but the
#: facilitator (participants, the projector, the anonymised export): in a room of two or three,
#: everyone can tell the points apart and read off the others' weights.
MIN_INDIVIDUAL = 5
IMPACT_STEPS = 41


class AggregationError(ValueError):
    """The weights cannot be aggregated as asked (none given, malformed, undefined result)."""


def weight_matrix(weights: Sequence[Mapping[str, float]], criteria: Sequence[str]) -> np.ndarray:
    """The (k, m) array of weight vectors in criterion order, each row normalised to sum 1."""
    if not weights:
        raise AggregationError("no weights to aggregate: nobody has submitted yet")
    rows = []
    for i, item in enumerate(weights):
        missing = [c for c in criteria if c not in item]
        if missing:
            raise AggregationError(f"weights {i + 1} have no value for {', '.join(missing)}")
        rows.append([float(item[c]) for c in criteria])
    W = np.array(rows, dtype=float)
    if not np.isfinite(W).all() or (W < 0).any():
        raise AggregationError("weights must be finite and non-negative")
    totals = W.sum(axis=1, keepdims=True)
    if (totals <= 0).any():
        raise AggregationError("a weight vector is all zero")
    return W / totals


def aggregate(W: np.ndarray, how: str = "mean") -> np.ndarray:
    """Group weights over the rows of W by ``how`` (mean, median, geometric_mean), sum 1."""
    W = np.asarray(W, dtype=float)
    if W.ndim != 2 or W.shape[0] == 0:
        raise AggregationError("need a (participants x criteria) array with one row or more")
    if how == "mean":
        g = W.mean(axis=0)
    elif how == "median":
        g = np.median(W, axis=0)
    elif how == "geometric_mean":
        with np.errstate(divide="ignore"):
            g = np.exp(np.log(W).mean(axis=0))
    else:
        raise AggregationError(f"unknown aggregation '{how}' (known: {', '.join(AGGREGATIONS)})")
    total = g.sum()
    if not total > 0:
        raise AggregationError(
            f"the {how.replace('_', ' ')} of the weights is zero for every criterion"
        )
    return g / total


def group_weights(W: np.ndarray) -> dict[str, np.ndarray | None]:
    """Every aggregation of W; None where it is undefined (see ``aggregate``)."""
    out: dict[str, np.ndarray | None] = {}
    for how in AGGREGATIONS:
        try:
            out[how] = aggregate(W, how)
        except AggregationError:
            out[how] = None
    return out


def average_ranks(competition: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 2, 2, 4) turned into average ranks (1, 2.5, 2.5, 4) per row."""
    R = np.asarray(competition, dtype=float)
    tied = (R[..., :, None] == R[..., None, :]).sum(axis=-1)
    return R + (tied - 1) / 2.0


def criterion_ranks(W: np.ndarray) -> np.ndarray:
    """Each participant's ranking of the criteria by weight, 1 = heaviest, ties averaged."""
    return average_ranks(competition_ranks(np.asarray(W, dtype=float), "higher"))


@dataclass(frozen=True)
class Concordance:
    """Kendall's W with its chi-square test (see the module docstring)."""

    w: float
    chi2: float
    df: int
    p_value: float
    raters: int
    items: int


def kendalls_w(ranks: np.ndarray) -> Concordance:
    """Kendall's W (tie-corrected) for a (raters, items) array of average ranks (1 = first)."""
    R = np.asarray(ranks, dtype=float)
    if R.ndim != 2:
        raise AggregationError("ranks must be a (raters x items) array")
    m, n = R.shape
    if m < 2 or n < 2:
        raise AggregationError(
            f"agreement needs at least two raters and two items, got {m} and {n}"
        )
    if not np.allclose(R.sum(axis=1), n * (n + 1) / 2):
        raise AggregationError("each row must be a ranking 1..n (ties as average ranks)")
    totals = R.sum(axis=0)
    S = float(((totals - totals.mean()) ** 2).sum())
    tie_sizes = (np.isclose(R[:, :, None], R[:, None, :])).sum(axis=-1)
    # each item in a group of t contributes (t^3 - t)/t, so a group contributes t^3 - t in all
    T = float(((tie_sizes**3 - tie_sizes) / tie_sizes).sum())
    denominator = m**2 * (n**3 - n) - m * T
    if denominator <= 0:
        raise AggregationError("every rater ties all items: agreement is undefined")
    w = 12.0 * S / denominator
    chi2 = m * (n - 1) * w
    return Concordance(w=w, chi2=chi2, df=n - 1, p_value=float(stats.chi2.sf(chi2, n - 1)),
                       raters=m, items=n)


def participant_scores(problem: Problem, W: np.ndarray, method: str) -> np.ndarray:
    """(k, n) preference values of every option under every participant's weights."""
    return get_method(method).batch(problem, problem.matrix[None, :, :], np.asarray(W, float))


def participant_ranks(problem: Problem, W: np.ndarray, method: str) -> np.ndarray:
    """(k, n) competition ranks (1 = best) per participant, in the method's own direction."""
    meth = get_method(method)
    return competition_ranks(participant_scores(problem, W, method), meth.better)


def first_choices(ranks: np.ndarray, option_ids: Sequence[str]) -> list[tuple[str, ...]]:
    """Per participant the option(s) ranked first."""
    return [tuple(o for o, r in zip(option_ids, row, strict=True) if r == 1) for row in ranks]


def rank_acceptability(ranks: np.ndarray) -> np.ndarray:
    """(n, n): entry [i, r] is the share of participants who give option i rank r + 1."""
    R = np.asarray(ranks)
    n = R.shape[1]
    return (R[:, :, None] == np.arange(1, n + 1)).mean(axis=0)


@dataclass(frozen=True)
class WinnerSplit:
    """Who ranks which option first, and the criterion that separates the two largest camps."""

    method: str
    participants: int
    counts: dict[str, int]
    leader: str
    leader_count: int
    rival: str | None
    rival_count: int
    criterion: str | None
    leader_mean: float | None
    rival_mean: float | None
    differences: dict[str, float]

    @property
    def unanimous(self) -> bool:
        """Whether every participant's weights put the leader first."""
        return self.rival is None


def winner_split(problem: Problem, W: np.ndarray, method: str,
                 preference: Sequence[str] | None = None) -> WinnerSplit:
    """The leader/rival split of the participants under ``method`` (see the module docstring).

    Participants with tied first options count for each of them. Equal counts are decided by
    ``preference`` (e.g. the group ranking, best first), then by the problem's option order.
    """
    W = np.asarray(W, dtype=float)
    ids = problem.option_ids
    firsts = participant_ranks(problem, W, method) == 1  # (k, n)
    counts = firsts.sum(axis=0)
    order = list(preference or ()) + [o for o in ids if o not in (preference or ())]
    position = np.array([order.index(o) for o in ids])

    def best(mask: np.ndarray) -> int:
        c = firsts[mask].sum(axis=0)
        return int(np.lexsort((position, -c))[0])

    everyone = np.ones(len(W), dtype=bool)
    lead = best(everyone)
    in_lead = firsts[:, lead]
    others = ~in_lead
    count_dict = {o: int(c) for o, c in zip(ids, counts, strict=True) if c > 0}
    if not others.any():
        return WinnerSplit(method, len(W), count_dict, ids[lead], int(counts[lead]), None, 0,
                           None, None, None, {})
    rival = best(others)
    in_rival = others & firsts[:, rival]
    diff = W[in_lead].mean(axis=0) - W[in_rival].mean(axis=0)
    j = int(np.argmax(np.abs(diff)))
    return WinnerSplit(
        method=method, participants=len(W), counts=count_dict, leader=ids[lead],
        leader_count=int(in_lead.sum()), rival=ids[rival], rival_count=int(in_rival.sum()),
        criterion=problem.criterion_ids[j], leader_mean=float(W[in_lead, j].mean()),
        rival_mean=float(W[in_rival, j].mean()),
        differences={c: float(d) for c, d in zip(problem.criterion_ids, diff, strict=True)},
    )


@dataclass(frozen=True)
class CriterionImpact:
    """Whether the room's disagreement about one criterion's weight changes the winner."""

    criterion: str
    group: float
    low: float
    high: float
    winners: tuple[tuple[str, ...], ...]

    @property
    def changes(self) -> bool:
        """True when more than one (set of) first-ranked option(s) occurs across the range."""
        return len(self.winners) > 1


def disagreement_impact(problem: Problem, W: np.ndarray, group: np.ndarray, method: str,
                        steps: int = IMPACT_STEPS) -> list[CriterionImpact]:
    """Per criterion, the first-ranked options as its weight sweeps the participants' range."""
    W = np.asarray(W, dtype=float)
    group = np.asarray(group, dtype=float)
    m = len(problem.criterion_ids)
    if m < 2:
        return []
    lows, highs = W.min(axis=0), W.max(axis=0)
    grids = [np.linspace(lows[j], highs[j], steps) for j in range(m)]
    samples = np.vstack([sweep_weights(group, j, grids[j]) for j in range(m)])
    firsts = participant_ranks(problem, samples, method).reshape(m, steps, -1) == 1
    out = []
    for j, crit in enumerate(problem.criterion_ids):
        seen: list[tuple[str, ...]] = []
        for row in firsts[j]:
            winner = tuple(o for o, f in zip(problem.option_ids, row, strict=True) if f)
            if not seen or seen[-1] != winner:
                seen.append(winner)
        out.append(CriterionImpact(crit, float(group[j]), float(lows[j]), float(highs[j]),
                                   tuple(dict.fromkeys(seen))))
    return out


@dataclass(frozen=True)
class Spread:
    """Per criterion: mean, median, quartiles and extremes of the participants' weights."""

    mean: np.ndarray
    median: np.ndarray
    q1: np.ndarray
    q3: np.ndarray
    low: np.ndarray
    high: np.ndarray

    @property
    def iqr(self) -> np.ndarray:
        return self.q3 - self.q1


def spread(W: np.ndarray) -> Spread:
    """The spread of W per criterion (linear-interpolated quartiles)."""
    W = np.asarray(W, dtype=float)
    q1, median, q3 = np.quantile(W, [0.25, 0.5, 0.75], axis=0)
    return Spread(W.mean(axis=0), median, q1, q3, W.min(axis=0), W.max(axis=0))


@dataclass(frozen=True)
class RoundShift:
    """How the weights moved from one round to the next."""

    before: Spread
    after: Spread
    paired: int
    mean_change: np.ndarray | None


def round_shift(W_before: np.ndarray, W_after: np.ndarray,
                ids_before: Sequence[int], ids_after: Sequence[int]) -> RoundShift:
    """Spreads of two rounds and the mean |change| per criterion of those in both rounds."""
    W_before = np.asarray(W_before, dtype=float)
    W_after = np.asarray(W_after, dtype=float)
    where_before = {p: i for i, p in enumerate(ids_before)}
    where_after = {p: i for i, p in enumerate(ids_after)}
    common = [p for p in ids_before if p in where_after]
    change = None
    if common:
        a = W_before[[where_before[p] for p in common]]
        b = W_after[[where_after[p] for p in common]]
        change = np.abs(b - a).mean(axis=0)
    return RoundShift(spread(W_before), spread(W_after), len(common), change)


@dataclass(frozen=True)
class GroupAnalysis:
    """Everything the dashboard and the report show for one round."""

    problem: Problem
    weights: np.ndarray
    aggregation: str
    group: dict[str, np.ndarray | None]
    group_problem: Problem
    results: dict[str, MethodResult]
    ranks: dict[str, np.ndarray]
    acceptability: dict[str, np.ndarray]
    weight_agreement: Concordance | None
    option_agreement: dict[str, Concordance | None]
    splits: dict[str, WinnerSplit]
    impact: dict[str, list[CriterionImpact]]
    spread: Spread

    def first_choices(self, method: str) -> list[tuple[str, ...]]:
        """Per participant (rows of ``weights``) the option(s) ranked first by ``method``."""
        return first_choices(self.ranks[method], self.problem.option_ids)


def _concordance(ranks: np.ndarray) -> Concordance | None:
    try:
        return kendalls_w(ranks)
    except AggregationError:
        return None


def analyse(problem: Problem, W: np.ndarray, aggregation: str = "mean",
            methods: Sequence[str] | None = None) -> GroupAnalysis:
    """The group analysis of one round's weights W (k >= 1 rows) on ``problem``."""
    W = np.asarray(W, dtype=float)
    names = resolve_methods(list(methods) if methods else None)
    group = group_weights(W)
    chosen = group.get(aggregation) if aggregation in AGGREGATIONS else None
    if chosen is None:
        aggregate(W, aggregation)  # raises the reason
    group_problem = problem.with_weight_vector(chosen)
    results = rank_all(group_problem, names)
    ranks = {name: participant_ranks(problem, W, name) for name in names}
    many = len(W) >= 2
    return GroupAnalysis(
        problem=problem, weights=W, aggregation=aggregation, group=group,
        group_problem=group_problem, results=results, ranks=ranks,
        acceptability={name: rank_acceptability(r) for name, r in ranks.items()},
        weight_agreement=_concordance(criterion_ranks(W)) if many else None,
        option_agreement={name: _concordance(average_ranks(r)) if many else None
                          for name, r in ranks.items()},
        splits={name: winner_split(problem, W, name, results[name].order) for name in names},
        impact={name: disagreement_impact(problem, W, chosen, name) for name in names},
        spread=spread(W),
    )
