"""Messages of the actions feature, French (default) and English; keys prefixed and unique across catalogues."""

FR: dict[str, str] = {
    "nav.actions": "Plan d'actions",
    "actions.title": "Plan d'actions",
    "actions.empty_scope": "Votre périmètre ne contient aucun processus ni site : aucune action à suivre.",
    "actions.no_months": "Aucune donnée dans ce périmètre pour l'instant.",
    "actions.intro": (
        "Toutes les actions du périmètre (événements, audits, revue de direction, objectifs, analyses) "
        "ouvertes jusqu'au mois choisi, et toutes celles ouvertes aujourd'hui, même plus tard : les actions "
        "en retard d'abord, puis par échéance. Une action close attend la "
        "vérification de son efficacité (ISO 9001 §10.2) ; elle est due {days} jours après la clôture. "
        "Chaque mise à jour est tracée : qui, quand, avant, après et pourquoi."
    ),
    "actions.none": "Aucune action dans ce périmètre jusqu'au mois choisi.",
    "actions.none_filtered": "Aucune action ne correspond aux filtres.",
    "actions.filter.origins": "Origine",
    "actions.filter.types": "Type",
    "actions.filter.statuses": "Statut",
    "actions.filter.owners": "Responsable",
    "actions.filter.processes": "Processus",
    "actions.filter.all": "Tous",
    "actions.search": "Rechercher",
    "actions.search_placeholder": "Code ou mots du titre",
    "actions.search_help": (
        "Garde les actions dont le code ou le titre contient chacun des mots tapés (majuscules ou non)."
    ),
    "actions.table_more": (
        "Le tableau montre les {shown} premières actions du classement ; {hidden} autres n'y sont pas : "
        "affinez les filtres ou la recherche, ou téléchargez-les toutes."
    ),
    "actions.table_download": "Télécharger les {total} actions (CSV)",
    "actions.checks_more": (
        "Le tableau montre les {shown} actions qui attendent depuis le plus longtemps ; {hidden} autres "
        "sont dans le téléchargement."
    ),
    "actions.checks_download": "Télécharger les {total} vérifications dues (CSV)",
    "actions.pick_more": (
        "La liste propose les {shown} premières actions sur {total} : recherchez le code ou des mots du "
        "titre, ou cliquez sur la ligne dans le tableau, pour atteindre les autres."
    ),
    "actions.check_pick_more": (
        "La liste propose les {shown} actions qui attendent depuis le plus longtemps sur {total} : la "
        "recherche ou les filtres atteignent les autres."
    ),
    "actions.tile.open": "Actions ouvertes",
    "actions.tile.open_help": "Actions planifiées ou en cours au {date}.",
    "actions.tile.overdue": "En retard",
    "actions.tile.overdue_help": "Actions ouvertes au {date} dont l'échéance est dépassée.",
    "actions.tile.done_this_year": "Closes en {year}",
    "actions.tile.done_this_year_help": "Actions faites ou vérifiées, closes depuis le 1er janvier, au {date}.",
    "actions.tile.checks_due": "Efficacité à vérifier",
    "actions.tile.checks_due_help": (
        "Actions closes depuis plus de {days} jours dont l'efficacité n'a pas encore été vérifiée."
    ),
    "actions.table_title": "Les actions, les plus en retard d'abord",
    "actions.table_hint": (
        "Situation au {date}. Cliquez sur une ligne pour la mettre à jour et voir son historique."
    ),
    "actions.table_alt": "Tableau du plan d'actions : {n} actions, dont {overdue} en retard, les retards d'abord.",
    "actions.col.rank": "Rang",
    "actions.col.action_id": "Action",
    "actions.col.status": "Statut",
    "actions.col.progress_pct": "Avancement",
    "actions.col.due_on": "Échéance",
    "actions.col.title": "Intitulé",
    "actions.col.owner": "Responsable",
    "actions.col.process": "Processus",
    "actions.col.site": "Site",
    "actions.col.action_type": "Type",
    "actions.col.origin": "Origine",
    "actions.col.opened_on": "Ouverte le",
    "actions.col.closed_on": "Close le",
    "actions.col.effectiveness": "Efficacité",
    "actions.col.days_late": "Jours de retard",
    "actions.col.days_since_closed": "Jours depuis la clôture",
    "actions.col.changed_at": "Quand",
    "actions.col.changed_by": "Qui",
    "actions.col.change": "Avant → après",
    "actions.col.reason": "Pourquoi",
    "actions.status.planned": "Planifiée",
    "actions.status.in_progress": "En cours",
    "actions.status.done": "Faite",
    "actions.status.verified": "Vérifiée",
    "actions.status.cancelled": "Annulée",
    "actions.overdue": "en retard",
    "actions.overdue_days": "en retard de {n} j",
    "actions.effectiveness.effective": "Efficace",
    "actions.effectiveness.not_effective": "Non efficace",
    "actions.effectiveness.not_checked": "À vérifier",
    "actions.effectiveness.due": "Vérification due",
    "actions.effectiveness.na": "Sans objet",
    "actions.origin.event": "Événement",
    "actions.origin.audit": "Audit",
    "actions.origin.review": "Revue de direction",
    "actions.origin.objective": "Objectif",
    "actions.origin.indicator": "Indicateur",
    "actions.origin.anomaly": "Anomalie",
    "actions.origin.cause": "Cause",
    "actions.origin.pareto": "Pareto",
    "actions.type.corrective": "Corrective",
    "actions.type.preventive": "Préventive",
    "actions.type.improvement": "Amélioration",
    "actions.type.containment": "Curative",
    "actions.all_sites": "Tous les sites",
    "actions.gantt.title": "Calendrier des actions",
    "actions.gantt.takeaway.one": (
        "{n} action dessinée au {date} : {overdue} en retard, {open} ouverte dans les temps, {closed} close."
    ),
    "actions.gantt.takeaway.many": (
        "{n} actions dessinées au {date} : {overdue} en retard, {open} ouvertes dans les temps, {closed} closes."
    ),
    "actions.gantt.takeaway_none": "Aucune action à dessiner.",
    "actions.gantt.worst": "La plus en retard : {action}, de {days} jours.",
    "actions.gantt.reference": "Au {date}",
    "actions.gantt.alt_intro": (
        "Diagramme de Gantt de {actions}, une barre de l'ouverture à l'échéance ou à la clôture, "
        "ligne pointillée au {date}."
    ),
    "actions.gantt.alt_action": "{action} ouverte le {opened}, échéance {due}, {status}, avancement {progress}",
    "actions.gantt.alt_late": "en retard de {n} jours",
    "actions.gantt.alt_closed": "close le {closed}",
    "actions.gantt.more": "{shown} actions dessinées ; {left} autres (plus loin dans le classement) ne le sont pas.",
    "actions.checks_title": "Vérifications d'efficacité dues",
    "actions.checks_intro": (
        "Une action close depuis plus de {days} jours doit voir son efficacité vérifiée : le problème "
        "a-t-il cessé ? (ISO 9001 §10.2)"
    ),
    "actions.checks_none": "Aucune vérification d'efficacité en attente.",
    "actions.checks_alt": "Tableau des {n} actions closes dont l'efficacité reste à vérifier.",
    "actions.check_form_title": "Enregistrer une vérification d'efficacité",
    "actions.check_pick": "Action vérifiée",
    "actions.check_result": "Résultat",
    "actions.check_comment": "Constat (obligatoire)",
    "actions.check_comment_placeholder": "Ex. : plus aucune réclamation de ce type depuis 3 mois.",
    "actions.check_submit": "Enregistrer la vérification",
    "actions.check_saved": "Vérification de {action} enregistrée.",
    "actions.detail_title": "Une action : mise à jour et historique",
    "actions.pick": "Action",
    "actions.pick_help": "Choisissez une action, ou cliquez sur sa ligne dans le tableau.",
    "actions.detail_summary": (
        "{status} — responsable : {owner} · processus : {process} · ouverte le {opened} · échéance : {due} · "
        "efficacité : {effectiveness}"
    ),
    "actions.update_title": "Mettre à jour",
    "actions.read_only": "Lecture seule : votre rôle ne permet pas de modifier les actions.",
    "actions.not_yours": "Cette action relève d'un processus dont vous n'êtes pas pilote : lecture seule.",
    "actions.update_status": "Statut",
    "actions.update_progress": "Avancement (%)",
    "actions.update_progress_help": "De 0 à 100 ; une action faite ou vérifiée est à 100 %.",
    "actions.update_closed_on": "Date de clôture",
    "actions.update_closed_on_help": (
        "Obligatoire pour une action faite ou vérifiée (au plus tard aujourd'hui, pas avant l'ouverture) ; "
        "ignorée pour une action planifiée ou en cours ; aujourd'hui par défaut pour une annulation."
    ),
    "actions.update_reason": "Motif de la modification (obligatoire)",
    "actions.update_reason_placeholder": "Ex. : poste réglé, essais validés le 12.",
    "actions.update_submit": "Enregistrer la mise à jour",
    "actions.update_saved": "{action} mise à jour.",
    "actions.denied": "Modification refusée : {error}",
    "actions.history_title": "Historique",
    "actions.history_none": "Aucune modification enregistrée pour cette action.",
    "actions.history_alt": "Historique des modifications de {action} : {n} lignes.",
    "actions.history.created": "Création",
    "actions.field.status": "Statut",
    "actions.field.progress_pct": "Avancement",
    "actions.field.closed_on": "Clôture",
    "actions.field.effectiveness": "Efficacité",
    "actions.colon": " :",
    "actions.error.status": "Statut inconnu : {status}.",
    "actions.error.progress": "L'avancement doit être compris entre 0 et 100 %.",
    "actions.error.closed_on_missing": "Une action faite ou vérifiée doit avoir une date de clôture.",
    "actions.error.progress_done": "Une action faite ou vérifiée est avancée à 100 %.",
    "actions.error.closed_on_future": "La date de clôture ne peut pas être dans le futur.",
    "actions.error.closed_before_opened": "La date de clôture ne peut pas précéder l'ouverture ({opened}).",
    "actions.error.reason": "Indiquez le motif de la modification.",
    "actions.error.unchanged": "Rien n'a changé : aucune modification enregistrée.",
    "actions.error.result": "Choisissez « efficace » ou « non efficace ».",
    "actions.error.not_closed": "Seule une action faite ou vérifiée peut voir son efficacité vérifiée.",
}

