package suite

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
)

// The report format is an interface: CI parses the last line.
func TestReportHasOneLinePerCheckAndTheSummaryLast(t *testing.T) {
	var out bytes.Buffer
	results := Run(context.Background(), Options{
		Executable:    "/nonexistent/gpx_traceo-ml-datasource_linux_amd64",
		PrometheusURL: "http://127.0.0.1:1",
		Expr:          "up",
		NaNExpr:       "up",
		Range:         time.Hour,
		Grafana:       grafanactx.Grafana{Version: "13.1.0"},
		Out:           &out,
	})
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(results)+1 || len(results) == 0 {
		t.Fatalf("%d results, %d lines:\n%s", len(results), len(lines), out.String())
	}
	checkLine := regexp.MustCompile(`^(PASS|FAIL) \S+ +\S`)
	for i, result := range results {
		if !checkLine.MatchString(lines[i]) || !strings.Contains(lines[i], result.Name) {
			t.Errorf("line %q does not report check %s", lines[i], result.Name)
		}
		if result.Passed {
			t.Errorf("%s passed without a plugin", result.Name)
		}
	}
	if want := "0 passed, " + strconv.Itoa(len(results)) + " failed"; lines[len(lines)-1] != want {
		t.Errorf("summary %q, want %q", lines[len(lines)-1], want)
	}
	if !strings.Contains(lines[0], "no such file") {
		t.Errorf("the handshake failure should say why: %q", lines[0])
	}
}
