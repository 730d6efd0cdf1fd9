/**
 * HTTP(S) to Prometheus on node:http/https. No fetch/undici on purpose: TLS options (custom CA, skip-verify)
 * and keep-alive pooling need an Agent, and node:https Agents work identically inside the single-executable
 * bundle, with no second copy of undici to keep in step with Node's built-in one.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { TlsSettings } from 'backend/settings/traceo-settings';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export interface TransportRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  /** Form-encoded body for POST. */
  body?: string;
  /** Covers the whole exchange: connect, wait, and reading the body. */
  timeoutMs: number;
  /** The caller's cancellation (Grafana closed the request, or the alert evaluation deadline passed). */
  signal?: AbortSignal;
  /** Decompressed bytes we accept before giving up on the response. */
  maxResponseBytes: number;
}

export interface TransportResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * Why no usable HTTP response came back. `too-large` is ours: the response was cut off at maxResponseBytes;
 * `corrupt` means the body could not be decompressed.
 */
export type TransportFailure =
  'dns' | 'refused' | 'reset' | 'unreachable' | 'tls' | 'timeout' | 'cancelled' | 'too-large' | 'corrupt';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
    readonly code?: string,
    /** The request went out on a pooled keep-alive connection. */
    readonly reusedSocket = false
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpTransport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Closes pooled connections; in-flight requests are not affected. */
  close(): void;
}

export interface NodeHttpTransportOptions {
  tls: TlsSettings;
  /**
   * Ask for gzip. Off by default: measured against Prometheus 2.42 on loopback, gzipping a 100-series × 1,440-point
   * matrix (4.8 MB of JSON, noisy digits compress only ~3×) took Prometheus 0.6–1 s versus 60–80 ms for the
   * plain answer. On the LAN a Grafana and its Prometheus usually share, plain is faster; a compressing proxy
   * in between is still understood.
   */
  compression?: boolean;
}

export function createNodeHttpTransport(options: NodeHttpTransportOptions): HttpTransport {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    rejectUnauthorized: !options.tls.skipVerify,
    // Node's default store plus ours: `ca` replaces the defaults, so they are added back explicitly.
    ca: options.tls.caCert ? [...tls.rootCertificates, options.tls.caCert] : undefined,
  });
  const compression = options.compression ?? false;

  const sendOnce = (request: TransportRequest): Promise<TransportResponse> =>
    new Promise((resolve, reject) => {
      if (request.signal?.aborted) {
        reject(new TransportError('cancelled', 'cancelled before sending'));
        return;
      }
      const isHttps = request.url.protocol === 'https:';
      const headers: Record<string, string> = { ...request.headers };
      if (compression) {
        headers['Accept-Encoding'] = 'gzip, deflate';
      }
      if (request.body !== undefined) {
        headers['Content-Length'] = String(Buffer.byteLength(request.body));
      }
      const req = (isHttps ? https : http).request(request.url, {
        method: request.method,
        headers,
        agent: isHttps ? httpsAgent : httpAgent,
      });

      let settled = false;
      const finish = (err: Error | undefined, res?: TransportResponse) => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        if (err) {
          req.destroy();
          reject(err instanceof TransportError ? err : classify(err, req.reusedSocket));
        } else if (res) {
          resolve(res);
        }
      };
      const onAbort = () => finish(new TransportError('cancelled', 'cancelled by the caller'));
      const timer = setTimeout(
        () => finish(new TransportError('timeout', `no complete answer within ${request.timeoutMs} ms`)),
        request.timeoutMs
      );
      request.signal?.addEventListener('abort', onAbort, { once: true });

      req.on('error', (err) => finish(classify(err, req.reusedSocket)));
      req.on('response', (res) => {
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > request.maxResponseBytes) {
          finish(tooLarge(request.maxResponseBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > request.maxResponseBytes) {
            finish(tooLarge(request.maxResponseBytes));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (err) => finish(err));
        res.on('end', () => {
          decode(Buffer.concat(chunks), res.headers['content-encoding'], request.maxResponseBytes).then(
            (body) =>
              finish(undefined, {
                status: res.statusCode ?? 0,
                contentType: res.headers['content-type'] ?? '',
                body,
              }),
            (err: Error) => finish(err)
          );
        });
      });
      req.end(request.body);
    });

  return {
    async send(request) {
      try {
        return await sendOnce(request);
      } catch (err) {
        // A pooled keep-alive socket the server closed a moment ago fails with ECONNRESET on first write;
        // Node's docs recommend retrying exactly this case once. All our calls are idempotent reads.
        if (err instanceof TransportError && err.failure === 'reset' && err.reusedSocket) {
          return sendOnce(request);
        }
        throw err;
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

async function decode(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  try {
    switch (encoding?.toLowerCase()) {
      case 'gzip':
        return await gunzip(body, { maxOutputLength: maxBytes });
      case 'deflate':
        return await inflate(body, { maxOutputLength: maxBytes });
      default:
        return body;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(maxBytes);
    }
    throw new TransportError('corrupt', `could not decompress the ${encoding} response: ${(err as Error).message}`);
  }
}

function tooLarge(maxBytes: number): TransportError {
  return new TransportError('too-large', `response is larger than ${maxBytes} bytes`);
}

const TLS_CODE = /CERT|SSL|TLS|EPROTO|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function classify(err: Error, reusedSocket: boolean): TransportError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const failure: TransportFailure =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME'
      ? 'dns'
      : code === 'ECONNREFUSED'
        ? 'refused'
        : code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE'
          ? 'reset'
          : TLS_CODE.test(code)
            ? 'tls'
            : 'unreachable';
  return new TransportError(failure, err.message, code || undefined, reusedSocket);
}
