"""Spreadsheet import: a matrix file and a criteria file (CSV or XLSX) as one validated Problem.

The two files (DESIGN.md, "Spreadsheet import"):

- matrix: first column ``option`` (the option ids), then one column per criterion id, one row
  per option, every cell a number;
- criteria: columns ``id``, ``direction`` and ``weight``, optionally ``name``, ``unit``, ``min``
  and ``max``, one row per criterion. Column names are case-insensitive; no other columns.

Formats. XLSX (its only sheet, or the sheet chosen where there are several; numeric cells are
used as they are) or CSV in UTF-8 with or without a BOM, columns separated by ``,``, ``;`` or
a tab (the most frequent of them in the header row).

Numbers in text cells. ``.`` is always a decimal point. ``,`` is a decimal comma (Dutch Excel:
``12,5``) in a file separated by ``;`` or tab and in XLSX text cells; in a ``,``-separated file a
comma inside a number is refused, because there it is more likely an English thousands separator.
Thousands separators are never guessed: ``1.234,5`` and ``1,234.5`` are errors, and a file that
uses a decimal comma in one cell and a point in another is an error at each point, since
``1.234`` there may mean one thousand two hundred and thirty-four. NaN, infinity and empty cells
are errors.

Directions are ``benefit`` or ``cost`` (any letter case), nothing else. Weights are numbers >= 0,
not all zero. ``min``/``max`` declare the scale (min below max) and every value must lie within it.

Every problem found in both files is reported together as one ``mcda.data.DataError`` whose lines
name the file, the spreadsheet row (1-based, as the spreadsheet shows it) and the column, e.g.
``matrix.csv: row 4, column 'cost': 'abc' is not a number``. There is no partial result.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mcda.data import MAX_FILE_BYTES, DataError, decode, validation_problems
from mcda.model import (
    MAX_CRITERIA,
    MAX_MAGNITUDE,
    MAX_OPTIONS,
    Criterion,
    Option,
    Problem,
    ProblemError,
    Scale,
    Score,
    Text,
    clip,
    name_key,
    text_problem,
)

Cell = str | float
Rows = list[list[Cell]]
Source = str | os.PathLike[str] | bytes

OPTION_COLUMN = "option"
CRITERIA_REQUIRED: tuple[str, ...] = ("id", "direction", "weight")
CRITERIA_OPTIONAL: tuple[str, ...] = ("name", "unit", "min", "max")
DIRECTIONS: tuple[str, ...] = ("benefit", "cost")
MAX_ROWS = 10_000
MAX_COLUMNS = 500
MAX_OPTION_ID = 100
MAX_SHEETS_SHOWN = 10
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_NOT_FINITE = re.compile(r"^[+-]?(nan|inf|infinity)$", re.IGNORECASE)
_ZIP_MAGIC = b"PK\x03\x04"
MAX_XLSX_UNPACKED = 50 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class _Table:
    """The rows of one file (index i is spreadsheet row i + 1) and how its text numbers read."""

    name: str
    rows: Rows
    comma_decimal: bool


# ------------------------------------------------------------------------------------------
# Reading files
# ------------------------------------------------------------------------------------------


def _raw_bytes(source: Source, name: str) -> bytes:
    if isinstance(source, bytes | bytearray):
        raw = bytes(source)
    else:
        path = Path(source)
        try:
            if path.is_dir():
                raise DataError(f"{name}: is a folder, expected a CSV or XLSX file")
            if not path.exists():
                raise DataError(f"{name}: file not found")
            if not path.is_file():
                raise DataError(f"{name}: not a regular file (a device or pipe): expected a CSV "
                                "or XLSX file")
            size = path.stat().st_size
        except OSError as exc:
            raise DataError(f"{name}: cannot read the file ({exc.strerror or 'invalid path'})"
                            ) from None
        if size > MAX_FILE_BYTES:
            raise DataError(f"{name}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DataError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(f"{name}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return raw


def _trimmed(cells: Sequence[Cell]) -> list[Cell]:
    out = list(cells)
    while out and out[-1] == "":
        out.pop()
    return out


def _finish(rows: Rows, name: str) -> Rows:
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        raise DataError(f"{name}: file is empty")
    return rows


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(raw: bytes, name: str) -> _Table:
    text = decode(raw, name)
    if not text.strip():
        raise DataError(f"{name}: file is empty")
    sep = _separator(next(line for line in text.splitlines() if line.strip()))
    rows: Rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        for cells in reader:
            if len(rows) >= MAX_ROWS:
                raise DataError(f"{name}: more than {MAX_ROWS} rows")
            if len(cells) > MAX_COLUMNS and any(c.strip() for c in cells[MAX_COLUMNS:]):
                raise DataError(f"{name}: row {len(rows) + 1}: more than {MAX_COLUMNS} columns")
            rows.append(_trimmed([c.strip() for c in cells[:MAX_COLUMNS]]))
    except csv.Error as exc:
        raise DataError(f"{name}: line {reader.line_num}: not valid CSV ({exc})") from None
    return _Table(name, _finish(rows, name), comma_decimal=sep != ",")


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _unpacked_size(raw: bytes, name: str) -> int:
    """The declared size of an XLSX archive's members (zipfile never inflates a member beyond
    it), so a zip bomb is refused before openpyxl inflates it."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise DataError(f"{name}: not a readable XLSX file (corrupt or not a workbook)") from None


