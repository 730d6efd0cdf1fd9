/**
 * plugin.GRPCController/Shutdown: Grafana's orderly stop. go-plugin ignores the answer and SIGKILLs the
 * process 2 s later, so reply at once and leave the actual stopping to `onShutdownRequested`.
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';

import type { PbEmpty } from '../proto/messages';
import { unary } from './grpc-call';

export function controllerService(onShutdownRequested: () => void): UntypedServiceImplementation {
  return {
    Shutdown: unary<PbEmpty, PbEmpty>(async () => {
      // After the reply has been handed to grpc-js, not before: the caller should see success.
      setImmediate(onShutdownRequested);
      return {};
    }),
  };
}
