"""Every page, for every role, runs under AppTest and shows what that role may see — and nothing more.

One small demo database is built for the module (`SMQSE_DB` points at it). Expected content is computed
from the database itself (scope_for + the indicator table), so the tests follow the demo's data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from smqse import db
from smqse.analysis.kpi import shift_month
from smqse.i18n import format_month
from smqse.model import Role
from smqse.scope import get_user, scope_for
from tests.ui.helpers import rendered

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["pages/scorecard.py", "pages/indicators.py"]
ROLES = ["director", "qse_lead", "pilot", "viewer"]
NOBODY = "u-test-nobody"
DIRECTOR_EMAIL = "direction@test.example"
TIMEOUT = 60
TF1_DEFINITION = {
    "fr": "Accidents avec arrêt par million d'heures travaillées.",
    "en": "Lost-time accidents per million hours worked.",
}


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """Build the small demo, note who sees which indicators, point the app at it."""
    from smqse.demo import DemoSize, build_demo

    path = tmp_path_factory.mktemp("ui") / "demo.duckdb"
    con = db.connect(path)
    build_demo(con, DemoSize.small())
    cur = con.cursor()
    # A user with no scope at all (deny by default), and an e-mail for the OIDC tests.
    cur.execute("INSERT INTO app_user (user_id, display_name, role) VALUES ($u, 'Sans périmètre', 'viewer')",
                {"u": NOBODY})  # fmt: skip
    users = {
        r[0]: (r[1], r[2]) for r in cur.execute("SELECT user_id, role, display_name FROM app_user").fetchall()
    }
    director = "u-dg" if "u-dg" in users else next(u for u, (role, _) in users.items() if role == "director")
    cur.execute("UPDATE app_user SET email = $e WHERE user_id = $u", {"e": DIRECTOR_EMAIL, "u": director})
    pilot_of_production = cur.execute(
        "SELECT pilot_user_id FROM process WHERE process_id = 'P-PRO' AND pilot_user_id IS NOT NULL"
    ).fetchall()
    pilot = pilot_of_production[0][0] if pilot_of_production else next(
        u for u, (role, _) in users.items() if role == "pilot"
    )  # fmt: skip
    by_role = {
        "director": director,
        "qse_lead": "u-qse" if "u-qse" in users else next(u for u, (r, _) in users.items() if r == "qse_lead"),
        "pilot": pilot,
        "viewer": "u-cse" if "u-cse" in users else next(
            u for u, (r, _) in users.items() if r == "viewer" and u != NOBODY
        ),
    }  # fmt: skip
    indicators = cur.execute("SELECT indicator_id, process_id FROM indicator").fetchall()
    sites = [r[0] for r in cur.execute("SELECT site_id FROM site ORDER BY site_id").fetchall()]
    site_names = dict(cur.execute("SELECT site_id, name FROM site").fetchall())
    definitions = {
        r[0]: {"fr": r[1], "en": r[2]}
        for r in cur.execute("SELECT indicator_id, definition, definition_en FROM indicator").fetchall()
    }
    expected = {}
    for role, user_id in by_role.items():
        scope = scope_for(get_user(user_id, con), con)
        expected[role] = {i for i, p in indicators if p in scope.process_ids}
        assert expected[role], f"the demo gives {user_id} ({role}) no indicator"
    process_of = dict(indicators)
    cur.close()
    con.execute("CHECKPOINT")
    con.close()

    previous = os.environ.get("SMQSE_DB")
    os.environ["SMQSE_DB"] = str(path)
    db.close_shared_connections()
    yield {
        "path": path,
        "users": by_role,
        "roles": {u: Role(users[u][0]) for u in by_role.values()},
        "expected": expected,
        "all_indicators": set(process_of),
        "process_of": process_of,
        "sites": sites,
        "site_names": site_names,
        "definitions": definitions,
    }
    db.close_shared_connections()
    if previous is None:
        os.environ.pop("SMQSE_DB", None)
    else:
        os.environ["SMQSE_DB"] = previous


def _app(org, *, user: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if user:
        at.query_params["user"] = user
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _table(at: AppTest, column: str):
    """The page's main table: the dataframe that has `column` (scorecard: trend; catalogue: formula)."""
    tables = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(tables) == 1, [list(d.value.columns) for d in at.dataframe]
    return tables[0]


