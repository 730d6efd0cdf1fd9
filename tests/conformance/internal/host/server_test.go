package host

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

// fakePlugin records what the server sent and answers with canned results.
type fakePlugin struct {
	queryReq    *backend.QueryDataRequest
	resourceReq *backend.CallResourceRequest
	healthUser  *backend.User
	health      *backend.CheckHealthResult
	resources   []*backend.CallResourceResponse
	resourceErr error
}

func (f *fakePlugin) QueryData(_ context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	f.queryReq = req
	frame := data.NewFrame("", data.NewField("time", nil, []time.Time{time.UnixMilli(1000)}), data.NewField("value", data.Labels{"job": "x"}, []float64{1.5}))
	return &backend.QueryDataResponse{Responses: backend.Responses{
		"A": {Frames: data.Frames{frame}, Status: backend.StatusOK},
		"B": {Error: errors.New("parse error"), Status: backend.StatusBadRequest, ErrorSource: backend.ErrorSourceDownstream},
	}}, nil
}

func (f *fakePlugin) CheckHealth(_ context.Context, req *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	f.healthUser = req.PluginContext.User
	return f.health, nil
}

func (f *fakePlugin) CollectMetrics(context.Context, *backend.CollectMetricsRequest) (*backend.CollectMetricsResult, error) {
	return &backend.CollectMetricsResult{PrometheusMetrics: []byte("# TYPE up gauge\nup 1\n")}, nil
}

func (f *fakePlugin) CallResource(_ context.Context, req *backend.CallResourceRequest, send func(*backend.CallResourceResponse) error) error {
	f.resourceReq = req
	for _, resp := range f.resources {
		if err := send(resp); err != nil {
			return err
		}
	}
	return f.resourceErr
}

func newTestServer(plugin *fakePlugin) *httptest.Server {
	server := &Server{
		Plugin:      func() (Plugin, error) { return plugin, nil },
		DataSource:  settings.DataSource{UID: "traceo-ml", Type: settings.DataSourcePluginID, OrgID: 1, JSONData: map[string]any{"prometheusUrl": "http://p"}},
		Grafana:     grafanactx.Grafana{Version: "13.1.0", AppURL: "http://localhost:3000/"},
		DefaultRole: grafanactx.RoleViewer,
		Now:         func() time.Time { return fixedNow },
	}
	return httptest.NewServer(server.Handler())
}

