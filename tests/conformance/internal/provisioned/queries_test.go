package provisioned

import (
	"testing"
	"time"
)

func TestAlertRequestsCarryTheRuleWindowAndEngineDefaults(t *testing.T) {
	requests := AlertRequests(loadWith(t, "", "", ""), pluginType)
	if len(requests) != 1 || !requests[0].Alerting || len(requests[0].Queries) != 1 {
		t.Fatalf("requests %+v", requests)
	}
	query := requests[0].Queries[0]
	if query.RefID != "A" || query.Model["expr"] != "node_load1" {
		t.Errorf("query %+v", query)
	}
	if query.From != 10*time.Minute || query.To != 0 {
		t.Errorf("window %v → %v, want the rule's 600 s → 0 s", query.From, query.To)
	}
	if query.MaxDataPoints != alertMaxDataPoints || query.Interval != time.Minute {
		t.Errorf("maxDataPoints %d (engine default), interval %v (model's intervalMs)", query.MaxDataPoints, query.Interval)
	}

	other := loadWith(t, "alerting/rules.yaml", "datasourceUid: traceo-ml", "datasourceUid: prometheus")
	if requests := AlertRequests(other, pluginType); len(requests) != 0 {
		t.Errorf("a rule querying another data source is not the plugin's: %+v", requests)
	}
}

func TestDashboardRequestsAreOnePerPanelWithVariablesReplaced(t *testing.T) {
	requests, err := DashboardRequests(loadWith(t, "", "", ""), pluginType)
	if err != nil {
		t.Fatal(err)
	}
	if len(requests) != 2 {
		t.Fatalf("%d requests, want panels 1 and 4 (panel 2 is plain Prometheus): %+v", len(requests), requests)
	}
	cpu := requests[0]
	if cpu.Alerting || len(cpu.Queries) != 1 || cpu.Queries[0].RefID != "A" {
		t.Fatalf("panel 1 sends only its visible target A: %+v", cpu)
	}
	if got := cpu.Queries[0].Model["expr"]; got != `rate(node_cpu_seconds_total{instance=~".*"}[$__rate_interval])` {
		t.Errorf("expr %v", got)
	}
	if cpu.Queries[0].From != time.Hour || cpu.Queries[0].To != 0 || cpu.Queries[0].MaxDataPoints != panelMaxDataPoints {
		t.Errorf("panel 1 query %+v", cpu.Queries[0])
	}

	load := requests[1].Queries[0]
	if load.Model["expr"] != `node_load1{instance=~".*"}` || load.MaxDataPoints != 300 {
		t.Errorf("panel 4 (inside a row) %+v", load)
	}
	ds, _ := load.Model["datasource"].(map[string]any)
	if ds["uid"] != "traceo-ml" || ds["type"] != pluginType {
		t.Errorf("a target without a data source is sent with the panel's, got %v", load.Model["datasource"])
	}

	broken := loadWith(t, "dashboards/json/node.json", `"from": "now-1h"`, `"from": "now-1h/h"`)
	if _, err := DashboardRequests(broken, pluginType); err == nil {
		t.Error("a time range the harness cannot reproduce must be an error")
	}
}
