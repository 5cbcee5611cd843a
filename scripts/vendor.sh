#!/usr/bin/env bash
# Fetch pinned front-end libraries from the npm registry into static/vendor/ (committed).
# Each library keeps its LICENSE and a VERSION file. Re-run after changing a version below.
# Source maps are not vendored: the trailing `sourceMappingURL` comment of each copied file is removed,
# because the manifest static storage used in production (collectstatic) fails on a reference to a file
# that does not exist, and a map without the library's sources helps no one.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A PKGS=(
  [bootstrap]="5.3.9"
  [bootstrap-icons]="1.13.2"
  [htmx.org]="2.0.11"
  [chart.js]="4.6.1"
)
declare -A FILES=(
  [bootstrap]="dist/css/bootstrap.min.css dist/js/bootstrap.bundle.min.js"
  [bootstrap-icons]="font/bootstrap-icons.min.css font/fonts/bootstrap-icons.woff2 font/fonts/bootstrap-icons.woff"
  [htmx.org]="dist/htmx.min.js"
  [chart.js]="dist/chart.umd.min.js"
)
strip_source_map() {
  case "$1" in
    *.js | *.css) sed -i -E '/^[[:space:]]*(\/\/|\/\*)# sourceMappingURL=[^[:space:]]*([[:space:]]*\*\/)?[[:space:]]*$/d' "$1" ;;
  esac
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in "${!PKGS[@]}"; do
  version=${PKGS[$name]}
  dest="static/vendor/$name"
  rm -rf "$dest" && mkdir -p "$dest"
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
  tarball=$(ls "$tmp"/*.tgz)
  mkdir -p "$tmp/x" && tar -xzf "$tarball" -C "$tmp/x"
  for f in ${FILES[$name]}; do
    mkdir -p "$dest/$(dirname "$f")"
    cp "$tmp/x/package/$f" "$dest/$f"
    strip_source_map "$dest/$f"
  done
  cp "$tmp/x/package/LICENSE"* "$dest/" 2>/dev/null || true
  echo "$name $version (npm registry)" > "$dest/VERSION"
  rm -rf "$tmp/x" "$tarball"
done
echo "vendored into static/vendor/"
