"""Load, validate and save the data folders: one loader, errors that name file, field and problem.

A data folder holds ``criteria/``, ``options/``, ``scenarios/`` and ``sources/`` with one YAML file
per item (the file stem is the id), and optionally ``case.yaml`` with the appraisal's title and
question. YAML is read with PyYAML's safe loader (python tags are refused) and a key given twice
in one mapping is an error. Saved files are written atomically: a temporary file in the same
folder, then a rename.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from mcda.model import Case, Criterion, Option, ProblemError, Scenario, Source, clip, shown

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT
MAX_FILE_BYTES = 5 * 1024 * 1024
FOLDERS = {"criteria": Criterion, "options": Option, "scenarios": Scenario, "sources": Source}

MAX_MESSAGE = 500
MAX_PROBLEMS = 100
M = TypeVar("M", bound=BaseModel)


class DataError(Exception):
    """Bad data: one or more problems, each naming the file and the field or row."""

    def __init__(self, problems: str | Iterable[str]) -> None:
        lines = [problems] if isinstance(problems, str) else list(problems)
        # a last guard: no message line repeats unbounded input (a path, a cell, a key)
        self.problems = [clip(line, MAX_MESSAGE) for line in lines[:MAX_PROBLEMS]]
        if len(lines) > MAX_PROBLEMS:
            self.problems.append(f"... and {len(lines) - MAX_PROBLEMS} more problems")
        super().__init__("\n".join(self.problems))


def _where(path: Path | str) -> str:
    """A file's name for a message: relative to the working folder where it lies inside it, and
    shortened (a 100,000-character path is not repeated)."""
    path = Path(path)
    try:
        return clip(str(path.resolve().relative_to(Path.cwd())), 200)
    except (ValueError, OSError):
        return clip(str(path), 200)


def _kind(path: Path) -> str | None:
    """'missing', 'file', 'folder' or 'other' (a device or pipe); OSError (a name too long, no
    permission) reads as missing, without a traceback."""
    try:
        if path.is_file():
            return "file"
        if path.is_dir():
            return "folder"
        return "other" if path.exists() else "missing"
    except OSError:
        return "missing"


def read_text(path: Path | str, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file (BOM allowed), refusing missing, oversized and binary files."""
    path = Path(path)
    where = _where(path)
    kind = _kind(path)
    if kind == "missing":
        raise DataError(f"{where}: file not found")
    if kind != "file":
        raise DataError(f"{where}: not a regular file (a folder, device or pipe)")
    try:
        if path.stat().st_size > limit:
            raise DataError(f"{where}: file is larger than {limit // (1024 * 1024)} MB")
        return decode(path.read_bytes(), where)
    except OSError as exc:
        raise DataError(f"{where}: cannot read the file ({exc.strerror or 'error'})") from None


