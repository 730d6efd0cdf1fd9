package suite

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/promapi"
)

// labelKey identifies a series by its labels without __name__: Prometheus keeps the metric name in the label
// set, a Grafana frame may carry it as the field name instead, and neither choice changes the series.
func labelKey(labels map[string]string) string {
	keys := make([]string, 0, len(labels))
	for key := range labels {
		if key != "__name__" {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, key := range keys {
		parts[i] = fmt.Sprintf("%s=%q", key, labels[key])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// evaluationGrid returns the start, end and step that make Prometheus evaluate at exactly the plugin's
// timestamps: the plugin is free to align and pick its step, the comparison follows whatever it chose.
func evaluationGrid(series []dataplane.Series) (start, end time.Time, step time.Duration, err error) {
	var times []int64
	for _, s := range series {
		for _, p := range s.Points {
			times = append(times, p.TimeMS)
		}
	}
	if len(times) == 0 {
		return start, end, 0, dataplane.ErrNoData
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	stepMS := int64(0)
	for i := 1; i < len(times); i++ {
		if diff := times[i] - times[i-1]; diff > 0 && (stepMS == 0 || diff < stepMS) {
			stepMS = diff
		}
	}
	if stepMS == 0 {
		stepMS = 1000
	}
	for _, at := range times {
		if (at-times[0])%stepMS != 0 {
			return start, end, 0, fmt.Errorf("timestamps are not on a regular %d ms grid (%d)", stepMS, at)
		}
	}
	return time.UnixMilli(times[0]), time.UnixMilli(times[len(times)-1]), time.Duration(stepMS) * time.Millisecond, nil
}

// compareSeries checks that the plugin returned the same series and values as Prometheus: every Prometheus
// sample appears in the plugin's series at the same timestamp with the same value, and every non-null plugin
// value is backed by a Prometheus sample. Prometheus NaN must arrive as null (or NaN in panel frames).
func compareSeries(plugin []dataplane.Series, prometheus []promapi.Series) (points int, err error) {
	byLabels := make(map[string]dataplane.Series, len(plugin))
	for _, s := range plugin {
		key := labelKey(s.Labels)
		if _, dup := byLabels[key]; dup {
			return 0, fmt.Errorf("plugin returned series %s twice", key)
		}
		byLabels[key] = s
	}
	if len(plugin) != len(prometheus) {
		return 0, fmt.Errorf("plugin returned %d series, Prometheus %d", len(plugin), len(prometheus))
	}
	for _, want := range prometheus {
		key := labelKey(want.Labels)
		got, ok := byLabels[key]
		if !ok {
			return points, fmt.Errorf("series %s from Prometheus is missing in the plugin's answer", key)
		}
		expected := make(map[int64]float64, len(want.Samples))
		for _, sample := range want.Samples {
			expected[sample.TimeMS] = sample.Value
		}
		seen := 0
		for _, point := range got.Points {
			value, present := expected[point.TimeMS]
			switch {
			case point.Value == nil && (!present || math.IsNaN(value)):
				// Gap or NaN sent as null: fine.
			case point.Value == nil:
				return points, fmt.Errorf("series %s at %s: plugin sent null, Prometheus has %v", key, formatMS(point.TimeMS), value)
			case !present:
				return points, fmt.Errorf("series %s at %s: plugin sent %v, Prometheus has no sample", key, formatMS(point.TimeMS), *point.Value)
			case math.IsNaN(value) && math.IsNaN(*point.Value):
			case *point.Value != value:
				return points, fmt.Errorf("series %s at %s: plugin sent %v, Prometheus has %v", key, formatMS(point.TimeMS), *point.Value, value)
			}
			if present {
				seen++
			}
		}
		if seen != len(want.Samples) {
			return points, fmt.Errorf("series %s: plugin covers %d of Prometheus' %d samples", key, seen, len(want.Samples))
		}
		points += seen
	}
	return points, nil
}

func formatMS(ms int64) string { return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano) }
