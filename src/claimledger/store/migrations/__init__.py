"""Alembic migrations of the store's schema, run by :meth:`Store.open` on every open.

The Alembic configuration is built here rather than read from an
``alembic.ini``, so migrations run from an installed package wherever the
working directory is. A database made before migrations existed (tables
created straight from the models) is stamped with the first revision, whose
schema it has, and then upgraded like any other.

A database already at the newest revision is seen to be so without Alembic
(:func:`at_head`): loading the revision scripts imports what their data
migrations use (the near-copy index's MinHash, SciPy), most of a second that
every command would otherwise pay on opening a store.

To write a new revision after changing ``store/models.py``::

    python -m claimledger.store.migrations revision "add a column" --db scratch.db
"""
from __future__ import annotations

import ast
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

INITIAL = "0001"
VERSIONS = Path(__file__).parent / "versions"


def config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for this package's scripts, bound to ``connection`` when given."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent))
    cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def script_head() -> str | None:
    """The newest revision, read from the scripts' ``revision`` and ``down_revision`` assignments without
    running them; None when a script does not read so or the revisions have no single head (Alembic
    then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted(VERSIONS.glob("*.py")):
        values = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target = node.target
            else:
                continue
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                try:
                    values[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    return None
        if path.name == "__init__.py" and not values:
            continue
        if not isinstance(values.get("revision"), str):
            return None
        revisions.add(values["revision"])
        down = values.get("down_revision")
        parents.update(down if isinstance(down, tuple | list) else [down] if down else [])
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def at_head(connection: Connection) -> bool:
    """Whether the database on ``connection`` already has the newest schema (its one ``alembic_version``
    row is :func:`script_head`), read without loading Alembic or the scripts."""
    head = script_head()
    if head is None or not inspect(connection).has_table("alembic_version"):
        return False
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head]


def is_current(connection: Connection) -> bool:
    """Whether the database on ``connection`` has the newest schema: :func:`at_head`, else as Alembic
    reads the scripts."""
    if at_head(connection):
        return True
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(config()).get_current_head()
    return MigrationContext.configure(connection).get_current_revision() == head


def upgrade(connection: Connection) -> None:
    """Bring the database on ``connection`` to the newest schema (``alembic upgrade head``)."""
    if at_head(connection):
        return
    from alembic import command

    tables = set(inspect(connection).get_table_names())
    cfg = config(connection)
    if "reports" in tables and "alembic_version" not in tables:
        command.stamp(cfg, INITIAL)
    command.upgrade(cfg, "head")


def _main(argv: list[str]) -> None:
    """``revision MESSAGE --db URL``: autogenerate a revision against a database at head."""
    from alembic import command

    from claimledger.store import Store

    if len(argv) != 4 or argv[0] != "revision" or argv[2] != "--db":
        sys.exit("usage: python -m claimledger.store.migrations revision MESSAGE --db URL")
    with Store.open(argv[3]) as store, store.engine.begin() as connection:
        command.revision(config(connection), message=argv[1], autogenerate=True)


if __name__ == "__main__":
    _main(sys.argv[1:])
