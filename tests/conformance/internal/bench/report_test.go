package bench

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

func sampleReport() Report {
	plugin := []time.Duration{90 * time.Millisecond, 110 * time.Millisecond}
	direct := []time.Duration{60 * time.Millisecond, 80 * time.Millisecond}
	return Report{
		Expr: "traceo_test_bench", RangeSeconds: 86400, StepSeconds: 60, Warmup: 1, Runs: 2,
		Shape:       Shape{Series: 100, Points: 144000},
		Plugin:      Summarise(plugin),
		Direct:      Summarise(direct),
		Ratio:       Ratio{P50: 1.5, P95: 1.375},
		PluginShare: summariseMS(pairedDifferences(plugin, direct)),
		StartupMS:   420,
		Memory:      Memory{RSSBytes: 100 << 20, PeakRSSBytes: 120 << 20},
		Bars:        DefaultBars,
	}
}

func TestPrintNamesEveryNumberWithItsBar(t *testing.T) {
	var out bytes.Buffer
	sampleReport().Print(&out)
	text := out.String()
	for _, want := range []string{
		"100 series × 1440 points (24h0m0s at 1m0s), 2 interleaved runs after 1 warm-up runs",
		"p50     90.0 ms   p95    110.0 ms   (bar p95 ≤ 300 ms)",
		"p50     60.0 ms   p95     80.0 ms",
		"p50     1.50 ×    p95     1.38 ×    (bar ≤ 1.5×)",
		"p50     30.0 ms   p95     30.0 ms   (bar p95 ≤ 150 ms)",
		"exec → handshake     420 ms",
		"100.0 MiB, peak 120.0 MiB",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
}

func TestPrintNamesAnAnomalyQueryAndDropsTheRawRatioBar(t *testing.T) {
	report := sampleReport()
	report.Query = Query{Type: "anomaly", Output: "panel", TrainingWindow: "7d"}
	var out bytes.Buffer
	report.Print(&out)
	text := out.String()
	for _, want := range []string{
		"anomaly (panel output, training window 7d) QueryData overhead: traceo_test_bench",
		"p50     1.50 ×    p95     1.38 ×    (no bar: the query scores every point)",
		"p50     30.0 ms   p95     30.0 ms   (bar p95 ≤ 150 ms)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "bar ≤ 1.5×") {
		t.Errorf("an anomaly query is held to the raw query's ratio bar:\n%s", text)
	}
}

func TestWriteJSONKeepsEveryRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "artifacts", "bench-raw.json")
	if err := sampleReport().WriteJSON(path); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		PluginMS struct {
			P95     float64   `json:"p95"`
			Samples []float64 `json:"samples"`
		} `json:"pluginMs"`
		Ratio  Ratio `json:"ratio"`
		Memory struct {
			RSSBytes int64 `json:"rssBytes"`
		} `json:"memory"`
	}
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	if decoded.PluginMS.P95 != 110 || len(decoded.PluginMS.Samples) != 2 || decoded.Ratio.P50 != 1.5 || decoded.Memory.RSSBytes != 100<<20 {
		t.Errorf("decoded %+v", decoded)
	}
}

func TestSeriesFramesLeaveAnnotationsOut(t *testing.T) {
	series := data.NewFrame("", data.NewField("Time", nil, []time.Time{time.Unix(0, 0)}))
	annotations := data.NewFrame("annotations", data.NewField("time", nil, []time.Time{time.Unix(0, 0)}))
	annotations.Meta = &data.FrameMeta{DataTopic: data.DataTopicAnnotations}
	got := seriesFrames(data.Frames{series, annotations})
	if len(got) != 1 || got[0] != series {
		t.Errorf("seriesFrames kept %d frames, want only the series frame", len(got))
	}
}
