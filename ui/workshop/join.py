"""Join a workshop with the join code and a display name; go on to the personal page."""

from __future__ import annotations

import streamlit as st

from mcda.workshop.store import WorkshopError
from ui.workshop.common import client_key, network_key, page_file, query, show_error, store
from ui.workshop.common import tr as _

PREFIX = "wsj_"


def main() -> None:
    st.set_page_config(layout="centered")
    st.title(_("j_title"))
    st.write(_("j_intro"))
    code_key = PREFIX + "code"
    if code_key not in st.session_state:
        st.session_state[code_key] = (query("code") or "")[:12]
    with st.form(PREFIX + "form"):
        code = st.text_input(_("j_code"), key=code_key, max_chars=12)
        name = st.text_input(_("j_name"), key=PREFIX + "name", max_chars=40,
                             help=_("j_name_help"))
        submitted = st.form_submit_button(_("j_join"), type="primary", width="stretch")
    if not submitted:
        return
    try:
        joined = store().join(code, name, client=client_key(), network=network_key())
    except WorkshopError as exc:
        show_error(exc)
        return
    st.switch_page(page_file("participant"), query_params={"w": joined.workshop_id,
                                                          "t": joined.token})


main()
