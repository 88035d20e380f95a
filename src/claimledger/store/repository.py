"""The store: reports and their extractions in an SQL database (SQLite by default).

Every report enters in one transaction, so an interrupted batch leaves each
report either fully stored or absent. A report is known by its
:func:`report_identity`, a hash of its whitespace-normalised raw text and of
where it came from, which makes re-analysing a report a no-op; the same text
from another place is stored again, as a copy of the first report with that
text.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import re
import sqlite3
import time
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, fields
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import Connection, Engine, Row, Select, Table, create_engine, delete, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from claimledger.heap import collector_paused
from claimledger.records import (
    NameMention,
    Attribution,
    Clause,
    CleanText,
    DateParts,
    Figure,
    RawReport,
    ReportExtraction,
    Source,
    StoredReport,
    TimeExpression,
    TimeMention,
)
from claimledger.store import migrations
from claimledger.store.models import (
    AttributionRow, BucketRow, FigureRow, LedgerSnapshotRow, OriginalRow, ReportRow, SignatureRow, TimeRow, VectorRow,
)

if TYPE_CHECKING:
    from claimledger.ledger.vectors import TextVectors


#: Tries at bringing the schema up to date when other writers open the same new database at once.
MIGRATION_ATTEMPTS = 5
#: Built ledgers kept (the most recently built): the whole store's, a few stories', a `changes` baseline.
SNAPSHOTS_KEPT = 8


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message is one line for the user."""


def content_hash(text: str) -> str:
    """sha256 of the text with runs of white space collapsed, so re-saved copies hash alike."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


_FOLDERS = re.compile(r".*[\\/]", re.DOTALL)
_RECORD = re.compile(r"#\d+$")


def report_place(url: str | None, path: str | None, outlet: str | None, title: str | None) -> str:
    """Where a report came from, as far as telling two reports of one text apart goes.

    A report read from a URL (a page, a feed entry, an archive record, a file with a ``url:``
    header) came from that URL. Any other came from a file, known by its name together with the
    outlet and title it gives: the name without its folders and without the ``#line`` of a JSON
    Lines record or the ``#offset`` of an archive record, since the path as read depends on the
    working directory and on how the folder was named (``seeds/a.txt``, ``/data/seeds/a.txt``),
    and an upload is read from a new temporary folder each time; the outlet and title tell apart
    two outlets' files of one name. Case and runs of white space in the outlet and title do not count.
    """
    if url and url.strip():
        return "url\n" + url.strip()
    name = _RECORD.sub("", _FOLDERS.sub("", path.strip())) if path else ""
    return "\n".join(("file", name, *(" ".join((value or "").split()).casefold() for value in (outlet, title))))


def report_identity(report: RawReport) -> str:
    """What makes two reports the same report: the same text (:func:`content_hash`) from the same
    place (:func:`report_place`). Analysing a report again finds it stored by this key."""
    return identity_of(content_hash(report.text), report_place(report.url, report.path, report.outlet, report.title))


def identity_of(digest: str, place: str) -> str:
    """sha256 of a report's :func:`content_hash` and its :func:`report_place`."""
    return hashlib.sha256(f"{digest}\n{place}".encode()).hexdigest()


def pack_offsets(offsets: list[int]) -> bytes:
    """Compress a cleaned-to-original offset map.

    The map steps by one except where furniture was cut, so it is kept as
    runs of equal deltas (delta, length), deflated: a few bytes per cut
    instead of a number per character.
    """
    runs = array("q")
    previous = 0
    for offset in offsets:
        delta, previous = offset - previous, offset
        if runs and runs[-2] == delta:
            runs[-1] += 1
        else:
            runs.extend((delta, 1))
    return zlib.compress(runs.tobytes())


def unpack_offsets(blob: bytes) -> list[int]:
    """The inverse of :func:`pack_offsets` (in NumPy: a report's offsets are one per character)."""
    runs = np.frombuffer(zlib.decompress(blob), dtype=np.dtype("q"))
    return np.repeat(runs[0::2], runs[1::2]).cumsum().tolist()


def doc_id(pk: int) -> str:
    return f"d{pk}"


def _pk(doc: str) -> int:
    if not (doc.startswith("d") and doc[1:].isdigit()):
        raise ValueError(f"not a report id: {doc!r}")
    return int(doc[1:])


def _database_url(target: str | Path) -> URL:
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise StoreError(f"{text}: not a database URL ({exc})") from None
        # psycopg (3) is the PostgreSQL driver installed; SQLAlchemy would otherwise look for psycopg2.
        return url.set(drivername="postgresql+psycopg") if url.drivername in ("postgresql", "postgres") else url
    return URL.create("sqlite", database=text)


