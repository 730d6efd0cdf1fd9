package bench

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// fakeSide answers with a fixed shape and records the order of calls in a shared log.
type fakeSide struct {
	label string
	shape Shape
	log   *[]string
	err   error
}

func (f fakeSide) name() string { return f.label }

func (f fakeSide) run(context.Context) (time.Duration, Shape, error) {
	*f.log = append(*f.log, f.label)
	return time.Duration(len(*f.log)) * time.Millisecond, f.shape, f.err
}

func TestMeasureInterleavesAndSwapsTheOrder(t *testing.T) {
	var log []string
	shape := Shape{Series: 2, Points: 10}
	plugin := fakeSide{label: "p", shape: shape, log: &log}
	direct := fakeSide{label: "d", shape: shape, log: &log}
	pluginTimes, directTimes, err := measure(context.Background(), plugin, direct, shape, 4)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(log, ""); got != "pddppddp" {
		t.Errorf("call order %s, want pddppddp", got)
	}
	if len(pluginTimes) != 4 || len(directTimes) != 4 || pluginTimes[1] != 4*time.Millisecond || directTimes[1] != 3*time.Millisecond {
		t.Errorf("times were not attributed to their side: %v %v", pluginTimes, directTimes)
	}
}

func TestMeasureFailsWhenASideErrsOrChangesShape(t *testing.T) {
	var log []string
	shape := Shape{Series: 2, Points: 10}
	good := fakeSide{label: "d", shape: shape, log: &log}
	if _, _, err := measure(context.Background(), fakeSide{label: "p", shape: shape, log: &log, err: errors.New("boom")}, good, shape, 3); err == nil {
		t.Error("an error of the plugin must end the benchmark")
	}
	if _, _, err := measure(context.Background(), fakeSide{label: "p", shape: Shape{Series: 1, Points: 5}, log: &log}, good, shape, 3); err == nil {
		t.Error("a different answer must end the benchmark")
	}
}

func TestWarmUpWantsBothSidesToDoTheSameWork(t *testing.T) {
	var log []string
	plugin := fakeSide{label: "p", shape: Shape{Series: 100, Points: 144000}, log: &log}
	if _, err := warmUp(context.Background(), plugin, fakeSide{label: "d", shape: Shape{Series: 100, Points: 143900}, log: &log}, 1); err == nil {
		t.Error("differing answers must be an error")
	}
	empty := fakeSide{label: "p", log: &log}
	if _, err := warmUp(context.Background(), empty, fakeSide{label: "d", log: &log}, 1); err == nil {
		t.Error("no series at all must be an error")
	}
	shape, err := warmUp(context.Background(), plugin, fakeSide{label: "d", shape: plugin.shape, log: &log}, 2)
	if err != nil || shape != plugin.shape {
		t.Errorf("shape %+v, err %v", shape, err)
	}
}

func TestRunRefusesNonsenseOptions(t *testing.T) {
	for _, opts := range []Options{
		{Runs: 0, Step: time.Minute, Range: time.Hour},
		{Runs: 5, Warmup: -1, Step: time.Minute, Range: time.Hour},
		{Runs: 5, Step: time.Hour, Range: time.Minute},
	} {
		if _, err := Run(context.Background(), opts); err == nil {
			t.Errorf("Run(%+v) started", opts)
		}
	}
}
