"""Charts: pure functions from problems and results to plotly Figures, in one visual language.

The app and the exports draw with these functions, so a chart looks the same on screen, in a PNG and
in a slide deck. The visual language:

- every option has a FIXED colour, marker symbol and bar pattern, given by its position in the case
  (``Palette``), so that an option looks the same in every chart even when others are switched off;
  criteria have their own fixed colours and patterns. The colours are Okabe-Ito (options) and Paul
  Tol's "muted" set (criteria): distinguishable with colour-vision deficiencies, and the symbols and
  patterns keep them apart in grayscale print;
- options appear in one order: best first where a ranking is shown, case order elsewhere;
- every figure has a title and, under the plot, an optional ``caption`` (scenario, method, data
  version: exports need it; the app may pass "");
- labels come from the problem's ``Text`` fields in ``lang`` ("en" or "nl"); text from data files
  is escaped, so plotly's pseudo-HTML in a name is shown, never interpreted.

Every function returns a new ``plotly.graph_objects.Figure`` with an explicit height and a width
that follows its container (exports set the width). Figures are composed as plain dicts and built
once without plotly's property validation, which costs 30-70 ms per figure and would dominate a
page rerun; the tests build every chart again with validation, so an invalid property still fails.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import plotly.graph_objects as go

from mcda.methods import MethodResult, linear_normalise
from mcda.model import Case, Criterion, Option, Problem

if TYPE_CHECKING:
    from mcda.sensitivity import FlipResult, OATResult
    from mcda.smaa import SMAAResult

FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
INK = "#222222"
GRID = "#DDDDDD"
# Okabe & Ito (2008); yellow darkened so that markers and text stay visible on white.
OPTION_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000",
                  "#B59A00")
OPTION_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "star",
                  "hexagon", "cross", "x", "pentagon")
# Paul Tol's "muted" qualitative scheme.
CRITERION_COLOURS = ("#332288", "#88CCEE", "#117733", "#DDCC77", "#CC6677", "#44AA99", "#882255",
                     "#999933", "#AA4499", "#6F6F6F")
PATTERNS = ("", "/", ".", "x", "\\", "-", "|", "+")
# Scenarios (2-5 compared at once): Tol's high-contrast set plus two, with patterns.
SCENARIO_COLOURS = ("#004488", "#DDAA33", "#BB5566", "#555555", "#66AADD")
# Sequential, colour-blind safe, monotone in lightness (prints as a gray ramp): 0 worst, 1 best.
SEQUENTIAL = [[0.0, "#FFF7EC"], [0.5, "#7FB9DA"], [1.0, "#08306B"]]
DIVERGING = [[0.0, "#B2182B"], [0.5, "#F7F7F7"], [1.0, "#2166AC"]]
#: Titles longer than this many characters get a smaller font (18 px fits about 80 characters
#: across a 760 px chart).
TITLE_WIDTH = 76
#: Layouts of the scenario comparison: panels one above the other (a page), or side by side
#: (a 16:9 slide).
SCENARIO_LAYOUTS = ("stacked", "side_by_side")

_LABELS: dict[str, dict[str, str]] = {
    "weights_title": {"en": "Criteria weights", "nl": "Gewichten van de criteria"},
    "weight": {"en": "Weight (share of the total)", "nl": "Gewicht (aandeel van het totaal)"},
    "ranks_title": {"en": "Ranking by method", "nl": "Rangorde per methode"},
    "rank": {"en": "Rank (1 = best)", "nl": "Rang (1 = beste)"},
    "method": {"en": "Method", "nl": "Methode"},
    "contrib_title": {"en": "Why an option scores as it does: {label}",
                      "nl": "Waarom een optie zo scoort: {label}"},
    "contrib_wsm": {"en": "Contribution to the weighted sum (higher is better)",
                    "nl": "Bijdrage aan de gewogen som (hoger is beter)"},
    "contrib_promethee_ii": {"en": "Contribution to the net flow φ (higher is better)",
                             "nl": "Bijdrage aan de netto stroom φ (hoger is beter)"},
    "contrib_spotis": {"en": "Contribution to the distance from the ideal (lower is better)",
                       "nl": "Bijdrage aan de afstand tot het ideaal (lager is beter)"},
    "total": {"en": "Total", "nl": "Totaal"},
    "heatmap_title": {"en": "Performance table", "nl": "Prestatietabel"},
    "best": {"en": "1 best", "nl": "1 beste"},
    "worst": {"en": "0 worst", "nl": "0 slechtst"},
    "scenarios_title": {"en": "Scenarios compared", "nl": "Scenario's vergeleken"},
    "scenario_weights": {"en": "Weights", "nl": "Gewichten"},
    "scenario_ranks": {"en": "Ranks ({label})", "nl": "Rangen ({label})"},
    "oat_title": {"en": "One-at-a-time sensitivity: {criterion} ({label})",
                  "nl": "Eén-voor-één gevoeligheid: {criterion} ({label})"},
    "stability_title": {"en": "Stability of the first place per criterion weight ({label})",
                        "nl": "Stabiliteit van de eerste plaats per criteriumgewicht ({label})"},
    "oat_x": {"en": "Weight of {criterion}", "nl": "Gewicht van {criterion}"},
    "oat_score": {"en": "Score ({better} is better)", "nl": "Score ({better} is beter)"},
    "higher": {"en": "higher", "nl": "hoger"},
    "lower": {"en": "lower", "nl": "lager"},
    "current": {"en": "current", "nl": "huidig"},
    "stable": {"en": "stable", "nl": "stabiel"},
    "switch": {"en": "switch", "nl": "omslag"},
    "flip_title": {"en": "What it takes for {option} to rank first ({label})",
                   "nl": "Wat nodig is om {option} eerste te maken ({label})"},
    "flip_current": {"en": "Current weights", "nl": "Huidige gewichten"},
    "flip_required": {"en": "Required weights", "nl": "Benodigde gewichten"},
    "flip_unreachable": {"en": "No weighting puts this option first.",
                         "nl": "Geen weging zet deze optie op de eerste plaats."},
    "acc_title": {"en": "Rank acceptability ({label}, {samples} samples)",
                  "nl": "Rangacceptatie ({label}, {samples} trekkingen)"},
    "acc_x": {"en": "Share of samples", "nl": "Aandeel van de trekkingen"},
    "rank_n": {"en": "Rank {r}", "nl": "Rang {r}"},
    "pw_title": {"en": "Pairwise winning ({label}, {samples} samples)",
                 "nl": "Paarsgewijs winnen ({label}, {samples} trekkingen)"},
    "pw_row": {"en": "Option (row) ...", "nl": "Optie (rij) ..."},
    "pw_col": {"en": "... ranks better than option (column) in this share of the samples",
               "nl": "... staat in dit aandeel van de trekkingen beter dan optie (kolom)"},
}


class ChartError(ValueError):
    """A chart cannot be drawn from these inputs (e.g. a method without contributions)."""


def label(key: str, lang: str = "en", **values: Any) -> str:
    """A chart label in ``lang`` (English fallback), with ``values`` filled in."""
    text = _LABELS[key].get(lang, _LABELS[key]["en"])
    return text.format(**values) if values else text


def plain(text: str) -> str:
    """Text from data files made safe for plotly: its pseudo-HTML tags shown, not interpreted."""
    return html.escape(str(text), quote=False)


def wrap(text: str, width: int = 26) -> str:
    """Escaped text wrapped onto plotly lines (``<br>``) so that long names do not overlap."""
    lines = textwrap.wrap(str(text), width=width, break_long_words=False) or [""]
    return "<br>".join(plain(line) for line in lines)


@dataclass(frozen=True)
class Palette:
    """Fixed colours, symbols and patterns per option and criterion, by position in the case.

    Build it once from the whole case (``Palette.from_case``) and pass it to every chart, so an
    option keeps its colour when others are switched off. Ids it does not know (an option added in
    the app) follow the known ones in the order they are first seen.
    """

    options: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()

    @classmethod
    def from_case(cls, case: Case) -> Palette:
        """The palette of a case: options and criteria in file order."""
        return cls(tuple(o.id for o in case.options), tuple(c.id for c in case.criteria))

    @classmethod
    def from_problem(cls, problem: Problem) -> Palette:
        """The palette of a problem's own option and criterion order."""
        return cls(problem.option_ids, problem.criterion_ids)

    def including(self, option_ids: Sequence[str] = (), criterion_ids: Sequence[str] = ()
                  ) -> Palette:
        """This palette with unknown ids appended in the order given."""
        options = self.options + tuple(o for o in dict.fromkeys(option_ids)
                                       if o not in self.options)
        criteria = self.criteria + tuple(c for c in dict.fromkeys(criterion_ids)
                                         if c not in self.criteria)
        return Palette(options, criteria)

    def _position(self, ids: tuple[str, ...], item: str) -> int:
        return ids.index(item) if item in ids else len(ids)

    def option_colour(self, option_id: str) -> str:
        return OPTION_COLOURS[self._position(self.options, option_id) % len(OPTION_COLOURS)]

    def option_symbol(self, option_id: str) -> str:
        return OPTION_SYMBOLS[self._position(self.options, option_id) % len(OPTION_SYMBOLS)]

    def option_pattern(self, option_id: str) -> str:
        return PATTERNS[self._position(self.options, option_id) % len(PATTERNS)]

    def criterion_colour(self, criterion_id: str) -> str:
        i = self._position(self.criteria, criterion_id)
        return CRITERION_COLOURS[i % len(CRITERION_COLOURS)]

    def criterion_pattern(self, criterion_id: str) -> str:
        return PATTERNS[self._position(self.criteria, criterion_id) % len(PATTERNS)]


