FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=asn_portal.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir uv && uv pip install --system --no-cache -r requirements.lock
COPY . .
RUN uv pip install --system --no-deps -e . \
    && DJANGO_SECRET_KEY=build DATABASE_URL=postgres://x@localhost/x REDIS_URL=redis://localhost python manage.py collectstatic --noinput
RUN useradd --create-home asn && mkdir -p /srv/asn-portal/media && chown asn /srv/asn-portal/media
USER asn
EXPOSE 8000
CMD ["gunicorn", "asn_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "120"]
