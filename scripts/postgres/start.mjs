#!/usr/bin/env node
/**
 * Starts (or reuses) the PostgreSQL test fixture and prints where it is, as shell-friendly KEY=value lines:
 *
 *   node scripts/postgres/start.mjs [--dir <dir>] [--fresh]
 *   export $(node scripts/postgres/start.mjs)    # sets PG_URL, PG_FIXTURE_DIR, PG_PID
 *
 * --dir defaults to $PG_FIXTURE_DIR or <tmp>/traceo-postgres-fixture; --fresh rebuilds even if one is running.
 */
import { parseArgs } from 'node:util';

import { DEFAULT_FIXTURE_DIR, envLines, startPostgresFixture } from './fixture.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: process.env.PG_FIXTURE_DIR || DEFAULT_FIXTURE_DIR },
    fresh: { type: 'boolean', default: false },
  },
});

try {
  const fixture = await startPostgresFixture({ dir: values.dir, fresh: values.fresh });
  process.stdout.write(envLines(fixture));
} catch (err) {
  process.stderr.write(`postgres fixture: ${err.message}\n`);
  process.exit(1);
}
