package dataplane

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

func ptr(v float64) *float64 { return &v }

var t0 = time.Unix(1_700_000_000, 0).UTC()

func seriesFrame(refID string, labels data.Labels, values ...*float64) *data.Frame {
	times := make([]time.Time, len(values))
	for i := range values {
		times[i] = t0.Add(time.Duration(i) * time.Minute)
	}
	frame := data.NewFrame("",
		data.NewField("time", nil, times),
		data.NewField("value", labels, values),
	)
	frame.RefID = refID
	frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
	return frame
}

func TestAlertSeriesAcceptsLabelledSeriesWithNulls(t *testing.T) {
	frames := data.Frames{
		seriesFrame("A", data.Labels{"instance": "a"}, ptr(1), nil, ptr(3)),
		seriesFrame("A", data.Labels{"instance": "b"}, ptr(4)),
	}
	collection, err := AlertSeries(frames, "A")
	if err != nil {
		t.Fatal(err)
	}
	series, err := SeriesOf(collection)
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 2 || series[0].Labels["instance"] != "a" || series[0].Points[1].Value != nil {
		t.Fatalf("series = %+v", series)
	}
	if got := series[0].Points[2]; got.TimeMS != t0.Add(2*time.Minute).UnixMilli() || *got.Value != 3 {
		t.Errorf("third point = %+v", got)
	}
}

func TestAlertSeriesRejects(t *testing.T) {
	nan := math.NaN()
	cases := map[string]struct {
		frames data.Frames
		want   string
	}{
		"NaN value": {
			frames: data.Frames{seriesFrame("A", data.Labels{"i": "a"}, ptr(1), &nan)},
			want:   "NaN",
		},
		"same labels twice": {
			frames: func() data.Frames {
				other := seriesFrame("A", data.Labels{"i": "a"}, ptr(2))
				other.Fields[1].Name = "other"
				return data.Frames{seriesFrame("A", data.Labels{"i": "a"}, ptr(1)), other}
			}(),
			want: "label set",
		},
		"wrong typeVersion": {
			frames: func() data.Frames {
				f := seriesFrame("A", nil, ptr(1))
				f.Meta.TypeVersion = data.FrameTypeVersion{0, 2}
				return data.Frames{f}
			}(),
			want: "version 0.2",
		},
		"string field next to the value": {
			frames: func() data.Frames {
				f := seriesFrame("A", nil, ptr(1))
				f.Fields = append(f.Fields, data.NewField("note", nil, []string{"x"}))
				return data.Frames{f}
			}(),
			want: "ignore",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := AlertSeries(tc.frames, "A")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestTimeSeriesMultiRejects(t *testing.T) {
	cases := map[string]struct {
		frames data.Frames
		want   string
	}{
		"no meta": {
			frames: func() data.Frames { f := seriesFrame("A", nil, ptr(1)); f.Meta = nil; return data.Frames{f} }(),
			want:   "missing metadata",
		},
		"wide instead of multi": {
			frames: func() data.Frames {
				f := seriesFrame("A", nil, ptr(1))
				f.Meta.Type = data.FrameTypeTimeSeriesWide
				return data.Frames{f}
			}(),
			want: "want",
		},
		"refId missing": {
			frames: data.Frames{seriesFrame("", nil, ptr(1))},
			want:   "refId",
		},
		"nullable time field": {
			frames: func() data.Frames {
				f := seriesFrame("A", nil, ptr(1))
				at := t0
				f.Fields[0] = data.NewField("time", nil, []*time.Time{&at})
				return data.Frames{f}
			}(),
			want: "[]time.Time",
		},
		"unsorted time": {
			frames: func() data.Frames {
				f := seriesFrame("A", nil, ptr(1), ptr(2))
				f.Fields[0].Set(0, t0.Add(time.Hour))
				return data.Frames{f}
			}(),
			want: "unsorted",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := TimeSeriesMulti(tc.frames, "A")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestNoDataIsValid(t *testing.T) {
	frame := data.NewFrame("")
	frame.RefID = "A"
	frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: ContractVersion}
	collection, err := AlertSeries(data.Frames{frame}, "A")
	if err != nil || !collection.NoData() {
		t.Fatalf("no-data frame: %+v, %v", collection, err)
	}
}
