package suite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/dataplane/sdata/timeseries"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/provisioned"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// appPluginID is the app's plugin id (src/contract/settings.ts APP_PLUGIN_ID): its jsonData names the default
// data source uid.
const appPluginID = "traceo-ml-app"

// loadProvisioning reads the repository's provisioning directory (Options.ProvisioningDir).
func (s *Suite) loadProvisioning() (provisioned.Provisioning, error) {
	if s.opts.ProvisioningDir == "" {
		return provisioned.Provisioning{}, errors.New("no provisioning directory given (-provisioning-dir)")
	}
	p, err := provisioned.Load(s.opts.ProvisioningDir)
	if err != nil {
		return p, err
	}
	if len(provisioned.PluginUIDs(p, settings.DataSourcePluginID)) == 0 {
		return p, fmt.Errorf("%s provisions no %s data source", s.opts.ProvisioningDir, settings.DataSourcePluginID)
	}
	return p, nil
}

// checkProvisioningReferences: Grafana resolves every dashboard, alert and app reference by uid; a wrong type
// or an unprovisioned uid shows up only as a broken panel or an erroring rule after start.
func (s *Suite) checkProvisioningReferences(_ context.Context) (string, error) {
	p, err := s.loadProvisioning()
	if err != nil {
		return "", err
	}
	if err := provisioned.CheckReferences(p, settings.DataSourcePluginID, appPluginID); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d data sources, %d apps, %d rule groups, %d dashboards: every reference names a provisioned uid of its type",
		len(p.DataSources), len(p.Apps), len(p.RuleGroups), len(p.Dashboards)), nil
}

// checkProvisioningAlertChain: a rule whose condition or expression inputs do not line up is rejected when
// Grafana provisions it, or never fires.
func (s *Suite) checkProvisioningAlertChain(_ context.Context) (string, error) {
	p, err := s.loadProvisioning()
	if err != nil {
		return "", err
	}
	var checked []string
	var problems []error
	for _, group := range p.RuleGroups {
		for _, rule := range group.Rules {
			checked = append(checked, rule.UID)
			if err := provisioned.CheckRuleChain(rule); err != nil {
				problems = append(problems, fmt.Errorf("%s: rule %s: %w", group.File, rule.UID, err))
			}
		}
	}
	if len(checked) == 0 {
		return "", errors.New("no alert rules provisioned: nothing shows that alerting works with the plugin")
	}
	if err := errors.Join(problems...); err != nil {
		return "", err
	}
	return fmt.Sprintf("data query → reduce → threshold, condition on the threshold: %s", strings.Join(checked, ", ")), nil
}

// checkProvisionedAlertQueries sends every provisioned rule's queries as the alerting engine does, over the
// rule's own window, and holds the answers to what server-side expressions need.
func (s *Suite) checkProvisionedAlertQueries(ctx context.Context) (string, error) {
	p, err := s.loadProvisioning()
	if err != nil {
		return "", err
	}
	requests := provisioned.AlertRequests(p, settings.DataSourcePluginID)
	if len(requests) == 0 {
		return "", fmt.Errorf("no provisioned alert rule queries a %s data source", settings.DataSourcePluginID)
	}
	return s.sendProvisioned(ctx, p, requests, dataplane.AlertSeries)
}

// checkProvisionedDashboardQueries sends every provisioned panel's queries as the browser does with the
// dashboard's saved variable selection ("All"), leaving `$__rate_interval` and friends to the plugin.
func (s *Suite) checkProvisionedDashboardQueries(ctx context.Context) (string, error) {
	p, err := s.loadProvisioning()
	if err != nil {
		return "", err
	}
	requests, err := provisioned.DashboardRequests(p, settings.DataSourcePluginID)
	if err != nil {
		return "", err
	}
	if len(requests) == 0 {
		return "", fmt.Errorf("no provisioned dashboard panel queries a %s data source", settings.DataSourcePluginID)
	}
	return s.sendProvisioned(ctx, p, requests, dataplane.TimeSeriesMulti)
}

