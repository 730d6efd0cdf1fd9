package launch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-plugin/runner"
)

// go-plugin reads the plugin's stdout itself: it parses the first line as the handshake and silently drains
// the rest, and exec.Cmd refuses a second reader. To prove that nothing but the handshake ever reaches stdout,
// the audited launch swaps in this runner, which behaves like go-plugin's internal CmdRunner (same pipes,
// same SIGKILL on Kill) but copies stdout into a Recorder on its way to go-plugin.
//
// go-plugin only accepts a custom runner through ClientConfig.RunnerFunc, and then it builds the command
// itself from an empty spec: host environment plus its own variables, and PLUGIN_UNIX_SOCKET_DIR (a
// container-mode variable Grafana does not set for normal plugins). The runner puts Grafana's environment in
// front, exactly where ClientConfig.Cmd.Env would have been, and drops the socket directory again, so the plugin
// sees byte for byte the environment Grafana gives it.
func auditRunnerFunc(executable string, grafanaEnv []string, stdout io.Writer, onCommand func(*exec.Cmd)) func(hclog.Logger, *exec.Cmd, string) (runner.Runner, error) {
	return func(_ hclog.Logger, spec *exec.Cmd, socketDir string) (runner.Runner, error) {
		cmd := exec.Command(executable)
		cmd.Env = append(append([]string(nil), grafanaEnv...), withoutVar(spec.Env, goplugin.EnvUnixSocketDir)...)
		cmd.Stdin = spec.Stdin
		// The directory go-plugin made for container mode is never used; go-plugin deletes it again on Kill.
		_ = os.Remove(socketDir)
		stdoutPipe, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		stderrPipe, err := cmd.StderrPipe()
		if err != nil {
			return nil, err
		}
		onCommand(cmd)
		return &auditRunner{
			cmd:    cmd,
			stdout: teeReadCloser{Reader: io.TeeReader(stdoutPipe, stdout), Closer: stdoutPipe},
			stderr: stderrPipe,
		}, nil
	}
}

type teeReadCloser struct {
	io.Reader
	io.Closer
}

type auditRunner struct {
	cmd    *exec.Cmd
	stdout io.ReadCloser
	stderr io.ReadCloser
	pid    int
}

var _ runner.Runner = (*auditRunner)(nil)

func (r *auditRunner) Start(_ context.Context) error {
	if err := r.cmd.Start(); err != nil {
		return err
	}
	r.pid = r.cmd.Process.Pid
	return nil
}

func (r *auditRunner) Wait(_ context.Context) error { return r.cmd.Wait() }

func (r *auditRunner) Kill(_ context.Context) error {
	if r.cmd.Process == nil {
		return nil
	}
	// Like go-plugin's CmdRunner: SIGKILL to the direct child only, and a second Kill is not an error.
	if err := r.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	return nil
}

func (r *auditRunner) Stdout() io.ReadCloser { return r.stdout }
func (r *auditRunner) Stderr() io.ReadCloser { return r.stderr }
func (r *auditRunner) Name() string          { return r.cmd.Path }
func (r *auditRunner) ID() string            { return fmt.Sprintf("%d", r.pid) }

func (r *auditRunner) Diagnose(_ context.Context) string {
	return "the plugin did not print a valid go-plugin handshake line as its first stdout line"
}

func (r *auditRunner) PluginToHost(network, address string) (string, string, error) {
	return network, address, nil
}

func (r *auditRunner) HostToPlugin(network, address string) (string, string, error) {
	return network, address, nil
}
