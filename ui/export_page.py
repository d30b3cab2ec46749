"""Export: every chart (PNG, SVG, PDF, HTML), the tables (CSV, XLSX), the report (HTML, PDF), the
slide deck (PPTX) and everything as one ZIP, of the appraisal as it is now in the session.

The appraisal is built once per change of the model (and kept in the session); charts and tables
are made when their button is clicked (Streamlit runs the callable and reports a failure as a
failed download); the report, the deck and the ZIP are prepared on request
with a progress message, because they draw every chart. Static images need Chromium: the kaleido
server is started once per process (``st.cache_resource``); when it cannot start, the page says so
and offers the formats that do not need it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from mcda.deck import pptx_deck
from mcda.export import (
    Appraisal,
    ExportError,
    build_appraisal,
    chart_set,
    chart_title,
    csv_bytes,
    figure_bytes,
    problem_version,
    start_renderer,
    tables,
    word,
    write_all,
    xlsx_bytes,
)
from mcda.methods import DEFAULT_METHODS, REGISTRY
from mcda.model import LANGUAGES, Problem
from mcda.report import html_report, pdf_report
from ui import state
from ui.widgets import md, notices, problem_or_stop

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Export", "Exporteren"),
    "intro": ("Charts, tables, a report and a slide deck of the appraisal as it is now. Every "
              "chart carries a caption with scenario, method, data version and date, so that it "
              "can be made again.",
              "Grafieken, tabellen, een rapport en een presentatie van de afweging zoals die nu "
              "is. Elke grafiek heeft een bijschrift met scenario, methode, dataversie en datum, "
              "zodat zij opnieuw te maken is."),
    "language": ("Language of the files", "Taal van de bestanden"),
    "methods": ("Methods (the first one is used for single-method charts)",
                "Methoden (de eerste wordt gebruikt voor grafieken van één methode)"),
    "format": ("Chart format", "Grafiekformaat"),
    "no_methods": ("Choose at least one method.", "Kies ten minste één methode."),
    "building": ("Computing the appraisal ...", "De afweging wordt berekend ..."),
    "caption": ("Caption on every chart: {caption}", "Bijschrift bij elke grafiek: {caption}"),
    "no_browser": ("PNG, SVG and PDF need Chromium on the server, which is not available: "
                   "{error} HTML, CSV, XLSX and the HTML report still work.",
                   "PNG, SVG en PDF hebben Chromium op de server nodig, dat niet beschikbaar is: "
                   "{error} HTML, CSV, XLSX en het HTML-rapport werken wel."),
    "documents": ("Report and slides", "Rapport en presentatie"),
    "html_report": ("Report (HTML, interactive)", "Rapport (HTML, interactief)"),
    "pdf_report": ("Report (PDF)", "Rapport (PDF)"),
    "deck": ("Slide deck (PPTX)", "Presentatie (PPTX)"),
    "zip": ("Everything (ZIP)", "Alles (ZIP)"),
    "prepare": ("Prepare", "Voorbereiden"),
    "download": ("Download", "Downloaden"),
    "preparing": ("Preparing {what} ...", "{what} wordt voorbereid ..."),
    "drawing": ("Drawing the charts and writing the file; this takes a few seconds.",
                "De grafieken worden getekend en het bestand geschreven; dit duurt enkele "
                "seconden."),
    "ready": ("{what} is ready.", "{what} is klaar."),
    "failed": ("{what} could not be made: {error}", "{what} kon niet worden gemaakt: {error}"),
    "charts": ("Charts", "Grafieken"),
    "tables": ("Tables", "Tabellen"),
    "all_tables": ("All tables (XLSX, one sheet per table)",
                   "Alle tabellen (XLSX, één blad per tabel)"),
    "csv_note": ("CSV files are UTF-8; text that a spreadsheet would read as a formula starts "
                 "with an apostrophe.",
                 "CSV-bestanden zijn UTF-8; tekst die een spreadsheet als formule zou lezen "
                 "begint met een apostrof."),
    "needs_browser": ("needs Chromium", "vraagt Chromium"),
}
FORMATS = ("png", "svg", "pdf", "html")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
        "html": "text/html", "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "zip": "application/zip"}
P = state.WIDGET_PREFIX + "export_"
BUILT = "export_built"
PREPARED = "export_prepared"


def say(key: str, **values: str) -> str:
    """A string of this page in the session's language."""
    en, nl = TEXT[key]
    text = nl if state.lang() == "nl" else en
    return text.format(**values) if values else text


@st.cache_resource(show_spinner=False)
def renderer_problem() -> str:
    """Start kaleido's Chromium server once per process; '' when it runs, else the reason."""
    try:
        start_renderer()
    except ExportError as exc:
        return str(exc)
    return ""


def data_version(prob: Problem) -> str:
    """The case's version; with scores edited or options added in the app, plus a hash of the
    problem, so that a caption never claims data it does not show."""
    version = state.case().version or problem_version(prob)
    if state.working_case() != state.case():
        version = f"{version}+{problem_version(prob)[:6]}"
    return version


def scenario_label(lang: str) -> str:
    """The current weighting's name in the files' language."""
    name = st.session_state.get(state.SCENARIO)
    return name.get(lang) if name is not None else word(lang, "custom_weights")


