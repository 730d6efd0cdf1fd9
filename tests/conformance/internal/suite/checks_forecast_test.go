package suite

import (
	"math"
	"testing"
	"time"
)

// The truth the forecast check holds the plugin to: the linear climb reaches the threshold diskCrossingAfterEnd
// after the end, and the daily wave moves that by at most diskWave / diskGrowthPerDay of a day.
func TestTrueTimeToThreshold(t *testing.T) {
	maxShift := time.Duration(diskWave / diskGrowthPerDay * 24 * float64(time.Hour))
	for _, end := range []time.Time{time.Unix(1_700_000_040, 0), time.Unix(1_700_021_640, 0), time.Unix(1_700_043_240, 0)} {
		truth, err := trueTimeToThreshold(end)
		if err != nil {
			t.Fatal(err)
		}
		if shift := truth - diskCrossingAfterEnd; shift.Abs() > maxShift+crossingSearchStep {
			t.Errorf("end %v: truth %v is %v from %v, more than the wave allows (%v)", end, truth, shift, diskCrossingAfterEnd, maxShift)
		}
		// The first second at or past the threshold: the second before is still below it.
		at, before := diskUsedRatio(end.Add(truth), end), diskUsedRatio(end.Add(truth-crossingSearchStep), end)
		if at < diskThreshold || before >= diskThreshold || math.Abs(at-diskThreshold) > 1e-5 {
			t.Errorf("end %v: ratio %v at the truth and %v a step before, want the first crossing of %v", end, at, before, diskThreshold)
		}
	}
}
