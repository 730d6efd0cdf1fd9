// Package bench measures what the plugin adds to a raw query: the same Prometheus range query answered
// through the plugin (Grafana's go-plugin client, SDK conversion and Arrow decoding) and sent by Grafana's own
// Prometheus data source path (HTTP and a JSON decode in Go), interleaved in one run so both see the same
// machine. It is a benchmark, not a check: it reports numbers and fails only when a query fails.
package bench

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/launch"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
)

// Options configure one benchmark.
type Options struct {
	Executable    string
	PrometheusURL string
	// Expr is the PromQL both sides run; the fixture's traceo_test_bench has 100 series.
	Expr string
	// Query is what the plugin is asked for: a raw query, or the anomaly query type over the same expression.
	Query Query
	// Range and Step: 24 h at 60 s is the DESIGN.md §5 workload (1,440 points per series).
	Range time.Duration
	Step  time.Duration
	// End is where the queried window ends: the fixture's last sample; zero means now.
	End time.Time
	// Warmup runs of each side are discarded (JIT, connection pools, Prometheus' caches); Runs are measured.
	// At least one warm-up runs whatever Warmup says: it proves both sides answer, and answer the same.
	Warmup int
	Runs   int
	// Env is Grafana's environment for the plugin (launch.GrafanaEnv).
	Env     []string
	Grafana grafanactx.Grafana
	Logger  hclog.Logger
}

// Query is the plugin side's query type and output; the direct side always runs Expr as it is.
type Query struct {
	// Type is "raw" or "anomaly".
	Type string `json:"type"`
	// Output is "panel" or "alert".
	Output string `json:"output"`
	// TrainingWindow is the anomaly query's anomaly.trainingWindow (a Prometheus duration); empty: its default.
	TrainingWindow string `json:"trainingWindow,omitempty"`
}

// Shape is how much data one answer held; both sides must agree on it, or they did not do the same work.
type Shape struct {
	Series int `json:"series"`
	Points int `json:"points"`
}

// Report is the outcome, in milliseconds; it is also the artifacts/bench-raw.json document.
type Report struct {
	Expr           string  `json:"expr"`
	Query          Query   `json:"query"`
	Executable     string  `json:"executable"`
	GrafanaVersion string  `json:"grafanaVersion"`
	RangeSeconds   float64 `json:"rangeSeconds"`
	StepSeconds    float64 `json:"stepSeconds"`
	Warmup         int     `json:"warmupRuns"`
	Runs           int     `json:"runs"`
	Shape          Shape   `json:"shape"`
	// Plugin is QueryData through go-plugin, SDK conversion and data.UnmarshalArrowFrames.
	Plugin Distribution `json:"pluginMs"`
	// Direct is query_range over HTTP plus a streaming JSON decode into frames.
	Direct Distribution `json:"directMs"`
	// Ratio is plugin over direct, at p50 and at p95.
	Ratio Ratio `json:"ratio"`
	// PluginShare is plugin − direct, paired run by run.
	PluginShare Distribution `json:"pluginShareMs"`
	// StartupMS runs from exec to the parsed handshake line.
	StartupMS float64 `json:"startupMs"`
	// Memory is the plugin's after the measured runs.
	Memory Memory `json:"memory"`
	Bars   Bars   `json:"bars"`
}

// Ratio compares two distributions at the same percentile.
type Ratio struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
}

// Bars are the targets from DESIGN.md §5 and the brief, printed next to the numbers, never enforced here.
type Bars struct {
	PluginP95MS      float64 `json:"pluginP95Ms"`
	PluginShareP95MS float64 `json:"pluginShareP95Ms"`
	Ratio            float64 `json:"ratio"`
	StartupMS        float64 `json:"startupMs"`
	RSSBytes         int64   `json:"rssBytes"`
}

// DefaultBars: QueryData p95 ≤ 300 ms end to end with the plugin's share ≤ 150 ms, at most 1.5× a direct
// query, handshake ≤ 1 s and RSS ≤ 150 MB.
var DefaultBars = Bars{PluginP95MS: 300, PluginShareP95MS: 150, Ratio: 1.5, StartupMS: 1000, RSSBytes: 150_000_000}

