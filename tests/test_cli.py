"""The `mcda` command line: contract shapes, exit codes and error lines (in process and real)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mcda.cli import main
from mcda.data import load_case
from mcda.methods import DEFAULT_METHODS, REGISTRY, rank_all

ROOT = Path(__file__).resolve().parent.parent
MCDA = ROOT / ".venv" / "bin" / "mcda"
PYTHON = ROOT / ".venv" / "bin" / "python"
REQUIRED_OPTIONS = {
    "planbureau", "nvr", "nctv", "planbureaus", "current_network", "security_law", "line_2023",
}
REQUIRED_SCENARIOS = {"equal", "wrr_2017", "abdtopconsult_2021", "cost_conscious"}

SOURCE_TEXT = """Rapport over het stelsel.
5.4 Bevindingen
Het zou nog jaren
   duren voordat een nieuw bureau gezag heeft.
"""


def _yaml(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _option(oid: str, name: str, speed: float, cost: float, quality: float | None,
            cited: bool = True) -> str:
    evidence = ("    evidence:\n      - {source: report, section: '5.4', quote: "
                "'Het zou nog jaren duren voordat'}\n" if cited else "")
    text = (f"id: {oid}\nname: {{en: {name}, nl: {name}}}\nscores:\n"
            f"  speed:\n    value: {speed}\n{evidence}"
            f"  cost:\n    value: {cost}\n    range: [{max(cost - 2, 0)}, {cost + 2}]\n"
            "    assumption: true\n")
    if quality is not None:
        text += f"  quality:\n    value: {quality}\n{evidence}"
    return text


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """A small data folder with the bundled case's YAML schema: 3 options, 3 criteria."""
    root = tmp_path / "case"
    _yaml(root / "criteria" / "speed.yaml",
          "id: speed\nname: {en: Speed, nl: Snelheid}\ndirection: benefit\n"
          "scale: {kind: rating, min: 0, max: 100}\ndefault_weight: 50\n")
    _yaml(root / "criteria" / "cost.yaml",
          "id: cost\nname: {en: Cost, nl: Kosten}\ndirection: cost\n"
          "scale: {kind: quantity, unit: M EUR/yr, min: 0, max: 40}\ndefault_weight: 30\n")
    _yaml(root / "criteria" / "quality.yaml",
          "id: quality\nname: {en: Quality, nl: Kwaliteit}\ndirection: benefit\n"
          "scale: {kind: rating, min: 0, max: 100}\ndefault_weight: 20\noptional: true\n")
    _yaml(root / "options" / "fast.yaml", _option("fast", "Fast track", 90, 30, 40))
    _yaml(root / "options" / "cheap.yaml", _option("cheap", "Cheap fix", 40, 2, 50))
    _yaml(root / "options" / "slow.yaml", _option("slow", "Slow and costly", 30, 35, 30))
    _yaml(root / "sources" / "report.yaml",
          "id: report\ntitle: Een rapport\nfile: texts/report.txt\n")
    _yaml(root / "sources" / "texts" / "report.txt", SOURCE_TEXT)
    _yaml(root / "scenarios" / "budget.yaml",
          "id: budget\nname: {en: Budget first, nl: Budget eerst}\norigin: test\n"
          "weights: {cost: 80, speed: 20}\n")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_input_error(code: int, out: str, err: str, *fragments: str) -> list[str]:
    """Exit 2, nothing on stdout, every stderr line an 'error:' line, no traceback."""
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert any(fragment in line for line in lines), (fragment, err)
    return lines


# ------------------------------------------------------------------------------------------
# validate
# ------------------------------------------------------------------------------------------


def test_validate_summarises_a_good_folder(capsys, case: Path) -> None:
    code, out, err = run(capsys, "validate", "--data", str(case))
    assert (code, err) == (0, "")
    assert out == ("3 options, 3 criteria (1 optional), 1 scenario, 1 source, 9 scores: "
                   "6 cited, 3 assumptions, 6 quotes found in their sources — OK\n")


