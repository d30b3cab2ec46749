"""AppTest: hostile files and shared servers. Data folders only from the operator's roots, text
from data shown as text on every page, no tracebacks, sheet choice, hostile uploads."""

from __future__ import annotations

import io
import logging
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook
from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.testing.v1 import AppTest

from ui.i18n import STRINGS

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = ("start", "criteria", "options", "results", "sensitivity", "scenarios", "export_page")
REFUSED = STRINGS["folder_refused"][0]
TITLE = "![t](http://evil.example/t.png) <img src=x onerror=alert(1)> **Title**"
CRITERION = "![c](http://evil.example/c.png) <b>Crit</b> [c](http://evil.example/c)"
OPTION = "![o](http://evil.example/o.png) <i>Opt</i> :red[Opt] `code`"
SCENARIO = "[s](javascript:alert(1)) <script>x</script> # Scen"
SOURCE = "![s](http://evil.example/s.png) __Source__"
RAW = re.compile("|".join(r"(?<!\\)" + re.escape(construct) for construct in (
    "![", "](", "<img", "<b>", "<i>", "<script", ":red[", "**Title**", "__Source__", "`code`")))
"""The constructs of the hostile names, unescaped (not preceded by a backslash)."""
MARKDOWN_OPTIONS = {"radio", "select_slider"}  # widgets whose options render markdown


def copy_case(target: Path) -> Path:
    """A copy of the bundled case's data files."""
    target.mkdir(parents=True)
    for name in ("criteria", "options", "scenarios", "sources"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "case.yaml", target / "case.yaml")
    return target


def rename(path: Path, key: str, text: str) -> None:
    """Set a name-like field of a YAML data file in both languages."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key] = {"en": text, "nl": text}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def start(monkeypatch: pytest.MonkeyPatch, roots: list[Path] | None) -> AppTest:
    """The app's Start page with ``MCDA_DATA_ROOTS`` set to ``roots`` (None: unset)."""
    if roots is None:
        monkeypatch.delenv("MCDA_DATA_ROOTS", raising=False)
    else:
        monkeypatch.setenv("MCDA_DATA_ROOTS", ":".join(str(r) for r in roots))
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def plain(text: str) -> str:
    """Text as shown: markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"ui/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def load_typed(at: AppTest, path: str) -> str:
    """Type a folder path on the Start page, load it, return the error shown ('' for none)."""
    at.text_input(key="ui_folder").set_value(path).run()
    at.button(key="ui_btn_folder").click().run()
    assert not at.exception
    return plain("\n".join(e.value for e in at.error))


def markdown_texts(at: AppTest) -> list[str]:
    """Every text of the page that Streamlit renders as markdown: markdown, headings, captions,
    messages, and the labels, tooltips and (radio) options of widgets, tabs and expanders, and the
    cells of static tables. Dataframes, select boxes' options and charts show plain text."""
    found: list[str] = []

    def walk(node: Any) -> None:
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind in ("expander", "tab"):
            found.append(node.label)
        elif kind == "table":
            frame = node.value
            found.extend(str(x) for x in [*frame.index, *frame.columns, *frame.to_numpy().ravel()])
        elif proto is not None and kind not in ("dataframe", "plotly_chart"):
            fields = proto.DESCRIPTOR.fields_by_name
            found.extend(str(getattr(proto, f)) for f in ("label", "help", "body") if f in fields)
            if kind in MARKDOWN_OPTIONS:
                found.extend(str(o) for o in proto.options)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


@pytest.fixture
def hostile_root(tmp_path: Path) -> Path:
    """A data root holding one case whose title, a criterion, an option, a scenario and a source
    carry markdown, HTML and image syntax."""
    case = copy_case(tmp_path / "root" / "hostile")
    rename(case / "case.yaml", "title", TITLE)
    rename(case / "criteria" / "authority.yaml", "name", CRITERION)
    rename(case / "options" / "planbureau.yaml", "name", OPTION)
    scenario = sorted((case / "scenarios").glob("*.yaml"))[0]
    rename(scenario, "name", SCENARIO)
    source = sorted((case / "sources").glob("*.yaml"))[0]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["title"] = SOURCE
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path / "root"


# --- 1. data folders only under the operator's roots --------------------------------------------


def test_folder_tab_is_not_offered_without_roots(monkeypatch: pytest.MonkeyPatch) -> None:
    at = start(monkeypatch, None)
    assert [tab.label for tab in at.tabs] == ["Bundled case", "Spreadsheet"]
    assert not [w for w in at.text_input if w.key == "ui_folder"]
    assert any("MCDA_DATA_ROOTS" in c.value for c in at.caption)