def _open_workbook(raw: bytes, name: str) -> Any:
    from openpyxl import load_workbook  # imported here: only XLSX imports pay for it

    if _unpacked_size(raw, name) > MAX_XLSX_UNPACKED:
        raise DataError(f"{name}: unpacks to more than {MAX_XLSX_UNPACKED // (1024 * 1024)} MB: "
                        "too large for a table of options or criteria")
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # a corrupt archive raises anything from zip or xml parsing
        raise DataError(f"{name}: not a readable XLSX file (corrupt or not a workbook)") from None
    if not book.worksheets:
        book.close()
        raise DataError(f"{name}: the workbook has no sheets")
    return book


def _sheet_list(names: Sequence[str]) -> str:
    shown = [repr(clip(n, 40)) for n in names[:MAX_SHEETS_SHOWN]]
    more = len(names) - MAX_SHEETS_SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _pick_sheet(book: Any, name: str, sheet: str | None) -> Any:
    """The sheet the user chose; a workbook of several sheets is never read from the first one
    without a word."""
    names = list(book.sheetnames)
    if sheet is None:
        if len(names) > 1:
            raise DataError(f"{name}: the workbook has {len(names)} sheets ({_sheet_list(names)})"
                            ": choose one")
        return book.worksheets[0]
    if sheet not in names:
        raise DataError(f"{name}: no sheet {clip(sheet, 40)!r} (the workbook has "
                        f"{_sheet_list(names)})")
    return book[sheet]


def sheet_names(raw: bytes, name: str) -> list[str]:
    """The sheet names of an XLSX file in workbook order, [] for a CSV file; DataError for a
    file that cannot be read. The app asks which sheet to read when there are several."""
    raw = _raw_bytes(raw, name)
    if not raw.startswith(_ZIP_MAGIC):
        return []
    book = _open_workbook(raw, name)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _read_xlsx(raw: bytes, name: str, sheet_name: str | None = None) -> _Table:
    book = _open_workbook(raw, name)
    try:
        rows: Rows = []
        sheet = _pick_sheet(book, name, sheet_name)
        try:
            for values in sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS + 1, values_only=True):
                if len(rows) >= MAX_ROWS:
                    if any(v is not None for v in values):
                        raise DataError(f"{name}: more than {MAX_ROWS} rows")
                    continue
                cells = [_xlsx_cell(v) for v in values]
                if len(cells) > MAX_COLUMNS and cells[MAX_COLUMNS] != "":
                    raise DataError(
                        f"{name}: row {len(rows) + 1}: more than {MAX_COLUMNS} columns")
                rows.append(_trimmed(cells[:MAX_COLUMNS]))
        except DataError:
            raise
        except Exception:  # sheet XML is parsed lazily, so corruption shows here
            raise DataError(f"{name}: row {len(rows) + 1}: a cell cannot be read (a number cell "
                            "holding text such as NaN, or a corrupt sheet)") from None
    finally:
        book.close()
    return _Table(name, _finish(rows, name), comma_decimal=True)


