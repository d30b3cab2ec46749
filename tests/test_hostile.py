"""The hostile-input corpus (issue 8) through the command line.

Every file in ``tests/hostile/`` is listed in ``tests/hostile/cases.yaml`` with the exit code and a
fragment of the message it must give. A 453-byte scenario of nested aliases once grew the app to
5 GB and made the CLI write a 312 MB error line; YAML nested 5,000 deep and a 5,000-digit integer
gave tracebacks. Each run here is bounded in memory (tracemalloc, deterministic) instead of time.
The same files go through the app's upload handlers in ``tests/ui/test_hostile_uploads.py``.
"""

from __future__ import annotations

import os
import shutil
import tracemalloc
import warnings
from pathlib import Path

import pytest
import yaml

from mcda import cli
from mcda.data import DEFAULT_DATA

CORPUS = Path(__file__).parent / "hostile"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
MAX_PEAK_BYTES = 40 * 1024 * 1024
MAX_STDERR = 4_000
TARGET = {"option": "options/nvr.yaml", "criterion": "criteria/cost.yaml", "case": "case.yaml"}


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(DEFAULT_DATA / "case.yaml", data / "case.yaml")
    for name in ("criteria", "options", "scenarios", "sources"):
        shutil.copytree(DEFAULT_DATA / name, data / name)
    return data


def argv_for(case_file: str, tmp_path: Path) -> tuple[list[str], str]:
    """The command line that reads this corpus file, and the name its messages must carry."""
    path = CORPUS / case_file
    kind = case_file.split("/")[0]
    if kind == "scenario":
        return ["rank", "--scenario", str(path)], path.name
    if kind == "matrix":
        return ["rank", "--matrix", str(path), "--criteria",
                str(CORPUS / "good_criteria.csv")], path.name
    if kind == "criteria":
        return ["rank", "--matrix", str(CORPUS / "good_matrix.csv"), "--criteria",
                str(path)], path.name
    if kind == "pairwise":
        return ["ahp", str(path)], path.name
    data = _data_copy(tmp_path)
    shutil.copy(path, data / TARGET[kind])
    return ["validate", "--data", str(data)], TARGET[kind]


def run_cli(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str, int]:
    """Exit code, stdout, stderr and the peak of memory allocated while the CLI ran; any
    warning (numpy's RuntimeWarning printed before the error lines) fails the test."""
    capsys.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tracemalloc.start()
        try:
            code = cli.main(argv)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    out, err = capsys.readouterr()
    return code, out, err, peak


def check_refused(code: int, out: str, err: str, peak: int, expected: int, name: str,
                  fragment: str) -> None:
    lines = err.strip().splitlines()
    assert code == expected, err[:MAX_STDERR]
    assert out == ""
    assert lines and all(line.startswith("error: ") for line in lines), err[:MAX_STDERR]
    assert any(fragment in line for line in lines), err[:MAX_STDERR]
    assert all(name in line for line in lines), err[:MAX_STDERR]
    assert len(err) < MAX_STDERR, f"{len(err)} characters of error output"
    assert peak < MAX_PEAK_BYTES, f"{peak / 2**20:.0f} MB allocated"


def test_the_corpus_lists_every_file_once() -> None:
    listed = [case["file"] for case in CASES]
    on_disk = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*")
                     if p.is_file() and p.parent != CORPUS)
    assert sorted(listed) == on_disk
    assert len(set(listed)) == len(listed)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_hostile_file_is_one_short_error(capsys, tmp_path, case) -> None:
    argv, name = argv_for(case["file"], tmp_path)
    code, out, err, peak = run_cli(capsys, argv)
    check_refused(code, out, err, peak, case["exit"], name, case["message"])


def test_a_chosen_sheet_of_a_workbook_is_read(capsys) -> None:
    argv = ["rank", "--matrix", str(CORPUS / "matrix/two_sheets.xlsx"), "--criteria",
            str(CORPUS / "good_criteria.csv"), "--format", "csv"]
    first = run_cli(capsys, [*argv, "--sheet", "matrix"])
    other = run_cli(capsys, [*argv, "--sheet", "old version"])
    assert first[0] == other[0] == 0
    assert first[1] != other[1]  # the sheets rank a and b the other way round
    code, out, err, peak = run_cli(capsys, [*argv, "--sheet", "nope"])
    check_refused(code, out, err, peak, 2, "two_sheets.xlsx",
                  "no sheet 'nope' (the workbook has 'matrix', 'old version')")


def test_a_sheet_for_a_csv_file_is_refused(capsys) -> None:
    code, out, err, peak = run_cli(capsys, [
        "rank", "--matrix", str(CORPUS / "good_matrix.csv"), "--criteria",
        str(CORPUS / "good_criteria.csv"), "--sheet", "x"])
    check_refused(code, out, err, peak, 2, "good_matrix.csv", "a CSV file has no sheets")


LONG = "x" * 100_000


@pytest.mark.parametrize("argv", [
    ["validate", "--data", "/tmp/" + LONG],
    ["rank", "--scenario", "/tmp/" + LONG + ".yaml"],
    ["rank", "--matrix", "/tmp/" + LONG, "--criteria", "/tmp/" + LONG],
    ["ahp", "/tmp/" + LONG],
], ids=["data", "scenario", "matrix", "pairwise"])
def test_a_path_of_100000_characters_is_one_short_error(capsys, argv) -> None:
    code, out, err, peak = run_cli(capsys, argv)
    check_refused(code, out, err, peak, 2, "xxxx", "")
    assert "…" in err


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("argv,fragment", [
    (["rank", "--scenario", "{fifo}"], "not a regular file"),
    (["rank", "--matrix", "{fifo}", "--criteria", "{fifo}"], "not a regular file"),
    (["ahp", "/dev/zero"], "not a regular file"),
    (["validate", "--data", "/dev/zero"], "not a folder"),
], ids=["scenario-pipe", "matrix-pipe", "pairwise-device", "data-device"])
def test_pipes_and_devices_are_named_as_such_not_read(capsys, fifo, argv, fragment) -> None:
    # a FIFO or /dev/zero was reported as "not found" (or read until the size limit)
    argv = [a.format(fifo=fifo) for a in argv]
    code, out, err, peak = run_cli(capsys, argv)
    check_refused(code, out, err, peak, 2, argv[-1], fragment)
    assert "not found" not in err


def test_an_oversized_scenario_is_refused_before_it_is_parsed(capsys, tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("id: big\n" + "# padding\n" * 600_000, encoding="utf-8")
    code, out, err, peak = run_cli(capsys, ["rank", "--scenario", str(path)])
    check_refused(code, out, err, peak, 2, "big.yaml", "file is larger than 5 MB")
