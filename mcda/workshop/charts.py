"""Workshop charts: pure functions from group results to plotly Figures (no streamlit).

They follow the house style of ``mcda.charts`` (fonts, fixed option and criterion colours from
``Palette``, escaped labels) and add the figures only a workshop has: the spread of the
participants' weights, the group weights by every aggregation, who ranks what first, rank
acceptability over the participants, each participant's weights, and how views moved between
rounds. Participants' names are user text and are always escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from mcda.charts import FONT, GRID, INK, SEQUENTIAL, Palette, label, plain, wrap
from mcda.model import Problem
from mcda.workshop.aggregation import AGGREGATIONS, RoundShift, WinnerSplit
from mcda.workshop.wording import aggregation_name

_LABELS: dict[str, dict[str, str]] = {
    "spread_title": {"en": "How the participants weigh the criteria",
                     "nl": "Hoe de deelnemers de criteria wegen"},
    "participants": {"en": "Participants", "nl": "Deelnemers"},
    "you": {"en": "You", "nl": "Jij"},
    "group": {"en": "Group ({how})", "nl": "Groep ({how})"},
    "group_title": {"en": "Group weights by aggregation", "nl": "Groepsgewichten per aggregatie"},
    "first_title": {"en": "Who ranks which option first ({method})",
                    "nl": "Wie welke optie eerste zet ({method})"},
    "first_x": {"en": "Number of participants", "nl": "Aantal deelnemers"},
    "acc_title": {"en": "Rank acceptability over the participants ({method}, {k})",
                  "nl": "Rangacceptatie over de deelnemers ({method}, {k})"},
    "acc_x": {"en": "Share of participants", "nl": "Aandeel van de deelnemers"},
    "heat_title": {"en": "Each participant's weights", "nl": "Gewichten per deelnemer"},
    "shift_title": {"en": "How views moved: round {a} and round {b}",
                    "nl": "Hoe de meningen verschoven: ronde {a} en ronde {b}"},
    "round_n": {"en": "Round {r}", "nl": "Ronde {r}"},
    "shift_x": {"en": "Weight: median and interquartile range",
                "nl": "Gewicht: mediaan en interkwartielafstand"},
}


def text(key: str, lang: str = "en", **values: Any) -> str:
    """A workshop chart label in ``lang`` (English fallback)."""
    entry = _LABELS[key]
    return entry.get(lang, entry["en"]).format(**values)


def _style(fig: go.Figure, title: str, height: int, legend: bool = True,
           big: bool = False) -> go.Figure:
    """The house style; ``big`` enlarges fonts for a projector."""
    size = 20 if big else 13
    fig.update_layout(
        title={"text": wrap(title, 48) if big else plain(title), "x": 0.0, "xanchor": "left",
               "font": {"size": size + 5}},
        font={"family": FONT, "size": size, "color": INK},
        paper_bgcolor="white", plot_bgcolor="white", height=height,
        margin={"l": 20, "r": 20, "t": 90 if big else 64, "b": 50, "autoexpand": True},
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0,
                "font": {"size": size - 1}},
    )
    fig.update_xaxes(gridcolor=GRID, zerolinecolor="#999999", linecolor="#999999",
                     automargin=True)
    fig.update_yaxes(gridcolor=GRID, zerolinecolor="#999999", linecolor="#999999",
                     automargin=True)
    return fig


def _criterion_names(problem: Problem, lang: str, width: int = 24) -> list[str]:
    return [wrap(c.name.get(lang), width) for c in problem.criteria]


def weights_spread(problem: Problem, W: np.ndarray | None, group: np.ndarray | None = None,
                   how: str = "mean", lang: str = "en", own: np.ndarray | None = None,
                   big: bool = False) -> go.Figure:
    """Per criterion a box of the participants' weights with every participant as a dot.

    ``group`` (marked as a diamond) is the group weight by ``how``; ``own`` (a star) is the
    viewing participant's own weights. ``W`` None draws no boxes and no dots, only the group
    (and own) marks: for a room too small to show individual weights to others.
    """
    names = _criterion_names(problem, lang)
    pal = Palette.from_problem(problem)
    fig = go.Figure()
    marks = [np.asarray(v, float) for v in (W, group, own) if v is not None]
    for j, crit in enumerate(problem.criterion_ids if W is not None else ()):
        column = np.asarray(W, dtype=float)[:, j]
        fig.add_trace(go.Box(
            x=column, y=[names[j]] * len(column), orientation="h", name=names[j],
            boxpoints="all", jitter=0.4, pointpos=0, fillcolor="rgba(0,0,0,0.04)",
            line={"color": pal.criterion_colour(crit)},
            marker={"color": pal.criterion_colour(crit), "size": 10 if big else 7,
                    "opacity": 0.75},
            showlegend=False, hovertemplate="%{x:.0%}<extra></extra>",
        ))
    if group is not None:
        fig.add_trace(go.Scatter(
            x=np.asarray(group, float), y=names, mode="markers",
            marker={"symbol": "diamond", "size": 16 if big else 12, "color": INK,
                    "line": {"color": "white", "width": 1}},
            name=text("group", lang, how=aggregation_name(how, lang)),
            hovertemplate="%{x:.0%}<extra></extra>",
        ))
    if own is not None:
        fig.add_trace(go.Scatter(
            x=np.asarray(own, float), y=names, mode="markers",
            marker={"symbol": "star", "size": 18 if big else 14, "color": "#D55E00",
                    "line": {"color": INK, "width": 1}},
            name=text("you", lang), hovertemplate="%{x:.0%}<extra></extra>",
        ))
    top = float(max(max((float(m.max()) for m in marks), default=0.0), 0.05))
    fig.update_xaxes(title=label("weight", lang), tickformat=".0%", range=[0, min(1, top + 0.05)])
    fig.update_yaxes(autorange="reversed")
    per = 70 if big else 52
    return _style(fig, text("spread_title", lang), 140 + per * len(names), big=big)


def group_weights_chart(problem: Problem, group: Mapping[str, np.ndarray | None],
                        lang: str = "en") -> go.Figure:
    """Grouped bars: each criterion's group weight by mean, median and geometric mean."""
    names = _criterion_names(problem, lang)
    fig = go.Figure()
    patterns = {"mean": "", "median": "/", "geometric_mean": "."}
    colours = {"mean": "#004488", "median": "#DDAA33", "geometric_mean": "#BB5566"}
    for how in AGGREGATIONS:
        values = group.get(how)
        if values is None:
            continue
        fig.add_trace(go.Bar(
            x=np.asarray(values, float), y=names, orientation="h", name=aggregation_name(how, lang),
            marker={"color": colours[how], "pattern": {"shape": patterns[how],
                                                       "fgcolor": "white",
                                                       "fillmode": "overlay"}},
            text=[f"{v:.0%}" for v in values], textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: %{x:.1%}<extra></extra>",
        ))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=label("weight", lang), tickformat=".0%")
    fig.update_yaxes(autorange="reversed")
    return _style(fig, text("group_title", lang), 150 + 70 * len(names))