def test_validate_counts_quotes_it_cannot_check(capsys, case: Path) -> None:
    _yaml(case / "sources" / "report.yaml", "id: report\ntitle: No text bundled\n")
    code, out, _ = run(capsys, "validate", "--data", str(case))
    assert code == 0
    assert out.endswith("6 cited, 3 assumptions, 0 quotes found in their sources (6 quotes "
                        "citing sources without a text file) — OK\n")


def test_validate_reports_a_quote_missing_from_its_source(capsys, case: Path) -> None:
    path = case / "options" / "fast.yaml"
    path.write_text(path.read_text().replace("nog jaren duren", "nog maanden duren", 1))
    lines = assert_input_error(*run(capsys, "validate", "--data", str(case)))
    assert lines == [
        f"error: {path}: scores.speed.evidence.0.quote: not found verbatim in the text of "
        "source 'report': 'Het zou nog maanden duren voordat'"
    ]


def test_validate_reports_uncited_scores_and_missing_source_files(capsys, case: Path) -> None:
    _yaml(case / "options" / "slow.yaml", _option("slow", "Slow", 30, 35, 30, cited=False))
    (case / "sources" / "texts" / "report.txt").unlink()
    lines = assert_input_error(*run(capsys, "validate", "--data", str(case)))
    slow, source = case / "options" / "slow.yaml", case / "sources" / "report.yaml"
    assert f"error: {source}: file: 'texts/report.txt' not found (relative to sources/)" in lines
    assert (f"error: {slow}: scores.speed: no evidence: cite a source or mark the score "
            "'assumption: true' with a range") in lines
    assert len([line for line in lines if "scores.quality: no evidence" in line]) == 1


def test_validate_refuses_a_source_file_outside_the_sources_folder(capsys, case: Path) -> None:
    _yaml(case / "sources" / "report.yaml", "id: report\ntitle: R\nfile: ../../secret.txt\n")
    assert_input_error(*run(capsys, "validate", "--data", str(case)),
                       "file: '../../secret.txt' lies outside the sources/ folder")


def test_validate_reports_an_assumption_without_a_range(capsys, case: Path) -> None:
    path = case / "options" / "cheap.yaml"
    path.write_text(path.read_text().replace("    range: [0, 4]\n", ""))
    assert_input_error(*run(capsys, "validate", "--data", str(case)),
                       f"{path}: scores.cost.range: an assumption needs a range (low, high)")


def test_validate_reports_a_missing_score_of_a_used_criterion(capsys, case: Path) -> None:
    _yaml(case / "options" / "slow.yaml", _option("slow", "Slow", 30, 35, None))
    _yaml(case / "scenarios" / "quality.yaml",
          "id: quality\nname: {en: Q, nl: Q}\norigin: test\nweights: {quality: 1}\n")
    assert_input_error(*run(capsys, "validate", "--data", str(case)),
                       f"{case / 'options' / 'slow.yaml'}: scores.quality: missing")


def test_validate_reports_yaml_and_schema_errors_by_file(capsys, case: Path) -> None:
    _yaml(case / "criteria" / "speed.yaml", "id: speed\nname: [unclosed\n")
    _yaml(case / "options" / "cheap.yaml",
          "id: cheap\nname: {en: C, nl: C}\nscores: {}\ncolor: 1\n")
    assert_input_error(*run(capsys, "validate", "--data", str(case)),
                       f"{case / 'criteria' / 'speed.yaml'}", "invalid YAML",
                       f"{case / 'options' / 'cheap.yaml'}: color: unknown field")


def test_validate_of_a_missing_folder(capsys, tmp_path: Path) -> None:
    assert_input_error(*run(capsys, "validate", "--data", str(tmp_path / "nope")),
                       f"{tmp_path / 'nope'}: data folder not found")


# ------------------------------------------------------------------------------------------
# rank
# ------------------------------------------------------------------------------------------


