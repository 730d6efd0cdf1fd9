import { from, Observable } from 'rxjs';

import { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';

/** Who the preview acts as; the conformance host turns these headers into the plugin context's user. */
export interface PreviewIdentity {
  login: string;
  role: 'Viewer' | 'Editor' | 'Admin';
}

/**
 * Just enough of Grafana's BackendSrv for the labeling UI: `fetch` over the browser's fetch against the same
 * origin (the conformance host serves the preview and Grafana's API side by side). Failures are rejected in
 * Grafana's FetchError shape so the UI's error handling is exercised as it is in Grafana.
 */
export function fetchBackendSrv(identity: PreviewIdentity): BackendSrv {
  const fetchObservable = <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> =>
    from(send<T>(options, identity));
  const unsupported = () => Promise.reject(new Error('not available in the labeling preview'));
  return {
    fetch: fetchObservable,
    get: unsupported,
    post: unsupported,
    put: unsupported,
    patch: unsupported,
    delete: unsupported,
    request: unsupported,
    datasourceRequest: unsupported,
  } as unknown as BackendSrv;
}

async function send<T>(options: BackendSrvRequest, identity: PreviewIdentity): Promise<FetchResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { 'X-Grafana-Role': identity.role, 'X-Grafana-User': identity.login };
  let body: string | undefined;
  if (options.data !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.data);
  }
  const response = await fetch(options.url, { method, headers, body });
  const text = await response.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text, as Grafana does.
  }
  const result = {
    data: data as T,
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    headers: response.headers,
    redirected: response.redirected,
    type: response.type,
    url: response.url,
    config: options,
  };
  if (!response.ok) {
    const error: FetchError = { ...result, data, config: options };
    throw error;
  }
  return result;
}
