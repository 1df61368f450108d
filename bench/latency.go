package bench

import (
	"slices"
	"time"
)

// Percentile returns the q-quantile (0 < q <= 1) of sorted samples by the
// nearest-rank method, or 0 when there are none.
func Percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	// Nearest rank: the smallest sample with at least q of all at or below it.
	rank := int(q*float64(len(sorted))+0.999999) - 1
	rank = max(0, min(rank, len(sorted)-1))
	return sorted[rank]
}

// sortedCopy returns the samples sorted, leaving the input alone.
func sortedCopy(samples []time.Duration) []time.Duration {
	s := slices.Clone(samples)
	slices.Sort(s)
	return s
}
