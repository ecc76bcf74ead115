"""Messages of the ingest feature, French (default) and English; keys prefixed and unique across catalogues."""

FR: dict[str, str] = {
    # Where a problem is: file, row, column as written in the file.
    "ingest.where.cell": "{file}, ligne {row}, colonne « {column} »",
    "ingest.where.row": "{file}, ligne {row}",
    "ingest.where.column": "{file}, colonne « {column} »",
    "ingest.where.file": "{file}",
    "ingest.message": "{where} : {reason}",
    # Problems (one message per code or variant).
    "ingest.problem.empty_file": "le fichier ne contient aucune ligne de données",
    "ingest.problem.write_conflict": (
        "quelqu'un d'autre a enregistré des valeurs sur les mêmes lignes au même moment ; rien n'a été "
        "enregistré, réessayez"
    ),
    "ingest.problem.unreadable": "le fichier n'est ni un CSV ni un classeur XLSX lisible ({detail})",
    "ingest.problem.unknown_kind": "type de fichier non reconnu d'après les en-têtes ({headers})",
    "ingest.problem.bad_row_length": "la ligne n'a pas le même nombre de cellules que l'en-tête ({value})",
    "ingest.problem.formula_without_value": (
        "formule « {value} » enregistrée sans valeur calculée : ouvrez le classeur dans un tableur, "
        "enregistrez-le, puis importez-le à nouveau"
    ),
    "ingest.problem.unknown_column": "colonne inconnue (colonnes attendues : {expected})",
    "ingest.problem.duplicate_column": "la colonne « {column_name} » apparaît deux fois",
    "ingest.problem.missing_column": "colonne obligatoire absente",
    "ingest.problem.missing_value": "valeur obligatoire manquante",
    "ingest.problem.missing_numerator": "le numérateur manque (indicateur de ratio sans valeur)",
    "ingest.problem.missing_denominator": "le dénominateur manque (indicateur de ratio sans valeur)",
    "ingest.problem.not_a_number": "« {value} » n'est pas un nombre",
    "number.empty": "aucun nombre n'est écrit",
    "number.invalid": "« {value} » n'est pas un nombre (exemples : 91,5 ; 1 234,5 ; -3)",
    "number.ambiguous": (
        "« {value} » peut se lire de deux façons ({grouped} ou {decimal}) : écrivez {grouped_typed} pour "
        "{grouped}, ou {decimal_typed} pour {decimal}"
    ),
    "ingest.problem.not_an_integer": "« {value} » n'est pas un nombre entier",
    "ingest.problem.below": "« {value} » est inférieur au minimum possible ({low})",
    "ingest.problem.above": "« {value} » est supérieur au maximum possible ({high})",
    "ingest.problem.below_indicator": "{computed} est inférieur au minimum possible de l'indicateur ({low})",
    "ingest.problem.above_indicator": "{computed} est supérieur au maximum possible de l'indicateur ({high})",
    "ingest.problem.bad_period_format": (
        "« {value} » n'est pas une période (formats acceptés : AAAA-MM, AAAA-MM-JJ, MM/AAAA, JJ/MM/AAAA)"
    ),
    "ingest.problem.bad_date_format": (
        "« {value} » n'est pas une date (formats acceptés : AAAA-MM-JJ, JJ/MM/AAAA)"
    ),
    "ingest.problem.bad_month": "« {value} » : ce mois n'existe pas",
    "ingest.problem.bad_day": "« {value} » : ce jour n'existe pas",
    "ingest.problem.too_old": "« {value} » est antérieur à {year}",
    "ingest.problem.too_late": "« {value} » est postérieur à {year}",
    "ingest.problem.future_period": "« {value} » est une période future",
    "ingest.problem.future_date": "« {value} » est une date future",
    "ingest.problem.bad_choice": "« {value} » n'est pas une valeur permise ({allowed})",
    "ingest.problem.unknown_indicator": "indicateur « {value} » inconnu",
    "ingest.problem.unknown_site": "site « {value} » inconnu",
    "ingest.problem.unknown_process": "processus « {value} » inconnu",
    "ingest.problem.unknown_cause": "cause « {value} » inconnue",
    "ingest.problem.unknown_user": "utilisateur « {value} » inconnu",
    "ingest.problem.not_allowed_indicator": "l'indicateur « {value} » n'est pas dans votre périmètre",
    "ingest.problem.not_allowed_site": "le site « {value} » n'est pas dans votre périmètre",
    "ingest.problem.not_allowed_process": "le processus « {value} » n'est pas dans votre périmètre",
    "ingest.problem.not_allowed_cause": "la cause « {value} » n'est pas dans votre périmètre",
    "ingest.problem.not_allowed_user": "l'utilisateur « {value} » n'est pas dans votre périmètre",
    "ingest.problem.not_allowed_row": "« {value} » existe déjà hors de votre périmètre et ne peut pas être modifié",
    "ingest.problem.not_allowed_role": "votre rôle ({role}) ne permet pas d'importer des données de type « {kind} »",
    "ingest.problem.not_allowed_scope": "votre périmètre est vide : aucun import possible",
    "ingest.problem.duplicate_key": "ligne en double (même clé que la ligne {first_row})",
    "ingest.problem.bad_denominator": "le dénominateur « {value} » doit être strictement positif",
    "ingest.problem.inconsistent_value": (
        "« {value} » ne correspond pas au numérateur / dénominateur (attendu : {expected}, tolérance 0,5 %)"
    ),
    "ingest.problem.bad_date_order": "« {value} » est antérieur à « {other_column} » ({other})",
    "ingest.problem.bad_range": "le maximum « {value} » doit être supérieur au minimum ({low})",
    "ingest.problem.reason_required": "la correction d'une valeur enregistrée doit être motivée",
    # Bounds (smqse/ingest/limits.py): the file is refused, nothing is written.
    "ingest.problem.file_too_large": (
        "le fichier pèse {size} Mo, au-delà de la limite de {limit} Mo : découpez-le en plusieurs fichiers"
    ),
    "ingest.problem.xlsx_too_large": (
        "une fois décompressé, le classeur occupe {size} Mo, au-delà de la limite de {limit} Mo : gardez "
        "seulement la feuille des données, ou exportez-la en CSV"
    ),
    "ingest.problem.xlsx_ratio": (
        "le classeur se décompresse {ratio} fois sa taille (limite : {limit} fois), ce qu'un classeur "
        "ordinaire ne fait pas : il est refusé par sécurité ; exportez la feuille en CSV"
    ),
    "ingest.problem.xlsx_too_many_parts": (
        "le classeur contient {count} éléments (limite : {limit}) : gardez seulement la feuille des données"
    ),
    "ingest.problem.too_many_rows": ("le fichier dépasse {limit} lignes : découpez-le en plusieurs fichiers"),
    "ingest.problem.too_many_columns": (
        "la ligne d'en-tête a {count} colonnes, au-delà de la limite de {limit} : gardez seulement les "
        "colonnes du format"
    ),
    "ingest.problem.cell_too_long": (
        "la cellule contient {value} caractères, au-delà de la limite de {limit} : raccourcissez-la"
    ),
    "ingest.problem.not_utf8": (
        "l'octet {value} n'est pas de l'UTF-8 alors que le reste du fichier est en UTF-8 ({count} octet(s) "
        "de ce genre en tout) : enregistrez le fichier au format « CSV UTF-8 », puis importez-le à nouveau"
    ),
    "ingest.problem.check_stopped": (
        "la vérification a été arrêtée après {seconds} secondes, sa durée maximale ; rien n'a été écrit : "
        "découpez le fichier en fichiers plus petits"
    ),
    "ingest.problem.more_problems": "… et {count} autres problèmes (seuls les {shown} premiers sont listés)",
    # Kinds and template sheets.
    "ingest.kind.measurements": "mesures",
    "ingest.kind.events": "événements",
    "ingest.kind.actions": "actions",
    "ingest.kind.indicators": "indicateurs",
    "ingest.kind.objectives": "objectifs",
    "ingest.sheet.indicators": "Indicateurs",
    "ingest.sheet.sites": "Sites",
    "ingest.sheet.processes": "Processus",
    "ingest.sheet.causes": "Causes",
    "ingest.sheet.users": "Utilisateurs",
    "ingest.sheet.codes": "Codes",
    "ingest.ref.id": "identifiant",
    "ingest.ref.name": "libellé",
    "ingest.ref.process": "processus",
    "ingest.ref.unit": "unité",
    "ingest.ref.polarity": "polarité",
    "ingest.ref.aggregation": "agrégation",
    "ingest.ref.rate_base": "base",
    "ingest.ref.min": "minimum",
    "ingest.ref.max": "maximum",
    "ingest.ref.numerator": "numérateur",
    "ingest.ref.denominator": "dénominateur",
    "ingest.ref.detail_site": "pays",
    "ingest.ref.detail_process": "famille",
    "ingest.ref.detail_cause": "catégorie 7M",
    "ingest.ref.detail_user": "rôle",
    # Command line.
    "ingest.cli.summary": (
        "{file} ({kind}) : {rows} lignes, {new} nouvelles, {versions} nouvelles versions ou mises à jour, "
        "{unchanged} inchangées — {outcome}"
    ),
    "ingest.cli.written": "import n° {import_id}",
    "ingest.cli.dry_run": "simulation : rien n'a été écrit",
    "ingest.cli.refused": "{file} : {count} problème(s), rien n'a été écrit",
    "ingest.cli.no_user": "utilisateur « {user} » inconnu",
}

