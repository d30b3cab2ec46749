"""An integrity audit of a case: where its structure, not the weights, decides the question.

A director should see before anyone weighs whether an option can win at all, whether one quote
carries two criteria, whether two criteria measure the same thing, and how much of a result rests
on assumptions. The audit reports findings; they are content, never errors:

- ``dominated``: options that another option beats or equals on every criterion (Pareto);
- ``never_first``: per method, the options that no weighting puts first on their own (level with
  another at best counts as not first). Exact, by a linear programme maximising the option's lead,
  for the methods linear in the weights (``LINEAR_METHODS``); sampled for the others
  (``NEVER_FIRST_SAMPLES`` weight vectors over the simplex, its corners and its edges' midpoints),
  which is a finding of the sample, not a proof;
- ``shared_evidence``: one passage cited for two or more criteria of the same option (a concern
  that may be counted twice): the same quote, or quotes sharing ``SHARED_WORDS`` words in a row;
- ``correlated_criteria``: pairs of criteria whose scores correlate across the options with
  ``|Spearman rho| >= CORRELATION_LIMIT`` (they may measure one thing twice);
- ``assumption_share``: per option, the share of its weighted value (WSM, current weights) that
  comes from scores flagged as assumptions or without evidence;
- ``unflagged_numbers``: scores on a criterion measured in a unit (years, euros) that are neither
  flagged as assumptions nor backed by a quote containing a number;
- ``scenarios``: each scenario's provenance kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.stats import spearmanr

from mcda.analysis import dominated
from mcda.methods import REGISTRY, linear_normalise
from mcda.model import ORIGIN_KINDS, Case, Problem, clip
from mcda.sensitivity import LINEAR_METHODS, chunked_first, lead_weights, resolve

CORRELATION_LIMIT = 0.8
NEVER_FIRST_SAMPLES = 20_000
SHARED_WORDS = 8
MIN_OPTIONS_FOR_CORRELATION = 4
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class NeverFirst:
    """The options one method can never put first on their own, and how that was found."""

    method: str
    options: tuple[str, ...]
    exact: bool


@dataclass(frozen=True)
class Audit:
    """The findings of ``audit`` (see the module doc for each)."""

    dominated: tuple[tuple[str, str], ...]
    never_first: dict[str, NeverFirst]
    shared_evidence: tuple[tuple[str, tuple[str, ...], str], ...]
    correlated_criteria: tuple[tuple[str, str, float], ...]
    assumption_share: dict[str, float]
    unflagged_numbers: tuple[tuple[str, str], ...]
    scenarios: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of ``mcda audit --format json`` (DESIGN.md)."""
        return {
            "dominated": [{"option": o, "by": by} for o, by in self.dominated],
            "never_first": {m: list(r.options) for m, r in self.never_first.items()},
            "never_first_exact": {m: r.exact for m, r in self.never_first.items()},
            "shared_evidence": [{"option": o, "criteria": list(c), "quote": q}
                                for o, c, q in self.shared_evidence],
            "correlated_criteria": [{"a": a, "b": b, "rho": round(rho, 3)}
                                    for a, b, rho in self.correlated_criteria],
            "assumption_share": {o: round(s, 3) for o, s in self.assumption_share.items()},
            "unflagged_numbers": [{"option": o, "criterion": c}
                                  for o, c in self.unflagged_numbers],
            "scenarios": dict(self.scenarios),
        }

    def sentences(self, problem: Problem, lang: str = "en") -> list[tuple[str, str]]:
        """Each finding as (kind, sentence) in ``lang`` ('en' or 'nl'): the one wording that the
        app, the CLI and the report share. Kinds are the JSON keys."""
        nl = lang == "nl"
        opt = {o.id: o.name.get(lang) for o in problem.options}
        crit = {c.id: c.name.get(lang) for c in problem.criteria}
        out: list[tuple[str, str]] = []
        for o, by in self.dominated:
            out.append(("dominated", (
                f"{opt[o]} wordt gedomineerd door {opt[by]}: die scoort op elk criterium minstens "
                f"even goed, dus geen weging zet {opt[o]} erboven." if nl else
                f"{opt[o]} is dominated by {opt[by]}, which is at least as good on every "
                f"criterion: no weighting ranks {opt[o]} above it.")))
        groups: dict[tuple[tuple[str, ...], bool], list[str]] = {}
        for method, found in self.never_first.items():
            if found.options:
                groups.setdefault((found.options, found.exact), []).append(
                    REGISTRY[method].label)
        for (options, exact), labels in groups.items():
            names = ", ".join(opt[o] for o in options)
            how = ("exact" if exact else
                   (f"in {NEVER_FIRST_SAMPLES:,} steekproefwegingen".replace(",", ".") if nl
                    else f"in {NEVER_FIRST_SAMPLES:,} sampled weightings"))
            out.append(("never_first", (
                f"Geen weging zet {names} alleen op de eerste plaats onder {', '.join(labels)} "
                f"({how})." if nl else
                f"No weighting puts {names} first on its own under {', '.join(labels)} "
                f"({how}).")))
        for o, crits, quote in self.shared_evidence:
            names = " en ".join(crit[c] for c in crits) if nl else \
                " and ".join(crit[c] for c in crits)
            short = clip(quote, 90)
            out.append(("shared_evidence", (
                f"{opt[o]} citeert één passage voor {names}: mogelijk telt één zorg dubbel "
                f"(\u201c{short}\u201d)." if nl else
                f"{opt[o]} cites one passage for {names}: one concern may count twice "
                f"(\u201c{short}\u201d).")))
        for a, b, rho in self.correlated_criteria:
            value = f"{rho:.2f}".replace(".", ",") if nl else f"{rho:.2f}"
            out.append(("correlated_criteria", (
                f"{crit[a]} en {crit[b]} ordenen de opties bijna gelijk (Spearman ρ = {value}): "
                "mogelijk meten ze hetzelfde." if nl else
                f"{crit[a]} and {crit[b]} order the options almost alike (Spearman ρ = {value}): "
                "they may measure one thing twice.")))
        for o, c in self.unflagged_numbers:
            out.append(("unflagged_numbers", (
                f"{opt[o]} · {crit[c]}: een getal dat geen bron noemt, staat niet als aanname "
                "gemarkeerd." if nl else
                f"{opt[o]} · {crit[c]}: a number no source states is not flagged as an "
                "assumption.")))
        if self.assumption_share:
            top = max(self.assumption_share, key=lambda o: self.assumption_share[o])
            share = round(100 * self.assumption_share[top])
            out.append(("assumption_share", (
                f"Het meest op aannames rust {opt[top]}: {share}% van de gewogen waarde." if nl
                else f"Resting most on assumptions: {opt[top]}, {share}% of its weighted "
                "value.")))
        if self.scenarios:
            counts = {k: sum(1 for v in self.scenarios.values() if v == k)
                      for k in ORIGIN_KINDS}
            parts = [f"{n} {ORIGIN_KINDS[k].get(lang)}" for k, n in counts.items() if n]
            out.append(("scenarios", (
                f"Perspectieven: {', '.join(parts)}." if nl else
                f"Perspectives: {', '.join(parts)}.")))
        return out

    @property
    def clean(self) -> bool:
        """Whether the audit found nothing to look at."""
        return not (self.dominated or any(r.options for r in self.never_first.values())
                    or self.shared_evidence or self.correlated_criteria
                    or self.unflagged_numbers)


