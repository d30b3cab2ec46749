"""The workshop store: workshops, participants and their submissions in a real database.

SQLite file by default (WAL mode; ``MCDA_WORKSHOP_DB`` sets the path, default
``data/workshops.db`` under the repository), PostgreSQL when ``MCDA_DATABASE_URL`` is set
(``postgresql+psycopg://user:password@host:5432/dbname``). The schema is created and upgraded with
Alembic when a ``Store`` starts, so several app replicas can share one PostgreSQL database: the
store is the only state they have.

Roles. Creating a workshop returns a join code (6 characters from an alphabet without look-alikes)
and a secret facilitator token; joining with the code and a display name returns a personal
participant token. Tokens come from ``secrets.token_urlsafe(32)`` (256 bits) and only their SHA-256
is stored: for secrets of this entropy a fast hash is enough (nobody can brute-force 2^256 inputs,
so a slow password hash would add nothing), and a leaked database does not leak a working link.
Presented tokens are hashed and compared with ``hmac.compare_digest``. The facilitator can replace
a participant's link (the old one then says it was replaced), remove a participant (their link
says it is no longer valid; their submissions are dropped unless the facilitator keeps them) and
archive the workshop (participant links say the workshop has ended; the facilitator link still
reads and exports the results).

Abuse. Joining is limited in the database, so every replica enforces the same limits (``Limits``,
settable with ``MCDA_WORKSHOP_<FIELD>``): a cap on the participants of a workshop, joins per
browser session, per network address and per join code in a sliding window, a lock-out of a
session or address after repeated wrong join codes, and a limit on wrong codes across all clients,
so that codes cannot be guessed by many clients at once. Join attempts are kept only for the
longest window, and their session and address only as keyed hashes (HMAC-SHA256 with a random key
made by the migrations), never in clear. Joins are serialised (SQLite: the write lock; PostgreSQL:
an advisory transaction lock), so the counts are exact across replicas.

Every public method checks its whole input before it writes and raises a ``WorkshopError``
subclass with a message that says what is wrong (``key`` and ``params`` let a UI translate it);
a failed call changes nothing, except that a refused join is counted. Submissions are upserted
(one row per participant and round), and the check that the round is open happens in the same
transaction as the write: a SQLite write transaction starts with ``BEGIN IMMEDIATE`` (writers
queue on the database lock) and on PostgreSQL the workshop row is read ``FOR SHARE``, which a
concurrent "close round" ``UPDATE`` waits for.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import numbers
import os
import re
import secrets
import threading
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from alembic import command
from alembic.config import Config
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, defer

from mcda import weighting
from mcda.model import Problem
from mcda.workshop.aggregation import MIN_INDIVIDUAL, aggregate, group_weights, weight_matrix
from mcda.workshop.models import (
    NAME_MAX,
    TITLE_MAX,
    JoinAttempt,
    Participant,
    RetiredToken,
    StoreKey,
    Submission,
    Workshop,
)
from mcda.workshop.names import invisible, name_key, pseudonym

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = REPO_ROOT / "data" / "workshops.db"
ENV_URL = "MCDA_DATABASE_URL"
ENV_SQLITE_PATH = "MCDA_WORKSHOP_DB"
ENV_LIMIT_PREFIX = "MCDA_WORKSHOP_"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: Join codes: no 0/O, 1/I/L look-alikes; 31^6 (about 887 million) codes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: Weighting inputs a participant can use, and their scales.
METHODS: tuple[str, ...] = ("sliders", "points", "swing", "ranking")
INPUT_MAX = 100.0
POINTS_BUDGET = 100.0
COMMENT_MAX = 1000
#: Anything longer than this is refused before it is cleaned (a display name or a comment).
RAW_TEXT_LIMIT = 10_000
#: The largest id a database integer column holds (a larger one is refused before any query).
ID_MAX = 2**63 - 1
SNAPSHOT_FORMAT = 1
_ID_RE = re.compile(r"[0-9a-f]{32}")
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,128}")
_PG_MIGRATION_LOCK = 0x6D636461  # "mcda": one migrating replica at a time
_PG_JOIN_LOCK = 0x6D636A6E  # "mcjn": one join at a time, so the limits count exactly
_CLIENT_KEY = "client_hash"  # the store_keys row holding the key for client hashes
_CLIENT_TEXT_MAX = 512

MESSAGES: dict[str, str] = {
    "link_unknown": "This workshop link is not valid: no workshop has this id.",
    "code_unknown": "No workshop has this join code. Check the code and try again.",
    "token_wrong": "This link's key is not valid for this workshop. Ask for a new link.",
    "link_revoked": "This link is no longer valid: the facilitator has replaced it with a new "
                    "one. Ask the facilitator for your new link.",
    "link_removed": "This link is no longer valid: the facilitator has removed you from this "
                    "workshop.",
    "workshop_ended": "This workshop has ended: its participant links no longer open it. Thank "
                      "you for taking part.",
    "workshop_archived": "This workshop is archived: its results can be read and exported, but "
                         "nothing can be changed.",
    "workshop_full": "This workshop is full: it admits at most {limit} participants. Ask the "
                     "facilitator.",
    "join_rate_client": "Too many join attempts from this device. Try again in {minutes} min "
                        "(at {time} UTC).",
    "join_rate_network": "Too many join attempts from this network. Try again in {minutes} min "
                         "(at {time} UTC).",
    "join_rate_code": "Many people are joining this workshop at once. Try again in {minutes} "
                      "min (at {time} UTC).",
    "code_attempts_client": "Too many wrong join codes from this device. Try again in "
                            "{minutes} min (at {time} UTC).",
    "code_attempts_network": "Too many wrong join codes from this network. Try again in "
                             "{minutes} min (at {time} UTC).",
    "code_attempts_global": "Too many wrong join codes have been tried on this server just now. "
                            "Try again in {minutes} min (at {time} UTC).",
    "round_closed": "Round {round} is closed: submissions are no longer accepted.",
    "round_already_closed": "Round {round} is already closed.",
    "round_still_open": "Round {round} is still open: close it before opening the next round.",
    "round_already_open": "Round {round} is already open.",
    "name_empty": "Enter a display name (letters or digits; it is shown to the facilitator).",
    "name_too_long": "The display name has {length} characters; at most {limit} are allowed.",
    "name_invisible": "The display name contains an invisible or text-direction character "
                      "({char}). Type the name again without it.",
    "name_taken": "The name '{name}' is already taken in this workshop (or one that looks the "
                  "same). Choose another.",
    "title_empty": "Enter a title for the workshop.",
    "title_too_long": "The title has {length} characters; at most {limit} are allowed.",
    "title_invisible": "The title contains an invisible or text-direction character ({char}). "
                       "Type the title again without it.",
    "cap_invalid": "The participant limit must be a whole number from 1 to {high}, got {value}.",
    "flag_invalid": "The setting '{what}' must be true or false, got {value}.",
    "participant_unknown": "This workshop has no participant with this id.",
    "participant_removed": "This participant has already been removed.",
    "method_unknown": "Unknown weighting method '{method}' (known: {known}).",
    "not_a_mapping": "The {what} must be a mapping of criterion id to value.",
    "criteria_unknown": "Unknown criteria: {criteria}.",
    "criteria_missing": "No value for: {criteria}.",
    "value_not_number": "The value for '{criterion}' must be a finite number, got {value}.",
    "value_out_of_range": "The value for '{criterion}' is {value}; it must lie between {low} "
                          "and {high}.",
    "rank_not_whole": "The rank of '{criterion}' must be a whole number from 1 to {high}, "
                      "got {value}.",
    "points_sum": "The points add up to {total}; share exactly {budget} points.",
    "all_zero": "All weights are zero: give at least one criterion a weight.",
    "comment_not_text": "The comment on '{criterion}' must be text.",
    "comment_too_long": "The comment on '{criterion}' has {length} characters; at most {limit} "
                        "are allowed.",
    "problem_invalid": "A workshop needs a validated problem (criteria, options, scores).",
    "snapshot_invalid": "The workshop's stored problem cannot be read: {detail}",
    "database_unsupported": "Unsupported database URL '{url}': use sqlite:///path or "
                            "postgresql+psycopg://...",
    "database_unavailable": "The workshop database is not reachable right now; try again in a "
                            "moment.",
    "limit_invalid": "The setting {name} must be a whole number from 1 to {high}, got {value}.",
}


class WorkshopError(Exception):
    """A workshop request that cannot be served; nothing was changed.

    ``key`` names the message (see ``MESSAGES``) and ``params`` its values, so that a UI can show
    it in its own language; ``str(error)`` is the English message.
    """

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(MESSAGES[key].format(**params))


class WorkshopNotFound(WorkshopError):
    """No workshop with this id or join code."""


class AccessDenied(WorkshopError):
    """The token does not open this workshop (wrong, altered or from another workshop)."""


class LinkRevoked(AccessDenied):
    """The token was a participant's, but the facilitator replaced it or removed them."""


