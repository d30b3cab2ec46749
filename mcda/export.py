"""Exports of the current appraisal: charts (PNG, SVG, PDF, HTML), tables (CSV, XLSX), and the set.

An ``Appraisal`` bundles everything an export shows: the problem, the methods' results, the
scenario, the language, the data version, the date and, when computed, sensitivity, SMAA and a
scenario comparison. Every chart comes from ``mcda.charts`` (the same chart as on screen) with a
caption naming scenario, method, data version and date, so that it can be regenerated.

Static images are rendered by kaleido, which drives a Chromium found on the machine. Starting a
browser costs seconds, so one kaleido server is started per process (``start_renderer``) and
reused; calls are serialised by a lock because the server answers one request at a time.
The HTML/PDF report lives in ``mcda.report`` and the PPTX deck in ``mcda.deck``; ``write_all``
writes the whole set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import kaleido
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from choreographer.browsers.chromium import Chromium
from kaleido.errors import (
    BrowserClosedError,
    BrowserFailedError,
    ChromeNotFoundError,
    JavascriptError,
    KaleidoError,
)
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from mcda import charts
from mcda.analysis import Agreement, agreement, dominated
from mcda.data import atomic_write
from mcda.methods import MethodError, MethodResult, get_method, resolve_methods
from mcda.model import LANGUAGES, Case, Problem, ProblemError, Scenario
from mcda.sensitivity import (
    INTERACTIVE_BUDGET,
    LINEAR_METHODS,
    FlipResult,
    OATResult,
    SensitivityError,
    evaluation_work,
    flip,
    flip_evaluations,
    oat,
)
from mcda.smaa import SMAAOutcome, smaa
from mcda.tabular import safe_cell, to_csv

ChartFormat = Literal["png", "svg", "pdf", "html"]
CHART_FORMATS: tuple[ChartFormat, ...] = ("png", "svg", "pdf", "html")
STATIC_SIZE = (1100, 620)
PNG_SCALE = 2
RENDER_START_TIMEOUT = 90.0
RENDER_TIMEOUT = 60.0  # one chart takes 0.2-0.4 s; seconds on a loaded machine
RENDER_STOP_TIMEOUT = 20.0


class ExportError(ValueError):
    """An export cannot be made as asked (missing browser, unknown format, empty appraisal)."""


# --- words ------------------------------------------------------------------------------------

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "scenario": "Scenario",
        "method": "Method",
        "methods": "Methods",
        "data_version": "Data version",
        "custom_weights": "Custom weights",
        "default_weights": "Default weights",
        "changed_weights": "{name}, weights changed: {weights}",
        "option": "Option",
        "option_id": "Option id",
        "criterion": "Criterion",
        "criterion_id": "Criterion id",
        "direction": "Direction",
        "benefit": "benefit (higher is better)",
        "cost": "cost (lower is better)",
        "unit": "Unit",
        "scale": "Scale",
        "weight": "Weight",
        "value": "Value",
        "low": "Low",
        "high": "High",
        "evidence": "Evidence (quotes)",
        "assumption": "Assumption",
        "yes": "yes",
        "no": "no",
        "sources": "Sources",
        "score": "Score",
        "rank": "Rank",
        "better": "Better",
        "higher": "higher",
        "lower": "lower",
        "mean_rank": "Mean rank",
        "consensus_rank": "Consensus rank",
        "first_by": "Ranked first by",
        "kendall_tau": "Kendall's tau",
        "current_weight": "Current weight",
        "stable_from": "Stays first from",
        "stable_to": "Stays first to",
        "switches": "First place changes at",
        "acceptability": "Ranked {r}",
        "confidence": "Confidence factor",
        "central": "Central weight: {c}",
        "setting": "Setting",
        "definition": "Definition",
        "dominated_by": "Dominated by",
        "distance": "Weight change needed (sum of |change|)",
        "what_it_takes": "What it takes",
        "source": "Source",
        "section": "Section",
        "quote": "Quote",
    },
    "nl": {
        "scenario": "Scenario",
        "method": "Methode",
        "methods": "Methoden",
        "data_version": "Dataversie",
        "custom_weights": "Eigen weging",
        "default_weights": "Standaardgewichten",
        "changed_weights": "{name}, gewichten gewijzigd: {weights}",
        "option": "Optie",
        "option_id": "Optie-id",
        "criterion": "Criterium",
        "criterion_id": "Criterium-id",
        "direction": "Richting",
        "benefit": "baat (hoger is beter)",
        "cost": "kost (lager is beter)",
        "unit": "Eenheid",
        "scale": "Schaal",
        "weight": "Gewicht",
        "value": "Waarde",
        "low": "Laag",
        "high": "Hoog",
        "evidence": "Onderbouwing (citaten)",
        "assumption": "Aanname",
        "yes": "ja",
        "no": "nee",
        "sources": "Bronnen",
        "score": "Score",
        "rank": "Rang",
        "better": "Beter",
        "higher": "hoger",
        "lower": "lager",
        "mean_rank": "Gemiddelde rang",
        "consensus_rank": "Consensusrang",
        "first_by": "Eerste volgens",
        "kendall_tau": "Kendalls tau",
        "current_weight": "Huidig gewicht",
        "stable_from": "Blijft eerste vanaf",
        "stable_to": "Blijft eerste tot",
        "switches": "Eerste plaats wisselt bij",
        "acceptability": "Rang {r}",
        "confidence": "Betrouwbaarheid",
        "central": "Centraal gewicht: {c}",
        "setting": "Instelling",
        "definition": "Definitie",
        "dominated_by": "Gedomineerd door",
        "distance": "Benodigde gewichtsverandering (som van |verandering|)",
        "what_it_takes": "Wat nodig is",
        "source": "Bron",
        "section": "Paragraaf",
        "quote": "Citaat",
    },
}


def word(lang: str, key: str, **values: Any) -> str:
    """An export label in ``lang`` (English when the language is unknown)."""
    text = WORDS.get(lang, WORDS["en"])[key]
    return text.format(**values) if values else text


# --- the appraisal ------------------------------------------------------------------------------

MAX_COMPARED = 5


def problem_version(problem: Problem) -> str:
    """A short content hash of a problem (for data that did not come from a data folder)."""
    return hashlib.sha256(problem.model_dump_json().encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Appraisal:
    """Everything an export of the current appraisal shows, computed once.

    ``results`` are the methods' results on ``problem`` in the order chosen (the first is the
    *primary* method of single-method charts); ``sensitivity`` and ``flips`` are keyed by method;
    ``comparison`` maps a scenario's display name to its problem and its results per method (the
    current scenario first). ``case`` gives the question, descriptions, evidence and sources; a
    problem from a spreadsheet has none.
    """

    problem: Problem
    results: Mapping[str, MethodResult]
    scenario: str
    lang: str = "en"
    case: Case | None = None
    data_version: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    sensitivity: Mapping[str, OATResult] = field(default_factory=dict)
    flips: Mapping[str, tuple[FlipResult, ...]] = field(default_factory=dict)
    smaa: SMAAOutcome | None = None
    comparison: Mapping[str, tuple[Problem, Mapping[str, MethodResult]]] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        if not self.results:
            raise ExportError("nothing to export: no method results")
        if self.lang not in LANGUAGES:
            raise ExportError(f"unknown language '{self.lang}' (known: {', '.join(LANGUAGES)})")
        for name, result in self.results.items():
            if result.option_ids != self.problem.option_ids:
                raise ExportError(f"the results of '{name}' are not of this problem's options")
        if not self.data_version:
            object.__setattr__(self, "data_version", problem_version(self.problem))

    @cached_property
    def agreement(self) -> Agreement:
        """The methods' rank correlations and Borda-type consensus (``mcda.analysis``)."""
        return agreement(self.results)

    @property
    def consensus_order(self) -> list[str]:
        """Option ids from best to worst by the consensus over the methods."""
        return self.agreement.consensus_order

    @property
    def methods(self) -> tuple[str, ...]:
        """The method names, primary first."""
        return tuple(self.results)

    @property
    def primary(self) -> MethodResult:
        """The result of the first method chosen."""
        return next(iter(self.results.values()))

    @property
    def title(self) -> str:
        """The appraisal's title in the chosen language."""
        if self.case is not None:
            return self.case.title.get(self.lang)
        return "Afweging" if self.lang == "nl" else "Appraisal"

    @property
    def question(self) -> str | None:
        """The question the appraisal answers, when the case states one."""
        if self.case is None or self.case.question is None:
            return None
        return self.case.question.get(self.lang)

    @property
    def palette(self) -> charts.Palette:
        """Fixed colours: by case order when there is a case, else by problem order."""
        if self.case is not None:
            return charts.Palette.from_case(self.case)
        return charts.Palette.from_problem(self.problem)

    def option_name(self, option_id: str) -> str:
        """An option's name in the chosen language."""
        return self.problem.options[self.problem.option_ids.index(option_id)].name.get(self.lang)

    def criterion_name(self, criterion_id: str) -> str:
        """A criterion's name in the chosen language."""
        for crit in self.problem.criteria:
            if crit.id == criterion_id:
                return crit.name.get(self.lang)
        if self.case is not None:
            return self.case.criterion(criterion_id).name.get(self.lang)
        return criterion_id

    def method_labels(self, methods: Sequence[str] | None = None) -> str:
        """The methods' labels joined, e.g. 'Weighted sum (WSM), TOPSIS'."""
        names = self.methods if methods is None else methods
        return ", ".join(get_method(m).label for m in names)

    def caption(self, methods: Sequence[str] | None = None) -> str:
        """'Scenario: X · Method: Y · Data version: v · date', to regenerate a chart."""
        names = self.methods if methods is None else tuple(methods)
        key = "method" if len(names) == 1 else "methods"
        return " · ".join([
            f"{word(self.lang, 'scenario')}: {self.scenario}",
            f"{word(self.lang, key)}: {self.method_labels(names)}",
            f"{word(self.lang, 'data_version')}: {self.data_version}",
            self.date.isoformat(),
        ])


