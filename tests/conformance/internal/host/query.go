package host

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/gtime"
	jsoniter "github.com/json-iterator/go"
)

// metricRequest is the body of POST /api/ds/query (Grafana's dtos.MetricRequest).
type metricRequest struct {
	From    string            `json:"from"`
	To      string            `json:"to"`
	Queries []json.RawMessage `json:"queries"`
}

// badQueryError is a request Grafana would refuse with 400 before calling the plugin.
type badQueryError struct{ message string }

func (e badQueryError) Error() string { return e.message }

// parseTimeRange reads from/to as Grafana does: epoch milliseconds, or relative forms like now-1h and
// now/d, through the SDK's gtime (the same parser Grafana's query service uses).
func parseTimeRange(from, to string, now time.Time) (backend.TimeRange, error) {
	if from == "" || to == "" {
		return backend.TimeRange{}, badQueryError{"from and to are required"}
	}
	tr := gtime.TimeRange{From: from, To: to, Now: now}
	start, err := tr.ParseFrom()
	if err != nil {
		return backend.TimeRange{}, badQueryError{fmt.Sprintf("invalid from %q: %v", from, err)}
	}
	end, err := tr.ParseTo()
	if err != nil {
		return backend.TimeRange{}, badQueryError{fmt.Sprintf("invalid to %q: %v", to, err)}
	}
	return backend.TimeRange{From: start.UTC(), To: end.UTC()}, nil
}

// queryFields are the model keys Grafana's query service reads itself; the whole model still travels as JSON.
type queryFields struct {
	RefID         *string      `json:"refId"`
	MaxDataPoints *json.Number `json:"maxDataPoints"`
	IntervalMS    *json.Number `json:"intervalMs"`
	QueryType     *string      `json:"queryType"`
	Datasource    *struct {
		UID  string `json:"uid"`
		Type string `json:"type"`
	} `json:"datasource"`
}

// toDataQuery converts one panel query like pkg/services/query parseMetricRequest: refId defaults to "A",
// maxDataPoints to 100, intervalMs to 1000, and DataQuery.JSON is the model as sent.
func toDataQuery(raw json.RawMessage, timeRange backend.TimeRange, dataSourceUID string) (backend.DataQuery, error) {
	var fields queryFields
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	if err := decoder.Decode(&fields); err != nil {
		return backend.DataQuery{}, badQueryError{fmt.Sprintf("query is not a JSON object: %v", err)}
	}
	if fields.Datasource == nil || fields.Datasource.UID == "" {
		return backend.DataQuery{}, badQueryError{"missing data source ID/UID"}
	}
	if fields.Datasource.UID != dataSourceUID {
		return backend.DataQuery{}, errDataSourceNotFound
	}
	query := backend.DataQuery{RefID: "A", MaxDataPoints: 100, Interval: time.Second, TimeRange: timeRange, JSON: raw}
	if fields.RefID != nil {
		query.RefID = *fields.RefID
	}
	if fields.QueryType != nil {
		query.QueryType = *fields.QueryType
	}
	if fields.MaxDataPoints != nil {
		value, err := fields.MaxDataPoints.Int64()
		if err != nil {
			return backend.DataQuery{}, badQueryError{"maxDataPoints must be an integer"}
		}
		query.MaxDataPoints = value
	}
	if fields.IntervalMS != nil {
		value, err := fields.IntervalMS.Float64()
		if err != nil {
			return backend.DataQuery{}, badQueryError{"intervalMs must be a number"}
		}
		query.Interval = time.Duration(value * float64(time.Millisecond))
	}
	return query, nil
}

var errDataSourceNotFound = errors.New("data source not found")

// responseStatus is 207 when any refId failed (Grafana's datasourceQueryMultiStatus behaviour), else 200.
func responseStatus(resp *backend.QueryDataResponse) int {
	for _, res := range resp.Responses {
		if res.Error != nil {
			return http.StatusMultiStatus
		}
	}
	return http.StatusOK
}

func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request) {
	var body metricRequest
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeAPIError(w, http.StatusBadRequest, "bad request data", err)
		return
	}
	if len(body.Queries) == 0 {
		writeAPIError(w, http.StatusBadRequest, "No queries found in query", nil)
		return
	}
	timeRange, err := parseTimeRange(body.From, body.To, s.now())
	if err != nil {
		writeAPIError(w, http.StatusBadRequest, err.Error(), nil)
		return
	}
	queries := make([]backend.DataQuery, 0, len(body.Queries))
	for _, raw := range body.Queries {
		query, err := toDataQuery(raw, timeRange, s.DataSource.UID)
		if errors.Is(err, errDataSourceNotFound) {
			writeAPIError(w, http.StatusNotFound, "Data source not found", nil)
			return
		}
		if err != nil {
			writeAPIError(w, http.StatusBadRequest, err.Error(), nil)
			return
		}
		queries = append(queries, query)
	}
	user, err := s.user(r)
	if err != nil {
		writeAPIError(w, http.StatusBadRequest, err.Error(), nil)
		return
	}
	pluginContext, err := s.Grafana.DataSourceContext(s.DataSource, user)
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "Failed to build plugin context", err)
		return
	}
	plugin, err := s.Plugin()
	if err != nil {
		status, message := pluginErrorStatus(err, "Query data error")
		writeAPIError(w, status, message, err)
		return
	}
	resp, err := plugin.QueryData(r.Context(), &backend.QueryDataRequest{
		PluginContext: pluginContext,
		// Grafana forwards auth headers only with OAuth pass-through or forwarded cookies, neither configured here.
		Headers: map[string]string{},
		Queries: queries,
	})
	if err != nil {
		status, message := pluginErrorStatus(err, "Query data error")
		writeAPIError(w, status, message, err)
		return
	}
	// The SDK's jsoniter codecs write Grafana's {"results":{refId:{status,frames,error,errorSource}}} shape.
	encoded, err := jsoniter.ConfigCompatibleWithStandardLibrary.Marshal(resp)
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "Failed to encode response", err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(responseStatus(resp))
	_, _ = w.Write(encoded)
}
