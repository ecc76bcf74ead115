"""Messages of "My account" (a user's e-mail settings) and of the to-do on the landing page, French (default)
and English."""

FR: dict[str, str] = {
    "account.nav_section": "Compte",
    "account.nav": "Mon compte",
    "account.title": "Mon compte",
    "account.intro": (
        "Votre adresse e-mail, la langue de vos e-mails et les e-mails que vous recevez : rappels de valeurs à "
        "saisir, d'actions à échéance, alertes et synthèse mensuelle."
    ),
    "account.whose": "Paramètres de",
    "account.whose_help": "Le responsable QSE peut modifier les paramètres de chaque utilisateur.",
    "account.editing_other": "Vous modifiez les paramètres de **{user}**.",
    "account.email": "Adresse e-mail",
    "account.email_help": "Une seule adresse, de la forme nom@domaine.fr ; vide : aucun e-mail n'est envoyé.",
    "account.email_signin": (
        "Cette adresse est aussi celle avec laquelle vous vous connectez : elle vient de votre fournisseur "
        "d'identité. Pour la changer, demandez-le au responsable QSE."
    ),
    "account.email_signin_other": (
        "Cette adresse est aussi celle avec laquelle **{user}** se connecte : changez-la en même temps que "
        "chez le fournisseur d'identité."
    ),
    "account.language": "Langue des e-mails",
    "account.language_help": "La langue de l'application se choisit dans la barre latérale.",
    "account.language.fr": "Français",
    "account.language.en": "English",
    "account.kinds_title": "E-mails reçus",
    "account.kinds_for_role.director": (
        "Envoyés à la direction : les rappels de ses actions, les alertes de ses objectifs et la synthèse "
        "mensuelle."
    ),
    "account.kinds_for_role.qse_lead": (
        "Envoyés au responsable QSE : les rappels de ses actions, les escalades des actions en retard de "
        "plus de 30 jours, les alertes de ses objectifs et la synthèse mensuelle."
    ),
    "account.kinds_for_role.pilot": (
        "Envoyés aux pilotes de processus : les valeurs à saisir, leurs indicateurs devenus défavorables, "
        "les rappels de leurs actions et les alertes de leurs objectifs."
    ),
    "account.kinds_for_role.viewer": (
        "Aucun e-mail n'est envoyé aux utilisateurs en lecture seule : seules l'adresse et la langue sont "
        "conservées."
    ),
    "account.kinds_note": "Décochez un type d'e-mail pour ne plus le recevoir. Votre liste « À faire » reste affichée dans l'application.",
    "account.kind.owed_values": "Valeurs à saisir",
    "account.kind.owed_values.help": "Les valeurs du mois que vous devez encore saisir (échéance le 10).",
    "account.kind.unfavourable_indicators": "Indicateurs devenus défavorables",
    "account.kind.unfavourable_indicators.help": "Vos indicateurs qui ont changé de statut vers le défavorable.",
    "account.kind.actions_due": "Actions à échéance et en retard",
    "account.kind.actions_due.help": "Vos actions dues dans les 7 jours et celles en retard.",
    "account.kind.escalations": "Escalades",
    "account.kind.escalations.help": "Les actions en retard de plus de 30 jours, des processus de tous les pilotes.",
    "account.kind.objective_alerts": "Alertes d'objectifs",
    "account.kind.objective_alerts.help": "Vos objectifs qui ont franchi leur seuil d'alerte ce mois-ci.",
    "account.kind.monthly_digest": "Synthèse mensuelle",
    "account.kind.monthly_digest.help": "Les statuts du tableau de bord, ce qui a changé et les signaux défavorables.",
    "account.submit": "Enregistrer",
    "account.saved": "Paramètres de **{user}** enregistrés.",
    "account.unchanged": "Rien n'a changé : les paramètres de **{user}** sont ceux déjà enregistrés.",
    "account.denied": "Vous ne pouvez pas modifier les paramètres de cet utilisateur.",
    "account.error.email.too_long": (
        "**Adresse e-mail** : « {value} » est trop longue (254 caractères au plus, 64 avant l'@)."
    ),
    "account.error.email.not_ascii": (
        "**Adresse e-mail** : « {value} » contient des accents ou des caractères spéciaux, que les serveurs "
        "de messagerie n'acceptent pas tous ; écrivez-la sans accents."
    ),
    "account.error.email.several": (
        "**Adresse e-mail** : « {value} » n'est pas une seule adresse ; donnez une seule adresse, sans nom "
        "ni chevrons (nom@domaine.fr)."
    ),
    "account.error.email.invalid": (
        "**Adresse e-mail** : « {value} » n'est pas une adresse valide (forme attendue : nom@domaine.fr)."
    ),
    "account.error.email.domain": (
        "**Adresse e-mail** : le domaine de « {value} » n'est pas valide (forme attendue : nom@domaine.fr)."
    ),
    "account.error.email.taken": (
        "**Adresse e-mail** : « {value} » est déjà celle d'un autre utilisateur ; chaque adresse identifie "
        "une seule personne à la connexion."
    ),
    "account.error.email.conflict": (
        "**Adresse e-mail** : d'autres modifications étaient en cours au même moment ; rien n'a été "
        "enregistré, réessayez."
    ),
    "account.error.language.unknown": "**Langue des e-mails** : « {value} » n'est pas une langue proposée.",
    "account.error.kinds.unknown": "**E-mails reçus** : type d'e-mail inconnu « {value} ».",
    "todo.title": "À faire",
    "todo.title_count": "À faire ({n})",
    "todo.empty": "Rien à faire : aucune valeur due, aucune action à échéance, aucune alerte.",
    "todo.intro": "Ce que vous devez saisir ou faire au {day}, la liste que vos e-mails de rappel envoient.",
    "todo.more": "{n} autres",
    "todo.beyond": "… et {n} autres : voyez le plan d'actions et la saisie mensuelle.",
    "todo.overdue": "⚠ **en retard de {days}** (échéance le {day})",
    "todo.due_today": "◷ **échéance aujourd'hui** ({day})",
    "todo.days.one": "{n} jour",
    "todo.days.many": "{n} jours",
    "todo.due_in": "◷ échéance dans {days} (le {day})",
    "todo.count.escalations.one": "{n} escalade",
    "todo.count.escalations.many": "{n} escalades",
    "todo.count.actions_due.one": "{n} action à échéance ou en retard",
    "todo.count.actions_due.many": "{n} actions à échéance ou en retard",
    "todo.count.owed_values.one": "{n} valeur à saisir",
    "todo.count.owed_values.many": "{n} valeurs à saisir",
    "todo.count.objective_alerts.one": "{n} objectif en alerte",
    "todo.count.objective_alerts.many": "{n} objectifs en alerte",
    "todo.count.unfavourable_indicators.one": "{n} indicateur devenu défavorable",
    "todo.count.unfavourable_indicators.many": "{n} indicateurs devenus défavorables",
    "todo.line.owed_values.one": "**{n} valeur à saisir** pour {month} · {processes}",
    "todo.line.owed_values.many": "**{n} valeurs à saisir** pour {month} · {processes}",
    "todo.line.action": "Action **{id}** « {title} » · {where}",
    "todo.line.escalation": "Escalade : action **{id}** « {title} » · {owner} · {where}",
    "todo.line.objective": "Objectif **{id}** en alerte en {month} : {indicator} {name}",
    "todo.line.objective_site": ", site {site}",
    "todo.line.unfavourable": "Indicateur **{id}** {name} : {status} en {month}",
    "todo.line.signal": ", signal défavorable ({direction})",
    "todo.open.entry": "Saisir",
    "todo.open.actions": "Voir l'action",
    "todo.open.trends": "Voir la tendance",
    "todo.open.entry_help": "Ouvre la saisie mensuelle sur {item}.",
    "todo.open.actions_help": "Ouvre le plan d'actions sur l'action {item}.",
    "todo.open.trends_help": "Ouvre les tendances de l'indicateur {item}.",
}

