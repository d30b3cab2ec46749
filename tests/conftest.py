"""Shared fixtures: small problems built in code, so engine tests do not depend on the case data."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pytest

from mcda.model import Criterion, Option, Problem, PrometheeSetting, Scale, Score, Text


def make_problem(
    matrix: Sequence[Sequence[float]] | np.ndarray,
    directions: str | Sequence[str] = "benefit",
    weights: Sequence[float] | None = None,
    *,
    options: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    bounds: Sequence[tuple[float | None, float | None]] | None = None,
    promethee: Mapping[str, PrometheeSetting] | None = None,
) -> Problem:
    """A Problem from a plain matrix (options x criteria).

    Defaults: options a1..an, criteria c1..cm, all benefit, equal weights, no declared scale
    bounds (so methods fall back on the observed min/max), usual PROMETHEE functions.
    ``directions`` is one direction for all criteria or one per criterion; ``bounds`` gives
    (min, max) per criterion, None for an open side; ``promethee`` maps criterion ids to settings.
    """
    values = np.asarray(matrix, dtype=float)
    n, m = values.shape
    option_ids = list(options) if options is not None else [f"a{i + 1}" for i in range(n)]
    criterion_ids = list(criteria) if criteria is not None else [f"c{j + 1}" for j in range(m)]
    dirs = [directions] * m if isinstance(directions, str) else list(directions)
    w = [1.0] * m if weights is None else [float(x) for x in weights]
    spans = [(None, None)] * m if bounds is None else list(bounds)
    settings = dict(promethee or {})
    crits = tuple(
        Criterion(
            id=cid,
            name=Text.same(cid),
            direction=dirs[j],
            scale=Scale(min=spans[j][0], max=spans[j][1]),
            promethee=settings.get(cid, PrometheeSetting()),
        )
        for j, cid in enumerate(criterion_ids)
    )
    opts = tuple(
        Option(
            id=oid,
            name=Text.same(oid),
            scores={cid: Score(value=float(values[i, j])) for j, cid in enumerate(criterion_ids)},
        )
        for i, oid in enumerate(option_ids)
    )
    return Problem(criteria=crits, options=opts, weights=dict(zip(criterion_ids, w, strict=True)))


@pytest.fixture
def small_problem() -> Callable[..., Problem]:
    """The ``make_problem`` factory: ``small_problem([[1, 2], [3, 4]], ["benefit", "cost"])``."""
    return make_problem
