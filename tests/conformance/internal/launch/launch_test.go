package launch

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/sdkclient"
)

// referencePlugin is testdata/refplugin, a plugin served by Grafana's Go SDK, built once for the package.
var referencePlugin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "refplugin-")
	if err != nil {
		panic(err)
	}
	referencePlugin = filepath.Join(dir, "gpx_reference_linux_amd64")
	build := exec.Command("go", "build", "-o", referencePlugin, "./testdata/refplugin")
	if output, err := build.CombinedOutput(); err != nil {
		panic(fmt.Sprintf("building the reference plugin: %v\n%s", err, output))
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

func TestReferencePluginThroughGrafanasLaunchPath(t *testing.T) {
	executable := referencePlugin

	process, err := Start(Config{Executable: executable, Env: GrafanaEnv("13.1.0", nil), Audit: true})
	if err != nil {
		t.Fatal(err)
	}
	defer process.Kill()
	if process.PID() <= 0 || process.StartupTime <= 0 {
		t.Fatalf("pid %d startup %v", process.PID(), process.StartupTime)
	}
	if err := process.Protocol.Ping(); err != nil {
		t.Fatalf("Ping: %v", err)
	}

	client, err := sdkclient.New(process.Protocol)
	if err != nil {
		t.Fatal(err)
	}
	from := time.UnixMilli(1_700_000_000_000)
	resp, err := client.QueryData(context.Background(), &backend.QueryDataRequest{
		PluginContext: backend.PluginContext{PluginID: "ref"},
		Queries:       []backend.DataQuery{{RefID: "Q", JSON: []byte(`{}`), TimeRange: backend.TimeRange{From: from, To: from.Add(time.Minute)}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	frames := resp.Responses["Q"].Frames
	if len(frames) != 1 || frames[0].RefID != "Q" || frames[0].Fields[0].At(0).(time.Time).UnixMilli() != from.UnixMilli() {
		t.Fatalf("frames decoded through the SDK: %v", frames)
	}

	// Go plugins ignore SIGINT for their whole life; the audit must not change that.
	if err := syscall.Kill(process.PID(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if err := process.Protocol.Ping(); err != nil || process.Exited() {
		t.Fatalf("after SIGINT: ping %v, exited %v", err, process.Exited())
	}

	// Shutdown RPC: a Go plugin exits at once instead of waiting out go-plugin's 2 s grace.
	if took := process.Kill(); took > 1500*time.Millisecond || !process.Exited() {
		t.Errorf("Kill took %v, exited %v", took, process.Exited())
	}
	lines := process.Stdout.Lines()
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "1|2|") {
		t.Errorf("stdout = %q, want exactly the handshake line", lines)
	}
	if !strings.Contains(process.Stderr.String(), `"@level"`) {
		t.Errorf("the SDK logs hclog JSON on stderr, recorded: %q", process.Stderr.String())
	}
}

func TestStdoutAuditCatchesWhatGoPluginSwallows(t *testing.T) {
	process, err := Start(Config{Executable: referencePlugin, Env: append(GrafanaEnv("13.1.0", nil), "REFPLUGIN_STDOUT_NOISE=1"), Audit: true})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	process.Kill()
	lines := process.Stdout.Lines()
	if len(lines) != 2 || lines[1] != "stray output after the handshake" {
		t.Fatalf("stdout = %q, want the handshake and the stray line", lines)
	}
}

func TestDefaultRunnerSeesASIGKILL(t *testing.T) {
	executable := referencePlugin
	process, err := Start(Config{Executable: executable, Env: GrafanaEnv("13.1.0", nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer process.Kill()
	if process.Stdout != nil || process.Stderr != nil {
		t.Error("without the audit the streams are go-plugin's alone")
	}
	if err := syscall.Kill(process.PID(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := process.WaitExited(2 * time.Second); err != nil {
		t.Fatal(err)
	}
}

func TestStartFailsForAnExecutableWithoutHandshake(t *testing.T) {
	if _, err := Start(Config{Executable: "/bin/true", Env: GrafanaEnv("13.1.0", nil)}); err == nil {
		t.Fatal("a process that exits without a handshake must fail to start")
	}
}

func TestGrafanaEnv(t *testing.T) {
	env := GrafanaEnv("13.1.0", map[string]string{"tracing": "true", "path": "/x", "id": "y", "store_path": "/data"})
	want := []string{"GF_VERSION=13.1.0", "GF_PLUGIN_STORE_PATH=/data", "GF_PLUGIN_TRACING=true"}
	if strings.Join(env, " ") != strings.Join(want, " ") {
		t.Errorf("env = %v, want %v", env, want)
	}
	if got := withoutVar([]string{"A=1", "PLUGIN_UNIX_SOCKET_DIR=/tmp/x", "B=2"}, "PLUGIN_UNIX_SOCKET_DIR"); strings.Join(got, " ") != "A=1 B=2" {
		t.Errorf("withoutVar = %v", got)
	}
}
