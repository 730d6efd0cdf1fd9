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

/** How much later than the caller's our copy of a deadline may expire (request transfer and queueing). */
export const DEADLINE_SKEW_MS = 1000;

/** Milliseconds until the deadline, or Infinity when the caller set none. */
export function millisecondsUntil(deadline: Deadline, now = Date.now()): number {
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) ? Math.max(0, at - now) : Infinity;
}

export function createCallContext(call: CancellableCall): ActiveCallContext {
  const controller = new AbortController();
  const deadlineExceeded = () => controller.abort(abortReason('TimeoutError', 'the request deadline was exceeded'));
  // grpc-js reports an expired deadline as a cancellation, so look at the clock to tell which. The caller's own
  // deadline fires first and its cancel reaches us while our copy (its relative grpc-timeout counted from when the
  // request arrived) still has the transfer delay to run, so a cancel that close to the deadline is the deadline.
  const onCancelled = () =>
    millisecondsUntil(call.getDeadline()) <= DEADLINE_SKEW_MS
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
