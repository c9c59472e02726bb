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
    # Errors
    "Page not found": "Page introuvable",
    "Not allowed": "Non autorisé",
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
