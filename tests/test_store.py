"""The store keeps every field of an extraction and adds each report atomically."""
from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from claimledger.extract.pipeline import extract_report
from claimledger.records import (
    Attribution,
    CleanText,
    Figure,
    RawReport,
    ReportExtraction,
    Source,
    TimeExpression,
)
from claimledger.store import Store, StoreError, content_hash, report_identity
from claimledger.store.repository import pack_offsets, report_place, unpack_offsets

RAW = (
    "Harbour minister denies ferry order\n\n"
    "The harbour minister, Alma Verhoek, said on Tuesday that 14 new ferries had been ordered.\n"
    "Image: a ferry at dock\n"
    "\"We have not signed anything,\" the shipyard said. It could not confirm the figure."
)


def make_extraction(text: str = RAW, path: str = "reports/ferry.txt") -> ReportExtraction:
    clean_text = text.replace("Image: a ferry at dock\n", "")
    cut = text.index("Image:")
    offsets = list(range(cut)) + list(range(cut + len("Image: a ferry at dock\n"), len(text)))
    assert len(offsets) == len(clean_text)
    minister = Source(text="The harbour minister, Alma Verhoek", name="Alma Verhoek", kind="person", start=37, end=71)
    yard = Source(text="the shipyard", name="the shipyard", kind="organisation")
    said = clean_text.index("said on")
    figure_at = clean_text.index("14 new")
    return ReportExtraction(
        report=RawReport(text=text, title="Harbour minister denies ferry order", url=None, outlet="Port Gazette",
                         published=None, path=path),
        clean=CleanText(text=clean_text, offsets=offsets, removed=["Image: a ferry at dock"]),
        published="2031-03-12",
        published_inferred=True,
        attributions=[
            Attribution(start=37, end=125, sentence=clean_text[37:125], source=minister, cue="say",
                        cue_start=said, cue_end=said + 4, content="14 new ferries had been ordered",
                        content_start=figure_at, content_end=figure_at + 31, quote="indirect", stance="asserts",
                        via=["Port Gazette", "Radio Kust"], date="2031-03-11"),
            Attribution(start=126, end=170, sentence="\"We have not signed anything,\" the shipyard said.",
                        source=yard, cue="say", cue_start=160, cue_end=164, content="We have not signed anything",
                        content_start=127, content_end=154, quote="direct", stance="denies",
                        writer_distance="allegedly"),
            Attribution(start=171, end=200, sentence="It could not confirm the figure.", source=None,
                        cue="confirm", cue_start=184, cue_end=191, content="the figure", content_start=192,
                        content_end=202, quote="indirect", stance="cannot_confirm", continuation=True),
        ],
        figures=[
            Figure(start=figure_at, end=figure_at + 2, text="14", sentence=clean_text[37:125], value=14.0,
                   qualifier="exact", subject="new ferries", attribution=0, source=minister, as_of="2031-03-11"),
            Figure(start=5, end=10, text="a few dozen", sentence="x", value=36.0, qualifier="approx",
                   subject="crew", kind="count", low=24.0, high=48.0, unit=None),
            Figure(start=1, end=4, text="155mm", sentence="y", value=155.0, qualifier="exact", subject="guns",
                   kind="measure", unit="mm"),
        ],
        times=[
            TimeExpression(start=said + 8, end=said + 15, text="Tuesday", value="2031-03-11"),
            TimeExpression(start=0, end=3, text="one day", value=None),
            TimeExpression(start=3, end=9, text="March 8 to 13", value="2031-03-08/2031-03-13"),
        ],
    )


@pytest.fixture
def store(db_url):
    """An empty store on SQLite, and on PostgreSQL when CLAIMLEDGER_TEST_PG is set (conftest.db_url)."""
    with Store.open(db_url) as opened:
        yield opened


def test_round_trip_rebuilds_every_record_exactly(store):
    extraction = make_extraction()
    stored = store.add(extraction)
    assert stored is not None and stored.id == "d1"
    (reloaded,) = store.reports()
    assert reloaded.extraction == extraction
    assert reloaded.id == "d1"
    assert reloaded.content_hash == content_hash(RAW)
    assert reloaded.added_at == stored.added_at
    assert reloaded.copy_of is None


def test_round_trip_survives_reopening_the_file(tmp_path):
    extraction = make_extraction()
    with Store.open(tmp_path / "a.db") as store:
        store.add(extraction)
    with Store.open(str(tmp_path / "a.db"), create=False) as store:
        assert [r.extraction for r in store.reports()] == [extraction]


def test_re_adding_the_same_report_is_a_no_op(store):
    first = make_extraction()
    assert store.add(first) is not None
    # The same text saved with other line breaks, read from another folder, is still the same report.
    again = make_extraction(text=RAW.replace("\n\n", "\n   \n"), path="/home/someone/reports/ferry.txt")
    assert store.has_identity(report_identity(again.report))
    assert store.add(again) is None
    assert store.count() == 1
    assert [r.extraction.report.path for r in store.reports()] == ["reports/ferry.txt"]


