/** pluginv2.Resource: one HTTP-like request in, one stream message (code, headers, body) out. */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';

import { callResourceRequestFromProto } from '../convert-from-protobuf';
import { callResourceResponseToProto } from '../convert-to-protobuf';
import { isPluginError } from '../errors';
import { errorMessage, type Pipeline } from '../middleware';
import type { PbCallResourceRequest, PbCallResourceResponse } from '../proto/messages';
import { jsonResource, type CallResourceHandler } from '../resource';
import { singleMessageStream } from './grpc-call';

/** The app pages read `message` from every error answer, whatever went wrong. */
function errorAnswer(err: unknown): PbCallResourceResponse {
  const status = isPluginError(err) ? err.status : 500;
  return callResourceResponseToProto(jsonResource(status, { message: errorMessage(err) }));
}

export function resourceService(handler: CallResourceHandler, pipeline: Pipeline): UntypedServiceImplementation {
  return {
    CallResource: singleMessageStream<PbCallResourceRequest, PbCallResourceResponse>(async (pb, ctx) => {
      const req = callResourceRequestFromProto(pb);
      return pipeline<PbCallResourceResponse>(
        {
          endpoint: 'callResource',
          pluginContext: req.pluginContext,
          ctx,
          fields: { method: req.method, path: req.path },
          // 4xx is the caller's mistake, answered as designed; only 5xx means the plugin failed.
          outcome: (r) => ({ status: String(r.code), ok: r.code < 500 }),
          recover: errorAnswer,
        },
        async () => callResourceResponseToProto(await handler(req, ctx))
      );
    }),
  };
}
