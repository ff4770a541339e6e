"""No open redirect (issue 12, after issue 13's tests of ``safe_path``): wherever the site
sends a browser to a path it was given (sign-in's ``next``, the language switch), a real
browser's URL parser (Chromium's ``new URL``) must land on this site. Browsers drop tabs and
newlines inside URLs and read ``\\`` as ``/``, so ``/\\t/evil.example`` is ``//evil.example``
to them."""

from __future__ import annotations

import json

import pytest
from support.access import make_app, sign_in

SITE = "http://pantau.local"
TRICKS = ["https://evil.example/x", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
          "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\t\t//evil.example",
          "/\\/evil.example", "/\x0c/evil.example", " //evil.example", "http:evil.example",
          "/%2F%2Fevil.example", "/%5Cevil.example", "javascript:alert(1)", "/./\\evil.example",
          "\t//evil.example", "/\x00/evil.example", "/\u3000/evil.example"]


@pytest.fixture
def access_app(tmp_path):
    """An app with sign-in on, over the fixed world and one user of each role."""
    from pantau.data.store import Store
    from support.access import add_users
    from support.api_seed import seed

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.upgrade()
    seed(store)
    add_users(store)
    yield make_app(store)
    store.dispose()


def hosts(browser, urls: list[str]) -> list[str]:
    """The host Chromium's URL parser gives each of ``urls`` read on a page of SITE."""
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        return page.evaluate("""([base, urls]) => urls.map(u => {
            try { return new URL(u, base).host; } catch (e) { return 'invalid'; } })""",
                             [SITE + "/login", urls])
    finally:
        ctx.close()


@pytest.mark.browser
def test_sign_in_never_sends_the_browser_off_site(access_app, browser):
    client = access_app.server.test_client()
    where = {}
    for bad in TRICKS:
        r = sign_in(client, "viewer", next_path=bad)
        assert r.status_code == 303, (bad, r.status_code)
        where[bad] = r.headers["Location"]
        # signed in already: /login?next= sends on at once
        again = client.get("/login", query_string={"next": bad})
        assert again.status_code == 303
        where["signed:" + bad] = again.headers["Location"]
        client.get("/logout")
    landed = dict(zip(where, hosts(browser, list(where.values())), strict=True))
    off = {k: (where[k], h) for k, h in landed.items() if h != "pantau.local"}
    assert not off, off


@pytest.mark.browser
def test_the_language_switch_stays_on_site(access_app, browser):
    from pantau.dashboard.access import set_current
    from pantau.dashboard.app import create_app
    from pantau.data.access import OPEN
    from support.api_seed import NOW, make_config

    app = create_app(make_config(), access_app.ctx.store, clock=lambda: NOW)
    app.server.before_request(lambda: set_current(OPEN))
    client = app.server.test_client()
    hrefs = []
    for bad in TRICKS:
        body = {"output": "page.children", "outputs": {"id": "page", "property": "children"},
                "inputs": [{"id": "url", "property": "pathname", "value": bad}],
                "state": [{"id": "url", "property": "search", "value": "?next=//evil.example"}],
                "changedPropIds": ["url.pathname"]}
        r = client.post("/_dash-update-component", data=json.dumps(body),
                        content_type="application/json")
        assert r.status_code == 200, (bad, r.data[:200])
        text = r.get_data(as_text=True)
        found = _lang_href(json.loads(text))
        assert found is not None, bad
        hrefs.append(found)
    landed = hosts(browser, hrefs)
    off = {b: (h, x) for b, h, x in zip(TRICKS, hrefs, landed, strict=True)
           if x != "pantau.local"}
    assert not off, off


def _lang_href(node):
    if isinstance(node, dict):
        props = node.get("props") if isinstance(node.get("props"), dict) else {}
        if props.get("id") == "nav-lang":
            return props.get("href")
        for v in node.values():
            found = _lang_href(v)
            if found is not None:
                return found
    if isinstance(node, list):
        for v in node:
            found = _lang_href(v)
            if found is not None:
                return found
    return None
