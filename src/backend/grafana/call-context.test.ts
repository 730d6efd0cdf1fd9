import { EventEmitter } from 'node:events';

import { createCallContext, DEADLINE_SKEW_MS, millisecondsUntil, type CancellableCall } from './call-context';

class FakeCall extends EventEmitter implements CancellableCall {
  cancelled = false;
  constructor(private readonly deadline: Date | number = Infinity) {
    super();
  }
  getDeadline() {
    return this.deadline;
  }
}

describe('createCallContext', () => {
  afterEach(() => jest.useRealTimers());

  it('aborts with an AbortError when the caller cancels', () => {
    const call = new FakeCall();
    const { ctx, done } = createCallContext(call);
    expect(ctx.signal.aborted).toBe(false);
    call.emit('cancelled');
    expect(ctx.signal.aborted).toBe(true);
    expect((ctx.signal.reason as Error).name).toBe('AbortError');
    done();
  });

  it('is aborted at once when the call was cancelled before the handler started', () => {
    const call = new FakeCall();
    call.cancelled = true;
    expect(createCallContext(call).ctx.signal.aborted).toBe(true);
  });

  it('aborts with a TimeoutError when the deadline passes', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const { ctx, done } = createCallContext(new FakeCall(new Date(1_000_250)));
    jest.advanceTimersByTime(249);
    expect(ctx.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect((ctx.signal.reason as Error).name).toBe('TimeoutError');
    done();
  });

  it('reads a cancellation at the deadline (how grpc-js reports it) as a TimeoutError', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const call = new FakeCall(1_000_100);
    const { ctx, done } = createCallContext(call);
    jest.setSystemTime(1_000_100);
    call.emit('cancelled');
    expect((ctx.signal.reason as Error).name).toBe('TimeoutError');
    done();
  });

  it("reads the caller's cancel just before our copy of its deadline as a TimeoutError", () => {
    // The caller's deadline fires first; our copy runs later by the time the request took to reach us.
    jest.useFakeTimers({ now: 1_000_000 });
    const call = new FakeCall(1_000_000 + 10_000);
    const { ctx, done } = createCallContext(call);
    jest.setSystemTime(1_000_000 + 10_000 - DEADLINE_SKEW_MS);
    call.emit('cancelled');
    expect((ctx.signal.reason as Error).name).toBe('TimeoutError');
    done();
  });

  it('still reads a cancel well before the deadline as the caller cancelling', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const call = new FakeCall(1_000_000 + 10_000);
    const { ctx, done } = createCallContext(call);
    jest.setSystemTime(1_000_000 + 10_000 - DEADLINE_SKEW_MS - 1);
    call.emit('cancelled');
    expect((ctx.signal.reason as Error).name).toBe('AbortError');
    done();
  });

  it('stops listening once the call is done', () => {
    jest.useFakeTimers({ now: 0 });
    const call = new FakeCall(5_000);
    const { ctx, done } = createCallContext(call);
    done();
    call.emit('cancelled');
    jest.advanceTimersByTime(10_000);
    expect(ctx.signal.aborted).toBe(false);
    expect(call.listenerCount('cancelled')).toBe(0);
  });
});

describe('millisecondsUntil', () => {
  it('reads Date and epoch-number deadlines and treats Infinity as no deadline', () => {
    expect(millisecondsUntil(new Date(1500), 1000)).toBe(500);
    expect(millisecondsUntil(1500, 1000)).toBe(500);
    expect(millisecondsUntil(500, 1000)).toBe(0);
    expect(millisecondsUntil(Infinity, 1000)).toBe(Infinity);
  });
});
