"""The review items, one builder per ISO 9001 §9.3.2 input (and ISO 14001 / 45001 addition): what the data
say for each, or that they say nothing."""

from __future__ import annotations

import polars as pl

from smqse.charts import figure_alt, figure_takeaway
from smqse.charts.scorecard import build_attainment_chart
from smqse.i18n import format_date, format_month, label, t, tn
from smqse.review.model import PackChart, PackTable, ReviewItem
from smqse.review.pieces import (
    CLOSED,
    MAX_TREND_CHARTS,
    SAFETY_EVENTS,
    Body,
    ReviewData,
    aggregation_findings,
    bar_chart,
    empty_body,
    events_body,
    indicator_findings,
    indicator_summary,
    indicator_table,
    indicators_body,
    merge_bodies,
    name_of,
    needs_attention,
    open_at_cut_off,
    trend_chart,
)

# Inputs about the organisation as a whole, with no process: in a pack limited to some processes they are
# not shown (a pilot sees their processes and nothing else) and the item says why.
ORGANISATION_ONLY = frozenset({"9.3.2.b", "14001.communications", "45001.legal", "45001.compliance"})
# The appendix's sheet per item, per language (≤ 31 characters, unique).
SHEET_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "9.3.2.a": "a Previous reviews", "9.3.2.b": "b Issues", "9.3.2.c.1": "c1 Customers",
        "9.3.2.c.2": "c2 Objectives", "9.3.2.c.3": "c3 Processes", "9.3.2.c.4": "c4 NC and CAPA",
        "9.3.2.c.5": "c5 Monitoring", "9.3.2.c.6": "c6 Audits", "9.3.2.c.7": "c7 Providers",
        "9.3.2.d": "d Resources", "9.3.2.e": "e Risks", "9.3.2.f": "f Improvement",
        "14001.compliance": "14001 Compliance", "14001.aspects": "14001 Aspects",
        "14001.communications": "14001 Communications", "14001.objectives": "14001 Env objectives",
        "45001.legal": "45001 Legal", "45001.incidents": "45001 Incidents",
        "45001.compliance": "45001 Compliance", "45001.consultation": "45001 Consultation",
    },
    "fr": {
        "9.3.2.a": "a Revues précédentes", "9.3.2.b": "b Enjeux", "9.3.2.c.1": "c1 Clients",
        "9.3.2.c.2": "c2 Objectifs", "9.3.2.c.3": "c3 Processus", "9.3.2.c.4": "c4 NC et actions",
        "9.3.2.c.5": "c5 Surveillance", "9.3.2.c.6": "c6 Audits", "9.3.2.c.7": "c7 Prestataires",
        "9.3.2.d": "d Ressources", "9.3.2.e": "e Risques", "9.3.2.f": "f Amélioration",
        "14001.compliance": "14001 Conformité", "14001.aspects": "14001 Aspects",
        "14001.communications": "14001 Communications", "14001.objectives": "14001 Objectifs env",
        "45001.legal": "45001 Exigences légales", "45001.incidents": "45001 Incidents",
        "45001.compliance": "45001 Conformité", "45001.consultation": "45001 Consultation",
    },
}  # fmt: skip


# --- the items ----------------------------------------------------------------------------------------


