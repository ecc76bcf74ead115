"""A user's e-mail settings (smqse.views.account): the address check, and who may read or write whose
settings, held by the queries themselves (a page that forgot to check would still write nothing)."""

from __future__ import annotations

import pytest

from smqse import db
from smqse.scope import get_user
from smqse.views import account as settings


@pytest.mark.parametrize(
    "typed",
    [
        "claire.durand@durand-industrie.example",
        "  k.benali+qse@mail.durand-industrie.example ",
        "o'neil@example.co.uk",
        "x-1@a-b.fr",
    ],
)
def test_a_plain_address_is_accepted_trimmed(typed):
    assert settings.validate_email(typed) == typed.strip()


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_an_empty_field_means_no_address(typed):
    assert settings.validate_email(typed) is None


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("marc", "invalid"),
        ("marc@", "invalid"),
        ("@durand.fr", "invalid"),
        ("marc lambert@durand.fr", "invalid"),
        ("marc..lambert@durand.fr", "invalid"),
        ("a@b@c.fr", "invalid"),
        ("marc(comment)@durand.fr", "invalid"),
        ('"marc lambert"@durand.fr', "invalid"),
        ("a@b.fr, c@d.fr", "several"),
        ("a@b.fr; c@d.fr", "several"),
        ("Marc <marc@durand.fr>", "several"),
        ("<marc@durand.fr>", "several"),
        ("élodie@durand.fr", "not_ascii"),
        ("marc@localhost", "domain"),
        ("marc@[10.0.0.1]", "domain"),
        ("marc@-durand.fr", "domain"),
        ("marc@durand_industrie.fr", "domain"),
        ("a" * 65 + "@durand.fr", "too_long"),
        ("a@" + "b" * 250 + ".fr", "too_long"),
    ],
)
def test_an_invalid_address_is_refused_with_its_reason(typed, reason):
    with pytest.raises(settings.SettingsError) as refused:
        settings.validate_email(typed)
    assert (refused.value.field, refused.value.reason) == ("email", reason)


def test_the_kinds_shown_are_the_roles_and_any_opted_out(demo_con):
    pilot = get_user("u-prod", demo_con)
    assert settings.kinds_for(pilot.role) == (
        "owed_values",
        "unfavourable_indicators",
        "actions_due",
        "objective_alerts",
    )
    assert "monthly_digest" in settings.kinds_for(pilot.role, frozenset({"monthly_digest"}))
    assert settings.kinds_for(get_user("u-cse", demo_con).role) == ()


def test_a_pilot_reads_only_their_own_settings_and_the_qse_lead_anyones(demo_con):
    pilot, lead = get_user("u-prod", demo_con), get_user("u-qse", demo_con)
    assert settings.load_settings(demo_con, pilot, "u-prod").email == "marc.lambert@durand-industrie.example"
    assert settings.load_settings(demo_con, lead, "u-dg").role.value == "director"
    for editor, other in ((pilot, "u-dg"), (get_user("u-dg", demo_con), "u-prod")):
        with pytest.raises(PermissionError):
            settings.load_settings(demo_con, editor, other)


def _state(con, user_id):
    email = con.execute("SELECT email, language FROM app_user WHERE user_id = ?", [user_id]).fetchall()
    kinds = con.execute("SELECT kind FROM notification_optout WHERE user_id = ?", [user_id]).fetchall()
    log = con.execute("SELECT count(*) FROM change_log WHERE table_name = 'app_user'").fetchall()
    return email, kinds, log


def test_a_pilot_cannot_write_anothers_settings_even_through_the_queries(demo_write_con):
    con = demo_write_con
    pilot = get_user("u-prod", con)
    before = _state(con, "u-dg")
    with pytest.raises(PermissionError):
        settings.save_settings(con, pilot, "u-dg", email="x@durand.fr", language="en", opted_out=set())
    # The queries refuse on their own: a page calling them without the check writes nothing either.
    who = {"user_id": "u-dg", "editor_user_id": "u-prod"}
    assert db.run_query("profile_settings", con=con, **who).is_empty()
    assert db.run_query("profile_user_update", con=con, **who, email="x@durand.fr", language="en").is_empty()
    inserted = db.run_query(
        "profile_optout_insert", con=con, **who, kinds=["monthly_digest"], opted_out_at="2026-12-06 09:00"
    )
    assert inserted.is_empty()
    logged = db.run_query(
        "profile_change_log_insert",
        con=con,
        **who,
        changed_at="2026-12-06 09:00",
        before="{}",
        after="{}",
        reason="forged",
    )
    assert logged.is_empty()
    assert _state(con, "u-dg") == before


def test_an_unchanged_save_writes_nothing_and_a_replayed_token_returns_the_first(demo_write_con):
    con = demo_write_con
    pilot = get_user("u-prod", con)
    same = settings.save_settings(
        con, pilot, "u-prod", email="marc.lambert@durand-industrie.example", language="fr", opted_out=set()
    )
    assert not same.changed and _state(con, "u-prod")[2] == [(0,)]
    first = settings.save_settings(
        con, pilot, "u-prod", email="m@durand.fr", language="en", opted_out={"owed_values"}, token="tok-1"
    )
    replay = settings.save_settings(
        con, pilot, "u-prod", email="other@durand.fr", language="fr", opted_out=set(), token="tok-1"
    )
    assert first.changed and replay == first
    assert _state(con, "u-prod") == ([("m@durand.fr", "en")], [("owed_values",)], [(1,)])


def test_an_unknown_language_or_kind_is_refused(demo_write_con):
    pilot = get_user("u-prod", demo_write_con)
    with pytest.raises(settings.SettingsError, match="language"):
        settings.save_settings(demo_write_con, pilot, "u-prod", email=None, language="de", opted_out=set())
    with pytest.raises(settings.SettingsError, match="kinds"):
        settings.save_settings(demo_write_con, pilot, "u-prod", email=None, language="fr", opted_out={"spam"})


def test_what_a_user_saves_is_what_the_e_mails_use(demo_write_con):
    """The loop closed: the address, language and opt-outs saved here are those `smqse notify` sends by."""
    from datetime import date

    from smqse.notify.run import plan

    con, on = demo_write_con, date(2026, 12, 14)
    before = {o.recipient.user_id: o for o in plan(con, on)}
    assert {"owed_values", "actions_due"} <= {r.kind for r in before["u-prod"].reminders}
    settings.save_settings(
        con,
        get_user("u-prod", con),
        "u-prod",
        email="m.lambert@durand-industrie.example",
        language="en",
        opted_out={"actions_due"},
    )
    after = {o.recipient.user_id: o for o in plan(con, on)}["u-prod"]
    assert (after.recipient.email, after.recipient.language) == ("m.lambert@durand-industrie.example", "en")
    assert {r.kind for r in after.reminders} == {r.kind for r in before["u-prod"].reminders} - {"actions_due"}


@pytest.mark.parametrize(
    "typed",
    [
        "claire.durand@durand-industrie.example",
        "k.benali+qse@mail.durand-industrie.example",
        "o'neil@x.co.uk",
    ],
)
def test_an_address_accepted_here_is_one_the_e_mails_go_to(typed):
    from smqse.notify.run import is_valid_address

    assert is_valid_address(settings.validate_email(typed))
