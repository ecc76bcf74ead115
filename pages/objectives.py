"""Data — objectives and indicators: the SMART objectives and the indicators that measure them. The director
and the QSE lead create and change them (validated, traced in change_log); pilots (their processes) and
viewers read them."""

from datetime import date

import streamlit as st

from smqse.db import shared_connection
from smqse.i18n import label, t, t_md
from smqse.model import Aggregation, Domain, IndicatorKind, Polarity
from smqse.textsafety import escape_markdown
from smqse.ui import data
from smqse.ui.dates import date_format
from smqse.ui.forms import form_saved, form_token, render_confirmation, submit_key
from smqse.ui.number_field import number_field, show_number_errors
from smqse.ui.state import current_view
from smqse.ui.tables import render_dataframe
from smqse.ui.widgets import render_page_header, render_viewer_caption
from smqse.views import objectives as service

NEW = "__new__"
FLASH_KEY = "admin_flash"
OBJECTIVE_PICK, INDICATOR_PICK = "admin_objective_pick", "admin_indicator_pick"
DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2100, 12, 31)

view = current_view()
lang = view.lang
today = date.today()

render_page_header(view, "admin")
render_viewer_caption(view)
st.caption(t("admin.intro", lang))

writer = service.can_edit_catalogue(view.user)
if not writer:
    st.info(t("admin.read_only", lang), icon=":material/lock:")
render_confirmation(FLASH_KEY)
# After a save, the form moves to the record just written (set before its selectbox is drawn).
for pick in (OBJECTIVE_PICK, INDICATOR_PICK):
    pending = st.session_state.pop(f"{pick}_next", None)
    if pending:
        st.session_state[pick] = pending

indicators = data.admin_indicators(view.scope, view.db)
objectives = data.admin_objectives(view.scope, view.db)
users = {u.user_id: u.display_name for u in data.users(view.db)}
sites = {r["site_id"]: r["name"] for r in view.sites.iter_rows(named=True)}
processes = {
    r["process_id"]: r.get(f"name_{lang}") or r["name_fr"] for r in view.processes.iter_rows(named=True)
}
indicator_rows = {r["indicator_id"]: r for r in indicators.iter_rows(named=True)}
objective_rows = {r["objective_id"]: r for r in objectives.iter_rows(named=True)}


def field(name: str, required: bool = False) -> str:
    return service.field_label(name, lang) + (" *" if required else "")


def indicator_name(indicator_id: str) -> str:
    row = indicator_rows.get(indicator_id) or {}
    return f"{indicator_id} — {row.get(f'name_{lang}') or row.get('name_fr') or ''}"


def show_table(table, columns, alt_key: str) -> None:
    render_dataframe(
        table.rename(service.table_labels(columns, lang)),
        hide_index=True,
        height=min(max(len(table), 1), 12) * 35 + 38,
        alt=t(alt_key, lang, n=len(table)),
    )


def show_problems(problems) -> None:
    st.error(t("admin.problems", lang, n=len(problems)), icon=":material/error:")
    for problem in problems:
        st.error(escape_markdown(problem.message))  # quotes what was typed: text, not Markdown


def show_smart(checks) -> None:
    st.markdown(f"**{t('admin.smart_title', lang)}** — {t('admin.smart_intro', lang)}")
    st.markdown(
        "\n".join(
            f"- {t('admin.smart_met' if c.met else 'admin.smart_not_met', lang)} · **{escape_markdown(c.text)}**"
            for c in checks
        )
    )


def selectbox(name, options, current, *, key, required=False, format_func=str, **kwargs):
    index = options.index(current) if current in options else None
    kwargs.setdefault("placeholder", t("page.choose", lang))
    return st.selectbox(
        field(name, required), options, index=index, format_func=format_func, key=key, **kwargs
    )


# Numbers typed that the one parser refused, per form ("obj", "ind" from the widget keys), said before any save.
number_errors: dict[str, list[str]] = {"obj": [], "ind": []}


def number(name, current, *, key, required=False, min_value=None, help=None):
    typed = number_field(field(name, required), current, lang, key=key, help=help, minimum=min_value)
    if typed.error:
        number_errors[key.split("_")[1]].append(typed.error)
    return typed.value


objectives_tab, indicators_tab = st.tabs([t("admin.tab_objectives", lang), t("admin.tab_indicators", lang)])