def _item_a(d: ReviewData) -> Body:
    lang = d.lang
    previous = d.decisions.filter(pl.col("review_id") != d.review_id)
    if previous.is_empty():
        return empty_body(d, "review.a.none")
    rows, findings = [], []
    done = late = open_ = 0
    for r in previous.iter_rows(named=True):
        closed = (
            r["action_status"] in CLOSED
            and r["action_closed_on"] is not None
            and r["action_closed_on"] <= d.cut_off
        )
        overdue = not closed and r["due_on"] is not None and r["due_on"] < d.cut_off
        if r["action_id"] is None:
            status = t("review.status.no_action", lang)
            findings.append(t("review.a.no_action", lang, id=r["decision_id"], text=r["text"]))
        else:
            status = label("causes.status", "done" if closed else (r["action_status"] or "planned"), lang)
        if overdue:
            late += 1
            status = f"⚠ {t('review.status.late', lang)} · {status}"
            findings.insert(
                0,
                t(
                    "review.a.late",
                    lang,
                    id=r["decision_id"],
                    text=r["text"],
                    due=format_date(r["due_on"], lang),  # "30 juin 2026", not ISO, in a sentence
                    status=status,
                ),
            )
        done += closed
        open_ += not closed and not overdue
        rows.append(
            {
                t("review.col.id", lang): r["decision_id"],
                t("review.col.text", lang): r["text"],
                t("review.owner", lang): r["owner_name"] or "—",
                t("review.due", lang): r["due_on"],
                t("review.col.action_status", lang): status,
                t("review.action", lang): r["action_id"] or "—",
            }
        )
    summary = tn("review.a.summary", done, lang, total=previous.height, late=late, open=open_)
    return Body(
        summary, True, findings[:5], [], [PackTable(t("review.item.9.3.2.a", lang), pl.DataFrame(rows))]
    )


def _item_c2(d: ReviewData) -> Body:
    lang = d.lang
    frame = d.attainment_by_domain
    judged = int(frame["met"].sum() + frame["at_risk"].sum() + frame["missed"].sum()) if frame.height else 0
    as_of = format_month(d.as_of, lang)
    if judged == 0:
        return Body(t("review.c2.none", lang, as_of=as_of), False, [], [], [])
    summary = tn(
        "review.c2.summary", judged, lang, met=tn("review.count.met", int(frame["met"].sum()), lang),
        at_risk=int(frame["at_risk"].sum()), missed=tn("review.count.missed", int(frame["missed"].sum()), lang),
        as_of=as_of,
    )  # fmt: skip
    fig = build_attainment_chart(frame, "domain", lang)
    chart = PackChart(
        fig.layout.title.text or t("review.chart.attainment", lang), fig, attainment_data(frame, lang),
        figure_takeaway(fig) or summary, figure_alt(fig), kind="stacked_bar",
    )  # fmt: skip
    findings = [attainment_line(r[f"name_{lang}"], r, lang) for r in frame.iter_rows(named=True)]
    missed = d.scorecard_rows.filter(pl.col("status").is_in(["missed", "at_risk"]))
    tables = (
        [indicator_table(needs_attention(missed), lang, t("review.item.9.3.2.c.2", lang))]
        if missed.height
        else []
    )
    return Body(summary, True, findings, [chart], tables)


def attainment_line(name: str, counts: dict, lang: str) -> str:
    """One domain's (or process's) objectives: "Qualité : 3 atteints, 1 à surveiller, 1 non atteint."."""
    return t(
        "review.c2.domain",
        lang,
        domain=name,
        met=tn("review.count.met", counts["met"], lang),
        at_risk=counts["at_risk"],
        missed=tn("review.count.missed", counts["missed"], lang),
    )


