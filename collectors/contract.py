"""The collector-kind contract, written down as a ``typing.Protocol``.

A kind is a class with ``kind`` (its name in config.yaml and its entry-point name),
``Options`` (a frozen pydantic model of its ``options``: unknown keys are errors) and
``collect(options, ctx) -> Batch``. It fetches and parses only. The registry and the runner
hold kinds as ``type[CollectorKind]``; ``contract_problems`` says what a class lacks::

    assert contract_problems(MyCollector, "my_kind") == []
"""

from __future__ import annotations

import inspect
import typing
from typing import ClassVar, Protocol, runtime_checkable

from pantau.collectors.base import CollectContext
from pantau.data.batch import Batch
from pydantic import BaseModel


@runtime_checkable
class CollectorKind(Protocol):
    """What the runner needs of a collector kind (see the module docstring)."""

    kind: ClassVar[str]
    Options: ClassVar[type[BaseModel]]

    def collect(self, options: BaseModel, ctx: CollectContext) -> Batch:
        """Fetch and parse once; raise ``CollectError`` for a failure the operator can act
        on (with what was still measured in its ``batch``)."""
        ...


def contract_problems(cls: type, name: str | None = None) -> list[str]:
    """Everything ``cls`` does against the contract (empty when it keeps it); ``name`` is the
    kind's registered name, which ``cls.kind`` must equal."""
    problems = []
    kind = getattr(cls, "kind", None)
    if not isinstance(kind, str) or not kind:
        problems.append("kind: not a non-empty string")
    elif name is not None and kind != name:
        problems.append(f"kind: {kind!r} but registered as {name!r}")
    options = getattr(cls, "Options", None)
    if not (isinstance(options, type) and issubclass(options, BaseModel)):
        problems.append("Options: not a pydantic model")
    else:
        conf = options.model_config
        if conf.get("frozen") is not True:
            problems.append("Options: not frozen")
        if conf.get("extra") != "forbid":
            problems.append("Options: unknown keys are not refused (extra='forbid')")
    collect = getattr(cls, "collect", None)
    if not callable(collect):
        problems.append("collect: missing")
    else:
        params = list(inspect.signature(collect).parameters)
        if params[1:] != ["options", "ctx"]:
            problems.append(f"collect: takes ({', '.join(params[1:])}), not (options, ctx)")
        try:
            returns = typing.get_type_hints(collect).get("return")
        except Exception as exc:  # an annotation that names something missing
            problems.append(f"collect: unreadable annotations ({exc})")
        else:
            if returns is not Batch:
                problems.append(f"collect: returns {returns!r}, not Batch")
    if not problems:
        try:
            instance = cls()
        except TypeError as exc:
            problems.append(f"cannot be made without arguments ({exc})")
        else:
            if not isinstance(instance, CollectorKind):
                problems.append("not a CollectorKind")
    return problems
