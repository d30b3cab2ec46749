"""The ``mcda`` command: validate a data folder; rank a problem; derive AHP weights; test a
ranking's robustness (one-at-a-time sensitivity, flip, SMAA); audit a case's integrity; export
charts, tables and reports.

The contract is DESIGN.md, "The command line". Each command is one entry of ``COMMANDS``: its name,
a help line, a function that adds its arguments and a function that runs it and returns the exit
code. Commands that work on a problem call ``add_problem_args(parser)`` when adding arguments and
``problem_from_args(args)`` when running, so every command reads a problem the same way.

Exit codes: 0 success; 2 bad input or usage, each problem on stderr as one line
``error: <file>: <field>: <message>``; 1 a bug (Python prints the traceback as usual). Output to a
closed pipe (``mcda rank | head -1``) ends quietly.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from mcda.data import DEFAULT_DATA, DataError, load_case, load_scenario
from mcda.evidence import case_problem, check_completeness, review_evidence
from mcda.methods import MethodError, MethodResult, get_method, resolve_methods
from mcda.model import Case, Problem, ProblemError, Scenario, check_weights, clip, shown
from mcda.robustness import first_place
from mcda.sensitivity import BATCH_BUDGET
from mcda.tabular import load_matrix_problem, to_csv
from mcda.weighting import WeightingError, ahp, read_pairwise_csv

EXIT_OK = 0
EXIT_INPUT = 2


class UsageError(Exception):
    """The command line itself is wrong (argparse errors and combinations it cannot express)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors become one ``error:`` line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


@dataclass(frozen=True)
class Command:
    """One sub-command: how to declare its arguments and how to run it."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# ------------------------------------------------------------------------------------------
# PROBLEM arguments, shared by every command that works on a problem
# ------------------------------------------------------------------------------------------

PROBLEM_HELP = """\
PROBLEM: [--data DIR] [--scenario NAME|FILE] [--weights id=v,...] | --matrix FILE --criteria FILE.
Without any, the bundled case with its default weights (optional criteria left out).
--weights without --scenario: the criteria named become the active set, with these weights.
--weights with --scenario (or with --matrix): the weights named replace the scenario's (a
criterion the scenario leaves out is added); the others keep theirs. Weights are numbers >= 0 on
any scale; they are normalised to sum 1."""


def add_problem_args(parser: argparse.ArgumentParser) -> None:
    """Declare the PROBLEM arguments on a sub-command's parser."""
    group = parser.add_argument_group("problem", PROBLEM_HELP)
    group.add_argument("--data", metavar="DIR",
                       help="data folder with criteria/, options/, scenarios/, sources/ "
                            "(default: the bundled case)")
    group.add_argument("--scenario", metavar="NAME|FILE",
                       help="a scenario id of the data folder, or a scenario YAML file")
    group.add_argument("--weights", metavar="id=v,...", action="append",
                       help="weights per criterion id, e.g. authority=30,cost=20 (repeatable)")
    group.add_argument("--matrix", metavar="FILE",
                       help="performance matrix, CSV or XLSX: column 'option', then one column "
                            "per criterion id")
    group.add_argument("--criteria", metavar="FILE",
                       help="criteria, CSV or XLSX: columns id, direction, weight; optional "
                            "name, unit, min, max")
    group.add_argument("--sheet", metavar="NAME",
                       help="the sheet of the --matrix workbook to read (needed when it has "
                            "several)")
    group.add_argument("--criteria-sheet", metavar="NAME",
                       help="the sheet of the --criteria workbook to read (needed when it has "
                            "several)")


def parse_weights(items: Sequence[str]) -> dict[str, float]:
    """``id=v,...`` (possibly given several times) as a dict; problems name ``--weights``."""
    weights: dict[str, float] = {}
    problems: list[str] = []
    for item in items:
        for part in item.split(","):
            part = part.strip()
            if not part:
                continue
            key, sep, raw = part.partition("=")
            key, raw = key.strip(), raw.strip()
            if not sep or not key:
                problems.append(f"--weights: {shown(part)} is not of the form id=value")
                continue
            try:
                value = float(raw)
            except ValueError:
                problems.append(f"--weights: {clip(key, 40)}: {shown(raw)} is not a number")
                continue
            if not math.isfinite(value):
                problems.append(f"--weights: {clip(key, 40)}: {shown(raw)} is not a finite number")
            elif value < 0:
                problems.append(f"--weights: {clip(key, 40)}: {shown(raw)} is negative; "
                                "weights must be >= 0")
            elif key in weights:
                problems.append(f"--weights: {clip(key, 40)}: given twice")
            else:
                weights[key] = value
    if problems:
        raise DataError(problems)
    if not weights:
        raise DataError("--weights: no weights given (expected id=value,...)")
    return weights


