package suite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/dataplane"
)

// The anomaly checks query the fixture's traceo_test_anomaly series (scripts/prometheus/openmetrics.mjs): an
// hourly cycle with noise; case="spike" is 15 higher for 20 minutes from 3 h before the end, case="noise" never.
const (
	anomalyExpr = "traceo_test_anomaly"
	// anomalyWindowBeforeEnd and anomalyWindowLength are ANOMALY_START_BEFORE_END and ANOMALY_DURATION.
	anomalyWindowBeforeEnd = 3 * time.Hour
	anomalyWindowLength    = 20 * time.Minute
	// anomalyHistory is how far back traceo_test_anomaly has samples (ANOMALY_HISTORY_HOURS).
	anomalyHistory = 48 * time.Hour
	// criticalScore is where the critical band starts (src/contract/score.ts: 86–100).
	criticalScore = 86
	// A noise-only series stays at most minor (≤ 60) for this share of its scored points at least.
	noiseCeiling         = 60
	noiseShareBelowLimit = 0.95
	// limitedMaxSeries is the maxSeries of the data source variant the series-limit check queries 100 series through.
	limitedMaxSeries = 50
)

// Field names of anomaly frames (src/contract/frames.ts FIELD, ANNOTATION_FIELD).
var (
	anomalyPanelFields = []string{"time", "value", "expected", "lower", "upper", "anomaly_score"}
	annotationFields   = []string{"time", "timeEnd", "title", "text", "tags"}
)

const anomalyScoreFieldName = "anomaly_score"

// anomalyModel is the `anomaly` query of the contract (src/contract/query.ts) at the fixture's one-minute step.
func (s *Suite) anomalyModel(refID, expr, output string, options map[string]any) map[string]any {
	fields := map[string]any{"queryType": "anomaly", "expr": expr, "output": output, "step": "1m"}
	if options != nil {
		fields["anomaly"] = options
	}
	return s.queryModel(refID, fields)
}

// anomalyRange is the anomaly series' whole history (longer than the other series': a new series learns through its
// first day, and the anomaly must come after it): the models start without any past, so their first points learn.
func (s *Suite) anomalyRange() (backend.TimeRange, error) {
	if s.opts.DataEnd.IsZero() {
		return backend.TimeRange{}, errors.New("the anomaly checks need the Prometheus fixture's traceo_test_anomaly series and its end (-data-end)")
	}
	return backend.TimeRange{From: s.opts.DataEnd.Add(-anomalyHistory + time.Minute), To: s.opts.DataEnd}, nil
}

// runAnomalyQuery sends one anomaly query for refId A as who, and returns its successful response.
func (s *Suite) runAnomalyQuery(ctx context.Context, output string, who caller) (backend.DataResponse, error) {
	client, err := s.main()
	if err != nil {
		return backend.DataResponse{}, err
	}
	timeRange, err := s.anomalyRange()
	if err != nil {
		return backend.DataResponse{}, err
	}
	query, err := dataQuery(s.anomalyModel("A", anomalyExpr, output, nil), timeRange)
	if err != nil {
		return backend.DataResponse{}, err
	}
	resp, err := s.queryData(ctx, client, s.dataSource, who, query)
	if err != nil {
		return backend.DataResponse{}, err
	}
	res, err := singleResponse(resp, "A")
	if err != nil {
		return res, err
	}
	if res.Error != nil {
		return res, fmt.Errorf("refId A failed with status %d (%s): %w", res.Status, res.ErrorSource, res.Error)
	}
	return res, nil
}

