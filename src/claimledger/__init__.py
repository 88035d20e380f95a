"""claimledger: an evidence ledger for a developing news story.

The packages follow the data: ``ingest`` reads reports, ``extract`` finds
who said what in each report, ``ledger`` reasons across reports, ``store``
keeps everything in a database, ``export`` writes it out.
"""
from claimledger.records import (
    Attribution,
    CleanText,
    Figure,
    RawReport,
    ReportExtraction,
    Source,
    TimeExpression,
)

__version__ = "0.1.0"

__all__ = [
    "Attribution",
    "CleanText",
    "Figure",
    "RawReport",
    "ReportExtraction",
    "Source",
    "TimeExpression",
    "__version__",
]
