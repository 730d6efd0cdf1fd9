// Command conformance proves that Grafana accepts the Traceo ML backend: it launches the built executable
// with Grafana's own client libraries (go-plugin, the Grafana plugin SDK, the dataplane readers).
//
//	conformance suite -executable <gpx file> -prometheus-url <url>   run the checks, exit 1 on any failure
//	conformance host  -executable <gpx file> -port 3300 ...          serve Grafana's data source HTTP API
//	conformance bench -executable <gpx file> -prometheus-url <url>   raw-query overhead over direct Prometheus
package main

import (
	"fmt"
	"os"
)

const usage = `usage:
  conformance suite [flags]   run the conformance checks against the plugin executable
  conformance host [flags]    serve Grafana's data source HTTP API backed by the plugin executable
  conformance bench [flags]   time raw QueryData through the plugin against the same query sent to Prometheus
Run "conformance <mode> -h" for the flags of a mode.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var code int
	switch os.Args[1] {
	case "suite":
		code = runSuite(os.Args[2:])
	case "host":
		code = runHost(os.Args[2:])
	case "bench":
		code = runBench(os.Args[2:])
	default:
		fmt.Fprint(os.Stderr, usage)
		code = 2
	}
	os.Exit(code)
}
