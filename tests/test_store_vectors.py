"""Sentence vectors are computed while analysing and stored; ledger builds read them and keep the
built ledger as a snapshot, so showing an unchanged store builds nothing and embeds nothing."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.ledger import build_ledger, embeddings
from claimledger.ledger.embeddings import known_vectors, text_key
from claimledger.ledger.vectors import TextVectors, from_bytes, texts_to_embed
from claimledger.ledger.params import DEFAULT_PARAMS, LedgerParams
from claimledger.store import Store, ledgers
from claimledger.store.repository import SNAPSHOTS_KEPT
from claimledger.web.app import create_app
from test_store import RAW, make_extraction

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FIRST = [EXAMPLES / "01_valley_courier.txt", EXAMPLES / "03_radio_kessel.md", EXAMPLES / "04_wire_updates.jsonl"]
LATER = EXAMPLES / "05_lusmark_herald.txt"


def run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


class Counted:
    """The encoder, counting the texts it is given."""

    def __init__(self, model):
        self.model, self.texts = model, 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.model.encode(texts)


@pytest.fixture
def encoder(monkeypatch) -> Counted:
    counted = Counted(embeddings._model())
    monkeypatch.setattr(embeddings, "_model", lambda: counted)
    monkeypatch.setattr(embeddings, "_cache", {})
    monkeypatch.setattr(embeddings, "_recent", {})  # what analyze kept from an earlier test's run
    return counted


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """How many reports each ledger build was given (one entry per build)."""
    seen: list[int] = []

    def counting(reports, **kwargs):
        seen.append(len(reports))
        return build_ledger(reports, **kwargs)
    monkeypatch.setattr(ledgers, "build_ledger", counting)
    return seen


def test_analyze_stores_every_vector_a_build_needs(tmp_path, encoder):
    db = str(tmp_path / "ledger.db")
    run("analyze", *map(str, FIRST), "--db", db, "--quiet")
    analysed = encoder.texts
    assert analysed > 0
    with Store.open(db, create=False) as store:
        reports = store.reports()
        texts = {text_key(t): t for r in reports for t in texts_to_embed(r.extraction)}
        stored = from_bytes(store.vectors(embeddings.encoder_tag(), texts))
        assert set(stored) == set(texts)
        first = ledgers.stored_ledger(store, reports)
        # Another build of the same reports (other parameters: no snapshot) reads the same vectors.
        other = ledgers.stored_ledger(store, reports, params=LedgerParams(rare_words=2))
    assert encoder.texts == analysed  # neither build embedded anything
    assert first.claims and other.claims
    vec = embeddings._model().model.encode([next(iter(texts.values()))])[0]
    assert np.array_equal(stored[next(iter(texts))], vec)  # stored bit for bit as computed


def test_the_build_embeds_only_texts_it_lists_for_analysis(tmp_path):
    """Every text a build embeds is one :func:`texts_to_embed` lists: given those, the model never runs."""
    db = str(tmp_path / "ledger.db")
    run("analyze", *map(str, FIRST), str(LATER), "--db", db, "--quiet")
    with Store.open(db, create=False) as store:
        reports = store.reports()
        texts = [t for r in reports for t in texts_to_embed(r.extraction)]
    known = {text_key(t): v for t, v in zip(texts, embeddings.embed(texts, cache=False))}
    listed = set(known)
    with known_vectors(known):
        build_ledger(reports)
    assert set(known) == listed


def test_an_unchanged_store_is_shown_from_its_snapshot_and_a_new_report_rebuilds_once(tmp_path, builds, encoder):
    db = str(tmp_path / "ledger.db")
    run("analyze", *map(str, FIRST), "--db", db, "--quiet")
    with Store.open(db, create=False) as store:
        stored = store.count()
    run("report", "--db", db, "-o", str(tmp_path / "one.html"), "--quiet")
    run("report", "--db", db, "-o", str(tmp_path / "two.html"), "--quiet")
    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as client:
        assert client.get("/claims").status_code == 200
    run("export", "--db", db, "-o", str(tmp_path / "ledger.json"), "--quiet")
    assert builds == [stored]
    assert (tmp_path / "one.html").read_text() == (tmp_path / "two.html").read_text()
    embedded = encoder.texts
    run("analyze", str(LATER), "--db", db, "--quiet")
    run("export", "--db", db, "-o", str(tmp_path / "ledger.json"), "--quiet")
    with Store.open(db, create=False) as store:
        later = [t for r in store.reports()[stored:] for t in texts_to_embed(r.extraction)]
    assert encoder.texts - embedded == len(later) + 1  # its texts and its opening, by analyze: the build embedded none
    run("report", "--db", db, "-o", str(tmp_path / "three.html"), "--quiet")
    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as client:
        assert client.get("/claims").status_code == 200
    assert builds == [stored, stored + 1]


def test_a_snapshot_that_does_not_read_back_is_rebuilt(tmp_path, builds):
    db = str(tmp_path / "ledger.db")
    run("analyze", str(FIRST[0]), "--db", db, "--quiet")
    with Store.open(db) as store:
        reports = store.reports()
        good = ledgers.stored_ledger(store, reports)
        store.save_snapshot(ledgers.snapshot_key(reports, DEFAULT_PARAMS), b"not a ledger")
        assert ledgers.stored_ledger(store, reports) == good
    assert builds == [1, 1]


def test_a_store_from_before_the_vectors_table_gets_them_on_its_first_build(tmp_path, encoder):
    """Revision 0007 adds empty tables; the first build embeds the stored reports' texts once and keeps them."""
    db = tmp_path / "ledger.db"
    run("analyze", *map(str, FIRST), "--db", str(db), "--quiet")
    raw = sqlite3.connect(db)
    raw.executescript("DROP INDEX ix_reports_content_hash; UPDATE reports SET identity = content_hash; "
                      "ALTER TABLE reports DROP COLUMN content_hash; "
                      "ALTER TABLE reports RENAME COLUMN identity TO content_hash; "  # revision 0010 undone
                      "DROP TABLE vectors; DROP TABLE ledger_snapshots; ALTER TABLE times DROP COLUMN reading; "
                      "ALTER TABLE attributions DROP COLUMN clauses; UPDATE alembic_version SET version_num='0006'")
    raw.close()
    with Store.open(db) as store:
        reports = store.reports()
        before = encoder.texts
        ledger = ledgers.stored_ledger(store, reports)
        listed = {text_key(t) for r in reports for t in texts_to_embed(r.extraction)}
        assert encoder.texts - before == len(listed)
        assert set(store.vectors(embeddings.encoder_tag(), listed)) == listed
        assert ledgers.stored_ledger(store, reports, params=LedgerParams(rare_words=2)).claims
    assert encoder.texts - before == len(listed)
    assert ledger == build_ledger(reports)


