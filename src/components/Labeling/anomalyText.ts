import { AnomalyVerdict } from 'contract/labels';
import { Anomaly } from 'contract/resources';

/** How the verdicts read in the form, the confirmations and the disagreement list. */
export const VERDICT_TEXT: Record<AnomalyVerdict, string> = {
  true_anomaly: 'True anomaly',
  false_alarm: 'False alarm',
  unknown: 'Unknown',
};

/**
 * The series as Prometheus prints it, `name{a="1", b="2"}`, so a reviewer recognises it; the metric name leads
 * and the other labels follow in name order so two views of one series always read the same.
 */
export function seriesName(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((key) => key !== '__name__')
    .sort()
    .map((key) => `${key}="${labels[key]}"`);
  if (rest.length === 0) {
    return name || '{}';
  }
  return `${name}{${rest.join(', ')}}`;
}

/** The title a queue row and the details show: the series, or the expression when the series has no labels. */
export function anomalyTitle(anomaly: Anomaly): string {
  return Object.keys(anomaly.seriesLabels).length > 0 ? seriesName(anomaly.seriesLabels) : (anomaly.expr ?? anomaly.id);
}

/** Detector names as stored (comma separated when several agreed), as a list. */
export function detectorNames(anomaly: Anomaly): string[] {
  return (anomaly.detector ?? '')
    .split(/[,+]/)
    .map((name) => name.trim())
    .filter(Boolean);
}
