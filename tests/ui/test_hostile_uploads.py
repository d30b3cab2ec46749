"""The hostile-input corpus (tests/hostile/) through the app's own handlers (issue 8).

Scenario files go through the Scenarios page's upload, matrices and criteria through the Start
page's spreadsheet upload, option, criterion and case files through a data folder under an
operator's root. Each must show the message the CLI gives (tests/test_hostile.py), naming the file,
short, with no traceback, and leave the user's model as it was. PAIRWISE.csv files have no upload
in the app (the AHP page takes judgements in its form).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_hostile import CASES, CORPUS, TARGET
from tests.ui.test_safety import copy_case, goto, load_typed, plain, start

MAX_MESSAGE = 4_000


def _errors(at) -> str:
    assert not at.exception, [e.value for e in at.exception]
    return plain("\n".join(e.value for e in at.error))


def _check(message: str, name: str, fragment: str) -> None:
    assert fragment in message, message[:MAX_MESSAGE]
    assert name in message, message[:MAX_MESSAGE]
    assert len(message) < MAX_MESSAGE


def _kind(case: dict) -> str:
    return case["file"].split("/")[0]


APP_CASES = [c for c in CASES if _kind(c) != "pairwise"]


@pytest.mark.parametrize("case", APP_CASES, ids=[c["file"] for c in APP_CASES])
def test_each_hostile_file_is_one_short_message_in_the_app(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: dict) -> None:
    path = CORPUS / case["file"]
    kind = _kind(case)
    if kind in TARGET:
        data = copy_case(tmp_path / "root" / "mine")
        (data / TARGET[kind]).write_bytes(path.read_bytes())
        at = start(monkeypatch, [tmp_path / "root"])
        before = at.session_state["model_case"]
        _check(load_typed(at, str(data)), TARGET[kind], case["message"])
    elif kind == "scenario":
        at = goto(start(monkeypatch, None), "scenarios")
        before = at.session_state["model_case"]
        weights = dict(at.session_state["model_weights"])
        at.file_uploader(key="ui_scenario_file").set_value(
            (path.name, path.read_bytes(), "application/x-yaml")).run()
        at.button(key="ui_btn_upload").click().run()
        _check(_errors(at), path.name, case["message"])
        assert at.session_state["model_scenarios"] == {}
        assert at.session_state["model_weights"] == weights
    else:
        at = start(monkeypatch, None)
        before = at.session_state["model_case"]
        matrix = path if kind == "matrix" else CORPUS / "good_matrix.csv"
        criteria = path if kind == "criteria" else CORPUS / "good_criteria.csv"
        for key, file in (("ui_up_matrix", matrix), ("ui_up_criteria", criteria)):
            # the uploader takes .csv and .xlsx only; an old .xls renamed is known by its bytes
            name = file.name if file.suffix in (".csv", ".xlsx") else file.name + ".xlsx"
            at.file_uploader(key=key).set_value((name, file.read_bytes(), "text/csv")).run()
        at.button(key="ui_btn_sheets").click().run()
        _check(_errors(at), path.name, case["message"].replace(
            " with --sheet (matrix) or --criteria-sheet (criteria)", ""))
    assert at.session_state["model_case"] is before
