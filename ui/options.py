"""Options and scores: the performance table with ranges, evidence, edits, options on/off."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import state
from ui.i18n import t
from ui.widgets import bind, copy_to, md, notices, text_width

lang = state.lang()
case = state.case()
work = state.working_case()
P = state.WIDGET_PREFIX
added = {o.id for o in st.session_state[state.ADDED]}

st.title(t("page_options"))
st.caption(t("options_intro"))
notices()

# --- options on/off ---
st.subheader(t("options_included"))
enabled = set(state.enabled_options())
cols = st.columns(2)
for i, option in enumerate(work.options):
    key = bind(f"{P}on_{option.id}", option.id in enabled)
    who = f"{t('proposed_by')}: {option.proposed_by}" if option.proposed_by else None
    cols[i % 2].toggle(md(option.name.get(lang)), key=key, help=md(who) if who else None,
                       on_change=copy_to(lambda v, o=option.id: state.set_enabled(o, v), key))
if len(enabled) < 2:
    st.warning(t("two_options_needed"))

# --- the performance table ---
st.subheader(t("performance_table"))
crits = [c for c in work.criteria if c.id in state.active()]
header = {}
for crit in crits:
    arrow = "↑" if crit.direction == "benefit" else "↓"
    label = f"{crit.name.get(lang)} {arrow}" + (f" ({crit.unit})" if crit.unit else "")
    header[label if label not in header else f"{label} [{crit.id}]"] = crit.id
rows = []
for option in work.options:
    row = {t("option"): option.name.get(lang)}
    for label, cid in header.items():
        score = option.scores[cid]
        text = f"{score.value:g}"
        if score.range is not None:
            text += f"  ({score.low:g}–{score.high:g})"
        if score.assumption:
            text += " ᴬ"
        if state.is_edited(option.id, cid):
            text += " ✎"
        row[label] = text
    rows.append(row)
table = pd.DataFrame(rows)
config = {t("option"): st.column_config.TextColumn(
    width=text_width(table[t("option")].tolist(), 360), pinned=True)}
for label in header:
    config[label] = st.column_config.TextColumn(
        width=text_width([label, *table[label].tolist()], 260), help=md(label))
event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                     selection_mode="single-cell", key=f"{P}score_table", column_config=config)
st.caption(t("table_legend"))

ids = [o.id for o in work.options]
names = {o.id: o.name.get(lang) for o in work.options}
cells = [tuple(c) for c in event.selection.get("cells", [])] if event is not None else []
if cells and st.session_state.get(f"{P}last_cell") != cells[0]:
    st.session_state[f"{P}last_cell"] = cells[0]
    row_index, column = cells[0]
    st.session_state[f"{P}sel_option"] = ids[int(row_index)]
    if column in header:
        st.session_state[f"{P}sel_crit"] = header[column]

# --- one score: evidence and edit ---
st.subheader(t("score_details"))
a, b = st.columns(2)
opt_id = a.selectbox(t("option"), ids, format_func=names.get, key=bind(f"{P}sel_option", ids[0]))
crit_ids = [c.id for c in crits] or [c.id for c in work.criteria]
crit_names = {c.id: c.name.get(lang) for c in work.criteria}
if st.session_state.get(f"{P}sel_crit") not in crit_ids:
    st.session_state[f"{P}sel_crit"] = crit_ids[0]
crit_id = b.selectbox(t("criterion"), crit_ids, format_func=crit_names.get, key=f"{P}sel_crit")

option = work.option(opt_id)
crit = work.criterion(crit_id)
score = option.scores[crit_id]
details, edit = st.columns([3, 2], gap="large")
with details:
    st.markdown(f"**{md(option.name.get(lang))}** · {md(crit.name.get(lang))}"
                + (f"  \n{t('proposed_by')}: {md(option.proposed_by)}" if option.proposed_by
                   else ""))
    if option.summary is not None:
        st.markdown(md(option.summary.get(lang)))
    value = f"**{score.value:g}{(' ' + md(crit.unit)) if crit.unit else ''}**"
    if score.range is not None:
        value += " " + t("range_of", low=f"{score.low:g}", high=f"{score.high:g}")
    st.markdown(f"{t('score')}: {value}")
    if state.is_edited(opt_id, crit_id):
        original = next((o for o in case.options if o.id == opt_id), None)
        if original is not None:
            st.info(t("changed_from", value=f"{original.scores[crit_id].value:g}"))
        else:
            st.info(t("changed_added"))
    if score.assumption:
        st.warning(t("assumption_note"))
    if score.rationale is not None:
        st.markdown(f"**{t('rationale')}:** {md(score.rationale.get(lang))}")
    for item in score.evidence:
        source = next((s for s in case.sources if s.id == item.source), None)
        title = source.title if source is not None else item.source
        st.markdown(f"**{t('evidence')}:** {md(title)}, § {md(item.section)}")
        if item.quote:
            st.markdown("> " + md(item.quote))
    if not score.evidence:
        st.caption(t("no_evidence"))
    with st.expander(t("scoring_guide") + ": " + md(crit.name.get(lang))):
        for anchor, meaning in crit.scoring_guide.items():
            st.markdown(f"**{anchor:g}** — {md(meaning.get(lang))}")


def _apply_edit() -> None:
    text = st.session_state.get(f"{P}edit_value", "")
    state.guarded(lambda: state.edit_score(opt_id, crit_id, text),
                  t("edit_applied", option=names[opt_id], criterion=crit_names[crit_id]), "edit")


with edit:
    st.markdown(f"**{t('edit_score')}**")
    lo = "" if crit.scale.min is None else f"{crit.scale.min:g}"
    hi = "" if crit.scale.max is None else f"{crit.scale.max:g}"
    # the box holds the current value (not a grey placeholder) whenever the cell or its value
    # changes; a refused edit stays in the box so that it can be corrected
    shown = (opt_id, crit_id, score.value)
    if st.session_state.get(f"{P}edit_for") != shown:
        st.session_state[f"{P}edit_for"] = shown
        st.session_state[f"{P}edit_value"] = f"{score.value:g}"
    st.text_input(t("new_value", lo=lo or "-∞", hi=hi or "∞"), key=f"{P}edit_value")
    st.button(t("apply_edit"), key=f"{P}btn_edit", on_click=_apply_edit, type="primary")
    notices("edit")
    st.button(t("reset_option"), key=f"{P}btn_reset_one",
              on_click=lambda: state.reset_edits(opt_id), disabled=opt_id not in state.edits())
    st.button(t("reset_all"), key=f"{P}btn_reset_all", on_click=lambda: state.reset_edits(None),
              disabled=not state.edits())

# --- add or remove options ---
st.subheader(t("add_option"))
st.caption(t("add_option_help"))
n1, n2 = st.columns([3, 1], vertical_alignment="bottom")
n1.text_input(t("option_name"), key=f"{P}new_option", max_chars=100)
n2.button(t("add"), key=f"{P}btn_add", on_click=lambda: state.guarded(
    lambda: state.add_option(st.session_state.get(f"{P}new_option", "")), t("option_added"),
    "add"))
notices("add")
for oid in sorted(added):
    st.button(t("remove_option", name=md(names[oid])), key=f"{P}rm_{oid}",
              on_click=lambda o=oid: state.remove_added(o))