def _writable(path: Path) -> bool:
    """Whether SQLite can write the store: the file and its folder (WAL keeps files beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only(path: Path, target: str | Path) -> Engine:
    """An engine that only reads the SQLite file at ``path`` (``mode=ro``): no migration, no pragma
    that writes. A store on a read-only file system has no WAL files beside it unless it was left
    mid-write; it is then opened as immutable, since nothing can change it."""
    uri = path.resolve().as_uri() + "?mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    try:
        with engine.connect() as connection:
            if not migrations.is_current(connection):
                raise StoreError(f"{target}: the store is read-only and its schema is older than this version "
                                 "(open it once where it can be written, to upgrade it)")
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{target}: cannot open database read-only ({getattr(exc, 'orig', None) or exc})") from None
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers work while a batch is written; SQLite leaves foreign keys off unless asked.

    synchronous=NORMAL is safe with WAL (a killed process loses nothing committed) and spares an fsync
    per report, which matters since every report is its own transaction (resumable runs).
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _no_nul(value):
    """PostgreSQL text cannot hold NUL; U+FFFD stands in, one character for one, so offsets stay valid."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {key: _no_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_no_nul(item) for item in value)
    return value


def _postgres_parameters(_conn, _cursor, statement, parameters, _context, _executemany):
    return statement, _no_nul(parameters)


