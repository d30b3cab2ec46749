"""The validated problem: criteria, options, scores, weights and directions travel together.

Every model is a frozen pydantic model that rejects unknown fields, so a typo in a YAML file is an
error and not a silently ignored key. A change makes a new object (``Problem.with_weights`` ...).
"""

from __future__ import annotations

import math
import numbers
import re
import reprlib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Annotated, Any, Literal, TypeVar

import numpy as np
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

Language = Literal["en", "nl"]
LANGUAGES: tuple[Language, ...] = ("en", "nl")
_T = TypeVar("_T")

_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 40
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 3
_SHOWN.maxlevel = 2


def shown(value: object) -> str:
    """A user's value for a message, cut short: a message never repeats unbounded input (a
    nested YAML value repeated in full made a 312 MB error line)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return f"a {len(str(abs(value))) if value.bit_length() < 14_000 else 'many'}-digit number"
    return _SHOWN.repr(value)


def clip(text: str, most: int = 200) -> str:
    """Text for a message, at most ``most`` characters (an ellipsis marks the cut)."""
    return text if len(text) <= most else text[: most - 1] + "…"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\t\n\r\u2028\u2029]")
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u00ad\u034f\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063"
                       "\u2064\ufeff")


def text_problem(text: str, single_line: bool) -> str | None:
    """Why ``text`` cannot be shown safely, or None: control characters break tables and reach
    terminals; bidirectional controls reorder what a reader sees (an id that reads 'nctv' may be
    another); zero-width characters make look-alike names that are different ids. Prose may hold
    line breaks and tabs; names and ids may not."""
    if _CONTROL.search(text):
        return "contains a control character (such as a terminal escape)"
    if single_line and _LINE_BREAK.search(text):
        return "contains a line break or tab: a name must be one line"
    if any(ch in BIDI_CONTROLS for ch in text):
        return "contains a bidirectional control character, which reorders the text on screen"
    if single_line and any(ch in ZERO_WIDTH for ch in text):
        return "contains an invisible (zero-width) character"
    return None


def _safe(single_line: bool) -> Callable[[str], str]:
    def check(text: str) -> str:
        problem = text_problem(text, single_line)
        if problem:
            raise ValueError(f"{shown(text)} {problem}")
        return text
    return check


_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _number(value: Any) -> Any:
    """A YAML or form number as a float: booleans (``yes``) and other text are refused, not
    converted, and an integer too large for a float says so instead of raising OverflowError.
    Text that is exactly a number in plain notation is read: YAML 1.1 reads ``1e6`` (no decimal
    point) as text."""
    if isinstance(value, str) and len(value) <= 40 and _NUMBER_TEXT.fullmatch(value.strip()):
        return float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        what = "yes/no (a boolean)" if isinstance(value, bool) else shown(value)
        raise ValueError(f"expected a number, got {what}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{shown(value)} is too large") from None


def name_key(text: str) -> str:
    """How two ids or names compare for look-alikes: Unicode NFKC, case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


Number = Annotated[float, BeforeValidator(_number)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                  AfterValidator(_safe(single_line=True))]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                  AfterValidator(_safe(single_line=False))]
Direction = Literal["benefit", "cost"]


class Frozen(BaseModel):
    """Base of every model: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(Frozen):
    """A text in both interface languages."""

    en: Prose
    nl: Prose

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to English."""
        return self.nl if lang == "nl" else self.en

    @classmethod
    def same(cls, text: str) -> Text:
        """One text for both languages (spreadsheet imports carry no translation)."""
        return cls(en=text, nl=text)


def _one_line(text: Text) -> Text:
    for lang in LANGUAGES:
        problem = text_problem(text.get(lang), single_line=True)
        if problem:
            raise ValueError(f"{lang}: {shown(text.get(lang))} {problem}")
        if len(text.get(lang)) > 200:
            raise ValueError(f"{lang}: a name has at most 200 characters, got "
                             f"{len(text.get(lang))}")
    return text


Name = Annotated[Text, AfterValidator(_one_line)]
"""A name in both languages: one line, at most 200 characters, nothing invisible."""


MAX_MAGNITUDE = 1e15
"""The largest size of a score, scale bound, threshold or weight. Beyond it the methods' squares,
spans and sums overflow to inf or NaN (a cell of 1e308 gave NaN scores and a silent tie); no policy
quantity comes near it."""


