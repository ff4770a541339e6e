"""Delivering one notification to one channel of ``alerts.channels``: a webhook (the JSON body
of ``data.alert_text.payload``), Telegram's Bot API (``sendMessage``) or email (SMTP with
STARTTLS). All in Bahasa Indonesia (the body's ``summary``).

    deliver(channel, body, http)       # returns when delivered; raises Undelivered

Reports (issue 20) go through the same channels with their file: ``deliver_file`` (a
multipart webhook, Telegram's ``sendDocument``/``sendPhoto``, an email attachment).

``Undelivered.after`` is how long the channel asked to wait (HTTP 429 ``Retry-After``,
Telegram's ``parameters.retry_after``), else None and the sender backs off on its own. Error
texts never carry the bot token or the SMTP password.
"""

from __future__ import annotations

import json
import smtplib
import ssl
from email.message import EmailMessage

import httpx

from pantau.data.alert_models import Email, Telegram, Webhook
from pantau.data.alert_text import SEVERITY_ID


class Undelivered(Exception):
    """The channel did not take the notification; try again (after ``after`` seconds when
    the channel said so)."""

    def __init__(self, message: str, after: float | None = None):
        super().__init__(message)
        self.after = after


def _retry_after(value) -> float | None:
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None


def webhook(ch: Webhook, body: dict, http: httpx.Client) -> None:
    try:
        r = http.post(ch.url, json=body, headers=dict(ch.headers), timeout=ch.timeout)
    except httpx.HTTPError as exc:
        raise Undelivered(f"webhook {ch.id}: {type(exc).__name__}: {exc}") from None
    if r.status_code == 429:
        raise Undelivered(f"webhook {ch.id}: HTTP 429",
                          _retry_after(r.headers.get("retry-after")))
    if not 200 <= r.status_code < 300:
        raise Undelivered(f"webhook {ch.id}: HTTP {r.status_code}")


def message_text(body: dict) -> str:
    """The text of a Telegram message or an email: the summary and the page to open."""
    return f"{body['summary']}\n{body['url']}"


def telegram(ch: Telegram, body: dict, http: httpx.Client) -> None:
    url = f"{ch.api_url.rstrip('/')}/bot{ch.bot_token}/sendMessage"
    data = {"chat_id": ch.chat_id, "text": message_text(body),
            "disable_web_page_preview": True}
    try:
        r = http.post(url, json=data, timeout=ch.timeout)
    except httpx.HTTPError as exc:
        # httpx names the URL, which holds the token: say only what failed.
        raise Undelivered(f"telegram {ch.id}: {type(exc).__name__}") from None
    try:
        answer = r.json()
    except ValueError:
        answer = {}
    if r.status_code == 429 or answer.get("error_code") == 429:
        after = _retry_after((answer.get("parameters") or {}).get("retry_after"))
        raise Undelivered(f"telegram {ch.id}: too many requests", after)
    if r.status_code != 200 or not answer.get("ok"):
        raise Undelivered(f"telegram {ch.id}: HTTP {r.status_code} "
                          f"{str(answer.get('description', ''))[:200]}")


def email_message(ch: Email, body: dict) -> EmailMessage:
    """The email of ``body``: subject with the severity and the state, the summary as text."""
    msg = EmailMessage()
    state = "PULIH" if body["state"] == "resolved" else SEVERITY_ID.get(body["severity"], "")
    msg["Subject"] = f"[Pantau] {state}: {body['rule']}"
    msg["From"] = ch.sender
    msg["To"] = ", ".join(ch.to)
    msg.set_content(message_text(body) + "\n")
    return msg


def email(ch: Email, body: dict, _http=None) -> None:
    _smtp(ch, email_message(ch, body))