class WorkshopEnded(WorkshopError):
    """The workshop is archived: participants cannot open or join it, nothing can change."""


class WorkshopFull(WorkshopError):
    """The workshop already has as many participants as it admits."""


class TooManyAttempts(WorkshopError):
    """A join refused by a rate limit or lock-out; ``params`` say when to try again."""


class RoundClosed(WorkshopError):
    """A submission arrived after the round was closed."""


class RoundStateError(WorkshopError):
    """A round action that does not fit the round's state (closing a closed round, ...)."""


class InvalidInput(WorkshopError, ValueError):
    """A value from a user is not acceptable (name, title, weights, comments)."""


class NameTaken(InvalidInput):
    """Another participant of the workshop already uses this display name (or a look-alike)."""


class StoreError(WorkshopError):
    """The database is misconfigured, unreachable or holds something unreadable."""


@dataclass(frozen=True)
class Limits:
    """What the operator allows; each field can be set with ``MCDA_WORKSHOP_<FIELD>`` (e.g.
    ``MCDA_WORKSHOP_MAX_PARTICIPANTS=300``).

    ``max_participants`` caps every workshop (a facilitator may choose a lower cap). Join
    attempts are counted in a sliding window of ``join_window_seconds``: per browser session
    (``joins_per_client``), per network address (``joins_per_network``, higher because a room on
    one wifi often shares one address) and per join code (``joins_per_code``). Wrong join codes
    are counted over ``lockout_seconds``: a session or an address that reaches its limit
    (``failures_per_client``, ``failures_per_network``) is locked out until the oldest of those
    wrong codes is ``lockout_seconds`` old. ``failures_global`` wrong codes within
    ``join_window_seconds`` from all clients together stop every code lookup until the oldest
    of them leaves the window: with 887 million codes that bounds guessing to a few hundred
    thousand tries a day. Refused attempts are not counted, so a locked-out client cannot
    extend its own lock-out, and every count stays at most its limit.
    """

    max_participants: int = 200
    join_window_seconds: int = 60
    joins_per_client: int = 10
    joins_per_network: int = 60
    joins_per_code: int = 60
    lockout_seconds: int = 900
    failures_per_client: int = 10
    failures_per_network: int = 30
    failures_global: int = 120

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10**6:
                raise StoreError("limit_invalid", name=env_name(item.name), high=10**6,
                                 value=shown(value))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by ``MCDA_WORKSHOP_<FIELD>`` variables that are set."""
        env = os.environ if env is None else env
        values: dict[str, int] = {}
        for item in fields(cls):
            raw = env.get(env_name(item.name), "").strip()
            if not raw:
                continue
            if not re.fullmatch(r"[0-9]{1,7}", raw):
                raise StoreError("limit_invalid", name=env_name(item.name), high=10**6,
                                 value=shown(raw))
            values[item.name] = int(raw)
        return cls(**values)

    @property
    def retention(self) -> timedelta:
        """How long a join attempt matters to any limit."""
        return timedelta(seconds=max(self.join_window_seconds, self.lockout_seconds))


def env_name(limit: str) -> str:
    """The environment variable of a ``Limits`` field."""
    return ENV_LIMIT_PREFIX + limit.upper()


def shown(value: object) -> str:
    """A value for a message, cut short; a huge integer by its size (``repr`` of an int with
    more than 4,300 digits raises)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return f"a number with about {int(value.bit_length() * math.log10(2)) + 1} digits"
    return repr(value)[:40]


