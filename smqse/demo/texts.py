"""French wording of the demo's records (titles of events and actions, suppliers, review decisions)."""

from __future__ import annotations

EVENT_TYPES = (
    "nonconformity", "customer_complaint", "incident", "accident", "near_miss",
    "environmental_incident", "audit_finding", "supplier_nonconformity",
)  # fmt: skip

PARTS = (
    "support moteur", "bride de fixation", "traverse de châssis", "équerre de renfort", "carter de protection",
    "axe de bogie", "platine de frein", "longeron arrière",
)  # fmt: skip

# Titles by event type; types with parts get " — <part>" appended.
EVENT_TITLES: dict[str, tuple[str, ...]] = {
    "nonconformity": (
        "Cote hors tolérance", "Défaut d'aspect", "Bavure non conforme", "Soudure incomplète", "Perçage décalé",
        "Planéité hors tolérance", "Filetage non conforme", "Marquage de traçabilité erroné",
    ),
    "customer_complaint": (
        "Réclamation client : pièces non conformes", "Réclamation client : retard de livraison",
        "Réclamation client : erreur de quantité", "Réclamation client : emballage endommagé",
        "Réclamation client : certificat de conformité manquant", "Réclamation client : défaut d'aspect",
    ),
    "incident": (
        "Chute d'objet sans blessé", "Départ de feu maîtrisé au poste de soudure", "Collision d'un chariot avec un rack",
        "Rupture d'élingue pendant une manutention", "Arrêt d'urgence défaillant sur une presse",
        "Dégagement de fumée sur une machine d'usinage",
    ),
    "accident": (
        "Coupure à la main en manipulant des tôles", "Lombalgie lors d'un port de charge",
        "Projection de copeau dans l'œil", "Écrasement de doigt sur une presse", "Chute de plain-pied",
        "Heurt par un chariot élévateur", "Brûlure au poste de soudure", "Entorse en descendant d'un quai",
    ),
    "near_miss": (
        "Chariot élévateur dans une allée piétonne", "Charge suspendue au-dessus d'un opérateur",
        "Protecteur de machine retiré", "Tôles instables sur un rack", "Flaque d'huile dans une allée",
        "Extincteur rendu inaccessible", "Travail en hauteur sans harnais",
    ),
    "environmental_incident": (
        "Déversement d'huile sur l'aire de stockage", "Dépassement du seuil de pH au rejet",
        "Fuite de fluide frigorigène", "Débordement d'un bac de rétention",
        "Rejet de poussières au filtre de la cabine de peinture", "Mélange de déchets dangereux et banals",
    ),
    "audit_finding": (
        "Écart d'audit : enregistrements de contrôle incomplets", "Écart d'audit : instruction obsolète au poste",
        "Écart d'audit : étalonnage échu", "Écart d'audit : habilitation non tracée",
        "Écart d'audit : veille réglementaire non à jour", "Écart d'audit : évaluation des risques non revue",
    ),
    "supplier_nonconformity": (
        "Réception non conforme : épaisseur de tôle hors tolérance",
        "Réception non conforme : traitement de surface défectueux",
        "Réception non conforme : certificat matière absent", "Réception non conforme : quantité erronée",
        "Réception non conforme : visserie corrodée", "Livraison fournisseur en retard, production arrêtée",
    ),
}  # fmt: skip
WITH_PART = ("nonconformity", "customer_complaint")

SUPPLIERS = (
    "Aciers du Rhône", "Traitements de Surface de l'Ouest", "Fonderie Martin et Fils", "Visserie Lemoine",
    "Découpe Laser Bernard", "Tubes et Profilés Rousseau", "Peintures Industrielles Blanc", "Emballages Girard",
    "Forges de Bourgogne", "Ressorts Vidal",
)  # fmt: skip

