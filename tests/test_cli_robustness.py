"""`mcda sensitivity`, `mcda smaa` and `mcda flip`: JSON contract, tables, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from mcda.cli import main
from mcda.data import load_case
from mcda.sensitivity import flip, oat
from mcda.smaa import smaa

ROOT = Path(__file__).resolve().parent.parent
MCDA = ROOT / ".venv" / "bin" / "mcda"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def assert_input_error(capsys: pytest.CaptureFixture[str], *argv: str, names: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), err
    assert names in err
    assert "Traceback" not in err
    return err


@pytest.fixture
def tied(tmp_path: Path) -> list[str]:
    """PROBLEM arguments of a spreadsheet problem whose options all score the same."""
    (tmp_path / "m.csv").write_text("option,speed,cost\nx,5,2\ny,5,2\nz,5,2\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("id,direction,weight\nspeed,benefit,1\ncost,cost,1\n",
                                    encoding="utf-8")
    return ["--matrix", str(tmp_path / "m.csv"), "--criteria", str(tmp_path / "c.csv")]


@pytest.fixture(scope="module")
def problem():
    return load_case().problem()


# --- sensitivity ------------------------------------------------------------------------------


def test_sensitivity_json_is_the_engine_result_in_the_contract_shape(capsys, problem) -> None:
    data = run_json(capsys, "sensitivity", "--method", "topsis")
    expected = oat(problem, "topsis").to_json()
    assert data["method"] == "topsis"
    assert set(data["criteria"]) == set(problem.criterion_ids)
    for crit, item in data["criteria"].items():
        assert item["current"] == pytest.approx(expected["criteria"][crit]["current"])
        assert item["stability"] == pytest.approx(expected["criteria"][crit]["stability"])
        assert [s["first"] for s in item["switches"]] == [
            s["first"] for s in expected["criteria"][crit]["switches"]]
        assert [s["weight"] for s in item["switches"]] == pytest.approx(
            [s["weight"] for s in expected["criteria"][crit]["switches"]])
    assert "problem" in data


def test_sensitivity_defaults_to_wsm_and_follows_the_weights(capsys, problem) -> None:
    data = run_json(capsys, "sensitivity", "--weights",
                    "authority=1,cost=1,independence=1,network_damage=1,time_to_effect=1")
    assert data["method"] == "wsm"
    assert all(item["current"] == pytest.approx(0.2) for item in data["criteria"].values())


def test_sensitivity_table_names_each_criterion_and_its_interval(capsys, problem) -> None:
    code, out, _ = run(capsys, "sensitivity")
    assert code == 0
    result = oat(problem, "wsm")
    for sweep in result.sweeps:
        lo, hi = sweep.stability
        assert f"{100 * lo:.1f}% - {100 * hi:.1f}%" in out
        assert sweep.criterion in out
    assert "First now:" in out


# --- flip -------------------------------------------------------------------------------------


def test_flip_json_puts_the_option_first(capsys, problem) -> None:
    data = run_json(capsys, "flip", "--option", "nvr")
    expected = flip(problem, "nvr", "wsm")
    assert data["option"] == "nvr" and data["method"] == "wsm"
    assert data["reachable"] is True
    assert data["distance"] == pytest.approx(expected.distance)
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    new = problem.with_weights(data["weights"])
    from mcda.methods import rank

    assert rank(new, "wsm").rank_of("nvr") == 1
    assert data["sentence"]["en"].startswith("National Security Council ranks first")
    assert "punten" in data["sentence"]["nl"]


def test_flip_table_shows_the_sentence_and_the_new_weights(capsys) -> None:
    code, out, _ = run(capsys, "flip", "--option", "nvr", "--method", "topsis")
    assert code == 0
    assert "National Security Council ranks first under TOPSIS with:" in out
    assert "Total change (sum of |change|):" in out


def test_flip_of_an_unreachable_option_says_so(capsys, problem) -> None:
    unreachable = [o for o in problem.option_ids if not flip(problem, o, "wsm").reachable]
    assert unreachable
    data = run_json(capsys, "flip", "--option", unreachable[0])
    assert data["reachable"] is False
    assert data["distance"] is None and data["weights"] is None


def test_flip_needs_a_known_option(capsys) -> None:
    assert_input_error(capsys, "flip", "--option", "nope", names="--option: unknown option")
    assert_input_error(capsys, "flip", names="--option")


# --- smaa -------------------------------------------------------------------------------------


def test_smaa_json_equals_the_engine_on_the_same_seed(capsys, problem) -> None:
    data = run_json(capsys, "smaa", "--samples", "2000", "--seed", "3", "--method", "wsm",
                    "vikor")
    expected = smaa(problem, ["wsm", "vikor"], samples=2000, seed=3).to_json()
    assert data["samples"] == 2000 and data["seed"] == 3
    assert set(data["methods"]) == {"wsm", "vikor"}
    for name in ("wsm", "vikor"):
        got, want = data["methods"][name], expected["methods"][name]
        assert got["rank_acceptability"] == want["rank_acceptability"]
        assert got["confidence"] == want["confidence"]
        assert got["pairwise_winning"] == want["pairwise_winning"]
        for option, central in got["central_weights"].items():
            if central is None:
                assert want["central_weights"][option] is None
            else:
                assert central == pytest.approx(want["central_weights"][option])
        for row in got["rank_acceptability"].values():
            assert sum(row) == pytest.approx(1.0)
    assert data["agreement"]["all"] == pytest.approx(expected["agreement"]["all"])


def test_smaa_is_reproducible_and_honours_the_modes(capsys) -> None:
    argv = ("smaa", "--samples", "1500", "--seed", "9", "--weights-mode", "around",
            "--concentration", "50", "--scores", "ranges", "--method", "topsis")
    first, second = run_json(capsys, *argv), run_json(capsys, *argv)
    assert first == second
    assert first["weights_mode"] == "around" and first["scores_mode"] == "ranges"
    assert first["concentration"] == 50
    other = run_json(capsys, "smaa", "--samples", "1500", "--seed", "10", "--method", "topsis",
                     "--weights-mode", "around", "--concentration", "50", "--scores", "ranges")
    assert other["methods"] != first["methods"]


def test_smaa_table_lists_every_option_with_its_acceptabilities(capsys, problem) -> None:
    code, out, _ = run(capsys, "smaa", "--samples", "1000")
    assert code == 0
    assert "SMAA-2: 1,000 samples (seed 0); weights uniform on the simplex; scores fixed." in out
    for option in problem.option_ids:
        assert out.count(f"  {option} ") == 4
    assert "Same first-ranked option under all methods:" in out
    result = smaa(problem, ["wsm"], samples=1000, seed=0)["wsm"]
    first = problem.option_ids[int(np.argmax(result.rank_acceptability[:, 0]))]
    b1 = 100 * result.rank_acceptability[:, 0].max()
    assert any(line.startswith(f"  {first} ") and f"{b1:5.1f}" in line
               for line in out.splitlines())


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (("--samples", "0"), "--samples: must be a positive whole number, got 0"),
        (("--samples", "-5"), "--samples"),
        (("--samples", "many"), "--samples"),
        (("--seed", "-1"), "--seed: must be 0 or more"),
        (("--method", "wsm", "nope"), "--method: unknown method 'nope'"),
        (("--weights-mode", "spiky"), "--weights-mode"),
        (("--scores", "noisy"), "--scores"),
        (("--concentration", "0"), "--concentration"),
        (("--concentration", "nan"), "--concentration"),
    ],
)
def test_smaa_bad_input_is_one_error_line_and_exit_2(capsys, argv, names) -> None:
    assert_input_error(capsys, "smaa", *argv, names=names)


# --- shared bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("command", [("sensitivity",), ("flip", "--option", "x")])
def test_all_options_tied_is_bad_input_not_a_crash(capsys, tied, command) -> None:
    err = assert_input_error(capsys, *command, *tied, names="all options tie")
    assert "m.csv" in err


@pytest.mark.parametrize("command", [("sensitivity",), ("flip", "--option", "nvr")])
def test_an_unknown_method_names_the_argument(capsys, command) -> None:
    assert_input_error(capsys, *command, "--method", "nope", names="--method: unknown method")


def test_bad_problem_arguments_are_reported_as_for_rank(capsys) -> None:
    assert_input_error(capsys, "smaa", "--weights", "authority=-1", names="--weights")
    assert_input_error(capsys, "sensitivity", "--scenario", "nope", names="--scenario")


def test_the_installed_command_exits_2_without_a_traceback() -> None:
    proc = subprocess.run([MCDA, "flip", "--option", "nope"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: --option: unknown option 'nope'")
    assert "Traceback" not in proc.stderr
    ok = subprocess.run([MCDA, "sensitivity", "--format", "json"], capture_output=True,
                        text=True, timeout=120)
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["method"] == "wsm"
