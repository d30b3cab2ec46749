"""Facilitator dashboard: live progress, group result, agreement, disagreements, rounds, export.

Reached through the secret facilitator link ``?w=<workshop>&t=<token>``. The live part refreshes
every few seconds (``st.fragment(run_every=...)``) and reads the store afresh each time, so every
app replica shows the same state. Projector mode hides the controls and enlarges the key charts;
as the room sees it, it shows no individual weights (and no split of first choices) while fewer
than five have submitted. The controls also replace a participant's link, remove a participant
and archive the workshop (after which the dashboard only reads and exports).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from mcda import charts as house
from mcda.methods import DEFAULT_METHODS, get_method
from mcda.workshop import charts, export
from mcda.workshop.aggregation import (
    AGGREGATIONS,
    MIN_INDIVIDUAL,
    AggregationError,
    GroupAnalysis,
    round_shift,
)
from mcda.workshop.store import Dashboard, WorkshopError
from mcda.workshop.wording import describe_agreement, describe_impact, describe_split
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

PREFIX = "wsf_"
PROJECTOR = PREFIX + "projector"
AGGREGATION = PREFIX + "aggregation"
METHOD = PREFIX + "method"
ROUND = PREFIX + "round"
NEW_LINK = PREFIX + "new_link"


def _label(method: str) -> str:
    return get_method(method).label


def _plot(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, width="stretch", key=key, theme=None,
                    config={"displaylogo": False})


def _remember(model_key: str) -> Callable[[], None]:
    """A callback that copies a widget's value to its model key (kept while it is hidden)."""
    def copy() -> None:
        st.session_state[model_key] = st.session_state[model_key + "_w"]
    return copy


def _horizontal_radio(*args: Any, **kwargs: Any) -> Any:
    return st.radio(*args, horizontal=True, **kwargs)


def _choice(widget: Callable[..., Any], label: str, options: Sequence[Any], model_key: str,
            format_func: Callable[[Any], str]) -> None:
    """A selection widget whose value lives under ``model_key``, so projector mode keeps it."""
    wkey = model_key + "_w"
    if st.session_state.get(model_key) not in options:
        st.session_state[model_key] = options[-1] if model_key == ROUND else options[0]
    st.session_state[wkey] = st.session_state[model_key]
    widget(label, options, key=wkey, format_func=format_func, on_change=_remember(model_key))


def _controls(dash: Dashboard, workshop_id: str, token: str) -> None:
    """Round actions and settings (hidden in projector mode); only the views of the results
    once the workshop is archived."""
    ws = dash.workshop
    if ws.archived:
        st.info(_("f_archived"))
        _views()
        with st.expander(_("f_links")):
            st.caption(_("f_own_link"))
            st.code(link("facilitator", w=workshop_id, t=token), language=None)
        return
    s = store()
    cols = st.columns(3)
    try:
        if ws.round_open:
            if cols[0].button(_("f_close", r=ws.current_round), type="primary",
                              key=PREFIX + "close"):
                s.close_round(workshop_id, token)
                st.rerun()
        else:
            if cols[0].button(_("f_next", r=ws.current_round + 1), type="primary",
                              key=PREFIX + "next"):
                s.open_next_round(workshop_id, token)
                st.session_state[ROUND] = ws.current_round + 1
                st.rerun()
            if cols[1].button(_("f_reopen", r=ws.current_round), key=PREFIX + "reopen"):
                s.reopen_round(workshop_id, token)
                st.rerun()
        show = cols[2].toggle(_("f_show_group"), value=ws.show_group, key=PREFIX + "show")
        anonymous = cols[2].toggle(_("f_anonymous"), value=ws.anonymous, key=PREFIX + "anon")
        if (show, anonymous) != (ws.show_group, ws.anonymous):
            s.set_settings(workshop_id, token, show_group=show, anonymous=anonymous)
            st.rerun()
    except WorkshopError as exc:
        show_error(exc)
    _views()
    with st.expander(_("f_links")):
        st.caption(_("f_join_link"))
        st.code(link("join", code=ws.join_code), language=None)
        st.caption(_("f_own_link"))
        st.code(link("facilitator", w=workshop_id, t=token), language=None)
    _manage(dash, workshop_id, token)
    with st.expander(_("f_archive")):
        st.caption(_("f_archive_help"))
        if st.button(_("f_archive_button"), key=PREFIX + "archive"):
            try:
                store().archive_workshop(workshop_id, token)
            except WorkshopError as exc:
                show_error(exc)
            else:
                st.rerun()


