"""Messages of the admin feature, French (default) and English; keys prefixed and unique across catalogues."""

FR: dict[str, str] = {
    "nav.objectives": "Objectifs et indicateurs",
    "admin.title": "Objectifs et indicateurs",
    "admin.empty_scope": "Rien à afficher : votre périmètre est vide.",
    "admin.no_months": "Aucune donnée dans la base pour l'instant.",
    "admin.intro": (
        "Les objectifs SMART (spécifiques, mesurables, atteignables, réalistes, temporellement définis) et les "
        "indicateurs qui les mesurent. La direction et le responsable QSE les définissent et les modifient ; "
        "chaque modification est tracée (qui, quand, avant, après, pourquoi)."
    ),
    "admin.read_only": (
        "Lecture seule : seuls la direction et le responsable QSE définissent les objectifs et les indicateurs."
    ),
    "admin.tab_objectives": "Objectifs",
    "admin.tab_indicators": "Indicateurs",
    "admin.objectives": "Objectifs du périmètre",
    "admin.objectives_count": "{n} objectifs dans le périmètre affiché.",
    "admin.objectives_alt": (
        "Tableau des {n} objectifs du périmètre : indicateur, site, valeur de départ, cible, seuil d'alerte, "
        "dates, responsable, état et critères SMART remplis."
    ),
    "admin.no_objectives": "Aucun objectif dans ce périmètre.",
    "admin.indicators": "Indicateurs du périmètre",
    "admin.indicators_count": "{n} indicateurs dans le périmètre affiché.",
    "admin.indicators_alt": (
        "Tableau des {n} indicateurs du périmètre : code, nom, processus, domaine, type, unité, sens, "
        "agrégation, base de calcul, fréquence et source."
    ),
    "admin.no_indicators": "Aucun indicateur dans ce périmètre.",
    "admin.pick_objective": "Objectif à consulter ou modifier",
    "admin.pick_objective_read": "Objectif à consulter",
    "admin.pick_indicator": "Indicateur à consulter ou modifier",
    "admin.new_objective": "+ Nouvel objectif",
    "admin.new_indicator": "+ Nouvel indicateur",
    "admin.form_objective_new": "Créer un objectif",
    "admin.form_objective_edit": "Modifier l'objectif {id}",
    "admin.form_indicator_new": "Créer un indicateur",
    "admin.form_indicator_edit": "Modifier l'indicateur {id}",
    "admin.form_help": (
        "Tous les champs marqués * sont obligatoires. Tab passe au champ suivant ; le bouton d'enregistrement "
        "vérifie tout et dit ce qui manque."
    ),
    "admin.save_objective": "Enregistrer l'objectif",
    "admin.save_indicator": "Enregistrer l'indicateur",
    "admin.saved_objective": "Objectif {id} enregistré et tracé dans le journal des modifications.",
    "admin.saved_indicator": "Indicateur {id} enregistré et tracé dans le journal des modifications.",
    "admin.problems": "{n} point(s) à corriger avant d'enregistrer :",
    "admin.denied": "Enregistrement refusé : {error}",
    "admin.whole_scope": "Tout le périmètre (tous sites)",
    "admin.no_review_input": "Aucun (suivi et mesure, §9.3.2 c) 5))",
    "admin.reason_help": "Obligatoire pour une modification : conservé dans le journal des modifications.",
    "admin.smart_title": "Contrôle SMART",
    "admin.smart_intro": "Ce que vérifie chaque critère, pour les valeurs du formulaire :",
    "admin.smart_met": "✓ rempli",
    "admin.smart_not_met": "✗ à compléter",
    "admin.smart_count": "{n}/{total}",
    "admin.smart.specific": "Spécifique",
    "admin.smart.specific.help": "un indicateur précis et un site (ou tout le périmètre)",
    "admin.smart.measurable": "Mesurable",
    "admin.smart.measurable.help": "une valeur de départ et une cible chiffrées",
    "admin.smart.achievable": "Atteignable",
    "admin.smart.achievable.help": "une cible dans les valeurs possibles de l'indicateur, argumentée",
    "admin.smart.relevant": "Réaliste et pertinent",
    "admin.smart.relevant.help": "une justification (enjeu, coût, bénéfice attendu)",
    "admin.smart.time_bound": "Temporellement défini",
    "admin.smart.time_bound.help": "une date de début et une échéance à venir, après le début",
    "admin.period.upcoming": "À venir",
    "admin.period.active": "En cours",
    "admin.period.ended": "Échu",
    # Fields (form labels; validation messages name them)
    "admin.field.indicator_id": "Code de l'indicateur",
    "admin.field.process_id": "Processus",
    "admin.field.domain": "Domaine",
    "admin.field.kind": "Type d'indicateur",
    "admin.field.name_fr": "Nom (français)",
    "admin.field.name_en": "Nom (anglais)",
    "admin.field.unit": "Unité",
    "admin.field.polarity": "Sens d'amélioration",
    "admin.field.frequency": "Fréquence",
    "admin.field.aggregation": "Agrégation",
    "admin.field.rate_base": "Base de calcul",
    "admin.field.definition": "Définition (français)",
    "admin.field.definition_en": "Définition (anglais)",
    "admin.field.source": "Source (ex. INRS)",
    "admin.field.numerator_label_fr": "Numérateur (français)",
    "admin.field.numerator_label_en": "Numérateur (anglais)",
    "admin.field.denominator_label_fr": "Dénominateur (français)",
    "admin.field.denominator_label_en": "Dénominateur (anglais)",
    "admin.field.min_value": "Valeur minimale possible",
    "admin.field.max_value": "Valeur maximale possible",
    "admin.field.review_input": "Élément d'entrée de la revue de direction",
    "admin.field.objective_id": "Code de l'objectif",
    "admin.field.site_id": "Site",
    "admin.field.baseline": "Valeur de départ",
    "admin.field.target": "Cible",
    "admin.field.alert_threshold": "Seuil d'alerte",
    "admin.field.tolerance": "Tolérance (plage cible)",
    "admin.field.start_on": "Début",
    "admin.field.deadline": "Échéance",
    "admin.field.owner_user_id": "Responsable",
    "admin.field.rationale": "Justification",
    "admin.field.cost": "Coût (€)",
    "admin.field.expected_benefit": "Gain attendu (€)",
    "admin.field.reason": "Motif de la modification",
    "admin.help.rate_base": "Ex. 1 000 000 pour un TF1 (par million d'heures, INRS), 100 pour un pourcentage.",
    "admin.help.rate_base_field": "Obligatoire pour un ratio : Σ numérateurs / Σ dénominateurs × base.",
    "admin.help.alert_threshold": (
        "Avant que la cible soit manquée : du côté défavorable de la cible (plus bas si plus haut = mieux)."
    ),
    "admin.help.tolerance": "Seulement pour une plage cible : atteint tant que |valeur − cible| ≤ tolérance.",
    # Table columns
    "admin.col.objective_id": "Objectif",
    "admin.col.indicator": "Indicateur",
    "admin.col.site": "Site",
    "admin.col.unit": "Unité",
    "admin.col.baseline": "Départ",
    "admin.col.target": "Cible",
    "admin.col.alert_threshold": "Alerte",
    "admin.col.start_on": "Début",
    "admin.col.deadline": "Échéance",
    "admin.col.owner_user_id": "Responsable",
    "admin.col.status": "État",
    "admin.col.smart": "SMART",
    "admin.col.indicator_id": "Code",
    "admin.col.name": "Nom",
    "admin.col.process_id": "Processus",
    "admin.col.domain": "Domaine",
    "admin.col.kind": "Type",
    "admin.col.polarity": "Sens",
    "admin.col.aggregation": "Agrégation",
    "admin.col.rate_base": "Base",
    "admin.col.frequency": "Fréquence",
    "admin.col.source": "Source",
    # Validation messages (each names its field)
    "admin.error.required": "{field} : champ obligatoire.",
    "admin.error.id_format": "{field} : lettres, chiffres, « - » ou « _ » uniquement (40 caractères au plus).",
    "admin.error.id_taken": "{field} : {value} existe déjà ; choisissez un autre code.",
    "admin.error.id_unknown": "{field} : {value} n'existe pas (ou hors de votre périmètre).",
    "admin.error.choice": "{field} : « {value} » n'est pas une valeur autorisée.",
    "admin.error.process_unknown": "{field} : processus inconnu ({value}).",
    "admin.error.indicator_unknown": "{field} : indicateur inconnu ({value}).",
    "admin.error.site_unknown": "{field} : site inconnu ({value}).",
    "admin.error.owner_unknown": "{field} : {value} n'est pas un utilisateur connu.",
    "admin.error.rate_base_ratio": (
        "{field} : un indicateur ratio a besoin d'une base supérieure à 0 (1 000 000 pour un TF1, 100 pour un "
        "pourcentage)."
    ),
    "admin.error.ratio_label": "{field} : obligatoire pour un indicateur ratio (numérateur ÷ dénominateur).",
    "admin.error.positive": "{field} : doit être supérieure à 0.",
    "admin.error.min_max": "{field} : le minimum ({min}) doit être inférieur au maximum ({max}).",
    "admin.error.deadline_past": "{field} : l'échéance ({value}) doit être postérieure à aujourd'hui ({today}).",
    "admin.error.deadline_order": "{field} : l'échéance doit suivre la date de début ({start}).",
    "admin.error.negative": "{field} : ne peut pas être négatif.",
    "admin.error.out_of_range": (
        "{field} : {value} est hors des valeurs possibles de l'indicateur (de {min} à {max})."
    ),
    "admin.error.target_higher": (
        "{field} : pour cet indicateur, plus haut = mieux ; la cible ({target}) doit dépasser la valeur de "
        "départ ({baseline})."
    ),
    "admin.error.target_lower": (
        "{field} : pour cet indicateur, plus bas = mieux ; la cible ({target}) doit être inférieure à la valeur "
        "de départ ({baseline})."
    ),
    "admin.error.tolerance_required": (
        "{field} : un indicateur à plage cible a besoin d'une tolérance supérieure à 0 (atteint tant que "
        "|valeur − cible| ≤ tolérance)."
    ),
    "admin.error.tolerance_unused": (
        "{field} : seuls les indicateurs à plage cible ont une tolérance ; laissez ce champ vide."
    ),
    "admin.error.alert_higher": (
        "{field} : le seuil d'alerte ({alert}) doit être sous la cible ({target}) pour prévenir avant qu'elle "
        "soit manquée."
    ),
    "admin.error.alert_lower": (
        "{field} : le seuil d'alerte ({alert}) doit être au-dessus de la cible ({target}) pour prévenir avant "
        "qu'elle soit manquée."
    ),
    "admin.error.alert_band": (
        "{field} : le seuil d'alerte ({alert}) doit être plus éloigné de la cible ({target}) que la tolérance "
        "({tolerance})."
    ),
    "admin.error.reason": "{field} : dites pourquoi vous modifiez cet enregistrement (conservé dans le journal).",
    "admin.error.no_change": "Rien n'a changé : il n'y a rien à enregistrer.",
}