EN: dict[str, str] = {
    "ingest.where.cell": "{file}, row {row}, column \u201c{column}\u201d",
    "ingest.where.row": "{file}, row {row}",
    "ingest.where.column": "{file}, column \u201c{column}\u201d",
    "ingest.where.file": "{file}",
    "ingest.message": "{where}: {reason}",
    "ingest.problem.empty_file": "the file holds no data row",
    "ingest.problem.write_conflict": (
        "someone else saved values on the same rows at the same moment; nothing was saved, try again"
    ),
    "ingest.problem.unreadable": "the file is neither a readable CSV nor an XLSX workbook ({detail})",
    "ingest.problem.unknown_kind": "the headers do not match any known file format ({headers})",
    "ingest.problem.bad_row_length": "the row does not have as many cells as the header ({value})",
    "ingest.problem.formula_without_value": (
        "formula \u201c{value}\u201d saved without its computed value: open the workbook in a spreadsheet, "
        "save it, then import it again"
    ),
    "ingest.problem.unknown_column": "unknown column (expected columns: {expected})",
    "ingest.problem.duplicate_column": "the column \u201c{column_name}\u201d appears twice",
    "ingest.problem.missing_column": "required column missing",
    "ingest.problem.missing_value": "required value missing",
    "ingest.problem.missing_numerator": "the numerator is missing (ratio indicator without a value)",
    "ingest.problem.missing_denominator": "the denominator is missing (ratio indicator without a value)",
    "ingest.problem.not_a_number": "\u201c{value}\u201d is not a number",
    "number.empty": "no number is written",
    "number.invalid": "\u201c{value}\u201d is not a number (examples: 91.5; 1,234.5; -3)",
    "number.ambiguous": (
        "\u201c{value}\u201d can be read two ways in French ({grouped} or {decimal}): write {grouped_typed} "
        "for {grouped}, or {decimal_typed} for {decimal}"
    ),
    "ingest.problem.not_an_integer": "\u201c{value}\u201d is not a whole number",
    "ingest.problem.below": "\u201c{value}\u201d is below the lowest possible value ({low})",
    "ingest.problem.above": "\u201c{value}\u201d is above the highest possible value ({high})",
    "ingest.problem.below_indicator": "{computed} is below the indicator's lowest possible value ({low})",
    "ingest.problem.above_indicator": "{computed} is above the indicator's highest possible value ({high})",
    "ingest.problem.bad_period_format": (
        "\u201c{value}\u201d is not a period (accepted: YYYY-MM, YYYY-MM-DD, MM/YYYY, DD/MM/YYYY)"
    ),
    "ingest.problem.bad_date_format": "\u201c{value}\u201d is not a date (accepted: YYYY-MM-DD, DD/MM/YYYY)",
    "ingest.problem.bad_month": "\u201c{value}\u201d: this month does not exist",
    "ingest.problem.bad_day": "\u201c{value}\u201d: this day does not exist",
    "ingest.problem.too_old": "\u201c{value}\u201d is before {year}",
    "ingest.problem.too_late": "\u201c{value}\u201d is after {year}",
    "ingest.problem.future_period": "\u201c{value}\u201d is a future period",
    "ingest.problem.future_date": "\u201c{value}\u201d is a future date",
    "ingest.problem.bad_choice": "\u201c{value}\u201d is not an allowed value ({allowed})",
    "ingest.problem.unknown_indicator": "unknown indicator \u201c{value}\u201d",
    "ingest.problem.unknown_site": "unknown site \u201c{value}\u201d",
    "ingest.problem.unknown_process": "unknown process \u201c{value}\u201d",
    "ingest.problem.unknown_cause": "unknown cause \u201c{value}\u201d",
    "ingest.problem.unknown_user": "unknown user \u201c{value}\u201d",
    "ingest.problem.not_allowed_indicator": "the indicator \u201c{value}\u201d is outside your scope",
    "ingest.problem.not_allowed_site": "the site \u201c{value}\u201d is outside your scope",
    "ingest.problem.not_allowed_process": "the process \u201c{value}\u201d is outside your scope",
    "ingest.problem.not_allowed_cause": "the cause \u201c{value}\u201d is outside your scope",
    "ingest.problem.not_allowed_user": "the user \u201c{value}\u201d is outside your scope",
    "ingest.problem.not_allowed_row": "\u201c{value}\u201d already exists outside your scope and cannot be changed",
    "ingest.problem.not_allowed_role": "your role ({role}) may not import \u201c{kind}\u201d data",
    "ingest.problem.not_allowed_scope": "your scope is empty: nothing can be imported",
    "ingest.problem.duplicate_key": "duplicate row (same key as row {first_row})",
    "ingest.problem.bad_denominator": "the denominator \u201c{value}\u201d must be greater than zero",
    "ingest.problem.inconsistent_value": (
        "\u201c{value}\u201d does not match numerator / denominator (expected {expected}, tolerance 0.5%)"
    ),
    "ingest.problem.bad_date_order": "\u201c{value}\u201d is before \u201c{other_column}\u201d ({other})",
    "ingest.problem.bad_range": "the maximum \u201c{value}\u201d must be above the minimum ({low})",
    "ingest.problem.reason_required": "correcting a stored value needs a reason",
    "ingest.problem.file_too_large": "the file is {size} MB, over the {limit} MB limit: split it into several files",
    "ingest.problem.xlsx_too_large": (
        "unzipped, the workbook takes {size} MB, over the {limit} MB limit: keep only the data sheet, or "
        "export it as CSV"
    ),
    "ingest.problem.xlsx_ratio": (
        "the workbook inflates to {ratio} times its size (limit: {limit} times), which an ordinary workbook "
        "does not: it is refused for safety; export the sheet as CSV"
    ),
    "ingest.problem.xlsx_too_many_parts": (
        "the workbook holds {count} parts (limit: {limit}): keep only the data sheet"
    ),
    "ingest.problem.too_many_rows": "the file has more than {limit} rows: split it into several files",
    "ingest.problem.too_many_columns": (
        "the header row has {count} columns, over the limit of {limit}: keep only the format's columns"
    ),
    "ingest.problem.cell_too_long": (
        "the cell holds {value} characters, over the limit of {limit}: shorten it"
    ),
    "ingest.problem.not_utf8": (
        "byte {value} is not UTF-8 while the rest of the file is UTF-8 ({count} such byte(s) in all): save "
        "the file as \u201cCSV UTF-8\u201d, then import it again"
    ),
    "ingest.problem.check_stopped": (
        "the check was stopped after {seconds} seconds, its time limit; nothing was written: split the file "
        "into smaller files"
    ),
    "ingest.problem.more_problems": "… and {count} more problems (only the first {shown} are listed)",
    "ingest.kind.measurements": "measurements",
    "ingest.kind.events": "events",
    "ingest.kind.actions": "actions",
    "ingest.kind.indicators": "indicators",
    "ingest.kind.objectives": "objectives",
    "ingest.sheet.indicators": "Indicators",
    "ingest.sheet.sites": "Sites",
    "ingest.sheet.processes": "Processes",
    "ingest.sheet.causes": "Causes",
    "ingest.sheet.users": "Users",
    "ingest.sheet.codes": "Codes",
    "ingest.ref.id": "id",
    "ingest.ref.name": "name",
    "ingest.ref.process": "process",
    "ingest.ref.unit": "unit",
    "ingest.ref.polarity": "polarity",
    "ingest.ref.aggregation": "aggregation",
    "ingest.ref.rate_base": "rate base",
    "ingest.ref.min": "minimum",
    "ingest.ref.max": "maximum",
    "ingest.ref.numerator": "numerator",
    "ingest.ref.denominator": "denominator",
    "ingest.ref.detail_site": "country",
    "ingest.ref.detail_process": "family",
    "ingest.ref.detail_cause": "7M category",
    "ingest.ref.detail_user": "role",
    "ingest.cli.summary": (
        "{file} ({kind}): {rows} rows, {new} new, {versions} new versions or updates, {unchanged} unchanged "
        "— {outcome}"
    ),
    "ingest.cli.written": "import #{import_id}",
    "ingest.cli.dry_run": "dry run: nothing written",
    "ingest.cli.refused": "{file}: {count} problem(s), nothing written",
    "ingest.cli.no_user": "unknown user \u201c{user}\u201d",
}
