"""English catalogue. Same keys as fr.py (a test checks it)."""

MESSAGES: dict[str, str] = {
    "form.number_error": "{field}: {reason}.",
    "form.number_below": "{field}: the value cannot be below {minimum}.",
    "form.number_placeholder": "e.g. 1,234.5",
    "page.choose": "Choose…",
    "write.conflict": (
        "Someone else changed the same data at the same moment: nothing was saved. Reload the page and try again."
    ),
    # --- application, navigation ---
    "app.title": "SMQSE — QSE performance dashboard",
    "app.no_view": "Open the application from its home page (app.py): this page needs the chosen scope.",
    "bootstrap.building": "First start: building the demo database (a few seconds)…",
    # the browser tab: the page, then the product
    "doc.title": "{page} — SMQSE",
    "nav.steer": "Steer",
    "nav.analyse": "Analyse",
    "nav.act": "Act",
    "nav.data": "Data",
    "nav.scorecard": "Scorecard",
    "nav.indicators": "Indicator catalogue",
    "page.viewed_as": "Viewed as {user}.",
    # --- identity ---
    "identity.view_as": "View as",
    "identity.view_as_help": (
        "Demo mode (no authentication configured): pick a user to see the application with their access "
        "rights. In production, users sign in with OpenID Connect."
    ),
    "identity.signed_in_as": "Signed in: **{user}**",
    "identity.login": "Sign in",
    "identity.logout": "Sign out",
    "identity.login_explain": (
        "This application shows the QSE indicators of your scope. Sign in with your work account to continue."
    ),
    "identity.unknown_user": "The account {email} is not registered in SMQSE.",
    "identity.unknown_user_help": (
        "Ask the QSE lead to add you (users table, with this e-mail address and your scope of processes and "
        "sites), then sign in again."
    ),
    "identity.no_users": "No user is registered in the database: initialise it (python -m smqse init).",
    "role.director": "Director",
    "role.qse_lead": "QSE lead",
    "role.pilot": "Process pilot",
    "role.viewer": "Viewer",
    # --- sidebar ---
    "sidebar.language": "Language / Langue",
    "language.fr": "Français",
    "language.en": "English",
    "sidebar.scope": "Scope",
    "sidebar.all": "All",
    "sidebar.sites": "Sites",
    "sidebar.sites_help": "Empty = every site in your scope.",
    "sidebar.processes": "Processes",
    "sidebar.processes_help": "Empty = every process in your scope.",
    "sidebar.domains": "Domains",
    "sidebar.domains_help": "Quality, health & safety, environment. None chosen = all three.",
    "sidebar.as_of": "Situation at the end of",
    "sidebar.as_of_help": (
        "The closing month: that month's values and each objective's period to date. Defaults to the latest "
        "month."
    ),
    "sidebar.no_months": "No data in this scope.",
    # --- coded values ---
    "domain.Q": "Quality",
    "domain.S": "Health & safety",
    "domain.E": "Environment",
    "status.met": "Met",
    "status.at_risk": "At risk",
    "status.missed": "Missed",
    "status.no_objective": "No objective",
    "status.no_data": "No data",
    "status_plural.met": "met",
    "status_plural.at_risk": "at risk",
    "status_plural.missed": "missed",
    "status_plural.no_objective": "without objective",
    "status_plural.no_data": "without data",
    "kind.activity": "Activity",
    "kind.result": "Result",
    "polarity.higher_better": "Higher is better",
    "polarity.lower_better": "Lower is better",
    "polarity.target_band": "Within a target band",
    "aggregation.ratio": "Ratio (Σ numerators / Σ denominators)",
    "aggregation.sum": "Sum",
    "aggregation.mean": "Mean over time, sum across sites",
    "aggregation.last": "Latest value, sum across sites",
    "family.management": "Management",
    "family.operational": "Operational",
    "family.support": "Support",
    "frequency.monthly": "Monthly",
    "frequency.quarterly": "Quarterly",
    "frequency.yearly": "Yearly",
    "frequency.annual": "Yearly",
    "frequency.weekly": "Weekly",
    "chart.xmr": "XmR chart of individual values",
    "chart.p": "p-chart of proportions",
    "chart.u": "u-chart of rates per exposure",
    "formula.ratio": "Σ numerators / Σ denominators × base",
    "formula.sum": "Sum of the values over the period and the sites",
    "formula.mean": "Mean of the monthly totals (sum across sites)",
    "formula.last": "Total of the sites in the last month of the period",
    "word.and": "and",
    # --- months ---
    "month.1": "January",
    "month.2": "February",
    "month.3": "March",
    "month.4": "April",
    "month.5": "May",
    "month.6": "June",
    "month.7": "July",
    "month.8": "August",
    "month.9": "September",
    "month.10": "October",
    "month.11": "November",
    "month.12": "December",
    "month_short.1": "Jan",
    "month_short.2": "Feb",
    "month_short.3": "Mar",
    "month_short.4": "Apr",
    "month_short.5": "May",
    "month_short.6": "Jun",
    "month_short.7": "Jul",
    "month_short.8": "Aug",
    "month_short.9": "Sep",
    "month_short.10": "Oct",
    "month_short.11": "Nov",
    "month_short.12": "Dec",
    # --- scope in words ---
    "scope.sites": "Sites:",
    "scope.processes": "Processes:",
    "scope.domains": "Domains:",
    "scope.sites_count": "{n} sites",
    "scope.sites_all": "all {n} sites in your scope",
    "scope.processes_count": "{n} processes",
    "scope.processes_all": "all {n} processes in your scope",
    "scope.as_of": (
        "**Situation at the end of {month}** — that month's values and, for each objective, its period to "
        "date (without an objective: since {start})."
    ),
    # --- scorecard ---
    "scorecard.title": "QSE scorecard",
    "scorecard.empty_scope": (
        "Nothing to show: your scope includes no process or no site, or the filters emptied it. Widen the "
        "selection in the sidebar, or ask the QSE lead for access."
    ),
    "scorecard.no_months": "No measurement has been entered in this scope yet.",
    "scorecard.no_indicators": "No indicator is defined in this scope.",
    "scorecard.attainment": "Objectives attainment",
    "scorecard.by_domain": "By domain",
    "scorecard.by_process": "By process",
    "scorecard.by_site": "By site",
    "scorecard.changes": "Changes since {month}",
    "scorecard.no_changes": "No indicator changed status since the previous month.",
    "scorecard.table_title": "Every indicator, most urgent first",
    "scorecard.filter_domain": "Domain",
    "scorecard.order": "Order",
    "scorecard.order.urgency": "Urgency",
    "scorecard.order.domain": "By domain",
    "scorecard.attention_only": "Only what needs attention",
    "scorecard.table_hint": "Select a row to show the indicator's detail below.",
    "scorecard.filter_empty": "No indicator matches these filters.",
    "scorecard.detail": "Indicator detail",
    "scorecard.detail_pick": "Indicator",
    "scorecard.to_drift": "See the projection to the deadline",
    "scorecard.to_drift_help": "Opens the Drift page on this indicator: where it will be at its objective's deadline.",
    "status.vs_verdict": (
        "“Status to date”: where the objective stands now (its value since its period began against the "
        "prorated target). “Verdict at deadline” (Drift page): where it will be at the deadline, by projection. "
        "Two different questions: the answers may differ."
    ),
    "objective.trace": "Objective {id} · period {start} → {deadline}",
    "objective.trace_none": "No active objective: value since {start} (calendar year).",
    "scorecard.signal_heading": "Signal or noise?",
    "tiles.value": "{n}",
    "tiles.vs_previous": "vs previous month",
    "tiles.help.met": "Indicators whose objective-period-to-date value meets the objective to date.",
    "tiles.help.at_risk": "Objective missed but alert threshold not crossed: watch closely.",
    "tiles.help.missed": "Alert threshold crossed (or objective missed where there is no alert threshold).",
    "tiles.help.no_objective": "Indicators tracked without an active objective this month.",
    "tiles.help.no_data": "Indicators without any value entered since the objective started (no objective: January).",
    # --- attainment charts ---
    "attainment.title_domain": "Objectives attainment by domain",
    "attainment.title_process": "Objectives attainment by process",
    "attainment.title_site": "Objectives attainment by site",
    "attainment.axis_domain": "Number of indicators",
    "attainment.axis_process": "Number of indicators",
    "attainment.axis_site": "Number of indicators",
    "attainment.group_domain": "Domain",
    "attainment.group_process": "Process",
    "attainment.group_site": "Site",
    "attainment.total": "Total",
    "attainment.share_met": "Share met",
    "attainment.bar_label": "{name} ({met}/{judged})",
    "attainment.takeaway_none": "No indicator has both an objective and data this month.",
    "attainment.takeaway_overall": "Objectives met: {met} of {judged} assessed ({share}).",
    "attainment.takeaway_all_met": "Every assessed objective is met.",
    "attainment.takeaway_worst_domain": "Most objectives missed: {name} ({missed} of {judged}).",
    "attainment.takeaway_worst_process": "Most objectives missed: the {name} process ({missed} of {judged}).",
    "attainment.takeaway_worst_site": "Most objectives missed: the {name} site ({missed} of {judged}).",
    "attainment.alt_intro_domain": "Stacked horizontal bars: number of indicators in each status for each domain.",
    "attainment.alt_intro_process": (
        "Stacked horizontal bars: number of indicators in each status for each process, the weakest at the top."
    ),
    "attainment.alt_intro_site": (
        "Stacked horizontal bars: number of indicators in each status for each site, the weakest at the top."
    ),
    "attainment.takeaway_lowest_domain": "Least advanced domain: {name}, {met} of {judged} met ({share}).",
    "attainment.takeaway_lowest_process": "Least advanced process: {name}, {met} of {judged} met ({share}).",
    "attainment.takeaway_lowest_site": "Least advanced site: {name}, {met} of {judged} met ({share}).",
    "attainment.alt_group": "{name}: {counts}",
    "chart.numbers": "Show the numbers",
    "chart.numbers_alt": "Table of the numbers behind the chart “{title}”.",
    # --- main table ---
    "table.indicator_id": "Code",
    "table.status": "Status to date",
    "table.signal": "Signal",
    "table.domain": "Domain",
    "table.indicator": "Indicator",
    "table.process": "Process",
    "table.kind": "Kind",
    "table.latest": "Latest month",
    "table.latest_month": "Month ({month})",
    "table.ytd": "Objective period to date",
    "table.objective": "Objective to date",
    "table.trend": "24-month trend",
    "table.status_help": (
        "Where the indicator stands now: its value since the objective's period began against the prorated "
        "objective and the alert threshold. The Drift page says where it will be at the deadline (projection)."
    ),
    "table.signal_help": (
        "Control chart over the last 48 months (Western Electric rules 1, 2 and 4): “Signal” when a movement "
        "in the last 6 months goes beyond the usual variation, “Noise” otherwise."
    ),
    "table.kind_help": "Activity (leading indicator) or result (lagging, performance indicator).",
    "table.ytd_help": (
        "Value since the objective's period began (no objective: since January), following the indicator's "
        "aggregation (never a mean of rates)."
    ),
    "table.objective_help": (
        "The target the value to date is compared with; prorated over the elapsed share of the objective's "
        "period for sums."
    ),
    "table.alt": (
        "Table of the {n} indicators in scope, most urgent first: status, signal, month value, objective period to date, "
        "objective and 24-month trend."
    ),
    "changes.line": "**{id}** {name}: {before} → **{after}**",
    # --- signal ---
    "signal.noise": "Noise",
    "signal.short": "Signal: {movement}",
    "signal.favourable": "favourable",
    "signal.unfavourable": "unfavourable",
    "signal.movement.up": "spike",
    "signal.movement.down": "dip",
    "signal.movement.sustained_up": "sustained rise",
    "signal.movement.sustained_down": "sustained fall",
    "signal.direction.up": "a rise",
    "signal.direction.down": "a fall",
    "signal.direction": "The movement is {direction}.",
    "signal.direction_with_quality": "The movement is {direction}, {quality} for this indicator.",
    "signal.none_sentence": (
        "No signal in the last {months} months: the variation stays within the process's usual noise "
        "({chart}). No need to look for a cause behind every point."
    ),
    "signal.rule_1": "Point beyond the control limits in {period} (rule {rule}): a real signal, not noise.",
    "signal.rule_2": (
        "2 of 3 points beyond 2 σ on the same side, up to {period} (rule {rule}): a real signal, not noise."
    ),
    "signal.rule_3": (
        "4 of 5 points beyond 1 σ on the same side, up to {period} (rule {rule}): a real signal, not noise."
    ),
    "signal.rule_4": (
        "8 points in a row on the same side of the centre line, up to {period} (rule {rule}): a lasting "
        "change in the process, not noise."
    ),
    "signal.rule_other": "Rule {rule} signal in {period}: a real signal, not noise.",
    "signal.chart_used": "Method: {chart} over the last 48 months, Western Electric rules 1, 2 and 4.",
    # --- status explained ---
    "status_explain.no_data": "No value entered since {start}: the status cannot be assessed.",
    "status_explain.no_objective": "No active objective in {month}: the indicator is tracked without a target.",
    "status_explain.met.lower_better": "{value} since {start}, no more than the objective of {target}: objective met.",
    "status_explain.met.higher_better": "{value} since {start}, at least the objective of {target}: objective met.",
    "status_explain.met.target_band": "{value} since {start}, within the target band {target} ± {tolerance}: objective met.",
    "status_explain.at_risk.lower_better": (
        "{value} since {start}: above the objective ({target}) but not the alert threshold ({alert}), at risk."
    ),
    "status_explain.at_risk.higher_better": (
        "{value} since {start}: below the objective ({target}) but not the alert threshold ({alert}), at risk."
    ),
    "status_explain.at_risk.target_band": (
        "{value} since {start}: outside the band {target} ± {tolerance} but within the alert threshold "
        "({alert}), at risk."
    ),
    "status_explain.missed.lower_better": (
        "{value} since {start}: beyond the alert threshold ({alert}) for an objective of {target}, objective missed."
    ),
    "status_explain.missed.higher_better": (
        "{value} since {start}: below the alert threshold ({alert}) for an objective of {target}, objective missed."
    ),
    "status_explain.missed.target_band": (
        "{value} since {start}: beyond the alert threshold ({alert}) around {target}, objective missed."
    ),
    "status_explain.missed.lower_better.no_alert": "{value} since {start}: above the objective of {target}, objective missed.",
    "status_explain.missed.higher_better.no_alert": "{value} since {start}: below the objective of {target}, objective missed.",
    "status_explain.missed.target_band.no_alert": (
        "{value} since {start}: outside the band {target} ± {tolerance}, objective missed."
    ),
    "status_explain.prorated": "The objective of {total} by the end of {deadline} is prorated over the time elapsed.",
    # --- detail and trend ---
    "detail.latest": "Value for {month}",
    "detail.ytd": "Objective period to date",
    "detail.objective": "Objective to date",
    "detail.alert": "Alert threshold",
    "trend.title": "{name}: last 24 months",
    "trend.series": "Monthly value",
    "trend.signal_marker": "Signal (rule {rule})",
    "trend.target_line": "Objective {value}",
    "trend.alert_line": "Alert threshold {value}",
    "trend.alt": (
        "Line chart of {name} over {n} months with data, from {start} to {end}. Latest value {last} in "
        "{last_month}; lowest {low} in {low_month}; highest {high} in {high_month}."
    ),
    "trend.alt_target": "Objective line at {target}.",
    "trend.takeaway": "{month} value: {last}, against a mean of {mean} over the last 24 months.",
    "trend.takeaway_empty": "No value in the last 24 months.",
    "trend.alt_empty": "No value of {name} in the last 24 months.",
    "trend.limits": "Natural process limits",
    "trend.center": "Average (centre line)",
    "trend.col.lcl": "Lower limit",
    "trend.col.ucl": "Upper limit",
    "trend.col.month": "Month",
    "trend.col.period": "Period",
    "trend.col.value": "Value",
    # --- indicator catalogue ---
    "catalogue.title": "Indicator catalogue",
    "catalogue.intro": (
        "The reference sheet of every indicator in your scope: what it measures, its formula, unit, which "
        "direction is better, how it combines across sites and over time, and its source."
    ),
    "catalogue.empty": "No indicator is defined in this scope.",
    "catalogue.search": "Search",
    "catalogue.search_placeholder": "Code, name, definition, source… (e.g. TF1, waste)",
    "catalogue.kind": "Kind",
    "catalogue.kind_help": "Activity: leading indicators. Result: lagging, performance indicators.",
    "catalogue.count": "{n} of {total} indicators shown.",
    "catalogue.alt": "Catalogue of the {n} indicators shown, with definition, formula, unit, direction, aggregation and source.",
    "catalogue.download": "Download the catalogue (CSV)",
    "catalogue.file_name": "indicator_catalogue.csv",
    "catalogue.card": "Indicator sheet",
    "catalogue.card_pick": "Indicator",
    "catalogue.card_line": "**{name}**: {value}",
    "catalogue.no_objective": "No objective",
    "catalogue.objective_deadline": "(due {month})",
    "catalogue.no_data": "No data",
    "catalogue.coverage": "{n} site(s), from {start} to {end}",
    "catalogue.col.indicator_id": "Code",
    "catalogue.col.indicator": "Indicator",
    "catalogue.col.domain": "Domain",
    "catalogue.col.kind": "Kind",
    "catalogue.col.process": "Process",
    "catalogue.col.formula": "Formula",
    "catalogue.col.unit": "Unit",
    "catalogue.col.polarity": "Direction",
    "catalogue.col.aggregation": "Aggregation",
    "catalogue.col.rate_base": "Base",
    "catalogue.col.frequency": "Frequency",
    "catalogue.col.objective": "Objective",
    "catalogue.col.definition": "Definition",
    "catalogue.col.source": "Source",
    "catalogue.col.coverage": "Data",
}
