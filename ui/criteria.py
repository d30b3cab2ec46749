"""Criteria and weights: the active criteria, five ways to weigh them, the weights always shown."""

from __future__ import annotations

import streamlit as st

from mcda import charts
from ui import elicitation, state
from ui.i18n import t
from ui.widgets import bind, copy_to, criterion_details, md, notices, plot

lang = state.lang()
case = state.case()
P = state.WIDGET_PREFIX

st.title(t("page_criteria"))
st.caption(t("criteria_intro"))
notices()

st.subheader(t("active_criteria"))
cols = st.columns(3)
for i, crit in enumerate(case.criteria):
    key = bind(f"{P}act_{crit.id}", crit.id in state.active())
    cols[i % 3].toggle(
        md(crit.name.get(lang)), key=key,
        disabled=not crit.optional,
        help=t("optional_help") if crit.optional else t("required_help"),
        on_change=copy_to(lambda v, c=crit.id: state.set_active(c, v), key))
st.caption(t("required_note"))

active = [c for c in case.criteria if c.id in state.active()]
if not active:
    st.error(t("no_active"))
    st.stop()

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader(t("weighting"))
    method_key = bind(f"{P}weight_method",
                      st.session_state.get(state.WEIGHT_METHOD, "direct"))
    chosen = st.radio(
        t("weighting_method"), list(elicitation.METHODS), key=method_key, horizontal=True,
        format_func=lambda m: t(f"wm_{m}"),
        on_change=copy_to(lambda v: st.session_state.__setitem__(state.WEIGHT_METHOD, v),
                          method_key))
    elicitation.METHODS[chosen](active, lang)
    notices("weights")

with right:
    st.subheader(t("current_weights"))
    try:
        prob = state.problem()
    except ValueError as exc:
        st.error(t("problem_invalid") + "  \n" + md(str(exc)))
    else:
        plot(charts.weights_bar(prob, lang, "", state.palette()))
        st.caption(t("weights_note", scenario=md(state.scenario_name())))

st.subheader(t("criteria_details"))
for crit in case.criteria:
    status = t("active") if crit.id in state.active() else t("inactive")
    with st.expander(f"{md(crit.name.get(lang))} — {status}"):
        criterion_details(crit, lang)
