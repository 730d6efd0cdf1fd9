// Package provisioned reads the repository's Grafana provisioning (data sources, app, alert rules, dashboards)
// the way Grafana's file provisioners do, and finds what would break in Grafana: references to data sources
// that are not provisioned or have another type, alert rules whose expression chain does not hold together,
// and the Traceo ML query models that Grafana would send to the plugin.
package provisioned

import (
	"encoding/json"
	"fmt"
)

// Provisioning is everything found under one provisioning directory.
type Provisioning struct {
	DataSources []DataSource
	Apps        []App
	RuleGroups  []RuleGroup
	Dashboards  []Dashboard
}

// DataSource is one entry of provisioning/datasources/*.yaml.
type DataSource struct {
	File string `yaml:"-"`
	Name string `yaml:"name"`
	UID  string `yaml:"uid"`
	Type string `yaml:"type"`
}

// App is one entry of provisioning/plugins/*.yaml.
type App struct {
	File     string         `yaml:"-"`
	Type     string         `yaml:"type"`
	JSONData map[string]any `yaml:"jsonData"`
}

// RuleGroup is one group of provisioning/alerting/*.yaml.
type RuleGroup struct {
	File   string `yaml:"-"`
	Name   string `yaml:"name"`
	Folder string `yaml:"folder"`
	Rules  []Rule `yaml:"rules"`
}

// Rule is a Grafana-managed alert rule: queries and expressions by refId, and the refId that decides.
type Rule struct {
	UID       string      `yaml:"uid"`
	Title     string      `yaml:"title"`
	Condition string      `yaml:"condition"`
	Data      []RuleQuery `yaml:"data"`
}

// RuleQuery is one step of a rule: a data source query, or a server-side expression (datasourceUid __expr__).
type RuleQuery struct {
	RefID             string             `yaml:"refId"`
	DatasourceUID     string             `yaml:"datasourceUid"`
	RelativeTimeRange *RelativeTimeRange `yaml:"relativeTimeRange"`
	Model             map[string]any     `yaml:"model"`
}

// RelativeTimeRange is seconds before the evaluation time: the query covers [now−From, now−To].
type RelativeTimeRange struct {
	From int64 `yaml:"from"`
	To   int64 `yaml:"to"`
}

// ExpressionUID is the pseudo data source of server-side expressions (math, reduce, threshold, …).
const ExpressionUID = "__expr__"

// IsExpression reports whether the step is a server-side expression rather than a data source query.
func (q RuleQuery) IsExpression() bool { return q.DatasourceUID == ExpressionUID }

// Dashboard is a provisioned dashboard JSON file.
type Dashboard struct {
	File  string `json:"-"`
	UID   string `json:"uid"`
	Title string `json:"title"`
	Time  struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"time"`
	Templating struct {
		List []Variable `json:"list"`
	} `json:"templating"`
	Annotations struct {
		List []struct {
			Name       string         `json:"name"`
			Datasource *DataSourceRef `json:"datasource"`
		} `json:"list"`
	} `json:"annotations"`
	Panels []Panel `json:"panels"`
}

// Variable is a dashboard template variable.
type Variable struct {
	Name       string         `json:"name"`
	Type       string         `json:"type"`
	Datasource *DataSourceRef `json:"datasource"`
	IncludeAll bool           `json:"includeAll"`
	Multi      bool           `json:"multi"`
	AllValue   string         `json:"allValue"`
	Current    struct {
		Value any `json:"value"`
	} `json:"current"`
}

// Panel is a dashboard panel; rows carry their collapsed panels in Panels.
type Panel struct {
	ID            int              `json:"id"`
	Title         string           `json:"title"`
	Type          string           `json:"type"`
	Datasource    *DataSourceRef   `json:"datasource"`
	MaxDataPoints int64            `json:"maxDataPoints"`
	Targets       []map[string]any `json:"targets"`
	Panels        []Panel          `json:"panels"`
}

// DataSourceRef is how dashboards point at a data source: {"type","uid"}, or a bare string (a uid, or a name
// in dashboards older than Grafana 8).
type DataSourceRef struct {
	UID  string `json:"uid"`
	Type string `json:"type"`
}

// UnmarshalJSON accepts both the object and the legacy string form.
func (r *DataSourceRef) UnmarshalJSON(raw []byte) error {
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		*r = DataSourceRef{UID: text}
		return nil
	}
	type plain DataSourceRef
	var ref plain
	if err := json.Unmarshal(raw, &ref); err != nil {
		return fmt.Errorf("datasource reference: %w", err)
	}
	*r = DataSourceRef(ref)
	return nil
}

// refOf reads the datasource reference inside a query model (a dashboard target or an alert rule model).
func refOf(model map[string]any) *DataSourceRef {
	switch ds := model["datasource"].(type) {
	case string:
		return &DataSourceRef{UID: ds}
	case map[string]any:
		uid, _ := ds["uid"].(string)
		kind, _ := ds["type"].(string)
		return &DataSourceRef{UID: uid, Type: kind}
	default:
		return nil
	}
}

// AllPanels flattens rows: every panel, including those inside collapsed rows.
func (d Dashboard) AllPanels() []Panel {
	var out []Panel
	var walk func([]Panel)
	walk = func(panels []Panel) {
		for _, panel := range panels {
			out = append(out, panel)
			walk(panel.Panels)
		}
	}
	walk(d.Panels)
	return out
}
