"""The data version: one row that every change to the records the pages read bumps, in the
same transaction, so that a page cached under the old version is never served again.

Saves and deletes through the ORM bump it by themselves (the receivers below, for the models of
settings.DATA_APPS); writes that bypass the ORM's signals (the importer's SQL, bulk_create,
QuerySet.update, closing a year) call `bump_data_version()` themselves.
"""

import uuid
import zlib

from django.conf import settings
from django.db import connections, router
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import DataVersion


def bump_data_version(using=None):
    """A new data version, written in the caller's transaction (rolled back with it)."""
    using = using or router.db_for_write(DataVersion)
    token = uuid.uuid4().hex
    rows = DataVersion.objects.using(using).filter(pk=1)
    if not rows.update(version=F("version") + 1, token=token):  # the migration made the row
        DataVersion.objects.using(using).create(pk=1, token=token)
    return token


# pg_advisory_xact_lock key: the project-list importer holds it for its whole transaction
IMPORT_LOCK_KEY = zlib.crc32(b"funding.importing")


def lock_data_version(using=None):
    """Take the data-version lock for the rest of the caller's transaction, before reading
    what it must read whole (closing a year's snapshot): wait for a project-list import in
    progress (its advisory lock, PostgreSQL) and write a new data version, whose row then
    stays locked until commit (on SQLite that write takes the database's write lock)."""
    using = using or router.db_for_write(DataVersion)
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
    return bump_data_version(using)


def data_version(using=None):
    """The current version's token ("" before the first bump): one query, in plain SQL because
    every cached page runs it (the ORM's query building costs four times the query here)."""
    using = using or router.db_for_read(DataVersion)
    connection, meta = connections[using], DataVersion._meta
    table, key = (connection.ops.quote_name(name) for name in (meta.db_table, meta.pk.column))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE {key} = 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def tracked(sender):
    """Do the pages read this model's rows? Historical records and DATA_VERSION_IGNORE do not."""
    meta = sender._meta
    if sender.__module__ == "__fake__":  # a migration's model: the table may not exist yet
        return False
    if meta.app_label not in settings.DATA_APPS or hasattr(sender, "instance_type"):
        return False
    return meta.label_lower not in settings.DATA_VERSION_IGNORE


def changed(sender, using=None, **kwargs):
    if tracked(sender):
        bump_data_version(using)


def related_changed(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_") and tracked(type(instance)):
        bump_data_version(using)


def connect():
    """Called once, from HistoryConfig.ready()."""
    post_save.connect(changed, dispatch_uid="history.data_version.save")
    post_delete.connect(changed, dispatch_uid="history.data_version.delete")
    m2m_changed.connect(related_changed, dispatch_uid="history.data_version.m2m")
