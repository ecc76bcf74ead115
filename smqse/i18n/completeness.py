"""Messages about a month's completeness and closing, French (default) and English."""

FR: dict[str, str] = {
    "month.state.provisional": "provisoire",
    "month.state.complete": "complet",
    "month.state.closed": "clôturé",
    "month.line": "{icon} **{month}** : {values_in} valeurs saisies sur {expected} attendues ({ratio}) · **{state}**",
    "month.line_closed": "clôturé le {at} par {by}",
    "month.provisional_note": (
        "⚠ **Mois provisoire** : moins de {threshold} des valeurs attendues sont saisies ; les statuts "
        "calculés sur ce mois peuvent changer."
    ),
    "month.status_badge": "⚠ statuts provisoires",
    "month.breakdown": "Complétude par site et par processus",
    "month.by_site": "Par site",
    "month.by_process": "Par processus",
    "month.col.site": "Site",
    "month.col.process": "Processus",
    "month.col.values_in": "Valeurs saisies",
    "month.col.values_expected": "Valeurs attendues",
    "month.col.ratio": "Complétude",
    "month.close.title": "Clôture du mois",
    "month.close.intro": (
        "Clôturer un mois en fait la référence de la revue de direction, pour toute l'organisation. Une "
        "valeur saisie ensuite pour ce mois ou un mois antérieur est une correction après clôture : elle "
        "exige un motif et le dossier de revue la liste."
    ),
    "month.close.month": "Mois à clôturer",
    "month.close.note": "Note (facultative)",
    "month.close.confirm": "Je confirme la clôture de {month} avec {values_in} valeurs sur {expected} ({ratio})",
    "month.close.button": "Clôturer le mois",
    "month.close.confirm_needed": "Cochez la confirmation pour clôturer le mois.",
    "month.close.below_threshold": (
        "Ce mois est en dessous du seuil de complétude ({threshold}) : il sera clôturé tel quel."
    ),
    "month.close.done": "Mois {month} clôturé.",
    "month.close.already": "Le mois {month} est déjà clôturé (par {by}, le {at}) : rien n'a changé.",
    "month.close.refused": (
        "{user} ne peut pas clôturer {month} : seuls le responsable QSE et la direction clôturent un mois."
    ),
    "month.close.not_allowed": "Seuls le responsable QSE et la direction peuvent clôturer un mois.",
    "month.cli.line": "{month} : {values_in}/{expected} valeurs ({ratio}) — {state}",
    "month.cli.closed": "clôturé le {at} par {by}",
    "month.cli.site": "  site {name} : {values_in}/{expected}",
    "month.cli.process": "  processus {name} : {values_in}/{expected}",
    "month.corrections.no_reason": "non renseigné",
    "month.pack.cutoff": "Données au {month} : {values_in} valeurs sur {expected} attendues ({ratio}) — {state}",
    "month.corrections.title_closed": "Corrections après la clôture du {at}",
    "month.col.indicator": "Indicateur",
    "month.col.period": "Mois",
    "month.col.value": "Valeur",
    "month.col.version": "Version",
    "month.col.entered_at": "Saisie le",
    "month.col.entered_by": "Par",
    "month.col.reason": "Motif",
    # labels of the review pack's renderers
    "review.data_state": "Complétude des données",
    "review.provisional": "⚠ PROVISOIRE : mois incomplet, les statuts peuvent encore changer",
    "review.corrections_after_close": "Corrections après clôture",
    "review.no_corrections": "Aucune correction depuis la clôture.",
}

EN: dict[str, str] = {
    "month.state.provisional": "provisional",
    "month.state.complete": "complete",
    "month.state.closed": "closed",
    "month.line": "{icon} **{month}**: {values_in} values in of {expected} expected ({ratio}) · **{state}**",
    "month.line_closed": "closed on {at} by {by}",
    "month.provisional_note": (
        "⚠ **Provisional month**: fewer than {threshold} of the expected values are in; statuses computed "
        "on this month may change."
    ),
    "month.status_badge": "⚠ provisional statuses",
    "month.breakdown": "Completeness by site and process",
    "month.by_site": "By site",
    "month.by_process": "By process",
    "month.col.site": "Site",
    "month.col.process": "Process",
    "month.col.values_in": "Values in",
    "month.col.values_expected": "Values expected",
    "month.col.ratio": "Completeness",
    "month.close.title": "Closing the month",
    "month.close.intro": (
        "Closing a month makes it the management review's reference, for the whole organisation. A value "
        "entered afterwards for that month or an earlier one is a correction after closing: it needs a reason "
        "and the review pack lists it."
    ),
    "month.close.month": "Month to close",
    "month.close.note": "Note (optional)",
    "month.close.confirm": "I confirm closing {month} with {values_in} values of {expected} ({ratio})",
    "month.close.button": "Close the month",
    "month.close.confirm_needed": "Tick the confirmation to close the month.",
    "month.close.below_threshold": (
        "This month is below the completeness threshold ({threshold}): it will be closed as it is."
    ),
    "month.close.done": "Month {month} closed.",
    "month.close.already": "Month {month} is already closed (by {by}, on {at}): nothing changed.",
    "month.close.refused": ("{user} cannot close {month}: only the QSE lead and directors close a month."),
    "month.close.not_allowed": "Only the QSE lead and directors can close a month.",
    "month.cli.line": "{month}: {values_in}/{expected} values ({ratio}) — {state}",
    "month.cli.closed": "closed on {at} by {by}",
    "month.cli.site": "  site {name}: {values_in}/{expected}",
    "month.cli.process": "  process {name}: {values_in}/{expected}",
    "month.corrections.no_reason": "not given",
    "month.pack.cutoff": "Data as of {month}: {values_in} values of {expected} expected ({ratio}) — {state}",
    "month.corrections.title_closed": "Corrections after closing on {at}",
    "month.col.indicator": "Indicator",
    "month.col.period": "Month",
    "month.col.value": "Value",
    "month.col.version": "Version",
    "month.col.entered_at": "Entered",
    "month.col.entered_by": "By",
    "month.col.reason": "Reason",
    # labels of the review pack's renderers
    "review.data_state": "Data completeness",
    "review.provisional": "⚠ PROVISIONAL: incomplete month, statuses may still change",
    "review.corrections_after_close": "Corrections after closing",
    "review.no_corrections": "No correction since the month was closed.",
}
