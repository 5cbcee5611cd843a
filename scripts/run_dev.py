"""`make run`: serve the app and run a Celery worker (with beat) side by side until Ctrl-C."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    args = parser.parse_args()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "asn_portal.settings.local"}
    python = sys.executable
    worker = subprocess.Popen(
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
        cwd=ROOT,
        env=env,
    )
    web = subprocess.Popen([python, "manage.py", "runserver", f"127.0.0.1:{args.port}"], cwd=ROOT, env=env)
    print(f"\nASN Portal berjalan di http://127.0.0.1:{args.port}/ (Ctrl-C untuk berhenti)\n", flush=True)
    try:
        while web.poll() is None and worker.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for proc in (web, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in (web, worker):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
