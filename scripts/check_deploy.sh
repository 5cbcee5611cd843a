#!/usr/bin/env bash
# Deploy smoke check (called by .ci/run): build the static files with the production settings, serve them
# with gunicorn on a loopback port and fetch the login page and one hashed stylesheet it references.
# Needs DATABASE_URL and REDIS_URL (the CI database); everything else production asks for is set here.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=asn_portal.settings.production
export DJANGO_SECRET_KEY="ci-$(head -c 64 /dev/urandom | base64 -w0 | tr -d '/+=')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export ASN_BASE_URL="${ASN_BASE_URL:-https://asn.example.go.id}"
: "${DATABASE_URL:?DATABASE_URL must be set}" "${REDIS_URL:?REDIS_URL must be set}"

static_root=$(mktemp -d)
log=$(mktemp)
gunicorn_pid=""
cleanup() {
  if [ -n "$gunicorn_pid" ] && kill -0 "$gunicorn_pid" 2>/dev/null; then
    kill -TERM "$gunicorn_pid" && wait "$gunicorn_pid" 2>/dev/null || true
  fi
  rm -rf "$static_root" "$log"
}
trap cleanup EXIT
export DJANGO_STATIC_ROOT="$static_root"

echo "-- collectstatic (CompressedManifestStaticFilesStorage)"
.venv/bin/python manage.py collectstatic --noinput -v0

port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "-- gunicorn on 127.0.0.1:$port"
.venv/bin/gunicorn asn_portal.wsgi:application --bind "127.0.0.1:$port" --workers 1 --timeout 60 >"$log" 2>&1 &
gunicorn_pid=$!

base="http://127.0.0.1:$port"
# The check talks to gunicorn directly, as the TLS proxy would: say the request came over HTTPS.
fetch() { curl --silent --show-error --max-time 20 -H "X-Forwarded-Proto: https" "$@"; }

for _ in $(seq 1 60); do
  if fetch -o /dev/null "$base/accounts/login/" 2>/dev/null; then break; fi
  if ! kill -0 "$gunicorn_pid" 2>/dev/null; then cat "$log"; echo "gunicorn stopped" >&2; exit 1; fi
  sleep 0.5
done

fail() { echo "FAIL: $*" >&2; echo "--- gunicorn log" >&2; cat "$log" >&2; exit 1; }

page=$(mktemp)
headers=$(mktemp)
status=$(fetch -o "$page" -D "$headers" -w '%{http_code}' "$base/accounts/login/") || fail "login page not reachable"
[ "$status" = 200 ] || fail "GET /accounts/login/ answered $status"
grep -qi '^content-security-policy:' "$headers" || fail "login page without Content-Security-Policy"
rm -f "$headers"
grep -q 'Nama pengguna' "$page" || fail "login page without its form"
css=$(grep -oE '/static/[^"]+\.[0-9a-f]{12}\.css' "$page" | head -1 || true)
rm -f "$page"
[ -n "$css" ] || fail "login page references no hashed stylesheet"
status=$(fetch -o /dev/null -w '%{http_code}' "$base$css") || fail "stylesheet not reachable"
[ "$status" = 200 ] || fail "GET $css answered $status"
echo "ok: /accounts/login/ 200, $css 200"
