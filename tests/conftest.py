"""Shared fixtures."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text


def _empty_postgres() -> str:
    """The URL in CLAIMLEDGER_TEST_PG with its ``public`` schema dropped and made anew; skips when unset."""
    url = os.environ.get("CLAIMLEDGER_TEST_PG")
    if not url:
        pytest.skip("CLAIMLEDGER_TEST_PG is unset (run scripts/ci_postgres.sh and export the URL it prints)")
    from claimledger.store.repository import _database_url

    engine = create_engine(_database_url(url))
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty database for the store: an SQLite file, and PostgreSQL when CLAIMLEDGER_TEST_PG names one."""
    return str(tmp_path / "store.db") if request.param == "sqlite" else _empty_postgres()


@pytest.fixture
def pg_url() -> str:
    """An empty PostgreSQL database (skips when CLAIMLEDGER_TEST_PG is unset)."""
    return _empty_postgres()
