"""Every registered collector kind keeps the contract of ``collectors.contract.CollectorKind``,
and the check names what a class that breaks it does wrong."""

from __future__ import annotations

from pantau.collectors.base import CollectContext, Options
from pantau.collectors.contract import CollectorKind, contract_problems
from pantau.collectors.registry import kinds
from pantau.data.batch import Batch
from pydantic import BaseModel


def test_every_registered_kind_keeps_the_contract():
    found = kinds()
    assert len(found) >= 6
    for name, cls in found.items():
        assert contract_problems(cls, name) == [], name
        assert isinstance(cls(), CollectorKind)


class _GoodOptions(Options):
    url: str = "http://127.0.0.1/"


class _Good:
    kind = "good"
    Options = _GoodOptions

    def collect(self, options: _GoodOptions, ctx: CollectContext) -> Batch:
        return Batch()


class _Loose(BaseModel):  # neither frozen nor strict about unknown keys
    url: str = ""


class _Broken:
    kind = "broken"
    Options = _Loose

    def collect(self, ctx: CollectContext, options: _Loose) -> list:
        return []


def test_the_check_names_each_breach():
    assert contract_problems(_Good, "good") == []
    assert contract_problems(_Good, "other") == ["kind: 'good' but registered as 'other'"]
    assert contract_problems(_Broken) == [
        "Options: not frozen",
        "Options: unknown keys are not refused (extra='forbid')",
        "collect: takes (ctx, options), not (options, ctx)",
        "collect: returns <class 'list'>, not Batch",
    ]
    assert contract_problems(object) == ["kind: not a non-empty string",
                                         "Options: not a pydantic model", "collect: missing"]
