#!/usr/bin/env bash
# Browser tests: builds the labeling preview, starts the Prometheus fixture and the conformance host (the real
# plugin behind Grafana's HTTP API, serving the preview too), seeds incidents through the webhook route, runs
# Playwright with Debian's Chromium, always stops what it started and writes "<passed> <failed>" to
# artifacts/counts/e2e. Needs the built backend (npm run build) and chromium (scripts/install-system-deps.sh).
#
#   bash scripts/e2e.sh              (GRAFANA_URL=http://localhost:3000 also runs the @grafana/plugin-e2e specs)
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "e2e: unsupported machine $(uname -m)" >&2; exit 2 ;;
esac
executable="$root/dist/datasource/gpx_traceo-ml-datasource_linux_$arch"
harness="$root/tests/conformance/bin/conformance"
counts="${COUNTS_DIR:-$root/artifacts/counts}"
work="$(mktemp -d "${TMPDIR:-/tmp}/traceo-e2e.XXXXXX")"
mkdir -p "$counts" "$root/artifacts/e2e"
rm -f "$root"/artifacts/e2e/*.png
echo "0 1" >"$counts/e2e" # replaced by the real counts once Playwright has run

host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  [ -n "${PROM_PID:-}" ] && kill "$PROM_PID" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "e2e: $*" >&2; exit 1; }
[ -x "$executable" ] || fail "$executable is missing; build it first (npm run build)"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || fail "$chromium is missing; run scripts/install-system-deps.sh (Debian package chromium)"

echo "e2e: building the labeling preview and the Go host"
npx webpack -c tests/e2e/preview/webpack.config.ts || fail "the preview does not build"
(cd tests/conformance && go build -o "$harness" .) || fail "the conformance host does not build"

# A private fixture (fresh, its own directory) so other suites' instances are never stopped by this one.
prom_env="$(node scripts/prometheus/start.mjs --dir "$work/prometheus" --fresh --hours 6)" || fail "Prometheus fixture did not start"
export $prom_env

port="$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')"
token="e2e-$(date +%s)-$RANDOM"
"$harness" host -data-dir "$work/grafana-data" \
  -executable "$executable" -port "$port" \
  -provisioning provisioning/datasources/traceo-ml.yaml -prometheus-url "$PROM_URL" \
  -json-data "{\"sqlitePath\":\"$work/labels.sqlite\"}" -secure-json-data "{\"webhookToken\":\"$token\"}" \
  -static "$root/.cache/e2e-preview" -default-role Viewer >"$root/artifacts/e2e/host.log" 2>&1 &
host_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fs "$base/index.html" >/dev/null 2>&1 && break
  kill -0 "$host_pid" 2>/dev/null || fail "the conformance host exited; see artifacts/e2e/host.log"
  sleep 0.2
done

node tests/e2e/seed.mjs "$base" traceo-ml "$token" || fail "seeding incidents through the webhook failed"

echo "e2e: Playwright (Chromium at $chromium) against $base"
E2E_BASE_URL="$base" CHROMIUM_PATH="$chromium" npx playwright test
status=$?
node -e '
  const r = require("./artifacts/e2e/results.json");
  const s = r.stats;
  require("fs").writeFileSync(process.argv[1], `${s.expected} ${s.unexpected + s.flaky}\n`);
' "$counts/e2e" || echo "0 1" >"$counts/e2e"
if [ -z "${GRAFANA_URL:-}" ]; then
  echo "e2e: plugin-e2e specs against a real Grafana: not run (GRAFANA_URL unset)"
fi
echo "e2e: screenshots in artifacts/e2e/"
exit $status
