"""SMAA-2 (Lahdelma & Salminen 2001): how robust is a ranking when weights and scores are uncertain.

Samples of weight vectors (and, optionally, of scores) are drawn once per chunk and every method is
evaluated on the SAME samples through ``Method.batch``, so the methods can be compared sample by
sample ("agreement"). Only counts are accumulated, never the samples, and chunks keep the memory
bounded. Results are reproducible from the seed and do not depend on the chunk size: weights and
scores come from two independent streams spawned from ``numpy.random.SeedSequence(seed)``, each
read in order.

Weights (``weights=``):
- ``uniform``: uniform on the simplex, Dirichlet(1, ..., 1) (normalised exponential draws).
- ``around``: Dirichlet(c * w0) around the current normalised weights w0, with concentration c
  (``concentration``, default 100). The mean is w0 and the standard deviation of a weight is
  sqrt(w0 (1 - w0) / (c + 1)): with c = 100 a weight of 0.20 varies by about 0.04 (4 points).
  A criterion with weight 0 stays at 0.
- ``ranking``: uniform weights consistent with a ranking of the criteria (most important first):
  each uniform sample is sorted in descending order and handed out by rank. Without an explicit
  ``criteria_ranking`` the order of the current weights is used (ties broken by criterion order).
Scores (``scores=``):
- ``fixed``: the scores' values.
- ``ranges``: drawn independently per sample and score from a triangular distribution on the
  score's range [low, high] with the value as its mode (a score without a range stays fixed).

Ranks are competition ranks (``mcda.methods.competition_ranks``): tied options share the best
rank, so an option "ranks first" when it is first or level first. With ties an option still has
one rank per sample (its acceptabilities sum to 1 over ranks), but the acceptabilities of one rank
need not sum to 1 over the options. Ties have probability zero unless options coincide, with one
exception: VIKOR's Q ties with positive probability (an option best by S and worst by R and
another the reverse both get Q = v).

Outputs per method:
- rank acceptability b_i^r: share of samples in which option i has rank r (n x n);
- central weight vector: mean weight vector over the samples in which the option ranks first
  (None when it never does);
- confidence factor: share of score samples in which the option ranks first when the weights are
  fixed at its central weight vector and the score uncertainty is kept (the same score stream as
  the main pass). With fixed scores it is 1 or 0. An option that never ranks first has no central
  weights and confidence 0;
- pairwise winning index p_ik: share of samples in which i has a strictly better rank than k; a
  tie counts for neither, so p_ik + p_ki = 1 minus the share of ties.
Agreement: the share of samples in which every method has the same set of first-ranked options,
and the same per pair of methods.

Compute budget: before drawing anything, ``smaa`` estimates its work (``sample_work``, in the work
units of ``mcda.sensitivity``) and refuses more samples than fit in ``budget`` with a
``BudgetError`` that says how many do; ``max_samples`` gives that number beforehand, so that the
app can cap its input. With sampled scores the confidence pass is counted as if every option
ranked first at some point, its worst case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from mcda.methods import TIE_TOLERANCE, Method, competition_ranks
from mcda.model import Problem
from mcda.sensitivity import (
    INTERACTIVE_BUDGET,
    RANK_COST,
    BudgetError,
    SensitivityError,
    evaluation_work,
    resolve,
    resolve_names,
    validate_budget,
    work_seconds,
)

WeightMode = Literal["uniform", "around", "ranking"]
ScoreMode = Literal["fixed", "ranges"]
WEIGHT_MODES: tuple[str, ...] = ("uniform", "around", "ranking")
SCORE_MODES: tuple[str, ...] = ("fixed", "ranges")
DEFAULT_SAMPLES = 10_000
DEFAULT_CHUNK = 50_000
DEFAULT_CONCENTRATION = 100.0
# Sampled scores make PROMETHEE build (chunk, n, n, m) arrays; keep each below this many bytes.
RANGES_CHUNK_BYTES = 16 * 1024 * 1024
# The methods build (chunk, n, m) arrays; keep each below this many values (10,000 samples of
# 200 options and 499 criteria asked VIKOR for 7.4 GiB at once).
CHUNK_VALUES = 4_000_000

# Drawing one sample, in work units (see ``mcda.sensitivity``): a weight vector per criterion, a
# score matrix per option x criterion (drawn twice with sampled scores: the main pass and the
# confidence pass read the same stream).
WEIGHT_DRAW_COST = 10.0
SCORE_DRAW_COST = 40.0

Progress = Callable[[int, int], None]


def sample_work(options: int, criteria: int, methods: Sequence[str], scores: str = "fixed"
                ) -> float:
    """Work units per SMAA sample for a problem of this size, these methods and scores mode.

    Every sample evaluates and ranks each method once; with sampled scores the confidence pass
    evaluates each option that ever ranks first once more per score sample, counted here as if
    every option did (the pass is not known to be smaller before it runs).
    """
    if scores not in SCORE_MODES:
        raise SensitivityError(f"unknown scores mode '{scores}' (known: {', '.join(SCORE_MODES)})")
    sampled = scores == "ranges"
    work = WEIGHT_DRAW_COST * criteria
    if sampled:
        work += 2 * SCORE_DRAW_COST * options * criteria
    for name in methods:
        evaluation = evaluation_work(name, options, criteria, sampled)
        work += evaluation * (1 + options if sampled else 1) + RANK_COST * options**2
    return work


def max_samples(problem: Problem, methods: Sequence[str] | None = None, scores: str = "fixed",
                budget: float = INTERACTIVE_BUDGET) -> int:
    """The most samples ``smaa`` accepts within ``budget`` for this problem, methods (by default
    the four core ones) and scores mode; 0 when not even one fits. The app caps its input here."""
    validate_budget(budget)
    n, m = problem.matrix.shape
    return int(budget // sample_work(n, m, resolve_names(methods), scores))


def _check_samples(problem: Problem, names: Sequence[str], samples: int, scores: str,
                  budget: float | None) -> None:
    """Refuse (``BudgetError``) more samples than fit in ``budget``, saying how many do."""
    if budget is None:
        return
    n, m = problem.matrix.shape
    per_sample = sample_work(n, m, names, scores)
    allowed = int(budget // per_sample)
    if samples <= allowed:
        return
    ways = ["fewer methods"] if len(names) > 1 else []
    if scores == "ranges":
        ways.append("fixed scores")
    raise BudgetError(
        f"{samples:,} SMAA samples of {n} options x {m} criteria with {', '.join(names)} "
        f"({'sampled' if scores == 'ranges' else 'fixed'} scores) would take about "
        f"{work_seconds(samples * per_sample):,.0f} s, more than the limit of "
        f"{work_seconds(budget):,.0f} s per request: at most {allowed:,} samples fit for {n} "
        f"options x {m} criteria with these methods"
        + (f" ({' or '.join(ways)} allow more)" if ways else ""),
        work=samples * per_sample, budget=budget, allowed=allowed)


def sample_weights(
    rng: np.random.Generator,
    k: int,
    m: int,
    mode: str = "uniform",
    w0: np.ndarray | None = None,
    concentration: float = DEFAULT_CONCENTRATION,
    order: Sequence[int] | None = None,
) -> np.ndarray:
    """k normalised weight vectors (k, m) drawn as ``mode`` says (see the module doc).

    ``w0`` is needed for 'around'; ``order`` (criterion indices, most important first) for
    'ranking'.
    """
    if mode == "uniform":
        draws = rng.standard_exponential((k, m))
    elif mode == "around":
        if w0 is None:
            raise SensitivityError("weights 'around' need the current weights")
        draws = rng.standard_gamma(concentration * np.asarray(w0, dtype=float), size=(k, m))
    elif mode == "ranking":
        if order is None or sorted(order) != list(range(m)):
            raise SensitivityError("weights 'ranking' need an order of all criteria")
        uniform = rng.standard_exponential((k, m))
        draws = np.empty_like(uniform)
        draws[:, list(order)] = -np.sort(-uniform, axis=1)
    else:
        raise SensitivityError(
            f"unknown weights mode '{mode}' (known: {', '.join(WEIGHT_MODES)})")
    return draws / draws.sum(axis=1, keepdims=True)


def sample_scores(rng: np.random.Generator, k: int, problem: Problem, mode: str = "fixed"
                  ) -> np.ndarray:
    """Performance matrices: (1, n, m) values for 'fixed', (k, n, m) triangular draws for 'ranges'.

    The triangular draw is by its inverse distribution function from uniform numbers, so a score
    whose range is a single point simply keeps its value.
    """
    if mode == "fixed":
        return problem.matrix[None]
    if mode != "ranges":
        raise SensitivityError(f"unknown scores mode '{mode}' (known: {', '.join(SCORE_MODES)})")
    lo, mode_, hi = problem.low, problem.matrix, problem.high
    width = hi - lo
    u = rng.random((k, *lo.shape))
    split = np.divide(mode_ - lo, width, out=np.zeros_like(width), where=width > 0)
    below = lo + np.sqrt(u * width * (mode_ - lo))
    above = hi - np.sqrt((1.0 - u) * width * (hi - mode_))
    return np.where(u < split, below, above)


@dataclass(frozen=True)
class SampleSpec:
    """How samples are drawn: everything but the problem that fixes the sample stream."""

    samples: int
    seed: int
    weights: str = "uniform"
    concentration: float = DEFAULT_CONCENTRATION
    order: tuple[int, ...] | None = None
    scores: str = "fixed"
    chunk: int = DEFAULT_CHUNK

    def streams(self) -> tuple[np.random.SeedSequence, np.random.SeedSequence]:
        """The weight and score streams' seeds (independent, so chunking cannot change them)."""
        weights, scores = np.random.SeedSequence(self.seed).spawn(2)
        return weights, scores


