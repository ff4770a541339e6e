"""The plain HTML pages of sign-in: the form, "not allowed", a refused pairing. Served by
Flask without Dash's scripts (they load before anyone has signed in), styled by the
Bootstrap file and ``assets/auth.css``; every value echoed is escaped here."""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape
from pantau.dashboard.i18n import t


def page(lang: str, title: str, body: Markup | str, site: str, script: str = "") -> str:
    """A whole HTML document in ``lang``: the site's name, ``title`` and ``body`` (and the
    script at the path ``script``, of this site, if given)."""
    return Markup(
        '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>{title} · {site}</title>'
        '<link rel="stylesheet" href="/assets/00_bootstrap.min.css">'
        '<link rel="stylesheet" href="/assets/auth.css"></head>'
        '<body class="auth-page"><main class="auth-box" id="auth-box">'
        '<p class="auth-site">{site}</p>{body}</main>{script}</body></html>'
    ).format(lang=lang, title=title, site=site, body=body,
             script=Markup('<script src="{}"></script>').format(script) if script else "")


def lang_link(lang: str, path: str, params: dict) -> Markup:
    """The one-click link to the other language, keeping ``params`` (``next``)."""
    other = "en" if lang == "id" else "id"
    query = urlencode({**{k: v for k, v in params.items() if v}, "lang": other})
    return Markup('<a class="auth-lang" id="auth-lang" href="{href}" lang="{other}">'
                  '{text}</a>').format(href=f"{path}?{query}", other=other,
                                       text=t("auth.other_lang", lang))


def login_form(lang: str, csrf: str, next_path: str, name: str = "",
               error: str | None = None, notice: str | None = None,
               sso_label: str | None = None) -> Markup:
    """The sign-in form; ``error`` (already in ``lang``) shown above it; a single sign-on
    button under it when ``sso_label`` is given."""
    alert = Markup("")
    if error:
        alert = Markup('<div class="alert alert-danger" role="alert" id="auth-error">'
                       '{}</div>').format(error)
    elif notice:
        alert = Markup('<div class="alert alert-info" role="status" id="auth-notice">'
                       '{}</div>').format(notice)
    return Markup(
        '<h1 class="h3">{title}</h1><p class="text-muted">{lead}</p>{alert}'
        '<form method="post" action="/login?{action}" id="login-form">'
        '<input type="hidden" name="csrf_token" value="{csrf}">'
        '<input type="hidden" name="next" value="{next}">'
        '<label class="form-label" for="username">{name_label}</label>'
        '<input class="form-control mb-3" id="username" name="username" value="{name}" '
        'autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus>'
        '<label class="form-label" for="password">{password_label}</label>'
        '<input class="form-control mb-4" id="password" name="password" type="password" '
        'autocomplete="current-password" required>'
        '<button class="btn btn-primary w-100" type="submit" id="login-submit">{submit}'
        '</button></form>{sso}{lang_link}'
    ).format(sso=Markup('<a class="btn btn-outline-primary w-100 mt-3" id="login-sso" '
                        'href="/login/sso?{q}">{label}</a>').format(
                 q=urlencode({"next": next_path, "lang": lang}), label=sso_label)
             if sso_label else "",title=t("auth.title", lang), lead=t("auth.lead", lang), alert=alert,
             action=urlencode({"lang": lang}), csrf=csrf, next=next_path, name=name,
             name_label=t("auth.name", lang), password_label=t("auth.password", lang),
             submit=t("auth.submit", lang),
             lang_link=lang_link(lang, "/login", {"next": next_path}))


def forbidden(lang: str, role_label: str, name: str, path: str) -> Markup:
    """The "tidak berhak" page body for a signed-in principal whose role is too low."""
    return Markup(
        '<h1 class="h3" id="forbidden-title">{title}</h1><p>{body}</p>'
        '<p><a class="btn btn-primary me-2" href="/" id="forbidden-home">{home}</a>'
        '<a class="btn btn-outline-secondary" href="/logout" id="forbidden-signout">{out}</a>'
        '</p><p class="text-muted small">{name}</p>{lang_link}'
    ).format(title=t("auth.forbidden.title", lang),
             body=t("auth.forbidden.body", lang, role=role_label),
             home=t("auth.forbidden.home", lang), out=t("auth.sign_out", lang),
             name=escape(name), lang_link=lang_link(lang, path, {}))


def pair_form(lang: str, code: str) -> Markup:
    """The pairing page a TV opens: a form that POSTs the code (``/pair.js`` submits it by
    itself; the button is there for a browser without scripts)."""
    return Markup(
        '<h1 class="h4 mb-3">{title}</h1><p>{text}</p>'
        '<form method="post" action="/pair/{code}" id="pair-form">'
        '<button class="btn btn-primary w-100" type="submit" id="pair-submit">{button}'
        '</button></form>'
    ).format(title=t("auth.pair.title", lang), text=t("auth.pair.confirm", lang), code=code,
             button=t("auth.pair.button", lang))


def message(lang: str, title: str, text: str) -> Markup:
    """A page of one heading and one paragraph (a refused pairing)."""
    return Markup('<h1 class="h3">{}</h1><p id="auth-message">{}</p>'
                  '<p><a href="/login">{}</a></p>').format(title, text, t("auth.title", lang))
