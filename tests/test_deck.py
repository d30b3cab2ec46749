"""The slide deck: 16:9, a title slide, one slide per chart with its caption, a closing slide."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.util import Inches

from mcda.charts import caption_of
from mcda.deck import pptx_deck
from mcda.export import Appraisal, build_appraisal, chart_set
from mcda.model import Case
from tests.export_case import DAY, sample_case


@pytest.fixture(scope="module")
def case() -> Case:
    return sample_case()


@pytest.fixture(scope="module")
def appraisal(case: Case) -> Appraisal:
    return build_appraisal(case.problem(), case=case, scenario="Default weights",
                           methods=["wsm", "topsis"], smaa_samples=500, date=DAY)


@pytest.fixture(scope="module")
def figures(appraisal: Appraisal) -> dict:
    return chart_set(appraisal)


def test_pptx_deck_has_a_slide_per_chart(appraisal: Appraisal, figures: dict) -> None:
    deck = Presentation(io.BytesIO(pptx_deck(appraisal)))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(deck.slides)
    assert len(slides) == len(figures) + 2
    for slide, fig in zip(slides[1:-1], figures.values(), strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert len(pictures) == 1
        assert caption_of(fig) in texts
    title = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert "Test appraisal <b>" in title and "Scenario: Default weights" in title
    from mcda.robustness import first_place

    robust = first_place(appraisal.problem, appraisal.primary.method)
    assert robust.sentence(appraisal.problem, "en") in title  # the sentence the app shows
    closing = " ".join(s.text_frame.text for s in slides[-1].shapes if s.has_text_frame)
    assert "TOPSIS" in closing and "A report" in closing and "javascript:" not in closing
    assert "Where the perspectives come from" in closing
    assert "Cost first: illustrative: test" in closing  # each perspective's origin and kind


def test_slides_show_the_scenario_comparison_side_by_side(appraisal: Appraisal,
                                                          figures: dict) -> None:
    from mcda.deck import slide_charts

    assert appraisal.comparison, "the sample case must compare scenarios"
    slides = slide_charts(appraisal)
    assert list(slides) == list(figures)
    page, slide = figures["scenarios"], slides["scenarios"]
    assert page.layout.xaxis2.domain[0] == 0 and slide.layout.xaxis2.domain[0] > 0.5
    assert slide.layout.height < page.layout.height
    assert caption_of(slide) == caption_of(page)
    others = [k for k in figures if k != "scenarios"]
    assert [slides[k].layout.height for k in others] == [figures[k].layout.height for k in others]
