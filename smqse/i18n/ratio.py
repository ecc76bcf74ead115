"""Messages about ratio indicators entered as what they count (issue 12), French (default) and English."""

FR: dict[str, str] = {
    "ratio.numerator": "numérateur",
    "ratio.denominator": "dénominateur",
    "ratio.problem.ratio_without_counts": (
        "{indicator} « {name} », site {site}, {period} : un ratio ne s'enregistre pas sans ce qu'il compte ; "
        "donnez le numérateur ({numerator}) et le dénominateur ({denominator}), la valeur sera calculée"
    ),
    "ratio.problem.value_only_rule_ratio": (
        "« {value} » : une règle de valeur seule ne s'applique qu'à un indicateur d'agrégation « ratio »"
    ),
    "admin.field.value_only_rule": "Valeur seule (sans numérateur ni dénominateur)",
    "admin.help.value_only_rule": (
        "Pour un ratio. Par défaut, une valeur sans numérateur ni dénominateur est refusée. « Moyenne simple » "
        "l'accepte : l'indicateur s'agrège alors en moyenne simple des valeurs, sans pondération."
    ),
    "admin.error.value_only_rule_ratio": "{field} : seulement pour un indicateur ratio.",
    "value_only_rule.refuse": "Refusée : numérateur et dénominateur obligatoires",
    "value_only_rule.mean_of_values": "Acceptée : moyenne simple des valeurs (pas de dénominateur)",
    # Notes under a figure: what it is made of when rows cannot take part, or how it aggregates.
    "ratio.note.left_out": "{count} valeur(s) sans dénominateur non comptée(s) (sites {sites})",
    "ratio.note.left_out_indicator": "{indicator} « {name} » : {note}",
    "ratio.note.mean_of_values": "{indicator} « {name} » : moyenne simple des valeurs : pas de dénominateur",
}

EN: dict[str, str] = {
    "ratio.numerator": "numerator",
    "ratio.denominator": "denominator",
    "ratio.problem.ratio_without_counts": (
        "{indicator} \u201c{name}\u201d, site {site}, {period}: a ratio is not saved without what it counts; "
        "give the numerator ({numerator}) and the denominator ({denominator}), the value will be computed"
    ),
    "ratio.problem.value_only_rule_ratio": (
        "\u201c{value}\u201d: a value-alone rule applies only to an indicator aggregated as \u201cratio\u201d"
    ),
    "admin.field.value_only_rule": "Value alone (no numerator or denominator)",
    "admin.help.value_only_rule": (
        "For a ratio. By default a value without numerator and denominator is refused. \u201cSimple mean\u201d "
        "accepts it: the indicator then aggregates as the unweighted mean of its values."
    ),
    "admin.error.value_only_rule_ratio": "{field}: only for a ratio indicator.",
    "value_only_rule.refuse": "Refused: numerator and denominator required",
    "value_only_rule.mean_of_values": "Accepted: simple mean of values (no denominator)",
    "ratio.note.left_out": "{count} value(s) without a denominator not counted (sites {sites})",
    "ratio.note.left_out_indicator": "{indicator} \u201c{name}\u201d: {note}",
    "ratio.note.mean_of_values": "{indicator} \u201c{name}\u201d: simple mean of values: no denominator",
}
