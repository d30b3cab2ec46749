"""The slide deck of the current appraisal (PPTX, 16:9): a title slide, one chart per slide, and a
closing slide with the methods' settings and the sources.

Each chart slide shows the chart of ``mcda.charts`` as a PNG with its title as the slide title
and its caption (scenario, methods, data version, date) as text under it, so that a slide can be
traced back to the data and regenerated.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from mcda import charts
from mcda.charts import caption_of
from mcda.export import Appraisal, chart_set, chart_title, figure_bytes, word
from mcda.report import origin_lines, question_lead, say, source_link, summary

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.55)
CHART_TOP = Inches(1.25)
CHART_BOTTOM = Inches(6.75)
SLIDE_CHART_WIDTH = 1000
FONT = "Arial"
ACCENT = RGBColor(0x0B, 0x53, 0x94)
INK = RGBColor(0x1F, 0x23, 0x28)
MUTED = RGBColor(0x5B, 0x64, 0x70)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)


def _text(slide: Slide, left: int, top: int, width: int, height: int,
          lines: Sequence[tuple[str, float, bool, RGBColor]],
          anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> None:
    """A text box of (text, size in pt, bold, colour) paragraphs."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = 0
    for i, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * 0.35)
        if bold and i > 0:
            paragraph.space_before = Pt(size * 0.6)
        run = paragraph.add_run()
        run.text = text
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour


def slide_figure(fig: go.Figure) -> go.Figure:
    """The chart without its title and caption, which the slide shows as text."""
    bare = go.Figure(fig)
    bare.layout.annotations = [n for n in fig.layout.annotations if n.name != "caption"]
    bare.update_layout(title_text="", margin={"t": 24, "b": 30})
    return bare


def _title_slide(deck: Presentation, a: Appraisal) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_WIDTH, Inches(4.6))
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    lines = [(say(a.lang, "report").upper(), 14, False, WHITE), (a.title, 40, True, WHITE)]
    if a.question:
        lines.append((question_lead(a.question), 20, False, WHITE))
    _text(slide, MARGIN, Inches(0.9), SLIDE_WIDTH - 2 * MARGIN, Inches(3.4), lines,
          anchor=MSO_ANCHOR.BOTTOM)
    findings = summary(a)[:3]  # who ranks first, the consensus, how robust first place is
    _text(slide, MARGIN, Inches(4.85), SLIDE_WIDTH - 2 * MARGIN, Inches(2.4), [
        (f"{word(a.lang, 'scenario')}: {a.scenario}", 18, True, INK),
        (f"{word(a.lang, 'methods')}: {a.method_labels()}", 14, False, INK),
        (f"{word(a.lang, 'data_version')}: {a.data_version} · {a.date.isoformat()}", 14, False,
         MUTED),
        *((line, 13, False, ACCENT) for line in findings),
    ])


def _chart_slide(deck: Presentation, fig: go.Figure, caption: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, MARGIN, Inches(0.35), SLIDE_WIDTH - 2 * MARGIN, Inches(0.8),
          [(chart_title(fig), 28, True, INK)], anchor=MSO_ANCHOR.MIDDLE)
    bare = slide_figure(fig)
    box_w, box_h = SLIDE_WIDTH - 2 * MARGIN, CHART_BOTTOM - CHART_TOP
    chart_h = int(bare.layout.height or 500)
    # a chart that is tall for its width is drawn wider, so that it fills the slide's width
    # instead of shrinking to the slide's height with its text (at most 1.5 x as wide)
    chart_w = int(min(1.5 * SLIDE_CHART_WIDTH, max(SLIDE_CHART_WIDTH, chart_h * box_w / box_h)))
    png = figure_bytes(bare, "png", width=chart_w)
    aspect = chart_h / chart_w
    width = min(box_w, int(box_h / aspect))
    height = int(width * aspect)
    left = int((SLIDE_WIDTH - width) / 2)
    picture = slide.shapes.add_picture(io.BytesIO(png), Emu(left), CHART_TOP, Emu(width),
                                       Emu(height))
    picture.name = chart_title(fig) or "chart"
    _text(slide, MARGIN, Inches(6.85), SLIDE_WIDTH - 2 * MARGIN, Inches(0.45),
          [(caption, 11, False, MUTED)])