def test_vectors_are_stored_once_per_encoder_and_text_and_snapshots_are_bounded(db_url):
    """Both databases: a text shared by two reports is stored once (no failed transaction), an
    encoder reads only its own vectors, and only the most recent snapshots are kept."""
    one, two, three = (np.full(embeddings.DIM, k, dtype="<f4").tobytes() for k in (1, 2, 3))
    with Store.open(db_url) as store:
        store.add(make_extraction(), vectors=TextVectors("enc-a", {"k1": one, "k2": two}))
        store.add(make_extraction(text=RAW.replace("ferry order", "tram contract"), path="tram.txt"),
                  vectors=TextVectors("enc-a", {"k2": two, "k3": three}))
        store.add_vectors(TextVectors("enc-b", {"k1": three}))
        assert store.count() == 2
        assert store.vectors("enc-a", ["k1", "k2", "k3", "k4"]) == {"k1": one, "k2": two, "k3": three}
        assert store.vectors("enc-b", ["k1", "k2"]) == {"k1": three}
        for k in range(SNAPSHOTS_KEPT + 2):
            store.save_snapshot(f"key{k}", f"ledger {k}".encode())
        store.save_snapshot("key1", b"ledger 1 again")  # saved again: the most recent
        assert store.snapshot("key0") is None and store.snapshot("key2") is None
        assert store.snapshot("key1") == b"ledger 1 again"
        assert store.snapshot(f"key{SNAPSHOTS_KEPT + 1}") == f"ledger {SNAPSHOTS_KEPT + 1}".encode()
