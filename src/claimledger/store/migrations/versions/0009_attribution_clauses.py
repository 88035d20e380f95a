"""The clauses of each attribution's content with their proposition slots (extract.slots.Clause:
predicate, agent, theme, place), kept from the parse so the ledger can compare them.

Rows stored before keep none (NULL): they read as no clauses, and the ledger leaves the slot
features of their statements neutral.

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attributions", sa.Column("clauses", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("attributions", "clauses")
