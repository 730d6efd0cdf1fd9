package suite

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/promapi"
)

func f(v float64) *float64 { return &v }

func pluginSeries(labels data.Labels, points ...dataplane.Point) dataplane.Series {
	return dataplane.Series{Labels: labels, Points: points}
}

func TestEvaluationGridFollowsThePluginTimestamps(t *testing.T) {
	series := []dataplane.Series{
		pluginSeries(nil, dataplane.Point{TimeMS: 60_000}, dataplane.Point{TimeMS: 90_000}),
		pluginSeries(nil, dataplane.Point{TimeMS: 120_000}),
	}
	start, end, step, err := evaluationGrid(series)
	if err != nil {
		t.Fatal(err)
	}
	if start.UnixMilli() != 60_000 || end.UnixMilli() != 120_000 || step != 30*time.Second {
		t.Errorf("grid = %v..%v step %v", start.UnixMilli(), end.UnixMilli(), step)
	}
	if _, _, _, err := evaluationGrid([]dataplane.Series{pluginSeries(nil, dataplane.Point{TimeMS: 0}, dataplane.Point{TimeMS: 20}, dataplane.Point{TimeMS: 50})}); err == nil {
		t.Error("irregular timestamps cannot be compared with a range query")
	}
	if _, _, _, err := evaluationGrid(nil); err == nil {
		t.Error("no points means nothing to compare")
	}
}

func TestCompareSeries(t *testing.T) {
	prom := []promapi.Series{{
		Labels:  map[string]string{"__name__": "up", "job": "prometheus"},
		Samples: []promapi.Sample{{TimeMS: 1000, Value: 1}, {TimeMS: 2000, Value: math.NaN()}, {TimeMS: 3000, Value: 0.1}},
	}}
	good := []dataplane.Series{pluginSeries(data.Labels{"job": "prometheus"},
		dataplane.Point{TimeMS: 1000, Value: f(1)}, dataplane.Point{TimeMS: 2000}, dataplane.Point{TimeMS: 2500},
		dataplane.Point{TimeMS: 3000, Value: f(0.1)})}
	points, err := compareSeries(good, prom)
	if err != nil || points != 3 {
		t.Fatalf("identical data: points=%d err=%v", points, err)
	}

	cases := map[string]struct {
		plugin []dataplane.Series
		want   string
	}{
		"value differs": {
			plugin: []dataplane.Series{pluginSeries(data.Labels{"job": "prometheus"},
				dataplane.Point{TimeMS: 1000, Value: f(1)}, dataplane.Point{TimeMS: 2000}, dataplane.Point{TimeMS: 3000, Value: f(0.10000001)})},
			want: "Prometheus has 0.1",
		},
		"sample dropped": {
			plugin: []dataplane.Series{pluginSeries(data.Labels{"job": "prometheus"}, dataplane.Point{TimeMS: 1000, Value: f(1)})},
			want:   "covers 1 of",
		},
		"value invented": {
			plugin: []dataplane.Series{pluginSeries(data.Labels{"job": "prometheus"},
				dataplane.Point{TimeMS: 1000, Value: f(1)}, dataplane.Point{TimeMS: 1500, Value: f(1)})},
			want: "no sample",
		},
		"labels differ": {
			plugin: []dataplane.Series{pluginSeries(data.Labels{"job": "node"}, dataplane.Point{TimeMS: 1000, Value: f(1)})},
			want:   "missing",
		},
		"series count differs": {
			plugin: nil,
			want:   "0 series",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := compareSeries(tc.plugin, prom)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
