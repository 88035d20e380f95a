"""What a command that only reads a store loads: no analysis package, no Alembic when the store is up to date,
and no report's times or offset map when the ledger is kept."""
from __future__ import annotations

import json
import subprocess
import sys
import zlib

from alembic.script import ScriptDirectory

from claimledger.records import Ledger
from claimledger.store import Store, migrations
from claimledger.store.ledgers import _LEDGER, DEFAULT_PARAMS, kept_ledger, snapshot_key
from test_store import RAW, make_extraction

ANALYSIS = ("spacy", "claimledger.analysis", "claimledger.engines", "claimledger.extract", "claimledger.ingest")


def loaded_by(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_the_command_line_module_loads_no_analysis_package():
    loaded = loaded_by("import claimledger.cli")
    assert not [m for m in loaded if m.startswith(ANALYSIS)]


def test_building_a_ledger_loads_no_parser():
    """The ledger re-resolves stored time expressions with the extraction's reader, which needs no parse."""
    loaded = loaded_by("import claimledger.cli\nfrom claimledger.ledger import build_ledger")
    assert not [m for m in loaded if m.startswith("spacy")]


def test_the_newest_revision_is_read_from_the_scripts_as_alembic_reads_it():
    assert migrations.script_head() == ScriptDirectory.from_config(migrations.config()).get_current_head()


def test_an_up_to_date_store_opens_without_alembic(tmp_path):
    path = tmp_path / "store.db"
    Store.open(path).close()  # created and migrated
    loaded = loaded_by(f"from claimledger.store import Store\nStore.open({str(path)!r}, create=False).close()")
    assert not [m for m in loaded if m.startswith("alembic")]
    with Store.open(path, create=False) as store, store.engine.connect() as connection:
        assert migrations.at_head(connection)


def test_a_kept_ledger_is_found_without_loading_the_reports_and_shown_from_lighter_records(tmp_path):
    """``report`` with a snapshot asks for it by the reports' ids and hashes, then loads the reports without
    what only the build reads (time expressions, offset maps)."""
    with Store.open(tmp_path / "store.db") as store:
        store.add(make_extraction(), story="harbour")
        store.add(make_extraction(text=RAW.replace("ferry order", "tram contract"), path="tram.txt"))
        full = store.reports()
        assert kept_ledger(store) is None
        ledger = Ledger(report_dates={}, figure_quantities={})
        store.save_snapshot(snapshot_key(full, DEFAULT_PARAMS), zlib.compress(_LEDGER.dump_json(ledger)))
        assert kept_ledger(store) == ledger
        assert kept_ledger(store, "harbour") is None  # another set of reports, another key
        light = store.reports(full=False)
        assert [r.id for r in store.reports(story="harbour", full=False)] == ["d1"]
    assert any(r.extraction.clean.offsets for r in full)
    for whole, shown in zip(full, light, strict=True):
        assert shown.extraction.times == [] and shown.extraction.clean.offsets == []
        assert shown.extraction.attributions == whole.extraction.attributions
        assert shown.extraction.figures == whole.extraction.figures
        assert shown.extraction.names == whole.extraction.names
        assert shown.extraction.clean.text == whole.extraction.clean.text
        assert shown.extraction.report == whole.extraction.report


def test_the_tables_of_units_give_pints_answers_for_every_unit_the_extractor_writes():
    """ledger/units answers the dimension and conversion factor of the units figures are stored in
    from tables instead of pint's registry: each entry as pint gives it, to the bit, and every unit word the
    extractor accepts (and its plural) normalised into one of the tables."""
    import pint  # noqa: F401  (what the tables stand for)

    from claimledger.extract.figures import _UNITS, normal_unit
    from claimledger.ledger import units as unit_tables

    registry = unit_tables._registry()
    for dimension, units in unit_tables._PINT_DIMENSIONS.items():
        for unit in units:
            assert str(registry.Unit(unit).dimensionality) == dimension
    for word in unit_tables._PINT_UNKNOWN:
        try:
            registry.Unit(word)
        except (AttributeError, ValueError):
            continue
        raise AssertionError(f"pint knows {word!r}")
    for unit, row in unit_tables._PINT_SCALES.items():
        for into, factor in row.items():
            assert float(registry.Quantity(1, unit).to(into).magnitude) == factor, (unit, into)
    for dimension, units in unit_tables._PINT_DIMENSIONS.items():
        if dimension != "[time]":
            assert all(into in unit_tables._PINT_SCALES.get(unit, {}) for unit in units for into in units
                       if into != unit), dimension
    known = {u for units in unit_tables._PINT_DIMENSIONS.values() for u in units} | unit_tables._PINT_UNKNOWN
    for word in (w for unit_word in _UNITS for w in (unit_word, unit_word + "s")):
        unit = normal_unit(word)
        if not (unit_tables.CURRENCY.match(unit) or unit in unit_tables.NOT_AMOUNTS or " " in unit):
            assert unit in known, (word, unit)


def test_the_quantities_of_a_store_s_measures_are_worked_out_without_pint():
    """The dimension and factor of a unit in the tables come from them; pint is loaded for another."""
    code = ("from claimledger.ledger import units as u\n"
            "assert u.dimension_of('mile') == '[length]' and u.scale('mile', 'kilometer') == 1.609344\n"
            "assert u.dimension_of('cents') is None and u.in_common_unit('mile', 2.0) == ('meter', 3218.688)\n")
    assert not [m for m in loaded_by(code) if m.startswith("pint")]
    assert "pint" in loaded_by(code + "assert u.dimension_of('furlong') == '[length]'\n")