def _scorecard_ids(at: AppTest) -> set[str]:
    return set(_table(at, "trend")["indicator_id"])


def _catalogue_ids(at: AppTest) -> set[str]:
    return set(_table(at, "formula")["indicator_id"])


# --- every role × every page --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_page_runs_and_shows_the_role_scope(org, role):
    user = org["users"][role]
    expected = org["expected"][role]
    at = _app(org, user=user).run()
    _no_exception(at)
    if role == "pilot":  # a pilot lands on "My indicators" (tests/ui/test_my_indicators_page.py)
        assert at.title[0].value == "Mes indicateurs"
        at.switch_page("pages/scorecard.py").run()
        _no_exception(at)
    assert at.title[0].value == "Tableau de bord QSE"
    assert _scorecard_ids(at) == expected
    # Headline tiles: word + icon for each status. The label is the plain word, no Markdown (a screen reader
    # reads it raw in the help icon's name), the icon a Material symbol (never a colour emoji).
    tiles = {m.label: m.proto.icon for m in at.metric}
    assert {k: tiles.get(k) for k in ("Atteint", "À surveiller", "Non atteint", "Sans objectif")} == {
        "Atteint": ":material/check_circle:",
        "À surveiller": ":material/warning:",
        "Non atteint": ":material/cancel:",
        "Sans objectif": ":material/remove:",
    }
    assert at.session_state["smqse_user_id"] == user

    at.switch_page("pages/indicators.py").run()
    _no_exception(at)
    assert at.title[0].value == "Catalogue des indicateurs"
    assert _catalogue_ids(at) == expected
    # app.py ran around the page (identity and scope in the sidebar) and the view survived the switch.
    assert at.sidebar.selectbox(key="smqse_view_as").value == user
    assert at.session_state["smqse_user_id"] == user

    at.switch_page("pages/scorecard.py").run()
    _no_exception(at)
    assert _scorecard_ids(at) == expected


def test_director_sees_everything_and_a_pilot_only_their_processes(org):
    assert org["expected"]["director"] == org["all_indicators"]
    pilot_ids = org["expected"]["pilot"]
    assert pilot_ids < org["all_indicators"]
    hidden = org["all_indicators"] - pilot_ids
    at = _app(org, user=org["users"]["pilot"]).run()
    shown = _scorecard_ids(at)
    assert not shown & hidden
    if "S-TF1" in org["process_of"] and "S-TF1" not in pilot_ids:
        assert "S-TF1" not in shown


def test_the_view_as_selector_switches_user_and_scope(org):
    at = _app(org).run()
    _no_exception(at)
    selector = at.sidebar.selectbox(key="smqse_view_as")
    assert selector.label == "Voir en tant que"
    assert selector.value == org["users"]["director"]  # the first user by default
    selector.set_value(org["users"]["pilot"]).run()
    _no_exception(at)
    assert _scorecard_ids(at) == org["expected"]["pilot"]
    assert at.query_params["user"] in (org["users"]["pilot"], [org["users"]["pilot"]])


def test_english_shows_english_labels(org):
    at = _app(org, user=org["users"]["director"], lang="en").run()
    _no_exception(at)
    assert at.title[0].value == "QSE scorecard"
    labels = " ".join(m.label for m in at.metric)
    assert {"Met", "Missed"} <= {m.label for m in at.metric} and "Atteint" not in labels
    statuses = set(_table(at, "trend")["status"])
    assert all(
        s.split(" ", 1)[1] in {"Met", "At risk", "Missed", "No objective", "No data"} for s in statuses
    )
    assert at.sidebar.selectbox(key="smqse_view_as").label == "View as"
    at.switch_page("pages/indicators.py").run()
    _no_exception(at)
    assert at.title[0].value == "Indicator catalogue"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_catalogue_shows_definitions_in_the_chosen_language(org, lang):
    indicator = "S-TF1" if "S-TF1" in org["definitions"] else sorted(org["definitions"])[0]
    wanted = org["definitions"][indicator][lang]
    other = org["definitions"][indicator]["en" if lang == "fr" else "fr"]
    assert wanted and other and wanted != other
    if indicator == "S-TF1":
        assert wanted == TF1_DEFINITION[lang]
    at = _app(org, user=org["users"]["director"], lang=lang).run()
    at.switch_page("pages/indicators.py").run()
    _no_exception(at)
    table = _table(at, "formula")
    shown = dict(zip(table["indicator_id"], table["definition"], strict=True))
    assert shown[indicator] == wanted
    assert all(shown[i] == org["definitions"][i][lang] for i in shown)
    # The indicator card shows it too.
    at.selectbox(key="catalogue_card").set_value(indicator).run()
    _no_exception(at)
    card = " ".join(rendered(m.value) for m in at.markdown)
    assert wanted in card and other not in card