# --- objectives ---------------------------------------------------------------------------------------
with objectives_tab:
    st.header(t("admin.objectives", lang), anchor=False)
    if objectives.is_empty():
        st.info(t("admin.no_objectives", lang), icon=":material/info:")
    else:
        st.caption(t("admin.objectives_count", lang, n=objectives.height))
        table = service.build_objective_table(objectives, users=users, sites=sites, lang=lang, today=today)
        show_table(table, service.OBJECTIVE_TABLE_COLUMNS, "admin.objectives_alt")

    choices = ([NEW] if writer else []) + list(objective_rows)
    if choices:
        picked = st.selectbox(
            t("admin.pick_objective" if writer else "admin.pick_objective_read", lang),
            choices,
            format_func=lambda o: t("admin.new_objective", lang) if o == NEW else o,
            key=OBJECTIVE_PICK,
        )
        row = objective_rows.get(picked, {})
        if not writer:
            draft = service.objective_draft(row)
            show_smart(service.smart_checklist(draft, indicator_rows.get(draft.indicator_id), lang, today))
        else:
            new = picked == NEW
            k = "new" if new else picked
            heading = "admin.form_objective_new" if new else "admin.form_objective_edit"
            with st.form(f"admin_objective_form_{k}"):
                st.markdown(f"**{t_md(heading, lang, id=picked)}**")
                st.caption(t("admin.form_help", lang))
                cols = st.columns(3)
                with cols[0]:
                    objective_id = st.text_input(
                        field("objective_id", True), value=row.get("objective_id", ""), max_chars=40,
                        disabled=not new, key=f"admin_obj_objective_id_{k}",
                    )  # fmt: skip
                with cols[1]:
                    indicator_id = selectbox(
                        "indicator_id", list(indicator_rows), row.get("indicator_id"), required=True,
                        format_func=indicator_name, key=f"admin_obj_indicator_id_{k}",
                    )  # fmt: skip
                with cols[2]:
                    site_id = selectbox(
                        "site_id", ["", *sites], row.get("site_id") or "", key=f"admin_obj_site_id_{k}",
                        format_func=lambda s: sites.get(s, s) if s else t("admin.whole_scope", lang),
                    )  # fmt: skip
                cols = st.columns(4)
                with cols[0]:
                    baseline = number(
                        "baseline", row.get("baseline"), required=True, key=f"admin_obj_baseline_{k}"
                    )
                with cols[1]:
                    target = number("target", row.get("target"), required=True, key=f"admin_obj_target_{k}")
                with cols[2]:
                    alert = number(
                        "alert_threshold", row.get("alert_threshold"), key=f"admin_obj_alert_threshold_{k}",
                        help=t("admin.help.alert_threshold", lang),
                    )  # fmt: skip
                with cols[3]:
                    tolerance = number(
                        "tolerance", row.get("tolerance"), key=f"admin_obj_tolerance_{k}",
                        help=t("admin.help.tolerance", lang),
                    )  # fmt: skip
                cols = st.columns(3)
                with cols[0]:
                    start_on = st.date_input(
                        field("start_on", True), value=row.get("start_on", today), min_value=DATE_MIN,
                        max_value=DATE_MAX, key=f"admin_obj_start_on_{k}", format=date_format(lang),
                    )  # fmt: skip
                with cols[1]:
                    deadline = st.date_input(
                        field("deadline", True), value=row.get("deadline"), min_value=DATE_MIN,
                        max_value=DATE_MAX, key=f"admin_obj_deadline_{k}", format=date_format(lang),
                    )  # fmt: skip
                with cols[2]:
                    owner = selectbox(
                        "owner_user_id", list(users), row.get("owner_user_id"), required=True,
                        format_func=lambda u: users.get(u, u), key=f"admin_obj_owner_user_id_{k}",
                    )  # fmt: skip
                rationale = st.text_area(
                    field("rationale", True), value=row.get("rationale") or "", key=f"admin_obj_rationale_{k}"
                )
                cols = st.columns(2)
                with cols[0]:
                    cost = number("cost", row.get("cost"), min_value=0.0, key=f"admin_obj_cost_{k}")
                with cols[1]:
                    benefit = number(
                        "expected_benefit", row.get("expected_benefit"), min_value=0.0,
                        key=f"admin_obj_expected_benefit_{k}",
                    )  # fmt: skip
                reason = None
                if not new:
                    reason = st.text_input(
                        field("reason", True), help=t("admin.reason_help", lang), key=f"admin_obj_reason_{k}"
                    )
                submitted = st.form_submit_button(
                    t("admin.save_objective", lang),
                    type="primary",
                    key=submit_key(f"admin_objective_form_{k}"),
                )
            draft = service.ObjectiveDraft(
                objective_id=objective_id if new else picked, indicator_id=indicator_id, site_id=site_id or None,
                baseline=baseline, target=target, alert_threshold=alert, tolerance=tolerance, start_on=start_on,
                deadline=deadline, owner_user_id=owner, rationale=rationale, cost=cost, expected_benefit=benefit,
            )  # fmt: skip
            show_smart(service.smart_checklist(draft, indicator_rows.get(indicator_id), lang, today))
            if submitted and number_errors["obj"]:
                show_number_errors(number_errors["obj"])
            elif submitted:
                try:
                    saved = service.save_objective(
                        shared_connection(view.db), view.user, draft, new=new, reason=reason, lang=lang,
                        token=form_token(f"admin_objective_form_{k}"),
                    )  # fmt: skip
                except service.CatalogueAdminError as exc:
                    show_problems(exc.problems)
                except PermissionError as exc:
                    st.error(t_md("admin.denied", lang, error=exc), icon=":material/block:")
                else:
                    data.clear_after_catalogue_change()
                    # The form then edits the record written; the "new" form is emptied for the next one.
                    form_saved(
                        f"admin_objective_form_{k}", t_md("admin.saved_objective", lang, id=saved["objective_id"]),
                        clear=[key for key in st.session_state if str(key).startswith("admin_obj_")],
                        shown_at=FLASH_KEY,
                    )  # fmt: skip
                    st.session_state[f"{OBJECTIVE_PICK}_next"] = saved["objective_id"]
                    st.rerun()

