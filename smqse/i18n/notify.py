"""Messages of the reminder and digest e-mails (`python -m smqse notify`), French (default) and English."""

FR: dict[str, str] = {
    "notify.subject": "SMQSE — {what}, {day}",
    "notify.subject.items_one": "1 point à traiter",
    "notify.subject.items_many": "{n} points à traiter",
    "notify.subject.digest": "synthèse mensuelle ({month})",
    "notify.subject.both": "{items} et {digest}",
    "notify.greeting": "Bonjour {name},",
    "notify.intro": "Voici ce qui vous attend dans SMQSE au {day}.",
    "notify.open_app": "Ouvrir SMQSE",
    "notify.footer": (
        "Message automatique de SMQSE, envoyé selon vos préférences de notification. Vous pouvez ne plus "
        "recevoir un type de message depuis la page de vos préférences, ou en le demandant au responsable QSE."
    ),
    "notify.footer.why": "Vous recevez ce message parce que votre adresse est enregistrée dans SMQSE.",
    "notify.col.indicator": "Indicateur",
    "notify.col.site": "Site",
    "notify.col.process": "Processus",
    "notify.col.action": "Action",
    "notify.col.title": "Intitulé",
    "notify.col.owner": "Responsable",
    "notify.col.due": "Échéance",
    "notify.col.state": "Situation",
    "notify.col.status": "Statut",
    "notify.col.previous": "Mois précédent",
    "notify.col.value": "Valeur à date",
    "notify.col.target": "Objectif à date",
    "notify.col.alert": "Seuil d'alerte",
    "notify.col.objective": "Objectif",
    "notify.col.signal": "Signal",
    "notify.col.count": "Indicateurs",
    "notify.overdue_one": "en retard de 1 jour",
    "notify.overdue_many": "en retard de {n} jours",
    "notify.due_today": "échéance aujourd'hui",
    "notify.due_in_one": "échéance dans 1 jour",
    "notify.due_in_many": "échéance dans {n} jours",
    "notify.all_sites": "tous les sites",
    "notify.section.owed_values": "Valeurs à saisir",
    "notify.section.owed_values.intro": (
        "Les valeurs mensuelles de vos processus qui manquent encore. Les valeurs d'un mois sont dues le "
        "{due_day} du mois suivant."
    ),
    "notify.owed.month": "{month} : {n} valeur(s) dues le {due}, {state}",
    "notify.owed.link": "Saisir les valeurs ({month})",
    "notify.section.unfavourable_indicators": "Indicateurs devenus défavorables",
    "notify.section.unfavourable_indicators.intro": (
        "Vos indicateurs dont le statut s'est dégradé en {month}, ou qui montrent un signal défavorable "
        "ce mois-là (carte de contrôle)."
    ),
    "notify.signal.up": "hausse",
    "notify.signal.down": "baisse",
    "notify.signal.none": "aucun",
    "notify.section.actions_due": "Vos actions à échéance",
    "notify.section.actions_due.intro": "Vos actions ouvertes en retard ou dont l'échéance tombe dans les {days} jours.",
    "notify.section.escalations": "Actions en retard de plus de {days} jours",
    "notify.section.escalations.intro": (
        "Ces actions dépassent leur échéance de plus de {days} jours. Elles vous sont remontées en tant que "
        "responsable QSE (le responsable des pilotes de processus)."
    ),
    "notify.section.objective_alerts": "Objectifs ayant franchi le seuil d'alerte",
    "notify.section.objective_alerts.intro": (
        "Les objectifs dont vous êtes responsable qui ont franchi leur seuil d'alerte en {month} (ils "
        "n'étaient pas non atteints le mois précédent)."
    ),
    "notify.section.monthly_digest": "Synthèse mensuelle : {month}",
    "notify.digest.intro": "Le tableau de bord ({month}) sur votre périmètre : {n} indicateurs.",
    "notify.digest.counts": "Statuts des indicateurs",
    "notify.digest.changed": "Ce qui a changé depuis le mois précédent",
    "notify.digest.changed_item": "{indicator} : {before} → {after}",
    "notify.digest.no_change": "Aucun statut n'a changé.",
    "notify.digest.signals": "Principaux signaux défavorables",
    "notify.digest.signal_item": "{indicator} : {direction} depuis {month} (statut : {status})",
    "notify.digest.no_signal": "Aucun signal défavorable.",
    "notify.digest.link": "Ouvrir le tableau de bord ({month})",
    "notify.cli.would_send": "{user} <{email}> ({language}) recevrait : « {subject} »",
    "notify.cli.item": "  - {kind} : {item}",
    "notify.cli.sent": "envoyé à {user} <{email}> : « {subject} » ({n} éléments)",
    "notify.cli.no_address": "{user} : {n} élément(s) non envoyé(s), pas d'adresse e-mail valide",
    "notify.cli.summary": "{day} : {sent} message(s) envoyé(s), {items} élément(s) ; rien d'autre à envoyer",
    "notify.cli.summary_dry": "{day} : {messages} message(s) à envoyer (essai à blanc : rien envoyé ni enregistré)",
    "notify.cli.failed": (
        "{failed} message(s) sur {total} non envoyé(s) ({users}) : {error} ; leurs éléments restent à "
        "envoyer au prochain passage"
    ),
    "notify.settings.missing": (
        "réglages SMTP manquants : {names} (dans l'environnement ou .streamlit/secrets.toml) ; --dry-run "
        "fonctionne sans eux"
    ),
    "notify.settings.bad": "réglage {name} invalide ({value!r}) : {reason}",
    "notify.settings.unreadable": "{file} illisible : {error}",
    "notify.reason.port": "un numéro de port entre 1 et 65535",
    "notify.reason.tls": "starttls, ssl ou none",
    "notify.reason.sender": "une adresse e-mail, par ex. SMQSE <smqse@example.org>",
    "notify.reason.credentials": "SMQSE_SMTP_USER et SMQSE_SMTP_PASSWORD vont ensemble",
    "notify.reason.cleartext": "un mot de passe ne part jamais en clair : SMQSE_SMTP_TLS=starttls ou ssl",
    "notify.reason.url": "une adresse http(s)://… de l'application",
    "notify.reason.timeout": "un nombre de secondes positif",
    "notify.reason.text": "une chaîne de caractères sur une ligne",
}

