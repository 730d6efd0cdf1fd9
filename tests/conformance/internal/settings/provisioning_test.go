package settings

import (
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExpandValue(t *testing.T) {
	secret := writeFile(t, "token", "s3cr$t\n")
	t.Setenv("PROM_URL", "http://127.0.0.1:9091")
	cases := map[string]string{
		"plain":                          "plain",
		"$PROM_URL/api":                  "http://127.0.0.1:9091/api",
		"${PROM_URL}":                    "http://127.0.0.1:9091",
		"$__env{PROM_URL}":               "http://127.0.0.1:9091",
		"Bearer $__file{" + secret + "}": "Bearer s3cr$t",
		"$UNSET_VARIABLE_FOR_TEST":       "",
	}
	for input, want := range cases {
		got, err := ExpandValue(input)
		if err != nil {
			t.Fatalf("ExpandValue(%q): %v", input, err)
		}
		if got != want {
			t.Errorf("ExpandValue(%q) = %q, want %q", input, got, want)
		}
	}
	if _, err := ExpandValue("$__file{/does/not/exist}"); err == nil {
		t.Error("a missing $__file must be an error, not an empty secret")
	}
}

const provisioning = `apiVersion: 1
datasources:
  - name: Prometheus
    uid: prometheus
    type: prometheus
    url: http://prometheus:9090
  - name: Traceo ML
    uid: traceo-ml
    type: traceo-ml-datasource
    jsonData:
      prometheusUrl: ${PROM_URL}
      timeoutSeconds: 30
      headers: [a, $PROM_URL]
    secureJsonData:
      bearerToken: $__env{TOKEN}
`

func TestLoadProvisionedPicksTheTraceoEntry(t *testing.T) {
	t.Setenv("PROM_URL", "http://127.0.0.1:9999")
	t.Setenv("TOKEN", "abc")
	path := writeFile(t, "ds.yaml", provisioning)

	ds, err := LoadProvisioned(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if ds.UID != "traceo-ml" || ds.OrgID != 1 || ds.ID != 2 {
		t.Fatalf("picked %+v", ds)
	}
	if ds.JSONData["prometheusUrl"] != "http://127.0.0.1:9999" {
		t.Errorf("prometheusUrl = %v", ds.JSONData["prometheusUrl"])
	}
	if ds.JSONData["timeoutSeconds"] != 30 {
		t.Errorf("timeoutSeconds = %#v, numbers must stay numbers", ds.JSONData["timeoutSeconds"])
	}
	if headers := ds.JSONData["headers"].([]any); headers[1] != "http://127.0.0.1:9999" {
		t.Errorf("lists are expanded too, got %v", headers)
	}
	if ds.SecureJSONData["bearerToken"] != "abc" {
		t.Errorf("bearerToken = %q", ds.SecureJSONData["bearerToken"])
	}

	byUID, err := LoadProvisioned(path, "prometheus")
	if err != nil || byUID.Type != "prometheus" {
		t.Fatalf("by uid: %+v, %v", byUID, err)
	}
	if _, err := LoadProvisioned(path, "nope"); err == nil {
		t.Error("an unknown uid must be an error")
	}
}

func TestInstanceSettingsCarryJSONAndMoveUpdated(t *testing.T) {
	ds := DataSource{UID: "u", Type: DataSourcePluginID, JSONData: map[string]any{"prometheusUrl": "http://a", "timeoutSeconds": 30}}
	changed := ds.WithJSONData(map[string]any{"prometheusUrl": "http://b", "timeoutSeconds": nil})
	if _, ok := ds.JSONData["timeoutSeconds"]; !ok {
		t.Fatal("WithJSONData must not modify the original")
	}
	settings, err := changed.InstanceSettings()
	if err != nil {
		t.Fatal(err)
	}
	if string(settings.JSONData) != `{"prometheusUrl":"http://b"}` {
		t.Errorf("jsonData = %s", settings.JSONData)
	}
	again := changed.WithJSONData(map[string]any{"timeoutSeconds": 1})
	if !again.Updated.After(changed.Updated) {
		t.Error("every settings change must move Updated forward so plugins rebuild their instance")
	}
}
