/**
 * Runs a bundled plugin executable the way Grafana's go-plugin client does (env cookie, handshake line on
 * stdout, logs on stderr) and records everything it prints, for end-to-end tests of the runtime.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface PluginExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The environment go-plugin adds for Grafana (grafana-protocol.md §1.2). */
export const GRAFANA_PLUGIN_ENV = {
  grafana_plugin_type: 'datasource',
  PLUGIN_PROTOCOL_VERSIONS: '2',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
};

export class PluginProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<PluginExit>;
  private readonly child: ChildProcess;
  private waiters: Array<() => void> = [];

  constructor(nodePath: string, script: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(nodePath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.append('stdout', chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.append('stderr', chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The JSON log lines printed on stderr so far. */
  logEntries(): Array<Record<string, unknown>> {
    return this.stderr
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Resolves with the first stdout line, like go-plugin's client reading the handshake. */
  async handshake(timeoutMs = 10_000): Promise<string> {
    await this.waitFor(() => this.stdout.includes('\n'), timeoutMs, 'the handshake line');
    return this.stdout.slice(0, this.stdout.indexOf('\n'));
  }

  /** The first log line with this message (and these fields, when given), waiting for it if need be. */
  async waitForLog(
    message: string,
    timeoutMs = 5_000,
    fields: Record<string, unknown> = {}
  ): Promise<Record<string, unknown>> {
    const matches = (entry: Record<string, unknown>) =>
      entry['@message'] === message && Object.entries(fields).every(([key, value]) => entry[key] === value);
    const find = () => this.logEntries().find(matches);
    await this.waitFor(() => find() !== undefined, timeoutMs, `log line "${message}"`);
    return find()!;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  private append(stream: 'stdout' | 'stderr', chunk: string): void {
    this[stream] += chunk;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  private async waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (!this.alive) {
        throw new Error(`plugin exited while waiting for ${what}; stderr:\n${this.stderr}`);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`timed out waiting for ${what}; stderr:\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