def _views() -> None:
    """How the results are computed: the aggregation and the method."""
    left, right = st.columns(2)
    with left:
        _choice(st.selectbox, _("f_aggregation"), AGGREGATIONS, AGGREGATION,
                lambda a: _(f"agg_{a}"))
    with right:
        _choice(st.selectbox, _("f_method"), DEFAULT_METHODS, METHOD, _label)


def _manage(dash: Dashboard, workshop_id: str, token: str) -> None:
    """Replace a participant's link (a new one to hand over) or remove a participant."""
    with st.expander(_("f_manage")):
        new = st.session_state.get(NEW_LINK)
        if new and new["w"] == workshop_id:
            st.success(_("f_new_link", name=md(new["name"])))
            st.code(new["url"], language=None)
        people = [p.id for p in dash.active]
        if not people:
            st.caption(_("f_manage_none"))
            return
        who = st.selectbox(_("f_manage_who"), people, key=PREFIX + "who",
                           format_func=dash.name)
        keep = st.checkbox(_("f_keep"), key=PREFIX + "keep", help=_("f_keep_help"))
        left, right = st.columns(2)
        try:
            if left.button(_("f_revoke"), key=PREFIX + "revoke"):
                joined = store().revoke_link(workshop_id, token, who)
                st.session_state[NEW_LINK] = {
                    "w": workshop_id, "name": dash.name(who),
                    "url": link("participant", w=workshop_id, t=joined.token)}
                st.rerun()
            if right.button(_("f_remove"), key=PREFIX + "remove"):
                store().remove_participant(workshop_id, token, who, keep_submissions=keep)
                st.session_state.pop(NEW_LINK, None)
                st.rerun()
        except WorkshopError as exc:
            show_error(exc)


def _progress(dash: Dashboard, number: int) -> None:
    """Who has submitted in this round (names, or pseudonyms when anonymous); a removed
    participant only if their submission was kept, and marked."""
    done = {s.participant_id: s for s in dash.round(number)}
    members = dash.members(number)
    st.metric(_("f_submitted", r=number), f"{len(done)} / {len(members)}")
    if members:
        table = pd.DataFrame({
            _("f_participant"): [dash.name(p.id) + (_("f_removed") if p.removed else "")
                                 for p in members],
            _("f_status"): [("✓ " + done[p.id].updated_at.strftime("%H:%M")) if p.id in done
                            else "…" for p in members],
        })
        st.dataframe(table, hide_index=True, width="stretch")


def _group(dash: Dashboard, analysis: GroupAnalysis, number: int, method: str) -> None:
    problem = dash.workshop.problem
    L = lang()
    st.markdown(f"**{_('f_split')}**")
    st.write(md(describe_split(analysis.splits[method], problem, _label(method), L)))
    _plot(house.method_ranks(analysis.results, analysis.group_problem, L), f"ranks{number}")
    _plot(charts.weights_spread(problem, analysis.weights, analysis.group_problem.w,
                                analysis.aggregation, L), f"spread{number}")
    _plot(charts.group_weights_chart(problem, analysis.group, L), f"group{number}")
    if analysis.group["geometric_mean"] is None:
        st.caption(_("f_geomean_undefined"))
    st.markdown(f"**{_('f_agreement')}**")
    st.write(md(_("f_on_criteria") + " " + describe_agreement(analysis.weight_agreement, L)))
    for name, conc in analysis.option_agreement.items():
        st.write(md(_("f_on_options", method=_label(name)) + " " + describe_agreement(conc, L)))
    st.caption(_("f_agreement_help"))


