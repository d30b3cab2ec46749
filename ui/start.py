"""Start: the question, the sources, how to use the tool, and loading data."""

from __future__ import annotations

import streamlit as st

from mcda.tabular import template_files
from ui import state
from ui.i18n import t
from ui.widgets import bind, md, notices

lang = state.lang()
P = state.WIDGET_PREFIX
case = state.case()

st.title(case.title.get(lang))
notices()

if case.question is not None:
    for paragraph in case.question.get(lang).split("\n\n"):
        st.markdown(md(paragraph.strip()))

left, right = st.columns([3, 2], gap="large")
with right:
    st.subheader(t("sources"))
    if not case.sources:
        st.caption(t("no_sources"))
    for source in sorted(case.sources, key=lambda s: (s.year or 0, s.id)):
        who = ", ".join(str(x) for x in (source.author, source.year) if x)
        line = f"**{md(source.title)}**" + (f" — {md(who)}" if who else "")
        if source.url and source.url.startswith(("https://", "http://")):
            line += f"  \n{md(source.url)}"
        st.markdown(line)
        if source.description is not None:
            st.caption(md(source.description.get(lang)))


def _load_bundled() -> None:
    state.guarded(lambda: state.set_case(state.bundled_case(), "bundled"),
                  t("loaded_ok", title=state.bundled_case().title.get(state.lang())))


def _load_folder() -> None:
    path = st.session_state.get(P + "folder", "")
    state.guarded(lambda: state.load_folder(path), t("loaded_ok", title=path))


def _load_sheets() -> None:
    matrix = st.session_state.get(P + "up_matrix")
    criteria = st.session_state.get(P + "up_criteria")
    if matrix is None or criteria is None:
        state.notify("error", t("two_files_needed"))
        return
    state.guarded(lambda: state.load_spreadsheet(matrix.getvalue(), matrix.name,
                                                 criteria.getvalue(), criteria.name),
                  t("loaded_ok", title=f"{matrix.name} + {criteria.name}"))


with left:
    st.subheader(t("how_to_use"))
    st.markdown("\n".join(f"{i}. {t(f'step_{i}')}" for i in range(1, 8)))
    st.subheader(t("data"))
    st.caption(t("loaded_from", source=md(state.source_label()), options=len(case.options),
                 criteria=len(case.criteria)))
    bundled, folder, sheets = st.tabs([t("tab_bundled"), t("tab_folder"), t("tab_spreadsheet")])
    with bundled:
        st.write(t("bundled_help"))
        st.button(t("load_bundled"), on_click=_load_bundled, key=P + "btn_bundled")
    with folder:
        st.write(t("folder_help"))
        st.text_input(t("folder_path"), key=bind(P + "folder", ""),
                      placeholder="/path/to/appraisal")
        st.button(t("load_folder"), on_click=_load_folder, key=P + "btn_folder")
    with sheets:
        st.write(t("spreadsheet_help"))
        a, b = st.columns(2)
        a.file_uploader(t("matrix_file"), type=["csv", "xlsx"], key=P + "up_matrix")
        b.file_uploader(t("criteria_file"), type=["csv", "xlsx"],
                        key=P + "up_criteria")
        st.button(t("load_spreadsheet"), on_click=_load_sheets, key=P + "btn_sheets")
        st.caption(t("templates"))
        cols = st.columns(4)
        for col, (name, content) in zip(cols, template_files().items(), strict=False):
            col.download_button(name, content, file_name=name, mime="text/csv",
                                key=P + "tpl_" + name)
