"""Shared helpers of the workshop pages: the store, the language, links, errors, safe text."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit

import streamlit as st

from mcda.workshop.store import Store, WorkshopError
from ui import widgets
from ui.workshop.text import STRINGS, t

T = TypeVar("T")
HERE = Path(__file__).resolve().parent
#: page name -> (file, url_path); the app's st.navigation must register them with these paths.
PAGES: dict[str, tuple[str, str]] = {
    "create": ("create.py", "workshop"),
    "join": ("join.py", "join"),
    "participant": ("participant.py", "participant"),
    "facilitator": ("facilitator.py", "facilitator"),
}
#: Seconds between refreshes of the facilitator's live dashboard.
REFRESH_SECONDS = 3
#: Session-state key of this browser session's random client id (for the join limits).
CLIENT = "ws_client"
#: Names the request header that holds the client's address when the app runs behind a proxy
#: (e.g. ``X-Real-IP``, or ``X-Forwarded-For``, whose last entry is taken). Set it only then:
#: without a proxy that overwrites it, a client can send any value.
ENV_CLIENT_HEADER = "MCDA_WORKSHOP_CLIENT_IP_HEADER"


def lang() -> str:
    """The interface language chosen in the app (``en`` or ``nl``)."""
    value = st.session_state.get("lang", "en")
    return value if value in ("en", "nl") else "en"


def tr(key: str, **values: Any) -> str:
    """A workshop UI string in the current language."""
    return t(key, lang(), **values)


@st.cache_resource(show_spinner=False)
def _store() -> Store:
    return Store()


def store() -> Store:
    """The process-wide store (SQLite file or ``MCDA_DATABASE_URL``), created once."""
    return _store()


def page_file(name: str) -> str:
    """The absolute path of a workshop page (works for st.switch_page from any main script)."""
    return str(HERE / PAGES[name][0])


def link(name: str, **params: str) -> str:
    """An absolute link to a workshop page with query parameters (relative without a browser)."""
    query = urlencode(params)
    url_path = PAGES[name][1]
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    path = "/".join(p for p in (base, url_path) if p)
    here = st.context.url
    if here:
        parts = urlsplit(here)
        return f"{parts.scheme}://{parts.netloc}/{path}" + (f"?{query}" if query else "")
    return f"/{path}" + (f"?{query}" if query else "")


def client_key() -> str:
    """A random id of this browser session, made on first use (the join limit per client)."""
    if CLIENT not in st.session_state:
        st.session_state[CLIENT] = secrets.token_hex(16)
    return str(st.session_state[CLIENT])


def network_key() -> str | None:
    """The client's network address (the join limit per network), or None when unknown: from
    the header named by ``MCDA_WORKSHOP_CLIENT_IP_HEADER`` behind a proxy, else the address of
    the connection (None for a browser on the same machine). The store keeps only a hash."""
    header = os.environ.get(ENV_CLIENT_HEADER, "").strip()
    if header:
        value = st.context.headers.get(header) or ""
        last = value.split(",")[-1].strip()
        return last[:200] or None
    return st.context.ip_address or None


def query(name: str) -> str | None:
    """One query parameter, or None (only the first value of a repeated one)."""
    value = st.query_params.get(name)
    return value if isinstance(value, str) and value else None


def show_error(exc: WorkshopError) -> None:
    """A store error as a message in the user's language (never a traceback)."""
    key = f"err_{exc.key}"
    if key not in STRINGS:
        st.error(md(str(exc)))
        return
    st.error(tr(key, **{k: md(v) if isinstance(v, str) else v for k, v in exc.params.items()}))


def from_link(page: str, other: str, fetch: Callable[[str, str], T]
              ) -> tuple[T, str, str] | None:
    """What the link (``?w=...&t=...``) opens, with its workshop id and token; or None after
    telling the user why not.

    ``page`` is 'p' or 'f' (the prefix of the page's strings), ``other`` the page to offer when the
    link is missing (join or create), ``fetch`` the store call that checks the token.
    """
    workshop_id, token = query("w"), query("t")
    if not workshop_id or not token:
        st.title(tr(f"{page}_title"))
        st.info(tr(f"{page}_no_link"))
        if st.button(tr(f"go_{other}")):
            st.switch_page(page_file(other))
        return None
    try:
        return fetch(workshop_id, token), workshop_id, token
    except WorkshopError as exc:
        st.title(tr(f"{page}_title"))
        show_error(exc)
        return None


def md(text: str) -> str:
    """User or data text made literal inside Markdown, on one line (see ``ui.widgets.md``)."""
    return widgets.md(text).replace("\n", " ")