def _read(source: Source, name: str, sheet: str | None = None) -> _Table:
    raw = _raw_bytes(source, name)
    if not raw.strip():
        raise DataError(f"{name}: file is empty")
    if raw.startswith(_OLE_MAGIC) or name.lower().endswith(".xls"):
        raise DataError(f"{name}: old Excel (.xls) files are not supported: save as .xlsx or CSV")
    if raw.startswith(_ZIP_MAGIC):
        return _read_xlsx(raw, name, sheet)
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise DataError(f"{name}: not a readable XLSX file (not a zip archive)")
    if sheet is not None:
        raise DataError(f"{name}: a CSV file has no sheets (a sheet was chosen: "
                        f"{clip(sheet, 40)!r})")
    return _read_csv(raw, name)


def read_table(source: Source, name: str) -> Rows:
    """The rows of a CSV or XLSX file (path or uploaded bytes); ``name`` labels errors.

    Row i of the result is spreadsheet row i + 1 (blank rows are kept as empty lists, trailing
    blank rows and trailing empty cells are dropped). Cells are stripped text, or floats for
    numeric XLSX cells. Raises DataError for a missing, empty, oversized or binary file.
    """
    return _read(source, name).rows


# ------------------------------------------------------------------------------------------
# Cells
# ------------------------------------------------------------------------------------------


def _unsafe(text: str) -> str | None:
    """Why a name, unit or option id cannot be shown safely (see ``mcda.model.text_problem``)."""
    return text_problem(text, single_line=True)


def _column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _show(value: Cell) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value if len(value) <= 40 else value[:37] + "...")


@dataclass
class _Reader:
    """Reads the cells of one table, collecting problems and the decimal marks seen."""

    table: _Table
    problems: list[str]

    def __post_init__(self) -> None:
        self.marks: list[tuple[str, str, str]] = []

    def at(self, row: int, column: str | None = None) -> str:
        where = f"{self.table.name}: row {row + 1}"
        return f"{where}, column {column}" if column else where

    def fail(self, row: int, column: str | None, message: str) -> None:
        self.problems.append(f"{self.at(row, column)}: {message}")

    @staticmethod
    def cell(cells: list[Cell], j: int) -> Cell:
        return cells[j] if j < len(cells) else ""

    def text(self, cells: list[Cell], j: int) -> str:
        value = self.cell(cells, j)
        return f"{value:g}" if isinstance(value, float) else value

    def number(self, cells: list[Cell], j: int, row: int, column: str,
               required: bool = True) -> float | None:
        """The cell as a finite float, or None after recording why not."""
        value = self.cell(cells, j)
        if isinstance(value, float):
            return self.in_range(value, row, column)
        if value == "":
            if required:
                self.fail(row, column, "is empty: a number is needed")
            return None
        if _NOT_FINITE.match(value):
            self.fail(row, column, f"{_show(value)} is not a finite number")
            return None
        if "." in value and "," in value:
            self.fail(row, column, f"{_show(value)} mixes '.' and ',': write numbers without "
                                   "thousands separators (e.g. 1234.5 or 1234,5)")
            return None
        if not _NUMBER.match(value):
            self.fail(row, column, f"{_show(value)} is not a number")
            return None
        if "," in value and not self.table.comma_decimal:
            self.fail(row, column, f"{_show(value)} has a comma, but this file separates columns "
                                   "with ',': use '.' as decimal mark (or ';' as separator)")
            return None
        number = float(value.replace(",", "."))
        if number in (float("inf"), float("-inf")):
            self.fail(row, column, f"{_show(value)} is not a finite number")
            return None
        if "," in value or "." in value:
            self.marks.append((self.at(row, column), value, "," if "," in value else "."))
        return self.in_range(number, row, column)

    def in_range(self, number: float, row: int, column: str) -> float | None:
        """The number, or None after recording that it is too large for the methods."""
        if not math.isfinite(number):
            self.fail(row, column, f"{_show(number)} is not a finite number")
            return None
        if abs(number) > MAX_MAGNITUDE:
            self.fail(row, column, f"{_show(number)} is too large: numbers must lie between "
                                   f"{-MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g}")
            return None
        return number

    def check_marks(self) -> None:
        """Refuse a file that uses a decimal comma in one cell and a point in another."""
        commas = [(where, raw) for where, raw, mark in self.marks if mark == ","]
        if not commas:
            return
        example_where, example = commas[0]
        for where, raw, mark in self.marks:
            if mark == ".":
                self.problems.append(
                    f"{where}: {_show(raw)} has a decimal point, but this file uses decimal "
                    f"commas (e.g. {example_where}: {_show(example)}); write every number the "
                    "same way, without thousands separators"
                )


