"""Messages of the causes and actions page, French (default) and English; keys are prefixed and unique across catalogues."""

FR: dict[str, str] = {
    "nav.causes": "Causes et actions",
    "causes.title": "Causes et actions",
    "causes.intro": (
        "Les causes des événements (non-conformités, réclamations, accidents…) classées sur des critères "
        "explicites, puis, pour chaque cause, les actions ouvertes, leur état, la vérification de leur "
        "efficacité et le nombre d'événements avant et après l'action (ISO 9001 et 45001 §10.2)."
    ),
    "causes.empty_scope": "Aucun processus ni site dans votre périmètre : rien à afficher.",
    "causes.no_months": "Aucune donnée dans ce périmètre.",
    "causes.no_events": "Aucun événement à cause identifiée entre {start} et {end} dans ce périmètre.",
    "causes.period": "Période classée",
    "causes.period_option": "{n} mois",
    "causes.period_help": "Les mois classés se terminent par le mois d'arrêté choisi dans la barre latérale.",
    "causes.period_caption": "Événements à cause identifiée de {start} à {end}.",
    "causes.weights_heading": "Poids des critères",
    "causes.weight_help": "0 = critère ignoré ; les poids sont relatifs (1-1-1-1 = poids égaux).",
    "causes.criterion.frequency": "fréquence",
    "causes.criterion.cost": "coût",
    "causes.criterion.severity": "gravité",
    "causes.criterion.recurrence": "récurrence",
    "causes.criterion_label.frequency": "Fréquence (nombre d'événements)",
    "causes.criterion_label.cost": "Coût (total des événements)",
    "causes.criterion_label.severity": "Gravité (moyenne 1 à 5)",
    "causes.criterion_label.recurrence": "Récurrence (mois touchés)",
    "causes.criteria.term": "{weight} × {name}",
    "causes.criteria.sentence": (
        "**Score de criticité** = ({terms}) ÷ {total}, chaque critère ramené entre 0 (la cause la plus "
        "basse du périmètre) et 1 (la plus haute). Fréquence = nombre d'événements ; coût = coût total ; "
        "gravité = gravité moyenne (1 à 5) ; récurrence = nombre de mois distincts touchés."
    ),
    "causes.criteria.none": "Tous les poids sont à 0 : les causes sont classées par nombre d'événements.",
    "causes.ranking_heading": "Causes classées",
    "causes.ranking.none": "Aucune cause à classer sur cette période.",
    "causes.ranking.takeaway": (
        "{n} causes classées ; en tête : « {cause} » ({events} événements, {months} mois touchés, "
        "score {score})."
    ),
    "causes.ranking.without": "{n} n'ont aucune action ouverte.",
    "causes.ranking_alt": "Tableau des causes classées par score de criticité.",
    "causes.pick": "Cause à examiner",
    "causes.pick_help": "Par défaut, la cause la mieux classée ; cliquer une ligne du tableau la choisit aussi.",
    "causes.actions_heading": "Actions sur cette cause",
    "causes.summary": (
        "{actions} ({cp}) : {statuses}. Efficacité vérifiée pour "
        "{checked} ; {unchecked} closes sans vérification ; {overdue} en retard."
    ),
    "causes.no_action_warning": (
        "⚠ Aucune action ouverte sur cette cause alors qu'elle a {events} événements sur la période."
    ),
    "causes.effect_caption": (
        "Avant = événements de la même cause, même processus et même site dans les {months} mois précédant "
        "l'ouverture de l'action (moins si l'historique est plus court) ; après = même durée après sa clôture. "
        "Comptes descriptifs sur de petits nombres, pas un test statistique."
    ),
    "causes.chart_more": (
        "Le graphique montre les {shown} actions closes les plus récentes sur {total} ; le tableau les liste."
    ),
    "causes.actions_more": (
        "Le tableau montre les {shown} actions les plus récentes ; {hidden} autres n'y sont pas : elles sont "
        "toutes dans le téléchargement."
    ),
    "causes.actions_download": "Télécharger les {total} actions de la cause (CSV)",
    "causes.status.planned": "Planifiée",
    "causes.status.in_progress": "En cours",
    "causes.status.done": "Réalisée",
    "causes.status.verified": "Vérifiée",
    "causes.status.cancelled": "Annulée",
    "causes.overdue": "en retard",
    "causes.type.corrective": "Corrective",
    "causes.type.preventive": "Préventive",
    "causes.type.improvement": "Amélioration",
    "causes.type.containment": "Confinement",
    "causes.verdict.stopped": "événements arrêtés",
    "causes.verdict.reduced": "en baisse",
    "causes.verdict.unchanged": "inchangés",
    "causes.verdict.increased": "en hausse",
    "causes.verdict.too_early": "trop tôt pour conclure",
    "causes.verdict.not_closed": "action non close",
    "causes.verdict.cancelled": "action annulée",
    "causes.checked.effective": "vérifiée : efficace",
    "causes.checked.not_effective": "vérifiée : non efficace",
    "causes.checked.no": "non vérifiée",
    "causes.checked.na": "pas encore",
    "causes.flag.no_action": "aucune action ouverte",
    "causes.flag.containment_only": "confinement seulement",
    "causes.flag.actions": "{n} actions",
    "causes.flag.action_one": "1 action",
    "causes.flag.overdue": "◷ {n} en retard",
    "causes.flag.unchecked": "✗ {n} non vérifiées",
    "causes.col.rank": "Rang",
    "causes.col.cause": "Cause",
    "causes.col.category": "Famille (7M)",
    "causes.col.event_count": "Événements",
    "causes.col.cost_total": "Coût total (€)",
    "causes.col.severity_mean": "Gravité moyenne",
    "causes.col.severity_max": "Gravité max.",
    "causes.col.months_with_events": "Mois touchés",
    "causes.col.site_count": "Sites",
    "causes.col.score": "Score (0 à 1)",
    "causes.col.follow_up": "Suivi des actions",
    "causes.col.cause_id": "Code cause",
    "causes.col.action_id": "Action",
    "causes.col.title": "Intitulé",
    "causes.col.action_type": "Type",
    "causes.col.status": "Statut",
    "causes.col.owner": "Responsable",
    "causes.col.site": "Site",
    "causes.col.opened_on": "Ouverte le",
    "causes.col.due_on": "Échéance",
    "causes.col.closed_on": "Close le",
    "causes.col.progress_pct": "Avancement (%)",
    "causes.col.effectiveness": "Efficacité",
    "causes.col.before_after": "Événements avant → après",
    "causes.col.window_months": "Fenêtre (mois)",
    "causes.col.verdict": "Effet",
    "causes.col.before_period": "Avant : période",
    "causes.col.before_count": "Avant : événements",
    "causes.col.before_rate": "Avant : par mois",
    "causes.col.after_period": "Après : période",
    "causes.col.after_count": "Après : événements",
    "causes.col.after_rate": "Après : par mois",
    "causes.effect.title": "Événements par mois avant et après chaque action — {cause}",
    "causes.effect.before": "Avant l'ouverture",
    "causes.effect.after": "Après la clôture",
    "causes.effect.bar_label": "{n} en {m} mois",
    "causes.effect.bar_so_far": "{n} à ce jour",
    "causes.effect.y_axis": "Événements par mois",
    "causes.effect.takeaway.one": "Sur {n} action close depuis assez longtemps pour juger : {parts}.",
    "causes.effect.takeaway.many": "Sur {n} actions closes depuis assez longtemps pour juger : {parts}.",
    "causes.effect.takeaway_none": (
        "Aucune action close depuis assez longtemps pour juger de son effet ({waiting} en attente)."
    ),
    "causes.effect.waiting": "{n} autres sont trop récentes ou pas encore closes.",
    "causes.effect.count.stopped": "{n} ont arrêté les événements",
    "causes.effect.count.reduced": "{n} les ont réduits",
    "causes.effect.count.unchanged": "{n} sans effet visible",
    "causes.effect.count.increased": "{n} suivies d'une hausse",
    "causes.effect.alt_intro": "Diagramme en barres groupées des événements de la cause « {cause} » par action :",
    "causes.effect.alt_action": "{action}, {before} avant et {after} après sur {months} mois, {verdict}",
}

