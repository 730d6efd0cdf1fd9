package grafanactx

import (
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/config"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

func TestParseRole(t *testing.T) {
	for input, want := range map[string]string{"viewer": RoleViewer, "EDITOR": RoleEditor, "Admin": RoleAdmin} {
		if got, err := ParseRole(input); err != nil || got != want {
			t.Errorf("ParseRole(%q) = %q, %v", input, got, err)
		}
	}
	for _, bad := range []string{"", "Owner", "GrafanaAdmin"} {
		if _, err := ParseRole(bad); err == nil {
			t.Errorf("ParseRole(%q) accepted", bad)
		}
	}
}

func TestDataSourceContextLooksLikeGrafanas(t *testing.T) {
	updated := time.UnixMilli(1_700_000_000_123)
	ds := settings.DataSource{ID: 7, UID: "traceo-ml", Name: "Traceo ML", Type: settings.DataSourcePluginID, OrgID: 3,
		JSONData: map[string]any{"prometheusUrl": "http://p:9090"}, SecureJSONData: map[string]string{"bearerToken": "t"}, Updated: updated}
	grafana := Grafana{Version: "13.1.0", AppURL: "http://grafana:3000/", PluginVersion: "1.2.3"}

	ctx, err := grafana.DataSourceContext(ds, User(RoleEditor))
	if err != nil {
		t.Fatal(err)
	}
	if ctx.OrgID != 3 || ctx.PluginID != settings.DataSourcePluginID || ctx.PluginVersion != "1.2.3" {
		t.Errorf("context = %+v", ctx)
	}
	if ctx.User.Role != RoleEditor || ctx.User.Login != "editor" {
		t.Errorf("user = %+v", ctx.User)
	}
	instance := ctx.DataSourceInstanceSettings
	if instance.UID != "traceo-ml" || instance.ID != 7 || string(instance.JSONData) != `{"prometheusUrl":"http://p:9090"}` ||
		instance.DecryptedSecureJSONData["bearerToken"] != "t" || !instance.Updated.Equal(updated) {
		t.Errorf("instance settings = %+v", instance)
	}
	if appURL, err := ctx.GrafanaConfig.AppURL(); err != nil || appURL != "http://grafana:3000/" {
		t.Errorf("GF_APP_URL = %q, %v", appURL, err)
	}
	if ctx.GrafanaConfig.Get(config.ConcurrentQueryCount) == "" {
		t.Error("Grafana sends its concurrent query count with every request")
	}
	if ctx.UserAgent == nil || ctx.UserAgent.GrafanaVersion() != "13.1.0" {
		t.Errorf("user agent = %v", ctx.UserAgent)
	}

	alerting, err := grafana.DataSourceContext(ds, nil)
	if err != nil || alerting.User != nil {
		t.Errorf("requests Grafana makes itself carry no user: %+v, %v", alerting.User, err)
	}
}
