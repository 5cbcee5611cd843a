"""Database housekeeping shared by bulk writers: statistics after a load, and PostgreSQL bulk loading
(ids reserved from the sequence, COPY from tuples, foreign keys checked once after the load)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, models


def analyze_after_bulk_write(*models, vacuum: bool = True) -> None:
    """Refresh planner statistics (and the visibility map) after a bulk load, outside any transaction.

    Autovacuum gets there eventually; until it does, a freshly loaded table has no statistics and no
    visibility map, so counts are sequential scans instead of index-only scans. Inside a transaction
    (tests wrap each test in one) VACUUM is impossible and only ANALYZE runs.
    """
    verb = "VACUUM (ANALYZE)" if vacuum and not connection.in_atomic_block else "ANALYZE"
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"{verb} {connection.ops.quote_name(model._meta.db_table)}")


def reserve_ids(model, n: int) -> list[int]:
    """n ids from the table's identity sequence, so rows written by COPY can be pointed at."""
    if not n:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, n],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model, fields: list[str], rows: Iterable[tuple]) -> int:
    """COPY tuples (in `fields` order, attnames) into the model's table; every NOT NULL column must be
    among them, as COPY knows no Django defaults. Returns the number of rows."""
    meta = model._meta
    missing = [
        f.attname
        for f in meta.concrete_fields
        if not f.null and not f.primary_key and f.attname not in fields
    ]
    if missing:
        raise ValueError(f"{meta.label}: kolom wajib tidak diisi: {', '.join(missing)}")
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    n = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


# Fields whose Python value COPY takes as it is: no pre_save of their own, nothing to convert (a
# DateTimeField goes through the field, which makes a naive value aware; files, JSON and the rest too).
_AS_IS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.DecimalField,
    models.ForeignKey,
)


def copy_instances(model, objs: Sequence[models.Model]) -> None:
    """Save new, unsaved instances of `model` as bulk_create does (each field's pre_save: auto_now, file
    names; its value for the database; no signals, no save()) but with COPY, and set their ids (reserved
    from the sequence first) so later rows can point at them. bulk_create spent most of its time
    building and quoting the parameters: 50,000 demo employees and their 300,000 family and history
    rows."""
    if not objs:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key and not getattr(f, "generated", False)]
    kolom = [(f, isinstance(f, _AS_IS)) for f in fields]
    for obj, pk in zip(objs, reserve_ids(model, len(objs)), strict=True):
        # as bulk_create does (a private Model method): refuse unsaved parents, take saved parents' ids
        obj._prepare_related_fields_for_save(operation_name="copy_instances")  # type: ignore[attr-defined]
        obj.pk = pk

    def rows() -> Iterator[tuple]:
        for obj in objs:
            yield (obj.pk, *(
                getattr(obj, f.attname) if langsung else f.get_db_prep_save(f.pre_save(obj, True), connection)
                for f, langsung in kolom
            ))  # fmt: skip
            obj._state.adding = False
            obj._state.db = connection.alias

    copy_rows(model, [meta.pk.attname, *(f.attname for f in fields)], rows())


@contextmanager
def foreign_keys_checked_after(*models) -> Iterator[None]:
    """Load with the foreign keys of these tables dropped, then add them back (PostgreSQL's advice for
    bulk loads, "Populating a Database"): adding a key checks every row in one set-based pass instead
    of one trigger per row, about 2 million at 50,000 employees (17 s). Inside the caller's
    transaction: DDL rolls back with it, and other sessions wait on the table locks meanwhile."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Fire pending deferred checks: ALTER TABLE refuses tables with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            """
            SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
             WHERE c.contype = 'f' AND t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace
             ORDER BY t.relname, c.conname
            """,
            [[m._meta.db_table for m in models]],
        )
        keys = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def indexes_built_after(*models) -> Iterator[None]:
    """Load with the tables' secondary indexes dropped, then build each again in one sorted pass
    (PostgreSQL's advice for bulk loads, "Populating a Database") instead of one insertion per row and
    index: the JP ledger's 400,000 demo rows went into ten indexes. Primary keys and unique indexes stay
    (ON CONFLICT and the uniqueness checks need them), and so do the queries that look rows up by them;
    other lookups in between scan the table. Worth it only when the load is large against what the
    table holds. Inside the caller's transaction, like foreign_keys_checked_after."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
              FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
             WHERE t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace
               AND NOT i.indisprimary AND NOT i.indisunique
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
             ORDER BY 1
            """,
            [[m._meta.db_table for m in models]],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")  # regclass text: quoted where needed
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
