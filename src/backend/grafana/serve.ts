/**
 * `serve(handlers)`: the whole plugin protocol runtime behind one call, like the Go SDK's backend.Serve.
 * It performs the go-plugin handshake on stdout and serves the gRPC services Grafana calls; handlers only
 * ever see the domain types of data.ts, diagnostics.ts and resource.ts.
 */
import { writeSync } from 'node:fs';
import { format } from 'node:util';

import { Server, ServerCredentials, setLogger, type UntypedServiceImplementation } from '@grpc/grpc-js';

import type { QueryDataHandler } from './data';
import type { CheckHealthHandler, CollectMetricsHandler } from './diagnostics';
import { checkHandshakeEnv, handshakeLine } from './handshake';
import { log } from './logger';
import { defaultRequestMetrics } from './metrics';
import { compose, loggingMiddleware, metricsMiddleware, recoveryMiddleware } from './middleware';
import { installProcessHooks } from './process-hooks';
import { SERVICE, serviceDefinition, type ServiceName } from './proto/load';
import type { CallResourceHandler } from './resource';
import { controllerService } from './services/controller';
import { dataService } from './services/data';
import { diagnosticsService } from './services/diagnostics';
import { healthService } from './services/health';
import { resourceService } from './services/resource';
import { guardStdout } from './stdio';

export interface PluginHandlers {
  queryData?: QueryDataHandler;
  checkHealth?: CheckHealthHandler;
  callResource?: CallResourceHandler;
  collectMetrics?: CollectMetricsHandler;
}

export interface ServeOptions {
  /** Runs once when Grafana stops the plugin (or on SIGTERM); bounded, because Grafana SIGKILLs after 2 s. */
  onShutdown?: () => Promise<void> | void;
  /** Largest request accepted; bigger ones fail with RESOURCE_EXHAUSTED. Default 16 MiB, like Go plugins. */
  maxReceiveMessageBytes?: number;
}

export interface RunningPlugin {
  port: number;
  /** Stops serving and runs onShutdown; does not exit the process. */
  stop(): Promise<void>;
}

/** Loopback only: the plugin must never be reachable from the network. */
const HOST = '127.0.0.1';
const DEFAULT_MAX_RECEIVE_BYTES = 16 * 1024 * 1024;
/** In-flight calls get this long to finish before they are cancelled. */
const DRAIN_MS = 100;
/** onShutdown gets this long, so that the process is gone well before Grafana's 2 s SIGKILL. */
const SHUTDOWN_HOOK_MS = 1000;

function withTimeout(work: Promise<void>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function stopServer(server: Server): Promise<void> {
  const graceful = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  return withTimeout(graceful, DRAIN_MS, () => server.forceShutdown());
}

async function runShutdownHook(hook: ServeOptions['onShutdown']): Promise<void> {
  if (!hook) {
    return;
  }
  const run = Promise.resolve()
    .then(hook)
    .catch((err: unknown) => log.error('onShutdown failed', { error: err }));
  await withTimeout(run, SHUTDOWN_HOOK_MS, () =>
    log.warn('onShutdown did not finish in time', { ms: SHUTDOWN_HOOK_MS })
  );
}

function bind(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(`${HOST}:0`, ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port)
    )
  );
}

/** grpc-js logs through console.error by default; give it our logger instead. */
function routeGrpcLogs(): void {
  const grpcLog = log.with({ logger: 'grpc-js' });
  setLogger({
    error: (...args: unknown[]) => grpcLog.error(format(...args)),
    info: (...args: unknown[]) => grpcLog.info(format(...args)),
    debug: (...args: unknown[]) => grpcLog.debug(format(...args)),
  });
}

function buildServices(handlers: PluginHandlers, onShutdownRequested: () => void) {
  const pipeline = compose([
    loggingMiddleware(log),
    metricsMiddleware(defaultRequestMetrics()),
    recoveryMiddleware(log),
  ]);
  const services = new Map<ServiceName, UntypedServiceImplementation>();
  // Register only services that have handlers: Grafana turns gRPC UNIMPLEMENTED into its own clear answers.
  if (handlers.queryData) {
    services.set(SERVICE.data, dataService(handlers.queryData, pipeline));
  }
  if (handlers.callResource) {
    services.set(SERVICE.resource, resourceService(handlers.callResource, pipeline));
  }
  services.set(SERVICE.diagnostics, diagnosticsService(handlers, pipeline));
  services.set(SERVICE.controller, controllerService(onShutdownRequested));
  services.set(SERVICE.health, healthService([...services.keys()]));
  return services;
}

export async function serve(handlers: PluginHandlers, options: ServeOptions = {}): Promise<RunningPlugin> {
  // First of all: nothing but the handshake line may ever reach stdout.
  guardStdout();
  routeGrpcLogs();

  const env = checkHandshakeEnv(process.env);
  if (!env.ok) {
    process.stderr.write(env.message);
    process.exit(1);
  }

  const server = new Server({
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_BYTES,
    // Grafana's client accepts up to 2 GiB; a big QueryData answer must not be cut by our side.
    'grpc.max_send_message_length': -1,
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= Promise.all([stopServer(server), runShutdownHook(options.onShutdown)]).then(() => undefined);
    return stopping;
  };
  const stopAndExit = () => {
    void stop().finally(() => process.exit(0));
  };

  installProcessHooks(stopAndExit);
  for (const [name, implementation] of buildServices(handlers, stopAndExit)) {
    server.addService(serviceDefinition(name), implementation);
  }

  let port: number;
  try {
    port = await bind(server);
  } catch (err) {
    log.error('Could not listen for Grafana', { error: err, address: `${HOST}:0` });
    process.exit(1);
  }

  // Synchronous and straight to fd 1, so the line is complete and first whatever else is buffered.
  writeSync(1, handshakeLine(HOST, port));
  log.info('Plugin started', { address: `${HOST}:${port}`, pid: process.pid, node: process.version });
  return { port, stop };
}