def _header(reader: _Reader) -> tuple[int, list[str]] | None:
    """(row index, lower-case-stripped names) of the first non-blank row, checking for gaps."""
    rows = reader.table.rows
    start = next(i for i, r in enumerate(rows) if r)
    names = [reader.text(rows[start], j) for j in range(len(rows[start]))]
    seen: dict[str, int] = {}
    ok = True
    for j, cell in enumerate(names):
        column = _column_letter(j)
        if not cell:
            reader.fail(start, column, "empty column header")
            ok = False
        elif cell.lower() in seen:
            reader.fail(start, column, f"duplicate column {_show(cell)} (also column "
                                       f"{_column_letter(seen[cell.lower()])})")
            ok = False
        else:
            seen[cell.lower()] = j
    return (start, names) if ok else None


def _body(reader: _Reader, start: int, width: int) -> list[tuple[int, list[Cell]]]:
    """The non-blank data rows after the header; cells beyond the header are problems."""
    out = []
    for i in range(start + 1, len(reader.table.rows)):
        cells = reader.table.rows[i]
        if not cells:
            continue
        for j in range(width, len(cells)):
            if cells[j] != "":
                reader.fail(i, _column_letter(j),
                            f"value {_show(cells[j])} outside the table (the header has "
                            f"{width} columns)")
        out.append((i, cells))
    return out


# ------------------------------------------------------------------------------------------
# The criteria file
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CriterionRow:
    row: int
    id: str
    name: str
    direction: str
    weight: float
    unit: str
    min: float | None
    max: float | None


