package suite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
)

const anomaliesPath = "anomalies?limit=100"

// recordedAnomaly is the part of the `GET anomalies` items (src/contract/resources.ts Anomaly) this check reads.
type recordedAnomaly struct {
	ID           string            `json:"id"`
	SeriesLabels map[string]string `json:"seriesLabels"`
	Expr         string            `json:"expr"`
	StartedAt    int64             `json:"startedAt"`
	Score        float64           `json:"score"`
	Detector     string            `json:"detector"`
}

// checkAnomalyRecorded: the anomaly panel query that ran before (query-anomaly-panel) recorded the spike's episode
// in the data source's store, where the labeling page lists it — read back the way the page reads it, through
// CallResource as a Viewer. Recording does not hold up the query's answer, so the check waits a little for it.
func (s *Suite) checkAnomalyRecorded(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	pluginContext, err := s.pluginContext(s.dataSource, grafanactx.User(grafanactx.RoleViewer))
	if err != nil {
		return "", err
	}
	windowStart := s.opts.DataEnd.Add(-anomalyWindowBeforeEnd)
	windowEnd := windowStart.Add(anomalyWindowLength)
	deadline := time.Now().Add(5 * time.Second)
	for {
		items, err := listAnomalies(ctx, client, pluginContext)
		if err != nil {
			return "", err
		}
		for _, a := range items {
			started := time.UnixMilli(a.StartedAt)
			if a.SeriesLabels["case"] != "spike" || a.Expr != anomalyExpr || started.Before(windowStart) || started.After(windowEnd) {
				continue
			}
			if a.Detector == "" || a.Score < criticalScore {
				return "", fmt.Errorf("the spike's anomaly was recorded with detector %q and score %.1f, want detectors named and ≥ %d", a.Detector, a.Score, criticalScore)
			}
			return fmt.Sprintf("%d anomalies listed; the spike's at %s, score %.0f, detectors %s", len(items), started.UTC().Format(time.RFC3339), a.Score, a.Detector), nil
		}
		if time.Now().After(deadline) {
			return fmt.Sprintf("%d anomalies listed", len(items)), errors.New("no recorded anomaly for case=spike in its window")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func listAnomalies(ctx context.Context, client *sdkclient.Client, pluginContext backend.PluginContext) ([]recordedAnomaly, error) {
	req := &backend.CallResourceRequest{
		PluginContext: pluginContext,
		Path:          "anomalies",
		Method:        http.MethodGet,
		URL:           anomaliesPath,
		Headers:       map[string][]string{"Accept": {"application/json"}},
	}
	var status int
	var body bytes.Buffer
	err := client.CallResource(ctx, req, func(resp *backend.CallResourceResponse) error {
		if status == 0 {
			status = resp.Status
		}
		body.Write(resp.Body)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("GET %s answered %d: %.200s", anomaliesPath, status, body.String())
	}
	var page struct {
		Items []recordedAnomaly `json:"items"`
	}
	if err := json.Unmarshal(body.Bytes(), &page); err != nil {
		return nil, fmt.Errorf("GET %s: %w", anomaliesPath, err)
	}
	return page.Items, nil
}
