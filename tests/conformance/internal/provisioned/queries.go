package provisioned

import (
	"fmt"
	"time"
)

// Request is one QueryData call Grafana would make to the plugin for provisioned content: all Traceo ML
// queries of one alert rule (the alerting engine), or of one dashboard panel (the browser, via /api/ds/query).
type Request struct {
	// Source names the rule or panel, for reports.
	Source string
	// Alerting: sent by the alerting engine (no user, alert headers), else by a dashboard viewer.
	Alerting bool
	Queries  []Query
}

// Query is one query model and the window and resolution Grafana would send with it.
type Query struct {
	RefID string
	// Model is the JSON Grafana forwards as DataQuery.JSON, template variables already replaced.
	Model map[string]any
	// From and To are how long before the evaluation time (alerts) or the dashboard's now the window lies.
	From, To      time.Duration
	MaxDataPoints int64
	Interval      time.Duration
}

// Defaults of Grafana's alerting engine for models without maxDataPoints / intervalMs (ngalert models).
const (
	alertMaxDataPoints = 43200
	alertInterval      = time.Second
)

// What a browser sends for a panel: about a thousand pixels wide, at the 15 s minimum interval Prometheus
// data sources use by default.
const (
	panelMaxDataPoints = 1000
	panelInterval      = 15 * time.Second
)

// PluginUIDs are the uids provisioned as data sources of pluginType.
func PluginUIDs(p Provisioning, pluginType string) map[string]bool {
	uids := map[string]bool{}
	for _, ds := range p.DataSources {
		if ds.Type == pluginType && ds.UID != "" {
			uids[ds.UID] = true
		}
	}
	return uids
}

// AlertRequests lists, per rule, its data queries to the plugin's data sources, each with its own window.
func AlertRequests(p Provisioning, pluginType string) []Request {
	uids := PluginUIDs(p, pluginType)
	var requests []Request
	for _, group := range p.RuleGroups {
		for _, rule := range group.Rules {
			request := Request{Source: "alert rule " + rule.UID, Alerting: true}
			for _, step := range rule.Data {
				if !uids[step.DatasourceUID] || step.RelativeTimeRange == nil {
					continue
				}
				request.Queries = append(request.Queries, Query{
					RefID:         step.RefID,
					Model:         step.Model,
					From:          time.Duration(step.RelativeTimeRange.From) * time.Second,
					To:            time.Duration(step.RelativeTimeRange.To) * time.Second,
					MaxDataPoints: int64OrDefault(step.Model["maxDataPoints"], alertMaxDataPoints),
					Interval:      time.Duration(int64OrDefault(step.Model["intervalMs"], alertInterval.Milliseconds())) * time.Millisecond,
				})
			}
			if len(request.Queries) > 0 {
				requests = append(requests, request)
			}
		}
	}
	return requests
}

// DashboardRequests lists, per panel, its visible targets on the plugin's data sources over the dashboard's
// default time range, with the dashboard's variables at their saved selection.
func DashboardRequests(p Provisioning, pluginType string) ([]Request, error) {
	uids := PluginUIDs(p, pluginType)
	var requests []Request
	for _, dashboard := range p.Dashboards {
		from, err := BeforeNow(dashboard.Time.From)
		if err != nil {
			return nil, fmt.Errorf("dashboard %s: %w", dashboard.UID, err)
		}
		to, err := BeforeNow(dashboard.Time.To)
		if err != nil {
			return nil, fmt.Errorf("dashboard %s: %w", dashboard.UID, err)
		}
		for _, panel := range dashboard.AllPanels() {
			request := Request{Source: fmt.Sprintf("dashboard %s panel %d %q", dashboard.UID, panel.ID, panel.Title)}
			for i, target := range panel.Targets {
				ref := refOf(target)
				if ref == nil || ref.UID == "" {
					ref = panel.Datasource
				}
				if hidden, _ := target["hide"].(bool); hidden || ref == nil || !uids[ref.UID] {
					continue
				}
				query := Query{
					RefID:         targetRefID(target, i),
					Model:         browserModel(target, ref, dashboard.Templating.List),
					From:          from,
					To:            to,
					MaxDataPoints: int64OrDefault(panel.MaxDataPoints, panelMaxDataPoints),
					Interval:      panelInterval,
				}
				// The browser posts the resolution inside each query object; Grafana forwards it in the JSON.
				query.Model["refId"] = query.RefID
				query.Model["maxDataPoints"] = query.MaxDataPoints
				query.Model["intervalMs"] = query.Interval.Milliseconds()
				request.Queries = append(request.Queries, query)
			}
			if len(request.Queries) > 0 {
				requests = append(requests, request)
			}
		}
	}
	return requests, nil
}

// browserModel is the target as the browser posts it: the data source stated, string fields interpolated.
func browserModel(target map[string]any, ref *DataSourceRef, variables []Variable) map[string]any {
	model := make(map[string]any, len(target)+1)
	for key, value := range target {
		if text, ok := value.(string); ok {
			value = InterpolateVariables(text, variables)
		}
		model[key] = value
	}
	model["datasource"] = map[string]any{"type": ref.Type, "uid": ref.UID}
	return model
}

// int64OrDefault reads a number decoded from YAML (int) or JSON (float64); zero or absent gives def.
func int64OrDefault(value any, def int64) int64 {
	var n int64
	switch v := value.(type) {
	case int:
		n = int64(v)
	case int64:
		n = v
	case float64:
		n = int64(v)
	}
	if n <= 0 {
		return def
	}
	return n
}
