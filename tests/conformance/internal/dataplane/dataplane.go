// Package dataplane checks frames against Grafana's dataplane contract with Grafana's own readers
// (github.com/grafana/dataplane/sdata), the code server-side expressions run before alerting sees a value
// (grafana pkg/expr/dataplane.go).
package dataplane

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/grafana/dataplane/sdata/reader"
	"github.com/grafana/dataplane/sdata/timeseries"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// ContractVersion is the dataplane version current readers understand; anything else is read with a warning.
var ContractVersion = data.FrameTypeVersion{0, 1}

// TimeSeriesMulti validates a response as the `timeseries-multi` kind: the type the first frame declares must be
// readable by sdata, every frame must carry the refId, and the collection must pass sdata's data validation
// (sorted non-null times, a numeric value field, no duplicate name+labels).
func TimeSeriesMulti(frames data.Frames, refID string) (timeseries.Collection, error) {
	kind, err := reader.CanReadBasedOnMeta(frames)
	if err != nil {
		return timeseries.Collection{}, fmt.Errorf("dataplane reader refuses the response: %w", err)
	}
	if kind != data.FrameTypeTimeSeriesMulti {
		return timeseries.Collection{}, fmt.Errorf("frame type is %q, want %q", kind, data.FrameTypeTimeSeriesMulti)
	}
	for i, frame := range frames {
		if frame.RefID != refID {
			return timeseries.Collection{}, fmt.Errorf("frame %d has refId %q, want %q", i, frame.RefID, refID)
		}
	}
	collectionReader, err := timeseries.CollectionReaderFromFrames(frames)
	if err != nil {
		return timeseries.Collection{}, err
	}
	collection, err := collectionReader.GetCollection(true)
	if err != nil {
		return timeseries.Collection{}, fmt.Errorf("dataplane validation: %w", err)
	}
	if collection.Warning != nil {
		return collection, fmt.Errorf("dataplane warning: %w", collection.Warning)
	}
	return collection, nil
}

// AlertSeries adds what alerting needs on top of TimeSeriesMulti: typeVersion exactly [0,1] on every frame,
// only a time field and one numeric field per frame (nothing a reader would have to ignore), label sets that
// identify each series on their own (Grafana's "frame cannot uniquely be identified by its labels"), and no NaN
// anywhere, because strict Reduce turns NaN into NaN and a NaN condition fires the alert. Null is fine.
func AlertSeries(frames data.Frames, refID string) (timeseries.Collection, error) {
	collection, err := TimeSeriesMulti(frames, refID)
	if err != nil {
		return collection, err
	}
	if collection.NoData() {
		return collection, nil
	}
	for i, frame := range frames {
		if frame.Meta == nil || frame.Meta.TypeVersion != ContractVersion {
			return collection, fmt.Errorf("frame %d: typeVersion must be %v", i, ContractVersion)
		}
	}
	if len(collection.RemainderIndices) > 0 {
		var reasons []string
		for _, ignored := range collection.RemainderIndices {
			reasons = append(reasons, fmt.Sprintf("frame %d field %d: %s", ignored.FrameIdx, ignored.FieldIdx, ignored.Reason))
		}
		return collection, fmt.Errorf("fields alerting would ignore: %s", strings.Join(reasons, "; "))
	}
	if err := uniqueLabelSets(collection); err != nil {
		return collection, err
	}
	for _, ref := range collection.Refs {
		if err := noNaN(ref); err != nil {
			return collection, err
		}
	}
	return collection, nil
}

func uniqueLabelSets(collection timeseries.Collection) error {
	seen := make(map[string]bool, len(collection.Refs))
	for _, ref := range collection.Refs {
		key := ref.GetLabels().String()
		if seen[key] {
			return fmt.Errorf("two series share the label set %s: alerting cannot tell them apart", key)
		}
		seen[key] = true
	}
	return nil
}

func noNaN(ref timeseries.MetricRef) error {
	length, err := ref.Len()
	if err != nil {
		return err
	}
	for i := 0; i < length; i++ {
		value, err := ref.NullableFloat64Value(i)
		if err != nil {
			return err
		}
		if value != nil && math.IsNaN(*value) {
			return fmt.Errorf("series %s%s has NaN at point %d (send null for no value)", ref.GetMetricName(), ref.GetLabels(), i)
		}
	}
	return nil
}

// Point is one sample of a series; Value is nil for null.
type Point struct {
	TimeMS int64
	Value  *float64
}

// Series is a decoded series keyed by its label set, for comparing with another source.
type Series struct {
	Labels data.Labels
	Points []Point
}

// SeriesOf flattens a validated collection into series sorted by label set.
func SeriesOf(collection timeseries.Collection) ([]Series, error) {
	out := make([]Series, 0, len(collection.Refs))
	for _, ref := range collection.Refs {
		length, err := ref.Len()
		if err != nil {
			return nil, err
		}
		series := Series{Labels: ref.GetLabels(), Points: make([]Point, length)}
		for i := 0; i < length; i++ {
			at, value, err := ref.NullableFloat64Point(i)
			if err != nil {
				return nil, err
			}
			series.Points[i] = Point{TimeMS: at.UnixMilli(), Value: value}
		}
		out = append(out, series)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Labels.String() < out[j].Labels.String() })
	return out, nil
}

// ErrNoData reports a response without any series where the caller needs some.
var ErrNoData = errors.New("no series in the response")
