"""The viewer and the SPARQL endpoint as one ASGI application (Starlette, served by uvicorn).

Pages are addressed by the RDF IRI of what they show (``/person?id=…``); every bad request — an
unknown id, a missing or oversized parameter, malformed or too slow SPARQL — is an HTTP error
with a message, never a crash or a hang.
"""
from __future__ import annotations

import json
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..store.oxigraph import GraphStore
from .catalog import KIND_NAMES, PAGE_KINDS, Catalog
from .chart import chart, dates_text
from .search import KIND_TITLES
from .sparql import MAX_QUERY_BYTES, ProtocolError, SparqlPool, read_request

HERE = Path(__file__).resolve().parent
MAX_PARAM = 2048  # characters in one parameter (an IRI, a search)
MAX_SEARCH = 200
SECURITY_HEADERS = [
    (b"content-security-policy", (b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                  b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class ServeConfig:
    def __init__(self, store_path: Path | str, timeout: float = 10.0, max_rows: int = 10_000, workers: int = 2,
                 on_ready=None):
        self.store_path = Path(store_path)
        self.on_ready = on_ready  # called once the catalog is built and the SPARQL workers run
        self.timeout = timeout
        self.max_rows = max_rows
        self.workers = workers


class BadParam(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def href(ref: dict | None) -> str:
    if not ref or not ref.get("kind") or ref["kind"] not in PAGE_KINDS:
        return "#"
    return f"/{ref['kind']}?id={quote(ref['id'], safe='')}"


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(href=href, chart=chart, dates_text=dates_text, KIND_NAMES=KIND_NAMES,
                       KIND_TITLES=KIND_TITLES, quote=lambda s: quote(s, safe=""))
    return env


class _SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + SECURITY_HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(config: ServeConfig) -> Starlette:
    env = _env()
    state: dict = {}
    lock = threading.Lock()

    def catalog() -> Catalog:
        return state["catalog"]

    def render(name: str, http_status: int = 200, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=http_status)

    def error(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
        path = request.url.path
        if path.startswith("/api/"):
            return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
        if path.startswith("/sparql") and request.query_params.get("format") != "html":
            return PlainTextResponse(message + "\n", status_code=status, headers=headers)
        titles = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
                  406: "Not acceptable", 413: "Too large", 414: "Too long", 415: "Unsupported media type",
                  500: "Server error", 503: "Unavailable"}
        resp = render("error.html", status, status=status, title=titles.get(status, "Error"), message=message)
        for k, v in (headers or {}).items():
            resp.headers[k] = v
        return resp

    def param(request: Request, name: str, required: bool = True, max_len: int = MAX_PARAM) -> str | None:
        vals = request.query_params.getlist(name)
        if len(vals) > 1:
            raise BadParam(400, f"parameter {name!r} given more than once")
        if not vals or vals[0] == "":
            if required:
                raise BadParam(400, f"missing parameter {name!r}")
            return None
        v = vals[0]
        if len(v) > max_len:
            raise BadParam(414 if request.method == "GET" else 400,
                           f"parameter {name!r} is too long ({len(v)} characters; at most {max_len})")
        if "\x00" in v:
            raise BadParam(400, f"parameter {name!r} contains a NUL character")
        return v

    # -- pages -----------------------------------------------------------------------------------
    async def home(request: Request):
        return render("home.html", counts=catalog().counts(), store=str(config.store_path))

    async def search(request: Request):
        q = param(request, "q", required=False, max_len=MAX_SEARCH) or ""
        results = catalog().index.search(q) if q.strip() else {}
        return render("search.html", q=q, results=results)

    async def api_search(request: Request):
        q = param(request, "q", max_len=MAX_SEARCH)
        res = catalog().index.search(q)
        return JSONResponse({"query": q, "results": {
            k: {"total": v["total"], "hits": [{"id": e.id, "kind": e.kind, "label": e.label, "detail": e.detail,
                                               "href": href({"id": e.id, "kind": e.kind})} for e in v["hits"]]}
            for k, v in res.items()}})

    def _node(request: Request, kind: str | None) -> tuple[str, dict]:
        id = param(request, "id")
        node = catalog().get(id)
        if node is None or (node["kind"] not in PAGE_KINDS):
            what = KIND_NAMES.get(kind, "node").lower() if kind else "node"
            raise BadParam(404, f"no {what} with id {id[:300]!r} in this store")
        return id, node

    def page_route(kind: str):
        async def handler(request: Request):
            id, node = _node(request, kind)
            if node["kind"] != kind:  # the id names another kind of thing: show its own page
                return RedirectResponse(href(node), status_code=302)
            data = await run_in_threadpool(catalog().page, kind, id)
            return render(f"{kind}.html", d=data, kind=kind)
        return handler

    async def node_redirect(request: Request):
        _, node = _node(request, None)
        return RedirectResponse(href(node), status_code=302)

    async def api_node(request: Request):
        id, node = _node(request, None)
        data = await run_in_threadpool(catalog().page, node["kind"], id)
        return JSONResponse(data)

    def _depth(request: Request) -> int:
        raw = param(request, "depth", required=False, max_len=3)
        if raw is None:
            return 2
        if not raw.isdigit() or not 1 <= int(raw) <= 3:
            raise BadParam(400, "parameter 'depth' must be 1, 2 or 3")
        return int(raw)

    async def graph_page(request: Request):
        id = param(request, "id", required=False)
        depth = _depth(request)
        node = None
        if id is not None:
            id, node = _node(request, None)
        return render("graph.html", id=id, node=node, depth=depth)

    async def api_graph(request: Request):
        id = param(request, "id", required=False)
        if id is not None:
            _node(request, None)
        return JSONResponse(catalog().neighbourhood(id, _depth(request)))

    # -- SPARQL ------------------------------------------------------------------------------------
    async def sparql(request: Request):
        body = b""
        if request.method == "POST":
            declared = request.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > MAX_QUERY_BYTES:
                raise ProtocolError(413, f"request body over {MAX_QUERY_BYTES // 1024} KiB")
            chunks, size = [], 0
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_QUERY_BYTES:
                    raise ProtocolError(413, f"request body over {MAX_QUERY_BYTES // 1024} KiB")
                chunks.append(chunk)
            body = b"".join(chunks)
        job = read_request(request.method, list(request.query_params.multi_items()),
                           request.headers.get("content-type"), body)
        if job is None:
            if "text/html" in request.headers.get("accept", ""):
                return render("sparql.html", query=EXAMPLE_QUERY, result=None, timeout=config.timeout,
                              max_rows=config.max_rows)
            raise ProtocolError(400, "missing 'query' parameter (SPARQL 1.1 Protocol: GET ?query=… , POST a form "
                                     "with query=… or POST an application/sparql-query body)")
        as_html = (job.get("format") or "").lower() == "html"
        if as_html:
            job["format"] = None
            job["accept"] = "application/sparql-results+json, text/turtle"
        else:
            job["accept"] = request.headers.get("accept")
        header, out = await run_in_threadpool(state["pool"].run, job)
        status = header.get("status", 500)
        if status != 200:
            extra = {"Retry-After": str(header["retry_after"])} if header.get("retry_after") else None
            if as_html:
                return render("sparql.html", status, query=job["query"], result=None, problem=header.get("error"),
                              timeout=config.timeout, max_rows=config.max_rows)
            raise ProtocolError(status, header.get("error") or "query failed", extra)
        headers = {"X-SPARQL-Rows": str(header["rows"]), "X-SPARQL-Max-Rows": str(header["max_rows"]),
                   "X-SPARQL-Truncated": "true" if header["truncated"] else "false", "Vary": "Accept"}
        if as_html:
            result = _html_result(header, out)
            return render("sparql.html", query=job["query"], result=result, truncated=header["truncated"],
                          timeout=config.timeout, max_rows=config.max_rows)
        return Response(out, status_code=200, media_type=header["content_type"], headers=headers)

    # -- errors and life cycle ---------------------------------------------------------------------
    async def on_bad_param(request: Request, exc: BadParam):
        return error(request, exc.status, exc.message)

    async def on_protocol(request: Request, exc: ProtocolError):
        return error(request, exc.status, exc.message, exc.headers)

    async def on_http(request: Request, exc: HTTPException):
        msg = {404: f"no page at {request.url.path[:300]}", 405: f"method {request.method} is not allowed here"}
        return error(request, exc.status_code, msg.get(exc.status_code, str(exc.detail)))

    async def on_crash(request: Request, exc: Exception):
        message = f"internal error: {type(exc).__name__}: {str(exc)[:300]}"
        try:
            return error(request, 500, message)
        except Exception:  # noqa: BLE001 — the error page itself failed: plain text then
            return PlainTextResponse(message + "\n", status_code=500)

    @asynccontextmanager
    async def lifespan(app):
        with lock:
            store = GraphStore.open(config.store_path, read_only=True)
            state["store"] = store
            state["catalog"] = await run_in_threadpool(Catalog, store)
            pool = SparqlPool(config.store_path, workers=config.workers, timeout=config.timeout,
                              max_rows=config.max_rows)
            await run_in_threadpool(pool.start)
            state["pool"] = pool
        if config.on_ready is not None:
            config.on_ready()
        try:
            yield
        finally:
            pool.close()
            store.close()

    routes = [
        Route("/", home), Route("/search", search), Route("/node", node_redirect), Route("/graph", graph_page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/api/search", api_search), Route("/api/node", api_node), Route("/api/graph", api_graph),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    routes += [Route(f"/{k}", page_route(k)) for k in PAGE_KINDS]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={
        BadParam: on_bad_param, ProtocolError: on_protocol, HTTPException: on_http, Exception: on_crash})
    app.add_middleware(_SecurityHeaders)
    app.state.config = config
    app.state.data = state
    return app


EXAMPLE_QUERY = """# Everyone who held a post in a body of Cà Mau, with the dates attested.
SELECT ?person ?role ?organization ?first ?last WHERE {
  ?t a og:Tenure ; org:member ?p ; og:roleName ?role ; org:organization ?o .
  ?p schema:name ?person .
  ?o skos:prefLabel ?organization ; og:jurisdiction "Cà Mau" .
  OPTIONAL { ?t og:firstAttested ?first ; og:lastAttested ?last }
}
ORDER BY ?first ?person
LIMIT 100"""


def _html_result(header: dict, body: bytes) -> dict:
    if header["content_type"].startswith("application/sparql-results+json"):
        data = json.loads(body)
        if "boolean" in data:
            return {"boolean": data["boolean"]}
        names = data["head"]["vars"]
        rows = [[(b.get(n) or {}).get("value", "") for n in names] for b in data["results"]["bindings"]]
        return {"vars": names, "rows": rows}
    return {"text": body.decode("utf-8", "replace")}
