"""The session model: the user's appraisal, kept in ``st.session_state`` under non-widget keys.

Streamlit drops a widget's state when the widget is not rendered (another page), so the model lives
under keys that no widget owns (``model_*`` and ``lang``) and every widget is initialised from it;
widget keys start with ``ui_`` and are cleared whenever the model changes from elsewhere (a case or
a scenario is loaded, weights are computed), so widgets never show stale values.

What the model holds: the loaded ``Case``; a raw weight per criterion (any non-negative scale) and
the active criteria; edited scores {option: {criterion: value}}; options added in the app; options
switched off; saved scenarios; the current scenario's name (None for a custom weighting); the
method; the last SMAA run. ``problem()`` turns it into a validated ``Problem``; the engine calls
are cached on the problem's JSON (``st.cache_data`` hashes plain strings, not pydantic objects).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st

from mcda import roots
from mcda.analysis import Agreement, agreement
from mcda.audit import Audit, assumption_share, audit
from mcda.charts import Palette
from mcda.data import DataError, load_case
from mcda.methods import REGISTRY, MethodResult, rank_all
from mcda.model import Case, Criterion, Option, Problem, ProblemError, Scenario, Score, Text, clip
from mcda.robustness import FirstPlace, first_place
from mcda.sensitivity import FlipResult, OATResult, flip, oat
from mcda.tabular import problem_from_bytes, sheet_names
from ui.i18n import STRINGS, t

LANG = "lang"
CASE = "model_case"
SOURCE = "model_source"
WEIGHTS = "model_weights"
ACTIVE = "model_active"
EDITS = "model_edits"
ADDED = "model_added"
DISABLED = "model_disabled"
SCENARIOS = "model_scenarios"
SCENARIO = "model_scenario"
METHOD = "model_method"
SMAA = "model_smaa"
NOTICES = "model_notices"
AHP = "model_ahp"
WEIGHT_METHOD = "model_weight_method"
WIDGET_PREFIX = "ui_"
METHODS: tuple[str, ...] = tuple(REGISTRY)
MAX_NAME = 80  # characters of a file name shown in a message
MAX_LINE = 300  # characters of one line of a message
MAX_LINES = 20  # lines of one message
LOG = logging.getLogger("policy_mcda")


class EditError(ValueError):
    """A score edit or a new option was refused; the message is in the user's language."""


@st.cache_resource(show_spinner=False)
def bundled_case() -> Case:
    """The case shipped with the project (loaded once per server process)."""
    return load_case()


def init() -> None:
    """Create the model once per session: the bundled case with its default weights."""
    ss = st.session_state
    ss.setdefault(LANG, "en")
    if CASE not in ss:
        set_case(bundled_case(), "bundled")


def lang() -> str:
    return st.session_state.get(LANG, "en")


def set_case(case: Case, source: str) -> None:
    """Replace the whole model by a newly loaded case (weights, edits, scenarios start afresh)."""
    ss = st.session_state
    ss[CASE] = case
    ss[SOURCE] = source
    ss[WEIGHTS] = {c.id: float(c.default_weight) for c in case.criteria}
    ss[ACTIVE] = [c.id for c in case.criteria if not c.optional]
    ss[EDITS] = {}
    ss[ADDED] = []
    ss[DISABLED] = []
    ss[SCENARIOS] = {}
    ss[SCENARIO] = both("default_weights")
    ss[METHOD] = "wsm"
    ss[SMAA] = None
    ss.pop(AHP, None)
    reset_widgets()


def data_roots() -> list[Path]:
    """The folders the operator allows data folders to be loaded from (``MCDA_DATA_ROOTS``);
    [] when loading folders is switched off."""
    return roots.configured_roots()


def case_folders() -> dict[str, roots.CaseFolder]:
    """The case folders under the data roots, by their label."""
    return {found.label: found for found in roots.find_cases(data_roots())}


def load_folder(path: str) -> None:
    """Load a case folder from under the data roots: a listed label or a typed path (absolute, or
    relative to a root). Whatever keeps a path from loading (missing, outside the roots, not a
    case, too long) gives one message; a ``DataError`` leaves the current model as it was."""
    if not path.strip():
        raise DataError(t("folder_required"))
    listed = case_folders().get(path)
    try:
        found = roots.resolve_case(str(listed.path) if listed else path, data_roots())
    except roots.RootError:
        raise DataError(t("folder_refused")) from None
    set_case(roots.load(found), found.label)


def shorten(text: object, limit: int = MAX_NAME) -> str:
    """Text from a user or a file cut to ``limit`` characters, so a message never repeats
    unbounded input."""
    return clip(str(text), limit)


