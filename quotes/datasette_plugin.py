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

from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Request, Response

from . import api, render
from .serve import add_response_header


def _config(datasette: Any) -> dict[str, Any]:  # noqa: ANN401 - Datasette
    return datasette.plugin_config("quotes") or {}


@hookimpl
def render_cell(row, value, column, table, database, datasette):  # noqa: ANN001, ANN201
    return render.render_cell(row, value, column, lambda: datasette.urls.table(database, "quotes"))


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
        (r"^/-/quotes/extract$", extract_view),
        (r"^/-/quotes/quotes\.css$", css_view),
        (r"^/robots\.txt$", robots_view),
    ]


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
