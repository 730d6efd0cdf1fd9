package bench

import (
	"math"
	"testing"
	"time"
)

func TestPercentileIsNearestRank(t *testing.T) {
	values := make([]float64, 20)
	for i := range values {
		values[i] = float64(i + 1) // 1..20
	}
	cases := map[float64]float64{0.5: 10, 0.95: 19, 1: 20, 0: 1, 0.01: 1}
	for q, want := range cases {
		if got := Percentile(values, q); got != want {
			t.Errorf("Percentile(1..20, %v) = %v, want %v", q, got, want)
		}
	}
	if got := Percentile([]float64{7}, 0.95); got != 7 {
		t.Errorf("one value: %v", got)
	}
	if !math.IsNaN(Percentile(nil, 0.5)) {
		t.Error("no values has no percentile")
	}
}

func TestSummariseKeepsRunOrderAndSortsForPercentiles(t *testing.T) {
	d := Summarise([]time.Duration{30 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond, 1500 * time.Microsecond})
	if d.Min != 1.5 || d.Max != 30 || d.P50 != 10 || d.P95 != 30 {
		t.Errorf("got %+v", d)
	}
	if d.Samples[0] != 30 || d.Samples[3] != 1.5 {
		t.Errorf("samples must stay in run order: %v", d.Samples)
	}
}

func TestPairedDifferencesSubtractRunByRun(t *testing.T) {
	plugin := []time.Duration{12 * time.Millisecond, 30 * time.Millisecond, 5 * time.Millisecond}
	direct := []time.Duration{10 * time.Millisecond, 10 * time.Millisecond}
	got := pairedDifferences(plugin, direct)
	if len(got) != 2 || got[0] != 2 || got[1] != 20 {
		t.Errorf("got %v, want [2 20] (unpaired runs dropped)", got)
	}
}