def test_a_definition_missing_in_one_language_falls_back_to_the_other():
    from smqse.words.indicators import definition_text

    both = {"definition": "Accidents avec arrêt", "definition_en": "Lost-time accidents"}
    assert definition_text(both, "fr") == "Accidents avec arrêt"
    assert definition_text(both, "en") == "Lost-time accidents"
    assert definition_text({"definition": "Accidents avec arrêt", "definition_en": None}, "en") == (
        "Accidents avec arrêt"
    )
    assert definition_text({"definition": None, "definition_en": "Lost-time accidents"}, "fr") == (
        "Lost-time accidents"
    )
    assert definition_text({"definition": None, "definition_en": None}, "en") == "—"


def test_a_query_param_outside_the_scope_is_ignored(org):
    pilot = org["users"]["pilot"]
    pilot_ids = org["expected"]["pilot"]
    outside = sorted({org["process_of"][i] for i in org["all_indicators"] - pilot_ids})
    at = _app(org, user=pilot, process=outside, site="NOWHERE", domain="X").run()
    _no_exception(at)
    assert _scorecard_ids(at) == pilot_ids
    assert at.session_state["smqse_processes"] == []
    for key in ("process", "site", "domain"):
        assert key not in at.query_params


def test_a_query_param_inside_the_scope_narrows_the_view(org):
    site = org["sites"][0]
    at = _app(org, user=org["users"]["director"], site=site, domain="S").run()
    _no_exception(at)
    assert at.session_state["smqse_sites"] == [site]
    assert at.session_state["smqse_domains"] == ["S"]
    assert org["site_names"][site].split(" (")[0] in at.markdown[0].value
    shown = _scorecard_ids(at)
    assert shown and all(i in org["all_indicators"] for i in shown)
    assert at.query_params["site"] in (site, [site])


def test_as_of_month_from_the_link(org):
    director = org["users"]["director"]
    latest = _app(org, user=director).run().session_state["smqse_as_of"]
    earlier = shift_month(latest, -2)
    at = _app(org, user=director, as_of=f"{earlier:%Y-%m}").run()
    _no_exception(at)
    assert at.session_state["smqse_as_of"] == earlier
    assert any(format_month(earlier, "fr") in m.value for m in at.markdown)
    assert at.query_params["as_of"] in (f"{earlier:%Y-%m}", [f"{earlier:%Y-%m}"])
    unknown = _app(org, user=director, as_of="1999-01").run()
    _no_exception(unknown)
    assert unknown.session_state["smqse_as_of"] == latest
    assert "as_of" not in unknown.query_params


def test_an_empty_scope_gives_a_message_not_an_error(org):
    at = _app(org, user=NOBODY).run()
    _no_exception(at)
    assert any("Aucun indicateur à afficher" in i.value for i in at.info)
    assert not at.dataframe
    at.switch_page("pages/indicators.py").run()
    _no_exception(at)
    assert any("Aucun indicateur à afficher" in i.value for i in at.info)


def test_indicator_detail_and_catalogue_search(org):
    at = _app(org, user=org["users"]["director"]).run()
    detail = at.selectbox(key="scorecard_detail")
    for indicator in list(detail.options)[:3]:
        detail.set_value(indicator.split(" — ")[0]).run()
        _no_exception(at)
    assert any("Signal ou bruit" in m.value for m in at.markdown)
    at.switch_page("pages/indicators.py").run()
    some_id = sorted(org["expected"]["director"])[0]
    at.text_input(key="catalogue_search").input(some_id).run()
    _no_exception(at)
    assert some_id in _catalogue_ids(at)
    at.text_input(key="catalogue_search").input("zzz-no-such-indicator").run()
    _no_exception(at)
    assert _catalogue_ids(at) == set()


