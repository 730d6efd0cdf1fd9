#!/usr/bin/env node
/**
 * Labeling-queue benchmark launcher: bundles tests/bench/active-queue.ts with esbuild and runs it on the Node runtime
 * we ship, forwarding the flags. Not a test: it prints ordering times for 100,000 items next to a numpy peer.
 *
 *   node tests/bench/active-queue.mjs [--items 100000] [--cols 32] [--runs 15] [--no-peers]
 */
import { runTypeScriptBench } from './run-typescript-bench.mjs';

await runTypeScriptBench('active-queue');
