"""The near-copy LSH index in the store (table signature_buckets), filled from stored signatures.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from claimledger.dedup import buckets, unpack

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "signature_buckets",
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("bucket", "report_id"),
    )
    # Banding is computed, not stored data: this backfill uses the same function new reports use.
    # Banding is computed, not stored data: this backfill uses the same function new reports use,
    # a page of signatures at a time.
    query = sa.text("SELECT report_id, minhash FROM signatures WHERE report_id > :after ORDER BY report_id LIMIT 1000")
    after = 0
    while rows := op.get_bind().execute(query, {"after": after}).all():
        op.bulk_insert(table, [{"bucket": b, "report_id": pk} for pk, blob in rows for b in set(buckets(unpack(blob)))])
        after = rows[-1][0]


def downgrade() -> None:
    op.drop_table("signature_buckets")
