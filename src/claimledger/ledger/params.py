"""Every tunable of the ledger in one typed object, with where each value comes from.

The same-claim weights and threshold are not here: they are fitted by
``scripts/train_claim_match.py`` and shipped in ``ledger/data/claim_match.json``
(see :mod:`matching`). What is here either bounds work (it changes how much
is compared, not what a comparison decides), is a plain unit of time or distance, or is
marked as set by hand and not yet fitted.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LedgerParams:
    # Work bounds: a larger value compares more pairs, and only costs time.
    block_cap: int = 40  # a candidate block this large is compared in a window, not all pairs
    window: int = 8  # neighbours compared along the embedding order within a large block
    rare_words: int = 3  # rarest shared words per statement that open a block
    link_sample: int = 6  # members a side compared when two groups may merge (average linkage)
    echo_samples: int = 4  # distinct wordings per origin compared when looking for echoes
    # Near-identical wording (rapidfuzz ratio) long enough to be distinctive: the words were said once.
    # Set by hand from the definition of a verbatim repeat, not fitted.
    echo_ratio: int = 90
    echo_min_words: int = 8
    # Cosine between two counted kinds' MiniLM vectors ("special forces soldiers", "troops") for them to
    # count one class of thing, joined transitively. Fitted by scripts/fit_subject_class.py on ECB+ train
    # topics (mentions naming one entity vs mentions that never do): best pair F1 0.371 there, 0.287 on
    # the dev topics (head nouns alone: 0.346 and 0.204). Still a weak signal: the bar is the best the
    # data give, not a good separator of classes.
    subject_class: float = 0.60
    # Same-proposition bar (the same-claim model's probability with its number features neutral) for
    # two counts of one class of people harmed the same way when a figure conflict is sought ("30
    # killed" / "45 died"): the harm is the predicate the words must otherwise show. Fitted by
    # scripts/fit_figure_conflict.py on ECB+ train documents (count sentences of one event vs of the
    # topic's other event): best pair F1 0.887 there; on the dev documents P 0.824 R 0.933 F1 0.875,
    # against P 0.778 R 0.622 F1 0.691 at the model's own bar (0.60).
    harm_conflict: float = 0.25
    # Calendar units, not fitted: statements within a week describe one state of affairs;
    # one event dated more than a week apart by two reports is a date conflict.
    week_days: int = 7
    # How far back an anaphoric denial ("denied the reports") looks for what it answers, in characters
    # of its report (about two sentences). A unit of reading distance, not fitted.
    anaphora_chars: int = 400


DEFAULT_PARAMS = LedgerParams()
