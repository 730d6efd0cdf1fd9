/** pluginv2.Diagnostics: CheckHealth ("Save & test") and CollectMetrics (/api/plugins/<id>/metrics). */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';

import { checkHealthRequestFromProto, pluginContextFromProto } from '../convert-from-protobuf';
import { checkHealthResultToProto, collectMetricsResponseToProto } from '../convert-to-protobuf';
import type { CheckHealthHandler, CheckHealthResult, CollectMetricsHandler } from '../diagnostics';
import { exposition } from '../metrics';
import { errorMessage, type Pipeline } from '../middleware';
import type {
  PbCheckHealthRequest,
  PbCheckHealthResponse,
  PbCollectMetricsRequest,
  PbCollectMetricsResponse,
} from '../proto/messages';
import { unary } from './grpc-call';

/** Like the Go SDK: a plugin without a health handler is healthy as long as it answers. */
const healthyByDefault: CheckHealthHandler = async () => ({ status: 'OK', message: 'Plugin is running' });

export interface DiagnosticsHandlers {
  checkHealth?: CheckHealthHandler;
  collectMetrics?: CollectMetricsHandler;
}

export function diagnosticsService(handlers: DiagnosticsHandlers, pipeline: Pipeline): UntypedServiceImplementation {
  const checkHealth = handlers.checkHealth ?? healthyByDefault;
  const collectMetrics = handlers.collectMetrics ?? (() => exposition());
  return {
    CheckHealth: unary<PbCheckHealthRequest, PbCheckHealthResponse>(async (pb, ctx) => {
      const req = checkHealthRequestFromProto(pb);
      const result = await pipeline<CheckHealthResult>(
        {
          endpoint: 'checkHealth',
          pluginContext: req.pluginContext,
          ctx,
          fields: {},
          outcome: (r) => ({
            status: r.status,
            ok: r.status === 'OK',
            error: r.status === 'OK' ? undefined : r.message,
          }),
          // "Save & test" shows the message: a crash in the check is still an answer the user can act on.
          recover: (err) => ({ status: 'ERROR', message: `Health check failed: ${errorMessage(err)}` }),
        },
        () => checkHealth(req, ctx)
      );
      return checkHealthResultToProto(result);
    }),
    CollectMetrics: unary<PbCollectMetricsRequest, PbCollectMetricsResponse>(async (pb, ctx) => {
      const pluginContext = pluginContextFromProto(pb.pluginContext);
      const text = await pipeline<string>(
        { endpoint: 'collectMetrics', pluginContext, ctx, fields: {}, outcome: () => ({ status: 'ok', ok: true }) },
        () => collectMetrics(pluginContext)
      );
      return collectMetricsResponseToProto(text);
    }),
  };
}