def rank_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, "rank", *argv, "--format", "json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_rank_json_has_exactly_the_contract_shape(capsys, case: Path) -> None:
    data = rank_json(capsys, "--data", str(case))
    assert {"weights", "methods"} <= set(data)
    assert data["weights"] == pytest.approx({"speed": 50 / 80, "cost": 30 / 80})
    assert list(data["methods"]) == list(DEFAULT_METHODS)
    expected = rank_all(load_case(case).problem())
    for name, entry in data["methods"].items():
        assert entry["better"] in ("higher", "lower")
        assert entry["better"] == expected[name].better
        assert set(entry["scores"]) == set(entry["ranks"]) == {"fast", "cheap", "slow"}
        assert all(isinstance(r, int) for r in entry["ranks"].values())
        assert entry["ranks"] == expected[name].to_json()["ranks"]
        assert entry["scores"] == pytest.approx(expected[name].to_json()["scores"])


def test_rank_wsm_values_by_hand(capsys, case: Path) -> None:
    data = rank_json(capsys, "--data", str(case), "--method", "wsm")
    # speed on 0..100 (benefit), cost on 0..40 (cost); weights 50:30.
    scores = data["methods"]["wsm"]["scores"]
    assert scores["fast"] == pytest.approx((50 * 0.9 + 30 * (10 / 40)) / 80)
    assert scores["cheap"] == pytest.approx((50 * 0.4 + 30 * (38 / 40)) / 80)
    assert scores["slow"] == pytest.approx((50 * 0.3 + 30 * (5 / 40)) / 80)
    assert data["methods"]["wsm"]["ranks"] == {"fast": 1, "cheap": 2, "slow": 3}


def test_rank_method_all_and_several_methods(capsys, case: Path) -> None:
    assert list(rank_json(capsys, "--data", str(case), "--method", "all")["methods"]) == list(
        REGISTRY)
    chosen = rank_json(capsys, "--data", str(case), "--method", "vikor", "wsm",
                       "--method", "spotis")
    assert list(chosen["methods"]) == ["vikor", "wsm", "spotis"]
    assert chosen["methods"]["vikor"]["better"] == "lower"
    assert chosen["methods"]["vikor"]["settings"] == {"v": 0.5}
    assert set(chosen["methods"]["vikor"]["compromise"]) <= {"fast", "cheap", "slow"}


def test_rank_scenario_by_id_and_by_file(capsys, case: Path, tmp_path: Path) -> None:
    by_id = rank_json(capsys, "--data", str(case), "--scenario", "budget")
    assert by_id["weights"] == pytest.approx({"speed": 0.2, "cost": 0.8})
    assert "scenario budget (Budget first; illustrative: test)" in by_id["problem"]
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine\nname: {en: Mine, nl: Mijn}\norigin: me\n"
                    "weights: {quality: 3, speed: 1}\n")
    by_file = rank_json(capsys, "--data", str(case), "--scenario", str(path))
    assert by_file["weights"] == pytest.approx({"speed": 0.25, "quality": 0.75})
    # fast: 0.9 * 1 + 0.4 * 3 = 2.1 beats cheap: 0.4 * 1 + 0.5 * 3 = 1.9 (scale 0..100)
    assert by_file["methods"]["wsm"]["ranks"] == {"fast": 1, "cheap": 2, "slow": 3}


def test_rank_weights_make_the_active_set_without_a_scenario(capsys, case: Path) -> None:
    data = rank_json(capsys, "--data", str(case), "--weights", "quality=1,cost=3")
    assert data["weights"] == pytest.approx({"cost": 0.75, "quality": 0.25})


def test_rank_weights_override_a_scenario(capsys, case: Path) -> None:
    data = rank_json(capsys, "--data", str(case), "--scenario", "budget",
                     "--weights", "speed=80", "--weights", "quality=100")
    assert data["weights"] == pytest.approx({"speed": 80 / 260, "cost": 80 / 260,
                                             "quality": 100 / 260})


