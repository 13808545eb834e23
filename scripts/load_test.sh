#!/usr/bin/env bash
# `make load`: a fresh demo installation on 127.0.0.1, then scripts/load_test.py against it.
# USERS, SECONDS and PORT may be set in the environment; the report goes to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${PORT:-8765}"
WORK="$(mktemp -d)"
export VAR_DIR="$WORK/var" DJANGO_SETTINGS_MODULE=brygga.conf.dev DEBUG=false
export INTEREST_SUBMISSIONS_PER_HOUR=1000000  # every virtual resident shares 127.0.0.1
unset DATABASE_URL
$PY manage.py migrate --no-input -v 0
$PY manage.py createcachetable
$PY manage.py seed_demo_data >/dev/null
$PY manage.py runserver "127.0.0.1:$PORT" --noreload --insecure >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break
  sleep 0.2
done
$PY scripts/load_test.py --base "http://127.0.0.1:$PORT" --users "${USERS:-50}" --seconds "${SECONDS_TO_RUN:-300}"
