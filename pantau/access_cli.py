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
    t = sub.add_parser("token", help="API tokens for scripts: create, list, revoke")
    ts = t.add_subparsers(dest="token_command", required=True, parser_class=parser_class)
    c = with_config(ts.add_parser("create", help="create a token and print it once"))
    c.add_argument("name")
    c.add_argument("--role", default="analyst", choices=roles)
    c.add_argument("--region", default=None, help="limit the token to one Kemendagri code")
    c.add_argument("--expires", default=None, metavar="DURATION",
                   help="e.g. 90d; without it the token lasts until revoked")
    with_config(ts.add_parser("list", help="list tokens"))
    v = with_config(ts.add_parser("revoke", help="revoke a token"))
    v.add_argument("name")
    s = sub.add_parser("screen", help="paired wall screens: add, list, revoke")
    ss = s.add_subparsers(dest="screen_command", required=True, parser_class=parser_class)
    a = with_config(ss.add_parser("add", help="print a one-time pairing URL for a TV"))
    a.add_argument("name")
    a.add_argument("--url", default=None, metavar="BASE",
                   help="the address the TV reaches Pantau at (default http://HOST:PORT of "
                        "web:)")
    with_config(ss.add_parser("list", help="list screens"))
    v = with_config(ss.add_parser("revoke", help="unpair a screen: it shows /login"))
    v.add_argument("name")


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


def cmd_token(args) -> int:
    from pantau.data import tokens
    from pantau.data.access import Role
    from pantau.data.users import AccessError

    cfg = load_or_fail(args.config)
    store = open_store(cfg)
    try:
        if args.token_command == "create":
            expires = None
            if args.expires:
                from pantau.data.durations import parse_duration

                try:
                    expires = parse_duration(args.expires)
                except ValueError as exc:
                    raise UsageError(f"--expires: {exc}") from None
            secret, tok = tokens.create(store, args.name, Role.parse(args.role),
                                        region=args.region, expires_in=expires)
            until = f"until {_day(tok.expires_ts)}" if tok.expires_ts else "until revoked"
            print(f"token {tok.name} ({tok.role.label}"
                  + (f", region {tok.region}" if tok.region else "") + f", {until}):",
                  file=sys.stderr)
            print(secret)
            print("It is shown only now: keep it where your script reads it. Use it as "
                  "Authorization: Bearer <token>.", file=sys.stderr)
            _warn_if_off(cfg)
        elif args.token_command == "list":
            print(f"{'NAME':24} {'ROLE':9} {'REGION':8} {'CREATED':16} {'EXPIRES':16} LAST USED")
            for k in tokens.listing(store):
                print(f"{k.name:24} {k.role.label:9} {k.region or '-':8} "
                      f"{_day(k.created_ts):16} {_day(k.expires_ts):16} {k.last_used_day or '-'}")
        elif args.token_command == "revoke":
            if not tokens.revoke(store, args.name):
                print(f"pantau: no token named {args.name!r}", file=sys.stderr)
                return EXIT_FAIL
            print(f"token {args.name} revoked")
    except AccessError as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.dispose()
    return EXIT_OK


def cmd_screen(args) -> int:
    from pantau.data import screens
    from pantau.data.users import AccessError

    cfg = load_or_fail(args.config)
    store = open_store(cfg)
    try:
        if args.screen_command == "add":
            code = screens.add(store, args.name)
            host = cfg.web.host if cfg.web.host not in ("", "0.0.0.0", "::") else "127.0.0.1"
            base = (args.url or f"http://{host}:{cfg.web.port}").rstrip("/")
            print(f"{base}/pair/{code}")
            print(f"Open it on the screen {args.name.lower()} within 15 minutes; it works once.",
                  file=sys.stderr)
            _warn_if_off(cfg)
        elif args.screen_command == "list":
            now = time.time()
            print(f"{'NAME':24} {'STATE':8} {'ADDED':16} PAIRED")
            for s in screens.listing(store):
                print(f"{s.name:24} {s.state(now):8} {_day(s.created_ts):16} "
                      f"{_day(s.paired_ts)}")
        elif args.screen_command == "revoke":
            if not screens.revoke(store, args.name):
                print(f"pantau: no screen named {args.name!r}", file=sys.stderr)
                return EXIT_FAIL
            print(f"screen {args.name} revoked; it shows the sign-in page at its next refresh")
    except AccessError as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.dispose()
    return EXIT_OK
