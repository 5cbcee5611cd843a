"""One query-count helper for every app's tests: a page or a selector runs the same number of queries
for 3 and for 10 rows. On a failure it prints both lists of SQL side by side, so the N+1 is visible in
the test output instead of only two numbers."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def tangkap(fn: Callable[[], object]) -> list[str]:
    """Run `fn` and return the SQL of every query it made."""
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [q["sql"] for q in ctx.captured_queries]


def get_queries(client, url: str) -> list[str]:
    """GET `url` (must answer 200) and return its queries."""

    def fetch() -> None:
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"

    return tangkap(fetch)


def assert_same_queries(kecil: list[str], besar: list[str], label: str = "") -> None:
    """Fail, printing the SQL of both runs and their diff, when the counts differ."""
    if len(kecil) == len(besar):
        return
    diff = "\n".join(difflib.unified_diff(kecil, besar, "sedikit baris", "banyak baris", lineterm="", n=1))
    raise AssertionError(
        f"{label + ': ' if label else ''}{len(kecil)} queries with few rows, {len(besar)} with more rows.\n"
        f"--- few rows:\n"
        + "\n".join(kecil)
        + "\n--- more rows:\n"
        + "\n".join(besar)
        + "\n--- diff:\n"
        + diff
    )


def assert_same_queries_after(fn: Callable[[], object], grow: Callable[[], object], label: str = "") -> None:
    """Warm up `fn` (content types, sessions), count its queries, `grow` the data, count again."""
    fn()
    kecil = tangkap(fn)
    grow()
    assert_same_queries(kecil, tangkap(fn), label)