EN: dict[str, str] = {
    "nav.causes": "Causes and actions",
    "causes.title": "Causes and actions",
    "causes.intro": (
        "The causes of events (nonconformities, complaints, accidents…) ranked on explicit criteria, then, "
        "for each cause, the actions opened, their status, whether their effectiveness was checked and the "
        "number of events before and after the action (ISO 9001 and 45001 §10.2)."
    ),
    "causes.empty_scope": "No process or site in your scope: nothing to show.",
    "causes.no_months": "No data in this scope.",
    "causes.no_events": "No event with an identified cause between {start} and {end} in this scope.",
    "causes.period": "Period ranked",
    "causes.period_option": "{n} months",
    "causes.period_help": "The months ranked end with the as-of month chosen in the sidebar.",
    "causes.period_caption": "Events with an identified cause from {start} to {end}.",
    "causes.weights_heading": "Criteria weights",
    "causes.weight_help": "0 = criterion ignored; weights are relative (1-1-1-1 = equal weights).",
    "causes.criterion.frequency": "frequency",
    "causes.criterion.cost": "cost",
    "causes.criterion.severity": "severity",
    "causes.criterion.recurrence": "recurrence",
    "causes.criterion_label.frequency": "Frequency (number of events)",
    "causes.criterion_label.cost": "Cost (total of the events)",
    "causes.criterion_label.severity": "Severity (mean, 1 to 5)",
    "causes.criterion_label.recurrence": "Recurrence (months hit)",
    "causes.criteria.term": "{weight} × {name}",
    "causes.criteria.sentence": (
        "**Criticality score** = ({terms}) ÷ {total}, each criterion scaled between 0 (the lowest cause "
        "in scope) and 1 (the highest). Frequency = number of events; cost = total cost; severity = mean "
        "severity (1 to 5); recurrence = number of distinct months hit."
    ),
    "causes.criteria.none": "All weights are 0: causes are ranked by number of events.",
    "causes.ranking_heading": "Causes ranked",
    "causes.ranking.none": "No cause to rank over this period.",
    "causes.ranking.takeaway": (
        "{n} causes ranked; at the top: “{cause}” ({events} events, {months} months hit, score {score})."
    ),
    "causes.ranking.without": "{n} have no action opened.",
    "causes.ranking_alt": "Table of the causes ranked by criticality score.",
    "causes.pick": "Cause to examine",
    "causes.pick_help": "By default, the highest-ranked cause; clicking a row of the table picks it too.",
    "causes.actions_heading": "Actions on this cause",
    "causes.summary": (
        "{actions} ({cp}): {statuses}. Effectiveness checked for "
        "{checked}; {unchecked} closed without a check; {overdue} overdue."
    ),
    "causes.no_action_warning": (
        "⚠ No action opened on this cause although it has {events} events over the period."
    ),
    "causes.effect_caption": (
        "Before = events of the same cause, process and site in the {months} months before the action "
        "was opened (fewer when the history is shorter); after = the same length of time after it closed. "
        "Descriptive counts on small numbers, not a statistical test."
    ),
    "causes.chart_more": (
        "The chart shows the {shown} most recently closed actions out of {total}; the table lists them."
    ),
    "causes.actions_more": (
        "The table shows the {shown} most recent actions; {hidden} more are not in it: the download has them "
        "all."
    ),
    "causes.actions_download": "Download the cause's {total} actions (CSV)",
    "causes.status.planned": "Planned",
    "causes.status.in_progress": "In progress",
    "causes.status.done": "Done",
    "causes.status.verified": "Verified",
    "causes.status.cancelled": "Cancelled",
    "causes.overdue": "overdue",
    "causes.type.corrective": "Corrective",
    "causes.type.preventive": "Preventive",
    "causes.type.improvement": "Improvement",
    "causes.type.containment": "Containment",
    "causes.verdict.stopped": "events stopped",
    "causes.verdict.reduced": "reduced",
    "causes.verdict.unchanged": "unchanged",
    "causes.verdict.increased": "increased",
    "causes.verdict.too_early": "too early to tell",
    "causes.verdict.not_closed": "action not closed",
    "causes.verdict.cancelled": "action cancelled",
    "causes.checked.effective": "checked: effective",
    "causes.checked.not_effective": "checked: not effective",
    "causes.checked.no": "not checked",
    "causes.checked.na": "not yet",
    "causes.flag.no_action": "no action opened",
    "causes.flag.containment_only": "containment only",
    "causes.flag.actions": "{n} actions",
    "causes.flag.action_one": "1 action",
    "causes.flag.overdue": "◷ {n} overdue",
    "causes.flag.unchecked": "✗ {n} not checked",
    "causes.col.rank": "Rank",
    "causes.col.cause": "Cause",
    "causes.col.category": "Category (7M)",
    "causes.col.event_count": "Events",
    "causes.col.cost_total": "Total cost (€)",
    "causes.col.severity_mean": "Mean severity",
    "causes.col.severity_max": "Max severity",
    "causes.col.months_with_events": "Months hit",
    "causes.col.site_count": "Sites",
    "causes.col.score": "Score (0 to 1)",
    "causes.col.follow_up": "Action follow-up",
    "causes.col.cause_id": "Cause code",
    "causes.col.action_id": "Action",
    "causes.col.title": "Title",
    "causes.col.action_type": "Type",
    "causes.col.status": "Status",
    "causes.col.owner": "Owner",
    "causes.col.site": "Site",
    "causes.col.opened_on": "Opened",
    "causes.col.due_on": "Due",
    "causes.col.closed_on": "Closed",
    "causes.col.progress_pct": "Progress (%)",
    "causes.col.effectiveness": "Effectiveness",
    "causes.col.before_after": "Events before → after",
    "causes.col.window_months": "Window (months)",
    "causes.col.verdict": "Effect",
    "causes.col.before_period": "Before: period",
    "causes.col.before_count": "Before: events",
    "causes.col.before_rate": "Before: per month",
    "causes.col.after_period": "After: period",
    "causes.col.after_count": "After: events",
    "causes.col.after_rate": "After: per month",
    "causes.effect.title": "Events per month before and after each action — {cause}",
    "causes.effect.before": "Before opening",
    "causes.effect.after": "After closing",
    "causes.effect.bar_label": "{n} in {m} mo.",
    "causes.effect.bar_so_far": "{n} so far",
    "causes.effect.y_axis": "Events per month",
    "causes.effect.takeaway.one": "Of {n} action closed long enough ago to judge: {parts}.",
    "causes.effect.takeaway.many": "Of {n} actions closed long enough ago to judge: {parts}.",
    "causes.effect.takeaway_none": "No action closed long enough ago to judge its effect ({waiting} waiting).",
    "causes.effect.waiting": "{n} others are too recent or not closed yet.",
    "causes.effect.count.stopped": "{n} stopped the events",
    "causes.effect.count.reduced": "{n} reduced them",
    "causes.effect.count.unchanged": "{n} had no visible effect",
    "causes.effect.count.increased": "{n} were followed by an increase",
    "causes.effect.alt_intro": "Grouped bar chart of the events of the cause “{cause}” per action:",
    "causes.effect.alt_action": "{action}, {before} before and {after} after over {months} months, {verdict}",
}
