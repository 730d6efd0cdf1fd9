/**
 * The glue between grpc-js calls and our async handlers: a per-call AbortSignal, and thrown errors turned
 * into gRPC statuses instead of crashes (grpc-js would otherwise only see a rejected promise).
 */
import {
  status,
  type handleServerStreamingCall,
  type handleUnaryCall,
  type ServerErrorResponse,
  type ServerWritableStream,
} from '@grpc/grpc-js';

import { createCallContext } from '../call-context';
import type { CallContext } from '../data';
import { errorMessage } from '../middleware';

/** An error that already says which gRPC status it is (NOT_FOUND for an unknown health service, …). */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: status,
    message: string
  ) {
    super(message);
    this.name = 'GrpcStatusError';
  }
}

/** The error's own status if it has one; CANCELLED / DEADLINE_EXCEEDED when the caller gave up; else INTERNAL. */
export function toServiceError(err: unknown, ctx: CallContext): ServerErrorResponse {
  if (err instanceof GrpcStatusError) {
    return Object.assign(new Error(err.message), { code: err.code, details: err.message });
  }
  const reason = ctx.signal.aborted ? (ctx.signal.reason as Error | undefined) : undefined;
  const code = !reason ? status.INTERNAL : reason.name === 'TimeoutError' ? status.DEADLINE_EXCEEDED : status.CANCELLED;
  return Object.assign(new Error(errorMessage(err)), { code, details: errorMessage(err) });
}

/**
 * Once the call was cancelled or its deadline passed, the caller has its status already: an answer that
 * turns up afterwards (a handler that caught the abort and returned per-query errors) must not race that
 * status to the wire and arrive as a success.
 */
function abortedStatus(ctx: CallContext): ServerErrorResponse | undefined {
  return ctx.signal.aborted ? toServiceError(ctx.signal.reason, ctx) : undefined;
}

export function unary<Req, Res>(run: (request: Req, ctx: CallContext) => Promise<Res>): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const { ctx, done } = createCallContext(call);
    run(call.request, ctx)
      .then(
        (response) => {
          const aborted = abortedStatus(ctx);
          return aborted ? callback(aborted) : callback(null, response);
        },
        (err: unknown) => callback(toServiceError(err, ctx))
      )
      .finally(done);
  };
}

/** A server-streaming RPC that answers with exactly one message (all CallResource needs). */
export function singleMessageStream<Req, Res>(
  run: (request: Req, ctx: CallContext) => Promise<Res>
): handleServerStreamingCall<Req, Res> {
  return (call: ServerWritableStream<Req, Res>) => {
    const { ctx, done } = createCallContext(call);
    run(call.request, ctx)
      .then(
        (response) => {
          const aborted = abortedStatus(ctx);
          if (aborted) {
            call.emit('error', aborted);
            return;
          }
          call.write(response);
          call.end();
        },
        (err: unknown) => call.emit('error', toServiceError(err, ctx))
      )
      .finally(done);
  };
}