def scenario_label(scenario: Scenario | str | None, lang: str) -> str:
    """The display name of a scenario (a custom weighting when None)."""
    if scenario is None:
        return word(lang, "custom_weights")
    if isinstance(scenario, Scenario):
        return scenario.name.get(lang)
    return scenario


def _rank(problem: Problem, methods: Sequence[str]) -> dict[str, MethodResult]:
    try:
        return {name: get_method(name).rank(problem) for name in methods}
    except MethodError as exc:
        raise ExportError(str(exc)) from None


def _comparison(problem: Problem, case: Case, current: str, current_id: str | None,
                methods: Sequence[str], scenarios: Sequence[Scenario], lang: str,
                results: Mapping[str, MethodResult]
                ) -> dict[str, tuple[Problem, Mapping[str, MethodResult]]]:
    """The current weighting and up to four other scenarios, on the same options and scores."""
    runs: dict[str, tuple[Problem, Mapping[str, MethodResult]]] = {current: (problem, results)}
    for scenario in scenarios:
        if len(runs) >= MAX_COMPARED:
            break
        name = scenario.name.get(lang)
        if scenario.id == current_id or name in runs:
            continue
        try:
            other = Problem(criteria=tuple(c for c in case.criteria if c.id in scenario.weights),
                            options=problem.options, weights=dict(scenario.weights))
        except ProblemError:
            continue
        runs[name] = (other, _rank(other, methods))
    return runs if len(runs) > 1 else {}


