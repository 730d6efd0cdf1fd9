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
)

// oversizedRequestBytes is over the 16 MiB a Go SDK plugin accepts and Grafana may well send.
const oversizedRequestBytes = 20 << 20

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
