"""Hardening: participant caps, archiving, removal, link replacement, join limits, name keys.

- workshops: ``max_participants`` (the facilitator's cap; NULL = the operator's), ``archived_at``.
- participants: ``pseudonym`` (stored, so that it survives a replaced link; existing rows get the
  pseudonym they had, derived from their token hash, and a fresh random one where two in one
  workshop coincided), ``removed_at``, and ``name_key`` recomputed with look-alike folding
  (``mcda.workshop.names.name_key``). Where two existing names of one workshop now share a key
  (say 'Anna' and 'Аnna' with a Cyrillic А), the earlier participant keeps the key and the later
  one gets a tab and their row id, a key no cleaned name produces: both keep their names and
  links, and nobody new can take either look.
- new tables: ``retired_tokens``, ``join_attempts``, ``store_keys`` (with a random key for
  hashing client addresses).

SQLite cannot alter a column in place; rebuilding ``participants`` with foreign keys on would
delete every submission through ON DELETE CASCADE, so this migration only adds columns, tables
and indexes (``pseudonym`` is added NOT NULL with a server default of '', which PostgreSQL then
drops; the application always writes it).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from alembic import op

from mcda.workshop.names import name_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

_participants = sa.table(
    "participants",
    sa.column("id", sa.Integer), sa.column("workshop_id", sa.String),
    sa.column("display_name", sa.String), sa.column("name_key", sa.String),
    sa.column("token_hash", sa.String), sa.column("pseudonym", sa.String),
    sa.column("removed_at", sa.DateTime),
)


def _pseudonym(seed_hex: str) -> str:
    """The pseudonym revision 0001 derived from a token hash (kept here as it was then)."""
    digest = int(seed_hex[:16], 16)
    chars = []
    for _ in range(4):
        digest, rest = divmod(digest, len(_ALPHABET))
        chars.append(_ALPHABET[rest])
    return "P-" + "".join(chars)


def upgrade() -> None:
    op.add_column("workshops", sa.Column("max_participants", sa.Integer(), nullable=True))
    op.add_column("workshops",
                  sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("participants", sa.Column("pseudonym", sa.String(length=8), nullable=False,
                                            server_default=""))
    op.add_column("participants",
                  sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.select(_participants.c.id, _participants.c.workshop_id,
                                  _participants.c.display_name, _participants.c.token_hash)
                        .order_by(_participants.c.id)).all()
    labels: set[tuple[str, str]] = set()
    for row in rows:  # first free every name key (a tab and the id), and store the pseudonym
        label = _pseudonym(row.token_hash)
        while (row.workshop_id, label) in labels:
            label = _pseudonym(secrets.token_hex(8))
        labels.add((row.workshop_id, label))
        bind.execute(sa.update(_participants).where(_participants.c.id == row.id)
                     .values(name_key=f"\t{row.id}", pseudonym=label))
    keys: set[tuple[str, str]] = set()
    for row in rows:  # then the earliest holder of each look gets the key
        key = (row.workshop_id, name_key(row.display_name))
        if key not in keys:
            keys.add(key)
            bind.execute(sa.update(_participants).where(_participants.c.id == row.id)
                         .values(name_key=key[1]))
    if bind.dialect.name == "postgresql":
        op.alter_column("participants", "pseudonym", server_default=None)
    op.create_index("ix_participants_workshop_id_pseudonym", "participants",
                    ["workshop_id", "pseudonym"], unique=True)
    op.create_table(
        "retired_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participants.id"],
            name=op.f("fk_retired_tokens_participant_id_participants"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_retired_tokens")),
    )
    op.create_table(
        "join_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("client_hash", sa.String(length=64), nullable=True),
        sa.Column("network_hash", sa.String(length=64), nullable=True),
        sa.Column("code", sa.String(length=12), nullable=True),
        sa.Column("bad_code", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_attempts")),
    )
    for column in ("at", "client_hash", "network_hash", "code"):
        op.create_index(op.f(f"ix_join_attempts_{column}"), "join_attempts", [column])
    keys_table = op.create_table(
        "store_keys",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_store_keys")),
    )
    op.bulk_insert(keys_table, [{"name": "client_hash", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_table("store_keys")
    for column in ("code", "network_hash", "client_hash", "at"):
        op.drop_index(op.f(f"ix_join_attempts_{column}"), table_name="join_attempts")
    op.drop_table("join_attempts")
    op.drop_table("retired_tokens")
    op.drop_index("ix_participants_workshop_id_pseudonym", table_name="participants")
    bind = op.get_bind()
    rows = bind.execute(sa.select(_participants.c.id, _participants.c.display_name,
                                  _participants.c.removed_at)).all()
    for row in rows:
        if row.removed_at is not None:  # revision 0001 knows no removal: the link stays dead
            values = {"token_hash": hashlib.sha256(secrets.token_bytes(32)).hexdigest()}
        else:
            values = {"name_key": row.display_name.casefold()}
        bind.execute(sa.update(_participants).where(_participants.c.id == row.id)
                     .values(**values))
    op.drop_column("participants", "removed_at")
    op.drop_column("participants", "pseudonym")
    op.drop_column("workshops", "archived_at")
    op.drop_column("workshops", "max_participants")
