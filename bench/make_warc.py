"""Generate a WARC.gz of N HTML news pages for the archive benchmark and the resume test.

Each page is one report of a made-up story: a headline, then six to nine
sentences drawn from varied templates filled with random actors, places,
counts and days, wrapped in page furniture (navigation, footer) that
extraction must drop. Records are written one at a time, so generating 10k
pages needs no more memory than generating ten.

    python bench/make_warc.py 1000 /tmp/news.warc.gz
"""
from __future__ import annotations

import random
import sys
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIRST = ["Anna", "Marek", "Lena", "Tomas", "Irina", "Pavel", "Sofia", "Jonas", "Elif", "Kenji", "Amara", "Diego",
         "Nadia", "Oskar", "Priya", "Rafael", "Hanne", "Yusuf"]
LAST = ["Novak", "Berg", "Kovacs", "Silva", "Okafor", "Tanaka", "Haddad", "Larsen", "Moreau", "Petrov", "Rossi",
        "Yilmaz", "Mendes", "Dubois", "Ivanova", "Nakamura", "Quist", "Brandt"]
ROLES = ["the mayor", "a police spokesman", "the regional governor", "a union leader", "the harbour master",
         "an army spokeswoman", "the health minister", "a fire brigade commander"]
BODIES = ["the water authority", "the port operator", "the interior ministry", "the national weather service",
          "the rail company", "the coast guard", "the electricity board", "the county council"]
PLACES = ["Varna", "Tessel", "Oruma", "Kallis", "Bremor", "Sitka", "Dunmore", "Pavlo", "Rega", "Ostra", "Low Fennick",
          "Brenholt", "Korvath", "Selby"]
THINGS = ["homes", "workers", "passengers", "families", "vehicles", "ships", "patients", "students", "flights"]
EVENTS = ["were evacuated", "were stranded", "lost power", "were moved to shelters", "were delayed",
          "were turned back", "were checked by medics", "stayed behind"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend", "overnight"]
SENTENCES = [
    "About {n} {thing} {event} in {place} {day}, {body} said.",
    "\"We have never seen anything like this in {place},\" {name}, {role}, told reporters {day}.",
    "{Body} denied that it had ignored warnings about {place} and said {n} staff were on duty.",
    "{name} said the figure of {n} {thing} could rise as crews reached the outlying villages.",
    "Residents of {place} said they had not been told in advance, according to {role}.",
    "{Body} could not confirm reports that {n} more {thing} {event} near {place}.",
    "At least {n} {thing} {event} {day}, local radio reported, citing {role}.",
    "{name} called for an inquiry and said the response in {place} had been too slow.",
    "The damage in {place} was put at {n} million by {body}, which said repairs would take weeks.",
    "Officials in {place} said schools would stay shut {day} while {n} {thing} were counted.",
    "{Role} said an estimated {n} {thing} had been affected across the region.",
    "A spokesman for {body} declined to comment on the number of {thing} in {place}.",
    "Up to {n} {thing} may have {event2} in {place}, {name} told the local paper.",
    "It was the worst disruption in {place} for a decade, {role} said {day}.",
]
FURNITURE_TOP = "<nav><a href='/'>Home</a> | <a href='/local'>Local</a> | <a href='/sport'>Sport</a></nav>"
FURNITURE_END = "<footer>Copyright The Example Tribune. All rights reserved. <a href='/privacy'>Privacy</a></footer>"


def page(rng: random.Random, k: int) -> tuple[str, bytes]:
    """The URL and HTML of the ``k``-th page."""
    place = rng.choice(PLACES)
    body = rng.choice(BODIES)
    fill = dict(
        place=place, body=body, Body=body[0].upper() + body[1:], thing=rng.choice(THINGS),
        event=rng.choice(EVENTS), event2=rng.choice(EVENTS).replace("were ", "been "), day=rng.choice(DAYS),
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", role=rng.choice(ROLES),
    )
    fill["Role"] = fill["role"][0].upper() + fill["role"][1:]
    chosen = rng.sample(SENTENCES, rng.randint(6, 9))
    paragraphs = []
    for template in chosen:
        fill["n"] = f"{rng.randint(2, 4000):,}"
        paragraphs.append(template.format(**fill))
    title = f"{fill['thing'].capitalize()} {fill['event']} in {place} ({k})"
    html = (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>{FURNITURE_TOP}"
            f"<article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + f"</article>{FURNITURE_END}"
            "</body></html>")
    return f"https://tribune.example/{place.lower().replace(' ', '-')}/{k}", html.encode()


def write_warc(path: str | Path, n: int, seed: int = 7) -> None:
    """Write ``n`` HTML response records (and a request record before each, as crawlers do)."""
    rng = random.Random(seed)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=str(path).endswith(".gz"))
        for k in range(n):
            url, html = page(rng, k)
            request = writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html), http_headers=headers))


if __name__ == "__main__":
    count, target = int(sys.argv[1]), sys.argv[2]
    write_warc(target, count)
    print(f"wrote {count} pages to {target} ({Path(target).stat().st_size:,} bytes)")