def test_case_folders_under_the_roots_are_listed_and_load(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = tmp_path / "cases"
    copy_case(root / "alpha")
    (root / "not_a_case" / "criteria").mkdir(parents=True)
    outside = copy_case(tmp_path / "outside")
    (root / "escape").symlink_to(outside, target_is_directory=True)
    at = start(monkeypatch, [root])
    assert "Data folder" in [tab.label for tab in at.tabs]
    picker = at.selectbox(key="ui_folder_pick")
    assert picker.options == ["cases/alpha"]
    assert picker.value is None
    picker.set_value("cases/alpha").run()
    at.button(key="ui_btn_folder_pick").click().run()
    assert not at.error
    assert at.session_state["model_source"] == "cases/alpha"
    assert "Loaded: cases/alpha" in [plain(s.value) for s in at.success]
    assert str(tmp_path) not in "\n".join(markdown_texts(at))


def test_paths_outside_missing_or_not_a_case_get_one_message(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = tmp_path / "cases"
    copy_case(root / "alpha")
    (root / "not_a_case").mkdir()
    outside = copy_case(tmp_path / "outside")
    (root / "escape").symlink_to(outside, target_is_directory=True)
    (root / "loop").symlink_to(root / "loop")
    at = start(monkeypatch, [root])
    before = at.session_state["model_case"]
    messages = {path: load_typed(at, path) for path in (
        "/nonexistent/folder", "/root", "/etc", str(tmp_path), str(outside), "escape",
        "../outside", "not_a_case", "loop", str(root / "alpha" / "criteria"), "a\0b",
        "x" * 100_000, "/" + "y/" * 50_000)}
    for path, message in messages.items():
        assert REFUSED in message, path[:40]
        assert message == messages["/etc"], path[:40]
    assert len(messages["/etc"]) < 300
    assert at.session_state["model_case"] is before
    assert load_typed(at, "alpha") == ""
    assert load_typed(at, str(root / "alpha")) == ""
    assert at.session_state["model_source"] == "cases/alpha"


def test_a_link_out_of_the_root_inside_a_case_is_refused(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = tmp_path / "cases"
    case = copy_case(root / "linked")
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\n", encoding="utf-8")
    (case / "criteria" / "secret.yaml").symlink_to(secret)
    at = start(monkeypatch, [root])
    before = at.session_state["model_case"]
    message = load_typed(at, "linked")
    assert "cases/linked/criteria/secret.yaml: a link that leads outside the data folder" in (
        message)
    assert str(tmp_path) not in message
    assert at.session_state["model_case"] is before


def test_errors_in_a_case_name_files_by_the_case_not_the_server_path(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = tmp_path / "cases"
    case = copy_case(root / "broken")
    (case / "criteria" / "cost.yaml").write_text("id: cost\nname: [\n", encoding="utf-8")
    at = start(monkeypatch, [root])
    message = load_typed(at, "broken")
    assert "cases/broken/criteria/cost.yaml" in message
    assert str(tmp_path) not in message


# --- 2. text from data is shown as text on every page ---------------------------------------------


def test_markdown_html_and_images_in_data_are_escaped_on_every_page(
        monkeypatch: pytest.MonkeyPatch, hostile_root: Path) -> None:
    at = start(monkeypatch, [hostile_root])
    at.selectbox(key="ui_folder_pick").set_value("root/hostile").run()
    at.button(key="ui_btn_folder_pick").click().run()
    assert at.session_state["model_case"].title.en == TITLE
    shown = []
    for page in PAGES:
        goto(at, page)
        texts = markdown_texts(at)
        for text in texts:
            assert not RAW.search(text), (page, text[:200])
        shown.extend(texts)
    for name in (TITLE, CRITERION, OPTION, SCENARIO, SOURCE):
        assert name in plain("\n".join(shown)), name


# --- 3. no tracebacks -----------------------------------------------------------------------------


def test_streamlit_shows_no_error_details() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    value = config["client"]["showErrorDetails"]
    assert value == ShowErrorDetailsConfigOptions.NONE
    assert value in {o.value for o in ShowErrorDetailsConfigOptions}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_failing_page_shows_a_short_message_and_logs_the_error(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, lang: str) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr("mcda.analysis.dominated", broken)
    at = start(monkeypatch, None)
    at.session_state["lang"] = lang
    with caplog.at_level(logging.ERROR, logger="policy_mcda"):
        goto(at, "results")
    assert [e.value for e in at.error] == [STRINGS["page_failed"][0 if lang == "en" else 1]]
    assert "secret detail" not in "\n".join(markdown_texts(at))
    logged = [r for r in caplog.records if r.name == "policy_mcda"]
    assert logged and logged[0].exc_info is not None
    assert "secret detail" in str(logged[0].exc_info[1])
    caplog.clear()


# --- 4. a workbook with several sheets asks which -------------------------------------------------


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


MATRIX = [["option", "effectiveness", "cost"], ["a", 70, 12], ["b", 40, 3]]
CRITERIA = b"id,direction,weight\neffectiveness,benefit,60\ncost,cost,40\n"


def test_a_workbook_with_several_sheets_asks_which(monkeypatch: pytest.MonkeyPatch) -> None:
    at = start(monkeypatch, None)
    before = at.session_state["model_case"]
    raw = workbook({"Notes": [["read me"]], "Matrix": MATRIX})
    at.file_uploader(key="ui_up_matrix").set_value(("matrix.xlsx", raw, "application/xlsx")).run()
    at.file_uploader(key="ui_up_criteria").set_value(("criteria.csv", CRITERIA, "text/csv")).run()
    pickers = [s for s in at.selectbox if s.key and s.key.startswith("ui_sheet_")]
    assert len(pickers) == 1
    assert pickers[0].options == ["Notes", "Matrix"]
    assert pickers[0].value is None
    assert "matrix.xlsx" in plain(pickers[0].label)
    at.button(key="ui_btn_sheets").click().run()
    message = plain("\n".join(e.value for e in at.error))
    assert "matrix.xlsx" in message and "choose one" in message
    assert at.session_state["model_case"] is before
    at.selectbox(key=pickers[0].key).set_value("Matrix").run()
    at.button(key="ui_btn_sheets").click().run()
    assert not at.error
    assert [o.id for o in at.session_state["model_case"].options] == ["a", "b"]


def test_a_single_sheet_workbook_needs_no_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    at = start(monkeypatch, None)
    raw = workbook({"Matrix": MATRIX})
    at.file_uploader(key="ui_up_matrix").set_value(("matrix.xlsx", raw, "application/xlsx")).run()
    at.file_uploader(key="ui_up_criteria").set_value(("criteria.csv", CRITERIA, "text/csv")).run()
    assert not [s for s in at.selectbox if s.key and s.key.startswith("ui_sheet_")]
    at.button(key="ui_btn_sheets").click().run()
    assert not at.error
    assert [o.id for o in at.session_state["model_case"].options] == ["a", "b"]


# --- 5. hostile uploads: a message naming the file, the model untouched, no unbounded echo --------


LONG_NAME = "n" * 5000 + ".yaml"
HOSTILE_SCENARIOS = {
    "binary.yaml": b"\x00\x01\x02",
    "bomb.yaml": b"a: &a [x, x]\nb: &b [*a, *a]\n",
    "deep.yaml": b"a: " + b"[" * 10_000 + b"]" * 10_000,
    "list.yaml": b"- 1\n- 2\n",
    "python.yaml": b"!!python/object/apply:os.system ['echo hi']\n",
    "long_value.yaml": b"id: x\nname: {en: " + b"v" * 100_000 + b", nl: v}\nweights: {a: 1}\n",
    LONG_NAME: b"- 1\n",
}


@pytest.mark.parametrize("name", list(HOSTILE_SCENARIOS), ids=lambda n: n[:20])
def test_a_hostile_scenario_upload_is_a_short_message(
        monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    at = goto(start(monkeypatch, None), "scenarios")
    weights = dict(at.session_state["model_weights"])
    at.file_uploader(key="ui_scenario_file").set_value(
        (name, HOSTILE_SCENARIOS[name], "application/x-yaml")).run()
    at.button(key="ui_btn_upload").click().run()
    assert not at.exception
    message = plain("\n".join(e.value for e in at.error))
    assert name[:40] in message
    assert len(message) < 2000
    assert at.session_state["model_scenarios"] == {}
    assert at.session_state["model_weights"] == weights


def test_an_unexpected_failure_reading_an_upload_names_the_file(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def broken(*_: object, **__: object) -> None:
        raise MemoryError

    monkeypatch.setattr("mcda.data.parse_scenario", broken)
    at = goto(start(monkeypatch, None), "scenarios")
    at.file_uploader(key="ui_scenario_file").set_value(
        ("mine.yaml", b"id: x\n", "application/x-yaml")).run()
    with caplog.at_level(logging.ERROR, logger="policy_mcda"):
        at.button(key="ui_btn_upload").click().run()
    assert not at.exception
    assert "mine.yaml: the file could not be read" in plain(at.error[0].value)
    assert [r for r in caplog.records if r.name == "policy_mcda"]
    caplog.clear()


def test_a_spreadsheet_with_a_long_name_and_many_problems_gives_a_bounded_message(
        monkeypatch: pytest.MonkeyPatch) -> None:
    at = start(monkeypatch, None)
    before = at.session_state["model_case"]
    rows = "option,effectiveness,cost\n" + "".join(f"o{i},x{'y' * 500},z\n" for i in range(45))
    at.file_uploader(key="ui_up_matrix").set_value(("m" * 3000 + ".csv", rows.encode(),
                                                    "text/csv")).run()
    at.file_uploader(key="ui_up_criteria").set_value(("criteria.csv", CRITERIA, "text/csv")).run()
    at.button(key="ui_btn_sheets").click().run()
    message = plain(at.error[0].value)
    assert "Nothing was loaded" in message
    assert "m" * 40 in message and "m" * 100 not in message
    assert len(message) < 8000
    assert "more" in message.splitlines()[-1]
    assert at.session_state["model_case"] is before
