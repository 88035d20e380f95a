"""What differs on PostgreSQL (test_store.py runs every storage test on both databases).

Needs a server: set CLAIMLEDGER_TEST_PG to a database URL the tests may wipe
(``scripts/ci_postgres.sh`` installs PostgreSQL, creates one and prints it).
Every test starts from an empty ``public`` schema.
"""
from __future__ import annotations

import os
from dataclasses import replace

import pytest
from sqlalchemy import inspect, text

from claimledger.store import Store, content_hash
from test_store import RAW, make_extraction

RAW_OTHER = RAW.replace("ferry order", "tram contract")
PG_URL = os.environ.get("CLAIMLEDGER_TEST_PG")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="CLAIMLEDGER_TEST_PG is unset (run scripts/ci_postgres.sh and export the URL it prints)"
)


@pytest.fixture
def store(pg_url):
    with Store.open(pg_url) as opened:
        yield opened


def test_a_plain_postgresql_url_opens_through_the_installed_driver(store):
    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with Store.open(plain) as again:
        assert again.engine.dialect.name == "postgresql"
        assert again.engine.dialect.driver == "psycopg"
        assert again.count() == 0


def test_nul_in_untrusted_text_is_stored_as_a_replacement_character_of_the_same_length(store):
    nasty = "Robert'); DROP TABLE reports;-- said \"hello\" \x00 and left."
    extraction = make_extraction()
    extraction.report = replace(extraction.report, text=nasty, title=nasty)
    assert store.add(extraction) is not None
    (reloaded,) = store.reports()
    assert reloaded.extraction.report.text == nasty.replace("\x00", "\ufffd")
    assert len(reloaded.extraction.report.text) == len(nasty)
    assert reloaded.content_hash == content_hash(nasty)
    assert "reports" in inspect(store.engine).get_table_names()


def test_migrations_leave_the_schema_at_head_and_reopening_is_a_no_op(store):
    store.add(make_extraction())
    with store.engine.connect() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    with Store.open(PG_URL) as again:
        assert again.count() == 1
        with again.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head


def test_story_column_filters_reports(store):
    store.add(make_extraction(), story="harbour")
    store.add(make_extraction(text=RAW_OTHER, path="other.txt"), story="other")
    assert [r.extraction.report.path for r in store.reports(story="harbour")] == ["reports/ferry.txt"]
    assert len(store.reports()) == 2
