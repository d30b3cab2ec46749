"""Start a workshop: choose the criteria and options, get the join code and the secret link.

The problem snapshot comes from the appraisal open in this session (when the app's model holds
one) or from the bundled case; the facilitator picks which criteria participants weigh and which
options are ranked. The snapshot is stored with the workshop, so later edits of the case do not
change a running workshop.
"""

from __future__ import annotations

import streamlit as st

from mcda.data import load_case
from mcda.model import Case, ProblemError
from mcda.workshop.store import WorkshopError
from ui import state
from ui.workshop.common import lang, link, md, page_file, show_error, store
from ui.workshop.common import tr as _

PREFIX = "wsc_"
CREATED = PREFIX + "created"


@st.cache_resource(show_spinner=False)
def _bundled() -> Case:
    return load_case()


def _source() -> tuple[Case, list[str], list[str], dict[str, float]]:
    """The case to start from, the default criteria and options, and the starting weights."""
    if state.CASE in st.session_state:
        case = state.working_case()
        return case, list(state.active()), list(state.enabled_options()), dict(state.weights())
    case = _bundled()
    active = [c.id for c in case.criteria if not c.optional]
    return case, active, [o.id for o in case.options], {c.id: c.default_weight
                                                        for c in case.criteria}


def _created(info: dict[str, str]) -> None:
    st.success(_("c_done"))
    st.markdown(f"## {_('f_code')}: `{info['code']}`")
    st.caption(_("c_join_link"))
    st.code(link("join", code=info["code"]), language=None)
    st.warning(_("c_secret"))
    st.code(link("facilitator", w=info["w"], t=info["t"]), language=None)
    left, right = st.columns(2)
    if left.button(_("c_open"), type="primary", key=PREFIX + "open"):
        st.switch_page(page_file("facilitator"), query_params={"w": info["w"], "t": info["t"]})
    if right.button(_("c_another"), key=PREFIX + "another"):
        del st.session_state[CREATED]
        st.rerun()


def main() -> None:
    st.title(_("c_title"))
    st.write(_("c_intro"))
    if CREATED in st.session_state:
        _created(st.session_state[CREATED])
        return
    try:
        most = store().limits.max_participants
    except WorkshopError as exc:  # a bad MCDA_WORKSHOP_* setting, or no database
        show_error(exc)
        return
    case, active, enabled, weights = _source()
    L = lang()
    crit_names = {c.id: c.name.get(L) for c in case.criteria}
    option_names = {o.id: o.name.get(L) for o in case.options}
    with st.form(PREFIX + "form"):
        title = st.text_input(_("c_name"), value=case.title.get(L), max_chars=200,
                              key=PREFIX + "title")
        criteria = st.multiselect(_("c_criteria"), list(crit_names), default=active,
                                  format_func=crit_names.get, key=PREFIX + "criteria")
        options = st.multiselect(_("c_options"), list(option_names), default=enabled,
                                 format_func=option_names.get, key=PREFIX + "options")
        show_group = st.checkbox(_("c_show_group"), value=True, key=PREFIX + "show")
        anonymous = st.checkbox(_("c_anonymous"), value=False, key=PREFIX + "anon")
        cap = st.number_input(_("c_cap"), min_value=1, max_value=most, value=most, step=1,
                              key=PREFIX + "cap", help=_("c_cap_help", n=most))
        submitted = st.form_submit_button(_("c_create"), type="primary")
    if not submitted:
        return
    start = {c: weights.get(c, 0.0) for c in criteria}
    if criteria and sum(start.values()) <= 0:
        start = dict.fromkeys(criteria, 1.0)
    try:
        problem = case.problem(start, options)
        created = store().create_workshop(title, problem, show_group=show_group,
                                          anonymous=anonymous,
                                          max_participants=None if cap == most else int(cap))
    except ProblemError as exc:
        st.error(_("c_problem", detail=md(str(exc))))
        return
    except WorkshopError as exc:
        show_error(exc)
        return
    st.session_state[CREATED] = {"w": created.workshop_id, "code": created.join_code,
                                 "t": created.facilitator_token}
    st.rerun()


main()