@st.cache_data(show_spinner=False, max_entries=16)
def sheets_of(raw: bytes, name: str) -> list[str]:
    """The sheet names of an uploaded workbook ([] for a CSV, or a file that cannot be read:
    loading it then says why)."""
    try:
        return sheet_names(raw, name)
    except DataError:
        return []


def load_spreadsheet(matrix: bytes, matrix_name: str, criteria: bytes, criteria_name: str, *,
                     matrix_sheet: str | None = None, criteria_sheet: str | None = None) -> None:
    """Load a matrix and a criteria file (CSV or XLSX, with the sheet to read where a workbook
    has several); errors name the files (shortened) and leave the model as it was."""
    matrix_name, criteria_name = shorten(matrix_name), shorten(criteria_name)
    prob = problem_from_bytes(matrix, matrix_name, criteria, criteria_name,
                              matrix_sheet=matrix_sheet, criteria_sheet=criteria_sheet)
    crits = tuple(c.model_copy(update={"default_weight": float(prob.weights[c.id])})
                  for c in prob.criteria)
    version = hashlib.sha256(matrix + b"\0" + criteria).hexdigest()[:10]
    loaded = Case(title=Text.same(f"{matrix_name} + {criteria_name}"), criteria=crits,
                  options=prob.options, version=version)
    set_case(loaded, f"{matrix_name} + {criteria_name}")


def both(key: str) -> Text:
    """A UI string in both languages, for names stored in the model."""
    en, nl = STRINGS[key]
    return Text(en=en, nl=nl)


def reset_widgets() -> None:
    """Forget every widget's own state so that widgets are rebuilt from the model."""
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[key]


def notify(kind: str, text: str, place: str = "top") -> None:
    """Queue a message (kind: success, info, warning, error) for the next page render, shown at
    ``place`` (the top of the page, or a named spot such as beside the control that caused it)."""
    st.session_state.setdefault(NOTICES, []).append((place, kind, text))


def take_notices(place: str = "top") -> list[tuple[str, str]]:
    """The messages queued for ``place``, once."""
    queued = st.session_state.get(NOTICES, [])
    st.session_state[NOTICES] = [n for n in queued if n[0] != place]
    return [(kind, text) for where, kind, text in queued if where == place]


# --- the case and the problem -------------------------------------------------------------------


def case() -> Case:
    """The loaded case as it came from its files."""
    return st.session_state[CASE]


def source_label() -> str:
    """Where the loaded case came from, for display."""
    source = st.session_state[SOURCE]
    return t("bundled_case") if source == "bundled" else source


def edits() -> dict[str, dict[str, float]]:
    return st.session_state[EDITS]


def _edited(option: Option, changes: dict[str, float]) -> Option:
    scores = dict(option.scores)
    for crit, value in changes.items():
        old = scores[crit]
        rng = (min(old.low, value), max(old.high, value)) if old.range else None
        scores[crit] = old.model_copy(update={"value": value, "range": rng})
    return option.model_copy(update={"scores": scores})


def working_case() -> Case:
    """The case with the user's score edits applied and the added options appended."""
    base = case()
    if not edits() and not st.session_state[ADDED]:
        return base
    options = [_edited(o, edits().get(o.id, {})) for o in base.options]
    options += [_edited(o, edits().get(o.id, {})) for o in st.session_state[ADDED]]
    return base.model_copy(update={"options": tuple(options)})


def palette() -> Palette:
    """Fixed chart colours for every option and criterion of the working case."""
    return Palette.from_case(working_case())


def weights() -> dict[str, float]:
    """Raw weights of every criterion of the case (active or not)."""
    return st.session_state[WEIGHTS]


def active() -> list[str]:
    """The active criteria, in case order."""
    return st.session_state[ACTIVE]


def active_weights() -> dict[str, float]:
    return {c: weights()[c] for c in active()}


def enabled_options() -> list[str]:
    disabled = set(st.session_state[DISABLED])
    return [o.id for o in working_case().options if o.id not in disabled]


def problem() -> Problem:
    """The validated problem of the current model; ``ProblemError`` says what is missing."""
    return working_case().problem(active_weights(), enabled_options())


def problem_key(prob: Problem) -> str:
    """The cache key of a problem: its JSON."""
    return prob.model_dump_json()


def scenario_name() -> str:
    """The current weighting's display name ('custom weights' when set by hand)."""
    name: Text | None = st.session_state[SCENARIO]
    return name.get(lang()) if name is not None else t("custom_weights")


