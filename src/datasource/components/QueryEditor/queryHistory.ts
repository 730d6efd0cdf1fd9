import { store } from '@grafana/data';

/** Per browser, shared by every Traceo ML data source: an expression is worth re-running whichever one ran it. */
export const QUERY_HISTORY_KEY = 'grafana.plugins.traceo-ml.queryHistory';
export const QUERY_HISTORY_LIMIT = 20;

/** Most recent first. A corrupt or foreign value reads as an empty history rather than breaking the editor. */
export function loadQueryHistory(): string[] {
  const stored = store.getObject<unknown>(QUERY_HISTORY_KEY, []);
  return Array.isArray(stored) ? stored.filter((item): item is string => typeof item === 'string') : [];
}

/** Moves (or adds) the expression to the top and returns the new history. Blank expressions are not kept. */
export function rememberQuery(expr: string): string[] {
  const trimmed = expr.trim();
  if (!trimmed) {
    return loadQueryHistory();
  }
  const history = [trimmed, ...loadQueryHistory().filter((item) => item !== trimmed)].slice(0, QUERY_HISTORY_LIMIT);
  try {
    store.setObject(QUERY_HISTORY_KEY, history);
  } catch {
    // Storage full or disabled (private mode): losing the history is better than failing the query.
  }
  return history;
}
