import { EventEmitter } from 'node:events';

import { status, type ServerErrorResponse, type ServerUnaryCall } from '@grpc/grpc-js';

import { unary } from './grpc-call';

/** A stand-in for grpc-js' server call: the real one needs a socket, and only these members are read. */
function fakeCall(deadline: number): ServerUnaryCall<string, string> {
  const call = Object.assign(new EventEmitter(), {
    request: 'req',
    cancelled: false,
    getDeadline: () => deadline,
  });
  return call as unknown as ServerUnaryCall<string, string>;
}

function answerOf(handler: ReturnType<typeof unary<string, string>>, call: ServerUnaryCall<string, string>) {
  return new Promise<{ err: ServerErrorResponse | null; value?: string }>((resolve) => {
    handler(call, (err, value) => resolve({ err: err as ServerErrorResponse | null, value: value ?? undefined }));
  });
}

describe('unary gRPC glue', () => {
  it('answers with the response while the call is live', async () => {
    const answer = await answerOf(
      unary(async (req: string) => `${req}!`),
      fakeCall(Infinity)
    );
    expect(answer).toEqual({ err: null, value: 'req!' });
  });

  it('answers DEADLINE_EXCEEDED, not the late response, when the deadline passed before the handler returned', async () => {
    const handler = unary(async (_req: string, ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      return 'per-query errors after the abort';
    });
    const answer = await answerOf(handler, fakeCall(Date.now() + 20));
    expect(answer.err?.code).toBe(status.DEADLINE_EXCEEDED);
    expect(answer.value).toBeUndefined();
  });

  it('answers CANCELLED when the caller cancelled before the handler returned', async () => {
    const call = fakeCall(Infinity);
    const handler = unary(async (_req: string, ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      return 'late';
    });
    const pending = answerOf(handler, call);
    call.emit('cancelled');
    expect((await pending).err?.code).toBe(status.CANCELLED);
  });
});
