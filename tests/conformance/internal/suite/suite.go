// Package suite runs the conformance checks: each one drives the plugin executable through Grafana's own
// client code and prints one PASS/FAIL line; the last line is "N passed, N failed".
package suite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/hashicorp/go-hclog"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/launch"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/promapi"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// Options configure one suite run.
type Options struct {
	Executable    string
	PrometheusURL string
	// Expr is a PromQL expression the Prometheus fixture has data for over Range before DataEnd.
	Expr string
	// NaNExpr returns series with NaN samples in the same window (alert output must turn them into null).
	NaNExpr string
	Range   time.Duration
	// DataEnd is where the fixture's data ends; zero means live data up to now.
	DataEnd time.Time
	// ProvisioningDir is the repository's provisioning/ (data sources, app, alert rules, dashboards).
	ProvisioningDir string
	// Env is Grafana's environment for the plugin (launch.GrafanaEnv).
	Env     []string
	Grafana grafanactx.Grafana
	Logger  hclog.Logger
	Out     io.Writer
}

// Result is the outcome of one check.
type Result struct {
	Name   string
	Passed bool
	Detail string
}

// check is one named assertion; it returns a detail line for the report, and an error when it fails.
type check struct {
	name string
	run  func(ctx context.Context) (string, error)
}

// errNotRunning fails every check that needs the main plugin process when it could not be started.
var errNotRunning = errors.New("plugin process is not running (see the handshake check)")

// Suite holds the state the checks share: the Grafana side, the main plugin process and its client.
type Suite struct {
	opts       Options
	dataSource settings.DataSource
	prometheus promapi.Client
	process    *launch.Process
	client     *sdkclient.Client
	variants   int
}

// Run executes every check in order and reports; it returns the results for the caller's exit code.
func Run(ctx context.Context, opts Options) []Result {
	s := &Suite{
		opts:       opts,
		prometheus: promapi.Client{BaseURL: strings.TrimRight(opts.PrometheusURL, "/")},
		dataSource: settings.DataSource{
			ID: 1, UID: "traceo-ml", Name: "Traceo ML", Type: settings.DataSourcePluginID, OrgID: 1,
			JSONData: map[string]any{"prometheusUrl": opts.PrometheusURL, "timeoutSeconds": 30},
			Updated:  time.Now().Truncate(time.Millisecond),
		},
	}
	defer s.stopMain()

	var results []Result
	for _, c := range s.checks() {
		checkCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
		detail, err := c.run(checkCtx)
		cancel()
		result := Result{Name: c.name, Passed: err == nil, Detail: detail}
		if err != nil {
			result.Detail = err.Error()
			if detail != "" {
				result.Detail = detail + ": " + err.Error()
			}
		}
		results = append(results, result)
		status := "PASS"
		if !result.Passed {
			status = "FAIL"
		}
		fmt.Fprintf(opts.Out, "%s %-28s %s\n", status, c.name, oneLine(result.Detail))
	}
	passed := 0
	for _, r := range results {
		if r.Passed {
			passed++
		}
	}
	fmt.Fprintf(opts.Out, "%d passed, %d failed\n", passed, len(results)-passed)
	return results
}

// checks lists every check in run order. The main process lives from "handshake" to "shutdown"; the
// stdout audit comes after shutdown so it covers the whole life of the process.
func (s *Suite) checks() []check {
	return []check{
		{"handshake", s.checkHandshake},
		{"startup-time", s.checkStartupTime},
		{"grpc-health", s.checkGRPCHealth},
		{"check-health-ok", s.checkHealthOK},
		{"check-health-unreachable", s.checkHealthUnreachable},
		{"check-health-empty-url", s.checkHealthEmptyURL},
		{"query-raw-panel", s.checkQueryRawPanel},
		{"query-raw-alert", s.checkQueryRawAlert},
		{"query-alert-nan-as-null", s.checkQueryAlertNaN},
		{"query-refid-isolation", s.checkRefIDIsolation},
		{"concurrent-queries", s.checkConcurrentQueries},
		{"query-anomaly-panel", s.checkQueryAnomalyPanel},
		{"anomaly-recorded-for-labeling", s.checkAnomalyRecorded},
		{"anomaly-refresh-identical", s.checkAnomalyRefresh},
		{"query-anomaly-alert", s.checkQueryAnomalyAlert},
		{"query-anomaly-limits", s.checkQueryAnomalyLimits},
		{"query-anomaly-autoencoder", s.checkQueryAnomalyAutoencoder},
		{"query-forecast-panel", s.checkQueryForecastPanel},
		{"query-forecast-alert", s.checkQueryForecastAlert},
		{"query-forecast-lstm", s.checkQueryForecastLSTM},
		{"provisioning-references", s.checkProvisioningReferences},
		{"provisioning-alert-chain", s.checkProvisioningAlertChain},
		{"provisioned-alert-queries", s.checkProvisionedAlertQueries},
		{"provisioned-panel-queries", s.checkProvisionedDashboardQueries},
		{"prometheus-down", s.checkPrometheusDown},
		{"prometheus-timeout", s.checkPrometheusTimeout},
		{"point-limit", s.checkPointLimit},
		{"oversized-request", s.checkOversizedRequest},
		{"cancelled-request", s.checkCancelledRequest},
		{"call-resource-unknown-path", s.checkCallResourceUnknownPath},
		{"collect-metrics", s.checkCollectMetrics},
		{"sigint-ignored", s.checkSIGINTIgnored},
		{"shutdown", s.checkShutdown},
		{"stdout-handshake-only", s.checkStdoutClean},
		{"stderr-hclog-json", s.checkStderrLogs},
		{"kill9-restart", s.checkKillAndRestart},
	}
}

// start launches a plugin process the way Grafana does and dispenses its clients.
func (s *Suite) start(audit bool) (*launch.Process, *sdkclient.Client, error) {
	process, err := launch.Start(launch.Config{
		Executable: s.opts.Executable,
		Env:        s.opts.Env,
		Logger:     s.opts.Logger,
		Audit:      audit,
	})
	if err != nil {
		return nil, nil, err
	}
	client, err := sdkclient.New(process.Protocol)
	if err != nil {
		process.Kill()
		return nil, nil, err
	}
	return process, client, nil
}

func (s *Suite) stopMain() {
	if s.process != nil {
		s.process.Kill()
	}
}

// main returns the running main process' client, or errNotRunning.
func (s *Suite) main() (*sdkclient.Client, error) {
	if s.process == nil || s.process.Exited() {
		return nil, errNotRunning
	}
	return s.client, nil
}

// variant is another instance of the data source, as if configured next to the main one in Grafana: its own
// uid and id, so the plugin's instance cache keeps it apart from the main one.
func (s *Suite) variant(name string, jsonData map[string]any) settings.DataSource {
	s.variants++
	ds := s.dataSource.WithJSONData(jsonData)
	ds.ID = s.dataSource.ID + int64(s.variants)
	ds.UID = s.dataSource.UID + "-" + name
	ds.Name = s.dataSource.Name + " (" + name + ")"
	return ds
}

// pluginContext is the context of a call for ds, made by user (nil for Grafana-internal calls like alerting).
func (s *Suite) pluginContext(ds settings.DataSource, user *backend.User) (backend.PluginContext, error) {
	return s.opts.Grafana.DataSourceContext(ds, user)
}

func oneLine(text string) string {
	return strings.Join(strings.Fields(text), " ")
}
