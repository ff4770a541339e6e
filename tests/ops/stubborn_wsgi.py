"""A WSGI app whose worker does not stop on SIGTERM (as a worker stuck in a C call or a
hung thread does): gunicorn's master must kill it at the graceful timeout."""

import signal

# gunicorn installs its worker's handlers before it imports the app: this one wins.
signal.signal(signal.SIGTERM, signal.SIG_IGN)


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
