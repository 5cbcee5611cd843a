"""`make run`: serve the app and run a Celery worker (with beat) side by side until Ctrl-C.

Each child runs in its own process group (session), so stopping ends the whole group: runserver's
autoreloader and the process actually serving, the worker and its pool and beat. On Ctrl-C, SIGTERM or a
closed terminal they get SIGTERM, then SIGKILL whatever is still in their groups after a grace period.
The embedded PostgreSQL (no DATABASE_URL) keeps running for the next command; `make stop` ends it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRACE_SECONDS = 10
READY_TIMEOUT_SECONDS = 120


class Stop(Exception):
    """Raised by the signal handler: leave the wait loop and stop the children."""


def _on_signal(signum, frame):
    raise Stop


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    # start_new_session: the child leads its own process group; the terminal's Ctrl-C reaches only us.
    return subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signum)


def _stop(*, web: subprocess.Popen | None, worker: subprocess.Popen | None) -> None:
    """SIGTERM, wait, then SIGKILL every group member still there.

    runserver's whole group gets SIGTERM (the autoreloader and its child that serves); Celery's main process
    alone gets it (warm shutdown: it stops its own pool and beat, which would log a SIGTERM as an error).
    """
    if web is not None:
        _signal_group(web.pid, signal.SIGTERM)
    if worker is not None and worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
    procs = [proc for proc in (web, worker) if proc is not None]
    deadline = time.monotonic() + GRACE_SECONDS
    while time.monotonic() < deadline and any(_group_alive(p.pid) for p in procs):
        for proc in procs:
            proc.poll()  # reap the group leader so the group can empty
        time.sleep(0.2)
    for proc in procs:
        if _group_alive(proc.pid):
            _signal_group(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    if _port_answers(args.port):
        print(
            f"Port {args.port} sudah dipakai proses lain; pilih port lain: PORT=8080 make run",
            file=sys.stderr,
        )
        return 1
    # QR codes and links printed on documents point at the port actually served (unless set explicitly).
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "asn_portal.settings.local",
        "PORT": str(args.port),
    }
    env.setdefault("ASN_BASE_URL", f"http://127.0.0.1:{args.port}")
    python = sys.executable
    (ROOT / "var").mkdir(exist_ok=True)  # beat's schedule file lives there (also with DATABASE_URL set)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _on_signal)
    web: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    try:
        worker = _start(
            [
                python,
                "-m",
                "celery",
                "-A",
                "asn_portal",
                "worker",
                "-B",
                "-l",
                "warning",
                "--concurrency",
                "2",
                "-s",
                str(ROOT / "var" / "celerybeat-schedule"),
            ],
            env,
        )
        web = _start([python, "manage.py", "runserver", f"127.0.0.1:{args.port}"], env)
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while not _port_answers(args.port):
            if web.poll() is not None or time.monotonic() > deadline:
                print("Server web gagal dijalankan; lihat pesan di atas.", file=sys.stderr)
                return 1
            time.sleep(0.3)
        print(f"\nASN Portal berjalan di http://127.0.0.1:{args.port}/ (Ctrl-C untuk berhenti)\n", flush=True)
        while web.poll() is None and worker.poll() is None:
            time.sleep(0.5)
        print("Server web atau worker berhenti sendiri; yang lain ikut dihentikan.", file=sys.stderr)
        return 1
    except Stop:
        print("\nMenghentikan server web dan worker …", flush=True)
        return 0
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        _stop(web=web, worker=worker)


if __name__ == "__main__":
    sys.exit(main())
