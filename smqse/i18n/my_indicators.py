"""Messages of the pilots' "My indicators" page, French (default) and English; keys are prefixed and unique across catalogues."""

FR: dict[str, str] = {
    "nav.my_indicators": "Mes indicateurs",
    "mine.title": "Mes indicateurs",
    "mine.intro": "Ce qui demande votre attention fin {month}, le plus urgent d'abord.",
    "mine.headline_none": "Rien ne demande votre attention",
    "mine.headline_one": "1 point demande votre attention",
    "mine.headline_many": "{n} points demandent votre attention",
    "mine.all_fine": (
        "Toutes les valeurs de {month} sont saisies, aucun objectif n'est manqué ni à surveiller et aucun "
        "signal défavorable n'apparaît. Bon travail !"
    ),
    "mine.order_note": (
        "Ordre : valeurs manquantes (à saisir), objectifs non atteints, signaux défavorables, objectifs à "
        "surveiller, dégradations depuis le mois dernier."
    ),
    "mine.count.missing_data.one": "1 valeur à saisir",
    "mine.count.missing_data.many": "{n} valeurs à saisir",
    "mine.count.objective_missed.one": "1 objectif non atteint",
    "mine.count.objective_missed.many": "{n} objectifs non atteints",
    "mine.count.unfavourable_signal.one": "1 signal défavorable",
    "mine.count.unfavourable_signal.many": "{n} signaux défavorables",
    "mine.count.objective_at_risk.one": "1 objectif à surveiller",
    "mine.count.objective_at_risk.many": "{n} objectifs à surveiller",
    "mine.count.status_worsened.one": "1 dégradation",
    "mine.count.status_worsened.many": "{n} dégradations",
    "mine.kind.missing_data": "Valeur {of_month} manquante",
    "mine.of_month": "de {month}",
    "mine.of_month_elided": "d'{month}",
    "mine.kind.objective_missed": "Objectif non atteint",
    "mine.kind.unfavourable_signal": "Signal défavorable",
    "mine.kind.objective_at_risk": "Objectif à surveiller",
    "mine.kind.status_worsened": "En dégradation depuis le mois dernier",
    "mine.site": "site {site}",
    "mine.missing.last": "Dernière valeur saisie : {last} ({n} mois renseignés sur les 12 précédents).",
    "mine.missing.yours": "À vous de la saisir.",
    "mine.missing.pilot": "Saisie attendue de {pilot}.",
    "mine.worsened": "Statut passé de {before} à {after} depuis {month}.",
    "mine.also_signal": "Et un signal défavorable :",
    "mine.open_trend": "Tendance",
    "mine.open_trend_help": "Ouvrir la page Tendances sur {indicator}.",
    "mine.trends_unavailable": "La page Tendances n'est pas encore disponible.",
    "mine.more": "Voir les {n} autres points",
    "mine.all_clear_title": "Sans point d'attention ({n})",
    "mine.all_clear_none": "Aucun : chaque indicateur du périmètre a au moins un point d'attention.",
    "mine.table_title": "Tous mes indicateurs",
    "mine.table_title_scope": "Tous les indicateurs du périmètre",
    "mine.table_alt": (
        "Tableau des {n} indicateurs du périmètre : statut à ce jour, valeur depuis le début de l'objectif, objectif, tendance sur "
        "24 mois et signal."
    ),
    "mine.empty_scope": "Aucun indicateur à afficher : votre périmètre ne contient aucun processus ou site.",
    "mine.no_months": "Aucune donnée saisie dans ce périmètre pour l'instant.",
    "mine.no_indicators": "Aucun indicateur dans ce périmètre.",
    "mine.readonly": "Consultation seule : les valeurs sont saisies par les pilotes de processus.",
}

EN: dict[str, str] = {
    "nav.my_indicators": "My indicators",
    "mine.title": "My indicators",
    "mine.intro": "What needs your attention at the end of {month}, most urgent first.",
    "mine.headline_none": "Nothing needs your attention",
    "mine.headline_one": "1 point needs your attention",
    "mine.headline_many": "{n} points need your attention",
    "mine.all_fine": (
        "Every value for {month} is in, no objective is missed or at risk and no unfavourable signal shows. "
        "Well done!"
    ),
    "mine.order_note": (
        "Order: missing values (to enter), objectives missed, unfavourable signals, objectives at risk, "
        "worsened since last month."
    ),
    "mine.count.missing_data.one": "1 value to enter",
    "mine.count.missing_data.many": "{n} values to enter",
    "mine.count.objective_missed.one": "1 objective missed",
    "mine.count.objective_missed.many": "{n} objectives missed",
    "mine.count.unfavourable_signal.one": "1 unfavourable signal",
    "mine.count.unfavourable_signal.many": "{n} unfavourable signals",
    "mine.count.objective_at_risk.one": "1 objective at risk",
    "mine.count.objective_at_risk.many": "{n} objectives at risk",
    "mine.count.status_worsened.one": "1 worse than last month",
    "mine.count.status_worsened.many": "{n} worse than last month",
    "mine.kind.missing_data": "{of_month} value missing",
    "mine.of_month": "{month}",
    "mine.of_month_elided": "{month}",
    "mine.kind.objective_missed": "Objective missed",
    "mine.kind.unfavourable_signal": "Unfavourable signal",
    "mine.kind.objective_at_risk": "Objective at risk",
    "mine.kind.status_worsened": "Worse than last month",
    "mine.site": "site {site}",
    "mine.missing.last": "Last value entered: {last} ({n} of the previous 12 months reported).",
    "mine.missing.yours": "It is yours to enter.",
    "mine.missing.pilot": "Expected from {pilot}.",
    "mine.worsened": "Status went from {before} to {after} since {month}.",
    "mine.also_signal": "And an unfavourable signal:",
    "mine.open_trend": "Trend",
    "mine.open_trend_help": "Open the Trends page on {indicator}.",
    "mine.trends_unavailable": "The Trends page is not available yet.",
    "mine.more": "Show the {n} other points",
    "mine.all_clear_title": "Nothing to report ({n})",
    "mine.all_clear_none": "None: every indicator in scope has at least one point of attention.",
    "mine.table_title": "All my indicators",
    "mine.table_title_scope": "All indicators in scope",
    "mine.table_alt": (
        "Table of the {n} indicators in scope: status to date, objective period to date, objective, 24-month trend and "
        "signal."
    ),
    "mine.empty_scope": "No indicator to show: your scope holds no process or no site.",
    "mine.no_months": "No data entered in this scope yet.",
    "mine.no_indicators": "No indicator in this scope.",
    "mine.readonly": "Read only: values are entered by the process pilots.",
}
