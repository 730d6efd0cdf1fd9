package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/grafanactx"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/host"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/launch"
	"github.com/traceo-ml/traceo-ml/tests/conformance/internal/settings"
)

func runHost(args []string) int {
	fs := flag.NewFlagSet("host", flag.ContinueOnError)
	var plugin pluginFlags
	plugin.register(fs)
	port := fs.Int("port", 3300, "port to listen on (always 127.0.0.1)")
	provisioning := fs.String("provisioning", "", "Grafana data source provisioning YAML to read the data source from")
	uid := fs.String("uid", "", "uid of the data source in -provisioning (default: the first traceo-ml-datasource entry)")
	prometheusURL := fs.String("prometheus-url", os.Getenv("PROM_URL"), "overrides jsonData.prometheusUrl (default $PROM_URL)")
	var jsonData, secureJSONData jsonObject
	fs.Var(&jsonData, "json-data", "JSON object merged over the data source's jsonData")
	fs.Var(&secureJSONData, "secure-json-data", "JSON object of decrypted secureJsonData values")
	staticDir := fs.String("static", "", "directory served at / (a frontend build for previews)")
	defaultRole := fs.String("default-role", grafanactx.RoleAdmin, "role of requests without an "+host.RoleHeader+" header")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if _, err := grafanactx.ParseRole(*defaultRole); err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		return 2
	}
	ds, err := hostDataSource(*provisioning, *uid, *prometheusURL, jsonData, secureJSONData)
	if err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		return 2
	}
	env, logger, cleanup, err := plugin.prepare("conformance-host")
	defer cleanup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		return 2
	}

	supervisor := host.NewSupervisor(launch.Config{Executable: plugin.executable, Env: env, Logger: logger}, logger)
	if err := supervisor.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "host: starting the plugin:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go supervisor.Run(ctx)
	defer supervisor.Stop()

	address := net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))
	listener, err := net.Listen("tcp", address)
	if err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		return 1
	}
	server := &http.Server{
		Handler: (&host.Server{
			Plugin:      func() (host.Plugin, error) { return supervisor.Client() },
			DataSource:  ds,
			Grafana:     grafanactx.Grafana{Version: plugin.grafanaVersion, AppURL: "http://" + address + "/"},
			DefaultRole: *defaultRole,
			StaticDir:   *staticDir,
			Logger:      logger,
		}).Handler(),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdownCtx)
	}()
	// Scripts wait for this line before sending requests.
	fmt.Printf("listening on http://%s (data source uid %s)\n", address, ds.UID)
	if err := server.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "host:", err)
		return 1
	}
	return 0
}

// hostDataSource assembles the served data source: the provisioning entry if given (else Traceo ML's
// defaults), then the Prometheus URL and JSON overrides from the command line.
func hostDataSource(provisioning, uid, prometheusURL string, jsonData, secureJSONData map[string]any) (settings.DataSource, error) {
	ds := settings.DataSource{
		ID: 1, UID: "traceo-ml", Name: "Traceo ML", Type: settings.DataSourcePluginID, OrgID: 1,
		JSONData: map[string]any{"timeoutSeconds": 30},
	}
	if provisioning != "" {
		loaded, err := settings.LoadProvisioned(provisioning, uid)
		if err != nil {
			return ds, err
		}
		ds = loaded
	}
	overrides := map[string]any{}
	for key, value := range jsonData {
		overrides[key] = value
	}
	if prometheusURL != "" {
		overrides["prometheusUrl"] = prometheusURL
	}
	ds = ds.WithJSONData(overrides)
	if len(secureJSONData) > 0 {
		ds.SecureJSONData = map[string]string{}
		for key, value := range secureJSONData {
			text, ok := value.(string)
			if !ok {
				return ds, fmt.Errorf("secureJsonData.%s must be a string", key)
			}
			ds.SecureJSONData[key] = text
		}
	}
	return ds, nil
}
