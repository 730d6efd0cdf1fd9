package suite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/fixtures"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/promapi"
)

const (
	// malformedPromQL is missing its closing parenthesis.
	malformedPromQL = "sum(rate(up[5m])"
	// oversizedRequestBytes is over the 16 MiB a Go SDK plugin accepts and Grafana may well send.
	oversizedRequestBytes = 20 << 20
	// timeoutSlack is how much later than its configured timeout a query may give up.
	timeoutSlack = 2 * time.Second
)

// failedWith checks that a refId failed with the given status and returns a detail for the report.
func failedWith(res backend.DataResponse, refID string, want func(backend.Status) bool, wantText string) (string, error) {
	if res.Error == nil {
		return "", fmt.Errorf("refId %s: no error, status %d, %d frames", refID, res.Status, len(res.Frames))
	}
	detail := fmt.Sprintf("%s=%d/%s %q", refID, res.Status, res.ErrorSource, res.Error.Error())
	if !want(res.Status) {
		return detail, fmt.Errorf("refId %s: want %s", refID, wantText)
	}
	return detail, nil
}

func is(code backend.Status) func(backend.Status) bool {
	return func(got backend.Status) bool { return got == code }
}

func serverError(got backend.Status) bool { return got >= 500 && got <= 599 }

func appendDetail(details []string, detail string) []string {
	if detail == "" {
		return details
	}
	return append(details, detail)
}

// checkRefIDIsolation sends one good and three broken queries in a single request: each broken one must fail
// on its own with 400, the good one must still carry its frames.
func (s *Suite) checkRefIDIsolation(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	timeRange := s.timeRange()
	good, err := dataQuery(s.rawModel("A", s.opts.Expr, "panel"), timeRange)
	if err != nil {
		return "", err
	}
	malformed, err := dataQuery(s.rawModel("B", malformedPromQL, "panel"), timeRange)
	if err != nil {
		return "", err
	}
	unknownType, err := dataQuery(s.queryModel("C", map[string]any{"queryType": "noSuchQueryType", "expr": s.opts.Expr}), timeRange)
	if err != nil {
		return "", err
	}
	invalidJSON := backend.DataQuery{RefID: "D", QueryType: "raw", MaxDataPoints: 1000, Interval: 15 * time.Second,
		TimeRange: timeRange, JSON: []byte(`{"refId":"D","queryType":"raw","expr":`)}

	var promError *promapi.APIError
	if _, err := s.prometheus.QueryRange(ctx, malformedPromQL, timeRange.From, timeRange.To, time.Minute); !errors.As(err, &promError) {
		return "", fmt.Errorf("fixture: Prometheus should refuse %q, got %v", malformedPromQL, err)
	}

	resp, err := s.queryData(ctx, client, s.dataSource, dashboardViewer, good, malformed, unknownType, invalidJSON)
	if err != nil {
		return "", fmt.Errorf("one bad query failed the whole request: %w", err)
	}
	var details []string
	a, err := singleResponse(resp, "A")
	if err != nil {
		return "", err
	}
	if a.Error != nil || len(a.Frames) == 0 {
		return "", fmt.Errorf("refId A: error %v, %d frames; want frames", a.Error, len(a.Frames))
	}
	details = append(details, fmt.Sprintf("A=%d frames", len(a.Frames)))

	b, err := singleResponse(resp, "B")
	if err != nil {
		return "", err
	}
	detail, err := failedWith(b, "B", is(backend.StatusBadRequest), "400")
	details = appendDetail(details, detail)
	if err != nil {
		return strings.Join(details, "; "), err
	}
	if !strings.Contains(b.Error.Error(), promError.Message) {
		return strings.Join(details, "; "), fmt.Errorf("refId B does not pass on Prometheus' message %q", promError.Message)
	}
	if b.ErrorSource == "" {
		return strings.Join(details, "; "), errors.New("refId B has no errorSource")
	}
	for _, refID := range []string{"C", "D"} {
		res, err := singleResponse(resp, refID)
		if err != nil {
			return strings.Join(details, "; "), err
		}
		detail, err := failedWith(res, refID, is(backend.StatusBadRequest), "400")
		details = appendDetail(details, detail)
		if err != nil {
			return strings.Join(details, "; "), err
		}
	}
	return strings.Join(details, "; "), nil
}

// checkPrometheusDown points the data source at a port nobody listens on.
func (s *Suite) checkPrometheusDown(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	address, err := fixtures.UnusedAddress()
	if err != nil {
		return "", err
	}
	query, err := dataQuery(s.rawModel("A", s.opts.Expr, "panel"), s.timeRange())
	if err != nil {
		return "", err
	}
	resp, err := s.queryData(ctx, client, s.dataSource.WithJSONData(map[string]any{"prometheusUrl": "http://" + address}), dashboardViewer, query)
	if err != nil {
		return "", err
	}
	res, err := singleResponse(resp, "A")
	if err != nil {
		return "", err
	}
	detail, err := failedWith(res, "A", serverError, "a 5xx (502: Prometheus unreachable)")
	if err != nil {
		return detail, err
	}
	if !strings.Contains(res.Error.Error(), address) {
		return detail, fmt.Errorf("the error does not name %s", address)
	}
	if res.ErrorSource != backend.ErrorSourceDownstream {
		return detail, errors.New("errorSource should be downstream: Prometheus failed, not the plugin")
	}
	return detail, nil
}

