"""Data roots: the server folders an operator allows the workbench to load data folders from.

On a shared server the app must not read whatever path a visitor types. The operator lists the
allowed folders in ``MCDA_DATA_ROOTS`` (separated by ``os.pathsep``); with the variable unset no
folder is allowed. A case folder is one with ``criteria/`` and ``options/`` that lies, with its
symlinks resolved, inside a root; every file the loader would read must resolve inside that root
too, so a link in a case cannot reach a file elsewhere on the server. A refused path gets one
message whatever the reason, so that the answer reveals nothing about what exists.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from mcda.data import FOLDERS, DataError, load_case
from mcda.model import Case

ENV = "MCDA_DATA_ROOTS"
MAX_PATH = 4096
"""The longest path accepted (Linux's PATH_MAX); longer text is refused before the file system
sees it (a 100,000-character path makes ``stat`` fail with 'File name too long')."""
MAX_LISTED = 500
"""At most this many entries of a root are looked at when listing its case folders."""
MAX_FILES = 2000
"""At most this many data files in one case folder."""
REFUSED = "not a case folder inside the allowed data folders"
DATA_FILES = "*.y*ml"  # every name mcda.data reads or hashes in a case's sub-folders


class RootError(Exception):
    """A path that may not be loaded; the message is the same whatever the reason."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


@dataclass(frozen=True)
class CaseFolder:
    """A case folder found inside a root: both resolved, and a label that shows no server path."""

    root: Path
    path: Path
    label: str
    root_label: str


def configured_roots(value: str | None = None) -> list[Path]:
    """The existing folders listed in ``value`` (default: the ``MCDA_DATA_ROOTS`` environment
    variable), resolved; [] when nothing is configured."""
    text = os.environ.get(ENV, "") if value is None else value
    roots: list[Path] = []
    for part in text.split(os.pathsep):
        if not part.strip() or len(part) > MAX_PATH:
            continue
        try:
            root = Path(part.strip()).resolve()
            if root.is_dir() and root not in roots:
                roots.append(root)
        except (OSError, ValueError, RuntimeError):
            continue
    return roots


def _root_names(roots: Sequence[Path]) -> dict[Path, str]:
    """Each root's display name: its folder name, numbered where two roots share one."""
    names = [root.name or root.anchor for root in roots]
    return {root: name if names.count(name) == 1 else f"{name} ({i + 1})"
            for i, (root, name) in enumerate(zip(roots, names, strict=True))}


def _found(root: Path, path: Path, roots: Sequence[Path]) -> CaseFolder:
    name = _root_names(roots)[root]
    rel = path.relative_to(root).as_posix()
    return CaseFolder(root, path, name if rel == "." else f"{name.rstrip('/')}/{rel}", name)


def _is_case(path: Path) -> bool:
    return (path / "criteria").is_dir() and (path / "options").is_dir()


def find_cases(roots: Sequence[Path]) -> list[CaseFolder]:
    """The case folders an operator offers: each root that is a case itself and each of its
    direct sub-folders that is one (hidden folders and links leading out of the root left out)."""
    found: list[CaseFolder] = []
    for root in roots:
        try:
            if _is_case(root):
                found.append(_found(root, root, roots))
            with os.scandir(root) as entries:
                names = sorted(e.name for _, e in zip(range(MAX_LISTED), entries, strict=False)
                               if not e.name.startswith("."))
        except OSError:
            continue
        for name in names:
            try:
                path = (root / name).resolve()
                if path.is_relative_to(root) and path != root and _is_case(path):
                    found.append(_found(root, path, roots))
            except (OSError, RuntimeError):
                continue
    return found


def resolve_case(text: str, roots: Sequence[Path]) -> CaseFolder:
    """The case folder at ``text`` (absolute, or relative to a root), symlinks resolved.

    Raises ``RootError`` when it is missing, not a case, or outside every root, and when the text
    is too long or not a path at all: one message for all, so nothing about the server leaks.
    """
    text = text.strip()
    if not text or len(text) > MAX_PATH or "\0" in text:
        raise RootError
    typed = Path(text)
    candidates = [typed] if typed.is_absolute() else [root / typed for root in roots]
    for candidate in candidates:
        try:
            path = candidate.resolve()
            for root in roots:
                if path.is_relative_to(root) and _is_case(path):
                    return _found(root, path, roots)
        except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
            continue
    raise RootError


def unsafe_files(found: CaseFolder) -> list[str]:
    """Problems with the files the loader would read in a case folder: a link leading outside
    its root, something that is not a regular file (a pipe or device would hang or flood the
    reader), or too many files. Each names the file by its place in the case, never a target."""
    problems: list[str] = []

    def usable(path: Path, folder: bool) -> bool:
        where = f"{found.label}/{path.relative_to(found.path).as_posix()}"
        try:
            if not os.path.lexists(path):
                return False
            target = path.resolve()
            if not target.is_relative_to(found.root):
                problems.append(f"{where}: a link that leads outside the data folder: not read")
                return False
            if not target.exists():
                return False
            if not (target.is_dir() if folder else target.is_file()):
                problems.append(f"{where}: not a {'folder' if folder else 'regular file'}")
                return False
        except (OSError, RuntimeError):
            problems.append(f"{where}: cannot be read (a broken or looping link?)")
            return False
        return True

    usable(found.path / "case.yaml", folder=False)
    count = 0
    for name in FOLDERS:
        sub = found.path / name
        if not usable(sub, folder=True):
            continue
        try:
            entries = sorted(sub.iterdir())
        except OSError:
            problems.append(f"{found.label}/{name}: cannot be read")
            continue
        for entry in entries:
            if not fnmatch(entry.name, DATA_FILES):
                continue
            count += 1
            if count > MAX_FILES:
                problems.append(f"{found.label}: more than {MAX_FILES} data files")
                return problems
            usable(entry, folder=False)
    return problems


def _relabel(problem: str, found: CaseFolder) -> str:
    """A loader message with the server's paths replaced by the case's and root's labels."""
    pairs = [(found.path, found.label), (found.root, found.root_label)]
    cwd = Path.cwd()
    for path, label in list(pairs):
        if path.is_relative_to(cwd) and path != cwd:
            pairs.append((path.relative_to(cwd), label))
    for path, label in sorted(pairs, key=lambda p: -len(str(p[0]))):
        problem = problem.replace(str(path), label)
    return problem


def load(found: CaseFolder) -> Case:
    """The case in a folder found by ``resolve_case``, after ``unsafe_files`` found nothing;
    a ``DataError`` names files by the case's label, not by their place on the server."""
    problems = unsafe_files(found)
    if problems:
        raise DataError(problems)
    try:
        return load_case(found.path)
    except DataError as exc:
        raise DataError([_relabel(p, found) for p in exc.problems]) from None
