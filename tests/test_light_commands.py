"""What a command that only reads a store loads: no analysis package, and no Alembic when the store is up to date."""
from __future__ import annotations

import json
import subprocess
import sys

from alembic.script import ScriptDirectory

from claimledger.store import Store, migrations

ANALYSIS = ("spacy", "claimledger.analysis", "claimledger.engines", "claimledger.extract", "claimledger.ingest")


def loaded_by(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_the_command_line_module_loads_no_analysis_package():
    loaded = loaded_by("import claimledger.cli")
    assert not [m for m in loaded if m.startswith(ANALYSIS)]


def test_the_newest_revision_is_read_from_the_scripts_as_alembic_reads_it():
    assert migrations.script_head() == ScriptDirectory.from_config(migrations.config()).get_current_head()


def test_an_up_to_date_store_opens_without_alembic(tmp_path):
    path = tmp_path / "store.db"
    Store.open(path).close()  # created and migrated
    loaded = loaded_by(f"from claimledger.store import Store\nStore.open({str(path)!r}, create=False).close()")
    assert not [m for m in loaded if m.startswith("alembic")]
    with Store.open(path, create=False) as store, store.engine.connect() as connection:
        assert migrations.at_head(connection)