def test_rank_from_spreadsheets(capsys, tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("option;a;b\nx;1,5;3\ny;2;1\n=evil;0,5;2\n")
    (tmp_path / "c.csv").write_text("id;direction;weight\na;benefit;1\nb;cost;1\n")
    args = ("--matrix", str(tmp_path / "m.csv"), "--criteria", str(tmp_path / "c.csv"))
    data = rank_json(capsys, *args, "--weights", "b=3")
    assert data["weights"] == pytest.approx({"a": 0.25, "b": 0.75})
    # Observed bounds: a (benefit) 0.5..2, b (cost) 1..3.
    # x: .25 * 1/1.5 + 0 = 1/6; y: .25 + .75 = 1; =evil: 0 + .75 * .5 = .375.
    assert data["methods"]["wsm"]["ranks"] == {"x": 3, "y": 1, "=evil": 2}
    code, out, err = run(capsys, "rank", *args, "--weights", "b=3", "--format", "csv",
                         "--method", "wsm")
    assert (code, err) == (0, "")
    rows = [line.split(",") for line in out.splitlines()]
    assert rows[0] == ["method", "option", "score", "rank", "better"]
    assert [(r[0], r[1], r[3], r[4]) for r in rows[1:]] == [
        ("wsm", "y", "1", "higher"), ("wsm", "'=evil", "2", "higher"),
        ("wsm", "x", "3", "higher")]
    assert [float(r[2]) for r in rows[1:]] == pytest.approx([1.0, 0.375, 1 / 6])


def test_rank_csv_has_one_row_per_method_and_option(capsys, case: Path) -> None:
    code, out, _ = run(capsys, "rank", "--data", str(case), "--format", "csv", "--method", "all")
    rows = out.splitlines()
    assert code == 0
    assert rows[0] == "method,option,score,rank,better"
    assert len(rows) == 1 + 3 * len(REGISTRY)
    assert {r.split(",")[0] for r in rows[1:]} == set(REGISTRY)


def test_rank_table_is_readable(capsys, case: Path) -> None:
    code, out, err = run(capsys, "rank", "--data", str(case), "--scenario", "budget")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"Problem: data folder {case} (data version ")
    assert lines[0].endswith("scenario budget (Budget first; illustrative: test)")
    assert any(line.split() == ["cost", "Cost", "(M", "EUR/yr)", "cost", "80.0%"]
               for line in lines)
    rows = [line for line in lines if line.strip().startswith(("Cheap fix", "Fast", "Slow"))]
    assert [r.split()[0] for r in rows] == ["Cheap", "Fast", "Slow"]
    cheap = rows[0].split()
    assert cheap[2] == "cheap" and cheap[3:5] == ["1", "0.84"]  # wsm: .2 * .4 + .8 * .95
    assert any(line.startswith("  vikor ") and "v = 0.5" in line and "compromise set: " in line
               for line in lines)
    # slow (speed 30, cost 35) is worse than fast (90, 30) and cheap (40, 2) on both criteria.
    assert lines[-2:] == [
        "Dominated options (on the active criteria, whatever the weights):",
        "  slow is dominated by cheap, fast: at least as good on every criterion, better on at "
        "least one",
    ]


