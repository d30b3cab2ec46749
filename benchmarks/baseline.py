"""The baseline: pymcdm called once per sample in a Python loop, configured like the engine.

pymcdm is only the yardstick here; the engine never calls it. The configuration follows the
engine's definitions as far as pymcdm allows: WSM with min-max normalisation (the engine uses
declared scale bounds, the same amount of work), TOPSIS with vector normalisation, VIKOR with
v = 0.5, PROMETHEE II with the usual preference function for every criterion (pymcdm takes one
function for all criteria), SPOTIS on the declared bounds.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable

import numpy as np

from mcda.model import Problem


def pymcdm_method(name: str, problem: Problem) -> Callable[[], object]:
    """A factory of a pymcdm method object equivalent to the engine's ``name``."""
    from pymcdm import methods, normalizations

    if name == "wsm":
        return lambda: methods.WSM(normalizations.minmax_normalization)
    if name == "topsis":
        return lambda: methods.TOPSIS(normalizations.vector_normalization)
    if name == "vikor":
        return lambda: methods.VIKOR(v=0.5)
    if name == "promethee_ii":
        return lambda: methods.PROMETHEE_II("usual")
    if name == "spotis":
        lo, hi = problem.bounds()
        return lambda: methods.SPOTIS(np.column_stack([lo, hi]))
    raise ValueError(f"no pymcdm baseline for '{name}'")


def loop_seconds(problem: Problem, methods: tuple[str, ...], W: np.ndarray,
                 X: np.ndarray | None = None) -> float:
    """Seconds for a pymcdm loop over the rows of W (and matrices X), counting ranks as SMAA does.

    A new method object is made per call: pymcdm's PROMETHEE II with thresholds cannot be called
    twice on one instance, and a fair baseline pays that price for every method alike.
    """
    import pymcdm  # noqa: F401  (imported before the clock starts: the import takes ~1.4 s)

    n = len(problem.option_ids)
    types = problem.types.astype(float)
    matrices = np.broadcast_to(problem.matrix if X is None else X, (len(W), *problem.matrix.shape))
    factories = [pymcdm_method(name, problem) for name in methods]
    counts = np.zeros((len(methods), n, n))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for w, x in zip(W, matrices, strict=True):
            for k, factory in enumerate(factories):
                method = factory()
                ranks = method.rank(method(x, w, types)).astype(int)
                counts[k, np.arange(n), ranks - 1] += 1
        return time.perf_counter() - start
