package bench

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

const matrixAnswer = `{"status":"success","data":{"resultType":"matrix","result":[
 {"metric":{"__name__":"up","instance":"a"},"values":[[1700000000,"1"],[1700000060.5,"NaN"],[1700000120,"+Inf"]]},
 {"metric":{"__name__":"up","instance":"b"},"values":[[1700000000,"-2.5e-3"]]}]},"warnings":["ignored"]}`

func TestDecodeMatrixBuildsOneFramePerSeries(t *testing.T) {
	frames, err := DecodeMatrix(strings.NewReader(matrixAnswer))
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 2 {
		t.Fatalf("%d frames, want 2", len(frames))
	}
	a := frames[0]
	if rows, _ := a.RowLen(); rows != 3 {
		t.Fatalf("series a has %d rows, want 3", rows)
	}
	if got := a.Fields[0].At(1).(time.Time); !got.Equal(time.UnixMilli(1700000060500)) {
		t.Errorf("fractional timestamp read as %v", got)
	}
	if v := a.Fields[1].At(1).(float64); !math.IsNaN(v) {
		t.Errorf("NaN read as %v", v)
	}
	if v := a.Fields[1].At(2).(float64); !math.IsInf(v, 1) {
		t.Errorf("+Inf read as %v", v)
	}
	if a.Fields[1].Labels["instance"] != "a" || frames[1].Fields[1].Labels["instance"] != "b" {
		t.Errorf("labels %v / %v", a.Fields[1].Labels, frames[1].Fields[1].Labels)
	}
	if v := frames[1].Fields[1].At(0).(float64); v != -0.0025 {
		t.Errorf("value read as %v", v)
	}
	if a.Meta.Type != data.FrameTypeTimeSeriesMulti {
		t.Errorf("frame type %q", a.Meta.Type)
	}
}

func TestDecodeMatrixRefusesErrorsAndOtherShapes(t *testing.T) {
	answers := map[string]string{
		"API error":    `{"status":"error","errorType":"bad_data","error":"parse error at char 4"}`,
		"vector":       `{"status":"success","data":{"resultType":"vector","result":[]}}`,
		"bad value":    `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"x"]]}]}}`,
		"truncated":    `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]`,
		"not JSON":     `<html>502 Bad Gateway</html>`,
		"long samples": `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1",2]]}]}}`,
	}
	for name, answer := range answers {
		if _, err := DecodeMatrix(strings.NewReader(answer)); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
	_, err := DecodeMatrix(strings.NewReader(answers["API error"]))
	if err == nil || !strings.Contains(err.Error(), "parse error at char 4") {
		t.Errorf("the API's message must survive: %v", err)
	}
}

func TestDirectClientAsksForPlainRangeQueries(t *testing.T) {
	var got *http.Request
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		_, _ = w.Write([]byte(matrixAnswer))
	}))
	defer server.Close()

	end := time.Unix(1700086400, 0)
	frames, err := NewDirectClient(server.URL).QueryRange(context.Background(), "up", end.Add(-24*time.Hour), end, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 2 {
		t.Errorf("%d frames", len(frames))
	}
	query := got.URL.Query()
	if got.URL.Path != "/api/v1/query_range" || query.Get("query") != "up" || query.Get("start") != "1700000000" ||
		query.Get("end") != "1700086400" || query.Get("step") != "60" {
		t.Errorf("request %s", got.URL)
	}
	if encoding := got.Header.Get("Accept-Encoding"); encoding != "" {
		t.Errorf("Accept-Encoding %q: the plugin fetches plain answers, the baseline must too", encoding)
	}
}
