import type { LogFields, Logger, LogLevel } from './logger';
import type { Endpoint } from './metrics';
import {
  compose,
  loggingMiddleware,
  metricsMiddleware,
  recoveryMiddleware,
  type Call,
  type Middleware,
} from './middleware';

interface Entry {
  level: LogLevel;
  message: string;
  fields: LogFields;
}

function recordingLogger(entries: Entry[]): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) =>
      entries.push({ level, message, fields });
  const logger: Logger = {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    with: () => logger,
    enabled: () => true,
  };
  return logger;
}

function call(overrides: Partial<Call<number>> = {}): Call<number> {
  return {
    endpoint: 'callResource',
    pluginContext: { orgId: 1, pluginId: 'p', grafanaConfig: {}, pluginVersion: '', userAgent: '' },
    ctx: { signal: new AbortController().signal },
    fields: { path: 'incidents' },
    outcome: (status) => ({ status: String(status), ok: status < 400 }),
    ...overrides,
  };
}

describe('compose', () => {
  it('runs middlewares outermost first around the handler', async () => {
    const order: string[] = [];
    const tag =
      (name: string): Middleware =>
      async (_call, next) => {
        order.push(`${name}>`);
        const response = await next();
        order.push(`<${name}`);
        return response;
      };
    const result = await compose([tag('a'), tag('b')])(call(), async () => {
      order.push('handler');
      return 200;
    });
    expect(result).toBe(200);
    expect(order).toEqual(['a>', 'b>', 'handler', '<b', '<a']);
  });
});

describe('loggingMiddleware', () => {
  it('logs a completed request at debug with endpoint, request fields, status and duration', async () => {
    const entries: Entry[] = [];
    await compose([loggingMiddleware(recordingLogger(entries))])(call(), async () => 200);
    expect(entries).toHaveLength(1);
    expect(entries[0].level).toBe('debug');
    expect(entries[0].fields).toMatchObject({ endpoint: 'callResource', path: 'incidents', status: '200', orgId: 1 });
    expect(entries[0].fields.duration).toMatch(/^\d+\.\dms$/);
  });

  it('logs failed outcomes and thrown errors at warn', async () => {
    const entries: Entry[] = [];
    const pipeline = compose([loggingMiddleware(recordingLogger(entries))]);
    await pipeline(call(), async () => 503);
    await expect(pipeline(call(), () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(entries.map((e) => [e.level, e.fields.status, e.fields.error])).toEqual([
      ['warn', '503', undefined],
      ['warn', 'error', 'db down'],
    ]);
  });
});

describe('metricsMiddleware', () => {
  it('observes every request with its status, including thrown and cancelled ones', async () => {
    const seen: Array<[Endpoint, string]> = [];
    const pipeline = compose([metricsMiddleware({ observe: (endpoint, status) => seen.push([endpoint, status]) })]);
    await pipeline(call(), async () => 201);
    await expect(pipeline(call(), () => Promise.reject(new Error('x')))).rejects.toThrow();
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(
      pipeline(call({ ctx: { signal: cancelled.signal } }), () => Promise.reject(new Error('aborted')))
    ).rejects.toThrow();
    expect(seen).toEqual([
      ['callResource', '201'],
      ['callResource', 'error'],
      ['callResource', 'cancelled'],
    ]);
  });
});

describe('recoveryMiddleware', () => {
  it("turns a thrown error into the endpoint's error response and logs it with its stack", async () => {
    const entries: Entry[] = [];
    const pipeline = compose([recoveryMiddleware(recordingLogger(entries))]);
    const result = await pipeline(call({ recover: () => 500 }), () => Promise.reject(new Error('bug')));
    expect(result).toBe(500);
    expect(entries[0]).toMatchObject({ level: 'error', fields: { error: 'bug', path: 'incidents' } });
    expect(String(entries[0].fields.stack)).toContain('Error: bug');
  });

  it('rethrows when the endpoint has no error response', async () => {
    const pipeline = compose([recoveryMiddleware(recordingLogger([]))]);
    await expect(pipeline(call(), () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
  });

  it('does not report a cancelled request as a bug', async () => {
    const entries: Entry[] = [];
    const aborted = new AbortController();
    aborted.abort();
    const pipeline = compose([recoveryMiddleware(recordingLogger(entries))]);
    await pipeline(call({ ctx: { signal: aborted.signal }, recover: () => 499 }), () =>
      Promise.reject(new Error('aborted'))
    );
    expect(entries).toHaveLength(0);
  });
});
