"""Messages of the drift page, French (default) and English; keys are prefixed and unique across catalogues."""

FR: dict[str, str] = {
    "nav.drift": "Dérives et objectifs",
    # --- page ---
    "drift.title": "Dérives et objectifs",
    "drift.intro": (
        "Pour chaque indicateur et chaque objectif du périmètre : l'écart à la cible ce mois-ci et depuis le "
        "début de l'objectif, le sens d'évolution, les dérives détectées (CUSUM, EWMA) et une projection jusqu'à "
        "l'échéance de l'objectif avec son intervalle de prévision."
    ),
    "drift.empty_scope": "Votre périmètre ne contient aucun indicateur : rien à projeter.",
    "drift.no_months": "Aucune donnée dans ce périmètre.",
    "drift.no_indicators": "Aucun indicateur dans ce périmètre.",
    "drift.tile.value": "{n}",
    "drift.tile.help.on_track": (
        "Tout l'intervalle de prévision de la valeur à l'échéance atteint l'objectif."
    ),
    "drift.tile.help.at_risk": "Ni en bonne voie ni manqué d'avance : l'intervalle de prévision chevauche la cible.",
    "drift.tile.help.will_miss": (
        "Tout l'intervalle de prévision de la valeur à l'échéance est du mauvais côté de la cible."
    ),
    "drift.tile.drifts": "↯ Dérives défavorables",
    "drift.tile.help.drifts": (
        "Indicateurs dont la carte CUSUM ou EWMA signale un décalage défavorable sur les 12 derniers mois, "
        "par rapport aux 12 mois précédents."
    ),
    "drift.table_title": "Les plus fortes dérives",
    "drift.table_hint": (
        "Du plus grave au moins grave ; cliquez sur un en-tête pour trier, sur une ligne pour voir sa projection. "
        "Écarts en % de la cible : positif = moins bien que la cible."
    ),
    "drift.table_alt": (
        "Tableau de {n} lignes : verdict à l'échéance, statut à ce jour, indicateur, site, écart du mois, écart à ce jour, sens "
        "d'évolution, dérive, objectif, projection à l'échéance, mois de franchissement du seuil d'alerte."
    ),
    "drift.filter_verdict": "Verdict",
    "drift.filter_empty": "Aucune ligne pour ce filtre.",
    "drift.heatmap_section": "Écarts par site",
    "drift.heatmap_single_site": "Un seul site dans le périmètre : la carte par site n'apporte rien ici.",
    "drift.detail_title": "Projection d'un indicateur",
    "drift.detail_pick": "Indicateur",
    "drift.drilldown": "Voir la tendance",
    "drift.drilldown_help": "Ouvre la page Tendances sur cet indicateur.",
    "drift.drilldown_unavailable": "La page Tendances n'est pas encore disponible.",
    "drift.method_title": "Comment le verdict est calculé",
    "drift.method_text": (
        "- **Écart** : orienté par la polarité, positif = moins bien que la cible (en % de la cible). "
        "Pour un cumul (émissions, déchets…), l'écart à ce jour compare au prorata de la cible sur la période de l'objectif.\n"
        "- **Sens d'évolution** : pente des 12 derniers mois (régression linéaire, désaisonnalisée si "
        "l'indicateur est saisonnier) ; « stable » tant que la pente n'est pas significative (p ≥ 0,05).\n"
        "- **Dérive** : cartes CUSUM (k = 0,5σ, h = 5σ) et EWMA (λ = 0,2, L = 3) des 12 derniers mois contre "
        "la moyenne des 12 mois précédents ; σ = MR̄/1,128. Le mois indiqué est le premier signal.\n"
        "- **Projection** : moyenne de modèles pondérée par AICc — niveau constant, tendance linéaire, niveau "
        "évolutif (de presque constant à marche aléatoire), niveau évolutif avec dérive, chacun avec les 12 "
        "effets mensuels dès 24 mois —, à partir de 6 mois (dernière valeur en dessous). Chaque modèle est "
        "résolu exactement : l'incertitude sur ses paramètres (niveau, pente, saison, dispersion) élargit "
        "l'intervalle. Intervalle à {level} % par 1 000 trajectoires simulées, agrégées comme l'indicateur "
        "(cumul, ratio Σ numérateurs / Σ dénominateurs — mois futurs pondérés par le dénominateur moyen des "
        "12 derniers mois —, moyenne) ; sur des séries simulées, l'intervalle de la période contient la valeur "
        "réalisée environ 8 fois sur 10.\n"
        "- **Verdict** : ✗ *Sera manqué* si tout l'intervalle est du mauvais côté de la cible ; ✓ *En bonne "
        "voie* si tout l'intervalle atteint la cible ; ⚠ *À risque* si l'intervalle chevauche la cible.\n"
        "- **Seuil d'alerte franchi** : le mois où la valeur cumulée depuis le début de la période de l'objectif "
        "(celle que juge le tableau de bord) passe le seuil d'alerte, déjà ou selon la projection."
    ),
    # --- coded values ---
    "drift.verdict.on_track": "Tenu à l'échéance",
    "drift.verdict.at_risk": "Incertain à l'échéance",
    "drift.verdict.will_miss": "Manqué à l'échéance",
    "drift.verdict.no_objective": "Sans objectif",
    "drift.verdict.no_data": "Sans données",
    "drift.direction.improving": "S'améliore",
    "drift.direction.stable": "Stable",
    "drift.direction.worsening": "Se dégrade",
    "drift.drift.none": "Aucune",
    "drift.scope_level": "Périmètre",
    "drift.alert.not_crossed": "Non franchi",
    "drift.alert.already": "Déjà, depuis {month}",
    "drift.method.model_average": "Surtout {model} ({share} %), {n} mois",
    "drift.model.level": "niveau constant",
    "drift.model.trend": "tendance linéaire",
    "drift.model.local_level": "niveau évolutif",
    "drift.model.local_level_drift": "niveau évolutif avec dérive",
    "drift.model.seasonal": "{model} + saison",
    "drift.method.naive": "Dernière valeur, {n} mois",
    "drift.quantity.sum": "Le cumul de la période",
    "drift.quantity.ratio": "Le ratio de la période (Σ numérateurs / Σ dénominateurs)",
    "drift.quantity.mean": "La moyenne de la période",
    "drift.quantity.last": "La valeur du dernier mois",
    # --- table ---
    "drift.col.row_id": "Ligne",
    "drift.col.verdict": "Verdict à l'échéance",
    "drift.col.indicator_id": "Code",
    "drift.col.indicator": "Indicateur",
    "drift.col.site": "Site",
    "drift.col.gap_now_pct": "Écart du mois",
    "drift.col.gap_ytd_pct": "Écart à ce jour",
    "drift.col.direction": "Sens d'évolution",
    "drift.col.drift": "Dérive (1er signal)",
    "drift.col.objective": "Objectif",
    "drift.col.projection": "Projection à l'échéance",
    "drift.col.projected_gap_pct": "Écart projeté",
    "drift.col.alert": "Seuil d'alerte franchi",
    "drift.col.trend": "24 derniers mois",
    "drift.col.model": "Modèle",
    "drift.col.verdict_help": "Verdict sur la valeur projetée à l'échéance de l'objectif et son intervalle de prévision.",
    "drift.col.gap_now_pct_help": (
        "Valeur du dernier mois contre la cible (mensualisée pour un cumul), en % de la cible ; positif = moins bien."
    ),
    "drift.col.gap_ytd_pct_help": (
        "Valeur depuis le début de la période de l'objectif contre la cible (au prorata pour un cumul), en % ; "
        "positif = moins bien."
    ),
    "drift.col.direction_help": (
        "Pente des 12 derniers mois lue selon la polarité ; « stable » si elle n'est pas significative (p ≥ 0,05)."
    ),
    "drift.col.drift_help": "Premier mois signalé par la carte CUSUM ou EWMA des 12 derniers mois.",
    "drift.col.projection_help": "Valeur de la période de l'objectif projetée à l'échéance (intervalle de prévision à 80 %).",
    "drift.col.projected_gap_pct_help": "Écart de la projection à la cible, en % de la cible ; positif = moins bien.",
    "drift.col.alert_help": "Mois où la valeur depuis le début de la période passe le seuil d'alerte (constaté ou projeté).",
    "drift.col.model_help": (
        "Modèle qui pèse le plus dans la moyenne de modèles (sa part du poids) et mois d'historique utilisés."
    ),
    # --- heat map ---
    "drift.heatmap.title": "Écart à la cible depuis le début de l'objectif, par site et par indicateur",
    "drift.heatmap.colorbar": "Écart en % de la cible",
    "drift.heatmap.better": "{pct} mieux",
    "drift.heatmap.on_target": "à la cible",
    "drift.heatmap.worse": "{pct} moins bien",
    "drift.heatmap.takeaway": (
        "{behind} couples site × indicateur sur {judged} sont moins bien que leur cible ; le plus grand écart : "
        "{indicator} ({name}) à {site}, {gap}."
    ),
    "drift.heatmap.takeaway_drifts": "{n} montrent une dérive défavorable (↯).",
    "drift.heatmap.takeaway_none": "Aucun indicateur n'a d'objectif par site dans ce périmètre.",
    "drift.heatmap.alt": (
        "Carte de chaleur de {n} écarts site × indicateur ; {behind} moins bien que la cible. Les plus grands :"
    ),
    "drift.heatmap.legend": (
        "Dans chaque case : ✓ atteint, ! à surveiller, ✗ non atteint, puis l'écart en % de la cible "
        "(positif = moins bien) ; ↯ = dérive défavorable détectée. Les cumuls sans objectif propre au site "
        "n'ont pas d'écart (la cible du groupe est un total)."
    ),
    "drift.heatmap.col.indicator_id": "Code",
    "drift.heatmap.col.indicator": "Indicateur",
    "drift.heatmap.col.site": "Site",
    "drift.heatmap.col.ytd": "Depuis le début de l'objectif",
    "drift.heatmap.col.target": "Cible à date",
    "drift.heatmap.col.gap": "Écart",
    "drift.heatmap.col.status": "Statut à ce jour",
    "drift.heatmap.col.drift": "Dérive",
    # --- projection ---
    "drift.projection.title": "{name} : historique et projection à l'échéance",
    "drift.projection.title_cumulative": "{name} : cumul de la période et projection à l'échéance",
    "drift.projection.actual": "Valeur mensuelle",
    "drift.projection.actual_cumulative": "Cumul constaté",
    "drift.projection.fitted": "Valeurs ajustées par le modèle",
    "drift.projection.forecast": "Projection",
    "drift.projection.band": "Intervalle de prévision à {level} %",
    "drift.projection.target": "Objectif {value}",
    "drift.projection.alert": "Seuil d'alerte {value}",
    "drift.projection.year_value": "Valeur de la période projetée",
    "drift.projection.deadline": "Échéance {month}",
    "drift.projection.alt": (
        "Graphique de {name} de {start} à {end} (entre {low} et {high}), projeté jusqu'à l'échéance "
        "(modèle : {model})."
    ),
    "drift.projection.col.month": "Mois",
    "drift.projection.col.actual": "Constaté",
    "drift.projection.col.actual_cumulative": "Cumul constaté",
    "drift.projection.col.fitted": "Ajusté",
    "drift.projection.col.projected": "Projeté",
    "drift.projection.col.lower": "Borne basse ({level} %)",
    "drift.projection.col.upper": "Borne haute ({level} %)",
    "drift.figure.gap_now": "Écart {month}",
    "drift.figure.gap_ytd": "Écart à ce jour",
    "drift.figure.projection": "Projection {month} ({unit})",
    "drift.figure.value_help": "Valeur : {value}.",
    "drift.figure.alert": "Seuil d'alerte franchi en",
    "drift.figure.alert_already": "Seuil d'alerte dépassé depuis",
    "drift.explain.no_data": "Pas de donnée sur la période : pas de projection.",
    "drift.explain.no_objective": (
        "Pas d'objectif actif : {quantity} est projeté à {projection} en {deadline}, sans verdict."
    ),
    "drift.explain.on_track": (
        "{quantity} est projeté à {projection} en {deadline} (intervalle à {level} %), pour un objectif {objective} : "
        "l'objectif devrait être atteint."
    ),
    "drift.explain.at_risk": (
        "{quantity} est projeté à {projection} en {deadline} (intervalle à {level} %), pour un objectif {objective} : "
        "l'issue est incertaine."
    ),
    "drift.explain.will_miss": (
        "{quantity} est projeté à {projection} en {deadline} (intervalle à {level} %), pour un objectif {objective} : "
        "l'objectif ne sera pas atteint sans action."
    ),
    "drift.explain.alert_already": "Le seuil d'alerte ({alert}) est dépassé depuis {month}.",
    "drift.explain.alert_future": "Le seuil d'alerte ({alert}) serait franchi en {month}.",
    "drift.verdict_heading": "Verdict",
    "drift.col.status": "Statut à ce jour",
    "drift.col.status_help": (
        "Le statut du tableau de bord : la valeur depuis le début de la période de l'objectif contre la cible au "
        "prorata, maintenant. Le verdict, lui, porte sur l'échéance."
    ),
    # --- stored results (issue 14) ---
    "drift.computed_ago": "Calculé {age}, à partir des données enregistrées à ce moment-là.",
    "drift.live_subset": (
        "Sélection de plusieurs sites : calculé pour cette sélection à l'ouverture (les vues groupe et par site "
        "sont précalculées)."
    ),
    "drift.computing": "Premier calcul de ce mois pour ce périmètre…",
    "drift.stale": (
        "Une saisie plus récente est en cours de prise en compte ({n} indicateur(s) concerné(s)) : les chiffres "
        "ci-dessous sont ceux d'avant elle et seront remplacés dès le recalcul terminé."
    ),
    "drift.refreshing": "Recalcul en cours : {done} sur {total}.",
    "drift.heatmap.limited": (
        "Carte limitée aux {sites} sites et {indicators} indicateurs les plus en écart (sur {all_sites} sites et "
        "{all_indicators} indicateurs) ; filtrez le périmètre pour voir les autres."
    ),
    "refresh.cli.done": "{entries} calcul(s) refait(s), {rows} ligne(s) écrite(s) pour {months} en {seconds} s.",
    "refresh.cli.progress": "… {done} sur {total}",
    "age.now": "à l'instant",
    "age.minutes": "il y a {n} min",
    "age.hours": "il y a {n} h",
    "age.days": "il y a {n} j",
}

