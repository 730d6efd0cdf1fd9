/** grpc.health.v1.Health/Check: SERVING for the whole server (""), go-plugin's "plugin" and each service. */
import { status, type UntypedServiceImplementation } from '@grpc/grpc-js';

import type { PbHealthCheckRequest, PbHealthCheckResponse } from '../proto/messages';
import { GrpcStatusError, unary } from './grpc-call';

export function healthService(serviceNames: readonly string[]): UntypedServiceImplementation {
  const serving = new Set(['', 'plugin', ...serviceNames]);
  return {
    Check: unary<PbHealthCheckRequest, PbHealthCheckResponse>(async (req) => {
      if (!serving.has(req.service)) {
        // The health protocol's answer for a service the server does not know.
        throw new GrpcStatusError(status.NOT_FOUND, `unknown service "${req.service}"`);
      }
      return { status: 'SERVING' };
    }),
  };
}
