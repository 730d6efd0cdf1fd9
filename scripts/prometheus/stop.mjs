#!/usr/bin/env node
/**
 * Stops the Prometheus test fixture and deletes its directory.
 *
 *   node scripts/prometheus/stop.mjs [--dir <dir>] [--keep]
 */
import { parseArgs } from 'node:util';

import { DEFAULT_FIXTURE_DIR, stopPrometheusFixture } from './fixture.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: process.env.PROM_FIXTURE_DIR || DEFAULT_FIXTURE_DIR },
    keep: { type: 'boolean', default: false },
  },
});

const { stopped, pid } = await stopPrometheusFixture({ dir: values.dir, keep: values.keep });
process.stderr.write(stopped ? `prometheus fixture: stopped pid ${pid}\n` : 'prometheus fixture: not running\n');
