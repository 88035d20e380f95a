"""Generate synthetic-but-varied StoredReport sets for the ledger benchmark.

Each set is a number of stories (one per 50 reports); each story has its own
actors (people with titles, agencies of a state, outlets), places and counts,
and each report restates some of the story's facts in varied wording,
through varied channels, with denials and cannot-confirms mixed in. Records
are built directly (no extraction), since the benchmark times only the ledger.

    python bench/make_synthetic.py 1000   # prints a summary
"""
from __future__ import annotations

import hashlib
import random
import sys
from datetime import date, timedelta

from claimledger.records import Attribution, CleanText, Figure, RawReport, ReportExtraction, Source, StoredReport

FIRST = ["Anna", "Marek", "Lena", "Tomas", "Irina", "Pavel", "Sofia", "Jonas", "Elif", "Kenji", "Amara", "Diego"]
LAST = ["Novak", "Berg", "Kovacs", "Silva", "Okafor", "Tanaka", "Haddad", "Larsen", "Moreau", "Petrov", "Rossi",
        "Yilmaz", "Mendes", "Dubois", "Ivanova", "Nakamura"]
TITLES = ["Defence Minister", "Foreign Minister", "army spokesman", "Interior Minister", "Prime Minister",
          "intelligence chief"]
STATES = ["Norway", "Brazil", "Kenya", "Japan", "Poland", "Chile", "Turkey", "Ghana", "Vietnam", "Peru"]
AGENCIES = ["Coast Guard", "Border Police", "Emergency Service", "Intelligence Bureau", "Health Agency"]
OUTLETS = ["Daily Ledger", "Harbour Times", "Radio Meridian", "North Star News", "The Evening Wire", "Civic Post"]
THINGS = [("troops", "crossed the border"), ("refugees", "reached the camp"), ("ships", "left the port"),
          ("drones", "struck the depot"), ("medics", "arrived in the city"), ("tanks", "moved to the front"),
          ("families", "were evacuated"), ("containers", "were seized")]
VERBS = ["said", "told reporters", "stated", "confirmed", "announced"]
LEADS = ["", "On Monday, ", "Earlier this week, ", "In a statement, ", "Late on Friday, "]
EXTRAS = ["near {place}", "in {place}", "around {place}", "outside {place}"]
PLACES = ["Varna", "Tessel", "Oruma", "Kallis", "Bremor", "Sitka", "Dunmore", "Pavlo", "Rega", "Ostra"]


def _story(rng: random.Random, k: int) -> dict:
    state = STATES[k % len(STATES)]
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{state}'s {rng.choice(TITLES)}") for _ in range(4)]
    facts = []
    for _ in range(8):
        noun, verb = rng.choice(THINGS)
        facts.append((rng.choice([120, 450, 1500, 2600, 10000, 12000, 37, 800]) * rng.randint(1, 3), noun, verb,
                      rng.choice(PLACES)))
    return {"state": state, "people": people, "agency": f"{state}'s {rng.choice(AGENCIES)}", "facts": facts,
            "start": date(2025, 1, 1) + timedelta(days=7 * k)}


def make_reports(n: int, seed: int = 0) -> list[StoredReport]:
    """``n`` reports over ``max(1, n // 50)`` stories, deterministic for a seed."""
    rng = random.Random(seed)
    stories = [_story(rng, k) for k in range(max(1, n // 50))]
    out = []
    for i in range(n):
        st = stories[i % len(stories)]
        day = st["start"] + timedelta(days=rng.randint(0, 10))
        text, atts, figs = "", [], []
        for _ in range(rng.randint(8, 16)):
            value, noun, verb, place = rng.choice(st["facts"])
            who = rng.random()
            if who < 0.45:
                name, title = rng.choice(st["people"])
                src_text, src = f"{title} {name}", Source(text=f"{title} {name}", name=name, kind="person")
            elif who < 0.7:
                src_text, src = st["agency"], Source(text=st["agency"], name=st["agency"], kind="organisation")
            elif who < 0.85:
                outlet = rng.choice(OUTLETS)
                src_text, src = outlet, Source(text=outlet, name=outlet, kind="media")
            else:
                src_text, src = "An official", Source(text="An official", name="An official", kind="anonymous")
            stance = rng.choices(["asserts", "speculates", "denies", "cannot_confirm"], [70, 15, 10, 5])[0]
            qual = rng.choice(["", "about ", "nearly ", "as many as "])
            num = f"{value:,}"
            content = f"{qual}{num} {noun} {verb} {rng.choice(EXTRAS).format(place=place)}"
            if stance == "denies":
                content = f"that {content}"
            sentence = f"{rng.choice(LEADS)}{src_text} {'denied' if stance == 'denies' else rng.choice(VERBS)} {content}."
            start = len(text) + (1 if text else 0)
            text = (text + " " if text else "") + sentence
            c0 = text.index(content, start)
            f0 = text.index(num, c0)
            via = [rng.choice(OUTLETS)] if src.kind == "anonymous" else []
            atts.append(Attribution(start=start, end=start + len(sentence), sentence=sentence, source=src, cue="say",
                                    cue_start=start, cue_end=start, content=content, content_start=c0,
                                    content_end=c0 + len(content), quote="indirect", stance=stance, via=via,
                                    date=day.isoformat() if rng.random() < 0.5 else None))
            figs.append(Figure(start=f0, end=f0 + len(num), text=num, sentence=sentence, value=float(value),
                               qualifier="exact", subject=noun, attribution=len(atts) - 1, source=src,
                               as_of=day.isoformat()))
        raw = RawReport(text=text, outlet=rng.choice(OUTLETS), published=day.isoformat(), path=f"syn{i}.txt")
        ext = ReportExtraction(report=raw, clean=CleanText(text=text, offsets=list(range(len(text)))),
                               published=day.isoformat(), published_inferred=False, attributions=atts, figures=figs)
        out.append(StoredReport(id=f"d{i + 1}", extraction=ext, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                                added_at=f"{day.isoformat()}T00:00:00"))
    return out


if __name__ == "__main__":
    reports = make_reports(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    n_att = sum(len(r.extraction.attributions) for r in reports)
    print(f"{len(reports)} reports, {n_att} attributions, "
          f"{len({a.sentence for r in reports for a in r.extraction.attributions})} distinct sentences")