class Store:
    """Reports and extractions in one database. Use :meth:`open`, ideally as a context manager.

    ``writable`` is False for a store opened read-only: it is read, and nothing computed from it is kept.
    """

    def __init__(self, engine: Engine, *, writable: bool = True):
        self.engine = engine
        self.writable = writable

    @classmethod
    def open(cls, target: str | Path, *, create: bool = True) -> Store:
        """Open the database at a file path or SQLAlchemy URL (``postgresql://…`` too), migrating it to the newest schema.

        With ``create=False`` a missing SQLite file is an error rather than a new, empty store, and
        one this process cannot write (a read-only file, folder or file system) is opened read-only
        (:func:`_read_only`) so it can still be exported and reported.
        """
        url = _database_url(target)
        is_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
        if is_file and not create and not Path(url.database).is_file():
            raise StoreError(f"{target}: no such database file")
        if is_file and not create and not _writable(Path(url.database)):
            return cls(_read_only(Path(url.database), target), writable=False)
        try:
            engine = create_engine(url)
        except (ArgumentError, SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"{target}: cannot open database ({exc})") from None
        if url.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        elif url.get_backend_name() == "postgresql":
            event.listen(engine, "before_cursor_execute", _postgres_parameters, retval=True)
        for attempt in range(MIGRATION_ATTEMPTS):
            try:
                with engine.begin() as connection:
                    migrations.upgrade(connection)
                break
            except SQLAlchemyError as exc:
                # Two processes opening a new database race to create its tables ("table reports
                # already exists"); the loser retries and finds the schema in place.
                if attempt + 1 < MIGRATION_ATTEMPTS:
                    time.sleep(0.2 * (attempt + 1))
                    continue
                engine.dispose()
                reason = getattr(exc, "orig", None) or exc
                raise StoreError(f"{target}: cannot open database ({reason})") from None
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def has_identity(self, identity: str) -> bool:
        """Whether the report with this :func:`report_identity` (this text from this place) is stored."""
        with Session(self.engine) as session:
            return session.scalar(select(ReportRow.id).where(ReportRow.identity == identity)) is not None

    def count(self) -> int:
        with Session(self.engine) as session:
            return session.scalar(select(func.count(ReportRow.id))) or 0

    def year_counts(self) -> Counter[int]:
        """How many stored reports are dated (stated or inferred) in each year, years in order of their
        first report: one aggregate query, however many reports are stored."""
        year = func.substr(ReportRow.published, 1, 4)
        query = (select(year, func.count()).where(ReportRow.published.is_not(None)).group_by(year)
                 .order_by(func.min(ReportRow.id)))
        with Session(self.engine) as session:
            return Counter({int(y): n for y, n in session.execute(query) if y and y.isdigit()})

    def add(
        self, extraction: ReportExtraction, *, copy_of: str | None = None, story: str | None = None,
        signature: bytes | None = None, buckets: Iterable[int] = (), vectors: TextVectors | None = None,
    ) -> StoredReport | None:
        """Store one report and its extraction in one transaction.

        Returns ``None`` when the same report (:func:`report_identity`: the
        same text from the same place) is already stored: analysing the same
        report twice changes nothing. The same text from another place is
        stored as a copy of the original of the earliest report with that text
        (its ``copy_of``, else itself), whatever ``copy_of`` says: a word-for-word
        copy is an echo of the first, as a near-copy is. The report's
        ``original`` page (compressed) or ``record_id``, and its MinHash
        ``signature`` and LSH ``buckets`` (:mod:`claimledger.dedup`), and the
        sentence ``vectors`` of its texts (:mod:`claimledger.ledger.vectors`),
        go in the same transaction.
        """
        raw = extraction.report
        digest = content_hash(raw.text)
        identity = identity_of(digest, report_place(raw.url, raw.path, raw.outlet, raw.title))
        row = _report_row(extraction, digest, _pk(copy_of) if copy_of else None)
        row.identity = identity
        row.story = story
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                if session.scalar(select(ReportRow.id).where(ReportRow.identity == identity)) is not None:
                    return None
                twin = session.execute(select(ReportRow.id, ReportRow.copy_of).where(ReportRow.content_hash == digest)
                                       .order_by(ReportRow.id).limit(1)).first()
                if twin is not None:
                    row.copy_of = twin.copy_of if twin.copy_of is not None else twin.id
                    copy_of = doc_id(row.copy_of)
                session.add(row)
                if raw.original is not None or raw.record_id is not None or signature is not None:
                    session.flush()  # gives row.id
                if raw.original is not None or raw.record_id is not None:
                    body = zlib.compress(raw.original) if raw.original is not None else None
                    session.add(OriginalRow(report_id=row.id, record_id=raw.record_id, body=body))
                if signature is not None:
                    session.add(SignatureRow(report_id=row.id, minhash=signature))
                    session.add_all(BucketRow(bucket=b, report_id=row.id) for b in set(buckets))
                if vectors is not None:
                    _add_vectors(session, vectors)
        except IntegrityError:
            if self.has_identity(identity):  # another writer stored the same report meanwhile
                return None
            raise
        return StoredReport(
            id=doc_id(row.id), extraction=extraction, content_hash=digest, added_at=row.added_at, copy_of=copy_of
        )

    def copy_candidates(self, buckets: Iterable[int]) -> list[tuple[str, str | None, bytes]]:
        """``(report id, copy_of, packed MinHash)`` of the reports sharing an LSH bucket with ``buckets``."""
        sharing = select(BucketRow.report_id).where(BucketRow.bucket.in_(list(buckets)))
        query = (select(SignatureRow.report_id, ReportRow.copy_of, SignatureRow.minhash)
                 .join(ReportRow, ReportRow.id == SignatureRow.report_id)
                 .where(SignatureRow.report_id.in_(sharing)).order_by(SignatureRow.report_id))
        with Session(self.engine) as session:
            return [(doc_id(pk), doc_id(copy) if copy is not None else None, blob) for pk, copy, blob in session.execute(query)]

    def original(self, doc: str) -> bytes | None:
        """The page a report was fetched as, decompressed; None when it was not read from a URL."""
        with Session(self.engine) as session:
            body = session.scalar(select(OriginalRow.body).where(OriginalRow.report_id == _pk(doc)))
        return zlib.decompress(body) if body is not None else None

    def known_urls(self, urls: list[str]) -> set[str]:
        """Those of ``urls`` that some stored report was read from (feeds: entries already taken)."""
        found: set[str] = set()
        with Session(self.engine) as session:
            for first in range(0, len(urls), 500):
                found.update(session.scalars(select(ReportRow.url).where(ReportRow.url.in_(urls[first:first + 500]))))
        return found

    def report_keys(self, story: str | None = None) -> list[tuple[str, str]]:
        """``(report id, content hash)`` of every stored report (or one story's), in id order: what the
        ledger of those reports is a function of, read without loading the reports."""
        query = select(ReportRow.id, ReportRow.content_hash).order_by(ReportRow.id)
        if story is not None:
            query = query.where(ReportRow.story == story)
        with Session(self.engine) as session:
            return [(doc_id(pk), digest) for pk, digest in session.execute(query)]

    def vectors(self, encoder: str, keys: Iterable[str] | None) -> dict[str, bytes]:
        """The stored vectors of ``encoder`` for those of ``keys`` it holds (``None``: all it holds), read
        in one query."""
        query = select(VectorRow.key, VectorRow.vector).where(VectorRow.encoder == encoder)
        with self.engine.connect() as connection:
            if keys is None:
                return dict(connection.execute(query).all())
            wanted = set(keys)
            return {key: blob for key, blob in connection.execute(query) if key in wanted}

    def add_vectors(self, vectors: TextVectors) -> None:
        """Store vectors computed after their reports were stored (by a build over an older store)."""
        with Session(self.engine) as session, session.begin():
            _add_vectors(session, vectors)

    def snapshot(self, key: str) -> bytes | None:
        """The ledger stored under ``key`` (see :mod:`claimledger.store.ledgers`), if any."""
        with Session(self.engine) as session:
            return session.scalar(select(LedgerSnapshotRow.ledger).where(LedgerSnapshotRow.key == key))

    def save_snapshot(self, key: str, ledger: bytes) -> None:
        """Keep a built ledger under ``key``, and only the :data:`SNAPSHOTS_KEPT` most recent."""
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with Session(self.engine) as session, session.begin():
            session.execute(delete(LedgerSnapshotRow).where(LedgerSnapshotRow.key == key))
            session.add(LedgerSnapshotRow(key=key, used_at=now, ledger=ledger))
            session.flush()
            old = select(LedgerSnapshotRow.key).order_by(LedgerSnapshotRow.used_at.desc()).offset(SNAPSHOTS_KEPT)
            session.execute(delete(LedgerSnapshotRow).where(LedgerSnapshotRow.key.in_(old.scalar_subquery())))

    def reports(self, story: str | None = None, *, full: bool = True) -> list[StoredReport]:
        """Every stored report (or those of one story), in id order, rebuilt into the records it was stored from.

        ``full=False`` leaves out what only building the ledger reads, for showing a ledger already
        built (``report`` with a snapshot): each report's time expressions and its cleaned-to-original
        offset map come back as empty lists.

        Read as plain rows, one query per table (the reports, then their attributions, figures and
        times in report and position order), not as ORM objects: a thousand reports hold some thirty
        thousand items, which the ORM took seconds to make into objects before they were copied
        into records.

        Python's cycle collector is paused meanwhile (:mod:`claimledger.heap`): the records are all
        kept and hold no cycles, and its full passes over them were a third of the time.
        """
        with collector_paused():
            return self._reports(story, full)

    def _reports(self, story: str | None, full: bool) -> list[StoredReport]:
        table = ReportRow.__table__
        chosen = select(table.c.id).where(table.c.story == story) if story is not None else None
        query = select(table).order_by(table.c.id)
        if chosen is not None:
            query = query.where(table.c.id.in_(chosen))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
            records = dict(connection.execute(select(OriginalRow.report_id, OriginalRow.record_id)
                                              .where(OriginalRow.record_id.is_not(None))).all())
            items = [_items(connection, model, record_type, chosen) if full or model is not TimeRow else {}
                     for model, record_type in
                     ((AttributionRow, Attribution), (FigureRow, Figure), (TimeRow, TimeExpression))]
        return [_stored_report(row, records.get(row.id), *(found.get(row.id, []) for found in items), offsets=full)
                for row in rows]


