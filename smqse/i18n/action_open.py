"""Messages of the "open an action" form on the analysis pages (issue 15), French (default) and English; keys
are prefixed and unique across catalogues."""

FR: dict[str, str] = {
    "act_open.expander": "Ouvrir une action",
    "act_open.intro": "Origine : {origin} **{origin_id}**. L'action paraît aussitôt dans le plan d'actions.",
    "act_open.process": "Processus",
    "act_open.process_help": "Les processus de votre périmètre concernés, le plus probable d'abord.",
    "act_open.title": "Intitulé",
    "act_open.title_help": "Construit depuis l'origine : précisez ce qui sera fait.",
    "act_open.type": "Type d'action",
    "act_open.type_help": (
        "Curative (contenir l'effet), corrective (supprimer la cause), préventive (éviter une dérive "
        "probable), amélioration."
    ),
    "act_open.owner": "Responsable",
    "act_open.owner_help": "Le pilote du processus par défaut ; seuls ceux qui peuvent agir sur ce processus.",
    "act_open.site": "Site",
    "act_open.site_all": "Tous les sites du processus",
    "act_open.due": "Échéance",
    "act_open.due_help": "Par défaut dans {days} jours.",
    "act_open.submit": "Ouvrir l'action",
    "act_open.saved": "Action **{action}** ouverte ({owner}, échéance {due}) : elle figure au plan d'actions.",
    "act_open.not_your_process": (
        "Vous ne pouvez pas ouvrir d'action ici : ce qui est montré ne concerne aucun processus de votre "
        "périmètre."
    ),
    "act_open.no_owner": "Personne ne peut porter une action sur ce processus.",
    "act_open.denied": "Action refusée : {error}",
    "act_open.error.title": "Donnez un intitulé à l'action.",
    "act_open.error.title_long": "L'intitulé dépasse {n} caractères.",
    "act_open.error.type": "Choisissez un type d'action.",
    "act_open.error.process": "Choisissez un processus.",
    "act_open.error.owner": "Choisissez un responsable.",
    "act_open.error.due": "L'échéance ne peut pas être passée.",
    "act_open.error.origin": "Origine inconnue : l'action doit venir d'une analyse.",
    "act_open.title.indicator": "Redresser {indicator} — {name}",
    "act_open.title.objective": "Tenir l'objectif {objective} — {name}",
    "act_open.title.anomaly": "Analyser et contenir l'anomalie {indicator} — {name} · {site} · {month}",
    "act_open.title.cause": "Traiter la cause « {cause} »",
    "act_open.title.pareto": "Réduire « {category} »",
    "act_open.pick.indicator": "Indicateur",
    "act_open.pick.indicator_help": "Les points qui demandent votre attention d'abord ; ou choisissez une ligne du tableau.",
    "act_open.link_help": "La page et l'élément d'où vient l'action.",
    "act_open.col.origin_link": "Voir l'origine",
    "act_open.link_text": "Ouvrir ↗",
    "act_open.link_missing": (
        "Le lien désigne **{item}**, absent de ce qui est montré (période, filtres ou périmètre) : "
        "élargissez la vue pour le retrouver."
    ),
}

EN: dict[str, str] = {
    "act_open.expander": "Open an action",
    "act_open.intro": "Origin: {origin} **{origin_id}**. The action shows at once in the action plan.",
    "act_open.process": "Process",
    "act_open.process_help": "The processes of your scope it concerns, the likeliest first.",
    "act_open.title": "Title",
    "act_open.title_help": "Built from the origin: say what will be done.",
    "act_open.type": "Action type",
    "act_open.type_help": (
        "Containment (contain the effect), corrective (remove the cause), preventive (avoid a likely drift), "
        "improvement."
    ),
    "act_open.owner": "Owner",
    "act_open.owner_help": "The process pilot by default; only people who may act on this process.",
    "act_open.site": "Site",
    "act_open.site_all": "Every site of the process",
    "act_open.due": "Due date",
    "act_open.due_help": "By default in {days} days.",
    "act_open.submit": "Open the action",
    "act_open.saved": "Action **{action}** opened ({owner}, due {due}): it is in the action plan.",
    "act_open.not_your_process": (
        "You cannot open an action here: what is shown concerns no process of your scope."
    ),
    "act_open.no_owner": "Nobody may own an action on this process.",
    "act_open.denied": "Action refused: {error}",
    "act_open.error.title": "Give the action a title.",
    "act_open.error.title_long": "The title is longer than {n} characters.",
    "act_open.error.type": "Choose an action type.",
    "act_open.error.process": "Choose a process.",
    "act_open.error.owner": "Choose an owner.",
    "act_open.error.due": "The due date cannot be in the past.",
    "act_open.error.origin": "Unknown origin: the action must come from an analysis.",
    "act_open.title.indicator": "Bring {indicator} back on target — {name}",
    "act_open.title.objective": "Get objective {objective} back on track — {name}",
    "act_open.title.anomaly": "Investigate and contain the anomaly {indicator} — {name} · {site} · {month}",
    "act_open.title.cause": "Address the cause “{cause}”",
    "act_open.title.pareto": "Reduce “{category}”",
    "act_open.pick.indicator": "Indicator",
    "act_open.pick.indicator_help": "What needs your attention first; or select a row of the table.",
    "act_open.link_help": "The page and item the action came from.",
    "act_open.col.origin_link": "See the origin",
    "act_open.link_text": "Open ↗",
    "act_open.link_missing": (
        "The link names **{item}**, which is not in what is shown (period, filters or scope): widen the view "
        "to find it."
    ),
}
