"""One status per objective on the demo organisation, at three as-of months, for the director and a pilot:
the scorecard, my indicators, the drift page's status to date and the review pack agree, and the objectives
page lists the very objective (same id, start and deadline) the status judged. The drift's projection at
the deadline answers another question: it is present, under its own name."""

import shutil
from datetime import date

import polars as pl
import pytest

from smqse import db
from smqse.i18n import label, t
from smqse.review.content import PackOptions, build_review_pack
from smqse.review.pieces import name_of
from smqse.scope import get_user, scope_for
from smqse.views.drift import load_drift
from smqse.views.my_indicators import load_attention
from smqse.views.objectives import load_objectives
from smqse.views.scorecard import load_scorecard
from smqse.words.drift import build_drift_table
from smqse.words.shared import objective_trace, status_text

AS_OFS = (date(2026, 1, 1), date(2026, 6, 1), date(2026, 10, 1))
USERS = ("u-dg", "u-hse")


@pytest.fixture(scope="module")
def con(demo_db_path, tmp_path_factory):
    """The small demo, with objectives whose periods do not follow the calendar year: a two-year energy
    cap from July 2025 (a sum), a headcount objective from April 2025 (a mean), a frequency rate from
    October 2025 to December 2026 (a ratio)."""
    path = tmp_path_factory.mktemp("agreement") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    cur = con.cursor()
    cur.execute(
        "UPDATE objective SET start_on = DATE '2025-07-01', deadline = DATE '2027-06-30', target = target * 2,"
        " alert_threshold = alert_threshold * 2 WHERE objective_id = 'OBJ-2026-E-ENERGY'"
    )
    cur.execute("UPDATE objective SET start_on = DATE '2025-04-01' WHERE objective_id = 'OBJ-2026-S-FTE'")
    cur.execute(
        "UPDATE objective SET start_on = DATE '2025-10-01', deadline = DATE '2026-12-31'"
        " WHERE objective_id = 'OBJ-2026-S-TF1'"
    )
    cur.close()
    yield con
    con.close()


@pytest.fixture(
    scope="module", params=[(u, m) for u in USERS for m in AS_OFS], ids=lambda p: f"{p[0]}-{p[1]}"
)
def views(request, con):
    user_id, as_of = request.param
    user = get_user(user_id, con)
    scope = scope_for(user, con)
    pack = build_review_pack(con, scope, user, PackOptions(as_of=as_of, lang="en"))
    return {
        "as_of": as_of,
        "card": load_scorecard(scope, as_of, con),
        "attention": load_attention(scope, as_of, con),
        "drift": load_drift(scope, as_of, con),
        "pack": pack,
        "objectives": load_objectives(con, scope),
    }


def _status(frame: pl.DataFrame) -> dict[str, str]:
    return dict(zip(frame["indicator_id"], frame["status"], strict=True))


def test_the_scenario_has_objectives_not_following_the_calendar_year(views):
    rows = views["card"].rows.filter(pl.col("objective_id").is_not_null())
    assert (rows["start_on"].dt.month() != 1).any()


def test_my_indicators_give_the_scorecard_status(views):
    card = _status(views["card"].rows)
    items = views["attention"].filter(pl.col("kind") != "missing_data")
    assert items.height > 0
    for r in items.iter_rows(named=True):
        assert r["status"] == card[r["indicator_id"]], r["indicator_id"]


def test_drift_status_to_date_is_the_scorecard_status_and_its_projection_is_named_apart(views):
    card = views["card"].rows
    group = views["drift"].rows.filter(pl.col("site_id").is_null())
    assert set(group["indicator_id"]) == set(card["indicator_id"])
    assert _status(group) == _status(card)
    assert dict(zip(group["indicator_id"], group["objective_id"], strict=True)) == dict(
        zip(card["indicator_id"], card["objective_id"], strict=True)
    )
    judged = group.filter(pl.col("target_value").is_not_null() & pl.col("ytd_value").is_not_null())
    assert judged["verdict"].is_in(["on_track", "at_risk", "will_miss"]).all()
    table = build_drift_table(group, {}, "en")
    texts = {r["indicator_id"]: status_text(r["status"], "en") for r in card.iter_rows(named=True)}
    assert dict(zip(table["indicator_id"], table["status"], strict=True)) == texts
    traces = {r["indicator_id"]: objective_trace(r, "en") for r in card.iter_rows(named=True)}
    assert {r["indicator_id"]: objective_trace(r, "en") for r in group.iter_rows(named=True)} == traces
    for lang in ("fr", "en"):
        assert t("drift.col.verdict", lang) != t("table.status", lang)
        assert t("drift.col.verdict", lang) != t("drift.col.status", lang)
        verdicts = {t(f"drift.verdict.{v}", lang) for v in ("on_track", "at_risk", "will_miss")}
        statuses = {label("status", s, lang) for s in ("met", "at_risk", "missed")}
        assert not verdicts & statuses


def test_review_pack_tables_print_the_scorecard_status(views):
    pack = views["pack"]
    expected = {
        name_of(r, "en"): label("status", r["status"], "en") for r in views["card"].rows.iter_rows(named=True)
    }
    name_col, status_col = t("review.col.indicator", "en"), t("review.col.status_to_date", "en")
    seen = 0
    for item in pack.items:
        for table in item.tables:
            data = table.data if table.data is not None else table.frame
            if name_col in data.columns and status_col in data.columns:
                for name, status in zip(data[name_col], data[status_col], strict=True):
                    assert status == expected[name], name
                    seen += 1
    assert seen > 0


def test_the_objectives_page_lists_the_objective_judged(views):
    page = {r["objective_id"]: r for r in views["objectives"].iter_rows(named=True)}
    judged = views["card"].rows.filter(pl.col("objective_id").is_not_null())
    assert judged.height > 0
    for r in judged.iter_rows(named=True):
        listed = page[r["objective_id"]]
        assert (listed["start_on"], listed["deadline"]) == (r["start_on"], r["deadline"])
        assert r["start_on"] <= views["as_of"] <= r["deadline"]


def test_per_site_attainment_counts_the_drift_heat_map_statuses(views):
    gaps = views["drift"].site_gaps
    by_site = views["card"].attainment_by_site
    assert by_site.height > 0
    for r in by_site.iter_rows(named=True):
        cells = gaps.filter(pl.col("site_id") == r["group_id"])
        for status in ("met", "at_risk", "missed"):
            assert r[status] == cells.filter(pl.col("status") == status).height, (r["group_id"], status)