MAX_OPTIONS = 50
MAX_CRITERIA = 50
"""The most options and (active) criteria a problem may have. One-at-a-time sensitivity refines
every rank swap of every pair of options along every criterion: with 1,000 options TOPSIS took
over 24 GB, with 100 options and 50 criteria VIKOR 6.5 GB and minutes. At 50 x 50 every analysis
stays within about 1 GB and seconds; policy appraisals compare a handful of options."""


def _finite(value: float, what: str) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value}")
    if abs(value) > MAX_MAGNITUDE:
        raise ValueError(f"{what} {value:g} is too large: numbers must lie between "
                         f"{-MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g}")
    return value


class Scale(Frozen):
    """How a criterion is measured: a 0-100 style rating or a quantity with a unit."""

    kind: Literal["rating", "quantity"] = "quantity"
    unit: Label | None = None
    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="after")
    def _check_bounds(self) -> Scale:
        for name in ("min", "max"):
            value = getattr(self, name)
            if value is not None:
                _finite(value, name)
        if self.min is not None and self.max is not None and not self.min < self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        return self


PreferenceFunction = Literal["usual", "ushape", "vshape", "level", "linear", "gaussian"]
_NEEDS: dict[str, tuple[str, ...]] = {
    "usual": (),
    "ushape": ("q",),
    "vshape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("p",),
}


class PrometheeSetting(Frozen):
    """PROMETHEE preference function of one criterion (Brans & Vincke 1985), thresholds in its unit.

    q is the indifference threshold, p the strict preference threshold (for ``gaussian``, p is
    the inflection point s).
    """

    function: PreferenceFunction = "usual"
    q: Annotated[Number, Field(ge=0)] | None = None
    p: Annotated[Number, Field(gt=0)] | None = None

    @model_validator(mode="after")
    def _check_thresholds(self) -> PrometheeSetting:
        needed = _NEEDS[self.function]
        for name in ("q", "p"):
            value = getattr(self, name)
            if name in needed and value is None:
                raise ValueError(f"preference function '{self.function}' needs threshold {name}")
            if name not in needed and value is not None:
                raise ValueError(f"preference function '{self.function}' takes no threshold {name}")
        for name in ("q", "p"):
            value = getattr(self, name)
            if value is not None:
                _finite(value, name)
        if self.q is not None and self.p is not None and not self.q < self.p:
            raise ValueError(f"q ({self.q}) must be below p ({self.p})")
        return self


class Criterion(Frozen):
    """A criterion: what is measured, in which direction, and what a score means."""

    id: Slug
    name: Name
    description: Text | None = None
    direction: Direction
    scale: Scale = Scale()
    default_weight: Annotated[Number, Field(ge=0)] = 1.0
    optional: StrictBool = False
    scoring_guide: dict[Number, Text] = {}
    promethee: PrometheeSetting = PrometheeSetting()

    @field_validator("default_weight")
    @classmethod
    def _finite_weight(cls, value: float) -> float:
        return _finite(value, "default_weight")

    @model_validator(mode="after")
    def _guide_on_scale(self) -> Criterion:
        lo, hi = self.scale.min, self.scale.max
        for anchor in self.scoring_guide:
            if (lo is not None and anchor < lo) or (hi is not None and anchor > hi):
                raise ValueError(f"scoring_guide anchor {anchor:g} lies outside the scale")
        return self

    @property
    def unit(self) -> str:
        """The unit to print beside a value ('' for ratings)."""
        return self.scale.unit or ""


class Evidence(Frozen):
    """Where a score comes from: a source id, a section, and a verbatim quote."""

    source: Slug
    section: Label
    quote: Prose | None = None


class Score(Frozen):
    """One option's performance on one criterion, with its uncertainty and evidence."""

    value: Number
    range: tuple[Number, Number] | None = None
    rationale: Text | None = None
    evidence: tuple[Evidence, ...] = ()
    assumption: StrictBool = False

    @model_validator(mode="after")
    def _check(self) -> Score:
        _finite(self.value, "value")
        if self.range is not None:
            lo, hi = self.range
            _finite(lo, "range low")
            _finite(hi, "range high")
            if not lo <= self.value <= hi:
                raise ValueError(f"range [{lo:g}, {hi:g}] must contain the value {self.value:g}")
        return self

    @property
    def low(self) -> float:
        """Lowest plausible value (the value itself when no range is given)."""
        return self.range[0] if self.range else self.value

    @property
    def high(self) -> float:
        """Highest plausible value (the value itself when no range is given)."""
        return self.range[1] if self.range else self.value

    @property
    def cited(self) -> bool:
        """Whether the score rests on evidence rather than an assumption."""
        return bool(self.evidence) and not self.assumption


