"""The cue lexicon: which words introduce a reported statement, and how sure.

Two layers. A curated core of reporting verbs that news prose uses for
statements (``say``, ``deny``, ``allege``…), grouped by what they imply
about the source's stance. Around it, frame statistics learned from the
PolNeAR training split (``scripts/train_cues.py`` writes
``data/cue_frames.json``): for every verb lemma and complement frame, how
often annotators marked it as an attribution cue. The learned layer lets
cues outside the core ("slam", "tweet", "warn of") through when the data
says they usually are cues, and keeps out frequent verbs that only look
like them ("show", "find" in the wrong frame).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

#: Verbs whose subject denies the content.
DENY = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "dispute", "contradict", "debunk", "disavow"})

#: Verbs that, negated or after "unable to", mean the source cannot confirm.
CONFIRM = frozenset({"confirm", "verify", "corroborate", "substantiate", "authenticate", "validate"})

#: Verbs that, negated or after "decline to", mean the source has no comment.
COMMENT = frozenset({"comment", "respond", "reply", "answer", "elaborate"})

#: Verbs of giving what one knows, which a refusal withholds ("declined to say", "refused to disclose", "would not
#: name the buyer"): English common knowledge.
DISCLOSE = frozenset({"say", "tell", "specify", "disclose", "reveal", "indicate", "explain", "answer", "discuss", "name",
                      "identify", "detail"})

#: Verbs whose infinitive says what their subject would not do ("declined to comment", "refused to say").
REFUSE = frozenset({"decline", "refuse"})

#: Cues that themselves hedge: the source believes or expects, not knows.
SPECULATE = frozenset({
    "believe", "think", "expect", "suspect", "estimate", "speculate", "suggest", "predict", "guess",
    "assume", "fear", "hope", "question", "doubt", "posit", "theorize", "theorise", "wonder", "hypothesize",
    "anticipate", "forecast", "project", "reckon", "surmise", "presume", "imagine",
})

#: Verbs of saying and reporting that introduce a statement in news prose.
SPEECH = frozenset({
    "say", "tell", "add", "state", "claim", "allege", "report", "announce", "note", "warn", "write", "explain",
    "insist", "argue", "assert", "maintain", "acknowledge", "admit", "reveal", "disclose", "declare",
    "stress", "emphasize", "emphasise", "indicate", "conclude", "find", "show", "accuse", "charge",
    "complain", "contend", "caution", "recall", "tweet", "post", "publish", "testify", "inform", "assure",
    "promise", "pledge", "vow", "urge", "demand", "describe", "agree", "concede", "observe", "remark",
    "mention", "reiterate", "repeat", "hint", "imply", "assess", "judge", "calculate", "label", "call",
    "continue", "predict", "brief", "signal", "voice", "express", "point", "highlight", "underline",
    "underscore", "propose", "recommend", "ask", "announce", "proclaim", "affirm", "attest", "boast",
    "concur", "counter", "retort", "quip", "joke", "lament", "acknowledge", "suggest", "threaten",
    "order", "instruct", "advise", "allow", "confess", "deplore", "criticize", "criticise", "condemn",
    "denounce", "slam", "blast", "praise", "welcome", "blame", "estimate", "posit", "put", "detect",
}) | DENY | CONFIRM | COMMENT | SPECULATE

#: Nouns that carry a statement: "claims by X that", "X's assessment that".
NOUN_CUES = frozenset({
    "claim", "statement", "assertion", "allegation", "assessment", "estimate", "report", "warning",
    "announcement", "denial", "admission", "belief", "view", "suggestion", "argument", "insistence",
    "accusation", "prediction", "testimony", "comment", "remark", "promise", "pledge", "conclusion",
    "finding", "speculation", "fear", "concern", "charge",
})

#: Words in the content that hedge a statement ("may have sent", "likely").
HEDGES = frozenset({
    "may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely", "maybe",
    "possibility", "possible", "potentially", "reportedly", "appear", "seem", "suggest", "expect",
    "believe", "apparently", "presumably", "allegedly", "suspect", "speculate", "conceivably",
})

#: Nouns for what is put about as true ("reports that …", "the claim of …"): English common knowledge.
REPORTED_CLAIMS = frozenset({"claim", "report", "allegation", "story", "rumor", "rumour", "accusation",
                             "speculation", "suggestion", "assertion", "charge", "tale", "reporting"})

#: Nouns of something told whose "goes" tells it ("the story goes that …", "the thinking went that …"): an English
#: idiom, too rare in PolNeAR train for its frame counts to learn ("go" with a clause: 1 of 35 marked, all subjects).
TOLD_NOUNS = frozenset({"story", "rumor", "rumour", "tale", "legend", "theory", "thinking", "argument", "reasoning",
                        "logic", "saying", "joke", "line", "narrative", "myth"})

#: Phrases in the content that deny what they refer to ("groundless rumors").
DENIAL_WORDS = frozenset({
    "groundless", "baseless", "fake", "false", "untrue", "ridiculous", "absurd", "nonsense", "lie", "lies",
    "fabrication", "fabricated", "unfounded", "rumor", "rumors", "rumour", "rumours", "hoax", "disinformation",
    "propaganda", "slander", "smear", "preposterous", "misinformation", "rubbish", "bogus", "hogwash", "garbage",
    "misquote", "misquoted", "misattributed", "misinterpreted", "inaccurate", "incorrect", "erroneous",
})

#: Nouns that name something said or put forward as true, beyond the nominal cues and the words of denial: what a
#: denial verb can take as its object and still deny ("rejected the notion", "disputed the figures"), as against a
#: thing it refuses ("rejected the offer", "denied access"). English common knowledge.
STATEMENT_NOUNS = NOUN_CUES | DENIAL_WORDS | frozenset({
    "story", "news", "rumor", "rumour", "idea", "notion", "account", "version", "reporting", "tale", "quote",
    "quotation", "criticism", "critique", "characterization", "characterisation", "portrayal", "depiction",
    "description", "theory", "premise", "implication", "narrative", "rationale", "point", "interpretation",
    "figure", "number", "count", "tally", "total", "toll", "data", "statistic", "statistics", "forecast",
    "projection", "contention", "hypothesis", "thesis", "analysis", "verdict", "diagnosis",
})

#: Pronouns that can stand for something said ("denied it", "rejected this", "allegations, which he denies").
STATEMENT_ANAPHORS = frozenset({"it", "this", "that", "these", "those", "which", "what"})

#: Determiners of a denial of existence ("denied any wrongdoing", "denies any role in the attacks").
EXISTENCE_DETERMINERS = frozenset({"any", "no"})

#: Nouns that deny a claim only when said of it ("the reports were speculation", "calling them guesswork"): as a
#: predicate they dismiss it; elsewhere ("there was speculation that …") they name a claim (English common knowledge).
DISMISSIVE_PREDICATES = frozenset({"speculation", "conjecture", "guesswork", "hearsay", "gossip", "fiction", "fantasy"})

#: Nouns that name a count rather than what it counts ("the death toll rose to three", "the number stood at 40",
#: "a total of 12"): what is counted is in the words around them (English common knowledge).
TALLY_NOUNS = frozenset({"number", "toll", "figure", "tally", "total", "count", "estimate", "tot"})

#: What can happen to the people a count counts, in the words news uses for it (English common knowledge):
#: the verbs' lemmas and the forms and states that say it. "Casualties" is left out: it counts the dead and the hurt.
HARMS: dict[str, frozenset[str]] = {
    "killed": frozenset({"kill", "killed", "killing", "kills", "die", "died", "dies", "dead", "death", "deaths", "toll",
                         "lives", "fatalities", "perish", "perished", "bodies", "murder", "murdered", "slay", "slain",
                         "drown", "drowned"}),
    "injured": frozenset({"injure", "injured", "injuring", "injures", "injuries", "wound", "wounded", "wounding",
                          "hurt", "hospitalised", "hospitalized", "maim", "maimed", "stab", "stabbed",
                          # the phrases news uses for the hurt by their treatment ("5 employees were taken to hospital")
                          "taken to hospital", "taken to the hospital", "taken to a hospital", "hospital treatment",
                          "treated in hospital", "treated at hospital", "treated for"}),
    "missing": frozenset({"missing", "unaccounted"}),
    # people made to leave their homes, in the words and phrases news uses for them ("6,500 people had left their
    # homes", "4,000 evacuees"); phrases are matched as written, by the ledger's harm pattern
    "displaced": frozenset({"displaced", "evacuated", "homeless", "fled", "evacuee", "evacuees", "evacuation",
                            "evacuate", "evacuating", "displacement", "refugees", "left their homes", "left their home",
                            "fled their homes", "fled their home", "forced from their homes", "driven from their homes",
                            "lost their homes", "uprooted"}),
    "detained": frozenset({"arrested", "detained", "jailed"}),
    # people brought out of the danger alive ("31 people had been rescued", "11 survivors"): what happened to them is
    # the opposite of a harm, and a count of them is never a count of the dead, hurt or missing
    "rescued": frozenset({"rescued", "rescue", "rescues", "rescuing", "saved", "survivor", "survivors", "survived",
                          "pulled alive", "plucked from the water", "pulled from the water"}),
}

#: Nouns that name a harm and count its victims ("two deaths", "40 injuries", "no deaths"): English common knowledge.
HARM_NOUNS = frozenset({"death", "deaths", "fatality", "fatalities", "injury", "injuries", "dead", "injured",
                        "wounded"})

#: Nouns for one who speaks for a body on the record (English common knowledge).
SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})

#: The writer's own distance from a claim: kept apart from the source's stance.
WRITER_DISTANCE = frozenset({
    "allegedly", "purportedly", "reportedly", "supposedly", "ostensibly", "apparently", "alleged",
    "purported", "so-called", "claimed", "unverified", "unconfirmed",
})

#: Subject heads that are not sources even with a speech verb ("the video shows").
NON_SOURCE_HEADS = frozenset({"it", "there", "that", "this", "which", "what", "who"})


@lru_cache(maxsize=1)
def learned_frames() -> dict[str, tuple[int, int]]:
    """``"lemma|frame|subject" -> (times a cue, times seen)`` from PolNeAR train; empty if not built."""
    try:
        raw = resources.files("claimledger.extract").joinpath("data/cue_frames.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    data = json.loads(raw)
    return {key: (int(pos), int(total)) for key, (pos, total) in data["frames"].items()}


def frame_evidence(lemma: str, frame: str, subject: str) -> tuple[float, int] | None:
    """How often PolNeAR annotators took ``lemma`` in ``frame`` with such a subject as a cue.

    Returns the smoothed rate and the number of times seen, or None when
    the training split never showed the combination.
    """
    counts = learned_frames().get(f"{lemma}|{frame}|{subject}")
    if counts is None:
        return None
    positive, total = counts
    return (positive + 0.5) / (total + 1.0), total


@lru_cache(maxsize=1)
def _cue_model() -> dict | None:
    """The logistic weights of ``scripts/train_cue_model.py`` (PolNeAR train); None if not built."""
    try:
        raw = resources.files("claimledger.extract").joinpath("data/cue_model.json").read_text("utf-8")
    except FileNotFoundError:
        return None
    return json.loads(raw)


def cue_probability(features: dict[str, str | float]) -> bool | None:
    """Whether the fitted model takes a candidate with these features as a cue; None without a model.

    Features are named as scikit-learn's ``DictVectorizer`` names them
    (``"lemma=say"`` for a string, the bare name for a number), so the sum
    is the model's own decision function.
    """
    model = _cue_model()
    if model is None:
        return None
    weights = model["weights"]
    score = model["intercept"]
    for name, value in features.items():
        if isinstance(value, str):
            score += weights.get(f"{name}={value}", 0.0)
        else:
            score += weights.get(name, 0.0) * value
    return 1 / (1 + math.exp(-score)) >= model["threshold"]
