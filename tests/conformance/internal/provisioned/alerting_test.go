package provisioned

import (
	"strings"
	"testing"
)

func ruleWith(t *testing.T, old, replacement string) Rule {
	t.Helper()
	return loadWith(t, "alerting/rules.yaml", old, replacement).RuleGroups[0].Rules[0]
}

func TestCheckRuleChainAcceptsQueryReduceThreshold(t *testing.T) {
	if err := CheckRuleChain(ruleWith(t, "", "")); err != nil {
		t.Fatal(err)
	}
	if err := CheckRuleChain(ruleWith(t, "expression: A,", "expression: $A,")); err != nil {
		t.Errorf("$A is how the rule editor writes references: %v", err)
	}
}

func TestCheckRuleChainFindsBrokenChains(t *testing.T) {
	cases := []struct {
		name, old, replacement, want string
	}{
		{"condition names a missing refId", "condition: C", "condition: D", "condition D is not one of the refIds [A B C]"},
		{"no condition", "condition: C", "condition: ''", "no condition"},
		{"condition on the reduce", "condition: C", "condition: B", "condition B is a reduce expression, want the threshold"},
		{"condition on the query", "condition: C", "condition: A", "condition A is a data source query"},
		{"threshold reads the query", "expression: B", "expression: A", "threshold C reads A a data source query, want a reduce"},
		{"reduce reads itself", "expression: A,", "expression: B,", "expression B reads itself"},
		{"reduce reads nothing", "expression: A,", "expression: Z,", `expression B reads "Z"`},
		{"duplicate refId", "- refId: B", "- refId: A", "refId A is used twice"},
		{"unknown reducer", "reducer: last", "reducer: latest", `unknown reducer "latest"`},
		{"unknown reduce mode", "mode: dropNN", "mode: dropNaN", `unknown mode "dropNaN"`},
		{"replaceNN without value", "mode: dropNN", "mode: replaceNN", "replaceNN needs replaceWithValue"},
		{"unknown evaluator", "type: gt,", "type: greater,", `unknown evaluator type "greater"`},
		{"range without two params", "type: gt, params: [4]", "type: within_range, params: [4]", "needs 2 params, has 1"},
		{"param not a number", "params: [4]", "params: [four]", "param four is not a number"},
		{"no relativeTimeRange", "relativeTimeRange: {from: 600, to: 0}", "relativeTimeRange: null", "query A has no relativeTimeRange"},
		{"empty window", "relativeTimeRange: {from: 600, to: 0}", "relativeTimeRange: {from: 0, to: 600}", "is empty or in the future"},
	}
	for _, c := range cases {
		err := CheckRuleChain(ruleWith(t, c.old, c.replacement))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}
