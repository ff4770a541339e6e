"""A local SMTP server for tests of email channels (alerts, reports): aiosmtpd on a free port
of 127.0.0.1 with STARTTLS (a self-signed certificate for 127.0.0.1, made with openssl) and
AUTH LOGIN/PLAIN for ``pantau`` / ``sandi-rahasia``.

    with smtp_server(tmp_path) as (port, cert, handler):
        ...                      # handler.messages: (authenticated, recipients, raw bytes)
"""

from __future__ import annotations

import socket
import subprocess
from contextlib import contextmanager


@contextmanager
def smtp_server(folder):
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)

    class Handler:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((session.authenticated, envelope.rcpt_tos,
                                  envelope.content))
            return "250 OK"

    def login(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"pantau" and auth_data.password == b"sandi-rahasia"
        return AuthResult(success=ok)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Handler()
    ctl = Controller(handler, hostname="127.0.0.1", port=port, tls_context=ctx,
                     require_starttls=True, authenticator=login, auth_require_tls=True)
    ctl.start()
    try:
        yield port, cert, handler
    finally:
        ctl.stop()
