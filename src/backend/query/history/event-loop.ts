/**
 * Long computations give the event loop a turn between units of work, so the gRPC server keeps answering
 * (health checks, other queries, cancellations) while a query scores hundreds of series.
 */

/** Lets pending I/O run, then stops with the signal's reason if the request was cancelled meanwhile. */
export async function yieldToEventLoop(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}
