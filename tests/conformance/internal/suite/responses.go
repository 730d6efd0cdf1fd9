package suite

import (
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// failedWith checks that a refId failed with the given status and returns a detail for the report.
func failedWith(res backend.DataResponse, refID string, want func(backend.Status) bool, wantText string) (string, error) {
	if res.Error == nil {
		return "", fmt.Errorf("refId %s: no error, status %d, %d frames", refID, res.Status, len(res.Frames))
	}
	detail := fmt.Sprintf("%s=%d/%s %q", refID, res.Status, res.ErrorSource, res.Error.Error())
	if !want(res.Status) {
		return detail, fmt.Errorf("refId %s: want %s", refID, wantText)
	}
	return detail, nil
}

// is matches one exact status.
func is(code backend.Status) func(backend.Status) bool {
	return func(got backend.Status) bool { return got == code }
}

// serverError matches any 5xx.
func serverError(got backend.Status) bool { return got >= 500 && got <= 599 }

// appendDetail adds a non-empty detail to a check's report.
func appendDetail(details []string, detail string) []string {
	if detail == "" {
		return details
	}
	return append(details, detail)
}
