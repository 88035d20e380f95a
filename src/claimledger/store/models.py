"""SQLAlchemy tables for reports and their extractions.

One row per report, and one row per attribution, figure and time expression,
keyed by the report and the item's position in it (``idx``), so ids such as
``d3.a7`` (:func:`claimledger.records.item_id`) stay stable across reloads.
A :class:`~claimledger.records.Source` is flattened into ``source_*`` columns;
``source_text`` is NULL exactly when the record has no source.
"""
from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Boolean, Float, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ReportRow(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # store.repository.report_identity: the text and where it came from (the column was content_hash
    # before migration 0010, and unique; it keeps that unique index)
    identity: Mapped[str] = mapped_column(String(64), unique=True)
    # store.repository.content_hash: the text alone, shared by the copies of one text from other places;
    # nullable only because a column added to a filled SQLite table must be (migration 0010 fills it)
    content_hash: Mapped[str] = mapped_column(String(64), index=True, nullable=True)
    path: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    stated_published: Mapped[str | None] = mapped_column(String(32))  # RawReport.published, as the input gave it
    published: Mapped[str | None] = mapped_column(String(32))  # stated or inferred
    published_inferred: Mapped[bool] = mapped_column(Boolean)
    published_window: Mapped[str | None] = mapped_column(String(32))  # what dated it: records.ReportExtraction
    published_evidence: Mapped[str | None] = mapped_column(String(64))
    published_confidence: Mapped[float | None] = mapped_column(Float)
    raw_text: Mapped[str] = mapped_column(Text)
    clean_text: Mapped[str] = mapped_column(Text)
    offsets: Mapped[bytes] = mapped_column(LargeBinary)  # see store.repository.pack_offsets
    removed: Mapped[list[str]] = mapped_column(JSON)
    added_at: Mapped[str] = mapped_column(String(32))
    copy_of: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    story: Mapped[str | None] = mapped_column(String(100), index=True)  # StoryRow.name, see ledger.stories
    names: Mapped[list | None] = mapped_column(JSON)  # [[start, end, text, label], ...]: records.NameMention

    attributions: Mapped[list[AttributionRow]] = relationship(
        order_by="AttributionRow.idx", cascade="all, delete-orphan", lazy="selectin"
    )
    figures: Mapped[list[FigureRow]] = relationship(
        order_by="FigureRow.idx", cascade="all, delete-orphan", lazy="selectin"
    )
    times: Mapped[list[TimeRow]] = relationship(order_by="TimeRow.idx", cascade="all, delete-orphan", lazy="selectin")


class StoryRow(Base):
    """A story's running profile, so a new report is placed without rereading the others (ledger.stories)."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    pinned: Mapped[bool] = mapped_column(Boolean)  # named by hand (analyze --story)
    size: Mapped[int] = mapped_column(Integer)
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32 sum of member vectors
    entities: Mapped[dict[str, int]] = mapped_column(JSON)  # name -> member count, most frequent kept
    first: Mapped[str | None] = mapped_column(String(32))
    last: Mapped[str | None] = mapped_column(String(32))
    seen: Mapped[int] = mapped_column(Integer)  # arrival number of the latest member, for recency


class OriginalRow(Base):
    """Where a report was read from, so a citation can be checked against it later.

    ``body`` is the page as fetched from a URL, zlib-compressed; ``record_id``
    the WARC-Record-ID of a report read from a web archive (whose offset is in
    ``reports.path``): the archive itself is the original, so it is not copied.
    """

    __tablename__ = "originals"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    record_id: Mapped[str | None] = mapped_column(Text)
    body: Mapped[bytes | None] = mapped_column(LargeBinary)


class SignatureRow(Base):
    """A report's MinHash signature (:mod:`claimledger.dedup`), so copies are found without rereading texts."""

    __tablename__ = "signatures"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class BucketRow(Base):
    """One LSH bucket of a report's signature (:func:`claimledger.dedup.buckets`): the near-copy index,
    kept in the store so finding a report's candidates needs one indexed lookup and no memory."""

    __tablename__ = "signature_buckets"

    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)


class _SourceColumns:
    source_text: Mapped[str | None] = mapped_column(Text)
    source_name: Mapped[str | None] = mapped_column(Text)
    source_kind: Mapped[str | None] = mapped_column(String(16))
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)


class AttributionRow(_SourceColumns, Base):
    __tablename__ = "attributions"
    __table_args__ = (UniqueConstraint("report_id", "idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text)
    cue_start: Mapped[int] = mapped_column(Integer)
    cue_end: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(String(16))
    stance: Mapped[str] = mapped_column(String(16))
    via: Mapped[list[str]] = mapped_column(JSON)
    date: Mapped[str | None] = mapped_column(String(32))
    writer_distance: Mapped[str | None] = mapped_column(Text)
    continuation: Mapped[bool] = mapped_column(Boolean)
    # [[start, end, predicate, agent, theme, place, agent_named], ...]: extract.slots.Clause; NULL in rows
    # stored before migration 0009 (read as no clauses)
    clauses: Mapped[list | None] = mapped_column(JSON, nullable=True)


class FigureRow(_SourceColumns, Base):
    __tablename__ = "figures"
    __table_args__ = (UniqueConstraint("report_id", "idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    attribution: Mapped[int | None] = mapped_column(Integer)  # index into the report's attributions
    as_of: Mapped[str | None] = mapped_column(String(32))


class TimeRow(Base):
    __tablename__ = "times"
    __table_args__ = (UniqueConstraint("report_id", "idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(String(64))
    reading: Mapped[dict | None] = mapped_column(JSON)  # records.TimeMention as a dict


class VectorRow(Base):
    """A sentence vector of a text the ledger embeds, computed when its report was analysed
    (:mod:`claimledger.ledger.vectors`), so building the ledger never embeds a stored report again.

    Keyed by the encoder that made it and a hash of the text: a text shared by many reports is
    stored once, and vectors of another encoder are never read as this one's.
    """

    __tablename__ = "vectors"

    encoder: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian


class LedgerSnapshotRow(Base):
    """A built ledger, so showing an unchanged store never rebuilds it (:mod:`claimledger.store.ledgers`).

    ``key`` hashes everything the ledger is a function of: the reports (ids and content hashes),
    the ledger's parameters and the code and encoder that build it.
    """

    __tablename__ = "ledger_snapshots"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[str] = mapped_column(String(32), index=True)  # the least recently used are dropped first
    ledger: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed JSON of records.Ledger