// checkQueryAnomalyPanel: the panel output decodes with the SDK into one dataplane frame per series with the
// contracted fields, the spike reaches the critical band inside its window, the first points are still learning
// (null), the noise series stays calm, and an annotation frame marks the anomaly.
func (s *Suite) checkQueryAnomalyPanel(ctx context.Context) (string, error) {
	res, err := s.runAnomalyQuery(ctx, "panel", dashboardViewer)
	if err != nil {
		return "", err
	}
	if _, err := dataplane.TimeSeriesMulti(res.Frames, "A"); err != nil {
		return fmt.Sprintf("%d frames", len(res.Frames)), err
	}
	series, annotations, err := splitAnomalyFrames(res.Frames)
	if err != nil {
		return "", err
	}
	byCase := map[string]*data.Frame{}
	for _, frame := range series {
		if err := checkAnomalyFields(frame); err != nil {
			return "", err
		}
		byCase[frame.Fields[1].Labels["case"]] = frame
	}
	spike, noise := byCase["spike"], byCase["noise"]
	if spike == nil || noise == nil {
		return "", fmt.Errorf("want frames for case=spike and case=noise, got %d frames", len(series))
	}
	windowStart := s.opts.DataEnd.Add(-anomalyWindowBeforeEnd)
	peak, err := maxScoreBetween(spike, windowStart, windowStart.Add(anomalyWindowLength))
	if err != nil {
		return "", err
	}
	if peak < criticalScore {
		return "", fmt.Errorf("spike: highest anomaly_score in the anomaly window is %.1f, want ≥ %d (critical)", peak, criticalScore)
	}
	if err := firstPointLearning(spike); err != nil {
		return "", err
	}
	calm, scored, err := shareAtMost(noise, noiseCeiling)
	if err != nil {
		return "", err
	}
	if calm < noiseShareBelowLimit {
		return "", fmt.Errorf("noise: only %.1f%% of %d scored points are ≤ %d, want ≥ %.0f%%", 100*calm, scored, noiseCeiling, 100*noiseShareBelowLimit)
	}
	events, err := criticalEventsOverlapping(annotations, windowStart, windowStart.Add(anomalyWindowLength))
	if err != nil {
		return "", err
	}
	if events == 0 {
		return "", errors.New("no annotation with severity:critical covers the anomaly window")
	}
	return fmt.Sprintf("%d series frames + annotations (%d events); spike peaks at %.0f in its window, first point learning (null); noise ≤ %d at %.1f%% of %d points",
		len(series), annotations.Rows(), peak, noiseCeiling, 100*calm, scored), nil
}

// checkQueryAnomalyAlert: the alert output is what alerting reads: numeric series only, unique labels, no NaN
// (unscored points are null), scores within 0–100.
func (s *Suite) checkQueryAnomalyAlert(ctx context.Context) (string, error) {
	res, err := s.runAnomalyQuery(ctx, "alert", alertingEngine)
	if err != nil {
		return "", err
	}
	collection, err := dataplane.AlertSeries(res.Frames, "A")
	if err != nil {
		return fmt.Sprintf("%d frames", len(res.Frames)), err
	}
	series, err := dataplane.SeriesOf(collection)
	if err != nil {
		return "", err
	}
	if len(series) != 2 {
		return "", fmt.Errorf("%d series, want the fixture's 2 (spike, noise)", len(series))
	}
	for _, ref := range collection.Refs {
		if ref.ValueField.Name != anomalyScoreFieldName {
			return "", fmt.Errorf("value field is %q, the contract names it %q", ref.ValueField.Name, anomalyScoreFieldName)
		}
	}
	nulls := 0
	for _, one := range series {
		for _, point := range one.Points {
			if point.Value == nil {
				nulls++
				continue
			}
			if *point.Value < 0 || *point.Value > 100 {
				return "", fmt.Errorf("series %s: anomaly_score %v outside 0–100", one.Labels, *point.Value)
			}
		}
	}
	if nulls == 0 {
		return "", errors.New("no null point: the learning start of each series should be unscored")
	}
	return fmt.Sprintf("%s: %d series of anomaly_score, %d unscored points as null, no NaN", data.FrameTypeTimeSeriesMulti, len(series), nulls), nil
}

