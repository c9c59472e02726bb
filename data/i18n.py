"""The one translation catalogue: every UI string, in French (default) and English.

A key is the English text; `translate` returns the French text for locale "fr".
Placeholders use str.format names: translate("{n} tasks", "fr", n=3).
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_datetime

from data.clock import zone

DEFAULT_LOCALE = "fr"
SUPPORTED_LOCALES = ("fr", "en")

FRENCH: dict[str, str] = {
    # Sign-in
    "Sign in": "Connexion",
    "E-mail": "E-mail",
    "Password": "Mot de passe",
    "Sign in to Relance": "Connexion à Relance",
    "Invalid e-mail or password.": "E-mail ou mot de passe incorrect.",
    "Too many attempts. Try again in 15 minutes.": (
        "Trop de tentatives. Réessayez dans 15 minutes."
    ),
    "The form expired, please try again.": "Le formulaire a expiré, veuillez réessayer.",
    "You have been signed out.": "Vous êtes déconnecté.",
    "Sign out": "Se déconnecter",
    "Follow-ups that do not slip.": "Des relances qui ne passent pas à la trappe.",
    # Navbar and roles
    "My day": "Ma journée",
    "admin": "administrateur",
    "manager": "manager",
    "rep": "commercial",
    "Language": "Langue",
    # My day
    "Overdue": "En retard",
    "Due today": "À faire aujourd'hui",
    "Nothing overdue. Well done!": "Rien en retard. Bravo !",
    "Nothing else due today.": "Rien d'autre pour aujourd'hui.",
    "General note": "Note générale",
    "Unassigned": "Non assignée",
    "showing {shown} of {total}": "{shown} affichées sur {total}",
    "Hello {name}": "Bonjour {name}",
    "Your open tasks, oldest first.": "Vos tâches ouvertes, les plus anciennes d'abord.",
    "Your team's open tasks, oldest first.": (
        "Les tâches ouvertes de votre équipe, les plus anciennes d'abord."
    ),
    "All open tasks, oldest first.": "Toutes les tâches ouvertes, les plus anciennes d'abord.",
    # States
    "overdue": "en retard",
    "due_soon": "imminente",
    "today": "aujourd'hui",
    "upcoming": "à venir",
    "no_date": "sans date",
    "completed": "terminée",
    "note": "note",
    # /notes
    "Notes": "Notes",
    "notes match": "notes correspondent",
    "Filters": "Filtres",
    "Reset": "Réinitialiser",
    "All": "Tous",
    "Search text, customer, code": "Texte, client, code",
    "Status": "Statut",
    "Action": "Action",
    "Variable": "Variable",
    "Assigned to": "Assignée à",
    "Category": "Catégorie",
    "Customer": "Client",
    "Type to search": "Tapez pour chercher",
    "Follow-up date": "Date de relance",
    "Follow-up": "Relance",
    "From": "Du",
    "Select all": "Tout sélectionner",
    "Deselect all": "Tout désélectionner",
    "{num_selected} selected": "{num_selected} sélectionné(s)",
    "Search": "Rechercher",
    "Clear search": "Effacer la recherche",
    "Clear selection": "Effacer la sélection",
    "No match": "Aucun résultat",
    "To": "Au",
    "Include completed": "Inclure les terminées",
    "Overdue only": "En retard seulement",
    "Show only overdue": "N'afficher que les retards",
    "Note": "Note",
    "Author": "Auteur",
    "Created": "Créée le",
    "No note matches this filter.": "Aucune note ne correspond à ce filtre.",
    "New note": "Nouvelle note",
    "Edit note #{id}": "Modifier la note n°{id}",
    "Order": "Commande",
    "General note (no customer) — type to search": (
        "Note générale (sans client) — tapez pour chercher"
    ),
    "Assign to": "Assigner à",
    "Nobody: a plain note": "Personne : une simple note",
    "Close the customer's last open task": "Clôturer la dernière tâche ouverte du client",
    "Complete": "Terminer",
    "Complete + new note": "Terminer + nouvelle note",
    "Completed": "Terminée",
    "Save": "Enregistrer",
    "Reassign": "Réassigner",
    "New assignee": "Nouvel assigné",
    "Choose the new assignee.": "Choisissez le nouvel assigné.",
    "Note #{id} created.": "Note n°{id} créée.",
    "Note #{id} saved.": "Note n°{id} enregistrée.",
    "Task #{id} completed.": "Tâche n°{id} terminée.",
    "Task completed. Write the next note.": "Tâche terminée. Rédigez la note suivante.",
    "Task reassigned to {name}.": "Tâche réassignée à {name}.",
    "Nothing was saved: check the fields.": "Rien n'a été enregistré : vérifiez les champs.",
    "Not saved: {name} changed this note since you opened it. Close and reopen it to see "
    "their version.": (
        "Non enregistré : {name} a modifié cette note depuis que vous l'avez ouverte. "
        "Fermez-la et rouvrez-la pour voir sa version."
    ),
    "someone": "quelqu'un",
    # Form and filter messages from the data layer
    "the note text is required": "le texte de la note est obligatoire",
    # Users
    "not an e-mail address: {email}": "ce n'est pas une adresse e-mail : {email}",
    "role must be one of {roles}": "le rôle doit être l'un de : {roles}",
    "the name is required": "le nom est obligatoire",
    "the password must have at least 4 characters": (
        "le mot de passe doit avoir au moins 4 caractères"
    ),
    "locale must be one of {locales}": "la langue doit être l'une de : {locales}",
    "unknown time zone: {zone}": "fuseau horaire inconnu : {zone}",
    "a user with the e-mail {email} exists already": (
        "un utilisateur avec l'e-mail {email} existe déjà"
    ),
    "the note is longer than {n} characters": "la note dépasse {n} caractères",
    "the follow-up date is more than {n} years away": "la date de relance est à plus de {n} ans",
    "the note is longer than 20,000 characters": "la note dépasse 20 000 caractères",
    "unknown customer": "client inconnu",
    "this order is not one of the customer's": "cette commande n'est pas celle de ce client",
    "unknown or inactive status": "statut inconnu ou inactif",
    "unknown or inactive action": "action inconnue ou inactive",
    "unknown or inactive category": "catégorie inconnue ou inactive",
    "unknown option for this variable": "option inconnue pour cette variable",
    "the follow-up date is more than 5 years away": ("la date de relance est à plus de 5 ans"),
    "this person is inactive or outside your scope": (
        "cette personne est inactive ou hors de votre périmètre"
    ),
    "only a customer's note can close its last task": (
        "seule une note client peut clôturer sa dernière tâche"
    ),
    "a time needs a date": "une heure demande une date",
    "the date or time does not parse (YYYY-MM-DD, HH:MM)": (
        "date ou heure illisible (AAAA-MM-JJ, HH:MM)"
    ),
    "only a task (a note with an assignee) can be completed": (
        "seule une tâche (une note assignée) peut être terminée"
    ),
    "this task is completed already": "cette tâche est déjà terminée",
    "a completed task cannot be reassigned": "une tâche terminée ne peut pas être réassignée",
    "{name}: '{value}' is not a valid id": "{name} : « {value} » n'est pas un identifiant valide",
    "{name}: '{value}' is not a date (YYYY-MM-DD)": (
        "{name} : « {value} » n'est pas une date (AAAA-MM-JJ)"
    ),
    "{name}: '{value}' is out of range": "{name} : « {value} » est hors limites",
    "{name}: '{value}' must be 1 or 0": "{name} : « {value} » doit valoir 1 ou 0",
    "from: the start date is after the end date": "from : la date de début suit la date de fin",
    "q: the text is longer than {n} characters": "q : le texte dépasse {n} caractères",
    "sort: '{value}' is not one of {keys}": "sort : « {value} » n'est pas parmi {keys}",
    "{name}: unknown id {ids}": "{name} : identifiant inconnu {ids}",
    # Bulk reassign
    "Bulk reassign": "Réassignation en masse",
    "ticked": "cochée(s)",
    "All matching this filter": "Toutes celles du filtre",
    "All {n} matching this filter (their open tasks)": (
        "Les {n} notes du filtre (leurs tâches ouvertes)"
    ),
    "New follow-up date (empty: keep each one)": (
        "Nouvelle date de relance (vide : chacune garde la sienne)"
    ),
    "Time (09:00 when empty)": "Heure (09:00 si vide)",
    "Preview": "Aperçu",
    "Undo": "Annuler",
    "Preview: {n} tasks": "Aperçu : {n} tâches",
    "new follow-up {date}": "nouvelle relance le {date}",
    "Assigned now to: {people}": "Actuellement assignées à : {people}",
    "Cannot be changed:": "Ne peuvent pas être modifiées :",
    "Nothing will change until they are left out of the selection.": (
        "Rien ne changera tant qu'elles restent dans la sélection."
    ),
    "Nothing has changed yet.": "Rien n'a encore changé.",
    "There is no open task in this selection.": "Aucune tâche ouverte dans cette sélection.",
    "Not restored:": "Non rétablies :",
    "{n} tasks given back.": "{n} tâches rendues.",
    "The form changed since the preview: check again.": (
        "Le formulaire a changé depuis l'aperçu : vérifiez à nouveau."
    ),
    "Someone else is changing these tasks: try again.": (
        "Quelqu'un d'autre modifie ces tâches : réessayez."
    ),
    "{n} tasks reassigned to {name}.": "{n} tâches réassignées à {name}.",
    "Tick at least one task, or all matching.": (
        "Cochez au moins une tâche, ou toutes celles du filtre."
    ),
    "The selection holds an invalid note id.": (
        "La sélection contient un identifiant de note invalide."
    ),
    "The filter is not valid: {text}": "Le filtre n'est pas valide : {text}",
    "At most {n} ticked notes: use all matching.": (
        "Au plus {n} notes cochées : utilisez « toutes celles du filtre »."
    ),
    "{n} not allowed (outside your scope, deleted or unknown)": (
        "{n} non autorisées (hors de votre périmètre, supprimées ou inconnues)"
    ),
    "{n} plain notes (not tasks: nobody is assigned)": (
        "{n} simples notes (pas des tâches : personne n'est assigné)"
    ),
    "{n} completed tasks": "{n} tâches terminées",
    "Choose who gets the tasks.": "Choisissez à qui confier les tâches.",
    "This person is inactive or outside your scope.": (
        "Cette personne est inactive ou hors de votre périmètre."
    ),
    "The new follow-up date lies in the past.": "La nouvelle date de relance est passée.",
    "The follow-up date is more than {n} years away.": (
        "La date de relance est à plus de {n} ans."
    ),
    "Nothing changed: some notes cannot be.": (
        "Rien n'a changé : certaines notes ne peuvent pas l'être."
    ),
    "The selection changed since the preview: nothing changed.": (
        "La sélection a changé depuis l'aperçu : rien n'a été modifié."
    ),
    "Choose someone else.": "Choisissez quelqu'un d'autre.",
    "{n} changed since by {names}": "{n} modifiées depuis par {names}",
    "{n} completed since": "{n} terminées depuis",
    "{n} deleted since": "{n} supprimées depuis",
    "{n} whose previous assignee is no longer active": (
        "{n} dont l'ancien assigné n'est plus actif"
    ),
    "Not allowed: this change is not yours to undo.": (
        "Non autorisé : ce changement n'est pas le vôtre."
    ),
    "This change is more than 24 hours old.": "Ce changement date de plus de 24 heures.",
    "This change was undone already.": "Ce changement a déjà été annulé.",
    # Counters
    "Incoming": "Entrant",
    "Planned": "Prévu",
    "Today": "Aujourd'hui",
    "Open incoming activities": "Activités entrantes non traitées",
    "Open tasks overdue or due within your planned threshold": (
        "Tâches en retard ou dont l'échéance arrive dans votre délai de prévision"
    ),
    "Open tasks due today and incoming activities received today": (
        "Tâches à faire aujourd'hui et activités entrantes reçues aujourd'hui"
    ),
    "Counted by my counter": "Comptées par mon compteur",
    "counter: '{value}' is not one of {keys}": "counter : « {value} » n'est pas parmi {keys}",
    # Board
    "Board": "Tableau",
    "This week": "Cette semaine",
    "Next week": "Semaine prochaine",
    "Later": "Plus tard",
    "No date": "Sans date",
    "Show more": "Voir plus",
    "Move to": "Déplacer vers",
    "Nothing here.": "Rien ici.",
    "Filtered like Notes": "Filtré comme Notes",
    "Show everything": "Tout afficher",
    "Not moved: {name} changed this task since the board was shown.": (
        "Non déplacée : {name} a modifié cette tâche depuis l'affichage du tableau."
    ),
    "Task #{id} moved to {column}.": "Tâche n°{id} déplacée vers {column}.",
    "This week has no day left after today.": "Cette semaine n'a plus de jour après aujourd'hui.",
    "A card cannot be moved to Overdue.": "Une carte ne peut pas être déplacée vers En retard.",
    "Unknown column.": "Colonne inconnue.",
    "Employees' counters": "Compteurs des collaborateurs",
    "Employee": "Collaborateur",
    "Team": "Équipe",
    # Incoming activities
    "Incoming activities": "Activités entrantes",
    "Incoming call": "Appel entrant",
    "Missed call": "Appel manqué",
    "Chat": "Chat",
    "Order payment": "Paiement de commande",
    "Comment": "Commentaire",
    "Close": "Fermer",
    "Create a task": "Créer une tâche",
    "No open incoming activity.": "Aucune activité entrante ouverte.",
    # Own settings
    "My settings": "Mes paramètres",
    "Time zone": "Fuseau horaire",
    '"Today" and the dates you see follow it.': (
        "« Aujourd'hui » et les dates affichées le suivent."
    ),
    "Planned threshold (minutes)": "Délai de prévision (minutes)",
    "Planned counts the tasks overdue or due within this delay.": (
        "Prévu compte les tâches en retard ou dont l'échéance arrive dans ce délai."
    ),
    "Counter mode": "Mode des compteurs",
    "Activity responsible: my tasks and activities": (
        "Responsable d'activité : mes tâches et mes activités"
    ),
    "Item responsible: everything on my customers, whoever is assigned": (
        "Responsable de l'élément : tout ce qui concerne mes clients, quel que soit l'assigné"
    ),
    "Settings saved.": "Paramètres enregistrés.",
    "Unknown time zone: {value}": "Fuseau horaire inconnu : {value}",
    "The planned threshold is a whole number of minutes from {low} to {high}.": (
        "Le délai de prévision est un nombre entier de minutes de {low} à {high}."
    ),
    "Choose a counter mode.": "Choisissez un mode de compteur.",
    "Choose a language.": "Choisissez une langue.",
    # Notifications
    "Notifications": "Notifications",
    "Mark all as read": "Tout marquer comme lu",
    "No unread notification.": "Aucune notification non lue.",
    "{n} tasks assigned to you by {actor}": "{n} tâches vous ont été assignées par {actor}",
    "{actor} assigned you a task ({customer})": "{actor} vous a assigné une tâche ({customer})",
    "{n} of your tasks were reassigned to {name} by {actor}": (
        "{n} de vos tâches ont été réassignées à {name} par {actor}"
    ),
    "1 task assigned to you by {actor}": "1 tâche vous a été assignée par {actor}",
    "1 of your tasks was reassigned to {name} by {actor}": (
        "1 de vos tâches a été réassignée à {name} par {actor}"
    ),
    "1 of your tasks was taken back by {actor}": "1 de vos tâches a été reprise par {actor}",
    "{n} of your tasks were taken back by {actor}": (
        "{n} de vos tâches ont été reprises par {actor}"
    ),
    "{actor} reassigned a task to you ({customer})": (
        "{actor} vous a réassigné une tâche ({customer})"
    ),
    "{actor} completed your task ({customer})": "{actor} a terminé votre tâche ({customer})",
    "{actor}: {kind}": "{actor} : {kind}",
    # Analytics
    "Analytics": "Analyses",
    "Analytics are for managers and admins.": (
        "Les analyses sont réservées aux managers et aux administrateurs."
    ),
    "Person": "Personne",
    "Period": "Période",
    "{n} days": "{n} jours",
    "From / To replace the period; empty To means today.": (
        "Du / Au remplacent la période ; Au vide signifie aujourd'hui."
    ),
    "{first} – {last} ({n} days)": "du {first} au {last} ({n} jours)",
    "overdue now": "en retard maintenant",
    "open tasks": "tâches ouvertes",
    "completed of those due": "terminées parmi les échues",
    "completed on time": "terminées à temps",
    "Overdue tasks per day": "Tâches en retard par jour",
    "Completion and on-time rates per person": "Taux de réalisation et de ponctualité par personne",
    "Open workload per person, now": "Charge ouverte par personne, maintenant",
    "Overdue open tasks by days overdue": "Tâches ouvertes en retard, par jours de retard",
    "Notes by status": "Notes par statut",
    "Notes by action": "Notes par action",
    "Notes by category": "Notes par catégorie",
    "Overdue tasks": "Tâches en retard",
    "Overdue open tasks": "Tâches ouvertes en retard",
    "Completed (of due)": "Terminées (parmi les échues)",
    "On time (of completed)": "À temps (parmi les terminées)",
    "{range} days": "{range} jours",
    "None": "Aucun",
    "Nothing to show for this selection.": "Rien à afficher pour cette sélection.",
    "Download the data as CSV": "Télécharger les données (CSV)",
    "period: '{value}' is not one of {keys}": "period : « {value} » n'est pas parmi {keys}",
    "{name}: the date is after today": "{name} : la date est après aujourd'hui",
    "from: the period is longer than {n} days": "from : la période dépasse {n} jours",
    "This team is outside your scope.": "Cette équipe est hors de votre périmètre.",
    "This person is not a member of this team.": "Cette personne n'est pas membre de cette équipe.",
    # Stand-up
    "Stand-up": "Stand-up",
    "Still due today": "Encore à faire aujourd'hui",
    "Done yesterday": "Terminées hier",
    "Done today": "Terminées aujourd'hui",
    "Oldest overdue": "Les retards les plus anciens",
    "No member in this team.": "Aucun membre dans cette équipe.",
    "Updated at {time}": "Mis à jour à {time}",
    "The stand-up screen is for managers and admins.": (
        "L'écran de stand-up est réservé aux managers et aux administrateurs."
    ),
    "This stand-up link is no longer valid.": "Ce lien de stand-up n'est plus valide.",
    "Choose a team": "Choisissez une équipe",
    "Refreshes every minute. This is what a TV link shows.": (
        "Actualisé chaque minute. C'est ce qu'affiche un lien TV."
    ),
    "TV links": "Liens TV",
    "A TV link opens this team's stand-up on a TV without signing in. It shows this screen "
    "only, read-only, until it expires or is revoked.": (
        "Un lien TV ouvre le stand-up de cette équipe sur une TV sans connexion. Il n'affiche "
        "que cet écran, en lecture seule, jusqu'à son expiration ou sa révocation."
    ),
    "Works for": "Valable",
    "1 day": "1 jour",
    "7 days": "7 jours",
    "30 days": "30 jours",
    "90 days": "90 jours",
    "Label (optional)": "Libellé (facultatif)",
    "e.g. Meeting room TV": "ex. TV de la salle de réunion",
    "Create a TV link": "Créer un lien TV",
    "Link created. Open this address on the TV:": "Lien créé. Ouvrez cette adresse sur la TV :",
    "Copy": "Copier",
    "TV link #{id}": "Lien TV n°{id}",
    "Created by {name} on {date}, expires {expires}": (
        "Créé par {name} le {date}, expire le {expires}"
    ),
    "Revoke": "Révoquer",
    "Link revoked: a TV showing it stops at its next refresh.": (
        "Lien révoqué : une TV qui l'affiche s'arrête à sa prochaine actualisation."
    ),
    "No active link for this team.": "Aucun lien actif pour cette équipe.",
    "Choose how long the link works.": "Choisissez la durée de validité du lien.",
    "The label is longer than {n} characters.": "Le libellé dépasse {n} caractères.",
    "The label cannot contain < or >.": "Le libellé ne peut pas contenir < ou >.",
    "This link was revoked already.": "Ce lien a déjà été révoqué.",
    # Errors
    "Page not found": "Page introuvable",
    "Not allowed": "Non autorisé",
    # Exports
    "Download the notes of this filter as CSV (UTF-8)": (
        "Télécharger les notes de ce filtre en CSV (UTF-8)"
    ),
    "The same CSV with a byte order mark, for Excel": (
        "Le même CSV avec une marque d'ordre des octets (BOM), pour Excel"
    ),
    "Download the notes of this filter as an Excel workbook": (
        "Télécharger les notes de ce filtre en classeur Excel"
    ),
    "Download {name}": "Télécharger {name}",
    "The export failed: {error}": "L'export a échoué : {error}",
    "Preparing the XLSX…": "Préparation du XLSX…",
    "More than {n} rows: the XLSX is prepared in the background": (
        "Plus de {n} lignes : le XLSX est préparé en arrière-plan"
    ),
    "Export my open tasks": "Exporter mes tâches ouvertes",
    "Export this filter": "Exporter ce filtre",
    "Too many rows for one XLSX sheet: use the CSV export": (
        "Trop de lignes pour une feuille XLSX : utilisez l'export CSV"
    ),
}

CATALOGUE: dict[str, dict[str, str]] = {"fr": FRENCH, "en": {}}


def normalise_locale(locale: str | None) -> str:
    return locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE


def translate(key: str, locale: str | None, **values: object) -> str:
    text = CATALOGUE[normalise_locale(locale)].get(key, key)
    return text.format(**values) if values else text


def format_instant(instant: datetime, time_zone: str, locale: str | None) -> str:
    """A date and time as people of that locale write it, in their zone."""
    return format_datetime(
        instant, "d MMM y HH:mm", tzinfo=zone(time_zone), locale=normalise_locale(locale)
    )


def format_time(instant: datetime, time_zone: str, locale: str | None) -> str:
    return format_datetime(
        instant, "HH:mm", tzinfo=zone(time_zone), locale=normalise_locale(locale)
    )