EN: dict[str, str] = {
    "nav.actions": "Action plan",
    "actions.title": "Action plan",
    "actions.empty_scope": "Your scope has no process or site: no action to follow.",
    "actions.no_months": "No data in this scope yet.",
    "actions.intro": (
        "Every action in scope (events, audits, management review, objectives, analyses) opened up to the "
        "chosen month, and every action open today, even opened later: overdue ones first, then by due date. A closed action awaits the review of its effectiveness "
        "(ISO 9001 §10.2), due {days} days after closing. Every update is traced: who, when, before, after "
        "and why."
    ),
    "actions.none": "No action in this scope up to the chosen month.",
    "actions.none_filtered": "No action matches the filters.",
    "actions.filter.origins": "Origin",
    "actions.filter.types": "Type",
    "actions.filter.statuses": "Status",
    "actions.filter.owners": "Owner",
    "actions.filter.processes": "Process",
    "actions.filter.all": "All",
    "actions.search": "Search",
    "actions.search_placeholder": "Code or words of the title",
    "actions.search_help": "Keeps the actions whose code or title holds every word typed (any letter case).",
    "actions.table_more": (
        "The table shows the first {shown} actions of the ranking; {hidden} more are not in it: narrow the "
        "filters or the search, or download them all."
    ),
    "actions.table_download": "Download the {total} actions (CSV)",
    "actions.checks_more": (
        "The table shows the {shown} actions waiting the longest; {hidden} more are in the download."
    ),
    "actions.checks_download": "Download the {total} checks due (CSV)",
    "actions.pick_more": (
        "The list offers the first {shown} actions out of {total}: search the code or words of the title, "
        "or click the row in the table, to reach the others."
    ),
    "actions.check_pick_more": (
        "The list offers the {shown} actions waiting the longest out of {total}: the search or the filters "
        "reach the others."
    ),
    "actions.tile.open": "Open actions",
    "actions.tile.open_help": "Actions planned or in progress on {date}.",
    "actions.tile.overdue": "Overdue",
    "actions.tile.overdue_help": "Actions open on {date} past their due date.",
    "actions.tile.done_this_year": "Closed in {year}",
    "actions.tile.done_this_year_help": "Actions done or verified, closed since 1 January, on {date}.",
    "actions.tile.checks_due": "Effectiveness to check",
    "actions.tile.checks_due_help": "Actions closed more than {days} days ago whose effectiveness is not checked yet.",
    "actions.table_title": "The actions, most overdue first",
    "actions.table_hint": "Situation on {date}. Click a row to update it and see its history.",
    "actions.table_alt": "Action plan table: {n} actions, {overdue} of them overdue, overdue ones first.",
    "actions.col.rank": "Rank",
    "actions.col.action_id": "Action",
    "actions.col.status": "Status",
    "actions.col.progress_pct": "Progress",
    "actions.col.due_on": "Due",
    "actions.col.title": "Title",
    "actions.col.owner": "Owner",
    "actions.col.process": "Process",
    "actions.col.site": "Site",
    "actions.col.action_type": "Type",
    "actions.col.origin": "Origin",
    "actions.col.opened_on": "Opened",
    "actions.col.closed_on": "Closed",
    "actions.col.effectiveness": "Effectiveness",
    "actions.col.days_late": "Days late",
    "actions.col.days_since_closed": "Days since closing",
    "actions.col.changed_at": "When",
    "actions.col.changed_by": "Who",
    "actions.col.change": "Before → after",
    "actions.col.reason": "Why",
    "actions.status.planned": "Planned",
    "actions.status.in_progress": "In progress",
    "actions.status.done": "Done",
    "actions.status.verified": "Verified",
    "actions.status.cancelled": "Cancelled",
    "actions.overdue": "overdue",
    "actions.overdue_days": "{n} d overdue",
    "actions.effectiveness.effective": "Effective",
    "actions.effectiveness.not_effective": "Not effective",
    "actions.effectiveness.not_checked": "To check",
    "actions.effectiveness.due": "Check due",
    "actions.effectiveness.na": "Not applicable",
    "actions.origin.event": "Event",
    "actions.origin.audit": "Audit",
    "actions.origin.review": "Management review",
    "actions.origin.objective": "Objective",
    "actions.origin.indicator": "Indicator",
    "actions.origin.anomaly": "Anomaly",
    "actions.origin.cause": "Cause",
    "actions.origin.pareto": "Pareto",
    "actions.type.corrective": "Corrective",
    "actions.type.preventive": "Preventive",
    "actions.type.improvement": "Improvement",
    "actions.type.containment": "Containment",
    "actions.all_sites": "All sites",
    "actions.gantt.title": "Action timeline",
    "actions.gantt.takeaway.one": (
        "{n} action drawn on {date}: {overdue} overdue, {open} open on time, {closed} closed."
    ),
    "actions.gantt.takeaway.many": (
        "{n} actions drawn on {date}: {overdue} overdue, {open} open on time, {closed} closed."
    ),
    "actions.gantt.takeaway_none": "No action to draw.",
    "actions.gantt.worst": "The most overdue: {action}, by {days} days.",
    "actions.gantt.reference": "On {date}",
    "actions.gantt.alt_intro": (
        "Gantt chart of {actions}, one bar from opening to due or closing date, dashed line on {date}."
    ),
    "actions.gantt.alt_action": "{action} opened {opened}, due {due}, {status}, progress {progress}",
    "actions.gantt.alt_late": "overdue by {n} days",
    "actions.gantt.alt_closed": "closed {closed}",
    "actions.gantt.more": "{shown} actions drawn; {left} more (further down the ranking) are not.",
    "actions.checks_title": "Effectiveness checks due",
    "actions.checks_intro": (
        "An action closed more than {days} days ago needs its effectiveness checked: has the problem "
        "stopped? (ISO 9001 §10.2)"
    ),
    "actions.checks_none": "No effectiveness check waiting.",
    "actions.checks_alt": "Table of the {n} closed actions whose effectiveness is still to be checked.",
    "actions.check_form_title": "Record an effectiveness check",
    "actions.check_pick": "Action checked",
    "actions.check_result": "Result",
    "actions.check_comment": "Finding (required)",
    "actions.check_comment_placeholder": "E.g. no complaint of this kind for 3 months.",
    "actions.check_submit": "Save the check",
    "actions.check_saved": "Check of {action} saved.",
    "actions.detail_title": "One action: update and history",
    "actions.pick": "Action",
    "actions.pick_help": "Choose an action, or click its row in the table.",
    "actions.detail_summary": (
        "{status} — owner: {owner} · process: {process} · opened {opened} · due: {due} · "
        "effectiveness: {effectiveness}"
    ),
    "actions.update_title": "Update",
    "actions.read_only": "Read only: your role cannot change actions.",
    "actions.not_yours": "This action belongs to a process you do not pilot: read only.",
    "actions.update_status": "Status",
    "actions.update_progress": "Progress (%)",
    "actions.update_progress_help": "From 0 to 100; a done or verified action is at 100%.",
    "actions.update_closed_on": "Closing date",
    "actions.update_closed_on_help": (
        "Required for a done or verified action (today at the latest, not before opening); ignored for a "
        "planned or in-progress action; today by default for a cancellation."
    ),
    "actions.update_reason": "Reason for the change (required)",
    "actions.update_reason_placeholder": "E.g. station adjusted, trials validated on the 12th.",
    "actions.update_submit": "Save the update",
    "actions.update_saved": "{action} updated.",
    "actions.denied": "Change refused: {error}",
    "actions.history_title": "History",
    "actions.history_none": "No change recorded for this action.",
    "actions.history_alt": "Change history of {action}: {n} rows.",
    "actions.history.created": "Created",
    "actions.field.status": "Status",
    "actions.field.progress_pct": "Progress",
    "actions.field.closed_on": "Closing",
    "actions.field.effectiveness": "Effectiveness",
    "actions.colon": ":",
    "actions.error.status": "Unknown status: {status}.",
    "actions.error.progress": "Progress must be between 0 and 100%.",
    "actions.error.closed_on_missing": "A done or verified action needs a closing date.",
    "actions.error.progress_done": "A done or verified action is at 100% progress.",
    "actions.error.closed_on_future": "The closing date cannot be in the future.",
    "actions.error.closed_before_opened": "The closing date cannot be before the opening ({opened}).",
    "actions.error.reason": "Give the reason for the change.",
    "actions.error.unchanged": "Nothing changed: no update recorded.",
    "actions.error.result": "Choose “effective” or “not effective”.",
    "actions.error.not_closed": "Only a done or verified action can have its effectiveness checked.",
}
