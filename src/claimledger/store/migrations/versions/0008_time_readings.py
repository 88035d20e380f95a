"""How each time expression was read (times.reading, records.TimeMention), so a report its own text
leaves undated can have its times resolved again against the date its story gives.

Rows stored before keep no reading: their values stay as they were resolved.

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("times", sa.Column("reading", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("times", "reading")
