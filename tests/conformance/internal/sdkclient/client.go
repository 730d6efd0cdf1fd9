// Package sdkclient calls a plugin the way Grafana's grpcplugin ClientV2 does: SDK request types go through
// backend.ToProto, answers come back through backend.FromProto (which decodes every Arrow frame with
// data.UnmarshalArrowFrames), and gRPC UNIMPLEMENTED is mapped like Grafana maps it.
package sdkclient

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	goplugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ErrMethodNotImplemented is what Grafana's client returns when the plugin answers UNIMPLEMENTED
// (plugins.ErrMethodNotImplemented); Grafana's HTTP layer turns it into 404 for resources.
var ErrMethodNotImplemented = errors.New("method not implemented")

// Client is the set of pluginv2 service clients Grafana dispenses from one plugin process.
type Client struct {
	diagnostics grpcplugin.DiagnosticsClient
	resource    grpcplugin.ResourceClient
	data        grpcplugin.DataClient
}

// New dispenses the services by name, as Grafana's newClientV2 does. Dispensing checks nothing on the wire:
// a missing service shows up only as UNIMPLEMENTED when it is called.
func New(protocol goplugin.ClientProtocol) (*Client, error) {
	diagnostics, err := dispense[grpcplugin.DiagnosticsClient](protocol, "diagnostics")
	if err != nil {
		return nil, err
	}
	resource, err := dispense[grpcplugin.ResourceClient](protocol, "resource")
	if err != nil {
		return nil, err
	}
	data, err := dispense[grpcplugin.DataClient](protocol, "data")
	if err != nil {
		return nil, err
	}
	return &Client{diagnostics: diagnostics, resource: resource, data: data}, nil
}

func dispense[T any](protocol goplugin.ClientProtocol, name string) (T, error) {
	var zero T
	raw, err := protocol.Dispense(name)
	if err != nil {
		return zero, fmt.Errorf("dispense %s: %w", name, err)
	}
	typed, ok := raw.(T)
	if !ok {
		return zero, fmt.Errorf("dispense %s: unexpected client type %T", name, raw)
	}
	return typed, nil
}

// QueryData sends the request and decodes the answer with the SDK. Transport errors keep their gRPC status
// (status.Code works on them) so callers can tell RESOURCE_EXHAUSTED from UNAVAILABLE, as Grafana does.
func (c *Client) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	protoResp, err := c.data.QueryData(ctx, backend.ToProto().QueryDataRequest(req))
	if err != nil {
		if status.Code(err) == codes.Unimplemented {
			return nil, ErrMethodNotImplemented
		}
		return nil, fmt.Errorf("failed to query data: %w", err)
	}
	return backend.FromProto().QueryDataResponse(protoResp)
}

// CheckHealth maps UNIMPLEMENTED to UNKNOWN "Health check not implemented", like Grafana.
func (c *Client) CheckHealth(ctx context.Context, req *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	protoResp, err := c.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{
		PluginContext: backend.ToProto().PluginContext(req.PluginContext),
		Headers:       req.Headers,
	})
	if err != nil {
		if status.Code(err) == codes.Unimplemented {
			return &backend.CheckHealthResult{Status: backend.HealthStatusUnknown, Message: "Health check not implemented"}, nil
		}
		return nil, err
	}
	return backend.FromProto().CheckHealthResponse(protoResp), nil
}

// CollectMetrics maps UNIMPLEMENTED to an empty result, like Grafana.
func (c *Client) CollectMetrics(ctx context.Context, req *backend.CollectMetricsRequest) (*backend.CollectMetricsResult, error) {
	protoResp, err := c.diagnostics.CollectMetrics(ctx, backend.ToProto().CollectMetricsRequest(req))
	if err != nil {
		if status.Code(err) == codes.Unimplemented {
			return &backend.CollectMetricsResult{}, nil
		}
		return nil, err
	}
	return backend.FromProto().CollectMetricsResponse(protoResp), nil
}

// CallResource streams the plugin's answer messages to send, in order. Grafana takes status and headers from
// the first message only and concatenates the bodies.
func (c *Client) CallResource(ctx context.Context, req *backend.CallResourceRequest, send func(*backend.CallResourceResponse) error) error {
	stream, err := c.resource.CallResource(ctx, backend.ToProto().CallResourceRequest(req))
	if err != nil {
		if status.Code(err) == codes.Unimplemented {
			return ErrMethodNotImplemented
		}
		return fmt.Errorf("failed to call resource: %w", err)
	}
	for {
		protoResp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if status.Code(err) == codes.Unimplemented {
				return ErrMethodNotImplemented
			}
			return fmt.Errorf("failed to receive call resource response: %w", err)
		}
		if err := send(backend.FromProto().CallResourceResponse(protoResp)); err != nil {
			return err
		}
	}
}
