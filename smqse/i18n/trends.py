"""Messages of the trends page, French (default) and English; keys are prefixed and unique across catalogues."""

FR: dict[str, str] = {
    "nav.trends": "Tendances",
    # --- page
    "trends.title": "Tendances d'un indicateur",
    "trends.intro": (
        "La carte de comportement du processus sépare le signal du bruit : tant que les points restent "
        "entre les limites naturelles sans motif particulier, le processus est stable et chaque écart "
        "mensuel est du bruit."
    ),
    "trends.empty_scope": "Aucun indicateur à afficher : votre périmètre (ou la sélection) est vide.",
    "trends.no_months": "Aucune donnée dans ce périmètre.",
    "trends.no_indicators": "Aucun indicateur dans ce périmètre.",
    "trends.no_data": "Aucune valeur pour cet indicateur dans le périmètre choisi jusqu'à {month}.",
    "trends.pick": "Indicateur",
    "trends.pick_help": "Par défaut, le premier indicateur qui montre un signal récent défavorable.",
    "trends.window": "Période affichée",
    "trends.window.24": "24 mois",
    "trends.window.36": "36 mois",
    "trends.window.60": "5 ans",
    "trends.window.0": "Tout",
    "trends.rules": "Règles de détection",
    "trends.rules_help": (
        "Western Electric (1956) : 4 règles, le standard. Nelson (1984) : 8 règles, plus sensibles "
        "(tendances, alternances, mélanges), donc plus de fausses alertes. Le tableau de bord et le mode « comme "
        "le tableau de bord » appliquent les règles 1, 2 et 4 de Western Electric (la règle 3 y donnerait trop "
        "de fausses alertes)."
    ),
    "trends.ruleset.western_electric": "Western Electric",
    "trends.ruleset.nelson": "Nelson",
    "trends.limits_mode": "Limites calculées sur",
    "trends.limits_mode.scorecard": "comme le tableau de bord",
    "trends.limits_mode.reference": "une période de référence",
    "trends.limits_mode.all": "toute la période",
    "trends.limits_mode.change": "avant/après un changement",
    "trends.limits_help": (
        "Comme le tableau de bord : les limites et les règles (1, 2 et 4 de Western Electric) du tableau de "
        "bord, sur les 48 derniers mois, saison retirée quand elle est forte ; les signaux des 6 derniers mois "
        "sont ceux du tableau de bord. "
        "Période de référence : les limites viennent d'une période stable et sont prolongées, de sorte "
        "qu'un déplacement ultérieur apparaît comme un signal au lieu d'être absorbé dans la moyenne. "
        "Changement déclaré : deux phases, chacune avec ses propres limites."
    ),
    "trends.baseline_pick": "Période de référence",
    "trends.change_pick": "Mois du changement déclaré (nouvelle machine, nouvelle méthode…)",
    "trends.provisional": (
        "Limites provisoires : calculées sur {n} points seulement (12 au moins sont conseillés, 20 à 25 "
        "idéalement)."
    ),
    "trends.laney_note": (
        "Carte de Laney (p′ ou u′) : avec de grands effectifs, les mois varient plus que le modèle "
        "binomial ou de Poisson ne le prévoit ; les limites sont élargies à la variation réellement "
        "observée (σz = {sigma_z})."
    ),
    "trends.sum_note": (
        "L'objectif de cet indicateur est un total sur sa période : il n'est pas tracé sur les valeurs "
        "mensuelles."
    ),
    "trends.stl_toggle": "Retirer la saisonnalité (STL)",
    "trends.stl_help": (
        "Décomposition STL (période 12) : la carte porte alors sur les valeurs désaisonnalisées, pour que "
        "la fermeture d'août ne soit plus prise pour un signal."
    ),
    "trends.stl_offer": (
        "Indicateur saisonnier (force de la saisonnalité {strength} sur {n} mois) : les creux et pics "
        "récurrents peuvent passer pour des signaux."
    ),
    "trends.adjusted_note": (
        "Valeurs désaisonnalisées (valeur − composante saisonnière STL), sur une carte XmR ; l'objectif "
        "n'est pas tracé."
    ),
    "trends.intervals_toggle": "Afficher l'intervalle de confiance à 95 %",
    "trends.intervals_help": (
        "Un taux calculé sur une petite exposition est imprécis : intervalle exact de Poisson (Garwood) "
        "pour un nombre d'événements rapporté à une exposition, intervalle de Wilson pour une proportion."
    ),
    "trends.signals_heading": "Ce que disent les signaux",
    "trends.verdict": "**Verdict du tableau de bord** : {sentence}",
    "trends.no_signals": "Aucun signal sur la période affichée : le processus est stable, les écarts sont du bruit.",
    "trends.sites_heading": "Comparaison des sites",
    "trends.sites_more": "{shown} sites affichés sur {total} : ceux qui montrent un signal récent défavorable d'abord.",
    "trends.sites_one": "Un seul site dans le périmètre : pas de comparaison.",
    "trends.exposure_heading": "Exposition et précision du taux",
    "trends.seasonality_heading": "Saisonnalité",
    "trends.drill_unknown": "L'indicateur demandé ({id}) n'est pas dans votre périmètre.",
    # --- signals in words
    "trends.when.in": "en {month}",
    "trends.when.since": "depuis {month}",
    "trends.when.between": "de {first} à {last}",
    "trends.run.beyond.one.up": "un point au-dessus de la limite haute {when} : une cause spéciale à chercher",
    "trends.run.beyond.one.down": "un point sous la limite basse {when} : une cause spéciale à chercher",
    "trends.run.beyond.many.up": "{n} points au-dessus de la limite haute {when} : des causes spéciales à chercher",
    "trends.run.beyond.many.down": "{n} points sous la limite basse {when} : des causes spéciales à chercher",
    "trends.run.side.up": "{n} mois de suite au-dessus de la moyenne {when} : un déplacement durable",
    "trends.run.side.down": "{n} mois de suite au-dessous de la moyenne {when} : un déplacement durable",
    "trends.run.zone1.up": "4 mois sur 5 nettement au-dessus de la moyenne {when} : un déplacement probable",
    "trends.run.zone1.down": "4 mois sur 5 nettement au-dessous de la moyenne {when} : un déplacement probable",
    "trends.run.zone2.up": "2 mois sur 3 près de la limite haute {when} : un signal précoce",
    "trends.run.zone2.down": "2 mois sur 3 près de la limite basse {when} : un signal précoce",
    "trends.run.trend.up": "{n} mois de hausse continue {when} : une tendance",
    "trends.run.trend.down": "{n} mois de baisse continue {when} : une tendance",
    "trends.run.alternating": "{n} mois en dents de scie {when} : deux sources qui alternent ou une sur-correction",
    "trends.run.hugging": (
        "{n} mois de suite tout près de la moyenne {when} : des limites trop larges (données mélangées ou lissées ?)"
    ),
    "trends.run.mixture": "{n} mois de suite loin de la moyenne, des deux côtés, {when} : un mélange de deux régimes",
    "trends.rules_one": "règle {rules} de {set}",
    "trends.rules_many": "règles {rules} de {set}",
    # --- behaviour chart
    "trends.chart.title": "{name} : carte de comportement du processus",
    "trends.takeaway.too_short": "Trop peu de valeurs pour calculer des limites naturelles.",
    "trends.takeaway.stable": (
        "Aucun signal sur les {months} derniers mois : les valeurs restent entre les limites naturelles "
        "({lcl} à {ucl}), les écarts sont du bruit."
    ),
    "trends.takeaway.last_signal": "Dernier signal : {sentence}.",
    "trends.takeaway.phases": "Après le changement déclaré en {month}, la moyenne passe de {before} à {after}.",
    "trends.alt.empty": "Aucune valeur de {name} sur la période.",
    "trends.alt.series": (
        "Graphique en ligne de {name} ({chart}) : {n} valeurs mensuelles de {start} à {end}, entre {low} "
        "({low_month}) et {high} ({high_month}) ; dernière valeur {last}."
    ),
    "trends.alt.limits": "De {first} à {last} : moyenne {center}, limites naturelles de {lcl} à {ucl}.",
    "trends.alt.objective": "Ligne d'objectif à {target}.",
    "trends.alt.signals": "{n} épisodes de signal : {list}.",
    "trends.alt.signals_one": "Un épisode de signal : {list}.",
    "trends.alt.no_signal": "Aucun signal.",
    "trends.legend.limits": "Limites naturelles",
    "trends.legend.center": "Moyenne (ligne centrale)",
    "trends.legend.baseline": "Période de référence",
    "trends.legend.change": "Changement déclaré ({month})",
    "trends.legend.values": "Valeur mensuelle",
    "trends.legend.adjusted": "Valeur désaisonnalisée",
    "trends.legend.target": "Objectif {value}",
    "trends.legend.alert": "Seuil d'alerte {value}",
    "trends.legend.target_plain": "Objectif",
    "trends.marker.beyond": "Hors limites (règle 1)",
    "trends.marker.run": "Dans un motif (autres règles)",
    "trends.hover.rules": "signal, règle {rules}",
    "trends.hover.interval": " (IC 95 % : {low} à {high})",
    "trends.col.month": "Mois",
    "trends.col.period": "Période",
    "trends.col.value": "Valeur",
    "trends.col.interval": "IC 95 %",
    "trends.col.center": "Moyenne",
    "trends.col.lcl": "Limite basse",
    "trends.col.ucl": "Limite haute",
    "trends.col.signal": "Signal",
    "trends.col.precision": "Précision",
    # --- sites
    "trends.sites.title": "{name} : un graphique par site",
    "trends.sites.stable": "stable",
    "trends.sites.signal_unfavourable": "signal défavorable",
    "trends.sites.signal_favourable": "signal favorable",
    "trends.sites.signal_neutral": "signal",
    "trends.sites.takeaway_none": "Aucun des {n} sites ne montre de signal sur les {months} derniers mois.",
    "trends.sites.takeaway": "{n} sites sur {total} montrent un signal sur les {months} derniers mois.",
    "trends.sites.takeaway_one": "{n} site sur {total} montre un signal sur les {months} derniers mois.",
    "trends.sites.alt": "Petits multiples de {name}, un graphique par site ({n}), même échelle verticale, chacun avec ses limites :",
    "trends.sites.alt_site": "{site} : dernière valeur {last}, moyenne {center}, {verdict}",
    # --- seasonality
    "trends.stl.title": "{name} : décomposition saisonnière (STL)",
    "trends.stl.too_short": "Il faut au moins 24 mois complets pour décomposer la saisonnalité.",
    "trends.stl.takeaway_seasonal": (
        "Saisonnalité marquée (force {strength} sur 1) : creux en {low_month} ({low} par rapport à la "
        "tendance), pic en {high_month} ({high})."
    ),
    "trends.stl.takeaway_weak": (
        "Saisonnalité faible (force {strength} sur 1) : les écarts de {low_month} ({low}) et de "
        "{high_month} ({high}) ne se distinguent guère du bruit."
    ),
    "trends.stl.alt": "Quatre graphiques superposés de {name} : valeurs observées, tendance, composante saisonnière et résidu.",
    "trends.stl.observed": "Valeurs observées",
    "trends.stl.trend": "Tendance",
    "trends.stl.seasonal": "Composante saisonnière",
    "trends.stl.remainder": "Résidu",
    # --- exposure
    "trends.exposure.default": "Exposition",
    "trends.exposure.numerator": "Numérateur",
    "trends.exposure.none": "Aucune exposition enregistrée sur la période.",
    "trends.exposure.title": "Exposition mensuelle : {label}",
    "trends.exposure.takeaway": "{label} : de {low} ({low_month}) à {high} ({high_month}) par mois.",
    "trends.exposure.imprecise": (
        "{n} mois sur {total} ont un intervalle à 95 % plus large que le taux lui-même : lisez-les comme "
        "des ordres de grandeur, pas des valeurs précises."
    ),
    "trends.exposure.precise": "Les {total} taux mensuels sont assez précis (intervalles à 95 % étroits).",
    "trends.exposure.bar": "{label}",
    "trends.exposure.bar_imprecise": "{label} — taux imprécis",
    "trends.exposure.alt": "Diagramme en barres : {label} pour {n} mois.",
    "trends.exposure.imprecise_word": "⚠ imprécis",
    "trends.exposure.precise_word": "précis",
}