def _flips(problem: Problem, result: MethodResult, seed: int) -> tuple[FlipResult, ...]:
    """What it takes for every option not ranked first; where the numeric searches of all of
    them would exceed one request's compute budget, for the runner-up options only (the linear
    methods are solved exactly, at no such cost)."""
    n, m = problem.matrix.shape
    wanted = [o for o in problem.option_ids if result.rank_of(o) != 1]
    each = (0 if result.method in LINEAR_METHODS
            else flip_evaluations(m) * evaluation_work(result.method, n, m))
    if each * len(wanted) > INTERACTIVE_BUDGET:
        second = min(result.rank_of(o) for o in wanted) if wanted else 0
        wanted = [o for o in wanted if result.rank_of(o) == second]
    out = []
    for option in wanted:
        try:
            out.append(flip(problem, option, result.method, seed=seed))
        except SensitivityError:
            return ()
    return tuple(out)


def build_appraisal(
    problem: Problem,
    *,
    case: Case | None = None,
    scenario: Scenario | str | None = None,
    methods: Sequence[str] | None = None,
    lang: str = "en",
    date: dt.date | None = None,
    sensitivity: bool = True,
    smaa_samples: int = 10_000,
    seed: int = 0,
    scenarios: Sequence[Scenario] | None = None,
) -> Appraisal:
    """Rank the problem and compute what the exports show.

    ``scenario`` names the current weighting (a Scenario, a display name, or None for custom
    weights). With ``sensitivity``: one-at-a-time sweeps and "what it takes" for every option not
    ranked first, per method. ``smaa_samples`` > 0 runs SMAA-2 (uniform weights, fixed scores,
    ``seed``). With a case, the current weighting is compared with up to four of ``scenarios``
    (default: the case's own).
    """
    try:
        names = resolve_methods(list(methods) if methods else None)
    except MethodError as exc:
        raise ExportError(str(exc)) from None
    if isinstance(scenario, Scenario) and dict(scenario.weights) != dict(problem.weights):
        raise ExportError(f"the problem's weights are not those of scenario '{scenario.id}': "
                          "pass the scenario's problem, or a name for the changed weights")
    results = _rank(problem, names)
    label = scenario_label(scenario, lang)
    oat_results: dict[str, OATResult] = {}
    flips: dict[str, tuple[FlipResult, ...]] = {}
    if sensitivity and len(problem.criteria) >= 2:
        for name in names:
            try:
                oat_results[name] = oat(problem, name)
            except SensitivityError:
                continue
            flips[name] = _flips(problem, results[name], seed)
    outcome = None
    if smaa_samples > 0:
        try:
            outcome = smaa(problem, names, samples=smaa_samples, seed=seed)
        except SensitivityError:
            outcome = None
    comparison: dict[str, tuple[Problem, Mapping[str, MethodResult]]] = {}
    if case is not None:
        current_id = scenario.id if isinstance(scenario, Scenario) else None
        comparison = _comparison(problem, case, label, current_id, names,
                                 case.scenarios if scenarios is None else scenarios, lang,
                                 results)
    return Appraisal(
        problem=problem, results=results, scenario=label, lang=lang, case=case,
        data_version=case.version if case is not None and case.version else "",
        date=date or dt.date.today(), sensitivity=oat_results, flips=flips, smaa=outcome,
        comparison=comparison,
    )


