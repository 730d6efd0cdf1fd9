package launch

import (
	"fmt"
	"sort"
	"strings"
)

// GrafanaEnv builds the environment Grafana itself puts in front of a plugin process
// (pkg/services/pluginsintegration/pluginconfig/envvars.go): GF_VERSION always, and one GF_PLUGIN_<KEY> per key
// of the grafana.ini section [plugin.<id>] except `path` and `id`. go-plugin then appends the host environment and
// its own variables (grafana_plugin_type, PLUGIN_MIN_PORT, ...), exactly as it does under Grafana.
func GrafanaEnv(grafanaVersion string, pluginSettings map[string]string) []string {
	env := []string{"GF_VERSION=" + grafanaVersion}
	keys := make([]string, 0, len(pluginSettings))
	for key := range pluginSettings {
		keys = append(keys, key)
	}
	// Sorted only so that runs are reproducible; Grafana's order comes from the ini file.
	sort.Strings(keys)
	for _, key := range keys {
		if key == "path" || key == "id" {
			continue
		}
		env = append(env, fmt.Sprintf("GF_PLUGIN_%s=%s", strings.ToUpper(key), pluginSettings[key]))
	}
	return env
}

// withoutVar drops every KEY=... entry for key from env.
func withoutVar(env []string, key string) []string {
	kept := env[:0:0]
	for _, entry := range env {
		if strings.HasPrefix(entry, key+"=") {
			continue
		}
		kept = append(kept, entry)
	}
	return kept
}
