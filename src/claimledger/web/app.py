"""The web UI: server-rendered pages over the ledger, a JSON API under ``/api/``, and report upload.

Security is part of the design, not a layer on top: every page is a Jinja2
template with autoescaping, no page carries any script, and every response
sends a Content-Security-Policy that forbids scripts, inline styles, frames
and requests to other hosts. Report URLs are shown as links only when they
are http(s). Query parameters reach SQL only as bound parameters. Forms are
refused from other origins (scheme, host and port compared). A request is
answered only when its ``Host`` names the server (loopback names, the address
it is bound to, and names allowed with ``--allow-host``), so a web page whose
own name is made to resolve to 127.0.0.1 (DNS rebinding) cannot read it.
Bound to anything but loopback, the server requires a token (see
:func:`create_app`).
"""
from __future__ import annotations

import ipaddress

import re
import secrets
from contextlib import asynccontextmanager
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException

from claimledger.config import Limits
from claimledger.export.jsonld import export_jsonld
from claimledger.records import STANCES
from claimledger.report.briefing import (TOP, anchor, build_briefing, key_claims, render_html, render_markdown,
                                         stance_groups)
from claimledger.report.charts import figures_chart, graph_svg, map_svg, provenance_chain, stance_strip
from claimledger.report.context import LedgerContext, one_line
from claimledger.report.places import backdrop, find_places
from claimledger.report.quantities import amount, figure_series
from claimledger.web.state import Busy, LedgerState
from claimledger.web.upload import MAX_UPLOAD_BYTES, UPLOAD_TYPES, UploadRejected, check_upload, check_url, submit, submit_url

