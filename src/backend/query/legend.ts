/**
 * Series display names, as Grafana's Prometheus data source shows them: the legend template with `{{label}}`
 * replaced, or else `metric{label="value", …}`, so our raw panels read like stock Prometheus panels.
 */
import type { Labels } from 'backend/prometheus/samples';

/** Grafana's "Auto" legend option: let the panel decide, exactly as when no legend is set. */
const AUTO_LEGEND = '__auto';

export function seriesDisplayName(labels: Labels, legendFormat: string | undefined, expr: string): string {
  if (legendFormat && legendFormat !== AUTO_LEGEND) {
    return legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  }
  const { __name__: metric = '', ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((key) => `${key}="${rest[key]}"`);
  if (metric === '' && pairs.length === 0) {
    // An aggregation down to one unlabeled series: the expression is the only meaningful name.
    return expr;
  }
  return pairs.length > 0 ? `${metric}{${pairs.join(', ')}}` : metric;
}
