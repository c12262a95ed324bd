"""The Datasette plugin (entry point `datasette`): each hook calls into quotes.render / quotes.api.

Plugin settings, under `plugins: quotes:` in metadata.yml:
  max_body_bytes  largest body POST /-/quotes/extract accepts (default 1,000,000)
  time_limit_s    the extract endpoint's limit per request, in seconds (default 30)
  queue_size      extract requests admitted at once, beyond that 503 (default 16)
  workers         extraction worker processes (default 1)
  cors_origins    origins whose pages may call the extract endpoint (default none; "*": any)
  allow_robots    let search engines crawl (default false: robots.txt disallows all)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Request, Response

from . import api, pages, render
from .serve import add_response_header

TEMPLATES = str(Path(__file__).with_name("templates"))


def _config(datasette: Any) -> dict[str, Any]:  # noqa: ANN401 - Datasette
    return datasette.plugin_config("quotes") or {}


def _links(datasette: Any, database: str) -> render.Links:  # noqa: ANN401
    base = datasette.urls.path("/-/quotes")
    return render.Links(
        speaker=lambda ident: f"{base}/speaker/{tilde_encode(ident)}",
        statement=lambda ident: f"{base}/statement/{tilde_encode(ident)}",
        row=lambda table, ident: datasette.urls.row(database, table, tilde_encode(ident)),
    )


@hookimpl
def render_cell(row, value, column, table, database, datasette):  # noqa: ANN001, ANN201
    return render.render_cell(row, value, column, table, _links(datasette, database))


async def _page(datasette: Any, request: Request, template: str, build: Any) -> Response:  # noqa: ANN401
    """A reporter's page: `build(conn)` gathers its data (None: 404), the template shows it."""
    db = datasette.get_database()
    data = await db.execute_fn(build)
    if data is None:
        raise NotFound("No such page")
    links = _links(datasette, db.name)
    render.decorate(data, links)
    context = {**data, "links": links, "database": db.name, "metadata": datasette.metadata()}
    return Response.html(await datasette.render_template(template, context, request=request))


async def home_view(datasette: Any, request: Request) -> Response:  # noqa: ANN401
    return await _page(datasette, request, "quotes-home.html", pages.home_page)


async def speaker_view(datasette: Any, request: Request) -> Response:  # noqa: ANN401
    ident, page = tilde_decode(request.url_vars["id"]), request.args.get("page")
    return await _page(
        datasette, request, "quotes-speaker.html", lambda c: pages.speaker_page(c, ident, page)
    )


async def statement_view(datasette: Any, request: Request) -> Response:  # noqa: ANN401
    ident = tilde_decode(request.url_vars["id"])
    return await _page(
        datasette, request, "quotes-statement.html", lambda c: pages.statement_page(c, ident)
    )


async def extract_view(datasette: Any, request: Request) -> Response:  # noqa: ANN401
    config = _config(datasette)
    cors = api.cors_headers(config, request.headers.get("origin"))
    if request.method == "OPTIONS":
        return Response.text("", status=204, headers=cors)
    service = api.service_for(datasette, config)
    status, body, headers = await api.handle_extract(
        service, request.method, request.headers, request.receive
    )
    return Response.json(body, status=status, headers={**cors, **headers})


async def css_view() -> Response:
    return Response(render.STYLESHEET, content_type="text/css; charset=utf-8")


async def robots_view(datasette: Any) -> Response:  # noqa: ANN401
    if _config(datasette).get("allow_robots"):
        return Response.text("User-agent: *\nAllow: /\n")
    return Response.text("User-agent: *\nDisallow: /\n")


@hookimpl
def register_routes(datasette):  # noqa: ANN001, ANN201
    return [
        (r"^/$", home_view),
        (r"^/-/quotes/speaker/(?P<id>[^/]+)$", speaker_view),
        (r"^/-/quotes/statement/(?P<id>[^/]+)$", statement_view),
        (r"^/-/quotes/extract$", extract_view),
        (r"^/-/quotes/quotes\.css$", css_view),
        (r"^/robots\.txt$", robots_view),
    ]


@hookimpl
def prepare_jinja2_environment(env, datasette):  # noqa: ANN001, ANN201
    # Our templates (quotes/templates) come after --template-dir, before Datasette's own.
    paths = env.loader.loaders[0].searchpath
    if TEMPLATES not in paths:
        paths.insert(1 if datasette.template_dir else 0, TEMPLATES)
    env.filters["quote_diff"] = render.safe_diff_html


@hookimpl
def skip_csrf(datasette, scope):  # noqa: ANN001, ANN201
    # A JSON API for other tools: no cookie-based session to protect.
    return scope["type"] == "http" and scope["path"] == api.PATH


@hookimpl
def extra_css_urls(datasette):  # noqa: ANN001, ANN201
    return [datasette.urls.path("/-/quotes/quotes.css")]


@hookimpl
def asgi_wrapper(datasette):  # noqa: ANN001, ANN201
    if _config(datasette).get("allow_robots"):
        return None
    return lambda app: add_response_header(app, b"x-robots-tag", b"noindex, nofollow")