EN: dict[str, str] = {
    "account.nav_section": "Account",
    "account.nav": "My account",
    "account.title": "My account",
    "account.intro": (
        "Your e-mail address, the language of your e-mails and the e-mails you receive: reminders of values "
        "to enter and actions due, alerts and the monthly digest."
    ),
    "account.whose": "Settings of",
    "account.whose_help": "The QSE lead may edit every user's settings.",
    "account.editing_other": "You are editing the settings of **{user}**.",
    "account.email": "E-mail address",
    "account.email_help": "One address, like name@domain.com; empty: no e-mail is sent.",
    "account.email_signin": (
        "This address is also the one you sign in with: it comes from your identity provider. To change it, "
        "ask the QSE lead."
    ),
    "account.email_signin_other": (
        "This address is also the one **{user}** signs in with: change it at the identity provider at the "
        "same time."
    ),
    "account.language": "Language of e-mails",
    "account.language_help": "The language of the app is chosen in the sidebar.",
    "account.language.fr": "Français",
    "account.language.en": "English",
    "account.kinds_title": "E-mails received",
    "account.kinds_for_role.director": (
        "Sent to directors: reminders of their actions, alerts on their objectives and the monthly digest."
    ),
    "account.kinds_for_role.qse_lead": (
        "Sent to the QSE lead: reminders of their actions, escalations of actions more than 30 days overdue, "
        "alerts on their objectives and the monthly digest."
    ),
    "account.kinds_for_role.pilot": (
        "Sent to process pilots: the values to enter, their indicators that turned unfavourable, reminders of "
        "their actions and alerts on their objectives."
    ),
    "account.kinds_for_role.viewer": (
        "No e-mail is sent to read-only users: only the address and the language are kept."
    ),
    "account.kinds_note": 'Untick a kind of e-mail to stop receiving it. Your "To do" list stays in the app.',
    "account.kind.owed_values": "Values to enter",
    "account.kind.owed_values.help": "The month's values you still owe (due on the 10th).",
    "account.kind.unfavourable_indicators": "Indicators that turned unfavourable",
    "account.kind.unfavourable_indicators.help": "Your indicators whose status turned unfavourable.",
    "account.kind.actions_due": "Actions due and overdue",
    "account.kind.actions_due.help": "Your actions due within 7 days and those overdue.",
    "account.kind.escalations": "Escalations",
    "account.kind.escalations.help": "Actions more than 30 days overdue, in every pilot's processes.",
    "account.kind.objective_alerts": "Objective alerts",
    "account.kind.objective_alerts.help": "Your objectives that crossed their alert threshold this month.",
    "account.kind.monthly_digest": "Monthly digest",
    "account.kind.monthly_digest.help": "The scorecard's statuses, what changed and the unfavourable signals.",
    "account.submit": "Save",
    "account.saved": "Settings of **{user}** saved.",
    "account.unchanged": "Nothing changed: the settings of **{user}** are those already saved.",
    "account.denied": "You may not edit this user's settings.",
    "account.error.email.too_long": (
        '**E-mail address**: "{value}" is too long (254 characters at most, 64 before the @).'
    ),
    "account.error.email.not_ascii": (
        '**E-mail address**: "{value}" has accents or special characters, which not every mail server '
        "accepts; write it without accents."
    ),
    "account.error.email.several": (
        '**E-mail address**: "{value}" is not one address; give one address, without a name or angle '
        "brackets (name@domain.com)."
    ),
    "account.error.email.invalid": (
        '**E-mail address**: "{value}" is not a valid address (expected: name@domain.com).'
    ),
    "account.error.email.domain": (
        '**E-mail address**: the domain of "{value}" is not valid (expected: name@domain.com).'
    ),
    "account.error.email.taken": (
        '**E-mail address**: "{value}" is already another user\'s; each address identifies one person at '
        "sign-in."
    ),
    "account.error.email.conflict": (
        "**E-mail address**: other changes were being saved at the same moment; nothing was saved, try again."
    ),
    "account.error.language.unknown": '**Language of e-mails**: "{value}" is not one of the languages offered.',
    "account.error.kinds.unknown": '**E-mails received**: unknown kind of e-mail "{value}".',
    "todo.title": "To do",
    "todo.title_count": "To do ({n})",
    "todo.empty": "Nothing to do: no value owed, no action due, no alert.",
    "todo.intro": "What you must enter or do as of {day}, the list your reminder e-mails send.",
    "todo.more": "{n} more",
    "todo.beyond": "… and {n} more: see the action plan and the monthly entry.",
    "todo.overdue": "⚠ **overdue by {days}** (due on {day})",
    "todo.due_today": "◷ **due today** ({day})",
    "todo.days.one": "{n} day",
    "todo.days.many": "{n} days",
    "todo.due_in": "◷ due in {days} (on {day})",
    "todo.count.escalations.one": "{n} escalation",
    "todo.count.escalations.many": "{n} escalations",
    "todo.count.actions_due.one": "{n} action due or overdue",
    "todo.count.actions_due.many": "{n} actions due or overdue",
    "todo.count.owed_values.one": "{n} value to enter",
    "todo.count.owed_values.many": "{n} values to enter",
    "todo.count.objective_alerts.one": "{n} objective alert",
    "todo.count.objective_alerts.many": "{n} objective alerts",
    "todo.count.unfavourable_indicators.one": "{n} indicator turned unfavourable",
    "todo.count.unfavourable_indicators.many": "{n} indicators turned unfavourable",
    "todo.line.owed_values.one": "**{n} value to enter** for {month} · {processes}",
    "todo.line.owed_values.many": "**{n} values to enter** for {month} · {processes}",
    "todo.line.action": 'Action **{id}** "{title}" · {where}',
    "todo.line.escalation": 'Escalation: action **{id}** "{title}" · {owner} · {where}',
    "todo.line.objective": "Objective **{id}** on alert in {month}: {indicator} {name}",
    "todo.line.objective_site": ", site {site}",
    "todo.line.unfavourable": "Indicator **{id}** {name}: {status} in {month}",
    "todo.line.signal": ", unfavourable signal ({direction})",
    "todo.open.entry": "Enter",
    "todo.open.actions": "See the action",
    "todo.open.trends": "See the trend",
    "todo.open.entry_help": "Opens the monthly entry on {item}.",
    "todo.open.actions_help": "Opens the action plan on action {item}.",
    "todo.open.trends_help": "Opens the trends of indicator {item}.",
}
