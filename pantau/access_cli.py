"""``pantau user``, ``pantau token`` and ``pantau screen``: who may look (README, "Pengguna
dan akses"). They change the store only; sign-in itself needs the config's ``auth:`` section.
"""

from __future__ import annotations

import getpass
import sys
import time

from pantau.config import load_or_fail, open_store
from pantau.errors import EXIT_FAIL, EXIT_OK, UsageError


def add_parsers(sub, with_config, parser_class) -> None:
    """The ``user``, ``token`` and ``screen`` subcommands of ``pantau``."""
    from pantau.data.access import Role

    roles = [r.label for r in Role]
    u = sub.add_parser("user", help="people who sign in: add, list, remove, passwd")
    us = u.add_subparsers(dest="user_command", required=True, parser_class=parser_class)
    a = with_config(us.add_parser("add", help="add a user"))
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=roles)
    a.add_argument("--region", default=None, help="limit the user to one Kemendagri code")
    a.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    with_config(us.add_parser("list", help="list users"))
    r = with_config(us.add_parser("remove", help="remove a user (their sessions end)"))
    r.add_argument("name")
    p = with_config(us.add_parser("passwd", help="set a new password (their sessions end)"))
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true")


def _password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        raise UsageError("give the password on standard input with --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise UsageError("the two passwords differ")
    return first


def _day(ts: int | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "-"


def _warn_if_off(cfg) -> None:
    if cfg.auth is None:
        print("pantau: note: the config has no auth: section, so nobody is asked to sign in "
              "yet (README, \"Pengguna dan akses\")", file=sys.stderr)


def cmd_user(args) -> int:
    from pantau.data import users
    from pantau.data.access import Role

    cfg = load_or_fail(args.config)
    store = open_store(cfg)
    try:
        if args.user_command == "add":
            user = users.add(store, args.name, _password(args), Role.parse(args.role),
                             region=args.region)
            print(f"user {user.name} added: {user.role.label}"
                  + (f", region {user.region}" if user.region else ""))
            _warn_if_off(cfg)
        elif args.user_command == "list":
            rows = users.listing(store)
            print(f"{'NAME':24} {'ROLE':9} {'REGION':8} CREATED")
            for u in rows:
                print(f"{u.name:24} {u.role.label:9} {u.region or '-':8} {_day(u.created_ts)}")
        elif args.user_command == "remove":
            if not users.remove(store, args.name):
                print(f"pantau: no user named {args.name!r}", file=sys.stderr)
                return EXIT_FAIL
            print(f"user {args.name} removed")
        elif args.user_command == "passwd":
            user = users.set_password(store, args.name, _password(args))
            print(f"password of {user.name} changed; their sessions have ended")
    except users.AccessError as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.dispose()
    return EXIT_OK
