package suite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
)

const unknownResourcePath = "conformance/no-such-route"

// checkCallResourceUnknownPath: Grafana answers 404 either way, from the plugin's own 404 or from mapping
// UNIMPLEMENTED; a plugin with resource routes must answer unknown paths with a JSON 404 of its own.
func (s *Suite) checkCallResourceUnknownPath(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	pluginContext, err := s.pluginContext(s.dataSource, grafanactx.User(grafanactx.RoleViewer))
	if err != nil {
		return "", err
	}
	req := &backend.CallResourceRequest{
		PluginContext: pluginContext,
		Path:          unknownResourcePath,
		Method:        http.MethodGet,
		URL:           unknownResourcePath + "?probe=1",
		Headers:       map[string][]string{"Accept": {"application/json"}},
	}
	var messages []*backend.CallResourceResponse
	err = client.CallResource(ctx, req, func(resp *backend.CallResourceResponse) error {
		messages = append(messages, resp)
		return nil
	})
	if errors.Is(err, sdkclient.ErrMethodNotImplemented) {
		return "UNIMPLEMENTED (no resource handler; Grafana answers 404)", nil
	}
	if err != nil {
		return "", err
	}
	if len(messages) == 0 {
		return "", errors.New("no response message: Grafana fails with \"received empty resource response\"")
	}
	first := messages[0]
	var body bytes.Buffer
	for _, message := range messages {
		body.Write(message.Body)
	}
	detail := fmt.Sprintf("%d %.120s", first.Status, body.String())
	if first.Status != http.StatusNotFound {
		return detail, errors.New("want 404")
	}
	var decoded any
	if err := json.Unmarshal(body.Bytes(), &decoded); err != nil {
		return detail, errors.New("the 404 body is not JSON")
	}
	return detail, nil
}

// checkCollectMetrics parses the payload with Prometheus' own text-format parser, as a scraper of
// /api/plugins/<id>/metrics would.
func (s *Suite) checkCollectMetrics(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	pluginContext, err := s.pluginContext(s.dataSource, nil)
	if err != nil {
		return "", err
	}
	result, err := client.CollectMetrics(ctx, &backend.CollectMetricsRequest{PluginContext: pluginContext})
	if err != nil {
		return "", err
	}
	if len(result.PrometheusMetrics) == 0 {
		return "", errors.New("empty payload (unimplemented or no metrics registered)")
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(result.PrometheusMetrics))
	if err != nil {
		return fmt.Sprintf("%d bytes", len(result.PrometheusMetrics)), fmt.Errorf("not Prometheus text format: %w", err)
	}
	return fmt.Sprintf("%d bytes, %d metric families", len(result.PrometheusMetrics), len(families)), nil
}
