/**
 * A minimal gRPC client over the runtime's own protocol definitions, standing in for Grafana in tests:
 * calls go through the same method definitions (paths, serialisers) the server registers.
 */
import {
  credentials,
  Client,
  Metadata,
  type CallOptions,
  type MethodDefinition,
  type ServiceError,
} from '@grpc/grpc-js';

import { SERVICE, serviceDefinition, type ServiceName } from '../proto/load';

export interface PendingCall<Res> {
  response: Promise<Res>;
  cancel(): void;
}

export class TestGrpcClient {
  private readonly client: Client;

  constructor(address: string) {
    this.client = new Client(address, credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
  }

  method(service: ServiceName, name: string): MethodDefinition<unknown, unknown> {
    const method = serviceDefinition(service)[name];
    if (!method) {
      throw new Error(`${service} has no method ${name}`);
    }
    return method;
  }

  start<Res>(service: ServiceName, name: string, request: unknown, options: CallOptions = {}): PendingCall<Res> {
    const method = this.method(service, name);
    let call: { cancel(): void } | undefined;
    const response = new Promise<Res>((resolve, reject) => {
      call = this.client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        new Metadata(),
        options,
        (err: ServiceError | null, value?: unknown) => (err ? reject(err) : resolve(value as Res))
      );
    });
    return { response, cancel: () => call?.cancel() };
  }

  unary<Res>(service: ServiceName, name: string, request: unknown, options: CallOptions = {}): Promise<Res> {
    return this.start<Res>(service, name, request, options).response;
  }

  /** Collects every message of a server stream (CallResource sends exactly one). */
  serverStream<Res>(service: ServiceName, name: string, request: unknown): Promise<Res[]> {
    const method = this.method(service, name);
    return new Promise((resolve, reject) => {
      const messages: Res[] = [];
      const stream = this.client.makeServerStreamRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request
      );
      stream.on('data', (message: Res) => messages.push(message));
      stream.on('error', reject);
      stream.on('end', () => resolve(messages));
    });
  }

  close(): void {
    this.client.close();
  }
}

export { SERVICE };
