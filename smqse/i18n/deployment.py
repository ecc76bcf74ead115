"""Messages of the deployment checks (smqse.deployment) and of sign-in, French (default) and English.
Each configuration message says what is wrong and how to fix it, in one paragraph."""

_GENERATE_SECRET = 'python -c "import secrets; print(secrets.token_hex(32))"'

FR: dict[str, str] = {
    "deploy.secrets_unreadable": (
        "SMQSE ne démarre pas : le fichier de secrets est illisible ({error}). Corrigez-le (en TOML, toute "
        "valeur texte s'écrit entre guillemets : client_id = \"smqse\"), puis relancez. Tant qu'il est "
        "illisible, ni la connexion ni le mode démonstration ne sont ouverts."
    ),
    "deploy.auth_not_table": (
        "SMQSE ne démarre pas : « auth » dans {files} n'est pas une section. Écrivez une section [auth] avec "
        "redirect_uri, cookie_secret, client_id, client_secret et server_metadata_url (voir « Deploying » "
        "dans le README)."
    ),
    "deploy.auth_missing_keys": (
        "SMQSE ne démarre pas : la section [auth] de {files} n'a pas de valeur pour {keys}. Ajoutez-les "
        "(redirect_uri, cookie_secret, et pour le fournisseur OpenID Connect client_id, client_secret, "
        "server_metadata_url ; voir « Deploying » dans le README), puis relancez."
    ),
    "deploy.auth_bad_redirect_uri": (
        "SMQSE ne démarre pas : redirect_uri « {value} » dans la section [auth] de {files} doit être l'adresse "
        "publique de l'application suivie de /oauth2callback (par exemple https://smqse.example.fr/oauth2callback), "
        "déclarée aussi chez le fournisseur d'identité."
    ),
    "deploy.auth_short_cookie_secret": (
        "SMQSE ne démarre pas : cookie_secret dans la section [auth] de {files} fait moins de {minimum} "
        "caractères ; il signe l'identité des utilisateurs connectés. Générez-en un avec "
        f"{_GENERATE_SECRET} et relancez."
    ),
    "deploy.auth_bad_provider_name": (
        "SMQSE ne démarre pas : le fournisseur [auth.{provider}] dans {files} a un nom avec « _ », que "
        "Streamlit refuse. Renommez la section sans tiret bas."
    ),
    "deploy.auth_bad_metadata_url": (
        "SMQSE ne démarre pas : server_metadata_url « {value} » dans la section [auth] de {files} doit être "
        "l'adresse http(s) du document de découverte OpenID Connect du fournisseur "
        "(…/.well-known/openid-configuration)."
    ),
    "deploy.authlib_missing": (
        "SMQSE ne démarre pas : la connexion OpenID Connect est configurée mais Authlib (1.3.2 ou plus "
        "récent) ou httpx n'est pas installé. Installez les dépendances épinglées "
        "(pip install -r requirements.txt), puis relancez."
    ),
    "deploy.no_database": (
        "SMQSE ne démarre pas : la base {path} n'existe pas. Hors mode démonstration, elle n'est jamais "
        "remplacée par la démonstration. Restaurez-la, pointez SMQSE_DB vers la bonne base, ou créez-en une "
        "(python -m smqse init) ; pour une démonstration, python -m smqse init --demo."
    ),
    "deploy.bad_setting": "SMQSE ne démarre pas : un réglage est invalide ({error}). Corrigez-le, puis relancez.",
    "deploy.database_unreadable": (
        "SMQSE ne démarre pas : la base {path} ne peut pas être lue ({error}). Vérifiez que c'est une base "
        "SMQSE et qu'aucun autre programme ne l'a ouverte en écriture."
    ),
    "deploy.no_auth_not_loopback": (
        "SMQSE ne démarre pas : aucune section [auth] dans {files}, et le serveur écoute sur {address}, "
        "joignable depuis d'autres machines : le mode démonstration (choix de l'utilisateur) y donnerait "
        "à tout visiteur les droits de la direction. Configurez la connexion OpenID Connect (section [auth], "
        "voir « Deploying » dans le README), ou écoutez sur 127.0.0.1 (make run, --server.address 127.0.0.1)."
    ),
    "deploy.no_auth_not_demo": (
        "SMQSE ne démarre pas : aucune section [auth] dans {files}, et la base {path} n'est pas la "
        "démonstration : ses données ne s'ouvrent pas sans connexion. Configurez la connexion OpenID Connect "
        "(section [auth], voir « Deploying » dans le README). Pour montrer malgré tout cette base sans "
        "connexion sur ce poste, lancez avec SMQSE_DEMO=1. Une base de démonstration créée avant cette version "
        "n'a pas la marque : recréez-la avec python -m smqse init --demo --force."
    ),
    "identity.email_unverified": (
        "Connexion refusée : votre fournisseur d'identité n'atteste pas que l'adresse {email} est vérifiée "
        "(email_verified). Faites vérifier votre adresse auprès de votre service informatique, puis "
        "reconnectez-vous."
    ),
    "identity.login_with": "Se connecter avec {provider}",
}

