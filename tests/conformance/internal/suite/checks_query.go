package suite

import (
	"context"
	"fmt"

	"github.com/grafana/dataplane/sdata/timeseries"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
)

// Field names of raw frames (src/contract/frames.ts FIELD): dashboards and alert expressions refer to them.
const (
	timeFieldName  = "time"
	valueFieldName = "value"
)

func (s *Suite) checkQueryRawPanel(ctx context.Context) (string, error) {
	return s.checkQueryRaw(ctx, s.opts.Expr, "panel", dashboardViewer, dataplane.TimeSeriesMulti)
}

// checkQueryRawAlert sends the query the way the alerting engine does (no user, alert headers) and holds
// the answer to what server-side expressions need.
func (s *Suite) checkQueryRawAlert(ctx context.Context) (string, error) {
	return s.checkQueryRaw(ctx, s.opts.Expr, "alert", alertingEngine, dataplane.AlertSeries)
}

// checkQueryAlertNaN queries series holding NaN samples in alert mode: NaN fires alerts, so it must arrive
// as null, while every other value (±Inf included) must match Prometheus.
func (s *Suite) checkQueryAlertNaN(ctx context.Context) (string, error) {
	return s.checkQueryRaw(ctx, s.opts.NaNExpr, "alert", alertingEngine, dataplane.AlertSeries)
}

// checkQueryRaw decodes the response with the SDK, validates it with the dataplane readers and compares
// every value with a direct Prometheus range query on the plugin's own timestamps.
func (s *Suite) checkQueryRaw(ctx context.Context, expr, output string, who caller, validate func(data.Frames, string) (timeseries.Collection, error)) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	query, err := dataQuery(s.rawModel("A", expr, output), s.timeRange())
	if err != nil {
		return "", err
	}
	resp, err := s.queryData(ctx, client, s.dataSource, who, query)
	if err != nil {
		return "", err
	}
	res, err := singleResponse(resp, "A")
	if err != nil {
		return "", err
	}
	if res.Error != nil {
		return "", fmt.Errorf("refId A failed with status %d (%s): %w", res.Status, res.ErrorSource, res.Error)
	}
	collection, err := validate(res.Frames, "A")
	if err != nil {
		return fmt.Sprintf("%d frames", len(res.Frames)), err
	}
	if err := checkFieldNames(collection); err != nil {
		return "", err
	}
	series, err := dataplane.SeriesOf(collection)
	if err != nil {
		return "", err
	}
	if len(series) == 0 {
		return "", fmt.Errorf("%w for %q (does the Prometheus fixture have data?)", dataplane.ErrNoData, expr)
	}
	start, end, step, err := evaluationGrid(series)
	if err != nil {
		return "", err
	}
	direct, err := s.prometheus.QueryRange(ctx, expr, start, end, step)
	if err != nil {
		return "", fmt.Errorf("direct Prometheus query: %w", err)
	}
	points, err := compareSeries(series, direct)
	detail := fmt.Sprintf("%s: %d series, %d points equal to Prometheus' own answer (step %v)", data.FrameTypeTimeSeriesMulti, len(series), points, step)
	if err != nil {
		return detail, err
	}
	return detail, nil
}

// concurrentQueries is how many dashboard panels refresh at once in the concurrency check.
const concurrentQueries = 12

// checkConcurrentQueries refreshes a dashboard's worth of panels at once, each with its own refId: Grafana
// sends them as parallel QueryData calls, and no answer may be lost or land under another panel's refId.
func (s *Suite) checkConcurrentQueries(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	timeRange := s.timeRange()
	errs := make(chan error, concurrentQueries)
	for i := 0; i < concurrentQueries; i++ {
		refID := fmt.Sprintf("P%d", i)
		go func() {
			query, err := dataQuery(s.rawModel(refID, s.opts.Expr, "panel"), timeRange)
			if err != nil {
				errs <- err
				return
			}
			resp, err := s.queryData(ctx, client, s.dataSource, dashboardViewer, query)
			if err != nil {
				errs <- fmt.Errorf("%s: %w", refID, err)
				return
			}
			if len(resp.Responses) != 1 {
				errs <- fmt.Errorf("%s: %d responses in the answer, want exactly its own", refID, len(resp.Responses))
				return
			}
			res, err := singleResponse(resp, refID)
			if err == nil && res.Error != nil {
				err = fmt.Errorf("%s: %w", refID, res.Error)
			}
			if err == nil {
				_, err = dataplane.TimeSeriesMulti(res.Frames, refID)
			}
			errs <- err
		}()
	}
	for i := 0; i < concurrentQueries; i++ {
		if err := <-errs; err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%d parallel QueryData calls, each answered under its own refId", concurrentQueries), nil
}

func checkFieldNames(collection timeseries.Collection) error {
	for _, ref := range collection.Refs {
		if ref.TimeField.Name != timeFieldName || ref.ValueField.Name != valueFieldName {
			return fmt.Errorf("fields are %q and %q, the contract names them %q and %q",
				ref.TimeField.Name, ref.ValueField.Name, timeFieldName, valueFieldName)
		}
	}
	return nil
}
