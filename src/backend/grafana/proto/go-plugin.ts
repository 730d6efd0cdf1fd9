/**
 * hashicorp/go-plugin's controller service (internal/plugin/grpc_controller.proto, package `plugin`).
 * Grafana calls Shutdown when it stops a plugin; without it every stop costs a 2 s wait and a SIGKILL.
 */
export const GO_PLUGIN_PROTO = `
syntax = "proto3";
package plugin;

message Empty {}

service GRPCController {
  rpc Shutdown(Empty) returns (Empty);
}
`;