def _parse_criteria(table: _Table, problems: list[str]) -> list[_CriterionRow] | None:
    """Criteria rows, or None when the file is too broken to check the matrix against it."""
    reader = _Reader(table, problems)
    head = _header(reader)
    if head is None:
        return None
    start, names = head
    allowed = CRITERIA_REQUIRED + CRITERIA_OPTIONAL
    expected = (f"expected columns {', '.join(CRITERIA_REQUIRED)}; optional "
                f"{', '.join(CRITERIA_OPTIONAL)}")
    col = {n.lower(): j for j, n in enumerate(names)}
    broken = False
    for n in names:
        if n.lower() not in allowed:
            reader.fail(start, repr(n), f"unknown column {_show(n)} ({expected})")
            broken = True
    for need in CRITERIA_REQUIRED:
        if need not in col:
            reader.fail(start, None, f"missing column {_show(need)} ({expected})")
            broken = True
    if broken:
        return None
    body = _body(reader, start, len(names))
    if not body:
        reader.fail(start, None, "no criteria below the header row")
        return None
    out: list[_CriterionRow] = []
    first_row: dict[str, int] = {}
    weights_ok = True
    for i, cells in body:
        crit_id = reader.text(cells, col["id"])
        if not crit_id:
            reader.fail(i, "'id'", "criterion id is empty")
        elif not _SLUG.match(crit_id):
            reader.fail(i, "'id'", f"criterion id {_show(crit_id)} must be lower-case letters, "
                                   "digits, '_' or '-' (starting with a letter or digit, at most "
                                   "64)")
        elif crit_id in first_row:
            reader.fail(i, "'id'", f"duplicate criterion id {_show(crit_id)} (also row "
                                   f"{first_row[crit_id] + 1})")
        else:
            first_row[crit_id] = i
        direction = reader.text(cells, col["direction"]).lower()
        if direction not in DIRECTIONS:
            shown = reader.text(cells, col["direction"])
            reader.fail(i, "'direction'", f"{_show(shown)} is not a direction (use benefit or cost)"
                        if shown else "is empty (use benefit or cost)")
        weight = reader.number(cells, col["weight"], i, "'weight'")
        if weight is None:
            weights_ok = False
        elif weight < 0:
            reader.fail(i, "'weight'", f"weight {weight:g} is negative: weights must be >= 0")
            weights_ok = False
        lo = reader.number(cells, col["min"], i, "'min'", required=False) if "min" in col else None
        hi = reader.number(cells, col["max"], i, "'max'", required=False) if "max" in col else None
        if lo is not None and hi is not None and not lo < hi:
            reader.fail(i, "'min'", f"min ({lo:g}) must be below max ({hi:g})")
        name = reader.text(cells, col["name"]) if "name" in col else ""
        unit = reader.text(cells, col["unit"]) if "unit" in col else ""
        for column, text in (("'name'", name), ("'unit'", unit)):
            if _unsafe(text):
                reader.fail(i, column, f"{column.strip(chr(39))} {_unsafe(text)}")
        out.append(_CriterionRow(i, crit_id, name or crit_id, direction,
                                 weight if weight is not None else 0.0, unit, lo, hi))
    if len(body) > MAX_CRITERIA:
        reader.fail(body[MAX_CRITERIA][0], None, f"more than {MAX_CRITERIA} criteria (rows "
                                                 f"{body[0][0] + 1} to {body[-1][0] + 1}): at "
                                                 f"most {MAX_CRITERIA} can be weighed")
    if weights_ok and all(c.weight == 0 for c in out):
        problems.append(f"{table.name}: column 'weight': all weights are zero: at least one "
                        "criterion must weigh")
    reader.check_marks()
    return out


# ------------------------------------------------------------------------------------------
# The matrix file
# ------------------------------------------------------------------------------------------


