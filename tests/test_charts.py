"""Charts: the right traces and values, one fixed colour per option, captions and titles present."""

from __future__ import annotations

import numpy as np
import pytest

from mcda import charts
from mcda.methods import rank, rank_all
from mcda.model import Case, Criterion, Option, Problem, Scale, Score, Text


def _case() -> Case:
    crits = (
        Criterion(id="quality", name=Text(en="Quality", nl="Kwaliteit"), direction="benefit",
                  scale=Scale(kind="rating", min=0, max=100), default_weight=3),
        Criterion(id="cost", name=Text(en="Cost", nl="Kosten"), direction="cost",
                  scale=Scale(kind="quantity", unit="M EUR", min=0, max=10), default_weight=1),
        Criterion(id="speed", name=Text(en="Speed", nl="Snelheid"), direction="benefit",
                  scale=Scale(kind="rating", min=0, max=100), default_weight=1, optional=True),
    )
    values = {"a": (80, 8, 10), "b": (50, 2, 60), "c": (20, 1, 90), "d": (60, 5, 40)}
    options = tuple(
        Option(id=o, name=Text(en=f"Option <{o}>", nl=f"Optie <{o}>"),
               scores={c.id: Score(value=v, range=(v * 0.8, min(v * 1.2, c.scale.max)))
                       for c, v in zip(crits, vals, strict=True)})
        for o, vals in values.items()
    )
    return Case(criteria=crits, options=options)


@pytest.fixture
def case() -> Case:
    return _case()


@pytest.fixture
def problem(case: Case) -> Problem:
    return case.problem()


def test_palette_is_fixed_by_case_position_when_options_are_switched_off(case: Case) -> None:
    pal = charts.Palette.from_case(case)
    full = case.problem()
    part = case.problem(options=["b", "d"])
    assert pal.option_colour("b") == charts.OPTION_COLOURS[1]
    assert pal.option_colour("d") == charts.OPTION_COLOURS[3]
    fig_full = charts.method_ranks(rank_all(full), full, palette=pal)
    fig_part = charts.method_ranks(rank_all(part), part, palette=pal)
    colour = {t.meta: t.marker.color for t in fig_full.data}
    assert {t.meta: t.marker.color for t in fig_part.data} == {"b": colour["b"], "d": colour["d"]}
    assert len(set(colour.values())) == 4
    assert pal.including(["new"]).option_colour("new") == charts.OPTION_COLOURS[4]


def test_weights_bar_shows_normalised_weights_with_title_and_caption(problem: Problem) -> None:
    fig = charts.weights_bar(problem, "nl", caption="scenario X")
    bar = fig.data[0]
    assert list(bar.x) == pytest.approx([0.75, 0.25])
    assert list(bar.y) == ["Kwaliteit", "Kosten"]
    assert list(bar.text) == ["75%", "25%"]
    assert fig.layout.title.text == "Gewichten van de criteria"
    assert charts.caption_of(fig) == "scenario X"
    assert charts.caption_of(charts.weights_bar(problem)) == ""


def test_method_ranks_has_one_trace_per_option_with_each_methods_rank(problem: Problem) -> None:
    results = rank_all(problem)
    fig = charts.method_ranks(results, problem, "en", caption="c")
    assert [t.meta for t in fig.data] == ["a", "b", "c", "d"]
    for trace in fig.data:
        expected = [results[m].rank_of(trace.meta) for m in results]
        assert list(trace.y) == expected
    assert list(fig.layout.xaxis.ticktext)[1] == "TOPSIS"
    assert fig.layout.yaxis.range == (4.5, 0.5)
    symbols = {t.marker.symbol for t in fig.data}
    assert len(symbols) == 4


def test_method_ranks_spreads_tied_markers(case: Case) -> None:
    crit = case.criteria[0]
    same = Score(value=50)
    options = tuple(Option(id=o, name=Text.same(o), scores={crit.id: same}) for o in "xy")
    options += (Option(id="z", name=Text.same("z"), scores={crit.id: Score(value=10)}),)
    tied = Problem(criteria=(crit,), options=options, weights={crit.id: 1})
    fig = charts.method_ranks({"wsm": rank(tied, "wsm")}, tied)
    xs = {t.meta: t.x[0] for t in fig.data}
    assert xs["x"] != xs["y"]
    assert [t.y[0] for t in fig.data] == [1, 1, 3]


def test_labels_from_data_are_escaped(problem: Problem) -> None:
    fig = charts.method_ranks(rank_all(problem), problem)
    assert fig.data[0].name == "Option &lt;a&gt;"


def test_contributions_bar_stacks_criteria_and_totals_equal_scores(problem: Problem) -> None:
    result = rank(problem, "wsm")
    fig = charts.contributions_bar(result, problem, "en", caption="cap")
    bars = [t for t in fig.data if t.type == "bar"]
    assert [b.meta for b in bars] == ["quality", "cost"]
    stacked = np.sum([b.x for b in bars], axis=0)
    total = next(t for t in fig.data if t.meta == "total")
    assert np.allclose(stacked, total.x)
    expected = [result.score_of(o) for o in result.order]
    assert np.allclose(total.x, expected)
    assert fig.layout.barmode == "relative"
    pal = charts.Palette.from_problem(problem)
    assert bars[1].marker.color == pal.criterion_colour("cost")
    assert charts.caption_of(fig) == "cap"


