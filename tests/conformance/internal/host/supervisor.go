package host

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/launch"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
)

// ErrPluginUnavailable is what callers get while the process is down (Grafana: backendplugin.ErrPluginUnavailable).
var ErrPluginUnavailable = errors.New("plugin unavailable")

// restartInterval is Grafana's restart ticker (pkg/plugins/manager/process/process.go): no back-off, no limit.
const restartInterval = time.Second

// Supervisor keeps one plugin process running, restarting it when it dies, as Grafana's process manager does.
type Supervisor struct {
	config launch.Config
	logger hclog.Logger

	mu      sync.Mutex
	process *launch.Process
	client  *sdkclient.Client
	// stopped: Stop was called; nothing starts again. Without it the restart ticker, racing the shutdown, could
	// start a fresh process after Stop and leave it running when the host exits.
	stopped bool
}

// errStopped is Start's answer once the supervisor has been stopped.
var errStopped = errors.New("the supervisor is stopped")

// NewSupervisor prepares a supervisor; Start launches the first process.
func NewSupervisor(config launch.Config, logger hclog.Logger) *Supervisor {
	return &Supervisor{config: config, logger: logger}
}

// Start launches the process once; failing here is fatal, as a failed start at plugin load is in Grafana.
func (s *Supervisor) Start() error {
	s.mu.Lock()
	stopped := s.stopped
	s.mu.Unlock()
	if stopped {
		return errStopped
	}
	process, err := launch.Start(s.config)
	if err != nil {
		return err
	}
	client, err := sdkclient.New(process.Protocol)
	if err != nil {
		process.Kill()
		return err
	}
	s.mu.Lock()
	if s.stopped {
		// Stop ran while this one was starting: it must not outlive the host.
		s.mu.Unlock()
		process.Kill()
		return errStopped
	}
	s.process, s.client = process, client
	s.mu.Unlock()
	s.logger.Info("plugin started", "pid", process.PID(), "startupMs", process.StartupTime.Milliseconds())
	return nil
}

// Run restarts the process whenever it has exited, until ctx ends; then it stops the process.
func (s *Supervisor) Run(ctx context.Context) {
	ticker := time.NewTicker(restartInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			s.Stop()
			return
		case <-ticker.C:
			s.mu.Lock()
			exited := s.process == nil || s.process.Exited()
			stopped := s.stopped
			s.mu.Unlock()
			if stopped || ctx.Err() != nil {
				return
			}
			if exited {
				s.logger.Warn("plugin process exited, restarting")
				if err := s.Start(); err != nil {
					s.logger.Error("plugin restart failed", "error", err)
				}
			}
		}
	}
}

// Client returns the client of the running process, or ErrPluginUnavailable.
func (s *Supervisor) Client() (*sdkclient.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.process == nil || s.process.Exited() {
		return nil, ErrPluginUnavailable
	}
	return s.client, nil
}

// Stop shuts the process down the way Grafana does on exit.
func (s *Supervisor) Stop() {
	s.mu.Lock()
	process := s.process
	s.process, s.client = nil, nil
	s.stopped = true
	s.mu.Unlock()
	if process != nil {
		process.Kill()
	}
}