// checkQueryAnomalyLimits: bad options and too many series are the user's to fix: 400 with a message naming the
// option or the limit, and nothing else in the request fails.
func (s *Suite) checkQueryAnomalyLimits(ctx context.Context) (string, error) {
	client, err := s.main()
	if err != nil {
		return "", err
	}
	timeRange, err := s.anomalyRange()
	if err != nil {
		return "", err
	}
	badOptions, err := dataQuery(s.anomalyModel("A", anomalyExpr, "panel", map[string]any{"sensitivity": 2, "trainingWindow": "a week"}), timeRange)
	if err != nil {
		return "", err
	}
	resp, err := s.queryData(ctx, client, s.dataSource, dashboardViewer, badOptions)
	if err != nil {
		return "", err
	}
	res, err := singleResponse(resp, "A")
	if err != nil {
		return "", err
	}
	details := []string{}
	detail, err := failedWith(res, "A", is(backend.StatusBadRequest), "400")
	details = appendDetail(details, detail)
	if err != nil {
		return strings.Join(details, "; "), err
	}
	for _, option := range []string{"anomaly.sensitivity", "anomaly.trainingWindow"} {
		if !strings.Contains(res.Error.Error(), option) {
			return strings.Join(details, "; "), fmt.Errorf("the error does not name %s", option)
		}
	}

	limited := s.variant("max-series", map[string]any{"maxSeries": limitedMaxSeries})
	tooMany, err := dataQuery(s.anomalyModel("B", "traceo_test_bench", "alert", nil), timeRange)
	if err != nil {
		return "", err
	}
	resp, err = s.queryData(ctx, client, limited, alertingEngine, tooMany)
	if err != nil {
		return strings.Join(details, "; "), err
	}
	res, err = singleResponse(resp, "B")
	if err != nil {
		return strings.Join(details, "; "), err
	}
	detail, err = failedWith(res, "B", is(backend.StatusBadRequest), "400")
	details = appendDetail(details, detail)
	if err != nil {
		return strings.Join(details, "; "), err
	}
	if !strings.Contains(res.Error.Error(), fmt.Sprintf("limit of %d", limitedMaxSeries)) {
		return strings.Join(details, "; "), fmt.Errorf("the error does not name the limit of %d series", limitedMaxSeries)
	}
	return strings.Join(details, "; "), nil
}

// splitAnomalyFrames separates the typed series frames from the one annotation frame, which must come last so
// that readers taking the type from the first frame see a series frame.
func splitAnomalyFrames(frames data.Frames) (series []*data.Frame, annotations *data.Frame, err error) {
	for i, frame := range frames {
		if frame.Meta != nil && frame.Meta.DataTopic == data.DataTopicAnnotations {
			if i != len(frames)-1 {
				return nil, nil, fmt.Errorf("annotation frame at %d of %d, want it last", i, len(frames))
			}
			annotations = frame
			continue
		}
		series = append(series, frame)
	}
	if annotations == nil {
		return nil, nil, errors.New(`no frame with meta.dataTopic "annotations"`)
	}
	for _, name := range annotationFields {
		if field, _ := annotations.FieldByName(name); field == nil {
			return nil, nil, fmt.Errorf("annotation frame has no %q field", name)
		}
	}
	return series, annotations, nil
}

func checkAnomalyFields(frame *data.Frame) error {
	names := make([]string, len(frame.Fields))
	for i, field := range frame.Fields {
		names[i] = field.Name
	}
	if !slices.Equal(names, anomalyPanelFields) {
		return fmt.Errorf("fields are %v, the contract names them %v", names, anomalyPanelFields)
	}
	labels := frame.Fields[1].Labels
	for _, field := range frame.Fields[2:] {
		if field.Labels.String() != labels.String() {
			return fmt.Errorf("field %q has labels %s, the value field %s", field.Name, field.Labels, labels)
		}
	}
	return nil
}

// maxScoreBetween is the highest anomaly_score at times in [from, to).
func maxScoreBetween(frame *data.Frame, from, to time.Time) (float64, error) {
	peak := math.Inf(-1)
	err := eachScore(frame, func(at time.Time, score *float64) {
		if score != nil && !at.Before(from) && at.Before(to) {
			peak = math.Max(peak, *score)
		}
	})
	return peak, err
}

// firstPointLearning: the first point has a value (the fixture's first sample) but no score yet.
func firstPointLearning(frame *data.Frame) error {
	value, err := frame.Fields[1].NullableFloatAt(0)
	if err != nil {
		return err
	}
	score, err := frame.Fields[len(frame.Fields)-1].NullableFloatAt(0)
	if err != nil {
		return err
	}
	if value == nil || score != nil {
		return fmt.Errorf("first point: value %v, anomaly_score %v; want a value and a null score (learning)", deref(value), deref(score))
	}
	return nil
}

// shareAtMost is the share of scored points at most limit, and how many points were scored.
func shareAtMost(frame *data.Frame, limit float64) (float64, int, error) {
	scored, calm := 0, 0
	err := eachScore(frame, func(_ time.Time, score *float64) {
		if score != nil {
			scored++
			if *score <= limit {
				calm++
			}
		}
	})
	if err == nil && scored == 0 {
		err = errors.New("no scored point")
	}
	if err != nil {
		return 0, 0, err
	}
	return float64(calm) / float64(scored), scored, nil
}

