"""Stories: a story name on each report and a running profile per story.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("story", sa.String(length=100), nullable=True))
        batch.create_index(batch.f("ix_reports_story"), ["story"], unique=False)
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("centroid", sa.LargeBinary(), nullable=True),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("first", sa.String(length=32), nullable=True),
        sa.Column("last", sa.String(length=32), nullable=True),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("stories")
    with op.batch_alter_table("reports") as batch:
        batch.drop_index(batch.f("ix_reports_story"))
        batch.drop_column("story")