EN: dict[str, str] = {
    "nav.drift": "Drift and objectives",
    # --- page ---
    "drift.title": "Drift and objectives",
    "drift.intro": (
        "For every indicator and objective in scope: the gap to target this month and over the objective period to date, the direction "
        "of travel, drifts detected (CUSUM, EWMA) and a projection to the objective's deadline with its "
        "prediction interval."
    ),
    "drift.empty_scope": "Your scope holds no indicator: nothing to project.",
    "drift.no_months": "No data in this scope.",
    "drift.no_indicators": "No indicator in this scope.",
    "drift.tile.value": "{n}",
    "drift.tile.help.on_track": (
        "The whole prediction interval of the value at the deadline meets the objective."
    ),
    "drift.tile.help.at_risk": "Neither on track nor missed in advance: the prediction interval straddles the target.",
    "drift.tile.help.will_miss": (
        "The whole prediction interval of the value at the deadline is on the wrong side of the target."
    ),
    "drift.tile.drifts": "↯ Unfavourable drifts",
    "drift.tile.help.drifts": (
        "Indicators whose CUSUM or EWMA chart signals an unfavourable shift over the last 12 months, "
        "against the 12 months before."
    ),
    "drift.table_title": "Worst drifts",
    "drift.table_hint": (
        "Worst first; click a header to sort, a row to see its projection. Gaps in % of the target: "
        "positive = worse than target."
    ),
    "drift.table_alt": (
        "Table of {n} rows: verdict at deadline, status to date, indicator, site, gap this month, gap to date, direction of travel, "
        "drift, objective, projection at the deadline, month the alert threshold is crossed."
    ),
    "drift.filter_verdict": "Verdict",
    "drift.filter_empty": "No row for this filter.",
    "drift.heatmap_section": "Gaps by site",
    "drift.heatmap_single_site": "Only one site in scope: a by-site map adds nothing here.",
    "drift.detail_title": "One indicator's projection",
    "drift.detail_pick": "Indicator",
    "drift.drilldown": "See the detailed trend",
    "drift.drilldown_help": "Opens the Trends page on this indicator.",
    "drift.drilldown_unavailable": "The Trends page is not available yet.",
    "drift.method_title": "How the verdict is computed",
    "drift.method_text": (
        "- **Gap**: oriented by polarity, positive = worse than target (in % of the target). For a total "
        "(emissions, waste…), the gap to date compares with the target prorated over the objective's period.\n"
        "- **Direction of travel**: slope of the last 12 months (linear regression, deseasonalised when the "
        'indicator is seasonal); "stable" while the slope is not significant (p ≥ 0.05).\n'
        "- **Drift**: CUSUM (k = 0.5σ, h = 5σ) and EWMA (λ = 0.2, L = 3) charts of the last 12 months against "
        "the mean of the 12 months before; σ = MR̄/1.128. The month shown is the first signal.\n"
        "- **Projection**: an AICc-weighted average of models — constant level, linear trend, evolving level "
        "(from almost constant to a random walk), evolving level with a drift, each with the 12 monthly "
        "effects from 24 months — from 6 months (the last value below). Each model is solved exactly: the "
        "uncertainty of its parameters (level, slope, season, spread) widens the interval. {level}% interval "
        "from 1,000 simulated paths, aggregated like the indicator (total, ratio Σ numerators / Σ denominators "
        "— future months weighted by the mean denominator of the last 12 months —, mean); on simulated series "
        "the period's interval holds the realised value about 8 times in 10.\n"
        "- **Verdict**: ✗ *Will miss* when the whole interval is on the wrong side of the target; ✓ *On track* "
        "when the whole interval meets the target; ⚠ *At risk* when the interval straddles the target.\n"
        "- **Alert threshold crossed**: the month the value since the start of the objective's period (the one "
        "the scorecard judges) goes beyond the alert threshold, already or per the projection."
    ),
    # --- coded values ---
    "drift.verdict.on_track": "On track for deadline",
    "drift.verdict.at_risk": "Uncertain at deadline",
    "drift.verdict.will_miss": "Will miss the deadline",
    "drift.verdict.no_objective": "No objective",
    "drift.verdict.no_data": "No data",
    "drift.direction.improving": "Improving",
    "drift.direction.stable": "Stable",
    "drift.direction.worsening": "Worsening",
    "drift.drift.none": "None",
    "drift.scope_level": "Scope",
    "drift.alert.not_crossed": "Not crossed",
    "drift.alert.already": "Already, since {month}",
    "drift.method.model_average": "Mostly {model} ({share}%), {n} months",
    "drift.model.level": "constant level",
    "drift.model.trend": "linear trend",
    "drift.model.local_level": "evolving level",
    "drift.model.local_level_drift": "evolving level with drift",
    "drift.model.seasonal": "{model} + season",
    "drift.method.naive": "Last value, {n} months",
    "drift.quantity.sum": "The period's total",
    "drift.quantity.ratio": "The period's ratio (Σ numerators / Σ denominators)",
    "drift.quantity.mean": "The period's mean",
    "drift.quantity.last": "The last month's value",
    # --- table ---
    "drift.col.row_id": "Row",
    "drift.col.verdict": "Verdict at deadline",
    "drift.col.indicator_id": "Code",
    "drift.col.indicator": "Indicator",
    "drift.col.site": "Site",
    "drift.col.gap_now_pct": "Gap this month",
    "drift.col.gap_ytd_pct": "Gap to date",
    "drift.col.direction": "Direction of travel",
    "drift.col.drift": "Drift (first signal)",
    "drift.col.objective": "Objective",
    "drift.col.projection": "Projection at deadline",
    "drift.col.projected_gap_pct": "Projected gap",
    "drift.col.alert": "Alert threshold crossed",
    "drift.col.trend": "Last 24 months",
    "drift.col.model": "Model",
    "drift.col.verdict_help": "Verdict on the value projected at the objective's deadline and its prediction interval.",
    "drift.col.gap_now_pct_help": (
        "Latest month's value against the target (per month for a total), in % of the target; positive = worse."
    ),
    "drift.col.gap_ytd_pct_help": (
        "Value since the start of the objective's period against the target (prorated for a total), in %; "
        "positive = worse."
    ),
    "drift.col.direction_help": (
        'Slope of the last 12 months read by polarity; "stable" when it is not significant (p ≥ 0.05).'
    ),
    "drift.col.drift_help": "First month signalled by the CUSUM or EWMA chart of the last 12 months.",
    "drift.col.projection_help": "The objective period's value projected at the deadline (80% prediction interval).",
    "drift.col.projected_gap_pct_help": "Gap of the projection to the target, in % of the target; positive = worse.",
    "drift.col.alert_help": "Month the value since the start of the period goes beyond the alert threshold (seen or projected).",
    "drift.col.model_help": (
        "The model weighing most in the average of models (its share of the weight) and the months of history used."
    ),
    # --- heat map ---
    "drift.heatmap.title": "Gap to target over the objective period to date, by site and indicator",
    "drift.heatmap.colorbar": "Gap in % of target",
    "drift.heatmap.better": "{pct} better",
    "drift.heatmap.on_target": "on target",
    "drift.heatmap.worse": "{pct} worse",
    "drift.heatmap.takeaway": (
        "{behind} of {judged} site × indicator pairs are worse than their target; the largest gap: "
        "{indicator} ({name}) at {site}, {gap}."
    ),
    "drift.heatmap.takeaway_drifts": "{n} show an unfavourable drift (↯).",
    "drift.heatmap.takeaway_none": "No indicator has a by-site objective in this scope.",
    "drift.heatmap.alt": "Heat map of {n} site × indicator gaps; {behind} worse than target. The largest:",
    "drift.heatmap.legend": (
        "In each cell: ✓ met, ! at risk, ✗ missed, then the gap in % of the target (positive = worse); "
        "↯ = unfavourable drift detected. Totals without a site objective of their own have no gap (the "
        "group's target is a group total)."
    ),
    "drift.heatmap.col.indicator_id": "Code",
    "drift.heatmap.col.indicator": "Indicator",
    "drift.heatmap.col.site": "Site",
    "drift.heatmap.col.ytd": "Objective period to date",
    "drift.heatmap.col.target": "Target to date",
    "drift.heatmap.col.gap": "Gap",
    "drift.heatmap.col.status": "Status to date",
    "drift.heatmap.col.drift": "Drift",
    # --- projection ---
    "drift.projection.title": "{name}: history and projection to the deadline",
    "drift.projection.title_cumulative": "{name}: running total of the period and projection to the deadline",
    "drift.projection.actual": "Monthly value",
    "drift.projection.actual_cumulative": "Running total",
    "drift.projection.fitted": "Model's fitted values",
    "drift.projection.forecast": "Projection",
    "drift.projection.band": "{level}% prediction interval",
    "drift.projection.target": "Objective {value}",
    "drift.projection.alert": "Alert threshold {value}",
    "drift.projection.year_value": "Projected period value",
    "drift.projection.deadline": "Deadline {month}",
    "drift.projection.alt": (
        "Chart of {name} from {start} to {end} (between {low} and {high}), projected to the deadline "
        "(model: {model})."
    ),
    "drift.projection.col.month": "Month",
    "drift.projection.col.actual": "Actual",
    "drift.projection.col.actual_cumulative": "Running total",
    "drift.projection.col.fitted": "Fitted",
    "drift.projection.col.projected": "Projected",
    "drift.projection.col.lower": "Lower bound ({level}%)",
    "drift.projection.col.upper": "Upper bound ({level}%)",
    "drift.figure.gap_now": "Gap {month}",
    "drift.figure.gap_ytd": "Gap to date",
    "drift.figure.projection": "Projection {month} ({unit})",
    "drift.figure.value_help": "Value: {value}.",
    "drift.figure.alert": "Alert threshold crossed in",
    "drift.figure.alert_already": "Alert threshold exceeded since",
    "drift.explain.no_data": "No data in the period: no projection.",
    "drift.explain.no_objective": (
        "No active objective: {quantity} is projected at {projection} in {deadline}, without a verdict."
    ),
    "drift.explain.on_track": (
        "{quantity} is projected at {projection} in {deadline} ({level}% interval), against an objective of "
        "{objective}: the objective should be met."
    ),
    "drift.explain.at_risk": (
        "{quantity} is projected at {projection} in {deadline} ({level}% interval), against an objective of "
        "{objective}: the outcome is uncertain."
    ),
    "drift.explain.will_miss": (
        "{quantity} is projected at {projection} in {deadline} ({level}% interval), against an objective of "
        "{objective}: the objective will be missed without action."
    ),
    "drift.explain.alert_already": "The alert threshold ({alert}) has been exceeded since {month}.",
    "drift.explain.alert_future": "The alert threshold ({alert}) would be crossed in {month}.",
    "drift.verdict_heading": "Verdict",
    "drift.col.status": "Status to date",
    "drift.col.status_help": (
        "The scorecard's status: the value since the objective's period began against the prorated target, now. "
        "The verdict is about the deadline."
    ),
    # --- stored results (issue 14) ---
    "drift.computed_ago": "Computed {age}, from the data recorded at that time.",
    "drift.live_subset": (
        "Several sites selected: computed for this selection when opened (the group and per-site views are "
        "precomputed)."
    ),
    "drift.computing": "First computation of this month for this scope…",
    "drift.stale": (
        "A newer entry is being taken into account ({n} indicator(s) affected): the figures below are those "
        "from before it and will be replaced when the recomputation ends."
    ),
    "drift.refreshing": "Recomputing: {done} of {total}.",
    "drift.heatmap.limited": (
        "Map limited to the {sites} sites and {indicators} indicators furthest off target (out of {all_sites} "
        "sites and {all_indicators} indicators); narrow the scope to see the others."
    ),
    "refresh.cli.done": "{entries} entries recomputed, {rows} rows written for {months} in {seconds} s.",
    "refresh.cli.progress": "… {done} of {total}",
    "age.now": "just now",
    "age.minutes": "{n} min ago",
    "age.hours": "{n} h ago",
    "age.days": "{n} days ago",
}
