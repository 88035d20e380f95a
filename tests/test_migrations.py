"""Alembic migrations: the schema they build is the models' schema, on SQLite and PostgreSQL."""
from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from claimledger.dedup import buckets, pack, signature
from claimledger.store import Store, content_hash, migrations, report_identity
from claimledger.store.models import Base
from test_store import RAW, make_extraction

HEAD = ScriptDirectory.from_config(migrations.config()).get_current_head()


def test_migrated_schema_matches_the_models(db_url):
    """A column added to store/models.py without a revision in store/migrations/versions fails here."""
    with Store.open(db_url) as store, store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD


def test_reports_keep_their_story_and_can_be_read_per_story(db_url):
    with Store.open(db_url) as store:
        store.add(make_extraction(), story="harbour")
        store.add(make_extraction(text=RAW.replace("ferry order", "tram contract"), path="tram.txt"))
        assert [r.extraction.report.path for r in store.reports(story="harbour")] == ["reports/ferry.txt"]
        assert [r.id for r in store.reports()] == ["d1", "d2"]


def test_a_database_made_before_migrations_is_stamped_and_upgraded(tmp_path):
    """Stores created with create_all (no alembic_version table) have revision 0001's schema."""
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrations.config(connection), "0001")
        connection.exec_driver_sql("DROP TABLE alembic_version")
        connection.exec_driver_sql(
            "INSERT INTO reports (content_hash, raw_text, clean_text, offsets, removed, added_at, published_inferred)"
            " VALUES ('abc', 'old text', 'old text', x'', '[]', '2030-01-01', 0)")
    engine.dispose()
    with Store.open(path, create=False) as store:
        assert store.count() == 1
        assert "story" in {c["name"] for c in inspect(store.engine).get_columns("reports")}
        assert "stories" in inspect(store.engine).get_table_names()
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    finally:
        raw.close()


def test_a_store_made_before_the_bucket_index_gets_it_from_its_signatures(tmp_path):
    """Revision 0005 fills signature_buckets from the signatures a 0004 store holds."""
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        minhash = signature(" ".join(f"word{n}" for n in range(60)))
        store.add(make_extraction(), signature=pack(minhash), buckets=buckets(minhash))
        with store.engine.begin() as connection:
            command.downgrade(migrations.config(connection), "0004")
            assert "signature_buckets" not in inspect(connection).get_table_names()
    with Store.open(path, create=False) as store:
        assert [doc for doc, _, _ in store.copy_candidates(buckets(minhash))] == ["d1"]
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM signature_buckets")).scalar_one() == 25


def test_a_store_made_before_report_identities_keeps_its_reports_and_stores_their_texts_from_elsewhere(tmp_path):
    """Revision 0010 turns the unique text hash into each report's identity (text and place) and keeps
    the text hash beside it: a stored report analysed again is still skipped, its text from another
    file is stored as its copy, nothing referring to a report is lost, and the ledger's snapshot keys
    (ids and text hashes) do not change."""
    path = tmp_path / "old.db"
    tram = make_extraction(text=RAW.replace("ferry order", "tram contract"), path="tram.txt")
    with Store.open(path) as store:
        store.add(make_extraction())
        store.add(tram)
        keys, items = store.report_keys(), [len(r.extraction.attributions) for r in store.reports()]
        with store.engine.begin() as connection:
            command.downgrade(migrations.config(connection), "0009")
            assert "identity" not in {c["name"] for c in inspect(connection).get_columns("reports")}
            assert connection.execute(text("SELECT content_hash FROM reports ORDER BY id")).scalars().all() == [
                content_hash(RAW), content_hash(tram.report.text)]
    with Store.open(path, create=False) as store:
        assert store.report_keys() == keys
        assert [len(r.extraction.attributions) for r in store.reports()] == items
        assert store.has_identity(report_identity(make_extraction().report))
        assert store.add(make_extraction(path="/elsewhere/reports/ferry.txt")) is None
        carried = store.add(make_extraction(path="wire/ferry-as-carried.txt"))
        assert (carried.id, carried.copy_of) == ("d3", "d1")
        with store.engine.begin() as connection, pytest.raises(RuntimeError, match="stored more than once"):
            command.downgrade(migrations.config(connection), "0009")
        assert store.count() == 3


def test_revision_0010_is_undone_while_no_two_reports_share_a_text(tmp_path):
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.add(make_extraction())
        with store.engine.begin() as connection:
            command.downgrade(migrations.config(connection), "0009")
        with store.engine.begin() as connection:
            assert connection.execute(text("SELECT content_hash FROM reports")).scalars().all() == [content_hash(RAW)]
            duplicate = ("INSERT INTO reports (content_hash, raw_text, clean_text, offsets, removed, added_at, "
                         "published_inferred) VALUES (:h, 'x', 'x', x'', '[]', '2030-01-01', 0)")
        with pytest.raises(IntegrityError), store.engine.begin() as connection:
            connection.execute(text(duplicate), {"h": content_hash(RAW)})  # one report per text, as before
