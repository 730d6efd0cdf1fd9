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

// pluginSide is a dashboard panel's (or an alert rule's) query as Grafana sends it: /api/ds/query turned into
// QueryData.
type pluginSide struct {
	client  *sdkclient.Client
	request *backend.QueryDataRequest
	query   Query
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
	fields := map[string]any{
		"refId":         refID,
		"datasource":    map[string]any{"type": settings.DataSourcePluginID, "uid": ds.UID},
		"queryType":     opts.Query.Type,
		"expr":          opts.Expr,
		"output":        opts.Query.Output,
		"intervalMs":    w.step.Milliseconds(),
		"maxDataPoints": maxDataPoints,
	}
	if opts.Query.Type == "anomaly" && opts.Query.TrainingWindow != "" {
		fields["anomaly"] = map[string]any{"trainingWindow": opts.Query.TrainingWindow}
	}
	model, err := json.Marshal(fields)
	if err != nil {
		return pluginSide{}, err
	}
	query := backend.DataQuery{
		RefID:         refID,
		QueryType:     opts.Query.Type,
		MaxDataPoints: maxDataPoints,
		Interval:      w.step,
		TimeRange:     backend.TimeRange{From: w.from, To: w.to},
		JSON:          model,
	}
	request := &backend.QueryDataRequest{PluginContext: pluginContext, Queries: []backend.DataQuery{query}}
	return pluginSide{client: client, request: request, query: opts.Query}, nil
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
	series := seriesFrames(res.Frames)
	// Outside the timed section, the dataplane reader proves raw and alert frames are what panels and alert rules
	// read; an anomaly panel's series frames carry value, expected, band and score, checked by the suite instead.
	if p.query.Type == "raw" || p.query.Output == "alert" {
		if _, err := dataplane.TimeSeriesMulti(series, refID); err != nil {
			return 0, Shape{}, err
		}
	}
	shape, err := shapeOf(series)
	return elapsed, shape, err
}

// seriesFrames drops annotation frames (an anomaly panel's episodes), which are not series.
func seriesFrames(frames data.Frames) data.Frames {
	series := make(data.Frames, 0, len(frames))
	for _, frame := range frames {
		if frame.Meta == nil || frame.Meta.DataTopic != data.DataTopicAnnotations {
			series = append(series, frame)
		}
	}
	return series
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
