"""French word lists and templates for the demo data (demo/seed.py).

Everything here is a tuple so that iteration order never varies between runs.
"""

from __future__ import annotations

ADMIN = ("admin@demo.relance", "Alice Admin")
MANAGER = ("manager@demo.relance", "Marc Manager")
TEAM = "Ventes"

REP_NAMES = (
    "Camille Martin",
    "Lucas Bernard",
    "Chloé Petit",
    "Hugo Durand",
    "Léa Lefèvre",
    "Nathan Moreau",
    "Emma Girard",
    "Louis Fournier",
    "Manon Mercier",
    "Jules Bonnet",
    "Inès Lambert",
    "Théo Fontaine",
)
FIRST_NAMES = (
    "Claire", "Julien", "Sophie", "Antoine", "Isabelle", "Nicolas", "Céline", "Thomas",
    "Nathalie", "Pierre", "Aurélie", "François", "Sandrine", "Mathieu", "Élodie", "Olivier",
    "Valérie", "Sébastien", "Hélène", "Guillaume", "Amandine", "Romain", "Delphine", "Benoît",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
    "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
)  # fmt: skip
TRADES = (
    "Boulangerie", "Pâtisserie", "Boucherie", "Épicerie", "Fromagerie", "Cave", "Librairie",
    "Quincaillerie", "Pharmacie", "Garage", "Transports", "Menuiserie", "Imprimerie",
    "Jardinerie", "Pressing", "Opticien", "Brasserie", "Hôtel", "Traiteur", "Fleuriste",
    "Droguerie", "Bricolage", "Jouets", "Primeur", "Laboratoire", "Cabinet", "Atelier",
)  # fmt: skip
PLACES = (
    "du Centre", "de la Gare", "du Port", "des Halles", "du Marché", "de la Place",
    "du Lac", "des Vignes", "du Moulin", "de l'Église", "des Alpes", "du Sud",
)  # fmt: skip
LEGAL_FORMS = ("SARL", "SAS", "SA", "EURL", "SNC")
# Patterns of a company name: {trade}, {name}, {place}, {form}.
COMPANY_PATTERNS = (
    "{trade} {name}",
    "{trade} {name}",
    "{trade} {place}",
    "{trade} {name} {form}",
    "{name} & Fils",
    "Établissements {name}",
    "{name} Distribution {form}",
    "{trade} {name} et Associés",
)

# (city, postal code, country). Paris, Lyon and Marseille get an arrondissement.
CITIES = (
    ("Paris", "750", "FR"), ("Lyon", "690", "FR"), ("Marseille", "130", "FR"),
    ("Toulouse", "31000", "FR"), ("Nice", "06000", "FR"), ("Nantes", "44000", "FR"),
    ("Montpellier", "34000", "FR"), ("Strasbourg", "67000", "FR"), ("Bordeaux", "33000", "FR"),
    ("Lille", "59000", "FR"), ("Rennes", "35000", "FR"), ("Reims", "51100", "FR"),
    ("Toulon", "83000", "FR"), ("Saint-Étienne", "42000", "FR"), ("Le Havre", "76600", "FR"),
    ("Grenoble", "38000", "FR"), ("Dijon", "21000", "FR"), ("Angers", "49000", "FR"),
    ("Nîmes", "30000", "FR"), ("Clermont-Ferrand", "63000", "FR"), ("Le Mans", "72000", "FR"),
    ("Aix-en-Provence", "13100", "FR"), ("Brest", "29200", "FR"), ("Tours", "37000", "FR"),
    ("Amiens", "80000", "FR"), ("Limoges", "87000", "FR"), ("Annecy", "74000", "FR"),
    ("Perpignan", "66000", "FR"), ("Metz", "57000", "FR"), ("Besançon", "25000", "FR"),
    ("Orléans", "45000", "FR"), ("Rouen", "76000", "FR"), ("Mulhouse", "68100", "FR"),
    ("Caen", "14000", "FR"), ("Nancy", "54000", "FR"), ("Avignon", "84000", "FR"),
    ("Poitiers", "86000", "FR"), ("La Rochelle", "17000", "FR"), ("Pau", "64000", "FR"),
    ("Bayonne", "64100", "FR"), ("Ajaccio", "20000", "FR"), ("Colmar", "68000", "FR"),
)  # fmt: skip
FOREIGN_CITIES = (
    ("Bruxelles", "1000", "BE"), ("Liège", "4000", "BE"), ("Genève", "1201", "CH"),
    ("Lausanne", "1003", "CH"), ("Luxembourg", "1009", "LU"),
)  # fmt: skip
ARRONDISSEMENTS = {"750": 20, "690": 9, "130": 16}
EMAIL_BOXES = ("contact", "commandes", "compta", "achats", "accueil")

