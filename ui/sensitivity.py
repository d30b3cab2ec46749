"""Sensitivity: one-at-a-time sweeps, what it takes to rank first, and SMAA robustness."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mcda import charts
from mcda.sensitivity import INTERACTIVE_BUDGET, BudgetError, SensitivityError, work_seconds
from mcda.smaa import SCORE_MODES, WEIGHT_MODES, SMAAResult, max_samples, smaa
from ui import state
from ui.i18n import t
from ui.widgets import bind, md, method_select, notices, plot, problem_or_stop

lang = state.lang()
P = state.WIDGET_PREFIX
NEVER_FIRST = "—"
MAX_SAMPLES = 1_000_000
LIMIT_SECONDS = f"{work_seconds(INTERACTIVE_BUDGET):.0f}"
st.title(t("page_sensitivity"))
st.caption(t("sensitivity_intro"))
notices()
prob = problem_or_stop()
results = state.results(prob)
pal = state.palette()
names = {o.id: o.name.get(lang) for o in prob.options}
crit_names = {c.id: c.name.get(lang) for c in prob.criteria}
labels = {m: r.label for m, r in results.items()}
method = method_select(tuple(results), t("method"), labels)
result = results[method]
cap = state.caption(result.label)



def _count(x: int) -> str:
    """A whole number with the language's thousands separator: 10,000 or 10.000."""
    return f"{x:,}".replace(",", "." if lang == "nl" else ",")


def _too_big(key: str, exc: BudgetError, **values: str) -> str:
    """An over-budget refusal in the user's language: what was asked, on what size, the limit."""
    return t(key, options=str(len(prob.option_ids)), criteria=str(len(prob.criterion_ids)),
             seconds=f"{work_seconds(exc.work):.0f}", limit=LIMIT_SECONDS, **values)


def _share(x: float) -> str:
    return f"{x:.0%}" if x >= 0.01 or x == 0 else "<1%"


def central_table(s: SMAAResult, names: dict[str, str], crit_names: dict[str, str],
                  uncertain: bool) -> pd.DataFrame:
    """SMAA per option: share of samples ranked first, confidence (only with uncertain scores,
    where it says something) and central weights as percentages; "—" where an option is never
    first (it has no central weight or confidence)."""
    rows = []
    for i, option in enumerate(s.option_ids):
        central = s.central_weight(option)
        never = central is None
        rows.append({
            t("option"): names.get(option, option),
            t("first_rank_share"): _share(float(s.rank_acceptability[i, 0])),
            **({t("confidence"): NEVER_FIRST if never else _share(float(s.confidence[i]))}
               if uncertain else {}),
            **{crit_names.get(c, c): NEVER_FIRST if never else _share(central[c])
               for c in s.criterion_ids},
        })
    return pd.DataFrame(rows).set_index(t("option"))


# --- one at a time ---
st.subheader(t("oat_title"))
try:
    sweep_all = state.sensitivity(prob, method)
except BudgetError as exc:
    st.info(_too_big("oat_over_budget", exc, method=md(result.label)))
    sweep_all = None
except SensitivityError as exc:
    st.info(t("oat_unavailable") + "  \n" + md(str(exc)))
    sweep_all = None
if sweep_all is not None:
    crit_ids = list(prob.criterion_ids)
    crit = st.selectbox(t("criterion"), crit_ids, format_func=crit_names.get,
                        key=bind(f"{P}oat_crit", crit_ids[0]))
    if crit not in crit_ids:
        crit = crit_ids[0]
    sweep = sweep_all.sweep(crit)
    first = ", ".join(md(names[o]) for o in sweep_all.current_first)
    lo, hi = sweep.stability
    st.markdown(t("stability_sentence", first=first, criterion=md(crit_names[crit]),
                  lo=f"{lo:.0%}", hi=f"{hi:.0%}", now=f"{sweep.current:.0%}"))
    for switch in sweep.switches:
        st.markdown("- " + t("switch_sentence", weight=f"{switch.weight:.1%}",
                             first=", ".join(md(names[o]) for o in switch.first)))
    plot(charts.oat_sweep(sweep_all, crit, prob, lang, cap, pal))
    plot(charts.stability_intervals(sweep_all, prob, lang, cap, pal))

# --- what it takes ---
st.subheader(t("flip_title"))
others = [o for o in prob.option_ids if result.rank_of(o) != 1] or list(prob.option_ids)
target = st.selectbox(t("option"), others, format_func=names.get,
                      key=bind(f"{P}flip_option", others[0]))
