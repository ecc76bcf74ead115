"""Messages of the event declaration page (nonconformity … supplier nonconformity), French (default) and
English side by side; keys are prefixed and unique across catalogues. The event types, 7M categories and
statuses are the Pareto page's words (`pareto.event_type.*`, `pareto.7m.*`, `pareto.status.*`): an event is
found in the Pareto under the name it was declared with."""

FR: dict[str, str] = {
    "nav.events": "Déclarer un événement",
    "events.title": "Déclarer un événement",
    "events.intro": (
        "Une non-conformité, une réclamation, un incident, un accident, un presque-accident, un incident "
        "environnemental, un constat d'audit ou une non-conformité fournisseur : déclaré ici, il est vérifié "
        "comme une ligne d'un fichier d'événements et compte aussitôt dans le Pareto, l'Ishikawa, les causes "
        "et la revue de direction."
    ),
    "events.empty_scope": "Aucun événement à déclarer : votre périmètre est vide.",
    "events.not_allowed": (
        "Votre rôle permet de consulter les analyses, pas de déclarer des événements. Adressez-vous au "
        "pilote du processus ou au responsable QSE."
    ),
    "events.type": "Type d'événement",
    "events.type_help": "Ce qui est arrivé ; le formulaire demande les champs propres à chaque type.",
    "events.occurred_on": "Date de l'événement",
    "events.occurred_on_help": "Le jour où l'événement est survenu ou a été constaté (pas dans le futur).",
    "events.site": "Site",
    "events.process": "Processus",
    "events.severity": "Gravité",
    "events.severity_help": "De 1 (mineure) à 5 (critique) ; laissez « non évaluée » si elle reste à coter.",
    "events.severity.none": "Non évaluée",
    "events.severity.1": "1 — mineure",
    "events.severity.2": "2 — modérée",
    "events.severity.3": "3 — significative",
    "events.severity.4": "4 — grave",
    "events.severity.5": "5 — critique",
    "events.cost": "Coût (€)",
    "events.cost_help": (
        "Coût de la non-qualité ou des dommages, tapé comme dans les fichiers : 1 234,5 ou 1234,5. "
        "Vide s'il n'est pas connu."
    ),
    "events.category": "Famille de cause (7M)",
    "events.category_help": (
        "La branche de l'Ishikawa : main-d'œuvre, méthodes, matériel, matière, milieu, mesure, management. "
        "Laissez « à déterminer » si l'analyse n'est pas faite : l'événement est alors compté à part dans "
        "le Pareto."
    ),
    "events.category.none": "À déterminer",
    "events.cause": "Cause",
    "events.cause_help": "Une cause de l'arbre des causes, dans la famille choisie.",
    "events.cause.category_only": "Toute la famille (cause précise à déterminer)",
    "events.title_field": "Titre",
    "events.title_help": "Ce qui est arrivé, en une ligne (au plus {max} caractères).",
    "events.description": "Description",
    "events.description_help": (
        "Les faits : quoi, où, quand, qui a constaté, mesures immédiates (au plus {max} caractères)."
    ),
    "events.supplier": "Fournisseur",
    "events.supplier_help": "Le fournisseur en cause (non-conformité fournisseur).",
    "events.lost_days": "Jours d'arrêt",
    "events.lost_days_help": (
        "Jours calendaires d'incapacité temporaire (accident du travail) ; 0 sans arrêt."
    ),
    "events.submit": "Enregistrer l'événement",
    "events.saved": (
        "Événement **{event_id}** « {title} » enregistré ({type}, {site}, {date}). Il compte dès maintenant "
        "dans le Pareto, l'Ishikawa, les causes et la revue de direction."
    ),
    "events.saved_again": "Cette déclaration était déjà enregistrée (envoi répété) : rien n'a été ajouté.",
    "events.refused": "L'événement n'a pas été enregistré : {n} champ(s) à corriger.",
    "events.problem": "« {field} » : {reason}",
    "events.file_name": "déclaration d'événement",
    "events.recent_heading": "Événements récents de votre périmètre",
    "events.recent_caption": (
        "Déclarés ou survenus depuis le {since}, les derniers déclarés d'abord ; « Déclaré par » est vide "
        "pour les événements venus d'un autre système avant l'application."
    ),
    "events.recent_none": "Aucun événement déclaré ou survenu depuis le {since} dans votre périmètre.",
    "events.recent_alt": "Tableau des événements récents du périmètre, les derniers déclarés d'abord.",
    "events.recent_more": (
        "Le tableau montre les {shown} derniers événements ; {hidden} autres n'y sont pas : téléchargez-les "
        "tous."
    ),
    "events.recent_download": "Télécharger les {total} événements (CSV)",
    "events.col.event_id": "N°",
    "events.col.occurred_on": "Date",
    "events.col.event_type": "Type",
    "events.col.site": "Site",
    "events.col.process": "Processus",
    "events.col.severity": "Gravité",
    "events.col.cost": "Coût (€)",
    "events.col.category": "Famille (7M)",
    "events.col.cause": "Cause",
    "events.col.title": "Titre",
    "events.col.status": "Statut",
    "events.col.recorded_by": "Déclaré par",
    "events.col.recorded_at": "Déclaré le",
}

