package suite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/promapi"
)

// malformedPromQL is missing its closing parenthesis.
const malformedPromQL = "sum(rate(up[5m])"

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
