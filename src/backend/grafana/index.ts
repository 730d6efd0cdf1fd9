/**
 * The plugin protocol runtime: the TypeScript counterpart of grafana-plugin-sdk-go's `backend` package.
 * It knows nothing about ML or Prometheus. Handlers are plain async functions of typed requests and never
 * see protobuf; `serve(handlers)` does the go-plugin handshake and runs the gRPC services Grafana calls.
 */
export * from './plugin-context';
export * from './frame';
export * from './data';
export * from './diagnostics';
export * from './resource';
export * from './errors';
export { serve, type PluginHandlers, type ServeOptions, type RunningPlugin } from './serve';
export { log, createLogger, type Logger, type LogLevel, type LogFields } from './logger';
export { InstanceManager, type InstanceFactory, type InstanceDisposer } from './instance-provider';
export { QueryTypeMux, type QueryTypeMuxOptions } from './query-type-mux';
export { encodeFrame } from './arrow';
export { guardStdout } from './stdio';
