"""Sentence vectors computed while analysing (table vectors) and built ledgers (table ledger_snapshots).

An older store starts with both empty: the first ledger build embeds its texts once and stores them.

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vectors",
        sa.Column("encoder", sa.String(32), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("encoder", "key"),
    )
    op.create_table(
        "ledger_snapshots",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("used_at", sa.String(32), nullable=False),
        sa.Column("ledger", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_ledger_snapshots_used_at", "ledger_snapshots", ["used_at"])


def downgrade() -> None:
    op.drop_index("ix_ledger_snapshots_used_at", table_name="ledger_snapshots")
    op.drop_table("ledger_snapshots")
    op.drop_table("vectors")
