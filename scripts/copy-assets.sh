#!/usr/bin/env bash
# Copy the pinned front-end packages (frontend/package-lock.json) into our own static files.
# The copies are committed, so `make run` needs no Node.js; run `make assets` after changing
# frontend/package.json. Nothing is ever loaded from a CDN (ADR 0005).
set -euo pipefail
cd "$(dirname "$0")/.."
(cd frontend && npm ci --no-audit --no-fund)
nm=frontend/node_modules
dest=brygga/static/vendor
mkdir -p "$dest/designsystemet" "$dest/htmx" "$dest/inter"
cp "$nm/@digdir/designsystemet-css/dist/src/index.css" "$dest/designsystemet/designsystemet.css"
cp "$nm/@digdir/designsystemet-css/dist/theme/designsystemet.css" "$dest/designsystemet/designsystemet-theme.css"
cp "$nm/htmx.org/dist/htmx.min.js" "$dest/htmx/htmx.min.js"
cp "$nm/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2" "$dest/inter/"
cp "$nm/@fontsource-variable/inter/files/inter-latin-ext-wght-normal.woff2" "$dest/inter/"
for pkg in @digdir/designsystemet-css htmx.org @fontsource-variable/inter; do
  node -e "const p=require('./$nm/$pkg/package.json');console.log(p.name+' '+p.version+' '+(p.license||''))"
done > "$dest/VERSIONS.txt"
echo "Copied front-end assets:"; cat "$dest/VERSIONS.txt"
