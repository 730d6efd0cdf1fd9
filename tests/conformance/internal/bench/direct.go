package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	jsoniter "github.com/json-iterator/go"
)

// DirectClient sends range queries straight to Prometheus and decodes the answer into frames, as Grafana's own
// Prometheus data source does (pkg/promlib: HTTP GET, one streaming jsoniter pass from the body into a frame
// per series). It is the baseline the plugin's time is measured against.
type DirectClient struct {
	BaseURL string
	// HTTP must not ask for gzip: the plugin fetches Prometheus' plain answer, so both sides move the same bytes
	// and the difference is the plugin's work, not Prometheus' compression.
	HTTP *http.Client
}

// NewDirectClient keeps connections alive between runs, as both Grafana and the plugin do.
func NewDirectClient(baseURL string) DirectClient {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DisableCompression = true
	return DirectClient{BaseURL: baseURL, HTTP: &http.Client{Transport: transport, Timeout: time.Minute}}
}

// QueryRange runs /api/v1/query_range and returns one frame per series.
func (c DirectClient) QueryRange(ctx context.Context, expr string, start, end time.Time, step time.Duration) (data.Frames, error) {
	params := url.Values{
		"query": {expr},
		"start": {strconv.FormatInt(start.Unix(), 10)},
		"end":   {strconv.FormatInt(end.Unix(), 10)},
		"step":  {strconv.FormatFloat(step.Seconds(), 'f', -1, 64)},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/api/v1/query_range?"+params.Encode(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	frames, err := DecodeMatrix(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("query_range (HTTP %d): %w", resp.StatusCode, err)
	}
	return frames, nil
}

// DecodeMatrix reads a Prometheus API answer holding a matrix in one streaming pass. Every sample becomes a
// time and a float64 in its series' frame; Prometheus' "NaN", "+Inf" and "-Inf" strings parse as such.
func DecodeMatrix(body io.Reader) (data.Frames, error) {
	iter := jsoniter.Parse(jsoniter.ConfigDefault, body, 64*1024)
	var (
		frames           data.Frames
		status, apiError string
	)
	for field := iter.ReadObject(); field != ""; field = iter.ReadObject() {
		switch field {
		case "status":
			status = iter.ReadString()
		case "error":
			apiError = iter.ReadString()
		case "data":
			frames = readMatrixData(iter)
		default:
			iter.Skip()
		}
	}
	if iter.Error != nil {
		return nil, fmt.Errorf("decoding the answer: %w", iter.Error)
	}
	if status != "success" {
		return nil, fmt.Errorf("status %q from Prometheus: %s", status, apiError)
	}
	return frames, nil
}

// readMatrixData reads {"resultType":"matrix","result":[{"metric":{…},"values":[[t,"v"],…]},…]}.
func readMatrixData(iter *jsoniter.Iterator) data.Frames {
	var frames data.Frames
	for field := iter.ReadObject(); field != ""; field = iter.ReadObject() {
		switch field {
		case "resultType":
			if kind := iter.ReadString(); kind != "matrix" {
				iter.ReportError("resultType", fmt.Sprintf("%q, want matrix", kind))
				return nil
			}
		case "result":
			for iter.ReadArray() {
				frames = append(frames, readSeries(iter))
			}
		default:
			iter.Skip()
		}
	}
	return frames
}

func readSeries(iter *jsoniter.Iterator) *data.Frame {
	labels := data.Labels{}
	var times []time.Time
	var values []float64
	for field := iter.ReadObject(); field != ""; field = iter.ReadObject() {
		switch field {
		case "metric":
			for name := iter.ReadObject(); name != ""; name = iter.ReadObject() {
				labels[name] = iter.ReadString()
			}
		case "values":
			for iter.ReadArray() {
				at, value := readSample(iter)
				times = append(times, at)
				values = append(values, value)
			}
		default:
			iter.Skip()
		}
	}
	frame := data.NewFrame("", data.NewField(data.TimeSeriesTimeFieldName, nil, times), data.NewField(data.TimeSeriesValueFieldName, labels, values))
	frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
	return frame
}

// readSample reads one [<unix seconds>, "<value>"] pair.
func readSample(iter *jsoniter.Iterator) (time.Time, float64) {
	iter.ReadArray()
	seconds := iter.ReadFloat64()
	iter.ReadArray()
	text := iter.ReadString()
	if iter.ReadArray() {
		iter.ReportError("sample", "more than two elements")
	}
	value, err := strconv.ParseFloat(text, 64)
	if err != nil {
		iter.ReportError("sample value", err.Error())
	}
	return time.UnixMilli(int64(seconds*1000 + 0.5)), value
}
