package suite

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
)

// lstmForecastExpr is the fixture's climbing series alone: the LSTM trains per series, so the check asks for one.
const lstmForecastExpr = forecastExpr + `{mount="/data"}`

// checkQueryForecastLSTM: a forecast query naming the opt-in `lstm` model family (src/contract/query.ts) runs the
// LSTM inside the shipped executable. TensorFlow.js loads its wasm backend from the binaries next to the
// executable (scripts/build-backend.mjs copies them), and the answer has the panel shape of every forecast: one
// dataplane frame, the forecast reaching the horizon past the range's end with lower ≤ forecast ≤ upper. A
// notice that the LSTM fell back to the cpu backend fails the check: it means the binaries were not found.
func (s *Suite) checkQueryForecastLSTM(ctx context.Context) (string, error) {
	end, err := s.forecastEnd()
	if err != nil {
		return "", err
	}
	options := map[string]any{"horizon": "12h", "trainingWindow": "1d", "threshold": diskThreshold, "models": []string{"lstm"}}
	model := s.queryModel("A", map[string]any{"queryType": "forecast", "expr": lstmForecastExpr, "output": "panel", "forecast": options})
	responses, err := s.runForecastQueries(ctx, dashboardViewer, backend.TimeRange{From: end.Add(-forecastPanelRange), To: end}, model)
	if err != nil {
		return "", err
	}
	frames := responses["A"].Frames
	if _, err := dataplane.TimeSeriesMulti(frames, "A"); err != nil {
		return fmt.Sprintf("%d frames", len(frames)), err
	}
	if len(frames) != 1 {
		return "", fmt.Errorf("%d frames, want one for %s", len(frames), lstmForecastExpr)
	}
	frame := frames[0]
	if frame.Meta == nil || !strings.Contains(frame.Meta.ExecutedQueryString, "Models: lstm") {
		return "", errors.New(`the executed query string does not say "Models: lstm": the LSTM was not what ran`)
	}
	for _, notice := range frame.Meta.Notices {
		if strings.Contains(notice.Text, "cpu backend") {
			return "", fmt.Errorf("the LSTM did not run on wasm: %q", notice.Text)
		}
	}
	future, err := checkForecastPanelFrame(frame, end, end.Add(forecastPanelHorizon))
	if err != nil {
		return "", fmt.Errorf("%s: %w", frame.Fields[1].Labels, err)
	}
	return fmt.Sprintf("models [lstm] on wasm: 1 frame, %d future points to +%v, lower ≤ forecast ≤ upper", future, forecastPanelHorizon), nil
}