def chunk_sizes(total: int, chunk: int) -> Iterator[int]:
    """Sizes of consecutive chunks covering ``total`` samples."""
    done = 0
    while done < total:
        size = min(chunk, total - done)
        yield size
        done += size


def draw(problem: Problem, spec: SampleSpec) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The sample stream, chunk by chunk: (W (k, m), X (k|1, n, m)). ``smaa`` reads exactly this."""
    w_seed, x_seed = spec.streams()
    rng_w, rng_x = np.random.default_rng(w_seed), np.random.default_rng(x_seed)
    m = len(problem.criterion_ids)
    for size in chunk_sizes(spec.samples, spec.chunk):
        W = sample_weights(rng_w, size, m, spec.weights, problem.w, spec.concentration,
                           spec.order)
        yield W, sample_scores(rng_x, size, problem, spec.scores)


def draw_scores(problem: Problem, spec: SampleSpec) -> Iterator[np.ndarray]:
    """The score stream alone, the same draws as in ``draw`` (for the confidence factors)."""
    rng_x = np.random.default_rng(spec.streams()[1])
    for size in chunk_sizes(spec.samples, spec.chunk):
        yield sample_scores(rng_x, size, problem, spec.scores)


@dataclass(frozen=True)
class SMAAResult:
    """SMAA-2 indices of one method."""

    method: str
    label: str
    better: str
    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    samples: int
    rank_acceptability: np.ndarray
    central_weights: np.ndarray
    confidence: np.ndarray
    pairwise_winning: np.ndarray

    def central_weight(self, option: str) -> dict[str, float] | None:
        """The central weight vector of an option, or None if it never ranks first."""
        row = self.central_weights[self.option_ids.index(option)]
        if np.isnan(row).any():
            return None
        return {c: float(w) for c, w in zip(self.criterion_ids, row, strict=True)}

    def to_json(self) -> dict[str, Any]:
        ids = self.option_ids
        return {
            "better": self.better,
            "rank_acceptability": {o: [float(x) for x in row]
                                   for o, row in zip(ids, self.rank_acceptability, strict=True)},
            "central_weights": {o: self.central_weight(o) for o in ids},
            "confidence": {o: float(x) for o, x in zip(ids, self.confidence, strict=True)},
            "pairwise_winning": {
                o: {k: float(self.pairwise_winning[i, j]) for j, k in enumerate(ids) if j != i}
                for i, o in enumerate(ids)
            },
        }


@dataclass(frozen=True)
class SMAAOutcome(Mapping[str, SMAAResult]):
    """SMAA results keyed by method name, with the sampling set-up and the methods' agreement."""

    results: dict[str, SMAAResult]
    samples: int
    seed: int
    weights: str
    scores: str
    concentration: float
    criteria_ranking: tuple[str, ...] | None
    agreement_all: float
    agreement_pairwise: np.ndarray

    def __getitem__(self, name: str) -> SMAAResult:
        return self.results[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def agreement(self) -> dict[str, Any]:
        """Share of samples where all methods, and each pair of methods, agree on who is first."""
        names = list(self.results)
        return {
            "all": self.agreement_all,
            "pairwise": {a: {b: float(self.agreement_pairwise[i, j])
                             for j, b in enumerate(names) if j != i}
                         for i, a in enumerate(names)},
        }

    def to_json(self) -> dict[str, Any]:
        """The CLI's smaa shape, plus the sampling set-up and the agreement."""
        setup: dict[str, Any] = {"weights_mode": self.weights, "scores_mode": self.scores}
        if self.weights == "around":
            setup["concentration"] = self.concentration
        if self.weights == "ranking":
            setup["criteria_ranking"] = list(self.criteria_ranking or ())
        return {
            "samples": self.samples,
            "seed": self.seed,
            **setup,
            "methods": {name: result.to_json() for name, result in self.results.items()},
            "agreement": self.agreement(),
        }


def _positive_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
        raise SensitivityError(f"{what} must be a positive whole number, got {value!r}")
    return int(value)


def _order(problem: Problem, ranking: Sequence[str] | None) -> tuple[int, ...]:
    ids = problem.criterion_ids
    if ranking is None:
        return tuple(int(i) for i in np.argsort(-problem.w, kind="stable"))
    if sorted(ranking) != sorted(ids):
        raise SensitivityError(
            f"the criteria ranking must list each criterion once ({', '.join(ids)}), got "
            f"{', '.join(ranking) or 'nothing'}")
    return tuple(ids.index(c) for c in ranking)


class _Tally:
    """Counts of one method over the samples seen so far."""

    def __init__(self, n: int, m: int) -> None:
        self.n = n
        self.ranks = np.zeros(n * n, dtype=np.int64)
        self.first_weights = np.zeros((n, m))
        self.wins = np.zeros((n, n), dtype=np.int64)

    def add(self, ranks: np.ndarray, W: np.ndarray) -> np.ndarray:
        """Count one chunk's ranks (k, n); returns each sample's set of first options as a code.

        The code is an integer with bit i set when option i ranks first, so comparing the sets
        of two methods is comparing two integers.
        """
        n = self.n
        self.ranks += np.bincount((ranks - 1 + n * np.arange(n)).ravel(), minlength=n * n)
        first = ranks == 1
        self.first_weights += first.T.astype(W.dtype) @ W
        small = ranks.astype(np.min_scalar_type(n))  # narrow ranks compare about 3x faster
        self.wins += (small[:, :, None] < small[:, None, :]).sum(axis=0)
        return first.astype(np.int64) @ (np.int64(1) << np.arange(n, dtype=np.int64))


def is_first(scores: np.ndarray, i: int, better: str) -> np.ndarray:
    """Whether option i has competition rank 1 in each row of (k, n) scores (ties included)."""
    oriented = scores if better == "higher" else -scores
    scale = np.maximum(np.abs(scores).max(axis=-1), 1.0)
    return oriented.max(axis=-1) <= oriented[:, i] + TIE_TOLERANCE * scale


def smaa(
    problem: Problem,
    methods: Sequence[str] | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    weights: WeightMode = "uniform",
    concentration: float = DEFAULT_CONCENTRATION,
    criteria_ranking: Sequence[str] | None = None,
    scores: ScoreMode = "fixed",
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
    budget: float | None = INTERACTIVE_BUDGET,
) -> SMAAOutcome:
    """SMAA-2 for several methods (by default the four core ones) on the same samples.

    ``progress(done, total)`` is called after each chunk; the total counts the main pass and, with
    sampled scores, the confidence pass over the score samples. More samples than fit in
    ``budget`` (work units, see ``max_samples``; None: no limit) are refused with ``BudgetError``
    before any is drawn.
    """
    samples = _positive_int(samples, "the number of samples")
    chunk = _positive_int(chunk, "the chunk size")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise SensitivityError(f"the seed must be a whole number of 0 or more, got {seed!r}")
    if weights not in WEIGHT_MODES:
        raise SensitivityError(
            f"unknown weights mode '{weights}' (known: {', '.join(WEIGHT_MODES)})")
    if scores not in SCORE_MODES:
        raise SensitivityError(f"unknown scores mode '{scores}' (known: {', '.join(SCORE_MODES)})")
    if not (isinstance(concentration, int | float) and np.isfinite(concentration)
            and concentration > 0):
        raise SensitivityError(f"the concentration must be a positive number, got "
                               f"{concentration!r}")
    validate_budget(budget)
    names = resolve_names(methods)
    meths = [resolve(name) for name in names]
    order = _order(problem, criteria_ranking) if weights == "ranking" else None
    _check_samples(problem, names, samples, scores, budget)
    n, m = problem.matrix.shape
    chunk = min(chunk, max(1, CHUNK_VALUES // (n * m)))
    if scores == "ranges":
        chunk = min(chunk, max(1, RANGES_CHUNK_BYTES // (n * n * m * 8)))
    spec = SampleSpec(samples=samples, seed=int(seed), weights=weights,
                      concentration=float(concentration), order=order, scores=scores, chunk=chunk)
    total = samples * (2 if scores == "ranges" else 1)

    tallies = [_Tally(n, m) for _ in meths]
    agree = np.zeros((len(meths), len(meths)), dtype=np.int64)
    agree_all = 0
    done = 0
    for W, X in draw(problem, spec):
        firsts = [t.add(competition_ranks(meth.batch(problem, X, W), meth.better), W)
                  for meth, t in zip(meths, tallies, strict=True)]
        same = np.array([[a == b for b in firsts] for a in firsts])
        agree += np.count_nonzero(same, axis=-1)
        agree_all += int(np.count_nonzero(same[0].all(axis=0)))
        done += len(W)
        if progress is not None:
            progress(done, total)

    central = []
    for t in tallies:
        count = t.ranks.reshape(n, n)[:, 0]
        with np.errstate(invalid="ignore", divide="ignore"):
            central.append(np.where(count[:, None] > 0, t.first_weights / count[:, None], np.nan))
    confidence = _confidence(problem, spec, meths, central, progress, done, total)

    results = {
        meth.name: SMAAResult(
            method=meth.name, label=meth.label, better=meth.better,
            option_ids=problem.option_ids, criterion_ids=problem.criterion_ids,
            samples=samples,
            rank_acceptability=t.ranks.reshape(n, n) / samples,
            central_weights=c, confidence=conf,
            pairwise_winning=t.wins / samples,
        )
        for meth, t, c, conf in zip(meths, tallies, central, confidence, strict=True)
    }
    return SMAAOutcome(
        results=results, samples=samples, seed=int(seed), weights=weights, scores=scores,
        concentration=float(concentration),
        criteria_ranking=None if order is None else tuple(problem.criterion_ids[i] for i in order),
        agreement_all=agree_all / samples, agreement_pairwise=agree / samples,
    )


def _confidence(problem: Problem, spec: SampleSpec, meths: list[Method],
                central: list[np.ndarray], progress: Progress | None, done: int, total: int
                ) -> list[np.ndarray]:
    """Confidence factors: each option's share of first places at its central weights."""
    n = len(problem.option_ids)
    has = [~np.isnan(c).any(axis=1) for c in central]
    counts = [np.zeros(n) for _ in meths]
    if spec.scores == "fixed":
        X = problem.matrix[None]
        for meth, c, h, count in zip(meths, central, has, counts, strict=True):
            if h.any():
                ranks = competition_ranks(meth.batch(problem, X, c[h]), meth.better)
                count[h] = np.diagonal(ranks[:, h]) == 1
        return counts
    for X in draw_scores(problem, spec):
        k = len(X)
        for meth, c, h, count in zip(meths, central, has, counts, strict=True):
            for i in np.flatnonzero(h):
                scores = meth.batch(problem, X, np.broadcast_to(c[i], (k, c.shape[1])))
                count[i] += np.count_nonzero(is_first(scores, i, meth.better))
        done += k
        if progress is not None:
            progress(done, total)
    return [count / spec.samples for count in counts]
