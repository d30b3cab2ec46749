"""Workshop exports: anonymised result tables (CSV, XLSX), a self-contained HTML report and a PDF.

Participants appear only under their pseudonym (``P-XXXX``, derived from a hash of their token:
unrelated to their name and to the order in which they joined); names and submission times are
left out, so an export can be shared outside the room. Comments are exported as written, under the
pseudonym. A round with fewer than ``MIN_INDIVIDUAL`` (5) submissions is exported as a group
only: no rows per participant, no dots or heat map of individual weights, and its comments without
pseudonyms, because in a room of two or three everyone could tell who is who. Spreadsheet cells
that begin with = + - @ (or tab, CR) get a leading apostrophe (``mcda.export.csv_bytes`` /
``xlsx_bytes``). The report escapes every text and embeds plotly.js once, so it opens offline.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from fpdf import FPDF
from fpdf.fonts import FontFace

from mcda import charts as house
from mcda.export import PLOTLY_CONFIG, csv_bytes, figure_bytes, xlsx_bytes
from mcda.methods import DEFAULT_METHODS, get_method
from mcda.report import report_font
from mcda.workshop import charts
from mcda.workshop.aggregation import (
    AGGREGATIONS,
    MIN_INDIVIDUAL,
    GroupAnalysis,
    analyse,
    round_shift,
    weight_matrix,
)
from mcda.workshop.store import Dashboard
from mcda.workshop.wording import (
    aggregation_name,
    describe_agreement,
    describe_impact,
    describe_split,
)

_W: dict[str, dict[str, str]] = {
    "round": {"en": "round", "nl": "ronde"},
    "participant": {"en": "participant", "nl": "deelnemer"},
    "input": {"en": "weighting", "nl": "weging"},
    "weight": {"en": "weight", "nl": "gewicht"},
    "first": {"en": "first choice", "nl": "eerste keuze"},
    "comment": {"en": "comment", "nl": "opmerking"},
    "criterion": {"en": "criterion", "nl": "criterium"},
    "option": {"en": "option", "nl": "optie"},
    "rank": {"en": "rank", "nl": "rang"},
    "score": {"en": "score", "nl": "score"},
    "report": {"en": "Workshop report", "nl": "Workshoprapport"},
    "made": {"en": "Made on {date}; {k} participants; rounds: {rounds}.",
             "nl": "Gemaakt op {date}; {k} deelnemers; rondes: {rounds}."},
    "round_h": {"en": "Round {r}: {k} submissions", "nl": "Ronde {r}: {k} inzendingen"},
    "group_h": {"en": "Group weights", "nl": "Groepsgewichten"},
    "group_note": {
        "en": "The group ranking below uses the {how} of the participants' weights.",
        "nl": "De groepsrangorde hieronder gebruikt het {how} van de gewichten van de deelnemers.",
    },
    "ranking_h": {"en": "Group ranking by method", "nl": "Groepsrangorde per methode"},
    "agreement_h": {"en": "Agreement", "nl": "Overeenstemming"},
    "on_criteria": {"en": "On the order of the criteria:",
                    "nl": "Over de volgorde van de criteria:"},
    "on_options": {"en": "On the order of the options ({method}):",
                   "nl": "Over de volgorde van de opties ({method}):"},
    "split_h": {"en": "Where the room disagrees, and whether it matters",
                "nl": "Waar de zaal het oneens is, en of dat uitmaakt"},
    "impact_h": {"en": "Range of views per criterion ({method})",
                 "nl": "Spreiding van meningen per criterium ({method})"},
    "acc_h": {"en": "Rank acceptability over the participants",
              "nl": "Rangacceptatie over de deelnemers"},
    "people_h": {"en": "Each participant's weights", "nl": "Gewichten per deelnemer"},
    "shift_h": {"en": "How views moved since round {r}",
                "nl": "Hoe meningen verschoven sinds ronde {r}"},
    "comments_h": {"en": "Comments", "nl": "Opmerkingen"},
    "no_comments": {"en": "No comments.", "nl": "Geen opmerkingen."},
    "none": {"en": "No submissions yet.", "nl": "Nog geen inzendingen."},
    "few": {
        "en": "Fewer than {n} submissions in this round: individual weights are not shown, so "
              "that nobody's answers can be read off.",
        "nl": "Minder dan {n} inzendingen in deze ronde: afzonderlijke gewichten worden niet "
              "getoond, zodat niemands antwoorden af te lezen zijn.",
    },
}


def word(key: str, lang: str = "en", **values: object) -> str:
    """An export label in ``lang`` (English fallback)."""
    entry = _W[key]
    return entry.get(lang, entry["en"]).format(**values)


def _option_names(dash: Dashboard, lang: str) -> dict[str, str]:
    return {o.id: o.name.get(lang) for o in dash.workshop.problem.options}


def rounds_with_submissions(dash: Dashboard) -> list[int]:
    """The rounds in which somebody submitted, in order."""
    return sorted({s.round for s in dash.submissions})


def individual(dash: Dashboard, number: int) -> bool:
    """Whether round ``number`` has enough submissions to show individual weights."""
    return len(dash.round(number)) >= MIN_INDIVIDUAL


def round_analysis(dash: Dashboard, number: int, aggregation: str = "mean",
                   methods: Sequence[str] = DEFAULT_METHODS) -> GroupAnalysis | None:
    """The group analysis of one round, or None when nobody submitted in it."""
    rows = dash.round(number)
    if not rows:
        return None
    problem = dash.workshop.problem
    W = weight_matrix([s.weights for s in rows], problem.criterion_ids)
    return analyse(problem, W, aggregation, methods)


def submissions_table(dash: Dashboard, lang: str = "en",
                      methods: Sequence[str] = DEFAULT_METHODS) -> pd.DataFrame:
    """One row per submission, anonymised: round, pseudonym, weights, first choices, comments;
    only for rounds with at least ``MIN_INDIVIDUAL`` submissions (see the module docstring)."""
    problem = dash.workshop.problem
    names = _option_names(dash, lang)
    crit_names = {c.id: c.name.get(lang) for c in problem.criteria}
    columns = [word("round", lang), word("participant", lang), word("input", lang)]
    columns += [f"{word('weight', lang)}: {crit_names[c]}" for c in problem.criterion_ids]
    columns += [f"{word('first', lang)}: {get_method(m).label}" for m in methods]
    columns += [f"{word('comment', lang)}: {crit_names[c]}" for c in problem.criterion_ids]
    records = []
    for number in rounds_with_submissions(dash):
        if not individual(dash, number):
            continue
        rows = dash.round(number)
        analysis = round_analysis(dash, number, methods=methods)
        firsts = {m: analysis.first_choices(m) if analysis else [()] * len(rows)
                  for m in methods}
        for i, sub in enumerate(rows):
            record: list[object] = [number, dash.participant(sub.participant_id).label,
                                    sub.method]
            record += [round(sub.weights[c], 6) for c in problem.criterion_ids]
            record += [" / ".join(names[o] for o in firsts[m][i]) for m in methods]
            record += [sub.comments.get(c, "") for c in problem.criterion_ids]
            records.append(record)
    return pd.DataFrame.from_records(records, columns=columns)


def group_table(analysis: GroupAnalysis, lang: str = "en") -> pd.DataFrame:
    """Per criterion the group weight by each aggregation (None where undefined)."""
    problem = analysis.problem
    data: dict[str, list[object]] = {
        word("criterion", lang): [c.name.get(lang) for c in problem.criteria]}
    for how in AGGREGATIONS:
        values = analysis.group[how]
        data[aggregation_name(how, lang)] = ([None] * len(problem.criteria) if values is None
                                 else [round(float(v), 6) for v in values])
    return pd.DataFrame(data)


def ranking_table(analysis: GroupAnalysis, lang: str = "en") -> pd.DataFrame:
    """Per option the group rank (and score) by every method, best first by the first method."""
    problem = analysis.problem
    first = next(iter(analysis.results.values()))
    names = {o.id: o.name.get(lang) for o in problem.options}
    data: dict[str, list[object]] = {word("option", lang): [names[o] for o in first.order]}
    for result in analysis.results.values():
        data[f"{word('rank', lang)}: {result.label}"] = [result.rank_of(o) for o in first.order]
        data[f"{word('score', lang)}: {result.label}"] = [round(result.score_of(o), 6)
                                                          for o in first.order]
    return pd.DataFrame(data)


def tables(dash: Dashboard, lang: str = "en", aggregation: str = "mean") -> dict[str, pd.DataFrame]:
    """Every anonymised table: the submissions, and per round the group weights and ranking."""
    out = {word("participant", lang): submissions_table(dash, lang)}
    for number in rounds_with_submissions(dash):
        analysis = round_analysis(dash, number, aggregation)
        if analysis is None:
            continue
        out[f"{word('group_h', lang)} {number}"] = group_table(analysis, lang)
        out[f"{word('ranking_h', lang)} {number}"[:28]] = ranking_table(analysis, lang)
    return out


def results_csv(dash: Dashboard, lang: str = "en") -> bytes:
    """The anonymised submissions as CSV (UTF-8 with BOM, formula cells neutralised)."""
    return csv_bytes(submissions_table(dash, lang))


def results_xlsx(dash: Dashboard, lang: str = "en", aggregation: str = "mean") -> bytes:
    """Every anonymised table as one XLSX workbook (formula cells neutralised)."""
    return xlsx_bytes(tables(dash, lang, aggregation))


def _figure(fig: go.Figure, first: bool) -> str:
    return pio.to_html(fig, include_plotlyjs=bool(first), full_html=False, config=PLOTLY_CONFIG,
                       default_height=f"{fig.layout.height or 500}px")


def _table_html(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, na_rep="–", float_format=lambda x: f"{x:.3f}",
                      border=0, classes="t")


def report_figures(dash: Dashboard, lang: str = "en",
                   aggregation: str = "mean") -> list[tuple[int, str, go.Figure]]:
    """Every chart of the report as (round, section key, figure), in report order."""
    problem = dash.workshop.problem
    out: list[tuple[int, str, go.Figure]] = []
    previous = None
    for number in rounds_with_submissions(dash):
        analysis = round_analysis(dash, number, aggregation)
        if analysis is None:
            continue
        rows = dash.round(number)
        shown = individual(dash, number)
        out.append((number, "group_h", charts.group_weights_chart(problem, analysis.group, lang)))
        out.append((number, "group_h", charts.weights_spread(
            problem, analysis.weights if shown else None, analysis.group_problem.w, aggregation,
            lang)))
        out.append((number, "ranking_h", house.method_ranks(analysis.results,
                                                            analysis.group_problem, lang)))
        for name, split in analysis.splits.items():
            out.append((number, "split_h", charts.first_choice_chart(
                problem, split, get_method(name).label, lang)))
        for name, acc in analysis.acceptability.items():
            out.append((number, "acc_h", charts.acceptability_chart(
                problem, acc, get_method(name).label, len(rows), lang)))
        if shown:
            out.append((number, "people_h", charts.participants_heatmap(
                problem, analysis.weights,
                [dash.participant(s.participant_id).label for s in rows], lang)))
        if previous is not None:
            before_rows = dash.round(previous[0])
            shift = round_shift(previous[1].weights, analysis.weights,
                                [s.participant_id for s in before_rows],
                                [s.participant_id for s in rows])
            out.append((number, "shift_h", charts.round_shift_chart(
                problem, shift, previous[0], number, lang)))
        previous = (number, analysis)
    return out


def report_html(dash: Dashboard, lang: str = "en", aggregation: str = "mean",
                today: dt.date | None = None) -> str:
    """The workshop report: per round every table, sentence and chart, anonymised, offline."""
    problem = dash.workshop.problem
    esc = html.escape
    today = today or dt.date.today()
    rounds = rounds_with_submissions(dash)
    figures = report_figures(dash, lang, aggregation)
    made = word("made", lang, date=today.isoformat(), k=len(dash.members()),
                rounds=", ".join(map(str, rounds)) or "–")
    parts = [
        f"<h1>{esc(word('report', lang))}: {esc(dash.workshop.title)}</h1>",
        f"<p>{esc(made)}</p>",
    ]
    if not rounds:
        parts.append(f"<p>{esc(word('none', lang))}</p>")
    first_chart = True

    def charts_for(number: int, section: str) -> str:
        nonlocal first_chart
        html_parts = []
        for rnd, key, fig in figures:
            if rnd == number and key == section:
                html_parts.append(f'<div class="chart">{_figure(fig, first_chart)}</div>')
                first_chart = False
        return "\n".join(html_parts)

    crit_names = {c.id: c.name.get(lang) for c in problem.criteria}
    for number in rounds:
        analysis = round_analysis(dash, number, aggregation)
        if analysis is None:
            continue
        rows = dash.round(number)
        parts.append(f"<h2>{esc(word('round_h', lang, r=number, k=len(rows)))}</h2>")
        parts.append(f"<h3>{esc(word('group_h', lang))}</h3>")
        how = aggregation_name(aggregation, lang)
        parts.append(f"<p>{esc(word('group_note', lang, how=how))}</p>")
        parts.append(_table_html(group_table(analysis, lang)))
        parts.append(charts_for(number, "group_h"))
        parts.append(f"<h3>{esc(word('ranking_h', lang))}</h3>")
        parts.append(_table_html(ranking_table(analysis, lang)))
        parts.append(charts_for(number, "ranking_h"))
        parts.append(f"<h3>{esc(word('agreement_h', lang))}</h3><ul>")
        parts.append(f"<li>{esc(word('on_criteria', lang))} "
                     f"{esc(describe_agreement(analysis.weight_agreement, lang))}</li>")
        for name, conc in analysis.option_agreement.items():
            label = get_method(name).label
            parts.append(f"<li>{esc(word('on_options', lang, method=label))} "
                         f"{esc(describe_agreement(conc, lang))}</li>")
        parts.append("</ul>")
        parts.append(f"<h3>{esc(word('split_h', lang))}</h3><ul>")
        for name, split in analysis.splits.items():
            sentence = describe_split(split, problem, get_method(name).label, lang)
            parts.append(f"<li>{esc(sentence)}</li>")
        parts.append("</ul>")
        main = next(iter(analysis.impact))
        parts.append(f"<h4>{esc(word('impact_h', lang, method=get_method(main).label))}</h4><ul>")
        for item in analysis.impact[main]:
            parts.append(f"<li>{esc(describe_impact(item, problem, lang))}</li>")
        parts.append("</ul>")
        parts.append(charts_for(number, "split_h"))
        parts.append(f"<h3>{esc(word('acc_h', lang))}</h3>")
        parts.append(charts_for(number, "acc_h"))
        parts.append(f"<h3>{esc(word('people_h', lang))}</h3>")
        parts.append(charts_for(number, "people_h") if individual(dash, number)
                     else f"<p>{esc(word('few', lang, n=MIN_INDIVIDUAL))}</p>")
        shift = charts_for(number, "shift_h")
        if shift:
            parts.append(f"<h3>{esc(word('shift_h', lang, r=rounds[rounds.index(number) - 1]))}"
                         "</h3>")
            parts.append(shift)
        parts.append(f"<h3>{esc(word('comments_h', lang))}</h3>")
        notes = _comments(dash, number)
        if notes:
            parts.append("<ul>")
            for label, crit, note in notes:
                who = f" ({esc(label)})" if label else ""
                parts.append(f"<li><b>{esc(crit_names[crit])}</b>{who}: "
                             f'<span class="note">{esc(note)}</span></li>')
            parts.append("</ul>")
        else:
            parts.append(f"<p>{esc(word('no_comments', lang))}</p>")
    title = f"{word('report', lang)}: {dash.workshop.title}"
    style = ('body{margin:24px auto;max-width:1100px;font-family:Arial,"Liberation Sans",'
             "sans-serif;color:#222}table.t{border-collapse:collapse;margin:8px 0}"
             "table.t td,table.t th{border-bottom:1px solid #ddd;padding:4px 10px;"
             "text-align:left}.note{white-space:pre-wrap}.chart{margin:12px 0}")
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
            + "\n".join(p for p in parts if p) + "\n</body>\n</html>\n")


PDF_CHART_WIDTH = 900
#: The charts of the PDF, per round (the HTML report has every method's; the PDF the first's).
PDF_SECTIONS = ("group_h", "ranking_h", "split_h", "acc_h", "people_h", "shift_h")


class _PDF(FPDF):
    """A4 portrait with a Unicode font and page numbers."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        regular, bold, italic = report_font()
        self.add_font("Sans", "", str(regular))
        self.add_font("Sans", "B", str(bold))
        self.add_font("Sans", "I", str(italic))
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=16)
        self.set_title(title)
        self.set_creator("policy-mcda")
        self.set_font("Sans", size=10)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("Sans", size=7.5)
        self.set_text_color(110, 110, 110)
        self.cell(0, 4, str(self.page_no()), align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float, level: int) -> None:
        if self.get_y() + 40 > self.page_break_trigger:
            self.add_page()
        self.ln(2)
        self.start_section(text, level=level)
        self.set_font("Sans", "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.set_font("Sans", size=10)

    def lines(self, items: Sequence[str], bullet: bool = True) -> None:
        self.set_font("Sans", size=9.5)
        for item in items:
            self.multi_cell(0, 4.8, ("• " if bullet else "") + item, new_x="LMARGIN",
                            new_y="NEXT")
            self.ln(0.6)
        self.ln(1.5)

    def frame(self, df: pd.DataFrame, percent: bool = False) -> None:
        self.set_font("Sans", size=8)
        widths = (2.5, *([1.0] * (len(df.columns) - 1)))  # names need the room
        with self.table(borders_layout="HORIZONTAL_LINES", line_height=4, col_widths=widths,
                        headings_style=FontFace(emphasis="BOLD")) as table:
            table.row([str(c) for c in df.columns])
            for values in df.itertuples(index=False, name=None):
                table.row([_cell_text(v, percent) for v in values])
        self.ln(3)

    def chart(self, fig: go.Figure) -> None:
        png = figure_bytes(fig, "png", width=PDF_CHART_WIDTH)
        height = self.epw * int(fig.layout.height or 500) / PDF_CHART_WIDTH
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
        self.image(io.BytesIO(png), x=self.l_margin, w=self.epw)
        self.ln(3)


def _cell_text(value: object, percent: bool) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return f"{value:.1%}" if percent else f"{value:.3f}"
    return str(value)


def report_pdf(dash: Dashboard, lang: str = "en", aggregation: str = "mean",
               today: dt.date | None = None) -> bytes:
    """The workshop report as PDF: the report's tables and sentences, and per round the key
    charts as images (the first method's where the HTML report has every method's).

    Charts are rendered by kaleido with Chromium (``mcda.export.figure_bytes``); the text uses a
    Unicode TrueType font from the system (``mcda.report.report_font``).
    """
    problem = dash.workshop.problem
    today = today or dt.date.today()
    rounds = rounds_with_submissions(dash)
    figures = report_figures(dash, lang, aggregation)
    pdf = _PDF(f"{word('report', lang)}: {dash.workshop.title}")
    pdf.add_page()
    pdf.set_font("Sans", "B", 17)
    pdf.multi_cell(0, 8, f"{word('report', lang)}: {dash.workshop.title}", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.lines([word("made", lang, date=today.isoformat(), k=len(dash.members()),
                    rounds=", ".join(map(str, rounds)) or "–")], bullet=False)
    if not rounds:
        pdf.lines([word("none", lang)], bullet=False)
    crit_names = {c.id: c.name.get(lang) for c in problem.criteria}

    def charts_for(number: int, section: str) -> None:
        shown: set[str] = set()
        for rnd, key, fig in figures:
            if rnd == number and key == section and key in PDF_SECTIONS:
                kind = str(fig.layout.title.text).split("(")[0]
                if key in ("split_h", "acc_h") and kind in shown:
                    continue  # one method's chart is enough on paper
                shown.add(kind)
                pdf.chart(fig)

    for number in rounds:
        analysis = round_analysis(dash, number, aggregation)
        if analysis is None:
            continue
        rows = dash.round(number)
        pdf.heading(word("round_h", lang, r=number, k=len(rows)), 14, 0)
        pdf.heading(word("group_h", lang), 11.5, 1)
        pdf.lines([word("group_note", lang, how=aggregation_name(aggregation, lang))], bullet=False)
        pdf.frame(group_table(analysis, lang), percent=True)
        charts_for(number, "group_h")
        pdf.heading(word("ranking_h", lang), 11.5, 1)
        pdf.frame(ranking_table(analysis, lang))
        charts_for(number, "ranking_h")
        pdf.heading(word("agreement_h", lang), 11.5, 1)
        items = [f"{word('on_criteria', lang)} "
                 f"{describe_agreement(analysis.weight_agreement, lang)}"]
        items += [f"{word('on_options', lang, method=get_method(name).label)} "
                  f"{describe_agreement(conc, lang)}"
                  for name, conc in analysis.option_agreement.items()]
        pdf.lines(items)
        pdf.heading(word("split_h", lang), 11.5, 1)
        pdf.lines([describe_split(split, problem, get_method(name).label, lang)
                   for name, split in analysis.splits.items()])
        main = next(iter(analysis.impact))
        pdf.heading(word("impact_h", lang, method=get_method(main).label), 10.5, 2)
        pdf.lines([describe_impact(item, problem, lang) for item in analysis.impact[main]])
        charts_for(number, "split_h")
        pdf.heading(word("acc_h", lang), 11.5, 1)
        charts_for(number, "acc_h")
        pdf.heading(word("people_h", lang), 11.5, 1)
        if individual(dash, number):
            charts_for(number, "people_h")
        else:
            pdf.lines([word("few", lang, n=MIN_INDIVIDUAL)], bullet=False)
        if any(r == number and key == "shift_h" for r, key, _ in figures):
            previous = rounds[rounds.index(number) - 1]
            pdf.heading(word("shift_h", lang, r=previous), 11.5, 1)
            charts_for(number, "shift_h")
        pdf.heading(word("comments_h", lang), 11.5, 1)
        notes = [f"{crit_names[c]}" + (f" ({label})" if label else "") + f": {note}"
                 for label, c, note in _comments(dash, number)]
        pdf.lines(notes or [word("no_comments", lang)], bullet=bool(notes))
    return bytes(pdf.output())


def _comments(dash: Dashboard, number: int) -> list[tuple[str, str, str]]:
    """(pseudonym, criterion, comment) of a round, the pseudonym empty in a small round."""
    shown = individual(dash, number)
    return [(dash.participant(s.participant_id).label if shown else "", c, s.comments[c])
            for s in dash.round(number) for c in dash.workshop.problem.criterion_ids
            if c in s.comments]


def report_name(dash: Dashboard, extension: str) -> str:
    """A file name for a download: workshop-<join code>-<date>.<extension>."""
    return f"workshop-{dash.workshop.join_code}-{dt.date.today().isoformat()}.{extension}"