EN: dict[str, str] = {
    "nav.events": "Record an event",
    "events.title": "Record an event",
    "events.intro": (
        "A nonconformity, customer complaint, incident, accident, near miss, environmental incident, audit "
        "finding or supplier nonconformity: recorded here, it is checked like a row of an events file and "
        "counts at once in the Pareto, the Ishikawa, the causes and the management review."
    ),
    "events.empty_scope": "No event to record: your scope is empty.",
    "events.not_allowed": (
        "Your role lets you read the analyses, not record events. Ask the process pilot or the QSE lead."
    ),
    "events.type": "Event type",
    "events.type_help": "What happened; the form asks for the fields each type needs.",
    "events.occurred_on": "Date of the event",
    "events.occurred_on_help": "The day the event happened or was found (not in the future).",
    "events.site": "Site",
    "events.process": "Process",
    "events.severity": "Severity",
    "events.severity_help": (
        "From 1 (minor) to 5 (critical); leave \u201cnot assessed\u201d if it is still to be rated."
    ),
    "events.severity.none": "Not assessed",
    "events.severity.1": "1 — minor",
    "events.severity.2": "2 — moderate",
    "events.severity.3": "3 — significant",
    "events.severity.4": "4 — serious",
    "events.severity.5": "5 — critical",
    "events.cost": "Cost (€)",
    "events.cost_help": (
        "Cost of poor quality or of the damage, typed as in the data files: 1,234.5 or 1234.5. "
        "Empty when not known."
    ),
    "events.category": "Cause family (7M)",
    "events.category_help": (
        "The Ishikawa branch: manpower, methods, machines, materials, environment, measurement, management. "
        "Leave \u201cto be determined\u201d when the analysis is not done: the Pareto then counts the event "
        "apart."
    ),
    "events.category.none": "To be determined",
    "events.cause": "Cause",
    "events.cause_help": "A cause of the cause tree, in the family chosen.",
    "events.cause.category_only": "The whole family (precise cause to be determined)",
    "events.title_field": "Title",
    "events.title_help": "What happened, in one line (at most {max} characters).",
    "events.description": "Description",
    "events.description_help": (
        "The facts: what, where, when, who found it, immediate measures (at most {max} characters)."
    ),
    "events.supplier": "Supplier",
    "events.supplier_help": "The supplier concerned (supplier nonconformity).",
    "events.lost_days": "Days lost",
    "events.lost_days_help": (
        "Calendar days of temporary incapacity (workplace accident); 0 without lost time."
    ),
    "events.submit": "Record the event",
    "events.saved": (
        "Event **{event_id}** \u201c{title}\u201d recorded ({type}, {site}, {date}). It counts from now on "
        "in the Pareto, the Ishikawa, the causes and the management review."
    ),
    "events.saved_again": "This declaration was already recorded (sent twice): nothing was added.",
    "events.refused": "The event was not recorded: {n} field(s) to correct.",
    "events.problem": "\u201c{field}\u201d: {reason}",
    "events.file_name": "event declaration",
    "events.recent_heading": "Recent events in your scope",
    "events.recent_caption": (
        "Recorded or occurred since {since}, the latest recorded first; \u201cRecorded by\u201d is empty for "
        "events that came from another system before the application."
    ),
    "events.recent_none": "No event recorded or occurred since {since} in your scope.",
    "events.recent_alt": "Table of the scope's recent events, the latest recorded first.",
    "events.recent_more": (
        "The table shows the latest {shown} events; {hidden} more are not in it: download them all."
    ),
    "events.recent_download": "Download the {total} events (CSV)",
    "events.col.event_id": "No.",
    "events.col.occurred_on": "Date",
    "events.col.event_type": "Type",
    "events.col.site": "Site",
    "events.col.process": "Process",
    "events.col.severity": "Severity",
    "events.col.cost": "Cost (€)",
    "events.col.category": "Family (7M)",
    "events.col.cause": "Cause",
    "events.col.title": "Title",
    "events.col.status": "Status",
    "events.col.recorded_by": "Recorded by",
    "events.col.recorded_at": "Recorded on",
}