// checkPrometheusTimeout points the data source at a server that accepts and never answers, timeout 1 s.
func (s *Suite) checkPrometheusTimeout(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	silent, err := fixtures.NewSilentServer()
	if err != nil {
		return "", err
	}
	defer silent.Close()
	const timeoutSeconds = 1
	ds := s.dataSource.WithJSONData(map[string]any{"prometheusUrl": silent.URL(), "timeoutSeconds": timeoutSeconds})
	query, err := dataQuery(s.rawModel("A", s.opts.Expr, "panel"), s.timeRange())
	if err != nil {
		return "", err
	}
	started := time.Now()
	resp, err := s.queryData(ctx, client, ds, dashboardViewer, query)
	took := time.Since(started)
	if err != nil {
		return "", err
	}
	res, err := singleResponse(resp, "A")
	if err != nil {
		return "", err
	}
	detail, err := failedWith(res, "A", serverError, "a 5xx (504: Prometheus timed out)")
	detail = fmt.Sprintf("%s after %d ms", detail, took.Milliseconds())
	if err != nil {
		return detail, err
	}
	if text := strings.ToLower(res.Error.Error()); !strings.Contains(text, "timeout") && !strings.Contains(text, "timed out") {
		return detail, errors.New("the error does not say it timed out")
	}
	if took > timeoutSeconds*time.Second+timeoutSlack {
		return detail, fmt.Errorf("answered %v after the %ds timeout", took-timeoutSeconds*time.Second, timeoutSeconds)
	}
	return detail, nil
}

// checkPointLimit asks for a 1 s step over 7 days, far beyond what one response may carry.
func (s *Suite) checkPointLimit(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	timeRange := s.timeRange()
	timeRange.From = timeRange.To.Add(-7 * 24 * time.Hour)
	model := s.rawModel("A", s.opts.Expr, "panel")
	model["step"] = "1s"
	query, err := dataQuery(model, timeRange)
	if err != nil {
		return "", err
	}
	resp, err := s.queryData(ctx, client, s.dataSource, dashboardViewer, query)
	if err != nil {
		return "", err
	}
	res, err := singleResponse(resp, "A")
	if err != nil {
		return "", err
	}
	detail, err := failedWith(res, "A", is(backend.StatusBadRequest), "400")
	if err != nil {
		return detail, err
	}
	text := strings.ToLower(res.Error.Error())
	for _, word := range []string{"point", "resolution", "step", "limit"} {
		if strings.Contains(text, word) {
			return detail, nil
		}
	}
	return detail, errors.New("the error does not explain the point limit")
}

// checkOversizedRequest sends a 20 MiB QueryData request; the plugin must refuse it with RESOURCE_EXHAUSTED
// (which Grafana maps to ErrPluginGrpcResourceExhausted) and keep serving.
func (s *Suite) checkOversizedRequest(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	model := s.rawModel("A", s.opts.Expr, "panel")
	model["padding"] = strings.Repeat("x", oversizedRequestBytes)
	query, err := dataQuery(model, s.timeRange())
	if err != nil {
		return "", err
	}
	_, err = s.queryData(ctx, client, s.dataSource, dashboardViewer, query)
	if err == nil {
		return "", errors.New("a 20 MiB request was accepted; the plugin should cap requests like Go plugins do (16 MiB)")
	}
	if code := status.Code(err); code != codes.ResourceExhausted {
		return "", fmt.Errorf("got %s (%v), want RESOURCE_EXHAUSTED", code, err)
	}
	if err := s.healthOK(ctx); err != nil {
		return "", fmt.Errorf("after the oversized request: %w", err)
	}
	return "RESOURCE_EXHAUSTED, then CheckHealth OK", nil
}

// checkCancelledRequest cancels a query while the plugin waits on a hanging Prometheus: the call must
// return at once, the plugin must drop its downstream request, and keep serving.
func (s *Suite) checkCancelledRequest(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	silent, err := fixtures.NewSilentServer()
	if err != nil {
		return "", err
	}
	defer silent.Close()
	ds := s.dataSource.WithJSONData(map[string]any{"prometheusUrl": silent.URL(), "timeoutSeconds": 30})
	query, err := dataQuery(s.rawModel("A", s.opts.Expr, "panel"), s.timeRange())
	if err != nil {
		return "", err
	}

	queryCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	returned := make(chan error, 1)
	go func() {
		_, err := s.queryData(queryCtx, client, ds, dashboardViewer, query)
		returned <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for silent.Accepted() == 0 {
		if time.Now().After(deadline) {
			return "", errors.New("the plugin never connected to the (hanging) Prometheus")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancelledAt := time.Now()
	cancel()
	select {
	case err := <-returned:
		if status.Code(err) != codes.Canceled {
			return "", fmt.Errorf("after cancel the call returned %v, want CANCELED", err)
		}
	case <-time.After(time.Second):
		return "", errors.New("QueryData did not return within 1 s of the cancel")
	}
	closedAt, err := silent.WaitClientClose(2 * time.Second)
	if err != nil {
		return "", fmt.Errorf("%w: the plugin does not abort Prometheus requests when Grafana cancels", err)
	}
	if err := s.healthOK(ctx); err != nil {
		return "", fmt.Errorf("after the cancel: %w", err)
	}
	return fmt.Sprintf("downstream request dropped %d ms after the cancel; still healthy", closedAt.Sub(cancelledAt).Milliseconds()), nil
}