def test_scorecard_table_filters(org):
    at = _app(org, user=org["users"]["director"]).run()
    at.toggle(key="scorecard_attention").set_value(True).run()
    _no_exception(at)
    statuses = set(_table(at, "trend")["status"])
    signals = list(_table(at, "trend")["signal"])
    assert all(("Non atteint" in s or "À surveiller" in s) for s in statuses) or any(
        "Signal" in s for s in signals
    )
    at.segmented_control(key="scorecard_order").set_value("domain").run()
    _no_exception(at)


# --- OpenID Connect mode ------------------------------------------------------------------------------

AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-secret-of-at-least-32-characters",
        "client_id": "smqse",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
}


def test_auth_mode_asks_to_sign_in(org):
    at = _app(org)
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": False}
    at.run()
    _no_exception(at)
    assert any(b.label == "Se connecter" for b in at.button)
    assert not at.dataframe


def test_auth_mode_matches_the_email_and_hides_the_selector(org):
    at = _app(org, user=org["users"]["pilot"])  # a `user` parameter must not matter when signed in
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": True, "email": DIRECTOR_EMAIL.upper(), "email_verified": True}
    at.run()
    _no_exception(at)
    assert not [s for s in at.sidebar.selectbox if s.key == "smqse_view_as"]
    assert _scorecard_ids(at) == org["expected"]["director"]
    assert "user" not in at.query_params


def test_auth_mode_refuses_an_unknown_email(org):
    at = _app(org)
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": True, "email": "stranger@elsewhere.example", "email_verified": True}
    at.run()
    _no_exception(at)
    assert any("stranger@elsewhere.example" in rendered(e.value) for e in at.error)
    assert not at.dataframe


# --- first start --------------------------------------------------------------------------------------


def test_bootstrap_builds_a_missing_database_once_and_atomically(tmp_path, monkeypatch):
    import smqse.demo.database
    from smqse.ui.bootstrap import ensure_demo_database

    calls = []

    def tiny_demo(con, size=None):
        calls.append(size)
        con.execute("INSERT INTO site VALUES ('X', 'Site X', 'FR', 10)")

    monkeypatch.setattr(smqse.demo.database, "build_demo", tiny_demo)
    path = tmp_path / "new" / "smqse.duckdb"
    assert ensure_demo_database(path) == path
    assert path.exists()
    assert not list(path.parent.glob("*.tmp*"))
    con = db.connect(path, read_only=True)
    assert con.execute("SELECT count(*) FROM site").fetchone()[0] == 1
    con.close()
    ensure_demo_database(path)  # already there: nothing rebuilt
    assert len(calls) == 1


def test_sidebar_choices_survive_reruns_and_page_switches(org):
    pilot = org["users"]["pilot"]
    at = _app(org).run()
    at.sidebar.selectbox(key="smqse_view_as").set_value(pilot).run()
    site = org["sites"][-1]
    at.sidebar.multiselect(key="smqse_sites").set_value([site]).run()
    at.sidebar.segmented_control(key="smqse_lang").set_value("en").run()
    _no_exception(at)
    for page in ["pages/indicators.py", "pages/scorecard.py", "pages/indicators.py"]:
        at.switch_page(page).run()
        _no_exception(at)
        assert at.sidebar.selectbox(key="smqse_view_as").value == pilot
        assert at.sidebar.multiselect(key="smqse_sites").value == [site]
        assert at.session_state["smqse_lang"] == "en"
    assert _catalogue_ids(at) == org["expected"]["pilot"]
    assert at.title[0].value == "Indicator catalogue"
    qp = at.query_params
    assert qp["user"] in (pilot, [pilot]) and qp["site"] in (site, [site]) and qp["lang"] in ("en", ["en"])


def test_domains_offered_are_those_of_the_scope(org):
    pilot = org["users"]["pilot"]
    at = _app(org, user=pilot).run()
    _no_exception(at)
    pills = [w for w in at.sidebar.get("button_group") if w.key == "smqse_domains"]
    assert len(pills) == 1
    offered = {option.content if hasattr(option, "content") else option for option in pills[0].options}
    cur = db.shared_connection(org["path"]).cursor()
    ids = sorted(org["expected"]["pilot"])
    domains = cur.execute("SELECT DISTINCT domain FROM indicator WHERE list_contains(?, indicator_id)", [ids])
    assert len(offered) == len(domains.fetchall()) < 3
