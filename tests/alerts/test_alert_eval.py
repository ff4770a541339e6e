"""The evaluator against a real store (SQLite and PostgreSQL) with a clock in hand: pending
for ``for``, one firing, nothing more without ``repeat``, one resolved with ``ends_at``;
hysteresis; ``by`` labels; keep_firing_for; a DOWN source speaks alone; the outbox keeps
one row per transition even when two evaluators race."""

from __future__ import annotations

import threading

from pantau.data.alert_store import history, load_states, notes, outbox
from pantau.data.alerting import Evaluator
from pantau.data.batch import Batch, Sample
from pantau.data.store import RunRecord
from support.config import config_from

T0 = 1_780_000_000


def make_cfg(rules, every="5s"):
    return config_from({
        "site": {"timezone": "Asia/Makassar"},
        "web": {"host": "127.0.0.1", "port": 8050},
        "metrics": [{"name": "lapor_count", "title": "Aduan LAPOR!", "agg": "last"}],
        "sources": [{"id": "lapor", "kind": "csv", "every": every, "timeout": "2s",
                     "options": {"path": "/x.csv",
                                 "values": [{"metric": "lapor_count", "column": "n",
                                             "labels": {"region": "kode"}}]}}],
        "alerts": {"rules": rules,
                   "channels": [{"id": "hook", "type": "webhook", "url": "http://127.0.0.1:9/"}]},
    })


class Clock:
    def __init__(self, t):
        self.t = t

    def __call__(self):
        return self.t


def collect(store, ev, clock, values: dict, status="up"):
    """One run of source lapor at the clock's time with ``{region: value}``."""
    samples = [Sample("lapor_count", v, {"region": r}, int(clock.t)) for r, v in values.items()]
    store.write(Batch(samples=samples), {"lapor_count"}, now=int(clock.t))
    store.record_run(RunRecord("lapor", clock.t, clock.t + 0.1, status, len(samples)))
    return ev.after_run("lapor")


def kinds(store):
    return [(r["payload"]["state"], r["payload"]["labels"].get("region")) for r in outbox(store)]


def test_firing_once_after_for_then_resolved_once_with_ends_at(store):
    cfg = make_cfg([{"id": "lonjakan", "metric": "lapor_count", "above": 10, "for": "10s",
                     "by": ["region"], "severity": "critical", "notify": ["hook"]}])
    clock = Clock(T0)
    ev = Evaluator(cfg, store, clock=clock)
    seq = [5, 5, 12, 12, 12, 12, 12, 12, 12, 3, 3]
    for i, v in enumerate(seq):
        clock.t = T0 + 5 * i
        collect(store, ev, clock, {"52.01": v, "52.71": 4})
        if i == 3:  # over for 5 s of a 10 s pending period: nothing yet
            assert kinds(store) == []
            assert load_states(store)[("lonjakan", '{"region":"52.01"}')].state == "pending"
        clock.t += 1
        ev.sweep()  # between runs, the clocks alone change nothing here
        clock.t -= 1
    assert kinds(store) == [("firing", "52.01"), ("resolved", "52.01")]
    firing, resolved = (r["payload"] for r in outbox(store))
    assert firing["starts_at"] == "2026-05-29T04:27:00+08:00"  # over from T0 + 10 s, for 10 s; WITA
    assert "ends_at" not in firing and resolved["ends_at"] == "2026-05-29T04:27:25+08:00"
    assert firing["value"] == 12 and firing["threshold"] == 10
    assert firing["url"] == "http://127.0.0.1:8050/metric/lapor_count"
    assert "Kabupaten Lombok Barat" in firing["summary"] and "KRITIS" in firing["summary"]
    assert [e["state"] for e in history(store, T0, T0 + 999)] == ["resolved", "firing"]
    assert [n["kind"] for n in notes(store, T0, T0 + 999, "lapor_count")] == ["alert", "alert"]
    ev.close()


def test_repeat_resends_while_firing(store):
    cfg = make_cfg([{"id": "r", "metric": "lapor_count", "above": 10, "repeat": "20s",
                     "notify": ["hook"]}])
    clock = Clock(T0)
    ev = Evaluator(cfg, store, clock=clock)
    for i in range(10):  # 45 s over the threshold
        clock.t = T0 + 5 * i
        collect(store, ev, clock, {"52.01": 50})
    assert [k for k, _ in kinds(store)] == ["firing", "firing", "firing"]
    assert [r["key"].split("|")[3:5] for r in outbox(store)] == [["firing", "0"],
                                                                 ["repeat", "1"],
                                                                 ["repeat", "2"]]


