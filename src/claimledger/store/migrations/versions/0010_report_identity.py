"""A report is known by its text and where it came from (store.repository.report_identity), not by its
text alone: the same text from another outlet is stored too, as a copy of the first.

The unique column ``content_hash`` becomes ``identity`` (renamed in place, so it keeps its unique
index), every stored report's identity is computed from its text hash and its url, path, outlet and
title, and a new ``content_hash`` column, indexed but not unique, keeps the text hash.

Downgrading is refused while two reports share a text: the older schema holds one report per text.

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from claimledger.store.repository import identity_of, report_place

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

PAGE = 1000


# Plain ALTER TABLE, never a batch copy of "reports": SQLite runs with foreign keys on, and dropping
# the old table of a batch copy would cascade into every table that refers to a report. RENAME COLUMN
# is plain SQL on both SQLite (3.25 and later) and PostgreSQL.
def upgrade() -> None:
    op.execute("ALTER TABLE reports RENAME COLUMN content_hash TO identity")
    op.add_column("reports", sa.Column("content_hash", sa.String(64), nullable=True))
    bind = op.get_bind()
    query = sa.text("SELECT id, identity, url, path, outlet, title FROM reports WHERE id > :after "
                    "ORDER BY id LIMIT :page")
    update = sa.text("UPDATE reports SET content_hash = :digest, identity = :identity WHERE id = :pk")
    after = 0
    while rows := bind.execute(query, {"after": after, "page": PAGE}).all():
        # Until now the unique column held the text hash: it is the text hash kept, and the identity's start.
        bind.execute(update, [{"pk": pk, "digest": digest,
                               "identity": identity_of(digest, report_place(url, path, outlet, title))}
                              for pk, digest, url, path, outlet, title in rows])
        after = rows[-1][0]
    op.create_index("ix_reports_content_hash", "reports", ["content_hash"], unique=False)


def downgrade() -> None:
    bind = op.get_bind()
    shared = bind.execute(sa.text("SELECT count(*) FROM (SELECT content_hash FROM reports GROUP BY content_hash "
                                  "HAVING count(*) > 1) AS shared")).scalar_one()
    if shared:
        raise RuntimeError(f"{shared} texts are stored more than once (from different places); "
                           "the schema before revision 0010 holds one report per text")
    op.drop_index("ix_reports_content_hash", table_name="reports")
    op.execute("UPDATE reports SET identity = content_hash")
    op.drop_column("reports", "content_hash")
    op.execute("ALTER TABLE reports RENAME COLUMN identity TO content_hash")