EN: dict[str, str] = {
    "notify.subject": "SMQSE — {what}, {day}",
    "notify.subject.items_one": "1 item to act on",
    "notify.subject.items_many": "{n} items to act on",
    "notify.subject.digest": "monthly digest ({month})",
    "notify.subject.both": "{items} and the {digest}",
    "notify.greeting": "Hello {name},",
    "notify.intro": "Here is what awaits you in SMQSE on {day}.",
    "notify.open_app": "Open SMQSE",
    "notify.footer": (
        "An automatic message from SMQSE, sent according to your notification preferences. You can stop "
        "receiving a kind of message on your preferences page, or by asking the QSE lead."
    ),
    "notify.footer.why": "You receive this message because your address is registered in SMQSE.",
    "notify.col.indicator": "Indicator",
    "notify.col.site": "Site",
    "notify.col.process": "Process",
    "notify.col.action": "Action",
    "notify.col.title": "Title",
    "notify.col.owner": "Owner",
    "notify.col.due": "Due",
    "notify.col.state": "Situation",
    "notify.col.status": "Status",
    "notify.col.previous": "Previous month",
    "notify.col.value": "Value to date",
    "notify.col.target": "Target to date",
    "notify.col.alert": "Alert threshold",
    "notify.col.objective": "Objective",
    "notify.col.signal": "Signal",
    "notify.col.count": "Indicators",
    "notify.overdue_one": "1 day overdue",
    "notify.overdue_many": "{n} days overdue",
    "notify.due_today": "due today",
    "notify.due_in_one": "due in 1 day",
    "notify.due_in_many": "due in {n} days",
    "notify.all_sites": "all sites",
    "notify.section.owed_values": "Values to enter",
    "notify.section.owed_values.intro": (
        "The monthly values of your processes still missing. A month's values are due on the {due_day}th of "
        "the following month."
    ),
    "notify.owed.month": "{month}: {n} value(s) due on {due}, {state}",
    "notify.owed.link": "Enter the values of {month}",
    "notify.section.unfavourable_indicators": "Indicators that turned unfavourable",
    "notify.section.unfavourable_indicators.intro": (
        "Your indicators whose status worsened in {month}, or that show an unfavourable signal that month "
        "(process behaviour chart)."
    ),
    "notify.signal.up": "rise",
    "notify.signal.down": "fall",
    "notify.signal.none": "none",
    "notify.section.actions_due": "Your actions falling due",
    "notify.section.actions_due.intro": "Your open actions that are overdue or due within {days} days.",
    "notify.section.escalations": "Actions more than {days} days overdue",
    "notify.section.escalations.intro": (
        "These actions are more than {days} days past their due date. They are escalated to you as the QSE "
        "lead (the process pilots' manager)."
    ),
    "notify.section.objective_alerts": "Objectives that crossed their alert threshold",
    "notify.section.objective_alerts.intro": (
        "The objectives you own that crossed their alert threshold in {month} (they were not missed the "
        "month before)."
    ),
    "notify.section.monthly_digest": "Monthly digest: {month}",
    "notify.digest.intro": "The scorecard of {month} in your scope: {n} indicators.",
    "notify.digest.counts": "Indicator statuses",
    "notify.digest.changed": "What changed since the previous month",
    "notify.digest.changed_item": "{indicator}: {before} → {after}",
    "notify.digest.no_change": "No status changed.",
    "notify.digest.signals": "Top unfavourable signals",
    "notify.digest.signal_item": "{indicator}: {direction} since {month} (status: {status})",
    "notify.digest.no_signal": "No unfavourable signal.",
    "notify.digest.link": "Open the scorecard of {month}",
    "notify.cli.would_send": "{user} <{email}> ({language}) would receive: “{subject}”",
    "notify.cli.item": "  - {kind}: {item}",
    "notify.cli.sent": "sent to {user} <{email}>: “{subject}” ({n} items)",
    "notify.cli.no_address": "{user}: {n} item(s) not sent, no valid e-mail address",
    "notify.cli.summary": "{day}: {sent} message(s) sent, {items} item(s); nothing else to send",
    "notify.cli.summary_dry": "{day}: {messages} message(s) to send (dry run: nothing sent or recorded)",
    "notify.cli.failed": (
        "{failed} of {total} message(s) not sent ({users}): {error}; their items are left to the next run"
    ),
    "notify.settings.missing": (
        "SMTP settings missing: {names} (in the environment or .streamlit/secrets.toml); --dry-run works "
        "without them"
    ),
    "notify.settings.bad": "setting {name} is invalid ({value!r}): {reason}",
    "notify.settings.unreadable": "{file} unreadable: {error}",
    "notify.reason.port": "a port number between 1 and 65535",
    "notify.reason.tls": "starttls, ssl or none",
    "notify.reason.sender": "an e-mail address, e.g. SMQSE <smqse@example.org>",
    "notify.reason.credentials": "SMQSE_SMTP_USER and SMQSE_SMTP_PASSWORD go together",
    "notify.reason.cleartext": "a password is never sent in clear: SMQSE_SMTP_TLS=starttls or ssl",
    "notify.reason.url": "an http(s)://… address of the app",
    "notify.reason.timeout": "a positive number of seconds",
    "notify.reason.text": "a character string on one line",
}
