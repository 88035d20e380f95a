"""The proposition slots of a statement's clauses, read from the parse made at extraction.

Each verb (or copula) clause whose root lies inside a content span gives a :class:`Clause`:
its character span (the root's subtree), the predicate lemma (with its phrasal particle,
"tear up"; negation is the statement's polarity, read elsewhere), the agent head (the
subject, or the "by" phrase of a passive), the theme head (direct object, passive subject or
the attribute of a copula; of a counted object, "1,500 soldiers", the noun) and the place (the
object of to/in/at/from when it is a place name). The ledger compares the slots of two
statements' clauses (:mod:`claimledger.ledger.matching`).

Heads are kept as written: a pronoun stays a pronoun ("he"), a name keeps its whole name
("North Korea"), a common noun is its lower-case lemma ("soldier").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimledger.records import Clause

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Clause", "clause_around", "clauses_in", "main_clause"]  # Clause is a record (claimledger.records)

#: Dependencies of a verb that heads a clause of its own. A participle modifying a noun ("amod") or
#: part of a name ("compound") does not.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "parataxis", "pcomp",
                         "csubj", "csubjpass"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = frozenset({"to", "in", "at", "from", "into", "near"})


def _is_clause_root(tok: Token) -> bool:
    if tok.pos_ == "VERB":
        return tok.dep_ in CLAUSE_DEPS
    # a copula heads its clause when it has a subject ("the company is the largest producer")
    return tok.pos_ == "AUX" and tok.dep_ in CLAUSE_DEPS and any(c.dep_ in ("nsubj", "attr", "acomp") for c in tok.children)


def _name(tok: Token) -> tuple[str, bool]:
    """A head as the slot keeps it, and whether it is a name."""
    if tok.pos_ == "PRON":
        return tok.lower_, False
    if tok.ent_type_ and tok.ent_type_ not in ("CARDINAL", "QUANTITY", "DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"):
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            words = [t for t in ent if not (t.dep_ in ("det", "case") or t.tag_ == "POS")]
            if words:
                return " ".join(t.text for t in words), True
    if tok.pos_ == "PROPN":
        parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
        return " ".join(t.text for t in parts), True
    return tok.lemma_.lower(), False


def _counted(tok: Token) -> Token | None:
    """The noun of a counted object: "1,500 soldiers" is soldiers already; "1,500 of its soldiers" is the
    "of" object; a bare number counts nothing the parse names."""
    if tok.pos_ != "NUM" and not tok.like_num:
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _place(heads: list[Token]) -> str | None:
    """A place name governed by "to", "in", "at", "from" … of the clause's verb or of one of its
    arguments (the parse often hangs "in Russia" on the object: "killed by a drone in Russia")."""
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPOSITIONS:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_LABELS:
                        return _name(obj)[0]
    return None


def _clause(root: Token, agents: dict[int, tuple[str, bool]]) -> Clause:
    predicate = root.lemma_.lower()
    particle = next((c for c in root.children if c.dep_ == "prt"), None)
    if particle is not None:
        predicate = f"{predicate} {particle.lower_}"
    agent: tuple[str, bool] | None = None
    theme: Token | None = None
    heads = [root]
    subject: Token | None = None
    for child in root.children:
        if child.dep_ == "nsubj":
            agent, subject = _name(child), child
        elif child.dep_ == "agent":  # "killed by a drone"
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                agent = _name(obj)
                heads.append(obj)
        elif child.dep_ in ("dobj", "nsubjpass", "attr") and theme is None:
            theme = _counted(child)
            heads.append(child)
    if agent is not None and theme is None and root.tag_ == "VBN" and not any(
            c.dep_ in ("aux", "auxpass") for c in root.children) and root.dep_ in ("ROOT", "ccomp", "conj"):
        # a passive without its auxiliary, as headlines write it ("Wife of ISIS leader detained in
        # Lebanon"): the subject is what was done to
        theme, agent = subject, None
    if agent is None and root.dep_ in ("xcomp", "conj") and root.head.i in agents:
        agent = agents[root.head.i]  # "plans to send troops", "arrived and opened fire": the governing subject
    if agent is not None:
        agents[root.i] = agent
    left, right = root.left_edge, root.right_edge
    return Clause(left.idx, right.idx + len(right.text), predicate,
                  agent[0] if agent else None, _name(theme)[0] if theme is not None else None,
                  _place(heads), bool(agent and agent[1]))


def clauses_in(doc: Doc, start: int, end: int) -> list[Clause]:
    """The clauses whose root lies in the character span ``[start, end)`` of ``doc``, in text order."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    agents: dict[int, tuple[str, bool]] = {}
    return [_clause(tok, agents) for tok in span if _is_clause_root(tok)]


def main_clause(clauses: list[Clause], start: int | None = None, end: int | None = None) -> Clause | None:
    """The widest clause within ``[start, end)`` (all of them when not given): the one the others stand in."""
    inside = [c for c in clauses if (start is None or c.start >= start) and (end is None or c.end <= end)]
    if not inside and start is not None and end is not None:  # a clause reaching past a piece still stands for it
        inside = [c for c in clauses if c.start < end and c.end > start]
    return max(inside, key=lambda c: (c.end - c.start, -c.start), default=None)


def clause_around(clauses: list[Clause], start: int, end: int) -> Clause | None:
    """The narrowest clause holding ``[start, end)`` (a figure): the clause the figure is counted in."""
    holding = [c for c in clauses if c.start <= start and end <= c.end]
    return min(holding, key=lambda c: (c.end - c.start, c.start), default=None)
