#!/usr/bin/env bash
# Integration tests against a real Prometheus (Debian package) that this script starts, backfilled with
# promtool from generated OpenMetrics, and always stops. Run after `npm run build` (one test drives the
# built executable). Uses the Node runtime we ship.
set -uo pipefail
cd "$(dirname "$0")/.."
NODE="$(node scripts/node-runtime.mjs x64)" || exit 1
mkdir -p artifacts/counts
export PROM_FIXTURE_DIR="${PROM_FIXTURE_DIR:-$(mktemp -d /tmp/traceo-it-prom.XXXXXX)}"
export PG_FIXTURE_DIR="${PG_FIXTURE_DIR:-$(mktemp -d /tmp/traceo-it-pg.XXXXXX)}"
trap '"$NODE" scripts/prometheus/stop.mjs --dir "$PROM_FIXTURE_DIR" >/dev/null 2>&1 || true
  "$NODE" scripts/postgres/stop.mjs --dir "$PG_FIXTURE_DIR" >/dev/null 2>&1 || true' EXIT
env_lines="$("$NODE" scripts/prometheus/start.mjs --dir "$PROM_FIXTURE_DIR" --fresh)" || {
  echo "integration: could not start the Prometheus fixture" >&2
  echo "0 1" >artifacts/counts/integration
  exit 1
}
export $env_lines
echo "integration: Prometheus at $PROM_URL"
# PostgreSQL (Debian package) for the store tests: they must run against a real server, so no server, no run.
pg_lines="$("$NODE" scripts/postgres/start.mjs --dir "$PG_FIXTURE_DIR" --fresh)" || {
  echo "integration: could not start the PostgreSQL fixture (bash scripts/install-system-deps.sh installs it)" >&2
  echo "0 1" >artifacts/counts/integration
  exit 1
}
export $pg_lines
echo "integration: PostgreSQL at ${PG_URL#*@}"
"$NODE" --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=artifacts/integration.tap \
  'tests/integration/*.test.mjs'
status=$?
pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' artifacts/integration.tap | tail -1)
fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' artifacts/integration.tap | tail -1)
echo "${pass:-0} ${fail:-1}" >artifacts/counts/integration
exit $status
