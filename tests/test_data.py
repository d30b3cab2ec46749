"""Loading, validating and saving data folders (mcda.data): every error names file and field."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from mcda.data import (
    DEFAULT_DATA,
    DataError,
    atomic_write,
    data_version,
    decode,
    load_case,
    load_scenario,
    parse_scenario,
    parse_yaml,
    read_text,
    save_scenario,
    to_yaml,
)
from mcda.model import Scenario, Text

CRITERION = """\
id: {id}
name: {{en: Authority, nl: Gezag}}
direction: {direction}
scale: {{kind: rating, min: 0, max: 100}}
default_weight: {weight}
promethee: {{function: linear, q: 5, p: 20}}
"""
OPTION = """\
id: {id}
name: {{en: Option {id}, nl: Optie {id}}}
proposed_by: WRR (2017)
scores:
  authority:
    value: {a}
    range: [{a_lo}, {a_hi}]
    rationale: {{en: because, nl: omdat}}
    evidence:
      - {{source: wrr-2017, section: "5.4", quote: "nog jaren duren"}}
  cost: {{value: {c}, assumption: true}}
"""
SOURCE = "id: wrr-2017\ntitle: Veiligheid in een wereld van verbindingen\nyear: 2017\n"
SCENARIO = """\
id: wrr_2017
name: {en: WRR 2017, nl: WRR 2017}
origin: WRR (2017)
weights: {authority: 3, cost: 1}
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A valid data folder: two criteria, two options, a source, a scenario and case.yaml."""
    root = tmp_path / "case"
    write(root / "criteria" / "authority.yaml",
          CRITERION.format(id="authority", direction="benefit", weight=3))
    write(root / "criteria" / "cost.yaml",
          CRITERION.format(id="cost", direction="cost", weight=1))
    write(root / "options" / "nvr.yaml", OPTION.format(id="nvr", a=60, a_lo=50, a_hi=70, c=10))
    write(root / "options" / "nctv.yaml", OPTION.format(id="nctv", a=40, a_lo=30, a_hi=45, c=5))
    write(root / "sources" / "wrr-2017.yaml", SOURCE)
    write(root / "scenarios" / "wrr_2017.yaml", SCENARIO)
    write(root / "case.yaml", "title: {en: Test case, nl: Testcasus}\n")
    return root


def problems_of(exc: pytest.ExceptionInfo[DataError]) -> list[str]:
    return exc.value.problems


def test_load_case(folder: Path):
    case = load_case(folder)
    assert case.title.nl == "Testcasus"
    assert [c.id for c in case.criteria] == ["authority", "cost"]
    assert [o.id for o in case.options] == ["nctv", "nvr"]
    assert case.option("nvr").scores["authority"].range == (50, 70)
    assert case.option("nvr").scores["authority"].cited
    assert not case.option("nvr").scores["cost"].cited
    assert case.criterion("authority").promethee.p == 20
    assert case.scenario("wrr_2017").weights == {"authority": 3.0, "cost": 1.0}
    assert re.fullmatch(r"[0-9a-f]{10}", case.version)
    problem = case.problem()
    assert problem.w.tolist() == [0.75, 0.25]


def test_case_yaml_orders_criteria_and_options(folder: Path):
    write(folder / "case.yaml",
          "title: {en: T, nl: T}\norder: {options: [nvr], criteria: [cost]}\n")
    case = load_case(folder)
    assert [o.id for o in case.options] == ["nvr", "nctv"]
    assert [c.id for c in case.criteria] == ["cost", "authority"]
    assert case.problem().criterion_ids == ("cost", "authority")


@pytest.mark.parametrize(("order", "pattern"), [
    ("{options: [nvr, ghost]}", r"case\.yaml: order\.options: unknown ids ghost"),
    ("{people: [a]}", r"case\.yaml: order\.people: unknown folder"),
    ("[nvr]", r"case\.yaml: order: expected a mapping"),
    ("{options: nvr}", r"case\.yaml: order\.options: expected a list of ids"),
])
def test_case_yaml_order_errors_name_the_field(folder: Path, order: str, pattern: str):
    write(folder / "case.yaml", f"title: {{en: T, nl: T}}\norder: {order}\n")
    with pytest.raises(DataError) as exc:
        load_case(folder)
    assert any(re.search(pattern, line) for line in problems_of(exc)), problems_of(exc)


def test_data_version_follows_the_content(folder: Path):
    before = data_version(folder)
    assert data_version(folder) == before
    write(folder / "options" / "nvr.yaml", OPTION.format(id="nvr", a=61, a_lo=50, a_hi=70, c=10))
    assert data_version(folder) != before


def test_bundled_case_loads_and_every_scenario_makes_a_problem():
    """The case shipped at the repository root (criteria/, options/, scenarios/, sources/)."""
    case = load_case(DEFAULT_DATA)
    ids = {c.id for c in case.criteria}
    assert {"authority", "independence", "network_damage", "cost", "time_to_effect"} <= ids
    assert len(case.options) >= 7
    assert case.problem().criterion_ids
    for scenario in case.scenarios:
        problem = case.problem(scenario.weights)
        assert set(problem.criterion_ids) == set(scenario.weights)


# --- errors name file and field ------------------------------------------------------------


def test_missing_folders(tmp_path: Path, folder: Path):
    with pytest.raises(DataError, match="data folder not found"):
        load_case(tmp_path / "nowhere")
    (folder / "criteria" / "authority.yaml").unlink()
    (folder / "criteria" / "cost.yaml").unlink()
    (folder / "criteria").rmdir()
    with pytest.raises(DataError) as info:
        load_case(folder)
    assert any(p.endswith("criteria: folder not found") for p in problems_of(info))


def test_empty_folder_of_criteria(folder: Path):
    for path in (folder / "criteria").iterdir():
        path.unlink()
    with pytest.raises(DataError, match=r"criteria: no criteria files \(\*\.yaml\)"):
        load_case(folder)


@pytest.mark.parametrize(("relative", "content", "pattern"), [
    ("criteria/authority.yaml",
     CRITERION.format(id="authority", direction="benefit", weight=3) + "colour: red\n",
     r"criteria/authority\.yaml: colour: unknown field$"),
    ("options/nvr.yaml",
     OPTION.format(id="nvr", a=60, a_lo=50, a_hi=70, c=10).replace(
         "assumption: true", "assumption: true, colour: red"),
     r"options/nvr\.yaml: scores\.cost\.colour: unknown field$"),
    ("options/nvr.yaml", OPTION.format(id="nvr", a=60, a_lo=65, a_hi=70, c=10),
     r"options/nvr\.yaml: scores\.authority: range \[65, 70\] must contain the value 60$"),
    ("criteria/cost.yaml", "!!python/object/apply:os.system ['echo owned']\n",
     r"criteria/cost\.yaml: line 1: invalid YAML: could not determine a constructor"),
    ("criteria/cost.yaml", "id: [cost\n", r"criteria/cost\.yaml: line \d+: invalid YAML"),
    ("criteria/cost.yaml", "", r"criteria/cost\.yaml: file is empty$"),
    ("criteria/cost.yaml", "- id: cost\n",
     r"criteria/cost\.yaml: expected a mapping of fields, got list$"),
    ("criteria/cost.yaml", CRITERION.format(id="costs", direction="cost", weight=1),
     r"criteria/cost\.yaml: id: 'costs' must equal the file name 'cost'$"),
    ("criteria/cost.yaml", b"id: cost\x00\x01\x02",
     r"criteria/cost\.yaml: not a text file \(binary content\)$"),
    ("criteria/cost.yaml", "name: caf\xe9\n".encode("latin-1"),
     r"criteria/cost\.yaml: not UTF-8 text \(byte 9\)$"),
    ("criteria/cost.yaml", CRITERION.format(id="cost", direction="sideways", weight=1),
     r"criteria/cost\.yaml: direction: Input should be 'benefit' or 'cost'$"),
    ("criteria/cost.yaml", "id: cost\nname: {en: Cost, nl: Kosten}\n",
     r"criteria/cost\.yaml: direction: required field is missing$"),
    ("options/nvr.yaml",
     OPTION.format(id="nvr", a=60, a_lo=50, a_hi=70, c=10).replace("wrr-2017", "wrr-2099"),
     r"options/nvr\.yaml: scores\.authority\.evidence\.0\.source: unknown source 'wrr-2099'"),
    ("options/nvr.yaml",
     OPTION.format(id="nvr", a=60, a_lo=50, a_hi=70, c=10) + "  speed: {value: 3}\n",
     r"options/nvr\.yaml: scores\.speed: unknown criterion 'speed'"),
    ("scenarios/wrr_2017.yaml", SCENARIO.replace("cost: 1", "speed: 1"),
     r"scenarios/wrr_2017\.yaml: weights: unknown criteria speed"),
    ("scenarios/wrr_2017.yaml", SCENARIO.replace("cost: 1", "cost: -1"),
     r"scenarios/wrr_2017\.yaml: weights: weight of 'cost' must not be negative"),
])
def test_errors_name_file_and_field(folder: Path, relative: str, content, pattern: str):
    write(folder / relative, content)
    with pytest.raises(DataError) as info:
        load_case(folder)
    found = problems_of(info)
    assert any(re.search(pattern, line) for line in found), found


def test_python_tags_never_run(folder: Path, tmp_path: Path):
    marker = tmp_path / "owned"
    write(folder / "criteria" / "cost.yaml",
          f"!!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(DataError):
        load_case(folder)
    assert not marker.exists()


def test_all_problems_are_reported_together(folder: Path):
    write(folder / "criteria" / "cost.yaml", "")
    write(folder / "options" / "nvr.yaml", "id: nvr\ncolour: red\n")
    write(folder / "case.yaml", "title: [\n")
    with pytest.raises(DataError) as info:
        load_case(folder)
    found = "\n".join(problems_of(info))
    assert "criteria/cost.yaml: file is empty" in found
    assert "options/nvr.yaml: colour: unknown field" in found
    assert "options/nvr.yaml: name: required field is missing" in found
    assert "case.yaml: line" in found
    assert str(info.value) == found


def test_reference_problems_are_reported_together(folder: Path):
    write(folder / "options" / "nvr.yaml",
          OPTION.format(id="nvr", a=60, a_lo=50, a_hi=70, c=10).replace("wrr-2017", "x-1"))
    write(folder / "scenarios" / "wrr_2017.yaml", SCENARIO.replace("cost: 1", "speed: 1"))
    with pytest.raises(DataError) as info:
        load_case(folder)
    assert len(problems_of(info)) == 2


def test_read_text_limits_and_bom(tmp_path: Path):
    path = write(tmp_path / "big.yaml", "x" * 2048)
    with pytest.raises(DataError, match="larger than"):
        read_text(path, limit=1024)
    assert read_text(write(tmp_path / "bom.yaml", b"\xef\xbb\xbfid: a\n")) == "id: a\n"
    with pytest.raises(DataError, match="file not found"):
        read_text(tmp_path / "missing.yaml")
    assert decode("å".encode(), "upload") == "å"
    with pytest.raises(DataError, match=r"^upload: not a text file"):
        decode(b"\x00", "upload")


def test_parse_yaml_refuses_python_tags():
    with pytest.raises(DataError, match=r"^upload\.yaml: line 1: invalid YAML"):
        parse_yaml("!!python/name:os.system\n", "upload.yaml")
    assert parse_yaml("a: 1\n", "x") == {"a": 1}


# --- scenarios and saving ------------------------------------------------------------------


def test_scenario_round_trip(folder: Path, tmp_path: Path):
    case = load_case(folder)
    scenario = Scenario(id="mine", name=Text(en="Mine", nl="Van mij"), origin="workshop",
                        description=Text.same("Weights from the room"),
                        weights={"authority": 0.6, "cost": 0.4})
    text = to_yaml(scenario)
    assert "description" in text and "null" not in text
    assert parse_scenario(text, "upload.yaml", case) == scenario
    path = save_scenario(scenario, tmp_path / "scenarios")
    assert path == tmp_path / "scenarios" / "mine.yaml"
    assert load_scenario(path, case) == scenario
    bare = Scenario(id="bare", name=Text.same("Bare"), origin="x", weights={"cost": 1})
    assert "description" not in to_yaml(bare)
    assert parse_scenario(to_yaml(bare), "bare.yaml") == bare


def test_parse_scenario_checks_the_case(folder: Path):
    case = load_case(folder)
    text = SCENARIO.replace("cost: 1", "speed: 1")
    with pytest.raises(DataError, match=r"^upload\.yaml: weights: unknown criteria speed"):
        parse_scenario(text, "upload.yaml", case)
    with pytest.raises(DataError, match=r"^upload\.yaml: origin: required field is missing"):
        parse_scenario("id: x\nname: {en: X, nl: X}\nweights: {cost: 1}\n", "upload.yaml")


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path: Path):
    path = tmp_path / "sub" / "out.yaml"
    atomic_write(path, "first\n")
    atomic_write(path, "second\n")
    assert path.read_text(encoding="utf-8") == "second\n"
    atomic_write(path, b"\x01bytes")
    assert path.read_bytes() == b"\x01bytes"
    assert os.listdir(path.parent) == ["out.yaml"]


def test_atomic_write_cleans_up_when_the_rename_fails(tmp_path: Path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep").write_text("x")
    with pytest.raises(OSError):
        atomic_write(target, "content")
    assert sorted(os.listdir(tmp_path)) == ["taken"]
    assert os.listdir(target) == ["keep"]
