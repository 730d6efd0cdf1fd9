#!/usr/bin/env node
/**
 * Stops the PostgreSQL test fixture and deletes its directory.
 *
 *   node scripts/postgres/stop.mjs [--dir <dir>] [--keep]
 */
import { parseArgs } from 'node:util';

import { DEFAULT_FIXTURE_DIR, stopPostgresFixture } from './fixture.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: process.env.PG_FIXTURE_DIR || DEFAULT_FIXTURE_DIR },
    keep: { type: 'boolean', default: false },
  },
});

const { stopped } = await stopPostgresFixture({ dir: values.dir, keep: values.keep });
process.stderr.write(stopped ? 'postgres fixture: stopped\n' : 'postgres fixture: not running\n');
