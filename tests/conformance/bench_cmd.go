package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/bench"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
)

// runBench measures a query through the plugin (raw, or the anomaly query type over the same expression) against
// the expression sent to Prometheus directly.
// Timings never fail it: it exits 1 only when something errs (a query fails, the plugin does not start).
func runBench(args []string) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var plugin pluginFlags
	plugin.register(fs)
	prometheusURL := fs.String("prometheus-url", os.Getenv("PROM_URL"), "Prometheus both sides query (default $PROM_URL)")
	expr := fs.String("expr", "traceo_test_bench", "PromQL expression; the fixture's traceo_test_bench has 100 series")
	queryType := fs.String("query-type", "raw", "the plugin side's query type: raw, or anomaly over the same expression")
	output := fs.String("output", "panel", "the plugin side's output: panel or alert")
	trainingWindow := fs.String("training-window", "", "anomaly.trainingWindow of an anomaly query (empty: its default)")
	window := fs.Duration("range", 24*time.Hour, "length of the queried time range")
	step := fs.Duration("step", time.Minute, "evaluation step")
	dataEnd := fs.Int64("data-end", envInt("PROM_DATA_END"), "epoch seconds where the range ends (default $PROM_DATA_END; 0: now)")
	runs := fs.Int("runs", 30, "measured runs of each side")
	warmup := fs.Int("warmup", 5, "discarded warm-up runs of each side")
	out := fs.String("out", "artifacts/bench-raw.json", "where the JSON report goes (empty: nowhere)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *prometheusURL == "" {
		fmt.Fprintln(os.Stderr, "bench: -prometheus-url (or PROM_URL) is required")
		return 2
	}
	env, logger, cleanup, err := plugin.prepare("conformance-bench")
	defer cleanup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	report, err := bench.Run(ctx, bench.Options{
		Executable:    plugin.executable,
		PrometheusURL: *prometheusURL,
		Expr:          *expr,
		Query:         bench.Query{Type: *queryType, Output: *output, TrainingWindow: *trainingWindow},
		Range:         *window,
		Step:          *step,
		End:           epochOrZero(*dataEnd),
		Warmup:        *warmup,
		Runs:          *runs,
		Env:           env,
		Grafana:       grafanactx.Grafana{Version: plugin.grafanaVersion, AppURL: "http://localhost:3000/"},
		Logger:        logger,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	report.Print(os.Stdout)
	if *out != "" {
		if err := report.WriteJSON(*out); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		fmt.Printf("report written to %s\n", *out)
	}
	return 0
}
