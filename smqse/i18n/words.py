"""Messages of issue 16's wording fixes (Streamlit's own texts said in the user's language, plural forms)."""

FR: dict[str, str] = {
    "words.upload_instructions": (
        "Glissez-déposez le fichier sur la zone ci-dessus ou cliquez sur « Parcourir » pour le choisir : "
        "CSV, TXT ou XLSX, {size} Mo au plus."
    ),
    "words.upload_button": "Parcourir",
    "words.actions.one": "{n} action",
    "words.actions.many": "{n} actions",
    "words.corrective_preventive.one": "{n} corrective ou préventive",
    "words.corrective_preventive.many": "{n} correctives ou préventives",
    "words.target_per_month": "Objectif {value} par mois",
}

EN: dict[str, str] = {
    "words.upload_instructions": (
        "Drag and drop the file onto the area above or click “Browse” to choose it: "
        "CSV, TXT or XLSX, {size} MB at most."
    ),
    "words.upload_button": "Browse",
    "words.actions.one": "{n} action",
    "words.actions.many": "{n} actions",
    "words.corrective_preventive.one": "{n} corrective or preventive",
    "words.corrective_preventive.many": "{n} corrective or preventive",
    "words.target_per_month": "Objective {value} per month",
}
