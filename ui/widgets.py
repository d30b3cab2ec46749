"""Shared widgets: messages, charts, safe text, the problem guard and model-bound inputs."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from mcda.model import Criterion, Problem, ProblemError
from ui import state
from ui.i18n import t

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=$:&])")
_AUTOLINK = re.compile(r"(?=[.:@])")
#: U+2060 WORD JOINER: invisible, and it keeps a line together.
JOINER = "\u2060"
PLOT_CONFIG = {"displaylogo": False, "responsive": True,
               "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}


def md(text: object) -> str:
    """Text from data or users made inert for st.markdown: every markdown character escaped, so
    a name can neither format nor link nor embed anything. Escaping is not enough for bare URLs,
    www. names and e-mail addresses, which GitHub-flavoured Markdown links after the escapes are
    resolved: an invisible word joiner before every '.', ':' and '@' breaks those patterns."""
    return _MD_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(JOINER, str(text)))


def lines(items: list[str]) -> str:
    """Several escaped lines for one markdown block."""
    return "  \n".join(md(item) for item in items)


def notices(place: str = "top") -> None:
    """Show (once) the messages queued for ``place`` by callbacks; errors keep every line."""
    show = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}
    for kind, text in state.take_notices(place):
        show.get(kind, st.info)(lines(str(text).splitlines()))


def plot(fig: go.Figure, key: str | None = None) -> None:
    """A chart in the house style (Streamlit's theme would override the shared visual language)."""
    st.plotly_chart(fig, theme=None, config=PLOT_CONFIG, key=key)


def text_width(texts: list[str], most: int, least: int = 80) -> int:
    """A table column's width in pixels that shows the longest of ``texts`` whole (about 7.5 px
    per character of the table font plus room for padding and the sort icon), within limits."""
    longest = max((len(str(x)) for x in texts), default=0)
    return max(least, min(most, int(7.5 * longest) + 28))


def problem_or_stop() -> Problem:
    """The current problem; if the model cannot form one, say why and stop the page here."""
    try:
        return state.problem()
    except ProblemError as exc:
        st.error(t("problem_invalid") + "  \n" + md(str(exc)))
        st.stop()


def bind(key: str, value: Any) -> str:
    """Initialise a widget key from the model when the widget has no state of its own yet."""
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def copy_to(setter: Callable[[Any], None], key: str) -> Callable[[], None]:
    """A callback that hands a widget's new value to the model."""
    return lambda: setter(st.session_state[key])


def method_select(methods: tuple[str, ...] | list[str], label: str, labels: dict[str, str]
                  ) -> str:
    """A method chooser bound to the model's current method."""
    current = st.session_state[state.METHOD]
    if current not in methods:
        current = methods[0]
        st.session_state[state.METHOD] = current
    key = bind(state.WIDGET_PREFIX + "method_" + "_".join(methods), current)
    st.selectbox(label, list(methods), key=key, format_func=lambda m: labels.get(m, m),
                 on_change=copy_to(lambda v: st.session_state.__setitem__(state.METHOD, v), key))
    return st.session_state[state.METHOD]


def scale_text(crit: Criterion) -> str:
    """'0-100' or '0-40 M EUR/yr', and the direction."""
    lo = "" if crit.scale.min is None else f"{crit.scale.min:g}"
    hi = "" if crit.scale.max is None else f"{crit.scale.max:g}"
    span = f"{lo}–{hi}" if lo or hi else t("observed_range")
    unit = f" {crit.unit}" if crit.unit else ""
    return f"{span}{unit}, {t(crit.direction)}"


def criterion_details(crit: Criterion, lang: str) -> None:
    """A criterion's description, scale, direction and scoring guide (inside an expander)."""
    if crit.description is not None:
        st.markdown(md(crit.description.get(lang)))
    st.markdown(f"**{t('scale')}:** {md(scale_text(crit))}")
    if crit.scoring_guide:
        st.markdown(f"**{t('scoring_guide')}**")
        st.dataframe(
            {t("score"): [f"{k:g}" for k in crit.scoring_guide],
             t("meaning"): [v.get(lang) for v in crit.scoring_guide.values()]},
            hide_index=True, width="stretch",
        )
    setting = crit.promethee
    spec = ", ".join(f"{k} = {v:g}" for k, v in (("q", setting.q), ("p", setting.p))
                     if v is not None)
    st.caption(f"PROMETHEE: {setting.function}" + (f" ({spec})" if spec else ""))
