"""Start: the question, the sources, how to use the tool, and loading data."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from mcda.roots import MAX_PATH
from mcda.tabular import template_files
from ui import state
from ui.i18n import t
from ui.widgets import bind, lines, md, notices

lang = state.lang()
P = state.WIDGET_PREFIX
case = state.case()

st.title(md(case.title.get(lang)))
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
    st.subheader(t("weights_origin_title"))
    st.markdown(lines([f"{t('default_weights_label')}: {case.default_origin.describe(lang)}",
                       *(f"{s.name.get(lang)}: {s.origin.describe(lang)}"
                         for s in case.scenarios)]))
    st.caption(t("origin_kinds_help"))


def _load_bundled() -> None:
    state.guarded(lambda: state.set_case(state.bundled_case(), "bundled"),
                  t("loaded_ok", title=state.bundled_case().title.get(state.lang())))


def _loaded(load: Callable[[], None]) -> Callable[[], None]:
    """A load that, once it succeeded, says what is now in use."""
    def run() -> None:
        load()
        state.notify("success", t("loaded_ok", title=state.source_label()))
    return run


def _load_folder(key: str) -> None:
    path = st.session_state.get(key) or ""
    state.guarded(_loaded(lambda: state.load_folder(path)))


def _load_sheets() -> None:
    matrix = st.session_state.get(P + "up_matrix")
    criteria = st.session_state.get(P + "up_criteria")
    if matrix is None or criteria is None:
        state.notify("error", t("two_files_needed"))
        return
    state.guarded(_loaded(lambda: state.load_spreadsheet(
        matrix.getvalue(), matrix.name, criteria.getvalue(), criteria.name,
        matrix_sheet=st.session_state.get(_sheet_key("matrix", matrix)),
        criteria_sheet=st.session_state.get(_sheet_key("criteria", criteria)))),
        file=f"{matrix.name} + {criteria.name}")


def _sheet_key(which: str, file: UploadedFile) -> str:
    """The sheet choice's widget key, new for every upload so that a new file asks again."""
    return f"{P}sheet_{which}_{file.file_id}"


def _sheet_choice(which: str, file: UploadedFile | None) -> None:
    """Under an uploaded workbook with several sheets: which sheet to read (none picked: ask)."""
    if file is None:
        return
    sheets = state.sheets_of(file.getvalue(), file.name)
    if len(sheets) > 1:
        st.selectbox(t("sheet_of", name=md(state.shorten(file.name))), sheets, index=None,
                     placeholder=t("sheet_choose"), key=_sheet_key(which, file))


with left:
    st.subheader(t("how_to_use"))
    st.markdown("\n".join(f"{i}. {t(f'step_{i}')}" for i in range(1, 8)))
    st.subheader(t("data"))
    st.caption(t("loaded_from", source=md(state.source_label()), options=len(case.options),
                 criteria=len(case.criteria)))
    roots = state.data_roots()
    names = [t("tab_bundled"), t("tab_spreadsheet")] + ([t("tab_folder")] if roots else [])
    # a tracked tab stays open when a load fails and the page reruns with the message
    bundled, sheets, *folder = st.tabs(names, key=f"{P}data_tab_{lang}", on_change="rerun")
    with bundled:
        st.write(t("bundled_help"))
        st.button(t("load_bundled"), on_click=_load_bundled, key=P + "btn_bundled")
    with sheets:
        st.write(t("spreadsheet_help"))
        a, b = st.columns(2)
        with a:
            _sheet_choice("matrix", st.file_uploader(t("matrix_file"), type=["csv", "xlsx"],
                                                     key=P + "up_matrix"))
        with b:
            _sheet_choice("criteria", st.file_uploader(t("criteria_file"), type=["csv", "xlsx"],
                                                       key=P + "up_criteria"))
        st.button(t("load_spreadsheet"), on_click=_load_sheets, key=P + "btn_sheets")
        st.caption(t("templates"))
        cols = st.columns(4)
        for col, (name, content) in zip(cols, template_files().items(), strict=False):
            col.download_button(name, content, file_name=name, mime="text/csv",
                                key=P + "tpl_" + name)
    for tab in folder:
        with tab:
            st.write(t("folder_help"))
            cases = list(state.case_folders())
            if cases:
                st.selectbox(t("folder_pick"), cases, index=None, key=P + "folder_pick",
                             placeholder=t("folder_pick_placeholder"))
                st.button(t("load_folder"), on_click=_load_folder, args=(P + "folder_pick",),
                          key=P + "btn_folder_pick")
            else:
                st.caption(t("folder_none"))
            st.text_input(t("folder_path"), key=bind(P + "folder", ""), max_chars=MAX_PATH)
            st.button(t("load_path"), on_click=_load_folder, args=(P + "folder",),
                      key=P + "btn_folder")
    if not roots:
        st.caption(t("folder_disabled"))
