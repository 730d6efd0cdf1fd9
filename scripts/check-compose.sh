#!/usr/bin/env bash
# Validates docker-compose.yaml with Docker's own compose implementation (`docker compose config`; no engine
# needed) and checks what the stack must keep: both plugin ids allowed unsigned, the plugin and provisioning
# mounted, an Ubuntu-based Grafana image.
set -euo pipefail
cd "$(dirname "$0")/.."
compose=(.cache/bin/docker-compose)
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"${compose[@]}" -f docker-compose.yaml config --format json >"$out"
node - "$out" <<'JS'
const cfg = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const failures = [];
let passed = 0;
const expect = (ok, what) => {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  if (ok) passed++; else failures.push(what);
};
const grafana = cfg.services.grafana;
expect(!!grafana, 'grafana service exists');
expect(/-ubuntu$/.test(grafana.image), `grafana image is Ubuntu-based (${grafana.image})`);
const allow = (grafana.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS || '').split(',');
expect(allow.includes('traceo-ml-app') && allow.includes('traceo-ml-datasource'), 'both plugin ids allowed unsigned');
const targets = grafana.volumes.map((v) => v.target);
expect(targets.includes('/var/lib/grafana/plugins/traceo-ml-app'), 'dist mounted as the app plugin');
for (const dir of ['datasources', 'plugins', 'dashboards', 'alerting']) {
  expect(targets.includes(`/etc/grafana/provisioning/${dir}`), `provisioning/${dir} mounted`);
}
expect(!!cfg.services.prometheus && !!cfg.services['node-exporter'], 'prometheus and node-exporter services exist');
expect(grafana.depends_on && grafana.depends_on['plugin-build'], 'grafana waits for the plugin build');
const fs = require('fs');
fs.mkdirSync('artifacts/counts', { recursive: true });
fs.writeFileSync('artifacts/counts/compose', `${passed} ${failures.length}\n`);
process.exit(failures.length ? 1 : 0);
JS