def _parse_matrix(table: _Table, criteria: list[_CriterionRow] | None, criteria_name: str,
                  problems: list[str]) -> list[tuple[str, dict[str, float]]]:
    reader = _Reader(table, problems)
    head = _header(reader)
    if head is None:
        return []
    start, names = head
    if names[0].lower() != OPTION_COLUMN:
        reader.fail(start, "A",
                    f"the first column must be {OPTION_COLUMN!r}, found {_show(names[0])}")
        return []
    columns = names[1:]
    if criteria is not None:
        known = {c.id: c for c in criteria}
        for crit_id in columns:
            if crit_id not in known:
                reader.fail(start, repr(crit_id),
                            f"criterion {_show(crit_id)} is not in {criteria_name}")
        for c in criteria:
            if c.id and c.id not in columns:
                reader.fail(start, None, f"no column for criterion {c.id!r} "
                                         f"({criteria_name} row {c.row + 1})")
    else:
        known = {}
    if not columns:
        reader.fail(start, None, "no criterion columns after 'option'")
    body = _body(reader, start, len(names))
    options: list[tuple[str, dict[str, float]]] = []
    first_row: dict[str, int] = {}
    for i, cells in body:
        option_id = reader.text(cells, 0)
        if not option_id:
            reader.fail(i, f"{OPTION_COLUMN!r}", "option id is empty")
        elif len(option_id) > MAX_OPTION_ID:
            reader.fail(i, f"{OPTION_COLUMN!r}",
                        f"option id is longer than {MAX_OPTION_ID} characters")
        elif _unsafe(option_id):
            reader.fail(i, f"{OPTION_COLUMN!r}", f"option id {_unsafe(option_id)}")
        elif name_key(option_id) in first_row:
            reader.fail(i, f"{OPTION_COLUMN!r}", f"duplicate option id {_show(option_id)} (also "
                                                 f"row {first_row[name_key(option_id)] + 1})")
        else:
            first_row[name_key(option_id)] = i
        values: dict[str, float] = {}
        for j, crit_id in enumerate(columns, start=1):
            value = reader.number(cells, j, i, repr(crit_id))
            if value is None:
                continue
            values[crit_id] = value
            crit = known.get(crit_id)
            if crit is None:
                continue
            if crit.min is not None and value < crit.min:
                reader.fail(i, repr(crit_id), f"{value:g} is below the minimum {crit.min:g} "
                                              f"({criteria_name} row {crit.row + 1})")
            if crit.max is not None and value > crit.max:
                reader.fail(i, repr(crit_id), f"{value:g} is above the maximum {crit.max:g} "
                                              f"({criteria_name} row {crit.row + 1})")
        options.append((option_id, values))
    if not body:
        reader.fail(start, None, "no options below the header row")
    elif len(body) == 1:
        problems.append(f"{table.name}: only one option ({_show(reader.text(body[0][1], 0))}): a "
                        "ranking needs at least two")
    elif len(body) > MAX_OPTIONS:
        reader.fail(body[MAX_OPTIONS][0], None, f"more than {MAX_OPTIONS} options (rows "
                                                f"{body[0][0] + 1} to {body[-1][0] + 1}): at "
                                                f"most {MAX_OPTIONS} can be compared")
    reader.check_marks()
    return options


# ------------------------------------------------------------------------------------------
# Building the problem
# ------------------------------------------------------------------------------------------


def _problem(matrix: Source, matrix_name: str, criteria: Source, criteria_name: str,
             matrix_sheet: str | None = None, criteria_sheet: str | None = None) -> Problem:
    problems: list[str] = []
    tables: dict[str, _Table] = {}
    for key, source, name, sheet in (("m", matrix, matrix_name, matrix_sheet),
                                     ("c", criteria, criteria_name, criteria_sheet)):
        try:
            tables[key] = _read(source, name, sheet)
        except DataError as exc:
            problems.extend(exc.problems)
    crit_rows = _parse_criteria(tables["c"], problems) if "c" in tables else None
    options = (_parse_matrix(tables["m"], crit_rows, criteria_name, problems)
               if "m" in tables else [])
    if problems or crit_rows is None:
        raise DataError(problems)
    try:
        built = tuple(
            Criterion(
                id=c.id,
                name=Text.same(c.name),
                direction=c.direction,
                scale=Scale(kind="quantity", unit=c.unit or None, min=c.min, max=c.max),
                default_weight=c.weight,
            )
            for c in crit_rows
        )
        return Problem(
            criteria=built,
            options=tuple(
                Option(id=oid, name=Text.same(oid),
                       scores={k: Score(value=v) for k, v in values.items()})
                for oid, values in options
            ),
            weights={c.id: c.weight for c in crit_rows},
        )
    except ValidationError as exc:
        raise DataError(validation_problems(exc, f"{matrix_name} + {criteria_name}")) from None
    except ProblemError as exc:
        raise DataError(f"{matrix_name} + {criteria_name}: {exc}") from None


