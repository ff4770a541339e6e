"""``http_json``: numbers picked out of a JSON API answer with JMESPath.

    options:
      url: https://example.go.id/api/stats
      headers: {Authorization: {$env: LAPOR_TOKEN}}
      values:
        - metric: lapor_complaints_received_count
          path: data[].received            # a list gives one sample per element
          labels: {region: data[].kode}    # lists aligned with path, or one value for all
          static_labels: {source: lapor}
          timestamp: data[].tanggal        # optional; default the time of collection

A path that matches nothing, lists of different lengths and an answer that is not JSON are
errors of the run; a value that is not a number is refused by the store, with the reason.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import jmespath
from jmespath.exceptions import JMESPathError
from pantau.collectors.base import CollectContext, CollectError, LabelledValue, Options
from pantau.collectors.fetch import SourceUrl, fetch_ok, where
from pantau.collectors.timestamps import to_epoch
from pantau.data.batch import Batch, Sample
from pydantic import Field, field_validator


def _compile(expr: str) -> str:
    try:
        jmespath.compile(expr)
    except JMESPathError as exc:
        raise ValueError(f"{expr!r} is not a JMESPath expression ({str(exc).splitlines()[0]})") \
            from None
    return expr


class JsonValue(LabelledValue):
    """One metric taken from the answer."""

    path: str
    timestamp: str | None = None

    @field_validator("path", "timestamp")
    @classmethod
    def _expr(cls, v: str | None) -> str | None:
        return None if v is None else _compile(v)

    @field_validator("labels")
    @classmethod
    def _label_exprs(cls, v: dict[str, str]) -> dict[str, str]:
        for expr in v.values():
            _compile(expr)
        return v


class HttpJsonOptions(Options):
    url: SourceUrl
    method: Literal["GET", "POST", "PUT"] = "GET"
    headers: dict[str, str] = Field(default_factory=dict)
    params: dict[str, str | int | float | bool] = Field(default_factory=dict)
    body: Any = None
    values: tuple[JsonValue, ...] = Field(min_length=1)



def parse_json(body: bytes, url: str) -> Any:
    """The JSON document in ``body``, whatever the server called it."""
    text = body.decode("utf-8-sig", "replace")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        start = text.lstrip()[:40].replace("\n", " ")
        kind = "HTML" if start.startswith("<") else "not JSON"
        raise CollectError(f"answer of {where(url)} is {kind} (line {exc.lineno}, column "
                           f"{exc.colno}: {exc.msg}; starts with {start!r})") from None


def _search(expr: str, doc: Any, what: str) -> Any:
    try:
        return jmespath.search(expr, doc)
    except JMESPathError as exc:
        raise CollectError(f"{what} {expr!r}: {str(exc).splitlines()[0]}") from None


def split_projection(expr: str) -> tuple[str, str] | None:
    """``("data[]", "masuk")`` for ``"data[].masuk"``: the expression up to its last top-level
    projection and what is asked of each element, or None when there is no such split.

    JMESPath projections drop nulls (``data[].x`` skips elements whose x is null), which would
    shift values against their labels; evaluating ``x`` per element of ``data[]`` keeps them
    aligned, and a null value is then refused by the store with the reason."""
    depth, quote, split = 0, "", -1
    for i, ch in enumerate(expr):
        if quote:
            if ch == quote and expr[i - 1] != "\\":
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "[({":
            depth += 1
        elif ch in "])}":
            depth -= 1
            if depth == 0 and ch == "]" and expr[i + 1:i + 2] == ".":
                split = i
    if split < 0:
        return None
    base, rest = expr[:split + 1], expr[split + 2:]
    if "[" in rest or not rest:
        return None
    opening = base.rfind("[")
    inner = base[opening + 1:-1].strip()
    if inner not in ("", "*") and not inner.startswith("?"):
        return None  # an index or a slice, not a projection
    return base, rest


def _evaluate(expr: str, doc: Any, what: str) -> Any:
    """``expr`` on ``doc``; a projection ``base[].field`` gives one item per element of base,
    null included."""
    split = split_projection(expr)
    if split is None:
        return _search(expr, doc, what)
    base, rest = split
    elements = _search(base, doc, what)
    if not isinstance(elements, list):
        return None
    compiled = jmespath.compile(rest)
    return [compiled.search(e) if isinstance(e, dict | list) else None for e in elements]


def _spread(found: Any, n: int, what: str, expr: str) -> list:
    """``found`` as a list of ``n`` items: a list of that length, or one value repeated."""
    if isinstance(found, list):
        if len(found) != n:
            raise CollectError(f"{what} {expr!r} gave {len(found)} items but path gave {n}")
        return found
    return [found] * n


def samples_from(doc: Any, values: tuple[JsonValue, ...], tz: str) -> list[Sample]:
    """The samples ``values`` pick out of the JSON document ``doc``."""
    out: list[Sample] = []
    for i, v in enumerate(values):
        here = f"values[{i}]"
        found = _evaluate(v.path, doc, f"{here}.path")
        if found is None or (isinstance(found, list) and found
                             and all(x is None for x in found)):
            raise CollectError(f"{here}.path {v.path!r} matched nothing in the answer")
        items = found if isinstance(found, list) else [found]
        n = len(items)
        labels = {}
        for name, expr in v.labels.items():
            got = _evaluate(expr, doc, f"{here}.labels.{name}")
            if got is None or (isinstance(got, list) and got and all(x is None for x in got)):
                raise CollectError(f"{here}.labels.{name} {expr!r} matched nothing in the answer")
            labels[name] = _spread(got, n, f"{here}.labels.{name}", expr)
        stamps = [None] * n
        if v.timestamp:
            got = _evaluate(v.timestamp, doc, f"{here}.timestamp")
            if got is None:
                raise CollectError(f"{here}.timestamp {v.timestamp!r} matched nothing")
            try:
                stamps = [to_epoch(t, tz) for t in _spread(got, n, f"{here}.timestamp",
                                                            v.timestamp)]
            except ValueError as exc:
                raise CollectError(f"{here}.timestamp: {exc}") from None
        for j, value in enumerate(items):
            if isinstance(value, dict | list):
                raise CollectError(f"{here}.path {v.path!r} gives {type(value).__name__}s, "
                                   "not numbers: point it at a number field")
            lab = dict(v.static_labels)
            for name, vals in labels.items():
                lab[name] = "" if vals[j] is None else str(vals[j])
            out.append(Sample(v.metric, _number(value), lab, stamps[j]))
    return out


def _number(value: Any):
    # Numbers sent as text ("12") are common in government APIs; anything else goes to the
    # store as it is and is refused there with the reason.
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return value
    return value


class HttpJsonCollector:
    """Fetch ``url`` and pick samples out of the JSON answer."""

    kind = "http_json"
    Options = HttpJsonOptions

    def collect(self, options: HttpJsonOptions, ctx: CollectContext) -> Batch:
        body = options.body
        json_body = body if isinstance(body, dict | list) else None
        content = body if isinstance(body, str) else None
        got = fetch_ok(ctx, options.url, method=options.method, headers=options.headers,
                       params=dict(options.params) or None, json_body=json_body,
                       content=content)
        doc = parse_json(got.body, options.url)
        return Batch(samples=samples_from(doc, options.values, ctx.tz))
