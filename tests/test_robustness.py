"""The one sentence on how robust first place is (issue 9): checked against its numbers."""

from __future__ import annotations

import re

from mcda.model import Criterion, Option, Problem, Scale, Score, Text
from mcda.report import summary
from mcda.robustness import QUICK_SAMPLES, first_place
from tests.conftest import make_problem
from tests.export_case import sample_appraisal, sample_case


def test_a_clear_winner_is_robust_and_the_shares_are_rounded_to_5_percent() -> None:
    problem = make_problem([[10, 10], [1, 1], [2, 0]], bounds=[(0, 10), (0, 10)])
    found = first_place(problem)
    assert found.first_share[0] == 1.0 and not found.ranged
    assert found.sentence(problem) == (
        f"First place is robust: around the current weights, a1 comes first in 100% of "
        f"{QUICK_SAMPLES:,} draws under Weighted sum (WSM).")


def _ranged(width: float) -> Problem:
    crits = tuple(Criterion(id=c, name=Text.same(c), direction="benefit",
                            scale=Scale(min=0, max=10)) for c in ("x", "y"))
    def option(oid: str, x: float, y: float) -> Option:
        return Option(id=oid, name=Text(en=oid.upper(), nl=oid), scores={
            "x": Score(value=x, range=(max(0, x - width), min(10, x + width))),
            "y": Score(value=y, range=(max(0, y - width), min(10, y + width)))})
    return Problem(criteria=crits, options=(option("a", 6, 5), option("b", 5, 5.5)),
                   weights={"x": 1, "y": 1})


def test_overlapping_ranges_make_first_place_contested_and_the_sentence_says_so() -> None:
    problem = _ranged(3)
    found = first_place(problem)
    assert found.ranged
    lead = found.order[0]
    share = found.first_share[lead]
    text = found.sentence(problem)
    assert "within the score ranges" in text
    shown = [int(x) for x in re.findall(r"(\d+)%", text)]
    assert abs(shown[0] - 100 * share) <= 2.5 and shown[0] % 5 == 0
    assert ("contested" in text) == (share < 0.6)
    runner = found.order[1]
    assert abs(shown[1] - 100 * found.first_share[runner]) <= 2.5
    dutch = found.sentence(problem, "nl")
    assert "2.000 trekkingen" in dutch and "binnen de bandbreedtes" in dutch


def test_the_report_summary_carries_the_same_sentence() -> None:
    appraisal = sample_appraisal(sample_case())
    expected = first_place(appraisal.problem, appraisal.primary.method).sentence(
        appraisal.problem, "en")
    assert expected in summary(appraisal)


def test_the_cli_rank_table_carries_the_same_sentence(capsys, tmp_path) -> None:
    from mcda import cli
    from mcda.tabular import load_matrix_problem

    matrix = tmp_path / "m.csv"
    matrix.write_text("option,c1,c2\na,10,10\nb,1,1\nc,2,0\n", encoding="utf-8")
    criteria = tmp_path / "c.csv"
    criteria.write_text("id,direction,weight,min,max\nc1,benefit,1,0,10\nc2,benefit,1,0,10\n",
                        encoding="utf-8")
    assert cli.main(["rank", "--matrix", str(matrix), "--criteria", str(criteria),
                     "--method", "topsis", "wsm"]) == 0
    problem = load_matrix_problem(matrix, criteria)
    assert first_place(problem, "topsis").sentence(problem) in capsys.readouterr().out
