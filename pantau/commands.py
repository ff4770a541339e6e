"""The handlers of the ``pantau`` subcommands: ``cmd_<name>(args) -> exit code``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pantau.config import default_path, load, load_or_fail, open_store, store_for
from pantau.data.config import ConfigError
from pantau.errors import EXIT_FAIL, EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["load_or_fail", "open_store", "store_for"]  # also asked for here by older callers


def cmd_check_config(args) -> int:
    path = args.config or default_path()
    try:
        cfg = load(path)
    except ConfigError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        if len(exc.problems) > 1:
            print(f"{path}: {len(exc.problems)} problems", file=sys.stderr)
        return EXIT_USAGE
    print(f"{path}: ok — {len(cfg.metrics)} metrics, {len(cfg.sources)} sources, "
          f"{len(cfg.screens)} screens")
    return EXIT_OK


def cmd_db(args) -> int:
    cfg = load_or_fail(args.config)
    store = store_for(cfg)
    from pantau.progress import upgrade_store

    try:
        upgrade_store(store)
    except Exception as exc:  # a database that cannot be reached is a runtime failure
        print(f"pantau: db upgrade failed: {type(exc).__name__}: {exc}".splitlines()[0],
              file=sys.stderr)
        return EXIT_FAIL
    from pantau.data.migrate import current

    print(f"database at revision {current(store.writer)}")
    return EXIT_OK


REGIONS_MAX_BYTES = 100 * 2**20


def cmd_regions(args) -> int:
    """``pantau regions import FILE.geojson|.sql``: boundaries checked against the code list,
    saved into ``site.boundaries`` (read by every page before the shipped ones)."""
    import json

    from pantau.data.reference.imports import check_geojson, save, sql_to_geojson

    cfg = load_or_fail(args.config)
    path = Path(args.file)
    try:
        if path.stat().st_size > REGIONS_MAX_BYTES:
            raise UsageError(f"{path}: larger than {REGIONS_MAX_BYTES // 2**20} MB; simplify "
                             "the polygons first")
        text = path.read_text(encoding="utf-8")
        data = sql_to_geojson(text) if path.suffix.lower() == ".sql" else json.loads(text)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a GeoJSON or wilayah_boundaries SQL file ({exc})") \
            from None
    if not data.get("features") and path.suffix.lower() == ".sql":
        raise UsageError(f"{path}: no wilayah_boundaries rows (('code','name',lat,lng,'[...]'))")
    checked = check_geojson(data)
    if checked.problems:
        for line in checked.problems[:100]:
            print(f"{path}: {line}", file=sys.stderr)
        print(f"{path}: {len(checked.problems)} problem(s); nothing imported", file=sys.stderr)
        return EXIT_USAGE
    for written in save(checked, cfg.site.boundaries):
        area = written.stem
        n = len(checked.by_parent[area])
        print(f"{written}: {n} region(s) below {area} ({codes_name(area)})")
    return EXIT_OK


def codes_name(code: str) -> str:
    from pantau.data.reference import codes

    return codes.name(code) or code


def cmd_import(args) -> int:
    from pantau.data.importer import ImportError_, import_csv

    cfg = load_or_fail(args.config)
    store = open_store(cfg)
    if getattr(args, "table", "samples") == "complaints":
        return _import_complaints(args, cfg, store)
    if getattr(args, "table", "samples") == "spbe":
        return _import_spbe(args, cfg, store)
    from pantau.progress import count_lines, progress

    started = time.perf_counter()
    try:
        total = max(0, count_lines(args.file) - 1)  # less the header
    except OSError:
        total = None  # import_csv names the problem
    try:
        with progress(f"import {Path(args.file).name}", total, "rows") as advance:
            report = import_csv(store, args.file, {m.name for m in cfg.metrics},
                                cfg.site.timezone, on_rows=advance, area=cfg.site.region)
    except ImportError_ as exc:
        raise UsageError(str(exc)) from None
    for line, reason in report.problems[:50]:
        print(f"{args.file}:{line}: {reason}", file=sys.stderr)
    if report.rejected > 50:
        print(f"{args.file}: ... and {report.rejected - 50} more rejected rows", file=sys.stderr)
    took = time.perf_counter() - started
    print(f"{args.file}: {report.rows} rows, {report.written} written, "
          f"{report.rejected} rejected in {took:.1f}s")
    return EXIT_OK


def _import_complaints(args, cfg, store) -> int:
    from pantau.data.complaint_import import ComplaintFileError, import_complaints
    from pantau.data.complaint_metrics import OVERDUE_METRIC, write_history

    started = time.perf_counter()
    try:
        report = import_complaints(store, args.file, args.source, cfg.site.timezone,
                                   area=cfg.site.region)
    except ComplaintFileError as exc:
        raise UsageError(str(exc)) from None
    _print_import(args.file, report, "complaints", started)
    points = write_history(store, cfg, {m.name for m in cfg.metrics}, time.time())
    if points:
        print(f"{args.file}: {OVERDUE_METRIC}: {points} points (a day each since the "
              "oldest complaint)")
    return EXIT_OK


def _print_import(path: str, report, what: str, started: float) -> None:
    """What an import of records says: columns not stored and the first 50 refused rows on
    stderr (``FILE:LINE: reason``), the counts on stdout."""
    if report.ignored_columns:
        print(f"{path}: column(s) not stored: {', '.join(report.ignored_columns)}",
              file=sys.stderr)
    for line, reason in report.problems[:50]:
        print(f"{path}:{line}: {reason}", file=sys.stderr)
    if report.rejected > 50:
        print(f"{path}: ... and {report.rejected - 50} more rejected rows", file=sys.stderr)
    took = time.perf_counter() - started
    print(f"{path}: {report.rows} {what}, {report.written} written, "
          f"{report.rejected} rejected in {took:.1f}s")


def _import_spbe(args, cfg, store) -> int:
    from pantau.data.spbe_import import SpbeFileError, import_spbe

    started = time.perf_counter()
    try:
        report = import_spbe(store, args.file, args.source, area=cfg.site.region)
    except SpbeFileError as exc:
        raise UsageError(str(exc)) from None
    _print_import(args.file, report, "SPBE levels", started)
    return EXIT_OK


def _labels(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f"--label {pair!r}: use NAME=VALUE")
        k, v = pair.split("=", 1)
        out[k] = v
    return out


def cmd_export(args) -> int:
    from pantau.data import export, queries
    from pantau.data.buckets import origin_for
    from pantau.data.durations import parse_duration
    from pantau.data.timeparse import parse_time
    from pantau.data.zones import utc_offset

    cfg = load_or_fail(args.config)
    metric = cfg.metric(args.metric)
    if metric is None:
        raise UsageError(f"--metric: {args.metric!r} is not in metrics")
    fmt = args.format or ("xlsx" if args.output.lower().endswith(".xlsx") else "csv")
    now, tz = time.time(), cfg.site.timezone
    try:
        start, end = parse_time(args.start, now, tz), parse_time(args.end, now, tz)
    except ValueError as exc:
        raise UsageError(f"--from/--to: {exc}") from None
    if end <= start:
        raise UsageError("--to must be later than --from")
    filters = _labels(args.label)
    step = None
    if args.step:
        try:
            step = parse_duration(args.step)
        except ValueError as exc:
            raise UsageError(f"--step: {exc}") from None
    store = open_store(cfg)
    agg = args.agg or metric.agg
    origin = origin_for(step, utc_offset(start, tz)) if step else 0
    try:
        if fmt == "xlsx":
            # A workbook is built whole in memory: refused over web.export_max_rows.
            rows, series = export.export_rows(store, metric.name, start, end, step, filters)
            try:
                export.check_rows(rows, cfg.web.export_max_rows, end - start, series)
            except export.ExportTooLarge as exc:
                raise UsageError(f"--format xlsx: {exc} (CSV has no such limit)") from None
            df = (queries.series(store, metric.name, start, end, step, agg, filters, origin)
                  if step else queries.points(store, metric.name, start, end, filters))
            from pantau.data.labels import names_of
            from pantau.data.provenance import source_rows

            lang = cfg.site.language
            values = {n: list(df[n].dropna().unique()) for n in df.attrs.get("label_names", [])}
            Path(args.output).write_bytes(export.to_xlsx(
                df, metric.name, tz, filters, lang, metric.title_in(lang),
                sources=source_rows(cfg, [metric.name], lang),
                names=names_of(cfg, values, lang)))
            written = len(df)
        else:
            # CSV streams, a window of rows at a time: constant memory for any length.
            frames = (export.bucket_frames(store, metric.name, start, end, step, agg, filters,
                                           origin) if step
                      else export.raw_frames(store, metric.name, start, end, filters))
            names = sorted({k for lab in queries.series_labels(store, metric.name,
                                                               filters).values() for k in lab})
            from pantau.progress import counted, progress

            # Raw rows are counted exactly; buckets only bound from above (some are empty).
            total = None if step else export.export_rows(store, metric.name, start, end,
                                                         None, filters)[0]
            with open(args.output, "wb") as fh, \
                    progress(f"export {metric.name}", total, "rows") as advance:
                written = export.write_csv(fh, counted(frames, advance), metric.name, tz,
                                           names)
    except OSError as exc:
        raise UsageError(f"-o {args.output}: {exc.strerror}") from None
    print(f"{args.output}: {written} rows of {metric.name}")
    return EXIT_OK


def cmd_serve(args) -> int:
    from pantau.processes import serve

    return serve(load_or_fail(args.config), args)


def cmd_worker(args) -> int:
    from pantau.processes import worker

    return worker(load_or_fail(args.config), args)


def cmd_run(args) -> int:
    from pantau.processes import run

    return run(load_or_fail(args.config), args)


def cmd_collect(args) -> int:
    from pantau.collect import collect

    return collect(load_or_fail(args.config), args)


def cmd_demo(args) -> int:
    from pantau.demo_run import demo

    return demo(args)


def cmd_status(args) -> int:
    from pantau.status import status

    return status(load_or_fail(args.config), args)


def cmd_user(args) -> int:
    from pantau.access_cli import cmd_user

    return cmd_user(args)


def cmd_token(args) -> int:
    from pantau.access_cli import cmd_token

    return cmd_token(args)


def cmd_report(args) -> int:
    from pantau.reports import cmd_report

    return cmd_report(args)


def cmd_screen(args) -> int:
    from pantau.access_cli import cmd_screen

    return cmd_screen(args)
