"""Ranking of the attention list on hand-built frames: most urgent first, one card per indicator."""

from datetime import date

import polars as pl

from smqse.analysis.attention import (
    ALL_CLEAR,
    ITEM_SCHEMA,
    MISSING_DATA,
    OBJECTIVE_AT_RISK,
    OBJECTIVE_MISSED,
    SEVERITY,
    STATUS_WORSENED,
    UNFAVOURABLE_SIGNAL,
    compute_attention,
    compute_indicator_items,
    count_items,
    rank_items,
    worsened_expr,
)

AS_OF = date(2026, 10, 1)


def _row(indicator_id: str, status: str, previous: str | None = None, **extra) -> dict:
    row = {
        "indicator_id": indicator_id,
        "name_fr": f"Indicateur {indicator_id}",
        "name_en": f"Indicator {indicator_id}",
        "domain": extra.pop("domain", "Q"),
        "process_id": "P-PRO",
        "status": status,
        "previous_status": previous or status,
        "signal": False,
        "signal_rule": None,
        "signal_period": None,
        "signal_direction": None,
        "signal_favourable": None,
        "latest_period": AS_OF,
    }
    row.update(extra)
    return row


def _rows(*rows: dict) -> pl.DataFrame:
    schema = {
        "indicator_id": pl.String,
        "name_fr": pl.String,
        "name_en": pl.String,
        "domain": pl.String,
        "process_id": pl.String,
        "status": pl.String,
        "previous_status": pl.String,
        "signal": pl.Boolean,
        "signal_rule": pl.Int64,
        "signal_period": pl.Date,
        "signal_direction": pl.String,
        "signal_favourable": pl.Boolean,
        "latest_period": pl.Date,
    }
    return pl.DataFrame(list(rows), schema=schema)


def _missing(*pairs: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "indicator_id": i,
                "name_fr": f"Indicateur {i}",
                "name_en": f"Indicator {i}",
                "domain": "Q",
                "process_id": "P-PRO",
                "site_id": s,
                "site_name": f"Site {s}",
                "pilot_user_id": "u-prod",
                "pilot_name": "Marc",
                "period_month": AS_OF,
                "last_period": date(2026, 9, 1),
                "months_reported": 12,
            }
            for i, s in pairs
        ],
        schema={
            "indicator_id": pl.String,
            "name_fr": pl.String,
            "name_en": pl.String,
            "domain": pl.String,
            "process_id": pl.String,
            "site_id": pl.String,
            "site_name": pl.String,
            "pilot_user_id": pl.String,
            "pilot_name": pl.String,
            "period_month": pl.Date,
            "last_period": pl.Date,
            "months_reported": pl.Int64,
        },
    )


def _signal(favourable: bool | None, period: date = date(2026, 9, 1)) -> dict:
    return {
        "signal": True,
        "signal_rule": 1,
        "signal_period": period,
        "signal_direction": "up",
        "signal_favourable": favourable,
    }


def test_the_order_is_missing_missed_signal_at_risk_worsened():
    assert [k for k, _ in sorted(SEVERITY.items(), key=lambda kv: kv[1])] == [
        MISSING_DATA,
        OBJECTIVE_MISSED,
        UNFAVOURABLE_SIGNAL,
        OBJECTIVE_AT_RISK,
        STATUS_WORSENED,
        ALL_CLEAR,
    ]
    rows = _rows(
        _row("A-RISK", "at_risk"),
        _row("B-FINE", "met"),
        _row("C-SIGNAL", "met", **_signal(False)),
        _row("D-MISSED", "missed"),
        _row("E-NOOBJ", "no_objective"),
    )
    items = compute_attention(rows, _missing(("Z-LATE", "ROU")), AS_OF)
    assert items["indicator_id"].to_list() == [
        "Z-LATE",
        "D-MISSED",
        "C-SIGNAL",
        "A-RISK",
        "B-FINE",
        "E-NOOBJ",
    ]
    assert items["kind"].to_list() == [
        MISSING_DATA,
        OBJECTIVE_MISSED,
        UNFAVOURABLE_SIGNAL,
        OBJECTIVE_AT_RISK,
        ALL_CLEAR,
        ALL_CLEAR,
    ]
    assert items["severity"].to_list() == [1, 2, 3, 4, 6, 6]
    assert items["needs_attention"].to_list() == [True, True, True, True, False, False]
    assert count_items(items) == 4
    assert items.schema == pl.Schema(ITEM_SCHEMA)


