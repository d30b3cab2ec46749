"""Regression tests from a black-box review of the `mcda` command line against DESIGN.md.

Each test pins a hole that was found by feeding the command hostile input: bad input must end
with exit code 2, only ``error:`` lines on stderr that name the file and the row, column or field,
and nothing on stdout.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest

from mcda.cli import main
from mcda.data import DEFAULT_DATA

MCDA = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "mcda"
SPEED_COST = "id,direction,weight\nspeed,benefit,2\ncost,cost,1\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def bad_input(capsys: pytest.CaptureFixture[str], *argv: str, names: str) -> list[str]:
    """Run, expect exit 2 with nothing on stdout and only ``error:`` lines; return the lines."""
    code, out, err = run(capsys, *argv)
    lines = err.strip().splitlines()
    assert (code, out) == (2, ""), err
    assert lines and all(line.startswith("error: ") for line in lines), err
    assert names in err, err
    return lines


def spreadsheet(tmp_path: Path, matrix: str, criteria: str = SPEED_COST) -> list[str]:
    """PROBLEM arguments of a matrix and a criteria CSV written into tmp_path."""
    (tmp_path / "m.csv").write_text(matrix, encoding="utf-8")
    (tmp_path / "c.csv").write_text(criteria, encoding="utf-8")
    return ["--matrix", str(tmp_path / "m.csv"), "--criteria", str(tmp_path / "c.csv")]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the bundled data folder to break."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("criteria", "options", "scenarios", "sources"):
        shutil.copytree(DEFAULT_DATA / name, folder / name)
    shutil.copy(DEFAULT_DATA / "case.yaml", folder / "case.yaml")
    return folder


# --- numbers too large for the methods ------------------------------------------------------------


def test_weights_whose_sum_overflows_are_refused_not_ranked_as_a_tie(capsys) -> None:
    # 1e308 + 1e308 = inf normalised every weight to 0: exit 0, every option tied first
    bad_input(capsys, "rank", "--weights", "authority=1e308,cost=1e308",
              names="--weights: weight of 'authority' is too large")


def test_a_huge_cell_names_its_row_and_column(capsys, tmp_path) -> None:
    # 1e308 and -1e308 made the span overflow: NaN scores and exit 0
    argv = spreadsheet(tmp_path, "option,speed,cost\na,1e308,2\nb,-1e308,1\nc,4,3\n")
    lines = bad_input(capsys, "rank", *argv, "--format", "json",
                      names="m.csv: row 2, column 'speed'")
    assert any("m.csv: row 3, column 'speed'" in line and "too large" in line for line in lines)


def test_a_huge_weight_in_the_criteria_file_names_its_row(capsys, tmp_path) -> None:
    argv = spreadsheet(tmp_path, "option,speed,cost\na,5,2\nb,3,1\n",
                       "id,direction,weight\nspeed,benefit,1e300\ncost,cost,1\n")
    bad_input(capsys, "rank", *argv, names="c.csv: row 2, column 'weight': 1e+300 is too large")


def test_a_huge_score_in_a_data_file_names_the_file_and_field(capsys, data_copy) -> None:
    path = data_copy / "options" / "nvr.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 30\n    range: [20, 45]",
                                 "value: 1e300\n    range: [20, 1e300]", 1), encoding="utf-8")
    bad_input(capsys, "validate", "--data", str(data_copy),
              names="nvr.yaml: scores.authority: value 1e+300 is too large")


def test_a_scenario_weight_with_hundreds_of_digits_is_bad_input_not_a_crash(
        capsys, data_copy) -> None:
    # math.isfinite() on a 401-digit YAML integer raised OverflowError: a traceback, exit 1;
    # the loader now refuses integers of more than 30 digits while reading
    path = data_copy / "scenarios" / "equal.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{authority: 1,", "{authority: 1" + "0" * 400 + ",", 1),
                    encoding="utf-8")
    bad_input(capsys, "rank", "--data", str(data_copy), "--scenario", "equal",
              names="invalid YAML: a number of 401 digits is too long (at most 30)")


def test_an_infinite_promethee_threshold_is_refused(capsys, data_copy) -> None:
    # p: .inf made the criterion's preferences all zero without a word
    path = data_copy / "criteria" / "authority.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("q: 5, p: 25", "q: 5, p: .inf"), encoding="utf-8")
    bad_input(capsys, "validate", "--data", str(data_copy),
              names="authority.yaml: promethee: p must be a finite number")


def test_ahp_judgements_near_the_float_limits_are_bad_input_not_a_crash(capsys, tmp_path) -> None:
    # 1e308 against 1e-308 is reciprocal, but overflowed the solver: LinAlgError, traceback
    path = tmp_path / "pairwise.csv"
    path.write_text(",a,b,c\na,1,1e308,5\nb,1e-308,1,2\nc,1/5,1/2,1\n", encoding="utf-8")
    lines = bad_input(capsys, "ahp", str(path), names="pairwise.csv: row 'a', column 'b'")
    assert len(lines) == 2 and "row 'b', column 'a'" in lines[1]
    assert "between 1/1000000 and 1000000" in lines[0]


# --- empty arguments, sample counts, SMAA without a ranking ---------------------------------------


@pytest.mark.parametrize("argv, names", [
    (("rank", "--matrix", "", "--criteria", ""), "--matrix: empty value"),
    (("rank", "--data", ""), "--data: empty value"),
    (("sensitivity", "--scenario", " "), "--scenario: empty value"),
    (("validate", "--data", ""), "--data: empty value"),
    (("ahp", ""), "PAIRWISE.csv: empty value"),
    (("export", "--out", ""), "--out: empty value"),
])
def test_an_empty_file_argument_is_an_error_not_the_default(capsys, argv, names) -> None:
    # `--matrix "$UNSET" --criteria "$UNSET"` ranked the bundled case with exit 0, and
    # `--out ""` wrote the whole export into the current folder
    bad_input(capsys, *argv, names=names)


@pytest.mark.parametrize("command", [("smaa",), ("export", "--out", "never-written")])
def test_a_sample_count_that_would_run_for_an_hour_is_refused(capsys, tmp_path, monkeypatch,
                                                              command) -> None:
    monkeypatch.chdir(tmp_path)
    bad_input(capsys, *command, "--samples", "1000000000", names="--samples: at most 10,000,000")
    assert not (tmp_path / "never-written").exists()


@pytest.mark.parametrize("extra", [(), ("--scores", "ranges"), ("--method", "vikor")])
def test_smaa_of_options_that_tie_in_every_sample_is_bad_input(capsys, tmp_path, extra) -> None:
    # every option was reported 100% first with 100% confidence, exit 0
    argv = spreadsheet(tmp_path, "option,speed,cost\nx,5,2\ny,5,2\nz,5,2\n")
    bad_input(capsys, "smaa", *argv, "--samples", "200", *extra,
              names="m.csv, criteria")
    _, _, err = run(capsys, "smaa", *argv, "--samples", "200", *extra)
    assert "all options tie in every sample" in err


def test_smaa_around_weights_that_tie_every_option_is_bad_input(capsys, tmp_path) -> None:
    argv = spreadsheet(tmp_path, "option,speed,cost\nx,5,2\ny,5,3\nz,5,4\n")
    bad_input(capsys, "smaa", *argv, "--weights", "speed=1,cost=0", "--weights-mode", "around",
              "--samples", "200", names="all options tie in every sample with wsm")
    code, out, _ = run(capsys, "smaa", *argv, "--weights", "speed=1,cost=0", "--samples", "200")
    assert code == 0 and "SMAA-2: 200 samples" in out


# --- data folders broken in ways the loader did not name ------------------------------------------


def test_a_key_given_twice_in_a_yaml_mapping_is_an_error_naming_the_line(capsys, data_copy) -> None:
    # YAML keeps the last of two equal keys: a pasted score block silently replaced the first
    path = data_copy / "options" / "nvr.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("scores:\n", "scores:\n  authority:\n    value: 5\n"
                                 "    assumption: true\n", 1), encoding="utf-8")
    lines = bad_input(capsys, "rank", "--data", str(data_copy), "--format", "json",
                      names="nvr.yaml: line ")
    assert lines[0].endswith("invalid YAML: duplicate key 'authority'")


def test_yaml_merge_keys_are_refused_with_every_alias() -> None:
    # aliases expand to gigabytes when a value is walked or printed (issue 8); data files need none
    from mcda.data import DataError, parse_yaml

    with pytest.raises(DataError, match=r"f\.yaml: line 3: invalid YAML: anchors and aliases"):
        parse_yaml("a: &x {p: 1}\nb:\n  <<: *x\n  p: 2\n", "f.yaml")


def test_two_files_with_one_id_are_named_both(capsys, data_copy) -> None:
    # nvr.yaml and nvr.yml were reported as "case.yaml: (top level): duplicate option id 'nvr'"
    shutil.copy(data_copy / "options" / "nvr.yaml", data_copy / "options" / "nvr.yml")
    lines = bad_input(capsys, "validate", "--data", str(data_copy), names="options/nvr.yml: id:")
    assert "options/nvr.yaml" in lines[0]
    assert "case.yaml" not in "".join(lines)


def test_a_folder_where_a_data_file_should_be_is_not_called_missing(capsys, data_copy) -> None:
    (data_copy / "criteria" / "cost.yaml").unlink()
    (data_copy / "criteria" / "cost.yaml").mkdir()
    bad_input(capsys, "validate", "--data", str(data_copy),
              names="criteria/cost.yaml: not a regular file")


def test_utf16_files_are_named_as_such(capsys, data_copy, tmp_path) -> None:
    path = data_copy / "criteria" / "cost.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    bad_input(capsys, "validate", "--data", str(data_copy),
              names="criteria/cost.yaml: UTF-16 text (Excel's 'Unicode text'): save it as UTF-8")
    argv = spreadsheet(tmp_path, "option,speed,cost\na,5,2\nb,3,1\n")
    matrix = tmp_path / "m.csv"
    matrix.write_bytes(matrix.read_text(encoding="utf-8").encode("utf-16"))
    bad_input(capsys, "rank", *argv, names="m.csv: UTF-16 text")


def test_validate_names_the_data_folder_of_the_default_weights(capsys, data_copy) -> None:
    # the line said "criteria/ (default weights)", whatever folder was checked
    for path in (data_copy / "criteria").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        lines = [line if not line.startswith("default_weight:") else "default_weight: 0"
                 for line in text.splitlines()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = bad_input(capsys, "validate", "--data", str(data_copy), names="all weights are zero")
    assert lines[0].startswith(f"error: {data_copy / 'criteria'} (default weights): ")


# --- spreadsheets ---------------------------------------------------------------------------------


def test_option_ids_with_line_breaks_or_escape_codes_are_refused(capsys, tmp_path) -> None:
    # a line break split the table's row; an escape code reached the analyst's terminal
    argv = spreadsheet(tmp_path, 'option,speed,cost\n"b\nc",3,1\n"\x1b[31mred",4,3\nok,1,1\n')
    lines = bad_input(capsys, "rank", *argv, "--format", "csv",
                      names="m.csv: row 2, column 'option': option id contains a line break")
    assert len(lines) == 2 and "m.csv: row 3, column 'option'" in lines[1]


def test_criterion_names_with_escape_codes_are_refused(capsys, tmp_path) -> None:
    argv = spreadsheet(tmp_path, "option,speed,cost\na,5,2\nb,3,1\n",
                       'id,direction,weight,name\nspeed,benefit,2,"Sp\x1b[2Jeed"\ncost,cost,1,Cost\n')
    bad_input(capsys, "rank", *argv, names="c.csv: row 2, column 'name': name contains a control")


def test_an_xlsx_zip_bomb_is_refused_before_it_is_inflated(capsys, tmp_path) -> None:
    # a 0.5 MB file inflating to 500 MB took 1 GB of memory before openpyxl gave up
    bomb = tmp_path / "m.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types>" + " " * (60 * 1024 * 1024) + "</Types>")
    argv = spreadsheet(tmp_path, "", SPEED_COST)
    argv[1] = str(bomb)
    bad_input(capsys, "rank", *argv, names="m.xlsx: unpacks to more than 50 MB")


# --- what the output says ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_flip_does_not_promise_first_alone_to_a_weakly_dominated_option(capsys, tmp_path,
                                                                        method) -> None:
    # b equals a on speed and is worse on cost: at speed = 100% they tie, and no weighting puts
    # b first alone; the sentence said "a little more puts it first alone"
    argv = spreadsheet(tmp_path, "option,speed,cost\na,5,1\nb,5,3\nc,1,0\n")
    code, out, err = run(capsys, "flip", *argv, "--option", "b", "--method", method,
                         "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["reachable"] is True and data["tied_with"] == ["a"]
    assert data["alone_possible"] is False
    assert data["sentence"]["en"].endswith("It is then level with a; no weighting puts it first "
                                           "alone.")
    assert "geen enkele weging maakt het alleen eerste" in data["sentence"]["nl"]
    code, out, _ = run(capsys, "flip", *argv, "--option", "c", "--method", method,
                       "--format", "json")
    data = json.loads(out)
    assert data["alone_possible"] is True
    assert "a little more puts it first alone" in data["sentence"]["en"]


def test_rank_table_states_the_settings_each_method_used(capsys, tmp_path) -> None:
    # the table named the methods but not the normalisation, the bounds of wsm/spotis or the
    # PROMETHEE preference functions, so an analyst could not tell how the scores were made
    argv = spreadsheet(tmp_path, "option,speed,cost\na,5,2\nb,3,1\nc,4,3\n",
                       "id,direction,weight,min\nspeed,benefit,2,0\ncost,cost,1,\n")
    code, out, err = run(capsys, "rank", *argv, "--method", "all")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    method = {line.split()[0]: line for line in lines if line.startswith("  ") and
              line.split()[0] in ("wsm", "topsis", "vikor", "promethee_ii", "spotis")
              and ";" in line}
    assert "vector normalisation" in method["topsis"]
    assert "between the criterion bounds below" in method["wsm"]
    assert "v = 0.5" in method["vikor"] and "lower score is better" in method["vikor"]
    assert "preference function per criterion below" in method["promethee_ii"]
    start = lines.index("Settings per criterion (bounds; PROMETHEE preference function):")
    assert lines[start + 1].split() == ["speed", "0", "-", "5", "(declared", "minimum,", "highest",
                                        "value", "among", "the", "options)", "usual"]
    assert lines[start + 2].split()[:4] == ["cost", "1", "-", "3"]
    code, out, _ = run(capsys, "rank", *argv, "--method", "topsis")
    assert "Settings per criterion" not in out


def test_rank_table_lists_the_bundled_case_thresholds(capsys) -> None:
    from mcda.data import load_case

    problem = load_case().problem()
    code, out, _ = run(capsys, "rank", "--method", "promethee_ii")
    assert code == 0
    for crit in problem.criteria:
        spec = crit.promethee
        expected = spec.function + "".join(
            f", {k} = {v:g}" for k, v in (("q", spec.q), ("p", spec.p)) if v is not None)
        assert f"  {crit.id}" in out and expected in out


def test_more_options_than_the_analyses_can_hold_are_refused(capsys, tmp_path) -> None:
    # 1,000 options drove one-at-a-time TOPSIS sensitivity past 24 GB of memory (killed)
    rows = "".join(f"o{i},{i % 97},{i % 89}\n" for i in range(1000))
    argv = spreadsheet(tmp_path, "option,speed,cost\n" + rows)
    bad_input(capsys, "sensitivity", *argv, "--method", "topsis",
              names="m.csv: row 52: more than 50 options (rows 2 to 1001)")


def test_more_criteria_than_the_analyses_can_hold_are_refused(capsys, tmp_path) -> None:
    # 100 options x 50 criteria took VIKOR sensitivity to 6.5 GB; 499 criteria crashed the flip
    ids = [f"c{j}" for j in range(60)]
    matrix = "option," + ",".join(ids) + "\n" + "".join(
        f"o{i}," + ",".join(str((i * j) % 7) for j in range(60)) + "\n" for i in range(5))
    criteria = "id,direction,weight\n" + "".join(f"{c},benefit,1\n" for c in ids)
    argv = spreadsheet(tmp_path, matrix, criteria)
    bad_input(capsys, "flip", *argv, "--option", "o1", "--method", "vikor",
              names="c.csv: row 52: more than 50 criteria (rows 2 to 61)")


def test_fifty_options_on_fifty_criteria_are_still_analysed(capsys, tmp_path) -> None:
    rng = np.random.default_rng(0)
    ids = [f"c{j}" for j in range(50)]
    matrix = "option," + ",".join(ids) + "\n" + "".join(
        f"o{i}," + ",".join(f"{x:.1f}" for x in rng.uniform(0, 100, 50)) + "\n"
        for i in range(50))
    argv = spreadsheet(tmp_path, matrix, "id,direction,weight\n" + "".join(
        f"{c},benefit,1\n" for c in ids))
    code, out, _ = run(capsys, "rank", *argv, "--method", "all", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 1 + 5 * 50
    code, out, _ = run(capsys, "sensitivity", *argv, "--format", "json")
    assert code == 0 and len(json.loads(out)["criteria"]) == 50


def test_the_flip_search_works_in_bounded_slices(monkeypatch, small_problem) -> None:
    # the numeric flip evaluated every candidate at once: (m^2 * 64 + 20,000) weight rows times
    # options times criteria: 4 GB for 10 options and 200 criteria, a crash for 499
    from mcda import sensitivity
    from mcda.methods import competition_ranks, get_method

    seen: list[int] = []
    topsis = type(get_method("topsis"))
    original = topsis.batch

    def batch(self, problem, X, W):  # type: ignore[no-untyped-def]
        seen.append(len(W) * X.shape[1] * X.shape[2])
        return original(self, problem, X, W)

    monkeypatch.setattr(topsis, "batch", batch)
    problem = small_problem(np.random.default_rng(5).uniform(0, 100, (12, 50)))
    scores = get_method("topsis").rank(problem).scores
    loser = problem.option_ids[int(np.argsort(scores)[-2])]
    result = sensitivity.flip(problem, loser, "topsis")
    assert max(seen) <= 2 * sensitivity._CHUNK_ELEMENTS
    assert result.reachable and result.distance > 0
    ranks = competition_ranks(original(get_method("topsis"), problem, problem.matrix[None],
                                       result.weights[None])[0], "higher")
    assert ranks[problem.option_ids.index(loser)] == 1


def test_smaa_keeps_each_chunk_small_for_wide_problems(monkeypatch, small_problem) -> None:
    # every chunk of 50,000 (or all 10,000) samples went to the methods at once: 7.4 GiB for
    # 200 options and 499 criteria
    from mcda import smaa
    from mcda.methods import get_method

    seen: list[int] = []
    vikor = type(get_method("vikor"))
    original = vikor.batch

    def batch(self, problem, X, W):  # type: ignore[no-untyped-def]
        seen.append(len(W) * problem.matrix.size)
        return original(self, problem, X, W)

    monkeypatch.setattr(vikor, "batch", batch)
    problem = small_problem(np.random.default_rng(1).uniform(0, 100, (40, 50)))
    result = smaa.smaa(problem, ["vikor"], samples=6000, seed=2)
    assert max(seen) <= smaa.CHUNK_VALUES
    assert result.samples == 6000 and len(seen) >= 3
    np.testing.assert_allclose(result["vikor"].rank_acceptability.sum(axis=1), 1.0)


def test_a_closed_standard_output_is_an_error_line_not_a_traceback() -> None:
    # `mcda rank >&-` ended in AttributeError: 'NoneType' object has no attribute 'write'
    proc = subprocess.run(f"exec {MCDA} rank >&-", shell=True, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == "error: standard output is closed: nothing can be written\n"