class Option(Frozen):
    """A policy option and its scores per criterion id."""

    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
                  AfterValidator(_safe(single_line=True))]
    name: Name
    summary: Text | None = None
    proposed_by: Label | None = None
    scores: dict[str, Score]


class Source(Frozen):
    """A source document that evidence cites."""

    id: Slug
    title: Label
    author: Label | None = None
    year: StrictInt | None = None
    file: Label | None = None
    url: Label | None = None
    description: Text | None = None


OriginKind = Literal["published", "reconstructed", "illustrative"]
ORIGIN_KINDS: dict[str, Text] = {
    "published": Text(en="published", nl="gepubliceerd"),
    "reconstructed": Text(en="reconstructed", nl="gereconstrueerd"),
    "illustrative": Text(en="illustrative", nl="illustratief"),
}
"""How a weighting came about: stated in a document (published), inferred from a document's
arguments by the analyst (reconstructed), or made up to show a point of view (illustrative)."""


class Origin(Frozen):
    """Where a weighting comes from, and how directly (``kind``)."""

    kind: OriginKind
    text: Name

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, value: Any) -> Any:
        """A plain-string origin (older files) reads as an illustrative one."""
        if isinstance(value, str):
            return {"kind": "illustrative", "text": {"en": value, "nl": value}}
        return value

    def describe(self, lang: str) -> str:
        """'published: WRR (2017)' in the language asked for."""
        return f"{ORIGIN_KINDS[self.kind].get(lang)}: {self.text.get(lang)}"


class Scenario(Frozen):
    """A named perspective: which criteria are active and how much each weighs."""

    id: Slug
    name: Name
    description: Text | None = None
    origin: Origin
    weights: dict[str, Number]

    @field_validator("weights", mode="before")
    @classmethod
    def _check_weights(cls, weights: Any) -> Any:
        if isinstance(weights, Mapping):
            check_weights(weights)
        return weights


class ProblemError(ValueError):
    """The parts of a problem do not fit together."""


def _size(value: float) -> str:
    """A number for a message; an integer too large for a float by its number of digits."""
    try:
        return f"{value:g}"
    except OverflowError:
        return f"a {len(str(abs(int(value))))}-digit number"


def check_weights(weights: Mapping[str, float]) -> None:
    """Raise ``ProblemError`` unless the weights are finite, non-negative, at most
    ``MAX_MAGNITUDE`` and not all zero."""
    if not weights:
        raise ProblemError("no criterion has a weight")
    for key, value in weights.items():
        number = isinstance(value, int | float) and not isinstance(value, bool)
        # a YAML integer may have hundreds of digits: compare it exactly, never convert it
        if not number or (isinstance(value, float) and not math.isfinite(value)):
            what = "yes/no (a boolean)" if isinstance(value, bool) else shown(value)
            raise ProblemError(f"weight of {shown(key)} must be a finite number, got {what}")
        if value < 0:
            raise ProblemError(f"weight of {shown(key)} must not be negative, got "
                               f"{_size(value)}")
        if value > MAX_MAGNITUDE:
            raise ProblemError(f"weight of {shown(key)} is too large ({_size(value)}): weights "
                               f"are relative, keep them at most {MAX_MAGNITUDE:g}")
    if sum(weights.values()) <= 0:
        raise ProblemError("all weights are zero: at least one criterion must weigh")


