package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/suite"
)

func runSuite(args []string) int {
	fs := flag.NewFlagSet("suite", flag.ContinueOnError)
	var plugin pluginFlags
	plugin.register(fs)
	prometheusURL := fs.String("prometheus-url", os.Getenv("PROM_URL"), "Prometheus the checks query (default $PROM_URL)")
	expr := fs.String("expr", "traceo_test_cpu", "PromQL expression the Prometheus fixture has several series for")
	nanExpr := fs.String("nan-expr", "traceo_test_special", "PromQL expression whose series hold NaN samples")
	window := fs.Duration("range", time.Hour, "time range the data checks query")
	dataEnd := fs.Int64("data-end", envInt("PROM_DATA_END"), "epoch seconds where the fixture's data ends (default $PROM_DATA_END; 0: now)")
	provisioningDir := fs.String("provisioning-dir", "provisioning", "the repository's Grafana provisioning directory the provisioning checks read")
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
		Executable:      plugin.executable,
		PrometheusURL:   *prometheusURL,
		Expr:            *expr,
		NaNExpr:         *nanExpr,
		Range:           *window,
		DataEnd:         epochOrZero(*dataEnd),
		ProvisioningDir: *provisioningDir,
		Env:             env,
		Grafana:         grafanactx.Grafana{Version: plugin.grafanaVersion, AppURL: "http://localhost:3000/"},
		Logger:          logger,
		Out:             os.Stdout,
	})
	for _, result := range results {
		if !result.Passed {
			return 1
		}
	}
	return 0
}

// envInt reads an integer environment variable, 0 when unset or malformed.
func envInt(name string) int64 {
	value, err := strconv.ParseInt(os.Getenv(name), 10, 64)
	if err != nil {
		return 0
	}
	return value
}

func epochOrZero(seconds int64) time.Time {
	if seconds == 0 {
		return time.Time{}
	}
	return time.Unix(seconds, 0)
}
