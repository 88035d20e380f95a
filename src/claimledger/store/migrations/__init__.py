"""Alembic migrations of the store's schema, run by :meth:`Store.open` on every open.

The Alembic configuration is built here rather than read from an
``alembic.ini``, so migrations run from an installed package wherever the
working directory is. A database made before migrations existed (tables
created straight from the models) is stamped with the first revision, whose
schema it has, and then upgraded like any other.

To write a new revision after changing ``store/models.py``::

    python -m claimledger.store.migrations revision "add a column" --db scratch.db
"""
from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, inspect

INITIAL = "0001"


def config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for this package's scripts, bound to ``connection`` when given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(connection: Connection) -> None:
    """Bring the database on ``connection`` to the newest schema (``alembic upgrade head``)."""
    tables = set(inspect(connection).get_table_names())
    cfg = config(connection)
    if "reports" in tables and "alembic_version" not in tables:
        command.stamp(cfg, INITIAL)
    command.upgrade(cfg, "head")


def _main(argv: list[str]) -> None:
    """``revision MESSAGE --db URL``: autogenerate a revision against a database at head."""
    from claimledger.store import Store

    if len(argv) != 4 or argv[0] != "revision" or argv[2] != "--db":
        sys.exit("usage: python -m claimledger.store.migrations revision MESSAGE --db URL")
    with Store.open(argv[3]) as store, store.engine.begin() as connection:
        command.revision(config(connection), message=argv[1], autogenerate=True)


if __name__ == "__main__":
    _main(sys.argv[1:])