def _check_known(weights: dict[str, float], known: Sequence[str]) -> None:
    unknown = [k for k in weights if k not in known]
    if unknown:
        raise DataError(f"--weights: unknown criterion {shown(k)} (known: {', '.join(known)})"
                        for k in unknown)


def _scenario(case: Case, folder: Path, value: str) -> tuple[Scenario, str]:
    """A scenario by id from the case, or from a YAML file; and the file it came from."""
    if value in {s.id for s in case.scenarios}:
        return case.scenario(value), f"{folder / 'scenarios' / value}.yaml: weights"
    path = Path(value)
    try:
        a_file = path.exists() or path.suffix.lower() in (".yaml", ".yml")
    except OSError:  # a name too long for the file system
        a_file = True
    if a_file:
        return load_scenario(path, case), clip(str(path), 200)
    known = ", ".join(s.id for s in case.scenarios) or "none"
    raise DataError(f"--scenario: {shown(value)} is neither a scenario of the data folder "
                    f"(known: {known}) nor a file")


def _weights_text(weights: dict[str, float]) -> str:
    return ", ".join(f"{k}={v:g}" for k, v in weights.items())


def problem_from_args(args: argparse.Namespace) -> tuple[Problem, str]:
    """The problem the PROBLEM arguments describe, and a one-line description of it.

    Raises UsageError for contradicting arguments and DataError (lines naming the file or the
    argument) for bad data.
    """
    given = parse_weights(args.weights) if args.weights else None
    if (args.sheet or args.criteria_sheet) and not (args.matrix or args.criteria):
        raise UsageError("--sheet and --criteria-sheet choose sheets of --matrix/--criteria "
                         "workbooks: give those files too")
    if args.matrix or args.criteria:
        if not (args.matrix and args.criteria):
            raise UsageError("--matrix and --criteria go together: give both files")
        if args.data or args.scenario:
            raise UsageError("--matrix/--criteria replace --data/--scenario: give one or the other")
        try:
            problem = load_matrix_problem(args.matrix, args.criteria, matrix_sheet=args.sheet,
                                          criteria_sheet=args.criteria_sheet)
        except DataError as exc:  # name the options that choose a sheet
            raise DataError(line + " with --sheet (matrix) or --criteria-sheet (criteria)"
                            if line.endswith(": choose one") else line
                            for line in exc.problems) from None
        description = f"matrix {args.matrix}, criteria {args.criteria}"
        if given is None:
            return problem, description
        _check_known(given, problem.criterion_ids)
        weights = {**problem.weights, **given}
        try:
            check_weights(weights)
        except ProblemError as exc:
            raise DataError(f"--weights: {exc}") from None
        return (problem.with_weights(weights),
                f"{description}, weights changed by --weights: {_weights_text(given)}")

    folder = Path(args.data) if args.data else DEFAULT_DATA
    case = load_case(folder)
    label = "bundled case" if not args.data else f"data folder {args.data}"
    description = f"{label} (data version {case.version})"
    where = f"{folder / 'criteria'} (default weights)"
    if args.scenario:
        scenario, where = _scenario(case, folder, args.scenario)
        active: dict[str, float] | None = dict(scenario.weights)
        description += (f", scenario {scenario.id} ({scenario.name.en}; "
                        f"{scenario.origin.describe('en')})")
    else:
        active = None
        description += ", default weights" if given is None else ""
    if given is not None:
        _check_known(given, [c.id for c in case.criteria])
        active = given if active is None else {**active, **given}
        where = "--weights"
        description += (", weights set by --weights: " if not args.scenario
                        else ", changed by --weights: ") + _weights_text(given)
    return case_problem(case, active, where), description


# ------------------------------------------------------------------------------------------
# validate
# ------------------------------------------------------------------------------------------


def _add_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR",
                        help="data folder to check (default: the bundled case)")


def _count(n: int, noun: str) -> str:
    plural = "criteria" if noun == "criterion" else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def cmd_validate(args: argparse.Namespace) -> int:
    """Load the data folder and check evidence and completeness; print a one-line summary."""
    folder = Path(args.data) if args.data else DEFAULT_DATA
    case = load_case(folder)
    problems, counts = review_evidence(case, folder)
    problems += check_completeness(case, folder)
    if problems:
        raise DataError(problems)
    optional = sum(c.optional for c in case.criteria)
    unchecked = (f" ({_count(counts.quotes_unchecked, 'quote')} citing sources without a text "
                 "file)" if counts.quotes_unchecked else "")
    _write(
        f"{_count(len(case.options), 'option')}, {_count(len(case.criteria), 'criterion')} "
        f"({optional} optional), {_count(len(case.scenarios), 'scenario')}, "
        f"{_count(len(case.sources), 'source')}, {_count(counts.scores, 'score')}: "
        f"{counts.cited} cited, {_count(counts.assumptions, 'assumption')}, "
        f"{_count(counts.quotes_checked, 'quote')} found in their sources{unchecked} — OK"
    )
    return EXIT_OK


