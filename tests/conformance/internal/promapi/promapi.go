// Package promapi asks Prometheus directly over its HTTP API, so the suite can compare what the plugin
// returns with what Prometheus itself says for the same query.
package promapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Client talks to one Prometheus server.
type Client struct {
	BaseURL string
	HTTP    *http.Client
}

// Sample is one point of a range-query result.
type Sample struct {
	TimeMS int64
	Value  float64
}

// Series is one series of a range-query result.
type Series struct {
	Labels  map[string]string
	Samples []Sample
}

// APIError is an error answer of the Prometheus HTTP API, e.g. bad_data for a PromQL syntax error.
type APIError struct {
	Path    string
	Type    string
	Message string
}

func (e *APIError) Error() string { return fmt.Sprintf("%s: %s: %s", e.Path, e.Type, e.Message) }

type envelope struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
}

func (c Client) get(ctx context.Context, path string, params url.Values, out any) error {
	target := c.BaseURL + path
	if len(params) > 0 {
		target += "?" + params.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	httpClient := c.HTTP
	if httpClient == nil {
		httpClient = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("%s: HTTP %d, not a Prometheus API answer: %.200s", path, resp.StatusCode, body)
	}
	if env.Status != "success" {
		return &APIError{Path: path, Type: env.ErrorType, Message: env.Error}
	}
	return json.Unmarshal(env.Data, out)
}

// Version returns the server's version from /api/v1/status/buildinfo.
func (c Client) Version(ctx context.Context) (string, error) {
	var info struct {
		Version string `json:"version"`
	}
	if err := c.get(ctx, "/api/v1/status/buildinfo", nil, &info); err != nil {
		return "", err
	}
	return info.Version, nil
}

// QueryRange runs /api/v1/query_range; start and end are inclusive, evaluated every step.
func (c Client) QueryRange(ctx context.Context, expr string, start, end time.Time, step time.Duration) ([]Series, error) {
	params := url.Values{
		"query": {expr},
		"start": {formatTime(start)},
		"end":   {formatTime(end)},
		"step":  {strconv.FormatFloat(step.Seconds(), 'f', -1, 64)},
	}
	var result struct {
		ResultType string `json:"resultType"`
		Result     []struct {
			Metric map[string]string `json:"metric"`
			Values [][2]any          `json:"values"`
		} `json:"result"`
	}
	if err := c.get(ctx, "/api/v1/query_range", params, &result); err != nil {
		return nil, err
	}
	if result.ResultType != "matrix" {
		return nil, fmt.Errorf("query_range returned %q, want matrix", result.ResultType)
	}
	out := make([]Series, 0, len(result.Result))
	for _, raw := range result.Result {
		series := Series{Labels: raw.Metric, Samples: make([]Sample, 0, len(raw.Values))}
		for _, pair := range raw.Values {
			sample, err := parseSample(pair)
			if err != nil {
				return nil, err
			}
			series.Samples = append(series.Samples, sample)
		}
		out = append(out, series)
	}
	return out, nil
}

// parseSample reads Prometheus' [<unix seconds float>, "<value string>"] pair.
func parseSample(pair [2]any) (Sample, error) {
	seconds, ok := pair[0].(float64)
	if !ok {
		return Sample{}, fmt.Errorf("sample time %v is not a number", pair[0])
	}
	text, ok := pair[1].(string)
	if !ok {
		return Sample{}, fmt.Errorf("sample value %v is not a string", pair[1])
	}
	value, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return Sample{}, err
	}
	return Sample{TimeMS: int64(seconds*1000 + 0.5), Value: value}, nil
}

func formatTime(t time.Time) string {
	return strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', 3, 64)
}
