"""Read config.yaml safely: a bad file is one clear ``ConfigError`` line, at once.

Use::

    raw = read_yaml("config.yaml")        # plain dicts/lists/scalars, or ConfigError
    for line in inline_secrets(raw): ...   # "store.url: ..." warnings

What is refused, and why: a file an operator can hand over by mistake (or an attacker can
plant) must not hang or exhaust every command that loads it. So only regular files up to
``MAX_BYTES`` are read (a FIFO would block, ``/dev/zero`` never ends), the text must be UTF-8
without NUL bytes, nesting deeper than ``MAX_DEPTH`` is refused before Python's recursion
limit is met, aliases may not expand the document past ``MAX_NODES`` values ("billion
laughs"), and a key given twice in one mapping is an error naming its path (YAML itself lets
the second silently win).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 200_000
MERGE_TAG = "tag:yaml.org,2002:merge"


class ConfigError(Exception):
    """Config problems, each a line ``path: message``."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class _TooDeep(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """``SafeLoader`` that stops composing past ``MAX_DEPTH`` levels of nesting."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _where(mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"


def _read_text(p: Path) -> str:
    try:
        # stat, not open: opening a FIFO blocks until a writer comes.
        st = os.stat(p)
    except FileNotFoundError:
        raise ConfigError([f"{p}: no such file"]) from None
    except OSError as exc:
        raise ConfigError([f"{p}: cannot be read ({exc.strerror})"]) from None
    if not stat.S_ISREG(st.st_mode):
        kind = ("a directory" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a plain file")
        raise ConfigError([f"{p}: is {kind}, not a regular file"])
    if st.st_size > MAX_BYTES:
        raise ConfigError([f"{p}: is {st.st_size:,} bytes; a config file may have at most "
                           f"{MAX_BYTES:,} (1 MB)"])
    try:
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # the file may grow between stat and read
    except OSError as exc:
        raise ConfigError([f"{p}: cannot be read ({exc.strerror})"]) from None
    if len(data) > MAX_BYTES:
        raise ConfigError([f"{p}: is over {MAX_BYTES:,} bytes (1 MB), the most a config may have"])
    nul = data.find(b"\0")
    if nul >= 0:
        raise ConfigError([f"{p}: holds a NUL byte at byte {nul:,}: a binary file, not YAML text"])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{p}: is not UTF-8 text (byte {exc.start:,} is "
                           f"0x{data[exc.start]:02x}); save it as UTF-8"]) from None


def _expanded_size(root: Node, p: Path) -> int:
    """Values in the document once every alias is expanded; refuses recursive aliases."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            kids = _children(node)
            sizes[key] = min(1 + sum(sizes[id(k)] for k in kids), MAX_NODES + 1)
            continue
        if key in sizes:
            continue
        if key in open_:
            raise ConfigError([f"{p}: a recursive alias at {_where(node.start_mark)} "
                               "(an anchor used inside itself)"])
        open_.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in _children(node) if id(k) not in sizes)
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _duplicate_keys(root: Node) -> list[str]:
    """``path.key: given twice (lines a and b)`` for each key repeated in one mapping."""
    out: list[tuple[int, str]] = []
    stack: list[tuple[Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, SequenceNode):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(node.value))
        elif isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for k, v in node.value:
                if not isinstance(k, ScalarNode) or k.tag == MERGE_TAG:
                    continue
                here = f"{path}.{k.value}" if path else str(k.value)
                if k.value in seen:
                    line = k.start_mark.line + 1
                    out.append((line, f"{here}: given twice (lines "
                                      f"{seen[k.value].start_mark.line + 1} and {line}); "
                                      "remove one"))
                seen.setdefault(k.value, k)
                stack.append((v, here))
    return [text for _, text in sorted(out)]


def read_yaml(path: str | os.PathLike) -> Any:
    """The YAML document at ``path`` as plain data; ``ConfigError`` for any unsafe file."""
    p = Path(path)
    text = _read_text(p)
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except _TooDeep as exc:
            raise ConfigError([f"{p}: nested deeper than {MAX_DEPTH} levels at "
                               f"{_where(exc.mark)}"]) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise ConfigError([f"{p}: YAML syntax error at {_where(mark)}: {exc.problem}"]) from None
        except yaml.YAMLError as exc:
            raise ConfigError([f"{p}: YAML error: {' '.join(str(exc).split())}"]) from None
        if root is None:
            raise ConfigError([f"{p}: is empty; a config needs at least metrics: (see README)"])
        if _expanded_size(root, p) > MAX_NODES:
            raise ConfigError([f"{p}: expands to more than {MAX_NODES:,} values (aliases of "
                               "aliases?); write the values out or use fewer aliases"])
        duplicates = _duplicate_keys(root)
        if duplicates:
            raise ConfigError(duplicates)
        try:
            return loader.construct_document(root)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise ConfigError([f"{p}: YAML error at {_where(mark)}: {exc.problem}"]) from None
    finally:
        loader.dispose()


def inline_secrets(raw: Any, path: str = "") -> list[str]:
    """Warnings for URLs written with a password in the file (not given by ``{$env: NAME}``)."""
    out: list[str] = []
    if isinstance(raw, dict):
        if "$env" in raw:
            return out
        for k, v in raw.items():
            out += inline_secrets(v, f"{path}.{k}" if path else str(k))
    elif isinstance(raw, list):
        for i, v in enumerate(raw):
            out += inline_secrets(v, f"{path}[{i}]")
    elif isinstance(raw, str) and "://" in raw and "@" in raw:
        try:
            password = urlsplit(raw.strip()).password
        except ValueError:
            password = None
        if password:
            out.append(f"{path}: holds a password inline; give it as {{$env: NAME}} "
                       "(or the whole URL, e.g. PANTAU_STORE_URL for store.url)")
    return out
