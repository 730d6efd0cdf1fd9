package suite

import "testing"

func TestCheckHandshakeLine(t *testing.T) {
	valid := []string{
		"1|2|tcp|127.0.0.1:43210|grpc",
		"1|2|tcp|127.0.0.1:43210|grpc\r\n",
		"1|2|unix|/tmp/plugin123|grpc|",
		"1|2|tcp|[::1]:5000|grpc",
	}
	for _, line := range valid {
		if err := checkHandshakeLine(line); err != nil {
			t.Errorf("%q: %v", line, err)
		}
	}
	invalid := []string{
		"",
		"1|2|tcp|127.0.0.1:1",
		"2|2|tcp|127.0.0.1:1|grpc",
		"1|1|tcp|127.0.0.1:1|grpc",
		"1|2|udp|127.0.0.1:1|grpc",
		"1|2|tcp|0.0.0.0:1|grpc",
		"1|2|tcp|localhost:1|grpc",
		"1|2|tcp|127.0.0.1:1|netrpc",
		"1|2|tcp|127.0.0.1:1|grpc|" + "MIIBxTCCAWugAwIBAgIQ" + "MIIBxTCCAWugAwIBAgIQ" + "MIIBxTCCAWugAwIBAgIQ",
		"1|2|tcp|127.0.0.1:1|grpc||true",
	}
	for _, line := range invalid {
		if err := checkHandshakeLine(line); err == nil {
			t.Errorf("%q was accepted", line)
		}
	}
}

func TestCheckLogLine(t *testing.T) {
	valid := []string{
		`{"@level":"info","@message":"started"}`,
		`{"@level":"ERROR","@message":"x","@timestamp":"2026-01-02T03:04:05.123456Z","refId":"A"}`,
		`{"@level":"debug","@message":"x","@timestamp":"2026-01-02T03:04:05.123456+01:00"}`,
	}
	for _, line := range valid {
		if err := checkLogLine(line); err != nil {
			t.Errorf("%q: %v", line, err)
		}
	}
	invalid := []string{
		`plain text`,
		`{"@level":"info"}`,
		`{"@level":"info","@message":42}`,
		`{"@level":"warning","@message":"x"}`,
		`{"@level":"info","@message":"x","@timestamp":"2026-01-02T03:04:05.123Z"}`,
	}
	for _, line := range invalid {
		if err := checkLogLine(line); err == nil {
			t.Errorf("%q was accepted", line)
		}
	}
}