# --- charts -------------------------------------------------------------------------------------


def chart_set(appraisal: Appraisal) -> dict[str, go.Figure]:
    """Every chart of the appraisal by file name, in report order, each with its caption."""
    a = appraisal
    problem, lang, pal = a.problem, a.lang, a.palette
    figures: dict[str, go.Figure] = {
        "weights": charts.weights_bar(problem, lang, a.caption(), pal),
        "performance": charts.performance_heatmap(problem, lang, a.caption()),
        "ranks": charts.method_ranks(a.results, problem, lang, a.caption(), pal),
    }
    for name, result in a.results.items():
        if name in charts.contribution_methods():
            figures[f"contributions_{name}"] = charts.contributions_bar(
                result, problem, lang, a.caption([name]), pal)
    primary = a.primary.method
    if a.comparison:
        runs = {label: (p, results[primary]) for label, (p, results) in a.comparison.items()}
        figures["scenarios"] = charts.scenario_comparison(runs, lang, a.caption([primary]), pal)
    for name, oat_result in a.sensitivity.items():
        figures[f"stability_{name}"] = charts.stability_intervals(
            oat_result, problem, lang, a.caption([name]), pal)
    if primary in a.sensitivity:
        criterion = most_sensitive(a.sensitivity[primary])
        figures[f"oat_{primary}_{criterion}"] = charts.oat_sweep(
            a.sensitivity[primary], criterion, problem, lang, a.caption([primary]), pal)
    reachable = [f for f in a.flips.get(primary, ()) if f.reachable and f.distance]
    if reachable:
        closest = min(reachable, key=lambda f: f.distance or 0.0)
        figures[f"flip_{primary}_{closest.option}"] = charts.flip_weights(
            closest, problem, lang, a.caption([primary]))
    if a.smaa is not None:
        for name, smaa_result in a.smaa.items():
            figures[f"acceptability_{name}"] = charts.rank_acceptability(
                smaa_result, problem, lang, a.caption([name]))
        if primary in a.smaa:
            figures[f"pairwise_{primary}"] = charts.pairwise_winning(
                a.smaa[primary], problem, lang, a.caption([primary]))
    taken: set[str] = set()
    return {file_name(name, taken): fig for name, fig in figures.items()}