def decode(raw: bytes, where: str) -> str:
    """Bytes as UTF-8 text (BOM stripped); binary content is a DataError naming ``where``."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{where}: UTF-16 text (Excel's 'Unicode text'): save it as UTF-8")
    if b"\x00" in raw:
        raise DataError(f"{where}: not a text file (binary content)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{where}: not UTF-8 text (byte {exc.start})") from None


MAX_DEPTH = 20
"""The deepest nesting of mappings and lists a data file may have (the bundled files need 5)."""
MAX_INT_DIGITS = 30
"""The most digits of a whole number in a data file (far beyond any score or weight; Python
refuses to read integers of more than 4,300 digits with a ValueError)."""


class _SafeLoader(yaml.SafeLoader):
    """``yaml.safe_load``'s loader with budgets: no anchors and aliases (a 450-byte file of nested
    aliases expands to gigabytes wherever the value is walked or printed), nesting at most
    ``MAX_DEPTH`` deep, integers of at most ``MAX_INT_DIGITS`` digits, and no key given twice in
    one mapping (YAML keeps the last silently, so a copied score block would overwrite the one
    above it without a word)."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed in data files",
                self.peek_event().start_mark)
        if self.check_event(yaml.MappingStartEvent, yaml.SequenceStartEvent):
            if self._depth >= MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark)
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > MAX_INT_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of {digits} digits is too long (at most "
                f"{MAX_INT_DIGITS})", node.start_mark)
        return super().construct_yaml_int(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the base class reports it
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {shown(key)}", key_node.start_mark)
        return super().construct_mapping(node, deep)


_SafeLoader.add_constructor("tag:yaml.org,2002:int", _SafeLoader.construct_yaml_int)


def parse_yaml(text: str, where: str) -> dict[str, Any]:
    """A YAML mapping from text (safe_load, duplicate keys refused); syntax errors, duplicate keys
    and python tags are DataErrors."""
    try:
        data = yaml.load(text, Loader=_SafeLoader)  # SafeLoader with budgets, see above
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataError(f"{where}:{line}: invalid YAML: {clip(problem)}") from None
    except (RecursionError, ValueError, OverflowError, MemoryError) as exc:
        raise DataError(f"{where}: invalid YAML: {type(exc).__name__} while reading "
                        "(too deeply nested or a number too large)") from None
    if data is None:
        raise DataError(f"{where}: file is empty")
    if not isinstance(data, dict):
        raise DataError(f"{where}: expected a mapping of fields, got {type(data).__name__}")
    return data


def validation_problems(exc: ValidationError, where: str) -> list[str]:
    """One line per pydantic error: file, dotted field path, what was expected."""
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field"
        elif err["type"] == "missing":
            message = "required field is missing"
        lines.append(f"{where}: {loc}: {message}")
    return lines


def build(model: type[M], data: Any, where: str) -> M:
    """Validate ``data`` as ``model``; errors become a DataError naming ``where``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataError(validation_problems(exc, where)) from None
    except ProblemError as exc:
        raise DataError(f"{where}: {exc}") from None


def load_item(model: type[M], path: Path | str) -> M:
    """One YAML file as ``model``; its ``id`` must equal the file name."""
    path = Path(path)
    where = _where(path)
    data = parse_yaml(read_text(path), where)
    item = build(model, data, where)
    item_id = getattr(item, "id", None)
    if item_id is not None and item_id != path.stem:
        raise DataError(f"{where}: id: '{item_id}' must equal the file name '{path.stem}'")
    return item


def _load_folder(folder: Path, model: type[M], problems: list[str]) -> list[tuple[Path, M]]:
    items: list[tuple[Path, M]] = []
    first: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        if path.stem in first:  # x.yaml and x.yml: two files with one id
            problems.append(f"{_where(path)}: id: '{path.stem}' is also the id of "
                            f"{_where(first[path.stem])}: keep one of the two files")
            continue
        first[path.stem] = path
        try:
            items.append((path, load_item(model, path)))
        except DataError as exc:
            problems.extend(exc.problems)
    return items


def _ids(ids: list[str], most: int = 5) -> str:
    """Ids from a user's file for a message: each shortened, at most ``most`` of them."""
    shown_ids = ", ".join(clip(str(i), 40) for i in ids[:most])
    return shown_ids + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _reference_problems(files: dict[str, list[tuple[Path, Any]]]) -> list[str]:
    """References between files (scores to criteria, evidence to sources, scenario weights to
    criteria), each problem named by the file and field that makes the reference."""
    criteria = sorted(c.id for _, c in files["criteria"])
    sources = sorted(s.id for _, s in files["sources"])
    problems = []
    for path, option in files["options"]:
        where = _where(path)
        for crit, score in option.scores.items():
            if crit not in criteria:
                problems.append(f"{where}: scores.{crit}: unknown criterion '{crit}' "
                                f"(known: {', '.join(criteria)})")
            for k, item in enumerate(score.evidence):
                if item.source not in sources:
                    problems.append(f"{where}: scores.{crit}.evidence.{k}.source: unknown source "
                                    f"'{item.source}' (known: {', '.join(sources) or 'none'})")
    for path, scenario in files["scenarios"]:
        unknown = sorted(set(scenario.weights) - set(criteria))
        if unknown:
            problems.append(f"{_where(path)}: weights: unknown criteria {_ids(unknown)} "
                            f"(known: {', '.join(criteria)})")
    return problems


def load_case(folder: Path | str = DEFAULT_DATA) -> Case:
    """The whole data folder as a validated Case; all problems are reported together."""
    folder = Path(folder)
    where = _where(folder)
    kind = _kind(folder)
    if kind == "missing":
        raise DataError(f"{where}: data folder not found")
    if kind != "folder":
        raise DataError(f"{where}: not a folder (a data folder holds criteria/ and options/)")
    problems: list[str] = []
    files: dict[str, list[tuple[Path, Any]]] = {}
    for name, model in FOLDERS.items():
        sub = folder / name
        if not sub.is_dir():
            if name in ("criteria", "options"):
                problems.append(f"{_where(sub)}: folder not found")
            files[name] = []
            continue
        files[name] = _load_folder(sub, model, problems)
    parts = {name: [item for _, item in loaded] for name, loaded in files.items()}
    meta: dict[str, Any] = {}
    case_file = folder / "case.yaml"
    if case_file.is_file():
        try:
            meta = parse_yaml(read_text(case_file), _where(case_file))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    for name in ("criteria", "options"):
        if not parts[name]:
            problems.append(f"{_where(folder / name)}: no {name} files (*.yaml)")
    problems.extend(_reference_problems(files))
    if problems:
        raise DataError(problems)
    where_meta = _where(case_file)
    for name, ordered in _order(meta.pop("order", None), parts, where_meta).items():
        parts[name] = ordered
    data = {**meta, **{k: tuple(v) for k, v in parts.items()}, "version": data_version(folder)}
    return build(Case, data, _where(case_file if meta else folder))


def _order(spec: Any, parts: dict[str, list[Any]], where: str) -> dict[str, list[Any]]:
    """Items in the order case.yaml lists them (``order: {criteria: [...], options: [...]}``).

    Items the list leaves out follow in file-name order, so the order is a presentation choice
    that never hides an item.
    """
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        raise DataError(f"{where}: order: expected a mapping of folder names to lists of ids")
    ordered: dict[str, list[Any]] = {}
    for name, ids in spec.items():
        if name not in FOLDERS:
            raise DataError(f"{where}: order.{clip(str(name), 40)}: unknown folder (expected "
                            f"one of: {', '.join(FOLDERS)})")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise DataError(f"{where}: order.{name}: expected a list of ids")
        known = {item.id: item for item in parts[name]}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise DataError(f"{where}: order.{name}: unknown ids {_ids(unknown)}")
        rank = {item_id: pos for pos, item_id in enumerate(dict.fromkeys(ids))}
        ordered[name] = sorted(parts[name], key=lambda item: rank.get(item.id, len(rank)))
    return ordered


def data_version(folder: Path | str) -> str:
    """A short content hash of the data files, so an exported chart names the data it shows."""
    digest = hashlib.sha256()
    folder = Path(folder)
    files = [folder / "case.yaml"] + [
        p for name in FOLDERS for p in sorted((folder / name).glob("*.y*ml"))
    ]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def load_scenario(path: Path | str, case: Case | None = None) -> Scenario:
    """A scenario file; with a case, its criteria must exist there."""
    path = Path(path)
    scenario = build(Scenario, parse_yaml(read_text(path), _where(path)), _where(path))
    return check_scenario(scenario, case, _where(path)) if case else scenario


def parse_scenario(text: str, where: str, case: Case | None = None) -> Scenario:
    """A scenario from YAML text (an upload), validated against the case."""
    scenario = build(Scenario, parse_yaml(text, where), where)
    return check_scenario(scenario, case, where) if case else scenario


def check_scenario(scenario: Scenario, case: Case, where: str) -> Scenario:
    """Refuse a scenario that weighs criteria the case does not have."""
    known = {c.id for c in case.criteria}
    unknown = sorted(set(scenario.weights) - known)
    if unknown:
        raise DataError(f"{where}: weights: unknown criteria {_ids(unknown)} "
                        f"(expected some of: {', '.join(sorted(known))})")
    return scenario


def to_yaml(model: BaseModel) -> str:
    """A model as human-editable YAML, in field order, without empty fields."""
    data = model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def atomic_write(path: Path | str, content: str | bytes) -> None:
    """Write a file atomically: a temporary file beside it, flushed, then renamed over it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_scenario(scenario: Scenario, folder: Path | str) -> Path:
    """Save a scenario as ``<folder>/<id>.yaml`` atomically and return the path."""
    path = Path(folder) / f"{scenario.id}.yaml"
    atomic_write(path, to_yaml(scenario))
    return path