# Corrective / preventive action titles by 7M category of the event's cause.
ACTION_TITLES: dict[str, tuple[str, ...]] = {
    "manpower": (
        "Former les opérateurs au poste", "Mettre en place un tutorat des nouveaux arrivants",
        "Rappeler les règles au quart d'heure sécurité", "Mettre à jour la matrice de polyvalence",
    ),
    "method": (
        "Mettre à jour l'instruction de travail", "Standardiser le réglage (fiche de réglage)",
        "Revoir l'AMDEC processus", "Formaliser le changement de série (SMED)",
    ),
    "machine": (
        "Renforcer la maintenance préventive de l'équipement", "Remplacer l'outillage usé",
        "Installer un protecteur conforme", "Suivre la durée de vie des outils",
    ),
    "material": (
        "Renforcer le contrôle à réception", "Demander un 8D au fournisseur", "Qualifier un second fournisseur",
        "Revoir la spécification d'achat",
    ),
    "milieu": (
        "Réorganiser le poste (5S)", "Séparer les flux piétons et chariots", "Améliorer l'éclairage du poste",
        "Réparer le revêtement de sol",
    ),
    "measurement": (
        "Étalonner et identifier les moyens de mesure", "Revoir le plan de surveillance",
        "Réaliser une étude R&R des moyens de mesure", "Rendre l'autocontrôle obligatoire et tracé",
    ),
    "management": (
        "Clarifier les responsabilités (RACI)", "Instaurer un point quotidien inter-équipes",
        "Ajuster l'effectif de l'équipe", "Vérifier l'efficacité des actions antérieures",
    ),
}  # fmt: skip
CONTAINMENT_TITLES = (
    "Trier et bloquer le stock suspect", "Mettre la zone en sécurité", "Remplacer les pièces chez le client",
    "Confiner et nettoyer le déversement",
)  # fmt: skip

# The 2025 management review (held January 2026): §9.3.2 input, type, text, owner, due date, with an action?
REVIEW_DECISIONS = (
    ("9.3.2.c.3", "improvement", "Lancer un chantier SMED sur la presse 800 t de Lyon pour ramener le taux de "
     "rebut au niveau de 2024.", "u-prod", "2026-06-30", True),
    ("9.3.2.c.7", "improvement", "Conduire un plan de développement avec le nouveau sous-traitant de "
     "traitement de surface (PPM client de Rouen).", "u-scm", "2026-09-30", True),
    ("9.3.2.d", "resources", "Recruter un technicien méthodes supplémentaire pour le site de Rouen.",
     "u-rh", "2026-04-30", True),
    ("9.3.2.b", "system_change", "Intégrer au système de management le reporting climat ESRS E1 (CSRD) et "
     "la collecte mensuelle des données énergie.", "u-qse", "2026-12-31", False),
    ("9.3.2.c.2", "improvement", "Sécuriser une filière de valorisation des copeaux huileux pour tenir "
     "l'objectif de valorisation des déchets.", "u-hse", "2026-06-30", True),
    ("9.3.2.e", "improvement", "Porter les visites sécurité managériales à une par manager et par mois.",
     "u-hse", "2026-03-31", True),
    ("9.3.2.d", "resources", "Allouer 120 k€ à la récupération de chaleur du nouveau four de Valence.",
     "u-mai", "2026-10-31", False),
    ("9.3.2.f", "system_change", "Déployer la saisie mensuelle des indicateurs par les pilotes dans l'outil "
     "SMQSE.", "u-qse", "2026-03-31", True),
)  # fmt: skip

# Where the review's actions stand at the cut-off (the story the next review reports under §9.3.2 a):
# decision → (status, progress %, closed on, effectiveness).
REVIEW_ACTION_STATE = {
    "DEC-2025-1": ("in_progress", 60.0, None, None),  # SMED at Lyon: late, scrap still high
    "DEC-2025-2": ("in_progress", 50.0, None, None),  # coating supplier plan: late, Rouen PPM still high
    "DEC-2025-3": ("done", 100.0, "2026-05-15", "not_checked"),
    "DEC-2025-5": ("in_progress", 30.0, None, None),  # oily-chip recovery: late, recovery rate drifting down
    "DEC-2025-6": ("verified", 100.0, "2026-04-10", "effective"),
    "DEC-2025-8": ("verified", 100.0, "2026-03-20", "effective"),
}