def file_name(name: str, taken: set[str]) -> str:
    """``name`` as a safe, unique file stem: letters, digits, '_' and '-' only (ids of options
    from an upload may hold anything)."""
    stem = re.sub(r"[^A-Za-z0-9-]+", "_", name).strip("_")[:80] or "chart"
    unique, n = stem, 2
    while unique.lower() in taken:
        unique, n = f"{stem}_{n}", n + 1
    taken.add(unique.lower())
    return unique


def most_sensitive(result: OATResult) -> str:
    """The criterion whose weight is closest to a change of the first-ranked option (the first
    criterion when no weight changes it)."""
    gaps = [min((abs(s.weight - sweep.current) for s in sweep.switches), default=np.inf)
            for sweep in result.sweeps]
    return result.sweeps[int(np.argmin(gaps))].criterion


def chart_title(fig: go.Figure) -> str:
    """A chart's title as plain text (charts escape data text for plotly)."""
    return html.unescape(fig.layout.title.text or "")


# --- rendering ----------------------------------------------------------------------------------

NO_BROWSER = (
    "static chart export (PNG, SVG, PDF) needs Chromium, which was not found. Install it with "
    "'sudo apt-get install chromium' (Debian/Ubuntu; or run 'make system-deps'), or set "
    "BROWSER_PATH to a Chrome or Chromium executable. HTML exports work without it."
)
# What kaleido and choreographer raise when the external browser fails: a crash or a closed
# pipe (BrowserClosedError, ChannelClosedError: an OSError), a garbled answer (JSONError, a
# RuntimeError), a failing script (JavascriptError, KaleidoError), or a stopped server.
_RENDER_ERRORS = (KaleidoError, JavascriptError, ChromeNotFoundError, BrowserFailedError,
                  BrowserClosedError, TimeoutError, RuntimeError, OSError, ValueError)
_PROBE = {"data": [{"type": "bar", "x": [0], "y": [1]}], "layout": {}}


def chromium_path() -> str:
    """The Chromium kaleido will drive (``BROWSER_PATH`` wins); ``ExportError`` if there is none."""
    path = Chromium.find_browser(skip_local=False)
    if not path or not Path(path).is_file():
        raise ExportError(NO_BROWSER)
    return path


def _in_thread(call: Callable[[], Any], timeout: float) -> Any:
    """``call()``'s result or the exception it raised, or a TimeoutError after ``timeout`` s.

    kaleido's server waits for ever for a browser that died or hangs, so every call to it runs in
    a helper thread that the caller can give up on (the thread is left waiting; it is a daemon).
    """
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except Exception as exc:  # handed to the caller, which tells failures from bugs
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout)
    return outcome[0] if outcome else TimeoutError(f"no answer within {timeout:.0f} s")


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _stop_server() -> None:
    """Stop kaleido's server; a browser that already died may make the stop itself fail."""
    try:
        kaleido.stop_sync_server(silence_warnings=True)
    except _RENDER_ERRORS:
        return


