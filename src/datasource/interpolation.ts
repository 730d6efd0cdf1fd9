/**
 * How template variable values are written into PromQL. Multi-value variables follow Grafana's Prometheus data
 * source, so a dashboard behaves the same whichever of the two data sources it uses.
 *
 * Values almost always land inside a double-quoted PromQL string (`job="$job"`, `instance=~"$instance"`), the
 * PromQL convention, so they are escaped for one: `\` and `"` get a backslash. A multi-value (or "All")
 * variable is meant for a regex matcher: each value is escaped as a regex literal, the values are joined as
 * `(a|b)`, and the result is then escaped for the string the regex sits in.
 */

/** Minimal view of a Grafana variable; the template service passes the full model. */
export interface VariableLike {
  multi?: boolean;
  includeAll?: boolean;
}

/** Escapes text for a double-quoted PromQL string literal. */
export function escapePromQLString(value: string): string {
  return value.replace(/[\\"]/g, '\\$&');
}

/** Escapes text to match itself literally in a (RE2) regex. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.*+?^${}()|[\]]/g, '\\$&');
}

/** Format function for `templateSrv.replace` when interpolating a PromQL expression. */
export function formatPromQLVariable(value: string | string[], variable: VariableLike | undefined): string {
  const values = Array.isArray(value) ? value : [value];
  if (!variable?.multi && !variable?.includeAll) {
    return escapePromQLString(values.join(','));
  }
  const alternatives = values.map(escapeRegex);
  const regex = alternatives.length === 1 ? alternatives[0] : `(${alternatives.join('|')})`;
  return escapePromQLString(regex);
}
