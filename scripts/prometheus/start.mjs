#!/usr/bin/env node
/**
 * Starts (or reuses) the Prometheus test fixture and prints where it is, as shell-friendly KEY=value lines:
 *
 *   node scripts/prometheus/start.mjs [--dir <dir>] [--fresh] [--hours 24]
 *   export $(node scripts/prometheus/start.mjs)    # sets PROM_URL, PROM_PID, PROM_FIXTURE_DIR, PROM_DATA_START/END/STEP
 *
 * --dir defaults to $PROM_FIXTURE_DIR or <tmp>/traceo-prometheus-fixture; --fresh rebuilds even if one is running.
 */
import { parseArgs } from 'node:util';

import { DEFAULT_FIXTURE_DIR, envLines, startPrometheusFixture } from './fixture.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: process.env.PROM_FIXTURE_DIR || DEFAULT_FIXTURE_DIR },
    fresh: { type: 'boolean', default: false },
    hours: { type: 'string', default: '24' },
  },
});

try {
  const fixture = await startPrometheusFixture({ dir: values.dir, fresh: values.fresh, hours: Number(values.hours) });
  process.stdout.write(envLines(fixture));
} catch (err) {
  process.stderr.write(`prometheus fixture: ${err.message}\n`);
  process.exit(1);
}
