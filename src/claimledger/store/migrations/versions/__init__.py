"""Alembic revisions, oldest first by number (a package so installs ship them)."""
