import type { CallContext, DataQuery, QueryDataRequest } from './data';
import { BadRequestError, DownstreamError } from './errors';
import type { Frame } from './frame';
import { QueryTypeMux } from './query-type-mux';

function query(refId: string, overrides: Partial<DataQuery> = {}): DataQuery {
  return {
    refId,
    queryType: '',
    maxDataPoints: 1000,
    intervalMs: 60_000,
    timeRange: { from: 0, to: 3_600_000 },
    json: { refId },
    ...overrides,
  };
}

function request(queries: DataQuery[], grafanaConfig: Record<string, string> = {}): QueryDataRequest {
  return {
    pluginContext: { orgId: 1, pluginId: 'p', grafanaConfig, pluginVersion: '', userAgent: '' },
    headers: {},
    queries,
  };
}

const ctx = (): CallContext => ({ signal: new AbortController().signal });

function frameNamed(name: string): Frame {
  return { name, fields: [{ name: 'value', type: 'number', values: [1] }] };
}

describe('QueryTypeMux', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it('routes each query to the handler of its type and sets refId on the frames', async () => {
    const mux = new QueryTypeMux()
      .handle('anomaly', async (q) => ({ frames: [frameNamed(`anomaly-${q.refId}`)] }))
      .handle('raw', async (q) => ({ frames: [frameNamed(`raw-${q.refId}`)] }));
    const res = await mux.queryData(
      request([query('A', { queryType: 'anomaly' }), query('B', { queryType: 'raw' })]),
      ctx()
    );
    expect(res.get('A')!.frames.map((f) => [f.name, f.refId])).toEqual([['anomaly-A', 'A']]);
    expect(res.get('B')!.frames.map((f) => [f.name, f.refId])).toEqual([['raw-B', 'B']]);
  });

  it('keeps a refId a handler set itself', async () => {
    const mux = new QueryTypeMux().handle('raw', async () => ({ frames: [{ ...frameNamed('x'), refId: 'own' }] }));
    const res = await mux.queryData(request([query('A')]), ctx());
    expect(res.get('A')!.frames[0].refId).toBe('own');
  });

  it('falls back to the queryType in the JSON model, then to the default type', async () => {
    const seen: string[] = [];
    const record = (type: string) => async (q: DataQuery) => {
      seen.push(`${q.refId}:${type}`);
      return { frames: [] };
    };
    const mux = new QueryTypeMux({ defaultQueryType: 'raw' })
      .handle('raw', record('raw'))
      .handle('forecast', record('forecast'));
    await mux.queryData(request([query('A', { json: { queryType: 'forecast' } }), query('B', { json: {} })]), ctx());
    expect(seen.sort()).toEqual(['A:forecast', 'B:raw']);
    expect(mux.queryTypeOf(query('C', { queryType: 'forecast', json: { queryType: 'raw' } }))).toBe('forecast');
  });

  it('isolates failures: each refId gets its own status and error source', async () => {
    const mux = new QueryTypeMux()
      .handle('ok', async () => ({ frames: [frameNamed('fine')] }))
      .handle('bad', async () => {
        throw new BadRequestError('expr is required');
      })
      .handle('prom', async () => {
        throw new DownstreamError('prometheus answered 503', 503);
      })
      .handle('bug', async () => {
        throw new TypeError('cannot read properties of undefined');
      });
    const res = await mux.queryData(
      request([
        query('A', { queryType: 'ok' }),
        query('B', { queryType: 'bad' }),
        query('C', { queryType: 'prom' }),
        query('D', { queryType: 'bug' }),
      ]),
      ctx()
    );
    expect(res.get('A')).toEqual({ frames: [expect.objectContaining({ name: 'fine' })] });
    expect(res.get('B')).toEqual({ frames: [], error: 'expr is required', status: 400, errorSource: 'plugin' });
    expect(res.get('C')).toEqual({
      frames: [],
      error: 'prometheus answered 503',
      status: 503,
      errorSource: 'downstream',
    });
    expect(res.get('D')).toMatchObject({
      status: 500,
      errorSource: 'plugin',
      error: 'cannot read properties of undefined',
    });
    // Only the unexpected error is logged as a bug, with its stack.
    const logged = stderr.mock.calls.map((call) => JSON.parse(String(call[0])));
    expect(logged).toEqual([expect.objectContaining({ '@level': 'error', refId: 'D', queryType: 'bug' })]);
    expect(logged[0].stack).toContain('TypeError');
  });

  it('answers 400 naming the valid types for an unknown query type', async () => {
    const mux = new QueryTypeMux()
      .handle('raw', async () => ({ frames: [] }))
      .handle('anomaly', async () => ({ frames: [] }));
    const res = await mux.queryData(request([query('A', { queryType: 'magic' })]), ctx());
    expect(res.get('A')).toMatchObject({ status: 400, errorSource: 'plugin' });
    expect(res.get('A')!.error).toBe('unknown query type "magic"; valid query types are: anomaly, raw');
  });

  it('answers 400 for a query whose JSON could not be parsed, without calling a handler', async () => {
    const handler = jest.fn(async () => ({ frames: [] }));
    const mux = new QueryTypeMux().handle('raw', handler);
    const res = await mux.queryData(
      request([query('A', { json: undefined, jsonError: 'Unexpected token } in JSON' }), query('B')]),
      ctx()
    );
    expect(res.get('A')).toMatchObject({ status: 400, error: 'invalid query JSON: Unexpected token } in JSON' });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(res.get('B')).toEqual({ frames: [] });
  });

  it('reports a query that failed because the request was cancelled as downstream, without logging a bug', async () => {
    const controller = new AbortController();
    const mux = new QueryTypeMux().handle('raw', async (_q, _r, { signal }) => {
      controller.abort(Object.assign(new Error('the caller cancelled the request'), { name: 'AbortError' }));
      signal.throwIfAborted();
      return { frames: [] };
    });
    const res = await mux.queryData(request([query('A')]), { signal: controller.signal });
    expect(res.get('A')).toMatchObject({ status: 504, errorSource: 'downstream' });
    expect(res.get('A')!.error).toBe('query cancelled: the caller cancelled the request');
    expect(stderr).not.toHaveBeenCalled();
  });

  it('runs queries concurrently, at most GF_CONCURRENT_QUERY_COUNT at a time', async () => {
    let running = 0;
    let peak = 0;
    const mux = new QueryTypeMux().handle('raw', async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { frames: [] };
    });
    const queries = Array.from({ length: 8 }, (_, i) => query(`Q${i}`));
    const res = await mux.queryData(request(queries, { GF_CONCURRENT_QUERY_COUNT: '3' }), ctx());
    expect(peak).toBe(3);
    expect([...res.keys()]).toEqual(queries.map((q) => q.refId));
  });

  it('refuses to register two handlers for one query type', () => {
    const mux = new QueryTypeMux().handle('raw', async () => ({ frames: [] }));
    expect(() => mux.handle('raw', async () => ({ frames: [] }))).toThrow(/already registered/);
  });
});
