package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// window is the evaluated range, aligned to the step the way the plugin plans it (and Grafana's Prometheus
// data source does), so both sides ask Prometheus for exactly the same timestamps.
type window struct {
	from, to time.Time
	step     time.Duration
}

func newWindow(end time.Time, length, step time.Duration) window {
	to := alignDown(end, step)
	return window{from: to.Add(-length), to: to, step: step}
}

func alignDown(t time.Time, step time.Duration) time.Time {
	return time.UnixMilli(t.UnixMilli() / step.Milliseconds() * step.Milliseconds())
}

// pluginSide is a dashboard panel's raw query as Grafana sends it: /api/ds/query turned into QueryData.
type pluginSide struct {
	client  *sdkclient.Client
	request *backend.QueryDataRequest
}

const refID = "A"

func newPluginSide(client *sdkclient.Client, opts Options, w window) (pluginSide, error) {
	ds := settings.DataSource{
		ID: 1, UID: "traceo-ml", Name: "Traceo ML", Type: settings.DataSourcePluginID, OrgID: 1,
		JSONData: map[string]any{"prometheusUrl": opts.PrometheusURL, "timeoutSeconds": 30},
		Updated:  time.Now().Truncate(time.Millisecond),
	}
	pluginContext, err := opts.Grafana.DataSourceContext(ds, grafanactx.User(grafanactx.RoleViewer))
	if err != nil {
		return pluginSide{}, err
	}
	// One point per step: the panel's resolution asks for exactly the step, so the plugin plans it unchanged.
	maxDataPoints := int64(w.to.Sub(w.from) / w.step)
	model, err := json.Marshal(map[string]any{
		"refId":         refID,
		"datasource":    map[string]any{"type": settings.DataSourcePluginID, "uid": ds.UID},
		"queryType":     "raw",
		"expr":          opts.Expr,
		"output":        "panel",
		"intervalMs":    w.step.Milliseconds(),
		"maxDataPoints": maxDataPoints,
	})
	if err != nil {
		return pluginSide{}, err
	}
	query := backend.DataQuery{
		RefID:         refID,
		QueryType:     "raw",
		MaxDataPoints: maxDataPoints,
		Interval:      w.step,
		TimeRange:     backend.TimeRange{From: w.from, To: w.to},
		JSON:          model,
	}
	return pluginSide{client: client, request: &backend.QueryDataRequest{PluginContext: pluginContext, Queries: []backend.DataQuery{query}}}, nil
}

func (pluginSide) name() string { return "plugin QueryData" }

func (p pluginSide) run(ctx context.Context) (time.Duration, Shape, error) {
	started := time.Now()
	resp, err := p.client.QueryData(ctx, p.request)
	elapsed := time.Since(started)
	if err != nil {
		return 0, Shape{}, err
	}
	res, ok := resp.Responses[refID]
	if !ok {
		return 0, Shape{}, fmt.Errorf("no response for refId %s", refID)
	}
	if res.Error != nil {
		return 0, Shape{}, fmt.Errorf("status %d: %w", res.Status, res.Error)
	}
	// The dataplane reader also proves the frames are what a panel can draw, outside the timed section.
	if _, err := dataplane.TimeSeriesMulti(res.Frames, refID); err != nil {
		return 0, Shape{}, err
	}
	shape, err := shapeOf(res.Frames)
	return elapsed, shape, err
}

// directSide is Grafana's Prometheus data source path: HTTP and a JSON decode into frames.
type directSide struct {
	client DirectClient
	expr   string
	window window
}

func (directSide) name() string { return "direct query_range" }

func (d directSide) run(ctx context.Context) (time.Duration, Shape, error) {
	started := time.Now()
	frames, err := d.client.QueryRange(ctx, d.expr, d.window.from, d.window.to, d.window.step)
	elapsed := time.Since(started)
	if err != nil {
		return 0, Shape{}, err
	}
	shape, err := shapeOf(frames)
	return elapsed, shape, err
}

// shapeOf counts series and points of timeseries-multi frames (one series per frame).
func shapeOf(frames data.Frames) (Shape, error) {
	shape := Shape{Series: len(frames)}
	for _, frame := range frames {
		rows, err := frame.RowLen()
		if err != nil {
			return Shape{}, err
		}
		shape.Points += rows
	}
	return shape, nil
}