HERE = Path(__file__).parent
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
#: The downloadable briefing carries its own inline CSS (it must work as one file) and nothing else.
BRIEFING_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'"
TOKEN_COOKIE = "claimledger_token"
STATUSES = ("corroborated", "single_source", "disputed", "denied", "unverified", "revised")
API_SECTIONS = ("documents", "entities", "attributions", "figures", "times", "claims", "conflicts", "timeline")
_ITEM = re.compile(r"^d\d{1,9}\.[af]\d{1,9}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Host names that always mean this machine.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
#: Claims the graph page draws (the most important, as the briefing ranks them): readable at 1280 px.
GRAPH_CLAIMS = 12
#: The most first-page lines per list a briefing request may ask for (``?top=``).
MAX_TOP = 50


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None: a report may carry ``javascript:`` links."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _key(ctx: LedgerContext, iid: str) -> str:
    """Statements without any source are grouped as the report's own voice."""
    return ctx.source_key(iid) or "name:the report itself"


def create_app(db: str | Path, *, token: str | None = None, story: str | None = None, host: str = "127.0.0.1",
               allow_hosts: tuple[str, ...] = (), allow_private: bool = False, limits: Limits = Limits()) -> FastAPI:
    """The UI over the ledger in ``db`` (or over one ``story`` of it, which reports added then join);
    with ``token`` set, every request must present it.

    The token is accepted once as ``?token=`` (then kept in an HttpOnly,
    SameSite=Strict cookie) or as an ``Authorization: Bearer`` header. Only
    requests whose ``Host`` is a loopback name, ``host`` (the bound address)
    or one of ``allow_hosts`` are answered. Pages added by address are
    fetched from public addresses only unless ``allow_private``.
    """
    state = LedgerState(db, story=story, limits=limits, allow_private=allow_private)
    served = {name.lower().strip("[]") for name in (*LOOPBACK_NAMES, host, *allow_hosts)}

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        state.close()

    app = FastAPI(title="claimledger", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.ledger = state
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.filters["anchor"] = anchor
    env.filters["one_line"] = one_line
    env.globals.update(safe_url=safe_url, statuses=STATUSES, stances=STANCES, amount=amount)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if _host_name(request.headers.get("host", "")) not in served:
            return _secure(PlainTextResponse("unknown host name: this server answers only the names it serves "
                                             "(claimledger serve --allow-host NAME adds one)", status_code=421))
        if token is not None:
            given = request.cookies.get(TOKEN_COOKIE) or request.query_params.get("token") or ""
            header = request.headers.get("authorization", "")
            if header.lower().startswith("bearer "):
                given = header[7:]
            if not secrets.compare_digest(given.encode(), token.encode()):
                return _secure(PlainTextResponse("a token is required: open the URL printed by claimledger serve",
                                                 status_code=401))
        if request.method not in ("GET", "HEAD") and not _same_origin(request):
            return _secure(PlainTextResponse("cross-origin request refused", status_code=403))
        response = await call_next(request)
        if token is not None and request.query_params.get("token") == token:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return _secure(response)

    def page(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
        snap = state.snapshot()
        return templates.TemplateResponse(request, template,
                                          {"ctx": snap.ctx, "snap": snap, "story": state.story, **context},
                                          status_code=status_code)

    def link(iid: str) -> str:
        if iid.startswith("c") and iid[1:].isdigit():
            return f"/claims/{iid}"
        if _ITEM.match(iid):
            return f"/sentences/{iid}"
        return f"/source?key={quote(iid)}"

    # Pages ---------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request):
        snap = state.snapshot()
        ctx = snap.ctx
        statuses = Counter(c.status for c in ctx.ledger.claims)
        top = key_claims(ctx)[:10]
        return page(request, "overview.html", statuses=statuses, top=top)

    @app.get("/claims", response_class=HTMLResponse)
    def claims(request: Request, status: str = "", source: str = "", q: str = "", since: str = "",
               until: str = ""):
        ctx = state.snapshot().ctx
        found = list(ctx.ledger.claims)
        if status in STATUSES:
            found = [c for c in found if c.status == status]
        if source:
            found = [c for c in found if any(_key(ctx, a) == source for a in c.attribution_ids)]
        if _DATE.match(since):
            found = [c for c in found if (c.last_reported or "") >= since]
        if _DATE.match(until):
            found = [c for c in found if c.first_reported and c.first_reported[: len(until)] <= until]
        hits: list[str] = []
        if q.strip():
            hits = state.snapshot().index.search(q[:200])
            rank = {h: k for k, h in enumerate(hits)}
            found = [c for c in found if any(a in rank for a in c.attribution_ids + c.figure_ids)]
            found.sort(key=lambda c: min(rank.get(a, 10**9) for a in c.attribution_ids + c.figure_ids))
        sources = sorted({(_key(ctx, a), ctx.source_name(a)) for a in ctx.attribution_ids()},
                         key=lambda s: s[1].lower())
        return page(request, "claims.html", claims=found, sources=sources, hits=hits,
                    f={"status": status, "source": source, "q": q, "since": since, "until": until})

    @app.get("/claims/{cid}", response_class=HTMLResponse)
    def claim(request: Request, cid: str):
        ctx = state.snapshot().ctx
        found = next((c for c in ctx.ledger.claims if c.id == cid), None)
        if found is None:
            raise HTTPException(404, "no such claim")
        conflicts = [k for k in ctx.ledger.conflicts
                     if cid in k.claim_ids or set(k.attribution_ids) & set(found.attribution_ids)]
        chain = provenance_chain(ctx, found.attribution_ids, link)
        return page(request, "claim.html", claim=found, conflicts=conflicts, chain=chain,
                    stances=stance_groups(ctx, found),
                    quotes=[ctx.quote(i) for i in found.attribution_ids + found.figure_ids])

    @app.get("/sentences/{iid}", response_class=HTMLResponse)
    def sentence(request: Request, iid: str):
        ctx = state.snapshot().ctx
        quoted = ctx.quote(iid) if _ITEM.match(iid) else None
        if quoted is None:
            raise HTTPException(404, "no such sentence")
        claims = [c for c in ctx.ledger.claims if iid in c.attribution_ids or iid in c.figure_ids]
        return page(request, "sentence.html", q=quoted, claims=claims, key=_key(ctx, iid))

    @app.get("/reports/{doc}", response_class=HTMLResponse)
    def report(request: Request, doc: str):
        ctx = state.snapshot().ctx
        if doc not in ctx.docs:
            raise HTTPException(404, "no such report")
        also = [(c, ctx.doc_label(c)) for c in ctx.copies.get(doc, [])]
        return page(request, "report.html", r=ctx.docs[doc], parts=_report_parts(ctx, doc), also=also,
                    kept=state.store.original(doc) is not None)

    @app.get("/reports/{doc}/original")
    def original(doc: str):
        """The page as it was fetched, to check a citation against: a download, never rendered here."""
        body = state.store.original(doc) if doc in state.snapshot().ctx.docs else None
        if body is None:
            raise HTTPException(404, "no page was kept for this report")
        return Response(body, media_type="application/octet-stream", headers={
            "Content-Disposition": f'attachment; filename="{doc}-original.html"', "Content-Security-Policy": "sandbox"})

    @app.get("/sources", response_class=HTMLResponse)
    def sources(request: Request):
        ctx = state.snapshot().ctx
        said: dict[str, list[str]] = {}
        for aid in ctx.attribution_ids():
            said.setdefault(_key(ctx, aid), []).append(aid)
        rows = sorted(((k, ctx.source_name(v[0]), v, Counter(ctx.attribution(a)[1].stance for a in v))
                       for k, v in said.items()), key=lambda r: (-len(r[2]), r[1].lower()))
        return page(request, "sources.html", rows=rows)

    @app.get("/source", response_class=HTMLResponse)
    def source(request: Request, key: str):
        ctx = state.snapshot().ctx
        aids = [a for a in ctx.attribution_ids() if _key(ctx, a) == key]
        fids = [f for f in ctx.figure_ids() if _key(ctx, f) == key]
        if not aids and not fids:
            raise HTTPException(404, "no such source")
        aids.sort(key=lambda a: (ctx.item_date(a) or "9999", a))
        entity = ctx.entities.get(key)
        return page(request, "source.html", key=key, entity=entity, name=ctx.source_name((aids or fids)[0]),
                    aids=aids, fids=fids, strip=stance_strip(ctx, aids, link),
                    cited_by=[(u, ctx.entity_name(u) or u) for u in state.snapshot().graph.predecessors(key)
                              if state.snapshot().graph.edges[u, key].get("relation") == "cites"]
                    if key in state.snapshot().graph else [])

    @app.get("/figures", response_class=HTMLResponse)
    def figures(request: Request):
        ctx = state.snapshot().ctx
        charts = [(series, figures_chart(series, link)) for series in figure_series(ctx)]
        return page(request, "figures.html", charts=charts)

    @app.get("/timeline", response_class=HTMLResponse)
    def timeline(request: Request):
        ctx = state.snapshot().ctx
        dated = sorted(((ctx.published(r.id), r) for r in ctx.reports if ctx.published(r.id)), key=lambda d: d[0])
        return page(request, "timeline.html", dated=dated)

    @app.get("/graph", response_class=HTMLResponse)
    def graph(request: Request):
        snap = state.snapshot()
        shown = key_claims(snap.ctx)[:GRAPH_CLAIMS]
        return page(request, "graph.html", svg=graph_svg(snap.ctx, shown, link), shown=len(shown),
                    claims=len(snap.ctx.ledger.claims))

    @app.get("/map", response_class=HTMLResponse)
    def places(request: Request):
        found = find_places(state.snapshot().ctx)
        svg = map_svg(found, backdrop(), lambda name: f"/claims?q={quote(name)}")
        return page(request, "map.html", svg=svg, places=found)

    def briefing(since: str, top: int):
        ctx = state.snapshot().ctx
        return ctx, build_briefing(ctx, since=since if _DATE.match(since) else None, top=top)

    @app.get("/briefing.html", response_class=HTMLResponse)
    def briefing_html(since: str = "", top: int = Query(TOP, ge=1, le=MAX_TOP)):
        return HTMLResponse(render_html(*briefing(since, top)), headers={"Content-Security-Policy": BRIEFING_CSP})

    @app.get("/briefing.md", response_class=PlainTextResponse)
    def briefing_md(since: str = "", top: int = Query(TOP, ge=1, le=MAX_TOP)):
        return PlainTextResponse(render_markdown(*briefing(since, top)), media_type="text/markdown; charset=utf-8")

    # Upload --------------------------------------------------------------

    @app.get("/upload", response_class=HTMLResponse)
    def upload_form(request: Request):
        return page(request, "upload.html", types=UPLOAD_TYPES, max_kib=MAX_UPLOAD_BYTES // 1024, error=None)

    @app.post("/upload")
    async def upload(request: Request):
        error = None
        if int(request.headers.get("content-length") or 0) > MAX_UPLOAD_BYTES + 64 * 1024:
            error = f"the upload is larger than {MAX_UPLOAD_BYTES // 1024} KiB"
        else:
            try:
                form = await request.form(max_files=1, max_fields=9, max_part_size=MAX_UPLOAD_BYTES)
                address = str(form.get("fetch") or "").strip()
                if address and not str(form.get("text") or "").strip() and not getattr(form.get("file"), "filename", None):
                    url = check_url(address)
                    job = state.new_job(one_line(url, 80))
                    submit_url(state, job, url)
                    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
                name, data = await _report_from_form(form)
                suffix = check_upload(name, data)
                job = state.new_job(one_line(name, 80))
            except (UploadRejected, MultiPartException) as exc:
                error = str(exc)
            except Busy as exc:
                return page(request, "upload.html", status_code=503, types=UPLOAD_TYPES,
                            max_kib=MAX_UPLOAD_BYTES // 1024, error=str(exc))
        if error:
            return page(request, "upload.html", types=UPLOAD_TYPES, max_kib=MAX_UPLOAD_BYTES // 1024, error=error)
        submit(state, job, data, suffix)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{jid}", response_class=HTMLResponse)
    def job_status(request: Request, jid: str):
        job = state.jobs.get(jid)
        if job is None:
            raise HTTPException(404, "no such upload")
        return page(request, "job.html", job=job)

    # JSON API ------------------------------------------------------------

    @app.get("/api/ledger")
    def api_ledger() -> JSONResponse:
        """The whole export (schema claimledger/1), as ``claimledger export --format json`` writes it."""
        return JSONResponse(state.snapshot().export)

    @app.get("/api/ledger.jsonld")
    def api_jsonld(request: Request) -> JSONResponse:
        """The ledger as schema.org ClaimReviews, each with the ``url`` of its claim page here."""
        ctx = state.snapshot().ctx
        return JSONResponse(export_jsonld(ctx.reports, ctx.ledger, base_url=str(request.base_url)),
                            media_type="application/ld+json")

    @app.get("/api/{section}")
    def api_section(section: str) -> JSONResponse:
        """One list of the export: documents, entities, attributions, figures, times, claims, conflicts, timeline."""
        if section not in API_SECTIONS:
            raise HTTPException(404, "no such section")
        return JSONResponse(state.snapshot().export[section])

    @app.get("/api/{section}/{iid}")
    def api_item(section: str, iid: str) -> JSONResponse:
        if section not in API_SECTIONS or section == "timeline":
            raise HTTPException(404, "no such section")
        for item in state.snapshot().export[section]:
            if item["id"] == iid:
                return JSONResponse(item)
        raise HTTPException(404, "no such item")

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                                          status_code=exc.status_code)

    return app


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"  # no-referrer would make browsers send Origin: null on forms
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


def _same_origin(request: Request) -> bool:
    """Forms may only be posted from the UI itself (a page elsewhere cannot post into a local ledger):
    the ``Origin`` must have the scheme, host and port the request came to."""
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return False
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    scheme = request.url.scheme
    try:
        given = urlsplit(origin)
        came = urlsplit(f"{scheme}://{request.headers.get('host', '')}")
        return (given.scheme, given.hostname, given.port or _PORTS.get(given.scheme)) == (
            scheme, came.hostname, came.port or _PORTS.get(scheme))
    except ValueError:  # a malformed port
        return False


_PORTS = {"http": 80, "https": 443}


def _host_name(header: str) -> str | None:
    """The name in a ``Host`` header, lower case, without port or IPv6 brackets (None if malformed)."""
    if any(c in header for c in "@/?#\\"):
        return None
    try:
        parts = urlsplit(f"http://{header}")
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return None
    return parts.hostname


async def _report_from_form(form) -> tuple[str, bytes]:
    """The uploaded file, or the pasted text with its header lines, as (name, bytes)."""
    upload = form.get("file")
    if upload is not None and getattr(upload, "filename", None):
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        return upload.filename, data
    text = str(form.get("text") or "")
    header = []
    for field in ("title", "outlet", "url", "date"):
        value = one_line(str(form.get(field) or ""), 500)
        if value:
            header.append(f"{field}: {value}")
    body = ("\n".join(header) + "\n\n" if header else "") + text
    return "pasted.txt", body.encode("utf-8")


def _report_parts(ctx: LedgerContext, doc: str) -> list[tuple[str | None, list]]:
    """The report's cleaned text cut into plain runs and statements (id, marked segments), in order."""
    report = ctx.docs[doc]
    text = report.extraction.clean.text
    out: list[tuple[str | None, object]] = []
    pos = 0
    for i, a in sorted(enumerate(report.extraction.attributions), key=lambda ia: (ia[1].start, ia[0])):
        iid = f"{doc}.a{i}"
        if a.start < pos:  # a second statement in an already shown sentence: an anchor only
            out.append((iid, None))
            continue
        out.append((None, text[pos:a.start]))
        quoted = ctx.quote(iid)
        shown = "".join(s.text for s in quoted.segments)
        out.append((iid, quoted.segments))
        pos = a.start + len(shown)
    out.append((None, text[pos:]))
    return out


__all__ = ["create_app", "CSP"]


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the UI on this machine (anything else needs a token)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