def _add_vectors(session: Session, vectors: TextVectors) -> None:
    """Insert vectors not stored yet: a text shared by many reports (or written by two processes
    at once) is stored once, without a failed transaction."""
    rows = [{"encoder": vectors.encoder, "key": key, "vector": blob} for key, blob in vectors.by_key.items()]
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect not in _INSERT_NEW:
        raise StoreError(f"sentence vectors are stored in SQLite or PostgreSQL, not {dialect}")
    # The dialect's own insert, imported here: the PostgreSQL dialect costs about 0.06 CPU s to
    # import and a command that only reads a SQLite store never needs it.
    insert = importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert
    session.execute(insert(VectorRow).on_conflict_do_nothing(), rows)


_INSERT_NEW = frozenset({"sqlite", "postgresql"})  # dialects with INSERT … ON CONFLICT DO NOTHING


def _source_columns(source: Source | None) -> dict:
    if source is None:
        return dict(source_text=None, source_name=None, source_kind=None, source_start=None, source_end=None)
    return dict(
        source_text=source.text,
        source_name=source.name,
        source_kind=source.kind,
        source_start=source.start,
        source_end=source.end,
    )


def _row(item: Attribution | Figure | TimeExpression, row_type: type, index: int):
    """A table row from a record: the columns are named after the record's fields, the source flattened."""
    values = {f.name: _copied(getattr(item, f.name)) for f in fields(item)
              if f.name not in ("source", "reading", "clauses")}
    if isinstance(item, Attribution):
        values["clauses"] = [c.to_json() for c in item.clauses]
    if isinstance(item, TimeExpression):
        values["reading"] = asdict(item.reading) if item.reading else None
    if hasattr(item, "source"):
        values.update(_source_columns(item.source))
    return row_type(idx=index, **values)


