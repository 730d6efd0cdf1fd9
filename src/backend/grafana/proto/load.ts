/**
 * Turns the .proto sources into gRPC service definitions: protobufjs parses them (no file system access,
 * so the bundled executable is self-contained) and @grpc/proto-loader builds the (de)serialisers.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { fromJSON, type Options, type PackageDefinition } from '@grpc/proto-loader';
import { parse, Root } from 'protobufjs';

import { GO_PLUGIN_PROTO } from './go-plugin';
import { HEALTH_PROTO } from './health';
import { PLUGINV2_PROTO } from './pluginv2';

/**
 * - `longs: Number`: int64 fields (orgId, lastUpdatedMS, epoch ms) would otherwise arrive as Long objects;
 *   every value Grafana sends fits in 2^53.
 * - `enums: String`: health statuses read as 'OK' | 'ERROR' instead of magic numbers.
 * - `defaults: true`: absent scalars read as '' / 0 / false and maps as {}, as proto3 means them.
 */
export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
};

export const SERVICE = {
  data: 'pluginv2.Data',
  diagnostics: 'pluginv2.Diagnostics',
  resource: 'pluginv2.Resource',
  controller: 'plugin.GRPCController',
  health: 'grpc.health.v1.Health',
} as const;

export type ServiceName = (typeof SERVICE)[keyof typeof SERVICE];

let cached: PackageDefinition | undefined;

export function protocolDefinition(): PackageDefinition {
  if (!cached) {
    const root = new Root();
    for (const source of [PLUGINV2_PROTO, GO_PLUGIN_PROTO, HEALTH_PROTO]) {
      parse(source, root, { keepCase: true });
    }
    cached = fromJSON(root.toJSON(), PROTO_LOADER_OPTIONS);
  }
  return cached;
}

export function serviceDefinition(name: ServiceName): ServiceDefinition {
  const definition = protocolDefinition()[name];
  if (!definition || !isService(definition)) {
    throw new Error(`service ${name} is missing from the protocol definition`);
  }
  return definition as ServiceDefinition;
}

/** Message and enum definitions carry `format`/`type`; a service is a map of methods, each with a path. */
function isService(definition: object): boolean {
  return Object.values(definition).every((method) => typeof method === 'object' && 'path' in method);
}