EN: dict[str, str] = {
    "deploy.secrets_unreadable": (
        "SMQSE will not start: the secrets file cannot be read ({error}). Fix it (in TOML every text value is "
        'quoted: client_id = "smqse"), then start again. While it is unreadable, neither sign-in nor demo '
        "mode is open."
    ),
    "deploy.auth_not_table": (
        'SMQSE will not start: "auth" in {files} is not a section. Write an [auth] section with redirect_uri, '
        'cookie_secret, client_id, client_secret and server_metadata_url (see "Deploying" in the README).'
    ),
    "deploy.auth_missing_keys": (
        "SMQSE will not start: the [auth] section of {files} has no value for {keys}. Add them "
        "(redirect_uri, cookie_secret, and for the OpenID Connect provider client_id, client_secret, "
        'server_metadata_url; see "Deploying" in the README), then start again.'
    ),
    "deploy.auth_bad_redirect_uri": (
        'SMQSE will not start: redirect_uri "{value}" in the [auth] section of {files} must be the '
        "application's public address followed by /oauth2callback (for example "
        "https://smqse.example.com/oauth2callback), also registered with the identity provider."
    ),
    "deploy.auth_short_cookie_secret": (
        "SMQSE will not start: cookie_secret in the [auth] section of {files} is shorter than {minimum} "
        "characters; it signs who is signed in. Generate one with "
        f"{_GENERATE_SECRET} and start again."
    ),
    "deploy.auth_bad_provider_name": (
        'SMQSE will not start: the provider [auth.{provider}] in {files} has a "_" in its name, which '
        "Streamlit refuses. Rename the section without underscores."
    ),
    "deploy.auth_bad_metadata_url": (
        'SMQSE will not start: server_metadata_url "{value}" in the [auth] section of {files} must be the '
        "http(s) address of the provider's OpenID Connect discovery document "
        "(…/.well-known/openid-configuration)."
    ),
    "deploy.authlib_missing": (
        "SMQSE will not start: OpenID Connect sign-in is configured but Authlib (1.3.2 or later) or httpx is "
        "not installed. Install the pinned dependencies (pip install -r requirements.txt), then start again."
    ),
    "deploy.no_database": (
        "SMQSE will not start: the database {path} does not exist. Outside demo mode it is never replaced by "
        "the demo. Restore it, point SMQSE_DB at the right database, or create one (python -m smqse init); "
        "for a demo, python -m smqse init --demo."
    ),
    "deploy.bad_setting": "SMQSE will not start: a setting is invalid ({error}). Fix it, then start again.",
    "deploy.database_unreadable": (
        "SMQSE will not start: the database {path} cannot be read ({error}). Check that it is an SMQSE "
        "database and that no other program has it open for writing."
    ),
    "deploy.no_auth_not_loopback": (
        "SMQSE will not start: there is no [auth] section in {files}, and the server listens on {address}, "
        "reachable from other machines: demo mode (pick any user) would give every visitor the director's "
        'rights there. Configure OpenID Connect sign-in ([auth] section, see "Deploying" in the README), or '
        "listen on 127.0.0.1 (make run, --server.address 127.0.0.1)."
    ),
    "deploy.no_auth_not_demo": (
        "SMQSE will not start: there is no [auth] section in {files}, and the database {path} is not the "
        "demo: its data are not shown without sign-in. Configure OpenID Connect sign-in ([auth] section, see "
        '"Deploying" in the README). To show this database without sign-in on this machine anyway, start '
        "with SMQSE_DEMO=1. A demo database built before this version lacks the mark: rebuild it with "
        "python -m smqse init --demo --force."
    ),
    "identity.email_unverified": (
        "Sign-in refused: your identity provider does not confirm that the address {email} is verified "
        "(email_verified). Have your address verified by your IT department, then sign in again."
    ),
    "identity.login_with": "Sign in with {provider}",
}
