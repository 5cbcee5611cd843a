"""Writing an import file in a test: a CSV with the importer's header, a cell per column (blank when the
row does not name it)."""

from __future__ import annotations

import csv


def tulis_csv(path, columns: list[str], rows: list[dict]):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in columns})
    return path
