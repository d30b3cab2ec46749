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
Presented tokens are hashed and compared with ``hmac.compare_digest``.

Every public method checks its whole input before it writes and raises a ``WorkshopError``
subclass with a message that says what is wrong (``key`` and ``params`` let a UI translate it);
a failed call changes nothing. Submissions are upserted (one row per participant and round), and
the check that the round is open happens in the same transaction as the write: a SQLite write
transaction starts with ``BEGIN IMMEDIATE`` (writers queue on the database lock) and on PostgreSQL
the workshop row is read ``FOR SHARE``, which a concurrent "close round" ``UPDATE`` waits for.
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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from mcda import weighting
from mcda.model import Problem
from mcda.workshop.models import NAME_MAX, TITLE_MAX, Participant, Submission, Workshop

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = REPO_ROOT / "data" / "workshops.db"
ENV_URL = "MCDA_DATABASE_URL"
ENV_SQLITE_PATH = "MCDA_WORKSHOP_DB"
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
SNAPSHOT_FORMAT = 1
_ID_RE = re.compile(r"[0-9a-f]{32}")
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,128}")
_PG_MIGRATION_LOCK = 0x6D636461  # "mcda": one migrating replica at a time

MESSAGES: dict[str, str] = {
    "link_unknown": "This workshop link is not valid: no workshop has this id.",
    "code_unknown": "No workshop has the join code '{code}'. Check the code and try again.",
    "token_wrong": "This link's key is not valid for this workshop. Ask for a new link.",
    "round_closed": "Round {round} is closed: submissions are no longer accepted.",
    "round_already_closed": "Round {round} is already closed.",
    "round_still_open": "Round {round} is still open: close it before opening the next round.",
    "round_already_open": "Round {round} is already open.",
    "name_empty": "Enter a display name (letters or digits; it is shown to the facilitator).",
    "name_too_long": "The display name has {length} characters; at most {limit} are allowed.",
    "name_taken": "The name '{name}' is already taken in this workshop. Choose another.",
    "title_empty": "Enter a title for the workshop.",
    "title_too_long": "The title has {length} characters; at most {limit} are allowed.",
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


class RoundClosed(WorkshopError):
    """A submission arrived after the round was closed."""


class RoundStateError(WorkshopError):
    """A round action that does not fit the round's state (closing a closed round, ...)."""


class InvalidInput(WorkshopError, ValueError):
    """A value from a user is not acceptable (name, title, weights, comments)."""


class NameTaken(InvalidInput):
    """Another participant of the workshop already uses this display name."""


class StoreError(WorkshopError):
    """The database is misconfigured, unreachable or holds something unreadable."""


@dataclass(frozen=True)
class Created:
    """A new workshop: its id, the join code for participants and the secret facilitator token."""

    workshop_id: str
    join_code: str
    facilitator_token: str


@dataclass(frozen=True)
class Joined:
    """A participant who joined: the personal token is the only copy, it is stored hashed."""

    workshop_id: str
    participant_id: int
    display_name: str
    label: str
    token: str


@dataclass(frozen=True)
class WorkshopInfo:
    """A workshop's public state (no secrets)."""

    id: str
    join_code: str
    title: str
    problem: Problem
    show_group: bool
    anonymous: bool
    current_round: int
    round_open: bool
    created_at: datetime


@dataclass(frozen=True)
class ParticipantInfo:
    """A participant as the facilitator sees them; ``label`` is a stable pseudonym."""

    id: int
    display_name: str
    label: str
    joined_at: datetime


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
    """Everything the facilitator sees: the workshop, its participants and all submissions."""

    workshop: WorkshopInfo
    participants: tuple[ParticipantInfo, ...]
    submissions: tuple[SubmissionRecord, ...]

    def round(self, number: int) -> list[SubmissionRecord]:
        """The submissions of one round, in participant order."""
        order = {p.id: i for i, p in enumerate(self.participants)}
        rows = [s for s in self.submissions if s.round == number]
        return sorted(rows, key=lambda s: order[s.participant_id])

    def participant(self, participant_id: int) -> ParticipantInfo:
        """The participant with this id."""
        return next(p for p in self.participants if p.id == participant_id)

    def name(self, participant_id: int) -> str:
        """The participant's display name, or their pseudonym in an anonymous workshop."""
        person = self.participant(participant_id)
        return person.label if self.workshop.anonymous else person.display_name


@dataclass(frozen=True)
class ParticipantView:
    """What one participant may see: their own submissions and the group's weights.

    ``group`` maps a round to the anonymous weight vectors of that round: every earlier round
    (the Delphi feedback), and the current round once this participant has submitted in it and
    the facilitator shows the group result.
    """

    workshop: WorkshopInfo
    me: ParticipantInfo
    own: dict[int, SubmissionRecord]
    group: dict[int, tuple[dict[str, float], ...]] = field(default_factory=dict)
    participants: int = 0
    submitted: int = 0


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
    """NFC text without control, format (bidi, zero-width), private-use or unassigned chars."""
    text = unicodedata.normalize("NFC", text)
    return "".join(
        ch for ch in text
        if (keep_newlines and ch == "\n")
        or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


def _clean_line(raw: object, limit: int, empty_key: str, long_key: str) -> str:
    if not isinstance(raw, str):
        raise InvalidInput(empty_key)
    if len(raw) > RAW_TEXT_LIMIT:
        raise InvalidInput(long_key, length=len(raw), limit=limit)
    spaced = "".join(" " if ch.isspace() else ch for ch in raw)  # tabs, newlines -> spaces
    cleaned = " ".join(_strip_controls(spaced).split())
    if not cleaned:
        raise InvalidInput(empty_key)
    if len(cleaned) > limit:
        raise InvalidInput(long_key, length=len(cleaned), limit=limit)
    return cleaned


def clean_display_name(raw: object) -> str:
    """A display name: control characters removed, whitespace collapsed, 1..40 characters."""
    return _clean_line(raw, NAME_MAX, "name_empty", "name_too_long")


def clean_title(raw: object) -> str:
    """A workshop title: cleaned like a display name, 1..200 characters."""
    return _clean_line(raw, TITLE_MAX, "title_empty", "title_too_long")


def _label(token_hash: str) -> str:
    """A stable pseudonym from the token hash: unrelated to the name and the order of joining."""
    digest = int(token_hash[:16], 16)
    chars = []
    for _ in range(4):
        digest, rest = divmod(digest, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[rest])
    return "P-" + "".join(chars)


def _number(value: object, criterion: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInput("value_not_number", criterion=criterion, value=repr(value)[:40])
    number = float(value)
    if not math.isfinite(number):
        raise InvalidInput("value_not_number", criterion=criterion, value=repr(value)[:40])
    return number


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
    inputs = {c: _number(values[c], c) for c in criteria}
    high = float(len(criteria)) if method == "ranking" else INPUT_MAX
    low = 1.0 if method == "ranking" else 0.0
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
    """The workshop database. Thread-safe; one per process is enough (it pools connections)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine = _make_engine(self.url)
        self.dialect = self.engine.dialect.name
        self._writer = (self.engine.execution_options(sqlite_begin="IMMEDIATE")
                        if self.dialect == "sqlite" else self.engine)
        self._problems: dict[str, Problem] = {}
        self._lock = threading.Lock()
        self.migrate()

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

    def _info(self, row: Workshop) -> WorkshopInfo:
        return WorkshopInfo(
            id=row.id, join_code=row.join_code, title=row.title, problem=self._problem(row),
            show_group=row.show_group, anonymous=row.anonymous,
            current_round=row.current_round, round_open=row.round_open,
            created_at=_utc(row.created_at),
        )

    @staticmethod
    def _workshop(session: Session, workshop_id: object, lock: bool = False) -> Workshop:
        if not isinstance(workshop_id, str) or not _ID_RE.fullmatch(workshop_id):
            raise WorkshopNotFound("link_unknown")
        query = select(Workshop).where(Workshop.id == workshop_id)
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
        row = self._workshop(session, workshop_id, lock)
        if not isinstance(token, str) or not _TOKEN_RE.fullmatch(token):
            raise AccessDenied("token_wrong")
        digest = hash_token(token)
        person = session.scalars(
            select(Participant).where(Participant.workshop_id == row.id,
                                      Participant.token_hash == digest)
        ).first()
        if person is None or not hmac.compare_digest(person.token_hash, digest):
            raise AccessDenied("token_wrong")
        return row, person

    @staticmethod
    def _person(row: Participant) -> ParticipantInfo:
        return ParticipantInfo(id=row.id, display_name=row.display_name,
                               label=_label(row.token_hash), joined_at=_utc(row.joined_at))

    @staticmethod
    def _record(row: Submission) -> SubmissionRecord:
        return SubmissionRecord(
            participant_id=row.participant_id, round=row.round, method=row.method,
            inputs={k: float(v) for k, v in row.inputs.items()},
            weights={k: float(v) for k, v in row.weights.items()},
            comments=dict(row.comments), submitted_at=_utc(row.submitted_at),
            updated_at=_utc(row.updated_at),
        )

    def _insert(self) -> Callable[..., Any]:
        return postgresql.insert if self.dialect == "postgresql" else sqlite.insert

    # -- facilitator -----------------------------------------------------------------------

    def create_workshop(self, title: str, problem: Problem, *, show_group: bool = True,
                        anonymous: bool = False) -> Created:
        """A new workshop on a snapshot of ``problem`` (its weights are the starting point)."""
        clean = clean_title(title)
        if not isinstance(problem, Problem):
            raise InvalidInput("problem_invalid")
        snapshot = {"format": SNAPSHOT_FORMAT, "problem": problem.model_dump(mode="json")}
        token = secrets.token_urlsafe(32)
        workshop_id = uuid.uuid4().hex
        for _attempt in range(20):
            code = new_join_code()
            try:
                with self._session(write=True) as session:
                    session.add(Workshop(
                        id=workshop_id, join_code=code, facilitator_token_hash=hash_token(token),
                        title=clean, snapshot=snapshot, show_group=bool(show_group),
                        anonymous=bool(anonymous), current_round=1, round_open=True,
                        created_at=_now(),
                    ))
            except IntegrityError:
                continue  # the join code is taken: draw another
            return Created(workshop_id=workshop_id, join_code=code, facilitator_token=token)
        raise StoreError("database_unavailable")

    def dashboard(self, workshop_id: str, token: str) -> Dashboard:
        """The facilitator's view: workshop, participants (stable order) and every submission."""
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
            if not row.round_open:
                raise RoundStateError("round_already_closed", round=row.current_round)
            row.round_open = False
            session.flush()
            return self._info(row)

    def reopen_round(self, workshop_id: str, token: str) -> WorkshopInfo:
        """Open the current round again (after closing it too early)."""
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            if row.round_open:
                raise RoundStateError("round_already_open", round=row.current_round)
            row.round_open = True
            session.flush()
            return self._info(row)

    def open_next_round(self, workshop_id: str, token: str) -> WorkshopInfo:
        """Start the next (Delphi) round; the current one must be closed."""
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
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
        with self._session(write=True) as session:
            row = self._as_facilitator(session, workshop_id, token)
            if show_group is not None:
                row.show_group = bool(show_group)
            if anonymous is not None:
                row.anonymous = bool(anonymous)
            session.flush()
            return self._info(row)

    # -- participants ----------------------------------------------------------------------

    def join(self, join_code: str, display_name: str) -> Joined:
        """Join the workshop with this code under a display name; returns the personal token."""
        code = normalise_join_code(join_code)
        name = clean_display_name(display_name)
        if code is None:
            raise WorkshopNotFound("code_unknown", code=str(join_code)[:12])
        token = secrets.token_urlsafe(32)
        digest = hash_token(token)
        try:
            with self._session(write=True) as session:
                row = session.scalars(select(Workshop).where(Workshop.join_code == code)).first()
                if row is None:
                    raise WorkshopNotFound("code_unknown", code=code)
                taken = session.scalars(
                    select(Participant.id).where(Participant.workshop_id == row.id,
                                                 Participant.name_key == name.casefold())
                ).first()
                if taken is not None:
                    raise NameTaken("name_taken", name=name)
                person = Participant(workshop_id=row.id, display_name=name,
                                     name_key=name.casefold(), token_hash=digest,
                                     joined_at=_now())
                session.add(person)
                session.flush()
                joined = Joined(workshop_id=row.id, participant_id=person.id,
                                display_name=name, label=_label(digest), token=token)
        except IntegrityError as exc:  # two joins with one name at the same moment
            raise NameTaken("name_taken", name=name) from exc
        return joined

    def participant_view(self, workshop_id: str, token: str) -> ParticipantView:
        """What this participant may see (see ``ParticipantView``)."""
        with self._session(write=False) as session:
            row, person = self._as_participant(session, workshop_id, token)
            own = {s.round: self._record(s) for s in session.scalars(
                select(Submission).where(Submission.participant_id == person.id))}
            everyone = session.scalars(
                select(Submission).join(Participant).where(Participant.workshop_id == row.id)
            ).all()
            count = session.scalar(
                select(func.count()).select_from(Participant)
                .where(Participant.workshop_id == row.id))
            current = row.current_round
            visible = {r for r in range(1, current)}
            if row.show_group and current in own:
                visible.add(current)
            group: dict[int, list[dict[str, float]]] = {r: [] for r in sorted(visible)}
            for sub in everyone:
                if sub.round in group:
                    group[sub.round].append({k: float(v) for k, v in sub.weights.items()})
            for weights in group.values():  # an order that says nothing about who is who
                weights.sort(key=lambda w: tuple(sorted(w.items())))
            return ParticipantView(
                workshop=self._info(row), me=self._person(person), own=own,
                group={r: tuple(ws) for r, ws in group.items()}, participants=int(count or 0),
                submitted=sum(1 for s in everyone if s.round == current),
            )

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
            now = _now()
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
