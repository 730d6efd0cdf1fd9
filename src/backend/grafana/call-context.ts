/**
 * One AbortSignal per gRPC call. Grafana cancels the call when a dashboard request goes away and alert
 * evaluations carry a deadline (30 s by default); handlers pass the signal on to fetch() so the work
 * towards Prometheus stops when nobody waits for the answer any more.
 */
import type { Deadline } from '@grpc/grpc-js';

import type { CallContext } from './data';

/** The part of a grpc-js server call this module needs (every kind of server call has it). */
export interface CancellableCall {
  readonly cancelled: boolean;
  getDeadline(): Deadline;
  once(event: 'cancelled', listener: () => void): unknown;
  removeListener(event: 'cancelled', listener: () => void): unknown;
}

export interface ActiveCallContext {
  ctx: CallContext;
  /** Releases the deadline timer and listeners; call it when the call has been answered. */
  done(): void;
}

/** Named like the DOMException reasons fetch() and AbortSignal.timeout() use, so handlers can tell them apart. */
function abortReason(name: 'AbortError' | 'TimeoutError', message: string): Error {
  const reason = new Error(message);
  reason.name = name;
  return reason;
}

/** Milliseconds until the deadline, or Infinity when the caller set none. */
export function millisecondsUntil(deadline: Deadline, now = Date.now()): number {
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) ? Math.max(0, at - now) : Infinity;
}

export function createCallContext(call: CancellableCall): ActiveCallContext {
  const controller = new AbortController();
  const deadlineExceeded = () => controller.abort(abortReason('TimeoutError', 'the request deadline was exceeded'));
  // grpc-js enforces deadlines itself and reports them as a cancellation, so look at the clock to tell which.
  const onCancelled = () =>
    millisecondsUntil(call.getDeadline()) === 0
      ? deadlineExceeded()
      : controller.abort(abortReason('AbortError', 'the caller cancelled the request'));
  call.once('cancelled', onCancelled);

  let timer: NodeJS.Timeout | undefined;
  const remaining = millisecondsUntil(call.getDeadline());
  if (remaining !== Infinity) {
    timer = setTimeout(deadlineExceeded, remaining);
    // A pending deadline must never keep the process alive after the server stopped.
    timer.unref();
  }
  if (call.cancelled) {
    onCancelled();
  }

  return {
    ctx: { signal: controller.signal },
    done: () => {
      clearTimeout(timer);
      call.removeListener('cancelled', onCancelled);
    },
  };
}
