package provisioned

import (
	"testing"
	"time"
)

func TestInterpolateVariablesAsTheBrowserDoes(t *testing.T) {
	all := Variable{Name: "instance", IncludeAll: true}
	all.Current.Value = "$__all"
	custom := Variable{Name: "job", IncludeAll: true, AllValue: "node|api"}
	custom.Current.Value = []any{"$__all"}
	multi := Variable{Name: "mode"}
	multi.Current.Value = []any{"user", "system"}
	single := Variable{Name: "cpu"}
	single.Current.Value = "0"
	variables := []Variable{all, custom, multi, single}

	cases := map[string]string{
		`up{instance=~"$instance"}`:                       `up{instance=~".*"}`,
		`up{instance=~"${instance}", job=~"[[job]]"}`:     `up{instance=~".*", job=~"node|api"}`,
		`up{instance=~"${instance:regex}"}`:               `up{instance=~".*"}`,
		`x{mode=~"$mode", cpu="$cpu"}`:                    `x{mode=~"(user|system)", cpu="0"}`,
		`rate(x[$__rate_interval]) * $__interval_ms`:      `rate(x[$__rate_interval]) * $__interval_ms`,
		`up{instance=~"$instances", other="$undeclared"}`: `up{instance=~"$instances", other="$undeclared"}`,
	}
	for expr, want := range cases {
		if got := InterpolateVariables(expr, variables); got != want {
			t.Errorf("InterpolateVariables(%s) = %s, want %s", expr, got, want)
		}
	}
}

func TestBeforeNow(t *testing.T) {
	cases := map[string]time.Duration{"now": 0, "now-1h": time.Hour, "now-15m": 15 * time.Minute, "now-7d": 7 * 24 * time.Hour, " now-30s ": 30 * time.Second}
	for text, want := range cases {
		got, err := BeforeNow(text)
		if err != nil || got != want {
			t.Errorf("BeforeNow(%q) = %v, %v; want %v", text, got, err, want)
		}
	}
	for _, text := range []string{"now/d", "now-1h/h", "2024-01-01", "now+1h", ""} {
		if _, err := BeforeNow(text); err == nil {
			t.Errorf("BeforeNow(%q) must be refused, not guessed", text)
		}
	}
}
