"""One tasks module per app, importing the services only inside the task bodies, and services that never
import the tasks module at load time. The import-linter contract "Tasks call services, services do not
import tasks" (pyproject.toml) holds the direction; this test holds the *when*: an import at module level
of tasks.py (or of a services module) would make loading one load the other, the start of a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["kinerja", "penggajian"]


def _module_level_imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) of every import run when the module loads: top-level statements and
    those nested in top-level if/try/with blocks, not those inside functions or classes."""
    found: list[tuple[int, str]] = []

    def visit(nodes) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.extend((node.lineno, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = "." * node.level + (node.module or "")
                found.extend(
                    (node.lineno, f"{base}.{alias.name}".replace("..", ".", 1)) for alias in node.names
                )
                found.append((node.lineno, base))
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for field in ("body", "orelse", "finalbody", "handlers"):
                    visit(getattr(node, field, []))
            elif isinstance(node, ast.ExceptHandler):
                visit(node.body)

    visit(ast.parse(path.read_text()).body)
    return found


def _names(path: Path, app: str, target: str) -> list[str]:
    """The module-level imports of `path` that reach `<app>.<target>` (absolute or relative)."""
    hits = []
    for line, name in _module_level_imports(path):
        parts = name.lstrip(".").split(".")
        if name.startswith(f"{app}.{target}") or (name.startswith(".") and target in parts):
            hits.append(f"{path.name}:{line} imports {name}")
    return hits


@pytest.mark.parametrize("app", APPS)
def test_the_tasks_module_imports_no_service_at_load_time(app):
    assert _names(ROOT / app / "tasks.py", app, "services") == []


@pytest.mark.parametrize("app", APPS)
def test_no_services_module_imports_the_tasks_at_load_time(app):
    modules = sorted((ROOT / app / "services").glob("*.py"))
    assert modules, f"{app}/services/ is a package split by sub-domain"
    assert [hit for path in modules for hit in _names(path, app, "tasks")] == []


@pytest.mark.parametrize("app", APPS)
def test_every_task_of_the_app_lives_in_its_tasks_module(app):
    """No @shared_task outside <app>/tasks.py (the worker and the reader find them in one place)."""
    elsewhere = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app).rglob("*.py")
        if path.name != "tasks.py" and "shared_task" in path.read_text()
    ]
    assert elsewhere == []


def test_the_check_tells_a_load_time_import_from_one_inside_a_function(tmp_path):
    """The checks above are not vacuous: a load-time import is reported, one inside a task body is not."""
    tasks = tmp_path / "tasks.py"
    tasks.write_text(
        "from celery import shared_task\n"
        "from . import services\n"
        "try:\n    from penggajian.services.run import run_execute\nexcept ImportError:\n    pass\n"
        "@shared_task\ndef t(pk):\n    from .services import run_execute\n    return run_execute(pk)\n"
    )
    assert _names(tasks, "penggajian", "services") == [
        "tasks.py:2 imports .services",
        "tasks.py:4 imports penggajian.services.run.run_execute",
        "tasks.py:4 imports penggajian.services.run",
    ]