def _items(connection: Connection, model: type, record_type: type, chosen: Select | None) -> dict[int, list]:
    """The records of one item table (attributions, figures or times) by report row id, each report's in
    position order; those of the reports ``chosen`` selects, else of every report."""
    table = model.__table__
    query = select(table).order_by(table.c.report_id, table.c.idx)
    if chosen is not None:
        query = query.where(table.c.report_id.in_(chosen))
    make, report = _maker(table, record_type), table.c.keys().index("report_id")
    out: dict[int, list] = {}
    for row in connection.execute(query):
        out.setdefault(row[report], []).append(make(row))
    return out


def _maker(table: Table, record_type: type) -> Callable[[Row], object]:
    """A function making the record back from a whole row of its table (the inverse of :func:`_row`):
    the columns are named after the record's fields, the source flattened."""
    at = {name: k for k, name in enumerate(table.c.keys())}
    names = [f.name for f in fields(record_type)]
    plain = [(name, at[name]) for name in names if name not in ("source", "reading", "clauses")]
    source = [at[f"source_{part}"] for part in ("text", "name", "kind", "start", "end")] if "source" in names else None
    reading = at["reading"] if "reading" in names else None
    clauses = at["clauses"] if "clauses" in names else None

    def make(row: Row):
        values = {name: row[k] for name, k in plain}
        if source is not None:
            text, name, kind, start, end = (row[k] for k in source)
            values["source"] = None if text is None else Source(text=text, name=name, kind=kind, start=start, end=end)
        if reading is not None:
            values["reading"] = _reading(row[reading])
        if clauses is not None:  # NULL in rows stored before migration 0009: no clauses
            values["clauses"] = [Clause.from_json(c) for c in row[clauses] or ()]
        return record_type(**values)

    return make


def _reading(data: dict | None) -> TimeMention | None:
    """A time expression's stored reading back as a record (None in rows stored before it was kept)."""
    if not data:
        return None
    first, last = data.get("first") or {}, data.get("last")
    return TimeMention(**{**data, "first": DateParts(**first), "last": DateParts(**last) if last else None})


def _copied(value):
    return list(value) if isinstance(value, list) else value


def _report_row(extraction: ReportExtraction, digest: str, copy_of: int | None) -> ReportRow:
    report, clean = extraction.report, extraction.clean
    return ReportRow(
        content_hash=digest,
        path=report.path,
        url=report.url,
        title=report.title,
        outlet=report.outlet,
        stated_published=report.published,
        published=extraction.published,
        published_inferred=extraction.published_inferred,
        published_window=extraction.published_window,
        published_evidence=extraction.published_evidence,
        published_confidence=extraction.published_confidence,
        raw_text=report.text,
        clean_text=clean.text,
        offsets=pack_offsets(clean.offsets),
        removed=list(clean.removed),
        added_at=datetime.now(UTC).isoformat(timespec="seconds"),
        copy_of=copy_of,
        attributions=[_row(a, AttributionRow, i) for i, a in enumerate(extraction.attributions)],
        figures=[_row(f, FigureRow, i) for i, f in enumerate(extraction.figures)],
        times=[_row(t, TimeRow, i) for i, t in enumerate(extraction.times)],
        names=[[n.start, n.end, n.text, n.label] for n in extraction.names],
    )


def _stored_report(row: Row, record_id: str | None, attributions: list[Attribution], figures: list[Figure],
                   times: list[TimeExpression], *, offsets: bool = True) -> StoredReport:
    """A report back from its row of the reports table and its items' records (its offset map unpacked
    when ``offsets``, else empty)."""
    extraction = ReportExtraction(
        report=RawReport(
            text=row.raw_text,
            title=row.title,
            url=row.url,
            outlet=row.outlet,
            published=row.stated_published,
            path=row.path,
            record_id=record_id,
        ),
        clean=CleanText(text=row.clean_text, offsets=unpack_offsets(row.offsets) if offsets else [],
                        removed=list(row.removed)),
        published=row.published,
        published_inferred=row.published_inferred,
        attributions=attributions,
        figures=figures,
        times=times,
        names=[NameMention(*n) for n in row.names or ()],
        published_window=row.published_window,
        published_evidence=row.published_evidence,
        published_confidence=row.published_confidence,
    )
    return StoredReport(
        id=doc_id(row.id),
        extraction=extraction,
        content_hash=row.content_hash,
        added_at=row.added_at,
        copy_of=doc_id(row.copy_of) if row.copy_of is not None else None,
    )
