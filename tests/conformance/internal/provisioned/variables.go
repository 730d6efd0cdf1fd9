package provisioned

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// allValue is what the browser puts in a PromQL regex matcher for "All" when the variable has no custom all
// value: match anything.
const allValue = ".*"

// variablePattern matches $name, ${name}, ${name:format} and [[name]] / [[name:format]].
var variablePattern = regexp.MustCompile(`\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)`)

// InterpolateVariables replaces the dashboard's template variables in expr with their current selection, as
// the browser does before a query leaves it: "All" becomes the custom all value or `.*`, several values become
// a regex alternation. Anything else, Grafana's `$__` macros in particular, is left for the backend.
func InterpolateVariables(expr string, variables []Variable) string {
	byName := make(map[string]Variable, len(variables))
	for _, variable := range variables {
		byName[variable.Name] = variable
	}
	return variablePattern.ReplaceAllStringFunc(expr, func(match string) string {
		parts := variablePattern.FindStringSubmatch(match)
		name := parts[1] + parts[2] + parts[3]
		variable, ok := byName[name]
		if !ok {
			return match
		}
		return variable.selection()
	})
}

// selection is the variable's current value as the browser interpolates it into PromQL.
func (v Variable) selection() string {
	var values []string
	switch current := v.Current.Value.(type) {
	case string:
		values = []string{current}
	case []any:
		for _, item := range current {
			if text, ok := item.(string); ok {
				values = append(values, text)
			}
		}
	}
	for _, value := range values {
		if value == "$__all" {
			if v.AllValue != "" {
				return v.AllValue
			}
			return allValue
		}
	}
	if len(values) == 1 {
		return values[0]
	}
	return "(" + strings.Join(values, "|") + ")"
}

// relativeTime matches Grafana's relative times without rounding: now, now-15m, now-7d.
var relativeTime = regexp.MustCompile(`^now(?:-(\d+)([smhdw]))?$`)

// BeforeNow turns a dashboard time like "now-1h" into how long before now it is.
func BeforeNow(text string) (time.Duration, error) {
	parts := relativeTime.FindStringSubmatch(strings.TrimSpace(text))
	if parts == nil {
		return 0, fmt.Errorf("time %q: only now and now-<n><s|m|h|d|w> are supported", text)
	}
	if parts[1] == "" {
		return 0, nil
	}
	count, err := strconv.Atoi(parts[1])
	if err != nil {
		return 0, err
	}
	unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[parts[2]]
	return time.Duration(count) * unit, nil
}
