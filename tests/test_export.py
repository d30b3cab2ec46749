"""Exports: every chart format, the tables (CSV, XLSX), the report (HTML, PDF), the deck, the whole
set and ``mcda export``. Static images need Chromium (``make system-deps`` installs it)."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import kaleido
import pytest
from choreographer.channels import JSONError
from openpyxl import load_workbook

from mcda import export
from mcda.charts import caption_of
from mcda.cli import main
from mcda.export import (
    CHART_FORMATS,
    Appraisal,
    ExportError,
    build_appraisal,
    chart_set,
    csv_bytes,
    figure_bytes,
    file_name,
    tables,
    write_all,
    xlsx_bytes,
)
from mcda.methods import rank_all
from mcda.model import Case
from mcda.smaa import smaa
from tests.export_case import DAY, EVIL_NAME, EVIL_QUOTE, sample_appraisal, sample_case


@pytest.fixture(scope="module")
def case() -> Case:
    return sample_case()


@pytest.fixture(scope="module")
def appraisal(case: Case) -> Appraisal:
    return sample_appraisal(case)


@pytest.fixture(scope="module")
def figures(appraisal: Appraisal) -> dict:
    return chart_set(appraisal)


# --- appraisal, captions, chart set ---------------------------------------------------------


def test_caption_names_scenario_method_data_version_and_date(appraisal: Appraisal) -> None:
    assert appraisal.caption(["wsm"]) == (
        "Scenario: Default weights · Method: Weighted sum (WSM) · Data version: abc123 · "
        "2026-11-25")
    assert appraisal.caption().startswith("Scenario: Default weights · Methods: Weighted sum "
                                          "(WSM), TOPSIS · ")


def test_every_chart_carries_its_caption(appraisal: Appraisal, figures: dict) -> None:
    assert {"weights", "performance", "ranks", "contributions_wsm", "scenarios",
            "stability_wsm", "stability_topsis", "acceptability_wsm",
            "pairwise_wsm"} <= set(figures)
    for name, fig in figures.items():
        caption = caption_of(fig)
        assert "Scenario: Default weights" in caption, name
        assert "Data version: abc123" in caption and "2026-11-25" in caption, name
    assert "Method: TOPSIS ·" in caption_of(figures["stability_topsis"])


def test_smaa_over_more_methods_than_ranked_keeps_its_captions(appraisal: Appraisal,
                                                               case: Case) -> None:
    """The Sensitivity page may run SMAA on every registered method; the export ranks fewer."""
    wider = dataclasses.replace(appraisal, smaa=smaa(case.problem(), ["wsm", "spotis"],
                                                     samples=200, seed=1))
    figures = chart_set(wider)
    assert [name for name in figures if "spotis" in name] == ["acceptability_spotis"]
    assert "Method: SPOTIS ·" in caption_of(figures["acceptability_spotis"])


def test_dutch_captions(case: Case) -> None:
    dutch = build_appraisal(case.problem(), case=case, lang="nl", methods=["wsm"],
                            sensitivity=False, smaa_samples=0, date=DAY)
    assert dutch.caption() == ("Scenario: Eigen weging · Methode: Weighted sum (WSM) · "
                               "Dataversie: abc123 · 2026-11-25")


def test_scenario_comparison_uses_the_case_scenarios(appraisal: Appraisal) -> None:
    assert list(appraisal.comparison) == ["Default weights", "Equal weights", "Cost first"]
    costly, results = appraisal.comparison["Cost first"]
    assert costly.criterion_ids == ("quality", "cost")
    assert results["wsm"].first == ("c",)


def test_build_refuses_a_mislabelled_scenario_and_unknown_methods(case: Case) -> None:
    with pytest.raises(ExportError, match="not those of scenario 'equal'"):
        build_appraisal(case.problem(), case=case, scenario=case.scenario("equal"))
    with pytest.raises(ExportError, match="unknown method 'nope'"):
        build_appraisal(case.problem(), methods=["nope"])
    with pytest.raises(ExportError, match="unknown language"):
        Appraisal(problem=case.problem(), results=rank_all(case.problem()), scenario="x",
                  lang="de")


def test_file_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    assert file_name("flip_wsm_../../etc/passwd", taken) == "flip_wsm_etc_passwd"
    assert file_name("flip_wsm_../../etc/passwd", taken) == "flip_wsm_etc_passwd_2"
    assert file_name("<>", taken) == "chart"


# --- chart formats ------------------------------------------------------------------------


def test_png_svg_pdf_and_html_of_a_chart(figures: dict) -> None:
    fig = figures["ranks"]
    png = figure_bytes(fig, "png", width=600)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 2 * fig.layout.height)
    svg = ET.fromstring(figure_bytes(fig, "svg"))
    assert svg.tag.endswith("svg")
    assert figure_bytes(fig, "pdf").startswith(b"%PDF")
    page = figure_bytes(fig, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Ranking by method</title>" in page
    assert "Plotly.newPlot" in page and not re.search(r"<script[^>]*\bsrc=", page)
    assert len(page) > 1_000_000  # plotly.js itself is embedded: the file works offline


def test_unknown_chart_format(figures: dict) -> None:
    with pytest.raises(ExportError, match="unknown chart format 'gif'"):
        figure_bytes(figures["weights"], "gif")


def test_missing_chromium_is_an_export_error_with_advice(figures: dict,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(export, "_RENDERER", export._Renderer())
    with pytest.raises(ExportError, match=r"apt-get install chromium"):
        export.chromium_path()
    with pytest.raises(ExportError, match="needs Chromium"):
        figure_bytes(figures["weights"], "png")
    assert figure_bytes(figures["weights"], "html").startswith(b"<!DOCTYPE html>")


class FakeKaleido:
    """kaleido's server API without a browser: each chart render takes the next of ``answers``
    (bytes to return, an exception to raise, or a callable to run); the warm-up always works."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: Any) -> None:
        self.answers = list(answers)
        self.starts = 0
        self.stops = 0
        self.renders = 0
        monkeypatch.setattr(export, "chromium_path", lambda: "/usr/bin/chromium")
        monkeypatch.setattr(export, "_RENDERER", export._Renderer())
        monkeypatch.setattr(kaleido, "start_sync_server", self.start)
        monkeypatch.setattr(kaleido, "stop_sync_server", self.stop)
        monkeypatch.setattr(kaleido, "calc_fig_sync", self.calc_fig)

    def start(self, **_: Any) -> None:
        self.starts += 1

    def stop(self, **_: Any) -> None:
        self.stops += 1

    def calc_fig(self, fig: dict, opts: dict) -> bytes:
        if fig is export._PROBE:
            return b"<svg/>"
        self.renders += 1
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer() if callable(answer) else answer


