"""The workshop tables as SQLAlchemy 2.x declarative models (the Alembic migrations create them).

A workshop holds a snapshot of the problem (criteria, options, scores) so that later edits to the
case do not change a running workshop. Participants belong to one workshop; a submission is one
participant's weights in one round, unique per (participant, round). Replaced participant links
are kept (hashed) in ``retired_tokens`` so that an old link says it was replaced; join attempts are
kept for a few minutes in ``join_attempts`` for the rate limits every app replica shares; and
``store_keys`` holds the store's own secret (the key that client addresses are hashed with).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Longest display name, after cleaning.
NAME_MAX = 40
#: Longest workshop title.
TITLE_MAX = 200


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so constraint names match the migrations."""

    metadata = MetaData(naming_convention=NAMING)


class Workshop(Base):
    """One workshop: the problem snapshot, its settings and the state of its current round.

    ``max_participants`` is the facilitator's own cap (None: the operator's); ``archived_at`` is
    set when the facilitator ends the workshop (participant links stop working, results stay).
    """

    __tablename__ = "workshops"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    facilitator_token_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    show_group: Mapped[bool] = mapped_column(Boolean)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    current_round: Mapped[int] = mapped_column(Integer)
    round_open: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    max_participants: Mapped[int | None] = mapped_column(Integer, nullable=True)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Participant(Base):
    """A participant of one workshop; the display name is unique in the workshop by its
    look-alike key (``mcda.workshop.names.name_key``), the pseudonym too.

    A removed participant keeps their row (their link then says it is no longer valid, and their
    submissions may be kept) with ``removed_at`` set and ``name_key`` replaced by a tab and the
    row id, which no cleaned name can produce (tabs become spaces), so the name is free again.
    The unique constraints also serve as the indexes for lookups by workshop and by token.
    """

    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("workshop_id", "name_key"),
        Index("ix_participants_workshop_id_pseudonym", "workshop_id", "pseudonym", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workshops.id", ondelete="CASCADE")
    )
    display_name: Mapped[str] = mapped_column(String(NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(4 * NAME_MAX))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    pseudonym: Mapped[str] = mapped_column(String(8))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Submission(Base):
    """A participant's weights (and comments) in one round; a resubmission replaces it."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("participant_id", "round"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    participant_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("participants.id", ondelete="CASCADE")
    )
    round: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    weights: Mapped[dict[str, Any]] = mapped_column(JSON)
    comments: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RetiredToken(Base):
    """The hash of a participant link the facilitator replaced: it opens nothing, it only lets
    the page say that the link was replaced (rather than that it never existed)."""

    __tablename__ = "retired_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("participants.id", ondelete="CASCADE")
    )
    retired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JoinAttempt(Base):
    """One join attempt, kept for the rate limits and deleted after the longest limit window.

    ``client_hash`` and ``network_hash`` are keyed hashes of the browser session and of the
    network address (never the address itself); ``code`` is the join code of an existing
    workshop, None for a wrong code (``bad_code``).
    """

    __tablename__ = "join_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    client_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    network_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    code: Mapped[str | None] = mapped_column(String(12), nullable=True, index=True)
    bad_code: Mapped[bool] = mapped_column(Boolean)


class StoreKey(Base):
    """A secret of the store itself, made by the migrations (e.g. the client-hash key)."""

    __tablename__ = "store_keys"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
