/**
 * Whether a step override is something the backend can use: a Prometheus duration (`30s`, `1m30s`), a number of
 * seconds (`15`, `0.5`), or a template variable (`$step`, `${step}`) resolved at query time. Empty means "derive
 * the step from the panel".
 */
export function isValidStep(step: string | undefined): boolean {
  const value = step?.trim() ?? '';
  return (
    value === '' || /^\$\{?\w+\}?$/.test(value) || /^\d+(\.\d+)?$/.test(value) || /^(\d+(ms|s|m|h|d|w|y))+$/.test(value)
  );
}
