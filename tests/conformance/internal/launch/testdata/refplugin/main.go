// Command refplugin is a minimal backend plugin served by Grafana's own Go SDK. The launch tests run it to
// prove the harness accepts what Grafana's reference implementation does (handshake, stdout, shutdown).
package main

import (
	"context"
	"os"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

func main() {
	if os.Getenv("REFPLUGIN_STDOUT_NOISE") != "" {
		// Written to file descriptor 1 itself: go-plugin's server only swaps the os.Stdout variable.
		go func() {
			time.Sleep(50 * time.Millisecond)
			_, _ = os.NewFile(1, "stdout").WriteString("stray output after the handshake\n")
		}()
	}
	err := backend.Serve(backend.ServeOpts{
		CheckHealthHandler: backend.CheckHealthHandlerFunc(func(context.Context, *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
			return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: "reference plugin"}, nil
		}),
		QueryDataHandler: backend.QueryDataHandlerFunc(func(_ context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
			resp := backend.NewQueryDataResponse()
			for _, q := range req.Queries {
				frame := data.NewFrame("",
					data.NewField("time", nil, []time.Time{q.TimeRange.From, q.TimeRange.To}),
					data.NewField("value", data.Labels{"refId": q.RefID}, []*float64{nil, new(float64)}),
				)
				frame.RefID = q.RefID
				frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
				resp.Responses[q.RefID] = backend.DataResponse{Frames: data.Frames{frame}}
			}
			return resp, nil
		}),
	})
	if err != nil {
		os.Exit(1)
	}
}
