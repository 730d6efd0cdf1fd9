package host

import (
	"encoding/json"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// handleHealth answers like Grafana's CheckHealth API (pkg/api/plugins.go): {status, message, details?},
// 200 for OK and 400 for anything else; details that are not a JSON object are a 500.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ds, ok := s.dataSourceFor(r.PathValue("uid"))
	if !ok {
		writeAPIError(w, http.StatusNotFound, "Data source not found", nil)
		return
	}
	user, err := s.user(r)
	if err != nil {
		writeAPIError(w, http.StatusBadRequest, err.Error(), nil)
		return
	}
	pluginContext, err := s.Grafana.DataSourceContext(ds, user)
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "Failed to build plugin context", err)
		return
	}
	plugin, err := s.Plugin()
	if err != nil {
		status, message := pluginErrorStatus(err, "Plugin health check failed")
		writeAPIError(w, status, message, err)
		return
	}
	result, err := plugin.CheckHealth(r.Context(), &backend.CheckHealthRequest{PluginContext: pluginContext})
	if err != nil {
		status, message := pluginErrorStatus(err, "Plugin health check failed")
		writeAPIError(w, status, message, err)
		return
	}
	payload := map[string]any{"status": result.Status.String(), "message": result.Message}
	if len(result.JSONDetails) > 0 {
		var details map[string]any
		if err := json.Unmarshal(result.JSONDetails, &details); err != nil {
			writeAPIError(w, http.StatusInternalServerError, "Failed to unmarshal detailed response from backend plugin", err)
			return
		}
		payload["details"] = details
	}
	status := http.StatusOK
	if result.Status != backend.HealthStatusOk {
		status = http.StatusBadRequest
	}
	s.writeJSON(w, status, payload)
}

// handleMetrics passes the plugin's Prometheus text through, like GET /api/plugins/:pluginId/metrics.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("pluginId") != settings.DataSourcePluginID {
		writeAPIError(w, http.StatusNotFound, "Plugin not found", nil)
		return
	}
	plugin, err := s.Plugin()
	if err != nil {
		status, message := pluginErrorStatus(err, "Failed to collect plugin metrics")
		writeAPIError(w, status, message, err)
		return
	}
	pluginContext, err := s.Grafana.DataSourceContext(s.DataSource, nil)
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "Failed to build plugin context", err)
		return
	}
	result, err := plugin.CollectMetrics(r.Context(), &backend.CollectMetricsRequest{PluginContext: pluginContext})
	if err != nil {
		status, message := pluginErrorStatus(err, "Failed to collect plugin metrics")
		writeAPIError(w, status, message, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(result.PrometheusMetrics)
}