class Case(Frozen):
    """Everything in a data folder: the criteria, options, sources and scenarios of an appraisal."""

    title: Name = Text(en="Appraisal", nl="Afweging")
    question: Text | None = None
    default_origin: Origin = Origin(kind="illustrative",
                                    text=Text(en="the case's default weights",
                                              nl="de standaardgewichten van de casus"))
    criteria: tuple[Criterion, ...]
    options: tuple[Option, ...]
    sources: tuple[Source, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    version: str = ""

    @model_validator(mode="after")
    def _check_references(self) -> Case:
        criterion_ids = _unique([c.id for c in self.criteria], "criterion")
        _unique([o.id for o in self.options], "option")
        source_ids = set(_unique([s.id for s in self.sources], "source"))
        _unique([s.id for s in self.scenarios], "scenario")
        for option in self.options:
            for crit, score in option.scores.items():
                if crit not in criterion_ids:
                    raise ProblemError(f"option '{option.id}' scores unknown criterion '{crit}'")
                for item in score.evidence:
                    if item.source not in source_ids:
                        raise ProblemError(
                            f"option '{option.id}', criterion '{crit}': unknown source "
                            f"'{item.source}'"
                        )
        for scenario in self.scenarios:
            unknown = sorted(set(scenario.weights) - set(criterion_ids))
            if unknown:
                raise ProblemError(
                    f"scenario '{scenario.id}' weighs unknown criteria: {', '.join(unknown)}"
                )
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        return _by_id(self.criteria, criterion_id, "criterion")

    def option(self, option_id: str) -> Option:
        """The option with this id."""
        return _by_id(self.options, option_id, "option")

    def scenario(self, scenario_id: str) -> Scenario:
        """The scenario with this id."""
        return _by_id(self.scenarios, scenario_id, "scenario")

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        return _by_id(self.sources, source_id, "source")

    def default_weights(self) -> dict[str, float]:
        """The criteria's default weights, optional criteria left out."""
        return {c.id: c.default_weight for c in self.criteria if not c.optional}

    def problem(
        self,
        weights: Mapping[str, float] | None = None,
        options: Sequence[str] | None = None,
    ) -> Problem:
        """The problem of the active criteria (those weighted) and the chosen options."""
        weights = dict(self.default_weights() if weights is None else weights)
        unknown = sorted(set(weights) - {c.id for c in self.criteria})
        if unknown:
            raise ProblemError(f"unknown criteria in the weights: {', '.join(unknown)}")
        chosen = self.options if options is None else tuple(self.option(o) for o in options)
        return Problem(
            criteria=tuple(c for c in self.criteria if c.id in weights),
            options=chosen,
            weights=weights,
        )


def _unique(ids: list[str], what: str) -> list[str]:
    """The ids, refusing two that are equal or that only differ in letter case or Unicode form
    (two options 'nctv' and 'NCTV' would read as one in every table)."""
    seen: dict[str, str] = {}
    for item in ids:
        key = name_key(item)
        if key in seen:
            same = "" if seen[key] == item else f" (looks the same as '{seen[key]}')"
            raise ProblemError(f"duplicate {what} id '{item}'{same}")
        seen[key] = item
    return ids


def _by_id(items: Sequence[_T], wanted: str, what: str) -> _T:
    for item in items:
        if item.id == wanted:  # type: ignore[attr-defined]
            return item
    known = ", ".join(i.id for i in items)  # type: ignore[attr-defined]
    raise ProblemError(f"unknown {what} '{wanted}' (known: {known})")


class Problem(Frozen):
    """A decision problem ready for the methods: criteria, options, their scores and weights.

    ``weights`` may be on any non-negative scale; ``w`` gives them normalised to sum 1 in
    criterion order. Every option must score every criterion and there must be two options.
    """

    criteria: tuple[Criterion, ...]
    options: tuple[Option, ...]
    weights: dict[str, float]

    def __init__(self, **data: Any) -> None:
        """Build and check the problem; every failure is one ProblemError naming what is wrong."""
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise ProblemError("; ".join(_messages(exc))) from None

    @field_validator("weights", mode="before")
    @classmethod
    def _check_raw_weights(cls, weights: Any) -> Any:
        if isinstance(weights, Mapping) and weights:
            check_weights(weights)
        return weights

    @model_validator(mode="after")
    def _check(self) -> Problem:
        if not self.criteria:
            raise ProblemError("the problem has no criteria")
        if len(self.options) < 2:
            raise ProblemError(
                f"a ranking needs at least two options, got {len(self.options)}"
            )
        if len(self.options) > MAX_OPTIONS:
            raise ProblemError(f"at most {MAX_OPTIONS} options can be compared, got "
                               f"{len(self.options)}")
        if len(self.criteria) > MAX_CRITERIA:
            raise ProblemError(f"at most {MAX_CRITERIA} criteria can be weighed, got "
                               f"{len(self.criteria)}")
        crit_ids = _unique([c.id for c in self.criteria], "criterion")
        _unique([o.id for o in self.options], "option")
        if set(self.weights) != set(crit_ids):
            missing = sorted(set(crit_ids) - set(self.weights))
            extra = sorted(set(self.weights) - set(crit_ids))
            parts = []
            if missing:
                parts.append(f"no weight for {', '.join(missing)}")
            if extra:
                parts.append(f"weights for unknown criteria {', '.join(extra)}")
            raise ProblemError("; ".join(parts))
        for option in self.options:
            missing = [c for c in crit_ids if c not in option.scores]
            if missing:
                raise ProblemError(f"option '{option.id}' has no score for {', '.join(missing)}")
            for crit in self.criteria:
                score = option.scores[crit.id]
                lo, hi = crit.scale.min, crit.scale.max
                if (lo is not None and score.low < lo) or (hi is not None and score.high > hi):
                    raise ProblemError(
                        f"option '{option.id}', criterion '{crit.id}': score {score.value:g} "
                        f"(range {score.low:g} to {score.high:g}) lies outside the scale "
                        f"{lo if lo is not None else '-inf'} to {hi if hi is not None else 'inf'}"
                    )
        return self

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    @cached_property
    def w(self) -> np.ndarray:
        """Weights normalised to sum 1, in criterion order (read-only)."""
        raw = np.array([self.weights[c] for c in self.criterion_ids], dtype=float)
        return _readonly(raw / raw.sum())

    @cached_property
    def matrix(self) -> np.ndarray:
        """Performance matrix, options x criteria (read-only)."""
        return self._table(lambda s: s.value)

    @cached_property
    def low(self) -> np.ndarray:
        """Lowest plausible values, options x criteria (read-only)."""
        return self._table(lambda s: s.low)

    @cached_property
    def high(self) -> np.ndarray:
        """Highest plausible values, options x criteria (read-only)."""
        return self._table(lambda s: s.high)

    @cached_property
    def types(self) -> np.ndarray:
        """pymcdm criterion types: 1 for benefit, -1 for cost."""
        return _readonly(np.array([1 if c.direction == "benefit" else -1 for c in self.criteria]))

    def bounds(self, matrix: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Per criterion (lo, hi): the declared scale bounds, else the lowest/highest value."""
        values = self.matrix if matrix is None else matrix
        lo = np.array(
            [c.scale.min if c.scale.min is not None else values[:, j].min()
             for j, c in enumerate(self.criteria)], dtype=float)
        hi = np.array(
            [c.scale.max if c.scale.max is not None else values[:, j].max()
             for j, c in enumerate(self.criteria)], dtype=float)
        return lo, hi

    def with_weights(self, weights: Mapping[str, float]) -> Problem:
        """A new problem with other weights for the same criteria."""
        return Problem(criteria=self.criteria, options=self.options, weights=dict(weights))

    def with_weight_vector(self, w: Sequence[float] | np.ndarray) -> Problem:
        """A new problem with weights given in criterion order."""
        return self.with_weights(dict(zip(self.criterion_ids, map(float, w), strict=True)))

    def with_matrix(self, matrix: np.ndarray) -> Problem:
        """A new problem with these values (options x criteria); ranges widen to contain them."""
        options = []
        for i, option in enumerate(self.options):
            scores = dict(option.scores)
            for j, crit in enumerate(self.criterion_ids):
                old = scores[crit]
                value = float(matrix[i, j])
                rng = (min(old.low, value), max(old.high, value)) if old.range else None
                scores[crit] = Score(value=value, range=rng, rationale=old.rationale,
                                     evidence=old.evidence, assumption=old.assumption)
            options.append(Option(id=option.id, name=option.name, summary=option.summary,
                                  proposed_by=option.proposed_by, scores=scores))
        return Problem(criteria=self.criteria, options=tuple(options), weights=self.weights)

    def _table(self, pick: Callable[[Score], float]) -> np.ndarray:
        return _readonly(np.array(
            [[pick(o.scores[c]) for c in self.criterion_ids] for o in self.options], dtype=float
        ))


def _messages(exc: ValidationError) -> list[str]:
    lines = []
    for err in exc.errors():
        if err["type"] == "value_error":
            lines.append(err["msg"].removeprefix("Value error, "))
        else:
            where = ".".join(str(p) for p in err["loc"])
            lines.append(f"{where}: {err['msg']}")
    return lines


def _readonly(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array
