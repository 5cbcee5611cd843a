"""Database housekeeping shared by bulk writers."""

from __future__ import annotations

from django.db import connection


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