def test_contributions_bar_promethee_can_be_negative(problem: Problem) -> None:
    result = rank(problem, "promethee_ii")
    fig = charts.contributions_bar(result, problem)
    values = np.concatenate([b.x for b in fig.data if b.type == "bar"])
    assert values.min() < 0
    total = next(t for t in fig.data if t.meta == "total")
    assert np.allclose(total.x, [result.score_of(o) for o in result.order])


def test_contributions_bar_refuses_methods_without_contributions(problem: Problem) -> None:
    with pytest.raises(charts.ChartError, match="TOPSIS"):
        charts.contributions_bar(rank(problem, "topsis"), problem)


def test_performance_heatmap_normalises_by_direction_and_shows_units(problem: Problem) -> None:
    fig = charts.performance_heatmap(problem, "en", caption="v1")
    heat = fig.data[0]
    z = np.array(heat.z)
    assert z[0, 0] == pytest.approx(0.8)
    assert z[0, 1] == pytest.approx(0.2)
    assert z[2, 1] == pytest.approx(0.9)
    assert heat.text[0][1] == "8 M EUR"
    assert heat.text[0][0] == "80"
    assert heat.zmin == 0 and heat.zmax == 1
    assert charts.caption_of(fig) == "v1"
    assert fig.layout.title.text == "Performance table"


def test_scenario_comparison_shows_weights_and_ranks_per_scenario(case: Case) -> None:
    base = case.problem()
    other = case.problem({"quality": 1, "cost": 1, "speed": 2})
    runs = {"Base": (base, rank(base, "wsm")), "Speed first": (other, rank(other, "wsm"))}
    fig = charts.scenario_comparison(runs, "en", caption="compare")
    bars = [t for t in fig.data if t.type == "bar"]
    assert [b.meta for b in bars] == ["Base", "Speed first"]
    assert list(bars[0].x) == pytest.approx([0.75, 0.25, 0.0])
    assert list(bars[1].x) == pytest.approx([0.25, 0.25, 0.5])
    lines = {t.meta: list(t.y) for t in fig.data if t.type == "scatter"}
    assert lines["c"] == [runs["Base"][1].rank_of("c"), runs["Speed first"][1].rank_of("c")]
    assert charts.caption_of(fig) == "compare"
    with pytest.raises(charts.ChartError):
        charts.scenario_comparison({str(i): runs["Base"] for i in range(6)})


def test_scenario_comparison_side_by_side_is_wide_and_low(case: Case) -> None:
    base = case.problem()
    others = [case.problem({"quality": 1, "cost": i, "speed": 2}) for i in range(1, 5)]
    runs = {"Base": (base, rank(base, "wsm"))}
    runs.update({f"Perspective number {i}": (p, rank(p, "wsm")) for i, p in enumerate(others)})
    stacked = charts.scenario_comparison(runs, "en", "c")
    side = charts.scenario_comparison(runs, "en", "c", layout="side_by_side")
    assert stacked.layout.height > side.layout.height
    assert side.layout.xaxis.domain[1] < side.layout.xaxis2.domain[0]
    assert tuple(side.layout.yaxis.domain) == tuple(side.layout.yaxis2.domain) == (0, 1)
    assert side.layout.legend2.y < side.layout.legend.y
    assert [t.meta for t in side.data] == [t.meta for t in stacked.data]
    with pytest.raises(charts.ChartError, match="layout"):
        charts.scenario_comparison(runs, "en", layout="landscape")


def test_long_titles_stay_one_line_with_a_smaller_font(case: Case) -> None:
    long = case.model_copy(update={"options": tuple(
        o.model_copy(update={"name": Text.same("A very long option name " * 3 + o.id)})
        for o in case.options)})
    problem = long.problem()
    from mcda.sensitivity import flip

    fig = charts.flip_weights(flip(problem, "c", "wsm"), problem, "en")
    assert "<br>" not in fig.layout.title.text
    assert fig.layout.title.font.size < 18
    assert fig.layout.title.xref == "container"
    assert charts.weights_bar(problem).layout.title.font.size == 18


def test_contribution_axis_leaves_room_for_the_totals(problem: Problem) -> None:
    result = rank(problem, "wsm")
    fig = charts.contributions_bar(result, problem)
    lo, hi = fig.layout.xaxis.range
    assert lo <= 0 and hi >= result.scores.max() * 1.1


def test_heatmap_labels_in_dutch_and_room_for_header_lines(problem: Problem) -> None:
    fig = charts.performance_heatmap(problem, "nl")
    assert list(fig.data[0].colorbar.ticktext) == ["0 slechtst", "0.5", "1 beste"]
    assert fig.layout.margin.t > 64
    assert charts.wrap("Onafhankelijkheid ↑", 16) == "Onafhankelijkheid<br>↑"