def _pattern(shape: str | list[str]) -> dict[str, Any]:
    """A white pattern laid over the bar's own colour (visible in grayscale print)."""
    return {"shape": shape, "fillmode": "overlay", "fgcolor": "white", "size": 8,
            "solidity": 0.3}


def _palette(palette: Palette | None, problem: Problem) -> Palette:
    return (palette or Palette()).including(problem.option_ids, problem.criterion_ids)


def _names(items: Sequence[Option] | Sequence[Criterion], lang: str) -> dict[str, str]:
    return {i.id: i.name.get(lang) for i in items}


_AXIS: dict[str, Any] = {"gridcolor": GRID, "zerolinecolor": "#999999", "linecolor": "#999999",
                         "automargin": True}


def _axis(title: str | None = None, **props: Any) -> dict[str, Any]:
    """An axis in the house style, with an optional title."""
    axis = {**_AXIS, **props}
    if title is not None:
        axis["title"] = {"text": title, "standoff": 8}
    return axis


def _figure(data: list[dict[str, Any]], layout: dict[str, Any], title: str, caption: str,
            height: int, *, bottom: int = 60, legend: bool = True, top: int = 0) -> go.Figure:
    """The figure in the house style: title, fonts, white background, caption under the plot.

    ``layout`` holds the chart's own axes, shapes, annotations and legend settings; axes that it
    does not style get the house axis style. The title starts at the figure's left edge, not the
    plot's, and a title longer than ``TITLE_WIDTH`` characters gets a smaller font, so that a
    long option name does not run it off the chart; it stays one line of plain text (exports
    use it as a slide title). ``top`` adds room under the title for things drawn above the plot
    (e.g. axis labels on top).
    """
    caption_lines = textwrap.wrap(caption, 110) if caption else []
    margin_b = bottom + (20 + 16 * len(caption_lines) if caption_lines else 0)
    margin_t = 64 + top
    height += top
    size = 18 if len(title) <= TITLE_WIDTH else max(12, int(18 * TITLE_WIDTH / len(title)))
    full: dict[str, Any] = {
        "title": {"text": plain(title), "x": 0.0, "xref": "container", "xanchor": "left",
                  "y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 20, "l": 20},
                  "font": {"size": size}},
        "font": {"family": FONT, "size": 13, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "height": height,
        "margin": {"l": 20, "r": 20, "t": margin_t, "b": margin_b, "autoexpand": True},
        "showlegend": legend,
        "hoverlabel": {"font": {"family": FONT}},
        "xaxis": _axis(),
        "yaxis": _axis(),
        **layout,
    }
    full["legend"] = {"font": {"size": 12}, "tracegroupgap": 4,
                      "bgcolor": "rgba(255,255,255,0.8)", **layout.get("legend", {})}
    annotations = list(layout.get("annotations", []))
    if caption_lines:
        plot_height = max(height - margin_t - margin_b, 1)
        annotations.append({
            "text": "<br>".join(plain(line) for line in caption_lines), "xref": "paper",
            "yref": "paper", "x": 0.0, "xanchor": "left", "y": -(margin_b - 8) / plot_height,
            "yanchor": "bottom", "showarrow": False, "font": {"size": 11, "color": "#555555"},
            "align": "left", "name": "caption",
        })
    full["annotations"] = annotations
    return go.Figure(data=data, layout=full, _validate=False)


def caption_of(fig: go.Figure) -> str:
    """The caption annotation's text ('' when there is none), e.g. for tests and exports."""
    for note in fig.layout.annotations:
        if note.name == "caption":
            return html.unescape(note.text.replace("<br>", " "))
    return ""


def weights_bar(problem: Problem, lang: str = "en", caption: str = "",
                palette: Palette | None = None) -> go.Figure:
    """Horizontal bars of the normalised weights, one per criterion in criterion order."""
    pal = _palette(palette, problem)
    names = _names(problem.criteria, lang)
    ids = list(problem.criterion_ids)
    bar = {
        "type": "bar", "x": problem.w.tolist(), "y": [wrap(names[c], 32) for c in ids],
        "orientation": "h", "name": label("weight", lang), "customdata": ids,
        "marker": {"color": [pal.criterion_colour(c) for c in ids],
                   "pattern": _pattern([pal.criterion_pattern(c) for c in ids]),
                   "line": {"color": INK, "width": 0.5}},
        "text": [f"{w:.0%}" for w in problem.w], "textposition": "outside", "cliponaxis": False,
        "hovertemplate": "%{y}: %{x:.1%}<extra></extra>",
    }
    top = float(problem.w.max())
    layout = {"xaxis": _axis(label("weight", lang), tickformat=".0%",
                             range=[0, min(1.0, top * 1.18 + 0.02)]),
              "yaxis": _axis(autorange="reversed")}
    return _figure([bar], layout, label("weights_title", lang), caption, 110 + 44 * len(ids),
                   legend=False)


def _rank_traces(x_labels: Sequence[str], ranks: np.ndarray, option_ids: Sequence[str],
                 names: Mapping[str, str], pal: Palette, scores: np.ndarray | None = None, *,
                 axes: tuple[str, str] = ("x", "y"), legend_ref: str = "legend"
                 ) -> list[dict[str, Any]]:
    """One line of markers per option across columns (methods or scenarios); ranks (k, n).

    Tied options share a rank; their markers are spread sideways so that none hides another.
    """
    k, _ = ranks.shape
    offsets = np.zeros(ranks.shape)
    for c in range(k):
        for r in np.unique(ranks[c]):
            tied = np.flatnonzero(ranks[c] == r)
            if len(tied) > 1:
                offsets[c, tied] = (np.arange(len(tied)) - (len(tied) - 1) / 2) * 0.12
    hover = "%{customdata[0]}: rank %{customdata[1]}"
    if scores is not None:
        hover += " (score %{customdata[2]:.2f})"
    traces = []
    for i, option in enumerate(option_ids):
        colour = pal.option_colour(option)
        custom = [[x_labels[c], int(ranks[c, i])]
                  + ([float(scores[c, i])] if scores is not None else []) for c in range(k)]
        traces.append({
            "type": "scatter", "mode": "lines+markers", "meta": option,
            "x": (np.arange(k) + offsets[:, i]).tolist(), "y": ranks[:, i].astype(int).tolist(),
            "xaxis": axes[0], "yaxis": axes[1], "legend": legend_ref, "legendgroup": option,
            "name": wrap(names[option], 30),
            "line": {"color": colour, "width": 2.5},
            "marker": {"color": colour, "symbol": pal.option_symbol(option), "size": 13,
                       "line": {"color": "white", "width": 1}},
            "customdata": custom,
            "hovertemplate": f"{plain(names[option])}<br>{hover}<extra></extra>",
        })
    return traces


def _rank_axes(x_labels: Sequence[str], n: int, tick_width: int = 16
               ) -> tuple[dict[str, Any], dict[str, Any]]:
    """The x axis (one column per method or scenario) and the rank axis (1 on top)."""
    k = len(x_labels)
    x = _axis(tickvals=list(range(k)), ticktext=[wrap(v, tick_width) for v in x_labels],
              range=[-0.4, k - 0.6], showgrid=False, zeroline=False)
    y = _axis(autorange=False, range=[n + 0.5, 0.5], tickvals=list(range(1, n + 1)),
              zeroline=False)
    return x, y


def method_ranks(results: Mapping[str, MethodResult], problem: Problem, lang: str = "en",
                 caption: str = "", palette: Palette | None = None) -> go.Figure:
    """The rank of every option under every method side by side (a bump chart).

    ``results`` maps method names to results on ``problem`` (as ``rank_all`` returns them); the
    methods appear in the mapping's order, the options in the problem's order.
    """
    if not results:
        raise ChartError("no method results to chart")
    pal = _palette(palette, problem)
    ids = list(problem.option_ids)
    labels = [r.label for r in results.values()]
    ranks = np.array([[res.rank_of(o) for o in ids] for res in results.values()])
    scores = np.array([[res.score_of(o) for o in ids] for res in results.values()])
    data = _rank_traces(labels, ranks, ids, _names(problem.options, lang), pal, scores)
    x, y = _rank_axes(labels, len(ids))
    y["title"] = {"text": label("rank", lang), "standoff": 8}
    return _figure(data, {"xaxis": x, "yaxis": y}, label("ranks_title", lang), caption,
                   150 + 46 * len(ids))


def contribution_methods() -> tuple[str, ...]:
    """The methods whose results carry per-criterion contributions."""
    return ("wsm", "promethee_ii", "spotis")


def contributions_bar(result: MethodResult, problem: Problem, lang: str = "en",
                      caption: str = "", palette: Palette | None = None) -> go.Figure:
    """Stacked horizontal bars: each criterion's contribution to each option's score.

    For ``wsm`` (weighted normalised values), ``promethee_ii`` (weighted net flows per criterion,
    possibly negative) and ``spotis`` (weighted distances, lower is better). Options run from best
    (top) to worst; a black marker shows each total, which is the method's score.
    """
    if result.method not in contribution_methods() or "contributions" not in result.details:
        raise ChartError(f"{result.label} has no per-criterion contributions "
                         f"(charted for: {', '.join(contribution_methods())})")
    pal = _palette(palette, problem)
    onames = _names(problem.options, lang)
    cnames = _names(problem.criteria, lang)
    contributions = np.asarray(result.details["contributions"], dtype=float)
    order = [result.option_ids.index(o) for o in result.order]
    y = [wrap(onames[result.option_ids[i]], 30) for i in order]
    data: list[dict[str, Any]] = []
    for j, crit in enumerate(result.criterion_ids):
        name = cnames.get(crit, crit)
        data.append({
            "type": "bar", "orientation": "h", "x": contributions[order, j].tolist(), "y": y,
            "name": wrap(name, 28), "meta": crit,
            "marker": {"color": pal.criterion_colour(crit),
                       "pattern": _pattern(pal.criterion_pattern(crit)),
                       "line": {"color": "white", "width": 0.5}},
            "hovertemplate": f"{plain(name)}: %{{x:.2f}}<extra>%{{y}}</extra>",
        })
    totals = result.scores[order]
    data.append({
        "type": "scatter", "mode": "markers+text", "x": totals.tolist(), "y": y,
        "name": label("total", lang), "meta": "total",
        "marker": {"symbol": "diamond", "color": INK, "size": 10,
                   "line": {"color": "white", "width": 1}},
        "text": [f"{t:.2f}" for t in totals], "textposition": "middle right",
        "textfont": {"size": 12}, "cliponaxis": False,
        "hovertemplate": label("total", lang) + ": %{x:.2f}<extra>%{y}</extra>",
    })
    lo = min(0.0, float(np.minimum(contributions, 0).sum(axis=1).min()), float(totals.min()))
    hi = max(0.0, float(np.maximum(contributions, 0).sum(axis=1).max()), float(totals.max()))
    span = (hi - lo) or 1.0
    layout = {"barmode": "relative", "legend": {"traceorder": "normal"},
              "xaxis": _axis(label(f"contrib_{result.method}", lang),
                             range=[lo - 0.02 * span, hi + 0.14 * span]),
              "yaxis": _axis(autorange="reversed")}
    return _figure(data, layout, label("contrib_title", lang, label=result.label), caption,
                   150 + 52 * len(order))


def _unit_text(value: float, unit: str) -> str:
    text = f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{text} {plain(unit)}".strip()


def performance_heatmap(problem: Problem, lang: str = "en", caption: str = "") -> go.Figure:
    """The performance table as a heat map: colour = normalised 0 (worst) to 1 (best) on the
    criterion's scale, direction taken into account; text = the raw value with its unit."""
    onames = _names(problem.options, lang)
    normalised = linear_normalise(problem, problem.matrix[None])[0]
    n, m = problem.matrix.shape
    x = [wrap(f"{c.name.get(lang)} {'↑' if c.direction == 'benefit' else '↓'}", 16)
         for c in problem.criteria]
    header_lines = max(h.count("<br>") + 1 for h in x)
    text = [[_unit_text(problem.matrix[i, j], c.unit) for j, c in enumerate(problem.criteria)]
            for i in range(n)]
    low, high = problem.low, problem.high
    heat = {
        "type": "heatmap", "z": normalised.tolist(), "x": x,
        "y": [wrap(onames[o], 30) for o in problem.option_ids], "text": text,
        "texttemplate": "%{text}", "textfont": {"size": 13},
        "customdata": [[[f"{low[i, j]:.3g}", f"{high[i, j]:.3g}"] for j in range(m)]
                       for i in range(n)],
        "zmin": 0, "zmax": 1, "colorscale": SEQUENTIAL, "xgap": 2, "ygap": 2,
        "colorbar": {"thickness": 14, "len": 0.85, "tickvals": [0, 0.5, 1],
                     "ticktext": [label("worst", lang), "0.5", label("best", lang)]},
        "hovertemplate": ("%{y}<br>%{x}: %{text} (range %{customdata[0]} to %{customdata[1]})"
                          "<br>normalised %{z:.2f}<extra></extra>"),
    }
    layout = {"xaxis": _axis(side="top", showgrid=False, tickangle=0),
              "yaxis": _axis(autorange="reversed", showgrid=False)}
    return _figure([heat], layout, label("heatmap_title", lang), caption, 170 + 48 * n,
                   bottom=30, legend=False, top=16 * header_lines)


def scenario_comparison(runs: Mapping[str, tuple[Problem, MethodResult]], lang: str = "en",
                        caption: str = "", palette: Palette | None = None,
                        layout: str = "stacked") -> go.Figure:
    """One to five scenarios compared: their weights and the ranks they give.

    ``runs`` maps a scenario's display name to its problem (its weights and active criteria) and
    the result of one method on it; criteria missing from a scenario count as weight 0, options
    are those of the first run. ``layout="stacked"`` puts the weights above the ranks, each panel
    with its own legend, which keeps long names readable at any width (a page);
    ``layout="side_by_side"`` puts them next to each other in a wide, low figure (about 620 px
    tall for the bundled case) so that its text stays legible on a 16:9 slide.
    """
    if layout not in SCENARIO_LAYOUTS:
        raise ChartError(f"unknown layout {layout!r}; choose one of: "
                         + ", ".join(SCENARIO_LAYOUTS))
    if not 1 <= len(runs) <= 5:
        raise ChartError(f"compare one to five scenarios, got {len(runs)}")
    problems = [p for p, _ in runs.values()]
    results = [r for _, r in runs.values()]
    first = problems[0]
    criteria: dict[str, Criterion] = {}
    for p in problems:
        criteria.update({c.id: c for c in p.criteria})
    pal = _palette(palette, first).including((), list(criteria))
    crit_ids = [c for c in pal.criteria if c in criteria]
    option_ids = list(first.option_ids)
    names = list(runs)
    data: list[dict[str, Any]] = []
    for s, (name, problem) in enumerate(zip(names, problems, strict=True)):
        w = dict(zip(problem.criterion_ids, problem.w, strict=True))
        data.append({
            "type": "bar", "orientation": "h", "meta": name, "name": wrap(name, 30),
            "x": [float(w.get(c, 0.0)) for c in crit_ids],
            "y": [wrap(criteria[c].name.get(lang), 28) for c in crit_ids],
            "xaxis": "x", "yaxis": "y", "legend": "legend",
            "marker": {"color": SCENARIO_COLOURS[s % len(SCENARIO_COLOURS)],
                       "pattern": _pattern(PATTERNS[s % len(PATTERNS)])},
            "hovertemplate": f"{plain(name)}<br>%{{y}}: %{{x:.1%}}<extra></extra>",
        })
    ranks = np.array([[r.rank_of(o) for o in option_ids] for r in results])
    scores = np.array([[r.score_of(o) for o in option_ids] for r in results])
    data += _rank_traces(names, ranks, option_ids, _names(first.options, lang), pal, scores,
                         axes=("x2", "y2"), legend_ref="legend2")
    x2, y2 = _rank_axes(names, len(option_ids), tick_width=22 if layout == "stacked" else 14)
    weights_title = label("scenario_weights", lang)
    ranks_title = label("scenario_ranks", lang, label=results[0].label)
    bar = 11 if layout == "stacked" else 8
    weights_height = len(crit_ids) * (bar * len(runs) + 18)
    ranks_height = 46 * len(option_ids) + 30
    if layout == "stacked":
        gap = 130
        total = weights_height + ranks_height + gap
        split = ranks_height / total
        panels = {
            "xaxis": _axis(tickformat=".0%", anchor="y", domain=[0, 1]),
            "yaxis": _axis(autorange="reversed", anchor="x",
                           domain=[1 - weights_height / total, 1]),
            "xaxis2": {**x2, "anchor": "y2", "domain": [0, 1]},
            "yaxis2": {**y2, "anchor": "x2", "domain": [0, split],
                       "title": {"text": label("rank", lang), "standoff": 8}},
            "legend": {"x": 1.02, "y": 1.0, "yanchor": "top"},
            "legend2": {"x": 1.02, "y": split, "yanchor": "top", "font": {"size": 12},
                        "tracegroupgap": 4},
        }
        titles = [(weights_title, 0.5, 1.0), (ranks_title, 0.5, split)]
        height, top = total + 64 + 70, 0
    else:
        total = max(weights_height, ranks_height)
        scenario_lines = sum(wrap(name, 30).count("<br>") + 1 for name in names)
        below = 1 - (17 * scenario_lines + 6 * len(names) + 28) / total
        panels = {
            "xaxis": _axis(tickformat=".0%", anchor="y", domain=[0, 0.4]),
            "yaxis": _axis(autorange="reversed", anchor="x", domain=[0, 1]),
            "xaxis2": {**x2, "anchor": "y2", "domain": [0.53, 1]},
            "yaxis2": {**y2, "anchor": "x2", "domain": [0, 1],
                       "title": {"text": label("rank", lang), "standoff": 4}},
            "legend": {"x": 1.02, "y": 1.0, "yanchor": "top"},
            "legend2": {"x": 1.02, "y": below, "yanchor": "top", "font": {"size": 12},
                        "tracegroupgap": 4},
        }
        titles = [(weights_title, 0.2, 1.0), (ranks_title, 0.765, 1.0)]
        height, top = total + 64 + 90, 24
    layout_dict = {
        "barmode": "group", "bargap": 0.25, "bargroupgap": 0.05, **panels,
        "annotations": [{"text": plain(text), "x": x, "xref": "paper", "xanchor": "center",
                         "y": y, "yref": "paper", "yanchor": "bottom", "yshift": 4,
                         "showarrow": False, "font": {"size": 15}} for text, x, y in titles],
    }
    return _figure(data, layout_dict, label("scenarios_title", lang), caption, height,
                   bottom=70 if layout == "stacked" else 90, top=top)


def _vline(x: float, line: dict[str, Any]) -> dict[str, Any]:
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": line}


def _note(x: float, text: str, top: bool) -> dict[str, Any]:
    return {"text": text, "x": x, "xref": "x", "y": 1 if top else 0, "yref": "paper",
            "xanchor": "left", "yanchor": "top" if top else "bottom", "showarrow": False,
            "font": {"size": 11}, "xshift": 3}


def oat_sweep(result: OATResult, criterion: str, problem: Problem, lang: str = "en",
              caption: str = "", palette: Palette | None = None) -> go.Figure:
    """One criterion's one-at-a-time sweep: every option's score against that criterion's weight.

    The current weight is a solid line, the stability interval (where the first-ranked option
    stays first) is shaded, and every switch of the first-ranked option is a dotted line. The
    better end of the score axis is on top for every method (lower-is-better axes are reversed).
    """
    sweep = result.sweep(criterion)
    pal = _palette(palette, problem)
    onames = _names(problem.options, lang)
    cname = _names(problem.criteria, lang).get(criterion, criterion)
    lo, hi = sweep.stability
    data = []
    for i, option in enumerate(result.option_ids):
        colour = pal.option_colour(option)
        name = onames.get(option, option)
        data.append({
            "type": "scatter", "mode": "lines+markers", "meta": option, "name": wrap(name, 30),
            "x": sweep.grid.tolist(), "y": sweep.scores[:, i].tolist(),
            "line": {"color": colour, "width": 2.5},
            "marker": {"symbol": pal.option_symbol(option), "color": colour, "size": 9,
                       "maxdisplayed": 12},
            "hovertemplate": f"{plain(name)}<br>w = %{{x:.2f}}: %{{y:.2f}}<extra></extra>",
        })
    shapes = [
        {"type": "rect", "xref": "x", "yref": "paper", "x0": lo, "x1": hi, "y0": 0, "y1": 1,
         "fillcolor": "#BBBBBB", "opacity": 0.25, "line": {"width": 0}, "layer": "below"},
        _vline(sweep.current, {"color": INK, "width": 2}),
    ]
    notes = [_note(lo, plain(label("stable", lang)), top=True),
             _note(sweep.current, f"{plain(label('current', lang))} {sweep.current:.0%}",
                   top=True)]
    for switch in sweep.switches:
        shapes.append(_vline(switch.weight, {"color": "#666666", "width": 1.5, "dash": "dot"}))
        notes.append(_note(switch.weight, f"{switch.weight:.0%}", top=False))
    layout = {
        "shapes": shapes, "annotations": notes,
        "xaxis": _axis(label("oat_x", lang, criterion=plain(cname)), tickformat=".0%",
                       range=[0, 1]),
        "yaxis": _axis(label("oat_score", lang, better=label(result.better, lang)),
                       autorange="reversed" if result.better == "lower" else True),
    }
    title = label("oat_title", lang, criterion=cname, label=result.label)
    return _figure(data, layout, title, caption, 460)


def stability_intervals(result: OATResult, problem: Problem, lang: str = "en",
                        caption: str = "", palette: Palette | None = None) -> go.Figure:
    """Per criterion: the weight range in which the first-ranked option stays first (bar), the
    current weight (diamond) and every switch of the first-ranked option (bars' ticks)."""
    pal = _palette(palette, problem)
    cnames = _names(problem.criteria, lang)
    ids = list(result.criterion_ids)
    y = [wrap(cnames.get(c, c), 30) for c in ids]
    sweeps = [result.sweep(c) for c in ids]
    data = [
        {"type": "bar", "orientation": "h", "name": label("stable", lang), "meta": "stability",
         "x": [s.stability[1] - s.stability[0] for s in sweeps],
         "base": [s.stability[0] for s in sweeps], "y": y,
         "marker": {"color": [pal.criterion_colour(c) for c in ids], "opacity": 0.55,
                    "line": {"color": INK, "width": 0.5}},
         "customdata": [[s.stability[0], s.stability[1]] for s in sweeps],
         "hovertemplate": "%{y}: %{customdata[0]:.1%} – %{customdata[1]:.1%}<extra></extra>"},
        {"type": "scatter", "mode": "markers", "name": label("current", lang),
         "meta": "current", "x": [s.current for s in sweeps], "y": y,
         "marker": {"symbol": "diamond", "size": 12, "color": INK},
         "hovertemplate": "%{y}: %{x:.1%}<extra></extra>"},
        {"type": "scatter", "mode": "markers", "name": label("switch", lang),
         "meta": "switches", "x": [sw.weight for s in sweeps for sw in s.switches],
         "y": [yy for s, yy in zip(sweeps, y, strict=True) for _ in s.switches],
         "marker": {"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "#D55E00"}},
         "hovertemplate": "%{y}: %{x:.1%}<extra></extra>"},
    ]
    layout = {"xaxis": _axis(label("weight", lang), tickformat=".0%", range=[0, 1]),
              "yaxis": _axis(autorange="reversed")}
    return _figure(data, layout, label("stability_title", lang, label=result.label), caption,
                   130 + 50 * len(ids))


def flip_weights(result: FlipResult, problem: Problem, lang: str = "en", caption: str = ""
                 ) -> go.Figure:
    """What it takes: the current and the required weights per criterion, side by side."""
    cnames = _names(problem.criteria, lang)
    ids = list(result.criterion_ids)
    y = [wrap(cnames.get(c, c), 30) for c in ids]
    common = {"type": "bar", "orientation": "h", "y": y, "textposition": "outside",
              "cliponaxis": False, "hovertemplate": "%{y}: %{x:.1%}<extra></extra>"}
    data = [{**common, "x": result.current.tolist(), "name": label("flip_current", lang),
             "meta": "current", "text": [f"{w:.0%}" for w in result.current],
             "marker": {"color": "#BBBBBB", "line": {"color": INK, "width": 0.5}}}]
    notes = []
    if result.weights is not None:
        data.append({**common, "x": result.weights.tolist(), "meta": "required",
                     "name": label("flip_required", lang),
                     "text": [f"{w:.0%}" for w in result.weights],
                     "marker": {"color": "#0072B2", "pattern": _pattern("/")}})
    else:
        notes.append({"text": plain(label("flip_unreachable", lang)), "xref": "paper",
                      "yref": "paper", "x": 0.5, "y": 1.02, "showarrow": False,
                      "yanchor": "bottom"})
    top = max(float(result.current.max()),
              0.0 if result.weights is None else float(result.weights.max()))
    layout = {"barmode": "group", "annotations": notes,
              "xaxis": _axis(label("weight", lang), tickformat=".0%",
                             range=[0, min(1.0, top * 1.2 + 0.03)]),
              "yaxis": _axis(autorange="reversed")}
    name = result.option_name.get(lang, result.option_name["en"])
    return _figure(data, layout, label("flip_title", lang, option=name, label=result.label),
                   caption, 140 + 58 * len(ids))


def rank_colours(n: int) -> list[str]:
    """Colours for ranks 1..n: dark (rank 1) to light, readable as a gray ramp."""
    ramp = np.linspace(0.0, 1.0, n) if n > 1 else np.zeros(1)
    dark, light = np.array([8, 48, 107]), np.array([222, 235, 247])
    rgb = np.rint(dark + (light - dark) * ramp[:, None]).astype(int)
    return ["#" + "".join(f"{v:02X}" for v in row) for row in rgb]


def rank_acceptability(result: SMAAResult, problem: Problem, lang: str = "en",
                       caption: str = "") -> go.Figure:
    """SMAA rank acceptability: per option a stacked bar of the share of samples at each rank.

    Options run from the most often first (top) down, by first-rank then second-rank share.
    """
    onames = _names(problem.options, lang)
    acc = np.asarray(result.rank_acceptability, dtype=float)
    n = acc.shape[0]
    order = sorted(range(n), key=lambda i: tuple(-acc[i, : r + 1].sum() for r in range(n)))
    y = [wrap(onames.get(result.option_ids[i], result.option_ids[i]), 30) for i in order]
    data = []
    for r, colour in enumerate(rank_colours(n)):
        share = acc[order, r]
        rank_name = label("rank_n", lang, r=r + 1)
        data.append({
            "type": "bar", "orientation": "h", "x": share.tolist(), "y": y, "name": rank_name,
            "meta": r + 1, "marker": {"color": colour, "line": {"color": "white", "width": 0.5}},
            "text": [f"{v:.0%}" if v >= 0.07 else "" for v in share], "textposition": "inside",
            "insidetextanchor": "middle", "textfont": {"size": 12},
            "hovertemplate": f"%{{y}}<br>{plain(rank_name)}: %{{x:.1%}}<extra></extra>",
        })
    layout = {"barmode": "stack", "legend": {"traceorder": "normal"},
              "xaxis": _axis(label("acc_x", lang), tickformat=".0%", range=[0, 1]),
              "yaxis": _axis(autorange="reversed")}
    title = label("acc_title", lang, label=result.label, samples=f"{result.samples:,}")
    return _figure(data, layout, title, caption, 150 + 48 * n)


def _letter(i: int) -> str:
    """A short column code for the i-th option: A, B, ..., Z, AA, AB, ..."""
    return _letter(i // 26 - 1) + chr(65 + i % 26) if i >= 26 else chr(65 + i)


def pairwise_winning(result: SMAAResult, problem: Problem, lang: str = "en",
                     caption: str = "") -> go.Figure:
    """SMAA pairwise winning indices as a heat map: row option beats column option in this share
    of the samples (blue above one half, red below; the diagonal is empty). Columns carry short
    codes (A, B, ...) given after each row's name, so long names cannot overlap."""
    onames = _names(problem.options, lang)
    ids = list(result.option_ids)
    p = np.asarray(result.pairwise_winning, dtype=float).copy()
    np.fill_diagonal(p, np.nan)
    letters = [_letter(i) for i in range(len(ids))]
    heat = {
        "type": "heatmap", "x": letters,
        "y": [f"{wrap(onames.get(o, o), 30)} ({letters[i]})" for i, o in enumerate(ids)],
        "z": [[None if np.isnan(v) else float(v) for v in row] for row in p],
        "text": [["" if i == j else f"{p[i, j]:.0%}" for j in range(len(ids))]
                 for i in range(len(ids))],
        "texttemplate": "%{text}", "zmin": 0, "zmax": 1, "colorscale": DIVERGING,
        "xgap": 2, "ygap": 2,
        "customdata": [[plain(onames.get(o, o)) for o in ids] for _ in ids],
        "colorbar": {"thickness": 14, "len": 0.85, "tickformat": ".0%"},
        "hovertemplate": "%{y} > %{customdata}: %{z:.1%}<extra></extra>",
    }
    layout = {"xaxis": _axis(label("pw_col", lang), side="bottom", tickangle=0, showgrid=False),
              "yaxis": _axis(label("pw_row", lang), autorange="reversed", showgrid=False)}
    title = label("pw_title", lang, label=result.label, samples=f"{result.samples:,}")
    return _figure([heat], layout, title, caption, 220 + 56 * len(ids), legend=False)
