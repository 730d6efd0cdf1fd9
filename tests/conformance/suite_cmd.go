package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/suite"
)

func runSuite(args []string) int {
	fs := flag.NewFlagSet("suite", flag.ContinueOnError)
	var plugin pluginFlags
	plugin.register(fs)
	prometheusURL := fs.String("prometheus-url", os.Getenv("PROM_URL"), "Prometheus the checks query (default $PROM_URL)")
	expr := fs.String("expr", "up", "PromQL expression the Prometheus fixture has data for")
	window := fs.Duration("range", time.Hour, "time range the data checks query")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *prometheusURL == "" {
		fmt.Fprintln(os.Stderr, "suite: -prometheus-url (or PROM_URL) is required")
		return 2
	}
	env, logger, cleanup, err := plugin.prepare("conformance")
	defer cleanup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "suite:", err)
		return 2
	}
	results := suite.Run(context.Background(), suite.Options{
		Executable:    plugin.executable,
		PrometheusURL: *prometheusURL,
		Expr:          *expr,
		Range:         *window,
		Env:           env,
		Grafana:       grafanactx.Grafana{Version: plugin.grafanaVersion, AppURL: "http://localhost:3000/"},
		Logger:        logger,
		Out:           os.Stdout,
	})
	for _, result := range results {
		if !result.Passed {
			return 1
		}
	}
	return 0
}