def test_the_same_text_from_another_place_is_stored_as_a_copy_of_the_first(store):
    first = store.add(make_extraction())
    other_file = make_extraction(path="reports/ferry-from-the-wire.txt")
    other_outlet = make_extraction(path="reports/ferry.txt")
    other_outlet.report.outlet = "Harbour Herald"
    other_url = make_extraction(path=None)
    other_url.report.url = "https://herald.example/ferry"
    assert not any(store.has_identity(report_identity(e.report)) for e in (other_file, other_outlet, other_url))
    stored = [store.add(e) for e in (other_file, other_outlet, other_url)]
    assert [(s.id, s.copy_of) for s in stored] == [("d2", "d1"), ("d3", "d1"), ("d4", "d1")]
    # each is stored once: added again, it is the same report
    assert all(store.add(e) is None for e in (other_file, other_outlet, other_url))
    assert [(r.id, r.copy_of, r.content_hash) for r in store.reports()] == [
        (doc, None if doc == first.id else first.id, first.content_hash) for doc in ("d1", "d2", "d3", "d4")]


def test_a_word_for_word_copy_joins_the_group_of_its_text_whatever_copy_of_says(store):
    """The copy of a near-copy is linked to the group's original, as dedup.original_of links a copy of a copy."""
    original = store.add(make_extraction())
    near = store.add(make_extraction(text=RAW + "\nA later update.", path="b.txt"), copy_of=original.id)
    exact = store.add(make_extraction(text=RAW + "\nA later update.", path="c.txt"), copy_of=None)
    other_group = store.add(make_extraction(text=RAW + "\nA later update.", path="d.txt"), copy_of="d9")
    assert (near.copy_of, exact.copy_of, other_group.copy_of) == ("d1", "d1", "d1")


def test_report_place_ignores_folders_and_record_numbers_but_not_outlets():
    assert report_place(None, "seeds/a.txt", "Port Gazette", "Ferry") == \
        report_place(None, "/data/news/seeds/a.txt", " port  gazette ", "ferry")
    assert report_place(None, "feed.jsonl#3", None, None) == report_place(None, "/tmp/x/feed.jsonl#12", None, None)
    assert report_place(None, "a.txt", "Port Gazette", None) != report_place(None, "a.txt", "Harbour Herald", None)
    assert report_place(None, "a.txt", None, None) != report_place(None, "b.txt", None, None)
    # a URL is where a report came from, whatever file or outlet it names
    assert report_place("https://a.example/x", "a.txt", "A", None) == report_place(" https://a.example/x", None, "B", "T")
    assert report_place("https://a.example/x", None, None, None) != report_place("https://b.example/x", None, None, None)


def test_ids_follow_insertion_order_and_copy_of_round_trips(store):
    a = store.add(make_extraction())
    b = store.add(make_extraction(text=RAW + "\nA later update.", path="b.txt"), copy_of=a.id)
    assert (a.id, b.id) == ("d1", "d2")
    assert [(r.id, r.copy_of) for r in store.reports()] == [("d1", None), ("d2", "d1")]
    assert store.year_counts() == {2031: 2}


def test_a_report_that_fails_midway_leaves_nothing_behind(store):
    good = make_extraction()
    broken = make_extraction(text=RAW + " Updated.", path="broken.txt")
    # The figure rows come after the report and attribution rows: a NULL value fails the insert there.
    broken.figures[1] = replace(broken.figures[1], value=None)
    with pytest.raises(Exception):
        store.add(broken)
    assert store.count() == 0
    assert not store.has_identity(report_identity(broken.report))
    assert store.add(good) is not None
    assert [r.extraction for r in store.reports()] == [good]


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "wal.db"
    with Store.open(path) as store:
        store.add(make_extraction())
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        child_rows = raw.execute("SELECT count(*) FROM attributions").fetchone()[0]
        assert child_rows == 3
    finally:
        raw.close()


def test_text_with_sql_metacharacters_is_stored_verbatim(store):
    nasty = "Robert'); DROP TABLE reports;-- said \"hello\" \x00 and left."
    extraction = make_extraction()
    extraction.report = replace(extraction.report, text=nasty, title=nasty)
    store.add(extraction)
    (reloaded,) = store.reports()
    # PostgreSQL cannot hold NUL in text: it is kept as U+FFFD (same length, offsets intact; see test_postgres.py).
    expected = nasty if store.engine.dialect.name == "sqlite" else nasty.replace("\x00", "\ufffd")
    assert (reloaded.extraction.report.text, reloaded.extraction.report.title) == (expected, expected)


def test_offsets_pack_compactly_and_round_trip():
    offsets = list(range(0, 5000)) + list(range(5200, 90000)) + [3, 2, 1]
    blob = pack_offsets(offsets)
    assert unpack_offsets(blob) == offsets
    assert len(blob) < 100
    assert unpack_offsets(pack_offsets([])) == []


def test_missing_file_or_non_database_gives_a_one_line_error(tmp_path):
    with pytest.raises(StoreError, match="no such database file"):
        Store.open(tmp_path / "absent.db", create=False)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not an sqlite database at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store.open(junk)


def test_real_extraction_round_trips(store):
    report = RawReport(
        text=("Ferry strike spreads to the islands\n\n"
              "About 300 crew members walked out on Tuesday, the union said. \"We are not going back,\" "
              "union leader Ines Morrow told the Island Post. The ferry company denied that any sailings were cancelled "
              "and said it could not confirm the union's figure.\n"),
        outlet="Island Post", published="2031-06-04", path="ferry.txt")
    extraction = extract_report(report)
    assert extraction.attributions and extraction.figures and extraction.times
    store.add(extraction)
    assert store.reports()[0].extraction == extraction