def current_appraisal(prob: Problem, lang: str, methods: list[str]) -> Appraisal:
    """The appraisal of the session's model, rebuilt only when something it shows changed."""
    working = state.working_case()
    scenarios = [*working.scenarios, *state.saved_scenarios().values()]
    version = data_version(prob)
    today = dt.date.today()
    stored = state.smaa_run()
    smaa_key = stored["key"] if stored is not None else ""
    spec = json.dumps({
        "problem": state.problem_key(prob), "scenario": scenario_label(lang), "lang": lang,
        "methods": methods, "version": version, "date": today.isoformat(),
        "scenarios": [s.model_dump_json() for s in scenarios], "smaa": smaa_key,
    }, sort_keys=True)
    key = hashlib.sha256(spec.encode()).hexdigest()
    built = st.session_state.get(BUILT)
    if built is not None and built[0] == key:
        return built[1]
    with st.spinner(say("building")):
        appraisal = build_appraisal(prob, case=working, scenario=scenario_label(lang),
                                    methods=methods, lang=lang, date=today,
                                    scenarios=scenarios)
        appraisal = dataclasses.replace(appraisal, data_version=version)
        if stored is not None and stored["key"].startswith(state.problem_key(prob)):
            outcome = stored["outcome"]
            if set(methods) <= set(outcome):
                appraisal = dataclasses.replace(appraisal, smaa=outcome)
    st.session_state[BUILT] = (key, appraisal)
    st.session_state[PREPARED] = {}
    return appraisal


def zip_bytes(appraisal: Appraisal) -> bytes:
    """Every export in one ZIP (the set ``mcda export`` writes)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="mcda-export-") as folder:
        root = Path(folder)
        paths = write_all(appraisal, root)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()


def prepared_document(name: str, what: str, make: Callable[[], bytes | str], file_name: str,
                      mime: str, disabled: bool) -> None:
    """A document made on request (with progress), then offered for download."""
    prepared: dict[str, bytes] = st.session_state.setdefault(PREPARED, {})
    st.markdown(f"**{md(what)}**")
    if name not in prepared and st.button(say("prepare"), key=f"{P}prepare_{name}",
                                          disabled=disabled, icon=":material/build:"):
        with st.status(say("preparing", what=what), expanded=False) as status:
            st.write(say("drawing"))
            try:
                content = make()
            except ExportError as exc:
                status.update(label=say("failed", what=what, error=md(str(exc))), state="error")
                return
            prepared[name] = content.encode("utf-8") if isinstance(content, str) else content
            status.update(label=say("ready", what=what), state="complete")
    if name in prepared:
        st.download_button(say("download"), prepared[name], file_name=file_name, mime=mime,
                           key=f"{P}download_{name}", type="primary", icon=":material/download:",
                           on_click="ignore")


lang = state.lang()
st.title(say("title"))
notices()
st.caption(say("intro"))
prob = problem_or_stop()

c1, c2, c3 = st.columns([1, 2, 1])
file_lang = c1.selectbox(say("language"), LANGUAGES, index=LANGUAGES.index(lang),
                         key=f"{P}lang_{lang}",
                         format_func={"en": "English", "nl": "Nederlands"}.get)
current = st.session_state.get(state.METHOD, DEFAULT_METHODS[0])
default_methods = [current, *(m for m in DEFAULT_METHODS if m != current)]
methods = c2.multiselect(say("methods"), list(REGISTRY), default=default_methods,
                         key=f"{P}methods", format_func=lambda m: REGISTRY[m].label)
chart_format = c3.radio(say("format"), FORMATS, key=f"{P}format", horizontal=True,
                        format_func=str.upper)
if not methods:
    st.warning(say("no_methods"))
    st.stop()

try:
    appraisal = current_appraisal(prob, file_lang, list(methods))
except ExportError as exc:
    st.error(md(str(exc)))
    st.stop()

st.info(say("caption", caption=md(appraisal.caption())))
browser_error = renderer_problem()
if browser_error:
    st.warning(say("no_browser", error=md(browser_error)))
no_browser = bool(browser_error)
stem = f"mcda-{file_lang}"

st.subheader(say("documents"))
d1, d2, d3, d4 = st.columns(4)
with d1:
    prepared_document("html_report", say("html_report"), lambda: html_report(appraisal),
                      f"{stem}-report.html", MIME["html"], disabled=False)
with d2:
    prepared_document("pdf_report", say("pdf_report"), lambda: pdf_report(appraisal),
                      f"{stem}-report.pdf", MIME["pdf"], disabled=no_browser)
with d3:
    prepared_document("deck", say("deck"), lambda: pptx_deck(appraisal), f"{stem}-deck.pptx",
                      MIME["pptx"], disabled=no_browser)
with d4:
    prepared_document("zip", say("zip"), lambda: zip_bytes(appraisal), f"{stem}-export.zip",
                      MIME["zip"], disabled=no_browser)

st.subheader(say("charts"))
figures = chart_set(appraisal)
static = chart_format != "html"
columns = st.columns(3)
for i, (name, fig) in enumerate(figures.items()):
    with columns[i % 3]:
        st.markdown(md(chart_title(fig)))
        st.download_button(
            f"{chart_format.upper()}" + (f" ({say('needs_browser')})"
                                         if static and no_browser else ""),
            lambda fig=fig: figure_bytes(fig, chart_format, lang=file_lang),
            file_name=f"{stem}-{name}.{chart_format}", mime=MIME[chart_format],
            key=f"{P}chart_{name}", disabled=static and no_browser, icon=":material/download:",
            on_click="ignore")

st.subheader(say("tables"))
frames = tables(appraisal)
st.download_button(say("all_tables"), lambda: xlsx_bytes(frames),
                   file_name=f"{stem}-tables.xlsx", mime=MIME["xlsx"], key=f"{P}xlsx",
                   icon=":material/table_view:", on_click="ignore")
st.caption(say("csv_note"))
columns = st.columns(4)
for i, (name, frame) in enumerate(frames.items()):
    with columns[i % 4]:
        st.download_button(f"{name}.csv", lambda frame=frame: csv_bytes(frame),
                           file_name=f"{stem}-{name}.csv", mime=MIME["csv"],
                           key=f"{P}csv_{name}", icon=":material/download:", on_click="ignore")
