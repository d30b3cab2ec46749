"""Spreadsheet import (mcda.tabular): formats, round trips, and every bad input named precisely."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from openpyxl import Workbook

from mcda.data import MAX_FILE_BYTES, DataError, load_case
from mcda.model import Criterion, Option, Problem, Scale, Score, Text
from mcda.tabular import (
    load_matrix_problem,
    problem_from_bytes,
    problem_to_tables,
    read_table,
    safe_cell,
    template_files,
    to_csv,
)

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent

MATRIX = "option,cost,quality\na,10,70\nb,20,90\nc,15,40\n"
CRITERIA = "id,direction,weight,min,max\ncost,cost,40,0,50\nquality,benefit,60,0,100\n"


def load(matrix: str | bytes, criteria: str | bytes,
         names: tuple[str, str] = ("matrix.csv", "criteria.csv")) -> Problem:
    raw_m = matrix.encode() if isinstance(matrix, str) else matrix
    raw_c = criteria.encode() if isinstance(criteria, str) else criteria
    return problem_from_bytes(raw_m, names[0], raw_c, names[1])


def problems_of(matrix: str | bytes, criteria: str | bytes, **kw) -> list[str]:
    with pytest.raises(DataError) as info:
        load(matrix, criteria, **kw)
    return info.value.problems


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------
# Good input
# ------------------------------------------------------------------------------------------


def test_plain_csv_builds_the_problem() -> None:
    p = load(MATRIX, CRITERIA)
    assert p.option_ids == ("a", "b", "c")
    assert p.criterion_ids == ("cost", "quality")
    np.testing.assert_array_equal(p.matrix, [[10, 70], [20, 90], [15, 40]])
    np.testing.assert_allclose(p.w, [0.4, 0.6])
    assert [c.direction for c in p.criteria] == ["cost", "benefit"]
    assert p.criteria[0].scale == Scale(kind="quantity", min=0, max=50)
    assert p.criteria[0].name == Text.same("cost")
    assert p.options[1].name == Text.same("b")


def test_dutch_csv_with_bom_semicolons_and_decimal_commas() -> None:
    p = load_matrix_problem(FIXTURES / "matrix_nl.csv", FIXTURES / "criteria_nl.csv")
    assert (FIXTURES / "matrix_nl.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert p.criterion_ids == ("kosten", "effect", "tijd")
    np.testing.assert_array_equal(p.matrix, [[12.5, 70, 6], [4.25, 60, 2], [0, 30, 0.5]])
    kosten, _, tijd = p.criteria
    assert kosten.direction == "cost"  # written 'Cost': directions are case-insensitive
    assert kosten.name == Text.same("Kosten")
    assert kosten.scale == Scale(kind="quantity", unit="mln euro/jaar", min=0, max=40)
    assert tijd.scale == Scale(kind="quantity", unit="jaar")  # empty min/max: no bounds
    np.testing.assert_allclose(p.w, [0.3, 0.5, 0.2])


def test_dutch_round_trip_through_problem_to_tables() -> None:
    p = load_matrix_problem(FIXTURES / "matrix_nl.csv", FIXTURES / "criteria_nl.csv")
    matrix, criteria = problem_to_tables(p)
    dutch_m, dutch_c = to_csv(matrix, ";"), to_csv(criteria, ";")
    assert b"12,5" in dutch_m and b"4,25" in dutch_m
    again = load(dutch_m, dutch_c)
    assert again == p
    assert load(to_csv(matrix), to_csv(criteria)) == p


def test_round_trip_of_a_problem_made_in_the_app() -> None:
    # The weight column is read back as the criterion's default weight as well.
    crits = (
        Criterion(id="a", name=Text.same("Alpha"), direction="benefit", default_weight=0.7,
                  scale=Scale(kind="quantity", unit="pts", min=-1, max=1)),
        Criterion(id="b", name=Text.same("b"), direction="cost", default_weight=0.3),
    )
    opts = tuple(
        Option(id=o, name=Text.same(o), scores={"a": Score(value=va), "b": Score(value=vb)})
        for o, va, vb in (("x", -0.5, 1 / 3), ("y", 0.1, 2e-7), ("z", 1.0, 123456.789))
    )
    p = Problem(criteria=crits, options=opts, weights={"a": 0.7, "b": 0.3})
    matrix, criteria = problem_to_tables(p)
    assert matrix[0] == ["option", "a", "b"]
    assert criteria[1] == ["a", "Alpha", "benefit", 0.7, "pts", -1.0, 1.0]
    assert load(to_csv(matrix), to_csv(criteria)) == p
    assert load(to_csv(matrix, ";"), to_csv(criteria, ";")) == p
    assert load(to_csv(matrix, "\t"), to_csv(criteria, "\t")) == p


def test_bundled_case_round_trips_its_numbers() -> None:
    p = load_case(ROOT).problem()
    matrix, criteria = problem_to_tables(p)
    again = load(to_csv(matrix), to_csv(criteria))
    assert again.option_ids == p.option_ids
    assert again.criterion_ids == p.criterion_ids
    np.testing.assert_array_equal(again.matrix, p.matrix)
    np.testing.assert_array_equal(again.w, p.w)
    np.testing.assert_array_equal(again.types, p.types)
    assert [c.name.en for c in again.criteria] == [c.name.en for c in p.criteria]


def test_xlsx_from_path_and_bytes(tmp_path: Path) -> None:
    matrix = xlsx_bytes([["option", "cost", "quality"], ["a", 10, 70], ["b", "20,5", 90],
                         ["c", 15.25, 40]])
    criteria = xlsx_bytes([["ID", "Direction", "Weight", "Max"], ["cost", "cost", 40, 50],
                           ["quality", "BENEFIT", 60, None]])
    (tmp_path / "m.xlsx").write_bytes(matrix)
    (tmp_path / "c.xlsx").write_bytes(criteria)
    p = load_matrix_problem(tmp_path / "m.xlsx", tmp_path / "c.xlsx")
    np.testing.assert_array_equal(p.matrix, [[10, 70], [20.5, 90], [15.25, 40]])
    assert p.criteria[0].scale.max == 50 and p.criteria[1].scale.max is None
    assert p.criteria[1].direction == "benefit"
    assert problem_from_bytes(matrix, "m.xlsx", criteria, "c.xlsx") == p


def test_xlsx_and_csv_can_be_mixed() -> None:
    matrix = xlsx_bytes([["option", "cost", "quality"], ["a", 10, 70], ["b", 20, 90],
                         ["c", 15, 40]])
    assert load(matrix, CRITERIA, names=("m.xlsx", "criteria.csv")) == load(MATRIX, CRITERIA)


def test_read_table_keeps_spreadsheet_row_numbers() -> None:
    rows = read_table(b"a;b\n\n1;2,5;\n\n", "t.csv")
    assert rows == [["a", "b"], [], ["1", "2,5"]]
    sheet = read_table(xlsx_bytes([["x", None], [None, None], [1, "t"]]), "t.xlsx")
    assert sheet == [["x"], [], [1.0, "t"]]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers() -> None:
    lines = problems_of("option,cost,quality\n\na,10,70\n\nb,x,90\nc,15,40\n", CRITERIA)
    assert lines == ["matrix.csv: row 5, column 'cost': 'x' is not a number"]


def test_decimal_comma_in_a_semicolon_file_is_a_comma_not_thousands() -> None:
    p = load("option;cost;quality\na;1,234;70\nb;2;90\n",
             "id;direction;weight\ncost;cost;1\nquality;benefit;1\n")
    assert p.matrix[0, 0] == pytest.approx(1.234)


def test_template_files_load_as_a_problem() -> None:
    files = template_files()
    assert set(files) == {"matrix.csv", "criteria.csv"}
    p = load(files["matrix.csv"], files["criteria.csv"])
    assert p.option_ids == ("new_agency", "strengthen_existing", "status_quo")
    assert p.criteria[1].unit == "M EUR/yr"
    np.testing.assert_allclose(p.w, [0.5, 0.3, 0.2])


def test_to_csv_neutralises_formula_injection_in_text_only() -> None:
    out = to_csv([["option", "x"], ["=HYPERLINK(1)", -3.5], ["+a", "@b"], ["-c", "\tz"]])
    text = out.decode()
    assert text.splitlines() == ["option,x", "'=HYPERLINK(1),-3.5", "'+a,'@b", "'-c,'\tz"]
    assert safe_cell("plain") == "plain"
    assert to_csv([[1.5, 2.0]], ";") == b"1,5;2\r\n"


def test_to_csv_refuses_an_unknown_separator() -> None:
    with pytest.raises(ValueError, match="separator"):
        to_csv([["a"]], "|")


# ------------------------------------------------------------------------------------------
# Bad input: each problem named by file, row and column
# ------------------------------------------------------------------------------------------

BAD_MATRIX = [
    ("", "matrix.csv: file is empty"),
    ("  \n \n", "matrix.csv: file is empty"),
    ("option,cost,quality\n", "matrix.csv: row 1: no options below the header row"),
    ("option,cost,quality\na,abc,70\nb,20,90\n",
     "matrix.csv: row 2, column 'cost': 'abc' is not a number"),
    ("option,cost,quality\na,10,nan\nb,20,90\n",
     "matrix.csv: row 2, column 'quality': 'nan' is not a finite number"),
    ("option,cost,quality\na,10,70\nb,-inf,90\n",
     "matrix.csv: row 3, column 'cost': '-inf' is not a finite number"),
    ("option,cost,quality\na,1e999,70\nb,20,90\n",
     "matrix.csv: row 2, column 'cost': '1e999' is not a finite number"),
    ("option,cost,quality\na,,70\nb,20,90\n",
     "matrix.csv: row 2, column 'cost': is empty: a number is needed"),
    ("option,cost,quality\na,10\nb,20,90\n",
     "matrix.csv: row 2, column 'quality': is empty: a number is needed"),
    ("option,cost\na,10\nb,20\n",
     "matrix.csv: row 1: no column for criterion 'quality' (criteria.csv row 3)"),
    ("option,cost,quality,speed\na,10,70,1\nb,20,90,2\n",
     "matrix.csv: row 1, column 'speed': criterion 'speed' is not in criteria.csv"),
    ("option,cost,quality\na,10,70\nb,20,90\na,15,40\n",
     "matrix.csv: row 4, column 'option': duplicate option id 'a' (also row 2)"),
    ("option,cost,quality\na,10,70\n",
     "matrix.csv: only one option ('a'): a ranking needs at least two"),
    ("option,cost,quality\n,10,70\nb,20,90\n",
     "matrix.csv: row 2, column 'option': option id is empty"),
    ("option,cost,quality\na,10,70\nb,60,90\n",
     "matrix.csv: row 3, column 'cost': 60 is above the maximum 50 (criteria.csv row 2)"),
    ("option,cost,quality\na,10,-1\nb,20,90\n",
     "matrix.csv: row 2, column 'quality': -1 is below the minimum 0 (criteria.csv row 3)"),
    ("optie,cost,quality\na,10,70\nb,20,90\n",
     "matrix.csv: row 1, column A: the first column must be 'option', found 'optie'"),
    ("option,cost,quality\na,10,70,5\nb,20,90\n",
     "matrix.csv: row 2, column D: value '5' outside the table (the header has 3 columns)"),
    ("option,cost,,quality\na,10,1,70\nb,20,1,90\n",
     "matrix.csv: row 1, column C: empty column header"),
    ("option,cost,cost,quality\na,10,1,70\nb,20,1,90\n",
     "matrix.csv: row 1, column C: duplicate column 'cost' (also column B)"),
    ('option,cost,quality\na,"12,5",70\nb,20,90\n',
     "matrix.csv: row 2, column 'cost': '12,5' has a comma, but this file separates columns "
     "with ',': use '.' as decimal mark (or ';' as separator)"),
    ("option;cost;quality\na;1.234,5;70\nb;20;90\n",
     "matrix.csv: row 2, column 'cost': '1.234,5' mixes '.' and ',': write numbers without "
     "thousands separators (e.g. 1234.5 or 1234,5)"),
    ("option;cost;quality\na;12,5;70\nb;1.234;90\n",
     "matrix.csv: row 3, column 'cost': '1.234' has a decimal point, but this file uses decimal "
     "commas (e.g. matrix.csv: row 2, column 'cost': '12,5'); write every number the same way, "
     "without thousands separators"),
    ("option,cost,quality\na,1 000,70\nb,20,90\n",
     "matrix.csv: row 2, column 'cost': '1 000' is not a number"),
    ('option,cost,quality\na,"10"x,70\nb,20,90\n',
     "matrix.csv: line 2: not valid CSV (',' expected after '\"')"),
    (b"option,cost,quality\na,10,70\x00\nb,20,90\n",
     "matrix.csv: not a text file (binary content)"),
    ("option,cost,quality\nà,10,70\nb,20,90\n".encode("latin-1"),
     "matrix.csv: not UTF-8 text (byte 20)"),
]


@pytest.mark.parametrize(("matrix", "expected"), BAD_MATRIX)
def test_bad_matrix_is_named_precisely(matrix: str | bytes, expected: str) -> None:
    assert expected in problems_of(matrix, CRITERIA)


BAD_CRITERIA = [
    ("", "criteria.csv: file is empty"),
    ("id,direction,weight\n", "criteria.csv: row 1: no criteria below the header row"),
    ("id,direction,weight\ncost,cost,40\nquality,benefit,60\ncost,benefit,1\n",
     "criteria.csv: row 4, column 'id': duplicate criterion id 'cost' (also row 2)"),
    ("id,direction,weight\ncost,cost,-40\nquality,benefit,60\n",
     "criteria.csv: row 2, column 'weight': weight -40 is negative: weights must be >= 0"),
    ("id,direction,weight\ncost,cost,0\nquality,benefit,0\n",
     "criteria.csv: column 'weight': all weights are zero: at least one criterion must weigh"),
    ("id,direction,weight\ncost,max,40\nquality,benefit,60\n",
     "criteria.csv: row 2, column 'direction': 'max' is not a direction (use benefit or cost)"),
    ("id,direction,weight\ncost,kosten,40\nquality,benefit,60\n",
     "criteria.csv: row 2, column 'direction': 'kosten' is not a direction (use benefit or cost)"),
    ("id,direction,weight\ncost,,40\nquality,benefit,60\n",
     "criteria.csv: row 2, column 'direction': is empty (use benefit or cost)"),
    ("id,direction,weight\ncost,cost,\nquality,benefit,60\n",
     "criteria.csv: row 2, column 'weight': is empty: a number is needed"),
    ("id,direction,weight,min,max\ncost,cost,40,50,50\nquality,benefit,60,,\n",
     "criteria.csv: row 2, column 'min': min (50) must be below max (50)"),
    ("id,direction,weight,min,max\ncost,cost,40,0,abc\nquality,benefit,60,,\n",
     "criteria.csv: row 2, column 'max': 'abc' is not a number"),
    ("id,direction\ncost,cost\nquality,benefit\n",
     "criteria.csv: row 1: missing column 'weight' (expected columns id, direction, weight; "
     "optional name, unit, min, max)"),
    ("id,direction,weight,colour\ncost,cost,1,red\nquality,benefit,1,blue\n",
     "criteria.csv: row 1, column 'colour': unknown column 'colour' (expected columns id, "
     "direction, weight; optional name, unit, min, max)"),
    ("id,direction,weight\nCost,cost,1\nquality,benefit,1\n",
     "criteria.csv: row 2, column 'id': criterion id 'Cost' must be lower-case letters, digits, "
     "'_' or '-' (starting with a letter or digit, at most 64)"),
    ("id,direction,weight\n,cost,1\nquality,benefit,1\n",
     "criteria.csv: row 2, column 'id': criterion id is empty"),
]


@pytest.mark.parametrize(("criteria", "expected"), BAD_CRITERIA)
def test_bad_criteria_are_named_precisely(criteria: str, expected: str) -> None:
    assert expected in problems_of(MATRIX, criteria)


def test_every_problem_of_both_files_is_reported_together() -> None:
    lines = problems_of("option,cost,quality\na,x,70\nb,20,y\n",
                        "id,direction,weight\ncost,up,1\nquality,benefit,-1\n")
    assert lines == [
        "criteria.csv: row 2, column 'direction': 'up' is not a direction (use benefit or cost)",
        "criteria.csv: row 3, column 'weight': weight -1 is negative: weights must be >= 0",
        "matrix.csv: row 2, column 'cost': 'x' is not a number",
        "matrix.csv: row 3, column 'quality': 'y' is not a number",
    ]


def test_both_files_unreadable_are_both_reported() -> None:
    assert problems_of("", b"\x00\x01") == [
        "matrix.csv: file is empty", "criteria.csv: not a text file (binary content)"]


def test_a_broken_criteria_file_still_lets_the_matrix_be_checked() -> None:
    lines = problems_of("option,cost,quality\na,x,70\nb,20,90\n", "id,weight\ncost,1\n")
    assert lines == [
        "criteria.csv: row 1: missing column 'direction' (expected columns id, direction, "
        "weight; optional name, unit, min, max)",
        "matrix.csv: row 2, column 'cost': 'x' is not a number",
    ]


def test_bad_xlsx_cells_are_named_by_row_and_column() -> None:
    matrix = xlsx_bytes([["option", "cost", "quality"], ["a", "abc", 70], ["b", True, None],
                         ["c", 15, 40]])
    assert problems_of(matrix, CRITERIA, names=("m.xlsx", "criteria.csv")) == [
        "m.xlsx: row 2, column 'cost': 'abc' is not a number",
        "m.xlsx: row 3, column 'cost': 'TRUE' is not a number",
        "m.xlsx: row 3, column 'quality': is empty: a number is needed",
    ]


@pytest.mark.parametrize(("raw", "name", "expected"), [
    (b"PK\x03\x04 this is no zip at all", "m.xlsx",
     "m.xlsx: not a readable XLSX file (corrupt or not a workbook)"),
    (b"PK\x03\x04 zip magic in a csv", "m.csv",
     "m.csv: not a readable XLSX file (corrupt or not a workbook)"),
    (b"option,cost\na,1\n", "m.xlsx", "m.xlsx: not a readable XLSX file (not a zip archive)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "m.xls",
     "m.xls: old Excel (.xls) files are not supported: save as .xlsx or CSV"),
    (xlsx_bytes([]), "m.xlsx", "m.xlsx: file is empty"),
])
def test_binary_garbage_and_corrupt_workbooks(raw: bytes, name: str, expected: str) -> None:
    assert expected in problems_of(raw, CRITERIA, names=(name, "criteria.csv"))


def test_truncated_xlsx_is_refused() -> None:
    raw = xlsx_bytes([["option", "cost", "quality"], ["a", 10, 70], ["b", 20, 90]])
    lines = problems_of(raw[: len(raw) // 2], CRITERIA, names=("m.xlsx", "criteria.csv"))
    assert lines[0].startswith("m.xlsx: not a readable XLSX file")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(CRITERIA)
    with pytest.raises(DataError) as info:
        load_matrix_problem(tmp_path / "nope.csv", tmp_path / "c.csv")
    assert info.value.problems == [f"{tmp_path / 'nope.csv'}: file not found"]
    with pytest.raises(DataError) as info:
        load_matrix_problem(tmp_path / "c.csv", tmp_path)
    assert f"{tmp_path}: is a folder, expected a CSV or XLSX file" in info.value.problems


def test_files_over_the_size_limit(tmp_path: Path) -> None:
    big = b"option,cost,quality\n" + b"a,1,2\n" * (MAX_FILE_BYTES // 6 + 1)
    assert problems_of(big, CRITERIA) == ["matrix.csv: file is larger than 5 MB"]
    path = tmp_path / "big.csv"
    path.write_bytes(big)
    (tmp_path / "c.csv").write_text(CRITERIA)
    with pytest.raises(DataError) as info:
        load_matrix_problem(path, tmp_path / "c.csv")
    assert info.value.problems == [f"{path}: file is larger than 5 MB"]
