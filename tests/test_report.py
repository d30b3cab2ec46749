"""The report (HTML and PDF): contents, escaping of user text, only plotly's scripts, pages,
the font check, and the question's lead."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mcda.export import Appraisal, ExportError, chart_set
from mcda.model import Case
from mcda.report import html_report, paragraphs, pdf_report, question_lead
from tests.export_case import EVIL_NAME, sample_appraisal, sample_case


@pytest.fixture(scope="module")
def case() -> Case:
    return sample_case()


@pytest.fixture(scope="module")
def appraisal(case: Case) -> Appraisal:
    return sample_appraisal(case)


@pytest.fixture(scope="module")
def figures(appraisal: Appraisal) -> dict:
    return chart_set(appraisal)


@pytest.fixture(scope="module")
def report(appraisal: Appraisal) -> str:
    return html_report(appraisal)


def test_html_report_escapes_user_text(report: str) -> None:
    assert EVIL_NAME not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "<img src=x" not in report and "&lt;img src=x onerror=1&gt;" in report
    assert "Test appraisal &lt;b&gt;" in report and "Which one? A &amp; B" in report
    assert 'href="javascript:' not in report


def test_html_report_has_only_plotly_scripts(report: str, figures: dict) -> None:
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", report, flags=re.S)
    assert len(scripts) == 1 + len(figures)  # plotly.js once, then one per chart
    assert "plotly" in scripts[0][:2000].lower()
    assert all("Plotly.newPlot" in s for s in scripts[1:])
    assert not re.search(r"<script[^>]*\bsrc=", report)


def test_html_report_contents(report: str, appraisal: Appraisal) -> None:
    for text in ("Summary", "Criteria and weights", "Performance and evidence",
                 "Results by method", "Agreement between methods", "Sensitivity and robustness",
                 "Scenario comparison", "Methods and settings", "Sources", "Scoring guide",
                 "What it takes to rank first", "SMAA-2", "Data version abc123", "2026-11-25"):
        assert text in report, text
    # the charts carry their captions in plotly's JSON
    assert json.dumps(appraisal.caption(["wsm"])) in report
    assert "HYPERLINK(&quot;http://evil.example&quot;" in report  # the quote, escaped


def test_pdf_report_has_several_pages(appraisal: Appraisal) -> None:
    pdf = pdf_report(appraisal)
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages >= 8  # cover and summary, then one page or more per section


def test_pdf_report_without_a_font_says_how_to_install_one(
        appraisal: Appraisal, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mcda import report

    monkeypatch.setattr(report, "FONT_DIRS", (tmp_path,))
    with pytest.raises(ExportError, match="fonts-dejavu-core"):
        pdf_report(appraisal)


def test_question_lead_and_paragraphs() -> None:
    question = ("How should we do it? Background follows.\n\nA second\n  paragraph.")
    assert question_lead(question) == "How should we do it?"
    assert question_lead("No question. Just text") == "No question."
    assert question_lead("word " * 80).endswith(" …")
    assert len(question_lead("word " * 80)) <= 240
    assert paragraphs(question) == ["How should we do it? Background follows.",
                                    "A second paragraph."]


def test_the_report_lists_the_audit_findings_and_where_perspectives_come_from(
        appraisal: Appraisal, report: str) -> None:
    from html import escape

    from mcda.audit import audit

    found = audit(appraisal.problem, appraisal.case, tuple(appraisal.results))
    assert "What the structure decides" in report
    for kind, sentence in found.sentences(appraisal.problem, "en"):
        if kind != "dominated":
            assert escape(sentence, quote=False) in report
    for scenario in appraisal.case.scenarios:
        if scenario.name.en in appraisal.comparison:
            assert escape(f"{scenario.name.en}: {scenario.origin.describe('en')}",
                          quote=False) in report


def test_the_confidence_factor_appears_only_where_scores_are_uncertain(
        appraisal: Appraisal, report: str) -> None:
    # with fixed scores every winner's confidence is 100% by construction: it says nothing
    from dataclasses import replace

    from mcda.smaa import smaa

    assert appraisal.smaa is not None and appraisal.smaa.scores == "fixed"
    assert "Confidence" not in report
    drawn = smaa(appraisal.problem, list(appraisal.results), samples=300, scores="ranges")
    assert "Confidence" in html_report(replace(appraisal, smaa=drawn))