def first_choice_chart(problem: Problem, split: WinnerSplit, method_label: str,
                       lang: str = "en", big: bool = False) -> go.Figure:
    """Horizontal bars: how many participants rank each option first (ties count for each)."""
    pal = Palette.from_problem(problem)
    ids = [o for o in problem.option_ids if split.counts.get(o, 0) > 0]
    ids.sort(key=lambda o: -split.counts[o])
    names = {o.id: o.name.get(lang) for o in problem.options}
    fig = go.Figure(go.Bar(
        x=[split.counts[o] for o in ids], y=[wrap(names[o], 28) for o in ids],
        orientation="h",
        marker={"color": [pal.option_colour(o) for o in ids],
                "pattern": {"shape": [pal.option_pattern(o) for o in ids], "fgcolor": "white",
                            "fillmode": "overlay"},
                "line": {"color": INK, "width": 0.5}},
        text=[str(split.counts[o]) for o in ids], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    fig.update_xaxes(title=text("first_x", lang), dtick=1, range=[0, split.participants + 0.5])
    fig.update_yaxes(autorange="reversed")
    return _style(fig, text("first_title", lang, method=method_label),
                  130 + (60 if big else 40) * max(len(ids), 1), legend=False, big=big)


def acceptability_chart(problem: Problem, acceptability: np.ndarray, method_label: str,
                        participants: int, lang: str = "en") -> go.Figure:
    """Stacked bars per option: the share of participants giving it rank 1, 2, ..."""
    b = np.asarray(acceptability, dtype=float)
    n = b.shape[0]
    names = {o.id: o.name.get(lang) for o in problem.options}
    order = np.lexsort(tuple(-b[:, r] for r in reversed(range(n))))
    ids = [problem.option_ids[i] for i in order]
    fig = go.Figure()
    shades = np.linspace(0, 1, n)
    for r in range(n):
        colour = _ramp(1.0 - shades[r])
        fig.add_trace(go.Bar(
            x=b[order, r], y=[wrap(names[o], 28) for o in ids], orientation="h",
            name=label("rank_n", lang, r=r + 1), marker={"color": colour,
                                                        "line": {"color": INK, "width": 0.3}},
            hovertemplate=f"{plain(label('rank_n', lang, r=r + 1))}: %{{x:.0%}}<extra></extra>",
        ))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=text("acc_x", lang), tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    title = text("acc_title", lang, method=method_label,
                 k=f"{participants} {text('participants', lang).lower()}")
    return _style(fig, title, 170 + 40 * n)


def _ramp(t: float) -> str:
    """A colour on the sequential scale of ``mcda.charts`` (0 light, 1 dark)."""
    return sample_colorscale(SEQUENTIAL, [float(t)])[0]


def participants_heatmap(problem: Problem, W: np.ndarray, names: Sequence[str],
                         lang: str = "en") -> go.Figure:
    """A heat map of each participant's weights (rows) per criterion (columns)."""
    W = np.asarray(W, dtype=float)
    fig = go.Figure(go.Heatmap(
        z=W, x=_criterion_names(problem, lang, 14), y=[plain(n) for n in names],
        colorscale=SEQUENTIAL, zmin=0, zmax=max(float(W.max()), 0.01),
        text=[[f"{v:.0%}" for v in row] for row in W], texttemplate="%{text}",
        colorbar={"tickformat": ".0%"},
        hovertemplate="%{y} · %{x}: %{z:.1%}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    return _style(fig, text("heat_title", lang), 160 + 28 * len(names), legend=False)


def round_shift_chart(problem: Problem, shift: RoundShift, before: int, after: int,
                      lang: str = "en") -> go.Figure:
    """Per criterion the median (marker) and interquartile range (bar) in two rounds."""
    names = _criterion_names(problem, lang)
    fig = go.Figure()
    for spread_, rnd, colour, symbol, offset in (
        (shift.before, before, "#999999", "circle-open", -0.15),
        (shift.after, after, "#004488", "circle", 0.15),
    ):
        y = np.arange(len(names)) + offset
        fig.add_trace(go.Scatter(
            x=spread_.median, y=y, mode="markers", name=text("round_n", lang, r=rnd),
            marker={"color": colour, "symbol": symbol, "size": 12,
                    "line": {"color": colour, "width": 2}},
            error_x={"type": "data", "symmetric": False,
                     "array": spread_.q3 - spread_.median,
                     "arrayminus": spread_.median - spread_.q1,
                     "color": colour, "thickness": 3, "width": 6},
            hovertemplate="%{x:.0%}<extra></extra>",
        ))
    fig.update_yaxes(tickvals=list(range(len(names))), ticktext=names, autorange="reversed")
    fig.update_xaxes(title=text("shift_x", lang), tickformat=".0%")
    return _style(fig, text("shift_title", lang, a=before, b=after), 150 + 60 * len(names))
