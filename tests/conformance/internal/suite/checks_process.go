package suite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"time"

	goplugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc/health/grpc_health_v1"
)

// Bars for process life-cycle timings. Start-up: the product bar is 1 s, CI machines are noisy.
const (
	maxStartupTime  = 5 * time.Second
	maxShutdownTime = 1500 * time.Millisecond // go-plugin SIGKILLs after 2 s
	exitObserveTime = 2 * time.Second
)

func (s *Suite) checkHandshake(_ context.Context) (string, error) {
	process, client, err := s.start(true)
	if err != nil {
		return "", err
	}
	s.process, s.client = process, client
	lines := process.Stdout.Lines()
	if len(lines) == 0 {
		return "", errors.New("go-plugin connected but the stdout recorder saw no line")
	}
	if err := checkHandshakeLine(lines[0]); err != nil {
		return lines[0], err
	}
	return fmt.Sprintf("%q pid %d", strings.TrimSpace(lines[0]), process.PID()), nil
}

func (s *Suite) checkStartupTime(_ context.Context) (string, error) {
	if s.process == nil {
		return "", errNotRunning
	}
	detail := fmt.Sprintf("%d ms from exec to handshake (bar %v, product target 1 s)", s.process.StartupTime.Milliseconds(), maxStartupTime)
	if s.process.StartupTime > maxStartupTime {
		return detail, errors.New("too slow")
	}
	return detail, nil
}

// checkGRPCHealth does what go-plugin's Ping does and also looks at the answer, which Ping ignores.
func (s *Suite) checkGRPCHealth(ctx context.Context) (string, error) {
	if _, err := s.main(); err != nil {
		return "", err
	}
	if err := s.process.Protocol.Ping(); err != nil {
		return "", fmt.Errorf("go-plugin Ping: %w", err)
	}
	grpcClient, ok := s.process.Protocol.(*goplugin.GRPCClient)
	if !ok {
		return "", fmt.Errorf("protocol client is %T, want *plugin.GRPCClient", s.process.Protocol)
	}
	answer, err := grpc_health_v1.NewHealthClient(grpcClient.Conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: goplugin.GRPCServiceName})
	if err != nil {
		return "", err
	}
	if answer.Status != grpc_health_v1.HealthCheckResponse_SERVING {
		return "", fmt.Errorf("service %q is %s, want SERVING", goplugin.GRPCServiceName, answer.Status)
	}
	return fmt.Sprintf("service %q SERVING", goplugin.GRPCServiceName), nil
}

// checkSIGINTIgnored: a Ctrl-C reaches the whole process group, and Grafana must still be able to shut its
// plugins down in order afterwards.
func (s *Suite) checkSIGINTIgnored(ctx context.Context) (string, error) {
	if _, err := s.main(); err != nil {
		return "", err
	}
	if err := syscall.Kill(s.process.PID(), syscall.SIGINT); err != nil {
		return "", err
	}
	time.Sleep(500 * time.Millisecond)
	if s.process.Exited() {
		return "", errors.New("the process exited on SIGINT")
	}
	if err := s.process.Protocol.Ping(); err != nil {
		return "", fmt.Errorf("no answer after SIGINT: %w", err)
	}
	if err := s.healthOK(ctx); err != nil {
		return "", fmt.Errorf("after SIGINT: %w", err)
	}
	return "still serving 500 ms after SIGINT", nil
}

// checkShutdown measures client.Kill(): Shutdown RPC, close, and go-plugin's 2 s grace before SIGKILL.
func (s *Suite) checkShutdown(_ context.Context) (string, error) {
	if s.process == nil {
		return "", errNotRunning
	}
	took := s.process.Kill()
	detail := fmt.Sprintf("exited %d ms after Kill (bar %v)", took.Milliseconds(), maxShutdownTime)
	if !s.process.Exited() {
		return detail, errors.New("go-plugin does not see the process as exited")
	}
	if took > maxShutdownTime {
		return detail, errors.New("did not exit on GRPCController.Shutdown; go-plugin had to wait for its SIGKILL")
	}
	return detail, nil
}

// checkStdoutClean runs after shutdown, so the recorder holds everything the process ever wrote to stdout.
func (s *Suite) checkStdoutClean(_ context.Context) (string, error) {
	if s.process == nil || s.process.Stdout == nil {
		return "", errNotRunning
	}
	lines := s.process.Stdout.Lines()
	if len(lines) == 1 {
		return "1 line over the process' whole life", nil
	}
	extra := strings.Join(lines[1:], " | ")
	return "", fmt.Errorf("%d lines after the handshake (Grafana drops them; before it they break start-up): %.300s", len(lines)-1, extra)
}

func (s *Suite) checkStderrLogs(_ context.Context) (string, error) {
	if s.process == nil {
		return "", errNotRunning
	}
	var problems []string
	lines := 0
	for _, line := range s.process.Stderr.Lines() {
		if strings.TrimSpace(line) == "" {
			continue
		}
		lines++
		if err := checkLogLine(line); err != nil {
			problems = append(problems, err.Error())
		}
	}
	detail := fmt.Sprintf("%d stderr lines", lines)
	if len(problems) > 0 {
		return detail, fmt.Errorf("%d not readable as hclog JSON, first: %s", len(problems), problems[0])
	}
	return detail, nil
}

// checkKillAndRestart plays a crash: SIGKILL, go-plugin notices the exit, and a fresh client starts the
// executable again as Grafana's 1-second restart ticker does. This launch uses go-plugin's default runner,
// byte for byte Grafana's code path.
func (s *Suite) checkKillAndRestart(ctx context.Context) (string, error) {
	first, _, err := s.start(false)
	if err != nil {
		return "", fmt.Errorf("first start: %w", err)
	}
	defer first.Kill()
	if err := syscall.Kill(first.PID(), syscall.SIGKILL); err != nil {
		return "", err
	}
	killed := time.Now()
	if err := first.WaitExited(exitObserveTime); err != nil {
		return "", fmt.Errorf("%w within %v of SIGKILL: a child process probably still holds stdout/stderr", err, exitObserveTime)
	}
	observed := time.Since(killed)

	second, client, err := s.start(false)
	if err != nil {
		return "", fmt.Errorf("restart: %w", err)
	}
	defer second.Kill()
	series, err := s.queryRawSeries(ctx, client, "panel")
	if err != nil {
		return "", fmt.Errorf("query after restart: %w", err)
	}
	return fmt.Sprintf("exit seen after %d ms; restarted in %d ms; query returned %d series",
		observed.Milliseconds(), second.StartupTime.Milliseconds(), series), nil
}
