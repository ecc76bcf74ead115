"""A month's completeness against a hand count, its state, closing, corrections after closing, the CLI."""

from __future__ import annotations

import json
from datetime import date, datetime

import polars as pl
import pytest

from smqse import cli
from smqse.analysis import kpi
from smqse.month_state import (
    close_month,
    completeness_threshold,
    compute_month_state,
    load_corrections_after_close,
)
from smqse.scope import get_user, scope_for
from smqse.views.scorecard import default_as_of

OCTOBER, SEPTEMBER = date(2026, 10, 1), date(2026, 9, 1)


def _hand_count(con, scope, month: date) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """Expected: every monthly (indicator, site) in scope with a value in the 12 months before; in: those
    with a value (or numerator) for the month. Counted in Polars from the raw tables."""
    cur = con.cursor()
    indicators = cur.sql("SELECT indicator_id, process_id, domain, frequency FROM indicator").pl()
    measurements = cur.sql("SELECT indicator_id, site_id, period, value, numerator FROM measurement").pl()
    scoped = indicators.filter(
        pl.col("process_id").is_in(scope.process_ids)
        & pl.col("domain").is_in(scope.domains)
        & (pl.col("frequency") == "monthly")
    )
    rows = measurements.join(scoped, on="indicator_id").filter(pl.col("site_id").is_in(scope.site_ids))
    history = rows.filter((pl.col("period") >= kpi.shift_month(month, -12)) & (pl.col("period") < month))
    expected = history.select("indicator_id", "site_id").unique()
    present = (
        rows.filter(
            (pl.col("period") == month) & (pl.col("value").is_not_null() | pl.col("numerator").is_not_null())
        )
        .select("indicator_id", "site_id")
        .unique()
    )
    found = expected.join(present, on=["indicator_id", "site_id"], how="semi")
    by_site = {
        site: (
            found.filter(pl.col("site_id") == site).height,
            expected.filter(pl.col("site_id") == site).height,
        )
        for site in expected["site_id"].unique()
    }
    return found.height, expected.height, by_site


def _keep_one_site_in_october(con, kept: str = "LYON") -> None:
    """Only one site's October values in (like the issue's November): a provisional month."""
    con.execute(
        "DELETE FROM measurement WHERE period = DATE '2026-10-01' AND site_id <> $kept", {"kept": kept}
    )


def test_a_complete_month_matches_the_hand_count(demo_con):
    scope = scope_for(get_user("u-qse", demo_con), demo_con)
    values_in, expected, by_site = _hand_count(demo_con, scope, OCTOBER)
    state = compute_month_state(demo_con, scope, OCTOBER)
    assert (state.values_in, state.values_expected) == (values_in, expected)
    assert expected > 50 and state.state == "complete"
    assert {
        r["site_id"]: (r["values_in"], r["values_expected"]) for r in state.by_site.iter_rows(named=True)
    } == by_site
    assert state.by_process["values_expected"].sum() == expected


def test_a_pilot_counts_only_their_scope(demo_con):
    pilot = get_user("u-prod", demo_con)
    scope = scope_for(pilot, demo_con)
    values_in, expected, _ = _hand_count(demo_con, scope, SEPTEMBER)
    state = compute_month_state(demo_con, scope, SEPTEMBER)
    assert (state.values_in, state.values_expected) == (values_in, expected)
    assert set(state.by_process["process_id"]) <= set(scope.process_ids)


def test_a_month_with_one_site_in_is_provisional_and_not_the_default(demo_write_con):
    con = demo_write_con
    scope = scope_for(get_user("u-qse", con), con)
    assert len(scope.site_ids) >= 2
    _keep_one_site_in_october(con)
    values_in, expected, by_site = _hand_count(con, scope, OCTOBER)
    state = compute_month_state(con, scope, OCTOBER)
    assert (state.values_in, state.values_expected) == (values_in, expected)
    assert values_in == by_site["LYON"][0] > 0
    assert all(found == 0 < owed for site, (found, owed) in by_site.items() if site != "LYON")
    assert state.state == "provisional" and state.is_provisional
    assert default_as_of(scope, con) == SEPTEMBER  # the view opens on the last complete month


def test_the_threshold_decides_and_is_configurable(demo_write_con, monkeypatch):
    con = demo_write_con
    scope = scope_for(get_user("u-qse", con), con)
    _keep_one_site_in_october(con)
    share = compute_month_state(con, scope, OCTOBER).ratio
    assert 0 < share < 0.9 and compute_month_state(con, scope, OCTOBER).state == "provisional"
    monkeypatch.setenv("SMQSE_COMPLETE_THRESHOLD", str(share))
    assert completeness_threshold() == share
    assert compute_month_state(con, scope, OCTOBER).state == "complete"
    assert default_as_of(scope, con) == OCTOBER


@pytest.mark.parametrize("bad", ["abc", "0", "1.5", "90", "-0.2", "nan"])
def test_a_bad_threshold_is_an_error_not_a_default(monkeypatch, bad):
    monkeypatch.setenv("SMQSE_COMPLETE_THRESHOLD", bad)
    with pytest.raises(ValueError, match="SMQSE_COMPLETE_THRESHOLD"):
        completeness_threshold()


