/**
 * A tiny router: method + path pattern (`incidents/:id/labels`) → route. When several patterns match, the one
 * with more literal segments wins, so `incidents/export` beats `incidents/:id` whatever the registration order.
 * A path that exists with another method answers 405 with `Allow`; anything else 404.
 */
import { HttpError } from './http';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Entry<R> {
  method: Method;
  pattern: string;
  segments: string[];
  literals: number;
  route: R;
}

export interface Match<R> {
  route: R;
  params: Record<string, string>;
  pattern: string;
}

function split(path: string): string[] {
  return path.replace(/^\/+|\/+$/g, '').split('/');
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Grafana hands over paths already decoded; a lone `%` is then just a character.
    return segment;
  }
}

export class Router<R> {
  private readonly entries: Array<Entry<R>> = [];

  add(method: Method, pattern: string, route: R): this {
    const segments = split(pattern);
    if (this.entries.some((e) => e.method === method && e.pattern === pattern)) {
      throw new Error(`route ${method} ${pattern} registered twice`);
    }
    this.entries.push({
      method,
      pattern,
      segments,
      literals: segments.filter((s) => !s.startsWith(':')).length,
      route,
    });
    return this;
  }

  /** @throws HttpError 404 or 405 */
  match(method: string, path: string): Match<R> {
    const segments = split(path.split('?')[0]);
    const candidates = this.entries
      .map((entry) => ({ entry, params: matchSegments(entry.segments, segments) }))
      .filter((c): c is { entry: Entry<R>; params: Record<string, string> } => c.params !== undefined);
    if (candidates.length === 0) {
      throw new HttpError(404, `no resource at ${segments.join('/')}`);
    }
    const best = Math.max(...candidates.map((c) => c.entry.literals));
    const specific = candidates.filter((c) => c.entry.literals === best);
    const hit = specific.find((c) => c.entry.method === method.toUpperCase());
    if (!hit) {
      const allowed = [...new Set(specific.map((c) => c.entry.method))].sort();
      throw new HttpError(405, `${method.toUpperCase()} is not allowed here; use ${allowed.join(', ')}`, {
        Allow: [allowed.join(', ')],
      });
    }
    return { route: hit.entry.route, params: hit.params, pattern: hit.entry.pattern };
  }

  /** Every registered route, for documentation and tests. */
  list(): Array<{ method: Method; pattern: string; route: R }> {
    return this.entries.map(({ method, pattern, route }) => ({ method, pattern, route }));
  }
}

function matchSegments(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i];
    const actual = decode(path[i]);
    if (expected.startsWith(':')) {
      if (actual === '') {
        return undefined;
      }
      params[expected.slice(1)] = actual;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
