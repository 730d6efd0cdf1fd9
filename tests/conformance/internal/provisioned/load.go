package provisioned

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// grafanaProvisioningRoot is where the provisioning directory is mounted in Grafana (docker-compose.yaml):
// dashboard providers name their JSON folders by paths under it.
const grafanaProvisioningRoot = "/etc/grafana/provisioning"

// Load reads dir/{datasources,plugins,alerting,dashboards}/*.y*ml and the dashboard JSON files the dashboard
// providers point at. Missing subdirectories are empty, unreadable or malformed files are errors.
func Load(dir string) (Provisioning, error) {
	var p Provisioning
	err := eachYAML(dir, "datasources", func(file string, raw []byte) error {
		var doc struct {
			DataSources []DataSource `yaml:"datasources"`
		}
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return err
		}
		for _, ds := range doc.DataSources {
			ds.File = file
			p.DataSources = append(p.DataSources, ds)
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	err = eachYAML(dir, "plugins", func(file string, raw []byte) error {
		var doc struct {
			Apps []App `yaml:"apps"`
		}
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return err
		}
		for _, app := range doc.Apps {
			app.File = file
			p.Apps = append(p.Apps, app)
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	err = eachYAML(dir, "alerting", func(file string, raw []byte) error {
		var doc struct {
			Groups []RuleGroup `yaml:"groups"`
		}
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return err
		}
		for _, group := range doc.Groups {
			group.File = file
			p.RuleGroups = append(p.RuleGroups, group)
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	err = eachYAML(dir, "dashboards", func(file string, raw []byte) error {
		dashboards, err := loadDashboards(dir, raw)
		p.Dashboards = append(p.Dashboards, dashboards...)
		return err
	})
	return p, err
}

// eachYAML calls read for every *.yaml / *.yml file of dir/sub in name order, as Grafana's provisioners read them.
func eachYAML(dir, sub string, read func(file string, raw []byte) error) error {
	var files []string
	for _, pattern := range []string{"*.yaml", "*.yml"} {
		matches, err := filepath.Glob(filepath.Join(dir, sub, pattern))
		if err != nil {
			return err
		}
		files = append(files, matches...)
	}
	sort.Strings(files)
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if err := read(file, raw); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
	}
	return nil
}

// loadDashboards reads the JSON files of every file provider in one dashboards provisioning file.
func loadDashboards(dir string, raw []byte) ([]Dashboard, error) {
	var doc struct {
		Providers []struct {
			Name    string `yaml:"name"`
			Type    string `yaml:"type"`
			Options struct {
				Path string `yaml:"path"`
			} `yaml:"options"`
		} `yaml:"providers"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	var dashboards []Dashboard
	for _, provider := range doc.Providers {
		if provider.Type != "" && provider.Type != "file" {
			continue
		}
		folder, err := localPath(dir, provider.Options.Path)
		if err != nil {
			return nil, fmt.Errorf("provider %q: %w", provider.Name, err)
		}
		files, err := filepath.Glob(filepath.Join(folder, "*.json"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("provider %q: no dashboard JSON in %s", provider.Name, folder)
		}
		sort.Strings(files)
		for _, file := range files {
			dashboard, err := loadDashboard(file)
			if err != nil {
				return nil, err
			}
			dashboards = append(dashboards, dashboard)
		}
	}
	return dashboards, nil
}

// localPath maps a provider path inside Grafana's container to the repository's provisioning directory.
func localPath(dir, grafanaPath string) (string, error) {
	rest, ok := strings.CutPrefix(filepath.Clean(grafanaPath), grafanaProvisioningRoot+"/")
	if !ok {
		return "", fmt.Errorf("path %q is not under %s, where docker-compose mounts provisioning/", grafanaPath, grafanaProvisioningRoot)
	}
	return filepath.Join(dir, rest), nil
}

func loadDashboard(file string) (Dashboard, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return Dashboard{}, err
	}
	var dashboard Dashboard
	if err := json.Unmarshal(raw, &dashboard); err != nil {
		return Dashboard{}, fmt.Errorf("%s: %w", file, err)
	}
	dashboard.File = file
	return dashboard, nil
}
