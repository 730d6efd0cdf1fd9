package host

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

var fixedNow = time.Date(2026, 3, 4, 12, 30, 0, 0, time.UTC)

func TestParseTimeRange(t *testing.T) {
	cases := []struct {
		from, to   string
		start, end time.Time
	}{
		{"1700000000000", "1700003600000", time.UnixMilli(1700000000000).UTC(), time.UnixMilli(1700003600000).UTC()},
		{"now-1h", "now", fixedNow.Add(-time.Hour), fixedNow},
		{"now-7d", "now-5m", fixedNow.Add(-7 * 24 * time.Hour), fixedNow.Add(-5 * time.Minute)},
		{"now/d", "now/d", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 4, 23, 59, 59, 999000000, time.UTC)},
	}
	for _, tc := range cases {
		got, err := parseTimeRange(tc.from, tc.to, fixedNow)
		if err != nil {
			t.Fatalf("%s..%s: %v", tc.from, tc.to, err)
		}
		if !got.From.Equal(tc.start) || !got.To.Equal(tc.end) {
			t.Errorf("%s..%s = %v..%v, want %v..%v", tc.from, tc.to, got.From, got.To, tc.start, tc.end)
		}
	}
	for _, bad := range [][2]string{{"", "now"}, {"yesterday-ish", "now"}, {"now-1h", "soon"}} {
		var badQuery badQueryError
		if _, err := parseTimeRange(bad[0], bad[1], fixedNow); !errors.As(err, &badQuery) {
			t.Errorf("%q..%q: err = %v, want a bad query error", bad[0], bad[1], err)
		}
	}
}

func TestToDataQueryReadsGrafanasFieldsAndKeepsTheModel(t *testing.T) {
	raw := json.RawMessage(`{"refId":"B","datasource":{"uid":"traceo-ml","type":"traceo-ml-datasource"},"queryType":"raw","expr":"up","maxDataPoints":1234,"intervalMs":30000,"big":12345678901234567890}`)
	query, err := toDataQuery(raw, parseRange(t), "traceo-ml")
	if err != nil {
		t.Fatal(err)
	}
	if query.RefID != "B" || query.QueryType != "raw" || query.MaxDataPoints != 1234 || query.Interval != 30*time.Second {
		t.Errorf("query = %+v", query)
	}
	if string(query.JSON) != string(raw) {
		t.Errorf("the model must travel unchanged, got %s", query.JSON)
	}

	defaults, err := toDataQuery(json.RawMessage(`{"datasource":{"uid":"traceo-ml"}}`), parseRange(t), "traceo-ml")
	if err != nil {
		t.Fatal(err)
	}
	if defaults.RefID != "A" || defaults.MaxDataPoints != 100 || defaults.Interval != time.Second {
		t.Errorf("Grafana's defaults are refId A, 100 points, 1 s; got %+v", defaults)
	}

	if _, err := toDataQuery(json.RawMessage(`{"datasource":{"uid":"other"}}`), parseRange(t), "traceo-ml"); !errors.Is(err, errDataSourceNotFound) {
		t.Errorf("foreign uid: %v", err)
	}
	for _, bad := range []string{`{"refId":"A"}`, `[1]`, `{"datasource":{"uid":"traceo-ml"},"maxDataPoints":1.5}`} {
		var badQuery badQueryError
		if _, err := toDataQuery(json.RawMessage(bad), parseRange(t), "traceo-ml"); !errors.As(err, &badQuery) {
			t.Errorf("%s: err = %v, want a bad query error", bad, err)
		}
	}
}

func parseRange(t *testing.T) backend.TimeRange {
	t.Helper()
	tr, err := parseTimeRange("now-1h", "now", fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}
