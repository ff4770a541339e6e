"""Fetching with hard limits: the run's deadline, a maximum body size, nothing trusted.

``fetch(ctx, url)`` streams the answer and stops as soon as it passes ``ctx.max_body`` (a 50 MB
answer is refused after reading a little over the limit, so memory stays flat), or as soon as
the run's deadline passes (a hung or trickling endpoint is abandoned at the source's timeout).
The ``Content-Type`` header is ignored: callers parse what the bytes are. ``file://`` URLs are
read from disk with the same size limit (demo and offline sources).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import unquote, urlsplit

import httpx
from pantau.collectors.base import CollectContext, CollectError
from pantau.data.urls import where
from pydantic import AfterValidator


@dataclass
class Fetched:
    """An answer read in full: status, headers, body bytes, seconds taken, TLS expiry."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    elapsed: float
    cert_not_after: float | None = None
    """Epoch seconds when the server's TLS certificate expires (https only)."""


def check_url(url: str, schemes: tuple[str, ...] = ("http", "https", "file")) -> str:
    """``url`` when its scheme is one of ``schemes``; ValueError naming them otherwise (for
    options validators)."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in schemes:
        shown = ", ".join(f"{s}://" for s in schemes)
        raise ValueError(f"{url!r} must start with {shown}")
    return url


SourceUrl = Annotated[str, AfterValidator(check_url)]
"""An options field holding an ``http(s)://`` or ``file://`` URL (``check_url``)."""


def mb(n: int) -> str:
    return f"{n / 1048576:.0f} MB" if n >= 1048576 else f"{n} bytes"


def fetch(ctx: CollectContext, url: str, *, method: str = "GET", headers: dict | None = None,
          params: dict | None = None, json_body=None, content: bytes | str | None = None,
          verify: bool = True, want_cert: bool = False) -> Fetched:
    """Fetch ``url`` within the run's limits; raise ``CollectError`` with a clear message on a
    timeout, a connection failure or a body over the limit. Any status is returned."""
    if url.startswith("file://"):
        return _read_file(ctx, url)
    started = time.monotonic()
    client = ctx.http(verify)
    headers = {k: v for k, v in (headers or {}).items() if v not in (None, "")}
    try:
        with client.stream(method, url, headers=headers, params=params, json=json_body,
                           content=content, timeout=httpx.Timeout(ctx.remaining())) as resp:
            cert = _cert_not_after(resp) if want_cert else None
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > ctx.max_body:
                raise CollectError(f"answer of {mb(int(declared))} from {where(url)} is larger "
                                   f"than the limit of {mb(ctx.max_body)}; refused")
            # Chunks in a list, joined once at the end: a growing buffer would be copied on
            # every reallocation and briefly hold twice the limit.
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():  # as it arrives, so the deadline is checked
                chunks.append(chunk)
                size += len(chunk)
                if size > ctx.max_body:
                    chunks.clear()
                    raise CollectError(f"answer from {where(url)} is larger than the limit of "
                                       f"{mb(ctx.max_body)}; refused after {mb(size)}")
                if ctx.expired():
                    raise CollectError(f"timed out after {ctx.timeout:g}s reading {where(url)} "
                                       f"({mb(size)} received)")
            return Fetched(url, resp.status_code, dict(resp.headers), b"".join(chunks),
                           time.monotonic() - started, cert)
    except httpx.TimeoutException:
        raise CollectError(f"timed out after {ctx.timeout:g}s waiting for {where(url)}") from None
    except httpx.ConnectError as exc:
        raise CollectError(f"cannot connect to {where(url)}: {_reason(exc)}") from None
    except httpx.TooManyRedirects:
        raise CollectError(f"too many redirects from {where(url)}") from None
    except httpx.DecodingError as exc:
        raise CollectError(f"cannot decode the answer of {where(url)}: {_reason(exc)}") from None
    except httpx.HTTPError as exc:
        raise CollectError(f"{type(exc).__name__} fetching {where(url)}: {_reason(exc)}") \
            from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
        raise CollectError(f"bad URL {where(url)}: {_reason(exc)}") from None


def fetch_ok(ctx: CollectContext, url: str, **kw) -> Fetched:
    """``fetch`` that also refuses any status outside 2xx."""
    got = fetch(ctx, url, **kw)
    if not 200 <= got.status < 300:
        raise CollectError(f"HTTP {got.status} from {where(url)}{_snippet(got.body)}")
    return got


def _snippet(body: bytes) -> str:
    text = body[:120].decode("utf-8", "replace").strip().replace("\n", " ")
    return f": {text}" if text else ""


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


def _read_file(ctx: CollectContext, url: str) -> Fetched:
    started = time.monotonic()
    path = Path(unquote(urlsplit(url).path))
    return Fetched(url, 200, {}, read_limited(ctx, path), time.monotonic() - started)


def read_limited(ctx: CollectContext, path: Path) -> bytes:
    """The bytes of a local file, refused when larger than ``ctx.max_body``."""
    try:
        size = path.stat().st_size
        if size > ctx.max_body:
            raise CollectError(f"{path} is {mb(size)}, larger than the limit of "
                               f"{mb(ctx.max_body)}; refused")
        with path.open("rb") as fh:
            return fh.read(ctx.max_body + 1)
    except FileNotFoundError:
        raise CollectError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CollectError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise CollectError(f"{path}: permission denied") from None


# -- TLS certificate expiry, read from the DER bytes (no extra dependency) ----------------------
def _cert_not_after(resp: httpx.Response) -> float | None:
    stream = resp.extensions.get("network_stream")
    ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
    if ssl_object is None:
        return None
    der = ssl_object.getpeercert(True)  # the low-level object takes it positionally
    return der_not_after(der) if der else None


def _tlv(data: bytes, pos: int) -> tuple[int, int, int]:
    tag, first = data[pos], data[pos + 1]
    pos += 2
    if first < 0x80:
        length = first
    else:
        n = first & 0x7F
        length = int.from_bytes(data[pos:pos + n], "big")
        pos += n
    return tag, pos, pos + length


def der_not_after(der: bytes) -> float | None:
    """``notAfter`` of an X.509 certificate in DER, as epoch seconds (None if unreadable)."""
    try:
        _, cert, _ = _tlv(der, 0)                     # Certificate SEQUENCE
        _, pos, _ = _tlv(der, cert)                   # tbsCertificate SEQUENCE
        tag, _, end = _tlv(der, pos)
        if tag == 0xA0:                               # [0] version, optional
            pos = end
        for _ in range(3):                            # serial, signature, issuer
            _, _, pos = _tlv(der, pos)
        _, validity, _ = _tlv(der, pos)
        _, _, after = _tlv(der, validity)             # notBefore
        tag, start, end = _tlv(der, after)            # notAfter
        text = der[start:end].decode("ascii")
        fmt = "%y%m%d%H%M%SZ" if tag == 0x17 else "%Y%m%d%H%M%SZ"
        return datetime.strptime(text, fmt).replace(tzinfo=UTC).timestamp()
    except (IndexError, ValueError, UnicodeDecodeError):
        return None