func eachScore(frame *data.Frame, visit func(at time.Time, score *float64)) error {
	times, scores := frame.Fields[0], frame.Fields[len(frame.Fields)-1]
	for i := 0; i < frame.Rows(); i++ {
		at, ok := timeAt(times, i)
		if !ok {
			return fmt.Errorf("null time at row %d", i)
		}
		score, err := scores.NullableFloatAt(i)
		if err != nil {
			return err
		}
		visit(at, score)
	}
	return nil
}

// criticalEventsOverlapping counts annotation events tagged severity:critical whose [time, timeEnd] meets [from, to).
func criticalEventsOverlapping(frame *data.Frame, from, to time.Time) (int, error) {
	start, _ := frame.FieldByName("time")
	end, _ := frame.FieldByName("timeEnd")
	tags, _ := frame.FieldByName("tags")
	count := 0
	for i := 0; i < frame.Rows(); i++ {
		begins, ok1 := timeAt(start, i)
		ends, ok2 := timeAt(end, i)
		text, ok3 := stringAt(tags, i)
		if !ok1 || !ok2 || !ok3 {
			return 0, fmt.Errorf("annotation row %d has a null time, timeEnd or tags", i)
		}
		if begins.Before(to) && !ends.Before(from) && slices.Contains(strings.Split(text, ","), "severity:critical") {
			count++
		}
	}
	return count, nil
}

func timeAt(field *data.Field, i int) (time.Time, bool) {
	switch v := field.At(i).(type) {
	case time.Time:
		return v, true
	case *time.Time:
		if v != nil {
			return *v, true
		}
	}
	return time.Time{}, false
}

func stringAt(field *data.Field, i int) (string, bool) {
	switch v := field.At(i).(type) {
	case string:
		return v, true
	case *string:
		if v != nil {
			return *v, true
		}
	}
	return "", false
}

func deref(v *float64) any {
	if v == nil {
		return "null"
	}
	return *v
}

// checkAnomalyRefresh: the same panel query again — a dashboard refresh, answered from the warm models and the
// values kept from the first query plus a fetch of the newest minutes — gives exactly the frames of the first.
func (s *Suite) checkAnomalyRefresh(ctx context.Context) (string, error) {
	first, err := s.runAnomalyQuery(ctx, "panel", dashboardViewer)
	if err != nil {
		return "", err
	}
	again, err := s.runAnomalyQuery(ctx, "panel", dashboardViewer)
	if err != nil {
		return "", err
	}
	firstSeries, _, err := splitAnomalyFrames(first.Frames)
	if err != nil {
		return "", err
	}
	againSeries, _, err := splitAnomalyFrames(again.Frames)
	if err != nil {
		return "", err
	}
	if len(firstSeries) != len(againSeries) {
		return "", fmt.Errorf("the refresh answered %d series frames, the first query %d", len(againSeries), len(firstSeries))
	}
	compared := 0
	for i, frame := range firstSeries {
		other := againSeries[i]
		if len(frame.Fields) != len(other.Fields) {
			return "", fmt.Errorf("frame %d: %d fields on refresh, %d before", i, len(other.Fields), len(frame.Fields))
		}
		for f, field := range frame.Fields {
			if field.Len() != other.Fields[f].Len() {
				return "", fmt.Errorf("frame %d field %s: %d rows on refresh, %d before", i, field.Name, other.Fields[f].Len(), field.Len())
			}
			for row := 0; row < field.Len(); row++ {
				a, b := field.At(row), other.Fields[f].At(row)
				if !sameValue(a, b) {
					return "", fmt.Errorf("frame %d field %s row %d: %v on refresh, %v before", i, field.Name, row, shown(b), shown(a))
				}
				compared++
			}
		}
	}
	return fmt.Sprintf("%d series frames, %d values identical on refresh", len(firstSeries), compared), nil
}

// sameValue compares two field values, pointers by what they point to (nil equals nil).
func sameValue(a, b any) bool {
	pa, okA := a.(*float64)
	pb, okB := b.(*float64)
	if okA || okB {
		if !okA || !okB || (pa == nil) != (pb == nil) {
			return false
		}
		return pa == nil || *pa == *pb || (math.IsNaN(*pa) && math.IsNaN(*pb))
	}
	return a == b
}

// shown is a field value for a message: what a *float64 points to, nil as nil.
func shown(v any) any {
	if p, ok := v.(*float64); ok && p != nil {
		return *p
	}
	return v
}
