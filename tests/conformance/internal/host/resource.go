package host

import (
	"errors"
	"io"
	"net/http"
	"net/textproto"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// droppedRequestHeaders never reach the plugin: Grafana strips browser cookies and the Authorization header
// unless the data source forwards OAuth or chosen cookies, and the role and user headers are this host's own device.
var droppedRequestHeaders = []string{"Cookie", "Authorization", RoleHeader, UserHeader}

// handleResource mirrors Grafana's pkg/api/plugin_resource.go: path is what follows /resources/, the URL adds
// the raw query, status and headers come from the first streamed message and the bodies are concatenated.
func (s *Server) handleResource(w http.ResponseWriter, r *http.Request) {
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
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeAPIError(w, http.StatusBadRequest, "Failed to read request body", err)
		return
	}
	pluginContext, err := s.Grafana.DataSourceContext(ds, user)
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "Failed to build plugin context", err)
		return
	}
	headers := r.Header.Clone()
	for _, name := range droppedRequestHeaders {
		headers.Del(name)
	}
	path := r.PathValue("path")
	url := path
	if r.URL.RawQuery != "" {
		url += "?" + r.URL.RawQuery
	}
	plugin, err := s.Plugin()
	if err != nil {
		status, message := pluginErrorStatus(err, "Failed to call resource")
		writeAPIError(w, status, message, err)
		return
	}

	written := 0
	err = plugin.CallResource(r.Context(), &backend.CallResourceRequest{
		PluginContext: pluginContext,
		Path:          path,
		Method:        r.Method,
		URL:           url,
		Headers:       headers,
		Body:          body,
	}, func(resp *backend.CallResourceResponse) error {
		if written == 0 {
			writeResourceHeader(w, resp)
		}
		written++
		if _, err := w.Write(resp.Body); err != nil {
			return err
		}
		if flusher, ok := w.(http.Flusher); ok {
			flusher.Flush()
		}
		return nil
	})
	switch {
	case err != nil && written == 0:
		status, message := pluginErrorStatus(err, "Failed to call resource")
		writeAPIError(w, status, message, err)
	case err != nil:
		// The status line is already out; all that is left is to cut the body short, as Grafana does.
		if s.Logger != nil {
			s.Logger.Error("resource stream failed after the first message", "error", err)
		}
	case written == 0:
		writeAPIError(w, http.StatusInternalServerError, "Failed to call resource", errors.New("received empty resource response"))
	}
}

// writeResourceHeader copies the first message's headers (never Set-Cookie) and status, defaulting the
// content type to JSON except for 204, as Grafana's flushStream does.
func writeResourceHeader(w http.ResponseWriter, resp *backend.CallResourceResponse) {
	hasContentType := false
	for key, values := range resp.Headers {
		key = textproto.CanonicalMIMEHeaderKey(key)
		switch key {
		case "Set-Cookie":
			continue
		case "Content-Type":
			hasContentType = true
		}
		for _, value := range values {
			w.Header().Add(key, value)
		}
	}
	if !hasContentType && resp.Status != http.StatusNoContent {
		w.Header().Set("Content-Type", "application/json")
	}
	status := resp.Status
	if status < 100 || status > 999 {
		// Go's WriteHeader panics on such codes; Grafana's recovery middleware then answers 500.
		status = http.StatusInternalServerError
	}
	w.WriteHeader(status)
}
