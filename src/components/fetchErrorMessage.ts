import { isFetchError } from '@grafana/runtime';

/** The most useful text of a failed Grafana API call: the server's message, else the HTTP status. */
export function fetchErrorMessage(error: unknown, fallback: string): string {
  if (isFetchError(error)) {
    const data: unknown = error.data;
    const message = typeof data === 'object' && data !== null && 'message' in data ? data.message : undefined;
    if (typeof message === 'string' && message !== '') {
      return message;
    }
    return error.statusText || `${fallback} (HTTP ${error.status})`;
  }
  return error instanceof Error && error.message ? error.message : fallback;
}