func do(t *testing.T, method, url, body string, headers map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for key, value := range headers {
		req.Header.Set(key, value)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, string(raw)
}

func TestQueryAnswersInGrafanasShapeWith207OnPartialFailure(t *testing.T) {
	plugin := &fakePlugin{}
	server := newTestServer(plugin)
	defer server.Close()

	resp, body := do(t, http.MethodPost, server.URL+"/api/ds/query",
		`{"from":"now-1h","to":"now","queries":[{"refId":"A","datasource":{"uid":"traceo-ml"},"expr":"up"},{"refId":"B","datasource":{"uid":"traceo-ml"}}]}`, nil)
	if resp.StatusCode != http.StatusMultiStatus {
		t.Fatalf("status %d, body %s", resp.StatusCode, body)
	}
	var decoded struct {
		Results map[string]struct {
			Status      int               `json:"status"`
			Error       string            `json:"error"`
			ErrorSource string            `json:"errorSource"`
			Frames      []json.RawMessage `json:"frames"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(body), &decoded); err != nil {
		t.Fatal(err)
	}
	a, b := decoded.Results["A"], decoded.Results["B"]
	if a.Status != 200 || len(a.Frames) != 1 || !strings.Contains(string(a.Frames[0]), `"values":[[1000],[1.5]]`) {
		t.Errorf("A = %+v (%s)", a, a.Frames)
	}
	if b.Status != 400 || b.Error != "parse error" || b.ErrorSource != "downstream" {
		t.Errorf("B = %+v", b)
	}
	got := plugin.queryReq
	if len(got.Queries) != 2 || !got.Queries[0].TimeRange.To.Equal(fixedNow) || got.PluginContext.User.Role != "Viewer" {
		t.Errorf("request = %+v", got)
	}
	if got.PluginContext.DataSourceInstanceSettings.UID != "traceo-ml" || got.PluginContext.PluginID != settings.DataSourcePluginID {
		t.Errorf("plugin context = %+v", got.PluginContext)
	}
}

func TestQueryRefusesForeignDataSourcesAndBadRanges(t *testing.T) {
	server := newTestServer(&fakePlugin{})
	defer server.Close()
	if resp, _ := do(t, http.MethodPost, server.URL+"/api/ds/query", `{"from":"now-1h","to":"now","queries":[{"datasource":{"uid":"nope"}}]}`, nil); resp.StatusCode != 404 {
		t.Errorf("foreign uid: %d", resp.StatusCode)
	}
	if resp, _ := do(t, http.MethodPost, server.URL+"/api/ds/query", `{"from":"later","to":"now","queries":[{"datasource":{"uid":"traceo-ml"}}]}`, nil); resp.StatusCode != 400 {
		t.Errorf("bad from: %d", resp.StatusCode)
	}
}

func TestHealthIs400UnlessOKAndActsAsTheRequestedRole(t *testing.T) {
	plugin := &fakePlugin{health: &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "Prometheus unreachable", JSONDetails: []byte(`{"url":"http://p"}`)}}
	server := newTestServer(plugin)
	defer server.Close()

	resp, body := do(t, http.MethodGet, server.URL+"/api/datasources/uid/traceo-ml/health", "", map[string]string{RoleHeader: "admin"})
	if resp.StatusCode != 400 || !strings.Contains(body, `"status":"ERROR"`) || !strings.Contains(body, `"details":{"url":"http://p"}`) {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
	if plugin.healthUser.Role != "Admin" {
		t.Errorf("role = %q", plugin.healthUser.Role)
	}

	plugin.health = &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: "ok"}
	if resp, _ := do(t, http.MethodGet, server.URL+"/api/datasources/uid/traceo-ml/health", "", nil); resp.StatusCode != 200 {
		t.Errorf("OK health: %d", resp.StatusCode)
	}
	if resp, _ := do(t, http.MethodGet, server.URL+"/api/datasources/uid/traceo-ml/health", "", map[string]string{RoleHeader: "Owner"}); resp.StatusCode != 400 {
		t.Errorf("unknown role: %d", resp.StatusCode)
	}
}

func TestResourcesStreamLikeGrafana(t *testing.T) {
	plugin := &fakePlugin{resources: []*backend.CallResourceResponse{
		{Status: 201, Headers: map[string][]string{"set-cookie": {"a=b"}, "x-trace": {"1"}}, Body: []byte(`{"id":`)},
		{Status: 500, Body: []byte(`7}`)},
	}}
	server := newTestServer(plugin)
	defer server.Close()

	resp, body := do(t, http.MethodPost, server.URL+"/api/datasources/uid/traceo-ml/resources/labels/queue?limit=5", `{"x":1}`,
		map[string]string{RoleHeader: "Editor", UserHeader: "alice", "Cookie": "grafana_session=secret", "X-Custom": "kept"})
	if resp.StatusCode != 201 || body != `{"id":7}` {
		t.Errorf("%d %q: status comes from the first message, bodies are concatenated", resp.StatusCode, body)
	}
	if resp.Header.Get("Set-Cookie") != "" || resp.Header.Get("X-Trace") != "1" || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("headers = %v", resp.Header)
	}
	got := plugin.resourceReq
	if got.Path != "labels/queue" || got.URL != "labels/queue?limit=5" || got.Method != "POST" || string(got.Body) != `{"x":1}` {
		t.Errorf("request = %+v", got)
	}
	if got.PluginContext.User.Role != "Editor" || got.PluginContext.User.Login != "alice" || got.Headers["Cookie"] != nil ||
		got.Headers[RoleHeader] != nil || got.Headers[UserHeader] != nil || got.Headers["X-Custom"][0] != "kept" {
		t.Errorf("user %+v headers %v", got.PluginContext.User, got.Headers)
	}
}

func TestResourceErrorsMapLikeGrafana(t *testing.T) {
	plugin := &fakePlugin{resourceErr: sdkclient.ErrMethodNotImplemented}
	server := newTestServer(plugin)
	defer server.Close()
	if resp, _ := do(t, http.MethodGet, server.URL+"/api/datasources/uid/traceo-ml/resources/x", "", nil); resp.StatusCode != 404 {
		t.Errorf("UNIMPLEMENTED: %d", resp.StatusCode)
	}
	plugin.resourceErr = nil
	if resp, body := do(t, http.MethodGet, server.URL+"/api/datasources/uid/traceo-ml/resources/x", "", nil); resp.StatusCode != 500 || !strings.Contains(body, "empty resource response") {
		t.Errorf("empty stream: %d %s", resp.StatusCode, body)
	}

	down := &Server{Plugin: func() (Plugin, error) { return nil, ErrPluginUnavailable }, DataSource: settings.DataSource{UID: "traceo-ml"}, DefaultRole: "Viewer", Grafana: grafanactx.Grafana{Version: "13.1.0"}}
	downServer := httptest.NewServer(down.Handler())
	defer downServer.Close()
	if resp, _ := do(t, http.MethodGet, downServer.URL+"/api/datasources/uid/traceo-ml/resources/x", "", nil); resp.StatusCode != 503 {
		t.Errorf("plugin down: %d", resp.StatusCode)
	}
}

func TestMetricsPassThroughAsText(t *testing.T) {
	server := newTestServer(&fakePlugin{})
	defer server.Close()
	resp, body := do(t, http.MethodGet, server.URL+"/api/plugins/traceo-ml-datasource/metrics", "", nil)
	if resp.StatusCode != 200 || body != "# TYPE up gauge\nup 1\n" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("%d %q %v", resp.StatusCode, body, resp.Header)
	}
	if resp, _ := do(t, http.MethodGet, server.URL+"/api/plugins/other-plugin/metrics", "", nil); resp.StatusCode != 404 {
		t.Errorf("other plugin: %d", resp.StatusCode)
	}
}
