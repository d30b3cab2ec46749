"""Data roots: which folders load, and that nothing outside a root is read or revealed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mcda.data import DataError
from mcda.roots import (
    REFUSED,
    RootError,
    configured_roots,
    find_cases,
    load,
    resolve_case,
    unsafe_files,
)

DATA = Path(__file__).resolve().parents[1]


def copy_case(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("criteria", "options", "scenarios", "sources"):
        shutil.copytree(DATA / name, target / name)
    shutil.copy(DATA / "case.yaml", target / "case.yaml")
    return target


def test_roots_come_from_the_setting_and_only_existing_folders_count(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    value = os.pathsep.join([str(a), "", str(tmp_path / "missing"), str(b), str(a), "x" * 10_000])
    assert configured_roots(value) == [a.resolve(), b.resolve()]
    assert configured_roots("") == []


def test_roots_off_when_the_variable_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MCDA_DATA_ROOTS", raising=False)
    assert configured_roots() == []


def test_cases_are_listed_with_labels_that_hide_the_server_path(tmp_path: Path) -> None:
    one, two = tmp_path / "x" / "data", tmp_path / "y" / "data"
    copy_case(one / "alpha")
    copy_case(two / "beta")
    copy_case(one / ".hidden")
    (one / "empty").mkdir()
    (one / "out").symlink_to(two / "beta", target_is_directory=True)
    labels = [c.label for c in find_cases([one.resolve(), two.resolve()])]
    assert labels == ["data (1)/alpha", "data (2)/beta"]
    assert all(str(tmp_path) not in label for label in labels)


def test_a_root_that_is_a_case_is_listed_itself(tmp_path: Path) -> None:
    root = copy_case(tmp_path / "only").resolve()
    assert [(c.label, c.path) for c in find_cases([root])] == [("only", root)]


@pytest.mark.parametrize("text", ["", "   ", "a\0b", "x" * 100_000, "/" + "a/" * 60_000,
                                  "../outside", "loop", "missing", "not_a_case", "/etc"])
def test_every_refusal_is_the_same_error(tmp_path: Path, text: str) -> None:
    root = tmp_path / "root"
    copy_case(root / "alpha")
    copy_case(tmp_path / "outside")
    (root / "not_a_case").mkdir()
    (root / "loop").symlink_to(root / "loop")
    with pytest.raises(RootError) as caught:
        resolve_case(text, [root.resolve()])
    assert str(caught.value) == REFUSED


def test_relative_and_absolute_paths_inside_a_root_resolve(tmp_path: Path) -> None:
    root = (tmp_path / "root").resolve()
    case = copy_case(root / "group" / "alpha")
    (root / "link").symlink_to(case, target_is_directory=True)
    for text in ("group/alpha", str(case), "group/../group/alpha", "link"):
        found = resolve_case(text, [root])
        assert (found.path, found.label) == (case, "root/group/alpha")


def test_links_and_special_files_inside_a_case_are_refused(tmp_path: Path) -> None:
    root = (tmp_path / "root").resolve()
    case = copy_case(root / "alpha")
    outside = copy_case(tmp_path / "outside")
    (case / "options" / "stolen.yaml").symlink_to(tmp_path / "nowhere.yaml")
    shutil.rmtree(case / "sources")
    (case / "sources").symlink_to(outside / "sources", target_is_directory=True)
    os.mkfifo(case / "scenarios" / "pipe.yml")
    (case / "criteria" / "inside.yaml").symlink_to(case / "criteria" / "cost.yaml")
    problems = unsafe_files(resolve_case("alpha", [root]))
    assert problems == [
        "root/alpha/options/stolen.yaml: a link that leads outside the data folder: not read",
        "root/alpha/scenarios/pipe.yml: not a regular file",
        "root/alpha/sources: a link that leads outside the data folder: not read",
    ]
    with pytest.raises(DataError):
        load(resolve_case("alpha", [root]))


def test_load_names_files_by_the_case_label(tmp_path: Path) -> None:
    root = (tmp_path / "root").resolve()
    case = copy_case(root / "alpha")
    (case / "criteria" / "cost.yaml").write_text("id: cost\nname: [\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(resolve_case("alpha", [root]))
    assert any(p.startswith("root/alpha/criteria/cost.yaml:") for p in caught.value.problems)
    assert str(tmp_path) not in str(caught.value)


def test_a_clean_case_loads(tmp_path: Path) -> None:
    root = (tmp_path / "root").resolve()
    copy_case(root / "alpha")
    case = load(resolve_case("alpha", [root]))
    assert len(case.options) > 2
