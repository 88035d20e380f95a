"""`export --format sqlite`: the ledger of examples/ as plain SQL tables, queried as a Datasette user would."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite")
    db = str(folder / "store.db")
    assert run("analyze", str(EXAMPLES), "--db", db, "--quiet").exit_code == 0
    assert run("export", "--db", db, "-o", str(folder / "ledger.json"), "--quiet").exit_code == 0
    out = folder / "ledger.sqlite"
    result = run("export", "--db", db, "--format", "sqlite", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert str(out) in result.stdout
    data = json.loads((folder / "ledger.json").read_text(encoding="utf-8"))
    connection = sqlite3.connect(out)
    yield connection, data, db, out
    connection.close()


def test_every_list_of_the_export_is_a_table_with_the_same_rows(exported):
    connection, data, _, _ = exported
    for table in ("documents", "entities", "attributions", "figures", "times", "claims", "conflicts", "timeline"):
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert count == len(data[table]), table
    ids = [row[0] for row in connection.execute("SELECT id FROM claims ORDER BY rowid")]
    assert ids == [c["id"] for c in data["claims"]]
    value = dict(connection.execute("SELECT id, value FROM figures"))
    assert value == {f["id"]: f["value"] for f in data["figures"]}


def test_corroborated_claims_with_their_statements_by_a_join(exported):
    """The query the issue asks for: each corroborated claim's statements, through the link table."""
    connection, data, _, _ = exported
    rows = connection.execute("""
        SELECT c.id, c.summary, a.id, a.sentence, a.source_name, a.doc_id
        FROM claims c
        JOIN claim_attributions ca ON ca.claim_id = c.id
        JOIN attributions a ON a.id = ca.attribution_id
        WHERE c.status = 'corroborated'
        ORDER BY c.id, ca.position""").fetchall()
    expected = [(c["id"], a) for c in data["claims"] if c["status"] == "corroborated" for a in c["attribution_ids"]]
    assert expected, "examples/ holds corroborated claims"
    assert sorted((r[0], r[2]) for r in rows) == sorted(expected)
    sentences = {a["id"]: a["sentence"] for a in data["attributions"]}
    assert all(sentence == sentences[aid] for _, _, aid, sentence, _, _ in rows)


def test_conflicts_entities_and_sources_join_back(exported):
    connection, data, _, _ = exported
    pairs = connection.execute("""
        SELECT k.id, k.kind, c.id FROM conflicts k
        JOIN conflict_claims kc ON kc.conflict_id = k.id JOIN claims c ON c.id = kc.claim_id""").fetchall()
    assert sorted((k, c) for k, _, c in pairs) == sorted(
        (k["id"], c) for k in data["conflicts"] for c in k["claim_ids"])
    named = connection.execute("""
        SELECT DISTINCT e.name FROM claim_sources cs JOIN entities e ON e.id = cs.entity_id""").fetchall()
    entities = {e["id"]: e["name"] for e in data["entities"]}
    assert {n for (n,) in named} == {entities[s] for c in data["claims"] for s in c["sources"] if s in entities}
    aliases = connection.execute("SELECT entity_id, alias FROM entity_aliases").fetchall()
    assert sorted(aliases) == sorted((e["id"], a) for e in data["entities"] for a in e["aliases"])
    # List fields stay readable as JSON with SQLite's own functions.
    (history,) = connection.execute("SELECT status_history FROM claims LIMIT 1").fetchone()
    assert json.loads(history) == data["claims"][0]["status_history"]
    (searched,) = connection.execute(
        "SELECT count(*) FROM claims, json_each(claims.doc_ids) WHERE json_each.value = 'd1'").fetchone()
    assert searched == sum("d1" in c["doc_ids"] for c in data["claims"])


def test_exporting_again_replaces_the_file(exported):
    _, data, db, out = exported
    assert run("export", "--db", db, "--format", "sqlite", "-o", str(out), "--quiet").exit_code == 0
    connection = sqlite3.connect(out)
    try:
        (count,) = connection.execute("SELECT count(*) FROM claims").fetchone()
        meta = dict(connection.execute("SELECT key, value FROM meta"))
    finally:
        connection.close()
    assert count == len(data["claims"]) and meta["schema"] == data["schema"]
