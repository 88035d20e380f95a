"""Alembic environment: migrate over the connection the store hands in (see ``__init__.upgrade``)."""
from __future__ import annotations

from alembic import context

from claimledger.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("claimledger migrations run through claimledger.store.migrations.upgrade(connection)")

# render_as_batch: SQLite cannot ALTER most things, so Alembic rebuilds tables there.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
