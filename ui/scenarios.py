"""Scenarios: save, load, upload and download weightings, and compare two to five side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mcda import charts
from mcda.data import MAX_FILE_BYTES, DataError, decode, parse_scenario, to_yaml
from mcda.model import Scenario, Text
from ui import state
from ui.i18n import t
from ui.widgets import bind, md, method_select, notices, plot, problem_or_stop

lang = state.lang()
case = state.case()
P = state.WIDGET_PREFIX
CURRENT = "__current__"
st.title(t("page_scenarios"))
st.caption(t("scenarios_intro"))
notices()
prob = problem_or_stop()


def _save() -> None:
    name = st.session_state.get(f"{P}scenario_name", "")
    state.guarded(lambda: state.save_scenario(name), t("scenario_saved", name=name.strip()))


def _upload() -> None:
    file = st.session_state.get(f"{P}scenario_file")
    if file is None:
        state.notify("error", t("choose_file"))
        return
    name = state.shorten(file.name)

    def add() -> None:
        raw = file.getvalue()
        if len(raw) > MAX_FILE_BYTES:
            raise DataError(f"{name}: {t('file_too_large')}")
        scenario = parse_scenario(decode(raw, name), name, case)
        state.saved_scenarios()[scenario.id] = scenario

    state.guarded(add, t("scenario_uploaded", name=name), file=name)


def _load(scenario: Scenario) -> None:
    state.guarded(lambda: state.load_scenario(scenario),
                  t("scenario_loaded", name=scenario.name.get(state.lang())))


def _delete(scenario_id: str) -> None:
    state.saved_scenarios().pop(scenario_id, None)


# --- save and download the current weights ---
st.subheader(t("current_weighting", name=md(state.scenario_name())))
current = Scenario(id="current-weights", name=Text.same(state.scenario_name()),
                   origin="policy-mcda", weights=state.active_weights())
a, b, c = st.columns([3, 1, 1], vertical_alignment="bottom")
a.text_input(t("scenario_name"), key=bind(f"{P}scenario_name", ""), max_chars=200)
b.button(t("save"), key=f"{P}btn_save_scenario", on_click=_save, type="primary")
c.download_button(t("download_yaml"), to_yaml(current), file_name="scenario.yaml",
                  mime="application/x-yaml", key=f"{P}dl_current")

# --- bundled and saved scenarios ---
left, right = st.columns(2, gap="large")
with left:
    st.subheader(t("bundled_scenarios"))
    if not case.scenarios:
        st.caption(t("none"))
    for scenario in case.scenarios:
        with st.container(border=True):
            st.markdown(f"**{md(scenario.name.get(lang))}** — {md(scenario.origin.describe(lang))}")
            if scenario.description is not None:
                with st.expander(t("about")):
                    st.caption(md(scenario.description.get(lang)))
            st.button(t("load"), key=f"{P}load_{scenario.id}", on_click=_load, args=(scenario,))
with right:
    st.subheader(t("saved_scenarios"))
    if not state.saved_scenarios():
        st.caption(t("no_saved"))
    for sid, scenario in list(state.saved_scenarios().items()):
        with st.container(border=True):
            st.markdown(f"**{md(scenario.name.get(lang))}** — {md(scenario.origin.describe(lang))}")
            x, y, z = st.columns(3)
            x.button(t("load"), key=f"{P}load_saved_{sid}", on_click=_load, args=(scenario,))
            y.download_button(t("download_yaml"), to_yaml(scenario), file_name=f"{sid}.yaml",
                              mime="application/x-yaml", key=f"{P}dl_{sid}")
            z.button(t("delete"), key=f"{P}del_{sid}", on_click=_delete, args=(sid,))
    st.markdown(f"**{t('upload_scenario')}**")
    st.file_uploader(t("scenario_file"), type=["yaml", "yml"], key=f"{P}scenario_file")
    st.button(t("add_uploaded"), key=f"{P}btn_upload", on_click=_upload)

# --- compare ---
st.subheader(t("compare_title"))
choices: dict[str, Scenario] = {CURRENT: current}
choices.update({f"case:{s.id}": s for s in case.scenarios})
choices.update({f"saved:{sid}": s for sid, s in state.saved_scenarios().items()})
shown = {k: (t("current_weights") if k == CURRENT else s.name.get(lang))
         for k, s in choices.items()}
default = list(choices)[: min(3, len(choices))]
if f"{P}compare" in st.session_state:
    st.session_state[f"{P}compare"] = [k for k in st.session_state[f"{P}compare"] if k in choices]
picked = st.multiselect(t("compare_pick"), list(choices), key=bind(f"{P}compare", default),
                        format_func=shown.get, max_selections=5)
picked = [k for k in picked if k in choices]
if len(picked) < 2:
    st.info(t("compare_need_two"))
    st.stop()
results = state.results(prob)
method = method_select(tuple(results), t("method"), {m: r.label for m, r in results.items()})
runs = {}
for k in picked:
    try:
        p = prob if k == CURRENT else state.scenario_problem(choices[k], prob)
    except ValueError as exc:
        st.warning(t("scenario_unusable", name=md(shown[k])) + "  \n" + md(str(exc)))
        continue
    label = shown[k] if shown[k] not in runs else f"{shown[k]} ({k})"
    runs[label] = (p, state.results(p)[method])
if len(runs) >= 2:
    plot(charts.scenario_comparison(runs, lang, state.caption(results[method].label),
                                    state.palette()))
    names = {o.id: o.name.get(lang) for o in prob.options}
    table = pd.DataFrame({label: {names[o]: r.rank_of(o) for o in prob.option_ids}
                          for label, (_, r) in runs.items()})
    table.index.name = t("option")
    st.markdown(f"**{t('compare_ranks')}**")
    st.dataframe(table)  # not st.table, which renders markdown in names