def test_one_card_per_indicator_under_its_most_urgent_kind():
    rows = _rows(_row("A", "missed", "at_risk", **_signal(False)))
    items = compute_indicator_items(rows)
    assert len(items) == 1
    item = items.row(0, named=True)
    assert item["kind"] == OBJECTIVE_MISSED
    assert item["reasons"] == [OBJECTIVE_MISSED, UNFAVOURABLE_SIGNAL, STATUS_WORSENED]
    assert item["worsened"] is True
    assert item["also_signal"] is True
    assert item["period"] == AS_OF


def test_a_signal_item_is_dated_by_the_signal():
    items = compute_indicator_items(_rows(_row("A", "at_risk", **_signal(False, date(2026, 8, 1)))))
    item = items.row(0, named=True)
    assert item["kind"] == UNFAVOURABLE_SIGNAL
    assert item["reasons"] == [UNFAVOURABLE_SIGNAL, OBJECTIVE_AT_RISK]
    assert item["period"] == date(2026, 8, 1)
    assert item["also_signal"] is False


def test_favourable_signals_are_not_items_and_unknown_direction_counts_as_unfavourable():
    items = compute_indicator_items(
        _rows(_row("GOOD", "met", **_signal(True)), _row("BAND", "met", **_signal(None)))
    )
    kinds = dict(zip(items["indicator_id"], items["kind"], strict=True))
    assert kinds == {"GOOD": ALL_CLEAR, "BAND": UNFAVOURABLE_SIGNAL}


def test_worsened_means_a_worse_judged_status():
    frame = pl.DataFrame(
        {
            "now": ["at_risk", "missed", "missed", "met", "no_data", "at_risk", None],
            "before": ["met", "at_risk", "met", "at_risk", "met", "no_objective", "met"],
        }
    )
    got = frame.select(worsened_expr(pl.col("now"), pl.col("before")).alias("w"))["w"].to_list()
    assert got == [True, True, True, False, False, False, False]


def test_within_a_kind_worsened_then_signal_then_domain():
    rows = _rows(
        _row("E-1", "missed", domain="E"),
        _row("Q-1", "missed", domain="Q"),
        _row("S-1", "missed", domain="S", **_signal(False)),
        _row("E-2", "missed", "at_risk", domain="E"),
    )
    items = compute_attention(rows, _missing(), AS_OF)
    assert items["indicator_id"].to_list() == ["E-2", "S-1", "Q-1", "E-1"]


def test_missing_values_are_one_item_per_site_and_the_indicator_is_not_all_clear():
    rows = _rows(_row("Q-SCRAP", "met"), _row("Q-OEE", "met"))
    items = compute_attention(rows, _missing(("Q-SCRAP", "VAL"), ("Q-SCRAP", "ROU")), AS_OF)
    assert items.filter(pl.col("kind") == MISSING_DATA)["site_id"].to_list() == ["ROU", "VAL"]
    assert "Q-SCRAP" not in items.filter(pl.col("kind") == ALL_CLEAR)["indicator_id"].to_list()
    assert items.filter(pl.col("kind") == ALL_CLEAR)["indicator_id"].to_list() == ["Q-OEE"]
    missing = items.row(0, named=True)
    assert missing["period"] == AS_OF
    assert missing["last_period"] == date(2026, 9, 1)
    assert missing["status"] == "met"  # the indicator's facts come along


def test_a_missing_value_and_a_missed_objective_are_two_items():
    items = compute_attention(_rows(_row("Q-SCRAP", "missed")), _missing(("Q-SCRAP", "ROU")), AS_OF)
    assert items["kind"].to_list() == [MISSING_DATA, OBJECTIVE_MISSED]


def test_nothing_to_report():
    items = compute_attention(_rows(_row("A", "met"), _row("B", "no_objective")), _missing(), AS_OF)
    assert count_items(items) == 0
    assert set(items["kind"]) == {ALL_CLEAR}
    empty = compute_attention(_rows(), _missing(), AS_OF)
    assert empty.is_empty() and count_items(empty) == 0
    assert rank_items(empty).is_empty()
