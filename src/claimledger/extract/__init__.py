"""Per-report extraction: who said what, how sure, with which figures, when."""
from claimledger.extract.pipeline import ExtractionError, context_year, extract_report, extract_reports

__all__ = ["ExtractionError", "context_year", "extract_report", "extract_reports"]