def _participants(dash: Dashboard, analysis: GroupAnalysis, number: int) -> None:
    problem = dash.workshop.problem
    rows = dash.round(number)
    names = [dash.name(s.participant_id) for s in rows]
    _plot(charts.participants_heatmap(problem, analysis.weights, names, lang()), f"heat{number}")
    options = {o.id: o.name.get(lang()) for o in problem.options}
    table = pd.DataFrame({_("f_participant"): names})
    for method in analysis.ranks:
        table[_label(method)] = [" / ".join(options[o] for o in first)
                                 for first in analysis.first_choices(method)]
    st.markdown(f"**{_('f_first_choices')}**")
    st.dataframe(table, hide_index=True, width="stretch")


def _robustness(dash: Dashboard, analysis: GroupAnalysis, number: int, method: str) -> None:
    problem = dash.workshop.problem
    L = lang()
    _plot(charts.first_choice_chart(problem, analysis.splits[method], _label(method), L),
          f"first{number}")
    st.markdown(f"**{_('f_impact')}**")
    for item in analysis.impact[method]:
        text = md(describe_impact(item, problem, L))
        st.markdown(f"- {'**' + text + '**' if item.changes else text}")
    _plot(charts.acceptability_chart(problem, analysis.acceptability[method], _label(method),
                                     len(analysis.weights), L), f"acc{number}")
    st.caption(_("f_acceptability_help"))


def _rounds(dash: Dashboard, number: int) -> None:
    if number < 2:
        st.info(_("f_rounds_none"))
        return
    problem = dash.workshop.problem
    before, after = dash.round(number - 1), dash.round(number)
    if not before or not after:
        st.info(_("f_rounds_empty"))
        return
    first = export.round_analysis(dash, number - 1)
    second = export.round_analysis(dash, number)
    shift = round_shift(first.weights, second.weights, [s.participant_id for s in before],
                        [s.participant_id for s in after])
    _plot(charts.round_shift_chart(problem, shift, number - 1, number, lang()), f"shift{number}")
    names = [c.name.get(lang()) for c in problem.criteria]
    table = pd.DataFrame({
        _("f_criterion"): names,
        _("f_median_r", r=number - 1): np.round(shift.before.median, 3),
        _("f_median_r", r=number): np.round(shift.after.median, 3),
        _("f_iqr_r", r=number - 1): np.round(shift.before.iqr, 3),
        _("f_iqr_r", r=number): np.round(shift.after.iqr, 3),
    })
    if shift.mean_change is not None:
        table[_("f_moved")] = np.round(shift.mean_change, 3)
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(_("f_rounds_help", k=shift.paired))


def _comments(dash: Dashboard, number: int) -> None:
    problem = dash.workshop.problem
    shown = False
    for crit in problem.criteria:
        notes = [(dash.name(s.participant_id), s.comments[crit.id])
                 for s in dash.round(number) if crit.id in s.comments]
        if notes:
            shown = True
            st.markdown(f"**{md(crit.name.get(lang()))}**")
            for who, note in notes:
                st.text(f"{who}: {note}")
    if not shown:
        st.caption(_("f_no_comments"))


