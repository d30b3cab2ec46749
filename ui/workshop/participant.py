"""Participant view: weigh the criteria on a phone, submit, revise until the round closes.

Reached through the personal link ``?w=<workshop>&t=<token>`` (a refresh keeps the participant).
Shows the criteria with their explanations, one input per criterion by the chosen weighting
(sliders, 100 points, swing or ranking), an optional comment per criterion, and after submitting
the participant's own ranking beside the group's (when the facilitator shows it). From round 2 on
the previous round's spread is shown first and the participant's earlier answers pre-fill the
inputs (Delphi); with fewer than five submissions in that round only the group's median is shown,
not the individual weights. Criterion names and the title are data and user text: they are
escaped wherever Streamlit renders Markdown, widget labels included.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from mcda.methods import DEFAULT_METHODS, get_method, rank
from mcda.model import Problem
from mcda.workshop import charts
from mcda.workshop.aggregation import MIN_INDIVIDUAL, weight_matrix
from mcda.workshop.store import (
    METHODS,
    POINTS_BUDGET,
    ParticipantView,
    StoreError,
    SubmissionRecord,
    WorkshopError,
    weights_from,
)
from ui.workshop.common import (
    REFRESH_SECONDS,
    from_link,
    lang,
    link,
    md,
    show_error,
    store,
)
from ui.workshop.common import tr as _

PREFIX = "wsp_"
REFRESH_PARTICIPANT = max(REFRESH_SECONDS, 5)


def initial_inputs(method: str, criteria: tuple[str, ...],
                   weights: dict[str, float] | None) -> dict[str, float]:
    """Starting inputs for a weighting method from weights (equal weights when None)."""
    w = np.array([1.0 if weights is None else float(weights[c]) for c in criteria])
    w = w / w.sum()
    if method == "ranking":
        ranks = 1 + (w[None, :] > w[:, None] + 1e-12).sum(axis=1)
        return {c: float(r) for c, r in zip(criteria, ranks, strict=True)}
    if method == "points":
        raw = w * POINTS_BUDGET
        base = np.floor(raw)
        short = round(float(POINTS_BUDGET - base.sum()))
        base[np.argsort(-(raw - base), kind="stable")[:short]] += 1
        return {c: float(v) for c, v in zip(criteria, base, strict=True)}
    scaled = np.rint(w / w.max() * 100.0) if method == "swing" else np.rint(w / w.max() * 50.0)
    return {c: float(v) for c, v in zip(criteria, scaled, strict=True)}


def _latest(view: ParticipantView) -> SubmissionRecord | None:
    rounds = sorted(view.own)
    return view.own[rounds[-1]] if rounds else None


def _prefill(view: ParticipantView, method: str) -> tuple[dict[str, float], dict[str, str]]:
    """The inputs and comments to start from: this round's, else the latest earlier answer."""
    criteria = view.workshop.problem.criterion_ids
    latest = _latest(view)
    if latest is None:
        return initial_inputs(method, criteria, None), {}
    if latest.method == method:
        return dict(latest.inputs), dict(latest.comments)
    return initial_inputs(method, criteria, latest.weights), dict(latest.comments)


def _key(view: ParticipantView, *parts: str) -> str:
    return PREFIX + "_".join([str(view.workshop.current_round), *parts])


def _method_name(method: str) -> str:
    return _(f"p_method_{method}")


def _inputs(view: ParticipantView, method: str) -> tuple[dict[str, float], dict[str, str]]:
    """One input (and an optional comment) per criterion; returns the current values."""
    problem = view.workshop.problem
    start, notes = _prefill(view, method)
    m = len(problem.criteria)
    values: dict[str, float] = {}
    comments: dict[str, str] = {}
    st.caption(_(f"p_help_{method}", n=m))
    for crit in problem.criteria:
        key = _key(view, method, crit.id)
        if key not in st.session_state:
            st.session_state[key] = round(start[crit.id])
        with st.container(border=True):
            st.markdown(f"**{md(crit.name.get(lang()))}**")
            if crit.description is not None:
                st.caption(md(crit.description.get(lang())))
            direction = _("p_benefit") if crit.direction == "benefit" else _("p_cost")
            st.caption(direction)
            label = _(f"p_input_{method}", name=md(crit.name.get(lang())))
            if method == "ranking":
                values[crit.id] = float(st.selectbox(label, list(range(1, m + 1)), key=key))
            elif method == "points":
                values[crit.id] = float(st.number_input(label, 0, int(POINTS_BUDGET), step=1,
                                                        key=key))
            else:
                values[crit.id] = float(st.slider(label, 0, 100, step=1, key=key))
            note_key = _key(view, "note", crit.id)
            if note_key not in st.session_state:
                st.session_state[note_key] = notes.get(crit.id, "")
            with st.expander(_("p_comment")):
                comments[crit.id] = st.text_area(_("p_comment_label",
                                                   name=md(crit.name.get(lang()))),
                                                 key=note_key, max_chars=1000)
    return values, comments


