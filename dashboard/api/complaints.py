"""``/api/v1/complaints/sla?from&to[&region][&agency]`` (issue 15): per stage of the
complaints received in [from, to), how many were due, done on time, done late, open and
overdue, and the median hari kerja taken; the holidays the count skipped. Role: analyst or
better (the API's role, ``dashboard.auth.rules``); a principal limited to a region gets the
complaints of its region only (``pantau.data.access.record_in_scope``: not the province's
own nor those without a region), and asking for another region by name is a 403.

    register(server, ctx, json_response, only)   # by dashboard.api.routes
"""

from __future__ import annotations

from flask import Flask, request
from pantau.dashboard.access import current
from pantau.dashboard.api import params
from pantau.dashboard.api.params import ApiError
from pantau.dashboard.context import AppContext
from pantau.data import complaint_sla
from pantau.data.access import Role, role_allows

READ_ROLE = Role.ANALYST
PATH = "/api/v1/complaints/sla"


def register(server: Flask, ctx: AppContext, json_response, only) -> None:
    """Add the endpoint to ``server``."""

    def complaints_sla():
        principal = current()
        if not role_allows(principal.role, READ_ROLE):
            raise ApiError("the complaints' service levels need the analyst role or better",
                           None, status=403)
        args = request.args.to_dict(flat=False)
        only(args, ("from", "to", "region", "agency"))
        now = ctx.clock()
        start, end, _, _ = params.time_range(ctx, args, now, default_from="now-30d")
        region = params.region(ctx, args, principal.region)
        agency = params.one(args, "agency") or None
        if agency and len(agency) > 200:
            raise ApiError("agency must be at most 200 characters", "agency")
        try:
            answer = complaint_sla.sla(ctx.store, ctx.config, int(start), int(end), now,
                                       region, agency, principal.region)
        except complaint_sla.TooManyComplaints as exc:
            raise ApiError(str(exc), "from") from None
        return json_response({"from": params.one(args, "from") or "now-30d",
                              "to": params.one(args, "to") or "now",
                              "region": region, "agency": agency, **answer})

    server.add_url_rule(PATH, "api_complaints_sla", complaints_sla, methods=["GET"])
