"""Results: every method side by side, consensus and agreement, why the winner wins, dominance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from mcda import charts
from mcda.analysis import dominated, explain_winner
from ui import state
from ui.i18n import t
from ui.widgets import lines, md, method_select, notices, plot, problem_or_stop, text_width

lang = state.lang()
st.title(t("page_results"))
notices()
prob = problem_or_stop()
results = state.results(prob)
agr = state.method_agreement(prob)
pal = state.palette()
names = {o.id: o.name.get(lang) for o in prob.options}
crit_names = {c.id: c.name.get(lang) for c in prob.criteria}
labels = {m: r.label for m, r in results.items()}
short = {m: r.label.split("(")[-1].rstrip(")") for m, r in results.items()}

# --- headline ---
consensus = agr.consensus_order
leader = consensus[0]
first_by = [r.label for r in results.values() if leader in r.first]
st.markdown(t("headline", option=md(names[leader]), n=len(first_by), total=len(results),
              scenario=md(state.scenario_name())))
st.markdown(md(state.robustness(prob, "wsm").sentence(prob, lang)))
if agr.agree_on_first:
    st.success(t("methods_agree"))
else:
    firsts = sorted({o for r in results.values() for o in r.first}, key=consensus.index)
    st.warning(t("methods_disagree", options=", ".join(md(names[o]) for o in firsts)))

# --- ranking table and chart ---
st.subheader(t("ranking_by_method"))
table = pd.DataFrame({
    t("option"): [names[o] for o in consensus],
    t("consensus"): [int(agr.consensus[agr.option_ids.index(o)]) for o in consensus],
    t("mean_rank"): [float(agr.mean_rank[agr.option_ids.index(o)]) for o in consensus],
    **{short[m]: [r.rank_of(o) for o in consensus] for m, r in results.items()},
})
st.dataframe(table, hide_index=True, width="stretch", column_config={
    t("option"): st.column_config.TextColumn(width=text_width(table[t("option")].tolist(), 340)),
    t("consensus"): st.column_config.NumberColumn(width=text_width([t("consensus")], 200, 60)),
    t("mean_rank"): st.column_config.NumberColumn(
        format="%.1f", width=text_width([t("mean_rank")], 200, 60)),
    **{short[m]: st.column_config.NumberColumn(width=text_width([short[m]], 200, 60),
                                               help=labels[m]) for m in results},
})
st.caption(t("ranks_note"))
with st.expander(t("scores_by_method")):
    scores = pd.DataFrame({
        t("option"): [names[o] for o in consensus],
        **{f"{r.label} ({t(r.better)} {t('is_better')})": [round(r.score_of(o), 2)
                                                          for o in consensus]
           for r in results.values()},
    })
    st.dataframe(scores, hide_index=True, width="stretch")
plot(charts.method_ranks(results, prob, lang, state.caption(), pal))

with st.expander(t("agreement_details")):
    st.caption(t("agreement_help"))
    tau = pd.DataFrame(np.round(agr.kendall, 2), index=[labels[m] for m in agr.methods],
                       columns=[labels[m] for m in agr.methods])
    st.dataframe(tau, width="stretch")

# --- what the structure decides (the integrity audit) ---
st.subheader(t("audit_title"))
st.caption(t("audit_help"))
findings = state.case_audit(prob)
listed = [text for kind, text in findings.sentences(prob, lang)
          if kind not in ("assumption_share", "scenarios")]
if listed:
    st.markdown(lines([f"• {text}" for text in listed]))
else:
    st.success(t("audit_clean"))
with st.expander(t("audit_shares")):
    shares = pd.DataFrame({
        t("option"): [names[o] for o in prob.option_ids],
        t("assumption_share"): [round(100 * findings.assumption_share[o])
                                for o in prob.option_ids],
    })
    st.dataframe(shares, hide_index=True, column_config={
        t("assumption_share"): st.column_config.NumberColumn(format="%d%%")})
    st.caption(lines([text for kind, text in findings.sentences(prob, lang)
                      if kind == "scenarios"]))

# --- why the winner wins ---
st.subheader(t("why_title"))
method = method_select(charts.contribution_methods(), t("method"), labels)
result = results[method]
plot(charts.contributions_bar(result, prob, lang, state.caption(result.label), pal))
why = explain_winner(result)
gains = [f"{md(crit_names[g.criterion])} ({g.advantage:+.2f})" for g in why.gains()[:2]]
losses = [f"{md(crit_names[g.criterion])} ({g.advantage:+.2f})" for g in why.losses()[:2]]
sentence = t("why_sentence", leader=md(names[why.leader]), other=md(names[why.other]),
             method=result.label, margin=f"{why.margin:.2f}",
             gains=", ".join(gains) or t("nothing"))
if losses:
    sentence += " " + t("why_losses", losses=", ".join(losses))
st.markdown(sentence)

# --- dominance and VIKOR's compromise ---
left, right = st.columns(2, gap="large")
with left:
    st.subheader(t("dominance"))
    beaten = dominated(prob)
    if not beaten:
        st.write(t("no_dominated"))
    for option, by in beaten.items():
        st.markdown("- " + t("dominated_by", option=md(names[option]),
                             by=", ".join(md(names[b]) for b in by)))
    st.caption(t("dominance_help"))
with right:
    st.subheader(t("vikor_compromise"))
    details = results["vikor"].details
    st.markdown(t("compromise_set", options=", ".join(md(names[o])
                                                        for o in details["compromise"])))
    st.caption(t("compromise_conditions",
                 advantage=t("yes") if details["acceptable_advantage"] else t("no"),
                 stability=t("yes") if details["acceptable_stability"] else t("no")))

plot(charts.performance_heatmap(prob, lang, state.caption()))

st.subheader(t("method_definitions"))
for r in results.values():
    with st.expander(f"{r.label} — {t(r.better)} {t('is_better')}"):
        st.markdown(md(r.definition))
        st.caption(t("settings") + ": " + md(", ".join(f"{k} = {v}" for k, v in r.settings.items())
                                             or t("none")))
