package suite

import (
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
)

// checkHandshakeLine applies go-plugin's parsing rules (client.go Start) plus what makes a line safe under
// Grafana: core protocol 1, app protocol 2, a loopback tcp or a unix address, grpc, and no 6th field long enough
// to be taken for an AutoMTLS certificate (Grafana has no TLS config for it).
func checkHandshakeLine(line string) error {
	parts := strings.Split(strings.TrimSpace(line), "|")
	if len(parts) < 5 {
		return fmt.Errorf("%q: want CORE|APP|NETWORK|ADDR|grpc", line)
	}
	if parts[0] != "1" {
		return fmt.Errorf("core protocol %q, want 1", parts[0])
	}
	if parts[1] != "2" {
		return fmt.Errorf("app protocol %q, want 2", parts[1])
	}
	switch parts[2] {
	case "tcp":
		host, _, err := net.SplitHostPort(parts[3])
		if err != nil {
			return fmt.Errorf("tcp address %q: %w", parts[3], err)
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("tcp address %q is not a loopback IP (bind and print 127.0.0.1)", parts[3])
		}
	case "unix":
		if parts[3] == "" {
			return fmt.Errorf("empty unix socket path")
		}
	default:
		return fmt.Errorf("network %q, want tcp or unix", parts[2])
	}
	if parts[4] != "grpc" {
		return fmt.Errorf("protocol %q, want grpc (Grafana refuses netrpc)", parts[4])
	}
	if len(parts) > 6 {
		return fmt.Errorf("%d fields: old go-plugin clients split into at most 6", len(parts))
	}
	if len(parts) == 6 && len(parts[5]) > 50 {
		return fmt.Errorf("6th field is %d chars: go-plugin would parse it as an AutoMTLS certificate", len(parts[5]))
	}
	return nil
}

// hclogTimeLayout is the only @timestamp layout go-plugin's log parser accepts (log_entry.go).
const hclogTimeLayout = "2006-01-02T15:04:05.000000Z07:00"

// checkLogLine verifies a stderr line is an hclog JSON entry go-plugin can read: a JSON object whose
// @message and @level are strings (go-plugin type-asserts them and would panic otherwise), a level hclog knows
// (anything else is logged at Debug with the level lost), and if present an @timestamp with exactly 6
// fractional digits (anything else makes go-plugin treat the whole line as plain text).
func checkLogLine(line string) error {
	var entry map[string]any
	if err := json.Unmarshal([]byte(line), &entry); err != nil {
		return fmt.Errorf("not JSON: %.120q", line)
	}
	message, ok := entry["@message"]
	if _, isString := message.(string); !ok || !isString {
		return fmt.Errorf("@message missing or not a string: %.120q", line)
	}
	level, isString := entry["@level"].(string)
	if !isString {
		return fmt.Errorf("@level missing or not a string: %.120q", line)
	}
	if hclog.LevelFromString(level) == hclog.NoLevel {
		return fmt.Errorf("@level %q is not an hclog level: %.120q", level, line)
	}
	if raw, present := entry["@timestamp"]; present {
		stamp, isString := raw.(string)
		if !isString {
			return fmt.Errorf("@timestamp is not a string: %.120q", line)
		}
		if _, err := time.Parse(hclogTimeLayout, stamp); err != nil {
			return fmt.Errorf("@timestamp %q does not match %s: %.120q", stamp, hclogTimeLayout, line)
		}
	}
	return nil
}
