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
)

// timeoutSlack is how much later than its configured timeout a query may give up.
const timeoutSlack = 2 * time.Second

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
	resp, err := s.queryData(ctx, client, s.variant("down", map[string]any{"prometheusUrl": "http://" + address}), dashboardViewer, query)
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
	ds := s.variant("hanging", map[string]any{"prometheusUrl": silent.URL(), "timeoutSeconds": timeoutSeconds})
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
	ds := s.variant("cancel", map[string]any{"prometheusUrl": silent.URL(), "timeoutSeconds": 30})
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
