"""Facts about the request that several apps need."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    """The client's IP address: REMOTE_ADDR, or — behind `ASN_PROXY_HOPS` trusted reverse proxies — the
    address the outermost of them saw (X-Forwarded-For read from the right, so a client cannot forge it
    by sending its own header)."""
    hops = getattr(settings, "ASN_PROXY_HOPS", 0)
    if hops > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
