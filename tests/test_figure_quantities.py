"""Which quantity each figure gives is worked out once, by the ledger build, and kept in its
snapshot: the briefing's series read it, so showing a stored ledger embeds no noun and loads no
unit registry, and the series are the ones the briefing drew when it worked them out itself."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from claimledger.ledger import embeddings, units
from claimledger.ledger.propositions import harm_of
from claimledger.ledger.quantities import is_count, is_measure, quantity_texts
from claimledger.ledger.statements import clause_around
from claimledger.ledger.vectors import texts_to_embed
from claimledger.report.briefing import build_briefing, render_markdown
from claimledger.report.context import LedgerContext
from claimledger.report.quantities import figure_series
from claimledger.store import Store, ledgers
from test_store_vectors import Counted, run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("quantities")
    grain = folder / "grain.txt"  # measures in a physical unit, which pint converts
    grain.write_text("Grain shipments resume at Odesa\n\nODESA, March 5, 2025 - The port authority said 12,000 "
                     "tonnes of wheat left the harbour on Tuesday. The agriculture ministry said on Wednesday that "
                     "14,500 tonnes of wheat had been shipped so far, and that 3,000 kilograms of seed were lost "
                     "in a fire.\n", encoding="utf-8")
    db = str(folder / "ledger.db")
    run("analyze", *map(str, sorted(EXAMPLES.iterdir())), str(grain), "--db", db, "--quiet")
    return db


def _series(ctx: LedgerContext) -> list[tuple]:
    return [(s.key, s.label, s.unit, [dataclasses.astuple(p) for p in s.points]) for s in figure_series(ctx)]


def test_the_build_keeps_each_figures_quantity_and_the_series_match_working_them_out(store_path):
    with Store.open(store_path, create=False) as store:
        reports = store.reports()
        ledger = ledgers.stored_ledger(store, reports)
        again = ledgers.stored_ledger(store, reports)  # read back from the snapshot
    assert ledger.figure_quantities and again.figure_quantities == ledger.figure_quantities
    figures = {f"{r.id}.f{i}": f for r in reports for i, f in enumerate(r.extraction.figures)}
    assert set(ledger.figure_quantities) <= set(figures)
    assert all(is_count(figures[fid]) or is_measure(figures[fid]) for fid in ledger.figure_quantities)
    kept = _series(LedgerContext(reports, again))
    worked_out = _series(LedgerContext(reports, dataclasses.replace(again, figure_quantities=None)))
    assert kept == worked_out
    assert any(len(points) >= 2 for _, _, _, points in kept)  # the examples give series, not lone figures
    assert any(key.startswith("measure|[mass]") for key, _, _, _ in kept)  # tonnes and kilograms, in one unit


def test_every_noun_the_quantities_class_is_stored_by_analyze(store_path):
    with Store.open(store_path, create=False) as store:
        reports = store.reports()
    nouns = [t for r in reports for t in quantity_texts(r.extraction)]
    assert nouns
    assert all(t in texts_to_embed(r.extraction) for r in reports for t in quantity_texts(r.extraction))


def test_showing_a_stored_ledger_embeds_nothing_and_loads_no_unit_registry(store_path, monkeypatch):
    with Store.open(store_path) as store:
        ledgers.stored_ledger(store, store.reports())  # built and kept (if no earlier test did)
    counted = Counted(embeddings._model())
    monkeypatch.setattr(embeddings, "_model", lambda: counted)
    monkeypatch.setattr(embeddings, "_cache", {})
    units._registry.cache_clear()
    with Store.open(store_path, create=False) as store:
        reports = store.reports()
        ctx = LedgerContext(reports, ledgers.stored_ledger(store, reports))
    text = render_markdown(ctx, build_briefing(ctx))
    assert "Every figure, by quantity, source and date" in text
    assert counted.texts == 0
    assert units._registry.cache_info().misses == 0


@pytest.mark.parametrize("sentence, figure, harm", [
    ("At least 31 people were killed when a missile hit the market.", "At least 31", "killed"),
    ("The death toll from the floods has risen to 22, the ministry said.", "22", "killed"),
    ("Gunfire left one dead and three wounded.", "three", "injured"),
    ("Local officials said 40 people were still missing.", "40", "missing"),
    ("The Red Cross said 2,000 people had been displaced.", "2,000", "displaced"),
    ("Police said 12 protesters were arrested.", "12", "detained"),
    ("The ministry said 12,000 troops had been deployed.", "12,000", None),
    # a verb of harm right before the count governs it, whatever harm follows in the clause
    ("The quake struck on Saturday, killing at least 12 people and injuring dozens.", "at least 12", "killed"),
    ("The quake struck on Saturday, killing at least 12 people and injuring dozens.", "dozens", "injured"),
])
def test_what_happened_to_the_people_counted(sentence, figure, harm):
    assert harm_of(clause_around(sentence, figure)) == harm


def test_people_killed_hurt_and_missing_are_three_series(tmp_path):
    folder = tmp_path / "floods"
    folder.mkdir()
    (folder / "a.txt").write_text("title: Floods hit Valmora\npublished: 2025-09-02\n\nFourteen people were killed "
                                  "when floods swept through three villages on Monday, the interior ministry said.\n\n"
                                  "The Red Cross said 30 people were injured in the floods.\n", encoding="utf-8")
    (folder / "b.txt").write_text("title: Valmora floods: toll rises\npublished: 2025-09-03\n\nLocal officials said 40 "
                                  "people were missing after the floods.\n\nHospital staff said 25 people were "
                                  "injured.\n\nThe interior ministry said 16 people were killed.\n", encoding="utf-8")
    db = str(tmp_path / "ledger.db")
    run("analyze", str(folder), "--db", db, "--quiet")
    with Store.open(db, create=False) as store:
        reports = store.reports()
        ctx = LedgerContext(reports, ledgers.stored_ledger(store, reports))
    values = {label: sorted(p.value for p in points) for _, label, _, points in
              [(s.key, s.label, s.unit, s.points) for s in figure_series(ctx)]}
    assert values["people injured"] == [25, 30]
    assert values["people killed"] == [14, 16]
    assert all(40 not in v for label, v in values.items() if label != "people missing")


def test_a_figure_only_named_as_the_one_before_is_no_point_and_a_plain_count_joins_the_done_series():
    from test_ledger_helpers import S, report

    from claimledger.ledger.quantities import figure_quantities

    first = "The insurer said hackers had copied the records of about 40,000 customers."
    later = "The insurer said the records of about 65,000 customers had been copied, up from its earlier estimate of 40,000."
    reports = [
        report("d1", "2025-03-01", [S(first, "The insurer", kind="organisation", content=first[18:],
                                      figures=[("about 40,000", 40000, "approx", "customers")])]),
        report("d2", "2025-03-04", [S(later, "The insurer", kind="organisation", content=later[18:],
                                      figures=[("about 65,000", 65000, "approx", "customers"),
                                               ("40,000", 40000, "exact", "customers")])]),
    ]
    found = figure_quantities(reports)
    assert "d2.f1" not in found  # "up from its earlier estimate of 40,000": named to compare, not given again
    assert found["d1.f0"].key == found["d2.f0"].key and "already done" in found["d2.f0"].label


@pytest.mark.parametrize("value, unit, qualifier, said", [
    (12, "metric ton", "exact", "12 metric tons"),
    (1, "metric ton", "exact", "1 metric ton"),
    (2, "metric ton", "at_most", "at most 2 metric tons"),
    (15, "metric ton", "up_to", "up to 15 metric tons"),
    (3, "mile per hour", "approx", "about 3 miles per hour"),
    (5, "foot", "exact", "5 feet"),
    (8e8, "USD", "exact", "USD 800 million"),
    (1500, "", "at_least", "at least 1,500"),
])
def test_an_amount_reads_with_its_qualifier_and_its_unit_in_the_plural(value, unit, qualifier, said):
    from claimledger.report.quantities import amount

    assert amount(value, unit, qualifier) == said
