// Package settings holds the data source instance the harness plays Grafana for: what Grafana would read from
// its database (or a provisioning file) and hand to the plugin in every PluginContext.
package settings

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// DataSourcePluginID is the nested data source's plugin id (src/contract/settings.ts DATASOURCE_PLUGIN_ID).
const DataSourcePluginID = "traceo-ml-datasource"

// DataSource is one configured data source, in the shape of a provisioning entry.
type DataSource struct {
	ID             int64             `yaml:"-"`
	UID            string            `yaml:"uid"`
	Name           string            `yaml:"name"`
	Type           string            `yaml:"type"`
	OrgID          int64             `yaml:"orgId"`
	URL            string            `yaml:"url"`
	User           string            `yaml:"user"`
	Database       string            `yaml:"database"`
	BasicAuth      bool              `yaml:"basicAuth"`
	BasicAuthUser  string            `yaml:"basicAuthUser"`
	JSONData       map[string]any    `yaml:"jsonData"`
	SecureJSONData map[string]string `yaml:"secureJsonData"`
	// Updated plays the role of the data source's `updated` column: plugins rebuild cached instances when it
	// changes (the SDK's instance manager keys on it), so every settings change must move it forward.
	Updated time.Time `yaml:"-"`
}

// WithJSONData returns a copy whose jsonData has the given keys overwritten (nil values delete the key).
func (ds DataSource) WithJSONData(overrides map[string]any) DataSource {
	merged := make(map[string]any, len(ds.JSONData)+len(overrides))
	for key, value := range ds.JSONData {
		merged[key] = value
	}
	for key, value := range overrides {
		if value == nil {
			delete(merged, key)
			continue
		}
		merged[key] = value
	}
	ds.JSONData = merged
	ds.Updated = nextUpdate(ds.Updated)
	return ds
}

// nextUpdate moves the update time forward by at least one millisecond, the resolution Grafana sends.
func nextUpdate(previous time.Time) time.Time {
	now := time.Now().Truncate(time.Millisecond)
	if !now.After(previous) {
		return previous.Add(time.Millisecond)
	}
	return now
}

// InstanceSettings converts to the SDK type Grafana puts into PluginContext.DataSourceInstanceSettings.
func (ds DataSource) InstanceSettings() (*backend.DataSourceInstanceSettings, error) {
	jsonData := ds.JSONData
	if jsonData == nil {
		jsonData = map[string]any{}
	}
	raw, err := json.Marshal(jsonData)
	if err != nil {
		return nil, fmt.Errorf("data source %q: jsonData: %w", ds.UID, err)
	}
	secure := ds.SecureJSONData
	if secure == nil {
		secure = map[string]string{}
	}
	updated := ds.Updated
	if updated.IsZero() {
		updated = time.Unix(0, 0)
	}
	return &backend.DataSourceInstanceSettings{
		ID:                      ds.ID,
		UID:                     ds.UID,
		Type:                    ds.Type,
		Name:                    ds.Name,
		URL:                     ds.URL,
		User:                    ds.User,
		Database:                ds.Database,
		BasicAuthEnabled:        ds.BasicAuth,
		BasicAuthUser:           ds.BasicAuthUser,
		JSONData:                raw,
		DecryptedSecureJSONData: secure,
		Updated:                 updated,
	}, nil
}