def caption(method_label: str = "") -> str:
    """The caption under a chart: scenario, method, data version."""
    parts = [f"{t('scenario')}: {scenario_name()}"]
    if method_label:
        parts.append(f"{t('method')}: {method_label}")
    version = case().version
    if version:
        parts.append(f"{t('data_version')}: {version}")
    return " · ".join(parts)


# --- cached engine calls ------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=128)
def _results(key: str) -> dict[str, MethodResult]:
    return rank_all(Problem.model_validate_json(key), list(METHODS))


@st.cache_data(show_spinner=False, max_entries=64)
def _agreement(key: str) -> Agreement:
    return agreement(_results(key))


@st.cache_data(show_spinner=False, max_entries=64)
def _oat(key: str, method: str) -> OATResult:
    return oat(Problem.model_validate_json(key), method)


@st.cache_data(show_spinner=False, max_entries=64)
def _flip(key: str, option: str, method: str) -> FlipResult:
    return flip(Problem.model_validate_json(key), option, method)


@st.cache_data(show_spinner=False, max_entries=32)
def _audit(key: str) -> Audit:
    return audit(Problem.model_validate_json(key))


def case_audit(prob: Problem) -> Audit:
    """The integrity audit of the problem, with the provenance of the case's scenarios. All but
    the assumption shares hold for every weighting, so they are cached without the weights and a
    weight change recomputes only the shares."""
    neutral = prob.with_weights(dict.fromkeys(prob.criterion_ids, 1.0))
    return replace(_audit(problem_key(neutral)), assumption_share=assumption_share(prob),
                   scenarios={s.id: s.origin.kind for s in case().scenarios})


@st.cache_data(show_spinner=False, max_entries=64)
def _first_place(key: str, method: str) -> FirstPlace:
    return first_place(Problem.model_validate_json(key), method)


def robustness(prob: Problem, method: str) -> FirstPlace:
    """How often each option comes first near the current weights (a quick cached SMAA)."""
    return _first_place(problem_key(prob), method)


def results(prob: Problem) -> dict[str, MethodResult]:
    """Every registered method's result on the problem."""
    return _results(problem_key(prob))


def method_agreement(prob: Problem) -> Agreement:
    return _agreement(problem_key(prob))


def sensitivity(prob: Problem, method: str) -> OATResult:
    return _oat(problem_key(prob), method)


def what_it_takes(prob: Problem, option: str, method: str) -> FlipResult:
    return _flip(problem_key(prob), option, method)


# --- changes --------------------------------------------------------------------------------------


def set_weight(criterion: str, value: float) -> None:
    """A weight set by hand: the weighting is now a custom one."""
    weights()[criterion] = float(value)
    st.session_state[SCENARIO] = None


def apply_weights(new: dict[str, float], name: Text | None = None) -> None:
    """Replace the active criteria and their weights (from a method or a scenario)."""
    for crit, value in new.items():
        weights()[crit] = float(value)
    order = [c.id for c in case().criteria]
    st.session_state[ACTIVE] = [c for c in order if c in new]
    st.session_state[SCENARIO] = name
    reset_widgets()


def set_active(criterion: str, on: bool) -> None:
    current = set(active())
    current = current | {criterion} if on else current - {criterion}
    st.session_state[ACTIVE] = [c.id for c in case().criteria if c.id in current]
    st.session_state[SCENARIO] = None


def set_enabled(option: str, on: bool) -> None:
    disabled = set(st.session_state[DISABLED])
    st.session_state[DISABLED] = sorted(disabled - {option} if on else disabled | {option})


def parse_number(text: str) -> float:
    """A number typed by a user: '12.5' or '12,5'; anything else is an ``EditError``."""
    cleaned = str(text).strip().replace(" ", "")
    if re.fullmatch(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)", cleaned) is None:
        raise EditError(t("not_a_number", value=str(text)[:40]))
    value = float(cleaned.replace(",", "."))
    if not math.isfinite(value):
        raise EditError(t("not_a_number", value=str(text)[:40]))
    return value


def check_on_scale(crit: Criterion, value: float) -> None:
    lo, hi = crit.scale.min, crit.scale.max
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise EditError(t("outside_scale", value=f"{value:g}", name=crit.name.get(lang()),
                          lo="-∞" if lo is None else f"{lo:g}",
                          hi="∞" if hi is None else f"{hi:g}"))


