"""Weight elicitation inputs for the Criteria page: sliders, points, swing, ranking and AHP.

Each input starts from the current weights (or, for AHP, from the judgements kept in the model),
and each method's Apply button replaces the weights through ``state.apply_weights`` so that every
page sees them. Weights computed by a method are kept to 0.1 point on a 0-100 scale.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from mcda import weighting
from mcda.methods import competition_ranks
from mcda.model import Criterion
from ui import state
from ui.i18n import t
from ui.widgets import bind, copy_to, md

AHP_SCALE = (9.0, 7.0, 5.0, 3.0, 1.0, 1 / 3, 1 / 5, 1 / 7, 1 / 9)
P = state.WIDGET_PREFIX


def _apply(compute: Callable[[], dict[str, float]]) -> None:
    def run() -> None:
        new = compute()
        state.apply_weights({c: round(100 * w, 1) for c, w in new.items()})
    state.guarded(run, t("weights_applied"), "weights")


def _normalised() -> dict[str, float]:
    raw = state.active_weights()
    total = sum(raw.values()) or 1.0
    return {c: w / total for c, w in raw.items()}


def _inputs(crits: list[Criterion], prefix: str, initial: dict[str, float], lang: str,
            max_value: float) -> dict[str, str]:
    """Number inputs per criterion; returns their widget keys by criterion id."""
    cols = st.columns(2)
    keys = {}
    for i, crit in enumerate(crits):
        keys[crit.id] = bind(f"{P}{prefix}_{crit.id}", float(initial[crit.id]))
        cols[i % 2].number_input(md(crit.name.get(lang)), 0.0, max_value, step=1.0,
                                 key=keys[crit.id], format="%.0f")
    return keys


def _read(keys: dict[str, str]) -> dict[str, float]:
    """The inputs' values at the time of the click (callbacks run before the page)."""
    return {c: float(st.session_state[k]) for c, k in keys.items()}


def direct(crits: list[Criterion], lang: str) -> None:
    """One slider per active criterion, 0-100 points; the weights are the points' shares."""
    st.caption(t("direct_help"))
    top = max(100.0, *(state.weights()[c.id] for c in crits))
    for crit in crits:
        key = bind(f"{P}w_{crit.id}", round(float(state.weights()[crit.id]), 1))
        st.slider(md(crit.name.get(lang)), 0.0, float(top), step=1.0, key=key, format="%.1f",
                  on_change=copy_to(lambda v, c=crit.id: state.set_weight(c, v), key))


def points(crits: list[Criterion], lang: str) -> None:
    """Share a budget of 100 points over the criteria."""
    st.caption(t("points_help"))
    w = _normalised()
    keys = _inputs(crits, "pts", {c: round(100 * w[c]) for c in w}, lang, 100.0)
    total = sum(_read(keys).values())
    st.metric(t("points_total"), f"{total:g} / 100")
    st.button(t("apply"), key=f"{P}apply_points",
              on_click=lambda: _apply(lambda: weighting.points(_read(keys), budget=100)))


def swing(crits: list[Criterion], lang: str) -> None:
    """Swing weighting: the most valued worst-to-best swing gets 100, the others relative to it."""
    st.caption(t("swing_help"))
    w = _normalised()
    top = max(w.values()) or 1.0
    keys = _inputs(crits, "swing", {c: round(100 * w[c] / top) for c in w}, lang, 100.0)
    st.button(t("apply"), key=f"{P}apply_swing",
              on_click=lambda: _apply(lambda: weighting.swing(_read(keys))))


def ranking(crits: list[Criterion], lang: str) -> None:
    """Rank the criteria (1 = most important, ties allowed): rank-order centroid or rank sum."""
    st.caption(t("ranking_help"))
    w = _normalised()
    ids = [c.id for c in crits]
    start = competition_ranks(np.array([w[c] for c in ids]), "higher")
    keys = _inputs(crits, "rank", dict(zip(ids, start.astype(float), strict=True)), lang,
                   float(len(ids)))
    rule = st.radio(t("rank_rule"), ["roc", "rank_sum"], horizontal=True, key=f"{P}rank_rule",
                    format_func=t)
    compute = weighting.rank_order_centroid if rule == "roc" else weighting.rank_sum

    def ranks() -> dict[str, int]:
        return {c: round(v) for c, v in _read(keys).items()}

    st.button(t("apply"), key=f"{P}apply_rank",
              on_click=lambda: _apply(lambda: compute(ranks())))


def _ahp_label(v: float) -> str:
    if v > 1:
        return f"{v:.0f} : 1"
    return "1 : 1" if v == 1 else f"1 : {1 / v:.0f}"


def ahp(crits: list[Criterion], lang: str) -> None:
    """AHP pairwise comparisons on Saaty's 1-9 scale, with the consistency ratio."""
    st.caption(t("ahp_help"))
    judgements = st.session_state.setdefault(state.AHP, {})
    ids = [c.id for c in crits]
    names = {c.id: c.name.get(lang) for c in crits}
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    cols = st.columns(2)
    for k, (a, b) in enumerate(pairs):
        pair = f"{a}|{b}"
        key = bind(f"{P}ahp_{a}__{b}", judgements.get(pair, 1.0))
        cols[k % 2].select_slider(
            t("ahp_pair", a=md(names[a]), b=md(names[b])), options=list(AHP_SCALE), key=key,
            format_func=_ahp_label,
            on_change=copy_to(lambda v, p=pair: judgements.__setitem__(p, v), key))
    given = {(a, b): judgements.get(f"{a}|{b}", 1.0) for a, b in pairs}
    try:
        result = weighting.ahp_from_judgements(ids, given)
    except weighting.WeightingError as exc:
        st.error(md(str(exc)))
        return
    c1, c2, c3 = st.columns(3)
    c1.metric("λ max", f"{result.lambda_max:.3f}")
    c2.metric(t("ahp_ci"), f"{result.ci:.3f}")
    c3.metric(t("ahp_cr"), f"{result.cr:.3f}")
    if result.is_consistent:
        st.success(t("ahp_consistent", cr=f"{result.cr:.2f}"))
    else:
        st.warning(t("ahp_inconsistent", cr=f"{result.cr:.2f}"))
    if result.most_inconsistent is not None and result.suggested_value is not None:
        a, b = result.most_inconsistent
        st.info(t("ahp_most_inconsistent", a=md(names[a]), b=md(names[b]),
                  value=_ahp_label(given.get((a, b), 1.0)),
                  suggested=f"{result.suggested_value:.2f}"))
    st.caption(t("ahp_ri_note"))
    st.button(t("apply"), key=f"{P}apply_ahp", on_click=lambda: _apply(
        lambda: weighting.ahp_from_judgements(
            ids, {(a, b): judgements.get(f"{a}|{b}", 1.0) for a, b in pairs}).weights))


METHODS: dict[str, Callable[[list[Criterion], str], None]] = {
    "direct": direct, "points": points, "swing": swing, "ranking": ranking, "ahp": ahp,
}