# ------------------------------------------------------------------------------------------
# rank
# ------------------------------------------------------------------------------------------


def _add_rank(parser: argparse.ArgumentParser) -> None:
    add_problem_args(parser)
    parser.add_argument("--method", metavar="NAME", action="extend", nargs="+",
                        help="methods to run (default: wsm topsis vikor promethee_ii; 'all' for "
                             "every registered method)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")


def _run_methods(problem: Problem, names: Sequence[str] | None, description: str
                 ) -> dict[str, MethodResult]:
    try:
        chosen = resolve_methods(list(names) if names else None)
    except MethodError as exc:
        raise DataError(f"--method: {exc}") from None
    results = {}
    for name in chosen:
        try:
            results[name] = get_method(name).rank(problem)
        except MethodError as exc:
            raise DataError(f"{description}: method {name}: {exc}") from None
    return results


def _rank_json(problem: Problem, description: str, results: dict[str, MethodResult]) -> str:
    methods: dict[str, Any] = {}
    for name, result in results.items():
        entry = {**result.to_json(), "label": result.label, "definition": result.definition}
        if "compromise" in result.details:
            entry["compromise"] = list(result.details["compromise"])
        methods[name] = entry
    data = {
        "problem": description,
        "weights": {c: float(w) for c, w in zip(problem.criterion_ids, problem.w, strict=True)},
        "methods": methods,
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _rank_csv(problem: Problem, description: str, results: dict[str, MethodResult]) -> str:
    rows: list[list[Any]] = [["method", "option", "score", "rank", "better"]]
    for name, result in results.items():
        for option in result.order:
            rows.append([name, option, result.score_of(option), result.rank_of(option),
                         result.better])
    return to_csv(rows).decode("utf-8")


def _consensus_order(problem: Problem, results: dict[str, MethodResult]) -> list[int]:
    """Option indices by mean rank over the methods; ties by the first method's rank."""
    ranks = np.array([r.ranks for r in results.values()], dtype=float)
    mean = ranks.mean(axis=0)
    return sorted(range(len(problem.options)), key=lambda i: (mean[i], ranks[0, i], i))


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


_HOW = {
    "wsm": "values rescaled linearly to 0-1 between the criterion bounds below",
    "topsis": "vector normalisation, Euclidean distances to the ideal and anti-ideal, "
              "closeness d-/(d+ + d-)",
    "vikor": "Q combines group utility S and individual regret R, v weighing S",
    "promethee_ii": "preference function per criterion below; net outranking flow",
    "spotis": "weighted distance to the ideal point of the criterion bounds below",
}
_USES_BOUNDS = frozenset({"wsm", "spotis"})


def _method_line(name: str, result: MethodResult, problem: Problem) -> str:
    parts = [result.label]
    parts += [_HOW[name]] if name in _HOW else []
    parts += [f"{k} = {v}" for k, v in result.settings.items()]
    parts.append(f"{result.better} score is better")
    if "compromise" in result.details:
        d = result.details
        names = ", ".join(problem.options[problem.option_ids.index(o)].name.en
                          for o in d["compromise"])
        yes = {True: "yes", False: "no"}
        parts.append(f"compromise set: {names} (acceptable advantage: "
                     f"{yes[d['acceptable_advantage']]}, acceptable stability: "
                     f"{yes[d['acceptable_stability']]})")
    return f"  {name:<{_METHOD_NAME_WIDTH}}  " + "; ".join(parts)


_METHOD_NAME_WIDTH = 13
_NAME_WIDTH = 40
_OPTION_WIDTH = 30


def _rank_table(problem: Problem, description: str, results: dict[str, MethodResult]) -> str:
    lines = [f"Problem: {description}", "", "Criteria and weights (normalised to 100%):"]
    crit_names = [c.name.en + (f" ({c.unit})" if c.unit else "") for c in problem.criteria]
    cw = min(max(len(n) for n in crit_names), _NAME_WIDTH)
    iw = max(len(c) for c in problem.criterion_ids)
    for crit, label, w in zip(problem.criteria, crit_names, problem.w, strict=True):
        lines.append(f"  {crit.id:<{iw}}  {_fit(label, cw):<{cw}}  {crit.direction:<7}  "
                     f"{100 * w:5.1f}%")

    names = [o.name.en for o in problem.options]
    nw = min(max(len("Option"), *(len(n) for n in names)), _OPTION_WIDTH)
    idw = max(len("id"), *(len(o) for o in problem.option_ids))
    colw = max(13, *(len(n) for n in results))
    lines += ["", "Ranking (1 = best; options in order of their mean rank over the methods):"]
    lines.append(f"  {'Option':<{nw}}  {'id':<{idw}}"
                 + "".join(f"  {name:>{colw}}" for name in results))
    lines.append(f"  {'':<{nw}}  {'':<{idw}}"
                 + "".join(f"  {'rank':>4} {'score':>{colw - 5}}" for _ in results))
    for i in _consensus_order(problem, results):
        cells = "".join(f"  {int(r.ranks[i]):>4} {r.scores[i]:>{colw - 5}.2f}"
                        for r in results.values())
        lines.append(f"  {_fit(names[i], nw):<{nw}}  {problem.option_ids[i]:<{idw}}{cells}")
    lines += ["", first_place(problem, next(iter(results))).sentence(problem, "en")]
    lines += ["", "Methods (definitions: mcda rank --format json):"]
    lines += [_method_line(name, result, problem) for name, result in results.items()]
    return "\n".join([*lines, *_criterion_settings(problem, results), "",
                      *_dominance_lines(problem)])


def _criterion_settings(problem: Problem, results: dict[str, MethodResult]) -> list[str]:
    """The per-criterion settings the methods used: bounds (wsm, spotis), PROMETHEE functions."""
    bounds = any(name in _USES_BOUNDS for name in results)
    functions = "promethee_ii" in results
    if not (bounds or functions):
        return []
    heads = (["bounds"] if bounds else []) + (["PROMETHEE preference function"] if functions
                                              else [])
    lo, hi = problem.bounds()
    iw = max(len(c) for c in problem.criterion_ids)
    rows = []
    for j, crit in enumerate(problem.criteria):
        cells = []
        if bounds:
            unit = f" {crit.unit}" if crit.unit else ""
            source = {(True, True): "declared scale",
                      (True, False): "declared minimum, highest value among the options",
                      (False, True): "lowest value among the options, declared maximum",
                      (False, False): "lowest and highest value among the options",
                      }[(crit.scale.min is not None, crit.scale.max is not None)]
            cells.append(f"{lo[j]:g} - {hi[j]:g}{unit} ({source})")
        if functions:
            spec = crit.promethee
            cells.append(spec.function + "".join(
                f", {k} = {v:g}" for k, v in (("q", spec.q), ("p", spec.p)) if v is not None))
        rows.append((crit.id, cells))
    width = max(len(cells[0]) for _, cells in rows) if bounds and functions else 0
    lines = ["", "Settings per criterion (" + "; ".join(heads) + "):"]
    for crit_id, cells in rows:
        text = f"{cells[0]:<{width}}  {cells[1]}" if len(cells) == 2 else cells[0]
        lines.append(f"  {crit_id:<{iw}}  {text}")
    return lines


def _dominance_lines(problem: Problem) -> list[str]:
    """Which options are dominated (Pareto, on the active criteria; weights play no part)."""
    from mcda.analysis import dominated  # imported here: it loads scipy, only the table needs it

    found = dominated(problem)
    if not found:
        return ["Dominance: no option is dominated by another."]
    lines = ["Dominated options (on the active criteria, whatever the weights):"]
    for option, by in found.items():
        lines.append(f"  {option} is dominated by {', '.join(by)}: at least as good on every "
                     "criterion, better on at least one")
    return lines


_RANK_FORMATS = {"table": _rank_table, "json": _rank_json, "csv": _rank_csv}


def cmd_rank(args: argparse.Namespace) -> int:
    """Rank the problem's options with one or more methods."""
    problem, description = problem_from_args(args)
    results = _run_methods(problem, args.method, description)
    _write(_RANK_FORMATS[args.format](problem, description, results))
    return EXIT_OK


# ------------------------------------------------------------------------------------------
# ahp
# ------------------------------------------------------------------------------------------


def _add_ahp(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pairwise", metavar="PAIRWISE.csv",
                        help="square table: criterion ids in the first row and first column, "
                             "cells numbers or fractions such as 1/3 (blank: reciprocal of its "
                             "mirror)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="output format (default: table)")


def cmd_ahp(args: argparse.Namespace) -> int:
    """AHP weights (principal eigenvector) and consistency (Saaty's random index)."""
    criteria, matrix = read_pairwise_csv(args.pairwise)
    try:
        result = ahp(matrix, criteria)
    except WeightingError as exc:
        raise DataError(f"{args.pairwise}: {line}" for line in exc.problems) from None
    if args.format == "json":
        _write(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(c) for c in criteria)
    lines = [f"AHP weights from {args.pairwise} (principal eigenvector, normalised to 100%):"]
    lines += [f"  {c:<{width}}  {100 * w:5.1f}%" for c, w in result.weights.items()]
    lines.append("")
    lines.append(f"lambda_max = {result.lambda_max:.4f}, CI = {result.ci:.4f}, "
                 f"CR = {result.cr:.4f} (Saaty's random index RI = {result.random_index:g} "
                 f"for n = {len(criteria)})")
    verdict = "yes" if result.is_consistent else "no: revise the judgements"
    lines.append(f"Acceptably consistent (CR <= 0.10): {verdict}")
    if result.most_inconsistent is not None and result.suggested_value is not None:
        a, b = result.most_inconsistent
        given = float(result.matrix[criteria.index(a), criteria.index(b)])
        lines.append(f"Most inconsistent judgement: {a} vs {b} = {given:.4g}; the other "
                     f"judgements imply about {result.suggested_value:.3g}")
    _write("\n".join(lines))
    return EXIT_OK


# ------------------------------------------------------------------------------------------
# sensitivity, smaa, flip (robustness of the ranking; engine: mcda.sensitivity, mcda.smaa)
# ------------------------------------------------------------------------------------------


def _one_method(name: str) -> str:
    """A single registered method name, or a DataError naming --method."""
    try:
        get_method(name)
    except MethodError as exc:
        raise DataError(f"--method: {exc}") from None
    return name


def _robustness(where: str, run: Callable[[], Any]) -> Any:
    """Run an analysis; a SensitivityError (e.g. every option tied) becomes a line naming where."""
    from mcda.sensitivity import SensitivityError

    try:
        return run()
    except SensitivityError as exc:
        raise DataError(f"{where}: {exc}") from None


def _pct(w: float) -> str:
    return f"{100 * w:.1f}%"


def _option_label(problem: Problem, option: str) -> str:
    return f"{problem.options[problem.option_ids.index(option)].name.en} ({option})"


def _add_sensitivity(parser: argparse.ArgumentParser) -> None:
    add_problem_args(parser)
    parser.add_argument("--method", metavar="NAME", default="wsm",
                        help="the method to test (default: wsm)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="output format (default: table)")


def cmd_sensitivity(args: argparse.Namespace) -> int:
    """One-at-a-time sensitivity: stability interval and switches of every criterion's weight."""
    from mcda.sensitivity import oat

    problem, description = problem_from_args(args)
    method = _one_method(args.method)
    result = _robustness(description, lambda: oat(problem, method, budget=BATCH_BUDGET))
    if args.format == "json":
        _write(json.dumps({"problem": description, **result.to_json()}, indent=2,
                          ensure_ascii=False))
        return EXIT_OK
    how = ("switch points exact (scores are straight lines in the weight)" if result.exact else
           "switch points located on a grid of 201 points and refined by bisection to 1e-8")
    first = ", ".join(_option_label(problem, o) for o in result.current_first)
    lines = [f"Problem: {description}", "",
             f"One-at-a-time sensitivity, {result.label}: each criterion's weight from 0 to 100%, "
             "the others keeping their ratios;", f"{how}.",
             f"First now: {first}", ""]
    iw = max(len("criterion"), *(len(c) for c in problem.criterion_ids))
    lines.append(f"  {'criterion':<{iw}}  {'weight':>6}  {'stays first from - to':<21}  "
                 "first changes at (weight: first just above)")
    for sweep in result.sweeps:
        lo, hi = sweep.stability
        changes = "; ".join(f"{_pct(s.weight)}: {', '.join(s.first)}"
                            for s in sweep.switches) or "never"
        lines.append(f"  {sweep.criterion:<{iw}}  {_pct(sweep.current):>6}  "
                     f"{_pct(lo) + ' - ' + _pct(hi):<21}  {changes}")
    _write("\n".join(lines))
    return EXIT_OK


def _add_flip(parser: argparse.ArgumentParser) -> None:
    add_problem_args(parser)
    parser.add_argument("--option", metavar="ID", required=True,
                        help="the option that should rank first")
    parser.add_argument("--method", metavar="NAME", default="wsm",
                        help="the method (default: wsm; exact for wsm, spotis, promethee_ii)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="output format (default: table)")


def cmd_flip(args: argparse.Namespace) -> int:
    """What it takes: the smallest change of the weights that puts an option first."""
    from mcda.sensitivity import flip

    problem, description = problem_from_args(args)
    if args.option not in problem.option_ids:
        raise DataError(f"--option: unknown option {shown(args.option)} "
                        f"(known: {', '.join(problem.option_ids)})")
    method = _one_method(args.method)
    result = _robustness(description, lambda: flip(problem, args.option, method,
                                                     budget=BATCH_BUDGET))
    if args.format == "json":
        _write(json.dumps({"problem": description, **result.to_json()}, indent=2,
                          ensure_ascii=False))
        return EXIT_OK
    how = "exact, by linear programme" if result.exact else "by a verified numeric search"
    lines = [f"Problem: {description}", "",
             f"What it takes for {_option_label(problem, args.option)} to rank first under "
             f"{result.label} ({how}):", result.sentence("en")]
    if result.weights is not None and result.distance:
        iw = max(len("criterion"), *(len(c) for c in problem.criterion_ids))
        lines += ["", f"  {'criterion':<{iw}}  {'now':>6}  {'needed':>6}  change (points)"]
        for crit, now, new in zip(problem.criterion_ids, result.current, result.weights,
                                  strict=True):
            lines.append(f"  {crit:<{iw}}  {_pct(now):>6}  {_pct(new):>6}  "
                         f"{100 * (new - now):+.1f}")
        lines.append(f"Total change (sum of |change|): {100 * result.distance:.1f} points.")
    _write("\n".join(lines))
    return EXIT_OK


def _add_audit(parser: argparse.ArgumentParser) -> None:
    add_problem_args(parser)
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="output format (default: table)")


AUDIT_HEADINGS = {
    "dominated": "Dominated options",
    "never_first": "Options no weighting puts first",
    "shared_evidence": "One passage cited for several criteria",
    "correlated_criteria": "Criteria that order the options alike",
    "unflagged_numbers": "Numbers without a source or an assumption flag",
    "assumption_share": "Share of each option's weighted value resting on assumptions",
    "scenarios": "Where the perspectives come from",
}


def cmd_audit(args: argparse.Namespace) -> int:
    """The integrity audit: findings are content, so the exit code is 0 whenever it ran."""
    from mcda.audit import audit

    problem, description = problem_from_args(args)
    case = None if args.matrix else load_case(Path(args.data) if args.data else DEFAULT_DATA)
    result = audit(problem, case)
    if args.format == "json":
        _write(json.dumps({"problem": description, **result.to_json()}, indent=2,
                          ensure_ascii=False))
        return EXIT_OK
    lines = [f"Problem: {description}"]
    sentences = result.sentences(problem, "en")
    for kind, heading in AUDIT_HEADINGS.items():
        found = [text for k, text in sentences if k == kind]
        if kind == "assumption_share":
            iw = max(len(o) for o in problem.option_ids)
            found = [f"{o:<{iw}}  {round(100 * share):>3}%"
                     for o, share in result.assumption_share.items()]
        lines += ["", f"{heading}:", *(f"  {text}" for text in found or ["none"])]
    _write("\n".join(lines))
    return EXIT_OK


MAX_SAMPLES = 10_000_000


def _check_samples(samples: int) -> None:
    """Refuse a sample count that would run for many minutes (1,000,000 takes a few seconds)."""
    if samples > MAX_SAMPLES:
        raise DataError(f"--samples: at most {MAX_SAMPLES:,}, got {samples:,} (1,000,000 samples "
                        "already estimate each share to within about 0.1 percentage point)")


def _add_smaa(parser: argparse.ArgumentParser) -> None:
    from mcda.smaa import DEFAULT_CONCENTRATION, DEFAULT_SAMPLES, SCORE_MODES, WEIGHT_MODES

    add_problem_args(parser)
    parser.add_argument("--method", metavar="NAME", action="extend", nargs="+",
                        help="methods (default: wsm topsis vikor promethee_ii; 'all' for every "
                             "registered method)")
    parser.add_argument("--samples", metavar="N", type=int, default=DEFAULT_SAMPLES,
                        help=f"number of samples (default: {DEFAULT_SAMPLES:,})")
    parser.add_argument("--seed", metavar="S", type=int, default=0,
                        help="seed of the random numbers, for a reproducible result (default: 0)")
    parser.add_argument("--weights-mode", choices=WEIGHT_MODES, default="uniform",
                        help="uniform: uniform on the simplex (nothing known); around: around the "
                             "given weights; ranking: consistent with the order of the given "
                             "weights (default: uniform)")
    parser.add_argument("--concentration", metavar="C", type=float,
                        default=DEFAULT_CONCENTRATION,
                        help="for --weights-mode around: Dirichlet concentration; a weight w "
                             "varies by about sqrt(w(1-w)/(C+1)) (default: "
                             f"{DEFAULT_CONCENTRATION:g})")
    parser.add_argument("--scores", choices=SCORE_MODES, default="fixed",
                        help="fixed: the scores' values; ranges: drawn within each score's range, "
                             "triangular around the value (default: fixed)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="output format (default: table)")


_WEIGHT_MODE_TEXT = {
    "uniform": "weights uniform on the simplex",
    "around": "weights around the given ones (Dirichlet, concentration {c:g})",
    "ranking": "weights consistent with the ranking {order}",
}


def cmd_smaa(args: argparse.Namespace) -> int:
    """SMAA-2: rank acceptabilities, central weights, confidence, pairwise winning, agreement."""
    from mcda.smaa import smaa

    problem, description = problem_from_args(args)
    if args.samples <= 0:
        raise DataError(f"--samples: must be a positive whole number, got {args.samples}")
    _check_samples(args.samples)
    if args.seed < 0:
        raise DataError(f"--seed: must be 0 or more, got {args.seed}")
    if not (math.isfinite(args.concentration) and args.concentration > 0):
        raise DataError(f"--concentration: must be a positive number, got {args.concentration}")
    try:
        methods = resolve_methods(list(args.method) if args.method else None)
    except MethodError as exc:
        raise DataError(f"--method: {exc}") from None
    result = _robustness(description, lambda: smaa(
        problem, methods, samples=args.samples, seed=args.seed, weights=args.weights_mode,
        concentration=args.concentration, scores=args.scores, budget=BATCH_BUDGET))
    for item in result.values():
        if np.all(item.rank_acceptability[:, 0] == 1.0):
            raise DataError(f"{description}: all options tie in every sample with {item.method}: "
                            "there is no ranking to analyse (do the options differ on any "
                            "weighted criterion?)")
    if args.format == "json":
        _write(json.dumps({"problem": description, **result.to_json()}, indent=2,
                          ensure_ascii=False))
        return EXIT_OK
    mode = _WEIGHT_MODE_TEXT[result.weights].format(
        c=result.concentration, order=" > ".join(result.criteria_ranking or ()))
    scores = ("scores drawn within their ranges (triangular around the value)"
              if result.scores == "ranges" else "scores fixed")
    lines = [f"Problem: {description}", "",
             f"SMAA-2: {result.samples:,} samples (seed {result.seed}); {mode}; {scores}."]
    n = len(problem.option_ids)
    idw = max(len("option"), *(len(o) for o in problem.option_ids))
    for item in result.values():
        lines += ["", f"{item.label}: share of samples (%) at each rank; confidence factor; "
                      "central weights (mean weights where first)"]
        lines.append(f"  {'option':<{idw}}" + "".join(f"  {r + 1:>5}" for r in range(n))
                     + "  confidence  central weights")
        for i, option in enumerate(problem.option_ids):
            central = item.central_weight(option)
            weights = ("never first" if central is None else
                       ", ".join(f"{c} {_pct(w)}" for c, w in central.items()))
            lines.append(f"  {option:<{idw}}"
                         + "".join(f"  {100 * b:5.1f}" for b in item.rank_acceptability[i])
                         + f"  {100 * item.confidence[i]:9.1f}%  {weights}")
    if len(result) > 1:
        agreement = result.agreement()
        pairs = [f"{a}-{b} {_pct(x)}" for i, (a, row) in enumerate(agreement["pairwise"].items())
                 for b, x in row.items() if list(result).index(b) > i]
        lines += ["", f"Same first-ranked option under all methods: {_pct(agreement['all'])} "
                      f"of samples; per pair: {', '.join(pairs)}."]
    _write("\n".join(lines))
    return EXIT_OK


# ------------------------------------------------------------------------------------------
# export (charts, tables, report, deck; engine: mcda.export, mcda.report, mcda.deck)
# ------------------------------------------------------------------------------------------


def _add_export(parser: argparse.ArgumentParser) -> None:
    add_problem_args(parser)
    parser.add_argument("--out", metavar="DIR", required=True,
                        help="folder to write into (created when missing; files are replaced)")
    parser.add_argument("--lang", choices=("en", "nl"), default="en",
                        help="language of labels, captions, report and deck (default: en)")
    parser.add_argument("--method", metavar="NAME", action="extend", nargs="+",
                        help="methods (default: wsm topsis vikor promethee_ii; 'all' for every "
                             "registered method); the first is used for single-method charts")
    parser.add_argument("--samples", metavar="N", type=int, default=10_000,
                        help="SMAA samples (uniform weights, fixed scores); 0 leaves SMAA out "
                             "(default: 10,000)")
    parser.add_argument("--seed", metavar="S", type=int, default=0,
                        help="seed of SMAA and of the numeric 'what it takes' search (default: 0)")


def _export_scenario(args: argparse.Namespace, lang: str) -> Scenario | str | None:
    """What the exports call the current weighting: the scenario, a changed scenario, the
    default weights, or None (custom weights from --weights or a spreadsheet)."""
    from mcda.export import word

    if args.matrix:
        return None
    if args.scenario:
        folder = Path(args.data) if args.data else DEFAULT_DATA
        scenario, _ = _scenario(load_case(folder), folder, args.scenario)
        if not args.weights:
            return scenario
        changed = _weights_text(parse_weights(args.weights))
        return word(lang, "changed_weights", name=scenario.name.get(lang), weights=changed)
    return None if args.weights else word(lang, "default_weights")


def cmd_export(args: argparse.Namespace) -> int:
    """Write every chart (PNG, SVG, PDF, HTML), table (CSV, XLSX), the report (HTML, PDF) and
    the deck (PPTX) of the problem into --out."""
    from mcda.export import ExportError, build_appraisal, write_all

    problem, description = problem_from_args(args)
    if args.samples < 0:
        raise DataError(f"--samples: must be 0 or more, got {args.samples}")
    _check_samples(args.samples)
    if args.seed < 0:
        raise DataError(f"--seed: must be 0 or more, got {args.seed}")
    try:
        methods = resolve_methods(list(args.method) if args.method else None)
    except MethodError as exc:
        raise DataError(f"--method: {exc}") from None
    case = None if args.matrix else load_case(Path(args.data) if args.data else DEFAULT_DATA)
    try:
        appraisal = build_appraisal(
            problem, case=case, scenario=_export_scenario(args, args.lang), methods=methods,
            lang=args.lang, smaa_samples=args.samples, seed=args.seed)
        paths = write_all(appraisal, args.out)
    except ExportError as exc:
        raise DataError(f"export to {args.out}: {exc}") from None
    out = Path(args.out)
    lines = [f"Problem: {description}", f"Caption: {appraisal.caption()}",
             f"Wrote {len(paths)} files to {out}:"]
    lines += [f"  {path.relative_to(out)}" for path in paths]
    _write("\n".join(lines))
    return EXIT_OK


# ------------------------------------------------------------------------------------------
# Entry point
# ------------------------------------------------------------------------------------------

COMMANDS: tuple[Command, ...] = (
    Command("validate", "check a data folder: schema, evidence quotes, completeness",
            _add_validate, cmd_validate),
    Command("rank", "rank the options with one or more methods", _add_rank, cmd_rank),
    Command("ahp", "criterion weights from an AHP pairwise comparison table", _add_ahp, cmd_ahp),
    Command("sensitivity", "one-at-a-time weight sensitivity: stability intervals and switches",
            _add_sensitivity, cmd_sensitivity),
    Command("smaa", "SMAA-2 robustness under uncertain weights (and scores)", _add_smaa, cmd_smaa),
    Command("flip", "what it takes: the smallest weight change that puts an option first",
            _add_flip, cmd_flip),
    Command("audit", "integrity audit: dominance, options that cannot win, shared evidence, "
            "correlated criteria, assumptions", _add_audit, cmd_audit),
    Command("export", "write charts, tables, the report and the slide deck into a folder",
            _add_export, cmd_export),
)


def _version() -> str:
    try:
        return version("policy-mcda")
    except PackageNotFoundError:
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    """The ``mcda`` parser with one sub-parser per entry of ``COMMANDS``."""
    parser = _Parser(prog="mcda", allow_abbrev=False,
                     description="Multi-criteria decision analysis of policy options.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        child = sub.add_parser(command.name, help=command.help, description=command.help,
                               allow_abbrev=False,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        command.add_arguments(child)
        child.set_defaults(run=command.run)
    return parser


def _error_lines(exc: Exception) -> list[str]:
    if isinstance(exc, DataError | WeightingError):
        return list(exc.problems)
    if isinstance(exc, OSError) and exc.filename is not None:
        return [f"{clip(str(exc.filename), 200)}: {exc.strerror or 'error'}"]
    return str(exc).splitlines()


def _refuse_empty(args: argparse.Namespace) -> None:
    """An empty file or folder argument is an error, not "not given": ``--matrix "$UNSET"`` ranked
    the bundled case and ``--out ""`` wrote into the current folder."""
    empty = [("PAIRWISE.csv" if dest == "pairwise" else "--" + dest.replace("_", "-"))
             for dest, value in vars(args).items()
             if isinstance(value, str) and not value.strip()]
    if empty:
        raise DataError(f"{name}: empty value" for name in empty)


MAX_ERROR_LINE = 1000
INPUT_ERRORS = (UsageError, DataError, ProblemError, MethodError, WeightingError, OSError)


def _run(argv: Sequence[str] | None) -> int:
    if sys.stdout is None:  # started with stdout closed (mcda rank >&-): Python sets it to None
        print("error: standard output is closed: nothing can be written", file=sys.stderr)
        return EXIT_INPUT
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help and --version end here, after printing
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        _refuse_empty(args)
        code = args.run(args)
    except BrokenPipeError:
        raise
    except INPUT_ERRORS as exc:
        sys.stdout.flush()
        for line in _error_lines(exc):
            print(f"error: {clip(line, MAX_ERROR_LINE)}", file=sys.stderr)
        return EXIT_INPUT
    sys.stdout.flush()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mcda`` command line and return its exit code."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader went away (``mcda rank | head``): point stdout at /dev/null so that the
        # interpreter's final flush does not complain, and end as if all was read.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return EXIT_OK