EN: dict[str, str] = {
    "nav.objectives": "Objectives and indicators",
    "admin.title": "Objectives and indicators",
    "admin.empty_scope": "Nothing to show: your scope is empty.",
    "admin.no_months": "No data in the database yet.",
    "admin.intro": (
        "The SMART objectives (specific, measurable, achievable, relevant, time-bound) and the indicators that "
        "measure them. The director and the QSE lead define and change them; every change is traced (who, "
        "when, before, after, why)."
    ),
    "admin.read_only": "Read only: only the director and the QSE lead define objectives and indicators.",
    "admin.tab_objectives": "Objectives",
    "admin.tab_indicators": "Indicators",
    "admin.objectives": "Objectives in scope",
    "admin.objectives_count": "{n} objectives in the scope shown.",
    "admin.objectives_alt": (
        "Table of the {n} objectives in scope: indicator, site, baseline, target, alert threshold, dates, "
        "owner, status and SMART criteria met."
    ),
    "admin.no_objectives": "No objective in this scope.",
    "admin.indicators": "Indicators in scope",
    "admin.indicators_count": "{n} indicators in the scope shown.",
    "admin.indicators_alt": (
        "Table of the {n} indicators in scope: code, name, process, domain, kind, unit, polarity, aggregation, "
        "rate base, frequency and source."
    ),
    "admin.no_indicators": "No indicator in this scope.",
    "admin.pick_objective": "Objective to view or edit",
    "admin.pick_objective_read": "Objective to view",
    "admin.pick_indicator": "Indicator to view or edit",
    "admin.new_objective": "+ New objective",
    "admin.new_indicator": "+ New indicator",
    "admin.form_objective_new": "Create an objective",
    "admin.form_objective_edit": "Edit objective {id}",
    "admin.form_indicator_new": "Create an indicator",
    "admin.form_indicator_edit": "Edit indicator {id}",
    "admin.form_help": (
        "Fields marked * are required. Tab moves to the next field; the save button checks everything and "
        "says what is missing."
    ),
    "admin.save_objective": "Save objective",
    "admin.save_indicator": "Save indicator",
    "admin.saved_objective": "Objective {id} saved and recorded in the change log.",
    "admin.saved_indicator": "Indicator {id} saved and recorded in the change log.",
    "admin.problems": "{n} thing(s) to fix before saving:",
    "admin.denied": "Save refused: {error}",
    "admin.whole_scope": "Whole scope (all sites)",
    "admin.no_review_input": "None (monitoring and measurement, §9.3.2 c) 5))",
    "admin.reason_help": "Required for a change: kept in the change log.",
    "admin.smart_title": "SMART check",
    "admin.smart_intro": "What each criterion checks, for the values of the form:",
    "admin.smart_met": "✓ met",
    "admin.smart_not_met": "✗ to complete",
    "admin.smart_count": "{n}/{total}",
    "admin.smart.specific": "Specific",
    "admin.smart.specific.help": "one indicator and one site (or the whole scope)",
    "admin.smart.measurable": "Measurable",
    "admin.smart.measurable.help": "a numeric baseline and target",
    "admin.smart.achievable": "Achievable",
    "admin.smart.achievable.help": "a target within the indicator's possible values, argued",
    "admin.smart.relevant": "Relevant",
    "admin.smart.relevant.help": "a rationale (stake, cost, expected benefit)",
    "admin.smart.time_bound": "Time-bound",
    "admin.smart.time_bound.help": "a start date and a deadline to come, after the start",
    "admin.period.upcoming": "Upcoming",
    "admin.period.active": "In progress",
    "admin.period.ended": "Ended",
    "admin.field.indicator_id": "Indicator code",
    "admin.field.process_id": "Process",
    "admin.field.domain": "Domain",
    "admin.field.kind": "Indicator kind",
    "admin.field.name_fr": "Name (French)",
    "admin.field.name_en": "Name (English)",
    "admin.field.unit": "Unit",
    "admin.field.polarity": "Polarity",
    "admin.field.frequency": "Frequency",
    "admin.field.aggregation": "Aggregation",
    "admin.field.rate_base": "Rate base",
    "admin.field.definition": "Definition (French)",
    "admin.field.definition_en": "Definition (English)",
    "admin.field.source": "Source (e.g. INRS)",
    "admin.field.numerator_label_fr": "Numerator (French)",
    "admin.field.numerator_label_en": "Numerator (English)",
    "admin.field.denominator_label_fr": "Denominator (French)",
    "admin.field.denominator_label_en": "Denominator (English)",
    "admin.field.min_value": "Minimum possible value",
    "admin.field.max_value": "Maximum possible value",
    "admin.field.review_input": "Management review input",
    "admin.field.objective_id": "Objective code",
    "admin.field.site_id": "Site",
    "admin.field.baseline": "Baseline",
    "admin.field.target": "Target",
    "admin.field.alert_threshold": "Alert threshold",
    "admin.field.tolerance": "Tolerance (target band)",
    "admin.field.start_on": "Start",
    "admin.field.deadline": "Deadline",
    "admin.field.owner_user_id": "Owner",
    "admin.field.rationale": "Rationale",
    "admin.field.cost": "Cost (€)",
    "admin.field.expected_benefit": "Expected benefit (€)",
    "admin.field.reason": "Reason for the change",
    "admin.help.rate_base": "E.g. 1,000,000 for TF1 (per million hours, INRS), 100 for a percentage.",
    "admin.help.rate_base_field": "Required for a ratio: Σ numerators / Σ denominators × base.",
    "admin.help.alert_threshold": (
        "Warns before the target is missed: on the unfavourable side of the target (lower if higher is better)."
    ),
    "admin.help.tolerance": "Target band only: met while |value − target| ≤ tolerance.",
    "admin.col.objective_id": "Objective",
    "admin.col.indicator": "Indicator",
    "admin.col.site": "Site",
    "admin.col.unit": "Unit",
    "admin.col.baseline": "Baseline",
    "admin.col.target": "Target",
    "admin.col.alert_threshold": "Alert",
    "admin.col.start_on": "Start",
    "admin.col.deadline": "Deadline",
    "admin.col.owner_user_id": "Owner",
    "admin.col.status": "Status",
    "admin.col.smart": "SMART",
    "admin.col.indicator_id": "Code",
    "admin.col.name": "Name",
    "admin.col.process_id": "Process",
    "admin.col.domain": "Domain",
    "admin.col.kind": "Kind",
    "admin.col.polarity": "Polarity",
    "admin.col.aggregation": "Aggregation",
    "admin.col.rate_base": "Base",
    "admin.col.frequency": "Frequency",
    "admin.col.source": "Source",
    "admin.error.required": "{field}: required.",
    "admin.error.id_format": "{field}: letters, digits, '-' or '_' only (up to 40 characters).",
    "admin.error.id_taken": "{field}: {value} already exists; choose another code.",
    "admin.error.id_unknown": "{field}: {value} does not exist (or is outside your scope).",
    "admin.error.choice": "{field}: '{value}' is not an allowed value.",
    "admin.error.process_unknown": "{field}: unknown process ({value}).",
    "admin.error.indicator_unknown": "{field}: unknown indicator ({value}).",
    "admin.error.site_unknown": "{field}: unknown site ({value}).",
    "admin.error.owner_unknown": "{field}: {value} is not a known user.",
    "admin.error.rate_base_ratio": (
        "{field}: a ratio indicator needs a rate base greater than 0 (1,000,000 for TF1, 100 for a percentage)."
    ),
    "admin.error.ratio_label": "{field}: required for a ratio indicator (numerator ÷ denominator).",
    "admin.error.positive": "{field}: must be greater than 0.",
    "admin.error.min_max": "{field}: the minimum ({min}) must be lower than the maximum ({max}).",
    "admin.error.deadline_past": "{field}: the deadline ({value}) must be after today ({today}).",
    "admin.error.deadline_order": "{field}: the deadline must come after the start date ({start}).",
    "admin.error.negative": "{field}: cannot be negative.",
    "admin.error.out_of_range": "{field}: {value} is outside the indicator's possible values ({min} to {max}).",
    "admin.error.target_higher": (
        "{field}: this indicator is better when higher, so the target ({target}) must be above the baseline "
        "({baseline})."
    ),
    "admin.error.target_lower": (
        "{field}: this indicator is better when lower, so the target ({target}) must be below the baseline "
        "({baseline})."
    ),
    "admin.error.tolerance_required": (
        "{field}: a target-band indicator needs a tolerance greater than 0 (met while |value − target| ≤ "
        "tolerance)."
    ),
    "admin.error.tolerance_unused": "{field}: only target-band indicators have a tolerance; leave it empty.",
    "admin.error.alert_higher": (
        "{field}: the alert threshold ({alert}) must be below the target ({target}), to warn before it is missed."
    ),
    "admin.error.alert_lower": (
        "{field}: the alert threshold ({alert}) must be above the target ({target}), to warn before it is missed."
    ),
    "admin.error.alert_band": (
        "{field}: the alert threshold ({alert}) must lie further from the target ({target}) than the tolerance "
        "({tolerance})."
    ),
    "admin.error.reason": "{field}: say why you change this record (kept in the change log).",
    "admin.error.no_change": "Nothing changed: there is nothing to save.",
}
