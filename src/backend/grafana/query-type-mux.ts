/**
 * Routes each query of a QueryData request to the handler of its query type, like the Go SDK's
 * datasource/query_type_mux.go. Queries run concurrently and in isolation: one failing, slow or malformed
 * query answers its own refId with an error and never fails the others (Grafana then answers 207).
 */
import {
  errorResponse,
  type CallContext,
  type DataQuery,
  type DataResponse,
  type QueryDataHandler,
  type QueryDataRequest,
  type QueryDataResponse,
  type QueryHandler,
} from './data';
import { dataResponseFromError, isPluginError } from './errors';
import { log } from './logger';

export interface QueryTypeMuxOptions {
  /** Query type of queries that name none (older saved panels, minimal provisioning). */
  defaultQueryType?: string;
}

/**
 * Grafana's own default for how many queries of one request a data source runs at once
 * (`[query] concurrent_query_limit`); it sends the configured value as GF_CONCURRENT_QUERY_COUNT.
 */
const DEFAULT_CONCURRENCY = 10;

function concurrencyLimit(grafanaConfig: Record<string, string>): number {
  const configured = Number.parseInt(grafanaConfig.GF_CONCURRENT_QUERY_COUNT ?? '', 10);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_CONCURRENCY;
}

/** Runs `task` for every item with at most `limit` in flight, keeping results in input order. */
async function mapWithLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export class QueryTypeMux {
  private readonly handlers = new Map<string, QueryHandler>();
  private readonly defaultQueryType: string;

  constructor(opts: QueryTypeMuxOptions = {}) {
    this.defaultQueryType = opts.defaultQueryType ?? 'raw';
  }

  handle(queryType: string, handler: QueryHandler): this {
    if (this.handlers.has(queryType)) {
      throw new Error(`a handler for query type "${queryType}" is already registered`);
    }
    this.handlers.set(queryType, handler);
    return this;
  }

  /** The type a query is routed by: the DataQuery field, else the one in its JSON model, else the default. */
  queryTypeOf(query: DataQuery): string {
    if (query.queryType) {
      return query.queryType;
    }
    const model = query.json;
    if (typeof model === 'object' && model !== null && 'queryType' in model) {
      const fromModel = (model as { queryType?: unknown }).queryType;
      if (typeof fromModel === 'string' && fromModel !== '') {
        return fromModel;
      }
    }
    return this.defaultQueryType;
  }

  readonly queryData: QueryDataHandler = async (req, ctx) => {
    const answers = await mapWithLimit(
      req.queries,
      concurrencyLimit(req.pluginContext.grafanaConfig),
      async (query) => {
        const response = await this.runQuery(query, req, ctx);
        for (const frame of response.frames) {
          frame.refId ||= query.refId;
        }
        return [query.refId, response] as const;
      }
    );
    const responses: QueryDataResponse = new Map(answers);
    return responses;
  };

  private async runQuery(query: DataQuery, req: QueryDataRequest, ctx: CallContext): Promise<DataResponse> {
    if (query.jsonError !== undefined) {
      return errorResponse(400, `invalid query JSON: ${query.jsonError}`);
    }
    const queryType = this.queryTypeOf(query);
    const handler = this.handlers.get(queryType);
    if (!handler) {
      const valid = [...this.handlers.keys()].sort().join(', ');
      return errorResponse(400, `unknown query type "${queryType}"; valid query types are: ${valid}`);
    }
    try {
      return await handler(query, req, ctx);
    } catch (err) {
      if (!isPluginError(err) && !ctx.signal.aborted) {
        // Not a deliberate PluginError: a bug or an unhandled case, worth its stack in the log.
        log.error('Query handler threw', {
          refId: query.refId,
          queryType,
          error: err,
          stack: err instanceof Error ? err.stack : undefined,
        });
      }
      return dataResponseFromError(err, ctx.signal);
    }
  }
}