def test_oat_sweep_draws_each_option_with_current_weight_and_switches(problem: Problem) -> None:
    from mcda.sensitivity import oat

    result = oat(problem, "wsm")
    sweep = result.sweep("quality")
    fig = charts.oat_sweep(result, "quality", problem, "en", caption="c")
    lines = [t for t in fig.data if t.type == "scatter"]
    assert [t.meta for t in lines] == list(problem.option_ids)
    assert np.allclose(lines[0].y, sweep.scores[:, 0])
    vlines = [s for s in fig.layout.shapes if s.type == "line"]
    assert vlines[0].x0 == pytest.approx(sweep.current)
    assert sorted(v.x0 for v in vlines[1:]) == pytest.approx([s.weight for s in sweep.switches])
    assert len(sweep.switches) >= 1
    rect = next(s for s in fig.layout.shapes if s.type == "rect")
    assert (rect.x0, rect.x1) == pytest.approx(sweep.stability)
    assert charts.caption_of(fig) == "c"


def test_oat_sweep_puts_the_better_end_on_top_for_lower_is_better(problem: Problem) -> None:
    from mcda.sensitivity import oat

    fig = charts.oat_sweep(oat(problem, "vikor"), "cost", problem)
    assert fig.layout.yaxis.autorange == "reversed"


def test_stability_intervals_bar_spans_each_interval(problem: Problem) -> None:
    from mcda.sensitivity import oat

    result = oat(problem, "wsm")
    fig = charts.stability_intervals(result, problem, "nl")
    bar = fig.data[0]
    for k, crit in enumerate(result.criterion_ids):
        lo, hi = result.sweep(crit).stability
        assert bar.base[k] == pytest.approx(lo)
        assert bar.x[k] == pytest.approx(hi - lo)
    assert "Stabiliteit" in fig.layout.title.text


def test_flip_weights_shows_current_and_required(problem: Problem) -> None:
    from mcda.sensitivity import flip

    result = flip(problem, "c", "wsm")
    fig = charts.flip_weights(result, problem, "en", caption="what")
    current = next(t for t in fig.data if t.meta == "current")
    required = next(t for t in fig.data if t.meta == "required")
    assert np.allclose(current.x, problem.w)
    assert np.allclose(required.x, result.weights)
    assert "Option &lt;c&gt;" in fig.layout.title.text


def test_smaa_charts_show_acceptability_and_pairwise_winning(problem: Problem) -> None:
    from mcda.smaa import smaa

    result = smaa(problem, ["wsm"], samples=2000, seed=1)["wsm"]
    fig = charts.rank_acceptability(result, problem, "en", caption="smaa")
    assert [t.meta for t in fig.data] == [1, 2, 3, 4]
    totals = np.sum([t.x for t in fig.data], axis=0)
    assert np.allclose(totals, 1.0)
    top = fig.data[0].y[0]
    best = int(np.argmax(result.rank_acceptability[:, 0]))
    assert top.startswith(f"Option &lt;{result.option_ids[best]}&gt;")
    assert fig.data[0].marker.color != fig.data[3].marker.color
    heat = charts.pairwise_winning(result, problem).data[0]
    assert heat.z[0][0] is None
    assert heat.z[0][1] == pytest.approx(result.pairwise_winning[0, 1])
    assert list(heat.x) == ["A", "B", "C", "D"]
    assert "smaa" in "\n".join(a.text for a in fig.layout.annotations)


def test_every_chart_passes_plotly_validation(case: Case) -> None:
    """Charts are built without validation for speed; built again with it, nothing is invalid."""
    import plotly.graph_objects as go

    from mcda.sensitivity import flip, oat
    from mcda.smaa import smaa

    problem = case.problem()
    results = rank_all(problem)
    sweep = oat(problem, "wsm")
    outcome = smaa(problem, ["wsm"], samples=500, seed=2)["wsm"]
    other = case.problem({"quality": 1, "cost": 2, "speed": 1})
    figures = [
        charts.weights_bar(problem, "nl", "c"),
        charts.method_ranks(results, problem, "en", "c"),
        charts.contributions_bar(results["wsm"], problem, "en", "c"),
        charts.performance_heatmap(problem, "en", "c"),
        charts.scenario_comparison({"a": (problem, results["wsm"]),
                                    "b": (other, rank(other, "wsm"))}, "en", "c"),
        charts.oat_sweep(sweep, "cost", problem, "en", "c"),
        charts.stability_intervals(sweep, problem, "en", "c"),
        charts.flip_weights(flip(problem, "c"), problem, "en", "c"),
        charts.rank_acceptability(outcome, problem, "en", "c"),
        charts.pairwise_winning(outcome, problem, "en", "c"),
    ]
    for fig in figures:
        validated = go.Figure(fig.to_dict())
        assert validated.layout.title.text == fig.layout.title.text
        assert len(validated.data) == len(fig.data)