def _closing_slide(deck: Presentation, a: Appraisal) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, MARGIN, Inches(0.35), SLIDE_WIDTH - 2 * MARGIN, Inches(0.8),
          [(f"{say(a.lang, 'methods')} · {say(a.lang, 'sources')}", 28, True, INK)],
          anchor=MSO_ANCHOR.MIDDLE)
    column = (SLIDE_WIDTH - 2 * MARGIN - Inches(0.5)) // 2
    methods: list[tuple[str, float, bool, RGBColor]] = []
    for result in a.results.values():
        settings = "; ".join(f"{k} = {v}" for k, v in result.settings.items())
        better = say(a.lang, "better_note", better=word(a.lang, result.better))
        methods.append((result.label, 14, True, INK))
        methods.append((" · ".join(p for p in (better, settings) if p), 11, False, MUTED))
    methods.append((say(a.lang, "competition"), 11, False, MUTED))
    _text(slide, MARGIN, Inches(1.35), column, Inches(5.4), methods)
    sources: list[tuple[str, float, bool, RGBColor]] = []
    for source in a.case.sources if a.case is not None else ():
        year = f" ({source.year})" if source.year else ""
        sources.append((f"{source.author or ''}{year}", 12, True, INK))
        sources.append((source.title, 11, False, INK))
        link = source_link(source.url)
        if link:
            sources.append((link, 10, False, ACCENT))
    if not sources:
        sources.append(("—", 12, False, MUTED))
    origins = origin_lines(a)
    if origins:
        sources.append((say(a.lang, "origins"), 12, True, INK))
        sources.extend((line, 10, False, INK) for line in origins)
    _text(slide, MARGIN + column + Inches(0.5), Inches(1.35), column, Inches(5.4), sources)
    _text(slide, MARGIN, Inches(6.85), SLIDE_WIDTH - 2 * MARGIN, Inches(0.45),
          [(say(a.lang, "generated", date=a.date.isoformat(), version=a.data_version), 11,
            False, MUTED)])


def pptx_deck(appraisal: Appraisal) -> bytes:
    """The deck as PPTX bytes: title slide, one slide per chart of ``chart_set``, closing slide.

    Needs Chromium for the chart images (``ExportError`` otherwise).
    """
    a = appraisal
    deck = Presentation()
    deck.slide_width = SLIDE_WIDTH
    deck.slide_height = SLIDE_HEIGHT
    props = deck.core_properties
    props.title = f"{a.title} — {say(a.lang, 'report')}"
    props.author = "policy-mcda"
    props.subject = a.caption()
    props.language = a.lang
    _title_slide(deck, a)
    for fig in slide_charts(a).values():
        _chart_slide(deck, fig, _caption_text(fig, a))
    _closing_slide(deck, a)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def slide_charts(appraisal: Appraisal) -> dict[str, go.Figure]:
    """The charts of ``chart_set`` for slides: the scenario comparison side by side (wide and low;
    stacked it is twice as tall as a slide is wide, and its text would shrink to ~4 pt)."""
    a = appraisal
    figures = chart_set(a)
    if a.comparison and "scenarios" in figures:
        primary = a.primary.method
        runs = {label: (p, results[primary]) for label, (p, results) in a.comparison.items()}
        figures["scenarios"] = charts.scenario_comparison(
            runs, a.lang, caption_of(figures["scenarios"]), a.palette, layout="side_by_side")
    return figures


def _caption_text(fig: go.Figure, a: Appraisal) -> str:
    """The chart's own caption (it names the methods the chart shows)."""
    return caption_of(fig) or a.caption()
