package bench

import (
	"math"
	"sort"
	"time"
)

// Distribution summarises one series of timings, in milliseconds (the unit the report and its bars use).
type Distribution struct {
	P50     float64   `json:"p50"`
	P95     float64   `json:"p95"`
	Min     float64   `json:"min"`
	Max     float64   `json:"max"`
	Samples []float64 `json:"samples"`
}

// Summarise computes the distribution of the given durations; Samples keeps them in run order.
func Summarise(durations []time.Duration) Distribution {
	samples := make([]float64, len(durations))
	for i, d := range durations {
		samples[i] = milliseconds(d)
	}
	return summariseMS(samples)
}

func summariseMS(samples []float64) Distribution {
	if len(samples) == 0 {
		return Distribution{Samples: []float64{}}
	}
	sorted := append([]float64(nil), samples...)
	sort.Float64s(sorted)
	return Distribution{
		P50:     Percentile(sorted, 0.50),
		P95:     Percentile(sorted, 0.95),
		Min:     sorted[0],
		Max:     sorted[len(sorted)-1],
		Samples: samples,
	}
}

// Percentile is the nearest-rank percentile of ascending values: the smallest value with at least q of the
// values at or below it. Unlike interpolating definitions it is always a measured run, never a blend of two.
func Percentile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	rank := int(math.Ceil(q * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// pairedDifferences subtracts run by run: with interleaved runs both sides of a pair saw the same machine
// load, so the difference isolates what the plugin adds better than a difference of two percentiles would.
func pairedDifferences(plugin, direct []time.Duration) []float64 {
	out := make([]float64, min(len(plugin), len(direct)))
	for i := range out {
		out[i] = milliseconds(plugin[i]) - milliseconds(direct[i])
	}
	return out
}

func milliseconds(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