class _Renderer:
    """One kaleido server per process, started on first use; one request at a time.

    A render that fails (Chromium crashed, sent a garbled answer, or gave none within
    ``RENDER_TIMEOUT``) restarts the server and is tried once more; a second failure is an
    ``ExportError`` naming both. A server that cannot even be stopped (its browser hangs) is not
    replaced while its stop is pending: a second server would share kaleido's one global slot.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started = False
        self.failure = ""
        self.stopping: threading.Thread | None = None

    def start(self) -> None:
        with self.lock:
            self._start()

    def _start(self) -> None:
        if self.failure:
            raise ExportError(self.failure)
        if self.started:
            return
        if self.stopping is not None and self.stopping.is_alive():
            raise ExportError("Chromium stopped answering and has not shut down yet; try again "
                              "in a minute, or restart the app if this persists")
        chromium_path()
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        self.started = True
        # A browser that dies while starting leaves kaleido's queue waiting for ever: warm up in
        # a helper thread and give up after a while instead of hanging the caller.
        outcome = self._call(_PROBE, "svg", 100, 100, 1, RENDER_START_TIMEOUT)
        if isinstance(outcome, BaseException):
            self._stop()
            self.failure = f"Chromium could not render charts: {_describe(outcome)}. {NO_BROWSER}"
            raise ExportError(self.failure)

    def _stop(self) -> None:
        """Stop the server, waiting at most ``RENDER_STOP_TIMEOUT`` (a hung browser blocks it)."""
        self.started = False
        stopper = threading.Thread(target=_stop_server, daemon=True)
        stopper.start()
        stopper.join(RENDER_STOP_TIMEOUT)
        self.stopping = stopper if stopper.is_alive() else None

    @staticmethod
    def _call(fig: dict[str, Any], fmt: str, width: int, height: int, scale: float,
              timeout: float) -> bytes | BaseException:
        """The image, or the browser's failure; anything else raised is a bug and raised on."""
        result = _in_thread(lambda: kaleido.calc_fig_sync(
            fig, opts={"format": fmt, "width": width, "height": height, "scale": scale}),
            timeout)
        if isinstance(result, Exception) and not isinstance(result, _RENDER_ERRORS):
            raise result
        return result

    def render(self, fig: dict[str, Any], fmt: str, width: int, height: int, scale: float
               ) -> bytes:
        what = f"could not render the chart as {fmt.upper()}"
        with self.lock:
            self._start()
            first = self._call(fig, fmt, width, height, scale, RENDER_TIMEOUT)
            if not isinstance(first, BaseException):
                return first
            self._stop()
            try:
                self._start()
            except ExportError as exc:
                raise ExportError(f"{what}: Chromium failed ({_describe(first)}) and could not "
                                  f"be restarted: {exc}") from None
            second = self._call(fig, fmt, width, height, scale, RENDER_TIMEOUT)
        if isinstance(second, BaseException):
            raise ExportError(
                f"{what}: Chromium failed twice, before and after a restart "
                f"({_describe(first)}; then {_describe(second)}). Try again; if it keeps "
                "failing, check that Chromium runs ('chromium --headless --version') and restart "
                "the app")
        return second


_RENDERER = _Renderer()


def start_renderer() -> None:
    """Start the shared kaleido/Chromium server now (else the first static export does it).

    Raises ``ExportError`` with installation advice when Chromium is missing or cannot start.
    """
    _RENDERER.start()


def _page(title: str, body: str, lang: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n"
            '<style>body{margin:24px;font-family:Arial,"Liberation Sans",sans-serif}</style>\n'
            f"</head>\n<body>\n{body}\n</body>\n</html>\n")


PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "toImageButtonOptions": {"format": "svg"}}


def figure_html(fig: go.Figure, lang: str = "en") -> str:
    """A chart as a self-contained interactive HTML page (plotly.js embedded, works offline)."""
    body = pio.to_html(fig, include_plotlyjs=True, full_html=False, config=PLOTLY_CONFIG,
                       default_height=f"{fig.layout.height or 600}px")
    return _page(chart_title(fig) or "Chart", body, lang)


def figure_bytes(fig: go.Figure, fmt: str, width: int = STATIC_SIZE[0],
                 lang: str = "en") -> bytes:
    """A chart as PNG, SVG or PDF (kaleido, Chromium) or as a self-contained HTML page.

    Static images are ``width`` layout pixels wide and as high as the chart says; PNG is drawn at
    twice that resolution so that it stays sharp in slides and print.
    """
    if fmt == "html":
        return figure_html(fig, lang).encode("utf-8")
    if fmt not in ("png", "svg", "pdf"):
        raise ExportError(f"unknown chart format '{fmt}' (known: {', '.join(CHART_FORMATS)})")
    height = int(fig.layout.height or STATIC_SIZE[1])
    scale = PNG_SCALE if fmt == "png" else 1
    return _RENDERER.render(fig.to_dict(), fmt, width, height, scale)


# --- tables -------------------------------------------------------------------------------------


def _criterion_header(appraisal: Appraisal, crit_id: str) -> str:
    crit = next(c for c in appraisal.problem.criteria if c.id == crit_id)
    name = crit.name.get(appraisal.lang)
    return f"{name} ({crit.unit})" if crit.unit else name


def _round(value: float, digits: int = 4) -> float:
    return round(float(value), digits)


