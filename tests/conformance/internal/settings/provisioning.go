package settings

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// provisioningFile is the part of Grafana's data source provisioning format (apiVersion 1) the harness reads.
type provisioningFile struct {
	APIVersion  int          `yaml:"apiVersion"`
	Datasources []DataSource `yaml:"datasources"`
}

// LoadProvisioned reads a Grafana data source provisioning file and returns the entry with the given uid, or
// when uid is empty the first entry of the Traceo ML type. String values are expanded the way Grafana's
// provisioning does ($VAR, ${VAR}, $__env{VAR}, $__file{path}), so test setups can inject the Prometheus URL.
func LoadProvisioned(path, uid string) (DataSource, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return DataSource{}, err
	}
	var file provisioningFile
	if err := yaml.Unmarshal(raw, &file); err != nil {
		return DataSource{}, fmt.Errorf("%s: %w", path, err)
	}
	for i, ds := range file.Datasources {
		if (uid != "" && ds.UID == uid) || (uid == "" && ds.Type == DataSourcePluginID) {
			ds.ID = int64(i + 1)
			if ds.OrgID == 0 {
				ds.OrgID = 1
			}
			return expandDataSource(ds)
		}
	}
	if uid == "" {
		return DataSource{}, fmt.Errorf("%s: no data source of type %s", path, DataSourcePluginID)
	}
	return DataSource{}, fmt.Errorf("%s: no data source with uid %q", path, uid)
}

func expandDataSource(ds DataSource) (DataSource, error) {
	var err error
	expandString := func(s string) string {
		if err != nil {
			return s
		}
		var expanded string
		expanded, err = ExpandValue(s)
		return expanded
	}
	ds.URL = expandString(ds.URL)
	ds.User = expandString(ds.User)
	ds.BasicAuthUser = expandString(ds.BasicAuthUser)
	ds.JSONData = expandAny(ds.JSONData, expandString).(map[string]any)
	for key, value := range ds.SecureJSONData {
		ds.SecureJSONData[key] = expandString(value)
	}
	return ds, err
}

// expandAny walks decoded YAML (maps, lists, scalars) and expands every string in it.
func expandAny(value any, expand func(string) string) any {
	switch v := value.(type) {
	case string:
		return expand(v)
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, item := range v {
			out[key] = expandAny(item, expand)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = expandAny(item, expand)
		}
		return out
	case nil:
		return map[string]any{}
	default:
		return v
	}
}

// valuePattern matches every interpolation form in one pass, so text that a macro inserts (a secret read
// from a file, say) is never expanded a second time.
var valuePattern = regexp.MustCompile(`\$__(env|file)\{([^}]*)\}|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// ExpandValue applies Grafana's provisioning interpolation to one string value.
func ExpandValue(value string) (string, error) {
	var err error
	expanded := valuePattern.ReplaceAllStringFunc(value, func(match string) string {
		parts := valuePattern.FindStringSubmatch(match)
		switch {
		case parts[1] == "file":
			content, readErr := os.ReadFile(parts[2])
			if readErr != nil && err == nil {
				err = fmt.Errorf("$__file{%s}: %w", parts[2], readErr)
			}
			return strings.TrimRight(string(content), "\r\n")
		case parts[1] == "env":
			return os.Getenv(parts[2])
		case parts[3] != "":
			return os.Getenv(parts[3])
		default:
			return os.Getenv(parts[4])
		}
	})
	if err != nil {
		return "", err
	}
	return expanded, nil
}
