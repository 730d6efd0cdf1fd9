package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

const mebibyte = 1 << 20

// Print writes the report for people: one line per number, its bar in parentheses.
func (r Report) Print(out io.Writer) {
	lines := []string{
		fmt.Sprintf("%s QueryData overhead: %s, %d series × %d points (%v at %v), %d interleaved runs after %d warm-up runs",
			r.queryLabel(), r.Expr, r.Shape.Series, r.pointsPerSeries(), seconds(r.RangeSeconds), seconds(r.StepSeconds), r.Runs, r.Warmup),
		fmt.Sprintf("  %-44s p50 %8.1f ms   p95 %8.1f ms   (bar p95 ≤ %.0f ms)", "plugin: go-plugin, SDK, Arrow decode", r.Plugin.P50, r.Plugin.P95, r.Bars.PluginP95MS),
		fmt.Sprintf("  %-44s p50 %8.1f ms   p95 %8.1f ms", "direct: Prometheus HTTP, JSON decode in Go", r.Direct.P50, r.Direct.P95),
		fmt.Sprintf("  %-44s p50 %8.2f ×    p95 %8.2f ×    %s", "ratio plugin / direct", r.Ratio.P50, r.Ratio.P95, r.ratioBar()),
		fmt.Sprintf("  %-44s p50 %8.1f ms   p95 %8.1f ms   (bar p95 ≤ %.0f ms)", "plugin's own share, plugin − direct per run", r.PluginShare.P50, r.PluginShare.P95, r.Bars.PluginShareP95MS),
		fmt.Sprintf("exec → handshake     %.0f ms   (bar ≤ %.0f ms)", r.StartupMS, r.Bars.StartupMS),
		fmt.Sprintf("plugin RSS after the runs   %.1f MiB, peak %.1f MiB   (for information: the ≤ %.0f MB bar is on idle RSS)",
			float64(r.Memory.RSSBytes)/mebibyte, float64(r.Memory.PeakRSSBytes)/mebibyte, float64(r.Bars.RSSBytes)/1e6),
	}
	for _, line := range lines {
		fmt.Fprintln(out, line)
	}
}

// queryLabel names the plugin side's query: "raw", or e.g. "anomaly (panel output, training window 7d)".
func (r Report) queryLabel() string {
	if r.Query.Type == "" || r.Query.Type == "raw" {
		return "raw"
	}
	window := r.Query.TrainingWindow
	if window == "" {
		window = "default"
	}
	return fmt.Sprintf("%s (%s output, training window %s)", r.Query.Type, r.Query.Output, window)
}

// ratioBar is the 1.5× bar of a raw query; an anomaly query does more than pass data through, so it has none.
func (r Report) ratioBar() string {
	if r.queryLabel() != "raw" {
		return "(no bar: the query scores every point)"
	}
	return fmt.Sprintf("(bar ≤ %.1f×)", r.Bars.Ratio)
}

func (r Report) pointsPerSeries() int {
	if r.Shape.Series == 0 {
		return 0
	}
	return r.Shape.Points / r.Shape.Series
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// WriteJSON stores the report (every run's time included) for later comparison, creating the directory.
func (r Report) WriteJSON(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	encoded, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(encoded, '\n'), 0o644)
}
