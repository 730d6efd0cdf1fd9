package provisioned

import (
	"strings"
	"testing"
)

func TestLoadReadsEveryKindOfFile(t *testing.T) {
	p := loadWith(t, "", "", "")
	if len(p.DataSources) != 2 || p.DataSources[0].UID != "traceo-ml" || !strings.HasSuffix(p.DataSources[0].File, "ds.yaml") {
		t.Errorf("data sources %+v", p.DataSources)
	}
	if len(p.Apps) != 1 || p.Apps[0].JSONData["defaultDataSourceUid"] != "traceo-ml" {
		t.Errorf("apps %+v", p.Apps)
	}
	if len(p.RuleGroups) != 1 || len(p.RuleGroups[0].Rules) != 1 || len(p.RuleGroups[0].Rules[0].Data) != 3 {
		t.Fatalf("rule groups %+v", p.RuleGroups)
	}
	if window := p.RuleGroups[0].Rules[0].Data[0].RelativeTimeRange; window == nil || window.From != 600 {
		t.Errorf("relativeTimeRange %+v", window)
	}
	if len(p.Dashboards) != 1 || p.Dashboards[0].UID != "node" {
		t.Fatalf("dashboards %+v", p.Dashboards)
	}
	if panels := p.Dashboards[0].AllPanels(); len(panels) != 4 || panels[3].ID != 4 {
		t.Errorf("panels inside rows must be found too: %d panels", len(panels))
	}
}

func TestLoadRefusesWhatGrafanaWouldNotRead(t *testing.T) {
	cases := map[string][2]string{
		"dashboards/provider.yaml":  {"/etc/grafana/provisioning/dashboards/json", "/var/lib/dashboards"},
		"dashboards/json/node.json": {`"uid": "node",`, `"uid": "node"`},
		"alerting/rules.yaml":       {"groups:", "groups: ["},
	}
	for file, change := range cases {
		files := tree()
		files[file] = strings.Replace(files[file], change[0], change[1], 1)
		if _, err := Load(writeTree(t, files)); err == nil {
			t.Errorf("%s with %q: loaded without error", file, change[1])
		}
	}
	files := tree()
	delete(files, "dashboards/json/node.json")
	if _, err := Load(writeTree(t, files)); err == nil {
		t.Error("a dashboard provider with an empty folder must be an error")
	}
}

func TestDataSourceRefAcceptsTheLegacyStringForm(t *testing.T) {
	p := loadWith(t, "dashboards/json/node.json", `"datasource": {"type": "prometheus", "uid": "prometheus"}, "targets"`, `"datasource": "prometheus", "targets"`)
	if ref := p.Dashboards[0].Panels[1].Datasource; ref == nil || ref.UID != "prometheus" || ref.Type != "" {
		t.Errorf("ref %+v", ref)
	}
}
