"""A real OpenID Connect sign-in, end to end: a local provider (oidc-provider-mock on 127.0.0.1:8612), the
app served by `python -m smqse.ui.serve` on 127.0.0.1:8611 with an [auth] section and a copy of the small
demo, and Debian's Chromium driven by Playwright. A pilot sees their own process and signs out; the
director sees the whole organisation; an address the provider does not say is verified is refused.

The browser may reach 127.0.0.1 only (every other request is aborted: the provider's pages link a CDN
stylesheet). Skipped without Chromium, unless SMQSE_REQUIRE_CHROMIUM is set (CI), where it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from smqse import db
from tests.ui.live_server import (
    HOST,
    WAIT_MS,
    app_environment,
    needs_chromium,
    port_is_free,
    running_app,
    stop,
    wait_for,
)

pytestmark = needs_chromium()

PROVIDER_PORT = 8612
PROVIDER = f"http://{HOST}:{PROVIDER_PORT}"
PILOT = {"sub": "pilot", "email": "marc.lambert@durand-industrie.example", "email_verified": True}
DIRECTOR = {"sub": "director", "email": "Claire.Durand@durand-industrie.example", "email_verified": True}
UNVERIFIED = {"sub": "unverified", "email": "claire.durand@durand-industrie.example", "email_verified": False}


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    assert port_is_free(PROVIDER_PORT), f"port {PROVIDER_PORT} is already in use"
    log = tmp_path_factory.mktemp("provider") / "provider.log"
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", HOST, "--port", str(PROVIDER_PORT)]
    for claims in (PILOT, DIRECTOR, UNVERIFIED):
        command += ["--user-claims", json.dumps(claims)]
    with log.open("w") as out:
        process = subprocess.Popen(command, env=app_environment({}), stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(f"{PROVIDER}/.well-known/openid-configuration", process, log)
        yield PROVIDER
    finally:
        stop(process)


@pytest.fixture(scope="module")
def organisation(demo_db_path, tmp_path_factory):
    """A copy of the small demo (its users have e-mails) and the number of its processes."""
    path = tmp_path_factory.mktemp("oidc-db") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path, read_only=True)
    processes = con.execute("SELECT count(*) FROM process").fetchall()[0][0]
    con.close()
    return path, processes


@pytest.fixture(scope="module")
def app(provider, organisation, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-app")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://{HOST}:8611/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(32).hex()}"\n'
        'client_id = "smqse-test"\n'
        'client_secret = "smqse-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {"SMQSE_DB": str(organisation[0])}  # no SMQSE_DEMO: signed-in mode only
    with running_app(folder, env, "--secrets.files", str(secrets)) as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) that can reach this machine only."""
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(WAIT_MS)

    def loopback_only(route):
        if urlparse(route.request.url).hostname in (HOST, "localhost"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", loopback_only)
    try:
        yield context.new_page()
    finally:
        context.close()


def _sign_in(page, app: str, sub: str) -> None:
    page.goto(app)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(re.escape(PROVIDER) + r"/oauth2/authorize.*"))
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(re.compile(re.escape(app) + r"/.*"))


def _main_text(page) -> str:
    text = page.locator("[data-testid='stMain']").inner_text()
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def _heading(page, text: str):
    return page.get_by_role("heading", name=text, exact=True)  # not "Tous mes indicateurs" too


def test_a_pilot_signs_in_sees_only_their_process_and_signs_out(app, page):
    from playwright.sync_api import expect

    _sign_in(page, app, "pilot")
    expect(_heading(page, "Mes indicateurs")).to_be_visible()
    expect(page.get_by_text("Marc Lambert").first).to_be_visible()
    main = _main_text(page)
    assert "Processus : Production" in main
    assert "processus de votre périmètre" not in main and "Santé, sécurité et environnement" not in main
    assert not page.get_by_text("Voir en tant que").count()  # no demo selector when signed in

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(re.compile(re.escape(PROVIDER) + r"/oauth2/end_session.*"))
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    page.goto(app)  # signed out for good: a new visit asks to sign in again
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    assert "Marc Lambert" not in page.content()


def test_the_director_signs_in_and_sees_the_whole_organisation(app, page, organisation):
    from playwright.sync_api import expect

    _sign_in(page, app, "director")  # the e-mail is matched without regard to case
    expect(_heading(page, "Tableau de bord QSE")).to_be_visible()
    expect(page.get_by_text(f"les {organisation[1]} processus de votre périmètre")).to_be_visible()
    expect(page.get_by_text("Claire Durand").first).to_be_visible()


def test_an_address_the_provider_does_not_verify_is_refused(app, page):
    from playwright.sync_api import expect

    _sign_in(page, app, "unverified")
    expect(page.get_by_text("Connexion refusée")).to_be_visible()
    assert "claire.durand@durand-industrie.example" in _main_text(page)
    assert not _heading(page, "Tableau de bord QSE").count()
    assert not _heading(page, "Mes indicateurs").count()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
