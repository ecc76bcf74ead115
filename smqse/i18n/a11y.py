"""Messages of the accessibility layer (the app's own navigation), French (default) and English."""

FR: dict[str, str] = {
    "a11y.nav_label": "Pages de l'application",
    "a11y.trend_col": "Tendance en mots",
    "a11y.trend.up": "En hausse sur {months} mois : de {first} à {last}",
    "a11y.trend.down": "En baisse sur {months} mois : de {first} à {last}",
    "a11y.trend.flat": "Stable sur {months} mois : de {first} à {last}",
    "a11y.trend.none": "Pas de valeur sur la période",
}

EN: dict[str, str] = {
    "a11y.nav_label": "App pages",
    "a11y.trend_col": "Trend in words",
    "a11y.trend.up": "Rising over {months} months: from {first} to {last}",
    "a11y.trend.down": "Falling over {months} months: from {first} to {last}",
    "a11y.trend.flat": "Stable over {months} months: from {first} to {last}",
    "a11y.trend.none": "No value over the period",
}
