"""Issue 12: no saved row is silently left out of an aggregate. A stored ratio row without numerator or
denominator (legacy data, a direct write) cannot take part in Σ numerator / Σ denominator: kpi counts it per
indicator, and the scorecard, drift, trends and the review pack carry the count and the sites. A ratio allowed
a value alone aggregates as the unweighted mean of its values, and says so. Complete data: nothing changes."""

from __future__ import annotations

from datetime import date

import pytest

from smqse.aggregation_notes import describe_aggregation_notes
from smqse.review.content import PackOptions, build_review_pack
from smqse.scope import get_user, scope_for
from smqse.views import trends
from smqse.views.drift import load_drift
from smqse.views.scorecard import load_scorecard

AS_OF = date(2026, 10, 1)  # the small demo's last month; sites LYON and ROUEN
INDICATOR = "Q-FPY"  # first pass yield: good parts / parts started × 100


def _scope(con, user_id="u-dg"):
    return scope_for(get_user(user_id, con), con)


def _store_value_alone(con, site: str, value: float, *, numerator: float | None = None) -> None:
    """A new current version of (INDICATOR, site, AS_OF) without its denominator, written past the import
    (as legacy data or a direct write would be)."""
    con.execute(
        "INSERT INTO measurement (indicator_id, site_id, period, value, numerator, denominator, version) "
        "SELECT indicator_id, site_id, period, $value, $numerator, NULL, max(version) + 1 FROM measurement "
        "WHERE indicator_id = $i AND site_id = $s AND period = $p GROUP BY ALL",
        {"value": value, "numerator": numerator, "i": INDICATOR, "s": site, "p": AS_OF},
    )


def _counts(con, site: str, month: date = AS_OF) -> tuple[float, float]:
    return con.execute(
        "SELECT numerator, denominator FROM measurement_current WHERE indicator_id = $i AND site_id = $s "
        "AND period = $p",
        {"i": INDICATOR, "s": site, "p": month},
    ).fetchone()


def test_complete_demo_data_leaves_nothing_out(demo_con):
    scope = _scope(demo_con)
    assert load_scorecard(scope, AS_OF, demo_con).left_out.is_empty()
    assert load_drift(scope, AS_OF, demo_con).left_out.is_empty()
    assert trends.load_trend_data(scope, INDICATOR, AS_OF, demo_con).left_out.is_empty()


@pytest.mark.parametrize("numerator", [None, 5.0], ids=["value_alone", "numerator_without_denominator"])
def test_a_stored_ratio_row_without_denominator_is_counted_and_not_used(demo_write_con, numerator):
    con = demo_write_con
    rouen_num, rouen_den = _counts(con, "ROUEN")
    _store_value_alone(con, "LYON", 92.0, numerator=numerator)
    scope = _scope(con)

    card = load_scorecard(scope, AS_OF, con)
    assert card.left_out.rows() == [(INDICATOR, 1, ["LYON"])]
    latest = card.rows.filter(card.rows["indicator_id"] == INDICATOR)["latest_value"].item()
    # The group figure is ROUEN's alone (a numerator without its denominator does not inflate Σ numerator)…
    assert latest == pytest.approx(rouen_num / rouen_den * 100)
    # …and the scorecard, drift, trends and the pack say so.
    assert load_drift(scope, AS_OF, con).left_out.rows() == [(INDICATOR, 1, ["LYON"])]
    trend = trends.load_trend_data(scope, INDICATOR, AS_OF, con)
    assert trend.left_out.rows() == [(INDICATOR, 1, ["LYON"])]
    combined = trend.combined.filter(trend.combined["period_month"] == AS_OF)["value"].item()
    assert combined == pytest.approx(latest)
    for lang, words in (("fr", "1 valeur sans dénominateur non comptée (sites LYON)"),
                        ("en", "1 value without a denominator not counted (sites LYON)")):  # fmt: skip
        [note] = describe_aggregation_notes(card.rows, card.left_out, lang)
        assert note.kind == "left_out" and words in note.text and INDICATOR in note.text
    user = get_user("u-qse", con)
    pack = build_review_pack(con, _scope(con, "u-qse"), user, PackOptions(AS_OF, lang="fr"))
    findings = [f for item in pack.items for f in item.findings]
    assert any("sans dénominateur non comptée (sites LYON)" in f and INDICATOR in f for f in findings)


def test_a_row_left_out_earlier_in_the_year_is_still_said_at_the_as_of_month(demo_write_con):
    con = demo_write_con
    con.execute(
        "UPDATE measurement SET denominator = NULL WHERE indicator_id = $i AND site_id = 'ROUEN' "
        "AND period = DATE '2026-03-01'",
        {"i": INDICATOR},
    )
    card = load_scorecard(_scope(con), AS_OF, con)  # the year-to-date figure runs over March
    assert card.left_out.rows() == [(INDICATOR, 1, ["ROUEN"])]


def test_a_ratio_allowed_a_value_alone_aggregates_as_the_mean_of_values_and_says_so(demo_write_con):
    con = demo_write_con
    con.execute("UPDATE indicator SET value_only_rule = 'mean_of_values' WHERE indicator_id = $i",
                {"i": INDICATOR})  # fmt: skip
    _store_value_alone(con, "LYON", 92.0)
    rouen = con.execute(
        "SELECT value FROM measurement_current WHERE indicator_id = $i AND site_id = 'ROUEN' AND period = $p",
        {"i": INDICATOR, "p": AS_OF},
    ).fetchone()[0]
    scope = _scope(con)
    card = load_scorecard(scope, AS_OF, con)
    assert card.left_out.is_empty()  # nothing is left out: every value takes part
    row = card.rows.filter(card.rows["indicator_id"] == INDICATOR).row(0, named=True)
    assert row["latest_value"] == pytest.approx((92.0 + rouen) / 2)  # unweighted, whatever the volumes
    monthly = con.execute(
        "SELECT period, avg(value) FROM measurement_current WHERE indicator_id = $i "
        "AND period BETWEEN DATE '2026-01-01' AND $p GROUP BY period",
        {"i": INDICATOR, "p": AS_OF},
    ).fetchall()
    assert row["ytd_value"] == pytest.approx(sum(v for _, v in monthly) / len(monthly))
    trend = trends.load_trend_data(scope, INDICATOR, AS_OF, con)
    combined = trend.combined.filter(trend.combined["period_month"] == AS_OF)["value"].item()
    assert combined == pytest.approx(row["latest_value"])
    notes = describe_aggregation_notes(card.rows, card.left_out, "fr")
    assert [(n.kind, n.indicator_id) for n in notes] == [("mean_of_values", INDICATOR)]
    assert "moyenne simple des valeurs : pas de dénominateur" in notes[0].text
    english = describe_aggregation_notes(card.rows, card.left_out, "en")
    assert "simple mean of values: no denominator" in english[0].text
