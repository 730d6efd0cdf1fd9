/**
 * Custom HTTP headers in Grafana's convention: the name in jsonData.httpHeaderName<N> (visible to the browser),
 * the value in secureJsonData.httpHeaderValue<N> (write-only, because it is usually a tenant id or an API key).
 */
import { MAX_CUSTOM_HEADERS } from 'contract/settings';
import type { CustomHeader, PrometheusAuth } from './traceo-settings';

/** RFC 9110 token characters: anything else makes Node refuse the request at send time. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers the client sets itself; overriding them would corrupt the request rather than customise it. */
const RESERVED = new Set(['content-length', 'content-type', 'transfer-encoding', 'connection', 'accept-encoding']);

export interface CustomHeadersResult {
  headers: CustomHeader[];
  problems: string[];
}

export function readCustomHeaders(
  jsonData: Record<string, unknown>,
  secure: Record<string, string>,
  auth: PrometheusAuth
): CustomHeadersResult {
  const headers: CustomHeader[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();

  for (let n = 1; n <= MAX_CUSTOM_HEADERS; n++) {
    const nameKey = `jsonData.httpHeaderName${n}`;
    const valueKey = `secureJsonData.httpHeaderValue${n}`;
    const rawName = jsonData[`httpHeaderName${n}`];
    if (rawName === undefined || rawName === null || rawName === '') {
      continue;
    }
    if (typeof rawName !== 'string') {
      problems.push(`${nameKey} must be a string`);
      continue;
    }
    const name = rawName.trim();
    const lower = name.toLowerCase();
    const value = secure[`httpHeaderValue${n}`] ?? '';

    if (!HEADER_NAME.test(name)) {
      problems.push(`${nameKey} "${name}" is not a valid HTTP header name`);
    } else if (RESERVED.has(lower)) {
      problems.push(`${nameKey} "${name}" is set by the plugin itself and cannot be overridden`);
    } else if (lower === 'authorization' && auth.method !== 'none') {
      problems.push(`${nameKey} "Authorization" conflicts with authMethod "${auth.method}": use one or the other`);
    } else if (seen.has(lower)) {
      problems.push(`${nameKey} "${name}" is configured twice`);
    } else if (/[\r\n\0]/.test(value)) {
      problems.push(`${valueKey} must not contain line breaks`);
    } else {
      seen.add(lower);
      headers.push({ name, value });
    }
  }
  return { headers, problems };
}
