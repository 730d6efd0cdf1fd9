package provisioned

import (
	"strings"
	"testing"
)

func TestCheckReferencesAcceptsAConsistentTree(t *testing.T) {
	if err := CheckReferences(loadWith(t, "", "", ""), pluginType, appType); err != nil {
		t.Fatal(err)
	}
}

func TestCheckReferencesFindsBrokenReferences(t *testing.T) {
	cases := []struct {
		name, file, old, replacement, want string
	}{
		{"target with another type", "dashboards/json/node.json",
			`"targets": [
       {"refId": "A", "datasource": {"type": "traceo-ml-datasource", "uid": "traceo-ml"}`,
			`"targets": [
       {"refId": "A", "datasource": {"type": "prometheus", "uid": "traceo-ml"}`,
			`panel 1 target A: type "prometheus", but uid "traceo-ml" is provisioned as "traceo-ml-datasource"`},
		{"target without a type", "dashboards/json/node.json",
			`{"refId": "A", "datasource": {"type": "traceo-ml-datasource", "uid": "traceo-ml"}`,
			`{"refId": "A", "datasource": {"uid": "traceo-ml"}`,
			`panel 1 target A: uid "traceo-ml" without type "traceo-ml-datasource"`},
		{"uid not provisioned", "datasources/ds.yaml", "uid: traceo-ml\n", "uid: traceo\n",
			`data source uid "traceo-ml" is not provisioned`},
		{"plugin type without uid", "dashboards/json/node.json",
			`"targets": [{"refId": "L"`, `"targets": [{"refId": "X", "datasource": {"type": "traceo-ml-datasource"}}, {"refId": "L"`,
			"panel 4 target X: type traceo-ml-datasource without a uid"},
		{"alert model with another type", "alerting/rules.yaml",
			"datasource: {type: traceo-ml-datasource, uid: traceo-ml}", "datasource: {type: prometheus, uid: traceo-ml}",
			`rule load-high query A model: type "prometheus"`},
		{"alert model naming another uid", "alerting/rules.yaml",
			"datasource: {type: traceo-ml-datasource, uid: traceo-ml}", "datasource: {type: prometheus, uid: prometheus}",
			`datasourceUid "traceo-ml" but the model names "prometheus"`},
		{"alert query on an unknown uid", "alerting/rules.yaml", "datasourceUid: traceo-ml", "datasourceUid: traceo-ml-old",
			`query A datasourceUid: data source uid "traceo-ml-old" is not provisioned`},
		{"app default of another type", "plugins/app.yaml", "defaultDataSourceUid: traceo-ml", "defaultDataSourceUid: prometheus",
			`defaultDataSourceUid: type "traceo-ml-datasource", but uid "prometheus" is provisioned as "prometheus"`},
		{"duplicate uid", "datasources/ds.yaml", "uid: prometheus", "uid: traceo-ml",
			`uid "traceo-ml" is provisioned twice`},
	}
	for _, c := range cases {
		err := CheckReferences(loadWith(t, c.file, c.old, c.replacement), pluginType, appType)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func TestCheckReferencesLeavesVariablesAndBuiltInsAlone(t *testing.T) {
	p := loadWith(t, "dashboards/json/node.json", `"datasource": {"type": "prometheus", "uid": "prometheus"}, "targets"`,
		`"datasource": {"type": "prometheus", "uid": "${datasource}"}, "targets"`)
	if err := CheckReferences(p, pluginType, appType); err != nil {
		t.Errorf("a data source variable is resolved by the browser: %v", err)
	}
}