def test_rank_table_without_dominated_options(capsys, tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("option,a,b\nx,1,1\ny,2,2\n")
    (tmp_path / "c.csv").write_text("id,direction,weight\na,benefit,1\nb,cost,1\n")
    code, out, _ = run(capsys, "rank", "--matrix", str(tmp_path / "m.csv"),
                       "--criteria", str(tmp_path / "c.csv"))
    assert code == 0
    assert out.splitlines()[-1] == "Dominance: no option is dominated by another."


def test_rank_bad_inputs_exit_2_with_named_errors(capsys, case: Path, tmp_path: Path) -> None:
    d = str(case)
    assert_input_error(*run(capsys, "rank", "--data", d, "--method", "magic"),
                       "--method: unknown method 'magic'")
    assert_input_error(*run(capsys, "rank", "--data", d, "--scenario", "nope"),
                       "--scenario: 'nope' is neither a scenario of the data folder "
                       "(known: budget) nor a file")
    assert_input_error(*run(capsys, "rank", "--data", d, "--scenario", str(tmp_path / "x.yaml")),
                       f"{tmp_path / 'x.yaml'}: file not found")
    assert_input_error(*run(capsys, "rank", "--data", d, "--weights", "speed=-1,zz=2,cost"),
                       "--weights: speed: '-1' is negative",
                       "--weights: 'cost' is not of the form id=value")
    assert_input_error(*run(capsys, "rank", "--data", d, "--weights", "zz=2"),
                       "--weights: unknown criterion 'zz' (known: cost, quality, speed)")
    assert_input_error(*run(capsys, "rank", "--data", d, "--weights", "speed=0,cost=0"),
                       "--weights: all weights are zero")
    assert_input_error(*run(capsys, "rank", "--data", d, "--weights", "speed=nan"),
                       "--weights: speed: 'nan' is not a finite number")
    (tmp_path / "m.csv").write_text("option,a\nx,abc\ny,1\n")
    (tmp_path / "c.csv").write_text("id,direction,weight\na,up,1\n")
    assert_input_error(*run(capsys, "rank", "--matrix", str(tmp_path / "m.csv"),
                            "--criteria", str(tmp_path / "c.csv")),
                       f"{tmp_path / 'm.csv'}: row 2, column 'a': 'abc' is not a number",
                       f"{tmp_path / 'c.csv'}: row 2, column 'direction': 'up' is not a direction")


def test_rank_names_the_scenario_file_when_its_problem_does_not_fit(capsys, case: Path) -> None:
    _yaml(case / "options" / "slow.yaml", _option("slow", "Slow", 30, 35, None))
    _yaml(case / "scenarios" / "quality.yaml",
          "id: quality\nname: {en: Q, nl: Q}\norigin: test\nweights: {quality: 1}\n")
    lines = assert_input_error(*run(capsys, "rank", "--data", str(case), "--scenario", "quality"))
    assert lines == [f"error: {case / 'scenarios' / 'quality'}.yaml: weights: option 'slow' has "
                     "no score for quality"]


def test_usage_errors_exit_2(capsys, case: Path, tmp_path: Path) -> None:
    assert_input_error(*run(capsys, "rank", "--matrix", "m.csv"),
                       "--matrix and --criteria go together")
    assert_input_error(*run(capsys, "rank", "--matrix", "m.csv", "--criteria", "c.csv",
                            "--data", str(case)), "replace --data/--scenario")
    assert_input_error(*run(capsys, "rank", "--format", "xml"),
                       "mcda rank: argument --format: invalid choice: 'xml'")
    assert_input_error(*run(capsys, "frobnicate"), "mcda: argument COMMAND: invalid choice")
    assert_input_error(*run(capsys), "the following arguments are required: COMMAND")
    assert_input_error(*run(capsys, "rank", "--meth", "wsm"), "unrecognized arguments")


def test_help_exits_0(capsys) -> None:
    code, out, _ = run(capsys, "rank", "--help")
    assert code == 0
    assert "the criteria named become the active set" in " ".join(out.split())


# ------------------------------------------------------------------------------------------
# ahp
# ------------------------------------------------------------------------------------------


def test_ahp_json_and_table(capsys, tmp_path: Path) -> None:
    path = tmp_path / "pairwise.csv"
    path.write_text(";a;b;c\na;1;2;4\nb;1/2;1;2\nc;;1/2;1\n")
    code, out, err = run(capsys, "ahp", str(path), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert {"weights", "lambda_max", "ci", "cr"} <= set(data)
    assert data["random_index"] == "saaty"
    assert data["weights"] == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})
    assert data["lambda_max"] == pytest.approx(3.0)
    assert data["cr"] == pytest.approx(0.0, abs=1e-9)
    code, out, _ = run(capsys, "ahp", str(path))
    assert code == 0
    assert [line.split() for line in out.splitlines()[1:4]] == [
        ["a", "57.1%"], ["b", "28.6%"], ["c", "14.3%"]]
    assert "Saaty's random index RI = 0.58 for n = 3" in out


