"""How robust the first place is, in one sentence: a quick SMAA around the current weights.

A ranking to three decimals reads as certain; the data rarely are. ``first_place`` draws weights
around the current ones (Dirichlet with concentration ``QUICK_CONCENTRATION``, so most draws move
each weight by a few points) and, where scores have ranges, the scores within their ranges, and
counts how often each option comes first under one method. Shares are reported to the nearest
5 percent, as far as ``QUICK_SAMPLES`` draws and the evidence carry.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mcda.methods import REGISTRY
from mcda.model import Problem
from mcda.smaa import smaa

QUICK_SAMPLES = 2_000
QUICK_CONCENTRATION = 100.0
ROBUST = 0.9
CONTESTED = 0.6


@dataclass(frozen=True)
class FirstPlace:
    """How often each option comes first near the current weights (shares of the draws)."""

    method: str
    samples: int
    ranged: bool
    option_ids: tuple[str, ...]
    first_share: tuple[float, ...]

    @property
    def order(self) -> list[int]:
        """Option indices, most often first first."""
        return sorted(range(len(self.option_ids)), key=lambda i: -self.first_share[i])

    def sentence(self, problem: Problem, lang: str = "en") -> str:
        """'First place is robust: ...' in ``lang``; shares to the nearest 5 percent."""
        nl = lang == "nl"
        names = {o.id: o.name.get(lang) for o in problem.options}
        lead, *rest = self.order
        share = self.first_share[lead]
        verdict = (("robuust" if nl else "robust") if share >= ROBUST else
                   ("redelijk robuust" if nl else "fairly robust") if share >= CONTESTED else
                   ("omstreden" if nl else "contested"))
        where = (("rond de huidige gewichten en binnen de bandbreedtes van de scores" if nl else
                  "around the current weights and within the score ranges") if self.ranged else
                 ("rond de huidige gewichten" if nl else "around the current weights"))
        count = f"{self.samples:,}".replace(",", "." if nl else ",")
        method = REGISTRY[self.method].label
        text = (f"De eerste plaats is {verdict}: {where} is {names[self.option_ids[lead]]} eerste "
                f"in {_pct(share)} van {count} trekkingen onder {method}" if nl else
                f"First place is {verdict}: {where}, {names[self.option_ids[lead]]} comes first in "
                f"{_pct(share)} of {count} draws under {method}")
        runner = rest[0] if rest else None
        if runner is not None and self.first_share[runner] >= 0.025:
            other = names[self.option_ids[runner]]
            text += f"; {other} in {_pct(self.first_share[runner])}"
        return text + "."


def _pct(share: float) -> str:
    """A share to the nearest 5 percent ('about 60%'), never 0% or 100% unless exact."""
    if share in (0.0, 1.0):
        return f"{round(100 * share)}%"
    rounded = int(5 * round(20 * share))
    return f"{min(max(rounded, 5), 95)}%"


def first_place(problem: Problem, method: str = "wsm", samples: int = QUICK_SAMPLES,
                seed: int = 0) -> FirstPlace:
    """How often each option comes first under ``method`` near the problem's weights, with the
    scores drawn within their ranges where any score has one."""
    ranged = bool(np.any(problem.high > problem.low))
    outcome = smaa(problem, [method], samples=samples, seed=seed, weights="around",
                   concentration=QUICK_CONCENTRATION, scores="ranges" if ranged else "fixed")
    result = outcome[method]
    return FirstPlace(method, samples, ranged, tuple(result.option_ids),
                      tuple(float(x) for x in result.rank_acceptability[:, 0]))