@dataclass(frozen=True)
class Created:
    """A new workshop: its id, the join code for participants and the secret facilitator token."""

    workshop_id: str
    join_code: str
    facilitator_token: str


@dataclass(frozen=True)
class Joined:
    """A participant who joined (or got a new link): the personal token is the only copy, it is
    stored hashed."""

    workshop_id: str
    participant_id: int
    display_name: str
    label: str
    token: str


@dataclass(frozen=True)
class WorkshopInfo:
    """A workshop's public state (no secrets); ``max_participants`` is the cap in force."""

    id: str
    join_code: str
    title: str
    problem: Problem
    show_group: bool
    anonymous: bool
    current_round: int
    round_open: bool
    created_at: datetime
    max_participants: int = Limits.max_participants
    archived: bool = False


@dataclass(frozen=True)
class ParticipantInfo:
    """A participant as the facilitator sees them; ``label`` is a stable pseudonym."""

    id: int
    display_name: str
    label: str
    joined_at: datetime
    removed: bool = False


@dataclass(frozen=True)
class SubmissionRecord:
    """One participant's weights in one round: the raw inputs and the normalised weights."""

    participant_id: int
    round: int
    method: str
    inputs: dict[str, float]
    weights: dict[str, float]
    comments: dict[str, str]
    submitted_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Dashboard:
    """Everything the facilitator sees: the workshop, its participants (removed ones included,
    marked) and all submissions (a removed participant's only where the facilitator kept them)."""

    workshop: WorkshopInfo
    participants: tuple[ParticipantInfo, ...]
    submissions: tuple[SubmissionRecord, ...]

    @cached_property
    def _by_id(self) -> dict[int, ParticipantInfo]:
        return {p.id: p for p in self.participants}

    @cached_property
    def _rounds(self) -> dict[int, list[SubmissionRecord]]:
        order = {p.id: i for i, p in enumerate(self.participants)}
        rounds: dict[int, list[SubmissionRecord]] = {}
        for s in sorted(self.submissions, key=lambda s: order[s.participant_id]):
            rounds.setdefault(s.round, []).append(s)
        return rounds

    def round(self, number: int) -> list[SubmissionRecord]:
        """The submissions of one round, in participant order."""
        return list(self._rounds.get(number, ()))

    def participant(self, participant_id: int) -> ParticipantInfo:
        """The participant with this id."""
        return self._by_id[participant_id]

    def name(self, participant_id: int) -> str:
        """The participant's display name, or their pseudonym in an anonymous workshop."""
        person = self.participant(participant_id)
        return person.label if self.workshop.anonymous else person.display_name

    @property
    def active(self) -> tuple[ParticipantInfo, ...]:
        """The participants who have not been removed."""
        return tuple(p for p in self.participants if not p.removed)

    def members(self, number: int | None = None) -> list[ParticipantInfo]:
        """Who counts in round ``number`` (any round when None): the participants not removed
        and the removed ones whose submissions (there) were kept."""
        rows = self.submissions if number is None else self.round(number)
        kept = {s.participant_id for s in rows}
        return [p for p in self.participants if not p.removed or p.id in kept]


@dataclass(frozen=True)
class GroupView:
    """The group's weights in one round as a participant may see them: the number of
    submissions, the mean and median weights (no median where it is zero for every criterion)
    and, only from ``MIN_INDIVIDUAL`` submissions on,
    the individual weight vectors (in an order that says nothing about who is who). In a room of
    two or three, individual weights could be told apart and read off."""

    count: int
    mean: dict[str, float]
    median: dict[str, float] | None
    points: tuple[dict[str, float], ...] = ()


@dataclass(frozen=True)
class ParticipantView:
    """What one participant may see: their own submissions and the group's weights.

    ``group`` maps a round to its ``GroupView``: every earlier round (the Delphi feedback), and
    the current round once this participant has submitted in it and the facilitator shows the
    group result.
    """

    workshop: WorkshopInfo
    me: ParticipantInfo
    own: dict[int, SubmissionRecord]
    group: dict[int, GroupView] = field(default_factory=dict)
    participants: int = 0
    submitted: int = 0


@dataclass(frozen=True)
class ParticipantStatus:
    """The little a participant's page polls for: the round, whether it is open, whether the
    group result is shown, and the progress of the round."""

    current_round: int
    round_open: bool
    show_group: bool
    participants: int
    submitted: int


def database_url(env: Mapping[str, str] | None = None) -> str:
    """The store URL: ``MCDA_DATABASE_URL`` if set, else the SQLite file ``MCDA_WORKSHOP_DB``."""
    env = os.environ if env is None else env
    url = env.get(ENV_URL, "").strip()
    if url:
        return url
    path = Path(env.get(ENV_SQLITE_PATH, "").strip() or DEFAULT_DB).expanduser().resolve()
    return f"sqlite:///{path}"


def hash_token(token: str) -> str:
    """SHA-256 hex digest of a token (see the module docstring for why a fast hash suffices)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), stored_hash)


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_join_code() -> str:
    """A random join code from ``CODE_ALPHABET``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_join_code(code: object) -> str | None:
    """The code as stored (upper case, spaces and dashes dropped), or None if it cannot be one."""
    if not isinstance(code, str) or len(code) > 64:
        return None
    cleaned = re.sub(r"[\s\-]", "", code).upper()
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        return None
    return cleaned