def test_a_chart_render_that_crashes_chromium_once_restarts_it_and_succeeds(
        figures: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    # under load the workshop PDF once failed inside kaleido with choreographer's JSONError
    fake = FakeKaleido(monkeypatch, JSONError("garbled message from the browser"), b"%PDF-1.4")
    assert figure_bytes(figures["weights"], "pdf") == b"%PDF-1.4"
    assert (fake.starts, fake.stops, fake.renders) == (2, 1, 2)
    fake.answers.append(b"%PDF-1.5")
    assert figure_bytes(figures["weights"], "pdf") == b"%PDF-1.5"
    assert (fake.starts, fake.stops, fake.renders) == (2, 1, 3)  # the new server is kept


def test_a_chart_render_that_fails_twice_is_an_export_error_naming_both_failures(
        figures: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeKaleido(monkeypatch, JSONError("garbled"), export.BrowserClosedError("gone"))
    with pytest.raises(ExportError) as caught:
        figure_bytes(figures["weights"], "png")
    message = str(caught.value)
    assert message.startswith("could not render the chart as PNG: Chromium failed twice")
    assert "JSONError: garbled" in message and "BrowserClosedError: gone" in message
    assert "restart the app" in message
    assert (fake.starts, fake.stops, fake.renders) == (2, 1, 2)


def test_a_chart_render_that_hangs_times_out_and_is_retried_on_a_new_server(
        figures: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    monkeypatch.setattr(export, "RENDER_TIMEOUT", 0.2)
    fake = FakeKaleido(monkeypatch, lambda: release.wait() and b"late", b"<svg>ok</svg>")
    try:
        assert figure_bytes(figures["weights"], "svg") == b"<svg>ok</svg>"
    finally:
        release.set()
    assert (fake.starts, fake.stops, fake.renders) == (2, 1, 2)


def test_a_server_that_cannot_be_stopped_is_not_replaced(
        figures: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    monkeypatch.setattr(export, "RENDER_STOP_TIMEOUT", 0.2)
    fake = FakeKaleido(monkeypatch, OSError("broken pipe"))

    def hang(**_: Any) -> None:
        release.wait()

    monkeypatch.setattr(kaleido, "stop_sync_server", hang)
    try:
        with pytest.raises(ExportError, match="has not shut down yet"):
            figure_bytes(figures["weights"], "png")
        assert fake.starts == 1
    finally:
        release.set()


def test_a_bug_in_the_render_call_is_not_taken_for_a_browser_failure(
        figures: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeKaleido(monkeypatch, TypeError("unexpected keyword"))
    with pytest.raises(TypeError, match="unexpected keyword"):
        figure_bytes(figures["weights"], "png")
    assert fake.stops == 0


# --- tables ---------------------------------------------------------------------------------


def test_tables_keep_numbers_as_numbers(appraisal: Appraisal) -> None:
    frames = tables(appraisal)
    assert {"weights", "performance", "scores", "evidence", "rankings", "agreement",
            "dominance", "stability", "smaa", "scenarios", "methods"} <= set(frames)
    weights = frames["weights"]
    assert weights["Weight"].sum() == pytest.approx(1.0)
    assert weights["Weight"].tolist() == [0.5, 0.3, 0.2]
    scores = frames["scores"]
    row = scores[(scores["Option id"] == "a") & (scores["Criterion id"] == "cost")].iloc[0]
    assert (row["Value"], row["Low"], row["High"], row["Assumption"]) == (30, 20, 45, "yes")
    ranking = frames["rankings"]
    assert ranking["Consensus rank"].tolist() == sorted(ranking["Consensus rank"])


def test_xlsx_neutralises_formulas_and_keeps_numbers(appraisal: Appraisal) -> None:
    frames = tables(appraisal)
    book = load_workbook(io.BytesIO(xlsx_bytes(frames)))
    assert book.sheetnames == list(frames)
    quotes = [c for row in book["evidence"].iter_rows() for c in row
              if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert [c.value for c in quotes] == ["'" + EVIL_QUOTE]
    assert all(c.data_type == "s" for c in quotes)
    names = [c.value for c in book["performance"]["B"]]
    assert EVIL_NAME in names  # not a formula: kept as text
    weights = [c.value for c in book["weights"]["E"][1:]]
    assert weights == [0.5, 0.3, 0.2]
    assert all(c.data_type == "n" for c in book["weights"]["E"][1:])


def test_csv_neutralises_formulas_and_keeps_numbers(appraisal: Appraisal) -> None:
    raw = csv_bytes(tables(appraisal)["evidence"])
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Option id", "Criterion id", "Source", "Section", "Quote"]
    assert rows[1] == ["a", "quality", "src-1", "2.1", "'" + EVIL_QUOTE]
    stability = list(csv.reader(io.StringIO(
        csv_bytes(tables(appraisal)["stability"]).decode("utf-8-sig"))))
    assert float(stability[1][3]) == 0.5  # a number, not "'0.5"
    dutch = csv_bytes(tables(appraisal)["weights"], separator=";").decode("utf-8-sig")
    assert "quality;Quality;benefit (higher is better);;0,5" in dutch


# --- the whole set and the command line ------------------------------------------------------


def test_write_all_writes_the_whole_set(case: Case, tmp_path: Path) -> None:
    small = build_appraisal(case.problem(), case=case, methods=["wsm"], smaa_samples=0,
                            date=DAY)
    paths = write_all(small, tmp_path / "out")
    names = {p.relative_to(tmp_path / "out").as_posix() for p in paths}
    charts = chart_set(small)
    expected = {f"charts/{n}.{f}" for n in charts for f in CHART_FORMATS}
    expected |= {f"tables/{n}.csv" for n in tables(small)}
    expected |= {"tables.xlsx", "report.html", "report.pdf", "deck.pptx"}
    assert names == expected
    assert all(p.stat().st_size > 0 for p in paths)
    on_disk = {p.relative_to(tmp_path / "out").as_posix()
               for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert on_disk == expected  # no temporary files left behind


def test_write_all_refuses_a_file_as_folder(appraisal: Appraisal, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        write_all(appraisal, target)


def _spreadsheet(tmp_path: Path) -> list[str]:
    (tmp_path / "matrix.csv").write_text("option,quality,cost\nx,70,12\ny,40,3\nz,55,8\n")
    (tmp_path / "criteria.csv").write_text(
        "id,direction,weight,name\nquality,benefit,60,Quality\ncost,cost,40,Cost\n")
    return ["--matrix", str(tmp_path / "matrix.csv"), "--criteria", str(tmp_path / "criteria.csv")]


def test_cli_export_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "exported"
    code = main(["export", *_spreadsheet(tmp_path), "--out", str(out), "--method", "wsm",
                 "--samples", "0", "--lang", "nl"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Scenario: Eigen weging · Methode: Weighted sum (WSM)" in printed
    report = (out / "report.html").read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>") and "Eigen weging" in report
    assert (out / "deck.pptx").read_bytes().startswith(b"PK\x03\x04")  # a zip (OOXML) file
    assert (out / "charts" / "ranks.png").read_bytes().startswith(b"\x89PNG")
    assert "Gewicht" in (out / "tables" / "weights.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(("extra", "message"), [
    (["--method", "nope"], "error: --method: unknown method 'nope'"),
    (["--samples", "-3"], "error: --samples: must be 0 or more"),
    (["--lang", "de"], "error: mcda export: argument --lang: invalid choice"),
])
def test_cli_export_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      extra: list[str], message: str) -> None:
    code = main(["export", *_spreadsheet(tmp_path), "--out", str(tmp_path / "o"), *extra])
    assert code == 2
    assert capsys.readouterr().err.startswith(message)
    assert not (tmp_path / "o").exists()


def test_cli_export_to_a_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    (tmp_path / "taken").write_text("x")
    code = main(["export", *_spreadsheet(tmp_path), "--out", str(tmp_path / "taken"),
                 "--method", "wsm", "--samples", "0"])
    assert code == 2
    assert "not a folder" in capsys.readouterr().err


def test_export_flips_stay_within_one_requests_budget() -> None:
    # at 50 x 50 the numeric flip search for every option took 28 s for WSM and TOPSIS alone
    import numpy as np

    from mcda.export import _flips
    from mcda.methods import rank
    from tests.conftest import make_problem

    small = make_problem([[3, 1], [1, 3], [2, 2], [0, 0.5]])
    result = rank(small, "topsis")
    assert {f.option for f in _flips(small, result, 0)} == {
        o for o in small.option_ids if result.rank_of(o) != 1}
    big = make_problem(np.random.default_rng(3).uniform(0, 10, (50, 50)))
    result = rank(big, "topsis")
    flipped = _flips(big, result, 0)
    assert flipped and {result.rank_of(f.option) for f in flipped} == {2}