EN: dict[str, str] = {
    "nav.trends": "Trends",
    # --- page
    "trends.title": "Indicator trends",
    "trends.intro": (
        "The process behaviour chart separates signal from noise: as long as the points stay within the "
        "natural process limits without a pattern, the process is stable and each month's movement is noise."
    ),
    "trends.empty_scope": "No indicator to show: your scope (or the selection) is empty.",
    "trends.no_months": "No data in this scope.",
    "trends.no_indicators": "No indicator in this scope.",
    "trends.no_data": "No value for this indicator in the chosen scope up to {month}.",
    "trends.pick": "Indicator",
    "trends.pick_help": "By default, the first indicator showing a recent unfavourable signal.",
    "trends.window": "Period shown",
    "trends.window.24": "24 months",
    "trends.window.36": "36 months",
    "trends.window.60": "5 years",
    "trends.window.0": "All",
    "trends.rules": "Detection rules",
    "trends.rules_help": (
        "Western Electric (1956): 4 rules, the standard. Nelson (1984): 8 rules, more sensitive (trends, "
        "alternation, mixtures), hence more false alarms. The scorecard and the “as on the scorecard” mode apply "
        "Western Electric rules 1, 2 and 4 (rule 3 would raise too many false alarms there)."
    ),
    "trends.ruleset.western_electric": "Western Electric",
    "trends.ruleset.nelson": "Nelson",
    "trends.limits_mode": "Limits computed from",
    "trends.limits_mode.scorecard": "as on the scorecard",
    "trends.limits_mode.reference": "a reference period",
    "trends.limits_mode.all": "the whole period",
    "trends.limits_mode.change": "before/after a change",
    "trends.limits_help": (
        "As on the scorecard: the scorecard's limits and rules (Western Electric 1, 2 and 4) over the last "
        "48 months, season removed when strong; the signals of the last 6 months are the scorecard's. "
        "Reference period: limits come from a stable period and are extended, so that a later shift shows "
        "as a signal instead of being absorbed into the average. Declared change: two phases, each with its "
        "own limits."
    ),
    "trends.baseline_pick": "Reference period",
    "trends.change_pick": "Month of the declared change (new machine, new method…)",
    "trends.provisional": (
        "Provisional limits: computed from {n} points only (at least 12 are advised, 20 to 25 ideally)."
    ),
    "trends.laney_note": (
        "Laney chart (p′ or u′): with large samples, months vary more than the binomial or Poisson model "
        "allows; the limits are widened to the variation actually seen (σz = {sigma_z})."
    ),
    "trends.sum_note": "This indicator's objective is a total over its period: it is not drawn on monthly values.",
    "trends.stl_toggle": "Remove seasonality (STL)",
    "trends.stl_help": (
        "STL decomposition (period 12): the chart then shows seasonally adjusted values, so that the August "
        "shutdown is no longer taken for a signal."
    ),
    "trends.stl_offer": (
        "Seasonal indicator (seasonality strength {strength} over {n} months): recurring dips and peaks "
        "can pass for signals."
    ),
    "trends.adjusted_note": (
        "Seasonally adjusted values (value − STL seasonal component), on an XmR chart; the objective is not drawn."
    ),
    "trends.intervals_toggle": "Show the 95% confidence interval",
    "trends.intervals_help": (
        "A rate from a small exposure is imprecise: exact Poisson interval (Garwood) for a count over an "
        "exposure, Wilson interval for a proportion."
    ),
    "trends.signals_heading": "What the signals say",
    "trends.verdict": "**The scorecard's verdict**: {sentence}",
    "trends.no_signals": "No signal over the period shown: the process is stable, the movements are noise.",
    "trends.sites_heading": "Sites compared",
    "trends.sites_more": "{shown} of {total} sites shown: those with a recent unfavourable signal first.",
    "trends.sites_one": "Only one site in scope: nothing to compare.",
    "trends.exposure_heading": "Exposure and precision of the rate",
    "trends.seasonality_heading": "Seasonality",
    "trends.drill_unknown": "The requested indicator ({id}) is not in your scope.",
    # --- signals in words
    "trends.when.in": "in {month}",
    "trends.when.since": "since {month}",
    "trends.when.between": "from {first} to {last}",
    "trends.run.beyond.one.up": "one point above the upper limit {when}: a special cause to look for",
    "trends.run.beyond.one.down": "one point below the lower limit {when}: a special cause to look for",
    "trends.run.beyond.many.up": "{n} points above the upper limit {when}: special causes to look for",
    "trends.run.beyond.many.down": "{n} points below the lower limit {when}: special causes to look for",
    "trends.run.side.up": "{n} months in a row above the average {when}: a sustained shift",
    "trends.run.side.down": "{n} months in a row below the average {when}: a sustained shift",
    "trends.run.zone1.up": "4 months out of 5 well above the average {when}: a likely shift",
    "trends.run.zone1.down": "4 months out of 5 well below the average {when}: a likely shift",
    "trends.run.zone2.up": "2 months out of 3 near the upper limit {when}: an early warning",
    "trends.run.zone2.down": "2 months out of 3 near the lower limit {when}: an early warning",
    "trends.run.trend.up": "{n} months of steady rise {when}: a trend",
    "trends.run.trend.down": "{n} months of steady fall {when}: a trend",
    "trends.run.alternating": "{n} months of zig-zag {when}: two alternating sources or over-adjustment",
    "trends.run.hugging": "{n} months in a row close to the average {when}: limits too wide (mixed or smoothed data?)",
    "trends.run.mixture": "{n} months in a row far from the average, on both sides, {when}: a mixture of two regimes",
    "trends.rules_one": "{set} rule {rules}",
    "trends.rules_many": "{set} rules {rules}",
    # --- behaviour chart
    "trends.chart.title": "{name}: process behaviour chart",
    "trends.takeaway.too_short": "Too few values to compute natural process limits.",
    "trends.takeaway.stable": (
        "No signal in the last {months} months: values stay within the natural process limits ({lcl} to "
        "{ucl}); the movements are noise."
    ),
    "trends.takeaway.last_signal": "Latest signal: {sentence}.",
    "trends.takeaway.phases": "After the change declared in {month}, the average moves from {before} to {after}.",
    "trends.alt.empty": "No value of {name} over the period.",
    "trends.alt.series": (
        "Line chart of {name} ({chart}): {n} monthly values from {start} to {end}, between {low} "
        "({low_month}) and {high} ({high_month}); latest value {last}."
    ),
    "trends.alt.limits": "From {first} to {last}: average {center}, natural process limits from {lcl} to {ucl}.",
    "trends.alt.objective": "Objective line at {target}.",
    "trends.alt.signals": "{n} signal episodes: {list}.",
    "trends.alt.signals_one": "One signal episode: {list}.",
    "trends.alt.no_signal": "No signal.",
    "trends.legend.limits": "Natural process limits",
    "trends.legend.center": "Average (centre line)",
    "trends.legend.baseline": "Reference period",
    "trends.legend.change": "Declared change ({month})",
    "trends.legend.values": "Monthly value",
    "trends.legend.adjusted": "Seasonally adjusted value",
    "trends.legend.target": "Objective {value}",
    "trends.legend.alert": "Alert threshold {value}",
    "trends.legend.target_plain": "Objective",
    "trends.marker.beyond": "Beyond the limits (rule 1)",
    "trends.marker.run": "Part of a pattern (other rules)",
    "trends.hover.rules": "signal, rule {rules}",
    "trends.hover.interval": " (95% CI: {low} to {high})",
    "trends.col.month": "Month",
    "trends.col.period": "Period",
    "trends.col.value": "Value",
    "trends.col.interval": "95% CI",
    "trends.col.center": "Average",
    "trends.col.lcl": "Lower limit",
    "trends.col.ucl": "Upper limit",
    "trends.col.signal": "Signal",
    "trends.col.precision": "Precision",
    # --- sites
    "trends.sites.title": "{name}: one chart per site",
    "trends.sites.stable": "stable",
    "trends.sites.signal_unfavourable": "unfavourable signal",
    "trends.sites.signal_favourable": "favourable signal",
    "trends.sites.signal_neutral": "signal",
    "trends.sites.takeaway_none": "None of the {n} sites shows a signal in the last {months} months.",
    "trends.sites.takeaway": "{n} of {total} sites show a signal in the last {months} months.",
    "trends.sites.takeaway_one": "{n} of {total} sites shows a signal in the last {months} months.",
    "trends.sites.alt": "Small multiples of {name}, one chart per site ({n}), same vertical scale, each with its own limits:",
    "trends.sites.alt_site": "{site}: latest value {last}, average {center}, {verdict}",
    # --- seasonality
    "trends.stl.title": "{name}: seasonal decomposition (STL)",
    "trends.stl.too_short": "At least 24 complete months are needed to decompose seasonality.",
    "trends.stl.takeaway_seasonal": (
        "Marked seasonality (strength {strength} out of 1): a dip in {low_month} ({low} against the trend), "
        "a peak in {high_month} ({high})."
    ),
    "trends.stl.takeaway_weak": (
        "Weak seasonality (strength {strength} out of 1): the {low_month} ({low}) and {high_month} ({high}) "
        "deviations barely stand out from noise."
    ),
    "trends.stl.alt": "Four stacked charts of {name}: observed values, trend, seasonal component and remainder.",
    "trends.stl.observed": "Observed values",
    "trends.stl.trend": "Trend",
    "trends.stl.seasonal": "Seasonal component",
    "trends.stl.remainder": "Remainder",
    # --- exposure
    "trends.exposure.default": "Exposure",
    "trends.exposure.numerator": "Numerator",
    "trends.exposure.none": "No exposure recorded over the period.",
    "trends.exposure.title": "Monthly exposure: {label}",
    "trends.exposure.takeaway": "{label}: from {low} ({low_month}) to {high} ({high_month}) a month.",
    "trends.exposure.imprecise": (
        "{n} of {total} months have a 95% interval wider than the rate itself: read them as orders of "
        "magnitude, not precise values."
    ),
    "trends.exposure.precise": "All {total} monthly rates are precise enough (narrow 95% intervals).",
    "trends.exposure.bar": "{label}",
    "trends.exposure.bar_imprecise": "{label} — imprecise rate",
    "trends.exposure.alt": "Bar chart: {label} for {n} months.",
    "trends.exposure.imprecise_word": "⚠ imprecise",
    "trends.exposure.precise_word": "precise",
}