// Run starts the plugin, warms both sides up, measures them interleaved and reads the plugin's memory.
func Run(ctx context.Context, opts Options) (Report, error) {
	if opts.Runs < 1 || opts.Warmup < 0 || opts.Step <= 0 || opts.Range < opts.Step {
		return Report{}, fmt.Errorf("want runs ≥ 1, warmup ≥ 0 and 0 < step ≤ range; got %d, %d, %v, %v", opts.Runs, opts.Warmup, opts.Step, opts.Range)
	}
	if opts.Query.Type == "" {
		opts.Query.Type = "raw"
	}
	if opts.Query.Output == "" {
		opts.Query.Output = "panel"
	}
	if (opts.Query.Type != "raw" && opts.Query.Type != "anomaly") || (opts.Query.Output != "panel" && opts.Query.Output != "alert") {
		return Report{}, fmt.Errorf("want query type raw or anomaly and output panel or alert; got %q, %q", opts.Query.Type, opts.Query.Output)
	}
	process, err := launch.Start(launch.Config{Executable: opts.Executable, Env: opts.Env, Logger: opts.Logger})
	if err != nil {
		return Report{}, err
	}
	defer process.Kill()
	client, err := sdkclient.New(process.Protocol)
	if err != nil {
		return Report{}, err
	}

	end := opts.End
	if end.IsZero() {
		end = time.Now()
	}
	window := newWindow(end, opts.Range, opts.Step)
	plugin, err := newPluginSide(client, opts, window)
	if err != nil {
		return Report{}, err
	}
	direct := directSide{client: NewDirectClient(opts.PrometheusURL), expr: opts.Expr, window: window}

	shape, err := warmUp(ctx, plugin, direct, max(opts.Warmup, 1))
	if err != nil {
		return Report{}, err
	}
	pluginTimes, directTimes, err := measure(ctx, plugin, direct, shape, opts.Runs)
	if err != nil {
		return Report{}, err
	}
	memory, err := ReadMemory(process.PID())
	if err != nil {
		return Report{}, fmt.Errorf("plugin memory: %w", err)
	}

	executable, err := filepath.Abs(opts.Executable)
	if err != nil {
		return Report{}, err
	}
	report := Report{
		Expr:           opts.Expr,
		Query:          opts.Query,
		Executable:     executable,
		GrafanaVersion: opts.Grafana.Version,
		RangeSeconds:   opts.Range.Seconds(),
		StepSeconds:    opts.Step.Seconds(),
		Warmup:         opts.Warmup,
		Runs:           opts.Runs,
		Shape:          shape,
		Plugin:         Summarise(pluginTimes),
		Direct:         Summarise(directTimes),
		PluginShare:    summariseMS(pairedDifferences(pluginTimes, directTimes)),
		StartupMS:      milliseconds(process.StartupTime),
		Memory:         memory,
		Bars:           DefaultBars,
	}
	report.Ratio = Ratio{P50: report.Plugin.P50 / report.Direct.P50, P95: report.Plugin.P95 / report.Direct.P95}
	return report, nil
}

// side is one way of answering the query; run returns how long the call took and what it returned.
type side interface {
	name() string
	run(ctx context.Context) (time.Duration, Shape, error)
}

// warmUp runs both sides (at least once, which also proves both answer) and returns the shape they agree on.
func warmUp(ctx context.Context, plugin, direct side, runs int) (Shape, error) {
	var shape Shape
	for i := 0; i < runs; i++ {
		_, pluginShape, err := plugin.run(ctx)
		if err != nil {
			return Shape{}, fmt.Errorf("%s: %w", plugin.name(), err)
		}
		_, directShape, err := direct.run(ctx)
		if err != nil {
			return Shape{}, fmt.Errorf("%s: %w", direct.name(), err)
		}
		if pluginShape != directShape {
			return Shape{}, fmt.Errorf("the plugin answered %+v, Prometheus %+v: not the same work", pluginShape, directShape)
		}
		if pluginShape.Series == 0 {
			return Shape{}, errors.New("no series: does the Prometheus fixture hold the benchmark metric?")
		}
		shape = pluginShape
	}
	return shape, nil
}

// measure interleaves the sides and swaps which goes first on every run, so neither always meets a freshly
// idle (or freshly busy) Prometheus. Garbage the harness made decoding the previous answer is collected
// before each call, so its pauses land in neither side's time.
func measure(ctx context.Context, plugin, direct side, want Shape, runs int) (pluginTimes, directTimes []time.Duration, err error) {
	sides := [2]side{plugin, direct}
	times := [2][]time.Duration{make([]time.Duration, 0, runs), make([]time.Duration, 0, runs)}
	for i := 0; i < runs; i++ {
		for k := range sides {
			which := (i + k) % 2 // even runs: plugin then direct; odd runs: direct then plugin
			runtime.GC()
			elapsed, shape, err := sides[which].run(ctx)
			if err != nil {
				return nil, nil, fmt.Errorf("run %d, %s: %w", i+1, sides[which].name(), err)
			}
			if shape != want {
				return nil, nil, fmt.Errorf("run %d, %s: answered %+v, earlier runs %+v", i+1, sides[which].name(), shape, want)
			}
			times[which] = append(times[which], elapsed)
		}
	}
	return times[0], times[1], nil
}
