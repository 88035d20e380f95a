"""What dated each report: the window its evidence allows, the kind of evidence and its confidence
(records.ReportExtraction.published_window / published_evidence / published_confidence).

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, never a batch copy of "reports": SQLite runs with foreign keys on, and dropping
# the old table of a batch copy would cascade into every table that refers to a report.
def upgrade() -> None:
    op.add_column("reports", sa.Column("published_window", sa.String(32), nullable=True))
    op.add_column("reports", sa.Column("published_evidence", sa.String(64), nullable=True))
    op.add_column("reports", sa.Column("published_confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    op.drop_column("reports", "published_confidence")
    op.drop_column("reports", "published_evidence")
    op.drop_column("reports", "published_window")
