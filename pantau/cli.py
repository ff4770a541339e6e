"""The ``pantau`` command (docs/architecture.md, "Processes"; the README's "Commands").

Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad config. A user's mistake is one
clear line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from pantau import commands
from pantau.config import default_path
from pantau.errors import EXIT_FAIL, EXIT_OK, EXIT_USAGE, RuntimeFailure, UsageError

__all__ = ["EXIT_FAIL", "EXIT_OK", "EXIT_USAGE", "RuntimeFailure", "UsageError", "main"]


class Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 as well; keep its message to one line
        self.print_usage(sys.stderr)
        print(f"pantau: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="pantau", description="Command-center dashboard for regional governments")
    p.add_argument("--log-format", choices=["text", "json"], default=None,
                   help="log lines as text (default) or one JSON object per line, for log "
                        "shippers; passed on to the processes of run/serve/demo")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)

    def with_config(sp):
        sp.add_argument("-c", "--config", default=None,
                        help=f"config file (default {default_path()})")
        return sp

    d = sub.add_parser("demo", help="run Pantau on demo data (SQLite, no network)")
    d.add_argument("--port", type=int, default=8050)
    d.add_argument("--host", default="127.0.0.1")
    d.add_argument("--reset", action="store_true", help="start from an empty demo store")
    d.add_argument("--dir", default="var", help="where the demo keeps its files (default var)")
    d.add_argument("--site", choices=["ntb", "sukoharjo"], default="ntb",
                   help="ntb: a province (default); sukoharjo: a kabupaten drilling to its "
                        "kecamatan (files in DIR/sukoharjo)")
    for name, text in (("run", "collectors and web app, supervised together"),
                       ("worker", "collectors only"), ("serve", "web app only (gunicorn)")):
        sp = with_config(sub.add_parser(name, help=text))
        if name != "worker":
            sp.add_argument("--port", type=int, default=None)
            sp.add_argument("--host", default=None)
            sp.add_argument("--workers", type=int, default=None)
    with_config(sub.add_parser("check-config", help="validate the config file"))
    with_config(sub.add_parser("status", help="store, sources, worker and web at a glance"))
    c = with_config(sub.add_parser("collect", help="run sources once, now"))
    c.add_argument("sources", nargs="*", metavar="SOURCE_ID")
    i = with_config(sub.add_parser("import", help="bulk-load history from CSV"))
    i.add_argument("file")
    i.add_argument("--table", choices=["samples", "complaints", "spbe"], default="samples",
                   help="samples (metric,ts,value[,label...]), complaints "
                        "(id,region,agency,category,received_at,verified_at,followed_up_at,"
                        "closed_at) or spbe (year,region,indicator,score)")
    i.add_argument("--source", default="import",
                   help="complaints: the source the ids belong to (e.g. lapor); spbe: where "
                        "the levels come from (e.g. lhe-2023)")
    e = with_config(sub.add_parser("export", help="write a metric's data to CSV or XLSX"))
    e.add_argument("--metric", required=True)
    e.add_argument("--from", dest="start", default="now-30d")
    e.add_argument("--to", dest="end", default="now")
    e.add_argument("--step", default=None, help="bucket size (e.g. 1h); raw samples if absent")
    e.add_argument("--agg", default=None, choices=["sum", "avg", "last", "min", "max"])
    e.add_argument("--format", choices=["csv", "xlsx"], default=None)
    e.add_argument("--label", action="append", default=[], metavar="NAME=VALUE")
    e.add_argument("-o", "--output", required=True)
    from pantau.access_cli import add_parsers

    add_parsers(sub, with_config, Parser)
    rp = sub.add_parser("report", help="scheduled reports (reports: in the config)")
    rpsub = rp.add_subparsers(dest="report_command", required=True, parser_class=Parser)
    rs = with_config(rpsub.add_parser("send", help="make a report now and deliver it "
                                                   "through its channels"))
    rs.add_argument("report_id", metavar="ID")
    rr = with_config(rpsub.add_parser("render", help="make a report now and write the file"))
    rr.add_argument("report_id", metavar="ID")
    rr.add_argument("-o", "--output", required=True, metavar="FILE")
    rg = sub.add_parser("regions", help="region boundaries")
    rgsub = rg.add_subparsers(dest="regions_command", required=True, parser_class=Parser)
    ri = with_config(rgsub.add_parser(
        "import", help="load boundaries (GeoJSON, or wilayah_boundaries SQL) checked against "
                       "the Kemendagri code list"))
    ri.add_argument("file")
    db = sub.add_parser("db", help="database maintenance")
    dbsub = db.add_subparsers(dest="db_command", required=True, parser_class=Parser)
    with_config(dbsub.add_parser("upgrade", help="apply schema migrations"))
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``pantau`` console script."""
    args = build_parser().parse_args(argv)
    if args.log_format:
        from pantau.logs import FORMAT_ENV

        # Through the environment, so that the worker and gunicorn processes log alike.
        os.environ[FORMAT_ENV] = args.log_format
    handler = getattr(commands, "cmd_" + args.command.replace("-", "_"))
    try:
        return int(handler(args) or 0)
    except UsageError as exc:
        print(f"pantau: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeFailure as exc:
        print(f"pantau: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception as exc:
        from pantau.data.engine import database_error  # sqlalchemy: only when it failed

        reason = database_error(exc)
        if reason is not None:
            # The store could not be reached or lacks its schema: one line, not a traceback.
            print(f"pantau: database error: {reason}", file=sys.stderr)
            return EXIT_FAIL
        raise


if __name__ == "__main__":
    sys.exit(main())