def tables(appraisal: Appraisal) -> dict[str, pd.DataFrame]:
    """Every table of the appraisal by file name: values stay numbers, labels in the language."""
    a = appraisal

    def w(key: str, **values: Any) -> str:
        return word(a.lang, key, **values)

    problem = a.problem
    out: dict[str, pd.DataFrame] = {}

    out["weights"] = pd.DataFrame([{
        w("criterion_id"): c.id,
        w("criterion"): c.name.get(a.lang),
        w("direction"): w(c.direction),
        w("unit"): c.unit,
        w("weight"): _round(weight),
    } for c, weight in zip(problem.criteria, problem.w, strict=True)])

    perf = []
    scores = []
    evidence = []
    for option in problem.options:
        name = option.name.get(a.lang)
        perf.append({w("option_id"): option.id, w("option"): name,
                     **{_criterion_header(a, c): option.scores[c].value
                        for c in problem.criterion_ids}})
        for crit in problem.criteria:
            score = option.scores[crit.id]
            scores.append({
                w("option_id"): option.id, w("option"): name,
                w("criterion_id"): crit.id, w("criterion"): crit.name.get(a.lang),
                w("unit"): crit.unit, w("value"): score.value, w("low"): score.low,
                w("high"): score.high, w("assumption"): w("yes" if score.assumption else "no"),
                w("evidence"): len(score.evidence),
                w("sources"): "; ".join(dict.fromkeys(e.source for e in score.evidence)),
            })
            for item in score.evidence:
                evidence.append({
                    w("option_id"): option.id, w("criterion_id"): crit.id,
                    w("source"): item.source, w("section"): item.section,
                    w("quote"): item.quote or "",
                })
    out["performance"] = pd.DataFrame(perf)
    out["scores"] = pd.DataFrame(scores)
    out["evidence"] = pd.DataFrame(evidence, columns=[w("option_id"), w("criterion_id"),
                                                      w("source"), w("section"), w("quote")])

    agree = a.agreement
    rows = []
    for option in a.consensus_order:
        i = agree.option_ids.index(option)
        row: dict[str, Any] = {w("option_id"): option, w("option"): a.option_name(option),
                               w("consensus_rank"): int(agree.consensus[i]),
                               w("mean_rank"): _round(agree.mean_rank[i], 2)}
        for result in a.results.values():
            row[f"{result.label}: {w('rank')}"] = result.rank_of(option)
            row[f"{result.label}: {w('score')}"] = _round(result.score_of(option))
        rows.append(row)
    out["rankings"] = pd.DataFrame(rows)
    labels = [a.results[m].label for m in agree.methods]
    out["agreement"] = pd.DataFrame([{
        w("method"): labels[i], w("method") + " 2": labels[j],
        "Spearman rho": _round(agree.spearman[i, j]),
        "Kendall tau-b": _round(agree.kendall[i, j]),
        "weighted Spearman r_w": _round(agree.weighted_spearman[i, j]),
        "WS": _round(agree.ws[i, j]),
    } for i in range(len(labels)) for j in range(len(labels)) if i != j])
    beaten = dominated(problem)
    out["dominance"] = pd.DataFrame([
        {w("option_id"): o, w("option"): a.option_name(o),
         w("dominated_by"): "; ".join(a.option_name(d) for d in beaten.get(o, []))}
        for o in problem.option_ids])

    if a.sensitivity:
        out["stability"] = pd.DataFrame([{
            w("method"): oat_result.label, w("criterion_id"): sweep.criterion,
            w("criterion"): a.criterion_name(sweep.criterion),
            w("current_weight"): _round(sweep.current),
            w("stable_from"): _round(sweep.stability[0]),
            w("stable_to"): _round(sweep.stability[1]),
            w("switches"): "; ".join(
                f"{s.weight:.3f}: {', '.join(a.option_name(f) for f in s.first)}"
                for s in sweep.switches),
        } for oat_result in a.sensitivity.values() for sweep in oat_result.sweeps])
    flips = [f for items in a.flips.values() for f in items]
    if flips:
        out["what_it_takes"] = pd.DataFrame([{
            w("method"): f.label, w("option_id"): f.option, w("option"): a.option_name(f.option),
            w("distance"): None if f.distance is None else _round(f.distance),
            w("what_it_takes"): f.sentence(a.lang),
        } for f in flips])
    if a.smaa is not None:
        n = len(problem.option_ids)
        rows = []
        for result in a.smaa.results.values():
            for i, option in enumerate(result.option_ids):
                rows.append({
                    w("method"): result.label, w("option_id"): option,
                    w("option"): a.option_name(option),
                    **{w("acceptability", r=r + 1): _round(result.rank_acceptability[i, r])
                       for r in range(n)},
                    **({w("confidence"): _round(result.confidence[i])}
                       if a.smaa.scores != "fixed" else {}),
                })
        out["smaa"] = pd.DataFrame(rows)
    if a.comparison:
        rows = []
        for option in problem.option_ids:
            row = {w("option_id"): option, w("option"): a.option_name(option)}
            for scenario, (_, results) in a.comparison.items():
                for result in results.values():
                    row[f"{scenario} · {result.label}"] = result.rank_of(option)
            rows.append(row)
        out["scenarios"] = pd.DataFrame(rows)
    out["methods"] = pd.DataFrame([{
        w("method"): r.label, "id": name, w("better"): w(r.better),
        w("setting"): "; ".join(f"{k} = {v}" for k, v in r.settings.items()),
        w("definition"): r.definition,
    } for name, r in a.results.items()])
    return out