def _strip_controls(text: str, keep_newlines: bool = False) -> str:
    """NFC text without control, format, private-use or unassigned characters."""
    text = unicodedata.normalize("NFC", text)
    return "".join(
        ch for ch in text
        if (keep_newlines and ch == "\n")
        or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


def _clean_line(raw: object, limit: int, what: str) -> str:
    """One line of text: refused if it holds a bidirectional control or a zero-width character
    (the reader would see another text than was sent), other control characters dropped,
    whitespace collapsed, 1..``limit`` characters."""
    if not isinstance(raw, str):
        raise InvalidInput(f"{what}_empty")
    if len(raw) > RAW_TEXT_LIMIT:
        raise InvalidInput(f"{what}_too_long", length=len(raw), limit=limit)
    hidden = invisible(raw)
    if hidden:
        raise InvalidInput(f"{what}_invisible", char=hidden)
    spaced = "".join(" " if ch.isspace() else ch for ch in raw)  # tabs, newlines -> spaces
    cleaned = " ".join(_strip_controls(spaced).split())
    if not cleaned:
        raise InvalidInput(f"{what}_empty")
    if len(cleaned) > limit:
        raise InvalidInput(f"{what}_too_long", length=len(cleaned), limit=limit)
    return cleaned


def clean_display_name(raw: object) -> str:
    """A display name: nothing invisible, control characters removed, whitespace collapsed,
    1..40 characters."""
    return _clean_line(raw, NAME_MAX, "name")


def clean_title(raw: object) -> str:
    """A workshop title: cleaned like a display name, 1..200 characters."""
    return _clean_line(raw, TITLE_MAX, "title")


def _number(value: object, criterion: str, low: float, high: float) -> float:
    """A finite float from a number; booleans, text, NaN and infinities are refused, and an
    integer (or fraction) too large for a float is out of range rather than an OverflowError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInput("value_not_number", criterion=criterion, value=shown(value))
    try:
        number = float(value)
    except OverflowError:
        raise InvalidInput("value_out_of_range", criterion=criterion, value=shown(value),
                           low=f"{low:g}", high=f"{high:g}") from None
    if not math.isfinite(number):
        raise InvalidInput("value_not_number", criterion=criterion, value=shown(value))
    return number


def _whole(value: object, high: int) -> int | None:
    """``value`` as an int in 1..high, or None if it is not one (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None
    number = int(value)
    return number if 1 <= number <= high else None


def _flag(value: object, what: str) -> bool:
    """A setting that must be a real boolean (``bool('false')`` is True)."""
    if not isinstance(value, bool):
        raise InvalidInput("flag_invalid", what=what, value=shown(value))
    return value


def _check_keys(values: object, criteria: tuple[str, ...], what: str,
                require_all: bool) -> Mapping[str, Any]:
    if not isinstance(values, Mapping):
        raise InvalidInput("not_a_mapping", what=what)
    unknown = [str(k)[:40] for k in values if k not in criteria]
    if unknown:
        raise InvalidInput("criteria_unknown", criteria=", ".join(sorted(unknown)[:10]))
    missing = [c for c in criteria if c not in values]
    if require_all and missing:
        raise InvalidInput("criteria_missing", criteria=", ".join(missing))
    return values


def weights_from(method: str, values: Mapping[str, object],
                 criteria: tuple[str, ...]) -> tuple[dict[str, float], dict[str, float]]:
    """Check a participant's inputs and derive normalised weights: (inputs, weights).

    ``sliders``: a weight 0..100 per criterion, normalised. ``points``: 0..100 per criterion,
    adding up to exactly 100. ``swing``: swing ratings 0..100 (the most valued swing 100).
    ``ranking``: a rank 1..m per criterion (1 = most important, ties allowed), turned into rank
    order centroid weights. Every criterion needs a value.
    """
    if method not in METHODS:
        raise InvalidInput("method_unknown", method=str(method)[:40], known=", ".join(METHODS))
    values = _check_keys(values, criteria, "weights", require_all=True)
    high = float(len(criteria)) if method == "ranking" else INPUT_MAX
    low = 1.0 if method == "ranking" else 0.0
    inputs = {c: _number(values[c], c, low, high) for c in criteria}
    for c, x in inputs.items():
        if method == "ranking" and x != int(x):
            raise InvalidInput("rank_not_whole", criterion=c, value=f"{x:g}", high=int(high))
        if not low <= x <= high:
            raise InvalidInput("value_out_of_range", criterion=c, value=f"{x:g}",
                               low=f"{low:g}", high=f"{high:g}")
    if method == "points":
        total = math.fsum(inputs.values())
        if not math.isclose(total, POINTS_BUDGET, rel_tol=0, abs_tol=1e-6):
            raise InvalidInput("points_sum", total=f"{total:g}", budget=f"{POINTS_BUDGET:g}")
    if method != "ranking" and not any(inputs.values()):
        raise InvalidInput("all_zero")
    try:
        if method == "ranking":
            weights = weighting.rank_order_centroid({c: int(x) for c, x in inputs.items()})
        elif method == "swing":
            weights = weighting.swing(inputs)
        else:
            weights = weighting.normalise(inputs)
    except weighting.WeightingError as exc:
        raise InvalidInput("all_zero") from exc
    return inputs, weights


def clean_comments(comments: object, criteria: tuple[str, ...]) -> dict[str, str]:
    """Comments per criterion: text, control characters removed, empty ones dropped, <= 1000."""
    if comments is None:
        return {}
    values = _check_keys(comments, criteria, "comments", require_all=False)
    cleaned: dict[str, str] = {}
    for c in criteria:
        if c not in values or values[c] is None:
            continue
        raw = values[c]
        if not isinstance(raw, str):
            raise InvalidInput("comment_not_text", criterion=c)
        if len(raw) > RAW_TEXT_LIMIT:
            raise InvalidInput("comment_too_long", criterion=c, length=len(raw), limit=COMMENT_MAX)
        text_ = _strip_controls(raw, keep_newlines=True).strip()
        if len(text_) > COMMENT_MAX:
            raise InvalidInput("comment_too_long", criterion=c, length=len(text_),
                               limit=COMMENT_MAX)
        if text_:
            cleaned[c] = text_
    return cleaned


def _make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError or ValueError on garbage
        raise StoreError("database_unsupported", url=_masked(url)) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            raise StoreError("database_unsupported", url=_masked(url))
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 60, "check_same_thread": False})
        _sqlite_events(engine)
        return engine
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20,
                             pool_timeout=60)
    raise StoreError("database_unsupported", url=_masked(url))


