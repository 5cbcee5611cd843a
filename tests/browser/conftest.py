"""Playwright (sync API) on Debian's Chromium against pytest-django's live_server.

- `browser` (session): one headless Chromium for the whole run; never `playwright install`.
- `page`: a fresh context (own cookies) whose base URL is the live server; `new_page()` makes more,
  one per person in a journey. Every page of a failed test is screenshotted into test-artifacts/.
- Every page is watched: a static file that fails to load, a JavaScript error, or a console message about
  the Content-Security-Policy or Permissions-Policy (a blocked inline script, style or handler) fails the
  test at teardown (the profile tabs need Bootstrap's JS, the list search needs htmx).
- `login(page, username, password)` signs in through the real form.

live_server needs a transactional database: the tests here are marked
`django_db(transaction=True)`, so the `org`/`users` fixtures (which ask for `db`) get one too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread, so Django would refuse the ORM calls made
# by fixtures and assertions there (SynchronousOnlyOperation). Nothing here is actually async.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "rahasia-uji-123"  # tests/factories.UserFactory's default


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """Factory of pages, each in its own browser context (a different person signing in)."""
    contexts = []
    problems: list[str] = []

    def watch(context):
        def on_response(response):
            if "/static/" in response.url and response.status >= 400:
                problems.append(f"{response.status} {response.url}")

        def on_failed(req):
            # ERR_ABORTED: the page navigated away while the file was still loading (a click
            # during load), not a broken asset; a missing file still shows as a 4xx response above.
            if "/static/" in req.url and "ERR_ABORTED" not in (req.failure or ""):
                problems.append(f"gagal dimuat: {req.url} {req.failure}")

        context.on("response", on_response)
        context.on("requestfailed", on_failed)

    def make():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        watch(context)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: problems.append(f"JavaScript: {exc}"))
        page.on("console", lambda msg: _watch_console(msg, problems))
        return page

    yield make

    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{name}-{i}-{j}.png"), full_page=True)
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("Aset statis atau JavaScript bermasalah:\n" + "\n".join(problems))


POLICY_MESSAGE = re.compile(
    r"Content Security Policy|Content-Security-Policy|Permissions-Policy", re.IGNORECASE
)


def _watch_console(message, problems: list[str]) -> None:
    if POLICY_MESSAGE.search(message.text):
        problems.append(f"Kebijakan keamanan ({message.type}): {message.text}")


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def login(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form; waits for the page the form submission leads to."""
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk").click()


@pytest.fixture
def aturan_jp(transactional_db):
    """The migration-seeded JP rules (pembinaan) come back after the previous transactional test's flush."""
    from django.apps import apps

    from pembinaan.reference import seed_all

    seed_all(lambda name: apps.get_model("pembinaan", name))
