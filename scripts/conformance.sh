#!/usr/bin/env bash
# Conformance: proves Grafana accepts the built backend by driving it with Grafana's own Go client libraries
# (tests/conformance). Builds and unit-tests the Go harness, starts a private Prometheus fixture, runs the
# suite against dist/datasource/gpx_traceo-ml-datasource_linux_<arch>, always stops Prometheus, and exits
# with the suite's status.
#
#   bash scripts/conformance.sh [extra suite flags, e.g. -log-level debug]
#   bash scripts/conformance.sh bench [extra bench flags, e.g. -runs 50]
# `bench` times QueryData through the plugin (raw, or `-query-type anomaly`) against the same expression sent to
# Prometheus directly. It is not a test: it skips the harness' own tests and the counts, writes
# artifacts/bench-raw.json (or its -out), fails only when something errs.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "conformance: unsupported machine $(uname -m)" >&2; exit 2 ;;
esac
executable="$root/dist/datasource/gpx_traceo-ml-datasource_linux_$arch"
harness="$root/tests/conformance/bin/conformance"
artifacts="$root/artifacts"
counts="${COUNTS_DIR:-$artifacts/counts}"
mkdir -p "$artifacts" "$counts"
mode=suite
if [ "${1:-}" = bench ]; then
  mode=bench
  shift
fi

if [ ! -x "$executable" ]; then
  echo "conformance: $executable is missing; build it first (npm run build:backend)" >&2
  [ $mode = suite ] && echo "0 1" >"$counts/conformance"
  exit 1
fi

if [ $mode = bench ]; then
  echo "conformance: building the Go harness"
  (cd tests/conformance && go build -o "$harness" .) || exit 1
else
  echo "conformance: building and unit-testing the Go harness"
  (
    cd tests/conformance &&
      go vet ./... &&
      go build -o "$harness" . &&
      go test -count=1 -v ./... >"$artifacts/conformance-go-test.log" 2>&1
  )
  harness_status=$?
  go_passed=$(grep -c '^--- PASS' "$artifacts/conformance-go-test.log" 2>/dev/null)
  go_failed=$(grep -c '^--- FAIL' "$artifacts/conformance-go-test.log" 2>/dev/null)
  echo "${go_passed:-0} ${go_failed:-0}" >"$counts/conformance-go"
  if [ $harness_status -ne 0 ]; then
    echo "conformance: the harness does not build or its own tests fail:" >&2
    grep -E '^(--- FAIL|FAIL|ok|#)|\.go:[0-9]+' "$artifacts/conformance-go-test.log" >&2
    [ "${go_failed:-0}" -eq 0 ] && echo "0 1" >"$counts/conformance-go"
    exit 1
  fi
  echo "conformance: harness tests ${go_passed:-0} passed"
fi

# A private fixture directory, unique per run: a fixed one would let a concurrent run (another checkout, a second
# terminal) replace this run's Prometheus with --fresh. This script always stops (and deletes) its own.
export PROM_FIXTURE_DIR="${CONFORMANCE_PROM_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/traceo-conformance-prometheus.XXXXXX")}"
stop_prometheus() { node scripts/prometheus/stop.mjs --dir "$PROM_FIXTURE_DIR" >/dev/null 2>&1 || true; }
trap stop_prometheus EXIT
trap 'exit 130' INT TERM

# FIXTURE_HOURS: history the fixture holds (default 24; the anomaly benchmark needs its training window too).
if ! fixture_env="$(node scripts/prometheus/start.mjs --dir "$PROM_FIXTURE_DIR" --fresh --hours "${FIXTURE_HOURS:-24}")"; then
  echo "conformance: the Prometheus fixture did not start" >&2
  [ $mode = suite ] && echo "0 1" >"$counts/conformance"
  exit 1
fi
# PROM_URL, PROM_DATA_END, ... for the suite's defaults.
while IFS= read -r line; do
  [ -n "$line" ] && export "${line?}"
done <<<"$fixture_env"
echo "conformance: Prometheus fixture at $PROM_URL"

if [ $mode = bench ]; then
  "$harness" bench -executable "$executable" -out "$artifacts/bench-raw.json" "$@"
  exit $?
fi

plugin_log="$artifacts/conformance-plugin.log"
"$harness" suite -executable "$executable" "$@" 2>"$plugin_log" | tee "$artifacts/conformance.txt"
status=${PIPESTATUS[0]}

# The suite's last line is "N passed, N failed"; test-all adds these up.
summary="$(tail -n 1 "$artifacts/conformance.txt")"
if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}" >"$counts/conformance"
else
  echo "0 1" >"$counts/conformance"
  [ $status -eq 0 ] && status=1
fi
[ $status -ne 0 ] && echo "conformance: failed; go-plugin and plugin log lines are in $plugin_log" >&2
exit $status