def _smtp(ch: Email, message: EmailMessage) -> None:
    try:
        with smtplib.SMTP(ch.host, ch.port, timeout=ch.timeout) as smtp:
            if ch.starttls:
                smtp.starttls(context=ssl.create_default_context(cafile=ch.ca_file))
            if ch.username:
                smtp.login(ch.username, ch.password or "")
            smtp.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise Undelivered(f"email {ch.id}: login refused ({exc.smtp_code})") from None
    except (OSError, smtplib.SMTPException) as exc:
        text = str(exc).replace(ch.password, "***") if ch.password else str(exc)
        raise Undelivered(f"email {ch.id}: {type(exc).__name__}: {text[:300]}") from None


KINDS = {"webhook": webhook, "telegram": telegram, "email": email}


# -- reports: the same channels with a file (issue 20) ------------------------------------
def _answered(r: httpx.Response, what: str, telegram_reply: bool = False) -> None:
    answer = {}
    if telegram_reply:
        try:
            answer = r.json()
        except ValueError:
            answer = {}
    if r.status_code == 429 or answer.get("error_code") == 429:
        after = (answer.get("parameters") or {}).get("retry_after") if answer else \
            r.headers.get("retry-after")
        raise Undelivered(f"{what}: too many requests", _retry_after(after))
    if not 200 <= r.status_code < 300 or (telegram_reply and not answer.get("ok")):
        raise Undelivered(f"{what}: HTTP {r.status_code} "
                          f"{str(answer.get('description', ''))[:200]}".rstrip())


def webhook_file(ch: Webhook, body: dict, file: tuple[str, str, bytes], http) -> None:
    """multipart/form-data: ``payload`` (the JSON of ``body``) and ``file``."""
    name, mime, data = file
    try:
        r = http.post(ch.url, data={"payload": json.dumps(body)},
                      files={"file": (name, data, mime)}, headers=dict(ch.headers),
                      timeout=ch.timeout)
    except httpx.HTTPError as exc:
        raise Undelivered(f"webhook {ch.id}: {type(exc).__name__}: {exc}") from None
    _answered(r, f"webhook {ch.id}")


def telegram_file(ch: Telegram, body: dict, file: tuple[str, str, bytes], http) -> None:
    """``sendPhoto`` for an image card, ``sendDocument`` for a PDF; the summary as caption."""
    name, mime, data = file
    method, field = ("sendPhoto", "photo") if mime == "image/png" else \
        ("sendDocument", "document")
    url = f"{ch.api_url.rstrip('/')}/bot{ch.bot_token}/{method}"
    try:
        r = http.post(url, data={"chat_id": ch.chat_id, "caption": body["summary"][:1024]},
                      files={field: (name, data, mime)}, timeout=ch.timeout)
    except httpx.HTTPError as exc:
        raise Undelivered(f"telegram {ch.id}: {type(exc).__name__}") from None
    _answered(r, f"telegram {ch.id}", telegram_reply=True)


def report_email(ch: Email, body: dict, file: tuple[str, str, bytes]) -> EmailMessage:
    name, mime, data = file
    msg = EmailMessage()
    msg["Subject"] = f"[Pantau] {body['summary'].splitlines()[0][:200]}"
    msg["From"] = ch.sender
    msg["To"] = ", ".join(ch.to)
    msg.set_content(body["summary"] + "\n")
    main, sub = mime.split("/", 1)
    msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg


def email_file(ch: Email, body: dict, file: tuple[str, str, bytes], _http=None) -> None:
    _smtp(ch, report_email(ch, body, file))


FILE_KINDS = {"webhook": webhook_file, "telegram": telegram_file, "email": email_file}


def deliver_file(channel, body: dict, file: tuple[str, str, bytes], http) -> None:
    """Send ``file`` (name, MIME type, bytes) with ``body``'s summary through ``channel``."""
    FILE_KINDS[channel.type](channel, body, file, http)


def deliver(channel, body: dict, http: httpx.Client) -> None:
    """Send ``body`` through ``channel``; raise ``Undelivered`` when it did not arrive."""
    KINDS[channel.type](channel, body, http)
