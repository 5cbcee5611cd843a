"""Security headers on every response, and no caching of what a signed-in user sees.

Content-Security-Policy: scripts, styles, fonts and fetches only from our own origin. The templates have no
inline <script>, inline event handlers or style attributes (behaviour lives in static/js, driven by data-*
attributes), so no nonce is needed; Bootstrap's CSS draws some icons from data: SVG images. htmx is told
not to inject its indicator <style> and not to eval (the `htmx-config` meta in base.html). WeasyPrint renders
the PDFs on the server and is not affected. A response that is not HTML (a PDF shown inline, a spreadsheet,
a static file) gets only `frame-ancestors 'none'`: Chromium's PDF viewer is an <embed> with inline styles in a
synthetic page that inherits the policy, so `object-src 'none'` or `style-src 'self'` would blank the slip
(crbug.com/271452), and nothing else in the policy protects a non-HTML body.

Permissions-Policy: the product uses no camera, microphone, location, payment or device APIs.

Cache-Control: a page for a signed-in user (personal data, pay slips) is `private, no-store`, so neither a
shared proxy nor the browser's back button keeps it after logout. Static files (served by WhiteNoise before
authentication runs) keep their long-lived caching.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_cache_control

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# For responses that are not HTML (see the module docstring).
CONTENT_SECURITY_POLICY_NON_HTML = "frame-ancestors 'none'"

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Placed right after SecurityMiddleware, so WhiteNoise's static responses get the policies too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Django's own DEBUG pages (technical 404/500) are inline-styled; a developer must be able to read them.
        if not (settings.DEBUG and response.status_code >= 400):
            html = response.get("Content-Type", "").startswith("text/html")
            policy = CONTENT_SECURITY_POLICY if html else CONTENT_SECURITY_POLICY_NON_HTML
            response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
