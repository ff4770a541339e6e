"""How the web server fails: bounded requests, JSON errors under /api, 503 while the store is
away, 400 for a Dash callback fed inputs of the wrong type, and no off-site links.

``register_errors(server)`` sets it up on the Flask server:

- request bodies over ``MAX_BODY`` (1 MB) are refused with 413 before they are read, and URLs
  over ``MAX_URL`` characters with 414;
- every HTTP error under ``/api/`` is JSON ``{"error": ..., "parameter": null}``: 404, 405,
  413, 414, and 500 for a failure nobody expected;
- a store that cannot be reached (``data.engine.store_unreachable``) is 503 with
  ``Retry-After``: JSON under ``/api/``, an empty 503 for a Dash callback (the page keeps what
  it shows and asks again at its next refresh);
- a Dash callback that fails on what it was sent (``TypeError``, ``ValueError``, ...: a
  hand-made request) is 400 and one log line, not a 500 with a traceback.

``safe_path(path)`` is the rule for any path echoed into a link: always on this site.
"""

from __future__ import annotations

import logging
import re

from flask import Flask, Response, request
from pantau.data.engine import store_unreachable
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024
MAX_URL = 4096
RETRY_AFTER = "5"
DASH_PREFIX = "/_dash-"
BAD_INPUT = (TypeError, ValueError, AttributeError, KeyError, IndexError)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def safe_path(path: str | None) -> str:
    """``path`` as a path of this site: one leading slash, no scheme or host, no backslash
    (browsers read ``\\`` as ``/``), no control characters (browsers drop tabs and newlines
    inside a URL, so ``/\\t/evil.example`` is ``//evil.example`` to them), so
    ``//evil.example/x`` becomes ``/evil.example/x``."""
    path = _CONTROLS.sub("", path or "/").replace("\\", "/")
    if "://" in path.split("?", 1)[0]:
        path = path.split("://", 1)[1]
    return "/" + path.lstrip("/")


def json_error(status: int, message: str, headers: dict | None = None) -> Response:
    import orjson

    """The JSON error answer of the API: ``{"error": message, "parameter": null}``."""
    resp = Response(orjson.dumps({"error": message, "parameter": None}), status=status,
                    mimetype="application/json")
    resp.headers.update(headers or {})
    return resp


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200] if text else ''}"


def register_errors(server: Flask) -> None:
    """Install the limits and error answers above on ``server``."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    @server.before_request
    def _limits():
        if len(request.full_path) > MAX_URL:
            return _error(414, f"the URL is longer than {MAX_URL} characters")
        if (request.content_length or 0) > MAX_BODY:
            return _error(413, f"the request body is over {MAX_BODY // 1024} KB")
        return None

    def _error(status: int, message: str) -> Response:
        if request.path.startswith("/api/"):
            return json_error(status, message)
        return Response(message + "\n", status=status, mimetype="text/plain")

    def _no_api(rest: str = ""):
        # Without it Dash's catch-all would answer any /api/... path with its HTML page.
        return json_error(404, f"not found: /api/{rest[:100]}; the API is under /api/v1")

    server.add_url_rule("/api/", "api_not_found_root", _no_api)
    server.add_url_rule("/api/<path:rest>", "api_not_found", _no_api)

    @server.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if request.path.startswith("/api/"):
            return json_error(exc.code or 500, exc.description or exc.name)
        return exc

    @server.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if store_unreachable(exc):
            log.warning("%s %s: store unreachable: %s", request.method, request.path,
                        _one_line(exc))
            if request.path.startswith("/api/"):
                return json_error(503, "the store cannot be reached right now; try again shortly",
                             {"Retry-After": RETRY_AFTER})
            return Response("", status=503, headers={"Retry-After": RETRY_AFTER})
        if request.path.startswith(DASH_PREFIX) and isinstance(exc, BAD_INPUT):
            log.warning("callback refused: %s", _one_line(exc))
            return Response('{"error": "bad callback input"}', status=400,
                            mimetype="application/json")
        log.error("%s %s failed", request.method, request.path, exc_info=exc)
        if request.path.startswith("/api/"):
            return json_error(500, "internal error; see the server log")
        return Response("internal error\n", status=500, mimetype="text/plain")
