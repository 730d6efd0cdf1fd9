/**
 * Grafana's Prometheus macros, replaced server-side. Panels get them interpolated in the browser, but alert
 * and recording rules run in Grafana's server with no browser involved, so the backend must do it (the
 * long-standing complaint in grafana/grafana#11555). Values follow Grafana's Prometheus data source.
 */
import { formatPromDuration } from './duration';
import type { RangePlan } from './step';

type MacroValues = Pick<RangePlan, 'stepMs' | 'rangeMs' | 'rateIntervalMs'>;

/** `$__name` or `${__name}`; the greedy name keeps `$__interval_ms` from matching as `$__interval` + `_ms`. */
const MACRO = /\$(?:\{(__\w+)\}|(__\w+))/g;

export function interpolateMacros(expr: string, plan: MacroValues): string {
  const rangeSeconds = Math.round(plan.rangeMs / 1000);
  const values: Record<string, string> = {
    __interval: formatPromDuration(plan.stepMs),
    __interval_ms: String(plan.stepMs),
    __range: `${rangeSeconds}s`,
    __range_s: String(rangeSeconds),
    __range_ms: String(plan.rangeMs),
    __rate_interval: formatPromDuration(plan.rateIntervalMs),
    __rate_interval_ms: String(plan.rateIntervalMs),
  };
  return expr.replace(MACRO, (match, braced: string | undefined, bare: string | undefined) => {
    const value = values[braced ?? bare ?? ''];
    return value ?? match;
  });
}

/**
 * Template variables still present after interpolation (`$instance`, `${job}`, `[[host]]`): in an alert rule
 * nothing replaces them, and Prometheus' parse error alone does not tell the user why.
 */
export function findUninterpolatedVariables(expr: string): string[] {
  const found = expr.match(/\$\{?[A-Za-z_]\w*\}?|\[\[[A-Za-z_]\w*\]\]/g) ?? [];
  return [...new Set(found)];
}
