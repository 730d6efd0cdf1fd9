package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/go-hclog"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/launch"
)

// keyValues collects repeated key=value flags.
type keyValues map[string]string

func (kv keyValues) String() string { return fmt.Sprint(map[string]string(kv)) }

func (kv keyValues) Set(value string) error {
	key, val, ok := strings.Cut(value, "=")
	if !ok || key == "" {
		return fmt.Errorf("want key=value, got %q", value)
	}
	kv[key] = val
	return nil
}

// jsonObject is a flag holding a JSON object.
type jsonObject map[string]any

func (j *jsonObject) String() string {
	raw, _ := json.Marshal(*j)
	return string(raw)
}

func (j *jsonObject) Set(value string) error {
	var decoded map[string]any
	if err := json.Unmarshal([]byte(value), &decoded); err != nil {
		return fmt.Errorf("want a JSON object: %w", err)
	}
	*j = decoded
	return nil
}

// pluginFlags are shared by both modes: which executable, and how Grafana is configured for it.
type pluginFlags struct {
	executable     string
	grafanaVersion string
	pluginSettings keyValues
	dataDir        string
	logLevel       string
}

func (p *pluginFlags) register(fs *flag.FlagSet) {
	p.pluginSettings = keyValues{}
	fs.StringVar(&p.executable, "executable", "dist/datasource/gpx_traceo-ml-datasource_linux_amd64", "plugin backend executable")
	fs.StringVar(&p.grafanaVersion, "grafana-version", "13.1.0", "Grafana version to report (GF_VERSION, user agent)")
	fs.Var(p.pluginSettings, "plugin-setting", "key=value of grafana.ini [plugin.traceo-ml-datasource], passed as GF_PLUGIN_<KEY> (repeatable)")
	fs.StringVar(&p.dataDir, "data-dir", "", "Grafana data directory (GF_PATHS_DATA) for the plugin; default: a fresh temporary directory")
	fs.StringVar(&p.logLevel, "log-level", "warn", "level for go-plugin's and the plugin's log lines on stderr (trace|debug|info|warn|error|off)")
}

// prepare makes the data directory and returns the launch environment and the logger.
// GF_PATHS_DATA goes into this process' own environment because that is how a plugin sees it under Grafana:
// forwarded with the rest of the host environment (Grafana's Docker image sets it), never by Grafana itself.
func (p *pluginFlags) prepare(name string) (env []string, logger hclog.Logger, cleanup func(), err error) {
	cleanup = func() {}
	dataDir := p.dataDir
	if dataDir == "" {
		dataDir, err = os.MkdirTemp("", "traceo-conformance-data-")
		if err != nil {
			return nil, nil, cleanup, err
		}
		cleanup = func() { _ = os.RemoveAll(dataDir) }
	}
	if err := os.Setenv("GF_PATHS_DATA", dataDir); err != nil {
		return nil, nil, cleanup, err
	}
	logger = hclog.New(&hclog.LoggerOptions{Name: name, Level: hclog.LevelFromString(p.logLevel), Output: os.Stderr})
	return launch.GrafanaEnv(p.grafanaVersion, p.pluginSettings), logger, cleanup, nil
}
