"""The scratch PostgreSQL database a benchmark runs in: created next to the configured one,
migrated (which loads the reference data), and dropped afterwards, whatever happens."""

from contextlib import contextmanager

import psycopg
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections


def require_postgresql(command):
    if connection.vendor != "postgresql":
        raise CommandError(f"{command} needs PostgreSQL: set DATABASE_URL.")


def admin_sql(*statements):
    """Run statements on the server's `postgres` database (CREATE/DROP DATABASE)."""
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


@contextmanager
def scratch_database(name):
    """Point the default connection at a new, migrated database `name`; drop it on the way out."""
    settings_dict = connection.settings_dict
    original = settings_dict["NAME"]
    admin_sql(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    try:
        connections.close_all()
        settings_dict["NAME"] = name
        call_command("migrate", verbosity=0)
        yield name
    finally:
        connections.close_all()
        settings_dict["NAME"] = original
        admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