def _sample_weights(m: int, rng: np.random.Generator) -> np.ndarray:
    """Uniform weights on the simplex, its corners and the midpoints of its edges."""
    uniform = rng.standard_exponential((NEVER_FIRST_SAMPLES, m))
    eye = np.eye(m)
    i, j = np.triu_indices(m, k=1)
    return np.vstack([eye, (eye[i] + eye[j]) / 2, uniform / uniform.sum(axis=1, keepdims=True)])


def _alone_first(first: np.ndarray) -> np.ndarray:
    """Per option, whether some weighting (a row of ``first``) puts it first with no other."""
    return (first & (first.sum(axis=1, keepdims=True) == 1)).any(axis=0)


def never_first(problem: Problem, method: str, seed: int = 0) -> NeverFirst:
    """The options that no weighting puts first on their own under ``method``."""
    meth = resolve(method)
    exact = meth.name in LINEAR_METHODS
    if exact:
        # per option the weights of its largest lead, verified: first with no other level with it
        n = len(problem.options)
        leads = [lead_weights(problem, meth, a) for a in range(n)]
        alone = np.array([w is not None and bool(_alone_first(chunked_first(
            problem, meth, w[None]))[a]) for a, w in enumerate(leads)], dtype=bool)
    else:
        W = _sample_weights(len(problem.criteria), np.random.default_rng(seed))
        alone = _alone_first(chunked_first(problem, meth, W))
    out = tuple(o for a, o in enumerate(problem.option_ids) if not alone[a])
    return NeverFirst(meth.name, out, exact=exact)


