"""Checks of a loaded case that pydantic cannot make: evidence against its sources, completeness.

``check_evidence``: every score is either cited (evidence, not an assumption) or marked as an
assumption with a range; a source with a ``file`` (relative to the ``sources/`` folder, and inside
it) exists; every quote is found verbatim in that file's text, after collapsing runs of whitespace
(the bundled texts are extractions whose line breaks are arbitrary). Quotes citing a source without
a file cannot be checked and are counted as such.

``check_completeness``: every option scores every criterion that is used (not optional, or
weighed by a scenario), and the default weights and every scenario make a valid problem
(``case_problem`` builds one with errors that name where the weights came from).

Both return one line per problem, ``<file>: <field>: <message>``, so that ``mcda validate`` and the
app can list them as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mcda.data import DataError, read_text
from mcda.model import Case, Problem, ProblemError


@dataclass(frozen=True)
class EvidenceSummary:
    """Counts for the one-line summary of ``mcda validate``."""

    scores: int
    cited: int
    assumptions: int
    quotes_checked: int
    quotes_unchecked: int


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _item_file(folder: Path, sub: str, item_id: str) -> str:
    """The file an item was loaded from (the loader requires the stem to equal the id)."""
    for suffix in (".yaml", ".yml"):
        path = folder / sub / f"{item_id}{suffix}"
        if path.is_file():
            return _display(path)
    return _display(folder / sub / f"{item_id}.yaml")


def collapse(text: str) -> str:
    """Text with every run of whitespace replaced by one space, stripped."""
    return " ".join(text.split())


def _source_texts(case: Case, folder: Path, problems: list[str]) -> dict[str, str | None]:
    """Collapsed text per source id (None where the source has no readable file)."""
    base = (folder / "sources").resolve()
    texts: dict[str, str | None] = {}
    for source in case.sources:
        texts[source.id] = None
        if source.file is None:
            continue
        where = f"{_item_file(folder, 'sources', source.id)}: file"
        path = (base / source.file).resolve()
        if not path.is_relative_to(base):
            problems.append(f"{where}: {source.file!r} lies outside the sources/ folder")
            continue
        if not path.is_file():
            problems.append(f"{where}: {source.file!r} not found (relative to sources/)")
            continue
        try:
            texts[source.id] = collapse(read_text(path))
        except DataError as exc:
            problems.extend(f"{where}: {line}" for line in exc.problems)
    return texts


def check_evidence(case: Case, folder: Path | str) -> list[str]:
    """Problems with the evidence of a loaded case (empty when it is all in order)."""
    return review_evidence(case, folder)[0]


def review_evidence(case: Case, folder: Path | str) -> tuple[list[str], EvidenceSummary]:
    """The evidence problems and the counts (cited, assumptions, quotes checked) in one pass."""
    folder = Path(folder)
    problems: list[str] = []
    texts = _source_texts(case, folder, problems)
    scores = cited = assumptions = checked = unchecked = 0
    for option in case.options:
        where = _item_file(folder, "options", option.id)
        for crit, score in option.scores.items():
            scores += 1
            cited += score.cited
            assumptions += score.assumption
            field = f"scores.{crit}"
            if not score.evidence and not score.assumption:
                problems.append(f"{where}: {field}: no evidence: cite a source or mark the score "
                                "'assumption: true' with a range")
            if score.assumption and score.range is None:
                problems.append(f"{where}: {field}.range: an assumption needs a range (low, high)")
            for k, item in enumerate(score.evidence):
                if item.quote is None:
                    continue
                text = texts.get(item.source)
                if text is None:
                    unchecked += 1
                    continue
                checked += 1
                if collapse(item.quote) not in text:
                    shown = collapse(item.quote)
                    shown = shown if len(shown) <= 60 else shown[:57] + "..."
                    problems.append(f"{where}: {field}.evidence.{k}.quote: not found verbatim in "
                                    f"the text of source '{item.source}': {shown!r}")
    return problems, EvidenceSummary(scores, cited, assumptions, checked, unchecked)


def check_completeness(case: Case, folder: Path | str) -> list[str]:
    """Problems that stop the default weights or a scenario from making a valid problem."""
    folder = Path(folder)
    problems: list[str] = []
    used = {c.id for c in case.criteria if not c.optional}
    for scenario in case.scenarios:
        used.update(scenario.weights)
    for option in case.options:
        where = _item_file(folder, "options", option.id)
        for crit in case.criteria:
            score = option.scores.get(crit.id)
            if score is None:
                if crit.id in used:
                    problems.append(f"{where}: scores.{crit.id}: missing (the criterion is used "
                                    "by the default weights or a scenario)")
                continue
            lo, hi = crit.scale.min, crit.scale.max
            if (lo is not None and score.low < lo) or (hi is not None and score.high > hi):
                scale = (f"{'-inf' if lo is None else f'{lo:g}'} to "
                         f"{'inf' if hi is None else f'{hi:g}'}")
                problems.append(
                    f"{where}: scores.{crit.id}: value {score.value:g} (range {score.low:g} to "
                    f"{score.high:g}) lies outside the scale of '{crit.id}' ({scale})"
                )
    if problems:
        return problems
    weight_sets = [(f"{_display(folder / 'criteria')} (default weights)", case.default_weights())]
    weight_sets += [(_item_file(folder, "scenarios", s.id) + ": weights", s.weights)
                    for s in case.scenarios]
    for where, weights in weight_sets:
        try:
            case_problem(case, weights, where)
        except DataError as exc:
            problems.extend(exc.problems)
    return problems


def case_problem(case: Case, weights: Mapping[str, float] | None, where: str) -> Problem:
    """``case.problem(weights)``; a problem that does not fit is a DataError naming ``where``."""
    try:
        return case.problem(weights)
    except ProblemError as exc:
        raise DataError(f"{where}: {exc}") from None
