// Package host serves the slice of Grafana's HTTP API that touches a data source plugin, backed by a real
// plugin process launched the Grafana way: browser tests and previews can use the plugin without a Grafana.
package host

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/hashicorp/go-hclog"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// Plugin is what the server needs from a plugin process; *sdkclient.Client implements it.
type Plugin interface {
	QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error)
	CheckHealth(ctx context.Context, req *backend.CheckHealthRequest) (*backend.CheckHealthResult, error)
	CollectMetrics(ctx context.Context, req *backend.CollectMetricsRequest) (*backend.CollectMetricsResult, error)
	CallResource(ctx context.Context, req *backend.CallResourceRequest, send func(*backend.CallResourceResponse) error) error
}

var _ Plugin = (*sdkclient.Client)(nil)

// RoleHeader lets a browser test act as a Grafana org role (Viewer, Editor, Admin) per request.
const RoleHeader = "X-Grafana-Role"

// UserHeader lets a browser test sign in as a named user (a login), e.g. two reviewers labeling the same item.
const UserHeader = "X-Grafana-User"

// Server is the HTTP front. Plugin returns the current process' client or ErrPluginUnavailable.
type Server struct {
	Plugin      func() (Plugin, error)
	DataSource  settings.DataSource
	Grafana     grafanactx.Grafana
	DefaultRole string
	// StaticDir, when set, is served at / (a built frontend for previews).
	StaticDir string
	Logger    hclog.Logger
	// Now is the clock for relative time ranges ("now-1h"); tests pin it.
	Now func() time.Time
}

// Handler routes Grafana's API paths to the plugin.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/ds/query", s.handleQuery)
	mux.HandleFunc("GET /api/datasources/uid/{uid}/health", s.handleHealth)
	mux.HandleFunc("/api/datasources/uid/{uid}/resources", s.handleResource)
	mux.HandleFunc("/api/datasources/uid/{uid}/resources/{path...}", s.handleResource)
	mux.HandleFunc("GET /api/plugins/{pluginId}/metrics", s.handleMetrics)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, _ *http.Request) {
		writeAPIError(w, http.StatusNotFound, "Not found", nil)
	})
	if s.StaticDir != "" {
		mux.Handle("/", http.FileServer(http.Dir(s.StaticDir)))
	}
	return mux
}

// user resolves the acting user from RoleHeader, falling back to the default role.
func (s *Server) user(r *http.Request) (*backend.User, error) {
	role := r.Header.Get(RoleHeader)
	if role == "" {
		role = s.DefaultRole
	}
	parsed, err := grafanactx.ParseRole(role)
	if err != nil {
		return nil, err
	}
	user := grafanactx.User(parsed)
	if login := r.Header.Get(UserHeader); login != "" {
		user.Login, user.Name, user.Email = login, login, login+"@example.com"
	}
	return user, nil
}

// dataSourceFor returns the configured data source when uid names it.
func (s *Server) dataSourceFor(uid string) (settings.DataSource, bool) {
	return s.DataSource, uid == s.DataSource.UID
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// writeJSON writes v with the status; encoding errors can only be logged once the header is out.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil && s.Logger != nil {
		s.Logger.Warn("writing response", "error", err)
	}
}

// writeAPIError answers like Grafana's JsonApiErr: {"message": ..., "error": ...}.
func writeAPIError(w http.ResponseWriter, status int, message string, err error) {
	body := map[string]string{"message": message}
	if err != nil {
		body["error"] = err.Error()
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// pluginErrorStatus classifies a failed plugin call the way Grafana's API handlers do.
func pluginErrorStatus(err error, fallback string) (int, string) {
	switch {
	case errors.Is(err, ErrPluginUnavailable):
		return http.StatusServiceUnavailable, "Plugin unavailable"
	case errors.Is(err, sdkclient.ErrMethodNotImplemented):
		return http.StatusNotFound, "Not found"
	default:
		return http.StatusInternalServerError, fallback
	}
}
