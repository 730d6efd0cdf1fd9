package provisioned

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Reducers and threshold evaluators of Grafana's server-side expressions (pkg/expr): anything else is refused
// when the rule is saved, which for a provisioned rule means Grafana does not start cleanly.
var (
	reducers          = map[string]bool{"sum": true, "mean": true, "min": true, "max": true, "count": true, "last": true, "median": true}
	reduceModes       = map[string]bool{"": true, "strict": true, "dropNN": true, "replaceNN": true}
	evaluatorArgCount = map[string]int{"gt": 1, "lt": 1, "eq": 1, "ne": 1, "gte": 1, "lte": 1,
		"within_range": 2, "outside_range": 2, "within_range_included": 2, "outside_range_included": 2}
)

// CheckRuleChain verifies the shape Traceo ML's provisioned rules use: a data query, reduced to one number
// per series, compared by a threshold, and the rule's condition is that threshold. Every refId is unique and
// every expression's input exists.
func CheckRuleChain(rule Rule) error {
	steps := make(map[string]RuleQuery, len(rule.Data))
	for i, step := range rule.Data {
		if step.RefID == "" {
			return fmt.Errorf("step %d has no refId", i+1)
		}
		if _, dup := steps[step.RefID]; dup {
			return fmt.Errorf("refId %s is used twice", step.RefID)
		}
		steps[step.RefID] = step
	}
	for _, step := range rule.Data {
		if step.IsExpression() {
			if _, err := inputOf(steps, step); err != nil {
				return err
			}
		} else if err := checkRelativeTimeRange(step); err != nil {
			return err
		}
	}
	if rule.Condition == "" {
		return errors.New("no condition")
	}
	condition, ok := steps[rule.Condition]
	if !ok {
		return fmt.Errorf("condition %s is not one of the refIds %s", rule.Condition, refIDs(steps))
	}
	if kind := expressionType(condition); kind != "threshold" {
		return fmt.Errorf("condition %s is %s, want the threshold that ends data query → reduce → threshold", rule.Condition, describe(condition))
	}
	if err := checkThreshold(condition); err != nil {
		return err
	}
	reduce, _ := inputOf(steps, condition)
	if expressionType(reduce) != "reduce" {
		return fmt.Errorf("threshold %s reads %s %s, want a reduce expression", condition.RefID, reduce.RefID, describe(reduce))
	}
	if err := checkReduce(reduce); err != nil {
		return err
	}
	query, _ := inputOf(steps, reduce)
	if query.IsExpression() {
		return fmt.Errorf("reduce %s reads %s %s, want a data source query", reduce.RefID, query.RefID, describe(query))
	}
	return nil
}

// inputOf returns the step an expression reads (its `expression` field: "A", "$A" or "${A}").
func inputOf(steps map[string]RuleQuery, step RuleQuery) (RuleQuery, error) {
	text, _ := step.Model["expression"].(string)
	refID := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(text), "$"), "{"), "}")
	if refID == "" {
		return RuleQuery{}, fmt.Errorf("expression %s has no input (model.expression)", step.RefID)
	}
	input, ok := steps[refID]
	if !ok {
		return RuleQuery{}, fmt.Errorf("expression %s reads %q, which is not one of the refIds %s", step.RefID, text, refIDs(steps))
	}
	if input.RefID == step.RefID {
		return RuleQuery{}, fmt.Errorf("expression %s reads itself", step.RefID)
	}
	return input, nil
}

// checkRelativeTimeRange: a data query needs a non-empty window [now−from, now−to] that does not reach past now.
func checkRelativeTimeRange(step RuleQuery) error {
	window := step.RelativeTimeRange
	if window == nil {
		return fmt.Errorf("query %s has no relativeTimeRange", step.RefID)
	}
	if window.To < 0 || window.From <= window.To {
		return fmt.Errorf("query %s: relativeTimeRange from %d to %d is empty or in the future", step.RefID, window.From, window.To)
	}
	return nil
}

func checkThreshold(step RuleQuery) error {
	conditions, _ := step.Model["conditions"].([]any)
	if len(conditions) == 0 {
		return fmt.Errorf("threshold %s has no conditions", step.RefID)
	}
	first, _ := conditions[0].(map[string]any)
	evaluator, _ := first["evaluator"].(map[string]any)
	kind, _ := evaluator["type"].(string)
	want, known := evaluatorArgCount[kind]
	if !known {
		return fmt.Errorf("threshold %s: unknown evaluator type %q", step.RefID, kind)
	}
	params, _ := evaluator["params"].([]any)
	if len(params) < want {
		return fmt.Errorf("threshold %s: evaluator %s needs %d params, has %d", step.RefID, kind, want, len(params))
	}
	for _, param := range params[:want] {
		switch param.(type) {
		case int, int64, float64:
		default:
			return fmt.Errorf("threshold %s: param %v is not a number", step.RefID, param)
		}
	}
	return nil
}

func checkReduce(step RuleQuery) error {
	reducer, _ := step.Model["reducer"].(string)
	if !reducers[reducer] {
		return fmt.Errorf("reduce %s: unknown reducer %q", step.RefID, reducer)
	}
	settings, _ := step.Model["settings"].(map[string]any)
	mode, _ := settings["mode"].(string)
	if !reduceModes[mode] {
		return fmt.Errorf("reduce %s: unknown mode %q", step.RefID, mode)
	}
	if _, ok := settings["replaceWithValue"]; mode == "replaceNN" && !ok {
		return fmt.Errorf("reduce %s: mode replaceNN needs replaceWithValue", step.RefID)
	}
	return nil
}

// expressionType is the model's type for expressions, "" for data source queries.
func expressionType(step RuleQuery) string {
	if !step.IsExpression() {
		return ""
	}
	kind, _ := step.Model["type"].(string)
	return kind
}

func describe(step RuleQuery) string {
	if kind := expressionType(step); kind != "" {
		return "a " + kind + " expression"
	}
	if step.IsExpression() {
		return "an expression without a type"
	}
	return "a data source query"
}

func refIDs(steps map[string]RuleQuery) string {
	ids := make([]string, 0, len(steps))
	for id := range steps {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return "[" + strings.Join(ids, " ") + "]"
}