def edit_score(option: str, criterion: str, text: str) -> float:
    """Set one score from text, validated (a number on the criterion's scale); all or nothing."""
    crit = case().criterion(criterion)
    value = parse_number(text)
    check_on_scale(crit, value)
    original = _original_score(option, criterion)
    changes = edits().setdefault(option, {})
    if original is not None and original.value == value:
        changes.pop(criterion, None)
    else:
        changes[criterion] = value
    if not changes:
        edits().pop(option, None)
    return value


def _original_score(option: str, criterion: str) -> Score | None:
    for item in list(case().options) + list(st.session_state[ADDED]):
        if item.id == option:
            return item.scores.get(criterion)
    return None


def reset_edits(option: str | None = None) -> None:
    """Undo the score edits of one option, or of all."""
    if option is None:
        edits().clear()
    else:
        edits().pop(option, None)


def is_edited(option: str, criterion: str) -> bool:
    return criterion in edits().get(option, {})


def add_option(name: str) -> str:
    """Add an option with mid-scale scores (to be edited); returns its id."""
    name = name.strip()
    if not name:
        raise EditError(t("name_required"))
    if len(name) > 100:
        raise EditError(t("name_too_long"))
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] or "option"
    taken = {o.id for o in working_case().options}
    new_id, k = f"user_{base}", 2
    while new_id in taken:
        new_id, k = f"user_{base}_{k}", k + 1
    scores = {}
    for crit in case().criteria:
        values = [o.scores[crit.id].value for o in case().options if crit.id in o.scores]
        mid = (crit.scale.min + crit.scale.max) / 2 if None not in (
            crit.scale.min, crit.scale.max) else sum(values) / max(len(values), 1)
        scores[crit.id] = Score(value=mid, assumption=True)
    st.session_state[ADDED].append(Option(id=new_id, name=Text.same(name), scores=scores))
    return new_id


def remove_added(option: str) -> None:
    st.session_state[ADDED] = [o for o in st.session_state[ADDED] if o.id != option]
    edits().pop(option, None)
    set_enabled(option, True)


def save_scenario(name: str) -> Scenario:
    """Save the current active weights as a named scenario in the session."""
    name = name.strip()
    if not name:
        raise EditError(t("name_required"))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "scenario"
    scenario = Scenario(id=slug, name=Text.same(name[:200]), origin=t("origin_session"),
                        weights=active_weights())
    st.session_state[SCENARIOS][slug] = scenario
    st.session_state[SCENARIO] = scenario.name
    return scenario


def saved_scenarios() -> dict[str, Scenario]:
    return st.session_state[SCENARIOS]


def load_scenario(scenario: Scenario) -> None:
    apply_weights(dict(scenario.weights), scenario.name)


def scenario_problem(scenario: Scenario, prob: Problem) -> Problem:
    """The current options and scores under a scenario's criteria and weights."""
    crits = tuple(c for c in working_case().criteria if c.id in scenario.weights)
    return Problem(criteria=crits, options=prob.options, weights=dict(scenario.weights))


def smaa_run() -> dict[str, Any] | None:
    """The last SMAA run: {'key', 'settings', 'outcome'}; None before the first."""
    return st.session_state[SMAA]


def store_smaa(key: str, settings: dict[str, Any], outcome: Any) -> None:
    st.session_state[SMAA] = {"key": key, "settings": settings, "outcome": outcome}


def smaa_key(prob: Problem, settings: dict[str, Any]) -> str:
    return problem_key(prob) + json.dumps(settings, sort_keys=True)


def _bounded(lines: list[str]) -> str:
    """Message lines, each cut to ``MAX_LINE`` characters, at most ``MAX_LINES`` of them."""
    shown = [shorten(line, MAX_LINE) for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(t("more_problems", n=len(lines) - MAX_LINES))
    return "\n".join(shown)


def guarded(action: Callable[[], Any], success: str | None = None, place: str = "top",
            file: str | None = None) -> None:
    """Run a model change from a callback; refused input becomes an error notice, nothing else
    changes (every change above validates before it writes). With ``file`` (the name of the file
    the action reads), any other failure is logged and reported as that file being unreadable,
    since a hostile file should cost its sender a message, not a page error."""
    try:
        action()
    except DataError as exc:
        notify("error", _bounded([t("load_failed"), *exc.problems]), place)
        return
    except (EditError, ProblemError, ValueError) as exc:
        notify("error", _bounded(str(exc).splitlines()), place)
        return
    except Exception:
        if file is None:
            raise
        LOG.exception("reading an uploaded file failed")
        notify("error", t("file_unreadable", name=shorten(file)), place)
        return
    if success:
        notify("success", shorten(success, MAX_LINE), place)
