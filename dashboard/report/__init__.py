"""Reports of a page (issue 20): a PDF with the kop surat of ``site.letterhead`` or an image
card (PNG 1080x1350) for messaging groups, made from the numbers the page shows now.

    name, mime, data = make(ctx, Spec(page="overview", period="30d"), scope, "pdf")
    # name: pantau-ringkasan-2026-12-01-0915-WITA.pdf

``content`` builds the document from the page's named questions, ``pages`` holds one
function per page, ``template`` writes HTML, ``engine`` prints it in Chromium; ``routes``
serves ``/report.pdf`` and ``/report.png`` behind the buttons; the worker's scheduled
reports (``pantau.reports``) call ``make`` too.
"""

from __future__ import annotations

import re

from pantau.dashboard import fmt
from pantau.dashboard.context import AppContext
from pantau.dashboard.report.content import ReportInputError, Spec, build

__all__ = ["MIME", "ReportInputError", "Spec", "file_name", "make"]

MIME = {"pdf": "application/pdf", "png": "image/png"}


def file_name(ctx: AppContext, stem: str, made: float, ext: str) -> str:
    """``pantau-ringkasan-2026-12-01-0915-WITA.pdf``: what and when, in the site's zone."""
    name = f"pantau-{stem}-{fmt.file_stamp(made, ctx.tz)}.{ext}"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def make(ctx: AppContext, spec: Spec, scope: str | None, kind: str = "pdf",
         wait: float | None = None) -> tuple[str, str, bytes]:
    """``(file name, MIME type, bytes)`` of the report of ``spec`` as ``kind`` (pdf, png)."""
    from pantau.dashboard.report import engine, template

    if kind not in MIME:
        raise ReportInputError("format must be pdf or png", "format")
    doc = build(ctx, spec, scope)
    wait = engine.WAIT if wait is None else wait
    if kind == "pdf":
        data = engine.to_pdf(template.document(ctx.config, doc, spec.lang, ctx.tz, spec.paper),
                             wait)
    else:
        data = engine.to_png(template.card(ctx.config, doc, spec.lang, ctx.tz),
                             *template.CARD, wait)
    return file_name(ctx, doc.stem, doc.made, kind), MIME[kind], data