def _preview(problem: Problem, method: str, values: dict[str, float]) -> None:
    """The weights these inputs give, or what is wrong with them."""
    if method == "points":
        left = POINTS_BUDGET - sum(values.values())
        st.metric(_("p_points_left"), f"{left:g}")
    try:
        _inputs_checked, weights = weights_from(method, values, problem.criterion_ids)
    except WorkshopError as exc:
        show_error(exc)
        return
    names = {c.id: c.name.get(lang()) for c in problem.criteria}
    st.caption(_("p_weights_now") + " " + " · ".join(
        f"{md(names[c])} {weights[c]:.0%}" for c in problem.criterion_ids))


def _ranking_lists(view: ParticipantView, own: SubmissionRecord) -> None:
    """The participant's own ranking beside the group's, as short numbered lists."""
    problem = view.workshop.problem
    method = st.selectbox(_("p_rank_method"), DEFAULT_METHODS, key=PREFIX + "rank_method",
                          format_func=lambda m: get_method(m).label)
    names = {o.id: o.name.get(lang()) for o in problem.options}
    mine = rank(problem.with_weights(own.weights), method)
    group = view.group.get(view.workshop.current_round)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{_('p_your_ranking')}**")
        st.markdown("  \n".join(f"{mine.rank_of(o)}\\. {md(names[o])}" for o in mine.order))
    with right:
        if group and view.workshop.show_group:
            mean = np.array([group.mean[c] for c in problem.criterion_ids])
            result = rank(problem.with_weight_vector(mean), method)
            st.markdown(f"**{_('p_group_ranking', k=group.count)}**")
            st.markdown("  \n".join(f"{result.rank_of(o)}\\. {md(names[o])}"
                                  for o in result.order))
            if set(result.first) != set(mine.first):
                st.caption(_("p_differs"))
        else:
            st.caption(_("p_group_hidden"))


def _previous_round(view: ParticipantView) -> None:
    """Delphi feedback: the spread of the previous round, with the participant's own answer."""
    problem = view.workshop.problem
    previous = view.workshop.current_round - 1
    group = view.group.get(previous)
    if not group:
        return
    ids = problem.criterion_ids
    W = weight_matrix(list(group.points), ids) if group.points else None
    how, centre = ("median", group.median) if group.median is not None else ("mean", group.mean)
    own = view.own.get(previous)
    own_w = None if own is None else np.array([own.weights[c] for c in ids])
    st.subheader(_("p_previous", r=previous))
    if W is None:
        st.caption(_("p_previous_few", k=group.count, n=MIN_INDIVIDUAL))
    else:
        st.caption(_("p_previous_help", k=group.count))
    fig = charts.weights_spread(problem, W, np.array([centre[c] for c in ids]), how, lang(),
                                own=own_w)
    st.plotly_chart(fig, width="stretch", key=PREFIX + "previous_chart", theme=None,
                    config={"displayModeBar": False})


@st.fragment(run_every=REFRESH_PARTICIPANT)
def _watch(workshop_id: str, token: str, state: tuple[int, bool, bool]) -> None:
    """Rerun the page when the facilitator closes or opens a round or changes what is shown,
    and when the link stops working (replaced, removed, workshop ended) so the page says so."""
    try:
        status = store().participant_status(workshop_id, token)
    except StoreError:
        return  # the database is away for a moment: keep the page, poll again
    except WorkshopError:
        st.rerun()
    if (status.current_round, status.round_open, status.show_group) != state:
        st.rerun()
    st.caption(_("p_progress", n=status.submitted, k=status.participants))


def main() -> None:
    st.set_page_config(layout="centered")
    opened = from_link("p", "join", lambda w, t: store().participant_view(w, t))
    if opened is None:
        return
    view, workshop_id, token = opened
    ws = view.workshop
    problem = ws.problem
    st.title(md(ws.title))
    st.markdown(_("p_hello", name=md(view.me.display_name)))
    with st.expander(_("p_your_link")):
        st.caption(_("p_your_link_help"))
        st.code(link("participant", w=workshop_id, t=token), language=None)
    state = (ws.current_round, ws.round_open, ws.show_group)
    flash = st.session_state.pop(PREFIX + "flash", None)
    if flash:
        st.success(flash)
    if ws.current_round > 1:
        _previous_round(view)
    current = view.own.get(ws.current_round)
    if ws.round_open:
        st.subheader(_("p_round_open", r=ws.current_round))
        if current is not None:
            st.info(_("p_submitted_at", time=current.updated_at.strftime("%H:%M")))
        method_key = _key(view, "method")
        if method_key not in st.session_state:
            latest = _latest(view)
            st.session_state[method_key] = latest.method if latest else "sliders"
        method = st.radio(_("p_method"), METHODS, key=method_key, horizontal=True,
                          format_func=_method_name)
        values, comments = _inputs(view, method)
        _preview(problem, method, values)
        label = _("p_resubmit") if current is not None else _("p_submit")
        if st.button(label, type="primary", width="stretch", key=PREFIX + "submit"):
            try:
                store().submit(workshop_id, token, method, values, comments)
            except WorkshopError as exc:
                show_error(exc)
            else:
                st.session_state[PREFIX + "flash"] = _("p_thanks", r=ws.current_round)
                st.rerun()
    else:
        st.subheader(_("p_round_closed", r=ws.current_round))
        st.info(_("p_wait"))
    if current is not None:
        st.subheader(_("p_results"))
        _ranking_lists(view, current)
    _watch(workshop_id, token, state)


main()