def attainment_data(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    return frame.select(
        pl.col(f"name_{lang}").alias(t("review.col.domain", lang)),
        pl.col("met").cast(pl.Float64).alias(t("review.col.met", lang)),
        pl.col("at_risk").cast(pl.Float64).alias(t("review.col.at_risk", lang)),
        pl.col("missed").cast(pl.Float64).alias(t("review.col.missed", lang)),
        (pl.col("no_objective") + pl.col("no_data")).cast(pl.Float64).alias(t("review.col.not_judged", lang)),
    )


def _item_c3(d: ReviewData) -> Body | None:
    lang = d.lang
    frame = d.attainment_by_process
    body = indicators_body(d, "9.3.2.c.3", t("review.item.9.3.2.c.3", lang))
    if frame.height == 0:
        return body
    data = frame.select(
        pl.col(f"name_{lang}").alias(t("review.process", lang)),
        pl.col("met").cast(pl.Float64).alias(t("review.col.met", lang)),
        pl.col("at_risk").cast(pl.Float64).alias(t("review.col.at_risk", lang)),
        pl.col("missed").cast(pl.Float64).alias(t("review.col.missed", lang)),
    )
    worst = frame.sort(["missed", "group_id"], descending=[True, False]).row(0, named=True)
    takeaway = attainment_line(worst[f"name_{lang}"], worst, lang)
    process_chart = bar_chart(data, t("review.chart.process_attainment", lang), takeaway, lang, stacked=True)
    if body is None:
        return Body(takeaway, True, [takeaway], [process_chart], [])
    body.charts.insert(0, process_chart)
    return body


def _item_c4(d: ReviewData) -> Body | None:
    lang = d.lang
    events = events_body(d, ("nonconformity", "audit_finding"), "nonconformity")
    corrective = d.actions.filter(pl.col("action_type") == "corrective")
    actions = None
    if corrective.height:
        in_period = corrective.filter(pl.col("opened_on") >= d.start)
        closed = corrective.filter(
            pl.col("closed_on").is_not_null()
            & (pl.col("closed_on") <= d.cut_off)
            & pl.col("status").is_in(CLOSED)
        )
        closed_in_period = closed.filter(pl.col("closed_on") >= d.start)
        overdue = corrective.filter(open_at_cut_off(d.cut_off) & (pl.col("due_on") < d.cut_off))
        checked = closed_in_period.filter(pl.col("effectiveness").is_in(["effective", "not_effective"]))
        closed_text = tn("review.count.closed", closed_in_period.height, lang)
        effective = checked.filter(pl.col("effectiveness") == "effective").height
        text = tn(
            "review.c4.actions", in_period.height, lang, closed=closed_text, overdue=overdue.height,
            checked=checked.height, closed_all=closed_text, effective=tn("review.count.effective", effective, lang),
        )  # fmt: skip
        table = PackTable(
            t("review.chart.actions", lang),
            pl.DataFrame(
                {
                    t("review.col.opened", lang): [in_period.height],
                    t("review.col.closed", lang): [closed_in_period.height],
                    t("review.col.overdue", lang): [overdue.height],
                    t("review.col.effective", lang): [
                        checked.filter(pl.col("effectiveness") == "effective").height
                    ],
                }
            ),
        )
        actions = Body(text, True, [text], [], [table])
    return merge_bodies(events, actions, indicators_body(d, "9.3.2.c.4", t("review.item.9.3.2.c.4", lang)))


def _item_c5(d: ReviewData) -> Body | None:
    lang = d.lang
    rows = d.scorecard_rows.filter(pl.col("latest_value").is_not_null() | pl.col("ytd_value").is_not_null())
    if rows.is_empty():
        return None
    ranked = needs_attention(rows)
    signals = ranked.filter(pl.col("signal") & ~pl.col("signal_favourable").fill_null(False))
    charts = [trend_chart(r, lang) for r in signals.head(MAX_TREND_CHARTS).iter_rows(named=True)]
    return Body(
        indicator_summary(rows, lang),
        True,
        indicator_findings(rows, lang, limit=6) + aggregation_findings(d),
        charts,
        [indicator_table(ranked, lang, t("review.item.9.3.2.c.5", lang))],
    )


def _item_c6(d: ReviewData) -> Body | None:
    lang = d.lang
    audits = d.audits
    body = indicators_body(d, "9.3.2.c.6", t("review.item.9.3.2.c.6", lang))
    if audits.is_empty():
        return body
    done = audits.filter(pl.col("done_on").is_not_null() & (pl.col("done_on") <= d.cut_off))
    summary = tn(
        "review.c6.summary", done.height, lang, planned=tn("review.count.planned", audits.height, lang),
        major=tn("review.count.major_nc", int(done["nc_major"].sum() or 0), lang),
        minor=tn("review.count.minor_nc", int(done["nc_minor"].sum() or 0), lang),
        obs=tn("review.count.observations", int(done["observations"].sum() or 0), lang),
    )  # fmt: skip
    per_type = (
        audits.with_columns(is_done=pl.col("done_on").is_not_null() & (pl.col("done_on") <= d.cut_off))
        .group_by("audit_type")
        .agg(
            pl.len().alias("planned"),
            pl.col("is_done").sum().alias("done"),
            pl.col("nc_major").filter(pl.col("is_done")).sum().alias("major"),
            pl.col("nc_minor").filter(pl.col("is_done")).sum().alias("minor"),
            pl.col("observations").filter(pl.col("is_done")).sum().alias("obs"),
        )
        .sort("audit_type")
    )
    type_col = t("review.col.audit_type", lang)
    table = per_type.select(
        pl.col("audit_type").alias(type_col),
        pl.col("planned").alias(t("review.col.planned", lang)),
        pl.col("done").alias(t("review.col.done", lang)),
        pl.col("major").alias(t("review.col.major", lang)),
        pl.col("minor").alias(t("review.col.minor", lang)),
        pl.col("obs").alias(t("review.col.observations", lang)),
    )
    chart_data = table.select(
        type_col, t("review.col.major", lang), t("review.col.minor", lang)
    ).with_columns(pl.exclude(type_col).cast(pl.Float64))
    chart = bar_chart(chart_data, t("review.chart.audits", lang), summary, lang, stacked=True)
    audit_body = Body(summary, True, [summary], [chart], [PackTable(t("review.item.9.3.2.c.6", lang), table)])
    return merge_bodies(audit_body, body)


def _item_c7(d: ReviewData) -> Body | None:
    lang = d.lang
    events = events_body(d, ("supplier_nonconformity",), "supplier_nonconformity")
    supplier_events = d.events.filter(
        (pl.col("event_type") == "supplier_nonconformity") & pl.col("supplier").is_not_null()
    )
    if events is not None and supplier_events.height:
        per = supplier_events.group_by("supplier").len().sort(["len", "supplier"], descending=[True, False])
        top = per.row(0, named=True)
        text = t("review.c7.suppliers", lang, supplier=top["supplier"], n=top["len"])
        frame = per.head(10).select(
            pl.col("supplier").alias(t("review.col.supplier", lang)),
            pl.col("len").cast(pl.Float64).alias(t("review.col.count", lang)),
        )
        events.findings.append(text)
        events.charts.append(bar_chart(frame, t("review.chart.by_supplier", lang), text, lang))
    return merge_bodies(indicators_body(d, "9.3.2.c.7", t("review.item.9.3.2.c.7", lang)), events)


def _preventive_actions(d: ReviewData) -> Body | None:
    lang = d.lang
    actions = d.actions.filter((pl.col("action_type") == "preventive") & (pl.col("opened_on") >= d.start))
    if actions.is_empty():
        return None
    closed = actions.filter(pl.col("status").is_in(CLOSED) & (pl.col("closed_on") <= d.cut_off))
    overdue = actions.filter(open_at_cut_off(d.cut_off) & (pl.col("due_on") < d.cut_off))
    effective = closed.filter(pl.col("effectiveness") == "effective").height
    not_effective = closed.filter(pl.col("effectiveness") == "not_effective").height
    text = tn(
        "review.e.actions", actions.height, lang, done=tn("review.count.closed", closed.height, lang),
        overdue=overdue.height, effective=tn("review.count.found_effective", effective, lang),
        not_effective=tn("review.count.not_effective", not_effective, lang),
    )  # fmt: skip
    return Body(text, True, [text], [], [])


def _item_f(d: ReviewData) -> Body | None:
    lang = d.lang
    improvement = d.actions.filter((pl.col("action_type") == "improvement") & open_at_cut_off(d.cut_off))
    rows = d.scorecard_rows
    at_risk = rows.filter(pl.col("status") == "at_risk").height
    missed = rows.filter(pl.col("status") == "missed").height
    own = None
    if improvement.height or at_risk or missed:
        text = tn(
            "review.f.summary", improvement.height, lang,
            at_risk=tn("review.count.objectives_at_risk", at_risk, lang),
            missed=tn("review.count.missed", missed, lang),
        )  # fmt: skip
        own = Body(text, True, [text], [], [])
    return merge_bodies(own, indicators_body(d, "9.3.2.f", t("review.item.9.3.2.f", lang)))


def _item_e14_objectives(d: ReviewData) -> Body | None:
    lang = d.lang
    env = d.scorecard_rows.filter(pl.col("domain") == "E")
    judged = env.filter(pl.col("status").is_in(["met", "at_risk", "missed"]))
    if judged.is_empty():
        return None
    missed = env.filter(pl.col("status") == "missed")
    if missed.is_empty():
        return Body(t("review.e14.none", lang), True, [], [], [])
    # A plan: an action opened on the objective itself (origin 'objective'), whatever its progress.
    plans = d.actions.filter((pl.col("origin") == "objective") & (pl.col("status") != "cancelled"))
    planned_objectives = set(plans["origin_id"].to_list())
    findings, with_plan = [], 0
    for r in missed.iter_rows(named=True):
        has_plan = r["objective_id"] in planned_objectives
        with_plan += has_plan
        if not has_plan:
            findings.append(t("review.e14.no_plan", lang, name=name_of(r, lang)))
    text = tn("review.e14.summary", missed.height, lang, with_plan=with_plan)
    return Body(
        text,
        True,
        [text, *findings],
        [],
        [indicator_table(missed, lang, t("review.item.14001.objectives", lang))],
    )


def _body(d: ReviewData, ref: str) -> Body | None:
    lang = d.lang
    title = t(f"review.item.{ref}", lang)
    if ref == "9.3.2.a":
        return _item_a(d)
    if ref == "9.3.2.c.1":
        return merge_bodies(
            indicators_body(d, ref, title),
            events_body(d, ("customer_complaint",), "customer_complaint"),
        )
    if ref == "9.3.2.c.2":
        return _item_c2(d)
    if ref == "9.3.2.c.3":
        return _item_c3(d)
    if ref == "9.3.2.c.4":
        return _item_c4(d)
    if ref == "9.3.2.c.5":
        return _item_c5(d)
    if ref == "9.3.2.c.6":
        return _item_c6(d)
    if ref == "9.3.2.c.7":
        return _item_c7(d)
    if ref == "9.3.2.e":
        return merge_bodies(_preventive_actions(d), indicators_body(d, ref, title))
    if ref == "9.3.2.f":
        return _item_f(d)
    if ref == "14001.objectives":
        return _item_e14_objectives(d)
    if ref == "14001.aspects":
        return merge_bodies(
            indicators_body(d, ref, title),
            events_body(d, ("environmental_incident",), "environmental_incident"),
        )
    if ref == "45001.incidents":
        return merge_bodies(indicators_body(d, ref, title), events_body(d, SAFETY_EVENTS, "safety"))
    return indicators_body(
        d, ref, title
    )  # b, d, 14001 compliance/communications, 45001 legal/compliance/consultation


def build_item(d: ReviewData, ref: str, clause: str) -> ReviewItem:
    lang = d.lang
    title = t(f"review.item.{ref}", lang)
    if ref in ORGANISATION_ONLY and not d.whole:
        return ReviewItem(
            ref, clause, title, t("review.not_in_pilot_scope", lang), False, sheet_name=SHEET_NAMES[lang][ref]
        )
    body = _body(d, ref)
    written = d.inputs.get(ref)
    if body is None or not body.has_data:
        if written:
            body = Body(written["text"].split("\n")[0][:300], True, [], [], [])
        elif body is None:
            body = empty_body(
                d, "review.no_written" if ref in ORGANISATION_ONLY else "review.no_data_in_scope"
            )
    return ReviewItem(
        ref=ref,
        clause=clause,
        title=title,
        takeaway=body.takeaway,
        has_data=body.has_data,
        findings=body.findings,
        charts=body.charts,
        tables=body.tables,
        written=written["text"] if written else None,
        written_by=written["writer_name"] if written else None,
        sheet_name=SHEET_NAMES[lang][ref],
    )
