"""policy-mcda: the Streamlit workbench. Page config, language, navigation; nothing else."""

import streamlit as st

from ui import state
from ui.i18n import LANGUAGE_NAMES, t

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
]
pages = {t("nav_appraisal"): [
    st.Page(path, title=t(title), icon=f":material/{icon}:", url_path=url, default=i == 0)
    for i, (path, title, icon, url) in enumerate(PAGES)
]}
st.navigation(pages).run()
