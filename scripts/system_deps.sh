#!/usr/bin/env bash
# System packages the test suite needs: Debian's Chromium (Playwright drives it), poppler-utils
# (pdftoppm turns PDFs into PNG), Pango + libharfbuzz-subset0 and a font for WeasyPrint.
# Installs what is missing when it can (root or passwordless sudo with apt-get); otherwise says what to install.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Paket sistem belum terpasang: ${need[*]} (pasang dengan manajer paket Anda)." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "Paket sistem belum terpasang: ${need[*]}. Jalankan: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
echo "== apt-get install ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