def test_ahp_names_the_inconsistent_judgement(capsys, tmp_path: Path) -> None:
    path = tmp_path / "pairwise.csv"
    path.write_text(",a,b,c\na,1,9,1/9\nb,,1,9\nc,,,1\n")
    code, out, _ = run(capsys, "ahp", str(path))
    assert code == 0
    assert "Acceptably consistent (CR <= 0.10): no" in out
    assert "Most inconsistent judgement: " in out


def test_ahp_bad_input(capsys, tmp_path: Path) -> None:
    assert_input_error(*run(capsys, "ahp", str(tmp_path / "none.csv")),
                       f"{tmp_path / 'none.csv'}: file not found")
    path = tmp_path / "bad.csv"
    path.write_text(",a,b\na,1,x\nb,,1\n")
    assert_input_error(*run(capsys, "ahp", str(path)),
                       f"{path}: row 'a', column 'b' (line 2, column 3)")


# ------------------------------------------------------------------------------------------
# Pipes, real processes, import cost
# ------------------------------------------------------------------------------------------


class _ClosedPipe:
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        raise OSError("no file descriptor")


def test_a_closed_pipe_ends_quietly_in_process(monkeypatch, capsys, case: Path) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["rank", "--data", str(case)]) == 0
    assert capsys.readouterr().err == ""


def test_a_closed_pipe_ends_quietly_in_a_real_process(case: Path) -> None:
    proc = subprocess.Popen([MCDA, "rank", "--data", str(case), "--method", "all"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert err == ""


def test_real_exit_codes(case: Path, tmp_path: Path) -> None:
    ok = subprocess.run([MCDA, "rank", "--data", str(case), "--format", "json"],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert set(json.loads(ok.stdout)["methods"]) == set(DEFAULT_METHODS)
    (tmp_path / "m.csv").write_bytes(b"\x00\x01binary")
    bad = subprocess.run([MCDA, "rank", "--matrix", str(tmp_path / "m.csv"),
                          "--criteria", str(tmp_path / "m.csv")],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stdout == "" and "Traceback" not in bad.stderr
    assert bad.stderr.startswith(f"error: {tmp_path / 'm.csv'}: not a text file")
    usage = subprocess.run([PYTHON, "-m", "mcda", "rank", "--format", "xml"],
                           capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert usage.returncode == 2
    assert usage.stderr.startswith("error: ")


def test_the_cli_does_not_import_pymcdm_or_openpyxl() -> None:
    code = ("import sys, mcda.cli; "
            "print(sorted(m for m in ('pymcdm', 'openpyxl', 'streamlit') if m in sys.modules))")
    out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stderr


# ------------------------------------------------------------------------------------------
# The bundled case
# ------------------------------------------------------------------------------------------


def test_bundled_case_validates(capsys) -> None:
    code, out, err = run(capsys, "validate")
    assert (code, err) == (0, "")
    assert out.endswith(" — OK\n")
    assert f"{len(load_case().options)} options" in out


def test_bundled_case_ranks_every_option_with_every_method(capsys) -> None:
    data = rank_json(capsys, "--method", "all")
    assert set(data["methods"]["wsm"]["ranks"]) >= REQUIRED_OPTIONS
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    for entry in data["methods"].values():
        ranks = np.array(sorted(entry["ranks"].values()))
        assert ranks[0] == 1 and ranks[-1] <= len(ranks)


@pytest.mark.parametrize("scenario", sorted(REQUIRED_SCENARIOS))
def test_bundled_scenarios_rank(capsys, scenario: str) -> None:
    data = rank_json(capsys, "--scenario", scenario)
    case = load_case()
    expected = {k: v for k, v in case.scenario(scenario).weights.items()}
    total = sum(expected.values())
    assert data["weights"] == pytest.approx({k: v / total for k, v in expected.items()})
