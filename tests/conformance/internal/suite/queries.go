package suite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// ingestLag keeps the newest evaluation timestamps out of the comparison window: a scrape still in flight
// when the plugin asks could be visible to the direct query a moment later.
const ingestLag = 15 * time.Second

// queryModel is the JSON a panel sends through /api/ds/query: Grafana forwards the whole object as
// DataQuery.JSON, datasource reference and interval hints included.
func (s *Suite) queryModel(refID string, fields map[string]any) map[string]any {
	model := map[string]any{
		"refId":         refID,
		"datasource":    map[string]any{"type": settings.DataSourcePluginID, "uid": s.dataSource.UID},
		"intervalMs":    15000,
		"maxDataPoints": 1000,
	}
	for key, value := range fields {
		model[key] = value
	}
	return model
}

// rawModel is the `raw` query of the contract (src/contract/query.ts).
func (s *Suite) rawModel(refID, expr, output string) map[string]any {
	return s.queryModel(refID, map[string]any{"queryType": "raw", "expr": expr, "output": output})
}

// timeRange is the window the checks query: Options.Range long, ending where the fixture's data ends, or
// ingestLag ago for live data, on whole seconds.
func (s *Suite) timeRange() backend.TimeRange {
	to := s.opts.DataEnd
	if to.IsZero() {
		to = time.Now().Add(-ingestLag)
	}
	to = to.Truncate(time.Second)
	return backend.TimeRange{From: to.Add(-s.opts.Range), To: to}
}

// dataQuery wraps a model as Grafana's query service does (pkg/services/query): refId, maxDataPoints,
// intervalMs and queryType are read from the model, the model itself travels as JSON.
func dataQuery(model map[string]any, timeRange backend.TimeRange) (backend.DataQuery, error) {
	raw, err := json.Marshal(model)
	if err != nil {
		return backend.DataQuery{}, err
	}
	query := backend.DataQuery{RefID: "A", MaxDataPoints: 100, Interval: time.Second, TimeRange: timeRange, JSON: raw}
	if refID, ok := model["refId"].(string); ok {
		query.RefID = refID
	}
	if queryType, ok := model["queryType"].(string); ok {
		query.QueryType = queryType
	}
	if maxDataPoints, ok := model["maxDataPoints"].(int); ok {
		query.MaxDataPoints = int64(maxDataPoints)
	}
	if intervalMS, ok := model["intervalMs"].(int); ok {
		query.Interval = time.Duration(intervalMS) * time.Millisecond
	}
	return query, nil
}

// caller says who makes a request: a dashboard viewer, or Grafana's alerting engine (no user, alert headers).
type caller int

const (
	dashboardViewer caller = iota
	alertingEngine
)

// queryData sends the queries for ds in one QueryData call.
func (s *Suite) queryData(ctx context.Context, client *sdkclient.Client, ds settings.DataSource, who caller, queries ...backend.DataQuery) (*backend.QueryDataResponse, error) {
	var user *backend.User
	headers := map[string]string{}
	if who == dashboardViewer {
		user = grafanactx.User(grafanactx.RoleViewer)
	} else {
		// What ngalert's eval.go buildDatasourceHeaders sends.
		headers = map[string]string{"FromAlert": "true", "X-Cache-Skip": "true", "X-Rule-Uid": "conformance", "X-Grafana-Org-Id": "1"}
	}
	pluginContext, err := s.pluginContext(ds, user)
	if err != nil {
		return nil, err
	}
	return client.QueryData(ctx, &backend.QueryDataRequest{PluginContext: pluginContext, Headers: headers, Queries: queries})
}

// singleResponse returns the DataResponse for refID, failing when the plugin left it out.
func singleResponse(resp *backend.QueryDataResponse, refID string) (backend.DataResponse, error) {
	res, ok := resp.Responses[refID]
	if !ok {
		return res, fmt.Errorf("no response for refId %s", refID)
	}
	return res, nil
}

// queryRawSeries runs the raw query for the configured expression and validates it as a dataplane response;
// it returns the number of series. Used where a check just needs "queries work".
func (s *Suite) queryRawSeries(ctx context.Context, client *sdkclient.Client, output string) (int, error) {
	query, err := dataQuery(s.rawModel("A", s.opts.Expr, output), s.timeRange())
	if err != nil {
		return 0, err
	}
	resp, err := s.queryData(ctx, client, s.dataSource, dashboardViewer, query)
	if err != nil {
		return 0, err
	}
	res, err := singleResponse(resp, "A")
	if err != nil {
		return 0, err
	}
	if res.Error != nil {
		return 0, fmt.Errorf("status %d: %w", res.Status, res.Error)
	}
	collection, err := dataplane.TimeSeriesMulti(res.Frames, "A")
	if err != nil {
		return 0, err
	}
	return len(collection.Refs), nil
}
