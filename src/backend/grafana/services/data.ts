/** pluginv2.Data: decode the request, run the handler through the middleware chain, encode frames. */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';

import { queryDataRequestFromProto } from '../convert-from-protobuf';
import { dataResponseToProto, queryDataResponseToProto } from '../convert-to-protobuf';
import type { CallContext, QueryDataHandler, QueryDataRequest } from '../data';
import { dataResponseFromError } from '../errors';
import type { Call, Outcome, Pipeline } from '../middleware';
import type { PbQueryDataRequest, PbQueryDataResponse } from '../proto/messages';
import { unary } from './grpc-call';

/** `ok` when every refId succeeded, `error` when none did, `partial` in between (Grafana answers 207). */
function outcome(response: PbQueryDataResponse): Outcome {
  const answers = Object.entries(response.responses);
  const failed = answers.filter(([, answer]) => answer.error !== '');
  if (failed.length === 0) {
    return { status: 'ok', ok: true };
  }
  return {
    status: failed.length === answers.length ? 'error' : 'partial',
    ok: false,
    error: failed.map(([refId, answer]) => `${refId}: ${answer.error}`).join('; '),
  };
}

function queryDataCall(req: QueryDataRequest, ctx: CallContext): Call<PbQueryDataResponse> {
  return {
    endpoint: 'queryData',
    pluginContext: req.pluginContext,
    ctx,
    fields: { refIds: req.queries.map((query) => query.refId) },
    outcome,
    // A handler that throws as a whole still answers every refId, so Grafana shows the reason per query.
    recover: (err) => {
      const answer = dataResponseFromError(err, ctx.signal);
      const responses = Object.fromEntries(req.queries.map((q) => [q.refId, dataResponseToProto(q.refId, answer)]));
      return { responses };
    },
  };
}

export function dataService(handler: QueryDataHandler, pipeline: Pipeline): UntypedServiceImplementation {
  return {
    QueryData: unary<PbQueryDataRequest, PbQueryDataResponse>(async (pb, ctx) => {
      const req = queryDataRequestFromProto(pb);
      // Encoding runs inside the chain so request durations include it and a bad frame is logged.
      return pipeline(queryDataCall(req, ctx), async () => queryDataResponseToProto(await handler(req, ctx)));
    }),
  };
}