def test_closing_refused_for_a_pilot_then_done_once_by_the_qse_lead(demo_write_con):
    con = demo_write_con
    scope = scope_for(get_user("u-qse", con), con)
    with pytest.raises(PermissionError, match="responsable QSE"):
        close_month(con, get_user("u-prod", con), OCTOBER, lang="fr")
    assert compute_month_state(con, scope, OCTOBER).state == "complete"

    at = datetime(2026, 11, 12, 9, 0)
    first = close_month(con, get_user("u-qse", con), OCTOBER, lang="en", note="review of November", at=at)
    assert first.closed_now and "closed" in first.message
    state = compute_month_state(con, scope, OCTOBER)
    assert (state.state, state.closed_at, state.closed_by) == ("closed", at, "u-qse")
    again = close_month(con, get_user("u-dg", con), OCTOBER, lang="en", at=datetime(2026, 11, 13))
    assert not again.closed_now and "already closed" in again.message
    # Month and moment in words, as the language writes them (not "2026-10", "2026-11-12 09:00").
    assert first.message == "Month October 2026 closed."
    assert "on 12 November 2026, 09:00" in again.message.replace("\\", "")  # Markdown escapes off
    in_french = close_month(con, get_user("u-dg", con), OCTOBER, lang="fr", at=datetime(2026, 11, 13))
    assert "Le mois octobre 2026 est déjà clôturé" in in_french.message
    assert "le 12 novembre 2026, 09:00" in in_french.message.replace("\\", "")
    assert compute_month_state(con, scope, OCTOBER).closed_by == "u-qse"
    cur = con.cursor()
    assert cur.execute("SELECT count(*) FROM month_close").fetchall() == [(1,)]
    logged = cur.execute(
        "SELECT changed_by, row_key, reason FROM change_log WHERE table_name = 'month_close'"
    )
    assert logged.fetchall() == [("u-qse", "2026-10", "review of November")]


def test_the_database_refuses_a_second_close_row(demo_write_con):
    import duckdb

    con = demo_write_con
    close_month(con, get_user("u-qse", con), OCTOBER, lang="fr", at=datetime(2026, 11, 12, 9, 0))
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO month_close VALUES (DATE '2026-10-01', 'u-dg', now(), NULL)")


def test_corrections_after_closing_are_listed_with_who_when_why(demo_write_con):
    from smqse.ingest import import_frame

    con = demo_write_con
    lead = get_user("u-qse", con)
    scope = scope_for(lead, con)
    close_month(con, lead, OCTOBER, lang="fr", at=datetime(2026, 11, 12, 9, 0))
    assert load_corrections_after_close(con, scope, compute_month_state(con, scope, OCTOBER)).is_empty()
    stored = (
        con.cursor()
        .execute(
            "SELECT value FROM measurement_current WHERE indicator_id = 'Q-NC-INT' AND site_id = 'LYON' "
            "AND period = DATE '2026-09-01'"
        )
        .fetchall()[0][0]
    )
    frame = pl.DataFrame(
        {"indicator_id": ["Q-NC-INT"], "site_id": ["LYON"], "period": [SEPTEMBER], "value": [stored + 1],
         "numerator": [None], "denominator": [None], "comment": [None]},
        schema_overrides={"numerator": pl.Float64, "denominator": pl.Float64, "comment": pl.Utf8},
    )  # fmt: skip
    result = import_frame(
        con,
        frame,
        user=lead,
        kind="measurements",
        file_name="entry",
        lang="fr",
        source="entry",
        reason="two NC sheets found late",
    )
    assert result.written, result.problems
    corrections = load_corrections_after_close(con, scope, compute_month_state(con, scope, OCTOBER))
    assert corrections.height == 1
    row = corrections.row(0, named=True)
    assert (row["indicator_id"], row["site_id"], row["period_month"]) == ("Q-NC-INT", "LYON", SEPTEMBER)
    assert (row["entered_by"], row["reason"]) == ("u-qse", "two NC sheets found late")
    assert row["version"] == 2


def test_cli_status_text_and_json(demo_copy, capsys):
    assert cli.main(["--db", str(demo_copy), "status", "--as-of", "2026-10", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["month"] == "2026-10" and payload["state"] == "complete"
    assert payload["values_in"] == payload["values_expected"] > 0

    assert cli.main(["--db", str(demo_copy), "status", "--as-of", "2026-10", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"2026-10: {payload['values_in']}/{payload['values_expected']} values")
    assert "complete" in text and "site " in text

    pilot = ["--db", str(demo_copy), "status", "--as-of", "2026-10", "--user", "u-prod", "--json"]
    assert cli.main(pilot) == 0
    assert json.loads(capsys.readouterr().out)["values_expected"] < payload["values_expected"]


def test_cli_status_on_a_provisional_month_and_an_unknown_user(demo_copy, capsys):
    from smqse import db

    con = db.connect(demo_copy)
    _keep_one_site_in_october(con)
    con.close()
    assert cli.main(["--db", str(demo_copy), "status", "--as-of", "2026-10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "provisional"
    with pytest.raises(SystemExit, match="unknown user"):
        cli.main(["--db", str(demo_copy), "status", "--as-of", "2026-10", "--user", "nobody"])
