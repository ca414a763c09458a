"""data generation counter

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

A one-row table, ``data_state``, whose ``generation`` every ingest transaction bumps just before it
commits. The web process's page cache reads it to know when its rendered pages went out of date.
Seeded with generation 1; a database without the row reads as generation 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    data_state = op.create_table(
        "data_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_state")),
    )
    op.bulk_insert(data_state, [{"id": 1, "generation": 1}])


def downgrade() -> None:
    op.drop_table("data_state")