# --- spreadsheets -------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A table value for a spreadsheet: numbers stay numbers, text is neutralised."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        return value if np.isfinite(value) else None
    if isinstance(value, int):
        return value
    return safe_cell(str(value))


def _rows(df: pd.DataFrame) -> list[list[Any]]:
    header = [_cell(str(c)) for c in df.columns]
    return [header, *([_cell(v) for v in row] for row in df.itertuples(index=False, name=None))]


def csv_bytes(df: pd.DataFrame, separator: str = ",") -> bytes:
    """A table as UTF-8 CSV with a byte-order mark (so Excel reads accents); ';' gives decimal
    commas for Dutch Excel. Text cells starting with = + - @ tab or CR get a leading apostrophe."""
    if separator not in (",", ";"):
        raise ExportError(f"CSV separator must be ',' or ';', got {separator!r}")
    return "\ufeff".encode() + to_csv(_rows(df), separator)


_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _sheet_title(name: str, used: set[str]) -> str:
    base = name.translate(_SHEET_FORBIDDEN)[:31] or "table"
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def xlsx_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """Tables as one XLSX workbook, a sheet per table (bold header, frozen, sized columns).

    Numbers are written as numbers; text cells starting with = + - @ tab or CR get a leading
    apostrophe so that no spreadsheet evaluates them as formulas.
    """
    if not frames:
        raise ExportError("no tables to write")
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    header_fill = PatternFill("solid", fgColor="E8EEF4")
    for name, df in frames.items():
        sheet = book.create_sheet(_sheet_title(name, used))
        for row in _rows(df):
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        for j, column in enumerate(sheet.iter_cols(min_row=1, max_row=sheet.max_row), start=1):
            longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[get_column_letter(j)].width = min(max(10, longest + 2), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the whole set ------------------------------------------------------------------------------


def write_all(appraisal: Appraisal, out_dir: Path | str,
              chart_formats: Sequence[str] = CHART_FORMATS) -> list[Path]:
    """Write every export into ``out_dir`` and return the paths written, in order.

    ``charts/<name>.<png|svg|pdf|html>``, ``tables/<name>.csv``, ``tables.xlsx``,
    ``report.html``, ``report.pdf`` and ``deck.pptx``; each file is written atomically.
    """
    # The report and the deck build on this module, so they are imported when used.
    from mcda.deck import pptx_deck
    from mcda.report import html_report, pdf_report

    for fmt in chart_formats:
        if fmt not in CHART_FORMATS:
            raise ExportError(f"unknown chart format '{fmt}' (known: {', '.join(CHART_FORMATS)})")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError("the output path exists and is not a folder")
    written: list[Path] = []

    def put(relative: str, content: str | bytes) -> None:
        path = out / relative
        atomic_write(path, content)
        written.append(path)

    for name, fig in chart_set(appraisal).items():
        for fmt in chart_formats:
            put(f"charts/{name}.{fmt}", figure_bytes(fig, fmt, lang=appraisal.lang))
    frames = tables(appraisal)
    for name, df in frames.items():
        put(f"tables/{name}.csv", csv_bytes(df))
    put("tables.xlsx", xlsx_bytes(frames))
    put("report.html", html_report(appraisal))
    put("report.pdf", pdf_report(appraisal))
    put("deck.pptx", pptx_deck(appraisal))
    return written