# --- indicators ---------------------------------------------------------------------------------------
with indicators_tab:
    st.header(t("admin.indicators", lang), anchor=False)
    if indicators.is_empty():
        st.info(t("admin.no_indicators", lang), icon=":material/info:")
    else:
        st.caption(t("admin.indicators_count", lang, n=indicators.height))
        table = service.build_indicator_table(indicators, processes=processes, lang=lang)
        show_table(table, service.INDICATOR_TABLE_COLUMNS, "admin.indicators_alt")

    if writer:
        picked = st.selectbox(
            t("admin.pick_indicator", lang),
            [NEW, *indicator_rows],
            format_func=lambda i: t("admin.new_indicator", lang) if i == NEW else indicator_name(i),
            key=INDICATOR_PICK,
        )
        new = picked == NEW
        k = "new" if new else picked
        row = indicator_rows.get(picked, {})
        heading = "admin.form_indicator_new" if new else "admin.form_indicator_edit"
        with st.form(f"admin_indicator_form_{k}"):
            st.markdown(f"**{t_md(heading, lang, id=picked)}**")
            st.caption(t("admin.form_help", lang))
            cols = st.columns(4)
            with cols[0]:
                indicator_id = st.text_input(
                    field("indicator_id", True), value=row.get("indicator_id", ""), max_chars=40,
                    disabled=not new, key=f"admin_ind_indicator_id_{k}",
                )  # fmt: skip
            with cols[1]:
                process_id = selectbox(
                    "process_id", list(processes), row.get("process_id"), required=True,
                    format_func=lambda p: processes.get(p, p), key=f"admin_ind_process_id_{k}",
                )  # fmt: skip
            with cols[2]:
                domain = selectbox(
                    "domain", [d.value for d in Domain], row.get("domain"), required=True,
                    format_func=lambda d: label("domain", d, lang), key=f"admin_ind_domain_{k}",
                )  # fmt: skip
            with cols[3]:
                kind = selectbox(
                    "kind", [x.value for x in IndicatorKind], row.get("kind"), required=True,
                    format_func=lambda x: label("kind", x, lang), key=f"admin_ind_kind_{k}",
                )  # fmt: skip
            cols = st.columns(3)
            with cols[0]:
                name_fr = st.text_input(
                    field("name_fr", True), value=row.get("name_fr") or "", key=f"admin_ind_name_fr_{k}"
                )
            with cols[1]:
                name_en = st.text_input(
                    field("name_en", True), value=row.get("name_en") or "", key=f"admin_ind_name_en_{k}"
                )
            with cols[2]:
                unit = st.text_input(
                    field("unit", True), value=row.get("unit") or "", key=f"admin_ind_unit_{k}"
                )
            cols = st.columns(4)
            with cols[0]:
                polarity = selectbox(
                    "polarity", [x.value for x in Polarity], row.get("polarity"), required=True,
                    format_func=lambda x: label("polarity", x, lang), key=f"admin_ind_polarity_{k}",
                )  # fmt: skip
            with cols[1]:
                frequency = selectbox(
                    "frequency", list(service.FREQUENCIES), row.get("frequency") or "monthly", required=True,
                    format_func=lambda x: label("frequency", x, lang), key=f"admin_ind_frequency_{k}",
                )  # fmt: skip
            with cols[2]:
                aggregation = selectbox(
                    "aggregation", [x.value for x in Aggregation], row.get("aggregation"), required=True,
                    format_func=lambda x: label("aggregation", x, lang), key=f"admin_ind_aggregation_{k}",
                )  # fmt: skip
            with cols[3]:
                rate_base = number(
                    "rate_base", row.get("rate_base"), key=f"admin_ind_rate_base_{k}",
                    help=t("admin.help.rate_base", lang),
                )  # fmt: skip
            cols = st.columns(4)
            labels = {}
            for col, name in zip(cols, service.RATIO_LABELS, strict=True):
                with col:
                    labels[name] = st.text_input(
                        field(name), value=row.get(name) or "", key=f"admin_ind_{name}_{k}",
                        help=t("admin.help.rate_base_field", lang),
                    )  # fmt: skip
            value_only_rule = selectbox(
                "value_only_rule", ["", *service.VALUE_ONLY_RULES], row.get("value_only_rule") or "",
                format_func=lambda r: label("value_only_rule", r or "refuse", lang),
                key=f"admin_ind_value_only_rule_{k}", help=t("admin.help.value_only_rule", lang),
            )  # fmt: skip
            cols = st.columns(3)
            with cols[0]:
                min_value = number("min_value", row.get("min_value"), key=f"admin_ind_min_value_{k}")
            with cols[1]:
                max_value = number("max_value", row.get("max_value"), key=f"admin_ind_max_value_{k}")
            with cols[2]:
                review_input = selectbox(
                    "review_input", ["", *service.REVIEW_INPUTS], row.get("review_input") or "",
                    format_func=lambda r: t(f"review.item.{r}", lang) if r else t("admin.no_review_input", lang),
                    key=f"admin_ind_review_input_{k}",
                )  # fmt: skip
            cols = st.columns(2)
            with cols[0]:
                definition = st.text_area(
                    field("definition"), value=row.get("definition") or "", key=f"admin_ind_definition_{k}"
                )
            with cols[1]:
                definition_en = st.text_area(
                    field("definition_en"),
                    value=row.get("definition_en") or "",
                    key=f"admin_ind_definition_en_{k}",
                )
            source = st.text_input(
                field("source"), value=row.get("source") or "", key=f"admin_ind_source_{k}"
            )
            reason = None
            if not new:
                reason = st.text_input(
                    field("reason", True), help=t("admin.reason_help", lang), key=f"admin_ind_reason_{k}"
                )
            submitted = st.form_submit_button(
                t("admin.save_indicator", lang), type="primary", key=submit_key(f"admin_indicator_form_{k}")
            )
        if submitted and number_errors["ind"]:
            show_number_errors(number_errors["ind"])
        elif submitted:
            draft = service.IndicatorDraft(
                indicator_id=indicator_id if new else picked, process_id=process_id, domain=domain, kind=kind,
                name_fr=name_fr, name_en=name_en, unit=unit, polarity=polarity, frequency=frequency,
                aggregation=aggregation, rate_base=rate_base, definition=definition, definition_en=definition_en,
                source=source, min_value=min_value, max_value=max_value, review_input=review_input or None,
                value_only_rule=value_only_rule or None, **labels,
            )  # fmt: skip
            try:
                saved = service.save_indicator(
                    shared_connection(view.db), view.user, draft, new=new, reason=reason, lang=lang,
                    token=form_token(f"admin_indicator_form_{k}"),
                )  # fmt: skip
            except service.CatalogueAdminError as exc:
                show_problems(exc.problems)
            except PermissionError as exc:
                st.error(t_md("admin.denied", lang, error=exc), icon=":material/block:")
            else:
                data.clear_after_catalogue_change()
                form_saved(
                    f"admin_indicator_form_{k}", t_md("admin.saved_indicator", lang, id=saved["indicator_id"]),
                    clear=[key for key in st.session_state if str(key).startswith("admin_ind_")],
                    shown_at=FLASH_KEY,
                )  # fmt: skip
                st.session_state[f"{INDICATOR_PICK}_next"] = saved["indicator_id"]
                st.rerun()