// sendProvisioned makes one QueryData call per request against the fixture Prometheus and requires every
// query to answer without error, in frames validate accepts, with at least one series holding a value.
func (s *Suite) sendProvisioned(ctx context.Context, p provisioned.Provisioning, requests []provisioned.Request,
	validate func(data.Frames, string) (timeseries.Collection, error)) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	ds, err := s.provisionedDataSource(p)
	if err != nil {
		return "", err
	}
	end := s.timeRange().To
	var details []string
	for _, request := range requests {
		queries := make([]backend.DataQuery, 0, len(request.Queries))
		for _, query := range request.Queries {
			dataQuery, err := provisionedDataQuery(query, end)
			if err != nil {
				return "", fmt.Errorf("%s: %w", request.Source, err)
			}
			queries = append(queries, dataQuery)
		}
		who := dashboardViewer
		if request.Alerting {
			who = alertingEngine
		}
		resp, err := s.queryData(ctx, client, ds, who, queries...)
		if err != nil {
			return "", fmt.Errorf("%s: %w", request.Source, err)
		}
		for _, query := range request.Queries {
			count, err := seriesWithValues(resp, query.RefID, validate)
			if err != nil {
				return strings.Join(details, "; "), fmt.Errorf("%s refId %s: %w", request.Source, query.RefID, err)
			}
			details = append(details, fmt.Sprintf("%s %s: %d series", request.Source, query.RefID, count))
		}
	}
	return strings.Join(details, "; "), nil
}

// provisionedDataSource is the provisioned Traceo ML data source (its jsonData, environment expanded as
// Grafana does) pointed at the fixture Prometheus. It gets an instance identity of its own so the plugin's
// instance cache keeps it apart from the main data source the other checks use.
func (s *Suite) provisionedDataSource(p provisioned.Provisioning) (settings.DataSource, error) {
	for _, entry := range p.DataSources {
		if entry.Type != settings.DataSourcePluginID {
			continue
		}
		loaded, err := settings.LoadProvisioned(entry.File, entry.UID)
		if err != nil {
			return settings.DataSource{}, err
		}
		ds := s.variant("provisioned", nil)
		ds.JSONData = loaded.WithJSONData(map[string]any{"prometheusUrl": s.opts.PrometheusURL}).JSONData
		ds.SecureJSONData = loaded.SecureJSONData
		return ds, nil
	}
	return settings.DataSource{}, fmt.Errorf("no %s data source provisioned", settings.DataSourcePluginID)
}

// provisionedDataQuery is what Grafana's query service makes of the model: the window counts back from end.
func provisionedDataQuery(query provisioned.Query, end time.Time) (backend.DataQuery, error) {
	raw, err := json.Marshal(query.Model)
	if err != nil {
		return backend.DataQuery{}, err
	}
	queryType, _ := query.Model["queryType"].(string)
	return backend.DataQuery{
		RefID:         query.RefID,
		QueryType:     queryType,
		MaxDataPoints: query.MaxDataPoints,
		Interval:      query.Interval,
		TimeRange:     backend.TimeRange{From: end.Add(-query.From), To: end.Add(-query.To)},
		JSON:          raw,
	}, nil
}

// seriesWithValues validates one refId's answer and counts its series; it fails without a single value, since
// the fixture holds data for every provisioned query.
func seriesWithValues(resp *backend.QueryDataResponse, refID string, validate func(data.Frames, string) (timeseries.Collection, error)) (int, error) {
	res, err := singleResponse(resp, refID)
	if err != nil {
		return 0, err
	}
	if res.Error != nil {
		return 0, fmt.Errorf("status %d (%s): %w", res.Status, res.ErrorSource, res.Error)
	}
	collection, err := validate(res.Frames, refID)
	if err != nil {
		return 0, err
	}
	series, err := dataplane.SeriesOf(collection)
	if err != nil {
		return 0, err
	}
	for _, one := range series {
		for _, point := range one.Points {
			if point.Value != nil {
				return len(series), nil
			}
		}
	}
	return len(series), fmt.Errorf("%w, or only nulls (does the Prometheus fixture hold the node-exporter series?)", dataplane.ErrNoData)
}