def _masked(url: str) -> str:
    return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)[:200]


def _sqlite_events(engine: Engine) -> None:
    """WAL, foreign keys, and our own BEGIN: DEFERRED to read, IMMEDIATE to write."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None  # the driver must not BEGIN on its own
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


class Store:
    """The workshop database. Thread-safe; one per process is enough (it pools connections).

    ``limits`` default to ``Limits.from_env()``; ``clock`` returns the current time (aware, UTC)
    and is there for tests in which time has to pass.
    """

    def __init__(self, url: str | None = None, *, limits: Limits | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.url = url or database_url()
        self.limits = limits if limits is not None else Limits.from_env()
        self._clock = clock or _now
        self.engine = _make_engine(self.url)
        self.dialect = self.engine.dialect.name
        self._writer = (self.engine.execution_options(sqlite_begin="IMMEDIATE")
                        if self.dialect == "sqlite" else self.engine)
        self._problems: dict[str, Problem] = {}
        self._lock = threading.Lock()
        self.migrate()
        self._client_key = self._load_client_key()

    def close(self) -> None:
        """Close the store's pooled connections."""
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({_masked(self.url)!r})"

    # -- plumbing --------------------------------------------------------------------------

    def migrate(self) -> None:
        """Upgrade the schema to the newest Alembic revision (one replica at a time)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self._guard(), self._writer.begin() as connection:
            if self.dialect == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": _PG_MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def _load_client_key(self) -> bytes:
        """The key client hashes are made with (made by the migrations; again if lost)."""
        with self._session(write=True) as session:
            row = session.get(StoreKey, _CLIENT_KEY)
            if row is None:
                row = StoreKey(name=_CLIENT_KEY, value=secrets.token_hex(32))
                session.add(row)
            return row.value.encode("ascii")

    def _now(self) -> datetime:
        return _utc(self._clock())

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn a lost or locked database into a ``StoreError`` the UI can show."""
        try:
            yield
        except OperationalError as exc:
            raise StoreError("database_unavailable") from exc

    @contextmanager
    def _session(self, write: bool) -> Iterator[Session]:
        with (self._guard(), Session(self._writer if write else self.engine) as session,
              session.begin()):
            yield session

    def _problem(self, row: Workshop) -> Problem:
        """The workshop's problem, validated once per process (the snapshot is loaded only
        then: it is deferred in every query)."""
        with self._lock:
            cached = self._problems.get(row.id)
        if cached is not None:
            return cached
        try:
            problem = Problem.model_validate(row.snapshot["problem"])
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError("snapshot_invalid", detail=str(exc)[:300]) from exc
        with self._lock:
            self._problems[row.id] = problem
        return problem

    def _cap(self, row: Workshop) -> int:
        """The participant cap in force: the facilitator's, never above the operator's."""
        operator = self.limits.max_participants
        return min(row.max_participants or operator, operator)

    def _info(self, row: Workshop) -> WorkshopInfo:
        return WorkshopInfo(
            id=row.id, join_code=row.join_code, title=row.title, problem=self._problem(row),
            show_group=row.show_group, anonymous=row.anonymous,
            current_round=row.current_round, round_open=row.round_open,
            created_at=_utc(row.created_at), max_participants=self._cap(row),
            archived=row.archived_at is not None,
        )

    @staticmethod
    def _workshop(session: Session, workshop_id: object, lock: bool = False) -> Workshop:
        if not isinstance(workshop_id, str) or not _ID_RE.fullmatch(workshop_id):
            raise WorkshopNotFound("link_unknown")
        query = (select(Workshop).options(defer(Workshop.snapshot))
                 .where(Workshop.id == workshop_id))
        if lock:
            query = query.with_for_update(read=True)
        row = session.scalars(query).first()
        if row is None:
            raise WorkshopNotFound("link_unknown")
        return row

    def _as_facilitator(self, session: Session, workshop_id: object, token: object,
                        lock: bool = False) -> Workshop:
        row = self._workshop(session, workshop_id, lock)
        if not isinstance(token, str) or not _TOKEN_RE.fullmatch(token) \
                or not _token_matches(token, row.facilitator_token_hash):
            raise AccessDenied("token_wrong")
        return row

    def _as_participant(self, session: Session, workshop_id: object, token: object,
                        lock: bool = False) -> tuple[Workshop, Participant]:
        """The workshop and the participant whose link this is; a replaced link, a removed
        participant and an archived workshop each get their own message."""
        row = self._workshop(session, workshop_id, lock)
        if not isinstance(token, str) or not _TOKEN_RE.fullmatch(token):
            raise AccessDenied("token_wrong")
        digest = hash_token(token)
        person = session.scalars(
            select(Participant).where(Participant.workshop_id == row.id,
                                      Participant.token_hash == digest)
        ).first()
        if person is None or not hmac.compare_digest(person.token_hash, digest):
            retired = session.scalar(
                select(RetiredToken.participant_id)
                .join(Participant, RetiredToken.participant_id == Participant.id)
                .where(RetiredToken.token_hash == digest, Participant.workshop_id == row.id))
            if retired is not None:
                raise LinkRevoked("link_revoked")
            raise AccessDenied("token_wrong")
        if person.removed_at is not None:
            raise LinkRevoked("link_removed")
        if row.archived_at is not None:
            raise WorkshopEnded("workshop_ended")
        return row, person

    @staticmethod
    def _writable(row: Workshop) -> None:
        if row.archived_at is not None:
            raise WorkshopEnded("workshop_archived")

    @staticmethod
    def _member(session: Session, row: Workshop, participant_id: object) -> Participant:
        """A participant of this workshop who has not been removed."""
        number = _whole(participant_id, ID_MAX)
        person = None if number is None else session.scalars(
            select(Participant).where(Participant.id == number,
                                      Participant.workshop_id == row.id)).first()
        if person is None:
            raise InvalidInput("participant_unknown")
        if person.removed_at is not None:
            raise InvalidInput("participant_removed")
        return person

    @staticmethod
    def _person(row: Participant) -> ParticipantInfo:
        return ParticipantInfo(id=row.id, display_name=row.display_name, label=row.pseudonym,
                               joined_at=_utc(row.joined_at), removed=row.removed_at is not None)

    @staticmethod
    def _record(row: Submission) -> SubmissionRecord:
        return SubmissionRecord(
            participant_id=row.participant_id, round=row.round, method=row.method,
            inputs={k: float(v) for k, v in row.inputs.items()},
            weights={k: float(v) for k, v in row.weights.items()},
            comments=dict(row.comments), submitted_at=_utc(row.submitted_at),
            updated_at=_utc(row.updated_at),
        )

    @staticmethod
    def _progress(session: Session, row: Workshop) -> tuple[int, int]:
        """(participants, submissions) of the current round: the participants not removed,
        plus removed ones whose submission in the round was kept."""
        in_round = select(Submission.participant_id).where(Submission.round == row.current_round)
        members = session.scalar(
            select(func.count()).select_from(Participant)
            .where(Participant.workshop_id == row.id,
                   Participant.removed_at.is_(None) | Participant.id.in_(in_round)))
        submitted = session.scalar(
            select(func.count()).select_from(Submission)
            .join(Participant, Submission.participant_id == Participant.id)
            .where(Participant.workshop_id == row.id, Submission.round == row.current_round))
        return int(members or 0), int(submitted or 0)

    def _insert(self) -> Callable[..., Any]:
        return postgresql.insert if self.dialect == "postgresql" else sqlite.insert

    def _client_hash(self, kind: str, raw: object) -> str | None:
        """A keyed hash of a client identifier (a session id, a network address), or None."""
        if not isinstance(raw, str) or not raw.strip():
            return None
        message = f"{kind}\n{raw.strip()[:_CLIENT_TEXT_MAX]}".encode("utf-8", "replace")
        return hmac.new(self._client_key, message, hashlib.sha256).hexdigest()

    # -- facilitator -----------------------------------------------------------------------

    def create_workshop(self, title: str, problem: Problem, *, show_group: bool = True,
                        anonymous: bool = False, max_participants: int | None = None) -> Created:
        """A new workshop on a snapshot of ``problem`` (its weights are the starting point).

        ``max_participants`` lowers the operator's cap for this workshop (None: the operator's).
        """
        clean = clean_title(title)
        if not isinstance(problem, Problem):
            raise InvalidInput("problem_invalid")
        show, anon = _flag(show_group, "show_group"), _flag(anonymous, "anonymous")
        cap = None
        if max_participants is not None:
            cap = _whole(max_participants, self.limits.max_participants)
            if cap is None:
                raise InvalidInput("cap_invalid", high=self.limits.max_participants,
                                   value=shown(max_participants))
        snapshot = {"format": SNAPSHOT_FORMAT, "problem": problem.model_dump(mode="json")}
        token = secrets.token_urlsafe(32)
        workshop_id = uuid.uuid4().hex
        for _attempt in range(20):
            code = new_join_code()
            try:
                with self._session(write=True) as session:
                    session.add(Workshop(
                        id=workshop_id, join_code=code, facilitator_token_hash=hash_token(token),
                        title=clean, snapshot=snapshot, show_group=show, anonymous=anon,
                        current_round=1, round_open=True, created_at=self._now(),
                        max_participants=cap,
                    ))
            except IntegrityError:
                continue  # the join code is taken: draw another
            return Created(workshop_id=workshop_id, join_code=code, facilitator_token=token)
        raise StoreError("database_unavailable")

    def dashboard(self, workshop_id: str, token: str) -> Dashboard:
        """The facilitator's view: workshop, participants (stable order) and every submission.

        Three queries whatever the number of participants (the workshop, its participants, its
        submissions); it works on an archived workshop too.
        """
        with self._session(write=False) as session:
            row = self._as_facilitator(session, workshop_id, token)
            people = session.scalars(
                select(Participant).where(Participant.workshop_id == row.id)
                .order_by(Participant.id)
            ).all()
            subs = session.scalars(
                select(Submission).join(Participant)
                .where(Participant.workshop_id == row.id)
                .order_by(Submission.round, Submission.participant_id)
            ).all()
            return Dashboard(workshop=self._info(row),
                             participants=tuple(self._person(p) for p in people),
                             submissions=tuple(self._record(s) for s in subs))

    def workshop(self, workshop_id: str, token: str) -> WorkshopInfo:
        """The workshop's state, for the facilitator."""
        with self._session(write=False) as session:
            return self._info(self._as_facilitator(session, workshop_id, token))

    def close_round(self, workshop_id: str, token: str) -> WorkshopInfo:
        """Close the current round: later submissions get ``RoundClosed``."""
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            self._writable(row)
            if not row.round_open:
                raise RoundStateError("round_already_closed", round=row.current_round)
            row.round_open = False
            session.flush()
            return self._info(row)

    def reopen_round(self, workshop_id: str, token: str) -> WorkshopInfo:
        """Open the current round again (after closing it too early)."""
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            self._writable(row)
            if row.round_open:
                raise RoundStateError("round_already_open", round=row.current_round)
            row.round_open = True
            session.flush()
            return self._info(row)

    def open_next_round(self, workshop_id: str, token: str) -> WorkshopInfo:
        """Start the next (Delphi) round; the current one must be closed."""
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            self._writable(row)
            if row.round_open:
                raise RoundStateError("round_still_open", round=row.current_round)
            session.execute(
                update(Workshop).where(Workshop.id == row.id, Workshop.round_open.is_(False))
                .values(current_round=Workshop.current_round + 1, round_open=True)
            )
            session.refresh(row)
            return self._info(row)

    def set_settings(self, workshop_id: str, token: str, *, show_group: bool | None = None,
                     anonymous: bool | None = None) -> WorkshopInfo:
        """Change whether participants see the group result and whether names are hidden."""
        show = None if show_group is None else _flag(show_group, "show_group")
        anon = None if anonymous is None else _flag(anonymous, "anonymous")
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            self._writable(row)
            if show is not None:
                row.show_group = show
            if anon is not None:
                row.anonymous = anon
            session.flush()
            return self._info(row)

    def archive_workshop(self, workshop_id: str, token: str) -> WorkshopInfo:
        """End the workshop: the round closes, participant links and the join code stop
        working, nothing can change any more; the facilitator link still reads and exports."""
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            self._writable(row)
            row.archived_at = self._now()
            row.round_open = False
            session.flush()
            return self._info(row)

    def remove_participant(self, workshop_id: str, token: str, participant_id: int, *,
                           keep_submissions: bool = False) -> ParticipantInfo:
        """Remove a participant: their link stops working (it says so) and their name is free
        again. Their submissions are deleted, unless ``keep_submissions``: then they keep
        counting in the group result (someone who had to leave early), under their name."""
        keep = _flag(keep_submissions, "keep_submissions")
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            self._writable(row)
            person = self._member(session, row, participant_id)
            person.removed_at = self._now()
            person.name_key = f"\t{person.id}"  # no cleaned name has a tab: the name is free
            if not keep:
                session.execute(delete(Submission).where(Submission.participant_id == person.id))
            session.flush()
            return self._person(person)

    def revoke_link(self, workshop_id: str, token: str, participant_id: int) -> Joined:
        """Replace a participant's link (say it leaked): the old one says it was replaced, the
        new token is returned for the facilitator to hand over; answers and pseudonym stay."""
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            self._writable(row)
            person = self._member(session, row, participant_id)
            new_token = secrets.token_urlsafe(32)
            session.add(RetiredToken(token_hash=person.token_hash, participant_id=person.id,
                                     retired_at=self._now()))
            person.token_hash = hash_token(new_token)
            session.flush()
            return Joined(workshop_id=row.id, participant_id=person.id,
                          display_name=person.display_name, label=person.pseudonym,
                          token=new_token)

    # -- participants ----------------------------------------------------------------------

    def join(self, join_code: str, display_name: str, *, client: str | None = None,
             network: str | None = None) -> Joined:
        """Join the workshop with this code under a display name; returns the personal token.

        ``client`` identifies the browser session and ``network`` its address (both stored only
        as keyed hashes); the join limits of ``Limits`` apply to them, to the code and to wrong
        codes from everyone. A refused join is counted too (a wrong code as a failure), so the
        attempt is recorded before the error is raised.
        """
        name = clean_display_name(display_name)
        code = normalise_join_code(join_code)
        if code is None:  # not a possible code: nothing was looked up, nothing to count
            raise WorkshopNotFound("code_unknown")
        client_hash = self._client_hash("client", client)
        network_hash = self._client_hash("network", network)
        token = secrets.token_urlsafe(32)
        try:
            with self._session(write=True) as session:
                if self.dialect == "postgresql":
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                    {"key": _PG_JOIN_LOCK})
                now = self._now()
                session.execute(delete(JoinAttempt)
                                .where(JoinAttempt.at <= now - self.limits.retention))
                self._check_join_limits(session, now, code, client_hash, network_hash)
                outcome = self._admit(session, now, code, name, token)
                bad = isinstance(outcome, WorkshopNotFound)
                session.add(JoinAttempt(at=now, client_hash=client_hash,
                                        network_hash=network_hash,
                                        code=None if bad else code, bad_code=bad))
        except IntegrityError as exc:  # two joins with one name at the same moment
            raise NameTaken("name_taken", name=name) from exc
        if isinstance(outcome, WorkshopError):
            raise outcome
        return outcome

    def _check_join_limits(self, session: Session, now: datetime, code: str,
                           client: str | None, network: str | None) -> None:
        """Raise ``TooManyAttempts`` when a join limit is reached (see ``Limits``): each is a
        sliding window, so the wait is until the oldest attempt counted leaves it."""
        limits = self.limits
        window = timedelta(seconds=limits.join_window_seconds)
        lockout = timedelta(seconds=limits.lockout_seconds)
        attempt = JoinAttempt
        wrong = attempt.bad_code.is_(True)
        checks: list[tuple[str | None, ColumnElement[bool] | None, timedelta, int, str]] = [
            ("all", wrong, window, limits.failures_global, "code_attempts_global"),
            (client, (attempt.client_hash == client) & wrong, lockout,
             limits.failures_per_client, "code_attempts_client"),
            (network, (attempt.network_hash == network) & wrong, lockout,
             limits.failures_per_network, "code_attempts_network"),
            (client, attempt.client_hash == client, window, limits.joins_per_client,
             "join_rate_client"),
            (network, attempt.network_hash == network, window, limits.joins_per_network,
             "join_rate_network"),
            (code, attempt.code == code, window, limits.joins_per_code, "join_rate_code"),
        ]
        for value, which, span, limit, key in checks:
            if value is None:
                continue
            count, oldest = session.execute(
                select(func.count(), func.min(attempt.at))
                .where(which, attempt.at > now - span)).one()
            if int(count or 0) >= limit:
                raise _wait(key, now, _utc(oldest) + span)

    def _admit(self, session: Session, now: datetime, code: str, name: str,
               token: str) -> Joined | WorkshopError:
        """Add the participant, or the reason why not (returned: the attempt is recorded)."""
        row = session.scalars(select(Workshop).options(defer(Workshop.snapshot))
                              .where(Workshop.join_code == code)).first()
        if row is None:
            return WorkshopNotFound("code_unknown")
        if row.archived_at is not None:
            return WorkshopEnded("workshop_ended")
        cap = self._cap(row)
        active = session.scalar(
            select(func.count()).select_from(Participant)
            .where(Participant.workshop_id == row.id, Participant.removed_at.is_(None)))
        if int(active or 0) >= cap:
            return WorkshopFull("workshop_full", limit=cap)
        key = name_key(name)
        taken = session.scalars(
            select(Participant.id).where(Participant.workshop_id == row.id,
                                         Participant.name_key == key)
        ).first()
        if taken is not None:
            return NameTaken("name_taken", name=name)
        digest = hash_token(token)
        labels = set(session.scalars(select(Participant.pseudonym)
                                     .where(Participant.workshop_id == row.id)))
        label = pseudonym(digest)
        while label in labels:  # 923,521 pseudonyms: 200 people share one now and then
            label = pseudonym(secrets.token_hex(8))
        person = Participant(workshop_id=row.id, display_name=name, name_key=key,
                             token_hash=digest, joined_at=now, pseudonym=label)
        session.add(person)
        session.flush()
        return Joined(workshop_id=row.id, participant_id=person.id, display_name=name,
                      label=label, token=token)

    def participant_view(self, workshop_id: str, token: str) -> ParticipantView:
        """What this participant may see (see ``ParticipantView`` and ``GroupView``)."""
        with self._session(write=False) as session:
            row, person = self._as_participant(session, workshop_id, token)
            own = {s.round: self._record(s) for s in session.scalars(
                select(Submission).where(Submission.participant_id == person.id))}
            current = row.current_round
            visible = set(range(1, current))
            if row.show_group and current in own:
                visible.add(current)
            weights: dict[int, list[dict[str, float]]] = {}
            if visible:
                for number, vector in session.execute(
                        select(Submission.round, Submission.weights)
                        .join(Participant, Submission.participant_id == Participant.id)
                        .where(Participant.workshop_id == row.id,
                               Submission.round.in_(sorted(visible)))):
                    weights.setdefault(number, []).append(
                        {k: float(v) for k, v in vector.items()})
            info = self._info(row)
            criteria = info.problem.criterion_ids
            members, submitted = self._progress(session, row)
            return ParticipantView(
                workshop=info, me=self._person(person), own=own,
                group={r: group_view(weights[r], criteria) for r in sorted(weights)},
                participants=members, submitted=submitted,
            )

    def participant_status(self, workshop_id: str, token: str) -> ParticipantStatus:
        """The round state and progress only: what a participant's page polls for, in three
        small queries (no submissions, no problem)."""
        with self._session(write=False) as session:
            row, _person = self._as_participant(session, workshop_id, token)
            members, submitted = self._progress(session, row)
            return ParticipantStatus(current_round=row.current_round,
                                     round_open=row.round_open, show_group=row.show_group,
                                     participants=members, submitted=submitted)

    def submit(self, workshop_id: str, token: str, method: str, values: Mapping[str, object],
               comments: Mapping[str, object] | None = None) -> SubmissionRecord:
        """Submit (or replace) this participant's weights for the current, open round."""
        with self._session(write=True) as session:
            row, person = self._as_participant(session, workshop_id, token, lock=True)
            if not row.round_open:
                raise RoundClosed("round_closed", round=row.current_round)
            criteria = self._problem(row).criterion_ids
            inputs, weights = weights_from(method, values, criteria)
            notes = clean_comments(comments, criteria)
            now = self._now()
            insert = self._insert()
            statement = insert(Submission).values(
                participant_id=person.id, round=row.current_round, method=method,
                inputs=inputs, weights=weights, comments=notes, submitted_at=now, updated_at=now,
            )
            statement = statement.on_conflict_do_update(
                index_elements=["participant_id", "round"],
                set_={
                    "method": statement.excluded.method,
                    "inputs": statement.excluded.inputs,
                    "weights": statement.excluded.weights,
                    "comments": statement.excluded.comments,
                    "updated_at": statement.excluded.updated_at,
                },
            )
            session.execute(statement)
            saved = session.scalars(
                select(Submission).where(Submission.participant_id == person.id,
                                         Submission.round == row.current_round)
                .execution_options(populate_existing=True)
            ).one()
            return self._record(saved)


def group_view(weights: list[dict[str, float]], criteria: tuple[str, ...]) -> GroupView:
    """The ``GroupView`` of one round's weight vectors: individual vectors only from
    ``MIN_INDIVIDUAL`` on; no median where it is zero for every criterion."""
    W = weight_matrix(weights, criteria)
    median = group_weights(W)["median"]
    points: tuple[dict[str, float], ...] = ()
    if len(weights) >= MIN_INDIVIDUAL:
        points = tuple(sorted(weights, key=lambda w: tuple(sorted(w.items()))))
    return GroupView(
        count=len(weights), mean=_by_criterion(aggregate(W, "mean"), criteria),
        median=None if median is None else _by_criterion(median, criteria), points=points)


def _by_criterion(vector: np.ndarray, criteria: tuple[str, ...]) -> dict[str, float]:
    return {c: float(v) for c, v in zip(criteria, vector, strict=True)}


def _wait(key: str, now: datetime, until: datetime) -> TooManyAttempts:
    """A ``TooManyAttempts`` saying when to try again (whole minutes, and the UTC time)."""
    seconds = max((until - now).total_seconds(), 1.0)
    return TooManyAttempts(key, minutes=math.ceil(seconds / 60), time=until.strftime("%H:%M"))
