"""complaints_overdue_count, the metric the store derives from the complaint records: a point
per day for history and one at each write; written after every run of a complaints source
(through the runner, the only writer) and by the worker's nightly job; 0 once a series'
complaints are done; an alert rule on it fires and resolves like on any metric."""

from __future__ import annotations

from datetime import date, datetime

from aduan_fixtures import METRICS
from pantau.collectors.runner import Runner
from pantau.data.alert_store import outbox
from pantau.data.alerting import Evaluator
from pantau.data.complaint_metrics import OVERDUE_METRIC, write_days
from pantau.data.queries import latest, points
from support.aduan_seed import NOW, WITA, seed
from support.config import config_from

CSV_HEAD = "id,region,agency,category,received_at,verified_at,followed_up_at,closed_at\n"
# Received Mon 4 May 2026: verification due Thu 7 May, lewat tenggat on 18 May.
LATE = "".join(f"P-{i},52.71,Dinas PUPR,Jalan,2026-05-04T09:0{i},,,\n" for i in range(4))
DONE = "".join(f"P-{i},52.71,Dinas PUPR,Jalan,2026-05-04T09:0{i},2026-05-18T09:30,,\n"
               for i in range(4))


def cfg_for(csv_path=None, rules=()):
    raw = {"site": {"name": "Uji", "region": "52", "timezone": "Asia/Makassar"},
           "metrics": METRICS}
    if csv_path is not None:
        raw["sources"] = [{"id": "lapor_aduan", "kind": "complaints", "cron": "30 7 * * *",
                           "options": {"path": str(csv_path)}}]
    if rules:
        raw["alerts"] = {"rules": list(rules), "channels": [
            {"id": "hook", "type": "webhook", "url": "http://127.0.0.1:9/"}]}
    return config_from(raw)


def test_a_point_per_day_then_the_point_of_now(store):
    cfg = cfg_for()
    seed(store)
    n = write_days(store, cfg, {OVERDUE_METRIC}, date(2026, 4, 9), date(2026, 5, 18), int(NOW))
    # five series were ever overdue (C, D, B, E, F of support.aduan_seed): 40 days of them
    assert n == 5 * 40
    df = points(store, OVERDUE_METRIC, 0, int(NOW) + 1)
    # region: the kabupaten/kota (52.71.01 counts for 52.71); none for the province's own
    # OPD (E) and for no region (F), so the province total adds every series (data.shows)
    labels = {(s, r if isinstance(r, str) else None, a)
              for s, r, a in zip(df["stage"], df["region"], df["agency"], strict=True)}
    assert labels == {("followup", "52.01", "Dinas Kesehatan"),
                      ("completion", "52.01", "Dinas Kesehatan"),
                      ("verification", "52.71", "Dinas PUPR"),
                      ("verification", None, "Dinas Kominfo"),
                      ("verification", None, "Dinas Sosial")}
    df["day"] = [datetime.fromtimestamp(t, WITA).date() for t in df["ts"]]
    per_day = df.groupby("day")["value"].sum()
    assert per_day[date(2026, 4, 10)] == 0          # C's follow-up due that day
    assert per_day[date(2026, 4, 11)] == 1          # C late from Saturday
    assert per_day[date(2026, 5, 2)] == 2           # and D's closing (due 1 May)
    assert per_day[date(2026, 5, 8)] == 6           # and B x2, E, F (due 7 May)
    assert per_day[date(2026, 5, 18)] == 6
    # history at each day's last second (WITA), today's point at the time of writing
    stamps = sorted(set(df["ts"]))
    assert datetime.fromtimestamp(stamps[0], WITA).time().isoformat() == "23:59:59"
    assert stamps[-1] == int(NOW)


def test_the_runner_writes_it_after_a_complaints_run_and_zeros_what_is_done(
        sqlite_store, tmp_path):
    export = tmp_path / "lapor.csv"
    export.write_text(CSV_HEAD + LATE, encoding="utf-8")
    cfg = cfg_for(export)
    runner = Runner.from_config(cfg, sqlite_store, clock=lambda: NOW)
    first = runner.run(cfg.source("lapor_aduan"))
    assert first.status == "up" and first.samples == 4 + 1  # 4 complaints, 1 point
    now = latest(sqlite_store, OVERDUE_METRIC)
    assert now["value"].tolist() == [4.0] and now["ts"].tolist() == [int(NOW)]
    export.write_text(CSV_HEAD + DONE, encoding="utf-8")  # verified late, at 09:30
    later = Runner.from_config(cfg, sqlite_store, clock=lambda: NOW + 3600)
    assert later.run(cfg.source("lapor_aduan")).samples == 4 + 1
    # waiting at follow-up now (due 25 May): none overdue, the series says 0
    assert latest(sqlite_store, OVERDUE_METRIC)["value"].tolist() == [0.0]
    runner.close()
    later.close()


