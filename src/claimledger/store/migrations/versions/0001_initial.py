"""The schema as it stood before migrations: reports, attributions, figures, times.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _source_columns() -> list[sa.Column]:
    return [
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("source_kind", sa.String(length=16), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
    ]


def _item_keys() -> list:
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    ]


def _item_constraints() -> list:
    return [
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("report_id", "idx"),
    ]


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("stated_published", sa.String(length=32), nullable=True),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column("published_inferred", sa.Boolean(), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("clean_text", sa.Text(), nullable=False),
        sa.Column("offsets", sa.LargeBinary(), nullable=False),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("added_at", sa.String(length=32), nullable=False),
        sa.Column("copy_of", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["copy_of"], ["reports.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
    )
    op.create_table(
        "attributions",
        *_item_keys(),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("cue_start", sa.Integer(), nullable=False),
        sa.Column("cue_end", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.String(length=16), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("via", sa.JSON(), nullable=False),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("writer_distance", sa.Text(), nullable=True),
        sa.Column("continuation", sa.Boolean(), nullable=False),
        *_source_columns(),
        *_item_constraints(),
    )
    op.create_index(op.f("ix_attributions_report_id"), "attributions", ["report_id"], unique=False)
    op.create_table(
        "figures",
        *_item_keys(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("attribution", sa.Integer(), nullable=True),
        sa.Column("as_of", sa.String(length=32), nullable=True),
        *_source_columns(),
        *_item_constraints(),
    )
    op.create_index(op.f("ix_figures_report_id"), "figures", ["report_id"], unique=False)
    op.create_table(
        "times",
        *_item_keys(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        *_item_constraints(),
    )
    op.create_index(op.f("ix_times_report_id"), "times", ["report_id"], unique=False)


def downgrade() -> None:
    for table in ("times", "figures", "attributions"):
        op.drop_index(op.f(f"ix_{table}_report_id"), table_name=table)
        op.drop_table(table)
    op.drop_table("reports")
