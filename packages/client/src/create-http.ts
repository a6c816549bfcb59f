import { ErrorEnvelope } from '@ritmo/protocol';
import { toError } from '@ritmo/shared';
import { RitmoApiError } from './ritmo-api-error.js';

export type QueryValue = string | number | boolean | undefined | null;

export interface HttpOptions {
  /** Where the server is (`http://127.0.0.1:8080`); empty for the page's own origin in a browser. */
  baseUrl?: string;
  /** A bearer API token (`ritmo_…`). Without one, a browser sends its session cookie. */
  token?: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Http {
  /** The absolute (or same-origin) URL of an API path with its query. */
  url(path: string, query?: Record<string, QueryValue>): string;
  /** Headers every request carries (the bearer token, when there is one). */
  headers(extra?: Record<string, string>): Record<string, string>;
  /** Sends a request and returns the response when it is a success; throws RitmoApiError otherwise. */
  send(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** `send`, then the JSON body (undefined for 204). */
  json<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  readonly fetch: typeof fetch;
}

/** Turns a failed response into a RitmoApiError, reading the error envelope when the body is one. */
export async function errorFromResponse(response: Response): Promise<RitmoApiError> {
  const requestId = response.headers.get('x-request-id');
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const envelope = ErrorEnvelope.safeParse(parsed);
  if (envelope.success) {
    const { error, message, details, suggestions } = envelope.data;
    return new RitmoApiError(error, message, { status: response.status, details, suggestions, requestId });
  }
  return new RitmoApiError('ERR_CLIENT_BAD_RESPONSE', `the server answered ${response.status} ${response.statusText} without an error envelope`, {
    status: response.status,
    details: { body: text.slice(0, 500) },
    requestId,
  });
}

/** The request core shared by every API group: base URL, credentials, JSON bodies, the error envelope. */
export function createHttp(options: HttpOptions = {}): Http {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const http: Http = {
    fetch: doFetch,
    url(path, query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) params.set(k, String(v));
      const qs = params.toString();
      return `${base}${path}${qs ? `?${qs}` : ''}`;
    },
    headers(extra = {}) {
      return { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...extra };
    },
    async send(method, path, req = {}) {
      const headers = http.headers({ accept: 'application/json', ...req.headers });
      let body: string | undefined;
      if (req.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(req.body);
      }
      let response: Response;
      try {
        response = await doFetch(http.url(path, req.query), {
          method,
          headers,
          credentials: 'same-origin',
          ...(body === undefined ? {} : { body }),
          ...(req.signal ? { signal: req.signal } : {}),
        });
      } catch (e: unknown) {
        const error = toError(e);
        if (error.name === 'AbortError') throw error;
        throw new RitmoApiError('ERR_CLIENT_NETWORK', `could not reach the server: ${error.message}`, { status: 0, cause: error });
      }
      if (!response.ok) throw await errorFromResponse(response);
      return response;
    },
    async json<T>(method: string, path: string, req: RequestOptions = {}): Promise<T> {
      const response = await http.send(method, path, req);
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      try {
        return JSON.parse(text) as T;
      } catch (e: unknown) {
        throw new RitmoApiError('ERR_CLIENT_BAD_RESPONSE', `the answer to ${method} ${path} is not JSON`, { status: response.status, details: { body: text.slice(0, 500) }, cause: toError(e) });
      }
    },
  };
  return http;
}
