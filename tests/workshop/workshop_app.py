"""A workshop-only app for the browser test: the four workshop pages and a language switch.

Run with ``streamlit run tests/workshop/workshop_app.py``; the page paths are absolute, so it works
from any directory, and the repository root is put on ``sys.path`` for ``mcda`` and ``ui``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui.workshop.common import PAGES, page_file  # noqa: E402

st.set_page_config(page_title="policy-mcda workshop", layout="wide")
st.session_state.setdefault("lang", "en")
with st.sidebar:
    st.radio("Language / Taal", ["en", "nl"], key="lang", horizontal=True)
titles = {"create": "Start a workshop", "join": "Join a workshop", "participant": "My weights",
          "facilitator": "Facilitator"}


def home() -> None:
    """The default page (served at /), as the real app has its own: the workshop pages have
    url paths of their own only when they are not the default."""
    st.title("Workshop test app")


pages = [st.Page(home, title="Home", url_path="home", default=True)]
pages += [st.Page(page_file(name), title=titles[name], url_path=PAGES[name][1]) for name in PAGES]
st.navigation(pages).run()
