"""The briefing (:mod:`briefing`) and what it reads the ledger through (:mod:`context`)."""

#: How many claims, figures, conflicts and changes the first page shows at most (``report --top``).
TOP = 5
