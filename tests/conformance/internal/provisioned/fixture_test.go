package provisioned

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	pluginType = "traceo-ml-datasource"
	appType    = "traceo-ml-app"
)

// tree is a small provisioning directory in the repository's shape; tests break one thing at a time.
func tree() map[string]string {
	return map[string]string{
		"datasources/ds.yaml": `apiVersion: 1
datasources:
  - name: Traceo ML
    uid: traceo-ml
    type: traceo-ml-datasource
    jsonData:
      prometheusUrl: http://prometheus:9090
  - name: Prometheus
    uid: prometheus
    type: prometheus
`,
		"plugins/app.yaml": `apiVersion: 1
apps:
  - type: traceo-ml-app
    jsonData:
      defaultDataSourceUid: traceo-ml
`,
		"alerting/rules.yaml": `apiVersion: 1
groups:
  - name: g
    folder: F
    interval: 1m
    rules:
      - uid: load-high
        title: Load high
        condition: C
        data:
          - refId: A
            relativeTimeRange: {from: 600, to: 0}
            datasourceUid: traceo-ml
            model:
              refId: A
              datasource: {type: traceo-ml-datasource, uid: traceo-ml}
              queryType: raw
              expr: node_load1
              output: alert
              intervalMs: 60000
          - refId: B
            datasourceUid: __expr__
            model: {refId: B, type: reduce, expression: A, reducer: last, settings: {mode: dropNN}}
          - refId: C
            datasourceUid: __expr__
            model:
              refId: C
              type: threshold
              expression: B
              conditions: [{evaluator: {type: gt, params: [4]}}]
`,
		"dashboards/provider.yaml": `apiVersion: 1
providers:
  - name: Traceo ML
    type: file
    options:
      path: /etc/grafana/provisioning/dashboards/json
`,
		"dashboards/json/node.json": `{
  "uid": "node", "title": "Node",
  "time": {"from": "now-1h", "to": "now"},
  "templating": {"list": [{"name": "instance", "type": "query", "includeAll": true, "multi": true,
    "datasource": {"type": "prometheus", "uid": "prometheus"}, "current": {"text": "All", "value": "$__all"}}]},
  "annotations": {"list": [{"name": "Annotations & Alerts", "datasource": {"type": "grafana", "uid": "-- Grafana --"}}]},
  "panels": [
    {"id": 1, "title": "CPU", "datasource": {"type": "traceo-ml-datasource", "uid": "traceo-ml"},
     "targets": [
       {"refId": "A", "datasource": {"type": "traceo-ml-datasource", "uid": "traceo-ml"}, "queryType": "raw",
        "expr": "rate(node_cpu_seconds_total{instance=~\"$instance\"}[$__rate_interval])", "output": "panel"},
       {"refId": "B", "queryType": "raw", "expr": "node_load1{instance=~\"${instance}\"}", "hide": true}]},
    {"id": 2, "title": "Plain Prometheus", "datasource": {"type": "prometheus", "uid": "prometheus"}, "targets": [{"refId": "A", "expr": "up"}]},
    {"id": 3, "type": "row", "title": "More", "panels": [
      {"id": 4, "title": "Load", "datasource": {"type": "traceo-ml-datasource", "uid": "traceo-ml"}, "maxDataPoints": 300,
       "targets": [{"refId": "L", "queryType": "raw", "expr": "node_load1{instance=~\"[[instance]]\"}"}]}]}
  ]
}`,
	}
}

// writeTree writes files (relative path → content) into a fresh directory and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadWith loads tree() with one file's text replaced (old → new must match exactly once).
func loadWith(t *testing.T, file, old, replacement string) Provisioning {
	t.Helper()
	files := tree()
	if old != "" {
		if strings.Count(files[file], old) != 1 {
			t.Fatalf("%q occurs %d times in %s", old, strings.Count(files[file], old), file)
		}
		files[file] = strings.Replace(files[file], old, replacement, 1)
	}
	p, err := Load(writeTree(t, files))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