if target not in others:
    target = others[0]
try:
    flipped = state.what_it_takes(prob, target, method)
except BudgetError as exc:
    st.info(_too_big("flip_over_budget", exc, method=md(result.label)))
except SensitivityError as exc:
    st.info(md(str(exc)))
else:
    st.markdown(md(flipped.sentence(lang)))
    if flipped.distance:
        st.caption(t("flip_distance", distance=f"{flipped.distance:.0%}",
                     exact=t("exact") if flipped.exact else t("searched")))
    plot(charts.flip_weights(flipped, prob, lang, cap))

# --- SMAA ---
st.subheader(t("smaa_title"))
st.caption(t("smaa_help"))
c2, c3 = st.columns(2)
weight_labels = {m: t(f"wu_{m}") for m in WEIGHT_MODES}
score_labels = {m: t(f"su_{m}") for m in SCORE_MODES}
weight_mode = c2.selectbox(t("weight_uncertainty"), WEIGHT_MODES, key=f"{P}smaa_weights",
                           format_func=weight_labels.__getitem__)
score_mode = c3.selectbox(t("score_uncertainty"), SCORE_MODES, key=f"{P}smaa_scores",
                          format_func=score_labels.__getitem__)
# The compute budget caps the samples for this problem, these methods and this scores mode (the
# modes sit outside the form so that the cap follows them at once).
limit = min(MAX_SAMPLES, max_samples(prob, list(results), score_mode, INTERACTIVE_BUDGET))
lowest, highest = min(1000, max(limit, 1)), max(limit, 1)
samples_key = bind(f"{P}smaa_samples", 10_000)
st.session_state[samples_key] = min(max(st.session_state[samples_key], lowest), highest)
with st.form(f"{P}smaa_form"):
    c1, c4, _ = st.columns([1, 1, 2])
    samples = c1.number_input(t("samples"), lowest, highest, step=1000, key=samples_key)
    seed = c4.number_input(t("seed"), 0, 2**31 - 1, 0, key=f"{P}smaa_seed")
    run = st.form_submit_button(t("run_smaa"), type="primary", disabled=limit < 1)
if limit < MAX_SAMPLES:
    st.caption(t("smaa_cap", limit=_count(limit), options=str(len(prob.option_ids)),
                 criteria=str(len(prob.criterion_ids)), methods=str(len(results)),
                 scores=t(f"su_{score_mode}"), seconds=LIMIT_SECONDS))

settings = {"samples": int(samples), "weights": weight_mode, "scores": score_mode,
            "seed": int(seed)}
key = state.smaa_key(prob, settings)
if run:
    bar = st.progress(0.0, text=t("smaa_running"))
    try:
        outcome = smaa(prob, list(results), samples=int(samples), seed=int(seed),
                       weights=weight_mode, scores=score_mode, budget=INTERACTIVE_BUDGET,
                       progress=lambda done, total: bar.progress(
                           min(done / total, 1.0), text=t("smaa_progress", done=_count(done),
                                                           total=_count(total))))
    except BudgetError as exc:
        bar.empty()
        st.error(_too_big("smaa_over_budget", exc, asked=_count(int(samples)),
                          allowed=_count(exc.allowed or 0), methods=str(len(results))))
    except SensitivityError as exc:
        bar.empty()
        st.error(md(str(exc)))
    else:
        bar.empty()
        state.store_smaa(key, settings, outcome)

stored = state.smaa_run()
if stored is not None:
    outcome = stored["outcome"]
    if stored["key"] != key:
        st.warning(t("smaa_stale"))
    if method in outcome and set(outcome[method].option_ids) == set(prob.option_ids):
        s = outcome[method]
        st.caption(t("smaa_done", samples=_count(outcome.samples), seed=outcome.seed,
                     weights=t(f"wu_{outcome.weights}"), scores=t(f"su_{outcome.scores}"),
                     agreement=f"{outcome.agreement_all:.0%}"))
        smaa_cap = cap + f" · SMAA {outcome.samples:,}, seed {outcome.seed}"
        plot(charts.rank_acceptability(s, prob, lang, smaa_cap))
        plot(charts.pairwise_winning(s, prob, lang, smaa_cap))
        st.markdown(f"**{t('central_weights')}**")
        uncertain = outcome.scores != "fixed"
        st.dataframe(central_table(s, names, crit_names, uncertain))
        st.caption(t("central_weights_note") + (" " + t("confidence_note") if uncertain else ""))
    else:
        st.info(t("smaa_rerun"))
