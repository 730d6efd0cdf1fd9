package provisioned

import (
	"errors"
	"fmt"
	"strings"
)

// reference is one place in the provisioning that names a data source.
type reference struct {
	where string
	uid   string
	// kind is the data source type stated next to the uid; "" where the format has none (datasourceUid).
	kind string
	// typed says the format has a type field, so a reference to a plugin's data source must state it.
	typed bool
}

// builtInUIDs are data sources Grafana has without provisioning: expressions, the built-in Grafana data source,
// and the mixed and dashboard pseudo data sources.
var builtInUIDs = map[string]bool{ExpressionUID: true, "-- Grafana --": true, "grafana": true, "-- Mixed --": true, "-- Dashboard --": true}

// CheckReferences finds every data source reference that Grafana could not resolve to a provisioned data source
// of the stated type, and every reference to a data source of pluginType that does not state that type. The
// app's defaultDataSourceUid (appType) must name a provisioned data source of pluginType. Returns all problems.
func CheckReferences(p Provisioning, pluginType, appType string) error {
	byUID := map[string]DataSource{}
	var problems []error
	for _, ds := range p.DataSources {
		if ds.UID == "" {
			problems = append(problems, fmt.Errorf("%s: data source %q has no uid: references would break whenever it is re-created", ds.File, ds.Name))
			continue
		}
		if other, dup := byUID[ds.UID]; dup {
			problems = append(problems, fmt.Errorf("%s: uid %q is provisioned twice (also %q)", ds.File, ds.UID, other.Name))
		}
		byUID[ds.UID] = ds
	}
	for _, ref := range references(p, appType, pluginType) {
		if err := checkReference(ref, byUID, pluginType); err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", ref.where, err))
		}
	}
	problems = append(problems, ruleModelMismatches(p)...)
	return errors.Join(problems...)
}

// ruleModelMismatches: an alert query names its data source twice, in datasourceUid (what the alerting engine
// calls) and in the model (what the rule editor shows); two different uids mean the editor lies.
func ruleModelMismatches(p Provisioning) []error {
	var problems []error
	for _, group := range p.RuleGroups {
		for _, rule := range group.Rules {
			for _, query := range rule.Data {
				if model := refOf(query.Model); model != nil && model.UID != "" && model.UID != query.DatasourceUID {
					problems = append(problems, fmt.Errorf("%s: rule %s query %s: datasourceUid %q but the model names %q",
						group.File, rule.UID, query.RefID, query.DatasourceUID, model.UID))
				}
			}
		}
	}
	return problems
}

func checkReference(ref reference, byUID map[string]DataSource, pluginType string) error {
	if builtInUIDs[ref.uid] || strings.HasPrefix(ref.uid, "$") {
		return nil // built in, or a data source variable the browser resolves
	}
	if ref.uid == "" {
		if ref.kind == pluginType {
			return fmt.Errorf("type %s without a uid", pluginType)
		}
		return nil // inherits the panel's or the default data source
	}
	ds, ok := byUID[ref.uid]
	if !ok {
		return fmt.Errorf("data source uid %q is not provisioned", ref.uid)
	}
	if ref.kind != "" && ref.kind != ds.Type {
		return fmt.Errorf("type %q, but uid %q is provisioned as %q", ref.kind, ref.uid, ds.Type)
	}
	if ref.typed && ref.kind == "" && ds.Type == pluginType {
		return fmt.Errorf("uid %q without type %q", ref.uid, pluginType)
	}
	return nil
}

// references lists every data source reference of the provisioning.
func references(p Provisioning, appType, pluginType string) []reference {
	var refs []reference
	add := func(where string, ref *DataSourceRef) {
		if ref != nil {
			refs = append(refs, reference{where: where, uid: ref.UID, kind: ref.Type, typed: true})
		}
	}
	for _, app := range p.Apps {
		if uid, ok := app.JSONData["defaultDataSourceUid"].(string); ok && app.Type == appType {
			refs = append(refs, reference{where: fmt.Sprintf("%s: app %s defaultDataSourceUid", app.File, app.Type), uid: uid, kind: pluginType})
		}
	}
	for _, group := range p.RuleGroups {
		for _, rule := range group.Rules {
			for _, query := range rule.Data {
				where := fmt.Sprintf("%s: rule %s query %s", group.File, rule.UID, query.RefID)
				refs = append(refs, reference{where: where + " datasourceUid", uid: query.DatasourceUID})
				add(where+" model", refOf(query.Model))
			}
		}
	}
	for _, dashboard := range p.Dashboards {
		prefix := fmt.Sprintf("%s: dashboard %s", dashboard.File, dashboard.UID)
		for _, variable := range dashboard.Templating.List {
			add(fmt.Sprintf("%s variable %s", prefix, variable.Name), variable.Datasource)
		}
		for _, annotation := range dashboard.Annotations.List {
			add(fmt.Sprintf("%s annotation %q", prefix, annotation.Name), annotation.Datasource)
		}
		for _, panel := range dashboard.AllPanels() {
			where := fmt.Sprintf("%s panel %d", prefix, panel.ID)
			add(where, panel.Datasource)
			for i, target := range panel.Targets {
				add(fmt.Sprintf("%s target %s", where, targetRefID(target, i)), refOf(target))
			}
		}
	}
	return refs
}

// targetRefID names a target by its refId, or by position when it has none.
func targetRefID(target map[string]any, index int) string {
	if refID, ok := target["refId"].(string); ok && refID != "" {
		return refID
	}
	return fmt.Sprintf("#%d", index+1)
}
