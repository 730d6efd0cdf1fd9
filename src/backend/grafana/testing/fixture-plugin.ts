/**
 * A tiny plugin for the end-to-end test of the runtime (serve.test.ts bundles and runs it like Grafana
 * would). Each query type and resource path exercises one behaviour of the runtime.
 */
import { BadRequestError, DownstreamError, jsonResource, log, QueryTypeMux, serve } from '../index';

const mux = new QueryTypeMux()
  .handle('series', async (query) => ({
    frames: [
      {
        name: 'up',
        meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
        fields: [
          { name: 'time', type: 'time', values: [query.timeRange.from, query.timeRange.to] },
          { name: 'value', type: 'number', values: [1, Number.NaN], labels: { job: 'node' } },
        ],
      },
    ],
  }))
  .handle('badRequest', async () => {
    throw new BadRequestError('expr is required');
  })
  .handle('downstream', async () => {
    throw new DownstreamError('prometheus answered 503', 503);
  })
  .handle('wait', (query, _req, { signal }) => {
    // Never answers by itself: only a cancellation or deadline ends it, and the test looks for this log line.
    return new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => {
        log.info('query aborted', { refId: query.refId, reason: (signal.reason as Error).name });
        reject(signal.reason);
      });
    });
  })
  .handle('noisy', async () => {
    console.log('console.log from a handler');
    process.stdout.write('raw stdout write\n');
    return { frames: [] };
  });

void serve(
  {
    queryData: mux.queryData,
    checkHealth: async (req) => ({
      status: 'OK',
      message: `healthy for org ${req.pluginContext.orgId}`,
      jsonDetails: { uid: req.pluginContext.dataSourceInstanceSettings?.uid },
    }),
    callResource: async (req) => {
      if (req.path === 'echo') {
        return { status: 201, headers: { 'X-Method': [req.method] }, body: req.body };
      }
      if (req.path === 'crash') {
        throw new Error('resource handler bug');
      }
      if (req.path === 'uncaught') {
        setImmediate(() => {
          throw new Error('escaped the handler');
        });
        return jsonResource(202, { scheduled: true });
      }
      return jsonResource(404, { message: `no route for ${req.path}` });
    },
  },
  { onShutdown: () => log.info('shutdown hook ran') }
);
