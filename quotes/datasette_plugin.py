"""The Datasette plugin (entry point `datasette`): each hook calls into quotes.render / quotes.api.

Plugin settings, under `plugins: quotes:` in metadata.yml:
  max_body_bytes  largest body POST /-/quotes/extract accepts (default 1,000,000)
  allow_robots    let search engines crawl (default false: robots.txt disallows all)
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Request, Response

from . import api, render
from .serve import add_response_header

# The extract endpoint is called cross-origin by newsroom tools; it writes nothing.
_CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "3600",
}


def _config(datasette: Any) -> dict[str, Any]:  # noqa: ANN401 - Datasette
    return datasette.plugin_config("quotes") or {}


@hookimpl
def render_cell(row, value, column, table, database, datasette):  # noqa: ANN001, ANN201
    return render.render_cell(row, value, column, lambda: datasette.urls.table(database, "quotes"))


async def extract_view(datasette: Any, request: Request) -> Response:  # noqa: ANN401
    if request.method == "OPTIONS":
        return Response.text("", status=204, headers=_CORS_HEADERS)
    max_bytes = int(_config(datasette).get("max_body_bytes", api.DEFAULT_MAX_BYTES))
    status, body = await api.handle_extract(
        request.method, request.receive, request.headers.get("content-length"), max_bytes
    )
    return Response.json(body, status=status, headers=_CORS_HEADERS)


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
