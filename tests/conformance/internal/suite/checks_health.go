package suite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/fixtures"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// checkHealth runs "Save & test" for ds as an Admin, the way the data source settings page does.
func (s *Suite) checkHealth(ctx context.Context, client *sdkclient.Client, ds settings.DataSource) (*backend.CheckHealthResult, error) {
	pluginContext, err := s.pluginContext(ds, grafanactx.User(grafanactx.RoleAdmin))
	if err != nil {
		return nil, err
	}
	result, err := client.CheckHealth(ctx, &backend.CheckHealthRequest{PluginContext: pluginContext})
	if err != nil {
		return nil, err
	}
	// Grafana's /health API answers 500 "Failed to unmarshal detailed response" unless details are an object.
	if len(result.JSONDetails) > 0 {
		var details map[string]any
		if err := json.Unmarshal(result.JSONDetails, &details); err != nil {
			return result, fmt.Errorf("jsonDetails is not a JSON object: %.100s", result.JSONDetails)
		}
	}
	return result, nil
}

// healthOK asserts the main process still passes its health check against the real Prometheus.
func (s *Suite) healthOK(ctx context.Context) error {
	client, err := s.main()
	if err != nil {
		return err
	}
	result, err := s.checkHealth(ctx, client, s.dataSource)
	if err != nil {
		return err
	}
	if result.Status != backend.HealthStatusOk {
		return fmt.Errorf("CheckHealth %s: %s", result.Status, result.Message)
	}
	return nil
}

func (s *Suite) checkHealthOK(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	version, err := s.prometheus.Version(ctx)
	if err != nil {
		return "", fmt.Errorf("fixture: asking Prometheus for its version: %w", err)
	}
	result, err := s.checkHealth(ctx, client, s.dataSource)
	if err != nil {
		return "", err
	}
	detail := fmt.Sprintf("%s %q", result.Status, result.Message)
	if result.Status != backend.HealthStatusOk {
		return detail, errors.New("want OK")
	}
	if !strings.Contains(result.Message, version) {
		return detail, fmt.Errorf("message does not name the Prometheus version %s", version)
	}
	return detail, nil
}

func (s *Suite) checkHealthUnreachable(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	address, err := fixtures.UnusedAddress()
	if err != nil {
		return "", err
	}
	result, err := s.checkHealth(ctx, client, s.variant("unreachable", map[string]any{"prometheusUrl": "http://" + address}))
	if err != nil {
		return "", err
	}
	detail := fmt.Sprintf("%s %q", result.Status, result.Message)
	if result.Status != backend.HealthStatusError {
		return detail, errors.New("want ERROR")
	}
	if !strings.Contains(result.Message, address) {
		return detail, fmt.Errorf("message does not name the unreachable address %s", address)
	}
	return detail, nil
}

func (s *Suite) checkHealthEmptyURL(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	result, err := s.checkHealth(ctx, client, s.variant("no-url", map[string]any{"prometheusUrl": ""}))
	if err != nil {
		return "", err
	}
	detail := fmt.Sprintf("%s %q", result.Status, result.Message)
	if result.Status != backend.HealthStatusError {
		return detail, errors.New("want ERROR")
	}
	if !strings.Contains(strings.ToLower(result.Message), "url") {
		return detail, errors.New("message does not say the URL is missing")
	}
	return detail, nil
}
