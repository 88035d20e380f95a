"""Attribution finding keeps indexes so that a long report costs time in proportion to its length
(bench/bench_extract_growth.py measures that). These tests hold the indexed lookups to their plain
definitions, the scans over every earlier actor, statement or entity they replace, on every lookup that
real reports make."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.extract import attribution, sources
from claimledger.extract.attribution import find_attributions
from claimledger.extract.nlp import load_nlp

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


#: An outlet named first at the start of a sentence ("The Valmora Times"), then as its sources write it.
TIMES = ("Harbour officials told Valmora Times on Monday that the bridge to Ostra was closed. The Valmora Times "
         "reported that repairs would take a month. The Times said later that the mayor, Ada Brenn, had resigned. "
         "She said she would stay until June, and the newspaper said the council would meet on Friday.")


def texts() -> list[str]:
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "stories").glob("*/*.txt")) \
        + sorted(EXAMPLES.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths] + [TIMES]


def remembered(entries) -> list:
    """The actors of an index in the order they were remembered."""
    return [known for _, _, known in sorted(entries, key=lambda e: -e[1])]


def latest(pool, position):
    earlier = [k for k in pool if k.position < position]
    return max(earlier, key=lambda k: k.position) if earlier else None


def plain_antecedent(resolver, pronoun, position, quoted, said=range(0)):
    gender = sources._PRONOUN_GENDER.get(pronoun)
    pool = [k for k in remembered(resolver.persons) if k.position < position and (quoted or not k.quoted)
            and k.position not in said and position >= k.sentence_end
            and (gender is None or k.gender in (None, gender))]
    return latest([k for k in pool if k.subject], position) or latest(pool, position)


def plain_full_group(resolver, name, position):
    fuller = [k for k in remembered(resolver.groups)
              if k.position < position and k.name.endswith(" " + name) and k.name[:1].isupper()]
    return min(fuller, key=lambda k: (k.name.startswith("The "), -k.position)).name if fuller else name


def plain_full_person(resolver, name):
    parts = name.split()
    if not parts:
        return name
    first = parts[0].lower() if len(parts) > 1 else None
    best = name
    for known in remembered(resolver.persons):
        if known.kind == "anonymous":  # a person described, not named ("a plant engineer"): no name to share
            continue
        known_parts = known.name.split()
        if not known_parts or known_parts[-1].lower() != parts[-1].lower():
            continue
        if first and len(known_parts) > 1 and known_parts[0].lower() != first:
            continue
        if len(known_parts) > len(best.split()):
            best = known.name
    return best


def plain_described(resolver, span, position):
    first = span[0].lower_
    if first not in ("the", "this", "that") or any(t.pos_ == "PROPN" or t.ent_type_ for t in span):
        return None
    noun = span.root.lower_
    if noun in sources.MEDIA_DESCRIPTIONS:
        found = latest([k for k in remembered(resolver.groups) if k.kind == "media"], position)
        if found is not None:
            return found
    for pool in (remembered(resolver.persons), remembered(resolver.groups)):
        for known in sorted(pool, key=lambda k: -k.position):
            if known.position < position and noun in known.words and known.kind != "anonymous":
                return known
    modifiers = {t.lower_ for t in span.root.children if t.dep_ in ("amod", "compound")}
    unnamed = latest(remembered(resolver.unnamed.get(noun, [])), position)
    return unnamed if unnamed is not None and modifiers <= unnamed.words else None


@pytest.fixture(scope="module")
def docs():
    nlp = load_nlp()
    return [nlp(text) for text in texts()]


def test_the_resolvers_indexed_lookups_answer_as_the_plain_scans_do(docs, monkeypatch):
    checked = {"antecedent": 0, "group": 0, "person": 0, "described": 0}  # lookups that found an earlier actor
    real = {name: getattr(sources.SourceResolver, name)
            for name in ("_antecedent", "_full_group", "_full_person", "_described")}

    def antecedent(self, pronoun, position, quoted, said=range(0)):
        expected = plain_antecedent(self, pronoun, position, quoted, said)  # before the lookup notes a gender
        found = real["_antecedent"](self, pronoun, position, quoted, said)
        assert found is expected
        checked["antecedent"] += found is not None
        return found

    def full_group(self, name, position):
        found = real["_full_group"](self, name, position)
        assert found == plain_full_group(self, name, position)
        checked["group"] += found != name
        return found

    def full_person(self, name, position):
        found = real["_full_person"](self, name, position)
        assert found == plain_full_person(self, name)
        checked["person"] += found != name
        return found

    def described(self, span, position):
        found = real["_described"](self, span, position)
        assert found is plain_described(self, span, position)
        checked["described"] += found is not None
        return found

    for name, fake in (("_antecedent", antecedent), ("_full_group", full_group), ("_full_person", full_person),
                       ("_described", described)):
        monkeypatch.setattr(sources.SourceResolver, name, fake)
    for doc in docs:
        find_attributions(doc)
    assert all(count > 0 for count in checked.values()), checked


def test_the_name_after_a_cue_is_the_entity_doc_ents_gives(docs):
    """An inverted subject ("…, said engineer Tomas Reyes") read off the entity tags, as Doc.ents has it."""
    labels = ("PERSON", "ORG", "GPE", "NORP")
    found = 0
    for doc in docs:
        ents = doc.ents
        for token in doc:
            expected = next((e for e in ents if token.i < e.start <= token.i + 4 and e.label_ in labels
                             and not any(t.is_sent_start for t in doc[token.i + 1:e.start + 1])), None)
            name = attribution._name_right_after(token)
            if expected is None:
                assert name is None
            else:
                assert (name.start, name.end, name.label_) == (expected.start, expected.end, expected.label_)
                found += 1
    assert found > 100
