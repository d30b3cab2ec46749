"""policy-mcda: the Streamlit workbench. Page config, language, navigation; nothing else.

A page that fails shows a short message in the user's language; the traceback goes to the server
log only (with ``client.showErrorDetails = "none"`` for anything outside the pages).
"""

import streamlit as st

from ui import state
from ui.i18n import LANGUAGE_NAMES, t
from ui.workshop.common import PAGES as WORKSHOP_PAGES
from ui.workshop.common import page_file
from ui.workshop.text import t as workshop_t

st.set_page_config(page_title="policy-mcda", page_icon=":material/balance:", layout="wide")
state.init()

with st.sidebar:
    key = state.WIDGET_PREFIX + "lang"
    if key not in st.session_state:
        st.session_state[key] = state.lang()
    st.radio("Language / Taal", list(LANGUAGE_NAMES), key=key, horizontal=True,
             format_func=LANGUAGE_NAMES.get,
             on_change=lambda: st.session_state.__setitem__(state.LANG, st.session_state[key]))

PAGES = [  # file, title key, icon, url path
    ("ui/start.py", "page_start", "home", "start"),
    ("ui/criteria.py", "page_criteria", "balance", "criteria"),
    ("ui/options.py", "page_options", "table_chart", "options"),
    ("ui/results.py", "page_results", "leaderboard", "results"),
    ("ui/sensitivity.py", "page_sensitivity", "tune", "sensitivity"),
    ("ui/scenarios.py", "page_scenarios", "bookmarks", "scenarios"),
    ("ui/export_page.py", "page_export", "download", "export"),
]
WORKSHOP = [  # name, title key, icon, shown in the menu (the others are reached by links)
    ("create", "c_title", "groups", True),
    ("join", "j_title", "login", True),
    ("participant", "p_title", "person", False),
    ("facilitator", "f_title", "co_present", False),
]
pages = {
    t("nav_appraisal"): [
        st.Page(path, title=t(title), icon=f":material/{icon}:", url_path=url, default=i == 0)
        for i, (path, title, icon, url) in enumerate(PAGES)
    ],
    t("nav_workshop"): [
        st.Page(page_file(name), title=workshop_t(title, state.lang()), icon=f":material/{icon}:",
                url_path=WORKSHOP_PAGES[name][1], visibility="visible" if shown else "hidden")
        for name, title, icon, shown in WORKSHOP
    ],
}
page = st.navigation(pages)
try:
    page.run()
except Exception:
    state.LOG.exception("page %s failed", page.url_path)
    st.error(t("page_failed"))
