"""Page reruns after a weight change, through Streamlit's AppTest (target: under 0.3 s).

Two figures: the Criteria page rerun after a slider moves (the slider's callback, the weights
chart), and the Results page rerun after a weight change (five methods, agreement, four charts;
the weight is set in the session model, as the slider's callback does). Every timed rerun uses a
new weight, so the engine's cache does not hide the computation. Median of several reruns after
a warm-up. ``run()`` returns rows {name, seconds, target_seconds}; nothing is printed on import.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TARGET_SECONDS = 0.3
WARMUP = 2
REPEATS = 7


def _median_rerun(step: Callable[[float], None], values: list[float]) -> float:
    """Median seconds of ``step(value)`` over the timed values (after the warm-up ones)."""
    times = []
    for i, value in enumerate(values):
        start = time.perf_counter()
        step(value)
        if i >= WARMUP:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> list[dict[str, Any]]:
    """Measure both reruns; returns one row per figure."""
    from streamlit.testing.v1 import AppTest

    # AppTest's bare-mode reruns warn "missing ScriptRunContext" each time: noise in the table
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    values = [float(v) for v in range(30, 30 + WARMUP + REPEATS)]

    at.switch_page("ui/criteria.py").run()

    def slider(value: float) -> None:
        at.slider(key="ui_w_authority").set_value(value).run()
        if at.exception:
            raise RuntimeError(at.exception[0].value)

    criteria = _median_rerun(slider, values)

    at.switch_page("ui/results.py").run()

    def weight(value: float) -> None:
        weights = dict(at.session_state["model_weights"])
        weights["cost"] = value
        at.session_state["model_weights"] = weights
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].value)

    results = _median_rerun(weight, values)
    return [
        {"name": "page rerun: Criteria after a slider change", "seconds": criteria,
         "target_seconds": TARGET_SECONDS},
        {"name": "page rerun: Results after a weight change", "seconds": results,
         "target_seconds": TARGET_SECONDS},
    ]