# (name, font colour, background colour)
STATUSES = (
    ("Nouveau", "#ffffff", "#0d6efd"),
    ("En cours", "#000000", "#ffc107"),
    ("En attente client", "#ffffff", "#6f42c1"),
    ("Prospect chaud", "#ffffff", "#d63384"),
    ("Prospect froid", "#ffffff", "#0dcaf0"),
    ("Compte en retard", "#ffffff", "#dc3545"),
    ("Gagné", "#ffffff", "#198754"),
    ("Perdu", "#ffffff", "#212529"),
)
ACTIONS = (
    "Appeler",
    "Envoyer un e-mail",
    "Rendez-vous",
    "Relancer le devis",
    "Envoyer un échantillon",
    "Envoyer le catalogue",
    "Visite client",
    "Relancer le paiement",
)
CATEGORIES = (
    ("Prospection", "#0dcaf0"),
    ("Commande", "#198754"),
    ("Facturation", "#dc3545"),
    ("SAV", "#fd7e14"),
    ("Administratif", "#6c757d"),
    ("Marketing", "#d63384"),
)
VARIABLES = (
    (
        "Magasin",
        ("Alimentation", "Épicerie fine", "Jouets", "Bricolage", "Jardinerie", "Librairie"),
    ),
    ("Fuseau horaire", ("Paris (UTC+1)", "Londres (UTC+0)", "Montréal (UTC−5)", "La Réunion")),
    ("Classement", ("A", "B", "C")),
)
ORDER_STATES = ("open", "open", "shipped", "invoiced", "paid", "paid", "paid", "cancelled")

# Bodies of notes on a customer. Placeholders: {civ} {nom} {prenom} {devis} {order} {pct}
# {jour} {produit}.
CUSTOMER_BODIES = (
    "Rappeler {civ} {nom} au sujet du devis {devis}",
    "Relancer le devis {devis}, sans réponse depuis une semaine",
    "Envoyer le catalogue printemps à {civ} {nom}",
    "Client intéressé par la gamme {produit}, envoyer un échantillon",
    "Confirmer le rendez-vous de {jour} avec {prenom} {nom}",
    "Relancer le paiement de la commande {order}",
    "Livraison partielle de la commande {order} : vérifier le reliquat",
    "Point trimestriel avec le responsable achats",
    "Mettre à jour les coordonnées de facturation",
    "Proposer la remise fidélité de {pct} % sur la prochaine commande",
    "{civ} {nom} souhaite être rappelé(e) {jour} après 14 h",
    "Litige sur la facture de la commande {order}, voir avec la compta",
    "Présenter les nouveautés {produit} lors de la visite",
    "Demande de devis pour 200 unités {produit}",
    "Vérifier le stock avant de confirmer la commande {order}",
    "Prospect rencontré au salon, prendre rendez-vous",
    "Envoyer les conditions générales de vente mises à jour",
    "Le client a changé d'interlocuteur : {prenom} {nom} remplace l'ancien acheteur",
)
GENERAL_BODIES = (
    "Réunion d'équipe : objectifs du trimestre",
    "Nouveaux tarifs transport applicables le 1er du mois",
    "Salon professionnel à Lyon : préparer la liste des clients à inviter",
    "Mettre à jour la fiche produit {produit}",
    "Formation CRM pour les nouveaux commerciaux",
    "Inventaire de fin de mois : prévenir les clients des délais",
)
# Start with a character that a spreadsheet reads as a formula (export neutralisation).
FORMULA_BODIES = (
    "=SOMME des remises à vérifier avant facturation",
    "-10 % accordé sur la commande {order}",
    "+33 6 12 34 56 78 a rappelé, demande un devis",
    "@{prenom} peux-tu vérifier le stock ?",
)
PRODUCTS = ("bio", "premium", "professionnelle", "éco", "hiver", "été", "sans gluten")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "demain", "la semaine prochaine")

ACTIVITY_SUBJECTS = {
    "incoming_call": ("Appel de {prenom} {nom}", "Appel entrant : question sur un devis"),
    "missed_call": ("Appel manqué de {prenom} {nom}", "Appel manqué, rappeler le standard"),
    "email": ("E-mail : demande de devis", "E-mail de {prenom} {nom} : délai de livraison"),
    "chat": ("Message chat : suivi de commande", "Chat : {prenom} demande un rappel"),
    "order_payment": ("Paiement reçu pour la commande {order}", "Virement reçu : {order}"),
    "comment": ("Commentaire sur la tâche : « à traiter en priorité »", "Nouveau commentaire"),
}