def _export(dash: Dashboard, workshop_id: str, token: str) -> None:
    """Downloads; the files are made when clicked, from a fresh read of the store."""
    L = lang()
    aggregation = st.session_state.get(AGGREGATION, "mean")

    def fresh() -> Dashboard:
        return store().dashboard(workshop_id, token)

    st.caption(_("f_export_help"))
    cols = st.columns(4)
    cols[0].download_button(_("f_csv"), data=lambda: export.results_csv(fresh(), L),
                            file_name=export.report_name(dash, "csv"), mime="text/csv",
                            key=PREFIX + "csv", on_click="ignore")
    cols[1].download_button(
        _("f_xlsx"), data=lambda: export.results_xlsx(fresh(), L, aggregation),
        file_name=export.report_name(dash, "xlsx"), key=PREFIX + "xlsx", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    cols[2].download_button(_("f_html"),
                            data=lambda: export.report_html(fresh(), L, aggregation),
                            file_name=export.report_name(dash, "html"), mime="text/html",
                            key=PREFIX + "html", on_click="ignore")
    cols[3].download_button(_("f_pdf"),
                            data=lambda: export.report_pdf(fresh(), L, aggregation),
                            file_name=export.report_name(dash, "pdf"), mime="application/pdf",
                            key=PREFIX + "pdf", on_click="ignore", help=_("f_pdf_help"))


def _projector(dash: Dashboard, analysis: GroupAnalysis | None, number: int,
               method: str) -> None:
    """Large and clean: join code, progress, the winner sentence and two key charts."""
    ws = dash.workshop
    L = lang()
    submitted = len(dash.round(number))
    if not ws.archived:
        st.markdown(f"# {_('f_code')}: `{ws.join_code}`")
    st.markdown(f"### {_('f_submitted', r=number)}: {submitted} / {len(dash.members(number))}")
    if analysis is None:
        return
    few = submitted < MIN_INDIVIDUAL
    result = analysis.results[method]
    names = {o.id: o.name.get(L) for o in ws.problem.options}
    left, right = st.columns(2)
    with left:
        st.markdown(f"## {_('f_group_ranking', method=_label(method))}")
        st.markdown("  \n".join(f"### {result.rank_of(o)}\\. {md(names[o])}"
                                for o in result.order[:5]))
    with right:
        if few:  # who put what first, in a room of three, says what each of the others did
            st.markdown(f"### {_('f_few', n=MIN_INDIVIDUAL)}")
        else:
            sentence = describe_split(analysis.splits[method], ws.problem, _label(method), L)
            st.markdown(f"### {md(sentence)}")
    # one chart per row: the big fonts need the full width (side by side, titles and axis
    # labels ran off the charts at 1280 px)
    if not few:
        _plot(charts.first_choice_chart(ws.problem, analysis.splits[method], _label(method), L,
                                        big=True), f"pfirst{number}")
    _plot(charts.weights_spread(ws.problem, None if few else analysis.weights,
                                analysis.group_problem.w, analysis.aggregation, L, big=True),
          f"pspread{number}")


def _live(workshop_id: str, token: str) -> None:
    """The refreshing part of the dashboard: reads the store and draws everything."""
    try:
        dash = store().dashboard(workshop_id, token)
    except WorkshopError as exc:
        show_error(exc)
        return
    ws = dash.workshop
    rounds = list(range(1, ws.current_round + 1))
    number = st.session_state.get(ROUND, ws.current_round)
    if number not in rounds:
        number = ws.current_round
    method = st.session_state.get(METHOD, DEFAULT_METHODS[0])
    aggregation = st.session_state.get(AGGREGATION, "mean")
    analysis = None
    error = None
    if dash.round(number):
        try:
            analysis = export.round_analysis(dash, number, aggregation)
        except AggregationError as exc:
            error = str(exc)
    if st.session_state.get(PROJECTOR):
        _projector(dash, analysis, number, method)
        return
    if len(rounds) > 1:
        _choice(_horizontal_radio, _("f_round"), rounds, ROUND, lambda r: _("f_round_n", r=r))
    state = _("f_open") if ws.round_open else _("f_closed")
    st.caption(_("f_round_state", r=ws.current_round, state=state))
    _progress(dash, number)
    if error:
        st.warning(_("f_aggregation_error", detail=md(error)))
    if analysis is None:
        st.info(_("f_waiting"))
        return
    tabs = st.tabs([_("f_tab_group"), _("f_tab_people"), _("f_tab_robust"), _("f_tab_rounds"),
                    _("f_tab_comments"), _("f_tab_export")])
    with tabs[0]:
        _group(dash, analysis, number, method)
    with tabs[1]:
        _participants(dash, analysis, number)
    with tabs[2]:
        _robustness(dash, analysis, number, method)
    with tabs[3]:
        _rounds(dash, number)
    with tabs[4]:
        _comments(dash, number)
    with tabs[5]:
        _export(dash, workshop_id, token)


live = st.fragment(run_every=REFRESH_SECONDS)(_live)


def main() -> None:
    st.set_page_config(layout="wide")
    opened = from_link("f", "create", lambda w, t: store().dashboard(w, t))
    if opened is None:
        return
    dash, workshop_id, token = opened
    ws = dash.workshop
    projector = st.toggle(_("f_projector"), key=PROJECTOR)
    if not projector:
        st.title(md(ws.title))
        if not ws.archived:
            st.markdown(f"{_('f_code')}: **`{ws.join_code}`** · {_('f_code_help')}")
        _controls(dash, workshop_id, token)
    live(workshop_id, token)


main()
