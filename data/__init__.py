"""Relance's data layer: models, sessions, queries and operations. Imports nothing from Dash."""