def load_matrix_problem(matrix_path: str | os.PathLike[str],
                        criteria_path: str | os.PathLike[str], *,
                        matrix_sheet: str | None = None,
                        criteria_sheet: str | None = None) -> Problem:
    """The problem in a matrix file and a criteria file (CSV or XLSX, with the sheet to read
    where a workbook has several); see the module doc."""
    return _problem(matrix_path, str(matrix_path), criteria_path, str(criteria_path),
                    matrix_sheet, criteria_sheet)


def problem_from_bytes(matrix_bytes: bytes, matrix_name: str,
                       criteria_bytes: bytes, criteria_name: str, *,
                       matrix_sheet: str | None = None,
                       criteria_sheet: str | None = None) -> Problem:
    """The problem in two uploaded files; the names (upload file names) label the errors."""
    return _problem(bytes(matrix_bytes), matrix_name, bytes(criteria_bytes), criteria_name,
                    matrix_sheet, criteria_sheet)


# ------------------------------------------------------------------------------------------
# Writing tables
# ------------------------------------------------------------------------------------------


def _number_text(value: float, decimal: str) -> str:
    text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return text.replace(".", decimal)


def safe_cell(value: str) -> str:
    """A text cell neutralised against formula injection: a leading ' before = + - @ tab CR."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def to_csv(rows: Sequence[Sequence[Cell | int | None]], separator: str = ",") -> bytes:
    """Rows as UTF-8 CSV bytes; with separator ';' numbers get a decimal comma (Dutch Excel).

    Numbers are written exactly (shortest round-trip form); text cells are neutralised against
    formula injection (``safe_cell``); None is an empty cell.
    """
    if separator not in (",", ";", "\t"):
        raise ValueError(f"separator must be ',', ';' or a tab, got {separator!r}")
    decimal = "," if separator == ";" else "."
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    for row in rows:
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(_number_text(float(value), decimal))
            else:
                cells.append(safe_cell(str(value)))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def problem_to_tables(problem: Problem) -> tuple[Rows, Rows]:
    """(matrix rows, criteria rows) of a problem, header first: the files this module reads.

    The round trip keeps ids, values, directions, weights (as given, not normalised), English
    criterion names, units and scale bounds; option names, evidence and ranges are not part of
    the spreadsheet format.
    """
    ids = problem.criterion_ids
    matrix: Rows = [[OPTION_COLUMN, *ids]]
    for option in problem.options:
        matrix.append([option.id, *(float(option.scores[c].value) for c in ids)])
    criteria: Rows = [["id", "name", "direction", "weight", "unit", "min", "max"]]
    for c in problem.criteria:
        criteria.append([
            c.id, c.name.en, c.direction, float(problem.weights[c.id]), c.scale.unit or "",
            "" if c.scale.min is None else float(c.scale.min),
            "" if c.scale.max is None else float(c.scale.max),
        ])
    return matrix, criteria


_TEMPLATE_MATRIX: Rows = [
    ["option", "effectiveness", "cost", "time_to_effect"],
    ["new_agency", 70.0, 12.0, 6.0],
    ["strengthen_existing", 60.0, 4.0, 2.0],
    ["status_quo", 30.0, 0.0, 0.0],
]
_TEMPLATE_CRITERIA: Rows = [
    ["id", "name", "direction", "weight", "unit", "min", "max"],
    ["effectiveness", "Effectiveness", "benefit", 50.0, "", 0.0, 100.0],
    ["cost", "Cost", "cost", 30.0, "M EUR/yr", 0.0, 40.0],
    ["time_to_effect", "Time to effect", "cost", 20.0, "years", 0.0, 10.0],
]


def template_files() -> dict[str, bytes]:
    """A small example ``matrix.csv`` and ``criteria.csv`` for users to start from."""
    return {"matrix.csv": to_csv(_TEMPLATE_MATRIX), "criteria.csv": to_csv(_TEMPLATE_CRITERIA)}
