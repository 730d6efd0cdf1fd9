// Package launch starts the plugin executable exactly the way Grafana's backend plugin manager does
// (grafana pkg/plugins/backendplugin/grpcplugin/client.go): a hashicorp/go-plugin client with Grafana's handshake,
// the protocol-2 plugin set from the Grafana plugin SDK, gRPC only, no AutoMTLS, an absolute executable path and
// Grafana's environment.
package launch

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
)

// Config says which executable to start and with which Grafana-side settings.
type Config struct {
	// Executable is the gpx_* file; it is made absolute because newer Grafana refuses relative paths.
	Executable string
	// Env is what Grafana puts in front of go-plugin's own variables (see GrafanaEnv).
	Env []string
	// Logger receives go-plugin's own log lines and the plugin's stderr log entries, as Grafana's logger does.
	Logger hclog.Logger
	// Audit records everything the process writes to stdout (see auditRunnerFunc) and stderr. Without it the
	// launch goes through go-plugin's default runner, byte for byte Grafana's code path, and keeps nothing.
	Audit bool
}

// Process is one running plugin process and the go-plugin client that owns it.
type Process struct {
	client *goplugin.Client
	cmd    *exec.Cmd
	// Protocol is the dispensing side Grafana talks to (Dispense + Ping).
	Protocol goplugin.ClientProtocol
	// StartupTime runs from exec to a parsed handshake line, what Grafana waits for at plugin load.
	StartupTime time.Duration
	// Stdout holds the raw stdout when the launch is audited, nil otherwise.
	Stdout *Recorder
	// Stderr holds the raw stderr lines go-plugin read (its ClientConfig.Stderr copy) when audited, nil otherwise.
	Stderr *Recorder
}

// handshake is Grafana's: the SDK keeps its own copy unexported, so it is rebuilt from the SDK's constants,
// as grafana's grpcplugin/client.go does.
var handshake = goplugin.HandshakeConfig{
	ProtocolVersion:  grpcplugin.ProtocolVersion,
	MagicCookieKey:   grpcplugin.MagicCookieKey,
	MagicCookieValue: grpcplugin.MagicCookieValue,
}

// pluginSetV2 mirrors Grafana's getV2PluginSet: one SDK plugin type per pluginv2 service.
func pluginSetV2() goplugin.PluginSet {
	return goplugin.PluginSet{
		"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
		"resource":    &grpcplugin.ResourceGRPCPlugin{},
		"data":        &grpcplugin.DataGRPCPlugin{},
		"stream":      &grpcplugin.StreamGRPCPlugin{},
		"admission":   &grpcplugin.AdmissionGRPCPlugin{},
		"conversion":  &grpcplugin.ConversionGRPCPlugin{},
	}
}

// Start launches the executable and completes the go-plugin handshake and gRPC dial.
func Start(cfg Config) (*Process, error) {
	executable, err := filepath.Abs(cfg.Executable)
	if err != nil {
		return nil, err
	}
	logger := cfg.Logger
	if logger == nil {
		logger = hclog.NewNullLogger()
	}

	clientConfig := &goplugin.ClientConfig{
		HandshakeConfig:  handshake,
		VersionedPlugins: map[int]goplugin.PluginSet{grpcplugin.ProtocolVersion: pluginSetV2()},
		Logger:           logger,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
	}
	var cmd *exec.Cmd
	var stdout, stderr *Recorder
	if cfg.Audit {
		stdout, stderr = &Recorder{}, &Recorder{}
		clientConfig.Stderr = stderr
		clientConfig.RunnerFunc = auditRunnerFunc(executable, cfg.Env, stdout, func(c *exec.Cmd) { cmd = c })
	} else {
		cmd = exec.Command(executable)
		cmd.Env = append([]string(nil), cfg.Env...)
		clientConfig.Cmd = cmd
	}

	client := goplugin.NewClient(clientConfig)
	started := time.Now()
	if _, err := client.Start(); err != nil {
		client.Kill()
		return nil, fmt.Errorf("go-plugin start: %w", err)
	}
	startupTime := time.Since(started)

	protocol, err := client.Client()
	if err != nil {
		client.Kill()
		return nil, fmt.Errorf("go-plugin client: %w", err)
	}
	if client.NegotiatedVersion() < grpcplugin.ProtocolVersion {
		// Grafana's grpc_plugin.go Start() refuses anything older than protocol 2.
		client.Kill()
		return nil, fmt.Errorf("plugin protocol version %d not supported", client.NegotiatedVersion())
	}
	return &Process{
		client:      client,
		cmd:         cmd,
		Protocol:    protocol,
		StartupTime: startupTime,
		Stdout:      stdout,
		Stderr:      stderr,
	}, nil
}

// PID is the operating system id of the plugin process.
func (p *Process) PID() int {
	if p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	return p.cmd.Process.Pid
}

// Exited reports what Grafana's restart ticker looks at: go-plugin saw the process end and its pipes close.
func (p *Process) Exited() bool { return p.client.Exited() }

// Kill stops the process the way Grafana does on shutdown or plugin unload: go-plugin's Kill sends the
// GRPCController Shutdown, closes the connection, waits up to 2 s and then SIGKILLs. It returns how long it took.
func (p *Process) Kill() time.Duration {
	started := time.Now()
	p.client.Kill()
	return time.Since(started)
}

// WaitExited polls Exited until it turns true or the timeout passes.
func (p *Process) WaitExited(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for !p.Exited() {
		if time.Now().After(deadline) {
			return errors.New("go-plugin did not observe the process exit")
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}
