package suite

import (
	"context"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
)

// checkQueryAnomalyAutoencoder: an anomaly query that turns on the opt-in `autoencoder` detector
// (src/contract/query.ts) trains its networks inside the shipped executable. TensorFlow.js loads its wasm backend
// from the binaries next to the executable, so a notice that it fell back to cpu or could not load fails the
// check; the answer keeps the panel shape, and the fixture's spike still reaches the critical band.
func (s *Suite) checkQueryAnomalyAutoencoder(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	timeRange, err := s.anomalyRange()
	if err != nil {
		return "", err
	}
	options := map[string]any{"detectors": map[string]any{"autoencoder": true}}
	query, err := dataQuery(s.anomalyModel("A", anomalyExpr, "panel", options), timeRange)
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
	if res.Error != nil {
		return "", fmt.Errorf("refId A failed with status %d (%s): %w", res.Status, res.ErrorSource, res.Error)
	}
	if _, err := dataplane.TimeSeriesMulti(res.Frames, "A"); err != nil {
		return fmt.Sprintf("%d frames", len(res.Frames)), err
	}
	for _, frame := range res.Frames {
		if frame.Meta == nil {
			continue
		}
		for _, notice := range frame.Meta.Notices {
			if strings.Contains(notice.Text, "cpu backend") || strings.Contains(notice.Text, "could not load") {
				return "", fmt.Errorf("the autoencoder did not run on wasm: %q", notice.Text)
			}
		}
	}
	series, _, err := splitAnomalyFrames(res.Frames)
	if err != nil {
		return "", err
	}
	var spike *data.Frame
	for _, frame := range series {
		if err := checkAnomalyFields(frame); err != nil {
			return "", err
		}
		if frame.Fields[1].Labels["case"] == "spike" {
			spike = frame
		}
	}
	if spike == nil {
		return "", fmt.Errorf("no frame for case=spike among %d series frames", len(series))
	}
	windowStart := s.opts.DataEnd.Add(-anomalyWindowBeforeEnd)
	peak, err := maxScoreBetween(spike, windowStart, windowStart.Add(anomalyWindowLength))
	if err != nil {
		return "", err
	}
	if peak < criticalScore {
		return "", fmt.Errorf("spike: highest anomaly_score in the anomaly window is %.1f with the autoencoder, want ≥ %d", peak, criticalScore)
	}
	return fmt.Sprintf("detectors.autoencoder on wasm: %d series frames, spike peaks at %.0f in its window", len(series), peak), nil
}
