// Package grafanactx builds the PluginContext Grafana attaches to every call it makes to a data source plugin
// (pkg/services/pluginsintegration/plugincontext and pluginconfig/request.go).
package grafanactx

import (
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/useragent"
	"github.com/grafana/grafana-plugin-sdk-go/config"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// Grafana is the server the harness pretends to be.
type Grafana struct {
	Version       string
	AppURL        string
	PluginVersion string
}

// Roles Grafana sends in PluginContext.User.Role (org roles).
const (
	RoleViewer = "Viewer"
	RoleEditor = "Editor"
	RoleAdmin  = "Admin"
)

// ParseRole accepts a role in any letter case and returns Grafana's spelling.
func ParseRole(role string) (string, error) {
	for _, known := range []string{RoleViewer, RoleEditor, RoleAdmin} {
		if strings.EqualFold(role, known) {
			return known, nil
		}
	}
	return "", fmt.Errorf("unknown Grafana role %q (want Viewer, Editor or Admin)", role)
}

// User is the signed-in user for a role; requests Grafana starts itself (alerting) carry no user at all.
func User(role string) *backend.User {
	login := strings.ToLower(role)
	return &backend.User{Login: login, Name: role + " User", Email: login + "@example.com", Role: role}
}

// config is the per-request Grafana configuration (pluginconfig/request.go), not process environment.
func (g Grafana) config() *config.GrafanaCfg {
	return config.NewGrafanaCfg(map[string]string{
		config.AppURL:                 g.AppURL,
		config.ConcurrentQueryCount:   "4",
		config.UserFacingDefaultError: "An error occurred within the plugin",
		config.SQLRowLimit:            "1000000",
		config.ResponseLimit:          "0",
	})
}

// DataSourceContext is the PluginContext of a call for one data source instance. user may be nil.
func (g Grafana) DataSourceContext(ds settings.DataSource, user *backend.User) (backend.PluginContext, error) {
	instance, err := ds.InstanceSettings()
	if err != nil {
		return backend.PluginContext{}, err
	}
	agent, err := useragent.New(g.Version, "linux", "amd64")
	if err != nil {
		return backend.PluginContext{}, err
	}
	return backend.PluginContext{
		OrgID:                      ds.OrgID,
		PluginID:                   settings.DataSourcePluginID,
		PluginVersion:              g.PluginVersion,
		User:                       user,
		DataSourceInstanceSettings: instance,
		GrafanaConfig:              g.config(),
		UserAgent:                  agent,
	}, nil
}