def _words(quote: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", quote.casefold()))


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two quotes share a passage: one holds the other, or they have a run of
    ``SHARED_WORDS`` words in common (a quote cut differently is still the same evidence)."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < SHARED_WORDS:
        return " ".join(short) in " ".join(long_)
    grams = {long_[i:i + SHARED_WORDS] for i in range(len(long_) - SHARED_WORDS + 1)}
    return any(short[i:i + SHARED_WORDS] in grams for i in range(len(short) - SHARED_WORDS + 1))


def shared_evidence(problem: Problem) -> list[tuple[str, tuple[str, ...], str]]:
    """(option, criteria, quote) for every passage one option cites for several criteria (the
    same quote, or two quotes sharing a passage; the shorter quote is reported)."""
    found = []
    for option in problem.options:
        cited = [(crit, item.quote, _words(item.quote)) for crit in problem.criterion_ids
                 for item in option.scores[crit].evidence if item.quote]
        groups: list[tuple[list[str], str, tuple[str, ...]]] = []
        for crit, quote, words in cited:
            for crits, _, shown_words in groups:
                if _overlap(words, shown_words):
                    if crit not in crits:
                        crits.append(crit)
                    break
            else:
                groups.append(([crit], quote, words))
        found.extend((option.id, tuple(crits), " ".join(quote.split()))
                     for crits, quote, _ in groups if len(crits) > 1)
    return found


def correlated_criteria(problem: Problem, limit: float = CORRELATION_LIMIT
                        ) -> list[tuple[str, str, float]]:
    """(a, b, rho) for pairs of criteria whose direction-aligned scores correlate across the
    options with |Spearman rho| >= ``limit`` (a criterion constant over the options is skipped;
    with fewer than ``MIN_OPTIONS_FOR_CORRELATION`` options every pair would correlate)."""
    if len(problem.options) < MIN_OPTIONS_FOR_CORRELATION:
        return []
    oriented = problem.matrix * problem.types
    ids = problem.criterion_ids
    varies = [j for j in range(len(ids)) if np.ptp(oriented[:, j]) > 0]
    pairs = []
    for x, j in enumerate(varies):
        for k in varies[x + 1:]:
            rho = float(spearmanr(oriented[:, j], oriented[:, k]).statistic)
            if abs(rho) >= limit:
                pairs.append((ids[j], ids[k], rho))
    return pairs


def assumption_share(problem: Problem) -> dict[str, float]:
    """Per option, the share of its weighted value (WSM, the problem's weights) that rests on
    scores flagged as assumptions or citing no evidence (0 where its value is 0)."""
    parts = linear_normalise(problem, problem.matrix[None])[0] * problem.w
    assumed = np.array([[not o.scores[c].cited for c in problem.criterion_ids]
                        for o in problem.options])
    total = parts.sum(axis=1)
    share = np.divide((parts * assumed).sum(axis=1), total, out=np.zeros_like(total),
                      where=total > 0)
    return {o: float(s) for o, s in zip(problem.option_ids, share, strict=True)}


def unflagged_numbers(problem: Problem) -> list[tuple[str, str]]:
    """(option, criterion) for scores in a unit (a quantity criterion) that are not flagged as an
    assumption and cite no quote containing a number: a number no source states."""
    found = []
    for crit in problem.criteria:
        if crit.scale.kind != "quantity":
            continue
        for option in problem.options:
            score = option.scores[crit.id]
            quoted = any(item.quote and _DIGIT.search(item.quote) for item in score.evidence)
            if not score.assumption and not quoted:
                found.append((option.id, crit.id))
    return found


def audit(problem: Problem, case: Case | None = None, methods: tuple[str, ...] | None = None,
          seed: int = 0) -> Audit:
    """Every finding of the module doc for this problem (and the case's scenarios)."""
    chosen = tuple(REGISTRY) if methods is None else methods
    return Audit(
        dominated=tuple((o, by) for o, bys in dominated(problem).items() for by in bys),
        never_first={m: never_first(problem, m, seed) for m in chosen},
        shared_evidence=tuple(shared_evidence(problem)),
        correlated_criteria=tuple(correlated_criteria(problem)),
        assumption_share=assumption_share(problem),
        unflagged_numbers=tuple(unflagged_numbers(problem)),
        scenarios={s.id: s.origin.kind for s in case.scenarios} if case else {},
    )
