/**
 * The standard gRPC health checking protocol (grpc/grpc-proto grpc/health/v1/health.proto), Check only:
 * go-plugin's client pings service "plugin" through it. Watch is left out; nothing in Grafana streams health.
 */
export const HEALTH_PROTO = `
syntax = "proto3";
package grpc.health.v1;

message HealthCheckRequest {
  string service = 1;
}

message HealthCheckResponse {
  enum ServingStatus {
    UNKNOWN = 0;
    SERVING = 1;
    NOT_SERVING = 2;
    SERVICE_UNKNOWN = 3;
  }
  ServingStatus status = 1;
}

service Health {
  rpc Check(HealthCheckRequest) returns (HealthCheckResponse);
}
`;
