"""Messages of the command service and the replica (CLI beside a running app), French and English."""

FR: dict[str, str] = {
    "service.db_in_use": (
        "{path} est ouverte par un autre processus (l'application ?) et aucun service de commandes ne "
        "répond sur {socket} : lancez la commande sur la machine de l'application avec le même compte "
        "utilisateur, ou arrêtez l'autre processus puis relancez-la"
    ),
    "service.db_in_use_stop_app": (
        "{path} est ouverte par un autre processus (l'application ?) : « {command} » ne passe pas par "
        "l'application ; arrêtez-la puis relancez la commande"
    ),
    "service.not_forwardable": "« {command} » ne s'exécute pas dans l'application ; arrêtez-la d'abord",
    "service.refused_user": "refusé : le service de commandes n'accepte que le compte qui exécute l'application",
    "service.bad_request": "requête mal formée",
    "service.other_database": "ce service de commandes ne sert que {path}",
    "service.busy": "une commande précédente est toujours en cours ; réessayez plus tard",
    "service.timeout": (
        "la commande dépasse {seconds} s et continue dans l'application ; son résultat n'est pas "
        "renvoyé (SMQSE_SERVICE_TIMEOUT)"
    ),
    "service.replica_written": "réplique en lecture seule écrite : {path} ({seconds} s)",
}

EN: dict[str, str] = {
    "service.db_in_use": (
        "{path} is in use by another process (the app?) and no command service answers on {socket}: run "
        "the command on the app's machine as the same user, or stop the other process and run it again"
    ),
    "service.db_in_use_stop_app": (
        "{path} is in use by another process (the app?): “{command}” does not run through the app; "
        "stop it, then run the command again"
    ),
    "service.not_forwardable": "“{command}” does not run inside the app; stop the app first",
    "service.refused_user": "refused: the command service only serves the user account running the app",
    "service.bad_request": "malformed request",
    "service.other_database": "this command service only serves {path}",
    "service.busy": "a previous command is still running; try again later",
    "service.timeout": (
        "the command ran longer than {seconds} s and goes on inside the app; its result is not sent back "
        "(SMQSE_SERVICE_TIMEOUT)"
    ),
    "service.replica_written": "read-only replica written: {path} ({seconds} s)",
}
