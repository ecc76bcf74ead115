"""Catalogue français (langue par défaut). Les clés sont les mêmes que dans en.py (un test le vérifie)."""

MESSAGES: dict[str, str] = {
    "form.number_error": "{field} : {reason}.",
    "form.number_below": "{field} : la valeur ne peut pas être inférieure à {minimum}.",
    "form.number_placeholder": "ex. 1 234,5",
    "page.choose": "Choisir…",
    "write.conflict": (
        "Quelqu'un d'autre a modifié les mêmes données au même moment : rien n'a été enregistré. Rechargez la page et réessayez."
    ),
    # --- application, navigation ---
    "app.title": "SMQSE — pilotage de la performance QSE",
    "app.no_view": "Ouvrez l'application par sa page d'accueil (app.py) : cette page a besoin du périmètre choisi.",
    "bootstrap.building": "Première ouverture : création de la base de démonstration (quelques secondes)…",
    # the browser tab: the page, then the product
    "doc.title": "{page} — SMQSE",
    "nav.steer": "Piloter",
    "nav.analyse": "Analyser",
    "nav.act": "Agir",
    "nav.data": "Données",
    "nav.scorecard": "Tableau de bord",
    "nav.indicators": "Catalogue des indicateurs",
    "page.viewed_as": "Vue de {user}.",
    # --- identité ---
    "identity.view_as": "Voir en tant que",
    "identity.view_as_help": (
        "Mode démonstration (aucune authentification configurée) : choisissez un utilisateur pour voir "
        "l'application avec ses droits. En production, la connexion se fait par OpenID Connect."
    ),
    "identity.signed_in_as": "Connecté : **{user}**",
    "identity.login": "Se connecter",
    "identity.logout": "Se déconnecter",
    "identity.login_explain": (
        "Cette application présente les indicateurs QSE de votre périmètre. Connectez-vous avec votre "
        "compte professionnel pour continuer."
    ),
    "identity.unknown_user": "Le compte {email} n'est pas enregistré dans SMQSE.",
    "identity.unknown_user_help": (
        "Demandez au responsable QSE de vous ajouter (table des utilisateurs, avec cette adresse e-mail et "
        "votre périmètre de processus et de sites), puis reconnectez-vous."
    ),
    "identity.no_users": "Aucun utilisateur n'est enregistré dans la base : initialisez-la (python -m smqse init).",
    "role.director": "Direction",
    "role.qse_lead": "Responsable QSE",
    "role.pilot": "Pilote de processus",
    "role.viewer": "Lecture seule",
    # --- barre latérale ---
    "sidebar.language": "Langue / Language",
    "language.fr": "Français",
    "language.en": "English",
    "sidebar.scope": "Périmètre",
    "sidebar.all": "Tous",
    "sidebar.sites": "Sites",
    "sidebar.sites_help": "Vide = tous les sites de votre périmètre.",
    "sidebar.processes": "Processus",
    "sidebar.processes_help": "Vide = tous les processus de votre périmètre.",
    "sidebar.domains": "Domaines",
    "sidebar.domains_help": "Qualité, santé-sécurité, environnement. Aucun choisi = les trois.",
    "sidebar.as_of": "Situation à fin",
    "sidebar.as_of_help": (
        "Le mois arrêté : valeurs du mois et valeur depuis le début de chaque objectif. Par défaut, le dernier "
        "mois saisi."
    ),
    "sidebar.no_months": "Aucune donnée dans ce périmètre.",
    # --- valeurs codées ---
    "domain.Q": "Qualité",
    "domain.S": "Santé-sécurité",
    "domain.E": "Environnement",
    "status.met": "Atteint",
    "status.at_risk": "À surveiller",
    "status.missed": "Non atteint",
    "status.no_objective": "Sans objectif",
    "status.no_data": "Sans données",
    "status_plural.met": "atteints",
    "status_plural.at_risk": "à surveiller",
    "status_plural.missed": "non atteints",
    "status_plural.no_objective": "sans objectif",
    "status_plural.no_data": "sans données",
    "kind.activity": "Fonctionnement",
    "kind.result": "Résultat",
    "polarity.higher_better": "Plus haut = mieux",
    "polarity.lower_better": "Plus bas = mieux",
    "polarity.target_band": "Dans une plage cible",
    "aggregation.ratio": "Ratio (Σ numérateurs / Σ dénominateurs)",
    "aggregation.sum": "Somme",
    "aggregation.mean": "Moyenne dans le temps, somme entre sites",
    "aggregation.last": "Dernière valeur, somme entre sites",
    "family.management": "Management",
    "family.operational": "Réalisation",
    "family.support": "Support",
    "frequency.monthly": "Mensuelle",
    "frequency.quarterly": "Trimestrielle",
    "frequency.yearly": "Annuelle",
    "frequency.annual": "Annuelle",
    "frequency.weekly": "Hebdomadaire",
    "chart.xmr": "carte XmR des valeurs individuelles",
    "chart.p": "carte p des proportions",
    "chart.u": "carte u des taux par exposition",
    "formula.ratio": "Σ numérateurs / Σ dénominateurs × base",
    "formula.sum": "Somme des valeurs de la période et des sites",
    "formula.mean": "Moyenne des totaux mensuels (somme entre sites)",
    "formula.last": "Total des sites au dernier mois de la période",
    "word.and": "et",
    # --- mois ---
    "month.1": "janvier",
    "month.2": "février",
    "month.3": "mars",
    "month.4": "avril",
    "month.5": "mai",
    "month.6": "juin",
    "month.7": "juillet",
    "month.8": "août",
    "month.9": "septembre",
    "month.10": "octobre",
    "month.11": "novembre",
    "month.12": "décembre",
    "month_short.1": "janv.",
    "month_short.2": "févr.",
    "month_short.3": "mars",
    "month_short.4": "avr.",
    "month_short.5": "mai",
    "month_short.6": "juin",
    "month_short.7": "juil.",
    "month_short.8": "août",
    "month_short.9": "sept.",
    "month_short.10": "oct.",
    "month_short.11": "nov.",
    "month_short.12": "déc.",
    # --- périmètre en mots ---
    "scope.sites": "Sites :",
    "scope.processes": "Processus :",
    "scope.domains": "Domaines :",
    "scope.sites_count": "{n} sites",
    "scope.sites_all": "les {n} sites de votre périmètre",
    "scope.processes_count": "{n} processus",
    "scope.processes_all": "les {n} processus de votre périmètre",
    "scope.as_of": (
        "**Situation à fin {month}** — valeurs du mois et, pour chaque objectif, valeur depuis le début de sa "
        "période (sans objectif : depuis {start})."
    ),
    # --- tableau de bord ---
    "scorecard.title": "Tableau de bord QSE",
    "scorecard.empty_scope": (
        "Aucun indicateur à afficher : votre périmètre ne comprend aucun processus ou site, ou les filtres "
        "l'ont vidé. Élargissez la sélection dans la barre latérale, ou demandez l'accès au responsable QSE."
    ),
    "scorecard.no_months": "Aucune mesure n'a encore été saisie dans ce périmètre.",
    "scorecard.no_indicators": "Aucun indicateur n'est défini dans ce périmètre.",
    "scorecard.attainment": "Atteinte des objectifs",
    "scorecard.by_domain": "Par domaine",
    "scorecard.by_process": "Par processus",
    "scorecard.by_site": "Par site",
    "scorecard.changes": "Changements depuis {month}",
    "scorecard.no_changes": "Aucun indicateur n'a changé de statut depuis le mois précédent.",
    "scorecard.table_title": "Tous les indicateurs, les plus urgents d'abord",
    "scorecard.filter_domain": "Domaine",
    "scorecard.order": "Ordre",
    "scorecard.order.urgency": "Urgence",
    "scorecard.order.domain": "Par domaine",
    "scorecard.attention_only": "Seulement ce qui demande attention",
    "scorecard.table_hint": "Sélectionnez une ligne pour afficher le détail de l'indicateur plus bas.",
    "scorecard.filter_empty": "Aucun indicateur ne correspond à ces filtres.",
    "scorecard.detail": "Détail d'un indicateur",
    "scorecard.detail_pick": "Indicateur",
    "scorecard.to_drift": "Voir la projection à l'échéance",
    "scorecard.to_drift_help": "Ouvre la page Dérives sur cet indicateur : où il sera à l'échéance de son objectif.",
    "status.vs_verdict": (
        "« Statut à ce jour » : où en est l'objectif maintenant (valeur depuis le début de sa période contre la "
        "cible au prorata). « Verdict à l'échéance » (page Dérives) : où il sera à l'échéance selon la projection. "
        "Deux questions différentes : les réponses peuvent différer."
    ),
    "objective.trace": "Objectif {id} · période {start} → {deadline}",
    "objective.trace_none": "Aucun objectif actif : valeur depuis {start} (année civile).",
    "scorecard.signal_heading": "Signal ou bruit ?",
    "tiles.value": "{n}",
    "tiles.vs_previous": "vs mois précédent",
    "tiles.help.met": "Indicateurs dont la valeur depuis le début de l'objectif atteint l'objectif à ce jour.",
    "tiles.help.at_risk": "Objectif manqué mais seuil d'alerte non franchi : à surveiller.",
    "tiles.help.missed": "Seuil d'alerte franchi (ou objectif manqué sans seuil d'alerte).",
    "tiles.help.no_objective": "Indicateurs suivis sans objectif actif ce mois-ci.",
    "tiles.help.no_data": "Indicateurs sans aucune valeur saisie depuis le début de l'objectif (sans objectif : janvier).",
    # --- graphiques d'atteinte ---
    "attainment.title_domain": "Atteinte des objectifs par domaine",
    "attainment.title_process": "Atteinte des objectifs par processus",
    "attainment.title_site": "Atteinte des objectifs par site",
    "attainment.axis_domain": "Nombre d'indicateurs",
    "attainment.axis_process": "Nombre d'indicateurs",
    "attainment.axis_site": "Nombre d'indicateurs",
    "attainment.group_domain": "Domaine",
    "attainment.group_process": "Processus",
    "attainment.group_site": "Site",
    "attainment.total": "Total",
    "attainment.share_met": "Part atteinte",
    "attainment.bar_label": "{name} ({met}/{judged})",
    "attainment.takeaway_none": "Aucun indicateur n'a à la fois un objectif et des données ce mois-ci.",
    "attainment.takeaway_overall": "Objectifs atteints : {met} sur {judged} évalués ({share}).",
    "attainment.takeaway_all_met": "Tous les objectifs évalués sont atteints.",
    "attainment.takeaway_worst_domain": "Le plus d'objectifs non atteints : {name} ({missed} sur {judged}).",
    "attainment.takeaway_worst_process": "Le plus d'objectifs non atteints : processus {name} ({missed} sur {judged}).",
    "attainment.takeaway_worst_site": "Le plus d'objectifs non atteints : site de {name} ({missed} sur {judged}).",
    "attainment.alt_intro_domain": "Barres horizontales empilées : nombre d'indicateurs par statut pour chaque domaine.",
    "attainment.alt_intro_process": (
        "Barres horizontales empilées : nombre d'indicateurs par statut pour chaque processus, "
        "le moins bon en haut."
    ),
    "attainment.alt_intro_site": (
        "Barres horizontales empilées : nombre d'indicateurs par statut pour chaque site, le moins bon en haut."
    ),
    "attainment.takeaway_lowest_domain": "Domaine le moins avancé : {name}, {met} sur {judged} atteints ({share}).",
    "attainment.takeaway_lowest_process": "Processus le moins avancé : {name}, {met} sur {judged} atteints ({share}).",
    "attainment.takeaway_lowest_site": "Site le moins avancé : {name}, {met} sur {judged} atteints ({share}).",
    "attainment.alt_group": "{name} : {counts}",
    "chart.numbers": "Voir les chiffres",
    "chart.numbers_alt": "Tableau des chiffres du graphique « {title} ».",
    # --- tableau principal ---
    "table.indicator_id": "Code",
    "table.status": "Statut à ce jour",
    "table.signal": "Signal",
    "table.domain": "Domaine",
    "table.indicator": "Indicateur",
    "table.process": "Processus",
    "table.kind": "Type",
    "table.latest": "Dernier mois",
    "table.latest_month": "Mois ({month})",
    "table.ytd": "Depuis le début de l'objectif",
    "table.objective": "Objectif à date",
    "table.trend": "Tendance 24 mois",
    "table.status_help": (
        "Où en est l'indicateur maintenant : sa valeur depuis le début de la période de l'objectif comparée à "
        "l'objectif au prorata et au seuil d'alerte. La page Dérives dit où il sera à l'échéance (projection)."
    ),
    "table.signal_help": (
        "Carte de contrôle sur les 48 derniers mois (règles 1, 2 et 4 de Western Electric) : « Signal » quand "
        "un mouvement des 6 derniers mois dépasse la variation habituelle, « Bruit » sinon."
    ),
    "table.kind_help": "Fonctionnement (indicateur avancé, d'activité) ou résultat (indicateur de performance).",
    "table.ytd_help": (
        "Valeur depuis le début de la période de l'objectif (sans objectif : depuis janvier), selon "
        "l'agrégation de l'indicateur (jamais une moyenne de taux)."
    ),
    "table.objective_help": (
        "La cible à laquelle la valeur à ce jour est comparée ; au prorata de la période de l'objectif écoulée "
        "pour les sommes."
    ),
    "table.alt": (
        "Tableau des {n} indicateurs du périmètre, les plus urgents d'abord : statut, signal, valeur du mois, "
        "valeur depuis le début de l'objectif, objectif et tendance sur 24 mois."
    ),
    "changes.line": "**{id}** {name} : {before} → **{after}**",
    # --- signal ---
    "signal.noise": "Bruit",
    "signal.short": "Signal : {movement}",
    "signal.favourable": "favorable",
    "signal.unfavourable": "défavorable",
    "signal.movement.up": "pic",
    "signal.movement.down": "creux",
    "signal.movement.sustained_up": "hausse durable",
    "signal.movement.sustained_down": "baisse durable",
    "signal.direction.up": "une hausse",
    "signal.direction.down": "une baisse",
    "signal.direction": "Le mouvement est {direction}.",
    "signal.direction_with_quality": "Le mouvement est {direction}, {quality} pour cet indicateur.",
    "signal.none_sentence": (
        "Aucun signal sur les {months} derniers mois : les variations restent dans le bruit habituel du "
        "processus ({chart}). Inutile de chercher une cause à chaque point."
    ),
    "signal.rule_1": "Point au-delà des limites de contrôle en {period} (règle {rule}) : un vrai signal, pas du bruit.",
    "signal.rule_2": (
        "2 points sur 3 au-delà de 2 σ du même côté, jusqu'en {period} (règle {rule}) : un vrai signal, "
        "pas du bruit."
    ),
    "signal.rule_3": (
        "4 points sur 5 au-delà de 1 σ du même côté, jusqu'en {period} (règle {rule}) : un vrai signal, "
        "pas du bruit."
    ),
    "signal.rule_4": (
        "8 points consécutifs du même côté de la moyenne, jusqu'en {period} (règle {rule}) : un changement "
        "durable du processus, pas du bruit."
    ),
    "signal.rule_other": "Signal de la règle {rule} en {period} : un vrai signal, pas du bruit.",
    "signal.chart_used": "Méthode : {chart} sur les 48 derniers mois, règles 1, 2 et 4 de Western Electric.",
    # --- explication du statut ---
    "status_explain.no_data": "Aucune valeur saisie depuis {start} : le statut ne peut pas être évalué.",
    "status_explain.no_objective": "Aucun objectif actif en {month} : l'indicateur est suivi sans cible.",
    "status_explain.met.lower_better": "{value} depuis {start}, pas plus que l'objectif de {target} : objectif atteint.",
    "status_explain.met.higher_better": "{value} depuis {start}, au moins l'objectif de {target} : objectif atteint.",
    "status_explain.met.target_band": (
        "{value} depuis {start}, dans la plage objectif {target} ± {tolerance} : objectif atteint."
    ),
    "status_explain.at_risk.lower_better": (
        "{value} depuis {start} : au-dessus de l'objectif ({target}) mais pas du seuil d'alerte ({alert}), à surveiller."
    ),
    "status_explain.at_risk.higher_better": (
        "{value} depuis {start} : sous l'objectif ({target}) mais pas sous le seuil d'alerte ({alert}), à surveiller."
    ),
    "status_explain.at_risk.target_band": (
        "{value} depuis {start} : hors de la plage {target} ± {tolerance} mais dans le seuil d'alerte ({alert}), "
        "à surveiller."
    ),
    "status_explain.missed.lower_better": (
        "{value} depuis {start} : au-delà du seuil d'alerte ({alert}) pour un objectif de {target}, objectif non atteint."
    ),
    "status_explain.missed.higher_better": (
        "{value} depuis {start} : sous le seuil d'alerte ({alert}) pour un objectif de {target}, objectif non atteint."
    ),
    "status_explain.missed.target_band": (
        "{value} depuis {start} : au-delà du seuil d'alerte ({alert}) autour de {target}, objectif non atteint."
    ),
    "status_explain.missed.lower_better.no_alert": (
        "{value} depuis {start} : au-dessus de l'objectif de {target}, objectif non atteint."
    ),
    "status_explain.missed.higher_better.no_alert": (
        "{value} depuis {start} : sous l'objectif de {target}, objectif non atteint."
    ),
    "status_explain.missed.target_band.no_alert": (
        "{value} depuis {start} : hors de la plage {target} ± {tolerance}, objectif non atteint."
    ),
    "status_explain.prorated": (
        "L'objectif de {total} à fin {deadline} est ramené au prorata de la période écoulée."
    ),
    # --- détail et tendance ---
    "detail.latest": "Valeur de {month}",
    "detail.ytd": "Depuis le début de l'objectif",
    "detail.objective": "Objectif à date",
    "detail.alert": "Seuil d'alerte",
    "trend.title": "{name} : 24 derniers mois",
    "trend.series": "Valeur mensuelle",
    "trend.signal_marker": "Signal (règle {rule})",
    "trend.target_line": "Objectif {value}",
    "trend.alert_line": "Seuil d'alerte {value}",
    "trend.alt": (
        "Courbe de {name} sur {n} mois renseignés, de {start} à {end}. Dernière valeur {last} en {last_month} ; "
        "minimum {low} en {low_month} ; maximum {high} en {high_month}."
    ),
    "trend.alt_target": "Ligne d'objectif à {target}.",
    "trend.takeaway": "Valeur de {month} : {last}, pour une moyenne de {mean} sur les 24 derniers mois.",
    "trend.takeaway_empty": "Aucune valeur sur les 24 derniers mois.",
    "trend.alt_empty": "Aucune valeur de {name} sur les 24 derniers mois.",
    "trend.limits": "Limites naturelles du procédé",
    "trend.center": "Moyenne (ligne centrale)",
    "trend.col.lcl": "Limite basse",
    "trend.col.ucl": "Limite haute",
    "trend.col.month": "Mois",
    "trend.col.period": "Période",
    "trend.col.value": "Valeur",
    # --- catalogue des indicateurs ---
    "catalogue.title": "Catalogue des indicateurs",
    "catalogue.intro": (
        "La fiche de chaque indicateur de votre périmètre : ce qu'il mesure, sa formule, son unité, le sens "
        "de lecture, comment il se cumule entre sites et dans le temps, et sa source."
    ),
    "catalogue.empty": "Aucun indicateur n'est défini dans ce périmètre.",
    "catalogue.search": "Rechercher",
    "catalogue.search_placeholder": "Code, nom, définition, source… (ex. TF1, déchets)",
    "catalogue.kind": "Type",
    "catalogue.kind_help": "Fonctionnement : indicateurs d'activité, avancés. Résultat : indicateurs de performance.",
    "catalogue.count": "{n} indicateurs affichés sur {total}.",
    "catalogue.alt": "Catalogue des {n} indicateurs affichés, avec définition, formule, unité, sens, agrégation et source.",
    "catalogue.download": "Télécharger le catalogue (CSV)",
    "catalogue.file_name": "catalogue_indicateurs.csv",
    "catalogue.card": "Fiche indicateur",
    "catalogue.card_pick": "Indicateur",
    "catalogue.card_line": "**{name}** : {value}",
    "catalogue.no_objective": "Aucun objectif",
    "catalogue.objective_deadline": "(échéance {month})",
    "catalogue.no_data": "Aucune donnée",
    "catalogue.coverage": "{n} site(s), de {start} à {end}",
    "catalogue.col.indicator_id": "Code",
    "catalogue.col.indicator": "Indicateur",
    "catalogue.col.domain": "Domaine",
    "catalogue.col.kind": "Type",
    "catalogue.col.process": "Processus",
    "catalogue.col.formula": "Formule",
    "catalogue.col.unit": "Unité",
    "catalogue.col.polarity": "Sens",
    "catalogue.col.aggregation": "Agrégation",
    "catalogue.col.rate_base": "Base",
    "catalogue.col.frequency": "Fréquence",
    "catalogue.col.objective": "Objectif",
    "catalogue.col.definition": "Définition",
    "catalogue.col.source": "Source",
    "catalogue.col.coverage": "Données",
}
