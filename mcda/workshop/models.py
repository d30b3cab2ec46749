"""The workshop tables as SQLAlchemy 2.x declarative models (the Alembic migrations create them).

A workshop holds a snapshot of the problem (criteria, options, scores) so that later edits to the
case do not change a running workshop. Participants belong to one workshop; a submission is one
participant's weights in one round, unique per (participant, round).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
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
    """One workshop: the problem snapshot, its settings and the state of its current round."""

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


class Participant(Base):
    """A participant of one workshop; the display name is unique in the workshop (case-folded).

    The unique constraints also serve as the indexes for lookups by workshop and by token.
    """

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("workshop_id", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workshops.id", ondelete="CASCADE")
    )
    display_name: Mapped[str] = mapped_column(String(NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(4 * NAME_MAX))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


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