def test_the_nightly_job_and_a_catalogue_without_the_metric(sqlite_store):
    from pantau.collectors.scheduler import COMPLAINTS_JOB, Scheduler

    seed(sqlite_store)
    cfg = cfg_for()
    runner = Runner.from_config(cfg, sqlite_store, clock=lambda: NOW)
    sched = Scheduler(cfg, runner, clock=lambda: NOW)
    assert COMPLAINTS_JOB in {j.id for j in sched.jobs()}
    job = next(j for j in sched.jobs() if j.id == COMPLAINTS_JOB)
    assert (job.trigger.fields[5].expressions[0].first,
            job.trigger.fields[6].expressions[0].first) == (0, 5)  # 00:05 WITA
    sched.complaints_overdue()
    assert latest(sqlite_store, OVERDUE_METRIC)["value"].sum() == 6
    plain = config_from({"site": {"region": "52"}, "metrics": [{"name": "x", "title": "X"}]})
    bare = Runner.from_config(plain, sqlite_store, clock=lambda: NOW)
    assert COMPLAINTS_JOB not in {j.id for j in Scheduler(plain, bare).jobs()}
    assert bare.complaint_metrics(NOW) == 0
    runner.close()
    bare.close()


def test_an_alert_rule_on_it_fires_and_resolves(store, tmp_path):
    export = tmp_path / "lapor.csv"
    export.write_text(CSV_HEAD + LATE, encoding="utf-8")
    rule = {"id": "aduan_telat", "metric": OVERDUE_METRIC, "above": 3, "by": ["agency"],
            "over": "1d", "severity": "warning", "notify": ["hook"]}
    cfg = cfg_for(export, [rule])
    clock = type("Clock", (), {"t": NOW, "__call__": lambda self: self.t})()
    runner = Runner.from_config(cfg, store, clock=clock)
    ev = Evaluator(cfg, store, clock=clock)
    assert [r.id for r in ev.rules_of("lapor_aduan")] == ["aduan_telat"]
    runner.run(cfg.source("lapor_aduan"))
    ev.after_run("lapor_aduan")
    sent = [r["payload"] for r in outbox(store)]
    assert [(p["state"], p["labels"], p["value"]) for p in sent] == [
        ("firing", {"agency": "Dinas PUPR"}, 4)]
    assert "Aduan lewat tenggat" in sent[0]["summary"]
    clock.t = NOW + 3600
    export.write_text(CSV_HEAD + DONE, encoding="utf-8")
    runner.run(cfg.source("lapor_aduan"))
    ev.after_run("lapor_aduan")
    assert [r["payload"]["state"] for r in outbox(store)] == ["firing", "resolved"]
    runner.close()
    ev.close()


def test_pantau_import_writes_its_history(tmp_path):
    import subprocess
    import sys

    import yaml
    from pantau.data.store import Store

    db = tmp_path / "pantau.db"
    (tmp_path / "config.yaml").write_text(yaml.safe_dump({
        "site": {"name": "Uji", "region": "52", "timezone": "Asia/Makassar"},
        "store": {"url": f"sqlite:///{db}"}, "metrics": METRICS}))
    (tmp_path / "aduan.csv").write_text(CSV_HEAD + LATE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pantau", "import", "aduan.csv", "--table",
                           "complaints", "--source", "lapor", "-c", "config.yaml"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{OVERDUE_METRIC}: " in proc.stdout, proc.stdout
    store = Store(f"sqlite:///{db}")
    df = points(store, OVERDUE_METRIC, 0, 2**40)
    by_day = {datetime.fromtimestamp(t, WITA).date(): v for t, v in zip(df["ts"], df["value"],
                                                                        strict=True)}
    # from the day of receipt (Mon 4 May 2026): due Thu 7 May, late from Friday on
    assert min(by_day) == date(2026, 5, 4)
    assert by_day[date(2026, 5, 7)] == 0 and by_day[date(2026, 5, 8)] == 4
    assert by_day[max(by_day)] == 4 and len(by_day) == (max(by_day) - min(by_day)).days + 1
    store.dispose()
