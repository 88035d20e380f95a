"""The year an undated report is read in comes from the stored reports and the run's earlier chunks, whatever the
engine has stored by the time a chunk is read: an engine that reads ahead gives the same ledger."""
from __future__ import annotations

from claimledger import analysis
from claimledger.config import Limits
from claimledger.records import RawReport
from claimledger.store import Store

UNDATED = "The harbour council said on May 3 that the ferry to Ostra would sail again after the engine fire."


def _reports() -> list[RawReport]:
    dated = [RawReport(text=f"The {n}th ferry report: the operator said crossing {n} of the "
                            f"{'spring' if year == 2023 else 'autumn'} timetable sailed on time.",
                       path=f"{year}-{n}.txt", published=f"{year}-05-0{1 + n % 9}")
             for year in (2023, 2024) for n in range(analysis.CHUNK)]
    return dated + [RawReport(text=UNDATED, path="undated.txt")]


def _undated_published(tmp_path, name: str) -> str | None:
    with Store.open(tmp_path / f"{name}.db") as store:
        analysis.analyse_into(store, _reports(), model=None, limits=Limits(), on_error=print)
        return next(r.extraction.published for r in store.reports() if r.extraction.report.path == "undated.txt")


def test_an_engine_that_reads_every_chunk_first_reads_the_same_years(tmp_path, monkeypatch):
    as_it_comes = _undated_published(tmp_path, "plain")
    original = analysis.local_engine.analyse
    monkeypatch.setattr(analysis.local_engine, "analyse", lambda chunks, **kw: original(list(chunks), **kw))
    read_ahead = _undated_published(tmp_path, "ahead")
    # 16 reports of 2023 and 16 of 2024 before it: a tie, which goes to the later year, either way.
    assert as_it_comes == read_ahead and as_it_comes is not None and as_it_comes.startswith("2024")
