package promapi

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestQueryRangeParsesMatrix(t *testing.T) {
	var gotQuery, gotStep string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotQuery, gotStep = r.URL.Query().Get("query"), r.URL.Query().Get("step")
		_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"matrix","result":[
			{"metric":{"__name__":"up","job":"p"},"values":[[1700000000.5,"1"],[1700000015.5,"NaN"]]}]}}`))
	}))
	defer server.Close()

	series, err := Client{BaseURL: server.URL}.QueryRange(context.Background(), "up", time.Unix(1700000000, 0), time.Unix(1700000015, 0), 15*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if gotQuery != "up" || gotStep != "15" {
		t.Errorf("sent query=%q step=%q", gotQuery, gotStep)
	}
	if len(series) != 1 || series[0].Labels["job"] != "p" || len(series[0].Samples) != 2 {
		t.Fatalf("series = %+v", series)
	}
	if s := series[0].Samples[0]; s.TimeMS != 1700000000500 || s.Value != 1 {
		t.Errorf("first sample = %+v", s)
	}
	if !math.IsNaN(series[0].Samples[1].Value) {
		t.Error("Prometheus' \"NaN\" must decode to NaN")
	}
}

func TestErrorsCarryPrometheusMessage(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"status":"error","errorType":"bad_data","error":"parse error at char 3"}`))
	}))
	defer server.Close()
	_, err := Client{BaseURL: server.URL}.QueryRange(context.Background(), "up{", time.Unix(0, 0), time.Unix(60, 0), time.Minute)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Type != "bad_data" || apiErr.Message != "parse error at char 3" {
		t.Fatalf("err = %#v", err)
	}
}