def test_flapping_with_hysteresis_and_keep_firing_for_sends_one_pair(store):
    cfg = make_cfg([{"id": "flap", "metric": "lapor_count", "above": 10, "resolve_below": 5,
                     "for": "10s", "keep_firing_for": "10s", "notify": ["hook"]}])
    clock = Clock(T0)
    ev = Evaluator(cfg, store, clock=clock)
    flapping = [11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 4, 4, 4, 4]
    for i, v in enumerate(flapping):
        clock.t = T0 + 5 * i
        collect(store, ev, clock, {"52.01": v})
    assert kinds(store) == [("firing", None), ("resolved", None)]


def test_without_hysteresis_the_same_values_never_fire(store):
    cfg = make_cfg([{"id": "flap", "metric": "lapor_count", "above": 10, "for": "10s",
                     "notify": ["hook"]}])
    clock = Clock(T0)
    ev = Evaluator(cfg, store, clock=clock)
    for i, v in enumerate([11, 9] * 6):
        clock.t = T0 + 5 * i
        collect(store, ev, clock, {"52.01": v})
    assert kinds(store) == []


def test_a_down_source_with_three_rules_sends_one_notification(store):
    cfg = make_cfg([
        {"id": "atas", "metric": "lapor_count", "above": 10, "notify": ["hook"]},
        {"id": "bawah", "metric": "lapor_count", "below": 1, "notify": ["hook"]},
        {"id": "senyap", "no_data": "lapor_count", "notify": ["hook"]},
        {"id": "mati", "source_down": "any", "severity": "critical", "notify": ["hook"]},
    ])
    clock = Clock(T0)
    ev = Evaluator(cfg, store, clock=clock)
    collect(store, ev, clock, {"52.01": 5})
    for i in range(1, 20):  # fails from here on: pending, then DOWN (retries 1)
        clock.t = T0 + 5 * i
        collect(store, ev, clock, {}, status="pending" if i == 1 else "down")
        clock.t += 1
        ev.sweep()
        clock.t -= 1
    clock.t += 600
    ev.sweep()
    assert [(r["payload"]["rule"], r["payload"]["state"]) for r in outbox(store)] == [
        ("mati", "firing")]
    body = outbox(store)[0]["payload"]
    assert body["labels"] == {"source": "lapor"} and "lapor" in body["summary"]


def test_no_data_fires_when_the_metric_goes_stale(store):
    cfg = make_cfg([{"id": "senyap", "no_data": "lapor_count", "by": ["region"],
                     "notify": ["hook"]}])
    clock = Clock(T0)
    ev = Evaluator(cfg, store, clock=clock)
    collect(store, ev, clock, {"52.01": 5, "52.71": 3})
    for i in range(1, 3):
        clock.t = T0 + 5 * i
        collect(store, ev, clock, {"52.71": 3})  # 52.01 stops; the source stays up
    assert kinds(store) == []  # stale after 2 x 5 s: not yet at 10 s
    clock.t = T0 + 11
    ev.sweep()
    assert kinds(store) == [("firing", "52.01")]


def test_two_evaluators_racing_queue_each_transition_once(store):
    cfg = make_cfg([{"id": "lonjakan", "metric": "lapor_count", "above": 10,
                     "by": ["region"], "notify": ["hook"]}])
    clock = Clock(T0)
    evs = [Evaluator(cfg, store, clock=clock) for _ in range(2)]
    collect(store, evs[0], clock, {"52.01": 50, "52.71": 60, "52.02": 70})
    for i in range(1, 6):
        clock.t = T0 + 5 * i
        collect(store, evs[0], clock, {"52.01": 50 if i < 3 else 1, "52.71": 60, "52.02": 70})
        threads = [threading.Thread(target=e.sweep) for e in evs] + \
                  [threading.Thread(target=e.after_run, args=("lapor",)) for e in evs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(kinds(store)) == [("firing", "52.01"), ("firing", "52.02"),
                                    ("firing", "52.71"), ("resolved", "52.01")]
    for e in evs:
        e.close()


def test_states_of_rules_taken_out_of_config_are_forgotten(store):
    from pantau.data.alert_store import forget_rules

    cfg = make_cfg([{"id": "lama", "metric": "lapor_count", "above": 1},
                    {"id": "baru", "metric": "lapor_count", "above": 1}])
    clock = Clock(T0)
    ev = Evaluator(cfg, store, clock=clock)
    collect(store, ev, clock, {"52.01": 5})
    assert {k[0] for k in load_states(store)} == {"lama", "baru"}
    assert forget_rules(store, ["baru"]) == 1
    assert {k[0] for k in load_states(store)} == {"baru"}
    ev.close()
